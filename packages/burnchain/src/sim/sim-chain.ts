// The embedded simulated Bitcoin chain: the devnet default. Real block and transaction formats,
// regtest headers (bits 0x207fffff with a nonce that meets them), the regtest genesis block,
// mining on demand or on an interval, a mempool, and forks, reorgs and late blocks on command.
// It implements `BurnchainBlockSource`, so the indexer reads it exactly as it reads bitcoind.
import { noopLogger, systemClock, type Clock, type Logger } from '@stacks-ts/common';
import { addressFromString, addressToScript } from '../bitcoin/address.ts';
import { checkProofOfWork, decodeBlock, encodeBlockHeader, HEADER_BYTES, merkleRoot, type BitcoinBlockHeaderData, type RawBlock } from '../bitcoin/block.ts';
import { hexToBytesChecked, OP_RETURN } from '../bitcoin/burn-tx.ts';
import { decodeTransaction, encodeTransaction, isCoinbaseTx, type RawTransaction, type RawTxInput } from '../bitcoin/tx.ts';
import { reverseBytes, sha256d } from '../bitcoin/wire.ts';
import { BurnchainError, BurnchainErrorCode } from '../errors.ts';
import type { BurnchainBlockSource, ChainTip } from '../source.ts';
import type { BitcoinNetworkType } from '../types.ts';
import { REGTEST_GENESIS_BLOCK } from './genesis.ts';
import { createMemorySimChainStore, openSqliteSimChainStore, type SimBlockMeta, type SimChainStore } from './store.ts';

/** Regtest difficulty: any hash with a leading bit of 0 (about one try in two). */
export const REGTEST_BITS = 0x207fffff;
/** Blocks before a coinbase output may be spent. */
export const COINBASE_MATURITY = 100;
/** Regtest halves the subsidy every 150 blocks. */
export const REGTEST_HALVING_INTERVAL = 150;
/** Anyone-can-spend `OP_TRUE`: the coinbase script when no address is given. */
const OP_TRUE_SCRIPT = Uint8Array.of(0x51);

/** Options of `openSimChain`. */
export interface SimChainOptions {
  /** SQLite file to persist the chain in; omitted or `':memory:'` keeps everything in memory. */
  readonly path?: string;
  /** Network whose address strings `mine`/`listUnspent` accept. Default `regtest`. */
  readonly network?: BitcoinNetworkType;
  /** Where block times come from (seconds = `floor(now / 1000)`, at least the parent's time + 1). */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Address (string) that coinbases pay to when `mine` is given none. Default: an `OP_TRUE` script. */
  readonly coinbaseAddress?: string;
}

/** An unspent output on the best chain (or in the mempool, with 0 confirmations). */
export interface SimUtxo {
  /** Display order. */
  readonly txid: Uint8Array;
  readonly vout: number;
  readonly value: bigint;
  readonly scriptPubKey: Uint8Array;
  /** Height of the block that created it; -1 for a mempool output. */
  readonly height: number;
  readonly coinbase: boolean;
  readonly confirmations: number;
}

/** Options of one mined block. */
export interface MineOptions {
  /** Coinbase recipient (address string on the chain's network, or a script). */
  readonly to?: string | Uint8Array;
  /**
   * Transactions to include (raw). Default on the best tip: the whole mempool. On another parent:
   * none unless given. They are validated against the UTXO set of the fork they join.
   */
  readonly txs?: readonly Uint8Array[];
  /** Store the block but keep it off the best chain until `release(hash)` (a late block). */
  readonly withhold?: boolean;
}

/** Reasons the mempool rejects a transaction (bitcoind's strings). */
export const SimRejectReason = {
  Decode: 'TX decode failed',
  Coinbase: 'coinbase',
  AlreadyInChain: 'Transaction already in block chain',
  MissingOrSpent: 'bad-txns-inputs-missingorspent',
  Conflict: 'txn-mempool-conflict',
  DuplicateInputs: 'bad-txns-inputs-duplicate',
  PrematureCoinbaseSpend: 'bad-txns-premature-spend-of-coinbase',
  InBelowOut: 'bad-txns-in-belowout',
  NoOutputs: 'bad-txns-vout-empty',
} as const;
export type SimRejectReason = (typeof SimRejectReason)[keyof typeof SimRejectReason];

