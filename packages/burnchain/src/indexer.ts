// The burnchain indexer (reference: stackslib/src/burnchains/bitcoin/indexer.rs and
// burnchains/burnchain.rs `sync_with_indexer`): downloads blocks in height order from a
// `BurnchainBlockSource`, keeps their headers, detects reorgs (the source's hash at a stored height
// differs), finds the fork point (highest common ancestor), demotes the headers above it, and hands
// each block downstream.
//
// Hand-off rule: a block is handed to `onBlock` each time it JOINS the canonical chain. It is handed
// once while it stays canonical; if a reorg removes it and a later reorg brings it back, it is handed
// again (after an `onReorg` naming the fork point). The header is committed only after `onBlock`
// returns, so a crash (or a throwing handler) before that commit hands the block again on the next
// sync: exactly once per fork when the process survives, at least once across a crash.
import { noopLogger, type Logger } from '@stacks-ts/common';
import { checkProofOfWork, decodeBlock } from './bitcoin/block.ts';
import { bitcoinBlockFromRaw, magicBytes, type BurnTxParseOptions, type MagicBytes } from './bitcoin/burn-tx.ts';
import { BurnchainError, BurnchainErrorCode, isBurnchainError } from './errors.ts';
import { createMemoryHeaderStore, openSqliteHeaderStore, type HeaderStore } from './header-store.ts';
import type { BurnchainBlockSource } from './source.ts';
import type { BitcoinBlock, BitcoinNetworkType, BurnchainBlockHeader } from './types.ts';

/** A reorg the indexer followed. */
export interface ReorgEvent {
  /** Height of the highest common ancestor of the old and new chains. */
  readonly forkPoint: number;
  /** Headers that left the canonical chain, lowest first. */
  readonly dropped: readonly BurnchainBlockHeader[];
}

/** What one `sync` did. */
export interface SyncResult {
  /** The fork point when a reorg was found, else null. */
  readonly forkPoint: number | null;
  /** Headers demoted by the reorg, lowest first. */
  readonly dropped: readonly BurnchainBlockHeader[];
  /** Headers that joined the canonical chain (each handed to `onBlock`), in height order. */
  readonly added: readonly BurnchainBlockHeader[];
  /** The indexed tip after the sync (null when nothing is indexed yet). */
  readonly tip: BurnchainBlockHeader | null;
}

/** Options of `openBurnchainIndexer`. */
export interface BurnchainIndexerOptions {
  readonly source: BurnchainBlockSource;
  readonly network: BitcoinNetworkType;
  /** Burn-op magic (`X2` for mainnet and regtest, `T2` for xenon). */
  readonly magic: MagicBytes | string;
  /** SQLite file of the headers; omitted or `':memory:'` keeps them in memory. */
  readonly path?: string;
  /** First block to index (the reference's `first_burn_block_height`). Default 0. */
  readonly firstBlockHeight?: number;
  /** Expected hash (display order, hex) of the first block; the sync fails when the source disagrees. */
  readonly firstBlockHash?: string;
  /** Receives each block that joins the canonical chain, in height order. */
  readonly onBlock?: (block: BitcoinBlock, header: BurnchainBlockHeader) => void | Promise<void>;
  /** Told about a reorg before the new fork's blocks are handed over. */
  readonly onReorg?: (event: ReorgEvent) => void | Promise<void>;
  /**
   * Burn-op recognition rules (epoch 2.1+ by default), or a function of the block height for a
   * chain that crosses the 2.1 boundary.
   */
  readonly parse?: BurnTxParseOptions | ((height: number) => BurnTxParseOptions);
  /** Check each header's proof of work against its `bits`. Default true. */
  readonly checkProofOfWork?: boolean;
  readonly logger?: Logger;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** Follows a Bitcoin chain into a header store and hands new blocks downstream. */
export class BurnchainIndexer {
  private readonly source: BurnchainBlockSource;
  private readonly store: HeaderStore;
  private readonly magic: MagicBytes;
  private readonly first: number;
  private readonly log: Logger;
  private syncing = false;
  private closed = false;

  constructor(
    private readonly opts: BurnchainIndexerOptions,
    store?: HeaderStore,
  ) {
    this.source = opts.source;
    this.magic = magicBytes(opts.magic);
    this.first = opts.firstBlockHeight ?? 0;
    if (!Number.isInteger(this.first) || this.first < 0) throw new BurnchainError(BurnchainErrorCode.InvalidArgument, 'firstBlockHeight must be a non-negative integer');
    this.log = (opts.logger ?? noopLogger).child({ module: 'burnchain-indexer' });
    this.store = store ?? (opts.path === undefined || opts.path === ':memory:' ? createMemoryHeaderStore() : openSqliteHeaderStore(opts.path));
  }

  /** The highest indexed canonical header. */
  tip(): BurnchainBlockHeader | null {
    this.checkOpen();
    return this.store.highest();
  }

  /** The canonical header at a height. */
  headerAt(height: number): BurnchainBlockHeader | null {
    this.checkOpen();
    return this.store.canonicalAt(height);
  }

  /** Any indexed header (canonical or on a fork that lost) and whether it is canonical. */
  headerByHash(hash: Uint8Array): (BurnchainBlockHeader & { canonical: boolean }) | null {
    this.checkOpen();
    return this.store.byHash(hash);
  }

