/**
 * The MARF (stacks-core `index/marf.rs`; SIP-004): a forest of tries, one per block, each built
 * copy-on-write over its parent's trie, read at any committed tip.
 *
 * ```ts
 * const marf = openMarf();                        // in memory; openMarf({ path }) for SQLite
 * const tx = marf.begin(MARF_SENTINEL_BLOCK_ID, blockA);
 * tx.insert('key', marfValueFromString('value'));
 * const rootHash = tx.commit();
 * marf.get(blockA, 'key');                        // the 40-byte value, or null
 * ```
 *
 * Block ids are 32-byte `Uint8Array`s; a 64-character hex string is accepted wherever a block id
 * is (it is converted first). Errors are `MarfError`s: `MARF_BLOCK_NOT_FOUND` for a tip, parent or
 * block that is not committed (an aborted or still-open block included), `MARF_BLOCK_EXISTS` when
 * beginning a block id that is already committed, `MARF_IN_PROGRESS` for a second `begin` while a
 * transaction is open, `MARF_TX_CLOSED` for a committed or aborted transaction,
 * `MARF_INVALID_ARGUMENT` for a value that is not 40 bytes or a path that is not 32,
 * `MARF_CLOSED` after `close()`. An absent key reads as `null`.
 */
import os from 'node:os';
import { sha512_256 } from '@stacks-ts/codec';
import { bytesToHex, equalBytes, hexToBytes, noopLogger, type Logger } from '@stacks-ts/common';
import { MarfError, MarfErrorCode, isMarfError } from './errors.ts';
import { createMemoryTrieStorage } from './memory-storage.ts';
import {
  BACKPTR_BIT,
  EMPTY_TRIE_HASH,
  MARF_VALUE_LENGTH,
  TRIE_HASH_LENGTH,
  TRIE_PATH_LENGTH,
  TrieNodeId,
  findChild,
  skipListRootHash,
  spreadChildHashes,
  type TrieNode,
} from './node.ts';
import { proveKey } from './proofs.ts';
import { TrieOffsetCache, cachedNodeWeight } from './node-cache.ts';
import {
  MAX_NODE_RECORD_LENGTH,
  MAX_TRIE_BLOB_HEADER_LENGTH,
  NODE_RECORD_HEADER_LENGTH,
  TRIE_BLOB_HEADER_LENGTH,
  adoptEncodedNodes,
  MAX_DELTA_DEPTH,
  checkNodeRecord,
  decodeTrieBlobHeader,
  emptyRecordShape,
  findNode256RecordSlot,
  readRecordShape,
  type RecordShape,
  decodeNodeRecord,
  decodeNodeRecordForCopy,
  decodeNodeRecordChildHashes,
  decodeNodeRecordHash,
  layOutTrie,
  nodeRecordLength,
  type TrieBlobHeader,
  type TrieBlobHeaderInput,
} from './serialize.ts';
import { openSqliteTrieStorage, type SqliteTrieStorageOptions } from './sqlite-storage.ts';
import type { TrieRecord, TrieStorage } from './storage.ts';
import {
  PENDING_TRIE,
  createChildTrie,
  createEmptyTrie,
  hashPendingTrie,
  lookupLeaf,
  trieInsert,
  type CommittedNodeReader,
  type PendingTrie,
} from './trie.ts';
import { marfValueFromBlockId, marfValueFromU32, marfValueToBlockId, marfValueToU32 } from './values.ts';

/** The parent block id of the first block: 32 x 0xff (`SENTINEL_ARRAY`). */
export const MARF_SENTINEL_BLOCK_ID: Uint8Array = new Uint8Array(32).fill(0xff);

/** Key of a block's own height (`OWN_BLOCK_HEIGHT_KEY`). */
export const OWN_BLOCK_HEIGHT_KEY = '__MARF_BLOCK_HEIGHT_SELF';
/** Prefix of the height -> block id keys (`BLOCK_HEIGHT_TO_HASH_MAPPING_KEY`). */
export const BLOCK_HEIGHT_TO_HASH_MAPPING_KEY = '__MARF_BLOCK_HEIGHT_TO_HASH';
/** Prefix of the block id -> height keys (`BLOCK_HASH_TO_HEIGHT_MAPPING_KEY`). */
export const BLOCK_HASH_TO_HEIGHT_MAPPING_KEY = '__MARF_BLOCK_HASH_TO_HEIGHT';

/** A block id: 32 bytes, or 64 hex characters. */
export type BlockIdInput = Uint8Array | string;

const utf8 = new TextEncoder();

/** The trie path of a key: SHA-512/256 of its UTF-8 bytes (`TrieHash::from_key`). */
export function marfKeyToPath(key: string): Uint8Array {
  return sha512_256(utf8.encode(key));
}

/** `__MARF_BLOCK_HEIGHT_TO_HASH::{height}`. */
export function blockHeightToHashKey(height: number): string {
  return `${BLOCK_HEIGHT_TO_HASH_MAPPING_KEY}::${height}`;
}

/** `__MARF_BLOCK_HASH_TO_HEIGHT::{lowercase hex of the block id}`. */
export function blockHashToHeightKey(blockId: Uint8Array): string {
  return `${BLOCK_HASH_TO_HEIGHT_MAPPING_KEY}::${bytesToHex(blockId)}`;
}

/**
 * The keys and values written at the start of every trie, in order (`MARF::set_block_heights`):
 * own height, height -> block, block -> height, and for height > 0 the parent's two entries.
 */
export function blockHeightEntries(parentBlockId: Uint8Array, blockId: Uint8Array, height: number): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [
    [OWN_BLOCK_HEIGHT_KEY, marfValueFromU32(height)],
    [blockHeightToHashKey(height), marfValueFromBlockId(blockId)],
    [blockHashToHeightKey(blockId), marfValueFromU32(height)],
  ];
  if (height > 0) {
    out.push([blockHeightToHashKey(height - 1), marfValueFromBlockId(parentBlockId)]);
    out.push([blockHashToHeightKey(parentBlockId), marfValueFromU32(height - 1)]);
  }
  return out;
}

