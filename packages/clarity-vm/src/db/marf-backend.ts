/**
 * The MARF-backed Clarity store (stacks-core `stackslib/src/clarity_vm/database/marf.rs`
 * `WritableMarfStore` / `ReadOnlyMarfStore` under `clarity/src/vm/database/key_value_wrapper.rs`
 * `RollbackWrapper`): Clarity data in a `MarfedKV` (the MARF holds each value's hash, the side store
 * its bytes), contract metadata in a metadata table keyed by (block, `clr-meta::<contract>::<key>`),
 * and nested transactions as a stack of write overlays over one open MARF block.
 *
 * Only the shape of `MarfedKV` (@stacks-ts/marf) is used: callers pass one in.
 */
import { bytesToHex, utf8ToBytes } from '@stacks-ts/common';
import type { KeyValueBackend } from './kv.ts';
import { ClarityStateError, contractHashKey, decodeContractCommitment, parseMetadataTableKey } from './keys.ts';

/** A block id: 32 bytes or their 64-character hex. */
export type BlockIdLike = Uint8Array | string;

/** The open block of a `MarfedKV`, as `MarfedKV.begin` returns it. */
export interface MarfedKVBlock {
  readonly blockId: Uint8Array;
  put(key: string, value: Uint8Array): void;
  get(key: string): Uint8Array | null;
  /** Stages a metadata row committed with the block (a `MarfedKV` has it: rows go to its side store). */
  putMetadata?(key: string, value: string): void;
  commit(): Uint8Array;
  abort(): void;
}

/** What this store needs of a `MarfedKV` (@stacks-ts/marf): structurally, a `MarfedKV`. */
export interface MarfedKVLike {
  readonly marf: {
    getBlockHeight(blockId: BlockIdLike): number;
    getBlockAtHeight(tip: BlockIdLike, height: number): Uint8Array | null;
    hasBlock(blockId: BlockIdLike): boolean;
    getRootHash(blockId: BlockIdLike): Uint8Array;
  };
  begin(parentBlockId: BlockIdLike, blockId: BlockIdLike): MarfedKVBlock;
  get(tip: BlockIdLike, key: string): Uint8Array | null;
  getWithProof?(tip: BlockIdLike, key: string): { readonly value: Uint8Array | null; readonly proof: unknown; readonly rootToBlock: unknown };
  /** The metadata row block `blockId` committed under `key` (a `MarfedKV` keeps them in its side store). */
  getMetadata?(blockId: BlockIdLike, key: string): string | null;
}

/** The metadata table: rows keyed by the block that wrote them and `clr-meta::<contract>::<key>`. */
export interface MetadataStore {
  /** The row written by block `blockId` (hex) under `key`, or undefined. */
  get(blockId: string, key: string): string | undefined;
  /** Stores a committed block's rows. */
  putAll(blockId: string, rows: ReadonlyMap<string, string>): void;
  /** Releases the store. */
  close(): void;
}

/** A metadata table in memory. */
export function memoryMetadataStore(): MetadataStore {
  const rows = new Map<string, string>();
  return {
    get: (blockId, key) => rows.get(`${blockId}/${key}`),
    putAll(blockId, next) {
      for (const [k, v] of next) rows.set(`${blockId}/${k}`, v);
    },
    close() {},
  };
}

/** Where `setBlockHash` was: the read tip (null: the open block) and whether pending writes were visible. */
export interface ReadTarget {
  readonly tip: Uint8Array | null;
  readonly queryPending: boolean;
}

/**
 * A Clarity backing store with blocks (the reference's `ClarityBackingStore`): nested
 * transactions over one open block, reads at any committed tip, `at-block` retargeting.
 */
export interface ClarityBackingStore extends KeyValueBackend {
  /** Opens block `blockId` on `parent` (null for the first block) for writing. */
  beginBlock(parent: BlockIdLike | null, blockId: BlockIdLike): void;
  /** Commits the open block; returns its root hash. */
  commitBlock(): Uint8Array;
  /** Drops the open block. */
  abortBlock(): void;
  /** Serves reads at the committed block `tip` with no block open. */
  openReadOnly(tip: BlockIdLike): void;
  /** Runs `body` reading at the committed block `tip`, also while a block is open. */
  withReadTip<T>(tip: BlockIdLike, body: () => T): T;
  /** `set_block_hash`: reads at an ancestor of the current tip (for `at-block`). */
  setBlockHash(blockId: Uint8Array, queryPending?: boolean): ReadTarget;
  /** Undoes `setBlockHash`. */
  restoreBlockHash(previous: ReadTarget): void;
  /** Height of the block reads are served from. */
  currentBlockHeight(): number;
  /** The block at `height` on the current fork. */
  blockAtHeight(height: number): Uint8Array | undefined;
  /** The value of `key` with a proof at the current committed tip, when the store has proofs. */
  getWithProof?(key: string): { readonly value: string | null; readonly proof: unknown; readonly rootToBlock: unknown } | undefined;
}