  private checkOpen(): void {
    if (this.closed) throw new BurnchainError(BurnchainErrorCode.Closed, 'the indexer is closed');
  }

  /**
   * Brings the index up to the source's tip (or `maxBlocks` further): detects and follows a reorg
   * first, then downloads, parses and hands over each new block in height order.
   */
  async sync(opts: { maxBlocks?: number } = {}): Promise<SyncResult> {
    this.checkOpen();
    if (this.syncing) throw new BurnchainError(BurnchainErrorCode.InvalidArgument, 'sync is already running');
    this.syncing = true;
    try {
      return await this.syncOnce(opts.maxBlocks ?? Number.POSITIVE_INFINITY);
    } finally {
      this.syncing = false;
    }
  }

  private async syncOnce(maxBlocks: number): Promise<SyncResult> {
    let forkPoint: number | null = null;
    const dropped: BurnchainBlockHeader[] = [];
    const added: BurnchainBlockHeader[] = [];
    // A reorg may happen while we download; each restart re-checks the fork point.
    for (let attempt = 0; attempt < 8; attempt++) {
      const tip = await this.source.getTip();
      const local = this.store.highest();
      let next: number;
      if (local === null) {
        next = this.first;
      } else {
        const fp = await this.findForkPoint(local, tip.height);
        if (fp < local.blockHeight) {
          const gone = this.store.dropAbove(fp);
          forkPoint = forkPoint === null ? fp : Math.min(forkPoint, fp);
          dropped.push(...gone);
          // A block handed and then dropped within this same sync is no longer "added".
          for (let i = added.length - 1; i >= 0; i--) if (added[i]!.blockHeight > fp) added.splice(i, 1);
          this.log.warn('burnchain reorg', { forkPoint: fp, dropped: gone.length, oldTip: hex(local.blockHash) });
          await this.opts.onReorg?.({ forkPoint: fp, dropped: gone });
        }
        next = fp + 1;
      }
      let restarted = false;
      for (let height = next; height <= tip.height && added.length < maxBlocks; height++) {
        const hash = await this.source.getBlockHash(height);
        if (hash === null) break;
        let raw: Uint8Array;
        try {
          raw = await this.source.getRawBlock(hash);
        } catch (e) {
          // The block vanished between the two calls (bcoin deletes blocks on invalidateblock): re-check the fork.
          if (isBurnchainError(e, BurnchainErrorCode.NotFound)) {
            restarted = true;
            break;
          }
          throw e;
        }
        const block = decodeBlock(raw);
        if (!same(block.hash, hash)) {
          throw new BurnchainError(BurnchainErrorCode.Corruption, 'the source returned a different block than requested', { height, expected: hex(hash), got: hex(block.hash) });
        }
        if (this.opts.checkProofOfWork !== false && !checkProofOfWork(block.header)) {
          throw new BurnchainError(BurnchainErrorCode.BadProofOfWork, 'block hash does not meet its target', { height, hash: hex(hash) });
        }
        if (height === this.first && this.opts.firstBlockHash !== undefined && hex(hash) !== this.opts.firstBlockHash.toLowerCase()) {
          throw new BurnchainError(BurnchainErrorCode.InvalidArgument, 'the source disagrees with the configured first block hash', {
            height,
            expected: this.opts.firstBlockHash,
            got: hex(hash),
          });
        }
        if (height > this.first) {
          const parent = this.store.canonicalAt(height - 1);
          if (parent === null || !same(parent.blockHash, block.header.prevBlockHash)) {
            // The source switched forks under us: go back and find the new fork point.
            restarted = true;
            break;
          }
        }
        const header: BurnchainBlockHeader = {
          blockHeight: height,
          blockHash: block.hash,
          parentBlockHash: block.header.prevBlockHash,
          numTxs: block.txs.length,
          timestamp: block.header.time,
        };
        const rules = typeof this.opts.parse === 'function' ? this.opts.parse(height) : this.opts.parse;
        const parsed = bitcoinBlockFromRaw(block, height, this.opts.network, this.magic, rules);
        await this.opts.onBlock?.(parsed, header);
        this.store.putCanonical(header);
        added.push(header);
        if (added.length % 100 === 0) this.log.info('burnchain sync progress', { height, tip: tip.height });
      }
      if (!restarted) break;
    }
    const tip = this.store.highest();
    if (added.length > 0 || forkPoint !== null) {
      this.log.info('burnchain synced', { added: added.length, dropped: dropped.length, forkPoint, height: tip?.blockHeight ?? null });
    }
    return { forkPoint, dropped, added, tip };
  }

  /**
   * Height of the highest block both the index and the source's best chain hold. Walks down from
   * min(local tip, source tip) comparing hashes; never below `firstBlockHeight - 1`.
   */
  private async findForkPoint(local: BurnchainBlockHeader, sourceTip: number): Promise<number> {
    let h = Math.min(local.blockHeight, sourceTip);
    while (h >= this.first) {
      const ours = this.store.canonicalAt(h);
      const theirs = await this.source.getBlockHash(h);
      if (ours !== null && theirs !== null && same(ours.blockHash, theirs)) return h;
      h--;
    }
    return this.first - 1;
  }

  /** Closes the header store. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.store.close();
  }
}

/** Opens an indexer (its header store in `opts.path`, or in memory). */
export function openBurnchainIndexer(opts: BurnchainIndexerOptions): BurnchainIndexer {
  return new BurnchainIndexer(opts);
}
