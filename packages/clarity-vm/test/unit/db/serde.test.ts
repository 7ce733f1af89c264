import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ClarityType, clarityValueToRepr, parsePrincipal } from '@stacks-ts/codec';
import type { ClarityValue, ContractPrincipal, TypeSignature } from '@stacks-ts/codec';
import {
  parseSerdeJson,
  qualifiedContractIdentifierJson,
  symbolicExpressionSerde,
  typeSignatureFromSerde,
  typeSignatureSerde,
  valueFromSerde,
  valueSerde,
} from '../../../src/db/serde.ts';
import { ClarityStateError } from '../../../src/db/keys.ts';
import { typeOfValue } from '../../../src/natives/value-types.ts';
import { buildAst } from '../../../src/parser/build.ts';
import { callablePrincipal, traitType } from '../../../src/analysis/types.ts';

const BOOT = parsePrincipal('ST000000000000000000002AMW42H.pox-4') as ContractPrincipal;
const ISSUER = 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM';
// ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM: version 26, these 20 bytes.
const ISSUER_JSON = '[26,[109,120,222,123,6,37,223,191,193,108,58,138,87,53,246,220,61,195,242,206]]';
const ZERO20 = `[${new Array(20).fill(0).join(',')}]`;

const int = (n: bigint): ClarityValue => ({ type: 'int', value: n });
const uint = (n: bigint): ClarityValue => ({ type: 'uint', value: n });

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ClarityStateError);
    return (e as ClarityStateError).code;
  }
  return 'no error';
}

describe('serde JSON of Clarity values (the reference derive shapes)', () => {
  it('writes scalars, sequences and principals as serde does', () => {
    expect(valueSerde(int(-170141183460469231731687303715884105728n))).toBe('{"Int":-170141183460469231731687303715884105728}');
    expect(valueSerde(uint(340282366920938463463374607431768211455n))).toBe('{"UInt":340282366920938463463374607431768211455}');
    expect(valueSerde({ type: 'bool', value: false })).toBe('{"Bool":false}');
    expect(valueSerde({ type: 'buffer', value: new Uint8Array([1, 255]) })).toBe('{"Sequence":{"Buffer":{"data":[1,255]}}}');
    expect(valueSerde({ type: 'string-ascii', value: 'ab' })).toBe('{"Sequence":{"String":{"ASCII":{"data":[97,98]}}}}');
    // UTF-8 strings are a list of characters, each its UTF-8 bytes.
    expect(valueSerde({ type: 'string-utf8', value: 'xé😀' })).toBe('{"Sequence":{"String":{"UTF8":{"data":[[120],[195,169],[240,159,152,128]]}}}}');
    expect(valueSerde({ type: 'principal', value: parsePrincipal(ISSUER) })).toBe(`{"Principal":{"Standard":${ISSUER_JSON}}}`);
    expect(valueSerde({ type: 'principal', value: BOOT })).toBe(`{"Principal":{"Contract":{"issuer":[26,${ZERO20}],"name":"pox-4"}}}`);
    expect(valueSerde({ type: 'optional', value: null })).toBe('{"Optional":{"data":null}}');
    expect(valueSerde({ type: 'response', ok: false, value: uint(3n) })).toBe('{"Response":{"committed":false,"data":{"UInt":3}}}');
  });

  it('writes lists and tuples with their type signatures, fields in name order', () => {
    const list: ClarityValue = { type: 'list', value: [{ type: 'string-ascii', value: 'a' }, { type: 'string-ascii', value: 'abc' }] };
    expect(valueSerde(list)).toBe(
      '{"Sequence":{"List":{"data":[{"Sequence":{"String":{"ASCII":{"data":[97]}}}},{"Sequence":{"String":{"ASCII":{"data":[97,98,99]}}}}],' +
        '"type_signature":{"max_len":2,"entry_type":{"SequenceType":{"StringType":{"ASCII":3}}}}}}}',
    );
    expect(valueSerde({ type: 'list', value: [] })).toBe('{"Sequence":{"List":{"data":[],"type_signature":{"max_len":0,"entry_type":"NoType"}}}}');
    const tuple: ClarityValue = { type: 'tuple', value: { b: { type: 'optional', value: null }, a: int(1n) } };
    expect(valueSerde(tuple)).toBe(
      '{"Tuple":{"type_signature":{"type_map":{"a":"IntType","b":{"OptionalType":"NoType"}}},"data_map":{"a":{"Int":1},"b":{"Optional":{"data":null}}}}}',
    );
  });

  it('writes analysis types: trait references by epoch, callable principals, unions', () => {
    const trait = { contract: BOOT, name: 't' };
    const traitJson = `{"name":"t","contract_identifier":${qualifiedContractIdentifierJson(BOOT)}}`;
    expect(typeSignatureSerde(traitType(trait))).toBe(`{"CallableType":{"Trait":${traitJson}}}`);
    expect(typeSignatureSerde(traitType(trait), 'trait-reference')).toBe(`{"TraitReferenceType":${traitJson}}`);
    expect(typeSignatureSerde(callablePrincipal([BOOT]))).toBe(`{"CallableType":{"Principal":${qualifiedContractIdentifierJson(BOOT)}}}`);
    expect(typeSignatureSerde(ClarityType.response(ClarityType.stringUtf8(4), ClarityType.buffer(2)))).toBe(
      '{"ResponseType":[{"SequenceType":{"StringType":{"UTF8":4}}},{"SequenceType":{"BufferType":2}}]}',
    );
    expect(code(() => typeSignatureSerde({ kind: 'any', size: 1, typeSize: 1, depth: 1 }))).toBe('STATE_BAD_ENCODING');
  });

  it('writes expressions as {expr, id} with the parser ids', () => {
    const ast = buildAst('(define-read-only (g) (ok {a: 1, b: .c}))', {
      epoch: 'Epoch33',
      clarityVersion: 4,
      contractIdentifier: parsePrincipal(`${ISSUER}.me`) as ContractPrincipal,
    });
    const json = symbolicExpressionSerde(ast.expressions[0]!);
    expect(json.startsWith('{"expr":{"List":[{"expr":{"Atom":"define-read-only"},"id":2}')).toBe(true);
    expect(json).toContain(`{"expr":{"LiteralValue":{"Principal":{"Contract":{"issuer":${ISSUER_JSON},"name":"c"}}}}`);
    expect(json.endsWith(',"id":1}')).toBe(true);
  });
});

