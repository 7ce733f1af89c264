/**
 * Turns a Bitcoin block's burn transactions into operations (`Burnchain::classify_transaction`):
 * each transaction is parsed by its opcode; the STX ops find their sender through the PreStx they
 * spend (in this block, or earlier via `lookupPreStx`).
 */
import { bytesToHex, type StacksEpochId } from '@stacks-ts/common';
import type { BitcoinBlock, BitcoinTransaction } from '@stacks-ts/burnchain';
import { Opcodes } from '../constants.ts';
import type { BurnchainParams } from '../pox.ts';
import { parseLeaderBlockCommit } from './leader-block-commit.ts';
import { parseLeaderKeyRegister } from './leader-key-register.ts';
import { parseDelegateStx, parsePreStx, parseStackStx, parseTransferStx, parseVoteForAggregateKey, senderTxidOf } from './stx-ops.ts';
import { OpRejection, reject, type BurnOp, type OpResult, type PreStxOp } from './types.ts';

/** A transaction the parser refused, with the reason. */
export interface RejectedTx {
  readonly txid: Uint8Array;
  readonly vtxindex: number;
  readonly opcode: number;
  readonly reason: OpRejection;
  readonly detail?: string;
}

/** Parses one transaction by its opcode. `preStx` finds the PreStx an STX op spends (by txid). */
export function parseBurnOp(
  tx: BitcoinTransaction,
  header: { readonly blockHeight: number; readonly blockHash: Uint8Array },
  params: BurnchainParams,
  epoch: StacksEpochId,
  preStx: (txid: Uint8Array) => PreStxOp | null,
): OpResult<BurnOp> {
  const withSender = (): OpResult<PreStxOp> => {
    const txid = senderTxidOf(tx);
    if (!txid.ok) return txid;
    const pre = preStx(txid.value);
    return pre === null ? reject(OpRejection.InvalidInput, 'no PreStx for input 0') : { ok: true, value: pre };
  };
  switch (tx.opcode) {
    case Opcodes.LeaderKeyRegister:
      return parseLeaderKeyRegister(tx, header);
    case Opcodes.LeaderBlockCommit:
      return parseLeaderBlockCommit(tx, header, { params, epoch });
    case Opcodes.PreStx:
      return parsePreStx(tx, header, epoch, params.sunsetEnd);
    case Opcodes.StackStx: {
      const s = withSender();
      return s.ok ? parseStackStx(tx, header, s.value.output, epoch, params.sunsetEnd) : s;
    }
    case Opcodes.TransferStx: {
      const s = withSender();
      return s.ok ? parseTransferStx(tx, header, s.value.output) : s;
    }
    case Opcodes.DelegateStx: {
      const s = withSender();
      return s.ok ? parseDelegateStx(tx, header, s.value.output) : s;
    }
    case Opcodes.VoteForAggregateKey: {
      const s = withSender();
      return s.ok ? parseVoteForAggregateKey(tx, header, s.value.output) : s;
    }
    default:
      return reject(OpRejection.InvalidInput, `unknown opcode ${tx.opcode}`);
  }
}

/** Parses every burn transaction of a block, in block order; PreStx ops of the block are visible to later txs. */
export function parseBlockOps(
  block: BitcoinBlock,
  params: BurnchainParams,
  epoch: StacksEpochId,
  lookupPreStx: (txid: Uint8Array) => PreStxOp | null = () => null,
): { ops: BurnOp[]; rejected: RejectedTx[] } {
  const header = { blockHeight: block.blockHeight, blockHash: block.blockHash };
  const local = new Map<string, PreStxOp>();
  const ops: BurnOp[] = [];
  const rejected: RejectedTx[] = [];
  for (const tx of block.txs) {
    const r = parseBurnOp(tx, header, params, epoch, (txid) => local.get(bytesToHex(txid)) ?? lookupPreStx(txid));
    if (r.ok) {
      ops.push(r.value);
      if (r.value.type === 'PreStx') local.set(bytesToHex(r.value.txid), r.value);
    } else {
      rejected.push({ txid: tx.txid, vtxindex: tx.vtxindex, opcode: tx.opcode, reason: r.reason, ...(r.detail === undefined ? {} : { detail: r.detail }) });
    }
  }
  return { ops, rejected };
}