/**
 * Read access to committed tries for the proof code (`proofs.ts`). Everything is synchronous;
 * nodes, records and the byte arrays they hold are shared with the MARF's caches: never mutate them. Pointers (`TrieNode.ptrs`) of committed
 * nodes are byte offsets in their trie's blob; a slot whose id has bit 0x80 is a back-pointer
 * into trie `backBlocks[slot]`, any other non-empty slot points into the same trie.
 */
export interface MarfReader {
  /** The record of a committed block; throws `MarfError` `MARF_BLOCK_NOT_FOUND` if unknown. */
  getRecord(blockId: Uint8Array): TrieRecord;
  /** The record of a committed trie by storage local id; throws `MARF_BLOCK_NOT_FOUND` if unknown. */
  getRecordByLocalId(localId: number): TrieRecord;
  /** The block id of trie `localId` (what a back-pointer into it contributes to hashes). */
  blockIdOf(localId: number): Uint8Array;
  /** Offset of the root node (always a Node256) of trie `localId`. */
  rootPtr(localId: number): number;
  /**
   * The node at `ptr` of trie `localId`. Its `hash` is the stored node hash; for the root that is
   * the trie's final root hash (skip-list included), as in the reference.
   */
  readNode(localId: number, ptr: number, id?: number): TrieNode;
  /** The stored hash of the node at `ptr` of trie `localId` (`readNode(...).hash` without decoding it). */
  readNodeHash(localId: number, ptr: number): Uint8Array;
  /**
   * The hashes of the children of the interior node at `ptr` of trie `localId`, as its own hash
   * sees them (`Trie::get_children_hashes`): 32 bytes per slot, `EMPTY_TRIE_HASH` for an empty
   * slot, the owning block's id for a back-pointer, the child's stored hash otherwise.
   */
  readChildHashes(localId: number, ptr: number): Uint8Array;
  /**
   * The interior node at `ptr` of trie `localId` as a proof element shows it, with its children
   * hashes (see `ProofNodeBytes`); built once per node, then cached.
   */
  readProofNode(localId: number, ptr: number): ProofNodeBytes;
  /** The stored record of the node at `ptr` of trie `localId`, its length and CRC-32 checked (never mutate it). */
  readNodeRecord(localId: number, ptr: number): Uint8Array;
  /** The leaf value at `path` as seen from trie `tipLocalId` (following back-pointers), or `null`. */
  getRawAt(tipLocalId: number, path: Uint8Array): Uint8Array | null;
  /** The block at `height` on the fork ending at trie `tipLocalId` (height keys), or `null`. */
  getBlockAtHeight(tipLocalId: number, height: number): Uint8Array | null;
  /**
   * The ancestor root hashes mixed into trie `localId`'s root hash, [root(h-1), root(h-2),
   * root(h-4), ...] (`Trie::get_trie_ancestor_hashes_bytes`); empty at height 0.
   */
  getAncestorRootHashes(localId: number): Uint8Array[];
  /** The local ids of the tries whose root hashes `getAncestorRootHashes` gives, in the same order. */
  getAncestorLocalIds(localId: number): readonly number[];
  /** Trie `localId`'s root node hash before the skip-list is mixed in (stored in its blob header). */
  rootNodeHash(localId: number): Uint8Array;
}

/**
 * An interior node with its children hashes, laid out as the preimage of its hash: `id || slots
 * || path length (u8) || path || hashes`, 34 bytes a slot (child id, chr, the block id of a
 * back-pointer's trie or 32 zeros, as a proof shows it), then `readChildHashes`' 32 bytes a slot.
 */
export interface ProofNodeBytes {
  /** The node's bytes, then its children hashes. */
  readonly bytes: Uint8Array;
  /** Where the children hashes start in `bytes`. */
  readonly hashesAt: number;
}

/** Options of `openMarf`. */
export interface OpenMarfOptions {
  /**
   * Directory of a durable MARF (created if missing), opened with `openSqliteTrieStorage`.
   * Without it (and without `storage`) the MARF lives in memory.
   */
  readonly path?: string;
  /**
   * Durability of the SQLite storage opened at `path` (`'full'` by default); see
   * `SqliteTrieStorageOptions.sync`. `sqlite.sync` wins when both are given.
   */
  readonly sync?: SqliteTrieStorageOptions['sync'];
  /** Options of the SQLite storage opened at `path` (durability, blob cache); see `openSqliteTrieStorage`. */
  readonly sqlite?: SqliteTrieStorageOptions;
  /** A storage to use instead (wins over `path`). It is closed by `marf.close()`. */
  readonly storage?: TrieStorage;
  /**
   * Memory budget, in bytes, of the cache of what is read from committed tries (decoded nodes,
   * node hashes and, for proofs, the children hashes of nodes on proof paths; by an estimate of
   * their heap size; default 1 GiB, or an eighth of the machine's memory when that is less). It
   * fills only as nodes are read. 0 caches almost nothing: every read goes to the storage.
   */
  readonly cacheBytes?: number;
  /** Logger (no-op by default; also given to the SQLite storage opened at `path`). */
  readonly logger?: Logger;
}

