import { CodecError, CodecErrorCode } from './errors.ts';

const textDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const textEncoder = new TextEncoder();

/**
 * A bounds-checked big-endian reader over a byte array. Every read checks the remaining length
 * first, so a hostile length prefix fails with `CODEC_UNEXPECTED_EOF` before anything is allocated.
 * Slices returned by `readBytes` are views into the input (no copy); copy them if the input buffer
 * is going to be reused.
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  offset: number;
  private readonly end: number;

  constructor(bytes: Uint8Array, offset = 0, end = bytes.length) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.offset = offset;
    this.end = end;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.end - this.offset;
  }

  /** Throws `CODEC_UNEXPECTED_EOF` unless `n` more bytes are available. */
  need(n: number, what = 'value'): void {
    if (n > this.end - this.offset) {
      throw new CodecError(CodecErrorCode.UnexpectedEof, `unexpected end of input reading ${what}`, {
        offset: this.offset,
        needed: n,
        remaining: this.end - this.offset,
      });
    }
  }

  readU8(what = 'u8'): number {
    this.need(1, what);
    return this.bytes[this.offset++]!;
  }

  readU16(what = 'u16'): number {
    this.need(2, what);
    const v = this.view.getUint16(this.offset);
    this.offset += 2;
    return v;
  }

  readU32(what = 'u32'): number {
    this.need(4, what);
    const v = this.view.getUint32(this.offset);
    this.offset += 4;
    return v;
  }

  readU64(what = 'u64'): bigint {
    this.need(8, what);
    const v = this.view.getBigUint64(this.offset);
    this.offset += 8;
    return v;
  }

  /** An unsigned 128-bit big-endian integer. */
  readU128(what = 'u128'): bigint {
    this.need(16, what);
    const hi = this.view.getBigUint64(this.offset);
    const lo = this.view.getBigUint64(this.offset + 8);
    this.offset += 16;
    return (hi << 64n) | lo;
  }

  /** A signed 128-bit big-endian two's complement integer. */
  readI128(what = 'i128'): bigint {
    return BigInt.asIntN(128, this.readU128(what));
  }

  /** A view of the next `n` bytes. */
  readBytes(n: number, what = 'bytes'): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** A copy of the next `n` bytes. */
  readBytesCopy(n: number, what = 'bytes'): Uint8Array {
    return this.readBytes(n, what).slice();
  }

  /** Strict UTF-8 of the next `n` bytes; invalid UTF-8 throws `CODEC_INVALID_STRING`. */
  readUtf8(n: number, what = 'utf8 string'): string {
    const b = this.readBytes(n, what);
    try {
      return textDecoder.decode(b);
    } catch {
      throw new CodecError(CodecErrorCode.InvalidString, `invalid UTF-8 in ${what}`, { offset: this.offset - n });
    }
  }

  /**
   * Reads a u32 item count for a `Vec<T>` and checks it against `max` and against the bytes left,
   * assuming each item takes at least `minItemSize` bytes (so a huge count fails before allocating).
   */
  readVecLength(max: number, minItemSize: number, what = 'vector'): number {
    const start = this.offset;
    const n = this.readU32(`${what} length`);
    if (n > max) {
      throw new CodecError(CodecErrorCode.TooLarge, `${what} has ${n} items, more than the maximum ${max}`, {
        offset: start,
        length: n,
        max,
      });
    }
    if (minItemSize > 0 && n * minItemSize > this.remaining) {
      throw new CodecError(CodecErrorCode.UnexpectedEof, `${what} claims ${n} items but only ${this.remaining} bytes remain`, {
        offset: start,
        length: n,
        remaining: this.remaining,
      });
    }
    return n;
  }

  /** Throws `CODEC_TRAILING_BYTES` unless the input is fully consumed. */
  expectEnd(what = 'input'): void {
    if (this.offset !== this.end) {
      throw new CodecError(CodecErrorCode.TrailingBytes, `${this.end - this.offset} trailing bytes after ${what}`, {
        offset: this.offset,
        trailing: this.end - this.offset,
      });
    }
  }
}

