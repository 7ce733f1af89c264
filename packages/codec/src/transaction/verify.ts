/**
 * Verifying a transaction's signatures (`StacksTransaction::verify`, `TransactionAuth::verify`,
 * `*SpendingCondition::verify` in the reference): recover every signer's public key from its
 * signature over the running sighash, then check that the keys hash (by the hash mode) to the
 * condition's signer. The sponsor is verified from the sighash the origin's verification ends on.
 */
import { equalBytes } from '@stacks-ts/common';
import { stacksAddressFromPublicKeys } from '../address/address.ts';
import { decompressPublicKey, recoverPublicKey } from '../crypto/secp256k1.ts';
import { requiresCompressedKeys } from './auth.ts';
import { initialSighash, makeSighashPostsign, makeSighashPresign } from './sighash.ts';
import {
  AuthType,
  PublicKeyEncoding,
  type MultisigSpendingCondition,
  type SinglesigSpendingCondition,
  type StacksTransaction,
  type TransactionSpendingCondition,
  isOrderIndependentHashMode,
} from './types.ts';

/** Options of `verifyTransactionAuth`. */
export interface VerifyAuthOptions {
  /**
   * Reject high-S signatures (`TransactionAuthVerificationMode::EnforceLowS`, the rule from Epoch
   * 4.0). Default false: epochs before 4.0 accept high S (`AllowHighS`).
   */
  readonly enforceLowS?: boolean;
}

/** The outcome of verifying a transaction's auth: never an exception for a bad signature. */
export type AuthVerification = { readonly ok: true } | { readonly ok: false; readonly reason: string };

class AuthFailure extends Error {}

function fail(reason: string): never {
  throw new AuthFailure(reason);
}

function recover(presign: Uint8Array, keyEncoding: number, signature: Uint8Array, enforceLowS: boolean): Uint8Array {
  try {
    return recoverPublicKey(presign, signature, keyEncoding === PublicKeyEncoding.Compressed, { requireLowS: enforceLowS });
  } catch (err) {
    return fail(`cannot recover a public key from the signature: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function checkSigner(
  hashMode: TransactionSpendingCondition['hashMode'],
  signaturesRequired: number,
  keys: Uint8Array[],
  signer: Uint8Array,
): void {
  const addr = stacksAddressFromPublicKeys(0, hashMode, signaturesRequired, keys);
  if (addr === null) fail('cannot derive an address from the public keys');
  if (!equalBytes(addr.hash160, signer)) fail('signer hash does not equal the hash of the public key(s)');
}

function verifySinglesig(c: SinglesigSpendingCondition, sighash: Uint8Array, flag: AuthType, enforceLowS: boolean): Uint8Array {
  const presign = makeSighashPresign(sighash, flag, c.txFee, c.nonce);
  const key = recover(presign, c.keyEncoding, c.signature, enforceLowS);
  checkSigner(c.hashMode, 1, [key], c.signer);
  return makeSighashPostsign(presign, c.keyEncoding, c.signature);
}

function verifyMultisig(c: MultisigSpendingCondition, sighash: Uint8Array, flag: AuthType, enforceLowS: boolean): Uint8Array {
  const orderIndependent = isOrderIndependentHashMode(c.hashMode);
  const keys: Uint8Array[] = [];
  let cur = sighash;
  let signatures = 0;
  let uncompressed = false;
  for (const f of c.fields) {
    if (f.keyEncoding === PublicKeyEncoding.Uncompressed) uncompressed = true;
    if (f.type === 'publicKey') {
      let key: Uint8Array;
      try {
        key = f.keyEncoding === PublicKeyEncoding.Uncompressed ? decompressPublicKey(f.publicKey) : f.publicKey;
      } catch {
        return fail('a public-key field is not a valid public key');
      }
      keys.push(key);
      continue;
    }
    const presign = makeSighashPresign(orderIndependent ? sighash : cur, flag, c.txFee, c.nonce);
    keys.push(recover(presign, f.keyEncoding, f.signature, enforceLowS));
    if (!orderIndependent) cur = makeSighashPostsign(presign, f.keyEncoding, f.signature);
    signatures++;
  }
  if (orderIndependent) {
    if (signatures < c.signaturesRequired) fail(`not enough signatures: got ${signatures}, need at least ${c.signaturesRequired}`);
  } else if (signatures !== c.signaturesRequired) {
    fail(`incorrect number of signatures: got ${signatures}, need ${c.signaturesRequired}`);
  }
  if (uncompressed && requiresCompressedKeys(c.hashMode)) fail('uncompressed keys are not allowed in this hash mode');
  checkSigner(c.hashMode, c.signaturesRequired, keys, c.signer);
  return orderIndependent ? sighash : cur;
}

function verifyCondition(c: TransactionSpendingCondition, sighash: Uint8Array, flag: AuthType, enforceLowS: boolean): Uint8Array {
  return c.type === 'singlesig' ? verifySinglesig(c, sighash, flag, enforceLowS) : verifyMultisig(c, sighash, flag, enforceLowS);
}

/**
 * Verifies the origin's signatures and, for a sponsored transaction, the sponsor's. Returns
 * `{ ok: false, reason }` for any bad, missing or surplus signature or mismatched signer; it does
 * not throw for anything a transaction can carry.
 */
export function verifyTransactionAuth(tx: StacksTransaction, opts: VerifyAuthOptions = {}): AuthVerification {
  const enforceLowS = opts.enforceLowS === true;
  try {
    const originEnd = verifyCondition(tx.auth.origin, initialSighash(tx), AuthType.Standard, enforceLowS);
    if (tx.auth.type === 'sponsored') {
      try {
        verifyCondition(tx.auth.sponsor, originEnd, AuthType.Sponsored, enforceLowS);
      } catch (err) {
        if (err instanceof AuthFailure) return { ok: false, reason: `sponsor: ${err.message}` };
        throw err;
      }
    }
    return { ok: true };
  } catch (err) {
    if (err instanceof AuthFailure) return { ok: false, reason: `origin: ${err.message}` };
    return { ok: false, reason: `malformed transaction auth: ${err instanceof Error ? err.message : String(err)}` };
  }
}
