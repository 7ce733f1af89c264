/**
 * The Stacks 2.x microblock header (`StacksMicroblockHeader`): 132 bytes,
 * `version u8 | sequence u16 | prev_block[32] | tx_merkle_root[32] | signature[65]`.
 * Poison-microblock payloads carry two of them; 2.x microblocks start with one.
 */
import { bytesToUintBE } from '@stacks-ts/common';
import { type ByteReader, type ByteWriter, decodeAll, encodeWith } from '../bytes.ts';
import { sha512_256 } from '../crypto/hashes.ts';
import { SECP256K1_ORDER } from '../crypto/secp256k1.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';

/** Encoded size of a microblock header. */
export const MICROBLOCK_HEADER_LENGTH = 1 + 2 + 32 + 32 + 65;

/** A microblock header. */
export interface StacksMicroblockHeader {
  readonly version: number;
  /** u16. */
  readonly sequence: number;
  /** Hash of the parent anchored block or of the previous microblock header. */
  readonly prevBlock: Uint8Array;
  readonly txMerkleRoot: Uint8Array;
  /** 65-byte recoverable signature (VRS). */
  readonly signature: Uint8Array;
}



// `MessageSignature::to_secp256k1_recoverable` succeeds: recovery id 0..3, r and s below the order (zero allowed).
function isParseableRecoverableSignature(sig: Uint8Array): boolean {
  if (sig.length !== 65 || sig[0]! > 3) return false;
  return bytesToUintBE(sig.subarray(1, 33)) < SECP256K1_ORDER && bytesToUintBE(sig.subarray(33, 65)) < SECP256K1_ORDER;
}

/** Reads a microblock header; the signature must parse (recovery id 0..3, r and s in range). */
export function readMicroblockHeader(r: ByteReader): StacksMicroblockHeader {
  const version = r.readU8('microblock header version');
  const sequence = r.readU16('microblock header sequence');
  const prevBlock = r.readBytesCopy(32, 'microblock header prev_block');
  const txMerkleRoot = r.readBytesCopy(32, 'microblock header tx_merkle_root');
  const sigOffset = r.offset;
  const signature = r.readBytesCopy(65, 'microblock header signature');
  if (!isParseableRecoverableSignature(signature)) {
    throw new CodecError(CodecErrorCode.InvalidSignature, 'microblock header signature does not parse', { offset: sigOffset });
  }
  return { version, sequence, prevBlock, txMerkleRoot, signature };
}

function checkU8(v: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new CodecError(CodecErrorCode.InvalidArgument, `${what} must be a u8, got ${v}`);
}

function checkU16(v: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new CodecError(CodecErrorCode.InvalidArgument, `${what} must be a u16, got ${v}`);
}

function writeHeader(w: ByteWriter, h: StacksMicroblockHeader, emptySignature: boolean): void {
  checkU8(h.version, 'microblock header version');
  checkU16(h.sequence, 'microblock header sequence');
  w.writeU8(h.version).writeU16(h.sequence);
  w.writeFixed(h.prevBlock, 32, 'microblock header prev_block');
  w.writeFixed(h.txMerkleRoot, 32, 'microblock header tx_merkle_root');
  if (emptySignature) w.writeBytes(new Uint8Array(65));
  else w.writeFixed(h.signature, 65, 'microblock header signature');
}

/** Writes a microblock header. */
export function writeMicroblockHeader(w: ByteWriter, h: StacksMicroblockHeader): void {
  writeHeader(w, h, false);
}

/** Decodes exactly one microblock header. */
export function decodeMicroblockHeader(bytes: Uint8Array): StacksMicroblockHeader {
  return decodeAll(bytes, readMicroblockHeader, 'microblock header');
}

/** Encodes a microblock header (132 bytes). */
export function encodeMicroblockHeader(h: StacksMicroblockHeader): Uint8Array {
  return encodeWith((w) => writeMicroblockHeader(w, h), MICROBLOCK_HEADER_LENGTH);
}

/** The microblock's hash (`StacksMicroblockHeader::block_hash`): SHA-512/256 of the whole encoded header. */
export function microblockHeaderHash(h: StacksMicroblockHeader): Uint8Array {
  return sha512_256(encodeMicroblockHeader(h));
}

/** The digest the microblock's signer signs: SHA-512/256 of the header with a zeroed signature. */
export function microblockHeaderSigHash(h: StacksMicroblockHeader): Uint8Array {
  return sha512_256(encodeWith((w) => writeHeader(w, h, true), MICROBLOCK_HEADER_LENGTH));
}
