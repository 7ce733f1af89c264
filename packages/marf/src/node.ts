/**
 * MARF trie nodes (stacks-core `index/node.rs`, `index/bits.rs`; SIP-004): the five node types,
 * child pointers with the back-pointer bit, node growth, and the consensus bytes and hashes.
 *
 * Every node has the same shape (so the hot paths stay monomorphic): a type id, a compressed
 * path, four parallel child arrays (`ids`, `chrs`, `ptrs`, `backBlocks`, empty for a leaf), a
 * Node48 index, a leaf value, and the cached hash (`null` while the node is dirty).
 *
 * A child slot is the reference's `TriePtr {id, chr, ptr, back_block}`: `ids[i]` is the child's
 * node type with bit 0x80 set when the child lives in another block's trie (a back-pointer);
 * `chrs[i]` is the path byte that leads to it; `ptrs[i]` locates it (an index into the trie being
 * built, or a byte offset into a committed trie's blob); `backBlocks[i]` is the storage local id
 * of the trie holding a back-pointed child (0 otherwise). Only the id, the chr and, for
 * back-pointers, the owning block's id reach a hash.
 */
import { sha512_256 } from '@stacks-ts/codec';
import { MarfError, MarfErrorCode } from './errors.ts';

/** Node type ids (`TrieNodeID`). `Patch` is a storage-only type of the reference, never used here. */
export const TrieNodeId = {
  Empty: 0,
  Leaf: 1,
  Node4: 2,
  Node16: 3,
  Node48: 4,
  Node256: 5,
  Patch: 6,
} as const;
export type TrieNodeId = (typeof TrieNodeId)[keyof typeof TrieNodeId];

/** The node types that have children. */
export type InteriorNodeId = 2 | 3 | 4 | 5;

/** Bit of a child id that marks a back-pointer (the child is in an ancestor block's trie). */
export const BACKPTR_BIT = 0x80;

/** Length of a trie path (SHA-512/256 of a key). */
export const TRIE_PATH_LENGTH = 32;
/** Length of a MARF value (`MARFValue`). */
export const MARF_VALUE_LENGTH = 40;
/** Length of a trie hash. */
export const TRIE_HASH_LENGTH = 32;

/** `TrieHash::EMPTY`: SHA-512/256 of the empty string, the hash of an empty child slot. */
export const EMPTY_TRIE_HASH: Uint8Array = sha512_256(new Uint8Array(0));

/** One child pointer (`TriePtr`), as a plain value; nodes store them in parallel arrays. */
export interface TriePtr {
  /** Child node type, with `BACKPTR_BIT` set for a back-pointer; 0 for an empty slot. */
  readonly id: number;
  /** The path byte that leads to the child. */
  readonly chr: number;
  /** Where the child is: an index in a trie being built, or a byte offset in a committed blob. */
  readonly ptr: number;
  /** Storage local id of the trie that holds a back-pointed child; 0 otherwise. */
  readonly backBlock: number;
}

/** A trie node of any type (see the module comment for the layout). */
export interface TrieNode {
  /** The node type (`TrieNodeId.Leaf` .. `TrieNodeId.Node256`), without flag bits. */
  id: TrieNodeId;
  /** The compressed path (for a leaf: the rest of the key after the chr that leads to it). */
  path: Uint8Array;
  /** Child ids (0 = empty slot, bit 0x80 = back-pointer). Length 4/16/48/256; 0 for a leaf. */
  ids: Uint8Array;
  /** Child path bytes, one per slot. */
  chrs: Uint8Array;
  /** Child locations, one per slot. */
  ptrs: Uint32Array;
  /** Local ids of the tries holding back-pointed children, one per slot. */
  backBlocks: Uint32Array;
  /** Node48 only: slot index for each chr, -1 when absent. Never hashed. */
  indexes: Int8Array | null;
  /** Leaf only: the 40-byte MARF value. */
  value: Uint8Array | null;
  /** The node's hash when known; `null` while the node is dirty. A root stores its final root hash. */
  hash: Uint8Array | null;
  /**
   * Storage only: for a node copied forward from a committed trie, where it came from (lets the
   * storage write it as a delta against that node). `null` otherwise.
   */
  cow: CowSource | null;
  /** Storage only: how many delta records stand between this node and a fully stored one (0 = full). */
  deltaDepth: number;
  /**
   * Committed interior nodes only: the stored hashes of the node's same-trie children, 32 bytes
   * each, in slot order (what a proof element needs besides the node); `null` when not known
   * (pending nodes, leaves, nodes without same-trie children).
   */
  childHashes: Uint8Array | null;
}