/** The writes of one block, open between `marf.begin` and `commit` / `abort`. */
export interface MarfTransaction {
  /** The block being written. */
  readonly blockId: Uint8Array;
  /** Its parent (`MARF_SENTINEL_BLOCK_ID` for the first block). */
  readonly parentBlockId: Uint8Array;
  /** Its height: 0 for the first block, parent + 1 otherwise. */
  readonly height: number;
  /** Inserts or overwrites `key` (hashed to its path with SHA-512/256) with a 40-byte MARF value. */
  insert(key: string, value: Uint8Array): void;
  /** Inserts or overwrites a 32-byte path that is already hashed, with a 40-byte MARF value. */
  insertRaw(path: Uint8Array, value: Uint8Array): void;
  /** The value of `key` in this block (its writes over its ancestors'), or `null`. */
  get(key: string): Uint8Array | null;
  /** The value at a 32-byte path in this block, or `null`. */
  getRaw(path: Uint8Array): Uint8Array | null;
  /** The root hash the block would commit with now (`MARF::seal`); writes may follow. */
  seal(): Uint8Array;
  /** Hashes and stores the block durably; returns its root hash. The transaction closes. */
  commit(): Uint8Array;
  /** Drops the block's writes. The transaction closes; the block id stays free. */
  abort(): void;
}

/** A value with its Merkle proof: `{ value, proof, rootToBlock }`, as `proveKey` in `proofs.ts` returns it. */
export type MarfValueWithProof = ReturnType<typeof proveKey>;

/** Opens a MARF: durable at `opts.path` (created if missing), in memory otherwise. */
export function openMarf(opts: OpenMarfOptions = {}): Marf {
  const storage =
    opts.storage ??
    (opts.path !== undefined
      ? openSqliteTrieStorage(opts.path, { logger: opts.logger, sync: opts.sync, ...opts.sqlite })
      : createMemoryTrieStorage());
  return new Marf(storage, opts);
}

function toBlockId(id: BlockIdInput, what: string): Uint8Array {
  const bytes = typeof id === 'string' ? hexToBlockId(id, what) : id;
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) {
    throw new MarfError(MarfErrorCode.InvalidArgument, `${what} must be 32 bytes`);
  }
  return bytes;
}

function hexToBlockId(hex: string, what: string): Uint8Array {
  try {
    return hexToBytes(hex);
  } catch (cause) {
    throw new MarfError(MarfErrorCode.InvalidArgument, `${what} is not hex`, {}, { cause });
  }
}

function checkPath(path: Uint8Array): void {
  if (!(path instanceof Uint8Array) || path.length !== TRIE_PATH_LENGTH) {
    throw new MarfError(MarfErrorCode.InvalidArgument, `a trie path must be ${TRIE_PATH_LENGTH} bytes`);
  }
}

function checkValue(value: Uint8Array): void {
  if (!(value instanceof Uint8Array) || value.length !== MARF_VALUE_LENGTH) {
    throw new MarfError(MarfErrorCode.InvalidArgument, `a MARF value must be ${MARF_VALUE_LENGTH} bytes`, {
      length: (value as Uint8Array | undefined)?.length,
    });
  }
}

// A compact Map key for a 32-byte id (one UTF-16 code unit per two bytes).
function idKey(id: Uint8Array): string {
  let s = '';
  for (let i = 0; i < id.length; i += 2) s += String.fromCharCode((id[i]! << 8) | id[i + 1]!);
  return s;
}

const OWN_HEIGHT_PATH = marfKeyToPath(OWN_BLOCK_HEIGHT_KEY);
const RECORD_CACHE_LIMIT = 1 << 16;
// The cache budget when `cacheBytes` is not given: 1 GiB, or an eighth of the machine's memory
// when that is less. A proof at the tip of a busy chain crosses a few tries and reads the version
// of each upper node its path met in each of them: at 100k keys over 1,000 blocks those versions
// alone are about 75k Node256 (260 MB as cached), which a 256 MiB budget kept evicting.
const DEFAULT_CACHE_BYTES = Math.min(1024 * 1024 * 1024, Math.floor(os.totalmem() / 8));
// Bytes read at a node's offset before its length is known, when its type is not known either:
// most records fit (a leaf is about 110 bytes, a Node4 at most about 230); longer ones take a
// second read.
const NODE_READ_AHEAD = 640;
// The longest record of each node type (full or delta, path and child hashes included), by type id:
// a node whose type is known is read whole in one read.
// 0 (unknown type) and ids past Node256 fall back to `NODE_READ_AHEAD`.
const MAX_RECORD_BY_TYPE: readonly number[] = ((): number[] => {
  const fixed = NODE_RECORD_HEADER_LENGTH + TRIE_HASH_LENGTH + 2 + TRIE_PATH_LENGTH;
  const interior = (slots: number): number => fixed + 2 + slots * (1 + 6 + TRIE_HASH_LENGTH);
  const out: number[] = [];
  out[TrieNodeId.Leaf] = fixed + MARF_VALUE_LENGTH;
  out[TrieNodeId.Node4] = interior(4);
  out[TrieNodeId.Node16] = interior(16);
  out[TrieNodeId.Node48] = interior(48);
  out[TrieNodeId.Node256] = interior(256);
  return out;
})();
// Below this cache budget, lookups walk records instead of decoding (and caching) nodes.
const RECORD_WALK_BELOW_CACHE_BYTES = 256 * 1024;
// Size of the buffers node records are read into: the longest record, or the longest read ahead
// (a Node256's bound counts a 32-byte path its records never have with 256 slots; a read past
// the buffer would allocate).
const RECORD_BUFFER_LENGTH = Math.max(MAX_NODE_RECORD_LENGTH, ...MAX_RECORD_BY_TYPE.filter((n) => n !== undefined));
// Share of the cache budget for the children hashes of nodes on proof paths.
const CHILD_HASHES_SHARE = 1 / 8;

