/**
 * Types of runtime values, and the value constructors that check them.
 *
 * The reference stores a type signature inside every list and tuple value (`ListData`,
 * `TupleData`). For values it builds from their items that type is the items' least supertype, but
 * a list or tuple read with an expected type (`from-consensus-buff?`, data-var and map reads)
 * carries the declared type, `as-max-len?` can lower a list's declared length, and `filter` keeps
 * its input's type. Those types decide value sizes (the `some`/`ok`/`err` size limit, and costs),
 * so `typeOfValue` returns a recorded type where one was set with `setValueType`, and otherwise the
 * type computed from the value. Values are immutable, so the answer is cached per value object.
 */
import {
  type ClarityValue,
  ClarityType,
  EMPTY_LIST_TYPE,
  type ListCV,
  MAX_TYPE_DEPTH,
  MAX_VALUE_SIZE,
  NONE_TYPE,
  type OptionalCV,
  type ResponseCV,
  type TupleCV,
  type TypeSignature,
  admitsType,
  leastSupertype,
  typeSignatureEquals,
} from '@stacks-ts/codec';
import type { StacksEpochId } from '@stacks-ts/common';
import { runtimeCheckError } from '../errors.ts';
import { typeConstructionError, unreachable } from './check.ts';
import { isValueSanitizing } from './context.ts';
import { callableTrait, checkListItems } from './callable.ts';

/**
 * The type of a trait callable (`CallableType(Trait(_))`): a principal to the codec's type rules, but
 * sized as the reference sizes it (20 + 128 + 128 bytes), which the `some`/`ok`/`err` limits and costs see.
 */
const CALLABLE_TYPE: TypeSignature = Object.freeze({ ...ClarityType.principal, size: 276 });

/** Size the reference adds for an `optional` or `response` wrapper (`WRAPPER_VALUE_SIZE`). */
export const WRAPPER_VALUE_SIZE = 1;

const typeCache = new WeakMap<ClarityValue, TypeSignature>();
/** Lists and tuples whose type was recorded rather than computed from their contents. */
const recorded = new WeakSet<ClarityValue>();

/** Code points of a JS string (the length of a string-utf8 value). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      n--;
      i++;
    }
  }
  return n;
}

function computeType(v: ClarityValue): TypeSignature {
  switch (v.type) {
    case 'int':
      return ClarityType.int;
    case 'uint':
      return ClarityType.uint;
    case 'bool':
      return ClarityType.bool;
    case 'principal':
      return typeOfValue(v);
    case 'buffer':
      return ClarityType.buffer(v.value.length);
    case 'string-ascii':
      return ClarityType.stringAscii(v.value.length);
    case 'string-utf8':
      return ClarityType.stringUtf8(utf8Length(v.value));
    case 'optional':
      return v.value === null ? NONE_TYPE : ClarityType.optional(typeOfValue(v.value));
    case 'response':
      return v.ok
        ? ClarityType.response(typeOfValue(v.value), ClarityType.noType)
        : ClarityType.response(ClarityType.noType, typeOfValue(v.value));
    case 'list':
      return parentListType(v.value);
    case 'tuple': {
      const fields = new Map<string, TypeSignature>();
      for (const name of Object.keys(v.value)) fields.set(name, typeOfValue(v.value[name]!));
      return ClarityType.tuple(fields);
    }
  }
}

/**
 * The reference's `TypeSignature::type_of(value)`: the recorded type of a list or tuple if one was
 * set, else the type computed from the value. Throws the runtime check error the reference raises
 * when no such type can be built (`ValueTooLarge`, `TypeSignatureTooDeep`, `TypeError`).
 */
export function typeOfValue(v: ClarityValue): TypeSignature {
  switch (v.type) {
    case 'int':
      return ClarityType.int;
    case 'uint':
      return ClarityType.uint;
    case 'bool':
      return ClarityType.bool;
    case 'principal':
      return callableTrait(v) === undefined ? ClarityType.principal : CALLABLE_TYPE;
    default: {
      const cached = typeCache.get(v);
      if (cached !== undefined) return cached;
      let t: TypeSignature;
      try {
        t = computeType(v);
      } catch (e) {
        throw typeConstructionError(e);
      }
      typeCache.set(v, t);
      return t;
    }
  }
}

