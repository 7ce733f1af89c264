/**
 * MARF Merkle proofs (stacks-core `index/proofs.rs`, `TrieMerkleProof`; SIP-004): prove that a
 * path has a value at a tip block, check such a proof against the tip's root hash, and the
 * proof's consensus bytes.
 *
 * A proof is a list of elements, oldest trie first:
 *
 * ```text
 * segment(trie holding the leaf)  Shunt(idx 0, ancestors)
 * segment(younger trie)           Shunt(idx>0) ... Shunt(idx>0)   (tail ..., junction)
 * ...
 * segment(tip trie)               Shunt(idx>0) ... Shunt(idx>0)
 * ```
 *
 * A segment is the walk of the path inside one trie, from the deepest node up to the root: a
 * `Leaf` (first segment only) or the node whose child on the path is a back-pointer, then each
 * interior node with the chr of the child on the path and the hashes of its other slots. The
 * first segment hashes up to that trie's root node hash, and the idx 0 shunt mixes in its
 * ancestor root hashes (the skip-list) to give its root hash. The next segment ends at the
 * back-pointer into that trie, whose slot hash is the block id of that trie: the verifier finds
 * it through `rootToBlock` (root hash -> block id). The shunts after a segment climb the
 * skip-list from the back-pointed trie to the segment's trie: each tail shunt gives the root
 * hash of an intermediate block from the previous one (`hashes` with the previous root hash
 * inserted at position idx - 1), the junction the root hash of the segment's trie (its root node
 * hash, then `hashes` with the previous root hash inserted at idx - 1). Verification ends when
 * the tip's root hash is reached.
 *
 * `rootToBlock` maps lowercase hex of a trie root hash to the 32-byte block id of that trie.
 * `proveKey` returns the entries of every trie that holds a segment; verification needs exactly
 * those. A verifier that does not trust the prover must build or check these entries from block
 * headers it trusts (the reference says the map "can be calculated and verified independently
 * from the blockchain headers"): a forged map lets a forged older trie stand in for a real one.
 *
 * Absent keys: the reference has no non-existence proof (`TrieMerkleProof::from_path` fails with
 * `NotFoundError` and `MARF::get_with_proof` returns `None`), so `proveKey` returns
 * `{ value: null, proof: null, rootToBlock: <empty map> }` for a path with no value.
 *
 * Verification follows `TrieMerkleProof::verify_proof` and `is_proof_well_formed`, and rejects
 * three things the reference lets through, none of which an honest proof contains: a `Leaf`
 * element anywhere but first (the reference would hash the later leaf and forget the proven one,
 * so a fake leaf put in front of the real one would prove a fake value), a first `Leaf` whose
 * chr is not the last path byte (the reference never reads that byte, and `from_path` always
 * writes the last path byte there), and elements left over after the claimed root hash is
 * reached (the reference stops early and ignores them).
 */
import { ByteReader, ByteWriter, CodecError, CodecErrorCode, sha512_256 } from '@stacks-ts/codec';
import { bytesToHex, equalBytes } from '@stacks-ts/common';
import { MarfError, MarfErrorCode } from './errors.ts';
import { Buffer } from 'node:buffer';
import type { MarfReader } from './marf.ts';
import {
  EMPTY_TRIE_HASH,
  MARF_VALUE_LENGTH,
  TRIE_HASH_LENGTH,
  TRIE_PATH_LENGTH,
  TrieNodeId,
  findChild,
  isBackptr,
  spreadChildHashes,
  type TrieNode,
} from './node.ts';
import { decodeNodeRecordChildHashes } from './serialize.ts';
import type { TrieRecord } from './storage.ts';

/** Type byte of each proof element (`TrieMerkleProofTypeIndicator`). */
export const TrieMerkleProofTypeIndicator = {
  Node4: 0,
  Node16: 1,
  Node48: 2,
  Node256: 3,
  Leaf: 4,
  Shunt: 5,
} as const;
export type TrieMerkleProofTypeIndicator = (typeof TrieMerkleProofTypeIndicator)[keyof typeof TrieMerkleProofTypeIndicator];

/** A child slot of a node in a proof (`ProofTriePtr`): the block id of a back-pointer's trie, else 32 zeros. */
export interface ProofTriePtr {
  /** Child node type, with bit 0x80 for a back-pointer; 0 for an empty slot. */
  readonly id: number;
  /** The path byte of the slot. */
  readonly chr: number;
  /** Block id of the trie a back-pointer points into; 32 zeros otherwise. */
  readonly backBlock: Uint8Array;
}

/** An interior node in a proof (`ProofTrieNode`): its type, compressed path and every slot. */
export interface ProofTrieNode {
  /** The node type id (`TrieNodeId.Node4` .. `TrieNodeId.Node256`). */
  readonly id: number;
  /** The node's compressed path. */
  readonly path: Uint8Array;
  /** All slots, empty ones included (4, 16, 48 or 256 of them). */
  readonly ptrs: readonly ProofTriePtr[];
}

/** The four interior element types. */
export type ProofNodeType = 'Node4' | 'Node16' | 'Node48' | 'Node256';

/**
 * An interior node of a segment (`TrieMerkleProofType::Node4/16/48/256`): `chr` is the slot
 * whose child is proven, `hashes` the hashes of the other slots in slot order (n - 1 of them).
 */
export interface ProofNodeElement {
  readonly type: ProofNodeType;
  readonly chr: number;
  readonly node: ProofTrieNode;
  readonly hashes: readonly Uint8Array[];
}

/** The proven leaf (`TrieMerkleProofType::Leaf`): its path suffix and 40-byte value; `chr` is the last path byte. */
export interface ProofLeafElement {
  readonly type: 'Leaf';
  readonly chr: number;
  readonly path: Uint8Array;
  readonly value: Uint8Array;
}

/** A skip-list step (`TrieMerkleProofType::Shunt`): `idx` (an i64) and root hashes. */
export interface ProofShuntElement {
  readonly type: 'Shunt';
  readonly idx: bigint;
  readonly hashes: readonly Uint8Array[];
}

/** One element of a proof (`TrieMerkleProofType`). */
export type TrieMerkleProofType = ProofNodeElement | ProofLeafElement | ProofShuntElement;

/** A MARF Merkle proof (`TrieMerkleProof`): its elements, oldest trie first (see the module comment). */
export type TrieMerkleProof = readonly TrieMerkleProofType[];

/** Root hash (as lowercase hex) -> block id of the tries a proof passes through. */
export type RootToBlock = ReadonlyMap<string, Uint8Array>;

/** What `proveKey` returns: the value and its proof, or `null`s for an absent path. */
export type MarfProofResult =
  | { readonly value: Uint8Array; readonly proof: TrieMerkleProof; readonly rootToBlock: Map<string, Uint8Array> }
  | { readonly value: null; readonly proof: null; readonly rootToBlock: Map<string, Uint8Array> };

const NODE_TYPES: Record<ProofNodeType, { indicator: number; slots: number }> = {
  Node4: { indicator: TrieMerkleProofTypeIndicator.Node4, slots: 4 },
  Node16: { indicator: TrieMerkleProofTypeIndicator.Node16, slots: 16 },
  Node48: { indicator: TrieMerkleProofTypeIndicator.Node48, slots: 48 },
  Node256: { indicator: TrieMerkleProofTypeIndicator.Node256, slots: 256 },
};

const INDICATOR_TO_NODE_TYPE: readonly ProofNodeType[] = ['Node4', 'Node16', 'Node48', 'Node256'];

/** The `rootToBlock` key of a root hash: its lowercase hex. */
export function rootToBlockKey(rootHash: Uint8Array): string {
  return bytesToHex(rootHash);
}

// ---------------------------------------------------------------------------------------------
// Proving
// ---------------------------------------------------------------------------------------------

function corrupt(why: string, meta: Record<string, unknown> = {}): never {
  throw new MarfError(MarfErrorCode.Corruption, why, meta);
}

function nodeTypeName(id: number): ProofNodeType {
  switch (id) {
    case TrieNodeId.Node4:
      return 'Node4';
    case TrieNodeId.Node16:
      return 'Node16';
    case TrieNodeId.Node48:
      return 'Node48';
    case TrieNodeId.Node256:
      return 'Node256';
    default:
      return corrupt(`node type ${id} on a proof path is not an interior node`);
  }
}

