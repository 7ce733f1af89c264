import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import { addressFromVersionHash, addressToString, createAddress } from '@stacks/transactions';
import { CodecErrorCode, isCodecError } from '../../../src/errors.ts';
import {
  C32_ALPHABET,
  c32Decode,
  c32Encode,
  c32addressDecode,
  c32addressEncode,
  c32checkDecode,
  c32checkEncode,
  isValidC32Address,
} from '../../../src/address/c32.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(isCodecError(err), String(err)).toBe(true);
    return (err as { code: string }).code;
  }
  return undefined;
}

const version = fc.integer({ min: 0, max: 31 });
const hash160 = fc.uint8Array({ minLength: 20, maxLength: 20 });
/** Bytes with a bias towards leading zeros, which c32 keeps as leading '0' characters. */
const data = fc
  .tuple(fc.integer({ min: 0, max: 4 }), fc.uint8Array({ maxLength: 40 }))
  .map(([zeros, rest]) => Uint8Array.from([...new Array<number>(zeros).fill(0), ...rest]));

describe('raw c32', () => {
  it('round trips any bytes', () => {
    fc.assert(
      fc.property(data, (b) => {
        const s = c32Encode(b);
        expect(/^[0-9A-HJKMNP-TV-Z]*$/.test(s)).toBe(true);
        expect(c32Decode(s)).toEqual(b);
        expect(c32Decode(s.toLowerCase())).toEqual(b);
      }),
      { numRuns: 300 },
    );
  });

  it('reads O as 0 and I/L as 1 in either case', () => {
    expect(c32Decode('OOo1')).toEqual(c32Decode('0001'));
    expect(c32Decode('iIlL')).toEqual(c32Decode('1111'));
    expect(C32_ALPHABET).toHaveLength(32);
  });

  it('rejects characters outside the alphabet, non-ASCII and non-strings', () => {
    for (const bad of ['U', 'u', '-', ' ', '12=', 'é', '\u{1d7d8}']) {
      expect(codeOf(() => c32Decode(bad))).toBe(CodecErrorCode.InvalidAddress);
    }
    expect(codeOf(() => c32Decode(42 as unknown as string))).toBe(CodecErrorCode.InvalidAddress);
  });
});

describe('c32check', () => {
  it('round trips any version and non-empty data', () => {
    fc.assert(
      fc.property(version, data.filter((d) => d.length > 0), (v, d) => {
        const s = c32checkEncode(v, d);
        expect(c32checkDecode(s)).toEqual({ version: v, data: d });
      }),
      { numRuns: 300 },
    );
  });

  it('rejects versions outside 0..31 when encoding', () => {
    for (const v of [-1, 32, 255, 1.5, Number.NaN]) {
      expect(codeOf(() => c32checkEncode(v, Uint8Array.of(1)))).toBe(CodecErrorCode.InvalidArgument);
    }
  });

  it('rejects short strings, empty data, bad checksums and bad characters', () => {
    const good = c32checkEncode(22, hexToBytes('a46ff88886c2ef9762d970b4d2c63678835bd39d'));
    for (const bad of ['', 'P', c32checkEncode(22, new Uint8Array(0)), `${good.slice(0, -1)}8`, `U${good.slice(1)}`, `${good}!`]) {
      expect(codeOf(() => c32checkDecode(bad)), bad).toBe(CodecErrorCode.InvalidAddress);
    }
  });

  it('detects any single-character change', () => {
    const good = c32checkEncode(22, hexToBytes('a46ff88886c2ef9762d970b4d2c63678835bd39d'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 1, max: 31 }), (i, delta) => {
        const digit = (C32_ALPHABET.indexOf(good[i]!) + delta) % 32;
        const mutated = good.slice(0, i) + C32_ALPHABET[digit] + good.slice(i + 1);
        let decoded: { version: number; data: Uint8Array } | undefined;
        try {
          decoded = c32checkDecode(mutated);
        } catch {
          return;
        }
        // A change may survive only if it decodes to different bytes with a matching checksum (never here).
        expect(decoded).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});

describe('c32 addresses', () => {
  it('round trip, matching @stacks/transactions (c32check)', () => {
    fc.assert(
      fc.property(version, hash160, (v, h) => {
        const a = c32addressEncode(v, h);
        expect(a).toBe(addressToString(addressFromVersionHash(v as never, bytesToHex(h))));
        const theirs = createAddress(a);
        expect([theirs.version, theirs.hash160]).toEqual([v, bytesToHex(h)]);
        expect(c32addressDecode(a)).toEqual({ version: v, hash160: h });
        expect(c32addressDecode(a.toLowerCase())).toEqual({ version: v, hash160: h });
        expect(c32addressDecode(a, { strictPrefix: true })).toEqual({ version: v, hash160: h });
      }),
      { numRuns: 300 },
    );
  });

  it('encodes only 20-byte hashes and versions 0..31', () => {
    expect(codeOf(() => c32addressEncode(22, new Uint8Array(19)))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => c32addressEncode(22, new Uint8Array(21)))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => c32addressEncode(32, new Uint8Array(20)))).toBe(CodecErrorCode.InvalidArgument);
  });

  it('skips the first character like the reference, unless strictPrefix', () => {
    const a = 'SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7';
    const expected = c32addressDecode(a);
    for (const first of ['X', 'b', '0', '-', ' ']) {
      expect(c32addressDecode(first + a.slice(1))).toEqual(expected);
      expect(codeOf(() => c32addressDecode(first + a.slice(1), { strictPrefix: true }))).toBe(CodecErrorCode.InvalidAddress);
    }
    expect(codeOf(() => c32addressDecode(`\u00e9${a.slice(1)}`))).toBe(CodecErrorCode.InvalidAddress);
  });

  it('rejects short, non-ASCII, non-20-byte and corrupted addresses', () => {
    const nonStandardLength = `S${c32checkEncode(22, new Uint8Array(19).fill(7))}`;
    for (const bad of ['', 'SP', 'SP2J6', 'S\u{1d7d8}2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKPVKG2CE', nonStandardLength, 'SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ8']) {
      expect(codeOf(() => c32addressDecode(bad)), bad).toBe(CodecErrorCode.InvalidAddress);
      expect(isValidC32Address(bad)).toBe(false);
    }
  });

  it('never throws anything but CODEC_INVALID_ADDRESS on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.stringMatching(/^S[0-9A-Za-z]{5,45}$/)), (s) => {
        for (const decode of [c32addressDecode, c32checkDecode, c32Decode]) {
          const code = codeOf(() => decode(s));
          if (code !== undefined) expect(code).toBe(CodecErrorCode.InvalidAddress);
        }
      }),
      { numRuns: 500 },
    );
  });
});