/** The parent id of a MARF's first block (32 x 0xff). */
export const SENTINEL_BLOCK_ID = new Uint8Array(32).fill(0xff);

const METADATA_PREFIX = 'clr-meta::';
const decoder = new TextDecoder();

function hexId(id: BlockIdLike): string {
  return typeof id === 'string' ? id.toLowerCase() : bytesToHex(id);
}

function sameId(a: BlockIdLike, b: BlockIdLike): boolean {
  return hexId(a) === hexId(b);
}

/**
 * Clarity storage over a `MarfedKV`: a `KeyValueBackend` whose committed writes go into the open
 * MARF block, plus the block lifecycle (`beginBlock` / `commitBlock` / `abortBlock`), read-only
 * views at a tip, and `setBlockHash` for `at-block`.
 */
export class MarfBackend implements ClarityBackingStore {
  readonly #kv: MarfedKVLike;
  /** Null: metadata rows go into the `MarfedKV` block itself (its side store, same SQLite transaction). */
  readonly #metadata: MetadataStore | null;
  readonly #overlays: Map<string, string>[] = [];
  #block: MarfedKVBlock | null = null;
  /** Parent of the open block (sentinel for the first block). */
  #parent: Uint8Array | null = null;
  #openHeight = 0;
  /** Metadata rows written by the open block. */
  readonly #pendingMetadata = new Map<string, string>();
  /** Where reads go when not the open block: a read-only tip, or the `at-block` target. */
  #readTip: Uint8Array | null = null;
  /** False inside `at-block`: pending writes of enclosing transactions are not visible. */
  #queryPending = true;

  /**
   * `metadata` defaults to the `MarfedKV`'s own metadata table when it has one (rows commit with
   * the block, crash-consistent), else to a table in memory.
   */
  constructor(kv: MarfedKVLike, metadata?: MetadataStore) {
    this.#kv = kv;
    this.#metadata = metadata ?? (typeof kv.getMetadata === 'function' ? null : memoryMetadataStore());
  }

  /** The underlying `MarfedKV`. */
  get kv(): MarfedKVLike {
    return this.#kv;
  }

