/**
 * The shape of a native function in the registry. Most natives take evaluated values; a few take
 * one operand that is not a value and that the evaluator passes separately: the type of
 * `from-consensus-buff?`, the field name of `get`, and the name/value bindings of `tuple`.
 */
import type { ClarityValue, TypeSignature } from '@stacks-ts/codec';
import type { StacksEpochId } from '@stacks-ts/common';
import type { ClarityVersion, NativeContext } from './context.ts';

/** How many operands a native takes in source (type and name operands included); `max` null is unbounded. */
export interface NativeArity {
  readonly min: number;
  readonly max: number | null;
}

/** Version data and arity shared by every native. */
export interface NativeFunctionInfo {
  /** The Clarity name, e.g. `element-at?`. */
  readonly name: string;
  /** First Clarity version with this name (`NativeFunctions` min version). */
  readonly since: ClarityVersion;
  /** Last Clarity version with this name (inclusive), or null when it is still there. */
  readonly until: ClarityVersion | null;
  /** First epoch in which `since` can be used. */
  readonly sinceEpoch: StacksEpochId;
  /** Operand count the type checker accepts. */
  readonly arity: NativeArity;
  /** Behaviour changes by version or epoch after introduction, for readers (the code implements them). */
  readonly changes: readonly string[];
}

/** A native over evaluated values. */
export interface ValueNativeFunction extends NativeFunctionInfo {
  readonly operands: 'values';
  /** Applies the function; throws `ClarityError` (kind `runtime`) as the reference fails. */
  apply(args: readonly ClarityValue[], ctx: NativeContext): ClarityValue;
}

/** A native whose first operand is a type (`from-consensus-buff?`). */
export interface TypeOperandNativeFunction extends NativeFunctionInfo {
  readonly operands: 'type-then-values';
  /** Applies the function to the parsed type and the remaining evaluated values. */
  apply(type: TypeSignature, args: readonly ClarityValue[], ctx: NativeContext): ClarityValue;
}

/** A native whose first operand is a name (`get`). */
export interface NameOperandNativeFunction extends NativeFunctionInfo {
  readonly operands: 'name-then-values';
  /** Applies the function to the name and the remaining evaluated values. */
  apply(name: string, args: readonly ClarityValue[], ctx: NativeContext): ClarityValue;
}

/** A native whose operands are `(name value)` bindings (`tuple`). */
export interface BindingsNativeFunction extends NativeFunctionInfo {
  readonly operands: 'bindings';
  /** Applies the function to the bindings, values evaluated, in source order. */
  apply(bindings: readonly (readonly [string, ClarityValue])[], ctx: NativeContext): ClarityValue;
}

/** A pure native function of the registry. */
export type NativeFunction =
  | ValueNativeFunction
  | TypeOperandNativeFunction
  | NameOperandNativeFunction
  | BindingsNativeFunction;

/** Who implements a reserved native name. */
export type NativeImplementation =
  /** A pure function in `NATIVE_FUNCTIONS`. */
  | 'natives'
  /** A special form or a function that needs the evaluator, storage, assets or chain state. */
  | 'evaluator';

/** One entry of the reference's `NativeFunctions` name table. */
export interface NativeNameInfo {
  readonly name: string;
  readonly since: ClarityVersion;
  readonly until: ClarityVersion | null;
  readonly implementation: NativeImplementation;
}
