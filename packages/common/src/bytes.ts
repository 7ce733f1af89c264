import { CommonErrorCode, StacksError } from './errors.ts';

const HEX = '0123456789abcdef';
const HEX_PAIRS: string[] = Array.from({ length: 256 }, (_, i) => HEX[i >> 4]! + HEX[i & 15]!);
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE[HEX.charCodeAt(i)] = i;
  HEX_VALUE[HEX.toUpperCase().charCodeAt(i)] = i;
}

/** Lowercase hex of `bytes`, without a `0x` prefix. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX_PAIRS[bytes[i]!]!;
  return out;
}

/** Bytes of a hex string; an optional `0x` prefix is accepted, odd length or bad digits throw. */
export function hexToBytes(hex: string): Uint8Array {
  const start = hex.startsWith('0x') || hex.startsWith('0X') ? 2 : 0;
  const len = hex.length - start;
  if (len % 2 !== 0) {
    throw new StacksError(CommonErrorCode.InvalidHex, `hex string has odd length ${len}`, { length: len });
  }
  const out = new Uint8Array(len / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hex.charCodeAt(start + 2 * i);
    const lo = hex.charCodeAt(start + 2 * i + 1);
    const h = hi < 128 ? HEX_VALUE[hi]! : -1;
    const l = lo < 128 ? HEX_VALUE[lo]! : -1;
    if (h < 0 || l < 0) {
      throw new StacksError(CommonErrorCode.InvalidHex, `invalid hex digit at offset ${start + 2 * i}`, {
        offset: start + 2 * i,
      });
    }
    out[i] = (h << 4) | l;
  }
  return out;
}

/** True when `s` is an even-length hex string (optional `0x`). */
export function isHex(s: string): boolean {
  return /^(0x)?([0-9a-fA-F]{2})*$/.test(s);
}

/** Concatenation of byte arrays into a new array. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Byte-wise equality. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lexicographic byte comparison (-1, 0, 1), as Rust's `Ord` on `[u8]`. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 bytes of a string. */
export function utf8ToBytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Decodes UTF-8 strictly; returns `null` on invalid UTF-8 instead of inserting replacement characters. */
export function bytesToUtf8(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** ASCII string to bytes; characters above 0x7f throw. */
export function asciiToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) {
      throw new StacksError(CommonErrorCode.InvalidArgument, `non-ASCII character at index ${i}`, { index: i });
    }
    out[i] = c;
  }
  return out;
}

/** Bytes to an ASCII string (no validation beyond the byte values). */
export function bytesToAscii(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** Big-endian bytes of an unsigned integer in `size` bytes; throws if it does not fit. */
export function uintToBytesBE(value: bigint | number, size: number): Uint8Array {
  let v = BigInt(value);
  if (v < 0n || v >= 1n << BigInt(8 * size)) {
    throw new StacksError(CommonErrorCode.InvalidArgument, `value ${v} does not fit in ${size} bytes`, { size });
  }
  const out = new Uint8Array(size);
  for (let i = size - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Unsigned big-endian integer of `bytes`. */
export function bytesToUintBE(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = 0; i < bytes.length; i++) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}