/** The committed node a copied node was made from (`TrieCowPtr` in the reference). */
export interface CowSource {
  /** The committed node (shared, read-only). */
  readonly base: TrieNode;
  /** Local id of the trie holding it. */
  readonly localId: number;
  /** Its offset in that trie's blob. */
  readonly ptr: number;
}

const NO_BYTES = new Uint8Array(0);
const NO_U32 = new Uint32Array(0);

/** True when a child id marks a back-pointer. */
export function isBackptr(id: number): boolean {
  return (id & BACKPTR_BIT) !== 0;
}

/** The child id with the back-pointer bit set. */
export function setBackptr(id: number): number {
  return id | BACKPTR_BIT;
}

/** The child id without the back-pointer bit. */
export function clearBackptr(id: number): number {
  return id & 0x7f;
}

/** Number of child slots of a node type (0 for a leaf). */
export function nodeCapacity(id: TrieNodeId): number {
  switch (id) {
    case TrieNodeId.Node4:
      return 4;
    case TrieNodeId.Node16:
      return 16;
    case TrieNodeId.Node48:
      return 48;
    case TrieNodeId.Node256:
      return 256;
    default:
      return 0;
  }
}

/** A new leaf with the given path suffix and 40-byte value (both kept by reference). */
export function createLeaf(path: Uint8Array, value: Uint8Array): TrieNode {
  return {
    id: TrieNodeId.Leaf,
    path,
    ids: NO_BYTES,
    chrs: NO_BYTES,
    ptrs: NO_U32,
    backBlocks: NO_U32,
    indexes: null,
    value,
    hash: null,
    cow: null,
    deltaDepth: 0,
    childHashes: null,
  };
}

/** A new interior node of type `id` with no children. */
export function createInteriorNode(id: InteriorNodeId, path: Uint8Array): TrieNode {
  const n = nodeCapacity(id);
  const node = interiorOver(id, path, new ArrayBuffer(slotBufferLength(id, n)), n);
  node.indexes?.fill(-1);
  return node;
}

// The child arrays of an interior node share one buffer (one allocation, one copy on
// copy-on-write): ptrs (u32 x n), backBlocks (u32 x n), ids (n), chrs (n), then Node48's index.
function slotBufferLength(id: number, n: number): number {
  return n * 10 + (id === TrieNodeId.Node48 ? 256 : 0);
}

function interiorOver(id: InteriorNodeId, path: Uint8Array, buf: ArrayBuffer, n: number): TrieNode {
  return {
    id,
    path,
    ids: new Uint8Array(buf, n * 8, n),
    chrs: new Uint8Array(buf, n * 9, n),
    ptrs: new Uint32Array(buf, 0, n),
    backBlocks: new Uint32Array(buf, n * 4, n),
    indexes: id === TrieNodeId.Node48 ? new Int8Array(buf, n * 10, 256) : null,
    value: null,
    hash: null,
    cow: null,
    deltaDepth: 0,
    childHashes: null,
  };
}

/** True for a leaf. */
export function isLeaf(node: TrieNode): boolean {
  return node.id === TrieNodeId.Leaf;
}

/** The child pointer in slot `i` as a plain value. */
export function childAt(node: TrieNode, i: number): TriePtr {
  return { id: node.ids[i]!, chr: node.chrs[i]!, ptr: node.ptrs[i]!, backBlock: node.backBlocks[i]! };
}

/** All child slots of a node in slot order (empty slots included); `[]` for a leaf. */
export function nodeChildren(node: TrieNode): TriePtr[] {
  const out: TriePtr[] = [];
  for (let i = 0; i < node.ids.length; i++) out.push(childAt(node, i));
  return out;
}

/**
 * The slot holding the child for `chr`, or -1 (`TrieNode::walk`). Node4/Node16 scan their slots
 * in order, Node48 goes through its index, Node256 looks at slot `chr`.
 */
