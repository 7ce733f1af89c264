/**
 * Runner for test-vectors/hashes.json: the tagged Merkle tree, secp256k1 verify/sign (VRS, RSV,
 * r/s), public-key parsing, Stacks signed messages, SIP-018 structured data and SHA-256 /
 * SHA-512/256 examples. Every secp256k1 entry runs on each available backend (noble, and native
 * libsecp256k1 where installed).
 */
import assert from 'node:assert/strict';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@stacks-ts/common';
import { skip, type Skip, type VectorEntry, type VectorFileRunner } from '../../../../test-vectors/runner/harness.ts';
import { CodecErrorCode, isCodecError } from '../../src/errors.ts';
import type { ClarityValue } from '../../src/clarity/types.ts';
import { doubleSha256, sha256, sha512_256 } from '../../src/crypto/hashes.ts';
import { merkleRoot, merkleTreeRows } from '../../src/crypto/merkle.ts';
import {
  compressPublicKey,
  decompressPublicKey,
  getSecp256k1Backend,
  isValidPublicKey,
  publicKeyFromPrivate,
  recoverPublicKey,
  setSecp256k1Backend,
  signRecoverable,
  verifySignature,
  vrsToRsv,
} from '../../src/crypto/secp256k1.ts';
import { nobleSecp256k1Backend, type Secp256k1Backend } from '../../src/crypto/secp256k1-backend.ts';
import { createNativeSecp256k1Backend } from '../../src/crypto/secp256k1-native.ts';
import {
  LEGACY_STACKS_MESSAGE_PREFIX,
  SIP018_MESSAGE_PREFIX,
  STACKS_MESSAGE_PREFIX,
  encodeMessage,
  hashMessage,
  hashStructuredData,
  sip018Domain,
  sip018MessageHash,
  verifyMessageSignature,
  verifyStructuredDataSignature,
} from '../../src/crypto/message.ts';

const BACKENDS: Secp256k1Backend[] = [nobleSecp256k1Backend, ...[createNativeSecp256k1Backend()].filter((b) => b !== null)];

/** Runs `check` once per secp256k1 backend, restoring the backend in use afterwards. */
function onEachBackend(check: () => void): void {
  const saved = getSecp256k1Backend();
  try {
    for (const b of BACKENDS) {
      setSecp256k1Backend(b);
      try {
        check();
      } catch (err) {
        if (err instanceof Error) err.message = `[${b.name}] ${err.message}`;
        throw err;
      }
    }
  } finally {
    setSecp256k1Backend(saved);
  }
}

function runMerkle(e: VectorEntry): void {
  const leaves = (e.leaves_hex as string[]).map((h) => hexToBytes(h));
  const rows = merkleTreeRows(leaves, doubleSha256).map((row) => row.map((h) => bytesToHex(h)));
  assert.deepEqual(rows, e.expected_rows, 'rows');
  const root = bytesToHex(merkleRoot(leaves, doubleSha256));
  assert.equal(root, e.expected_root ?? '00'.repeat(32), 'root (all zeros for an empty tree)');
}

function runVerify(e: VectorEntry): void {
  const hash = hexToBytes(e.message_hash);
  const sig = hexToBytes(e.signature_vrs);
  const pk = hexToBytes(e.public_key);
  onEachBackend(() => {
    if (e.expected.error !== undefined) {
      assert.match(e.expected.error, /failed to recover public key/, 'only recovery failures are expected');
      assert.throws(
        () => recoverPublicKey(hash, sig, true),
        (err: unknown) => isCodecError(err, CodecErrorCode.InvalidSignature),
        'recovery must fail with CODEC_INVALID_SIGNATURE',
      );
      assert.equal(verifySignature(hash, sig, pk), false, 'verify');
      return;
    }
    assert.equal(verifySignature(hash, sig, pk), e.expected.ok, 'verify');
    assert.equal(verifySignature(hash, sig, decompressPublicKey(pk)), e.expected.ok, 'verify with the uncompressed key');
  });
}

