import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexToBytes, bytesToHex } from '@stacks-ts/common';
import {
  bitVecFromBools,
  bitVecGet,
  bitVecOnes,
  bitVecSet,
  bitVecToBinaryString,
  bitVecToBools,
  bitVecZeros,
  decodeBitVec,
  encodeBitVec,
} from '../../../src/block/bitvec.ts';
import { CodecErrorCode, isCodecError } from '../../../src/errors.ts';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isCodecError(err)) return err.code;
    throw err;
  }
  throw new Error('expected a CodecError, got success');
}

describe('BitVec', () => {
  it('encodes zeros(8) as the reference does', () => {
    expect(bytesToHex(encodeBitVec(bitVecZeros(8)))).toBe('00080000000100');
  });

  it('packs bit i into byte i/8 under mask 1<<(i%8)', () => {
    let v = bitVecZeros(10);
    for (const i of [0, 3, 5]) v = bitVecSet(v, i, true);
    expect(bitVecToBinaryString(v)).toBe('1001010000');
    expect(bytesToHex(v.data)).toBe('2900');
    v = bitVecSet(v, 9, true);
    expect(bytesToHex(v.data)).toBe('2902');
    expect(bytesToHex(encodeBitVec(v))).toBe('000a000000022902');
  });

  it('ones() leaves padding bits clear', () => {
    expect(bytesToHex(bitVecOnes(10).data)).toBe('ff03');
    expect(bytesToHex(bitVecOnes(16).data)).toBe('ffff');
  });

  it('get is undefined out of range and set throws out of range', () => {
    const v = bitVecZeros(3);
    expect(bitVecGet(v, 3)).toBeUndefined();
    expect(bitVecGet(v, -1)).toBeUndefined();
    expect(bitVecGet(v, 2)).toBe(false);
    expect(codeOf(() => bitVecSet(v, 3, true))).toBe(CodecErrorCode.InvalidArgument);
  });

  it('constructors refuse length 0, > 65535 and > max', () => {
    expect(codeOf(() => bitVecZeros(0))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => bitVecZeros(65536))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => bitVecZeros(3, 2))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => bitVecFromBools([]))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => bitVecOnes(-1))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => bitVecOnes(1.5))).toBe(CodecErrorCode.InvalidArgument);
    expect(bitVecZeros(65535).data.length).toBe(8192);
  });

  it('decode rejects a zero bit count', () => {
    expect(codeOf(() => decodeBitVec(hexToBytes('000000000000')))).toBe(CodecErrorCode.InvalidValue);
  });

  it('decode rejects a bit count above the maximum', () => {
    const bytes = encodeBitVec(bitVecZeros(3));
    expect(decodeBitVec(bytes, 3).len).toBe(3);
    expect(codeOf(() => decodeBitVec(bytes, 2))).toBe(CodecErrorCode.TooLarge);
    expect(codeOf(() => decodeBitVec(encodeBitVec(bitVecZeros(4001)), 4000))).toBe(CodecErrorCode.TooLarge);
  });

  it('decode requires the byte count to match the bit count', () => {
    // 8 bits need exactly 1 byte.
    expect(codeOf(() => decodeBitVec(hexToBytes('0008000000020000')))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => decodeBitVec(hexToBytes('000800000000')))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => decodeBitVec(hexToBytes('0009000000010000')))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => decodeBitVec(hexToBytes('0008ffffffff')))).toBe(CodecErrorCode.InvalidValue);
  });

  it('decode keeps set padding bits and re-encodes byte-exact', () => {
    const bytes = hexToBytes('000300000001ff');
    const v = decodeBitVec(bytes);
    expect(bitVecToBools(v)).toEqual([true, true, true]);
    expect(bytesToHex(encodeBitVec(v))).toBe('000300000001ff');
  });

  it('decode rejects trailing bytes and truncation', () => {
    expect(codeOf(() => decodeBitVec(hexToBytes('0008000000010000')))).toBe(CodecErrorCode.TrailingBytes);
    const bytes = encodeBitVec(bitVecOnes(20));
    for (let n = 0; n < bytes.length; n++) {
      expect(codeOf(() => decodeBitVec(bytes.subarray(0, n)))).toBe(CodecErrorCode.UnexpectedEof);
    }
  });

  it('round-trips any bool list (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 300 }), (bits) => {
        const v = bitVecFromBools(bits);
        expect(bitVecToBools(v)).toEqual(bits);
        bits.forEach((b, i) => expect(bitVecGet(v, i)).toBe(b));
        const back = decodeBitVec(encodeBitVec(v));
        expect(back).toEqual(v);
        expect(bitVecToBinaryString(back)).toBe(bits.map((b) => (b ? '1' : '0')).join(''));
      }),
    );
  });

  it('decodes arbitrary bytes to a value or a CodecError only (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 16 }), (bytes) => {
        try {
          decodeBitVec(bytes);
        } catch (err) {
          expect(isCodecError(err)).toBe(true);
        }
      }),
    );
  });
});