  /** Opens block `blockId` on top of `parent` (null for the first block) for writing. */
  beginBlock(parent: BlockIdLike | null, blockId: BlockIdLike): void {
    if (this.#block !== null) throw new ClarityStateError('STATE_BLOCK_OPEN', 'a block is already open');
    const parentId = parent === null ? SENTINEL_BLOCK_ID : typeof parent === 'string' ? hexToId(parent) : parent.slice();
    this.#openHeight = parent === null ? 0 : this.#kv.marf.getBlockHeight(parentId) + 1;
    this.#block = this.#kv.begin(parentId, blockId);
    this.#parent = parent === null ? null : parentId;
    this.#readTip = null;
    this.#queryPending = true;
    this.#overlays.length = 0;
    this.#pendingMetadata.clear();
  }

  /** Commits the open block (no nested transaction may be open); returns its MARF root hash. */
  commitBlock(): Uint8Array {
    const block = this.#requireBlock();
    if (this.#overlays.length > 0) throw new ClarityStateError('STATE_BLOCK_OPEN', 'a transaction is still open');
    // Metadata rows before the MARF commit: a crash in between leaves rows of a block that does
    // not exist, which nothing reads, never a committed block without its rows.
    if (this.#metadata === null) {
      if (typeof block.putMetadata !== 'function') {
        throw new ClarityStateError('STATE_NO_OPEN_BLOCK', 'the MarfedKV block cannot store metadata rows');
      }
      for (const [k, v] of this.#pendingMetadata) block.putMetadata(k, v);
    } else {
      this.#metadata.putAll(bytesToHex(block.blockId), this.#pendingMetadata);
    }
    const root = block.commit();
    this.#closeBlock();
    return root;
  }

  /** Drops the open block and everything written in it. */
  abortBlock(): void {
    const block = this.#requireBlock();
    block.abort();
    this.#closeBlock();
  }

  /** Serves reads at the committed block `tip` with no block open (read-only evaluation). */
  openReadOnly(tip: BlockIdLike): void {
    if (this.#block !== null) throw new ClarityStateError('STATE_BLOCK_OPEN', 'a block is open for writing');
    if (!this.#kv.marf.hasBlock(tip)) throw new ClarityStateError('STATE_UNKNOWN_BLOCK', `unknown block ${hexId(tip)}`);
    this.#readTip = typeof tip === 'string' ? hexToId(tip) : tip.slice();
    this.#overlays.length = 0;
  }

  /**
   * Runs `body` with reads served at the committed block `tip` (on any fork), also while a block
   * is open (its pending state is set aside, then restored); writes fail meanwhile.
   */
  withReadTip<T>(tip: BlockIdLike, body: () => T): T {
    if (!this.#kv.marf.hasBlock(tip)) throw new ClarityStateError('STATE_UNKNOWN_BLOCK', `unknown block ${hexId(tip)}`);
    const saved = { tip: this.#readTip, queryPending: this.#queryPending, overlays: this.#overlays.splice(0) };
    this.#readTip = typeof tip === 'string' ? hexToId(tip) : tip.slice();
    this.#queryPending = true;
    try {
      return body();
    } finally {
      this.#readTip = saved.tip;
      this.#queryPending = saved.queryPending;
      this.#overlays.length = 0;
      this.#overlays.push(...saved.overlays);
    }
  }

  /** Stores a row of the open block in the metadata table under a key of the caller's (block headers data). */
  setBlockMetadata(key: string, value: string): void {
    this.#requireBlock();
    this.#pendingMetadata.set(key, value);
  }

  /** A row `setBlockMetadata` stored for the committed (or open) block `blockId`. */
  getBlockMetadata(blockId: BlockIdLike, key: string): string | undefined {
    if (this.#block !== null && sameId(blockId, this.#block.blockId)) return this.#pendingMetadata.get(key);
    return this.#readMetadata(hexId(blockId), key);
  }

  /** The open block's id, or undefined. */
  openBlockId(): Uint8Array | undefined {
    return this.#block?.blockId;
  }

  /** The block reads are served from: the read tip, else the open block. */
  currentTip(): Uint8Array | undefined {
    return this.#readTip ?? this.#block?.blockId;
  }

  /** Height of the block reads are served from (`get_current_block_height`). */
  currentBlockHeight(): number {
    if (this.#readTip !== null) return this.#kv.marf.getBlockHeight(this.#readTip);
    this.#requireBlock();
    return this.#openHeight;
  }

  /** The block at `height` on the current fork (`get_block_at_height`), or undefined. */
  blockAtHeight(height: number): Uint8Array | undefined {
    if (this.#readTip === null && this.#block !== null) {
      if (height === this.#openHeight) return this.#block.blockId;
      if (height > this.#openHeight || this.#parent === null) return undefined;
      return this.#kv.marf.getBlockAtHeight(this.#parent, height) ?? undefined;
    }
    if (this.#readTip === null) return undefined;
    return this.#kv.marf.getBlockAtHeight(this.#readTip, height) ?? undefined;
  }

  /**
   * `set_block_hash`: serves reads from `blockId` (the open block or one of its ancestors; else
   * `STATE_UNKNOWN_BLOCK`), without the pending writes of open transactions unless
   * `queryPending`. Returns the previous read tip (undefined: the open block), for `restoreBlockHash`.
   */
  setBlockHash(blockId: Uint8Array, queryPending = false): ReadTarget {
    const previous = { tip: this.#readTip, queryPending: this.#queryPending };
    if (this.#block !== null && sameId(blockId, this.#block.blockId)) {
      this.#readTip = null;
    } else {
      if (!this.#kv.marf.hasBlock(blockId)) throw new ClarityStateError('STATE_UNKNOWN_BLOCK', `unknown block ${hexId(blockId)}`);
      const height = this.#kv.marf.getBlockHeight(blockId);
      const onFork = this.blockAtHeight(height);
      if (onFork === undefined || !sameId(onFork, blockId)) {
        throw new ClarityStateError('STATE_UNKNOWN_BLOCK', `block ${hexId(blockId)} is not an ancestor of the current tip`);
      }
      this.#readTip = blockId.slice();
    }
    this.#queryPending = queryPending;
    return previous;
  }

  /** Undoes `setBlockHash` with the value it returned. */
  restoreBlockHash(previous: ReadTarget): void {
    this.#readTip = previous.tip;
    this.#queryPending = previous.queryPending;
  }

  /** The value of `key` with a MARF proof at the current tip (committed tips only). */
  getWithProof(key: string): { readonly value: string | null; readonly proof: unknown; readonly rootToBlock: unknown } | undefined {
    const tip = this.#readTip ?? this.#parent;
    if (tip === null || this.#kv.getWithProof === undefined) return undefined;
    const r = this.#kv.getWithProof(tip, key);
    return { value: r.value === null ? null : decoder.decode(r.value), proof: r.proof, rootToBlock: r.rootToBlock };
  }

  get(key: string): string | undefined {
    if (this.#queryPending) {
      for (let i = this.#overlays.length - 1; i >= 0; i--) {
        const v = this.#overlays[i]!.get(key);
        if (v !== undefined) return v;
      }
    }
    if (key.startsWith(METADATA_PREFIX)) return this.#getMetadata(key);
    return this.#getCommitted(key);
  }

  put(key: string, value: string): void {
    if (this.#readTip !== null) throw new ClarityStateError('STATE_READ_ONLY', 'write while reading at another block', { key });
    const top = this.#overlays[this.#overlays.length - 1];
    if (top !== undefined) top.set(key, value);
    else this.#write(key, value);
  }

  begin(): void {
    this.#overlays.push(new Map());
  }

  commit(): void {
    const top = this.#overlays.pop();
    if (top === undefined) throw new ClarityStateError('STATE_NO_OPEN_BLOCK', 'commit without an open transaction');
    const parent = this.#overlays[this.#overlays.length - 1];
    if (parent !== undefined) {
      for (const [k, v] of top) parent.set(k, v);
      return;
    }
    if (top.size > 0 && this.#readTip !== null) throw new ClarityStateError('STATE_READ_ONLY', 'commit of writes in a read-only view');
    for (const [k, v] of top) this.#write(k, v);
  }

  rollback(): void {
    if (this.#overlays.pop() === undefined) throw new ClarityStateError('STATE_NO_OPEN_BLOCK', 'rollback without an open transaction');
  }

  depth(): number {
    return this.#overlays.length;
  }

  #write(key: string, value: string): void {
    if (key.startsWith(METADATA_PREFIX)) {
      this.#requireBlock();
      this.#pendingMetadata.set(key, value);
      return;
    }
    this.#requireBlock().put(key, utf8ToBytes(value));
  }

  #getCommitted(key: string): string | undefined {
    let bytes: Uint8Array | null;
    if (this.#readTip !== null) bytes = this.#kv.get(this.#readTip, key);
    else bytes = this.#requireBlock().get(key);
    return bytes === null ? undefined : decoder.decode(bytes);
  }

  #readMetadata(blockHex: string, key: string): string | undefined {
    if (this.#metadata !== null) return this.#metadata.get(blockHex, key);
    return this.#kv.getMetadata?.(blockHex, key) ?? undefined;
  }

  // `sqlite_get_metadata`: the row written by the block at the height the contract's commitment
  // records, on the current fork.
  #getMetadata(key: string): string | undefined {
    const parsed = parseMetadataTableKey(key);
    if (parsed === undefined) return undefined;
    const commitment = this.#getCommitted(contractHashKey(parsed.contract));
    if (commitment === undefined) return undefined;
    const { blockHeight } = decodeContractCommitment(commitment);
    const block = this.blockAtHeight(blockHeight);
    if (block === undefined) return undefined;
    if (this.#block !== null && sameId(block, this.#block.blockId)) return this.#pendingMetadata.get(key);
    return this.#readMetadata(bytesToHex(block), key);
  }

  #requireBlock(): MarfedKVBlock {
    if (this.#block === null) throw new ClarityStateError('STATE_NO_OPEN_BLOCK', 'no block is open for writing');
    return this.#block;
  }

  #closeBlock(): void {
    this.#block = null;
    this.#parent = null;
    this.#overlays.length = 0;
    this.#pendingMetadata.clear();
    this.#readTip = null;
    this.#queryPending = true;
  }
}

function hexToId(hex: string): Uint8Array {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new ClarityStateError('STATE_UNKNOWN_BLOCK', `not a block id: ${hex}`);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
