// The Bitcoin data the rest of the node sees: blocks as the indexer hands them downstream, with the
// transactions that carry Stacks burn operations already picked out (reference:
// stackslib/src/burnchains/bitcoin/mod.rs, `BitcoinBlock`, `BitcoinTransaction`).
// This file is the contract between @stacks-ts/burnchain and @stacks-ts/sortition: change it only together.

/** Which Bitcoin network a block or address belongs to. */
export type BitcoinNetworkType = 'mainnet' | 'testnet' | 'regtest';

/**
 * A Bitcoin address an output pays to, as the reference models it: legacy (p2pkh / p2sh with a
 * hash160) or segwit (witness version and program: p2wpkh, p2wsh, p2tr).
 */
export type BitcoinAddress =
  | { readonly kind: 'legacy'; readonly type: 'p2pkh' | 'p2sh'; readonly network: BitcoinNetworkType; readonly hash160: Uint8Array }
  | { readonly kind: 'segwit'; readonly network: BitcoinNetworkType; readonly version: number; readonly program: Uint8Array };

/** One transaction output: the address (null when the script is not a standard address) and its value in satoshis. */
export interface BitcoinTxOutput {
  readonly address: BitcoinAddress | null;
  readonly scriptPubKey: Uint8Array;
  readonly units: bigint;
}

/** One transaction input as 2.1+ consumes it: the raw scriptSig and witness, and the outpoint it spends. */
export interface BitcoinTxInput {
  readonly scriptSig: Uint8Array;
  readonly witness: readonly Uint8Array[];
  /** The spent transaction's txid, in the reference's `Txid` byte order (as displayed by bitcoind). */
  readonly txid: Uint8Array;
  readonly vout: number;
}

/**
 * A transaction that carries a Stacks burn operation: output 0 is an OP_RETURN whose single push starts
 * with the network's 2-byte magic, then the 1-byte opcode, then `data`.
 */
export interface BitcoinTransaction {
  /** 32 bytes, in display order (the order bitcoind prints and the reference stores `Txid`). */
  readonly txid: Uint8Array;
  /** Position of the transaction in its block. */
  readonly vtxindex: number;
  readonly opcode: number;
  /** The OP_RETURN payload after magic and opcode. */
  readonly data: Uint8Array;
  /** Satoshis sent to the OP_RETURN output. */
  readonly dataAmt: bigint;
  readonly inputs: readonly BitcoinTxInput[];
  /** Every output after the OP_RETURN, in order. */
  readonly outputs: readonly BitcoinTxOutput[];
}

/** A Bitcoin block header as the indexer stores it. */
export interface BurnchainBlockHeader {
  readonly blockHeight: number;
  /** 32 bytes, display order (as bitcoind prints block hashes). */
  readonly blockHash: Uint8Array;
  readonly parentBlockHash: Uint8Array;
  readonly numTxs: number;
  /** Block time, seconds since the epoch. */
  readonly timestamp: number;
}

/** A Bitcoin block with the transactions that carry Stacks burn operations, in block order. */
export interface BitcoinBlock {
  readonly blockHeight: number;
  readonly blockHash: Uint8Array;
  readonly parentBlockHash: Uint8Array;
  readonly timestamp: number;
  readonly txs: readonly BitcoinTransaction[];
}
