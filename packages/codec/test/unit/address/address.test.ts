import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes, hexToBytes } from '@stacks-ts/common';
import {
  AddressHashMode as TxAddressHashMode,
  addressFromPublicKeys,
  addressToString,
  createStacksPublicKey,
} from '@stacks/transactions';
import { CodecErrorCode, isCodecError } from '../../../src/errors.ts';
import { hash160, sha256 } from '../../../src/crypto/hashes.ts';
import { SECP256K1_ORDER, compressPublicKey, publicKeyFromPrivate } from '../../../src/crypto/secp256k1.ts';
import {
  AddressHashMode,
  addressHashFromPublicKeys,
  addressHashModeFromVersion,
  addressVersionForHashMode,
  burnStacksAddress,
  isAddressHashMode,
  isMainnetAddressVersion,
  multisigRedeemScript,
  publicKeyToStacksAddress,
  stacksAddressFromPublicKeys,
  stacksAddressFromString,
  stacksAddressToString,
} from '../../../src/address/address.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(isCodecError(err), String(err)).toBe(true);
    return (err as { code: string }).code;
  }
  return undefined;
}

const secretKey = fc
  .bigInt({ min: 1n, max: SECP256K1_ORDER - 1n })
  .map((v) => hexToBytes(v.toString(16).padStart(64, '0')));
const compressedKey = secretKey.map((sk) => publicKeyFromPrivate(concatBytes(sk, Uint8Array.of(1))));
const anyKey = fc.tuple(secretKey, fc.boolean()).map(([sk, c]) => publicKeyFromPrivate(c ? concatBytes(sk, Uint8Array.of(1)) : sk));

const PK1 = hexToBytes('020fadbbcea0ff3b05f03195b41cd991d7a0af8bd38559943aec99cbdaf0b22cc8');
const PK2 = hexToBytes('02c77f262dda02580d65c9069a8a34c56bd77325bba4110b693b90216f5a3edc0b');

describe('address hashes', () => {
  it('builds the multisig redeem script OP_m <keys> OP_n OP_CHECKMULTISIG', () => {
    const script = multisigRedeemScript(2, [PK1, PK2]);
    expect(bytesToHex(script)).toBe(`52${'21'}${bytesToHex(PK1)}21${bytesToHex(PK2)}52ae`);
    // Counts above 16 are script numbers, not OP_n.
    const many = Array.from({ length: 17 }, () => PK1);
    const big = multisigRedeemScript(17, many);
    expect(bytesToHex(big.subarray(0, 2))).toBe('0111');
    expect(bytesToHex(big.subarray(-3))).toBe('0111ae');
    expect(bytesToHex(multisigRedeemScript(0, []))).toBe('0000ae');
    expect(bytesToHex(multisigRedeemScript(128, []).subarray(0, 3))).toBe('028000');
  });

  it('hashes each mode as the reference does', () => {
    expect(addressHashFromPublicKeys(AddressHashMode.SerializeP2PKH, 1, [PK1])).toEqual(hash160(PK1));
    expect(addressHashFromPublicKeys(AddressHashMode.SerializeP2WPKH, 1, [PK1])).toEqual(
      hash160(concatBytes(Uint8Array.of(0, 20), hash160(PK1))),
    );
    const script = multisigRedeemScript(2, [PK1, PK2]);
    expect(addressHashFromPublicKeys(AddressHashMode.SerializeP2SH, 2, [PK1, PK2])).toEqual(hash160(script));
    expect(addressHashFromPublicKeys(AddressHashMode.SerializeP2WSH, 2, [PK1, PK2])).toEqual(
      hash160(concatBytes(Uint8Array.of(0, 32), sha256(script))),
    );
  });

  it('order-independent modes hash like P2SH / P2WSH', () => {
    fc.assert(
      fc.property(fc.array(compressedKey, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 5 }), (keys, m) => {
        expect(addressHashFromPublicKeys(AddressHashMode.SerializeP2SHNonSequential, m, keys)).toEqual(
          addressHashFromPublicKeys(AddressHashMode.SerializeP2SH, m, keys),
        );
        expect(addressHashFromPublicKeys(AddressHashMode.SerializeP2WSHNonSequential, m, keys)).toEqual(
          addressHashFromPublicKeys(AddressHashMode.SerializeP2WSH, m, keys),
        );
      }),
      { numRuns: 20 },
    );
  });

  it('matches @stacks/transactions addressFromPublicKeys', () => {
    const modes = [
      [AddressHashMode.SerializeP2PKH, TxAddressHashMode.P2PKH],
      [AddressHashMode.SerializeP2SH, TxAddressHashMode.P2SH],
      [AddressHashMode.SerializeP2WPKH, TxAddressHashMode.P2WPKH],
      [AddressHashMode.SerializeP2WSH, TxAddressHashMode.P2WSH],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...modes), fc.array(anyKey, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }), ([ours, theirs], keys, m) => {
        const single = ours === AddressHashMode.SerializeP2PKH || ours === AddressHashMode.SerializeP2WPKH;
        const segwit = ours === AddressHashMode.SerializeP2WPKH || ours === AddressHashMode.SerializeP2WSH;
        const ks = (single ? keys.slice(0, 1) : keys).map((k) => (segwit && k.length === 65 ? compressPublicKey(k) : k));
        const n = single ? 1 : Math.min(m, ks.length);
        const expected = addressFromPublicKeys(22 as never, theirs as never, n, ks.map((k) => createStacksPublicKey(bytesToHex(k))));
        expect(bytesToHex(addressHashFromPublicKeys(ours, n, ks))).toBe(expected.hash160);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects unknown modes, malformed key encodings and missing keys', () => {
    expect(codeOf(() => addressHashFromPublicKeys(4 as AddressHashMode, 1, [PK1]))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => addressHashFromPublicKeys(AddressHashMode.SerializeP2PKH, 1, []))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => addressHashFromPublicKeys(AddressHashMode.SerializeP2PKH, 1, [PK1.subarray(1)]))).toBe(
      CodecErrorCode.InvalidPublicKey,
    );
    expect(codeOf(() => addressHashFromPublicKeys(AddressHashMode.SerializeP2SH, 1, [concatBytes(Uint8Array.of(6), PK1, PK1.subarray(1))]))).toBe(
      CodecErrorCode.InvalidPublicKey,
    );
    expect(codeOf(() => multisigRedeemScript(-1, [PK1]))).toBe(CodecErrorCode.InvalidArgument);
    expect(isAddressHashMode(5)).toBe(true);
    expect(isAddressHashMode(4)).toBe(false);
  });
});

