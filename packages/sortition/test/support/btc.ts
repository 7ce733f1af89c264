/** Test helpers: raw transaction hex to the `BitcoinTransaction` the burnchain layer hands us, and hand-built ones. */
import { hexToBytes } from '@stacks-ts/common';
import { decodeTransaction, parseBurnchainTransaction, magicBytes, type BitcoinNetworkType, type BitcoinTransaction, type BitcoinTxOutput } from '@stacks-ts/burnchain';

/** Decodes a raw transaction and picks out its burn op (magic `magic`), or null when it carries none. */
export function burnTxFromHex(hex: string, vtxindex: number, network: BitcoinNetworkType = 'testnet', magic = 'id'): BitcoinTransaction | null {
  return parseBurnchainTransaction(decodeTransaction(hexToBytes(hex)), vtxindex, network, magicBytes(magic));
}

/** A p2pkh output to `hash160` on `network`. */
export function p2pkhOutput(hash160: Uint8Array, units: bigint, network: BitcoinNetworkType = 'mainnet'): BitcoinTxOutput {
  const script = new Uint8Array(25);
  script.set([0x76, 0xa9, 0x14], 0);
  script.set(hash160, 3);
  script.set([0x88, 0xac], 23);
  return { address: { kind: 'legacy', type: 'p2pkh', network, hash160 }, scriptPubKey: script, units };
}

/** A hand-built burn transaction. */
export function burnTx(over: Partial<BitcoinTransaction> & Pick<BitcoinTransaction, 'opcode' | 'data'>): BitcoinTransaction {
  return {
    txid: new Uint8Array(32).fill(0x0a),
    vtxindex: 1,
    dataAmt: 0n,
    inputs: [{ scriptSig: new Uint8Array(0), witness: [], txid: new Uint8Array(32).fill(0x0b), vout: 1 }],
    outputs: [],
    ...over,
  };
}