// The walk of `path` inside one trie (`walk_to_leaf_or_backptr`): the nodes from the root down,
// the chr taken out of each interior node, and how it ended.
interface SegmentWalk {
  readonly nodes: TrieNode[];
  /** The offset of each node in the trie's blob. */
  readonly ptrs: number[];
  readonly chrs: number[];
  /** Local id of the trie a back-pointer leads to; -1 when the walk ended on the leaf. */
  readonly backBlock: number;
}

// Walks `path` from the root of trie `localId` until the leaf or a back-pointer; null when the
// path is not in the trie (it diverges, or a chr has no child).
function walkSegment(reader: MarfReader, localId: number, path: Uint8Array): SegmentWalk | null {
  const nodes: TrieNode[] = [];
  const ptrs: number[] = [];
  const chrs: number[] = [];
  let ptr = reader.rootPtr(localId);
  let node = reader.readNode(localId, ptr);
  let i = 0;
  for (let depth = 0; depth <= TRIE_PATH_LENGTH + 1; depth++) {
    nodes.push(node);
    ptrs.push(ptr);
    const np = node.path;
    for (let j = 0; j < np.length; j++) {
      if (i >= TRIE_PATH_LENGTH) break;
      if (np[j] !== path[i]) return null;
      i++;
    }
    if (i >= TRIE_PATH_LENGTH) {
      // End of the path: it must end on a leaf.
      return node.id === TrieNodeId.Leaf ? { nodes, ptrs, chrs, backBlock: -1 } : null;
    }
    if (node.id === TrieNodeId.Leaf) return null;
    const chr = path[i]!;
    i++;
    const slot = findChild(node, chr);
    if (slot < 0) return null;
    chrs.push(chr);
    const id = node.ids[slot]!;
    if (isBackptr(id)) return { nodes, ptrs, chrs, backBlock: node.backBlocks[slot]! };
    ptr = node.ptrs[slot]!;
    node = reader.readNode(localId, ptr, id);
  }
  return corrupt(`trie ${localId} has a cycle on a path`, { localId });
}

// The node elements `proveKey` builds are frozen objects backed by bytes of the MARF: a trie
// root by its proof layout from the MARF's cache (`readProofNode`: shared, never handed out), a
// node further down by its decoded node (which carries its same-trie children's hashes) and a
// per-MARF table of block ids (for its back-pointers), its layout made when needed (into a scratch
// buffer when it is hashed or encoded); and the slot on the path. Verification hashes from those
// directly (one copy and one SHA-512/256 call per node) instead of walking 256 slot objects and
// 255 hash arrays per Node256, and encoding writes from them straight into the proof's bytes. The
// first read of `node` or `hashes` copies the element into its own consensus bytes, of which every
// byte field it shows is a view: from then on those bytes are what verification and encoding
// read. Shunt elements are backed the same way by the MARF's ancestor root hashes (copied on the
// first read of `hashes`). A copy (`{ ...el }`) is a plain object, encoded and checked field by
// field. Leaves are plain objects.
interface NodeSource {
  readonly indicator: number;
  readonly chr: number;
  /** `ProofNodeBytes.bytes`: `id || slots || path length || path || children hashes`; made from `lazy` when needed. */
  body: Uint8Array | null;
  /** Where `body` comes from when the MARF did not cache it. */
  readonly lazy: LazyNode | null;
  readonly hashesAt: number;
  /** The slot on the path (its hash is left out of the element). */
  readonly slot: number;
  /** The element's consensus bytes, once made. */
  bytes: Uint8Array | null;
  /** `node` and `hashes` of the element, once read (views of `bytes`). */
  view: ProofTrieNode | null;
  hashViews: readonly Uint8Array[] | null;
}

// A shunt element of `proveKey`: its hashes are the MARF's own (ancestor root hashes, a root
// node hash), kept end to end by the MARF too, which verification and encoding read in place;
// they are copied only when the element's `hashes` is read (from then on `list` is views of the
// copy and `packed` the copy, so a change made through them is seen).
interface ShuntSource {
  readonly indicator: typeof TrieMerkleProofTypeIndicator.Shunt;
  readonly idx: number;
  list: readonly Uint8Array[];
  /** The hashes of `list` end to end. */
  packed: Uint8Array;
  /** Whether `list` is the element's own copies. */
  copied: boolean;
}

// The hashes of `list` end to end.
function packHashes(list: readonly Uint8Array[]): Uint8Array {
  const packed = new Uint8Array(list.length * TRIE_HASH_LENGTH);
  for (let k = 0; k < list.length; k++) packed.set(list[k]!, k * TRIE_HASH_LENGTH);
  return packed;
}

function isShuntSource(src: NodeSource | ShuntSource): src is ShuntSource {
  return src.indicator === TrieMerkleProofTypeIndicator.Shunt;
}

// A node whose proof layout is made only when a verification, an encoding or a read needs it:
// the decoded node, its record when the node does not carry its children hashes, and the block
// ids of its back-pointers.
interface LazyNode {
  readonly node: TrieNode;
  /** The node's record, when its decoded form does not carry its children hashes (`childHashes`). */
  readonly record: Uint8Array | null;
  /** Block ids by local id, eight big-endian 32-bit words each (`BlockIdWords`; those of `node`'s back-pointers filled in). */
  readonly words: Int32Array;
  readonly localId: number;
  readonly ptr: number;
}

// Writes `ProofNodeBytes.bytes` of a lazy node into `out`; returns its length.
function writeLazyBody(lazy: LazyNode, out: Uint8Array): number {
  const { node, words } = lazy;
  const { ids, chrs, path } = node;
  const n = ids.length;
  const hashesAt = 2 + n * 34 + path.length;
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  out[0] = node.id;
  out.fill(0, 1, 1 + n * 34);
  out[1 + n * 34] = path.length;
  out.set(path, 2 + n * 34);
  let inline = 0;
  for (let i = 0, o = 1; i < n; i++, o += 34) {
    const id = ids[i]!;
    out[o] = id;
    out[o + 1] = chrs[i]!;
    if (id === 0) out.set(EMPTY_TRIE_HASH, hashesAt + i * TRIE_HASH_LENGTH);
    else if (isBackptr(id)) {
      // The block id, in the slot and as the child's hash, four bytes at a time (several times
      // faster than two `set` calls or a byte loop; this is most of the cost of a layout).
      for (let k = 0, w = node.backBlocks[i]! * 8, h = hashesAt + i * TRIE_HASH_LENGTH; k < TRIE_HASH_LENGTH; k += 4, w++) {
        view.setInt32(o + 2 + k, words[w]!);
        view.setInt32(h + k, words[w]!);
      }
    } else inline++;
  }
  let copied = spreadChildHashes(node, out, hashesAt);
  if (copied < 0 && lazy.record !== null) {
    copied = decodeNodeRecordChildHashes(lazy.record, 0, lazy.ptr, lazy.localId, out.subarray(hashesAt, hashesAt + n * TRIE_HASH_LENGTH), false);
  }
  if (copied !== inline) corrupt(`trie ${lazy.localId}: node at ${lazy.ptr} stores ${copied} child hashes for ${inline} children`);
  return hashesAt + n * TRIE_HASH_LENGTH;
}

function sourceBody(src: NodeSource): Uint8Array {
  if (src.body === null) {
    const lazy = src.lazy!;
    const n = lazy.node.ids.length;
    const body = new Uint8Array(2 + n * 34 + lazy.node.path.length + n * TRIE_HASH_LENGTH);
    writeLazyBody(lazy, body);
    src.body = body;
  }
  return src.body;
}

function readU32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

function writeU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = v >>> 16;
  b[o + 2] = v >>> 8;
  b[o + 3] = v;
}

// The slot count and consensus length of a `proveKey` node element.
function sourceSlots(src: NodeSource): number {
  return SLOTS_BY_INDICATOR[src.indicator]!;
}

function sourceLength(src: NodeSource): number {
  return 9 + src.hashesAt + (sourceSlots(src) - 1) * TRIE_HASH_LENGTH;
}

// Writes a node element's consensus bytes into `out` (from 0), made from `body`, its
// `ProofNodeBytes` layout (`body` may be longer); returns their length.
function writeSourceBytes(src: NodeSource, body: Uint8Array, out: Uint8Array): number {
  const { hashesAt, slot } = src;
  const n = sourceSlots(src);
  const pathLen = hashesAt - 2 - n * 34;
  out[0] = src.indicator;
  out[1] = src.chr;
  out[2] = body[0]!;
  writeU32(out, 3, pathLen);
  out.set(body.subarray(2 + n * 34, hashesAt), 7);
  writeU32(out, 7 + pathLen, n);
  out.set(body.subarray(1, 1 + n * 34), 11 + pathLen);
  const h = 11 + pathLen + n * 34;
  const at = hashesAt + slot * TRIE_HASH_LENGTH;
  out.set(body.subarray(hashesAt, at), h);
  out.set(body.subarray(at + TRIE_HASH_LENGTH, hashesAt + n * TRIE_HASH_LENGTH), h + slot * TRIE_HASH_LENGTH);
  return sourceLength(src);
}