describe('StacksAddress', () => {
  it('versions by hash mode and back', () => {
    expect(addressVersionForHashMode(AddressHashMode.SerializeP2PKH, true)).toBe(22);
    expect(addressVersionForHashMode(AddressHashMode.SerializeP2PKH, false)).toBe(26);
    for (const m of [1, 2, 3, 5, 7] as const) {
      expect(addressVersionForHashMode(m, true)).toBe(20);
      expect(addressVersionForHashMode(m, false)).toBe(21);
    }
    expect(addressHashModeFromVersion(22)).toBe(AddressHashMode.SerializeP2PKH);
    expect(addressHashModeFromVersion(26)).toBe(AddressHashMode.SerializeP2PKH);
    expect(addressHashModeFromVersion(20)).toBe(AddressHashMode.SerializeP2SH);
    expect(addressHashModeFromVersion(0)).toBe(AddressHashMode.SerializeP2SH);
    expect(isMainnetAddressVersion(22) && isMainnetAddressVersion(20)).toBe(true);
    expect(isMainnetAddressVersion(26) || isMainnetAddressVersion(21) || isMainnetAddressVersion(1)).toBe(false);
  });

  it('string round trip and the burn address', () => {
    expect(stacksAddressToString(burnStacksAddress(true))).toBe('SP000000000000000000002Q6VF78');
    expect(stacksAddressToString(burnStacksAddress(false))).toBe('ST000000000000000000002AMW42H');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 31 }), fc.uint8Array({ minLength: 20, maxLength: 20 }), (version, h) => {
        expect(stacksAddressFromString(stacksAddressToString({ version, hash160: h }))).toEqual({ version, hash160: h });
      }),
      { numRuns: 100 },
    );
  });

  it('from_public_keys refusals', () => {
    const u = publicKeyFromPrivate(new Uint8Array(32).fill(3));
    expect(stacksAddressFromPublicKeys(22, AddressHashMode.SerializeP2PKH, 2, [PK1])).toBeNull();
    expect(stacksAddressFromPublicKeys(22, AddressHashMode.SerializeP2PKH, 1, [PK1, PK2])).toBeNull();
    expect(stacksAddressFromPublicKeys(22, AddressHashMode.SerializeP2WPKH, 1, [u])).toBeNull();
    expect(stacksAddressFromPublicKeys(20, AddressHashMode.SerializeP2WSH, 1, [PK1, u])).toBeNull();
    expect(stacksAddressFromPublicKeys(20, AddressHashMode.SerializeP2WSHNonSequential, 1, [PK1, u])).toBeNull();
    expect(stacksAddressFromPublicKeys(20, AddressHashMode.SerializeP2SH, 3, [PK1, PK2])).toBeNull();
    expect(stacksAddressFromPublicKeys(32, AddressHashMode.SerializeP2PKH, 1, [PK1])).toBeNull();
    expect(stacksAddressFromPublicKeys(20, AddressHashMode.SerializeP2SH, 1, [PK1, u])).not.toBeNull();
    expect(stacksAddressFromPublicKeys(22, AddressHashMode.SerializeP2PKH, 1, [u])).toEqual({ version: 22, hash160: hash160(u) });
    expect(codeOf(() => stacksAddressFromPublicKeys(22, AddressHashMode.SerializeP2PKH, 1, [hexToBytes(`02${(2n ** 256n - 2n ** 32n - 977n).toString(16)}`)]))).toBe(
      CodecErrorCode.InvalidPublicKey,
    );
  });

  it('publicKeyToStacksAddress is the P2PKH address', () => {
    expect(stacksAddressToString(publicKeyToStacksAddress(hexToBytes('03ef788b3830c00abe8f64f62dc32fc863bc0b2cafeb073b6c8e1c7657d9c2c3ab'), true))).toBe(
      'SPAW66WC3G8WA5F28JVNG1NTRJ6H76E7EN5H6QQD',
    );
    expect(addressToString(addressFromPublicKeys(26 as never, TxAddressHashMode.P2PKH as never, 1, [createStacksPublicKey(bytesToHex(PK1))]))).toBe(
      stacksAddressToString(publicKeyToStacksAddress(PK1, false)),
    );
  });
});