interface Coin {
  readonly value: bigint;
  readonly script: Uint8Array;
  readonly height: number;
  readonly coinbase: boolean;
}

interface MempoolEntry {
  readonly raw: Uint8Array;
  readonly tx: RawTransaction;
  readonly fee: bigint;
}

interface BlockNode extends SimBlockMeta {
  readonly hashHex: string;
  readonly parentHex: string;
  readonly time: number;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const outpointKey = (txidHex: string, vout: number): string => `${txidHex}:${vout}`;

function toBytes(x: Uint8Array | string): Uint8Array {
  return typeof x === 'string' ? hexToBytesChecked(x) : x;
}

function reject(reason: SimRejectReason, meta: Record<string, unknown> = {}): BurnchainError {
  return new BurnchainError(BurnchainErrorCode.TxRejected, reason, { reason, ...meta });
}

/** Subsidy of a regtest block at `height` in satoshis. */
export function regtestSubsidy(height: number): bigint {
  const halvings = Math.floor(height / REGTEST_HALVING_INTERVAL);
  return halvings >= 64 ? 0n : 5_000_000_000n >> BigInt(halvings);
}

/** The BIP34 height push of a coinbase scriptSig (CScriptNum, small heights as OP_N). */
function scriptNumPush(n: number): Uint8Array {
  if (n >= 1 && n <= 16) return Uint8Array.of(0x50 + n);
  const bytes: number[] = [];
  let v = n;
  while (v > 0) {
    bytes.push(v & 0xff);
    v = Math.floor(v / 256);
  }
  if (bytes.length > 0 && (bytes[bytes.length - 1]! & 0x80) !== 0) bytes.push(0);
  return Uint8Array.of(bytes.length, ...bytes);
}

/**
 * A simulated Bitcoin chain. Every block ever mined is kept (all forks); the best chain is the
 * highest chain of blocks that are neither invalidated nor withheld (ties: the first seen).
 */
export class SimBitcoinChain implements BurnchainBlockSource {
  readonly network: BitcoinNetworkType;
  private readonly store: SimChainStore;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly coinbaseScript: Uint8Array;
  private readonly nodes = new Map<string, BlockNode>();
  private readonly children = new Map<string, string[]>();
  /** Best chain block hashes (hex), index = height. */
  private best: string[] = [];
  private utxos = new Map<string, Coin>();
  /** txid hex -> hash hex of the best-chain block holding it. */
  private txIndex = new Map<string, string>();
  private mempool = new Map<string, MempoolEntry>();
  private mempoolSpent = new Map<string, string>();
  private nextSeq = 0;
  private extraNonce = 0;
  private cancelTimer: (() => void) | null = null;
  private closed = false;

  private constructor(opts: SimChainOptions, store: SimChainStore) {
    this.network = opts.network ?? 'regtest';
    this.store = store;
    this.clock = opts.clock ?? systemClock;
    this.log = (opts.logger ?? noopLogger).child({ module: 'sim-bitcoin' });
    this.coinbaseScript = opts.coinbaseAddress !== undefined ? this.scriptFor(opts.coinbaseAddress) : OP_TRUE_SCRIPT;
  }

  /** Opens (or creates) a simulated chain; a new one starts at the regtest genesis block. */
  static open(opts: SimChainOptions = {}): SimBitcoinChain {
    const store = opts.path === undefined || opts.path === ':memory:' ? createMemorySimChainStore() : openSqliteSimChainStore(opts.path);
    const chain = new SimBitcoinChain(opts, store);
    try {
      chain.load();
    } catch (e) {
      store.close();
      throw e;
    }
    return chain;
  }

  private load(): void {
    let metas = this.store.loadBlocks();
    if (metas.length === 0) {
      const genesis = decodeBlock(REGTEST_GENESIS_BLOCK);
      this.store.putBlock({ hash: genesis.hash, parent: genesis.header.prevBlockHash, height: 0, seq: 0, invalid: false, withheld: false }, REGTEST_GENESIS_BLOCK);
      metas = this.store.loadBlocks();
    }
    for (const m of metas) {
      const raw = this.rawBlock(m.hash);
      const time = new DataView(raw.buffer, raw.byteOffset, HEADER_BYTES).getUint32(68, true);
      this.addNode({ ...m, hashHex: hex(m.hash), parentHex: hex(m.parent), time });
      this.nextSeq = Math.max(this.nextSeq, m.seq + 1);
    }
    this.extraNonce = this.nextSeq;
    const pending = this.store.loadMempool();
    this.recomputeBest(pending.map((raw) => ({ raw })));
  }

