import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from '../../../src/bytes.ts';
import {
  decodeClarityValue,
  encodeClarityValue,
  readClarityValue,
  readClarityValueWithType,
  readPrincipalValue,
  readStandardPrincipal,
  writeClarityValue,
  writePrincipalValue,
  writeStandardPrincipal,
} from '../../../src/clarity/codec.ts';
import { Cl } from '../../../src/clarity/constructors.ts';
import { clarityValueEquals } from '../../../src/clarity/equals.ts';
import { clarityTypeOf } from '../../../src/clarity/type-of.ts';
import { ClarityType, typeSignatureToString } from '../../../src/clarity/type-signature.ts';
import { type ClarityValue, MAX_VALUE_SIZE } from '../../../src/clarity/types.ts';
import { CodecError, CodecErrorCode } from '../../../src/errors.ts';
import { arbitraryClarityValue } from './arbitrary.ts';

const HASH = hexToBytes('11deadbeef11ababffff11deadbeef11ababffff');

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CodecError) return e.code;
    return `non-CodecError: ${String(e)}`;
  }
  return 'no error';
}

function hex(v: ClarityValue): string {
  return bytesToHex(encodeClarityValue(v));
}

function dec(h: string, options?: Parameters<typeof decodeClarityValue>[1]): ClarityValue {
  return decodeClarityValue(hexToBytes(h), options);
}

const INT1 = '0000000000000000000000000000000001';
const UINT1 = '0100000000000000000000000000000001';

/** `n` nested wrappers (`prefix` each) around `inner`. */
function nested(prefix: string, n: number, inner: string): string {
  return prefix.repeat(n) + inner;
}

describe('every type prefix', () => {
  const cases: [string, ClarityValue, string][] = [
    ['int', Cl.int(-2), '00fffffffffffffffffffffffffffffffe'],
    ['uint', Cl.uint(2), '0100000000000000000000000000000002'],
    ['buffer', Cl.bufferFromHex('deadbeef'), '0200000004deadbeef'],
    ['empty buffer', Cl.buffer(new Uint8Array(0)), '0200000000'],
    ['true', Cl.bool(true), '03'],
    ['false', Cl.bool(false), '04'],
    ['standard principal', { type: 'principal', value: { type: 'standard', version: 22, hash160: HASH } }, `0516${bytesToHex(HASH)}`],
    [
      'contract principal',
      { type: 'principal', value: { type: 'contract', version: 22, hash160: HASH, contractName: 'a-b_c' } },
      `0616${bytesToHex(HASH)}05612d625f63`,
    ],
    ['ok', Cl.ok(Cl.bool(true)), '0703'],
    ['err', Cl.err(Cl.uint(1)), `08${UINT1}`],
    ['none', Cl.none(), '09'],
    ['some', Cl.some(Cl.int(1)), `0a${INT1}`],
    ['list', Cl.list([Cl.bool(true), Cl.bool(false)]), '0b000000020304'],
    ['empty list', Cl.list([]), '0b00000000'],
    ['tuple', Cl.tuple({ b: Cl.bool(true), a: Cl.none() }), '0c00000002016109016203'],
    ['string-ascii', Cl.stringAscii('hi\n'), '0d0000000368690a'],
    ['empty string-ascii', Cl.stringAscii(''), '0d00000000'],
    ['string-utf8', Cl.stringUtf8('é🌾'), '0e00000006c3a9f09f8cbe'],
  ];
  for (const [name, value, expected] of cases) {
    it(`${name} encodes and decodes`, () => {
      expect(hex(value)).toBe(expected);
      const back = dec(expected);
      expect(back).toEqual(value);
      expect(clarityValueEquals(back, value)).toBe(true);
    });
  }

  it('rejects unknown prefixes 0x0f..0xff', () => {
    for (let p = 0x0f; p <= 0xff; p++) {
      expect(codeOf(() => decodeClarityValue(Uint8Array.of(p, 0, 0, 0, 0)))).toBe(CodecErrorCode.BadPrefix);
    }
  });

  it('rejects trailing bytes', () => {
    expect(codeOf(() => dec('0303'))).toBe(CodecErrorCode.TrailingBytes);
  });

  it('readClarityValue leaves the reader after the value', () => {
    const r = new ByteReader(hexToBytes(`03${INT1}04`));
    expect(readClarityValue(r)).toEqual(Cl.bool(true));
    expect(readClarityValue(r)).toEqual(Cl.int(1));
    expect(r.offset).toBe(18);
  });

  it('writeClarityValue appends to a ByteWriter', () => {
    const w = new ByteWriter(2);
    w.writeU8(0xaa);
    writeClarityValue(w, Cl.some(Cl.bool(false)));
    writeClarityValue(w, Cl.list([Cl.uint(1)]));
    expect(bytesToHex(w.toBytes())).toBe(`aa0a040b00000001${UINT1}`);
  });

  it('copies decoded buffers out of the input', () => {
    const input = hexToBytes('0200000002abcd');
    const v = decodeClarityValue(input) as ClarityValue & { type: 'buffer' };
    input[5] = 0;
    expect(bytesToHex(v.value)).toBe('abcd');
  });
});

