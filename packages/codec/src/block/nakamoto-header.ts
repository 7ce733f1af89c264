import { ByteReader, ByteWriter, decodeAll, encodeWith } from '../bytes.ts';
import { sha512_256 } from '../crypto/hashes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { type BitVec, readBitVec, writeBitVec } from './bitvec.ts';
import { stacksBlockId } from './block-id.ts';
import {
  CONSENSUS_HASH_LENGTH,
  HASH32_LENGTH,
  MAX_SIGNER_SIGNATURES,
  MESSAGE_SIGNATURE_LENGTH,
  POX_TREATMENT_MAX_LEN,
  SHADOW_BLOCK_VERSION_FLAG,
} from './constants.ts';

/**
 * A Nakamoto block header in its epoch 3.x wire form (`NakamotoBlockHeader` at release 3.4).
 * The 4.x `problematic_txs` field (present on the wire when `(version & 0x7f) >= 1` in 4.x
 * nodes) is not part of this form: a 3.x node reads any version without it.
 */
export interface NakamotoBlockHeader {
  /** Header version (u8); bit 7 is the shadow-block flag. 3.x blocks use 0. */
  readonly version: number;
  /** Number of blocks from genesis to this one (u64). */
  readonly chainLength: bigint;
  /** Total BTC spent by the sortition that elected this tenure (u64). */
  readonly burnSpent: bigint;
  /** Consensus hash of the burnchain block that selected this tenure (20 bytes). */
  readonly consensusHash: Uint8Array;
  /** Index block hash of the parent block (32 bytes). */
  readonly parentBlockId: Uint8Array;
  /** SHA-512/256 merkle root over the txids (32 bytes). */
  readonly txMerkleRoot: Uint8Array;
  /** MARF root after processing the block (32 bytes). */
  readonly stateIndexRoot: Uint8Array;
  /** Unix time in seconds at which the miner built the block (u64). */
  readonly timestamp: bigint;
  /** The miner's recoverable signature over `minerSignatureHash` (65 bytes, VRS). */
  readonly minerSignature: Uint8Array;
  /** Signers' recoverable signatures over `signerSignatureHash`, in reward-set order (65 bytes each). */
  readonly signerSignature: readonly Uint8Array[];
  /** Which reward addresses are punished (bit clear) in this block, at most 4000 bits. */
  readonly poxTreatment: BitVec;
}

/** Reads a Nakamoto block header (3.x form). */
export function readNakamotoBlockHeader(r: ByteReader): NakamotoBlockHeader {
  const version = r.readU8('header version');
  const chainLength = r.readU64('chain_length');
  const burnSpent = r.readU64('burn_spent');
  const consensusHash = r.readBytesCopy(CONSENSUS_HASH_LENGTH, 'consensus_hash');
  const parentBlockId = r.readBytesCopy(HASH32_LENGTH, 'parent_block_id');
  const txMerkleRoot = r.readBytesCopy(HASH32_LENGTH, 'tx_merkle_root');
  const stateIndexRoot = r.readBytesCopy(HASH32_LENGTH, 'state_index_root');
  const timestamp = r.readU64('timestamp');
  const minerSignature = r.readBytesCopy(MESSAGE_SIGNATURE_LENGTH, 'miner_signature');
  const count = r.readVecLength(MAX_SIGNER_SIGNATURES, MESSAGE_SIGNATURE_LENGTH, 'signer_signature');
  const signerSignature: Uint8Array[] = [];
  for (let i = 0; i < count; i++) signerSignature.push(r.readBytesCopy(MESSAGE_SIGNATURE_LENGTH, 'signer signature'));
  const poxTreatment = readBitVec(r, POX_TREATMENT_MAX_LEN);
  return {
    version,
    chainLength,
    burnSpent,
    consensusHash,
    parentBlockId,
    txMerkleRoot,
    stateIndexRoot,
    timestamp,
    minerSignature,
    signerSignature,
    poxTreatment,
  };
}

function writeVersion(w: ByteWriter, version: number): void {
  if (!Number.isInteger(version) || version < 0 || version > 0xff) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `header version must be a u8, got ${version}`);
  }
  w.writeU8(version);
}

