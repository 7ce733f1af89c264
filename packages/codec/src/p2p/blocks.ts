import { bytesToHex } from '@stacks-ts/common';
import { type NakamotoBlock, readNakamotoBlock, writeNakamotoBlock } from '../block/nakamoto-block.ts';
import { nakamotoBlockId } from '../block/nakamoto-header.ts';
import { type StacksBlock, readStacksBlock, writeStacksBlock } from '../block/stacks-block.ts';
import { type StacksMicroblock, readStacksMicroblock, writeStacksMicroblock } from '../block/stacks-microblock.ts';
import type { ByteReader, ByteWriter } from '../bytes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import {
  BLOCKS_PUSHED_MAX,
  CONSENSUS_HASH_ENCODED_SIZE,
  MAX_BLOCK_LEN,
  MICROBLOCKS_PUSHED_MAX,
  NAKAMOTO_BLOCKS_PUSHED_MAX,
  STACKS_BLOCK_ID_ENCODED_SIZE,
} from './constants.ts';
import { readBounded } from '../bytes.ts';
import { readVec, writeFixedBytes, writeVec } from './wire.ts';

/** One pushed 2.x block and the consensus hash of its sortition (`BlocksDatum`). */
export interface BlocksDatum {
  /** 20 bytes. */
  readonly consensusHash: Uint8Array;
  readonly block: StacksBlock;
}

/** Body of `Blocks`: pushed 2.x blocks, at most 32, no two with the same consensus hash. */
export interface BlocksData {
  readonly blocks: readonly BlocksDatum[];
}

/** Body of `Microblocks`: a pushed 2.x microblock stream and the block it confirms. */
export interface MicroblocksData {
  /** Index block hash of the anchored block the stream builds on (32 bytes). */
  readonly indexAnchorBlock: Uint8Array;
  readonly microblocks: readonly StacksMicroblock[];
}

/** Body of `NakamotoBlocks`: pushed Nakamoto blocks, at most 32, no two with the same block id. */
export interface NakamotoBlocksData {
  readonly blocks: readonly NakamotoBlock[];
}

/** Lower bounds on encoded sizes, to refuse absurd counts before reading. */
const MIN_BLOCKS_DATUM_SIZE = CONSENSUS_HASH_ENCODED_SIZE + 1;
const MIN_MICROBLOCK_SIZE = 1 + 2 + 32 + 32 + 65 + 4;
const MIN_NAKAMOTO_BLOCK_SIZE = 1 + 8 + 8 + 20 + 32 + 32 + 32 + 8 + 65 + 4 + 2 + 4 + 4;

function readBlocksDatum(r: ByteReader): BlocksDatum {
  const consensusHash = r.readBytesCopy(CONSENSUS_HASH_ENCODED_SIZE, 'consensus_hash');
  // The block is read through a reader bounded to MAX_BLOCK_LEN bytes.
  const block = readBounded(r, MAX_BLOCK_LEN, 'pushed block', readStacksBlock);
  return { consensusHash, block };
}

function writeBlocksDatum(w: ByteWriter, d: BlocksDatum): void {
  writeFixedBytes(w, d.consensusHash, CONSENSUS_HASH_ENCODED_SIZE, 'consensus_hash');
  writeStacksBlock(w, d.block);
}

function duplicate(what: string, index: number): CodecError {
  return new CodecError(CodecErrorCode.Duplicate, `duplicate ${what} at index ${index}`, { index });
}

function firstDuplicate(keys: readonly Uint8Array[]): number {
  const seen = new Set<string>();
  for (let i = 0; i < keys.length; i++) {
    const k = bytesToHex(keys[i]!);
    if (seen.has(k)) return i;
    seen.add(k);
  }
  return -1;
}

/** Reads a `BlocksData`: at most 32 entries, each block within `MAX_BLOCK_LEN`, no duplicate consensus hash. */
export function readBlocksData(r: ByteReader): BlocksData {
  const blocks = readVec(r, BLOCKS_PUSHED_MAX, MIN_BLOCKS_DATUM_SIZE, readBlocksDatum, 'blocks');
  const dup = firstDuplicate(blocks.map((b) => b.consensusHash));
  if (dup >= 0) throw duplicate('block (consensus hash)', dup);
  return { blocks };
}

/** Writes a `BlocksData`. */
export function writeBlocksData(w: ByteWriter, m: BlocksData): void {
  writeVec(w, m.blocks, BLOCKS_PUSHED_MAX, writeBlocksDatum, 'blocks');
}

/** Reads a `MicroblocksData`. */
export function readMicroblocksData(r: ByteReader): MicroblocksData {
  const indexAnchorBlock = r.readBytesCopy(STACKS_BLOCK_ID_ENCODED_SIZE, 'index_anchor_block');
  const microblocks = readVec(r, MICROBLOCKS_PUSHED_MAX, MIN_MICROBLOCK_SIZE, readStacksMicroblock, 'microblocks');
  return { indexAnchorBlock, microblocks };
}

/** Writes a `MicroblocksData`. */
export function writeMicroblocksData(w: ByteWriter, m: MicroblocksData): void {
  writeFixedBytes(w, m.indexAnchorBlock, STACKS_BLOCK_ID_ENCODED_SIZE, 'index_anchor_block');
  writeVec(w, m.microblocks, MICROBLOCKS_PUSHED_MAX, writeStacksMicroblock, 'microblocks');
}

/** Reads a `NakamotoBlocksData`: at most 32 blocks, no two with the same block id. */
export function readNakamotoBlocksData(r: ByteReader): NakamotoBlocksData {
  const blocks = readVec(r, NAKAMOTO_BLOCKS_PUSHED_MAX, MIN_NAKAMOTO_BLOCK_SIZE, readNakamotoBlock, 'nakamoto blocks');
  const dup = firstDuplicate(blocks.map((b) => nakamotoBlockId(b.header)));
  if (dup >= 0) throw duplicate('Nakamoto block (block id)', dup);
  return { blocks };
}

/** Writes a `NakamotoBlocksData`. */
export function writeNakamotoBlocksData(w: ByteWriter, m: NakamotoBlocksData): void {
  writeVec(w, m.blocks, NAKAMOTO_BLOCKS_PUSHED_MAX, writeNakamotoBlock, 'nakamoto blocks');
}
