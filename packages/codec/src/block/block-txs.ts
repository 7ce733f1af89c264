import { bytesToHex, equalBytes } from '@stacks-ts/common';
import { ByteReader, type ByteWriter } from '../bytes.ts';
import { sha512_256 } from '../crypto/hashes.ts';
import { merkleRoot } from '../crypto/merkle.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { readTransaction, txidBytes, writeTransaction } from '../transaction/transaction.ts';
import type { StacksTransaction } from '../transaction/types.ts';
import { MIN_ENCODED_TRANSACTION_SIZE } from './constants.ts';

/**
 * The transaction merkle root of a block or microblock: the reference's `MerkleTree` with
 * SHA-512/256 over the txids (all zeros for no transactions).
 */
export function txMerkleRootOf(txs: readonly StacksTransaction[]): Uint8Array {
  return merkleRoot(txs.map(txidBytes), sha512_256);
}

/** Reads a u32-counted transaction list (`Vec<StacksTransaction>`). */
export function readTransactionList(r: ByteReader, what: string): StacksTransaction[] {
  const count = r.readVecLength(0xffff_ffff, MIN_ENCODED_TRANSACTION_SIZE, `${what} transactions`);
  const txs: StacksTransaction[] = [];
  for (let i = 0; i < count; i++) txs.push(readTransaction(r));
  return txs;
}

/** Writes a u32-counted transaction list. */
export function writeTransactionList(w: ByteWriter, txs: readonly StacksTransaction[]): void {
  w.writeU32(txs.length);
  for (const tx of txs) writeTransaction(w, tx);
}

/** Throws `CODEC_DUPLICATE` when a txid appears twice (`validate_transactions_unique`). */
export function checkTxidsUnique(txids: readonly Uint8Array[], what: string): void {
  const seen = new Map<string, number>();
  txids.forEach((id, i) => {
    const key = bytesToHex(id);
    const first = seen.get(key);
    if (first !== undefined) {
      throw new CodecError(CodecErrorCode.Duplicate, `${what}: duplicate transaction ${key} at indexes ${first} and ${i}`, {
        txid: key,
        first,
        second: i,
      });
    }
    seen.set(key, i);
  });
}

/** Throws `CODEC_INVALID_VALUE` unless the txids' merkle root equals the header's. */
export function checkTxMerkleRoot(txids: readonly Uint8Array[], expected: Uint8Array, what: string): void {
  const root = merkleRoot(txids, sha512_256);
  if (!equalBytes(root, expected)) {
    throw new CodecError(CodecErrorCode.InvalidValue, `${what}: tx merkle root mismatch`, {
      computed: bytesToHex(root),
      header: bytesToHex(expected),
    });
  }
}