  private addNode(n: BlockNode): void {
    this.nodes.set(n.hashHex, n);
    if (n.height > 0) {
      const list = this.children.get(n.parentHex);
      if (list === undefined) this.children.set(n.parentHex, [n.hashHex]);
      else list.push(n.hashHex);
    }
  }

  private rawBlock(hash: Uint8Array): Uint8Array {
    const raw = this.store.getRawBlock(hash);
    if (raw === null) throw new BurnchainError(BurnchainErrorCode.NotFound, `block ${hex(hash)} not found`, { hash: hex(hash) });
    return raw;
  }

  private checkOpen(): void {
    if (this.closed) throw new BurnchainError(BurnchainErrorCode.Closed, 'the simulated chain is closed');
  }

  private scriptFor(to: string | Uint8Array): Uint8Array {
    return typeof to === 'string' ? addressToScript(addressFromString(to, this.network)) : to;
  }

  // ---- best chain, UTXO set, mempool -------------------------------------------------------

  /** Picks the best tip, rebuilds the UTXO set along it, and re-admits `pending` txs to the mempool. */
  private recomputeBest(pending: { raw: Uint8Array }[]): void {
    const prevBest = this.best;
    // Eligible blocks: not invalid, not withheld, parent eligible (genesis always).
    const eligible = new Set<string>();
    const genesisHex = [...this.nodes.values()].find((n) => n.height === 0)!.hashHex;
    const stack = [genesisHex];
    eligible.add(genesisHex);
    while (stack.length > 0) {
      const h = stack.pop()!;
      for (const c of this.children.get(h) ?? []) {
        const n = this.nodes.get(c)!;
        if (!n.invalid && !n.withheld) {
          eligible.add(c);
          stack.push(c);
        }
      }
    }
    // The highest eligible block; among equals the current tip stays, else the first seen.
    const currentTip = prevBest[prevBest.length - 1];
    let maxHeight = 0;
    for (const h of eligible) maxHeight = Math.max(maxHeight, this.nodes.get(h)!.height);
    let tip: BlockNode | undefined;
    for (const h of eligible) {
      const n = this.nodes.get(h)!;
      if (n.height !== maxHeight) continue;
      if (h === currentTip) {
        tip = n;
        break;
      }
      if (tip === undefined || n.seq < tip.seq) tip = n;
    }
    const chain: string[] = new Array(tip!.height + 1);
    for (let n: BlockNode | undefined = tip; n !== undefined; n = n.height === 0 ? undefined : this.nodes.get(n.parentHex)) chain[n.height] = n.hashHex;

    // Blocks of the old best chain that left it: their transactions go back to the mempool.
    let fork = 0;
    while (fork < prevBest.length && fork < chain.length && prevBest[fork] === chain[fork]) fork++;
    const resurrected: { raw: Uint8Array }[] = [];
    for (let h = fork; h < prevBest.length; h++) {
      const block = decodeBlock(this.rawBlock(hexToBytesChecked(prevBest[h]!)));
      for (const tx of block.txs.slice(1)) resurrected.push({ raw: encodeTransaction(tx) });
    }
    const changed = fork < prevBest.length || chain.length !== prevBest.length;
    this.best = chain;
    if (changed || this.utxos.size === 0) this.rebuildUtxos();
    const candidates = [...resurrected, ...[...this.mempool.values()].map((e) => ({ raw: e.raw })), ...pending];
    this.mempool = new Map();
    this.mempoolSpent = new Map();
    for (const c of candidates) {
      try {
        this.acceptToMempool(c.raw);
      } catch {
        // Conflicts with the new chain: dropped, as bitcoind drops them.
      }
    }
    if (fork < prevBest.length && prevBest.length > 0) {
      this.log.info('sim chain reorg', { forkHeight: fork - 1, oldTip: prevBest[prevBest.length - 1], newTip: chain[chain.length - 1] });
    }
    this.store.saveMempool([...this.mempool.values()].map((e) => e.raw));
  }