// The consensus bytes of a `proveKey` node element (made once, when a field is read).
function sourceBytes(src: NodeSource): Uint8Array {
  if (src.bytes !== null) return src.bytes;
  const bytes = new Uint8Array(sourceLength(src));
  writeSourceBytes(src, sourceBody(src), bytes);
  src.bytes = bytes;
  return bytes;
}

// Encoding makes the layout of a node further down (which has none of its own) here, without
// keeping anything.
const ENCODE_BODY = new Uint8Array(1 + 256 * 34 + 1 + TRIE_PATH_LENGTH + 256 * TRIE_HASH_LENGTH);

// Writes a node element's consensus bytes into `out` at `at` (its own bytes once made, else made
// from its source); returns the end offset.
function encodeSourceInto(src: NodeSource, out: Uint8Array, at: number): number {
  if (src.bytes !== null) {
    out.set(src.bytes, at);
    return at + src.bytes.length;
  }
  let body = src.body;
  if (body === null) {
    writeLazyBody(src.lazy!, ENCODE_BODY);
    body = ENCODE_BODY;
  }
  return at + writeSourceBytes(src, body, at === 0 ? out : out.subarray(at));
}

// 32-byte views of `count` hashes from `at`, frozen.
function hashViews(bytes: Uint8Array, at: number, count: number): readonly Uint8Array[] {
  const out: Uint8Array[] = new Array<Uint8Array>(count);
  for (let k = 0; k < count; k++) out[k] = bytes.subarray(at + k * TRIE_HASH_LENGTH, at + (k + 1) * TRIE_HASH_LENGTH);
  return Object.freeze(out);
}

// The `ProofTrieNode` of a node element's consensus bytes, frozen.
function nodeView(bytes: Uint8Array): ProofTrieNode {
  const pathLen = readU32(bytes, 3);
  const path = bytes.subarray(7, 7 + pathLen);
  const n = readU32(bytes, 7 + pathLen);
  const ptrs: ProofTriePtr[] = new Array<ProofTriePtr>(n);
  for (let k = 0, o = 11 + pathLen; k < n; k++, o += 34) {
    ptrs[k] = Object.freeze({ id: bytes[o]!, chr: bytes[o + 1]!, backBlock: bytes.subarray(o + 2, o + 34) });
  }
  return Object.freeze({ id: bytes[2]!, path, ptrs: Object.freeze(ptrs) });
}

// The elements `proveKey` builds: frozen objects whose source (`NodeSource`, `ShuntSource`) is a
// private field, found by a brand check (cheaper than a WeakMap, whose entries also slow garbage
// collection). `type`, `chr` and `idx` are own data properties; `node` and `hashes` own accessors
// (one shared descriptor each), so a spread copy (`{ ...el }`) has them all, as plain values.
class ProvenElement {
  readonly #src: NodeSource | ShuntSource;

  constructor(src: NodeSource | ShuntSource) {
    this.#src = src;
  }

  /** The source of an element `proveKey` built, or `undefined` for any other value. */
  static sourceOf(el: unknown): NodeSource | ShuntSource | undefined {
    return typeof el === 'object' && el !== null && #src in el ? (el as ProvenElement).#src : undefined;
  }
}

function nodeSourceOf(el: unknown): NodeSource {
  return ProvenElement.sourceOf(el) as NodeSource;
}

// The accessors, one descriptor object each, defined one `Object.defineProperty` at a time: about
// half the cost of one `Object.defineProperties` call with all of them (a proof makes tens of
// elements).
const NODE_ACCESSOR: PropertyDescriptor = {
  enumerable: true,
  get(this: ProvenNodeElement): ProofTrieNode {
    const src = nodeSourceOf(this);
    return (src.view ??= nodeView(sourceBytes(src)));
  },
};

const NODE_HASHES_ACCESSOR: PropertyDescriptor = {
  enumerable: true,
  get(this: ProvenNodeElement): readonly Uint8Array[] {
    const src = nodeSourceOf(this);
    if (src.hashViews === null) {
      const bytes = sourceBytes(src);
      const count = NODE_TYPES[this.type].slots - 1;
      src.hashViews = hashViews(bytes, bytes.length - count * TRIE_HASH_LENGTH, count);
    }
    return src.hashViews;
  },
};

const SHUNT_HASHES_ACCESSOR: PropertyDescriptor = {
  enumerable: true,
  get(this: ProvenShuntElement): readonly Uint8Array[] {
    const src = ProvenElement.sourceOf(this) as ShuntSource;
    if (!src.copied) {
      // The element's own hashes: views of one copy of the packed hashes, which from then on is
      // what encoding and verification read (a change made through a view is seen).
      const own = src.packed.slice();
      src.list = hashViews(own, 0, src.list.length);
      src.packed = own;
      src.copied = true;
    }
    return src.list;
  },
};

// A node element over a `readProofNode` entry or a lazy node, leaving out slot `slot`'s hash.
class ProvenNodeElement extends ProvenElement implements ProofNodeElement {
  readonly type: ProofNodeType;
  readonly chr: number;
  declare readonly node: ProofTrieNode;
  declare readonly hashes: readonly Uint8Array[];

  constructor(type: ProofNodeType, src: NodeSource) {
    super(src);
    this.type = type;
    this.chr = src.chr;
    Object.defineProperty(this, 'node', NODE_ACCESSOR);
    Object.defineProperty(this, 'hashes', NODE_HASHES_ACCESSOR);
    Object.freeze(this);
  }
}

// A shunt element over `list` (hashes shared with the MARF: never handed out, see `ShuntSource`).
class ProvenShuntElement extends ProvenElement implements ProofShuntElement {
  readonly type = 'Shunt' as const;
  readonly idx: bigint;
  declare readonly hashes: readonly Uint8Array[];

  constructor(src: ShuntSource, idx: bigint) {
    super(src);
    this.idx = idx;
    Object.defineProperty(this, 'hashes', SHUNT_HASHES_ACCESSOR);
    Object.freeze(this);
  }
}

function nodeElement(type: ProofNodeType, chr: number, body: Uint8Array | null, lazy: LazyNode | null, hashesAt: number, slot: number): ProofNodeElement {
  const src: NodeSource = { indicator: NODE_TYPES[type].indicator, chr, body, lazy, hashesAt, slot, bytes: null, view: null, hashViews: null };
  return new ProvenNodeElement(type, src);
}

function shuntElement(step: ShuntStep): ProofShuntElement {
  const src: ShuntSource = { indicator: TrieMerkleProofTypeIndicator.Shunt, idx: step.idx, list: step.list, packed: step.packed, copied: false };
  return new ProvenShuntElement(src, step.idxBig);
}

// Each MARF's block ids by local id, as eight big-endian 32-bit words each (what a layout copies
// for every back-pointer), and which local ids are filled in. Entries never change; growing
// replaces the arrays (a lazy node keeps the one it was made with, which has what it needs).
interface BlockIdWords {
  words: Int32Array;
  known: Uint8Array;
  /** Nodes whose back-pointers' block ids are all in `words` (a Node256 has up to 256 to check). */
  readonly ready: WeakSet<TrieNode>;
}

const BLOCK_ID_WORDS = new WeakMap<MarfReader, BlockIdWords>();

function blockIdWords(reader: MarfReader): BlockIdWords {
  let table = BLOCK_ID_WORDS.get(reader);
  if (table === undefined) BLOCK_ID_WORDS.set(reader, (table = { words: new Int32Array(8 * 1024), known: new Uint8Array(1024), ready: new WeakSet() }));
  return table;
}

function addBlockIdWords(table: BlockIdWords, reader: MarfReader, localId: number): void {
  if (localId >= table.known.length) {
    const size = Math.max(localId + 1, table.known.length * 2);
    const words = new Int32Array(size * 8);
    words.set(table.words);
    const known = new Uint8Array(size);
    known.set(table.known);
    table.words = words;
    table.known = known;
  }
  const blockId = reader.blockIdOf(localId);
  for (let k = 0; k < 8; k++) {
    table.words[localId * 8 + k] = (blockId[k * 4]! << 24) | (blockId[k * 4 + 1]! << 16) | (blockId[k * 4 + 2]! << 8) | blockId[k * 4 + 3]!;
  }
  table.known[localId] = 1;
}

