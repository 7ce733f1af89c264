/**
 * PoX reward addresses as block commits and stacking ops carry them (reference:
 * stackslib/src/chainstate/stacks/address.rs `PoxAddress`): a legacy Bitcoin address mapped onto a
 * Stacks address, or a segwit program.
 */
import { bytesToHex, concatBytes, equalBytes, AddressVersion } from '@stacks-ts/common';
import { base58CheckEncode, BitcoinAddressVersion } from '@stacks-ts/codec';
import type { BitcoinAddress } from '@stacks-ts/burnchain';
import { SortitionError, SortitionErrorCode } from './errors.ts';

/** PoX address type bytes of segwit addresses (`PoxAddressType20` / `PoxAddressType32`). */
export const PoxAddressType = { P2WPKH: 0x04, P2WSH: 0x05, P2TR: 0x06 } as const;

/** A PoX address. */
export type PoxAddress =
  | {
      readonly kind: 'standard';
      /** Stacks address version (22/20 mainnet p2pkh/p2sh, 26/21 testnet). */
      readonly version: number;
      readonly hash160: Uint8Array;
      /** The address hash mode, when known (null for an address read from a Bitcoin output). */
      readonly hashMode: number | null;
    }
  | { readonly kind: 'addr20'; readonly mainnet: boolean; readonly type: 0x04; readonly bytes: Uint8Array }
  | { readonly kind: 'addr32'; readonly mainnet: boolean; readonly type: 0x05 | 0x06; readonly bytes: Uint8Array };

/** The standard burn address: legacy p2pkh of 20 zero bytes (`PoxAddress::standard_burn_address`). */
export function standardBurnAddress(mainnet: boolean): PoxAddress {
  return {
    kind: 'standard',
    version: mainnet ? AddressVersion.MainnetSingleSig : AddressVersion.TestnetSingleSig,
    hash160: new Uint8Array(20),
    hashMode: 0,
  };
}

/** True for a standard address whose hash is 20 zero bytes (`PoxAddress::is_burn`). */
export function isBurnAddress(addr: PoxAddress): boolean {
  return addr.kind === 'standard' && addr.hash160.every((b) => b === 0);
}

/** The stable comparison string `"{version:02x}-{hex}"` (`to_burnchain_repr`). */
export function poxAddressRepr(addr: PoxAddress): string {
  const v = addr.kind === 'standard' ? addr.version : addr.type;
  const bytes = addr.kind === 'standard' ? addr.hash160 : addr.bytes;
  return `${v.toString(16).padStart(2, '0')}-${bytesToHex(bytes)}`;
}

/** True when two PoX addresses have the same burnchain representation. */
export function samePoxAddress(a: PoxAddress, b: PoxAddress): boolean {
  return poxAddressRepr(a) === poxAddressRepr(b);
}

/** The PoX address of a Bitcoin output's address (`PoxAddress::try_from_bitcoin_output`), or null. */
export function poxAddressFromBitcoin(addr: BitcoinAddress | null): PoxAddress | null {
  if (addr === null) return null;
  const mainnet = addr.network === 'mainnet';
  if (addr.kind === 'legacy') {
    const version =
      addr.type === 'p2pkh'
        ? mainnet
          ? AddressVersion.MainnetSingleSig
          : AddressVersion.TestnetSingleSig
        : mainnet
          ? AddressVersion.MainnetMultiSig
          : AddressVersion.TestnetMultiSig;
    return { kind: 'standard', version, hash160: addr.hash160, hashMode: null };
  }
  if (addr.version === 0 && addr.program.length === 20) return { kind: 'addr20', mainnet, type: PoxAddressType.P2WPKH, bytes: addr.program };
  if (addr.version === 0 && addr.program.length === 32) return { kind: 'addr32', mainnet, type: PoxAddressType.P2WSH, bytes: addr.program };
  if (addr.version === 1 && addr.program.length === 32) return { kind: 'addr32', mainnet, type: PoxAddressType.P2TR, bytes: addr.program };
  return null;
}