  private rebuildUtxos(): void {
    this.utxos = new Map();
    this.txIndex = new Map();
    for (let h = 1; h < this.best.length; h++) {
      const block = decodeBlock(this.rawBlock(hexToBytesChecked(this.best[h]!)));
      this.connect(this.utxos, block, h, this.txIndex);
    }
  }

  private connect(utxos: Map<string, Coin>, block: RawBlock, height: number, txIndex?: Map<string, string>): void {
    const blockHex = hex(block.hash);
    block.txs.forEach((tx, i) => {
      const txidHex = hex(tx.txid);
      if (i > 0) for (const input of tx.inputs) utxos.delete(outpointKey(hex(input.prevTxid), input.vout));
      tx.outputs.forEach((o, vout) => {
        if (o.scriptPubKey.length > 0 && o.scriptPubKey[0] === OP_RETURN) return;
        utxos.set(outpointKey(txidHex, vout), { value: o.value, script: o.scriptPubKey, height, coinbase: i === 0 });
      });
      txIndex?.set(txidHex, blockHex);
    });
  }

  /** The UTXO set after block `hashHex` (replayed from genesis; the best tip's is kept live). */
  private utxosAt(hashHex: string): Map<string, Coin> {
    if (hashHex === this.best[this.best.length - 1]) return new Map(this.utxos);
    const path: string[] = [];
    for (let n = this.nodes.get(hashHex); n !== undefined && n.height > 0; n = this.nodes.get(n.parentHex)) path.push(n.hashHex);
    const utxos = new Map<string, Coin>();
    for (let i = path.length - 1; i >= 0; i--) {
      const n = this.nodes.get(path[i]!)!;
      this.connect(utxos, decodeBlock(this.rawBlock(n.hash)), n.height);
    }
    return utxos;
  }

  /**
   * Validates a non-coinbase transaction against a UTXO view (plus, for the mempool, unconfirmed
   * outputs) and returns its fee. Signatures are not verified.
   */
  private checkSpend(
    tx: RawTransaction,
    spendHeight: number,
    lookup: (key: string) => Coin | undefined,
    spentBy: (key: string) => string | undefined,
  ): bigint {
    if (isCoinbaseTx(tx)) throw reject(SimRejectReason.Coinbase);
    if (tx.outputs.length === 0) throw reject(SimRejectReason.NoOutputs);
    const seen = new Set<string>();
    for (const input of tx.inputs) {
      const key = outpointKey(hex(input.prevTxid), input.vout);
      if (seen.has(key)) throw reject(SimRejectReason.DuplicateInputs, { outpoint: key });
      seen.add(key);
    }
    let inSum = 0n;
    for (const key of seen) {
      const conflict = spentBy(key);
      if (conflict !== undefined) throw reject(SimRejectReason.Conflict, { outpoint: key, conflictingTx: conflict });
      const coin = lookup(key);
      if (coin === undefined) throw reject(SimRejectReason.MissingOrSpent, { outpoint: key });
      if (coin.coinbase && spendHeight - coin.height < COINBASE_MATURITY) {
        throw reject(SimRejectReason.PrematureCoinbaseSpend, { outpoint: key, depth: spendHeight - coin.height });
      }
      inSum += coin.value;
    }
    const outSum = tx.outputs.reduce((s, o) => s + o.value, 0n);
    if (outSum > inSum) throw reject(SimRejectReason.InBelowOut, { inputs: inSum.toString(), outputs: outSum.toString() });
    return inSum - outSum;
  }

  private acceptToMempool(raw: Uint8Array): Uint8Array {
    let tx: RawTransaction;
    try {
      tx = decodeTransaction(raw);
    } catch (cause) {
      throw new BurnchainError(BurnchainErrorCode.TxRejected, SimRejectReason.Decode, { reason: SimRejectReason.Decode }, { cause });
    }
    const txidHex = hex(tx.txid);
    if (this.mempool.has(txidHex)) return tx.txid;
    if (isCoinbaseTx(tx)) throw reject(SimRejectReason.Coinbase);
    if (this.txIndex.has(txidHex)) throw reject(SimRejectReason.AlreadyInChain, { txid: txidHex });
    const fee = this.checkSpend(
      tx,
      this.best.length,
      (key) => this.utxos.get(key) ?? this.mempoolCoin(key),
      (key) => this.mempoolSpent.get(key),
    );
    this.mempool.set(txidHex, { raw: Uint8Array.from(raw), tx, fee });
    for (const input of tx.inputs) this.mempoolSpent.set(outpointKey(hex(input.prevTxid), input.vout), txidHex);
    return tx.txid;
  }