// version .. timestamp: the prefix shared by the wire form and both signature-hash preimages.
function writeHeaderPrefix(w: ByteWriter, h: NakamotoBlockHeader): void {
  writeVersion(w, h.version);
  w.writeU64(h.chainLength)
    .writeU64(h.burnSpent)
    .writeFixed(h.consensusHash, CONSENSUS_HASH_LENGTH, 'consensus_hash')
    .writeFixed(h.parentBlockId, HASH32_LENGTH, 'parent_block_id')
    .writeFixed(h.txMerkleRoot, HASH32_LENGTH, 'tx_merkle_root')
    .writeFixed(h.stateIndexRoot, HASH32_LENGTH, 'state_index_root')
    .writeU64(h.timestamp);
}

/** Writes a Nakamoto block header (3.x form). */
export function writeNakamotoBlockHeader(w: ByteWriter, h: NakamotoBlockHeader): void {
  writeHeaderPrefix(w, h);
  w.writeFixed(h.minerSignature, MESSAGE_SIGNATURE_LENGTH, 'miner_signature');
  if (h.signerSignature.length > MAX_SIGNER_SIGNATURES) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `too many signer signatures: ${h.signerSignature.length}`);
  }
  w.writeU32(h.signerSignature.length);
  for (const sig of h.signerSignature) w.writeFixed(sig, MESSAGE_SIGNATURE_LENGTH, 'signer signature');
  writeBitVec(w, h.poxTreatment, POX_TREATMENT_MAX_LEN);
}

/** Decodes a whole byte array as one Nakamoto block header. */
export function decodeNakamotoBlockHeader(bytes: Uint8Array): NakamotoBlockHeader {
  return decodeAll(bytes, readNakamotoBlockHeader, 'Nakamoto block header');
}

/** Encodes a Nakamoto block header. */
export function encodeNakamotoBlockHeader(h: NakamotoBlockHeader): Uint8Array {
  return encodeWith((w) => writeNakamotoBlockHeader(w, h), 256 + 65 * h.signerSignature.length);
}

/**
 * The digest the miner signs: SHA-512/256 over every field except both signature fields
 * (`miner_signature_hash`).
 */
export function minerSignatureHash(h: NakamotoBlockHeader): Uint8Array {
  return sha512_256(
    encodeWith((w) => {
      writeHeaderPrefix(w, h);
      writeBitVec(w, h.poxTreatment, POX_TREATMENT_MAX_LEN);
    }),
  );
}

/**
 * The digest signers sign: the miner-signature preimage with `miner_signature` inserted after
 * `timestamp` (`signer_signature_hash`). Signer signatures are not committed to.
 */
export function signerSignatureHash(h: NakamotoBlockHeader): Uint8Array {
  return sha512_256(
    encodeWith((w) => {
      writeHeaderPrefix(w, h);
      w.writeFixed(h.minerSignature, MESSAGE_SIGNATURE_LENGTH, 'miner_signature');
      writeBitVec(w, h.poxTreatment, POX_TREATMENT_MAX_LEN);
    }),
  );
}

/** The Nakamoto block hash (`BlockHeaderHash`): the same value as `signerSignatureHash`. */
export function nakamotoBlockHash(h: NakamotoBlockHeader): Uint8Array {
  return signerSignatureHash(h);
}

/** The Nakamoto block's index block hash: `stacksBlockId(nakamotoBlockHash(h), h.consensusHash)`. */
export function nakamotoBlockId(h: NakamotoBlockHeader): Uint8Array {
  return stacksBlockId(nakamotoBlockHash(h), h.consensusHash);
}

/** True when bit 7 of the version marks a shadow block (`is_shadow_block_version`). */
export function isShadowBlockVersion(version: number): boolean {
  return (version & SHADOW_BLOCK_VERSION_FLAG) !== 0;
}

/** True when the header is a shadow block's (`NakamotoBlockHeader::is_shadow_block`). */
export function isShadowBlockHeader(h: NakamotoBlockHeader): boolean {
  return isShadowBlockVersion(h.version);
}