/** Fills in the hash mode of a standard address from its version (`coerce_hash_mode`). */
export function coerceHashMode(addr: PoxAddress): PoxAddress {
  if (addr.kind !== 'standard') return addr;
  const singleSig = addr.version === AddressVersion.MainnetSingleSig || addr.version === AddressVersion.TestnetSingleSig;
  return { ...addr, hashMode: singleSig ? 0x00 : 0x01 };
}

function isP2pkhVersion(version: number): boolean {
  return version === AddressVersion.MainnetSingleSig || version === AddressVersion.TestnetSingleSig;
}
function isMainnetVersion(version: number): boolean {
  return version === AddressVersion.MainnetSingleSig || version === AddressVersion.MainnetMultiSig;
}

/** The scriptPubKey that pays this address (`to_bitcoin_tx_out`). */
export function poxAddressScriptPubKey(addr: PoxAddress): Uint8Array {
  switch (addr.kind) {
    case 'standard':
      if (isP2pkhVersion(addr.version)) return concatBytes(Uint8Array.of(0x76, 0xa9, 0x14), addr.hash160, Uint8Array.of(0x88, 0xac));
      return concatBytes(Uint8Array.of(0xa9, 0x14), addr.hash160, Uint8Array.of(0x87));
    case 'addr20':
      return concatBytes(Uint8Array.of(0x00, 0x14), addr.bytes);
    case 'addr32':
      return concatBytes(Uint8Array.of(addr.type === PoxAddressType.P2TR ? 0x51 : 0x00, 0x20), addr.bytes);
  }
}

/** The Bitcoin string of the address: base58check for standard, bech32/bech32m for segwit (`to_b58`). */
export function poxAddressToBitcoinString(addr: PoxAddress): string {
  if (addr.kind === 'standard') {
    const mainnet = isMainnetVersion(addr.version);
    const p2pkh = isP2pkhVersion(addr.version);
    const version = mainnet
      ? p2pkh
        ? BitcoinAddressVersion.MainnetP2PKH
        : BitcoinAddressVersion.MainnetP2SH
      : p2pkh
        ? BitcoinAddressVersion.TestnetP2PKH
        : BitcoinAddressVersion.TestnetP2SH;
    return base58CheckEncode(version, addr.hash160);
  }
  const hrp = addr.mainnet ? 'bc' : 'tb';
  const witnessVersion = addr.kind === 'addr32' && addr.type === PoxAddressType.P2TR ? 1 : 0;
  return segwitEncode(hrp, witnessVersion, addr.bytes);
}

/** True when two standard addresses are byte-equal (version and hash). */
export function sameStacksAddress(a: { version: number; hash160: Uint8Array }, b: { version: number; hash160: Uint8Array }): boolean {
  return a.version === b.version && equalBytes(a.hash160, b.hash160);
}

// --- bech32 / bech32m (BIP-173, BIP-350), encode only ---
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function polymod(values: number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i]!;
  }
  return chk >>> 0;
}
function segwitEncode(hrp: string, version: number, program: Uint8Array): string {
  const data = [version];
  let acc = 0;
  let bits = 0;
  for (const b of program) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      data.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) data.push((acc << (5 - bits)) & 31);
  const hrpExpand = [...hrp].map((c) => c.charCodeAt(0) >> 5).concat([0], [...hrp].map((c) => c.charCodeAt(0) & 31));
  const constant = version === 0 ? 1 : 0x2bc830a3;
  const mod = polymod([...hrpExpand, ...data, 0, 0, 0, 0, 0, 0]) ^ constant;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
  if (program.length < 2 || program.length > 40) throw new SortitionError(SortitionErrorCode.InvalidArgument, 'bad witness program length');
  return `${hrp}1${[...data, ...checksum].map((d) => CHARSET[d]).join('')}`;
}
