import { equalBytes } from '@stacks-ts/common';
import { type ByteReader, type ByteWriter, decodeAll, encodeWith } from '../bytes.ts';
import { hash160, sha512_256 } from '../crypto/hashes.ts';
import { compressPublicKey, parsePrivateKey, recoverPublicKey, signRecoverable } from '../crypto/secp256k1.ts';
import { CodecError, CodecErrorCode, isCodecError } from '../errors.ts';
import { MESSAGE_SIGNATURE_ENCODED_SIZE } from '../p2p/constants.ts';
import { writeFixedBytes, writeU32Checked } from '../p2p/wire.ts';
import { STACKERDB_MAX_CHUNK_SIZE } from './constants.ts';

/** A StackerDB chunk as sent on the wire and stored in a replica (`StackerDBChunkData`). */
export interface StackerDBChunkData {
  /** Slot index in the DB (u32). */
  readonly slotId: number;
  /** Slot version, a Lamport clock (u32). */
  readonly slotVersion: number;
  /** The slot owner's recoverable signature over `slotMetadataAuthDigest` (65 bytes, VRS). */
  readonly sig: Uint8Array;
  /** The chunk bytes (at most `STACKERDB_MAX_CHUNK_SIZE` on decode). */
  readonly data: Uint8Array;
}

/** What a replica stores about a slot: the signed part of a chunk (`SlotMetadata`). */
export interface SlotMetadata {
  /** u32. */
  readonly slotId: number;
  /** u32. */
  readonly slotVersion: number;
  /** SHA-512/256 of the chunk data (32 bytes). */
  readonly dataHash: Uint8Array;
  /** 65 bytes, VRS. */
  readonly signature: Uint8Array;
}

/** The signed fields of a slot: id, version and data hash. */
export type SlotMetadataFields = Pick<SlotMetadata, 'slotId' | 'slotVersion' | 'dataHash'>;

/** Byte length of the fixed part of an encoded chunk: slot id, version, signature, data length. */
const CHUNK_FIXED_SIZE = 4 + 4 + MESSAGE_SIGNATURE_ENCODED_SIZE + 4;

/** Hash of chunk data: SHA-512/256 (`StackerDBChunkData::data_hash`). */
export function stackerDBDataHash(data: Uint8Array): Uint8Array {
  return sha512_256(data);
}

/**
 * The digest a slot owner signs (`SlotMetadata::auth_digest`):
 * SHA-512/256(slot_id u32 BE || slot_version u32 BE || data_hash[32]).
 */
export function slotMetadataAuthDigest(md: SlotMetadataFields): Uint8Array {
  const w = encodeWith((w) => {
    writeU32Checked(w, md.slotId, 'slot_id');
    writeU32Checked(w, md.slotVersion, 'slot_version');
    writeFixedBytes(w, md.dataHash, 32, 'data_hash');
  }, 40);
  return sha512_256(w);
}

/** The slot metadata a chunk carries (`get_slot_metadata`): its hash and signature. */
export function slotMetadataFromChunk(chunk: StackerDBChunkData): SlotMetadata {
  return { slotId: chunk.slotId, slotVersion: chunk.slotVersion, dataHash: stackerDBDataHash(chunk.data), signature: chunk.sig };
}

/** Signs slot metadata with a Stacks private key (32 bytes, or 33 ending in 0x01); returns a new value. */
export function signSlotMetadata(md: SlotMetadataFields, privateKey: Uint8Array): SlotMetadata {
  const { secretKey } = parsePrivateKey(privateKey);
  const signature = signRecoverable(slotMetadataAuthDigest(md), secretKey);
  return { slotId: md.slotId, slotVersion: md.slotVersion, dataHash: md.dataHash, signature };
}

/**
 * Recovers the compressed public key that signed slot metadata. High-S signatures are accepted,
 * as in the reference (`recover_to_pubkey_without_validating_low_s`). Throws
 * `CODEC_INVALID_SIGNATURE` when no key can be recovered.
 */
export function recoverSlotMetadataPublicKey(md: SlotMetadata): Uint8Array {
  if (!(md.signature instanceof Uint8Array) || md.signature.length !== MESSAGE_SIGNATURE_ENCODED_SIZE) {
    throw new CodecError(CodecErrorCode.InvalidSignature, 'slot signature must be 65 bytes');
  }
  return recoverPublicKey(slotMetadataAuthDigest(md), md.signature, true);
}

