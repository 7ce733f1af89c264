// scriptPubKey <-> BitcoinAddress (reference: stackslib/src/burnchains/bitcoin/address.rs,
// `BitcoinAddress::from_scriptpubkey`), and address strings (base58check for legacy, bech32 /
// bech32m for segwit) through @scure/btc-signer's coder.
import { Address } from '@scure/btc-signer';
import type { BTC_NETWORK } from '@scure/btc-signer/utils.js';
import { BurnchainError, BurnchainErrorCode } from '../errors.ts';
import type { BitcoinAddress, BitcoinNetworkType } from '../types.ts';

/** Address parameters of each network: bech32 HRP, base58 versions and WIF version. */
export const BITCOIN_NETWORKS: Readonly<Record<BitcoinNetworkType, BTC_NETWORK>> = {
  mainnet: { bech32: 'bc', pubKeyHash: 0x00, scriptHash: 0x05, wif: 0x80 },
  testnet: { bech32: 'tb', pubKeyHash: 0x6f, scriptHash: 0xc4, wif: 0xef },
  regtest: { bech32: 'bcrt', pubKeyHash: 0x6f, scriptHash: 0xc4, wif: 0xef },
};

/**
 * The address a scriptPubKey pays to, or null when it is not one of p2pkh, p2sh, p2wpkh, p2wsh,
 * p2tr in their exact standard forms (the reference's byte patterns).
 */
export function scriptToAddress(script: Uint8Array, network: BitcoinNetworkType): BitcoinAddress | null {
  const n = script.length;
  if (n === 25 && script[0] === 0x76 && script[1] === 0xa9 && script[2] === 0x14 && script[23] === 0x88 && script[24] === 0xac) {
    return { kind: 'legacy', type: 'p2pkh', network, hash160: script.slice(3, 23) };
  }
  if (n === 23 && script[0] === 0xa9 && script[1] === 0x14 && script[22] === 0x87) {
    return { kind: 'legacy', type: 'p2sh', network, hash160: script.slice(2, 22) };
  }
  if (n === 22 && script[0] === 0x00 && script[1] === 0x14) {
    return { kind: 'segwit', network, version: 0, program: script.slice(2, 22) };
  }
  if (n === 34 && script[0] === 0x00 && script[1] === 0x20) {
    return { kind: 'segwit', network, version: 0, program: script.slice(2, 34) };
  }
  if (n === 34 && script[0] === 0x51 && script[1] === 0x20) {
    return { kind: 'segwit', network, version: 1, program: script.slice(2, 34) };
  }
  return null;
}

/** The standard scriptPubKey paying to an address. */
export function addressToScript(addr: BitcoinAddress): Uint8Array {
  if (addr.kind === 'legacy') {
    checkLength(addr.hash160, 20, 'hash160');
    if (addr.type === 'p2pkh') return Uint8Array.of(0x76, 0xa9, 0x14, ...addr.hash160, 0x88, 0xac);
    return Uint8Array.of(0xa9, 0x14, ...addr.hash160, 0x87);
  }
  const { version, program } = addr;
  if (version === 0 && (program.length === 20 || program.length === 32)) return Uint8Array.of(0x00, program.length, ...program);
  if (version === 1 && program.length === 32) return Uint8Array.of(0x51, 0x20, ...program);
  throw new BurnchainError(BurnchainErrorCode.InvalidAddress, `unsupported segwit address: version ${version}, ${program.length}-byte program`, { version, length: program.length });
}

/** The address's string form on its network (base58check or bech32/bech32m). */
export function addressToString(addr: BitcoinAddress): string {
  const coder = Address(BITCOIN_NETWORKS[addr.network]);
  if (addr.kind === 'legacy') return coder.encode({ type: addr.type === 'p2pkh' ? 'pkh' : 'sh', hash: Uint8Array.from(addr.hash160) });
  if (addr.version === 0 && addr.program.length === 20) return coder.encode({ type: 'wpkh', hash: Uint8Array.from(addr.program) });
  if (addr.version === 0 && addr.program.length === 32) return coder.encode({ type: 'wsh', hash: Uint8Array.from(addr.program) });
  if (addr.version === 1 && addr.program.length === 32) return coder.encode({ type: 'tr', pubkey: Uint8Array.from(addr.program) });
  throw new BurnchainError(BurnchainErrorCode.InvalidAddress, 'unsupported segwit address', { version: addr.version });
}

/** Parses an address string of the given network (testnet and regtest share base58 versions). */
export function addressFromString(str: string, network: BitcoinNetworkType): BitcoinAddress {
  let decoded: ReturnType<ReturnType<typeof Address>['decode']>;
  try {
    decoded = Address(BITCOIN_NETWORKS[network]).decode(str);
  } catch (cause) {
    throw new BurnchainError(BurnchainErrorCode.InvalidAddress, `not a ${network} address: ${str}`, { address: str, network }, { cause });
  }
  switch (decoded.type) {
    case 'pkh':
      return { kind: 'legacy', type: 'p2pkh', network, hash160: decoded.hash };
    case 'sh':
      return { kind: 'legacy', type: 'p2sh', network, hash160: decoded.hash };
    case 'wpkh':
    case 'wsh':
      return { kind: 'segwit', network, version: 0, program: decoded.hash };
    case 'tr':
      return { kind: 'segwit', network, version: 1, program: decoded.pubkey };
    default:
      throw new BurnchainError(BurnchainErrorCode.InvalidAddress, `unsupported address type ${decoded.type}`, { address: str });
  }
}

/** The network an address string belongs to, judged by its prefix; testnet base58 strings are reported as testnet. */
export function addressNetwork(str: string): BitcoinNetworkType | null {
  const lower = str.toLowerCase();
  if (lower.startsWith('bcrt1')) return 'regtest';
  if (lower.startsWith('bc1')) return 'mainnet';
  if (lower.startsWith('tb1')) return 'testnet';
  const c = str[0];
  if (c === '1' || c === '3') return 'mainnet';
  if (c === 'm' || c === 'n' || c === '2') return 'testnet';
  return null;
}

function checkLength(b: Uint8Array, n: number, what: string): void {
  if (b.length !== n) throw new BurnchainError(BurnchainErrorCode.InvalidAddress, `${what} must be ${n} bytes, got ${b.length}`, { length: b.length });
}
