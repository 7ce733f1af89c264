import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ClarityType,
  type ClarityValue,
  clarityTypeOf,
  typeSignatureEquals,
  typeSignatureToString,
} from '@stacks-ts/codec';
import { StacksEpochId } from '@stacks-ts/common';
import {
  NONE,
  consList,
  sanitizeValue,
  setDeclaredTypes,
  someValue,
  typeOfValue,
  utf8Length,
  valueSize,
} from '../../../src/natives/value-types.ts';
import { run } from './harness.ts';

const int = (n: number): ClarityValue => ({ type: 'int', value: BigInt(n) });

/** Random valid Clarity values (no two list items of incompatible types). */
const leaf: fc.Arbitrary<ClarityValue> = fc.oneof(
  fc.bigInt({ min: -(1n << 127n), max: (1n << 127n) - 1n }).map((value) => ({ type: 'int', value }) as ClarityValue),
  fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map((value) => ({ type: 'uint', value }) as ClarityValue),
  fc.boolean().map((value) => ({ type: 'bool', value }) as ClarityValue),
  fc.uint8Array({ maxLength: 40 }).map((value) => ({ type: 'buffer', value }) as ClarityValue),
  fc.string({ unit: 'grapheme', maxLength: 8 }).map((value) => ({ type: 'string-utf8', value }) as ClarityValue),
);
const value: fc.Arbitrary<ClarityValue> = fc.letrec<{ v: ClarityValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    tie('v').map((v) => ({ type: 'optional', value: v }) as ClarityValue),
    fc.constant(NONE as ClarityValue),
    fc.tuple(fc.boolean(), tie('v')).map(([ok, v]) => ({ type: 'response', ok, value: v }) as ClarityValue),
    fc.array(leaf, { maxLength: 4 }).map((items) => ({ type: 'list', value: items.filter((x) => x.type === items[0]?.type && x.type !== 'buffer' && x.type !== 'string-utf8') }) as ClarityValue),
    fc
      .dictionary(fc.constantFrom('a', 'b', 'c-d', 'e?'), tie('v'), { minKeys: 1, maxKeys: 3 })
      .map((fields) => ({ type: 'tuple', value: fields }) as ClarityValue),
  ),
})).v;

describe('typeOfValue', () => {
  it('agrees with the codec clarityTypeOf for values built from their contents', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(typeSignatureEquals(typeOfValue(v), clarityTypeOf(v))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('counts string-utf8 in code points', () => {
    expect(utf8Length('')).toBe(0);
    expect(utf8Length('a\u{1F600}\u00e9')).toBe(3);
    expect(typeOfValue({ type: 'string-utf8', value: '\u{1F600}' })).toEqual(ClarityType.stringUtf8(1));
  });
  it('returns the declared type recorded for a decoded value', () => {
    const v = run('(list 1 2)');
    const declared = ClarityType.list(ClarityType.int, 10);
    if (v.type !== 'list') throw new Error('list expected');
    const copy: ClarityValue = { type: 'list', value: v.value };
    setDeclaredTypes(copy, declared);
    expect(typeOfValue(copy)).toBe(declared);
    expect(typeSignatureToString(typeOfValue(v))).toBe('(list 2 int)');
    expect(valueSize(copy)).toBe(declared.size);
  });
  it('raises TypeError for list items with no common type', () => {
    expect(() => typeOfValue({ type: 'list', value: [int(1), { type: 'bool', value: true }] })).toThrow(/type mismatch/);
  });
});

describe('sanitizeValue', () => {
  const tupleType = ClarityType.tuple({ a: ClarityType.int });
  const ab: ClarityValue = { type: 'tuple', value: { a: int(1), b: int(2) } };
  it('does nothing before Epoch 2.4', () => {
    expect(sanitizeValue(StacksEpochId.Epoch23, tupleType, ab)).toBe(ab);
  });
  it('drops undeclared tuple fields at any depth from Epoch 2.4', () => {
    expect(sanitizeValue(StacksEpochId.Epoch24, tupleType, ab)).toEqual({ type: 'tuple', value: { a: int(1) } });
    const nested = ClarityType.optional(ClarityType.list(tupleType, 2));
    const v = someValue({ type: 'list', value: [ab] });
    expect(sanitizeValue(StacksEpochId.Epoch33, nested, v)).toEqual({
      type: 'optional',
      value: { type: 'list', value: [{ type: 'tuple', value: { a: int(1) } }] },
    });
    const resp = ClarityType.response(tupleType, ClarityType.uint);
    expect(sanitizeValue(StacksEpochId.Epoch33, resp, { type: 'response', ok: true, value: ab })).toEqual({
      type: 'response',
      ok: true,
      value: { type: 'tuple', value: { a: int(1) } },
    });
  });
  it('returns the same object when nothing changes', () => {
    const v = run('(list (some 1) none)');
    expect(sanitizeValue(StacksEpochId.Epoch33, typeOfValue(v), v)).toBe(v);
  });
  it('fails (null) for missing fields, wrong kinds, too-long lists and too-large leaves', () => {
    const abType = ClarityType.tuple({ a: ClarityType.int, b: ClarityType.int });
    expect(sanitizeValue(StacksEpochId.Epoch33, abType, { type: 'tuple', value: { a: int(1) } })).toBeNull();
    expect(sanitizeValue(StacksEpochId.Epoch33, ClarityType.uint, int(1))).toBeNull();
    expect(sanitizeValue(StacksEpochId.Epoch33, ClarityType.list(ClarityType.int, 1), run('(list 1 2)'))).toBeNull();
    expect(sanitizeValue(StacksEpochId.Epoch33, ClarityType.buffer(1), run('0x0102'))).toBeNull();
    expect(sanitizeValue(StacksEpochId.Epoch33, ClarityType.noType, int(1))).toBeNull();
  });
});

describe('consList', () => {
  it('types an empty list as (list 0 UnknownType)', () => {
    expect(typeSignatureToString(typeOfValue(consList([], StacksEpochId.Epoch33)))).toBe('(list 0 UnknownType)');
  });
  it('sanitizes against the supertype of all items from Epoch 2.4', () => {
    const items: ClarityValue[] = [
      { type: 'tuple', value: { a: int(1) } },
      { type: 'tuple', value: { a: int(2), b: int(3) } },
    ];
    expect(consList(items, StacksEpochId.Epoch24).value[1]).toEqual({ type: 'tuple', value: { a: int(2) } });
    expect(consList(items, StacksEpochId.Epoch23).value[1]).toBe(items[1]);
  });
});