// Random values (with their computed types) for the round trip.
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/);
const leaf: fc.Arbitrary<ClarityValue> = fc.oneof(
  fc.bigInt({ min: -(2n ** 127n), max: 2n ** 127n - 1n }).map(int),
  fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }).map(uint),
  fc.boolean().map((b): ClarityValue => ({ type: 'bool', value: b })),
  fc.uint8Array({ maxLength: 8 }).map((b): ClarityValue => ({ type: 'buffer', value: b })),
  fc.stringMatching(/^[ -~]{0,6}$/).map((s): ClarityValue => ({ type: 'string-ascii', value: s })),
  fc.string({ unit: 'grapheme', maxLength: 4 }).map((s): ClarityValue => ({ type: 'string-utf8', value: s })),
  fc.constant<ClarityValue>({ type: 'principal', value: BOOT }),
  fc.constant<ClarityValue>({ type: 'principal', value: parsePrincipal(ISSUER) }),
);
const { value: arbValue } = fc.letrec<{ value: ClarityValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.option(tie('value'), { nil: null }).map((v): ClarityValue => ({ type: 'optional', value: v })),
    fc.record({ ok: fc.boolean(), value: tie('value') }).map(({ ok, value }): ClarityValue => ({ type: 'response', ok, value })),
    fc.array(leaf.filter((v) => v.type === 'int'), { maxLength: 3 }).map((items): ClarityValue => ({ type: 'list', value: items })),
    fc.dictionary(name, tie('value'), { minKeys: 1, maxKeys: 3 }).map((value): ClarityValue => ({ type: 'tuple', value })),
  ),
}));

describe('reading serde JSON back', () => {
  it('round-trips values, their recorded types and exact 128-bit integers', () => {
    fc.assert(
      fc.property(arbValue, (v) => {
        const back = valueFromSerde(parseSerdeJson(valueSerde(v)));
        expect(clarityValueToRepr(back)).toBe(clarityValueToRepr(v));
        expect(typeSignatureSerde(typeOfValue(back))).toBe(typeSignatureSerde(typeOfValue(v)));
        expect(valueSerde(back)).toBe(valueSerde(v));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a list type wider than its items (as stored)', () => {
    const stored = '{"Sequence":{"List":{"data":[{"UInt":1}],"type_signature":{"max_len":5,"entry_type":"UIntType"}}}}';
    const v = valueFromSerde(parseSerdeJson(stored));
    expect(typeOfValue(v)).toMatchObject({ kind: 'list', maxLength: 5 });
    expect(valueSerde(v)).toBe(stored);
  });

  it('round-trips types', () => {
    const types: TypeSignature[] = [
      ClarityType.list(ClarityType.tuple(new Map([['x', ClarityType.optional(ClarityType.principal)]])), 7),
      ClarityType.response(ClarityType.noType, ClarityType.stringAscii(9)),
      ClarityType.buffer(32),
    ];
    for (const t of types) expect(typeSignatureSerde(typeSignatureFromSerde(parseSerdeJson(typeSignatureSerde(t))))).toBe(typeSignatureSerde(t));
    // Trait-typed positions read as principals (what their values are).
    expect(typeSignatureFromSerde(parseSerdeJson(typeSignatureSerde(traitType({ contract: BOOT, name: 't' }))))).toMatchObject({ kind: 'principal' });
  });

  it('parses JSON with exact integers and rejects malformed text with a typed error', () => {
    expect(parseSerdeJson(' {"a" : [1, -2, 340282366920938463463374607431768211455, "x\\"y", null, true, 1.5]} ')).toEqual({
      a: [1n, -2n, 340282366920938463463374607431768211455n, 'x"y', null, true, 1.5],
    });
    for (const bad of ['', '{', '{"a":1,}', '[1 2]', '{"a":1} x', '"open', '{a:1}', 'nul', '[1,]']) {
      expect(code(() => parseSerdeJson(bad))).toBe('STATE_BAD_ENCODING');
    }
    expect(code(() => parseSerdeJson('['.repeat(600) + ']'.repeat(600)))).toBe('STATE_BAD_ENCODING');
  });

  it('rejects values that are not the reference shapes', () => {
    const bad = [
      '{"Float":1}',
      '{"Int":1,"UInt":2}',
      '{"Int":"1"}',
      '{"Principal":{"Standard":[32,' + ZERO20 + ']}}',
      '{"Principal":{"Standard":[26,[1,2,3]]}}',
      '{"Sequence":{"Buffer":{"data":[256]}}}',
      '{"Sequence":{"String":{"UTF8":{"data":[[255]]}}}}',
      '{"Sequence":{"List":{"data":[]}}}',
      '{"Tuple":{"data_map":{}}}',
      '{"Response":{"committed":1,"data":{"Int":1}}}',
    ];
    for (const b of bad) expect(code(() => valueFromSerde(parseSerdeJson(b)))).toBe('STATE_BAD_ENCODING');
  });
});
