/**
 * Burn operation values (reference: stackslib/src/chainstate/burn/operations/mod.rs) and the
 * rejection reasons, named as the reference's `operations::Error` variants.
 */
import type { StacksAddress } from '@stacks-ts/codec';
import type { PoxAddress } from '../pox-address.ts';

/** Why an operation was rejected, by the reference's `op_error` variant names. */
export const OpRejection = {
  InvalidInput: 'InvalidInput',
  ParseError: 'ParseError',
  BlockCommitPredatesGenesis: 'BlockCommitPredatesGenesis',
  BlockCommitAlreadyExists: 'BlockCommitAlreadyExists',
  BlockCommitNoLeaderKey: 'BlockCommitNoLeaderKey',
  BlockCommitNoParent: 'BlockCommitNoParent',
  BlockCommitBadInput: 'BlockCommitBadInput',
  BlockCommitBadOutputs: 'BlockCommitBadOutputs',
  BlockCommitAnchorCheck: 'BlockCommitAnchorCheck',
  BlockCommitBadModulus: 'BlockCommitBadModulus',
  BlockCommitBadEpoch: 'BlockCommitBadEpoch',
  BlockCommitMissDistanceTooBig: 'BlockCommitMissDistanceTooBig',
  MissedBlockCommit: 'MissedBlockCommit',
  LeaderKeyAlreadyRegistered: 'LeaderKeyAlreadyRegistered',
  StackStxMustBePositive: 'StackStxMustBePositive',
  StackStxInvalidKey: 'StackStxInvalidKey',
  TransferStxMustBePositive: 'TransferStxMustBePositive',
  TransferStxSelfSend: 'TransferStxSelfSend',
  DelegateStxMustBePositive: 'DelegateStxMustBePositive',
  VoteForAggregateKeyInvalidKey: 'VoteForAggregateKeyInvalidKey',
} as const;
/** One of `OpRejection`. */
export type OpRejection = (typeof OpRejection)[keyof typeof OpRejection];

/** The outcome of parsing or checking an operation: the value, or the reason it was rejected. */
export type OpResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: OpRejection; readonly detail?: string };

/** Fields every burn operation has: where it sits on the burnchain. */
export interface BurnOpLocation {
  /** 32 bytes, the reference's `Txid` byte order (display order). */
  readonly txid: Uint8Array;
  readonly vtxindex: number;
  readonly blockHeight: number;
  readonly burnHeaderHash: Uint8Array;
}

/** A VRF key registration (`LeaderKeyRegisterOp`). */
export interface LeaderKeyRegisterOp extends BurnOpLocation {
  readonly type: 'LeaderKeyRegister';
  readonly consensusHash: Uint8Array;
  /** 32-byte ed25519 VRF public key. */
  readonly publicKey: Uint8Array;
  /** Free bytes; from Nakamoto its first 20 bytes are the hash160 of the miner's block-signing key. */
  readonly memo: Uint8Array;
}

/** How a commit's output was treated against the reward set (epoch 3.0+ punishment). */
export interface CommitTreatment {
  readonly kind: 'reward' | 'punish';
  readonly address: PoxAddress;
}

/** A block commit (`LeaderBlockCommitOp`). */
export interface LeaderBlockCommitOp extends BurnOpLocation {
  readonly type: 'LeaderBlockCommit';
  /** The Stacks block hash (in Nakamoto: the tenure id). */
  readonly blockHeaderHash: Uint8Array;
  readonly newSeed: Uint8Array;
  readonly parentBlockPtr: number;
  readonly parentVtxindex: number;
  readonly keyBlockPtr: number;
  readonly keyVtxindex: number;
  /** The 5-bit memo (epoch marker). */
  readonly memo: number;
  /** (intended burn height - 1) % 5. */
  readonly burnParentModulus: number;
  readonly commitOuts: readonly PoxAddress[];
  readonly sunsetBurn: bigint;
  readonly burnFee: bigint;
  /** The UTXO input 0 spends: drives the commit chaining. */
  readonly input: { readonly txid: Uint8Array; readonly vout: number };
  /** The change output's Bitcoin address, for logs (`apparent_sender`). */
  readonly apparentSender: string;
  readonly treatment: readonly CommitTreatment[];
}

/** A commit that landed in the wrong block but still chains (`MissedBlockCommit`). */
export interface MissedBlockCommit {
  readonly txid: Uint8Array;
  readonly input: { readonly txid: Uint8Array; readonly vout: number };
  readonly intendedSortitionId: Uint8Array;
}

/** The sender-registration op that later STX ops spend output 1 of (`PreStxOp`). */
export interface PreStxOp extends BurnOpLocation {
  readonly type: 'PreStx';
  readonly output: StacksAddress;
}

/** `StackStxOp`. */
export interface StackStxOp extends BurnOpLocation {
  readonly type: 'StackStx';
  readonly sender: StacksAddress;
  readonly rewardAddr: PoxAddress;
  readonly stackedUstx: bigint;
  readonly numCycles: number;
  readonly signerKey: Uint8Array | null;
  readonly maxAmount: bigint | null;
  readonly authId: number | null;
}

/** `TransferStxOp`. */
export interface TransferStxOp extends BurnOpLocation {
  readonly type: 'TransferStx';
  readonly sender: StacksAddress;
  readonly recipient: StacksAddress;
  readonly transferedUstx: bigint;
  readonly memo: Uint8Array;
}

/** `DelegateStxOp`. */
export interface DelegateStxOp extends BurnOpLocation {
  readonly type: 'DelegateStx';
  readonly sender: StacksAddress;
  readonly delegateTo: StacksAddress;
  /** (index into the outputs after the OP_RETURN, address), or null. */
  readonly rewardAddr: { readonly index: number; readonly address: PoxAddress } | null;
  readonly delegatedUstx: bigint;
  readonly untilBurnHeight: bigint | null;
}

/** `VoteForAggregateKeyOp`. */
export interface VoteForAggregateKeyOp extends BurnOpLocation {
  readonly type: 'VoteForAggregateKey';
  readonly sender: StacksAddress;
  readonly signerIndex: number;
  readonly aggregateKey: Uint8Array;
  readonly round: number;
  readonly rewardCycle: bigint;
  /** Compressed key recovered from input 0's p2pkh scriptSig. */
  readonly signerKey: Uint8Array;
}

/** Any burn operation (`BlockstackOperationType`). */
export type BurnOp = LeaderKeyRegisterOp | LeaderBlockCommitOp | PreStxOp | StackStxOp | TransferStxOp | DelegateStxOp | VoteForAggregateKeyOp;

/** One output of a Bitcoin transaction a miner builds: script and value. */
export interface TxOutputSpec {
  readonly scriptPubKey: Uint8Array;
  readonly value: bigint;
}

/** A successful result. */
export function ok<T>(value: T): OpResult<T> {
  return { ok: true, value };
}

/** A rejection. */
export function reject<T>(reason: OpRejection, detail?: string): OpResult<T> {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}
