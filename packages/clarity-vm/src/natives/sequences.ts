/**
 * Sequence functions over lists, buffers, string-ascii and string-utf8
 * (clarity/src/vm/functions/sequences.rs and `SequenceData` in clarity-types/src/types/mod.rs).
 * A string-utf8 is a sequence of Unicode scalar values: lengths, indexes and elements count code
 * points, never UTF-16 units.
 */
import {
  type BufferCV,
  ClarityType,
  type ClarityValue,
  type ListCV,
  type StringAsciiCV,
  type StringUtf8CV,
  type TypeSignature,
  clarityValueEquals,
  leastSupertype,
  typeSignatureToString,
} from '@stacks-ts/codec';
import { runtimeCheckError } from '../errors.ts';
import { expectArgCount, typeConstructionError, typeError, typeValueError, unreachable } from './check.ts';
import type { NativeContext } from './context.ts';
import { isValueSanitizing } from './context.ts';
import { admitsListItem, checkListExtension, sameCallables } from './callable.ts';
import {
  NONE,
  admitsValue,
  consList,
  sanitizeValue,
  setValueType,
  someValue,
  typeOfValue,
  utf8Length,
} from './value-types.ts';

/** A list, buffer or string value. */
export type SequenceCV = ListCV | BufferCV | StringAsciiCV | StringUtf8CV;

/** True for lists, buffers and strings. */
export function isSequence(v: ClarityValue): v is SequenceCV {
  return v.type === 'list' || v.type === 'buffer' || v.type === 'string-ascii' || v.type === 'string-utf8';
}

function expectedSequence(v: ClarityValue): never {
  throw unreachable(`Expected sequence: ${typeName(v)}`);
}

function typeName(v: ClarityValue): string {
  try {
    return typeSignatureToString(typeOfValue(v));
  } catch {
    return v.type;
  }
}

/** The code points of a string-utf8, one string each. */
export function utf8Chars(s: string): string[] {
  return Array.from(s);
}

/** Number of elements of a sequence (code points for string-utf8). */
export function sequenceLength(seq: SequenceCV): number {
  switch (seq.type) {
    case 'list':
    case 'buffer':
    case 'string-ascii':
      return seq.value.length;
    case 'string-utf8':
      return utf8Length(seq.value);
  }
}

/**
 * The elements of a sequence as values, in order (what `map`, `filter` and `fold` iterate): list
 * items, one-byte buffers, one-character strings.
 */
export function sequenceElements(seq: SequenceCV): ClarityValue[] {
  switch (seq.type) {
    case 'list':
      return seq.value.slice();
    case 'buffer':
      return Array.from(seq.value, (b) => ({ type: 'buffer', value: Uint8Array.of(b) }));
    case 'string-ascii':
      return Array.from(seq.value, (c) => ({ type: 'string-ascii', value: c }));
    case 'string-utf8':
      return Array.from(seq.value, (c) => ({ type: 'string-utf8', value: c }));
  }
}

/**
 * A sequence of the same kind as `original` made of `elements` (each an element value of that
 * kind), keeping a list's type: what `filter` returns (`SequenceData::try_retain`).
 */
export function retainedSequence(original: SequenceCV, elements: readonly ClarityValue[]): SequenceCV {
  switch (original.type) {
    case 'list':
      return setValueType({ type: 'list', value: elements.slice() }, typeOfValue(original));
    case 'buffer': {
      const out = new Uint8Array(elements.length);
      elements.forEach((e, i) => (out[i] = (e as BufferCV).value[0]!));
      return { type: 'buffer', value: out };
    }
    case 'string-ascii':
      return { type: 'string-ascii', value: elements.map((e) => (e as StringAsciiCV).value).join('') };
    case 'string-utf8':
      return { type: 'string-utf8', value: elements.map((e) => (e as StringUtf8CV).value).join('') };
  }
}

/** `(len seq)`. */
export function len(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const seq = args[0]!;
  if (!isSequence(seq)) expectedSequence(seq);
  return { type: 'uint', value: BigInt(sequenceLength(seq)) };
}

function elementAtIndex(seq: SequenceCV, index: number): ClarityValue | null {
  switch (seq.type) {
    case 'list':
      return index < seq.value.length ? seq.value[index]! : null;
    case 'buffer':
      return index < seq.value.length ? { type: 'buffer', value: seq.value.slice(index, index + 1) } : null;
    case 'string-ascii':
      return index < seq.value.length ? { type: 'string-ascii', value: seq.value[index]! } : null;
    case 'string-utf8': {
      const chars = utf8Chars(seq.value);
      return index < chars.length ? { type: 'string-utf8', value: chars[index]! } : null;
    }
  }
}

/** An index a `usize` can hold (a 64-bit host), else `null`; any such index past 2^53 is out of range. */
function usizeIndex(v: bigint): number | null {
  if (v >= 1n << 64n) return null;
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

/** `(element-at? seq i)` (Clarity 1 spells it `element-at`): `(some element)` or `none`. */
export function elementAt(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 2);
  const [seq, index] = args as [ClarityValue, ClarityValue];
  if (!isSequence(seq)) expectedSequence(seq);
  if (index.type !== 'uint') throw typeValueError('uint', index);
  const i = usizeIndex(index.value);
  if (i === null) return NONE;
  const e = elementAtIndex(seq, i);
  return e === null ? NONE : someValue(e);
}

