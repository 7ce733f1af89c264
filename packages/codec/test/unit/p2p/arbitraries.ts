// fast-check generators for every p2p payload and whole messages (not a test file itself).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hexToBytes } from '@stacks-ts/common';
import fc from 'fast-check';
import { bitVecFromBools } from '../../../src/block/bitvec.ts';
import { txMerkleRootOf } from '../../../src/block/block-txs.ts';
import { type NakamotoBlock, decodeNakamotoBlock } from '../../../src/block/nakamoto-block.ts';
import { type StacksBlock, decodeStacksBlock } from '../../../src/block/stacks-block.ts';
import type { StacksMicroblock } from '../../../src/block/stacks-microblock.ts';
import type { ContractPrincipal } from '../../../src/clarity/types.ts';
import { isCodecError } from '../../../src/errors.ts';
import { GETPOXINV_MAX_BITLEN, NAKAMOTO_INV_MAX_BITLEN } from '../../../src/p2p/constants.ts';
import type { HandshakeAcceptData, HandshakeData } from '../../../src/p2p/handshake.ts';
import { bitvecLen } from '../../../src/p2p/inventory.ts';
import type { StacksMessage, StacksMessageType } from '../../../src/p2p/message.ts';
import type { NeighborAddress, RelayData } from '../../../src/p2p/neighbor.ts';
import type { Preamble } from '../../../src/p2p/preamble.ts';
import type { StackerDBChunkData } from '../../../src/stackerdb/chunk.ts';
import { decodeTransaction } from '../../../src/transaction/transaction.ts';
import type { StacksTransaction } from '../../../src/transaction/types.ts';

const VECTORS = join(import.meta.dirname, '../../../../../test-vectors');

function vector(file: string, pick: (e: Record<string, any>) => boolean): Record<string, any> {
  const { vectors } = JSON.parse(readFileSync(join(VECTORS, file), 'utf8')) as { vectors: Record<string, any>[] };
  const v = vectors.find(pick);
  if (!v) throw new Error(`no matching vector in ${file}`);
  return v;
}

/** The CodecError code `fn` throws; fails if it returns or throws anything else. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isCodecError(err)) return err.code;
    throw err;
  }
  throw new Error('expected a CodecError, got success');
}

/** Sample transactions from tx.json (an any-anchor token transfer, an on-chain coinbase, a tenure change). */
export const SAMPLE_TXS: readonly StacksTransaction[] = [
  'decode tx - token-transfer',
  'decode tx - coinbase',
  'stacks3.0 - decode tx - tenure change',
  'decode tx - contract-call 1',
].map((name) => decodeTransaction(hexToBytes(vector('tx.json', (e) => e.name === name).tx_hex)));

/** The token transfer (anchor mode Any): valid in a microblock. */
export const ANY_ANCHOR_TX = SAMPLE_TXS[0]!;

/** A real 2.x block (nakamoto-header.json `stacks2_block_decode`). */
export const SAMPLE_STACKS_BLOCK: StacksBlock = decodeStacksBlock(hexToBytes(vector('nakamoto-header.json', (e) => e.kind === 'stacks2_block_decode').block_hex));

/** A real mainnet Nakamoto block (nakamoto-header.json `nakamoto_block_decode`). */
export const SAMPLE_NAKAMOTO_BLOCK: NakamotoBlock = decodeNakamotoBlock(
  hexToBytes(vector('nakamoto-header.json', (e) => e.kind === 'nakamoto_block_decode').block_hex),
);

/** A well-formed 2.x microblock holding the any-anchor token transfer. */
export function sampleMicroblock(sequence: number): StacksMicroblock {
  const txs = [ANY_ANCHOR_TX];
  return {
    header: { version: 0, sequence, prevBlock: new Uint8Array(32).fill(sequence & 0xff), txMerkleRoot: txMerkleRootOf(txs), signature: new Uint8Array(65) },
    txs,
  };
}

export const bytesN = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
export const u16 = fc.integer({ min: 0, max: 0xffff });
export const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
export const u64 = fc.bigInt({ min: 0n, max: 0xffff_ffff_ffff_ffffn });

const URL_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-._~';

/** Valid handshake data URLs, including the empty string. */
export const arbDataUrl: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc
    .tuple(
      fc.constantFrom('http', 'https'),
      fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 20 }),
      fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
      fc.string({ unit: fc.constantFrom(...URL_CHARS), maxLength: 40 }),
    )
    .map(([scheme, host, port, path]) => `${scheme}://${host}.com${port === undefined ? '' : `:${port}`}/${path}`),
);

export const arbNeighborAddress: fc.Arbitrary<NeighborAddress> = fc.record({ addrbytes: bytesN(16), port: u16, publicKeyHash: bytesN(20) });

