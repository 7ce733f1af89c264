/**
 * Runner for test-vectors/c32.json: raw c32, c32check, `S…` addresses (encode, decode,
 * normalization, invalid input), c32 <-> base58 and hash-mode -> address version.
 */
import assert from 'node:assert/strict';
import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import { skip, type VectorEntry, type VectorFileRunner } from '../../../../test-vectors/runner/harness.ts';
import { CodecErrorCode, isCodecError } from '../../src/errors.ts';
import {
  c32Decode,
  c32Encode,
  c32addressDecode,
  c32addressEncode,
  c32checkDecode,
  c32checkEncode,
  isValidC32Address,
} from '../../src/address/c32.ts';
import { b58ToC32, c32ToB58 } from '../../src/address/base58.ts';
import { AddressHashMode, addressVersionForHashMode } from '../../src/address/address.ts';
import { parsePrincipal } from '../../src/address/principal.ts';

const HASH_MODES: Record<string, AddressHashMode> = {
  P2PKH: AddressHashMode.SerializeP2PKH,
  P2SH: AddressHashMode.SerializeP2SH,
  P2WPKH: AddressHashMode.SerializeP2WPKH,
  P2WSH: AddressHashMode.SerializeP2WSH,
};

function isAddressError(err: unknown): boolean {
  return isCodecError(err, CodecErrorCode.InvalidAddress);
}

/** The same c32 text with the aliases the decoder must accept: lower case, O for 0, I/l/L for 1. */
function homoglyphVariants(s: string): string[] {
  return [s.toLowerCase(), s.replaceAll('0', 'O'), s.replaceAll('0', 'o'), s.replaceAll('1', 'I'), s.replaceAll('1', 'l'), s.replaceAll('1', 'L').toLowerCase()];
}

function runC32Address(e: VectorEntry): void {
  const hash = hexToBytes(e.hash160_hex);
  assert.equal(c32addressEncode(e.version, hash), e.expected_address, 'address');
  if (e.roundtrip_decode) {
    const d = c32addressDecode(e.expected_address);
    assert.equal(d.version, e.version, 'decoded version');
    assert.equal(bytesToHex(d.hash160), e.hash160_hex, 'decoded hash160');
  }
}

function runC32Raw(e: VectorEntry): void {
  assert.equal(c32Encode(hexToBytes(e.bytes_hex)), e.expected_c32, 'c32 encoding');
  if (e.roundtrip_decode !== false) {
    assert.equal(bytesToHex(c32Decode(e.expected_c32)), e.bytes_hex, 'c32 decoding');
    for (const v of homoglyphVariants(e.expected_c32)) assert.equal(bytesToHex(c32Decode(v)), e.bytes_hex, `decoding ${v}`);
  }
}

function runC32Check(e: VectorEntry): void {
  const data = hexToBytes(e.data_hex);
  assert.equal(c32checkEncode(e.version, data), e.expected_c32check, 'c32check encoding');
  if (data.length === 0) {
    // The reference's c32_check_decode needs at least one data byte besides the checksum.
    assert.throws(() => c32checkDecode(e.expected_c32check), isAddressError, 'empty-data c32check must not decode (reference rule)');
    return;
  }
  for (const s of [e.expected_c32check, ...homoglyphVariants(e.expected_c32check)]) {
    const d = c32checkDecode(s);
    assert.equal(d.version, e.version, `decoded version of ${s}`);
    assert.equal(bytesToHex(d.data), e.data_hex, `decoded data of ${s}`);
  }
}

function runDecode(e: VectorEntry): void {
  if (e.expected_contract_name !== undefined) {
    const p = parsePrincipal(e.address);
    assert.equal(p.type, 'contract', 'principal type');
    assert.equal(p.type === 'contract' ? p.contractName : undefined, e.expected_contract_name, 'contract name');
    assert.equal(p.version, e.expected_version, 'version');
    assert.equal(bytesToHex(p.hash160), e.expected_hash160_hex, 'hash160');
    return;
  }
  const d = c32addressDecode(e.address);
  assert.equal(d.version, e.expected_version, 'version');
  assert.equal(bytesToHex(d.hash160), e.expected_hash160_hex, 'hash160');
}

