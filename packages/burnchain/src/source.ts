// Where the indexer reads Bitcoin from: a bitcoind (or compatible) node over JSON-RPC, or the
// embedded simulated chain. Both implement this interface, so the indexer runs over either.

/** A chain tip: height and block hash (display order). */
export interface ChainTip {
  readonly height: number;
  readonly hash: Uint8Array;
}

/** A source of Bitcoin blocks on one node's current best chain. */
export interface BurnchainBlockSource {
  /** The best chain's tip. */
  getTip(): Promise<ChainTip>;
  /** Hash (display order) of the best-chain block at `height`, or null above the tip. */
  getBlockHash(height: number): Promise<Uint8Array | null>;
  /** The serialized block with this hash (throws `BURNCHAIN_NOT_FOUND` when unknown). */
  getRawBlock(hash: Uint8Array): Promise<Uint8Array>;
  /** The 80-byte header of the block with this hash (throws `BURNCHAIN_NOT_FOUND` when unknown). */
  getRawHeader(hash: Uint8Array): Promise<Uint8Array>;
}
