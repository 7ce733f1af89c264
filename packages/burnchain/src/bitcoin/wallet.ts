// Building and signing spend transactions with @scure/btc-signer: what tests, the simulated
// chain's users and the miner need to pay from a single key (p2pkh or p2wpkh), with an optional
// burn-op OP_RETURN as output 0.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { Transaction } from '@scure/btc-signer';
import { BurnchainError, BurnchainErrorCode } from '../errors.ts';
import type { BitcoinAddress, BitcoinNetworkType } from '../types.ts';
import { addressFromString, addressToScript, addressToString } from './address.ts';
import { hash160 } from './hash.ts';

/** A single-key wallet: the key, its address type and the derived address. */
export interface KeyWallet {
  readonly network: BitcoinNetworkType;
  readonly privateKey: Uint8Array;
  /** Compressed public key (33 bytes). */
  readonly publicKey: Uint8Array;
  readonly type: 'p2pkh' | 'p2wpkh';
  readonly address: BitcoinAddress;
  /** Address string on the wallet's network. */
  readonly addressString: string;
  /** The scriptPubKey paying to the wallet. */
  readonly script: Uint8Array;
}

/** A single-key wallet for a 32-byte secp256k1 private key. */
export function createKeyWallet(privateKey: Uint8Array, network: BitcoinNetworkType, type: 'p2pkh' | 'p2wpkh' = 'p2pkh'): KeyWallet {
  if (privateKey.length !== 32 || !secp256k1.utils.isValidSecretKey(privateKey)) {
    throw new BurnchainError(BurnchainErrorCode.InvalidArgument, 'not a valid secp256k1 private key');
  }
  const publicKey = secp256k1.getPublicKey(privateKey, true);
  const h = hash160(publicKey);
  const address: BitcoinAddress =
    type === 'p2pkh' ? { kind: 'legacy', type: 'p2pkh', network, hash160: h } : { kind: 'segwit', network, version: 0, program: h };
  return { network, privateKey, publicKey, type, address, addressString: addressToString(address), script: addressToScript(address) };
}

/** An output the wallet can spend. */
export interface SpendableOutput {
  /** Txid, display order (bytes or hex). */
  readonly txid: Uint8Array | string;
  readonly vout: number;
  /** Satoshis. */
  readonly value: bigint;
  /** The full previous transaction: required for p2pkh inputs (the signer checks the amount against it). */
  readonly prevTx?: Uint8Array;
}

/** One output of a transaction being built: a script or an address string. */
export type SpendOutput = { readonly script: Uint8Array; readonly value: bigint } | { readonly address: string; readonly value: bigint };

/** A signed transaction. */
export interface SignedTransaction {
  readonly raw: Uint8Array;
  /** Display order. */
  readonly txid: Uint8Array;
  /** Satoshis paid as fee. */
  readonly fee: bigint;
}

/**
 * Builds and signs a transaction spending `inputs` (all owned by `wallet`) to `outputs` in order,
 * then a change output to the wallet when `inputs - outputs - fee` is at least `dustLimit`
 * (default 546). Outputs may be OP_RETURN scripts (see `buildOpReturnScript`).
 */
export function buildSignedTransaction(
  wallet: KeyWallet,
  inputs: readonly SpendableOutput[],
  outputs: readonly SpendOutput[],
  opts: { fee?: bigint; dustLimit?: bigint; version?: number; lockTime?: number } = {},
): SignedTransaction {
  if (inputs.length === 0) throw new BurnchainError(BurnchainErrorCode.InvalidArgument, 'a transaction needs at least one input');
  const fee = opts.fee ?? 1000n;
  const dust = opts.dustLimit ?? 546n;
  const tx = new Transaction({ allowUnknownOutputs: true, version: opts.version ?? 2, lockTime: opts.lockTime ?? 0 });
  let inSum = 0n;
  for (const i of inputs) {
    inSum += i.value;
    const txid = typeof i.txid === 'string' ? i.txid : Buffer.from(i.txid).toString('hex');
    if (wallet.type === 'p2pkh') {
      if (i.prevTx === undefined) throw new BurnchainError(BurnchainErrorCode.InvalidArgument, 'p2pkh inputs need the previous transaction', { txid });
      tx.addInput({ txid, index: i.vout, nonWitnessUtxo: i.prevTx });
    } else {
      tx.addInput({ txid, index: i.vout, witnessUtxo: { script: wallet.script, amount: i.value } });
    }
  }
  let outSum = 0n;
  for (const o of outputs) {
    outSum += o.value;
    const script = 'script' in o ? o.script : addressToScript(addressFromString(o.address, wallet.network));
    tx.addOutput({ script, amount: o.value });
  }
  const change = inSum - outSum - fee;
  if (change < 0n) {
    throw new BurnchainError(BurnchainErrorCode.InvalidArgument, 'inputs do not cover outputs and fee', { inputs: inSum.toString(), outputs: outSum.toString(), fee: fee.toString() });
  }
  if (change >= dust) tx.addOutput({ script: wallet.script, amount: change });
  tx.sign(wallet.privateKey);
  tx.finalize();
  const raw = tx.extract();
  return { raw, txid: Uint8Array.from(Buffer.from(tx.id, 'hex')), fee: change >= dust ? fee : inSum - outSum };
}