export function findChild(node: TrieNode, chr: number): number {
  const ids = node.ids;
  switch (node.id) {
    case TrieNodeId.Node256:
      return ids[chr] !== 0 ? chr : -1;
    case TrieNodeId.Node48: {
      const i = node.indexes![chr]!;
      return i >= 0 && ids[i] !== 0 ? i : -1;
    }
    default: {
      const chrs = node.chrs;
      for (let i = 0; i < ids.length; i++) {
        if (ids[i] !== 0 && chrs[i] === chr) return i;
      }
      return -1;
    }
  }
}

/**
 * Copies `node.childHashes` (committed nodes: its same-trie children's hashes in slot order) to
 * `out[at + slot * 32]` for each such slot; returns how many it copied (0 for a node without
 * same-trie children), or -1 when the node does not carry them (or they do not match).
 */
export function spreadChildHashes(node: TrieNode, out: Uint8Array, at: number): number {
  const stored = node.childHashes ?? NO_BYTES;
  const ids = node.ids;
  let k = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id === 0 || (id & BACKPTR_BIT) !== 0) continue;
    if ((k + 1) * TRIE_HASH_LENGTH > stored.length) return -1;
    out.set(stored.subarray(k * TRIE_HASH_LENGTH, (k + 1) * TRIE_HASH_LENGTH), at + i * TRIE_HASH_LENGTH);
    k++;
  }
  return k * TRIE_HASH_LENGTH === stored.length ? k : -1;
}

/**
 * True if a child for `chr` fits without growing the node: a free slot or a slot with the same
 * chr exists (`Trie::node_has_space`).
 */
export function nodeHasSpace(node: TrieNode, chr: number): boolean {
  const ids = node.ids;
  const chrs = node.chrs;
  for (let i = ids.length - 1; i >= 0; i--) {
    if (ids[i] === 0 || chrs[i] === chr) return true;
  }
  return false;
}

/**
 * Puts a child pointer into a node (`TrieNode::insert`): replaces the child with the same chr
 * if there is one, else takes the first empty slot (Node4/16/48) or slot `chr` (Node256).
 * Returns false when the node is full.
 */
export function insertChild(node: TrieNode, id: number, chr: number, ptr: number, backBlock: number): boolean {
  let slot = findChild(node, chr);
  if (slot < 0) {
    if (node.id === TrieNodeId.Node256) {
      slot = chr;
    } else {
      const ids = node.ids;
      for (let i = 0; i < ids.length; i++) {
        if (ids[i] === 0) {
          slot = i;
          break;
        }
      }
      if (slot < 0) return false;
      if (node.indexes !== null) node.indexes[chr] = slot;
    }
  }
  node.ids[slot] = id;
  node.chrs[slot] = chr;
  node.ptrs[slot] = ptr;
  node.backBlocks[slot] = backBlock;
  return true;
}

/**
 * The next bigger node type holding the same path and children (`TrieNode16::from_node4`,
 * `TrieNode48::from_node16`, `TrieNode256::from_node48`): Node4->Node16 and Node16->Node48 keep
 * the slot order, Node48->Node256 puts each child at its chr.
 */
export function growNode(node: TrieNode): TrieNode {
  switch (node.id) {
    case TrieNodeId.Node4:
      return copySlotsInOrder(node, TrieNodeId.Node16);
    case TrieNodeId.Node16: {
      const grown = copySlotsInOrder(node, TrieNodeId.Node48);
      const idx = grown.indexes!;
      for (let i = 0; i < node.ids.length; i++) if (node.ids[i] !== 0) idx[node.chrs[i]!] = i;
      return grown;
    }
    case TrieNodeId.Node48:
      return toNode256(node);
    default:
      throw new MarfError(MarfErrorCode.Corruption, `cannot grow a node of type ${node.id}`);
  }
}

/** A Node256 with each child of `node` at slot chr (`TrieNode256::from_node4` / `from_node48`). */
export function toNode256(node: TrieNode): TrieNode {
  const out = createInteriorNode(TrieNodeId.Node256, node.path);
  for (let i = 0; i < node.ids.length; i++) {
    const c = node.chrs[i]!;
    out.ids[c] = node.ids[i]!;
    out.chrs[c] = c;
    out.ptrs[c] = node.ptrs[i]!;
    out.backBlocks[c] = node.backBlocks[i]!;
  }
  return out;
}