function runPubkeyParse(e: VectorEntry): void {
  const pk = hexToBytes(e.public_key_hex);
  onEachBackend(() => {
    assert.equal(isValidPublicKey(pk), e.expected_valid, 'validity');
    if (e.expected_valid) {
      const same = pk.length === 33 ? compressPublicKey(pk) : decompressPublicKey(pk);
      assert.equal(bytesToHex(same), e.public_key_hex, 're-serialized in the same form');
    } else {
      assert.throws(
        () => compressPublicKey(pk),
        (err: unknown) => isCodecError(err, CodecErrorCode.InvalidPublicKey),
      );
    }
  });
}

function checkMessageHash(e: VectorEntry): void {
  if (e.message_utf8 !== undefined) assert.equal(bytesToHex(sha256(utf8ToBytes(e.message_utf8))), e.message_hash, 'sha256(message)');
}

function runSignVrs(e: VectorEntry): void {
  checkMessageHash(e);
  const hash = hexToBytes(e.message_hash);
  const sk = hexToBytes(e.private_key);
  onEachBackend(() => {
    const sig = signRecoverable(hash, sk);
    assert.equal(bytesToHex(sig), e.expected_signature_vrs, 'signature');
    const pk = publicKeyFromPrivate(sk);
    assert.equal(verifySignature(hash, sig, pk), true, 'verifies against the signer key');
    if (e.expected_public_key_compressed !== undefined) {
      assert.equal(bytesToHex(compressPublicKey(pk)), e.expected_public_key_compressed, 'public key');
      assert.equal(bytesToHex(recoverPublicKey(hash, sig, true)), e.expected_public_key_compressed, 'recovered key');
    }
  });
}

function runSignRsv(e: VectorEntry): void {
  const hash = hexToBytes(e.message_hash);
  onEachBackend(() => {
    assert.equal(bytesToHex(vrsToRsv(signRecoverable(hash, hexToBytes(e.private_key)))), e.expected_signature_rsv, 'signature');
  });
}

function runSignRsDecimal(e: VectorEntry): void {
  checkMessageHash(e);
  const hash = hexToBytes(e.message_hash);
  onEachBackend(() => {
    const sig = signRecoverable(hash, hexToBytes(e.private_key));
    assert.equal(BigInt(`0x${bytesToHex(sig.subarray(1, 33))}`).toString(), e.expected_r_decimal, 'r');
    assert.equal(BigInt(`0x${bytesToHex(sig.subarray(33))}`).toString(), e.expected_s_decimal, 's');
  });
}

function runMessageEncode(e: VectorEntry): void {
  const encoded = encodeMessage(e.message_utf8);
  if (e.expected_encoded_utf8 !== undefined) {
    assert.equal(bytesToHex(encoded), bytesToHex(utf8ToBytes(e.expected_encoded_utf8)), 'encoding');
  }
  if (e.expected_length_prefix_bytes_decimal !== undefined) {
    const prefixLen = utf8ToBytes(STACKS_MESSAGE_PREFIX).length;
    const varint = Array.from(encoded.subarray(prefixLen, prefixLen + e.expected_length_prefix_bytes_decimal.length));
    assert.deepEqual(varint, e.expected_length_prefix_bytes_decimal, 'length prefix');
    assert.equal(bytesToHex(encoded.subarray(prefixLen + varint.length)), bytesToHex(utf8ToBytes(e.message_utf8)), 'message bytes');
  }
}

function runMessageSignVerify(e: VectorEntry): void {
  const prefix: string = e.prefix ?? STACKS_MESSAGE_PREFIX;
  assert.ok(prefix === STACKS_MESSAGE_PREFIX || prefix === LEGACY_STACKS_MESSAGE_PREFIX, 'known prefix');
  assert.equal(bytesToHex(hashMessage(e.message_utf8, prefix)), e.expected_hash, 'message hash');
  onEachBackend(() => {
    assert.equal(
      verifyMessageSignature(e.message_utf8, hexToBytes(e.signature_rsv), hexToBytes(e.public_key)),
      e.expected_verify,
      'verify',
    );
  });
}

