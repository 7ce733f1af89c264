/**
 * `LeaderKeyRegisterOp` (reference: operations/leader_key_register.rs): data = consensus_hash(20)
 * || vrf_public_key(32) || memo; serialization truncates the memo to 25 bytes.
 */
import { concatBytes } from '@stacks-ts/common';
import { isValidVrfPublicKey } from '@stacks-ts/codec';
import type { BitcoinTransaction, BurnchainBlockHeader } from '@stacks-ts/burnchain';
import { Opcodes, NAKAMOTO_SIGNING_KEY_HASH_LENGTH } from '../constants.ts';
import { SortitionError, SortitionErrorCode } from '../errors.ts';
import { burnOpPayload, opReturnOutput } from './envelope.ts';
import { OpRejection, ok, reject, type LeaderKeyRegisterOp, type OpResult, type TxOutputSpec } from './types.ts';

/** Largest memo the serialization keeps. */
export const LEADER_KEY_MEMO_MAX = 25;

/** Parses a key registration (`LeaderKeyRegisterOp::from_tx`). */
export function parseLeaderKeyRegister(tx: BitcoinTransaction, header: Pick<BurnchainBlockHeader, 'blockHeight' | 'blockHash'>): OpResult<LeaderKeyRegisterOp> {
  if (tx.inputs.length === 0 || tx.outputs.length < 1) return reject(OpRejection.InvalidInput, 'needs an input and an output after the OP_RETURN');
  if (tx.opcode !== Opcodes.LeaderKeyRegister) return reject(OpRejection.InvalidInput, `wrong opcode ${tx.opcode}`);
  const data = tx.data;
  if (data.length < 52) return reject(OpRejection.ParseError, `payload of ${data.length} bytes is shorter than 52`);
  const publicKey = data.slice(20, 52);
  if (!isValidVrfPublicKey(publicKey)) return reject(OpRejection.ParseError, 'invalid VRF public key');
  return ok({
    type: 'LeaderKeyRegister',
    consensusHash: data.slice(0, 20),
    publicKey,
    memo: data.slice(52),
    txid: tx.txid,
    vtxindex: tx.vtxindex,
    blockHeight: header.blockHeight,
    burnHeaderHash: header.blockHash,
  });
}

/** The op's data after the opcode: consensus hash, VRF key, memo (at most 25 bytes). */
export function serializeLeaderKeyRegisterData(op: Pick<LeaderKeyRegisterOp, 'consensusHash' | 'publicKey' | 'memo'>): Uint8Array {
  if (op.consensusHash.length !== 20 || op.publicKey.length !== 32) {
    throw new SortitionError(SortitionErrorCode.InvalidArgument, 'consensus hash must be 20 bytes and the VRF key 32');
  }
  return concatBytes(op.consensusHash, op.publicKey, op.memo.subarray(0, LEADER_KEY_MEMO_MAX));
}

/** magic || '^' || data: the OP_RETURN payload of a key registration. */
export function buildLeaderKeyRegisterPayload(op: Pick<LeaderKeyRegisterOp, 'consensusHash' | 'publicKey' | 'memo'>, magic: Uint8Array): Uint8Array {
  return burnOpPayload(magic, Opcodes.LeaderKeyRegister, serializeLeaderKeyRegisterData(op));
}

/** The outputs of a key-registration transaction: the OP_RETURN, then the change output the caller supplies. */
export function buildLeaderKeyRegisterOutputs(
  op: Pick<LeaderKeyRegisterOp, 'consensusHash' | 'publicKey' | 'memo'>,
  magic: Uint8Array,
  change: TxOutputSpec,
): TxOutputSpec[] {
  return [opReturnOutput(buildLeaderKeyRegisterPayload(op, magic)), change];
}

/** The Nakamoto block-signing key hash160 in the memo, or null when the memo is shorter (`interpret_nakamoto_signing_key`). */
export function nakamotoSigningKeyHash(op: Pick<LeaderKeyRegisterOp, 'memo'>): Uint8Array | null {
  return op.memo.length >= NAKAMOTO_SIGNING_KEY_HASH_LENGTH ? op.memo.slice(0, NAKAMOTO_SIGNING_KEY_HASH_LENGTH) : null;
}