export const arbRelayData: fc.Arbitrary<RelayData> = fc.record({ peer: arbNeighborAddress, seq: u32 });

export const arbHandshake: fc.Arbitrary<HandshakeData> = fc.record({
  addrbytes: bytesN(16),
  port: fc.integer({ min: 1, max: 0xffff }),
  services: u16,
  nodePublicKey: bytesN(33),
  expireBlockHeight: u64,
  dataUrl: arbDataUrl,
});

export const arbHandshakeAccept: fc.Arbitrary<HandshakeAcceptData> = fc.record({ handshake: arbHandshake, heartbeatInterval: u32 });

const NAME_HEAD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NAME_TAIL = `${NAME_HEAD}0123456789-_`;

export const arbContractId: fc.Arbitrary<ContractPrincipal> = fc.record({
  type: fc.constant('contract' as const),
  version: fc.integer({ min: 0, max: 31 }),
  hash160: bytesN(20),
  contractName: fc
    .tuple(fc.constantFrom(...NAME_HEAD), fc.string({ unit: fc.constantFrom(...NAME_TAIL), maxLength: 39 }))
    .map(([h, t]) => h + t),
});

export const arbChunk: fc.Arbitrary<StackerDBChunkData> = fc.record({
  slotId: u32,
  slotVersion: u32,
  sig: bytesN(65),
  data: fc.uint8Array({ maxLength: 300 }),
});

const arbBlocksInv = fc.integer({ min: 1, max: 600 }).chain((bitlen) =>
  fc.record({ bitlen: fc.constant(bitlen), blockBitvec: bytesN(bitvecLen(bitlen)), microblocksBitvec: bytesN(bitvecLen(bitlen)) }),
);

const arbPoxInv = fc.integer({ min: 1, max: GETPOXINV_MAX_BITLEN }).chain((bitlen) =>
  fc.record({ bitlen: fc.constant(bitlen), poxBitvec: bytesN(bitvecLen(bitlen)) }),
);

const arbAvailable = fc.record({ available: fc.array(fc.tuple(bytesN(20), bytesN(32)), { maxLength: 32 }) });

/** Distinct consensus hashes, so pushed 2.x blocks are not duplicates. */
const arbBlocksData = fc
  .uniqueArray(bytesN(20), { maxLength: 3, selector: (b) => Array.from(b).join(',') })
  .map((chs) => ({ blocks: chs.map((consensusHash) => ({ consensusHash, block: SAMPLE_STACKS_BLOCK })) }));

/** Distinct chain lengths give distinct block ids. */
const arbNakamotoBlocksData = fc
  .uniqueArray(u64, { maxLength: 3 })
  .map((lengths) => ({ blocks: lengths.map((chainLength) => ({ ...SAMPLE_NAKAMOTO_BLOCK, header: { ...SAMPLE_NAKAMOTO_BLOCK.header, chainLength } })) }));

const arbMicroblocksData = fc.record({
  indexAnchorBlock: bytesN(32),
  microblocks: fc.array(u16, { maxLength: 3 }).map((seqs) => seqs.map(sampleMicroblock)),
});