/** A MARF over a `TrieStorage`. Create it with `openMarf`. */
export class Marf {
  readonly #storage: TrieStorage;
  readonly #logger: Logger;
  // Decoded nodes, or only the hash of a node that proofs needed as a sibling hash.
  readonly #nodes: TrieOffsetCache<TrieNode | Uint8Array>;
  // Interior nodes that proofs went through, in proof layout with their children hashes.
  readonly #proofNodes: TrieOffsetCache<ProofNodeBytes>;
  // Blob headers (root place, root node hash, skip-list ancestors) by local id.
  readonly #headers = new Map<number, TrieBlobHeader>();
  // What a sealed pending trie's blob header will say (set when its root hash is computed).
  readonly #sealed = new WeakMap<PendingTrie, TrieBlobHeaderInput>();
  readonly #ancestorHashes = new Map<number, Uint8Array[]>();
  readonly #records = new Map<string, TrieRecord>();
  readonly #byLocalId: TrieRecord[] = [];
  #lastRecord: TrieRecord | null = null;
  // Buffers node records are read into (see `#recordBuffer`), by nesting depth.
  readonly #recordBuffers: Uint8Array[] = [];
  #readDepth = 0;
  // Lookups walk records instead of decoding nodes when the node cache is too small to help.
  readonly #walkRecords: boolean;
  // The records of a Node256 and its delta bases during such a lookup (reused).
  readonly #chainShapes: RecordShape[] = [];
  readonly #chainBytes: Uint8Array[] = [];
  readonly #chainLocalIds: number[] = [];
  readonly #chainPtrs: number[] = [];
  #open: Transaction | null = null;
  #closed = false;

  /** Read access to committed tries, for proofs (see `MarfReader`). */
  readonly reader: MarfReader & CommittedNodeReader;
  readonly #txHost: TxHost;

  /** Wraps a storage; prefer `openMarf`. */
  constructor(storage: TrieStorage, opts: Pick<OpenMarfOptions, 'cacheBytes' | 'logger'> = {}) {
    this.#storage = storage;
    this.#logger = opts.logger ?? noopLogger;
    const budget = Math.max(0, opts.cacheBytes ?? DEFAULT_CACHE_BYTES);
    this.#nodes = new TrieOffsetCache(budget * (1 - CHILD_HASHES_SHARE), cachedNodeWeight);
    this.#walkRecords = budget < RECORD_WALK_BELOW_CACHE_BYTES;
    this.#proofNodes = new TrieOffsetCache(budget * CHILD_HASHES_SHARE, (p) => p.bytes.length + 128);
    this.reader = {
      getRecord: (blockId) => this.#requireRecord(blockId),
      getRecordByLocalId: (localId) => this.#recordByLocalId(localId),
      blockIdOf: (localId) => this.#blockIdOf(localId),
      rootPtr: (localId) => this.#rootPtr(localId),
      readNode: (localId, ptr, id) => this.#readNode(localId, ptr, id),
      readNodeHash: (localId, ptr) => this.#readNodeHash(localId, ptr),
      readChildHashes: (localId, ptr) => {
        const p = this.#readProofNode(localId, ptr);
        return p.bytes.subarray(p.hashesAt);
      },
      readProofNode: (localId, ptr) => this.#readProofNode(localId, ptr),
      readNodeRecord: (localId, ptr) => {
        const record = this.#readRecord(localId, ptr, this.#readAheadFor(localId, ptr, this.#readNode(localId, ptr).id));
        const length = checkNodeRecord(record, ptr, localId);
        // A record read into one of the MARF's buffers is copied out of it.
        return this.#storage.readBlobRangeInto !== undefined ? record.slice(0, length) : record.subarray(0, length);
      },
      getRawAt: (tipLocalId, path) => this.#getRawAt(tipLocalId, path),
      getBlockAtHeight: (tipLocalId, height) => this.#blockAtHeight(tipLocalId, height),
      getAncestorRootHashes: (localId) => this.#ancestorRootHashesOf(localId),
      getAncestorLocalIds: (localId) => this.#header(localId).ancestorLocalIds,
      rootNodeHash: (localId) => this.#header(localId).rootNodeHash,
    };
    this.#txHost = {
      reader: this.reader,
      seal: (trie) => this.#sealRoot(trie),
      commit: (tx, trie, rootHash) => this.#commit(tx, trie, rootHash),
      release: (tx) => {
        if (this.#open === tx) this.#open = null;
      },
    };
  }