/**
 * `(index-of? seq item)` (Clarity 1: `index-of`): the first index of `item`, or `none`. For buffers
 * and strings `item` must be of the same kind; one that is not exactly one element long is never
 * found.
 */
export function indexOf(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 2);
  const [seq, item] = args as [ClarityValue, ClarityValue];
  if (!isSequence(seq)) expectedSequence(seq);
  let found = -1;
  switch (seq.type) {
    case 'list':
      found = seq.value.findIndex((x) => clarityValueEquals(x, item) && sameCallables(x, item));
      break;
    case 'buffer':
      if (item.type !== 'buffer') throw typeValueError('(buff 1)', item);
      if (item.value.length === 1) found = seq.value.indexOf(item.value[0]!);
      break;
    case 'string-ascii':
      if (item.type !== 'string-ascii') throw typeValueError('(string-ascii 1)', item);
      if (item.value.length === 1) found = seq.value.indexOf(item.value);
      break;
    case 'string-utf8': {
      if (item.type !== 'string-utf8') throw typeValueError('(string-utf8 1)', item);
      if (utf8Length(item.value) === 1) found = utf8Chars(seq.value).indexOf(item.value);
      break;
    }
  }
  return found < 0 ? NONE : someValue({ type: 'uint', value: BigInt(found) });
}

/**
 * `(slice? seq left right)`: elements `left` to `right - 1`, or `none` unless
 * `left < len(seq)`, `right <= len(seq)` and `left <= right` (so any slice of an empty sequence is
 * `none`).
 */
export function slice(args: readonly ClarityValue[], ctx: NativeContext): ClarityValue {
  expectArgCount(args, 3);
  const [seq, left, right] = args as [ClarityValue, ClarityValue, ClarityValue];
  if (!isSequence(seq) || left.type !== 'uint' || right.type !== 'uint') {
    throw unreachable('Bad type construction');
  }
  if (left.value > 0xffff_ffffn || right.value > 0xffff_ffffn) return NONE;
  const l = Number(left.value);
  const r = Number(right.value);
  const n = sequenceLength(seq);
  if (l >= n || r > n || r < l) return NONE;
  switch (seq.type) {
    case 'list':
      return someValue(consList(seq.value.slice(l, r), ctx.epoch));
    case 'buffer':
      return someValue({ type: 'buffer', value: seq.value.slice(l, r) });
    case 'string-ascii':
      return someValue({ type: 'string-ascii', value: seq.value.slice(l, r) });
    case 'string-utf8':
      return someValue({ type: 'string-utf8', value: utf8Chars(seq.value).slice(l, r).join('') });
  }
}

/** The type of one element of a sequence (`SequenceSubtype::unit_type`). */
function unitType(seq: SequenceCV): TypeSignature {
  switch (seq.type) {
    case 'list': {
      const t = typeOfValue(seq);
      return t.kind === 'list' ? t.itemType : ClarityType.noType;
    }
    case 'buffer':
      return ClarityType.buffer(1);
    case 'string-ascii':
      return ClarityType.stringAscii(1);
    case 'string-utf8':
      return ClarityType.stringUtf8(1);
  }
}

/**
 * `(replace-at? seq index element)`: `seq` with `element` at `index`, or `none` when the index is
 * out of range. The element must fit the sequence's element type; for buffers and strings it must
 * also be exactly one element long (an empty one is a runtime error).
 */
export function replaceAt(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 3);
  const [seq, index, element] = args as [ClarityValue, ClarityValue, ClarityValue];
  if (!isSequence(seq)) expectedSequence(seq);
  const expected = unitType(seq);
  if (expected.kind !== 'no-type' && !(admitsValue(expected, element) && admitsListItem(seq, element))) {
    throw typeValueError(typeSignatureToString(expected), element);
  }
  if (index.type !== 'uint') throw typeValueError('uint', index);
  const i = usizeIndex(index.value);
  if (i === null || i >= sequenceLength(seq)) return NONE;
  if (seq.type !== 'list') {
    if (!isSequence(element)) {
      throw unreachable('Unexpected error type during runtime analysis: ExpectedSequenceValue');
    }
    const n = sequenceLength(element);
    if (n !== 1) {
      throw unreachable(
        `Unexpected error type during runtime analysis: SequenceElementArityMismatch { expected: 1, found: ${n} }`,
      );
    }
  }
  switch (seq.type) {
    case 'list': {
      if (!admitsValue(expected, element)) throw runtimeCheckError('ListTypesMustMatch');
      const items = seq.value.slice();
      items[i] = element;
      return someValue(setValueType({ type: 'list', value: items }, typeOfValue(seq)));
    }
    case 'buffer': {
      const out = seq.value.slice();
      out[i] = (element as BufferCV).value[0]!;
      return someValue({ type: 'buffer', value: out });
    }
    case 'string-ascii': {
      const s = seq.value;
      return someValue({ type: 'string-ascii', value: s.slice(0, i) + (element as StringAsciiCV).value + s.slice(i + 1) });
    }
    case 'string-utf8': {
      const chars = utf8Chars(seq.value);
      chars[i] = (element as StringUtf8CV).value;
      return someValue({ type: 'string-utf8', value: chars.join('') });
    }
  }
}