function runDecodeInvalid(e: VectorEntry): void {
  const address: string = e.address;
  if (address.length > 0 && address[0] !== 'S' && address[0] !== 's' && /^[\x20-\x7e]+$/.test(address)) {
    // A JS-library vector: only the strict 'S' check rejects it. The reference skips the first
    // character, so the lenient default decodes it (when the rest is a valid c32check address).
    assert.throws(() => c32addressDecode(address, { strictPrefix: true }), isAddressError, 'strict decode must fail');
    assert.equal(isValidC32Address(address), isValidC32Address(`S${address.slice(1)}`), 'lenient decode ignores the first character');
    return;
  }
  assert.throws(() => c32addressDecode(address), isAddressError, 'decode must fail with CODEC_INVALID_ADDRESS');
  assert.throws(() => c32addressDecode(address, { strictPrefix: true }), isAddressError, 'strict decode must fail');
  assert.equal(isValidC32Address(address), false, 'isValidC32Address');
}

function runEncodeInvalid(e: VectorEntry): void {
  const hex: string = e.hash160_hex;
  if (hex.length % 2 === 1) {
    // Our encoder takes bytes: an odd number of hex digits cannot even be turned into its input.
    assert.throws(() => hexToBytes(hex), 'odd-length hex must not convert to bytes');
    return;
  }
  assert.throws(
    () => c32addressEncode(e.version, hexToBytes(hex)),
    (err: unknown) => isCodecError(err, CodecErrorCode.InvalidArgument),
    'encode must fail with CODEC_INVALID_ARGUMENT',
  );
}

function runC32ToB58(e: VectorEntry): void {
  assert.equal(c32addressDecode(e.c32_address).version, e.stacks_version, 'stacks version');
  assert.equal(c32ToB58(e.c32_address), e.expected_b58_address, 'c32 -> base58');
  assert.equal(b58ToC32(e.expected_b58_address), e.c32_address, 'base58 -> c32');
}

function runHashMode(e: VectorEntry): void {
  const mode = HASH_MODES[e.hash_mode];
  if (mode === undefined) throw new Error(`unknown hash mode ${e.hash_mode}`);
  const version = addressVersionForHashMode(mode, e.network === 'mainnet');
  assert.equal(c32addressEncode(version, hexToBytes(e.hash160_hex)), e.expected_address, 'address');
  const d = c32addressDecode(e.expected_address);
  assert.equal(d.version, version, 'decoded version');
  assert.equal(bytesToHex(d.hash160), e.hash160_hex, 'decoded hash160');
}

function runValidate(e: VectorEntry): void {
  assert.equal(isValidC32Address(e.address), e.expected_valid, 'lenient (reference) validation');
  assert.equal(isValidC32Address(e.address, { strictPrefix: true }), e.expected_valid, 'strict validation');
}

export const runner: VectorFileRunner = {
  file: 'c32.json',
  layer: 'codec',
  run(entry) {
    switch (entry.kind) {
      case 'c32address':
        return runC32Address(entry);
      case 'c32_encode_raw':
        return runC32Raw(entry);
      case 'c32check_encode':
        return runC32Check(entry);
      case 'c32address_decode':
        return runDecode(entry);
      case 'c32address_decode_invalid':
        return runDecodeInvalid(entry);
      case 'c32address_encode_invalid':
        return runEncodeInvalid(entry);
      case 'c32_to_b58':
        return runC32ToB58(entry);
      case 'address_from_hash_mode':
        return runHashMode(entry);
      case 'address_validate':
        return runValidate(entry);
      default:
        return skip(`unknown kind ${String(entry.kind)}`);
    }
  },
};
