// The decoders the fuzzer drives, and hostile-length inputs for the allocation check.
import { utf8ToBytes, bytesToUtf8 } from '@stacks-ts/common';
import { c32addressDecode } from '../../src/address/c32.ts';
import { base58CheckDecode } from '../../src/address/base58.ts';
import { decodeBitVec } from '../../src/block/bitvec.ts';
import { decodeNakamotoBlock } from '../../src/block/nakamoto-block.ts';
import { decodeNakamotoBlockHeader } from '../../src/block/nakamoto-header.ts';
import { decodeStacksBlock } from '../../src/block/stacks-block.ts';
import { decodeStacksBlockHeader } from '../../src/block/stacks-block-header.ts';
import { decodeStacksMicroblock, encodeStacksMicroblock } from '../../src/block/stacks-microblock.ts';
import { txMerkleRootOf } from '../../src/block/block-txs.ts';
import { readFileSync } from 'node:fs';
import { hexToBytes } from '@stacks-ts/common';
import { AnchorMode } from '../../src/transaction/types.ts';
import { decodeClarityValue } from '../../src/clarity/codec.ts';
import { decodePreamble } from '../../src/p2p/preamble.ts';
import { decodeStacksMessage, encodeStacksMessage } from '../../src/p2p/message.ts';
import fc from 'fast-check';
import { arbMessage } from '../unit/p2p/arbitraries.ts';
import { decodeStackerDBChunkData } from '../../src/stackerdb/chunk.ts';
import { decodeSpendingCondition } from '../../src/transaction/auth.ts';
import { decodeTransactionPayload } from '../../src/transaction/payload.ts';
import { decodePostCondition } from '../../src/transaction/post-condition.ts';
import { decodeTransaction } from '../../src/transaction/transaction.ts';
import type { StacksTransaction } from '../../src/transaction/types.ts';
import { decodeVrfProof } from '../../src/vrf/proof.ts';

export interface FuzzTarget {
  readonly name: string;
  readonly decode: (bytes: Uint8Array) => unknown;
  /** Seeds beyond those found in the vectors. */
  readonly extraSeeds?: () => Uint8Array[];
}

/** The vectors hold no microblock: build one from vector transactions that may go off-chain. */
function microblockSeed(): Uint8Array {
  const vectors = JSON.parse(readFileSync(new URL('../../../../test-vectors/tx.json', import.meta.url), 'utf8')).vectors as { tx_hex?: string }[];
  const txs: StacksTransaction[] = [];
  for (const v of vectors) {
    if (!v.tx_hex || v.tx_hex.length > 4000 || txs.length >= 3) continue;
    try {
      const tx = decodeTransaction(hexToBytes(v.tx_hex));
      if (tx.anchorMode !== AnchorMode.OnChainOnly) txs.push(tx);
    } catch {
      // a rejection vector
    }
  }
  const header = { version: 0, sequence: 1, prevBlock: new Uint8Array(32).fill(0x66), txMerkleRoot: txMerkleRootOf(txs), signature: new Uint8Array(65) };
  return encodeStacksMicroblock({ header, txs });
}

// String decoders see the fuzzed bytes as (lossy) text; only a CodecError may come out.
const asText = (b: Uint8Array): string => bytesToUtf8(b) ?? String.fromCharCode(...b.subarray(0, 256));

