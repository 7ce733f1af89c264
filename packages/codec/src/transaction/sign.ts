/**
 * Signing a transaction (`StacksTransactionSigner` and `StacksTransaction::sign_next_origin` /
 * `sign_next_sponsor` / `append_next_origin` in the reference), as pure functions that return a
 * new transaction:
 *
 * - `signTransaction(tx, key)` signs as the origin: sets a single-sig signature, or appends a
 *   signature field to a multisig condition (chained over the previous signatures for sequential
 *   multisig, over the initial sighash for order-independent multisig);
 * - `signTransaction(tx, key, { as: 'sponsor' })` does the same for the sponsor, starting from the
 *   origin's final sighash (set the sponsor's condition first with `setSponsor`);
 * - `appendPublicKey(tx, publicKey)` appends the public key of a multisig member who does not sign.
 *
 * As the reference's signer does, these refuse to add a signature beyond `signaturesRequired`, to
 * touch the origin once the sponsor has signed, and to sign a single-sig condition with a key that
 * does not hash to its signer.
 */
import { equalBytes } from '@stacks-ts/common';
import { stacksAddressFromPublicKeys } from '../address/address.ts';
import { compressPublicKey, parsePrivateKey, publicKeyFromPrivate, signRecoverable } from '../crypto/secp256k1.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { requiresCompressedKeys } from './auth.ts';
import { conditionSighash, initialSighash, makeSighashPresign, originSighash } from './sighash.ts';
import {
  AuthType,
  PublicKeyEncoding,
  type StacksTransaction,
  type TransactionAuthField,
  type TransactionSpendingCondition,
} from './types.ts';

/** Which spending condition a signature or public key is for. */
export interface SignOptions {
  /** `'origin'` (default) or `'sponsor'`. */
  readonly as?: 'origin' | 'sponsor';
}

function misuse(message: string): CodecError {
  return new CodecError(CodecErrorCode.InvalidArgument, message);
}

function signatureCount(c: TransactionSpendingCondition): number {
  if (c.type === 'singlesig') return c.signature.some((b) => b !== 0) ? 1 : 0;
  return c.fields.filter((f) => f.type === 'signature').length;
}

function withCondition(tx: StacksTransaction, role: 'origin' | 'sponsor', c: TransactionSpendingCondition): StacksTransaction {
  if (role === 'origin') {
    return { ...tx, auth: tx.auth.type === 'standard' ? { type: 'standard', origin: c } : { ...tx.auth, origin: c } };
  }
  if (tx.auth.type !== 'sponsored') throw misuse('transaction is not sponsored');
  return { ...tx, auth: { ...tx.auth, sponsor: c } };
}

function conditionFor(tx: StacksTransaction, role: 'origin' | 'sponsor'): TransactionSpendingCondition {
  if (role === 'origin') {
    if (tx.auth.type === 'sponsored' && signatureCount(tx.auth.sponsor) > 0) {
      throw misuse('cannot change the origin after the sponsor has signed');
    }
    return tx.auth.origin;
  }
  if (tx.auth.type !== 'sponsored') throw misuse('cannot sign as sponsor: transaction is not sponsored');
  return tx.auth.sponsor;
}

/** Signs the origin (default) or sponsor spending condition with a 32-byte or 33-byte (`…01`) private key. */
export function signTransaction(tx: StacksTransaction, privateKey: Uint8Array, opts: SignOptions = {}): StacksTransaction {
  const role = opts.as ?? 'origin';
  const condition = conditionFor(tx, role);
  const { secretKey, compressed } = parsePrivateKey(privateKey);
  const keyEncoding = compressed ? PublicKeyEncoding.Compressed : PublicKeyEncoding.Uncompressed;
  const flag = role === 'origin' ? AuthType.Standard : AuthType.Sponsored;
  const start = role === 'origin' ? initialSighash(tx) : originSighash(tx);

  if (condition.type === 'singlesig') {
    if (condition.keyEncoding !== keyEncoding) {
      throw misuse(`the ${role} condition expects a ${condition.keyEncoding === 0 ? 'compressed' : 'uncompressed'} key`);
    }
    const addr = stacksAddressFromPublicKeys(0, condition.hashMode, 1, [publicKeyFromPrivate(privateKey)]);
    if (addr === null || !equalBytes(addr.hash160, condition.signer)) {
      throw misuse(`private key does not match the ${role} condition's signer`);
    }
    const presign = makeSighashPresign(start, flag, condition.txFee, condition.nonce);
    return withCondition(tx, role, { ...condition, signature: signRecoverable(presign, secretKey) });
  }

  if (signatureCount(condition) >= condition.signaturesRequired) {
    throw misuse(`the ${role} condition already has ${condition.signaturesRequired} signatures`);
  }
  if (!compressed && requiresCompressedKeys(condition.hashMode)) {
    throw misuse('P2WSH conditions only take compressed keys');
  }
  const cur = conditionSighash(condition, start, flag);
  const presign = makeSighashPresign(cur, flag, condition.txFee, condition.nonce);
  const field: TransactionAuthField = { type: 'signature', keyEncoding, signature: signRecoverable(presign, secretKey) };
  return withCondition(tx, role, { ...condition, fields: [...condition.fields, field] });
}

/**
 * Appends the public key of a multisig member who does not sign (33 bytes compressed, 65 bytes
 * uncompressed; the field records which form the signer hash uses).
 */
export function appendPublicKey(tx: StacksTransaction, publicKey: Uint8Array, opts: SignOptions = {}): StacksTransaction {
  const role = opts.as ?? 'origin';
  const condition = conditionFor(tx, role);
  if (condition.type !== 'multisig') throw misuse(`the ${role} condition is not multisig`);
  const keyEncoding = publicKey.length === 65 ? PublicKeyEncoding.Uncompressed : PublicKeyEncoding.Compressed;
  if (keyEncoding === PublicKeyEncoding.Uncompressed && requiresCompressedKeys(condition.hashMode)) {
    throw misuse('P2WSH conditions only take compressed keys');
  }
  const field: TransactionAuthField = { type: 'publicKey', keyEncoding, publicKey: compressPublicKey(publicKey) };
  return withCondition(tx, role, { ...condition, fields: [...condition.fields, field] });
}

/** Replaces the sponsor's spending condition of a sponsored transaction (`TransactionAuth::set_sponsor`). */
export function setSponsor(tx: StacksTransaction, sponsor: TransactionSpendingCondition): StacksTransaction {
  if (tx.auth.type !== 'sponsored') throw misuse('transaction is not sponsored');
  return { ...tx, auth: { ...tx.auth, sponsor } };
}