  private mempoolCoin(key: string): Coin | undefined {
    const sep = key.indexOf(':');
    const entry = this.mempool.get(key.slice(0, sep));
    if (entry === undefined) return undefined;
    const o = entry.tx.outputs[Number(key.slice(sep + 1))];
    if (o === undefined || (o.scriptPubKey.length > 0 && o.scriptPubKey[0] === OP_RETURN)) return undefined;
    return { value: o.value, script: o.scriptPubKey, height: -1, coinbase: false };
  }

  // ---- mining ----------------------------------------------------------------------------

  private buildBlock(parent: BlockNode, txs: readonly { raw: Uint8Array; tx: RawTransaction; fee: bigint }[], to: Uint8Array): { raw: Uint8Array; block: RawBlock } {
    const height = parent.height + 1;
    const fees = txs.reduce((s, t) => s + t.fee, 0n);
    const anyWitness = txs.some((t) => t.tx.hasWitness);
    const nonce = this.extraNonce++;
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setBigUint64(0, BigInt(nonce), true);
    const outputs = [{ value: regtestSubsidy(height) + fees, scriptPubKey: to }];
    if (anyWitness) {
      // BIP141 witness commitment: wtxid merkle root (coinbase wtxid = 0) with a zero reserved value.
      const wtxids = [new Uint8Array(32), ...txs.map((t) => reverseBytes(sha256d(t.raw)))];
      const root = reverseBytes(merkleRoot(wtxids));
      const commitment = sha256d(Uint8Array.from([...root, ...new Uint8Array(32)]));
      outputs.push({ value: 0n, scriptPubKey: Uint8Array.from([0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed, ...commitment]) });
    }
    const coinbaseInput: RawTxInput = {
      prevTxid: new Uint8Array(32),
      vout: 0xffffffff,
      scriptSig: Uint8Array.from([...scriptNumPush(height), 0x08, ...extra]),
      sequence: 0xffffffff,
      witness: anyWitness ? [new Uint8Array(32)] : [],
    };
    const coinbaseRaw = encodeTransaction({ version: 2, inputs: [coinbaseInput], outputs, lockTime: 0 });
    const coinbase = decodeTransaction(coinbaseRaw);
    const allTxs = [coinbase, ...txs.map((t) => t.tx)];
    const time = Math.max(Math.floor(this.clock.now() / 1000), parent.time + 1);
    const header: BitcoinBlockHeaderData = {
      version: 0x20000000,
      prevBlockHash: parent.hash,
      merkleRoot: merkleRoot(allTxs.map((t) => t.txid)),
      time,
      bits: REGTEST_BITS,
      nonce: 0,
    };
    const headerBytes = encodeBlockHeader(header);
    const view = new DataView(headerBytes.buffer, headerBytes.byteOffset, HEADER_BYTES);
    let n = 0;
    while (!checkProofOfWork(headerBytes)) view.setUint32(76, ++n, true);
    const body = [coinbaseRaw, ...txs.map((t) => t.raw)];
    const countPrefix = allTxs.length < 0xfd ? [allTxs.length] : [0xfd, allTxs.length & 0xff, allTxs.length >>> 8];
    const total = HEADER_BYTES + countPrefix.length + body.reduce((s, b) => s + b.length, 0);
    const raw = new Uint8Array(total);
    raw.set(headerBytes, 0);
    raw.set(countPrefix, HEADER_BYTES);
    let off = HEADER_BYTES + countPrefix.length;
    for (const b of body) {
      raw.set(b, off);
      off += b.length;
    }
    return { raw, block: decodeBlock(raw) };
  }

