import { ByteReader, ByteWriter, decodeAll, encodeWith } from '../bytes.ts';
import { sha512_256 } from '../crypto/hashes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { type VrfProof, readVrfProof, writeVrfProof } from '../vrf/proof.ts';
import { stacksBlockId } from './block-id.ts';
import { FIRST_STACKS_BLOCK_HASH, HASH32_LENGTH } from './constants.ts';

/** A 2.x block's cumulative work (`StacksWorkScore`). */
export interface StacksWorkScore {
  /** Total burn tokens destroyed along the fork (u64). */
  readonly burn: bigint;
  /** Length of the fork in blocks (u64); 0 only for the boot block. */
  readonly work: bigint;
}

/** A Stacks 2.x anchored block header (`StacksBlockHeader`). */
export interface StacksBlockHeader {
  /** Header version (u8). */
  readonly version: number;
  /** Cumulative work score. */
  readonly totalWork: StacksWorkScore;
  /** The leader's VRF proof over the sortition seed (80 bytes on the wire, validated on decode). */
  readonly proof: VrfProof;
  /** Hash of the parent anchored block (32 bytes). */
  readonly parentBlock: Uint8Array;
  /** Hash of the last parent microblock confirmed, or all zeros (32 bytes). */
  readonly parentMicroblock: Uint8Array;
  /** Sequence number of `parentMicroblock` (u16). */
  readonly parentMicroblockSequence: number;
  /** SHA-512/256 merkle root over the txids (32 bytes). */
  readonly txMerkleRoot: Uint8Array;
  /** MARF root after processing the block (32 bytes). */
  readonly stateIndexRoot: Uint8Array;
  /** Hash160 of the key that signs this block's microblocks (20 bytes). */
  readonly microblockPubkeyHash: Uint8Array;
}

/** Reads a 2.x block header; the VRF proof must parse as the reference's `VRFProof` does. */
export function readStacksBlockHeader(r: ByteReader): StacksBlockHeader {
  const version = r.readU8('header version');
  const burn = r.readU64('total_work.burn');
  const work = r.readU64('total_work.work');
  const proof = readVrfProof(r);
  const parentBlock = r.readBytesCopy(HASH32_LENGTH, 'parent_block');
  const parentMicroblock = r.readBytesCopy(HASH32_LENGTH, 'parent_microblock');
  const parentMicroblockSequence = r.readU16('parent_microblock_sequence');
  const txMerkleRoot = r.readBytesCopy(HASH32_LENGTH, 'tx_merkle_root');
  const stateIndexRoot = r.readBytesCopy(HASH32_LENGTH, 'state_index_root');
  const microblockPubkeyHash = r.readBytesCopy(20, 'microblock_pubkey_hash');
  return {
    version,
    totalWork: { burn, work },
    proof,
    parentBlock,
    parentMicroblock,
    parentMicroblockSequence,
    txMerkleRoot,
    stateIndexRoot,
    microblockPubkeyHash,
  };
}

/** Writes a 2.x block header. */
export function writeStacksBlockHeader(w: ByteWriter, h: StacksBlockHeader): void {
  if (!Number.isInteger(h.version) || h.version < 0 || h.version > 0xff) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `header version must be a u8, got ${h.version}`);
  }
  const seq = h.parentMicroblockSequence;
  if (!Number.isInteger(seq) || seq < 0 || seq > 0xffff) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `parent_microblock_sequence must be a u16, got ${seq}`);
  }
  w.writeU8(h.version).writeU64(h.totalWork.burn).writeU64(h.totalWork.work);
  writeVrfProof(w, h.proof);
  w.writeFixed(h.parentBlock, HASH32_LENGTH, 'parent_block')
    .writeFixed(h.parentMicroblock, HASH32_LENGTH, 'parent_microblock')
    .writeU16(seq)
    .writeFixed(h.txMerkleRoot, HASH32_LENGTH, 'tx_merkle_root')
    .writeFixed(h.stateIndexRoot, HASH32_LENGTH, 'state_index_root')
    .writeFixed(h.microblockPubkeyHash, 20, 'microblock_pubkey_hash');
}

/** Decodes a whole byte array as one 2.x block header. */
export function decodeStacksBlockHeader(bytes: Uint8Array): StacksBlockHeader {
  return decodeAll(bytes, readStacksBlockHeader, 'Stacks block header');
}

/** Encodes a 2.x block header (always 247 bytes). */
export function encodeStacksBlockHeader(h: StacksBlockHeader): Uint8Array {
  return encodeWith((w) => writeStacksBlockHeader(w, h), 247);
}

/**
 * The 2.x block hash (`StacksBlockHeader::block_hash`): SHA-512/256 of the serialized header,
 * except that a header with zero work (the boot block) hashes to `FIRST_STACKS_BLOCK_HASH`.
 */
export function stacksBlockHeaderHash(h: StacksBlockHeader): Uint8Array {
  if (h.totalWork.work === 0n) return FIRST_STACKS_BLOCK_HASH.slice();
  return sha512_256(encodeStacksBlockHeader(h));
}

/** The 2.x index block hash: `stacksBlockId(stacksBlockHeaderHash(h), consensusHash)`. */
export function stacksBlockHeaderIndexHash(h: StacksBlockHeader, consensusHash: Uint8Array): Uint8Array {
  return stacksBlockId(stacksBlockHeaderHash(h), consensusHash);
}
