/**
 * Slot layouts of StackerDBs: the generic config shape and slot ranges, and the two boot
 * StackerDBs the node synthesizes or fills itself, `.miners` and `.signers-{parity}-{id}`.
 * Reading a config from a controller contract is the stackerdb package's job; this file holds
 * only the pure rules.
 */
import type { StacksAddress } from '../address/address.ts';
import { hash160 } from '../crypto/hashes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import type { NeighborAddress } from '../p2p/neighbor.ts';
import {
  MINER_SLOT_COUNT,
  SIGNERS_STACKERDB_CHUNK_SIZE,
  STACKERDB_MAX_CHUNK_SIZE,
  STACKERDB_MAX_WRITES_UNLIMITED,
} from './constants.ts';

/** One writer of a StackerDB and how many consecutive slots it owns. */
export interface StackerDBSlotOwner {
  /** The writer's address; only its hash matters when checking chunk signatures. */
  readonly address: StacksAddress;
  /** u32. */
  readonly numSlots: number;
}

/** A StackerDB's settings (`StackerDBConfig`). */
export interface StackerDBConfig {
  /** Largest chunk, in bytes (u64). */
  readonly chunkSize: bigint;
  /** Writers in slot order. */
  readonly signers: readonly StackerDBSlotOwner[];
  /** Minimum seconds between two writes to one slot (u64). */
  readonly writeFreq: bigint;
  /** Maximum writes to one slot per reward cycle (u32; `u32::MAX` = no limit). */
  readonly maxWrites: number;
  /** Peers known to replicate the DB (at most 128). */
  readonly hintReplicas: readonly NeighborAddress[];
  /** How many neighbors to sync with. */
  readonly maxNeighbors: number;
}

/** A half-open slot range `[start, end)`. */
export interface SlotRange {
  readonly start: number;
  readonly end: number;
}

/** The kinds of a miner's two `.miners` slots, in slot order (`MinerSlotID`, libsigner v0). */
export const MinerSlotID = {
  /** The miner's block proposal to the signers. */
  BlockProposal: 0,
  /** The block the miner pushes once signed. */
  BlockPushed: 1,
} as const;
export type MinerSlotID = (typeof MinerSlotID)[keyof typeof MinerSlotID];

/** Message lanes of the signer StackerDBs, the `{id}` of `signers-{parity}-{id}` (`MessageSlotID`, libsigner v0). */
export const SignerMessageSlotID = {
  BlockResponse: 1,
  StateMachineUpdate: 2,
  BlockPreCommit: 3,
} as const;
export type SignerMessageSlotID = (typeof SignerMessageSlotID)[keyof typeof SignerMessageSlotID];

/** `max_neighbors` of the node-synthesized `.miners` config. */
export const MINERS_STACKERDB_MAX_NEIGHBORS = 200;

/** `max-neighbors` that `signers.clar`'s `stackerdb-get-config` returns. */
export const SIGNERS_STACKERDB_MAX_NEIGHBORS = 32;

/** Slot range of each writer, in list order: writer k owns `[sum(n[0..k]), sum(n[0..=k]))` (`signer_ranges`). */
export function stackerDBSlotRanges(signers: readonly Pick<StackerDBSlotOwner, 'numSlots'>[]): SlotRange[] {
  let start = 0;
  return signers.map(({ numSlots }) => {
    if (!Number.isInteger(numSlots) || numSlots < 0) {
      throw new CodecError(CodecErrorCode.InvalidArgument, `numSlots must be a non-negative integer, got ${String(numSlots)}`);
    }
    const range = { start, end: start + numSlots };
    start = range.end;
    return range;
  });
}

/** Total number of slots of a DB (`num_slots`). */
export function stackerDBNumSlots(signers: readonly Pick<StackerDBSlotOwner, 'numSlots'>[]): number {
  return signers.reduce((n, s) => n + s.numSlots, 0);
}