function copySlotsInOrder(node: TrieNode, id: InteriorNodeId): TrieNode {
  const out = createInteriorNode(id, node.path);
  out.ids.set(node.ids);
  out.chrs.set(node.chrs);
  out.ptrs.set(node.ptrs);
  out.backBlocks.set(node.backBlocks);
  return out;
}

/**
 * The copy of a committed node brought into a new trie (`MARF::node_copy_update`): every
 * non-empty child that is not already a back-pointer becomes a back-pointer into `ownerLocalId`,
 * the trie the node was read from (at offset `ownerPtr`, remembered for delta storage). A leaf's
 * path and value are shared (they are never written in place). The copy is dirty.
 */
export function copyNodeForward(node: TrieNode, ownerLocalId: number, ownerPtr = -1): TrieNode {
  if (node.id === TrieNodeId.Leaf) return createLeaf(node.path, node.value!);
  const n = node.ids.length;
  const src = node.ptrs.buffer;
  const len = slotBufferLength(node.id, n);
  const buf = src.byteLength === len ? (src as ArrayBuffer).slice(0) : copySlots(node, len);
  const copy = interiorOver(node.id as InteriorNodeId, node.path, buf, n);
  const { ids, backBlocks } = copy;
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    if (id !== 0 && (id & BACKPTR_BIT) === 0) {
      ids[i] = id | BACKPTR_BIT;
      if (backBlocks[i] === 0) backBlocks[i] = ownerLocalId;
    }
  }
  copy.cow = ownerPtr >= 0 ? { base: node, localId: ownerLocalId, ptr: ownerPtr } : null;
  copy.deltaDepth = node.deltaDepth + 1;
  return copy;
}

/**
 * `copyNodeForward(node, ownerLocalId)` made in `node` itself, for a node that nothing else holds
 * (a delta's base decoded only to be copied): its inline children become back-pointers into
 * `ownerLocalId`; it loses its hash and children hashes. Returns `node`. Interior nodes only.
 */
export function forwardNodeInPlace(node: TrieNode, ownerLocalId: number): TrieNode {
  const { ids, backBlocks } = node;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id !== 0 && (id & BACKPTR_BIT) === 0) {
      ids[i] = id | BACKPTR_BIT;
      if (backBlocks[i] === 0) backBlocks[i] = ownerLocalId;
    }
  }
  node.hash = null;
  node.childHashes = null;
  node.cow = null;
  node.deltaDepth++;
  return node;
}

// A node built by hand (its arrays not in one buffer): copy its arrays into the shared layout.
function copySlots(node: TrieNode, len: number): ArrayBuffer {
  const n = node.ids.length;
  const buf = new ArrayBuffer(len);
  new Uint32Array(buf, 0, n).set(node.ptrs);
  new Uint32Array(buf, n * 4, n).set(node.backBlocks);
  new Uint8Array(buf, n * 8, n).set(node.ids);
  new Uint8Array(buf, n * 9, n).set(node.chrs);
  if (node.indexes !== null) new Int8Array(buf, n * 10, 256).set(node.indexes);
  return buf;
}

/** Resolves a storage local id to the 32-byte block id of that trie (`BlockMap`). */
export type BlockIdOf = (localId: number) => Uint8Array;

/** Length of a node's consensus bytes. */
export function consensusBytesLength(node: TrieNode): number {
  if (node.id === TrieNodeId.Leaf) return 2 + node.path.length + MARF_VALUE_LENGTH;
  return 1 + node.ids.length * 34 + 1 + node.path.length;
}

/**
 * Writes a node's consensus bytes into `out` at `offset` and returns the end offset
 * (`ConsensusSerializable::write_consensus_bytes`, `TrieLeaf::write_bytes`). Interior node:
 * `id || per slot [id (with 0x80), chr, block id of a back-pointer's trie or 32 zeros] ||
 * path_len || path`. Leaf: `0x01 || path_len || path || value(40)`.
 */