/** A growable big-endian writer. */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  /** Number of bytes written so far. */
  length = 0;

  constructor(initialCapacity = 256) {
    this.buf = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buf.buffer);
  }

  private reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  writeU8(v: number): this {
    this.reserve(1);
    this.buf[this.length++] = v;
    return this;
  }

  writeU16(v: number): this {
    this.reserve(2);
    this.view.setUint16(this.length, v);
    this.length += 2;
    return this;
  }

  writeU32(v: number): this {
    this.reserve(4);
    this.view.setUint32(this.length, v);
    this.length += 4;
    return this;
  }

  writeU64(v: bigint): this {
    if (v < 0n || v > 0xffff_ffff_ffff_ffffn) {
      throw new CodecError(CodecErrorCode.InvalidArgument, `u64 out of range: ${v}`);
    }
    this.reserve(8);
    this.view.setBigUint64(this.length, v);
    this.length += 8;
    return this;
  }

  /** Writes an unsigned 128-bit integer; throws if out of range. */
  writeU128(v: bigint): this {
    if (v < 0n || v >= 1n << 128n) throw new CodecError(CodecErrorCode.InvalidArgument, `u128 out of range: ${v}`);
    this.reserve(16);
    this.view.setBigUint64(this.length, v >> 64n);
    this.view.setBigUint64(this.length + 8, v & 0xffff_ffff_ffff_ffffn);
    this.length += 16;
    return this;
  }

  /** Writes a signed 128-bit integer in two's complement; throws if out of range. */
  writeI128(v: bigint): this {
    if (v < -(1n << 127n) || v >= 1n << 127n) {
      throw new CodecError(CodecErrorCode.InvalidArgument, `i128 out of range: ${v}`);
    }
    return this.writeU128(BigInt.asUintN(128, v));
  }

  writeBytes(b: Uint8Array): this {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  /** Writes `b`, which must be exactly `n` bytes long. */
  writeFixed(b: Uint8Array, n: number, what = 'field'): this {
    if (b.length !== n) {
      throw new CodecError(CodecErrorCode.InvalidArgument, `${what} must be ${n} bytes, got ${b.length}`);
    }
    return this.writeBytes(b);
  }

  /** UTF-8 bytes of `s` (no length prefix). */
  writeUtf8(s: string): this {
    return this.writeBytes(textEncoder.encode(s));
  }

  /** A copy of the bytes written. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/**
 * Runs `read` on a view of `r` that ends at most `limit` bytes ahead (the reference's
 * `BoundReader`), then advances `r` past what was read. A structure that runs into the bound
 * (rather than into the end of the input) is `CODEC_TOO_LARGE`.
 */
export function readBounded<T>(r: ByteReader, limit: number, what: string, read: (bounded: ByteReader) => T): T {
  const start = r.offset;
  const available = r.remaining;
  const bounded = new ByteReader(r.bytes, start, start + Math.min(available, limit));
  let value: T;
  try {
    value = read(bounded);
  } catch (err) {
    if (err instanceof CodecError && err.code === CodecErrorCode.UnexpectedEof && available > limit) {
      throw new CodecError(CodecErrorCode.TooLarge, `${what} is longer than ${limit} bytes`, { offset: start }, { cause: err });
    }
    throw err;
  }
  r.offset = bounded.offset;
  return value;
}

/**
 * Runs `read` over all of `bytes` and requires it to consume every byte. The standard shape of
 * a public `decodeX(bytes)` function.
 */
export function decodeAll<T>(bytes: Uint8Array, read: (r: ByteReader) => T, what: string): T {
  const r = new ByteReader(bytes);
  const v = read(r);
  r.expectEnd(what);
  return v;
}

/** Runs `write` on a fresh writer and returns the bytes. */
export function encodeWith(write: (w: ByteWriter) => void, capacity?: number): Uint8Array {
  const w = new ByteWriter(capacity);
  write(w);
  return w.toBytes();
}
