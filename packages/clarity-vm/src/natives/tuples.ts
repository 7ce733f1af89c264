/**
 * Tuple construction, `get` and `merge` (clarity/src/vm/functions/tuples.rs).
 */
import { ClarityType, type ClarityValue, type TupleCV, type TypeSignature, typeSignatureToString } from '@stacks-ts/codec';
import { StacksEpochId } from '@stacks-ts/common';
import { runtimeCheckError } from '../errors.ts';
import { expectArgCount, expectArgsAtLeast, incorrectArgumentCount, typeConstructionError, unreachable } from './check.ts';
import { type NativeContext, epochAtLeast } from './context.ts';
import { NONE, primeValueType, setValueType, someValue, typeOfValue } from './value-types.ts';

function typeName(v: ClarityValue): string {
  try {
    return typeSignatureToString(typeOfValue(v));
  } catch {
    return v.type;
  }
}

/**
 * `(tuple (name value) ...)` and `{name: value, ...}` once the values are evaluated
 * (`TupleData::from_data`): a repeated name is `NameAlreadyUsed`, a tuple too large for a value
 * `ValueTooLarge`. Names are the parser's to validate.
 */
export function tupleCons(entries: readonly (readonly [string, ClarityValue])[]): TupleCV {
  expectArgsAtLeast(entries, 1);
  const fields: Record<string, ClarityValue> = {};
  const types = new Map<string, TypeSignature>();
  for (const [name, value] of entries) {
    types.set(name, typeOfValue(value));
    if (Object.hasOwn(fields, name)) {
      throw runtimeCheckError('NameAlreadyUsed', `duplicate tuple field ${name}`, { args: [name] });
    }
    fields[name] = value;
  }
  const tuple: TupleCV = { type: 'tuple', value: fields };
  try {
    primeValueType(tuple, ClarityType.tuple(types));
  } catch (e) {
    throw typeConstructionError(e);
  }
  return tuple;
}

function field(tuple: TupleCV, name: string): ClarityValue {
  if (!Object.hasOwn(tuple.value, name)) {
    throw unreachable(`Unexpected error type during runtime analysis: NoSuchTupleField(${name})`);
  }
  return tuple.value[name]!;
}

/**
 * `(get name t)`: the field of a tuple; on an optional tuple, `(some field)` or `none` (the field
 * name is an operand, not a value, so it comes separately).
 */
export function tupleGet(name: string, args: readonly ClarityValue[]): ClarityValue {
  if (args.length !== 1) throw incorrectArgumentCount(2, args.length + 1);
  const v = args[0]!;
  if (v.type === 'optional') {
    if (v.value === null) return NONE;
    if (v.value.type !== 'tuple') throw unreachable(`Expected tuple: ${typeName(v.value)}`);
    return someValue(field(v.value, name));
  }
  if (v.type === 'tuple') return field(v, name);
  throw unreachable(`Expected tuple: ${typeName(v)}`);
}

/**
 * `(merge base update)`: `base` with the fields of `update` added or replaced. From Epoch 4.0 a
 * merged tuple too large for a value is `ValueTooLarge`.
 */
export function tupleMerge(args: readonly ClarityValue[], ctx: NativeContext): ClarityValue {
  expectArgCount(args, 2);
  const [base, update] = args as [ClarityValue, ClarityValue];
  if (base.type !== 'tuple') throw unreachable(`Expected tuple: ${typeName(base)}`);
  if (update.type !== 'tuple') throw unreachable(`Expected tuple: ${typeName(update)}`);
  const baseType = typeOfValue(base);
  const updateType = typeOfValue(update);
  const types = new Map(baseType.kind === 'tuple' ? baseType.fields : []);
  if (updateType.kind === 'tuple') for (const [n, t] of updateType.fields) types.set(n, t);
  const merged: TupleCV = { type: 'tuple', value: { ...base.value, ...update.value } };
  let type: TypeSignature;
  try {
    type = ClarityType.tuple(types);
  } catch (e) {
    if (epochAtLeast(ctx.epoch, StacksEpochId.Epoch40)) throw typeConstructionError(e);
    // Before Epoch 4.0 the reference builds the oversized tuple anyway and fails later.
    return merged;
  }
  return setValueType(merged, type);
}