export function writeConsensusBytes(node: TrieNode, blockIdOf: BlockIdOf, out: Uint8Array, offset: number): number {
  let o = offset;
  out[o++] = node.id;
  if (node.id === TrieNodeId.Leaf) {
    out[o++] = node.path.length;
    out.set(node.path, o);
    o += node.path.length;
    out.set(node.value!, o);
    return o + MARF_VALUE_LENGTH;
  }
  const ids = node.ids;
  const chrs = node.chrs;
  const n = ids.length;
  out.fill(0, o, o + n * 34);
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    if (id !== 0) {
      out[o] = id;
      out[o + 1] = chrs[i]!;
      if ((id & BACKPTR_BIT) !== 0) out.set(blockIdOf(node.backBlocks[i]!), o + 2);
    } else {
      out[o + 1] = chrs[i]!;
    }
    o += 34;
  }
  out[o++] = node.path.length;
  out.set(node.path, o);
  return o + node.path.length;
}

/** A node's consensus bytes (`to_consensus_bytes`); for a leaf, the preimage of its hash. */
export function nodeConsensusBytes(node: TrieNode, blockIdOf: BlockIdOf): Uint8Array {
  const out = new Uint8Array(consensusBytesLength(node));
  writeConsensusBytes(node, blockIdOf, out, 0);
  return out;
}

// Largest hash preimage: a Node256 with a 32-byte path and 256 child hashes.
const SCRATCH = new Uint8Array(1 + 256 * 34 + 1 + TRIE_PATH_LENGTH + 256 * TRIE_HASH_LENGTH);

/** The hash of a leaf (`get_leaf_hash`): SHA-512/256 of its consensus bytes. */
export function leafHash(leaf: TrieNode): Uint8Array {
  const end = writeConsensusBytes(leaf, unusedBlockIdOf, SCRATCH, 0);
  return sha512_256(SCRATCH.subarray(0, end));
}

/**
 * The hash of an interior node (`get_node_hash`): SHA-512/256 of its consensus bytes followed by
 * one 32-byte hash per slot, where `childHash(i)` gives the hash of the child in slot `i`; empty
 * slots use `EMPTY_TRIE_HASH` and back-pointer slots the block id of the trie holding the child,
 * without calling `childHash`. For a root this is the hash before the ancestor skip-list is mixed in.
 * `childHash` must return known hashes: it must not hash anything itself (the preimage is built
 * in a shared buffer).
 */
export function interiorNodeHash(node: TrieNode, blockIdOf: BlockIdOf, childHash: (slot: number) => Uint8Array): Uint8Array {
  let o = writeConsensusBytes(node, blockIdOf, SCRATCH, 0);
  const ids = node.ids;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    let h: Uint8Array;
    if (id === 0) h = EMPTY_TRIE_HASH;
    else if ((id & BACKPTR_BIT) !== 0) h = blockIdOf(node.backBlocks[i]!);
    else h = childHash(i);
    SCRATCH.set(h, o);
    o += TRIE_HASH_LENGTH;
  }
  return sha512_256(SCRATCH.subarray(0, o));
}

/**
 * The hash of an interior node from an explicit list of child hashes, one per slot (the
 * reference's `get_node_hash(node, child_hashes, map)`, used by proofs).
 */
export function nodeHashWithChildren(node: TrieNode, childHashes: readonly Uint8Array[], blockIdOf: BlockIdOf): Uint8Array {
  let o = writeConsensusBytes(node, blockIdOf, SCRATCH, 0);
  for (const h of childHashes) {
    SCRATCH.set(h, o);
    o += TRIE_HASH_LENGTH;
  }
  return sha512_256(SCRATCH.subarray(0, o));
}

/**
 * The final root hash of a trie (`Trie::get_trie_root_hash`): the root node's hash alone at
 * height 0, else SHA-512/256(root node hash || the ancestor root hashes `root(h-1), root(h-2),
 * root(h-4), ...`).
 */
export function skipListRootHash(rootNodeHash: Uint8Array, ancestorRootHashes: readonly Uint8Array[]): Uint8Array {
  if (ancestorRootHashes.length === 0) return rootNodeHash;
  SCRATCH.set(rootNodeHash, 0);
  let o = TRIE_HASH_LENGTH;
  for (const h of ancestorRootHashes) {
    SCRATCH.set(h, o);
    o += TRIE_HASH_LENGTH;
  }
  return sha512_256(SCRATCH.subarray(0, o));
}

function unusedBlockIdOf(localId: number): Uint8Array {
  throw new MarfError(MarfErrorCode.Corruption, `a leaf has no back-pointer (asked for trie ${localId})`);
}
