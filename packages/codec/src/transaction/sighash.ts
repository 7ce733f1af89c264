/**
 * Transaction sighashes (`StacksTransaction::sign_begin`, `make_sighash_presign`,
 * `make_sighash_postsign` in stacks-codec/src/transaction.rs).
 *
 * - initial: the txid of the transaction with its auth cleared (origin fee, nonce and signatures
 *   zeroed or emptied; a sponsor replaced by the placeholder condition);
 * - presign: SHA-512/256(sighash[32] | auth flag | fee u64 | nonce u64), the digest a key signs;
 *   the origin always uses flag 0x04, even in a sponsored transaction, the sponsor 0x05;
 * - postsign: SHA-512/256(presign[32] | key encoding | signature[65]), the next signer's sighash
 *   in sequential multisig (order-independent multisig signs every key over the initial sighash).
 */
import { sha512_256 } from '../crypto/hashes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { txidBytes } from './transaction.ts';
import {
  AuthType,
  PublicKeyEncoding,
  SIGNATURE_LENGTH,
  SinglesigHashMode,
  type SinglesigSpendingCondition,
  type StacksTransaction,
  type TransactionAuth,
  type TransactionSpendingCondition,
  isOrderIndependentHashMode,
} from './types.ts';

/**
 * The sponsor condition an origin commits to before the sponsor is known
 * (`TransactionSpendingCondition::new_initial_sighash`): P2PKH, zero signer, nonce and fee,
 * compressed, zero signature.
 */
export function sponsorPlaceholderCondition(): SinglesigSpendingCondition {
  return {
    type: 'singlesig',
    hashMode: SinglesigHashMode.P2PKH,
    signer: new Uint8Array(20),
    nonce: 0n,
    txFee: 0n,
    keyEncoding: PublicKeyEncoding.Compressed,
    signature: new Uint8Array(SIGNATURE_LENGTH),
  };
}

/** The condition with fee and nonce zeroed and its signature(s) removed (`TransactionSpendingCondition::clear`). */
export function clearSpendingCondition(c: TransactionSpendingCondition): TransactionSpendingCondition {
  if (c.type === 'singlesig') return { ...c, nonce: 0n, txFee: 0n, signature: new Uint8Array(SIGNATURE_LENGTH) };
  return { ...c, nonce: 0n, txFee: 0n, fields: [] };
}

/** The auth the initial sighash commits to (`TransactionAuth::into_initial_sighash_auth`). */
export function initialSighashAuth(auth: TransactionAuth): TransactionAuth {
  if (auth.type === 'standard') return { type: 'standard', origin: clearSpendingCondition(auth.origin) };
  return { type: 'sponsored', origin: clearSpendingCondition(auth.origin), sponsor: sponsorPlaceholderCondition() };
}

/** The initial sighash of a transaction (`sign_begin` / `verify_begin`). */
export function initialSighash(tx: StacksTransaction): Uint8Array {
  return txidBytes({ ...tx, auth: initialSighashAuth(tx.auth) });
}

function u64be(v: bigint, what: string): Uint8Array {
  if (v < 0n || v > 0xffff_ffff_ffff_ffffn) throw new CodecError(CodecErrorCode.InvalidArgument, `${what} out of u64 range: ${v}`);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, v);
  return out;
}

/** SHA-512/256(curSighash | authFlag | fee | nonce): the digest the next key signs (`make_sighash_presign`). */
export function makeSighashPresign(curSighash: Uint8Array, authFlag: AuthType, txFee: bigint, nonce: bigint): Uint8Array {
  if (curSighash.length !== 32) throw new CodecError(CodecErrorCode.InvalidArgument, 'sighash must be 32 bytes');
  const buf = new Uint8Array(32 + 1 + 8 + 8);
  buf.set(curSighash, 0);
  buf[32] = authFlag;
  buf.set(u64be(txFee, 'fee'), 33);
  buf.set(u64be(nonce, 'nonce'), 41);
  return sha512_256(buf);
}

/** SHA-512/256(presign | keyEncoding | signature): the sighash after one signature (`make_sighash_postsign`). */
export function makeSighashPostsign(presign: Uint8Array, keyEncoding: PublicKeyEncoding, signature: Uint8Array): Uint8Array {
  if (presign.length !== 32) throw new CodecError(CodecErrorCode.InvalidArgument, 'presign hash must be 32 bytes');
  if (signature.length !== SIGNATURE_LENGTH) throw new CodecError(CodecErrorCode.InvalidArgument, 'signature must be 65 bytes');
  const buf = new Uint8Array(32 + 1 + SIGNATURE_LENGTH);
  buf.set(presign, 0);
  buf[32] = keyEncoding;
  buf.set(signature, 33);
  return sha512_256(buf);
}

/**
 * The sighash after every signature the condition already carries, starting from `sighash`,
 * without verifying them: what the next signer of this condition (or, once complete, the sponsor)
 * signs over. Order-independent multisig leaves the sighash unchanged.
 */
export function conditionSighash(condition: TransactionSpendingCondition, sighash: Uint8Array, authFlag: AuthType): Uint8Array {
  if (condition.type === 'singlesig') {
    const presign = makeSighashPresign(sighash, authFlag, condition.txFee, condition.nonce);
    return makeSighashPostsign(presign, condition.keyEncoding, condition.signature);
  }
  if (isOrderIndependentHashMode(condition.hashMode)) return sighash;
  let cur = sighash;
  for (const f of condition.fields) {
    if (f.type !== 'signature') continue;
    const presign = makeSighashPresign(cur, authFlag, condition.txFee, condition.nonce);
    cur = makeSighashPostsign(presign, f.keyEncoding, f.signature);
  }
  return cur;
}

/**
 * The sighash the sponsor starts from: the origin's final sighash (over its signatures as they
 * stand; `verifyTransactionAuth` checks them).
 */
export function originSighash(tx: StacksTransaction): Uint8Array {
  return conditionSighash(tx.auth.origin, initialSighash(tx), AuthType.Standard);
}