function listTypeOf(list: ListCV): { item: TypeSignature; maxLength: number } {
  const t = typeOfValue(list);
  if (t.kind !== 'list') throw unreachable('list type expected');
  return { item: t.itemType, maxLength: t.maxLength };
}

function newListType(item: TypeSignature, maxLength: number): TypeSignature {
  try {
    return ClarityType.list(item, maxLength);
  } catch (e) {
    throw typeConstructionError(e);
  }
}

function supertype(a: TypeSignature, b: TypeSignature): TypeSignature {
  try {
    return leastSupertype(a, b);
  } catch (e) {
    throw typeConstructionError(e);
  }
}

/**
 * `(concat a b)`: two sequences of one kind. For lists the result's type is the supertype of both
 * item types with the sum of both declared lengths, and only the second list's items are
 * sanitized against it (as the reference does).
 */
export function concat(args: readonly ClarityValue[], ctx: NativeContext): ClarityValue {
  expectArgCount(args, 2);
  const [a, b] = args as [ClarityValue, ClarityValue];
  if (!isSequence(a)) expectedSequence(a);
  if (!isSequence(b)) throw typeValueError(typeName(a), b);
  if (a.type !== b.type) throw typeError(typeName(a), typeName(b));
  switch (a.type) {
    case 'list': {
      const ta = listTypeOf(a);
      const tb = listTypeOf(b as ListCV);
      const item =
        ta.item.kind === 'no-type' ? tb.item : tb.item.kind === 'no-type' ? ta.item : supertype(ta.item, tb.item);
      checkListExtension(a, (b as ListCV).value, isValueSanitizing(ctx.epoch));
      const items = a.value.slice();
      for (const x of (b as ListCV).value) {
        const s = sanitizeValue(ctx.epoch, item, x);
        if (s === null) throw runtimeCheckError('ListTypesMustMatch');
        items.push(s);
      }
      return setValueType({ type: 'list', value: items }, newListType(item, ta.maxLength + tb.maxLength));
    }
    case 'buffer': {
      const bb = (b as BufferCV).value;
      const out = new Uint8Array(a.value.length + bb.length);
      out.set(a.value, 0);
      out.set(bb, a.value.length);
      return { type: 'buffer', value: out };
    }
    case 'string-ascii':
      return { type: 'string-ascii', value: a.value + (b as StringAsciiCV).value };
    case 'string-utf8':
      return { type: 'string-utf8', value: a.value + (b as StringUtf8CV).value };
  }
}

/** `(append list item)`: the list with `item` added; its type grows by one element. */
export function append(args: readonly ClarityValue[], ctx: NativeContext): ClarityValue {
  expectArgCount(args, 2);
  const [list, element] = args as [ClarityValue, ClarityValue];
  if (list.type !== 'list') throw unreachable('Expected list application');
  const { item, maxLength } = listTypeOf(list);
  const elementType = typeOfValue(element);
  if (item.kind === 'no-type') return consList([element], ctx.epoch);
  const next = supertype(item, elementType);
  checkListExtension(list, [element], isValueSanitizing(ctx.epoch));
  const sanitized = sanitizeValue(ctx.epoch, next, element);
  if (sanitized === null) throw runtimeCheckError('ListTypesMustMatch');
  const type = newListType(next, maxLength + 1);
  return setValueType({ type: 'list', value: [...list.value, sanitized] }, type);
}

/**
 * `(as-max-len? seq u-literal)`: `(some seq)` when `seq` has at most that many elements, else
 * `none`. The reference requires the second operand to be a uint literal: the evaluator passes the
 * literal's value, and must raise `TypeError(uint, ...)` itself for anything else.
 */
export function asMaxLen(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 2);
  const [seq, maxLen] = args as [ClarityValue, ClarityValue];
  if (maxLen.type !== 'uint') throw typeError('uint', typeName(maxLen));
  if (!isSequence(seq)) expectedSequence(seq);
  if (BigInt(sequenceLength(seq)) > maxLen.value) return NONE;
  if (seq.type === 'list') {
    // `reduce_max_len(expected as u32)`: only ever lowers the declared length.
    const { item, maxLength } = listTypeOf(seq);
    const lowered = Number(BigInt.asUintN(32, maxLen.value));
    if (lowered < maxLength) {
      return someValue(setValueType({ type: 'list', value: seq.value }, newListType(item, lowered)));
    }
  }
  return someValue(seq);
}

/** `(list a b ...)`: the items must share a supertype (`Value::cons_list`). */
export function list(args: readonly ClarityValue[], ctx: NativeContext): ClarityValue {
  return consList(args, ctx.epoch);
}