describe('integers', () => {
  const I128_MIN = -(1n << 127n);
  const I128_MAX = (1n << 127n) - 1n;
  const U128_MAX = (1n << 128n) - 1n;

  it('encodes the i128 and u128 bounds', () => {
    expect(hex(Cl.int(I128_MAX))).toBe('007fffffffffffffffffffffffffffffff');
    expect(hex(Cl.int(I128_MIN))).toBe('0080000000000000000000000000000000');
    expect(hex(Cl.uint(U128_MAX))).toBe('01ffffffffffffffffffffffffffffffff');
    expect(hex(Cl.uint(0))).toBe('0100000000000000000000000000000000');
  });

  it('round-trips values around every 32-bit word boundary', () => {
    const edges: bigint[] = [0n, 1n, -1n, I128_MAX, I128_MIN, U128_MAX];
    for (const bits of [31, 32, 52, 53, 54, 63, 64, 65, 95, 96, 97, 126]) {
      const p = 1n << BigInt(bits);
      edges.push(p - 1n, p, p + 1n, -p - 1n, -p, -p + 1n);
    }
    for (const v of edges) {
      if (v >= I128_MIN && v <= I128_MAX) expect(dec(hex(Cl.int(v)))).toEqual(Cl.int(v));
      if (v >= 0n && v <= U128_MAX) expect(dec(hex(Cl.uint(v)))).toEqual(Cl.uint(v));
    }
  });

  it('rejects out-of-range integers on encode', () => {
    const bad: ClarityValue[] = [
      { type: 'int', value: I128_MAX + 1n },
      { type: 'int', value: I128_MIN - 1n },
      { type: 'uint', value: -1n },
      { type: 'uint', value: U128_MAX + 1n },
      { type: 'int', value: 1 as unknown as bigint },
    ];
    for (const v of bad) expect(codeOf(() => encodeClarityValue(v))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => Cl.int(I128_MAX + 1n))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => Cl.uint(-1))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => Cl.int(2 ** 53))).toBe(CodecErrorCode.InvalidArgument);
  });

  it('property: any 16 bytes decode to the int/uint they encode', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (body) => {
        for (const prefix of [0, 1]) {
          const bytes = Uint8Array.of(prefix, ...body);
          expect(encodeClarityValue(decodeClarityValue(bytes))).toEqual(bytes);
        }
      }),
    );
  });
});