/**
 * Records the type the reference stores in a list or tuple value (for example the declared type of
 * a value read from storage). The value object must not have been typed differently before.
 */
export function setValueType<V extends ListCV | TupleCV>(v: V, type: TypeSignature): V {
  typeCache.set(v, type);
  recorded.add(v);
  return v;
}

/** Caches the type computed for a value whose type was just built anyway (not a recorded type). */
export function primeValueType(v: ClarityValue, type: TypeSignature): void {
  typeCache.set(v, type);
}

/**
 * Records the declared types of a value read against `expected` (the reference's typed
 * deserialization stores the expected list and tuple types at every level).
 */
export function setDeclaredTypes(v: ClarityValue, expected: TypeSignature): void {
  switch (v.type) {
    case 'list':
      if (expected.kind !== 'list') return;
      setValueType(v, expected);
      for (const item of v.value) setDeclaredTypes(item, expected.itemType);
      return;
    case 'tuple':
      if (expected.kind !== 'tuple') return;
      setValueType(v, expected);
      for (const [name, t] of expected.fields) {
        const field = v.value[name];
        if (field !== undefined) setDeclaredTypes(field, t);
      }
      return;
    case 'optional':
      if (expected.kind === 'optional' && v.value !== null) setDeclaredTypes(v.value, expected.inner);
      return;
    case 'response':
      if (expected.kind === 'response') setDeclaredTypes(v.value, v.ok ? expected.ok : expected.err);
      return;
    default:
      return;
  }
}

/**
 * `TypeSignature::construct_parent_list_type`: the least supertype of the items' types, folded
 * left to right with the Epoch 2.1 rules whatever the epoch (as the reference does).
 */
export function parentListType(items: readonly ClarityValue[]): TypeSignature {
  if (items.length === 0) return EMPTY_LIST_TYPE;
  let entry = typeOfValue(items[0]!);
  try {
    for (let i = 1; i < items.length; i++) {
      const t = typeOfValue(items[i]!);
      if (t !== entry && !typeSignatureEquals(entry, t)) entry = leastSupertype(entry, t);
    }
    return ClarityType.list(entry, items.length);
  } catch (e) {
    throw typeConstructionError(e);
  }
}

/** `TypeSignature::size` of a value's type (an upper bound of its in-memory size). */
export function valueSize(v: ClarityValue): number {
  return typeOfValue(v).size;
}

/** `TypeSignature::admits` for a value: may `v` be used where `expected` is declared? */
export function admitsValue(expected: TypeSignature, v: ClarityValue): boolean {
  return admitsType(expected, typeOfValue(v));
}

function checkWrappable(inner: ClarityValue): void {
  const t = typeOfValue(inner);
  if (t.size + WRAPPER_VALUE_SIZE > MAX_VALUE_SIZE) {
    throw runtimeCheckError('ValueTooLarge', 'value too large to wrap');
  }
  if (t.depth + 1 > MAX_TYPE_DEPTH) {
    throw runtimeCheckError('TypeSignatureTooDeep', 'value too deep to wrap');
  }
}

/** `Value::some`: `(some v)`, or `ValueTooLarge` / `TypeSignatureTooDeep`. */
export function someValue(v: ClarityValue): OptionalCV {
  checkWrappable(v);
  return { type: 'optional', value: v };
}

/** `Value::okay`: `(ok v)`, or `ValueTooLarge` / `TypeSignatureTooDeep`. */
export function okValue(v: ClarityValue): ResponseCV {
  checkWrappable(v);
  return { type: 'response', ok: true, value: v };
}

