import { ByteReader, ByteWriter, decodeAll, encodeWith } from '../bytes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';

/**
 * The reference's `BitVec<MAX_SIZE>` (stacks-common `bitvec.rs`): `len` booleans packed
 * least-significant-bit first, bit `i` in `data[i >> 3]` under mask `1 << (i & 7)`.
 *
 * `data` always holds exactly `ceil(len / 8)` bytes. Bits of the last byte past `len` are not
 * checked by the reference's decoder, so they are kept as received (a decode / encode round trip
 * is byte-exact even when they are set).
 */
export interface BitVec {
  /** Number of bits, 1 to 65535 (the wire form is a u16 and the reference rejects 0). */
  readonly len: number;
  /** The packed bits, `ceil(len / 8)` bytes. */
  readonly data: Uint8Array;
}

/** The largest bit count any `BitVec` may hold (`u16::MAX`). */
export const BITVEC_MAX_LEN = 0xffff;

/** Number of data bytes that hold `len` bits. */
export function bitVecDataLen(len: number): number {
  return (len + 7) >>> 3;
}

function checkLen(len: number, maxLen: number): void {
  if (!Number.isInteger(len) || len < 1 || len > BITVEC_MAX_LEN) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `BitVec length must be an integer in 1..65535, got ${len}`);
  }
  if (len > maxLen) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `BitVec length ${len} exceeds the maximum ${maxLen}`);
  }
}

/** A `BitVec` of `len` false bits (`BitVec::zeros`). */
export function bitVecZeros(len: number, maxLen = BITVEC_MAX_LEN): BitVec {
  checkLen(len, maxLen);
  return { len, data: new Uint8Array(bitVecDataLen(len)) };
}

/** A `BitVec` of `len` true bits (`BitVec::ones`); padding bits of the last byte stay clear. */
export function bitVecOnes(len: number, maxLen = BITVEC_MAX_LEN): BitVec {
  checkLen(len, maxLen);
  return bitVecFromBools(new Array<boolean>(len).fill(true), maxLen);
}

/** A `BitVec` holding `bits` in order (`BitVec::try_from(&[bool])`). */
export function bitVecFromBools(bits: readonly boolean[], maxLen = BITVEC_MAX_LEN): BitVec {
  checkLen(bits.length, maxLen);
  const data = new Uint8Array(bitVecDataLen(bits.length));
  bits.forEach((b, i) => {
    if (b) data[i >>> 3]! |= 1 << (i & 7);
  });
  return { len: bits.length, data };
}

/** The bits of `v` as booleans (padding bits excluded). */
export function bitVecToBools(v: BitVec): boolean[] {
  const out = new Array<boolean>(v.len);
  for (let i = 0; i < v.len; i++) out[i] = ((v.data[i >>> 3] ?? 0) & (1 << (i & 7))) !== 0;
  return out;
}

/** Bit `i`, or `undefined` when `i` is out of range (`BitVec::get`). */
export function bitVecGet(v: BitVec, i: number): boolean | undefined {
  if (!Number.isInteger(i) || i < 0 || i >= v.len) return undefined;
  return ((v.data[i >>> 3] ?? 0) & (1 << (i & 7))) !== 0;
}

/** A copy of `v` with bit `i` set to `value` (`BitVec::set`); throws on an out-of-range index. */
export function bitVecSet(v: BitVec, i: number, value: boolean): BitVec {
  if (!Number.isInteger(i) || i < 0 || i >= v.len) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `BitVec index ${i} outside of length ${v.len}`);
  }
  const data = v.data.slice();
  if (value) data[i >>> 3]! |= 1 << (i & 7);
  else data[i >>> 3]! &= ~(1 << (i & 7));
  return { len: v.len, data };
}

/** `'1'`/`'0'` per bit, bit 0 first (`BitVec::binary_str`). */
export function bitVecToBinaryString(v: BitVec): string {
  return bitVecToBools(v)
    .map((b) => (b ? '1' : '0'))
    .join('');
}

/**
 * Reads a `BitVec<maxLen>`: u16 bit count (1..maxLen), then a u32 byte count that must equal
 * `ceil(len / 8)`, then the bytes.
 */
export function readBitVec(r: ByteReader, maxLen = BITVEC_MAX_LEN): BitVec {
  const start = r.offset;
  const len = r.readU16('BitVec length');
  if (len === 0) {
    throw new CodecError(CodecErrorCode.InvalidValue, 'BitVec length must be positive', { offset: start });
  }
  if (len > maxLen) {
    throw new CodecError(CodecErrorCode.TooLarge, `BitVec length ${len} exceeds the maximum ${maxLen}`, {
      offset: start,
      length: len,
      max: maxLen,
    });
  }
  const expected = bitVecDataLen(len);
  const countAt = r.offset;
  const count = r.readU32('BitVec data length');
  if (count !== expected) {
    throw new CodecError(CodecErrorCode.InvalidValue, `BitVec of ${len} bits needs ${expected} data bytes, got ${count}`, {
      offset: countAt,
      length: count,
      expected,
    });
  }
  return { len, data: r.readBytesCopy(count, 'BitVec data') };
}

/** Writes a `BitVec`: u16 bit count, u32 byte count, bytes. Throws if `data` does not fit `len`. */
export function writeBitVec(w: ByteWriter, v: BitVec, maxLen = BITVEC_MAX_LEN): void {
  checkLen(v.len, maxLen);
  const n = bitVecDataLen(v.len);
  w.writeU16(v.len).writeU32(n).writeFixed(v.data, n, 'BitVec data');
}

/** Decodes a whole byte array as one `BitVec<maxLen>`. */
export function decodeBitVec(bytes: Uint8Array, maxLen = BITVEC_MAX_LEN): BitVec {
  return decodeAll(bytes, (r) => readBitVec(r, maxLen), 'BitVec');
}

/** Encodes a `BitVec`. */
export function encodeBitVec(v: BitVec, maxLen = BITVEC_MAX_LEN): Uint8Array {
  return encodeWith((w) => writeBitVec(w, v, maxLen), 6 + v.data.length);
}
