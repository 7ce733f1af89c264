/**
 * Small helpers shared by the p2p and StackerDB codecs: range-checked integer writes (a
 * `DataView` silently wraps out-of-range numbers), fixed-length byte fields and `Vec<T>`.
 */
import { ByteReader, type ByteWriter } from '../bytes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';

function checkUint(v: number, bits: 8 | 16 | 32, what: string): void {
  const max = bits === 32 ? 0xffff_ffff : (1 << bits) - 1;
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `${what} must be a u${bits}, got ${String(v)}`);
  }
}

/** Writes a u8 after checking its range. */
export function writeU8Checked(w: ByteWriter, v: number, what: string): void {
  checkUint(v, 8, what);
  w.writeU8(v);
}

/** Writes a u16 after checking its range. */
export function writeU16Checked(w: ByteWriter, v: number, what: string): void {
  checkUint(v, 16, what);
  w.writeU16(v);
}

/** Writes a u32 after checking its range. */
export function writeU32Checked(w: ByteWriter, v: number, what: string): void {
  checkUint(v, 32, what);
  w.writeU32(v);
}

/** Writes a u64 (the writer checks the range). */
export function writeU64Checked(w: ByteWriter, v: bigint, what: string): void {
  if (typeof v !== 'bigint') {
    throw new CodecError(CodecErrorCode.InvalidArgument, `${what} must be a bigint u64`);
  }
  w.writeU64(v);
}

/** Writes `b`, which must be exactly `n` bytes. */
export function writeFixedBytes(w: ByteWriter, b: Uint8Array, n: number, what: string): void {
  if (!(b instanceof Uint8Array)) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `${what} must be a Uint8Array`);
  }
  w.writeFixed(b, n, what);
}

/**
 * Reads a `Vec<T>` with at most `max` items, each at least `minItemSize` bytes (the count is
 * checked against both before anything is allocated).
 */
export function readVec<T>(r: ByteReader, max: number, minItemSize: number, readItem: (r: ByteReader) => T, what: string): T[] {
  const n = r.readVecLength(max, minItemSize, what);
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(readItem(r));
  return out;
}

/** Writes a `Vec<T>`: u32 count, then the items; refuses more than `max` items. */
export function writeVec<T>(w: ByteWriter, items: readonly T[], max: number, writeItem: (w: ByteWriter, item: T) => void, what: string): void {
  if (!Array.isArray(items)) throw new CodecError(CodecErrorCode.InvalidArgument, `${what} must be an array`);
  if (items.length > max) {
    throw new CodecError(CodecErrorCode.TooLarge, `${what} has ${items.length} items, more than the maximum ${max}`, {
      length: items.length,
      max,
    });
  }
  w.writeU32(items.length);
  for (const item of items) writeItem(w, item);
}

/**
 * Reads a `Vec<u8>` whose count must be exactly `expected` (the reference's `read_next_exact`),
 * checking the count before reading.
 */
export function readExactByteVec(r: ByteReader, expected: number, what: string): Uint8Array {
  const at = r.offset;
  const n = r.readU32(`${what} length`);
  if (n !== expected) {
    throw new CodecError(CodecErrorCode.InvalidValue, `${what} must hold exactly ${expected} bytes, got ${n}`, {
      offset: at,
      length: n,
      expected,
    });
  }
  return r.readBytesCopy(n, what);
}

/** Writes a `Vec<u8>` that must be exactly `expected` bytes long. */
export function writeExactByteVec(w: ByteWriter, b: Uint8Array, expected: number, what: string): void {
  if (!(b instanceof Uint8Array) || b.length !== expected) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `${what} must hold exactly ${expected} bytes`);
  }
  w.writeU32(b.length).writeBytes(b);
}