export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  { name: 'transaction', decode: decodeTransaction },
  { name: 'transaction-payload', decode: decodeTransactionPayload },
  { name: 'spending-condition', decode: decodeSpendingCondition },
  { name: 'post-condition', decode: decodePostCondition },
  { name: 'clarity-value', decode: decodeClarityValue },
  { name: 'nakamoto-block', decode: decodeNakamotoBlock },
  { name: 'nakamoto-header', decode: decodeNakamotoBlockHeader },
  { name: 'stacks-block', decode: decodeStacksBlock },
  { name: 'stacks-block-header', decode: decodeStacksBlockHeader },
  { name: 'stacks-microblock', decode: decodeStacksMicroblock, extraSeeds: () => [microblockSeed()] },
  { name: 'bitvec', decode: decodeBitVec },
  {
    name: 'p2p-message',
    decode: decodeStacksMessage,
    // The vectors hold payloads, not whole messages: sample every message type.
    extraSeeds: () => fc.sample(arbMessage, { numRuns: 200, seed: 11 }).map(encodeStacksMessage),
  },
  { name: 'p2p-preamble', decode: decodePreamble },
  { name: 'stackerdb-chunk', decode: decodeStackerDBChunkData },
  { name: 'vrf-proof', decode: decodeVrfProof },
  {
    name: 'c32-address',
    decode: (b) => c32addressDecode(asText(b)),
    extraSeeds: () =>
      ['SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7', 'SM2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQVX8X0G', 'ST2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQYAC0RQ'].map(utf8ToBytes),
  },
  {
    name: 'base58check',
    decode: (b) => base58CheckDecode(asText(b)),
    extraSeeds: () => ['1FzTxL9Mxnm2fdmnQEArfhzJHevwbvcH6d', '3Gh5Hyn6e7U3yrwHwHJ1J8EVHuZyQPCM6J'].map(utf8ToBytes),
  },
];

const u32be = (n: number): Uint8Array => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
const cat = (...parts: (Uint8Array | number[])[]): Uint8Array => {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of arrays) {
    out.set(a, o);
    o += a.length;
  }
  return out;
};

/** Inputs whose length prefix claims ~4 GiB (or the most a field allows); none may allocate it. */
export const HUGE_LENGTH_CASES: readonly { name: string; input: Uint8Array; decode: (b: Uint8Array) => unknown }[] = [
  { name: 'clarity buffer', input: cat([0x02], u32be(0xffffffff), [1, 2, 3]), decode: decodeClarityValue },
  { name: 'clarity list', input: cat([0x0b], u32be(0xffffffff), [0x03]), decode: decodeClarityValue },
  { name: 'clarity tuple', input: cat([0x0c], u32be(0xffffffff), [0x01, 0x61, 0x03]), decode: decodeClarityValue },
  { name: 'clarity string-ascii', input: cat([0x0d], u32be(0xffffffff), [0x61]), decode: decodeClarityValue },
  { name: 'clarity string-utf8', input: cat([0x0e], u32be(0xffffffff), [0x61]), decode: decodeClarityValue },
  {
    name: 'transaction post-condition count',
    // version, chain id, standard auth with a p2pkh condition, anchor, mode, then a huge count
    input: cat([0x00], u32be(1), [0x04, 0x00], new Uint8Array(20), new Uint8Array(16), [0x00], new Uint8Array(65), [0x03, 0x01], u32be(0xffffffff)),
    decode: decodeTransaction,
  },
  {
    name: 'smart-contract code body',
    input: cat([0x01], [0x01, 0x61], u32be(0xffffffff), [0x20]),
    decode: decodeTransactionPayload,
  },
  {
    name: 'contract-call argument count',
    input: cat([0x02, 0x16], new Uint8Array(20), [0x01, 0x61, 0x01, 0x62], u32be(0xffffffff), [0x03]),
    decode: decodeTransactionPayload,
  },
  {
    name: 'multisig field count',
    input: cat([0x01], new Uint8Array(20), new Uint8Array(16), u32be(0xffffffff), [0x00]),
    decode: decodeSpendingCondition,
  },
  { name: 'bitvec data length', input: cat([0x00, 0x08], u32be(0xffffffff), [0x00]), decode: decodeBitVec },
  {
    name: 'stackerdb chunk data',
    input: cat(u32be(0), u32be(0), new Uint8Array(65), u32be(0xffffffff), [0x00]),
    decode: decodeStackerDBChunkData,
  },
];
