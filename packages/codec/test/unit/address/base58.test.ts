import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '@stacks-ts/common';
import { CodecErrorCode, isCodecError } from '../../../src/errors.ts';
import {
  BitcoinAddressVersion,
  MAX_BASE58_STRING_LENGTH,
  b58ToC32,
  base58CheckDecode,
  base58CheckEncode,
  base58Decode,
  base58Encode,
  c32ToB58,
} from '../../../src/address/base58.ts';
import { c32addressDecode, c32addressEncode } from '../../../src/address/c32.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(isCodecError(err), String(err)).toBe(true);
    return (err as { code: string }).code;
  }
  return undefined;
}

const data = fc
  .tuple(fc.integer({ min: 0, max: 4 }), fc.uint8Array({ maxLength: 40 }))
  .map(([zeros, rest]) => Uint8Array.from([...new Array<number>(zeros).fill(0), ...rest]));

describe('base58', () => {
  it('known encodings (Bitcoin)', () => {
    expect(base58Encode(new Uint8Array(0))).toBe('');
    expect(base58Encode(Uint8Array.of(0, 0, 1))).toBe('112');
    expect(base58Encode(new TextEncoder().encode('hello world'))).toBe('StV1DL6CwTryKyV');
    // The genesis coinbase address.
    expect(base58CheckEncode(0, hexToBytes('62e907b15cbf27d5425399ebf6f0fb50ebb88f18'))).toBe('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
  });

  it('round trips bytes and checked payloads', () => {
    fc.assert(
      fc.property(data, (b) => {
        expect(base58Decode(base58Encode(b))).toEqual(b);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), data, (v, b) => {
        expect(base58CheckDecode(base58CheckEncode(v, b))).toEqual({ version: v, data: b });
      }),
      { numRuns: 300 },
    );
  });

  it('rejects bad characters, short payloads, bad checksums and over-long input', () => {
    const good = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa';
    for (const bad of ['0', 'O', 'I', 'l', '+', 'é', `${good.slice(0, -1)}b`, '1111', base58Encode(Uint8Array.of(1, 2, 3, 4))]) {
      expect(codeOf(() => base58CheckDecode(bad)), bad).toBe(CodecErrorCode.InvalidAddress);
    }
    expect(codeOf(() => base58Decode('2'.repeat(MAX_BASE58_STRING_LENGTH + 1)))).toBe(CodecErrorCode.InvalidAddress);
    expect(codeOf(() => base58CheckEncode(256, Uint8Array.of(1)))).toBe(CodecErrorCode.InvalidArgument);
  });

  it('never throws anything but CODEC_INVALID_ADDRESS on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.stringMatching(/^[1-9A-Za-z]{0,50}$/)), (s) => {
        for (const decode of [base58Decode, base58CheckDecode, b58ToC32]) {
          const code = codeOf(() => decode(s));
          if (code !== undefined) expect(code).toBe(CodecErrorCode.InvalidAddress);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('c32 <-> base58 addresses', () => {
  it('maps the four standard versions both ways and keeps the hash', () => {
    const hash = hexToBytes('a46ff88886c2ef9762d970b4d2c63678835bd39d');
    const pairs: [number, number][] = [
      [22, BitcoinAddressVersion.MainnetP2PKH],
      [20, BitcoinAddressVersion.MainnetP2SH],
      [26, BitcoinAddressVersion.TestnetP2PKH],
      [21, BitcoinAddressVersion.TestnetP2SH],
    ];
    for (const [stx, btc] of pairs) {
      const c32 = c32addressEncode(stx, hash);
      const b58 = c32ToB58(c32);
      expect(base58CheckDecode(b58)).toEqual({ version: btc, data: hash });
      expect(b58ToC32(b58)).toBe(c32);
    }
  });

  it('keeps unmapped versions, honours explicit ones and rejects unmappable ones', () => {
    const hash = new Uint8Array(20).fill(9);
    expect(base58CheckDecode(c32ToB58(c32addressEncode(1, hash))).version).toBe(1);
    expect(b58ToC32(base58CheckEncode(3, hash))).toBe(c32addressEncode(3, hash));
    expect(b58ToC32(base58CheckEncode(0, hash), 26)).toBe(c32addressEncode(26, hash));
    expect(base58CheckDecode(c32ToB58(c32addressEncode(22, hash), 111)).version).toBe(111);
    expect(codeOf(() => b58ToC32(base58CheckEncode(100, hash)))).toBe(CodecErrorCode.InvalidAddress);
    expect(codeOf(() => b58ToC32(base58CheckEncode(0, new Uint8Array(21))))).toBe(CodecErrorCode.InvalidAddress);
  });

  it('round trips random standard addresses', () => {
    fc.assert(
      fc.property(fc.constantFrom(20, 21, 22, 26), fc.uint8Array({ minLength: 20, maxLength: 20 }), (v, h) => {
        const c32 = c32addressEncode(v, h);
        expect(b58ToC32(c32ToB58(c32))).toBe(c32);
        expect(c32addressDecode(b58ToC32(c32ToB58(c32)))).toEqual({ version: v, hash160: h });
      }),
      { numRuns: 200 },
    );
  });
});