describe('nesting depth', () => {
  // Untyped decoding: at most 16 deserializer frames, the top level included, so 15 containers.
  it('accepts 15 nested wrappers and rejects 16 (untyped)', () => {
    for (const w of ['0a', '07', '08']) {
      expect(codeOf(() => dec(nested(w, 15, INT1)))).toBe('no error');
      expect(codeOf(() => dec(nested(w, 16, INT1)))).toBe(CodecErrorCode.DepthExceeded);
    }
  });

  it('counts non-empty lists and tuples as frames, but not an empty list', () => {
    const list = (inner: string) => `0b00000001${inner}`;
    let v = INT1;
    for (let i = 0; i < 15; i++) v = list(v);
    expect(codeOf(() => dec(v))).toBe('no error');
    expect(codeOf(() => dec(list(v)))).toBe(CodecErrorCode.DepthExceeded);
    // 16 lists whose innermost is empty: 15 frames + the top level.
    let e = '0b00000000';
    for (let i = 0; i < 15; i++) e = list(e);
    expect(codeOf(() => dec(e))).toBe('no error');
    const tuple = (inner: string) => `0c000000010178${inner}`;
    let t = INT1;
    for (let i = 0; i < 15; i++) t = tuple(t);
    expect(codeOf(() => dec(t))).toBe('no error');
    expect(codeOf(() => dec(tuple(t)))).toBe(CodecErrorCode.DepthExceeded);
  });

  it('allows 32 frames when sanitizing, and MAX_TYPE_DEPTH then binds', () => {
    const opts = { sanitize: true };
    expect(codeOf(() => dec(nested('0a', 31, INT1), opts))).toBe('no error');
    expect(codeOf(() => dec(nested('0a', 32, INT1), opts))).toBe(CodecErrorCode.DepthExceeded);
    // `none` has type depth 2: 30 wrappers make depth 32, the 31st would make 33.
    expect(codeOf(() => dec(nested('0a', 30, '09'), opts))).toBe('no error');
    expect(codeOf(() => dec(nested('0a', 31, '09'), opts))).toBe(CodecErrorCode.DepthExceeded);
  });

  it('decodes typed values up to the type depth limit', () => {
    let t = ClarityType.int as ReturnType<typeof ClarityType.optional> | typeof ClarityType.int;
    for (let i = 0; i < 31; i++) t = ClarityType.optional(t);
    expect(t.depth).toBe(32);
    expect(codeOf(() => ClarityType.optional(t))).toBe(CodecErrorCode.DepthExceeded);
    expect(dec(nested('0a', 31, INT1), { expectedType: t })).toBeTruthy();
  });

  it('reports the reference vector that overflows the stack', () => {
    expect(codeOf(() => dec('08'.repeat(40) + INT1))).toBe(CodecErrorCode.DepthExceeded);
  });

  it('refuses to encode values deeper than MAX_TYPE_DEPTH', () => {
    let v: ClarityValue = Cl.int(1);
    for (let i = 0; i < 31; i++) v = Cl.some(v);
    expect(codeOf(() => encodeClarityValue(v))).toBe('no error');
    expect(codeOf(() => encodeClarityValue(Cl.some(v)))).toBe(CodecErrorCode.DepthExceeded);
    let n: ClarityValue = Cl.none();
    for (let i = 0; i < 30; i++) n = Cl.some(n);
    expect(codeOf(() => encodeClarityValue(n))).toBe('no error');
    expect(codeOf(() => encodeClarityValue(Cl.some(n)))).toBe(CodecErrorCode.DepthExceeded);
  });
});

