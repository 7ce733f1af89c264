import { recoverPublicKey, signRecoverable } from '../crypto/secp256k1.ts';
import { isCodecError } from '../errors.ts';
import { type NakamotoBlockHeader, minerSignatureHash, signerSignatureHash } from './nakamoto-header.ts';

/**
 * Signs the header as its miner (`NakamotoBlockHeader::sign_miner`): a recoverable signature over
 * `minerSignatureHash`, returned in a copy of the header. Takes a 32-byte or 33-byte (`…01`)
 * Stacks private key.
 */
export function signNakamotoBlockHeaderAsMiner(header: NakamotoBlockHeader, privateKey: Uint8Array): NakamotoBlockHeader {
  return { ...header, minerSignature: signRecoverable(minerSignatureHash(header), privateKey) };
}

/**
 * The miner's compressed public key recovered from `minerSignature` over `minerSignatureHash`
 * (`recover_miner_pk`), without the low-S check; `null` when no key can be recovered.
 */
export function recoverMinerPublicKey(header: NakamotoBlockHeader): Uint8Array | null {
  return recoverOrNull(minerSignatureHash(header), header.minerSignature);
}

/**
 * One signer's recoverable signature over the header's `signerSignatureHash`. The caller places
 * it in `signerSignature` in reward-set order.
 */
export function signNakamotoBlockHeaderAsSigner(header: NakamotoBlockHeader, privateKey: Uint8Array): Uint8Array {
  return signRecoverable(signerSignatureHash(header), privateKey);
}

/**
 * The compressed public key behind each of the header's signer signatures, in order, as
 * `verify_signer_signatures` recovers them (no low-S check); `null` for a signature that recovers
 * no key.
 */
export function recoverSignerPublicKeys(header: NakamotoBlockHeader): (Uint8Array | null)[] {
  const digest = signerSignatureHash(header);
  return header.signerSignature.map((sig) => recoverOrNull(digest, sig));
}

function recoverOrNull(digest: Uint8Array, signature: Uint8Array): Uint8Array | null {
  try {
    return recoverPublicKey(digest, signature, true);
  } catch (err) {
    if (isCodecError(err)) return null;
    throw err;
  }
}
