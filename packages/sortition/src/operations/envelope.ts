/**
 * The OP_RETURN envelope of a burn operation: output 0 is `OP_RETURN <push>` where the push is
 * magic(2) || opcode(1) || data, and helpers to read fixed-width big-endian fields.
 */
import { concatBytes } from '@stacks-ts/common';
import { SortitionError, SortitionErrorCode } from '../errors.ts';
import type { TxOutputSpec } from './types.ts';

/** Bitcoin's standard OP_RETURN relay limit for the pushed data (80 bytes). */
export const MAX_OP_RETURN_DATA = 80;

/** magic || opcode || data: the bytes the OP_RETURN pushes. */
export function burnOpPayload(magic: Uint8Array, opcode: number, data: Uint8Array): Uint8Array {
  if (magic.length !== 2) throw new SortitionError(SortitionErrorCode.InvalidArgument, 'magic must be 2 bytes');
  return concatBytes(magic, Uint8Array.of(opcode), data);
}

/** The OP_RETURN scriptPubKey that pushes `payload` (direct push below 76 bytes, OP_PUSHDATA1 up to 80). */
export function opReturnScript(payload: Uint8Array): Uint8Array {
  if (payload.length > MAX_OP_RETURN_DATA) {
    throw new SortitionError(SortitionErrorCode.InvalidArgument, `OP_RETURN payload of ${payload.length} bytes exceeds ${MAX_OP_RETURN_DATA}`);
  }
  const head = payload.length < 0x4c ? Uint8Array.of(0x6a, payload.length) : Uint8Array.of(0x6a, 0x4c, payload.length);
  return concatBytes(head, payload);
}

/** Output 0 of an operation's transaction: the OP_RETURN carrying the payload, with `value` satoshis (usually 0). */
export function opReturnOutput(payload: Uint8Array, value = 0n): TxOutputSpec {
  return { scriptPubKey: opReturnScript(payload), value };
}

/** Reads an unsigned big-endian integer of `len` bytes at `off`. */
export function readUintBE(data: Uint8Array, off: number, len: number): bigint {
  let v = 0n;
  for (let i = 0; i < len; i++) v = (v << 8n) | BigInt(data[off + i]!);
  return v;
}