function hasSameTrieChild(node: TrieNode): boolean {
  for (const id of node.ids) if (id !== 0 && !isBackptr(id)) return true;
  return false;
}

// One segment element (`ptr_to_segment_proof_node`): every slot's hash but the one on the path.
function segmentElement(reader: MarfReader, localId: number, ptr: number, node: TrieNode, chr: number): TrieMerkleProofType {
  if (node.id === TrieNodeId.Leaf) {
    return { type: 'Leaf', chr, path: node.path.slice(), value: node.value!.slice() };
  }
  const type = nodeTypeName(node.id);
  const { ids, chrs } = node;
  const n = ids.length;
  let slot = -1;
  if (node.id === TrieNodeId.Node256) {
    // Slot `chr` (a Node256 decodes only with each slot's chr equal to its index).
    if (ids[chr] !== 0 && chrs[chr] === chr) slot = chr;
  } else {
    for (let i = 0; i < n; i++) {
      if (ids[i] === 0 || chrs[i] !== chr) continue;
      if (slot >= 0) corrupt(`trie ${localId}: chr ${chr} is in two slots of the node on the path`, { localId, chr });
      slot = i;
    }
  }
  if (slot < 0) corrupt(`trie ${localId}: chr ${chr} is not a child of the node on the path`, { localId, chr });
  // A trie's root (on the path of every proof through the trie) comes from the MARF's cache of
  // proof layouts; a node further down is kept as it was read, its layout made on demand: most
  // are met by one proof, and caching 17 KB a Node256 for them costs more (in allocation and
  // garbage collection) than making it again.
  if (ptr === reader.rootPtr(localId)) {
    const { bytes: body, hashesAt } = reader.readProofNode(localId, ptr);
    if (body.length !== hashesAt + n * TRIE_HASH_LENGTH || hashesAt !== 2 + n * 34 + node.path.length) {
      corrupt(`trie ${localId}: node at ${ptr} has a bad proof layout`, { localId, ptr });
    }
    return nodeElement(type, chr, body, null, hashesAt, slot);
  }
  // The block ids its back-pointers contribute are read now: the layout may be made after the
  // MARF closes.
  const table = blockIdWords(reader);
  if (!table.ready.has(node)) {
    const backBlocks = node.backBlocks;
    for (let i = 0; i < n; i++) {
      if (!isBackptr(ids[i]!)) continue;
      const b = backBlocks[i]!;
      if (b >= table.known.length || table.known[b] === 0) addBlockIdWords(table, reader, b);
    }
    table.ready.add(node);
  }
  // A node decoded from its record (or just committed) carries its same-trie children's hashes;
  // any other with children in its own trie is read again for them.
  let record: Uint8Array | null = null;
  if (node.childHashes === null && hasSameTrieChild(node)) record = reader.readNodeRecord(localId, ptr);
  const lazy: LazyNode = { node, record, words: table.words, localId, ptr };
  return nodeElement(type, chr, null, lazy, 2 + n * 34 + node.path.length, slot);
}

// `make_segment_proof`: the walked nodes, deepest first, each with the chr of its child on the
// path (the leaf gets the last path byte, as the reference's cursor gives it).
function makeSegmentProof(reader: MarfReader, localId: number, walk: SegmentWalk, path: Uint8Array): TrieMerkleProofType[] {
  const out: TrieMerkleProofType[] = [];
  for (let k = walk.nodes.length - 1; k >= 0; k--) {
    const node = walk.nodes[k]!;
    const chr = node.id === TrieNodeId.Leaf ? path[TRIE_PATH_LENGTH - 1]! : walk.chrs[k]!;
    out.push(segmentElement(reader, localId, walk.ptrs[k]!, node, chr));
  }
  return out;
}

// One shunt of a skip-list walk: its idx, its hashes and those end to end (shared, never handed
// out).
interface ShuntStep {
  readonly idx: number;
  /** `idx` as the element shows it. */
  readonly idxBig: bigint;
  readonly list: readonly Uint8Array[];
  readonly packed: Uint8Array;
}

// The shunts a trie gives walks through it: the head of a proof ending in it (idx 0: its ancestor
// root hashes), and by skip-list index k the step that jumps by 2^k, as the junction (the first
// step back from a segment) or after it. They depend on the trie alone, so each MARF keeps them by
// trie, shared by every proof that crosses it (bounded: the table starts over when full).
interface TrieShunts {
  head: ShuntStep | undefined;
  /** Index 2k: the junction that jumps by 2^k; 2k + 1: a later step that does. */
  readonly steps: (ShuntStep | undefined)[];
}

const SHUNTS = new WeakMap<MarfReader, { count: number; readonly byTrie: Map<number, TrieShunts> }>();
const MAX_SHUNTS = 1 << 16;

function trieShunts(reader: MarfReader, localId: number): TrieShunts {
  let table = SHUNTS.get(reader);
  if (table === undefined || table.count >= MAX_SHUNTS) {
    table = { count: 0, byTrie: new Map() };
    SHUNTS.set(reader, table);
  }
  let shunts = table.byTrie.get(localId);
  if (shunts === undefined) {
    table.byTrie.set(localId, (shunts = { head: undefined, steps: [] }));
    table.count++;
  }
  return shunts;
}

// The head shunt of a proof whose last segment is in trie `localId`.
function headShunt(reader: MarfReader, localId: number): ShuntStep {
  const shunts = trieShunts(reader, localId);
  if (shunts.head === undefined) {
    const list = reader.getAncestorRootHashes(localId);
    shunts.head = { idx: 0, idxBig: 0n, list, packed: packHashes(list) };
  }
  return shunts.head;
}

// `make_backptr_shunt_proof`: the skip-list steps from trie `from` back to its ancestor `to`, as
// shunt elements. Found from `from` backwards (the first step is the junction, which leaves out
// `from`'s root node hash because the segment gives it), then reversed.
function makeBackptrShuntProof(reader: MarfReader, from: TrieRecord, to: TrieRecord): ProofShuntElement[] {
  const out: ProofShuntElement[] = [];
  const targetHeight = to.height;
  let cur = from;
  let found = false;
  while (cur.height > targetHeight && !found) {
    const height = cur.height;
    const ancestorIds = reader.getAncestorLocalIds(cur.localId);
    // Whether the target is on this trie's skip-list (by local id: the same trie as by root hash).
    found = ancestorIds.includes(to.localId);
    // The longest skip-list jump that does not pass the target's height: 2^k <= height - target.
    const k = 31 - Math.clz32(height - targetHeight);
    if (k < 0 || k >= ancestorIds.length) corrupt(`no skip-list step from height ${height} toward ${targetHeight}`);
    if (found && ancestorIds[k] !== to.localId) corrupt(`ancestor not at skip-list index ${k}`);
    const junction = out.length === 0;
    const shunts = trieShunts(reader, cur.localId);
    let step = shunts.steps[2 * k + (junction ? 0 : 1)];
    if (step === undefined) {
      const ancestors = reader.getAncestorRootHashes(cur.localId);
      // Every ancestor but the k-th; after the junction, the trie's root node hash first.
      const list: Uint8Array[] = junction ? [] : [reader.rootNodeHash(cur.localId)];
      for (let i = 0; i < ancestors.length; i++) if (i !== k) list.push(ancestors[i]!);
      const idx = junction ? k + 1 : k + 2;
      step = { idx, idxBig: BigInt(idx), list, packed: packHashes(list) };
      shunts.steps[2 * k + (junction ? 0 : 1)] = step;
    }
    out.push(shuntElement(step));
    // The skip-list's k-th entry is the block at height - 2^k.
    const nextHeight = height - 2 ** k;
    const nextLocalId = ancestorIds[k];
    if (nextLocalId === undefined) corrupt(`no block at height ${nextHeight} below ${bytesToHex(cur.blockId)}`);
    cur = reader.getRecordByLocalId(nextLocalId);
    if (cur.height !== nextHeight) corrupt(`skip-list entry ${k} is at height ${cur.height}, not ${nextHeight}`);
  }
  if (!found) corrupt(`block ${bytesToHex(to.blockId)} is not an ancestor of ${bytesToHex(from.blockId)}`);
  return out.reverse();
}

// `rootToBlockKey` of a trie record's root hash, made once per record (records are shared).
const ROOT_HASH_KEYS = new WeakMap<TrieRecord, string>();