/** The vectors' JSON form of a Clarity value (stacks.js `Cl` JSON shape). */
function toClarityValue(j: VectorEntry): ClarityValue {
  switch (j.type) {
    case 'int':
      return { type: 'int', value: BigInt(j.value) };
    case 'uint':
      return { type: 'uint', value: BigInt(j.value) };
    case 'string_ascii':
      return { type: 'string-ascii', value: j.value };
    case 'string_utf8':
      return { type: 'string-utf8', value: j.value };
    case 'tuple':
      return {
        type: 'tuple',
        value: Object.fromEntries((j.fields as [string, VectorEntry][]).map(([k, v]) => [k, toClarityValue(v)])),
      };
    default:
      throw new Error(`unsupported Clarity JSON type ${String(j.type)}`);
  }
}

function runSip018StructuredHash(e: VectorEntry): void {
  assert.equal(bytesToHex(hashStructuredData(toClarityValue(e.value))), e.expected_sha256_of_consensus_serialization, 'hash');
}

function runSip018MessageHash(e: VectorEntry): void {
  assert.equal(bytesToHex(SIP018_MESSAGE_PREFIX), e.prefix_hex, 'prefix');
  const domain = sip018Domain(e.domain.name, e.domain.version, e.domain['chain-id']);
  assert.equal(bytesToHex(sip018MessageHash(domain, toClarityValue(e.message))), e.expected_message_hash, 'message hash');
}

function runSip018Sign(e: VectorEntry): void {
  const hash = hexToBytes(e.message_hash);
  const sk = hexToBytes(e.private_key);
  onEachBackend(() => {
    assert.equal(bytesToHex(publicKeyFromPrivate(sk)), e.public_key, 'public key');
    const rsv = vrsToRsv(signRecoverable(hash, sk));
    assert.equal(bytesToHex(rsv), e.expected_signature_rsv, 'signature');
  });
  // The hash is that of the sip018_message_hash vector: check the structured-data verifier end to end.
  const domain = sip018Domain('Test App', '1.0.0', 1);
  const message: ClarityValue = { type: 'string-ascii', value: 'Hello World' };
  if (bytesToHex(sip018MessageHash(domain, message)) === e.message_hash) {
    assert.equal(verifyStructuredDataSignature(domain, message, hexToBytes(e.expected_signature_rsv), hexToBytes(e.public_key)), true);
  }
}

function runSha512_256(e: VectorEntry): void | Skip {
  let input: Uint8Array;
  if (/64 bytes of 0x01/.test(e.input_description)) input = new Uint8Array(64).fill(1);
  else if (/64 zero bytes/.test(e.input_description)) input = new Uint8Array(64);
  else return skip(`input not machine-readable: ${e.input_description}`);
  assert.equal(bytesToHex(sha512_256(input)), e.expected, 'sha512/256');
}

export const runner: VectorFileRunner = {
  file: 'hashes.json',
  layer: 'codec',
  run(entry) {
    switch (entry.kind) {
      case 'merkle_tree_doublesha256':
        return runMerkle(entry);
      case 'secp256k1_verify_vrs':
        return runVerify(entry);
      case 'secp256k1_pubkey_parse':
        return runPubkeyParse(entry);
      case 'secp256k1_sign_vrs':
        return runSignVrs(entry);
      case 'secp256k1_sign_rsv':
        return runSignRsv(entry);
      case 'secp256k1_sign_rs_decimal':
        return runSignRsDecimal(entry);
      case 'sha256':
        return assert.equal(bytesToHex(sha256(utf8ToBytes(entry.input_utf8))), entry.expected, 'sha256');
      case 'stacks_message_encode':
        return runMessageEncode(entry);
      case 'stacks_message_hash':
        return assert.equal(bytesToHex(hashMessage(entry.message_utf8)), entry.expected_sha256, 'message hash');
      case 'stacks_message_sign_verify':
        return runMessageSignVerify(entry);
      case 'sip018_structured_data_hash':
        return runSip018StructuredHash(entry);
      case 'sip018_message_hash':
        return runSip018MessageHash(entry);
      case 'sip018_sign':
        return runSip018Sign(entry);
      case 'sha512_256':
        return runSha512_256(entry);
      case 'sha512_256_concat':
        return assert.equal(
          bytesToHex(sha512_256(concatBytes(...(entry.input_parts_hex as string[]).map((h) => hexToBytes(h))))),
          entry.expected,
          'sha512/256',
        );
      default:
        return skip(`unknown kind ${String(entry.kind)}`);
    }
  },
};