describe('size limits', () => {
  const len = (n: number) => n.toString(16).padStart(8, '0');

  it('accepts a MAX_VALUE_SIZE buffer and rejects one byte more before reading it', () => {
    const ok = new Uint8Array(5 + MAX_VALUE_SIZE);
    ok[0] = 0x02;
    new DataView(ok.buffer).setUint32(1, MAX_VALUE_SIZE);
    expect((decodeClarityValue(ok) as ClarityValue & { type: 'buffer' }).value.length).toBe(MAX_VALUE_SIZE);
    expect(codeOf(() => dec(`02${len(MAX_VALUE_SIZE + 1)}`))).toBe(CodecErrorCode.TooLarge);
    expect(codeOf(() => dec(`0d${len(MAX_VALUE_SIZE + 1)}`))).toBe(CodecErrorCode.TooLarge);
    expect(codeOf(() => dec(`0e${len(MAX_VALUE_SIZE + 1)}`))).toBe(CodecErrorCode.TooLarge);
    expect(codeOf(() => encodeClarityValue(Cl.buffer(new Uint8Array(MAX_VALUE_SIZE + 1))))).toBe(CodecErrorCode.TooLarge);
  });

  it('checks the wrapped size of some/ok/err against MAX_VALUE_SIZE (type size 4 + length + 1)', () => {
    const buf = (n: number) => {
      const b = new Uint8Array(6 + n);
      b[0] = 0x0a;
      b[1] = 0x02;
      new DataView(b.buffer).setUint32(2, n);
      return b;
    };
    expect(codeOf(() => decodeClarityValue(buf(MAX_VALUE_SIZE - 5)))).toBe('no error');
    expect(codeOf(() => decodeClarityValue(buf(MAX_VALUE_SIZE - 4)))).toBe(CodecErrorCode.TooLarge);
  });

  it('checks a list type size: 65535 uints fit, 65536 do not (16 * n + 6 bytes)', () => {
    const list = (n: number) => {
      const b = new Uint8Array(5 + 17 * n);
      b[0] = 0x0b;
      new DataView(b.buffer).setUint32(1, n);
      for (let i = 0; i < n; i++) b[5 + 17 * i] = 0x01;
      return b;
    };
    expect(codeOf(() => decodeClarityValue(list(65535)))).toBe('no error');
    expect(codeOf(() => decodeClarityValue(list(65536)))).toBe(CodecErrorCode.TooLarge);
  });

  it('rejects huge length prefixes without allocating', () => {
    const t0 = performance.now();
    expect(codeOf(() => dec('0bffffffff'))).toBe(CodecErrorCode.TooLarge);
    expect(codeOf(() => dec('0cffffffff'))).toBe(CodecErrorCode.TooLarge);
    expect(codeOf(() => dec('02ffffffff'))).toBe(CodecErrorCode.TooLarge);
    expect(codeOf(() => dec(`0b${len(MAX_VALUE_SIZE)}03`))).toBe(CodecErrorCode.UnexpectedEof);
    expect(codeOf(() => dec(`0c${len(MAX_VALUE_SIZE)}0161`))).toBe(CodecErrorCode.UnexpectedEof);
    expect(codeOf(() => dec(`02${len(MAX_VALUE_SIZE)}00`))).toBe(CodecErrorCode.UnexpectedEof);
    expect(codeOf(() => dec(`0e${len(MAX_VALUE_SIZE)}`))).toBe(CodecErrorCode.UnexpectedEof);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe('truncation and garbage', () => {
  const sample = Cl.tuple({
    a: Cl.list([Cl.some(Cl.int(-5)), Cl.none()]),
    b: Cl.ok(Cl.stringUtf8('héllo')),
    c: Cl.principal('SP2JXKMSH007NPYAQHKJPQMAQYAD90NQGTVJVQ02B.my-contract'),
    d: Cl.bufferFromHex('00ff'),
    e: Cl.stringAscii('x y'),
    f: Cl.uint(7),
  });

  it('gives only CodecError UNEXPECTED_EOF for every truncation', () => {
    const bytes = encodeClarityValue(sample);
    for (let i = 0; i < bytes.length; i++) {
      expect(codeOf(() => decodeClarityValue(bytes.subarray(0, i)))).toBe(CodecErrorCode.UnexpectedEof);
    }
    expect(decodeClarityValue(bytes)).toEqual(sample);
  });

  it('property: random and mutated bytes give a value or a CodecError, nothing else', () => {
    const base = encodeClarityValue(sample);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }).map((edits) => {
            const b = base.slice();
            for (const [i, x] of edits) b[i] = x;
            return b;
          }),
        ),
        (bytes) => {
          try {
            const v = decodeClarityValue(bytes);
            // Whatever decodes must re-encode to a value that decodes the same.
            expect(decodeClarityValue(encodeClarityValue(v))).toEqual(v);
          } catch (e) {
            expect(e).toBeInstanceOf(CodecError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('strings', () => {
  it('rejects invalid UTF-8 in string-utf8', () => {
    // overlong, surrogate, above U+10FFFF, truncated, lone continuation, invalid byte, overlong 4-byte
    const bad = ['c080', 'eda080', 'f4908080', 'e282', '80', 'fe', 'f0828282'];
    for (const body of bad) {
      const h = `0e${(body.length / 2).toString(16).padStart(8, '0')}${body}`;
      expect(codeOf(() => dec(h))).toBe(CodecErrorCode.InvalidString);
    }
  });

  it('keeps a leading byte-order mark', () => {
    const v = dec('0e00000004efbbbf61');
    expect(v).toEqual(Cl.stringUtf8('\ufeffa'));
    expect(hex(v)).toBe('0e00000004efbbbf61');
  });

  it('accepts exactly the reference string-ascii bytes', () => {
    for (let c = 0; c < 256; c++) {
      const allowed = (c >= 0x20 && c <= 0x7e) || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
      const h = `0d00000001${c.toString(16).padStart(2, '0')}`;
      expect(codeOf(() => dec(h))).toBe(allowed ? 'no error' : CodecErrorCode.InvalidString);
      if (c < 0x80) {
        const enc = codeOf(() => encodeClarityValue({ type: 'string-ascii', value: String.fromCharCode(c) }));
        expect(enc).toBe(allowed ? 'no error' : CodecErrorCode.InvalidString);
      }
    }
    expect(codeOf(() => encodeClarityValue({ type: 'string-ascii', value: 'é' }))).toBe(CodecErrorCode.InvalidString);
  });

  it('rejects lone surrogates on encode', () => {
    for (const s of ['\ud800', 'a\udc00', '\ud83c', '\udf3e\ud83c']) {
      expect(codeOf(() => encodeClarityValue({ type: 'string-utf8', value: s }))).toBe(CodecErrorCode.InvalidString);
    }
  });

  it('round-trips long strings', () => {
    const s = 'abc€🌾'.repeat(5000);
    expect(dec(hex(Cl.stringUtf8(s)))).toEqual(Cl.stringUtf8(s));
    const a = 'The quick brown fox.\n'.repeat(5000);
    expect(dec(hex(Cl.stringAscii(a)))).toEqual(Cl.stringAscii(a));
  });

  it('limits string-utf8 to MAX_VALUE_SIZE / 4 characters', () => {
    const n = MAX_VALUE_SIZE / 4;
    const ok = new Uint8Array(5 + n).fill(0x61);
    ok[0] = 0x0e;
    new DataView(ok.buffer).setUint32(1, n);
    expect(codeOf(() => decodeClarityValue(ok))).toBe('no error');
    const tooMany = new Uint8Array(5 + n + 1).fill(0x61);
    tooMany[0] = 0x0e;
    new DataView(tooMany.buffer).setUint32(1, n + 1);
    expect(codeOf(() => decodeClarityValue(tooMany))).toBe(CodecErrorCode.TooLarge);
    expect(codeOf(() => encodeClarityValue(Cl.stringUtf8('a'.repeat(n + 1))))).toBe(CodecErrorCode.TooLarge);
  });
});

describe('tuples', () => {
  it('sorts fields by name bytes on encode', () => {
    const v = Cl.tuple({ foobar: Cl.bool(true), baz: Cl.none(), B: Cl.bool(false), '-': Cl.bool(true) });
    expect(hex(v)).toBe('0c00000004012d030142040362617a0906666f6f62617203');
  });

  it('rejects duplicate names when decoding untyped (TupleData::from_data)', () => {
    const dup = '0c000000020161000000000000000000000000000000000101610000000000000000000000000000000002';
    expect(codeOf(() => dec(dup))).toBe(CodecErrorCode.Duplicate);
  });

  it('keeps the later value of a duplicate name when decoding typed (legacy, all 3.x epochs)', () => {
    const dup = '0c000000020161000000000000000000000000000000000101610000000000000000000000000000000002';
    const expectedType = ClarityType.tuple({ a: ClarityType.int, b: ClarityType.int });
    for (const sanitize of [false, true]) {
      const v = dec(dup, { expectedType, sanitize });
      expect(v).toEqual(Cl.tuple({ a: Cl.int(2) }));
      expect(hex(v)).toBe('0c0000000101610000000000000000000000000000000002');
    }
  });

  it('rejects empty tuples', () => {
    expect(codeOf(() => dec('0c00000000'))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => encodeClarityValue({ type: 'tuple', value: {} }))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => Cl.tuple({}))).toBe(CodecErrorCode.InvalidArgument);
  });

  it('validates field names', () => {
    expect(codeOf(() => dec('0c00000001015f03'))).toBe(CodecErrorCode.InvalidName); // "_"
    expect(codeOf(() => dec('0c000000010003'))).toBe(CodecErrorCode.InvalidName); // ""
    expect(codeOf(() => dec(`0c0000000181${'61'.repeat(129)}03`))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => dec(`0c0000000180${'61'.repeat(128)}03`))).toBe('no error');
    expect(codeOf(() => encodeClarityValue({ type: 'tuple', value: { 'a b': Cl.bool(true) } }))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => Cl.tuple({ '1a': Cl.bool(true) }))).toBe(CodecErrorCode.InvalidName);
  });

  it('handles names that shadow Object.prototype', () => {
    const v = Cl.tuple({ constructor: Cl.int(1), toString: Cl.bool(false), hasOwnProperty: Cl.none() });
    const back = dec(hex(v));
    expect(back).toEqual(v);
    expect(Object.keys((back as ClarityValue & { type: 'tuple' }).value).sort()).toEqual(['constructor', 'hasOwnProperty', 'toString']);
  });
});

describe('list item types (construct_parent_list_type)', () => {
  it('rejects items with no common supertype', () => {
    expect(codeOf(() => dec(`0b00000002${INT1}${UINT1}`))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => dec('0b000000020d000000000e00000000'))).toBe(CodecErrorCode.InvalidValue);
  });

  it('unifies optionals, responses, sequences and nested lists', () => {
    expect(codeOf(() => dec(`0b00000002090a${INT1}`))).toBe('no error');
    expect(codeOf(() => dec(`0b0000000207${INT1}08${UINT1}`))).toBe('no error');
    expect(codeOf(() => dec(`0b0000000207${INT1}07${UINT1}`))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => dec('0b000000020200000001aa0200000000'))).toBe('no error');
    expect(codeOf(() => dec(`0b000000020b000000000b00000001${INT1}`))).toBe('no error');
  });

  it('follows the reference when tuple fields differ: earlier fields must appear in later items', () => {
    const a = `0c000000010161${INT1}`;
    const ab = `0c000000020161${INT1}0162${INT1}`;
    expect(codeOf(() => dec(`0b00000002${a}${ab}`))).toBe('no error');
    expect(codeOf(() => dec(`0b00000002${ab}${a}`))).toBe(CodecErrorCode.InvalidValue);
    const r = new ByteReader(hexToBytes(`0b00000002${a}${ab}`));
    expect(typeSignatureToString(readClarityValueWithType(r).type)).toBe('(list 2 (tuple (a int)))');
  });

  it('reads every item before reporting a type error', () => {
    // int, uint, then a bad prefix: the bad prefix is reported, as in the reference.
    expect(codeOf(() => dec(`0b00000003${INT1}${UINT1}ff`))).toBe(CodecErrorCode.BadPrefix);
  });
});

describe('principals', () => {
  it('rejects versions of 32 and above', () => {
    expect(codeOf(() => dec(`0520${bytesToHex(HASH)}`))).toBe(CodecErrorCode.InvalidAddress);
    expect(codeOf(() => dec(`061f${bytesToHex(HASH)}0161`))).toBe('no error');
    expect(
      codeOf(() => encodeClarityValue({ type: 'principal', value: { type: 'standard', version: 32, hash160: HASH } })),
    ).toBe(CodecErrorCode.InvalidArgument);
  });

  it('accepts contract names up to 128 characters in a principal value', () => {
    const name = `a${'b'.repeat(127)}`;
    const v: ClarityValue = { type: 'principal', value: { type: 'contract', version: 22, hash160: HASH, contractName: name } };
    expect(dec(hex(v))).toEqual(v);
    expect(codeOf(() => dec(`0616${bytesToHex(HASH)}81${'61'.repeat(129)}`))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => dec(`0616${bytesToHex(HASH)}00`))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => dec(`0616${bytesToHex(HASH)}0131`))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => dec(`0616${bytesToHex(HASH)}0b5f5f7472616e7369656e74`))).toBe('no error');
  });

  it('reads and writes the 0x05/0x06 principal codec', () => {
    const p = { type: 'contract' as const, version: 26, hash160: HASH, contractName: 'pool' };
    const w = new ByteWriter();
    writePrincipalValue(w, p);
    const r = new ByteReader(w.toBytes());
    expect(readPrincipalValue(r)).toEqual(p);
    expect(codeOf(() => readPrincipalValue(new ByteReader(hexToBytes('0300'))))).toBe(CodecErrorCode.BadPrefix);
  });

  it('reads and writes an address (version checked before the hash is read)', () => {
    const w = new ByteWriter();
    writeStandardPrincipal(w, { version: 22, hash160: HASH });
    expect(bytesToHex(w.toBytes())).toBe(`16${bytesToHex(HASH)}`);
    expect(readStandardPrincipal(new ByteReader(w.toBytes()))).toEqual({ type: 'standard', version: 22, hash160: HASH });
    expect(codeOf(() => readStandardPrincipal(new ByteReader(hexToBytes('20'))))).toBe(CodecErrorCode.InvalidAddress);
    expect(codeOf(() => writeStandardPrincipal(new ByteWriter(), { version: 1, hash160: HASH.subarray(1) }))).toBe(
      CodecErrorCode.InvalidArgument,
    );
  });
});

