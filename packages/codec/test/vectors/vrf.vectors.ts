/**
 * Runner for test-vectors/vrf.json: ECVRF prove/verify (draft-irtf-cfrg-vrf-04 A.3 as asserted by
 * stacks-common's `test_vrf_rfc`), `VRFProof::from_bytes` accept/reject/re-encode, and
 * `VRFPublicKey::from_bytes` validity.
 */
import assert from 'node:assert/strict';
import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import type { VectorEntry, VectorFileRunner } from '../../../../test-vectors/runner/harness.ts';
import { CodecErrorCode, isCodecError } from '../../src/errors.ts';
import { vrfProve, vrfVerify } from '../../src/vrf/ecvrf.ts';
import { isValidVrfPublicKey, vrfPublicKeyFromSecret } from '../../src/vrf/keys.ts';
import { decodeVrfProof, encodeVrfProof } from '../../src/vrf/proof.ts';

function runProveVerify(e: VectorEntry): void {
  const sk = hexToBytes(e.secret_key);
  const msg = hexToBytes(e.message_hex);
  const pk = vrfPublicKeyFromSecret(sk);
  if (e.public_key_hint !== undefined) {
    assert.equal(bytesToHex(pk), e.public_key_hint, 'public key from the secret key');
  }
  const proof = vrfProve(sk, msg);
  assert.equal(bytesToHex(proof), e.expected_proof, 'proof');
  assert.equal(vrfVerify(pk, hexToBytes(e.expected_proof), msg), e.expected_verify, 'verify');
}

function runProofCodec(e: VectorEntry): void {
  const bytes = hexToBytes(e.proof_hex);
  if (e.expected_decodes === false) {
    assert.throws(
      () => decodeVrfProof(bytes),
      (err: unknown) => isCodecError(err, CodecErrorCode.InvalidVrf),
      'decode must fail with CODEC_INVALID_VRF',
    );
    return;
  }
  assert.equal(e.expected_decodes, true, 'expected_decodes');
  const proof = decodeVrfProof(bytes);
  const reencoded = bytesToHex(encodeVrfProof(proof));
  if (e.expected_reencodes_identically === true) assert.equal(reencoded, e.proof_hex, 're-encoding');
  else if (e.expected_reencodes_identically === false) assert.notEqual(reencoded, e.proof_hex, 're-encoding');
}

function runPubkeyValid(e: VectorEntry): void {
  assert.equal(typeof e.expected_valid, 'boolean', 'expected_valid');
  assert.equal(isValidVrfPublicKey(hexToBytes(e.public_key_hex)), e.expected_valid, 'isValidVrfPublicKey');
}

/** The vrf.json runner. */
export const runner: VectorFileRunner = {
  file: 'vrf.json',
  layer: 'codec',
  run(entry) {
    switch (entry.kind) {
      case 'vrf_prove_verify':
        return runProveVerify(entry);
      case 'vrf_proof_codec':
        return runProofCodec(entry);
      case 'vrf_pubkey_valid':
        return runPubkeyValid(entry);
      default:
        throw new Error(`unknown vrf.json vector kind: ${String(entry.kind)}`);
    }
  },
};