/** The config used when a DB's real config cannot be loaded (`StackerDBConfig::noop`). */
export function noopStackerDBConfig(): StackerDBConfig {
  return {
    chunkSize: BigInt(STACKERDB_MAX_CHUNK_SIZE),
    signers: [],
    writeFreq: 0n,
    maxWrites: STACKERDB_MAX_WRITES_UNLIMITED,
    hintReplicas: [],
    maxNeighbors: 8,
  };
}

/** The `.miners` layout: its config and which writer position holds the latest winner. */
export interface MinersStackerDBLayout {
  readonly config: StackerDBConfig;
  /** Writer position (0 or 1) of the latest sortition winner; the other is the previous winner. */
  readonly latestWinner: 0 | 1;
}

/**
 * The `.miners` StackerDB (`make_miners_stackerdb_config`): two miners with `MINER_SLOT_COUNT`
 * slots each, the latest sortition winner and the winner before it. The latest winner is writer 0
 * when its snapshot's `num_sortitions` is even and writer 1 when odd, so a miner keeps its
 * position across one sortition. Each writer's address is version 1 (ignored) and the hash of
 * the miner's block-signing key (leader-key memo bytes 0..20); `null` stands for a missing key and
 * becomes 20 zero bytes.
 */
export function minersStackerDBLayout(
  lastWinnerNumSortitions: bigint,
  lastWinnerSigningKeyHash: Uint8Array | null,
  parentWinnerSigningKeyHash: Uint8Array | null,
): MinersStackerDBLayout {
  const owner = (h: Uint8Array | null): StackerDBSlotOwner => {
    if (h !== null && h.length !== 20) throw new CodecError(CodecErrorCode.InvalidArgument, 'miner signing key hash must be 20 bytes');
    return { address: { version: 1, hash160: h ?? new Uint8Array(20) }, numSlots: MINER_SLOT_COUNT };
  };
  const latestWinner = lastWinnerNumSortitions % 2n === 0n ? 0 : 1;
  const signers =
    latestWinner === 0
      ? [owner(lastWinnerSigningKeyHash), owner(parentWinnerSigningKeyHash)]
      : [owner(parentWinnerSigningKeyHash), owner(lastWinnerSigningKeyHash)];
  return {
    config: {
      chunkSize: BigInt(STACKERDB_MAX_CHUNK_SIZE),
      signers,
      writeFreq: 0n,
      maxWrites: STACKERDB_MAX_WRITES_UNLIMITED,
      hintReplicas: [],
      maxNeighbors: MINERS_STACKERDB_MAX_NEIGHBORS,
    },
    latestWinner,
  };
}

/** The `.miners` slot id of one of a miner's messages: `writer * MINER_SLOT_COUNT + kind`. */
export function minerSlotId(writer: 0 | 1, kind: MinerSlotID): number {
  return writer * MINER_SLOT_COUNT + kind;
}

/** Name of the signer StackerDB of a reward cycle and message lane (`make_signers_db_name`): `signers-{cycle % 2}-{id}`. */
export function signersStackerDBName(rewardCycle: bigint, messageId: number): string {
  return `signers-${rewardCycle % 2n}-${messageId}`;
}

/**
 * The writers of every signer StackerDB of a cycle (`update_signers`): one slot per signer, in
 * the signer set's order (ascending signing key, as the reward set sorts it), each at the
 * single-sig address of Hash160(signing key) with the network's version.
 */
export function signersStackerDBSlotOwners(signingKeys: readonly Uint8Array[], singleSigVersion: number): StackerDBSlotOwner[] {
  return signingKeys.map((key) => ({ address: { version: singleSigVersion, hash160: hash160(key) }, numSlots: 1 }));
}

/** The config `signers.clar` returns for every signer StackerDB, with the given writers. */
export function signersStackerDBConfig(signers: readonly StackerDBSlotOwner[]): StackerDBConfig {
  return {
    chunkSize: BigInt(SIGNERS_STACKERDB_CHUNK_SIZE),
    signers,
    writeFreq: 0n,
    maxWrites: STACKERDB_MAX_WRITES_UNLIMITED,
    hintReplicas: [],
    maxNeighbors: SIGNERS_STACKERDB_MAX_NEIGHBORS,
  };
}
