/**
 * The MARF's cache of what it read from committed tries: decoded nodes and node hashes, keyed by
 * (trie local id, offset in the trie's blob), bounded by an estimate of the bytes they hold.
 *
 * Eviction is generational (a cheap approximation of LRU): entries go into a young generation;
 * when it holds half the budget it becomes the old generation and the previous old one is dropped;
 * a hit in the old generation moves the entry back into the young one. A hit in the young
 * generation costs one `Map.get`, which keeps the hot paths (roots and upper levels of recent
 * tries) cheap.
 */
import type { TrieNode } from './node.ts';

// Local ids below this bound share one number key with the offset (localId * 2^32 + ptr stays a
// safe integer); larger ones fall back to a string key.
const NUMBER_KEY_LOCAL_IDS = 2 ** 21;

type Key = number | string;

function cacheKey(localId: number, ptr: number): Key {
  return localId < NUMBER_KEY_LOCAL_IDS ? localId * 0x1_0000_0000 + ptr : `${localId}:${ptr}`;
}

/** A bounded map from (local id, offset) to a value of estimated size `weigh(value)` bytes. */
export class TrieOffsetCache<V> {
  #young = new Map<Key, V>();
  #old = new Map<Key, V>();
  #youngBytes = 0;
  #oldBytes = 0;
  readonly #half: number;
  readonly #weigh: (value: V) => number;

  /** A cache of at most about `budgetBytes` (0: keeps only the last entry or so). */
  constructor(budgetBytes: number, weigh: (value: V) => number) {
    this.#half = Math.max(0, budgetBytes) / 2;
    this.#weigh = weigh;
  }

  /** The cached value, or `undefined`. */
  get(localId: number, ptr: number): V | undefined {
    const key = cacheKey(localId, ptr);
    const hit = this.#young.get(key);
    if (hit !== undefined) return hit;
    const old = this.#old.get(key);
    if (old !== undefined) {
      this.#old.delete(key);
      const w = this.#weigh(old);
      this.#oldBytes -= w;
      this.#put(key, old, w);
    }
    return old;
  }

  /** Caches a value (after a miss, or to replace a value of the same key). */
  set(localId: number, ptr: number, value: V): void {
    const key = cacheKey(localId, ptr);
    const young = this.#young.get(key);
    if (young !== undefined) this.#youngBytes -= this.#weigh(young);
    const old = this.#old.get(key);
    if (old !== undefined) {
      this.#old.delete(key);
      this.#oldBytes -= this.#weigh(old);
    }
    this.#put(key, value, this.#weigh(value));
  }

  /** Estimated bytes held. */
  get bytes(): number {
    return this.#youngBytes + this.#oldBytes;
  }

  /** Number of entries held. */
  get size(): number {
    return this.#young.size + this.#old.size;
  }

  /** Drops everything. */
  clear(): void {
    this.#young = new Map();
    this.#old = new Map();
    this.#youngBytes = this.#oldBytes = 0;
  }

  #put(key: Key, value: V, weight: number): void {
    this.#young.set(key, value);
    this.#youngBytes += weight;
    if (this.#youngBytes > this.#half) {
      this.#old = this.#young;
      this.#oldBytes = this.#youngBytes;
      this.#young = new Map();
      this.#youngBytes = 0;
    }
  }
}

// Rough V8 cost of a node: the object, its typed arrays (each with its own header) and byte fields.
const NODE_OVERHEAD_BYTES = 640;
const TYPED_ARRAY_OVERHEAD_BYTES = 96;

/** Estimated heap bytes of a decoded node. */
export function nodeWeight(node: TrieNode): number {
  const slots = node.ids.length;
  return (
    NODE_OVERHEAD_BYTES +
    node.path.length +
    10 * slots +
    (node.indexes !== null ? 256 : 0) +
    (node.value !== null ? node.value.length + TYPED_ARRAY_OVERHEAD_BYTES : 0) +
    (node.childHashes !== null ? node.childHashes.length + TYPED_ARRAY_OVERHEAD_BYTES : 0)
  );
}

/** Estimated heap bytes of a cached node, or of a node's cached hash alone. */
export function cachedNodeWeight(entry: TrieNode | Uint8Array): number {
  return entry instanceof Uint8Array ? entry.length + TYPED_ARRAY_OVERHEAD_BYTES : nodeWeight(entry);
}