  /**
   * Opens the trie of `blockId` on top of `parentBlockId` (`MARF_SENTINEL_BLOCK_ID` for the first
   * block) and writes the height keys into it. One transaction at a time.
   */
  begin(parentBlockId: BlockIdInput, blockId: BlockIdInput): MarfTransaction {
    this.#checkOpen();
    const parent = toBlockId(parentBlockId, 'parent block id');
    const id = toBlockId(blockId, 'block id');
    if (this.#open !== null) {
      throw new MarfError(MarfErrorCode.InProgress, 'a MARF transaction is already open', { open: bytesToHex(this.#open.blockId) });
    }
    if (equalBytes(id, MARF_SENTINEL_BLOCK_ID)) {
      throw new MarfError(MarfErrorCode.InvalidArgument, 'the sentinel block id cannot be written');
    }
    if (this.#record(id) !== null) {
      throw new MarfError(MarfErrorCode.BlockExists, `block ${bytesToHex(id)} is already committed`, { blockId: bytesToHex(id) });
    }
    let trie: PendingTrie;
    let height: number;
    if (equalBytes(parent, MARF_SENTINEL_BLOCK_ID)) {
      trie = createEmptyTrie();
      height = 0;
    } else {
      const rec = this.#requireRecord(parent);
      const rootPtr = this.#rootPtr(rec.localId);
      trie = createChildTrie(this.#readNode(rec.localId, rootPtr), rec.localId, rootPtr);
      height = rec.height + 1;
    }
    const tx = new Transaction(this.#txHost, trie, parent.slice(), id.slice(), height);
    for (const [key, value] of blockHeightEntries(parent, id, height)) {
      trieInsert(trie, this.reader, marfKeyToPath(key), value);
    }
    this.#open = tx;
    return tx;
  }

  /** The value of `key` at the committed block `tipBlockId`, or `null` if absent. */
  get(tipBlockId: BlockIdInput, key: string): Uint8Array | null {
    return this.getRaw(tipBlockId, marfKeyToPath(key));
  }

  /** The value at a 32-byte path at the committed block `tipBlockId`, or `null` if absent. */
  getRaw(tipBlockId: BlockIdInput, path: Uint8Array): Uint8Array | null {
    this.#checkOpen();
    checkPath(path);
    const rec = this.#requireRecord(toBlockId(tipBlockId, 'tip block id'));
    return this.#getRawAt(rec.localId, path);
  }

  /** The value of `key` at `tipBlockId` with a Merkle proof against that block's root hash. */
  getWithProof(tipBlockId: BlockIdInput, key: string): MarfValueWithProof {
    return this.getWithProofRaw(tipBlockId, marfKeyToPath(key));
  }

  /** `getWithProof` for a 32-byte path. */
  getWithProofRaw(tipBlockId: BlockIdInput, path: Uint8Array): MarfValueWithProof {
    this.#checkOpen();
    checkPath(path);
    const tip = toBlockId(tipBlockId, 'tip block id');
    this.#requireRecord(tip);
    return proveKey(this.reader, tip, path);
  }

  /** The root hash of a committed block. */
  getRootHash(blockId: BlockIdInput): Uint8Array {
    this.#checkOpen();
    return this.#requireRecord(toBlockId(blockId, 'block id')).rootHash.slice();
  }

  /** The height of a committed block (0 for the first block). */
  getBlockHeight(blockId: BlockIdInput): number {
    this.#checkOpen();
    return this.#requireRecord(toBlockId(blockId, 'block id')).height;
  }

  /** The block at `height` on the fork ending at `tipBlockId`, or `null` above the tip. */
  getBlockAtHeight(tipBlockId: BlockIdInput, height: number): Uint8Array | null {
    this.#checkOpen();
    const rec = this.#requireRecord(toBlockId(tipBlockId, 'tip block id'));
    const found = this.#blockAtHeight(rec.localId, height);
    return found === null ? null : found.slice();
  }

  /** True if `blockId` is committed. */
  hasBlock(blockId: BlockIdInput): boolean {
    this.#checkOpen();
    return this.#record(toBlockId(blockId, 'block id')) !== null;
  }

  /** Aborts an open transaction and closes the storage. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#open?.abort();
    this.#closed = true;
    this.#nodes.clear();
    this.#proofNodes.clear();
    this.#headers.clear();
    this.#ancestorHashes.clear();
    this.#records.clear();
    this.#storage.close();
  }

  // ---- internals ----

  #commit(tx: Transaction, trie: PendingTrie, rootHash: Uint8Array): void {
    this.#checkOpen();
    const header = this.#sealed.get(trie);
    if (header === undefined) throw new MarfError(MarfErrorCode.Corruption, 'a trie is committed before its root hash is computed');
    const encoded = layOutTrie(trie.nodes, 0, header);
    const blob = encoded.blob;
    const rec = this.#storage.commit({
      blockId: tx.blockId,
      parentBlockId: tx.parentBlockId,
      height: tx.height,
      rootHash,
      blob,
    });
    this.#cacheRecord(rec);
    this.#open = null;
    // The next block reads what this one wrote: keep the nodes, as decoded, instead of reading them again.
    const localId = rec.localId;
    this.#cacheHeader(localId, decodeTrieBlobHeader(blob.subarray(0, MAX_TRIE_BLOB_HEADER_LENGTH), localId, blob.length));
    adoptEncodedNodes(trie.nodes, encoded, (ptr, node) => this.#nodes.set(localId, ptr, node));
    this.#logger.debug('marf commit', { block: bytesToHex(tx.blockId), height: tx.height, nodes: trie.nodes.length, bytes: blob.length });
  }

  // The final root hash of a pending trie (skip-list included); cached on the root until the next write.
  #sealRoot(trie: PendingTrie): Uint8Array {
    this.#checkOpen();
    const root = trie.nodes[0]!;
    if (root.hash !== null) return root.hash;
    const nodeHash = hashPendingTrie(trie, this.reader.blockIdOf);
    const ancestors = this.#ancestorRecords((path) => lookupLeaf(root, PENDING_TRIE, trie.nodes, this.reader, path)?.value ?? null);
    root.hash = skipListRootHash(nodeHash, ancestors.map((rec) => rec.rootHash));
    this.#sealed.set(trie, { rootNodeHash: nodeHash.slice(), ancestorLocalIds: ancestors.map((rec) => rec.localId) });
    return root.hash;
  }

  #checkOpen(): void {
    if (this.#closed) throw new MarfError(MarfErrorCode.Closed, 'the MARF is closed');
  }

  #record(blockId: Uint8Array): TrieRecord | null {
    const last = this.#lastRecord;
    if (last !== null && equalBytes(last.blockId, blockId)) return last;
    const key = idKey(blockId);
    let rec = this.#records.get(key) ?? null;
    if (rec === null) {
      rec = this.#storage.getRecord(blockId);
      if (rec === null) return null;
      this.#cacheRecord(rec);
    }
    this.#lastRecord = rec;
    return rec;
  }

  #cacheRecord(rec: TrieRecord): void {
    if (this.#records.size >= RECORD_CACHE_LIMIT) this.#records.clear();
    this.#records.set(idKey(rec.blockId), rec);
    this.#byLocalId[rec.localId] = rec;
  }

  #requireRecord(blockId: Uint8Array): TrieRecord {
    const rec = this.#record(blockId);
    if (rec === null) {
      throw new MarfError(MarfErrorCode.BlockNotFound, `block ${bytesToHex(blockId)} is not in the MARF`, { blockId: bytesToHex(blockId) });
    }
    return rec;
  }

  #recordByLocalId(localId: number): TrieRecord {
    const cached = this.#byLocalId[localId];
    if (cached !== undefined) return cached;
    const rec = this.#storage.getRecordByLocalId(localId);
    if (rec === null) throw new MarfError(MarfErrorCode.BlockNotFound, `no trie with local id ${localId}`, { localId });
    this.#byLocalId[localId] = rec;
    return rec;
  }

  #blockIdOf(localId: number): Uint8Array {
    return (this.#byLocalId[localId] ?? this.#recordByLocalId(localId)).blockId;
  }

  #rootPtr(localId: number): number {
    return this.#header(localId).rootPtr;
  }

  // One read of the longest header (clamped to the blob), decoded once, then cached.
  #header(localId: number): TrieBlobHeader {
    const cached = this.#headers.get(localId);
    if (cached !== undefined) return cached;
    const header = decodeTrieBlobHeader(this.#readRange(localId, 0, MAX_TRIE_BLOB_HEADER_LENGTH), localId);
    this.#cacheHeader(localId, header);
    return header;
  }

  #cacheHeader(localId: number, header: TrieBlobHeader): void {
    if (this.#headers.size >= RECORD_CACHE_LIMIT) this.#headers.clear();
    this.#headers.set(localId, header);
  }

  // A storage range read (into `into` when given); an offset past the blob's end comes from a bad
  // pointer: corruption.
  #readRange(localId: number, offset: number, length: number, into: Uint8Array | null = null): Uint8Array {
    try {
      if (into !== null) return into.subarray(0, this.#storage.readBlobRangeInto!(localId, offset, length, into));
      return this.#storage.readBlobRange(localId, offset, length);
    } catch (err) {
      if (isMarfError(err, MarfErrorCode.InvalidArgument)) {
        const meta = { localId, ptr: offset };
        throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: pointer ${offset} is outside its blob`, meta, { cause: err });
      }
      throw err;
    }
  }

  // The bytes of the record at `ptr` of trie `localId` (one read, or two for a long record).
  #readRecord(localId: number, ptr: number, readAhead: number): Uint8Array {
    if (!Number.isSafeInteger(ptr) || ptr < TRIE_BLOB_HEADER_LENGTH) {
      throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: bad node pointer ${ptr}`, { localId, ptr });
    }
    const buffer = this.#recordBuffer();
    const bytes = this.#readRange(localId, ptr, readAhead, readAhead <= RECORD_BUFFER_LENGTH ? buffer : null);
    const length = nodeRecordLength(bytes);
    // A length past what the first read returned: read the whole record (unless the blob ended
    // there, or the length is impossible; the decoder reports those).
    if (length > bytes.length && bytes.length === readAhead && length <= MAX_NODE_RECORD_LENGTH) {
      return this.#readRange(localId, ptr, length, length <= RECORD_BUFFER_LENGTH ? buffer : null);
    }
    return bytes;
  }

  // The buffer records are read into at the current nesting of node decodes (a delta's base is
  // read while the delta's record is still being decoded), or null when the storage's range
  // reads do not copy (then there is nothing to save).
  #recordBuffer(): Uint8Array | null {
    if (this.#storage.readBlobRangeInto === undefined) return null;
    return (this.#recordBuffers[this.#readDepth] ??= new Uint8Array(RECORD_BUFFER_LENGTH));
  }

  // The base of a delta record: the cached node, else its record decoded for the copy the delta
  // makes of it (in place) and not cached. Bases are old versions of nodes, seldom read again as
  // themselves, and caching each one cost more (allocation, garbage collection, evictions of
  // nodes that are read again) than reading it again when one is.
  readonly #readBase = (localId: number, ptr: number, id?: number): TrieNode => this.#loadNode(localId, ptr, id ?? 0, true);

  #readNode(localId: number, ptr: number, id = 0): TrieNode {
    return this.#loadNode(localId, ptr, id, false);
  }

  // The cached node at `ptr` of trie `localId`, else its record decoded: cached, or for a delta's
  // copy (`forCopy`: not cached, see `#readBase`).
  #loadNode(localId: number, ptr: number, id: number, forCopy: boolean): TrieNode {
    const cached = this.#nodes.get(localId, ptr);
    if (cached !== undefined && !(cached instanceof Uint8Array)) return cached;
    const record = this.#readRecord(localId, ptr, this.#readAheadFor(localId, ptr, id));
    // Bases of a delta are read one level deeper, into their own buffer.
    this.#readDepth++;
    let node: TrieNode;
    try {
      node = forCopy
        ? decodeNodeRecordForCopy(record, 0, ptr, localId, this.#readBase)
        : decodeNodeRecord(record, 0, ptr, localId, this.#readBase);
    } finally {
      this.#readDepth--;
    }
    if (!forCopy) this.#nodes.set(localId, ptr, node);
    return node;
  }

  // How much to read at a node's offset: a root's length is in its trie's header (every root is a
  // Node256, and most Node256 are roots reached as delta bases); otherwise the longest record of
  // the node's type when the type is known, else `NODE_READ_AHEAD`.
  #readAheadFor(localId: number, ptr: number, id: number): number {
    const type = id & 0x7f;
    const header = type === TrieNodeId.Node256 ? this.#header(localId) : this.#headers.get(localId);
    if (header !== undefined && header.rootPtr === ptr) return header.rootLength;
    return MAX_RECORD_BY_TYPE[type] ?? NODE_READ_AHEAD;
  }

  // A node in proof layout: its slots with back-pointers' block ids, then its children hashes.
  // The hashes of its same-trie children come with the decoded node (from its record), a
  // back-pointer's is its trie's block id, an empty slot's is fixed; built once, then cached.
  #readProofNode(localId: number, ptr: number): ProofNodeBytes {
    const cached = this.#proofNodes.get(localId, ptr);
    if (cached !== undefined) return cached;
    const node = this.#readNode(localId, ptr);
    const { ids, chrs, backBlocks, path } = node;
    const n = ids.length;
    if (n === 0) throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: node at ${ptr} is not an interior node`, { localId, ptr });
    const hashesAt = 1 + n * 34 + 1 + path.length;
    const bytes = new Uint8Array(hashesAt + n * TRIE_HASH_LENGTH);
    bytes[0] = node.id;
    bytes[1 + n * 34] = path.length;
    bytes.set(path, 2 + n * 34);
    const out = bytes.subarray(hashesAt);
    // A decoded or just committed node carries its same-trie children's hashes; any other reads
    // them from its record.
    let copied = spreadChildHashes(node, out, 0);
    if (copied < 0) {
      copied = decodeNodeRecordChildHashes(this.#readRecord(localId, ptr, this.#readAheadFor(localId, ptr, node.id)), 0, ptr, localId, out);
    }
    let inline = 0;
    for (let i = 0, o = 1; i < n; i++, o += 34) {
      const id = ids[i]!;
      bytes[o] = id;
      bytes[o + 1] = chrs[i]!;
      if (id === 0) out.set(EMPTY_TRIE_HASH, i * TRIE_HASH_LENGTH);
      else if ((id & BACKPTR_BIT) !== 0) {
        const blockId = this.#blockIdOf(backBlocks[i]!);
        bytes.set(blockId, o + 2);
        out.set(blockId, i * TRIE_HASH_LENGTH);
      } else inline++;
    }
    if (copied !== inline) {
      const why = `trie ${localId}: node at ${ptr} stores ${copied} child hashes for ${inline} children`;
      throw new MarfError(MarfErrorCode.Corruption, why, { localId, ptr });
    }
    const entry: ProofNodeBytes = { bytes, hashesAt };
    this.#proofNodes.set(localId, ptr, entry);
    return entry;
  }

  #readNodeHash(localId: number, ptr: number): Uint8Array {
    const cached = this.#nodes.get(localId, ptr);
    if (cached !== undefined) return cached instanceof Uint8Array ? cached : cached.hash!;
    const hash = decodeNodeRecordHash(this.#readRecord(localId, ptr, NODE_READ_AHEAD), 0, ptr, localId);
    this.#nodes.set(localId, ptr, hash);
    return hash;
  }

  #getRawAt(tipLocalId: number, path: Uint8Array): Uint8Array | null {
    if (this.#walkRecords) return this.#lookupInRecords(tipLocalId, path);
    const root = this.#readNode(tipLocalId, this.#rootPtr(tipLocalId));
    const leaf = lookupLeaf(root, tipLocalId, null, this.reader, path);
    return leaf === null ? null : leaf.value!.slice();
  }

  // A lookup with no node cache to speak of: a Node256 (the root and the upper levels of every
  // trie, and the longest records) is searched for the one slot the path takes in its record, and
  // in the records of a delta's bases, each read into a buffer of the MARF, without decoding it
  // into a node; a leaf's value is copied out of its record. Other nodes are decoded as usual.
  // A lookup then allocates little but the value it returns.
  #lookupInRecords(tipLocalId: number, path: Uint8Array): Uint8Array | null {
    const savedDepth = this.#readDepth;
    try {
      let local = tipLocalId;
      let ptr = this.#rootPtr(tipLocalId);
      let id: number = TrieNodeId.Node256;
      let i = 0;
      for (let depth = 0; depth <= TRIE_PATH_LENGTH; depth++) {
        const type = id & ~BACKPTR_BIT;
        if (type !== TrieNodeId.Node256 && type !== TrieNodeId.Leaf) {
          this.#readDepth = savedDepth;
          const node = this.#readNode(local, ptr, id);
          const np = node.path;
          if (i + np.length > TRIE_PATH_LENGTH) return null;
          for (let j = 0; j < np.length; j++) if (np[j] !== path[i + j]) return null;
          i += np.length;
          if (node.id === TrieNodeId.Leaf) {
            if (i !== TRIE_PATH_LENGTH) this.#corruptPath(local, ptr, 'a leaf ends before the end of the key');
            return node.value!.slice();
          }
          if (i >= TRIE_PATH_LENGTH) this.#corruptPath(local, ptr, 'non-leaf encountered at end of path');
          const slot = findChild(node, path[i]!);
          if (slot < 0) return null;
          i++;
          id = node.ids[slot]!;
          if ((id & BACKPTR_BIT) !== 0) local = node.backBlocks[slot]!;
          ptr = node.ptrs[slot]!;
          continue;
        }
        // The record, then its bases while it is a delta (the last one holds the path).
        const shapes = this.#chainShapes;
        const chain = this.#chainBytes;
        const chainLocal = this.#chainLocalIds;
        const chainPtr = this.#chainPtrs;
        let records = 0;
        let recLocal = local;
        let recPtr = ptr;
        for (;;) {
          if (records > MAX_DELTA_DEPTH) this.#corruptPath(recLocal, recPtr, 'delta chain too long');
          this.#readDepth = savedDepth + records;
          const bytes = this.#readRecord(recLocal, recPtr, this.#readAheadFor(recLocal, recPtr, type));
          const shape = (shapes[records] ??= emptyRecordShape());
          readRecordShape(bytes, recPtr, recLocal, shape);
          if (shape.type !== type) this.#corruptPath(recLocal, recPtr, `node of type ${shape.type} where a ${type} was expected`);
          chain[records] = bytes;
          chainLocal[records] = recLocal;
          chainPtr[records] = recPtr;
          records++;
          if (!shape.delta) break;
          recLocal = shape.baseLocalId;
          recPtr = shape.basePtr;
        }
        const full = shapes[records - 1]!;
        const fullBytes = chain[records - 1]!;
        if (i + full.pathLen > TRIE_PATH_LENGTH) return null;
        for (let j = 0; j < full.pathLen; j++) if (fullBytes[full.pathAt + j] !== path[i + j]) return null;
        i += full.pathLen;
        if (type === TrieNodeId.Leaf) {
          if (i !== TRIE_PATH_LENGTH) this.#corruptPath(local, ptr, 'a leaf ends before the end of the key');
          return fullBytes.slice(full.slotsAt, full.slotsAt + MARF_VALUE_LENGTH);
        }
        if (i >= TRIE_PATH_LENGTH) this.#corruptPath(local, ptr, 'non-leaf encountered at end of path');
        const chr = path[i]!;
        i++;
        // The newest record that stores the slot wins; an inline child of a base is, in the
        // base's copy, a back-pointer into the base's trie.
        let at = -1;
        let k = 0;
        for (; k < records; k++) {
          at = findNode256RecordSlot(chain[k]!, shapes[k]!, chr, chainPtr[k]!, chainLocal[k]!);
          if (at >= 0) break;
        }
        if (at < 0) return null;
        const b = chain[k]!;
        const childId = b[at]!;
        if (childId === 0) return null;
        ptr = ((b[at + 2]! << 24) | (b[at + 3]! << 16) | (b[at + 4]! << 8) | b[at + 5]!) >>> 0;
        if ((childId & BACKPTR_BIT) !== 0) {
          id = childId;
          local = ((b[at + 6]! << 24) | (b[at + 7]! << 16) | (b[at + 8]! << 8) | b[at + 9]!) >>> 0;
        } else if (k > 0) {
          id = childId | BACKPTR_BIT;
          local = chainLocal[k]!;
        } else {
          id = childId;
        }
      }
      return this.#corruptPath(local, ptr, 'trie has a cycle');
    } finally {
      this.#readDepth = savedDepth;
    }
  }

  #corruptPath(localId: number, ptr: number, why: string): never {
    throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: ${why} (node at ${ptr})`, { localId, ptr });
  }

  // `MARF::get_block_at_height`, through the height keys of the tip's trie.
  #blockAtHeight(tipLocalId: number, height: number): Uint8Array | null {
    const rec = this.#recordByLocalId(tipLocalId);
    if (height === rec.height) return rec.blockId;
    if (!Number.isInteger(height) || height < 0 || height > rec.height) return null;
    const v = this.#getRawAt(tipLocalId, marfKeyToPath(blockHeightToHashKey(height)));
    return v === null ? null : marfValueToBlockId(v);
  }

  // Immutable once the trie is committed: cached by local id.
  // From the local ids in the trie's blob header (written when the trie was sealed).
  #ancestorRootHashesOf(localId: number): Uint8Array[] {
    const cached = this.#ancestorHashes.get(localId);
    if (cached !== undefined) return cached;
    const hashes = this.#header(localId).ancestorLocalIds.map((id) => this.#recordByLocalId(id).rootHash);
    if (this.#ancestorHashes.size >= RECORD_CACHE_LIMIT / 16) this.#ancestorHashes.clear();
    this.#ancestorHashes.set(localId, hashes);
    return hashes;
  }

  // `Trie::inner_get_trie_ancestor_hashes_bytes`: the trie's own height from its height key, then
  // the block at height h - 2^k (found through the height keys) for 2^k <= h; their root hashes
  // are the skip-list.
  #ancestorRecords(getInTrie: (path: Uint8Array) => Uint8Array | null): TrieRecord[] {
    const own = getInTrie(OWN_HEIGHT_PATH);
    if (own === null) throw new MarfError(MarfErrorCode.Corruption, 'trie has no block height key');
    const height = marfValueToU32(own);
    const out: TrieRecord[] = [];
    for (let k = 0; k < 32 && 2 ** k <= height; k++) {
      const ancestorHeight = height - 2 ** k;
      const v = getInTrie(marfKeyToPath(blockHeightToHashKey(ancestorHeight)));
      if (v === null) throw new MarfError(MarfErrorCode.Corruption, `no block at height ${ancestorHeight} in the height keys`);
      out.push(this.#requireRecord(marfValueToBlockId(v)));
    }
    return out;
  }
}

// What a transaction needs from its MARF.
interface TxHost {
  readonly reader: CommittedNodeReader;
  seal(trie: PendingTrie): Uint8Array;
  commit(tx: Transaction, trie: PendingTrie, rootHash: Uint8Array): void;
  release(tx: Transaction): void;
}

class Transaction implements MarfTransaction {
  readonly #marf: TxHost;
  readonly #trie: PendingTrie;
  #state: 'open' | 'committed' | 'aborted' = 'open';
  readonly blockId: Uint8Array;
  readonly parentBlockId: Uint8Array;
  readonly height: number;

  constructor(marf: TxHost, trie: PendingTrie, parentBlockId: Uint8Array, blockId: Uint8Array, height: number) {
    this.#marf = marf;
    this.#trie = trie;
    this.parentBlockId = parentBlockId;
    this.blockId = blockId;
    this.height = height;
  }

  #checkOpen(): void {
    if (this.#state !== 'open') throw new MarfError(MarfErrorCode.TxClosed, `the transaction is ${this.#state}`);
  }

  insert(key: string, value: Uint8Array): void {
    this.#checkOpen();
    checkValue(value);
    trieInsert(this.#trie, this.#marf.reader, marfKeyToPath(key), value);
  }

  insertRaw(path: Uint8Array, value: Uint8Array): void {
    this.#checkOpen();
    checkPath(path);
    checkValue(value);
    trieInsert(this.#trie, this.#marf.reader, path, value);
  }

  get(key: string): Uint8Array | null {
    return this.getRaw(marfKeyToPath(key));
  }

  getRaw(path: Uint8Array): Uint8Array | null {
    this.#checkOpen();
    checkPath(path);
    const nodes = this.#trie.nodes;
    const leaf = lookupLeaf(nodes[0]!, PENDING_TRIE, nodes, this.#marf.reader, path);
    return leaf === null ? null : leaf.value!.slice();
  }

  seal(): Uint8Array {
    this.#checkOpen();
    return this.#marf.seal(this.#trie).slice();
  }

  commit(): Uint8Array {
    this.#checkOpen();
    const rootHash = this.#marf.seal(this.#trie);
    this.#marf.commit(this, this.#trie, rootHash);
    this.#state = 'committed';
    return rootHash.slice();
  }

  abort(): void {
    if (this.#state !== 'open') return;
    this.#state = 'aborted';
    this.#marf.release(this);
  }
}