/** One generator per message type. */
export const PAYLOAD_ARBITRARIES: { readonly [K in StacksMessageType['type']]: fc.Arbitrary<Extract<StacksMessageType, { type: K }>> } = {
  Handshake: arbHandshake.map((data) => ({ type: 'Handshake', data })),
  HandshakeAccept: arbHandshakeAccept.map((data) => ({ type: 'HandshakeAccept', data })),
  HandshakeReject: fc.constant({ type: 'HandshakeReject' }),
  GetNeighbors: fc.constant({ type: 'GetNeighbors' }),
  Neighbors: fc.array(arbNeighborAddress, { maxLength: 128 }).map((neighbors) => ({ type: 'Neighbors', data: { neighbors } })),
  GetBlocksInv: fc
    .record({ consensusHash: bytesN(20), numBlocks: fc.integer({ min: 1, max: 0xffff }) })
    .map((data) => ({ type: 'GetBlocksInv', data })),
  BlocksInv: arbBlocksInv.map((data) => ({ type: 'BlocksInv', data })),
  GetPoxInv: fc
    .record({ consensusHash: bytesN(20), numCycles: fc.integer({ min: 1, max: GETPOXINV_MAX_BITLEN }) })
    .map((data) => ({ type: 'GetPoxInv', data })),
  PoxInv: arbPoxInv.map((data) => ({ type: 'PoxInv', data })),
  BlocksAvailable: arbAvailable.map((data) => ({ type: 'BlocksAvailable', data })),
  MicroblocksAvailable: arbAvailable.map((data) => ({ type: 'MicroblocksAvailable', data })),
  Blocks: arbBlocksData.map((data) => ({ type: 'Blocks', data })),
  Microblocks: arbMicroblocksData.map((data) => ({ type: 'Microblocks', data })),
  Transaction: fc.constantFrom(...SAMPLE_TXS).map((data) => ({ type: 'Transaction', data })),
  Nack: u32.map((errorCode) => ({ type: 'Nack', data: { errorCode } })),
  Ping: u32.map((nonce) => ({ type: 'Ping', data: { nonce } })),
  Pong: u32.map((nonce) => ({ type: 'Pong', data: { nonce } })),
  NatPunchRequest: u32.map((data) => ({ type: 'NatPunchRequest', data })),
  NatPunchReply: fc.record({ addrbytes: bytesN(16), port: u16, nonce: u32 }).map((data) => ({ type: 'NatPunchReply', data })),
  StackerDBHandshakeAccept: fc
    .record({ handshake: arbHandshakeAccept, rcConsensusHash: bytesN(20), smartContracts: fc.array(arbContractId, { maxLength: 5 }) })
    .map(({ handshake, ...data }) => ({ type: 'StackerDBHandshakeAccept', handshake, data })),
  StackerDBGetChunkInv: fc
    .record({ contractId: arbContractId, rcConsensusHash: bytesN(20) })
    .map((data) => ({ type: 'StackerDBGetChunkInv', data })),
  StackerDBChunkInv: fc
    .record({ slotVersions: fc.array(u32, { maxLength: 100 }), numOutboundReplicas: u32 })
    .map((data) => ({ type: 'StackerDBChunkInv', data })),
  StackerDBGetChunk: fc
    .record({ contractId: arbContractId, rcConsensusHash: bytesN(20), slotId: u32, slotVersion: u32 })
    .map((data) => ({ type: 'StackerDBGetChunk', data })),
  StackerDBChunk: arbChunk.map((data) => ({ type: 'StackerDBChunk', data })),
  StackerDBPushChunk: fc
    .record({ contractId: arbContractId, rcConsensusHash: bytesN(20), chunkData: arbChunk })
    .map((data) => ({ type: 'StackerDBPushChunk', data })),
  GetNakamotoInv: bytesN(20).map((consensusHash) => ({ type: 'GetNakamotoInv', data: { consensusHash } })),
  NakamotoInv: fc
    .array(fc.boolean(), { minLength: 1, maxLength: NAKAMOTO_INV_MAX_BITLEN })
    .map((bits) => ({ type: 'NakamotoInv', data: { tenures: bitVecFromBools(bits) } })),
  NakamotoBlocks: arbNakamotoBlocksData.map((data) => ({ type: 'NakamotoBlocks', data })),
};

/** Any payload. */
export const arbPayload: fc.Arbitrary<StacksMessageType> = fc.oneof(...Object.values(PAYLOAD_ARBITRARIES));

/** Preambles that pass the decode rules (payload_len is recomputed on encode). */
export const arbPreamble: fc.Arbitrary<Preamble> = fc
  .record({
    peerVersion: u32,
    networkId: u32,
    seq: u32,
    stable: fc.bigInt({ min: 0n, max: 0xffff_ffff_ffff_fffen }),
    gap: fc.bigInt({ min: 1n, max: 100n }),
    burnBlockHash: bytesN(32),
    burnStableBlockHash: bytesN(32),
    additionalData: u32,
    signature: bytesN(65),
  })
  .map(({ stable, gap, ...p }) => ({
    ...p,
    burnStableBlockHeight: stable,
    burnBlockHeight: stable + gap > 0xffff_ffff_ffff_ffffn ? 0xffff_ffff_ffff_ffffn : stable + gap,
    payloadLen: 0,
  }));

/** Whole messages (the preamble's payload_len is a placeholder until encoded). */
export const arbMessage: fc.Arbitrary<StacksMessage> = fc.record({
  preamble: arbPreamble,
  relayers: fc.array(arbRelayData, { maxLength: 16 }),
  payload: arbPayload,
});

/** A fixed message for hand-written tests. */
export function sampleMessage(payload: StacksMessageType = { type: 'Ping', data: { nonce: 0x01020304 } }): StacksMessage {
  return {
    preamble: {
      peerVersion: 0x01020304,
      networkId: 0x05060708,
      seq: 0x090a0b0c,
      burnBlockHeight: 0x1122n,
      burnBlockHash: new Uint8Array(32).fill(0x11),
      burnStableBlockHeight: 0x1111n,
      burnStableBlockHash: new Uint8Array(32).fill(0x22),
      additionalData: 0x33333333,
      signature: new Uint8Array(65).fill(0x44),
      payloadLen: 0,
    },
    relayers: [],
    payload,
  };
}