function rootHashKey(rec: TrieRecord): string {
  let key = ROOT_HASH_KEYS.get(rec);
  if (key === undefined) ROOT_HASH_KEYS.set(rec, (key = rootToBlockKey(rec.rootHash)));
  return key;
}

/**
 * Proves the value at a 32-byte `path` in block `tipBlockId` (`TrieMerkleProof::from_path`):
 * walks the path from the tip's root, following back-pointers into older tries, one segment and
 * its shunts per trie. Returns `{ value, proof, rootToBlock }`, or `{ value: null, proof: null,
 * rootToBlock: <empty> }` when the path has no value. Throws `MarfError` for an unknown tip or
 * inconsistent storage.
 */
export function proveKey(reader: MarfReader, tipBlockId: Uint8Array, path: Uint8Array): MarfProofResult {
  if (!(path instanceof Uint8Array) || path.length !== TRIE_PATH_LENGTH) {
    throw new MarfError(MarfErrorCode.InvalidArgument, `a trie path must be ${TRIE_PATH_LENGTH} bytes`);
  }
  const segments: TrieMerkleProofType[][] = [];
  const shunts: ProofShuntElement[][] = [];
  const rootToBlock = new Map<string, Uint8Array>();
  let rec = reader.getRecord(tipBlockId);
  let value: Uint8Array;
  for (;;) {
    const walk = walkSegment(reader, rec.localId, path);
    if (walk === null) return { value: null, proof: null, rootToBlock: new Map() };
    rootToBlock.set(rootHashKey(rec), rec.blockId.slice());
    segments.push(makeSegmentProof(reader, rec.localId, walk, path));
    if (walk.backBlock < 0) {
      shunts.push([shuntElement(headShunt(reader, rec.localId))]);
      value = walk.nodes[walk.nodes.length - 1]!.value!.slice();
      break;
    }
    const older = reader.getRecordByLocalId(walk.backBlock);
    if (older.height >= rec.height) {
      corrupt(`back-pointer from height ${rec.height} to height ${older.height}`, { localId: rec.localId });
    }
    shunts.push(makeBackptrShuntProof(reader, rec, older));
    rec = older;
  }
  const proof: TrieMerkleProofType[] = [];
  for (let s = segments.length - 1; s >= 0; s--) proof.push(...segments[s]!, ...shunts[s]!);
  return { value, proof, rootToBlock };
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

function isByte(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255;
}

function isBytes(v: unknown, length: number): v is Uint8Array {
  return v instanceof Uint8Array && v.length === length;
}

function isHashList(v: unknown): v is readonly Uint8Array[] {
  return Array.isArray(v) && v.every((h) => isBytes(h, TRIE_HASH_LENGTH));
}

// Is this a well-typed element (whatever its contents)? Proofs built by hand reach `verify` too.
function isElement(e: unknown): e is TrieMerkleProofType {
  if (typeof e !== 'object' || e === null) return false;
  const el = e as Record<string, unknown>;
  switch (el.type) {
    case 'Leaf':
      return isByte(el.chr) && el.path instanceof Uint8Array && isBytes(el.value, MARF_VALUE_LENGTH);
    case 'Shunt':
      return typeof el.idx === 'bigint' && isHashList(el.hashes);
    case 'Node4':
    case 'Node16':
    case 'Node48':
    case 'Node256': {
      if (!isByte(el.chr) || !isHashList(el.hashes)) return false;
      const node = el.node as Record<string, unknown> | null;
      if (typeof node !== 'object' || node === null || !isByte(node.id) || !(node.path instanceof Uint8Array)) return false;
      const ptrs = node.ptrs;
      if (!Array.isArray(ptrs)) return false;
      return ptrs.every((p: unknown) => {
        if (typeof p !== 'object' || p === null) return false;
        const ptr = p as Record<string, unknown>;
        return isByte(ptr.id) && isByte(ptr.chr) && isBytes(ptr.backBlock, 32);
      });
    }
    default:
      return false;
  }
}

// Verification reads every element from its consensus bytes: those an element built by
// `proveKey` keeps, those of a proof given as bytes, or those a plain element encodes to.
interface Prepared {
  /** The element's type byte (`TrieMerkleProofTypeIndicator`). */
  readonly kind: number;
  readonly bytes: Uint8Array;
  /** Leaf and node: the chr. */
  readonly chr: number;
  /** Node: the node id. */
  readonly nodeId: number;
  /** Leaf and node: the path (a view). */
  readonly path: Uint8Array;
  /** Node: where the slots start, and how many there are. */
  readonly ptrsAt: number;
  readonly nPtrs: number;
  /** Node and shunt: where the hashes start, and how many there are; leaf: where the value starts. */
  readonly hashesAt: number;
  readonly nHashes: number;
  /** Leaf: the value (a view). */
  readonly value: Uint8Array;
  /** Shunt: idx, or -1 for one outside [0, 2^32) (never 0, never in range). */
  readonly idx: number;
  /** Node of `proveKey` not yet copied out: its `readProofNode` bytes and the slot on the path. */
  readonly body: Uint8Array | null;
  readonly slot: number;
  /** Shunt: its hashes as arrays (a plain shunt's own). */
  readonly list: readonly Uint8Array[] | null;
  /** Node of `proveKey` whose layout is made when hashed. */
  readonly lazy: LazyNode | null;
}

function prepared(
  kind: number,
  bytes: Uint8Array,
  chr: number,
  nodeId: number,
  path: Uint8Array,
  value: Uint8Array,
  ptrsAt: number,
  nPtrs: number,
  hashesAt: number,
  nHashes: number,
  idx: number,
  body: Uint8Array | null,
  slot: number,
  list: readonly Uint8Array[] | null,
  lazy: LazyNode | null = null,
): Prepared {
  return { kind, bytes, chr, nodeId, path, value, ptrsAt, nPtrs, hashesAt, nHashes, idx, body, slot, list, lazy };
}

const SLOTS_BY_INDICATOR: readonly number[] = [4, 16, 48, 256];
const EMPTY = new Uint8Array(0);

function eof(what: string): never {
  throw new CodecError(CodecErrorCode.UnexpectedEof, `unexpected end of input reading ${what}`);
}

// Parses the element at `at` of `b` (the checks `readElement` makes); returns it and its end.
function parseElement(b: Uint8Array, at: number, end: number): { el: Prepared; end: number } {
  if (at + 1 > end) eof('proof element type');
  const kind = b[at]!;
  let o = at + 1;
  if (kind === TrieMerkleProofTypeIndicator.Leaf) {
    if (o + 5 > end) eof('leaf');
    const chr = b[o]!;
    const pathLen = readU32(b, o + 1);
    o += 5;
    if (pathLen > end - o) eof('leaf path');
    const path = b.subarray(o, o + pathLen);
    o += pathLen;
    if (MARF_VALUE_LENGTH > end - o) eof('leaf value');
    const el = prepared(kind, b, chr, 0, path, b.subarray(o, o + MARF_VALUE_LENGTH), 0, 0, 0, 0, 0, null, 0, null);
    return { el, end: o + MARF_VALUE_LENGTH };
  }
  if (kind === TrieMerkleProofTypeIndicator.Shunt) {
    if (o + 12 > end) eof('shunt');
    const idx = readU32(b, o) === 0 ? readU32(b, o + 4) : -1;
    const n = readU32(b, o + 8);
    o += 12;
    if (n > (end - o) / TRIE_HASH_LENGTH) eof('shunt hashes');
    const el = prepared(kind, b, 0, 0, EMPTY, EMPTY, 0, 0, o, n, idx, null, 0, null);
    return { el, end: o + n * TRIE_HASH_LENGTH };
  }
  if (kind > TrieMerkleProofTypeIndicator.Node256) {
    throw new CodecError(CodecErrorCode.BadPrefix, `bad type byte ${kind} in a MARF proof`, { offset: at });
  }
  if (o + 6 > end) eof('node');
  const chr = b[o]!;
  const nodeId = b[o + 1]!;
  const pathLen = readU32(b, o + 2);
  o += 6;
  if (pathLen > end - o) eof('node path');
  const path = b.subarray(o, o + pathLen);
  o += pathLen;
  if (o + 4 > end) eof('node ptrs');
  const nPtrs = readU32(b, o);
  o += 4;
  if (nPtrs > (end - o) / 34) eof('node ptrs');
  const ptrsAt = o;
  o += nPtrs * 34;
  const nHashes = SLOTS_BY_INDICATOR[kind]! - 1;
  if (nHashes * TRIE_HASH_LENGTH > end - o) eof('node hashes');
  const el = prepared(kind, b, chr, nodeId, path, EMPTY, ptrsAt, nPtrs, o, nHashes, 0, null, 0, null);
  return { el, end: o + nHashes * TRIE_HASH_LENGTH };
}

// The elements of a proof's consensus bytes, checked as `decodeMarfProof` checks them.
function parseProofBytes(b: Uint8Array): Prepared[] {
  if (b.length < 4) eof('MARF proof length');
  const n = readU32(b, 0);
  if (n > (b.length - 4) / MIN_ELEMENT_BYTES) eof('MARF proof');
  const out: Prepared[] = [];
  let o = 4;
  for (let k = 0; k < n; k++) {
    const r = parseElement(b, o, b.length);
    out.push(r.el);
    o = r.end;
  }
  if (o !== b.length) throw new CodecError(CodecErrorCode.TrailingBytes, 'trailing bytes after a MARF proof');
  return out;
}

// One element as `Prepared`: from its source (a `proveKey` element), its consensus bytes (one
// that was copied out), or its encoding (a plain element, checked first).
function prepareElement(e: unknown): Prepared | null {
  const src = ProvenElement.sourceOf(e);
  let bytes: Uint8Array;
  if (src !== undefined && isShuntSource(src)) {
    return prepared(TrieMerkleProofTypeIndicator.Shunt, src.packed, 0, 0, EMPTY, EMPTY, 0, 0, 0, src.list.length, src.idx, null, 0, null);
  }
  if (src !== undefined) {
    if (src.bytes === null) {
      const { body, lazy, hashesAt } = src;
      if (body === null) {
        const node = lazy!.node;
        const n = node.ids.length;
        return prepared(src.indicator, EMPTY, src.chr, node.id, node.path, EMPTY, 1, n, hashesAt, n - 1, 0, null, src.slot, null, lazy);
      }
      const n = (body.length - hashesAt) / TRIE_HASH_LENGTH;
      const path = body.subarray(2 + n * 34, hashesAt);
      return prepared(src.indicator, body, src.chr, body[0]!, path, EMPTY, 1, n, hashesAt, n - 1, 0, body, src.slot, null, null);
    }
    bytes = src.bytes;
  } else {
    if (!isElement(e)) return null;
    // Leaves and shunts are read as they are; a plain node is encoded.
    if (e.type === 'Leaf') return prepared(TrieMerkleProofTypeIndicator.Leaf, EMPTY, e.chr, 0, e.path, e.value, 0, 0, 0, 0, 0, null, 0, null);
    if (e.type === 'Shunt') {
      const idx = e.idx >= 0n && e.idx <= 0xffff_ffffn ? Number(e.idx) : -1;
      return prepared(TrieMerkleProofTypeIndicator.Shunt, EMPTY, 0, 0, EMPTY, EMPTY, 0, 0, 0, e.hashes.length, idx, null, 0, e.hashes);
    }
    const w = new ByteWriter(256);
    writeElement(w, e);
    bytes = w.toBytes();
  }
  const r = parseElement(bytes, 0, bytes.length);
  return r.end === bytes.length ? r.el : null;
}

// Hash preimages are built here (the largest: a Node256 with a 32-byte path and 256 hashes).
const SCRATCH = new Uint8Array(1 + 256 * 34 + 1 + TRIE_PATH_LENGTH + 256 * TRIE_HASH_LENGTH);

function scratch(length: number): Uint8Array {
  return length <= SCRATCH.length ? SCRATCH : new Uint8Array(length);
}

// The leaf's hash (`get_leaf_hash`): SHA-512/256(0x01 || path_len || path || value).
function proofLeafHash(leaf: Prepared): Uint8Array {
  const pathLen = leaf.path.length;
  const buf = scratch(2 + pathLen + MARF_VALUE_LENGTH);
  buf[0] = TrieNodeId.Leaf;
  buf[1] = pathLen;
  buf.set(leaf.path, 2);
  buf.set(leaf.value, 2 + pathLen);
  return sha512_256(buf.subarray(0, 2 + pathLen + MARF_VALUE_LENGTH));
}

// `get_segment_proof_hash`: the node's hash with `provenHash` in the slot(s) of `chr` and the
// supplied hashes, in order, in the others; null when they do not fit. The supplied hashes are
// copied in runs between proven slots.
function proofNodeHash(el: Prepared, provenHash: Uint8Array): Uint8Array | null {
  const slots = SLOTS_BY_INDICATOR[el.kind]!;
  const { bytes: b, chr, path, ptrsAt, hashesAt } = el;
  if (el.nPtrs !== slots || el.nHashes !== slots - 1 || path.length > TRIE_PATH_LENGTH) return null;
  const buf = SCRATCH;
  if (el.body !== null || el.lazy !== null) {
    // The preimage, with the proven hash in the slot on the path.
    let length: number;
    if (el.body !== null) {
      buf.set(el.body, 0);
      length = el.body.length;
    } else {
      length = writeLazyBody(el.lazy!, buf);
    }
    buf.set(provenHash, hashesAt + el.slot * TRIE_HASH_LENGTH);
    return sha512_256(buf.subarray(0, length));
  }
  buf[0] = el.nodeId;
  buf.set(b.subarray(ptrsAt, ptrsAt + slots * 34), 1);
  let o = 1 + slots * 34;
  buf[o++] = path.length;
  buf.set(path, o);
  const base = o + path.length;
  let next = 0;
  let runSlot = 0;
  let runNext = 0;
  for (let s = 0, p = ptrsAt; s < slots; s++, p += 34) {
    if (b[p] !== 0 && b[p + 1] === chr) {
      if (next > runNext) buf.set(b.subarray(hashesAt + runNext * TRIE_HASH_LENGTH, hashesAt + next * TRIE_HASH_LENGTH), base + runSlot * TRIE_HASH_LENGTH);
      buf.set(provenHash, base + s * TRIE_HASH_LENGTH);
      runSlot = s + 1;
      runNext = next;
    } else {
      if (next >= slots - 1) return null;
      next++;
    }
  }
  if (next > runNext) buf.set(b.subarray(hashesAt + runNext * TRIE_HASH_LENGTH, hashesAt + next * TRIE_HASH_LENGTH), base + runSlot * TRIE_HASH_LENGTH);
  return sha512_256(buf.subarray(0, base + slots * TRIE_HASH_LENGTH));
}

// `verify_segment_proof`: hash up elements [from, to) starting from `hash`.
function segmentRootHash(proof: readonly Prepared[], from: number, to: number, hash: Uint8Array): Uint8Array | null {
  let h: Uint8Array | null = hash;
  for (let k = from; k < to; k++) {
    const el = proof[k]!;
    if (el.kind === TrieMerkleProofTypeIndicator.Leaf) h = proofLeafHash(el);
    else if (el.kind === TrieMerkleProofTypeIndicator.Shunt) return null;
    else h = proofNodeHash(el, h);
    if (h === null) return null;
  }
  return h;
}

// `get_segment_proof_path_prefix`: writes the path bytes a segment covers, root first, to
// `out`; returns their length, or -1 when they pass 32 bytes or the segment holds a shunt.
function segmentPath(proof: readonly Prepared[], from: number, to: number, out: Uint8Array): number {
  let length = 0;
  for (let k = to - 1; k >= from; k--) {
    const el = proof[k]!;
    if (el.kind === TrieMerkleProofTypeIndicator.Shunt) return -1;
    const leaf = el.kind === TrieMerkleProofTypeIndicator.Leaf;
    const add = el.path.length + (leaf ? 0 : 1);
    if (length + add > TRIE_PATH_LENGTH) return -1;
    out.set(el.path, length);
    if (!leaf) out[length + el.path.length] = el.chr;
    length += add;
  }
  return length;
}

// End (exclusive) of the segment starting at `from`: the next shunt, or the end.
function segmentEnd(proof: readonly Prepared[], from: number): number {
  let j = from + 1;
  while (j < proof.length && proof[j]!.kind !== TrieMerkleProofTypeIndicator.Shunt) j++;
  return j;
}

// `is_proof_well_formed`, plus: a leaf only first, with chr = the last path byte.
function isWellFormed(proof: readonly Prepared[], path: Uint8Array): boolean {
  const head = proof[0];
  if (head === undefined || head.kind !== TrieMerkleProofTypeIndicator.Leaf || head.chr !== path[TRIE_PATH_LENGTH - 1]) return false;
  for (let k = 1; k < proof.length; k++) if (proof[k]!.kind === TrieMerkleProofTypeIndicator.Leaf) return false;
  const piece = new Uint8Array(TRIE_PATH_LENGTH);
  let i = 0;
  while (i < proof.length) {
    const j = segmentEnd(proof, i);
    const length = segmentPath(proof, i, j, piece);
    if (length < 0) return false;
    if (i === 0 && length !== TRIE_PATH_LENGTH) return false;
    for (let k = 0; k < length; k++) if (piece[k] !== path[k]) return false;
    i = j;
    if (i >= proof.length) return false; // a segment must be followed by shunts
    i++;
    while (i < proof.length && proof[i]!.kind === TrieMerkleProofTypeIndicator.Shunt) i++;
  }
  return true;
}

function isIdxZero(shunt: Prepared): boolean {
  return shunt.idx === 0;
}

// SHA-512/256 of `first` (if any), then the shunt's hashes with `hash` inserted at position
// idx - 1 (1 <= idx <= hashes + 1, else null); with `hash` null, of `first` and the hashes.
function shuntHash(shunt: Prepared, first: Uint8Array | null, hash: Uint8Array | null): Uint8Array | null {
  const n = shunt.nHashes;
  let at = n;
  if (hash !== null) {
    if (shunt.idx < 1 || shunt.idx > n + 1) return null;
    at = shunt.idx - 1;
  }
  const length = ((first !== null ? 1 : 0) + n + (hash !== null ? 1 : 0)) * TRIE_HASH_LENGTH;
  const buf = scratch(length);
  const list = shunt.list;
  if (list !== null) {
    let o = 0;
    if (first !== null) {
      buf.set(first, 0);
      o = TRIE_HASH_LENGTH;
    }
    for (let k = 0; k <= n; k++) {
      if (k === at && hash !== null) {
        buf.set(hash, o);
        o += TRIE_HASH_LENGTH;
      }
      if (k < n) {
        buf.set(list[k]!, o);
        o += TRIE_HASH_LENGTH;
      }
    }
    return sha512_256(buf.subarray(0, length));
  }
  const b = shunt.bytes;
  const h0 = shunt.hashesAt;
  let o = 0;
  if (first !== null) {
    buf.set(first, 0);
    o = TRIE_HASH_LENGTH;
  }
  buf.set(b.subarray(h0, h0 + at * TRIE_HASH_LENGTH), o);
  o += at * TRIE_HASH_LENGTH;
  if (hash !== null) {
    buf.set(hash, o);
    o += TRIE_HASH_LENGTH;
  }
  buf.set(b.subarray(h0 + at * TRIE_HASH_LENGTH, h0 + n * TRIE_HASH_LENGTH), o);
  return sha512_256(buf.subarray(0, length));
}

function lookupBlock(rootToBlock: RootToBlock, rootHash: Uint8Array): Uint8Array | null {
  const block = rootToBlock.get(rootToBlockKey(rootHash));
  return block instanceof Uint8Array && block.length === 32 ? block : null;
}

// `TrieMerkleProof::verify_proof` over checked inputs; may throw only on a bug.
function verifyChecked(proof: readonly Prepared[], path: Uint8Array, value: Uint8Array, rootHash: Uint8Array, rootToBlock: RootToBlock): boolean {
  if (!isWellFormed(proof, path)) return false;
  const head = proof[0]!;
  if (!equalBytes(head.value, value)) return false;

  // The first segment and its shunt head (idx 0: the trie's ancestor root hashes).
  let j = segmentEnd(proof, 0);
  const firstRoot = segmentRootHash(proof, 0, j, proofLeafHash(head));
  if (firstRoot === null) return false;
  let i = j;
  const shuntHead = proof[i];
  if (shuntHead === undefined || shuntHead.kind !== TrieMerkleProofTypeIndicator.Shunt || !isIdxZero(shuntHead)) return false;
  let trieHash = shuntHead.nHashes === 0 ? firstRoot : shuntHash(shuntHead, firstRoot, null)!;
  i++;
  if (i >= proof.length) return equalBytes(trieHash, rootHash);

  let nodeHash = lookupBlock(rootToBlock, trieHash);
  if (nodeHash === null || proof[i]!.kind === TrieMerkleProofTypeIndicator.Shunt) return false;

  while (i < proof.length) {
    j = segmentEnd(proof, i);
    const segmentRoot = segmentRootHash(proof, i, j, nodeHash);
    if (segmentRoot === null) return false;
    i = j;
    // Shunts with idx != 0: the tail, then the junction (the last of them).
    while (j < proof.length) {
      const el = proof[j]!;
      if (el.kind !== TrieMerkleProofTypeIndicator.Shunt || isIdxZero(el)) break;
      j++;
    }
    j -= 1;
    if (j < i) return false;
    let h: Uint8Array | null = trieHash;
    for (let k = i; k < j; k++) {
      h = shuntHash(proof[k]!, null, h);
      if (h === null) return false;
    }
    const junction = shuntHash(proof[j]!, segmentRoot, h);
    if (junction === null) return false;
    trieHash = junction;
    nodeHash = lookupBlock(rootToBlock, trieHash);
    if (nodeHash === null) return false;
    i = j + 1;
    if (equalBytes(trieHash, rootHash)) return i === proof.length;
  }
  return false;
}

/**
 * Checks that `proof` shows 32-byte `path` holding the 40-byte `value` in the trie whose root
 * hash is `rootHash` (`TrieMerkleProof::verify`), using `rootToBlock` (lowercase hex of a root
 * hash -> block id) to step between tries. `proof` may be a decoded proof or its consensus
 * bytes. Returns false, and never throws, for any mismatch or malformed input.
 */
export function verifyMarfProofRaw(
  proof: TrieMerkleProof | Uint8Array,
  rootHash: Uint8Array,
  path: Uint8Array,
  value: Uint8Array,
  rootToBlock: RootToBlock,
): boolean {
  try {
    if (!isBytes(rootHash, TRIE_HASH_LENGTH) || !isBytes(path, TRIE_PATH_LENGTH) || !isBytes(value, MARF_VALUE_LENGTH)) return false;
    if (!(rootToBlock instanceof Map)) return false;
    let elements: Prepared[];
    if (proof instanceof Uint8Array) {
      elements = parseProofBytes(proof);
    } else {
      if (!Array.isArray(proof)) return false;
      elements = [];
      for (const e of proof as readonly unknown[]) {
        const el = prepareElement(e);
        if (el === null) return false;
        elements.push(el);
      }
    }
    return verifyChecked(elements, path, value, rootHash, rootToBlock);
  } catch {
    return false;
  }
}

const utf8 = new TextEncoder();

/**
 * Checks that `proof` shows string `key` (hashed to its path with SHA-512/256 of its UTF-8
 * bytes) holding the 40-byte `value` under `rootHash`; see `verifyMarfProofRaw`. Never throws.
 */
export function verifyMarfProof(
  proof: TrieMerkleProof | Uint8Array,
  rootHash: Uint8Array,
  key: string,
  value: Uint8Array,
  rootToBlock: RootToBlock,
): boolean {
  if (typeof key !== 'string') return false;
  let path: Uint8Array;
  try {
    path = sha512_256(utf8.encode(key));
  } catch {
    return false;
  }
  return verifyMarfProofRaw(proof, rootHash, path, value, rootToBlock);
}

// ---------------------------------------------------------------------------------------------
// Consensus bytes
// ---------------------------------------------------------------------------------------------

function argError(why: string): never {
  throw new CodecError(CodecErrorCode.InvalidArgument, why);
}

function checkByte(v: number, what: string): number {
  if (!isByte(v)) argError(`${what} must be a byte, got ${String(v)}`);
  return v;
}

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

// One element's consensus bytes; those an element built by `proveKey` keeps are copied.
function writeElement(w: ByteWriter, el: TrieMerkleProofType): void {
  const src = ProvenElement.sourceOf(el);
  if (src !== undefined && !isShuntSource(src)) {
    const bytes = new Uint8Array(sourceLength(src));
    encodeSourceInto(src, bytes, 0);
    w.writeBytes(bytes);
    return;
  }
  switch (el.type) {
    case 'Leaf':
      w.writeU8(TrieMerkleProofTypeIndicator.Leaf);
      w.writeU8(checkByte(el.chr, 'leaf chr'));
      w.writeU32(el.path.length);
      w.writeBytes(el.path);
      w.writeFixed(el.value, MARF_VALUE_LENGTH, 'leaf value');
      break;
    case 'Shunt':
      if (typeof el.idx !== 'bigint' || el.idx < I64_MIN || el.idx > I64_MAX) argError(`shunt idx out of i64 range: ${String(el.idx)}`);
      w.writeU8(TrieMerkleProofTypeIndicator.Shunt);
      w.writeU64(BigInt.asUintN(64, el.idx));
      w.writeU32(el.hashes.length);
      for (const h of el.hashes) w.writeFixed(h, TRIE_HASH_LENGTH, 'shunt hash');
      break;
    default: {
      const spec = NODE_TYPES[el.type];
      if (spec === undefined) argError(`unknown proof element type ${String((el as { type: unknown }).type)}`);
      if (el.hashes.length !== spec.slots - 1) argError(`${el.type} element needs ${spec.slots - 1} hashes, got ${el.hashes.length}`);
      w.writeU8(spec.indicator);
      w.writeU8(checkByte(el.chr, 'node chr'));
      w.writeU8(checkByte(el.node.id, 'node id'));
      w.writeU32(el.node.path.length);
      w.writeBytes(el.node.path);
      w.writeU32(el.node.ptrs.length);
      for (const p of el.node.ptrs) {
        w.writeU8(checkByte(p.id, 'ptr id'));
        w.writeU8(checkByte(p.chr, 'ptr chr'));
        w.writeFixed(p.backBlock, 32, 'ptr back block');
      }
      for (const h of el.hashes) w.writeFixed(h, TRIE_HASH_LENGTH, 'node hash');
    }
  }
}

/** Writes a proof's consensus bytes (`TrieMerkleProof::consensus_serialize`) to `w`. */
export function writeMarfProof(w: ByteWriter, proof: TrieMerkleProof): void {
  w.writeU32(proof.length);
  for (const el of proof) writeElement(w, el);
}

/** A proof's consensus bytes (`TrieMerkleProof::consensus_serialize`; hex of these is `to_hex`). */
export function encodeMarfProof(proof: TrieMerkleProof): Uint8Array {
  return encodeProvenProof(proof) ?? ((): Uint8Array => {
    const w = new ByteWriter(256);
    writeMarfProof(w, proof);
    return w.toBytes();
  })();
}

// A proof as `proveKey` made it (its node and shunt elements, plain leaves) written straight into
// bytes of its exact length; null for any other proof (the writer checks each field of those).
function encodeProvenProof(proof: TrieMerkleProof): Uint8Array | null {
  if (!Array.isArray(proof)) return null;
  let size = 4;
  for (const el of proof) {
    const src = ProvenElement.sourceOf(el);
    if (src !== undefined) size += isShuntSource(src) ? 13 + src.list.length * TRIE_HASH_LENGTH : sourceLength(src);
    else if (isPlainLeaf(el)) size += 6 + el.path.length + MARF_VALUE_LENGTH;
    else return null;
  }
  // Every byte is written below: no need to zero them first (a proof is tens of KB).
  const out = new Uint8Array(Buffer.allocUnsafeSlow(size).buffer, 0, size);
  writeU32(out, 0, proof.length);
  let o = 4;
  for (const el of proof) {
    const src = ProvenElement.sourceOf(el);
    if (src === undefined) {
      const leaf = el as ProofLeafElement;
      out[o] = TrieMerkleProofTypeIndicator.Leaf;
      out[o + 1] = leaf.chr;
      writeU32(out, o + 2, leaf.path.length);
      out.set(leaf.path, o + 6);
      out.set(leaf.value, o + 6 + leaf.path.length);
      o += 6 + leaf.path.length + MARF_VALUE_LENGTH;
    } else if (isShuntSource(src)) {
      // idx as a big-endian i64 (a `proveKey` shunt's idx is small and not negative).
      out[o] = TrieMerkleProofTypeIndicator.Shunt;
      writeU32(out, o + 1, 0);
      writeU32(out, o + 5, src.idx);
      writeU32(out, o + 9, src.list.length);
      o += 13;
      out.set(src.packed, o);
      o += src.packed.length;
    } else o = encodeSourceInto(src, out, o);
  }
  return out;
}

function isPlainLeaf(el: unknown): el is ProofLeafElement {
  if (typeof el !== 'object' || el === null) return false;
  const leaf = el as Record<string, unknown>;
  return (
    leaf.type === 'Leaf' &&
    isByte(leaf.chr) &&
    leaf.path instanceof Uint8Array &&
    leaf.value instanceof Uint8Array &&
    leaf.value.length === MARF_VALUE_LENGTH
  );
}

const U32_MAX = 0xffff_ffff;
// Smallest encodings: a shunt with no hashes (type, idx, count), a slot, a hash, a path byte.
const MIN_ELEMENT_BYTES = 1 + 8 + 4;

// Decoded byte fields are views into the reader's bytes: `decodeMarfProof` copies its input once
// first, so a proof never aliases the caller's buffer.
function readHashes(r: ByteReader, n: number, what: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let k = 0; k < n; k++) out.push(r.readBytes(TRIE_HASH_LENGTH, what));
  return out;
}