function signerHash(publicKeyOrAddressHash: Uint8Array): Uint8Array {
  if (publicKeyOrAddressHash.length === 20) return publicKeyOrAddressHash;
  return hash160(compressPublicKey(publicKeyOrAddressHash));
}

/**
 * True when the slot metadata was signed by the slot owner (`SlotMetadata::verify`): the key
 * recovered from the signature, compressed and hashed with Hash160, must equal the owner's
 * address hash. `publicKeyOrAddressHash` is that 20-byte hash (the address version is ignored),
 * or the owner's public key (33 or 65 bytes). High-S signatures are accepted. An unrecoverable
 * signature gives `false`.
 */
export function verifySlotMetadata(md: SlotMetadata, publicKeyOrAddressHash: Uint8Array): boolean {
  const expected = signerHash(publicKeyOrAddressHash);
  let recovered: Uint8Array;
  try {
    recovered = recoverSlotMetadataPublicKey(md);
  } catch (err) {
    if (isCodecError(err)) return false;
    throw err;
  }
  const got = hash160(recovered);
  return equalBytes(got, expected);
}

/** Signs a chunk (over its slot id, version and data hash); returns a new chunk with `sig` set. */
export function signStackerDBChunk(chunk: StackerDBChunkData, privateKey: Uint8Array): StackerDBChunkData {
  const md = signSlotMetadata(slotMetadataFromChunk(chunk), privateKey);
  return { slotId: chunk.slotId, slotVersion: chunk.slotVersion, sig: md.signature, data: chunk.data };
}

/** Recovers the compressed public key that signed a chunk (`recover_pk`); throws `CODEC_INVALID_SIGNATURE` if none. */
export function recoverStackerDBChunkPublicKey(chunk: StackerDBChunkData): Uint8Array {
  return recoverSlotMetadataPublicKey(slotMetadataFromChunk(chunk));
}

/** True when the chunk was signed by the slot owner; see `verifySlotMetadata` for the rule. */
export function verifyStackerDBChunk(chunk: StackerDBChunkData, publicKeyOrAddressHash: Uint8Array): boolean {
  return verifySlotMetadata(slotMetadataFromChunk(chunk), publicKeyOrAddressHash);
}

/** Reads a chunk: slot id, version, signature, then `Vec<u8>` data of at most 16 MiB. */
export function readStackerDBChunkData(r: ByteReader): StackerDBChunkData {
  const slotId = r.readU32('slot_id');
  const slotVersion = r.readU32('slot_version');
  const sig = r.readBytesCopy(MESSAGE_SIGNATURE_ENCODED_SIZE, 'sig');
  const n = r.readVecLength(STACKERDB_MAX_CHUNK_SIZE, 1, 'chunk data');
  const data = r.readBytesCopy(n, 'chunk data');
  return { slotId, slotVersion, sig, data };
}

/** Writes a chunk; refuses data above `STACKERDB_MAX_CHUNK_SIZE` (the decoder would reject it). */
export function writeStackerDBChunkData(w: ByteWriter, c: StackerDBChunkData): void {
  writeU32Checked(w, c.slotId, 'slot_id');
  writeU32Checked(w, c.slotVersion, 'slot_version');
  writeFixedBytes(w, c.sig, MESSAGE_SIGNATURE_ENCODED_SIZE, 'sig');
  if (!(c.data instanceof Uint8Array)) throw new CodecError(CodecErrorCode.InvalidArgument, 'chunk data must be a Uint8Array');
  if (c.data.length > STACKERDB_MAX_CHUNK_SIZE) {
    throw new CodecError(CodecErrorCode.TooLarge, `chunk data of ${c.data.length} bytes exceeds ${STACKERDB_MAX_CHUNK_SIZE}`);
  }
  w.writeU32(c.data.length).writeBytes(c.data);
}

/** Decodes exactly one chunk. */
export function decodeStackerDBChunkData(bytes: Uint8Array): StackerDBChunkData {
  return decodeAll(bytes, readStackerDBChunkData, 'StackerDB chunk');
}

/** Encodes a chunk. */
export function encodeStackerDBChunkData(c: StackerDBChunkData): Uint8Array {
  return encodeWith((w) => writeStackerDBChunkData(w, c), CHUNK_FIXED_SIZE + (c.data?.length ?? 0));
}