  private storeBlock(raw: Uint8Array, block: RawBlock, parent: BlockNode, withheld: boolean): BlockNode {
    const node: BlockNode = {
      hash: block.hash,
      parent: parent.hash,
      height: parent.height + 1,
      seq: this.nextSeq++,
      invalid: false,
      withheld,
      hashHex: hex(block.hash),
      parentHex: parent.hashHex,
      time: block.header.time,
    };
    this.store.putBlock(node, raw);
    this.addNode(node);
    return node;
  }

  /** Mines `n` blocks on the best tip, the first one confirming the mempool; returns their hashes. */
  mine(n = 1, opts: MineOptions = {}): Uint8Array[] {
    this.checkOpen();
    return this.mineOn(hexToBytesChecked(this.best[this.best.length - 1]!), n, opts);
  }

  /**
   * Mines `n` blocks on top of any known block (a fork when it is not the tip). The first block
   * carries `opts.txs` (default on the best tip: the mempool). The best chain switches when the
   * fork becomes the highest.
   */
  mineOn(parentHash: Uint8Array | string, n = 1, opts: MineOptions = {}): Uint8Array[] {
    this.checkOpen();
    const parentHex = typeof parentHash === 'string' ? parentHash : hex(parentHash);
    let parent = this.nodes.get(parentHex);
    if (parent === undefined) throw new BurnchainError(BurnchainErrorCode.NotFound, `unknown parent block ${parentHex}`, { hash: parentHex });
    if (!Number.isInteger(n) || n < 1) throw new BurnchainError(BurnchainErrorCode.InvalidArgument, 'n must be a positive integer', { n });
    const to = opts.to !== undefined ? this.scriptFor(opts.to) : this.coinbaseScript;
    const onTip = parentHex === this.best[this.best.length - 1];
    const hashes: Uint8Array[] = [];
    return this.store.atomic(() => {
      for (let i = 0; i < n; i++) {
        let txs: { raw: Uint8Array; tx: RawTransaction; fee: bigint }[] = [];
        if (i === 0) txs = opts.txs === undefined ? (onTip ? [...this.mempool.values()] : []) : this.validateForBlock(parent!, opts.txs);
        const { raw, block } = this.buildBlock(parent!, txs, to);
        parent = this.storeBlock(raw, block, parent!, opts.withhold === true);
        hashes.push(block.hash);
      }
      const last = parent!;
      if (onTip && opts.withhold !== true) {
        // Fast path: extending the best tip.
        const base = this.best.length;
        const blocks = hashes.map((h) => decodeBlock(this.rawBlock(h)));
        blocks.forEach((b, i) => {
          this.connect(this.utxos, b, base + i, this.txIndex);
          this.best.push(hex(b.hash));
        });
        const rest = [...this.mempool.values()].filter((e) => !this.txIndex.has(hex(e.tx.txid)));
        this.mempool = new Map();
        this.mempoolSpent = new Map();
        for (const e of rest) {
          try {
            this.acceptToMempool(e.raw);
          } catch {
            // now conflicting with the chain
          }
        }
        this.store.saveMempool([...this.mempool.values()].map((e) => e.raw));
      } else {
        this.recomputeBest([]);
      }
      this.log.debug('sim chain mined', { count: n, tip: last.hashHex, height: last.height, withheld: opts.withhold === true });
      return hashes;
    });
  }

  private validateForBlock(parent: BlockNode, raws: readonly Uint8Array[]): { raw: Uint8Array; tx: RawTransaction; fee: bigint }[] {
    const utxos = this.utxosAt(parent.hashHex);
    const out: { raw: Uint8Array; tx: RawTransaction; fee: bigint }[] = [];
    const spent = new Map<string, string>();
    for (const raw of raws) {
      let tx: RawTransaction;
      try {
        tx = decodeTransaction(raw);
      } catch (cause) {
        throw new BurnchainError(BurnchainErrorCode.TxRejected, SimRejectReason.Decode, { reason: SimRejectReason.Decode }, { cause });
      }
      const fee = this.checkSpend(tx, parent.height + 1, (k) => utxos.get(k), (k) => spent.get(k));
      const txidHex = hex(tx.txid);
      for (const input of tx.inputs) {
        const key = outpointKey(hex(input.prevTxid), input.vout);
        utxos.delete(key);
        spent.set(key, txidHex);
      }
      tx.outputs.forEach((o, vout) => {
        if (o.scriptPubKey[0] !== OP_RETURN) utxos.set(outpointKey(txidHex, vout), { value: o.value, script: o.scriptPubKey, height: parent.height + 1, coinbase: false });
      });
      out.push({ raw, tx, fee });
    }
    return out;
  }

