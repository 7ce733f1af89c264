/**
 * Runner for test-vectors/address.json: public keys / private keys / multisig sets -> hash160 and
 * addresses, `StacksAddress::from_public_keys` (including its refusals), key derivation and
 * `Secp256k1PrivateKey::from_seed`.
 */
import assert from 'node:assert/strict';
import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import { skip, type VectorEntry, type VectorFileRunner } from '../../../../test-vectors/runner/harness.ts';
import {
  AddressHashMode,
  addressHashFromPublicKeys,
  addressVersionForHashMode,
  publicKeyToStacksAddress,
  stacksAddressFromPublicKeys,
  stacksAddressToString,
} from '../../src/address/address.ts';
import { c32addressEncode } from '../../src/address/c32.ts';
import { c32ToB58 } from '../../src/address/base58.ts';
import { hash160 } from '../../src/crypto/hashes.ts';
import { compressPublicKey, privateKeyFromSeed, publicKeyFromPrivate } from '../../src/crypto/secp256k1.ts';

const HASH_MODES: Record<string, AddressHashMode> = {
  P2PKH: AddressHashMode.SerializeP2PKH,
  P2SH: AddressHashMode.SerializeP2SH,
  P2WPKH: AddressHashMode.SerializeP2WPKH,
  P2WSH: AddressHashMode.SerializeP2WSH,
};

/** Spending-condition kinds of the Rust sign/verify tests, by the hash mode they use. */
const CONDITION_MODES: Record<string, AddressHashMode> = {
  singlesig_p2pkh: AddressHashMode.SerializeP2PKH,
  singlesig_p2wpkh: AddressHashMode.SerializeP2WPKH,
  multisig_p2sh: AddressHashMode.SerializeP2SH,
  multisig_p2wsh: AddressHashMode.SerializeP2WSH,
  multisig_order_independent_p2sh: AddressHashMode.SerializeP2SHNonSequential,
  multisig_order_independent_p2wsh: AddressHashMode.SerializeP2WSHNonSequential,
};

function mode(table: Record<string, AddressHashMode>, name: string): AddressHashMode {
  const m = table[name];
  if (m === undefined) throw new Error(`unknown hash mode ${name}`);
  return m;
}

function keys(hexes: string[]): Uint8Array[] {
  return hexes.map((h) => hexToBytes(h));
}

function runPubkeysToHash(e: VectorEntry): void {
  const m = mode(HASH_MODES, e.hash_mode);
  const pks = keys(e.public_keys);
  assert.equal(bytesToHex(addressHashFromPublicKeys(m, e.num_sigs, pks)), e.expected_hash160, 'hash160');
  const addr = stacksAddressFromPublicKeys(22, m, e.num_sigs, pks);
  assert.ok(addr, 'from_public_keys accepts the combination');
  assert.equal(bytesToHex(addr.hash160), e.expected_hash160, 'from_public_keys hash160');
}

function runPubkeysToAddress(e: VectorEntry): void {
  const addr = stacksAddressFromPublicKeys(e.version, mode(HASH_MODES, e.hash_mode), e.num_sigs, keys(e.public_keys));
  if (e.expected === null) {
    assert.equal(addr, null, 'from_public_keys must refuse this combination');
    return;
  }
  assert.ok(addr, 'from_public_keys must accept this combination');
  assert.equal(addr.version, e.expected.version, 'version');
  assert.equal(bytesToHex(addr.hash160), e.expected.hash160, 'hash160');
}

function runPrivkeysToSigner(e: VectorEntry): void {
  const m = mode(CONDITION_MODES, e.spending_condition);
  const pks = (e.private_keys as string[]).map((k) => publicKeyFromPrivate(hexToBytes(k)));
  pks.forEach((pk, i) => assert.equal(pk.length, (e.private_keys[i] as string).length === 66 ? 33 : 65, `public key ${i} length`));
  assert.equal(bytesToHex(addressHashFromPublicKeys(m, e.signatures_required, pks)), e.expected_signer_hash160, 'signer hash160');
  if (e.expected_address_version_mainnet !== undefined) {
    assert.equal(addressVersionForHashMode(m, true), e.expected_address_version_mainnet, 'mainnet address version');
  }
}

function runPrivkeyToAddress(e: VectorEntry): void {
  const pk = publicKeyFromPrivate(hexToBytes(e.private_key));
  if (e.expected_public_key !== undefined) assert.equal(bytesToHex(pk), e.expected_public_key, 'public key');
  if (e.expected_compressed_public_key !== undefined) {
    assert.equal(bytesToHex(compressPublicKey(pk)), e.expected_compressed_public_key, 'compressed public key');
  }
  const mainnet = stacksAddressToString(publicKeyToStacksAddress(pk, true));
  const testnet = stacksAddressToString(publicKeyToStacksAddress(pk, false));
  assert.equal(mainnet, e.expected_address_mainnet, 'mainnet address');
  assert.equal(testnet, e.expected_address_testnet, 'testnet address');
  if (e.expected_btc_address_mainnet !== undefined) assert.equal(c32ToB58(mainnet), e.expected_btc_address_mainnet, 'btc mainnet');
  if (e.expected_btc_address_testnet !== undefined) assert.equal(c32ToB58(testnet), e.expected_btc_address_testnet, 'btc testnet');
}

function runPubkeyToAddress(e: VectorEntry): void {
  assert.equal(c32addressEncode(e.version, hash160(hexToBytes(e.public_key))), e.expected_address, 'address');
}

function runFromSeed(e: VectorEntry): void {
  const sk = privateKeyFromSeed(hexToBytes(e.seed_hex));
  assert.equal(bytesToHex(sk), e.expected_private_key, 'private key');
  assert.equal(bytesToHex(publicKeyFromPrivate(sk)), e.expected_public_key, 'public key');
}

export const runner: VectorFileRunner = {
  file: 'address.json',
  layer: 'codec',
  run(entry) {
    switch (entry.kind) {
      case 'pubkeys_to_hash160':
        return runPubkeysToHash(entry);
      case 'pubkeys_to_address':
        return runPubkeysToAddress(entry);
      case 'privkeys_to_signer_hash160':
        return runPrivkeysToSigner(entry);
      case 'privkey_to_pubkey_and_address':
        return runPrivkeyToAddress(entry);
      case 'pubkey_to_address':
        return runPubkeyToAddress(entry);
      case 'privkey_from_seed':
        return runFromSeed(entry);
      default:
        return skip(`unknown kind ${String(entry.kind)}`);
    }
  },
};
