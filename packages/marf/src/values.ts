/**
 * `MARFValue` conversions (stacks-core `index/mod.rs`): a MARF value is 40 bytes; the conversions
 * fill a prefix and leave the rest zero, and converting back refuses non-zero trailing bytes.
 */
import { sha512_256 } from '@stacks-ts/codec';
import { MarfError, MarfErrorCode } from './errors.ts';
import { MARF_VALUE_LENGTH } from './node.ts';

const utf8 = new TextEncoder();

function need(bytes: Uint8Array, len: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== len) {
    throw new MarfError(MarfErrorCode.InvalidArgument, `${what} must be ${len} bytes`, { length: bytes?.length });
  }
}

function trailingZeros(value: Uint8Array, from: number, what: string): void {
  need(value, MARF_VALUE_LENGTH, 'a MARF value');
  for (let i = from; i < MARF_VALUE_LENGTH; i++) {
    if (value[i] !== 0) throw new MarfError(MarfErrorCode.InvalidArgument, `MARF value has data after byte ${from}; not ${what}`);
  }
}

/** `MARFValue::from_value_hash`: the 32-byte hash followed by 8 zero bytes. */
export function marfValueFromHash(hash: Uint8Array): Uint8Array {
  need(hash, 32, 'a value hash');
  const out = new Uint8Array(MARF_VALUE_LENGTH);
  out.set(hash, 0);
  return out;
}

/** `MARFValue::from_value`: SHA-512/256 of the UTF-8 string, then 8 zero bytes (the Clarity store's rule). */
export function marfValueFromString(value: string): Uint8Array {
  return marfValueFromHash(sha512_256(utf8.encode(value)));
}

/** `MARFValue::from(u32)`: the integer little-endian in bytes 0..4, then 36 zero bytes. */
export function marfValueFromU32(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new MarfError(MarfErrorCode.InvalidArgument, 'not a u32', { value: n });
  }
  const out = new Uint8Array(MARF_VALUE_LENGTH);
  out[0] = n & 0xff;
  out[1] = (n >>> 8) & 0xff;
  out[2] = (n >>> 16) & 0xff;
  out[3] = n >>> 24;
  return out;
}

/** `MARFValue::from(block id)`: the 32-byte block id followed by 8 zero bytes. */
export function marfValueFromBlockId(blockId: Uint8Array): Uint8Array {
  need(blockId, 32, 'a block id');
  const out = new Uint8Array(MARF_VALUE_LENGTH);
  out.set(blockId, 0);
  return out;
}

/** `MARFValue::to_value_hash`: bytes 0..32 (the trailing 8 bytes are ignored, as in the reference). */
export function marfValueToHash(value: Uint8Array): Uint8Array {
  need(value, MARF_VALUE_LENGTH, 'a MARF value');
  return value.slice(0, 32);
}

/** `u32::from(MARFValue)`: bytes 0..4 little-endian; throws if any later byte is non-zero. */
export function marfValueToU32(value: Uint8Array): number {
  trailingZeros(value, 4, 'a u32');
  return (value[0]! | (value[1]! << 8) | (value[2]! << 16) | (value[3]! << 24)) >>> 0;
}

/** `T::from(MARFValue)` for a block id: bytes 0..32; throws if any later byte is non-zero. */
export function marfValueToBlockId(value: Uint8Array): Uint8Array {
  trailingZeros(value, 32, 'a block id');
  return value.slice(0, 32);
}
