/**
 * Optional and response functions (clarity/src/vm/functions/options.rs), and the value checks the
 * evaluator's control forms (`unwrap!`, `unwrap-err!`, `try!`, `asserts!`, `match`) need. The
 * control forms themselves (evaluating the thrown value lazily, binding names) are the
 * evaluator's; the helpers here raise the reference's errors and the short-return signal.
 */
import type { ClarityValue } from '@stacks-ts/codec';
import { earlyReturn, runtimeError } from '../errors.ts';
import { boolValue } from './arithmetic.ts';
import { expectArgCount, typeValueError, unreachable, valueErrorString } from './check.ts';
import { errValue, okValue, someValue } from './value-types.ts';

function expectOptional(v: ClarityValue): asserts v is Extract<ClarityValue, { type: 'optional' }> {
  if (v.type !== 'optional') throw unreachable(`Expected option value: ${valueErrorString(v)}`);
}

function expectResponse(v: ClarityValue): asserts v is Extract<ClarityValue, { type: 'response' }> {
  if (v.type !== 'response') throw unreachable(`Expected response value: ${valueErrorString(v)}`);
}

/** `(is-some o)`. */
export function isSome(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const v = args[0]!;
  expectOptional(v);
  return boolValue(v.value !== null);
}

/** `(is-none o)`. */
export function isNone(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const v = args[0]!;
  expectOptional(v);
  return boolValue(v.value === null);
}

/** `(is-ok r)`. */
export function isOk(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const v = args[0]!;
  expectResponse(v);
  return boolValue(v.ok);
}

/** `(is-err r)`. */
export function isErr(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const v = args[0]!;
  expectResponse(v);
  return boolValue(!v.ok);
}

/** `(some v)`: `ValueTooLarge` / `TypeSignatureTooDeep` when the wrapper does not fit. */
export function some(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  return someValue(args[0]!);
}

/** `(ok v)`. */
export function ok(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  return okValue(args[0]!);
}

/** `(err v)`. */
export function err(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  return errValue(args[0]!);
}

/** `(default-to default o)`: the optional's value, or `default` for `none`. */
export function defaultTo(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 2);
  const [fallback, v] = args as [ClarityValue, ClarityValue];
  expectOptional(v);
  return v.value ?? fallback;
}

/**
 * The value inside `(some v)` or `(ok v)`, `null` for `none` and `(err ..)` (the reference's
 * `inner_unwrap`); anything else is `Unreachable`.
 */
export function unwrapInner(v: ClarityValue): ClarityValue | null {
  if (v.type === 'optional') return v.value;
  if (v.type === 'response') return v.ok ? v.value : null;
  throw unreachable(`Expected optional or response value: ${valueErrorString(v)}`);
}

/** The value inside `(err v)`, `null` for `(ok ..)` (`inner_unwrap_err`); a non-response is `Unreachable`. */
export function unwrapErrInner(v: ClarityValue): ClarityValue | null {
  if (v.type === 'response') return v.ok ? null : v.value;
  throw unreachable(`Expected response value: ${valueErrorString(v)}`);
}

/** `(unwrap-panic v)`: the inner value, else the runtime error `UnwrapFailure`. */
export function unwrapPanic(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const inner = unwrapInner(args[0]!);
  if (inner === null) throw runtimeError('UnwrapFailure');
  return inner;
}

/** `(unwrap-err-panic r)`: the err value, else `UnwrapFailure`. */
export function unwrapErrPanic(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const inner = unwrapErrInner(args[0]!);
  if (inner === null) throw runtimeError('UnwrapFailure');
  return inner;
}

/** `unwrap!` once both operands are evaluated: the inner value, or a short return of `thrown`. */
export function unwrapOrReturn(input: ClarityValue, thrown: ClarityValue): ClarityValue {
  const inner = unwrapInner(input);
  if (inner === null) throw earlyReturn('UnwrapFailed', thrown);
  return inner;
}

/** `unwrap-err!` once both operands are evaluated: the err value, or a short return of `thrown`. */
export function unwrapErrOrReturn(input: ClarityValue, thrown: ClarityValue): ClarityValue {
  const inner = unwrapErrInner(input);
  if (inner === null) throw earlyReturn('UnwrapFailed', thrown);
  return inner;
}

/**
 * `(try! v)`: the value inside `(some v)` / `(ok v)`; for `none` a short return of `none`, for
 * `(err e)` a short return of `(err e)`.
 */
export function tryUnwrap(input: ClarityValue): ClarityValue {
  if (input.type === 'optional') {
    if (input.value === null) throw earlyReturn('UnwrapFailed', input);
    return input.value;
  }
  if (input.type === 'response') {
    if (input.ok) return input.value;
    throw earlyReturn('UnwrapFailed', errValue(input.value));
  }
  throw unreachable(`Expected optional or response value: ${valueErrorString(input)}`);
}

/** The condition of `asserts!`: a bool, else `TypeValueError(bool, ..)`. */
export function assertCondition(v: ClarityValue): boolean {
  if (v.type !== 'bool') throw typeValueError('bool', v);
  return v.value;
}

/** What `match` branches on: which arm, and the value it binds (`null` for `none`). */
export type MatchInput =
  | { readonly arm: 'some'; readonly value: ClarityValue }
  | { readonly arm: 'none'; readonly value: null }
  | { readonly arm: 'ok'; readonly value: ClarityValue }
  | { readonly arm: 'err'; readonly value: ClarityValue };

/** Classifies `match`'s input; a value that is neither optional nor response is `Unreachable("Bad match input: ..")`. */
export function matchInput(v: ClarityValue): MatchInput {
  if (v.type === 'optional') return v.value === null ? { arm: 'none', value: null } : { arm: 'some', value: v.value };
  if (v.type === 'response') return v.ok ? { arm: 'ok', value: v.value } : { arm: 'err', value: v.value };
  throw unreachable(`Bad match input: ${v.type}`);
}
