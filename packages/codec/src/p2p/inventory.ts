import { type BitVec, readBitVec, writeBitVec } from '../block/bitvec.ts';
import type { ByteReader, ByteWriter } from '../bytes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import {
  BLOCKS_AVAILABLE_MAX_LEN,
  BURNCHAIN_HEADER_HASH_ENCODED_SIZE,
  CONSENSUS_HASH_ENCODED_SIZE,
  GETPOXINV_MAX_BITLEN,
  NAKAMOTO_INV_MAX_BITLEN,
} from './constants.ts';
import { readExactByteVec, readVec, writeExactByteVec, writeFixedBytes, writeVec } from './wire.ts';

/** Body of `GetBlocksInv` (2.x block inventory request). */
export interface GetBlocksInv {
  /** Consensus hash at the start of the range (20 bytes). */
  readonly consensusHash: Uint8Array;
  /** Number of sortitions asked about (u16, at least 1). */
  readonly numBlocks: number;
}

/** Body of `BlocksInv`: which 2.x blocks and microblock streams the peer has. */
export interface BlocksInvData {
  /** Number of bits (u16, at least 1). */
  readonly bitlen: number;
  /** Block bits, LSB first, exactly `ceil(bitlen / 8)` bytes. */
  readonly blockBitvec: Uint8Array;
  /** Microblock-stream bits, LSB first, exactly `ceil(bitlen / 8)` bytes. */
  readonly microblocksBitvec: Uint8Array;
}

/** Body of `GetPoxInv`. */
export interface GetPoxInv {
  /** 20 bytes. */
  readonly consensusHash: Uint8Array;
  /** Number of reward cycles asked about (u16, 1..4096). */
  readonly numCycles: number;
}

/** Body of `PoxInv`. */
export interface PoxInvData {
  /** Number of bits (u16, 1..4096). */
  readonly bitlen: number;
  /** Anchor-block knowledge bits, LSB first, exactly `ceil(bitlen / 8)` bytes. */
  readonly poxBitvec: Uint8Array;
}

/** Body of `GetNakamotoInv`. */
export interface GetNakamotoInvData {
  /** Consensus hash at the start of the reward cycle (20 bytes). */
  readonly consensusHash: Uint8Array;
}

/** Body of `NakamotoInv`: bit i set = the peer has processed the tenure of the cycle's i-th sortition. */
export interface NakamotoInvData {
  /** `BitVec<2100>`. */
  readonly tenures: BitVec;
}

/** One `(consensus hash, burnchain header hash)` pair of `BlocksAvailable`. */
export type BlocksAvailableEntry = readonly [consensusHash: Uint8Array, burnHeaderHash: Uint8Array];

/** Body of `BlocksAvailable` and `MicroblocksAvailable` (at most 32 entries). */
export interface BlocksAvailableData {
  readonly available: readonly BlocksAvailableEntry[];
}

/** Number of bytes that hold `bitlen` bits (`bitvec_len`). */
export function bitvecLen(bitlen: number): number {
  return (bitlen + 7) >>> 3;
}

/** Packs booleans LSB-first into bytes (`BlocksInvData::compress_bools`). */
export function compressBools(bits: readonly boolean[]): Uint8Array {
  if (bits.length > 0xffff) throw new CodecError(CodecErrorCode.InvalidArgument, 'at most 65535 bits can be packed');
  const out = new Uint8Array(bitvecLen(bits.length));
  bits.forEach((b, i) => {
    if (b) out[i >>> 3]! |= 1 << (i & 7);
  });
  return out;
}

/** Bit `i` of an LSB-first bit vector of `bitlen` bits; false when out of range (`has_ith_block`). */
export function hasIthBit(bitvec: Uint8Array, bitlen: number, i: number): boolean {
  if (!Number.isInteger(i) || i < 0 || i >= bitlen) return false;
  const byte = bitvec[i >>> 3];
  return byte !== undefined && (byte & (1 << (i & 7))) !== 0;
}

function checkBitlen(bitlen: number, max: number, what: string): void {
  if (!Number.isInteger(bitlen) || bitlen < 1 || bitlen > max) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `${what} must be in 1..${max}, got ${String(bitlen)}`);
  }
}

/** Reads a `GetBlocksInv`; `num_blocks` 0 is rejected. */
export function readGetBlocksInv(r: ByteReader): GetBlocksInv {
  const consensusHash = r.readBytesCopy(CONSENSUS_HASH_ENCODED_SIZE, 'consensus_hash');
  const at = r.offset;
  const numBlocks = r.readU16('num_blocks');
  if (numBlocks === 0) {
    throw new CodecError(CodecErrorCode.InvalidValue, 'GetBlocksInv must request at least one block', { offset: at });
  }
  return { consensusHash, numBlocks };
}

/** Writes a `GetBlocksInv`. */
export function writeGetBlocksInv(w: ByteWriter, m: GetBlocksInv): void {
  writeFixedBytes(w, m.consensusHash, CONSENSUS_HASH_ENCODED_SIZE, 'consensus_hash');
  checkBitlen(m.numBlocks, 0xffff, 'num_blocks');
  w.writeU16(m.numBlocks);
}

/** Reads a `BlocksInvData`: bitlen (not 0), then two byte vectors of exactly `ceil(bitlen / 8)` bytes. */
export function readBlocksInvData(r: ByteReader): BlocksInvData {
  const at = r.offset;
  const bitlen = r.readU16('bitlen');
  if (bitlen === 0) {
    throw new CodecError(CodecErrorCode.InvalidValue, 'BlocksInv must contain at least one bit', { offset: at });
  }
  const n = bitvecLen(bitlen);
  const blockBitvec = readExactByteVec(r, n, 'block_bitvec');
  const microblocksBitvec = readExactByteVec(r, n, 'microblocks_bitvec');
  return { bitlen, blockBitvec, microblocksBitvec };
}