function readElement(r: ByteReader): TrieMerkleProofType {
  const at = r.offset;
  const indicator = r.readU8('proof element type');
  switch (indicator) {
    case TrieMerkleProofTypeIndicator.Leaf: {
      const chr = r.readU8('leaf chr');
      const pathLength = r.readVecLength(U32_MAX, 1, 'leaf path');
      const path = r.readBytes(pathLength, 'leaf path');
      const value = r.readBytes(MARF_VALUE_LENGTH, 'leaf value');
      return { type: 'Leaf', chr, path, value };
    }
    case TrieMerkleProofTypeIndicator.Shunt: {
      const idx = BigInt.asIntN(64, r.readU64('shunt idx'));
      const n = r.readVecLength(U32_MAX, TRIE_HASH_LENGTH, 'shunt hashes');
      return { type: 'Shunt', idx, hashes: readHashes(r, n, 'shunt hash') };
    }
    case TrieMerkleProofTypeIndicator.Node4:
    case TrieMerkleProofTypeIndicator.Node16:
    case TrieMerkleProofTypeIndicator.Node48:
    case TrieMerkleProofTypeIndicator.Node256: {
      const type = INDICATOR_TO_NODE_TYPE[indicator]!;
      const chr = r.readU8('node chr');
      const id = r.readU8('node id');
      const pathLength = r.readVecLength(U32_MAX, 1, 'node path');
      const path = r.readBytes(pathLength, 'node path');
      const nPtrs = r.readVecLength(U32_MAX, 34, 'node ptrs');
      const ptrs: ProofTriePtr[] = [];
      for (let k = 0; k < nPtrs; k++) {
        const pid = r.readU8('ptr id');
        const pchr = r.readU8('ptr chr');
        ptrs.push({ id: pid, chr: pchr, backBlock: r.readBytes(32, 'ptr back block') });
      }
      const nHashes = NODE_TYPES[type].slots - 1;
      r.need(nHashes * TRIE_HASH_LENGTH, `${type} hashes`);
      return { type, chr, node: { id, path, ptrs }, hashes: readHashes(r, nHashes, 'node hash') };
    }
    default:
      throw new CodecError(CodecErrorCode.BadPrefix, `bad type byte ${indicator} in a MARF proof`, { offset: at });
  }
}

/**
 * Reads a proof's consensus bytes from `r` (`TrieMerkleProof::consensus_deserialize`). Throws
 * `CodecError` on malformed bytes; every length is checked against the bytes left before
 * anything is allocated. The proof's byte fields are views into `r.bytes`.
 */
export function readMarfProof(r: ByteReader): TrieMerkleProofType[] {
  const n = r.readVecLength(U32_MAX, MIN_ELEMENT_BYTES, 'MARF proof');
  const out: TrieMerkleProofType[] = [];
  for (let k = 0; k < n; k++) out.push(readElement(r));
  return out;
}

/**
 * Decodes a proof from exactly `bytes` (its consensus bytes). Throws `CodecError` (never
 * anything else) on malformed bytes or trailing bytes.
 */
export function decodeMarfProof(bytes: Uint8Array): TrieMerkleProofType[] {
  if (!(bytes instanceof Uint8Array)) throw new CodecError(CodecErrorCode.InvalidArgument, 'a MARF proof must be a Uint8Array');
  const r = new ByteReader(bytes.slice());
  const proof = readMarfProof(r);
  r.expectEnd('MARF proof');
  return proof;
}