describe('typed deserialization', () => {
  it('rejects values the expected type does not admit', () => {
    expect(codeOf(() => dec(INT1, { expectedType: ClarityType.uint }))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => dec('0200000002abcd', { expectedType: ClarityType.buffer(1) }))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => dec('0200000002abcd', { expectedType: ClarityType.buffer(2) }))).toBe('no error');
    expect(codeOf(() => dec('0b000000020304', { expectedType: ClarityType.list(ClarityType.bool, 1) }))).toBe(
      CodecErrorCode.InvalidValue,
    );
    expect(codeOf(() => dec('0e00000002c3a9', { expectedType: ClarityType.stringUtf8(1) }))).toBe('no error');
    expect(codeOf(() => dec('0e0000000161', { expectedType: ClarityType.stringAscii(5) }))).toBe(CodecErrorCode.InvalidValue);
  });

  it('gives lists and tuples the expected type', () => {
    const t = ClarityType.list(ClarityType.optional(ClarityType.int), 5);
    const r = new ByteReader(hexToBytes('0b0000000109'));
    const { type } = readClarityValueWithType(r, { expectedType: t });
    expect(type).toBe(t);
  });

  it('drops undeclared tuple fields when sanitizing, and rejects them otherwise', () => {
    const abc = `0c000000030161${INT1}0162${INT1}0163${INT1}`;
    const expectedType = ClarityType.tuple({ a: ClarityType.int, b: ClarityType.int });
    expect(dec(abc, { expectedType })).toEqual(Cl.tuple({ a: Cl.int(1), b: Cl.int(1) }));
    expect(codeOf(() => dec(abc, { expectedType, sanitize: false }))).toBe(CodecErrorCode.InvalidValue);
    // Too few fields fails either way.
    expect(codeOf(() => dec(`0c000000010161${INT1}`, { expectedType }))).toBe(CodecErrorCode.InvalidValue);
  });
});

describe('round trips', () => {
  it('property: decode(encode(x)) equals x, and the reference would accept x', () => {
    fc.assert(
      fc.property(arbitraryClarityValue(), (v) => {
        const bytes = encodeClarityValue(v);
        const back = decodeClarityValue(bytes);
        expect(back).toEqual(v);
        expect(clarityValueEquals(back, v)).toBe(true);
        expect(() => clarityTypeOf(v)).not.toThrow();
        // A typed read against the value's own type gives the same value back.
        expect(decodeClarityValue(bytes, { expectedType: clarityTypeOf(v) })).toEqual(v);
      }),
      { numRuns: 500 },
    );
  });

  it('property: readClarityValueWithType returns the type clarityTypeOf computes', () => {
    fc.assert(
      fc.property(arbitraryClarityValue(), (v) => {
        const { type } = readClarityValueWithType(new ByteReader(encodeClarityValue(v)));
        expect(typeSignatureToString(type)).toBe(typeSignatureToString(clarityTypeOf(v)));
        expect(type.size).toBe(clarityTypeOf(v).size);
      }),
      { numRuns: 300 },
    );
  });
});