/** Writes a `BlocksInvData`; both vectors must be exactly `ceil(bitlen / 8)` bytes. */
export function writeBlocksInvData(w: ByteWriter, m: BlocksInvData): void {
  checkBitlen(m.bitlen, 0xffff, 'bitlen');
  const n = bitvecLen(m.bitlen);
  w.writeU16(m.bitlen);
  writeExactByteVec(w, m.blockBitvec, n, 'block_bitvec');
  writeExactByteVec(w, m.microblocksBitvec, n, 'microblocks_bitvec');
}

/** Reads a `GetPoxInv`; `num_cycles` must be in 1..4096. */
export function readGetPoxInv(r: ByteReader): GetPoxInv {
  const consensusHash = r.readBytesCopy(CONSENSUS_HASH_ENCODED_SIZE, 'consensus_hash');
  const at = r.offset;
  const numCycles = r.readU16('num_cycles');
  if (numCycles === 0 || numCycles > GETPOXINV_MAX_BITLEN) {
    throw new CodecError(CodecErrorCode.InvalidValue, `GetPoxInv num_cycles ${numCycles} is outside 1..${GETPOXINV_MAX_BITLEN}`, {
      offset: at,
    });
  }
  return { consensusHash, numCycles };
}

/** Writes a `GetPoxInv`. */
export function writeGetPoxInv(w: ByteWriter, m: GetPoxInv): void {
  writeFixedBytes(w, m.consensusHash, CONSENSUS_HASH_ENCODED_SIZE, 'consensus_hash');
  checkBitlen(m.numCycles, GETPOXINV_MAX_BITLEN, 'num_cycles');
  w.writeU16(m.numCycles);
}

/** Reads a `PoxInvData`: bitlen in 1..4096, then exactly `ceil(bitlen / 8)` bytes. */
export function readPoxInvData(r: ByteReader): PoxInvData {
  const at = r.offset;
  const bitlen = r.readU16('bitlen');
  if (bitlen === 0 || bitlen > GETPOXINV_MAX_BITLEN) {
    throw new CodecError(CodecErrorCode.InvalidValue, `PoxInv bitlen ${bitlen} is outside 1..${GETPOXINV_MAX_BITLEN}`, { offset: at });
  }
  const poxBitvec = readExactByteVec(r, bitvecLen(bitlen), 'pox_bitvec');
  return { bitlen, poxBitvec };
}

/** Writes a `PoxInvData`. */
export function writePoxInvData(w: ByteWriter, m: PoxInvData): void {
  checkBitlen(m.bitlen, GETPOXINV_MAX_BITLEN, 'bitlen');
  w.writeU16(m.bitlen);
  writeExactByteVec(w, m.poxBitvec, bitvecLen(m.bitlen), 'pox_bitvec');
}

/** Reads a `GetNakamotoInvData`. */
export function readGetNakamotoInvData(r: ByteReader): GetNakamotoInvData {
  return { consensusHash: r.readBytesCopy(CONSENSUS_HASH_ENCODED_SIZE, 'consensus_hash') };
}

/** Writes a `GetNakamotoInvData`. */
export function writeGetNakamotoInvData(w: ByteWriter, m: GetNakamotoInvData): void {
  writeFixedBytes(w, m.consensusHash, CONSENSUS_HASH_ENCODED_SIZE, 'consensus_hash');
}

/** Reads a `NakamotoInvData` (`BitVec<2100>`: 1..2100 bits, exactly `ceil(len / 8)` bytes). */
export function readNakamotoInvData(r: ByteReader): NakamotoInvData {
  return { tenures: readBitVec(r, NAKAMOTO_INV_MAX_BITLEN) };
}

/** Writes a `NakamotoInvData`. */
export function writeNakamotoInvData(w: ByteWriter, m: NakamotoInvData): void {
  writeBitVec(w, m.tenures, NAKAMOTO_INV_MAX_BITLEN);
}

function readAvailableEntry(r: ByteReader): BlocksAvailableEntry {
  const ch = r.readBytesCopy(CONSENSUS_HASH_ENCODED_SIZE, 'consensus_hash');
  const bhh = r.readBytesCopy(BURNCHAIN_HEADER_HASH_ENCODED_SIZE, 'burn_header_hash');
  return [ch, bhh];
}

function writeAvailableEntry(w: ByteWriter, e: BlocksAvailableEntry): void {
  writeFixedBytes(w, e[0], CONSENSUS_HASH_ENCODED_SIZE, 'consensus_hash');
  writeFixedBytes(w, e[1], BURNCHAIN_HEADER_HASH_ENCODED_SIZE, 'burn_header_hash');
}

/** Reads a `BlocksAvailableData` (at most 32 entries). */
export function readBlocksAvailableData(r: ByteReader): BlocksAvailableData {
  const entrySize = CONSENSUS_HASH_ENCODED_SIZE + BURNCHAIN_HEADER_HASH_ENCODED_SIZE;
  return { available: readVec(r, BLOCKS_AVAILABLE_MAX_LEN, entrySize, readAvailableEntry, 'available') };
}

/** Writes a `BlocksAvailableData`. */
export function writeBlocksAvailableData(w: ByteWriter, m: BlocksAvailableData): void {
  writeVec(w, m.available, BLOCKS_AVAILABLE_MAX_LEN, writeAvailableEntry, 'available');
}
