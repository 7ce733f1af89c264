/**
 * The JSON the node's event observer and RPC show for STX burn operations (reference:
 * operations/mod.rs `blockstack_op_to_json`). Not consensus. Amounts stay bigints in the object;
 * `burnOpJsonString` prints them as bare JSON numbers, as serde_json does.
 */
import { bytesToHex } from '@stacks-ts/common';
import { stacksAddressToString, type StacksAddress } from '@stacks-ts/codec';
import { poxAddressToBitcoinString } from '../pox-address.ts';
import type { BurnOp } from './types.ts';

/** A JSON value whose numbers may be bigints. */
export type BurnOpJson = null | boolean | number | bigint | string | BurnOpJson[] | { [k: string]: BurnOpJson };

function addr(a: StacksAddress): BurnOpJson {
  return { address: stacksAddressToString(a), address_hash_bytes: `0x${bytesToHex(a.hash160)}`, address_version: a.version };
}

function where(op: BurnOp): { [k: string]: BurnOpJson } {
  return { burn_block_height: op.blockHeight, burn_header_hash: bytesToHex(op.burnHeaderHash), burn_txid: bytesToHex(op.txid), vtxindex: op.vtxindex };
}

/** `blockstack_op_to_json`: `{ <op name>: {...} }` for STX ops, null for key registrations and commits. */
export function burnOpToJson(op: BurnOp): BurnOpJson {
  switch (op.type) {
    case 'PreStx':
      return { pre_stx: { ...where(op), output: addr(op.output) } };
    case 'StackStx':
      return {
        stack_stx: {
          ...where(op),
          num_cycles: op.numCycles,
          reward_addr: poxAddressToBitcoinString(op.rewardAddr),
          sender: addr(op.sender),
          stacked_ustx: op.stackedUstx,
          signer_key: op.signerKey === null ? null : bytesToHex(op.signerKey),
          max_amount: op.maxAmount,
          auth_id: op.authId,
        },
      };
    case 'TransferStx':
      return {
        transfer_stx: {
          ...where(op),
          memo: `0x${bytesToHex(op.memo)}`,
          recipient: addr(op.recipient),
          sender: addr(op.sender),
          transfered_ustx: op.transferedUstx,
        },
      };
    case 'DelegateStx':
      return {
        delegate_stx: {
          ...where(op),
          delegate_to: addr(op.delegateTo),
          delegated_ustx: op.delegatedUstx,
          sender: addr(op.sender),
          reward_addr: op.rewardAddr === null ? null : [op.rewardAddr.index, poxAddressToBitcoinString(op.rewardAddr.address)],
          until_burn_height: op.untilBurnHeight,
        },
      };
    case 'VoteForAggregateKey':
      return {
        vote_for_aggregate_key: {
          ...where(op),
          aggregate_key: bytesToHex(op.aggregateKey),
          reward_cycle: op.rewardCycle,
          round: op.round,
          sender: addr(op.sender),
          signer_index: op.signerIndex,
          signer_key: bytesToHex(op.signerKey),
        },
      };
    default:
      return null;
  }
}

/** `burnOpToJson` as JSON text, bigints written as bare numbers. */
export function burnOpJsonString(op: BurnOp): string {
  const marker = '@@bigint@@';
  const text = JSON.stringify(burnOpToJson(op), (_k, v: unknown) => (typeof v === 'bigint' ? `${marker}${v}` : v));
  return text.replace(new RegExp(`"${marker}(\\d+)"`, 'g'), '$1');
}