/** `Value::error`: `(err v)`, or `ValueTooLarge` / `TypeSignatureTooDeep`. */
export function errValue(v: ClarityValue): ResponseCV {
  checkWrappable(v);
  return { type: 'response', ok: false, value: v };
}

/** The `none` value. */
export const NONE: OptionalCV = Object.freeze({ type: 'optional', value: null });

/**
 * `Value::sanitize_value`: from Epoch 2.4, rebuilds `value` to fit `expected`, dropping tuple
 * fields the type does not declare (at any depth); `null` when it cannot fit. Before Epoch 2.4 the
 * value is returned unchanged.
 */
export function sanitizeValue(epoch: StacksEpochId, expected: TypeSignature, value: ClarityValue): ClarityValue | null {
  if (!isValueSanitizing(epoch)) return value;
  return sanitize(expected, value);
}

function sanitize(expected: TypeSignature, value: ClarityValue): ClarityValue | null {
  let output: ClarityValue;
  switch (value.type) {
    case 'list': {
      if (expected.kind !== 'list') return null;
      if (value.value.length > expected.maxLength) return null;
      let changed = recorded.has(value);
      const items: ClarityValue[] = [];
      for (const item of value.value) {
        const s = sanitize(expected.itemType, item);
        if (s === null) return null;
        if (s !== item) changed = true;
        items.push(s);
      }
      // The reference rebuilds the list from its items (`cons_list_unsanitized`), so the result is
      // typed by its items even when the input carried a declared type.
      output = changed ? { type: 'list', value: items } : value;
      break;
    }
    case 'tuple': {
      if (expected.kind !== 'tuple') return null;
      const fields: Record<string, ClarityValue> = {};
      let changed = recorded.has(value) || Object.keys(value.value).length !== expected.fields.size;
      for (const [name, t] of expected.fields) {
        if (!Object.hasOwn(value.value, name)) return null;
        const field = value.value[name]!;
        const s = sanitize(t, field);
        if (s === null) return null;
        if (s !== field) changed = true;
        fields[name] = s;
      }
      output = changed ? { type: 'tuple', value: fields } : value;
      break;
    }
    case 'optional': {
      if (expected.kind !== 'optional') return null;
      if (value.value === null) return value;
      const s = sanitize(expected.inner, value.value);
      if (s === null) return null;
      if (s === value.value) output = value;
      else {
        try {
          output = someValue(s);
        } catch {
          return null;
        }
      }
      break;
    }
    case 'response': {
      if (expected.kind !== 'response') return null;
      const s = sanitize(value.ok ? expected.ok : expected.err, value.value);
      if (s === null) return null;
      if (s === value.value) output = value;
      else {
        try {
          output = value.ok ? okValue(s) : errValue(s);
        } catch {
          return null;
        }
      }
      break;
    }
    default:
      return safeAdmits(expected, value) ? value : null;
  }
  return safeAdmits(expected, output) ? output : null;
}

function safeAdmits(expected: TypeSignature, v: ClarityValue): boolean {
  try {
    return admitsValue(expected, v);
  } catch {
    return false;
  }
}

/**
 * `Value::cons_list`: a list of `items`, typed by their least supertype, each item sanitized
 * against that type from Epoch 2.4 (`ListTypesMustMatch` if one does not fit).
 */
export function consList(items: readonly ClarityValue[], epoch: StacksEpochId): ListCV {
  const t = parentListType(items);
  if (t.kind !== 'list') throw unreachable('list type expected');
  checkListItems(items, isValueSanitizing(epoch));
  let out: ClarityValue[] | null = null;
  if (items.length > 0 && isValueSanitizing(epoch)) {
    for (let i = 0; i < items.length; i++) {
      const s = sanitize(t.itemType, items[i]!);
      if (s === null) throw runtimeCheckError('ListTypesMustMatch', 'list items have no common type');
      if (s !== items[i]) {
        out ??= items.slice(0, i);
      }
      if (out !== null) out.push(s);
    }
  }
  const list: ListCV = { type: 'list', value: out ?? items };
  typeCache.set(list, t);
  return list;
}
