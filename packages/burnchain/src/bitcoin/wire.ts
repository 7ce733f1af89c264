// Bitcoin's wire primitives: little-endian integers, CompactSize ("varint") lengths and double
// SHA-256. Every read is bounds-checked and throws a `BurnchainError` (never a RangeError).
import { sha256 } from '@noble/hashes/sha2.js';
import { BurnchainError, BurnchainErrorCode } from '../errors.ts';

/** A cursor over bytes being decoded; reads past the end throw `BURNCHAIN_MALFORMED`. */
export class WireReader {
  offset: number;
  constructor(
    readonly bytes: Uint8Array,
    offset = 0,
  ) {
    this.offset = offset;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  private need(n: number, what: string): void {
    if (n > this.bytes.length - this.offset) {
      throw new BurnchainError(BurnchainErrorCode.Malformed, `truncated ${what}`, { offset: this.offset, need: n, have: this.remaining });
    }
  }

  /** One byte. */
  u8(what = 'byte'): number {
    this.need(1, what);
    return this.bytes[this.offset++]!;
  }

  /** A little-endian u32. */
  u32(what = 'u32'): number {
    this.need(4, what);
    const b = this.bytes;
    const o = this.offset;
    this.offset += 4;
    return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
  }

  /** A little-endian i32. */
  i32(what = 'i32'): number {
    return this.u32(what) | 0;
  }

  /** A little-endian u64 as a bigint. */
  u64(what = 'u64'): bigint {
    const lo = this.u32(what);
    const hi = this.u32(what);
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** A view (no copy) of the next `n` bytes. */
  view(n: number, what = 'bytes'): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /**
   * A CompactSize length. `minItemBytes` is the smallest encoding of one counted item: the
   * count is rejected before any allocation when the remaining bytes cannot hold that many items.
   */
  compactSize(what: string, minItemBytes = 1): number {
    const first = this.u8(what);
    let n: number;
    if (first < 0xfd) n = first;
    else if (first === 0xfd) {
      this.need(2, what);
      n = this.bytes[this.offset]! | (this.bytes[this.offset + 1]! << 8);
      this.offset += 2;
      if (n < 0xfd) throw malformed(`non-canonical CompactSize for ${what}`, this.offset);
    } else if (first === 0xfe) {
      n = this.u32(what);
      if (n <= 0xffff) throw malformed(`non-canonical CompactSize for ${what}`, this.offset);
    } else {
      const big = this.u64(what);
      if (big <= 0xffffffffn) throw malformed(`non-canonical CompactSize for ${what}`, this.offset);
      throw malformed(`${what} count too large`, this.offset, { count: big.toString() });
    }
    if (minItemBytes > 0 && n * minItemBytes > this.remaining) {
      throw malformed(`${what} ${n} exceeds the remaining ${this.remaining} bytes`, this.offset, { count: n });
    }
    return n;
  }

  /** A CompactSize-prefixed byte string (a view, no copy). */
  varBytes(what: string): Uint8Array {
    const n = this.compactSize(what, 1);
    return this.view(n, what);
  }
}

function malformed(message: string, offset: number, meta: Record<string, unknown> = {}): BurnchainError {
  return new BurnchainError(BurnchainErrorCode.Malformed, message, { offset, ...meta });
}

/** Growable output buffer for Bitcoin serialization. */
export class WireWriter {
  private buf: Uint8Array;
  length = 0;
  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
  }

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** Appends one byte. */
  u8(v: number): this {
    this.ensure(1);
    this.buf[this.length++] = v & 0xff;
    return this;
  }

  /** Appends a little-endian u32. */
  u32(v: number): this {
    this.ensure(4);
    const b = this.buf;
    const o = this.length;
    b[o] = v & 0xff;
    b[o + 1] = (v >>> 8) & 0xff;
    b[o + 2] = (v >>> 16) & 0xff;
    b[o + 3] = (v >>> 24) & 0xff;
    this.length += 4;
    return this;
  }

  /** Appends a little-endian u64. */
  u64(v: bigint): this {
    this.u32(Number(v & 0xffffffffn));
    return this.u32(Number((v >> 32n) & 0xffffffffn));
  }

  /** Appends raw bytes. */
  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  /** Appends a CompactSize. */
  compactSize(n: number): this {
    if (n < 0xfd) return this.u8(n);
    if (n <= 0xffff) return this.u8(0xfd).u8(n & 0xff).u8(n >>> 8);
    if (n <= 0xffffffff) return this.u8(0xfe).u32(n);
    return this.u8(0xff).u64(BigInt(n));
  }

  /** Appends a CompactSize length and the bytes. */
  varBytes(b: Uint8Array): this {
    return this.compactSize(b.length).bytes(b);
  }

  /** The written bytes (a copy). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** SHA-256 applied twice, as Bitcoin hashes headers and transactions. */
export function sha256d(data: Uint8Array): Uint8Array {
  return sha256(sha256(data));
}

/** SHA-256d over several byte ranges, as if concatenated (no copy). */
export function sha256dParts(parts: readonly Uint8Array[]): Uint8Array {
  const h = sha256.create();
  for (const p of parts) h.update(p);
  return sha256(h.digest());
}

/** A reversed copy: converts between Bitcoin's internal hash order and display order. */
export function reverseBytes(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b[b.length - 1 - i]!;
  return out;
}