  /**
   * Replaces the top `depth` blocks of the best chain with `n` new ones (default `depth + 1`, so
   * the new fork wins) mined on the block `depth` below the tip; returns the new blocks' hashes.
   */
  reorg(depth: number, n = depth + 1, opts: Omit<MineOptions, 'withhold'> = {}): Uint8Array[] {
    this.checkOpen();
    if (!Number.isInteger(depth) || depth < 1 || depth >= this.best.length) {
      throw new BurnchainError(BurnchainErrorCode.InvalidArgument, 'reorg depth must be between 1 and the tip height', { depth, tip: this.best.length - 1 });
    }
    return this.mineOn(this.best[this.best.length - 1 - depth]!, n, opts);
  }

  /** Marks a block invalid: it and its descendants leave the best chain (like `invalidateblock`). */
  invalidate(hash: Uint8Array | string): void {
    this.setFlags(hash, (n) => {
      if (n.height === 0) throw new BurnchainError(BurnchainErrorCode.InvalidArgument, 'cannot invalidate the genesis block');
      n.invalid = true;
    });
  }

  /** Clears a block's invalid mark (like `reconsiderblock`). */
  reconsider(hash: Uint8Array | string): void {
    this.setFlags(hash, (n) => {
      n.invalid = false;
    });
  }

  /** Releases a withheld (late) block: it becomes eligible for the best chain. */
  release(hash: Uint8Array | string): void {
    this.setFlags(hash, (n) => {
      n.withheld = false;
    });
  }

  private setFlags(hash: Uint8Array | string, f: (n: BlockNode) => void): void {
    this.checkOpen();
    const h = typeof hash === 'string' ? hash : hex(hash);
    const n = this.nodes.get(h);
    if (n === undefined) throw new BurnchainError(BurnchainErrorCode.NotFound, `unknown block ${h}`, { hash: h });
    f(n);
    this.store.atomic(() => {
      this.store.setFlags(n.hash, n.invalid, n.withheld);
      this.recomputeBest([]);
    });
  }

  /** Mines one block every `intervalMs` on the injected clock until `stopMining()` or `close()`. */
  startMining(intervalMs: number, opts: Omit<MineOptions, 'txs' | 'withhold'> = {}): void {
    this.checkOpen();
    if (!(intervalMs > 0)) throw new BurnchainError(BurnchainErrorCode.InvalidArgument, 'intervalMs must be positive', { intervalMs });
    this.stopMining();
    const tick = (): void => {
      this.cancelTimer = this.clock.setTimeout(tick, intervalMs);
      try {
        this.mine(1, opts);
      } catch (err) {
        this.log.error('sim chain interval mining failed', { err });
      }
    };
    this.cancelTimer = this.clock.setTimeout(tick, intervalMs);
  }

  /** Stops interval mining. */
  stopMining(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  // ---- transactions ------------------------------------------------------------------------

  /** Accepts a raw transaction into the mempool; returns its txid. Throws `BURNCHAIN_TX_REJECTED` with `meta.reason`. */
  sendRawTransaction(raw: Uint8Array | string): Uint8Array {
    this.checkOpen();
    const txid = this.acceptToMempool(toBytes(raw));
    this.store.saveMempool([...this.mempool.values()].map((e) => e.raw));
    return txid;
  }

  /** Txids (display order) in the mempool, in acceptance order. */
  mempoolTxids(): Uint8Array[] {
    return [...this.mempool.values()].map((e) => e.tx.txid);
  }

  /** A transaction in the best chain or the mempool, serialized; null when unknown. */
  getRawTransaction(txid: Uint8Array | string): Uint8Array | null {
    this.checkOpen();
    const h = typeof txid === 'string' ? txid : hex(txid);
    const m = this.mempool.get(h);
    if (m !== undefined) return m.raw;
    const blockHex = this.txIndex.get(h);
    if (blockHex === undefined) return null;
    const block = decodeBlock(this.rawBlock(hexToBytesChecked(blockHex)));
    const tx = block.txs.find((t) => hex(t.txid) === h);
    return tx === undefined ? null : encodeTransaction(tx);
  }

  /**
   * Unspent outputs paying to an address (string) or script, on the best chain and, with
   * `minConf: 0`, in the mempool (outputs spent by mempool transactions are left out).
   */
  listUnspent(to: string | Uint8Array, opts: { minConf?: number } = {}): SimUtxo[] {
    this.checkOpen();
    const script = this.scriptFor(to);
    const scriptHex = hex(script);
    const minConf = opts.minConf ?? 1;
    const tipHeight = this.best.length - 1;
    const out: SimUtxo[] = [];
    const push = (key: string, c: Coin): void => {
      if (this.mempoolSpent.has(key) || hex(c.script) !== scriptHex) return;
      const confirmations = c.height < 0 ? 0 : tipHeight - c.height + 1;
      if (confirmations < minConf) return;
      const sep = key.indexOf(':');
      out.push({ txid: hexToBytesChecked(key.slice(0, sep)), vout: Number(key.slice(sep + 1)), value: c.value, scriptPubKey: c.script, height: c.height, coinbase: c.coinbase, confirmations });
    };
    for (const [key, c] of this.utxos) push(key, c);
    if (minConf <= 0) {
      for (const [txidHex, e] of this.mempool) {
        e.tx.outputs.forEach((_, vout) => {
          const key = outpointKey(txidHex, vout);
          const c = this.mempoolCoin(key);
          if (c !== undefined) push(key, c);
        });
      }
    }
    return out;
  }

  /** Height of any known block (any fork), or null when unknown. */
  blockHeight(hash: Uint8Array | string): number | null {
    return this.nodes.get(typeof hash === 'string' ? hash : hex(hash))?.height ?? null;
  }

  /** Whether a block is withheld, invalid, on the best chain, or on a side fork. */
  blockStatus(hash: Uint8Array | string): 'best' | 'fork' | 'invalid' | 'withheld' | 'unknown' {
    const h = typeof hash === 'string' ? hash : hex(hash);
    const n = this.nodes.get(h);
    if (n === undefined) return 'unknown';
    if (n.invalid) return 'invalid';
    if (n.withheld) return 'withheld';
    return this.best[n.height] === h ? 'best' : 'fork';
  }

  // ---- BurnchainBlockSource ----------------------------------------------------------------

  /** The best tip, synchronously. */
  tip(): ChainTip {
    this.checkOpen();
    const height = this.best.length - 1;
    return { height, hash: hexToBytesChecked(this.best[height]!) };
  }

  /** Best-chain hash at a height, synchronously; null above the tip. */
  blockHashAt(height: number): Uint8Array | null {
    this.checkOpen();
    const h = this.best[height];
    return h === undefined ? null : hexToBytesChecked(h);
  }

  /** Any known block (any fork), synchronously. */
  getRawBlockSync(hash: Uint8Array): Uint8Array {
    this.checkOpen();
    if (!this.nodes.has(hex(hash))) throw new BurnchainError(BurnchainErrorCode.NotFound, `block ${hex(hash)} not found`, { hash: hex(hash) });
    return this.rawBlock(hash);
  }

  /** `BurnchainBlockSource`: the best tip. */
  async getTip(): Promise<ChainTip> {
    return this.tip();
  }

  /** `BurnchainBlockSource`: best-chain hash at a height, null above the tip. */
  async getBlockHash(height: number): Promise<Uint8Array | null> {
    return this.blockHashAt(height);
  }

  /** `BurnchainBlockSource`: any known block's bytes. */
  async getRawBlock(hash: Uint8Array): Promise<Uint8Array> {
    return this.getRawBlockSync(hash);
  }

  /** `BurnchainBlockSource`: any known block's 80-byte header. */
  async getRawHeader(hash: Uint8Array): Promise<Uint8Array> {
    return this.getRawBlockSync(hash).slice(0, HEADER_BYTES);
  }

  /** Stops interval mining and closes the store. */
  close(): void {
    if (this.closed) return;
    this.stopMining();
    this.closed = true;
    this.store.close();
  }
}

/** Opens (or creates) a simulated Bitcoin chain. */
export function openSimChain(opts: SimChainOptions = {}): SimBitcoinChain {
  return SimBitcoinChain.open(opts);
}
