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
import type { MarfReader } from './marf.ts';
import {
  MARF_VALUE_LENGTH,
  TRIE_HASH_LENGTH,
  TRIE_PATH_LENGTH,
  TrieNodeId,
  findChild,
  isBackptr,
  type TrieNode,
} from './node.ts';
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

// Byte fields of one element are views into one buffer per element (fewer allocations).
function toProofNode(reader: MarfReader, node: TrieNode): ProofTrieNode {
  const n = node.ids.length;
  const backBlocks = new Uint8Array(n * 32);
  const ptrs: ProofTriePtr[] = [];
  for (let i = 0; i < n; i++) {
    const id = node.ids[i]!;
    if (isBackptr(id)) backBlocks.set(reader.blockIdOf(node.backBlocks[i]!), i * 32);
    ptrs.push({ id, chr: node.chrs[i]!, backBlock: backBlocks.subarray(i * 32, i * 32 + 32) });
  }
  return { id: node.id, path: node.path.slice(), ptrs };
}

// One segment element (`ptr_to_segment_proof_node`): every slot's hash but the one on the path.
function segmentElement(reader: MarfReader, localId: number, ptr: number, node: TrieNode, chr: number): TrieMerkleProofType {
  if (node.id === TrieNodeId.Leaf) {
    return { type: 'Leaf', chr, path: node.path.slice(), value: node.value!.slice() };
  }
  const type = nodeTypeName(node.id);
  const n = node.ids.length;
  const all = reader.readChildHashes(localId, ptr);
  const buf = new Uint8Array((n - 1) * TRIE_HASH_LENGTH);
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    if (node.ids[i] !== 0 && node.chrs[i] === chr) continue;
    if (hashes.length === n - 1) corrupt(`trie ${localId}: chr ${chr} is not a child of the node on the path`, { localId, chr });
    const o = hashes.length * TRIE_HASH_LENGTH;
    buf.set(all.subarray(i * TRIE_HASH_LENGTH, (i + 1) * TRIE_HASH_LENGTH), o);
    hashes.push(buf.subarray(o, o + TRIE_HASH_LENGTH));
  }
  if (hashes.length !== n - 1) corrupt(`trie ${localId}: chr ${chr} is not a child of the node on the path`, { localId, chr });
  return { type, chr, node: toProofNode(reader, node), hashes };
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

// `make_backptr_shunt_proof`: the skip-list steps from trie `from` back to its ancestor `to`.
// Built from `from` backwards (the first step is the junction, which leaves out `from`'s root
// node hash because the segment gives it), then reversed.
function makeBackptrShuntProof(reader: MarfReader, from: TrieRecord, to: TrieRecord): ProofShuntElement[] {
  const out: ProofShuntElement[] = [];
  const targetRoot = to.rootHash;
  const targetHeight = to.height;
  let cur = from;
  let found = false;
  while (cur.height > targetHeight && !found) {
    const height = cur.height;
    const ancestors = reader.getAncestorRootHashes(cur.localId);
    found = ancestors.some((h) => equalBytes(h, targetRoot));
    // The longest skip-list jump that does not pass the target's height.
    let k = 0;
    while (2 ** k <= height && height - 2 ** k >= targetHeight) k++;
    k -= 1;
    if (k < 0 || k >= ancestors.length) corrupt(`no skip-list step from height ${height} toward ${targetHeight}`);
    if (found && !equalBytes(ancestors[k]!, targetRoot)) corrupt(`ancestor root hash not at skip-list index ${k}`);
    const hashes: Uint8Array[] = [];
    for (let i = 0; i < ancestors.length; i++) if (i !== k) hashes.push(ancestors[i]!.slice());
    let idx = k + 1;
    if (out.length > 0) {
      hashes.unshift(reader.rootNodeHash(cur.localId).slice());
      idx += 1;
    }
    out.push({ type: 'Shunt', idx: BigInt(idx), hashes });
    // The skip-list's k-th entry is the block at height - 2^k.
    const nextHeight = height - 2 ** k;
    const nextLocalId = reader.getAncestorLocalIds(cur.localId)[k];
    if (nextLocalId === undefined) corrupt(`no block at height ${nextHeight} below ${bytesToHex(cur.blockId)}`);
    cur = reader.getRecordByLocalId(nextLocalId);
    if (cur.height !== nextHeight) corrupt(`skip-list entry ${k} is at height ${cur.height}, not ${nextHeight}`);
  }
  if (!found) corrupt(`block ${bytesToHex(to.blockId)} is not an ancestor of ${bytesToHex(from.blockId)}`);
  return out.reverse();
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
    rootToBlock.set(rootToBlockKey(rec.rootHash), rec.blockId.slice());
    segments.push(makeSegmentProof(reader, rec.localId, walk, path));
    if (walk.backBlock < 0) {
      const ancestors = reader.getAncestorRootHashes(rec.localId).map((h) => h.slice());
      shunts.push([{ type: 'Shunt', idx: 0n, hashes: ancestors }]);
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

// The leaf's hash (`get_leaf_hash`): SHA-512/256(0x01 || path_len || path || value).
function proofLeafHash(leaf: ProofLeafElement): Uint8Array {
  const buf = new Uint8Array(2 + leaf.path.length + MARF_VALUE_LENGTH);
  buf[0] = TrieNodeId.Leaf;
  buf[1] = leaf.path.length;
  buf.set(leaf.path, 2);
  buf.set(leaf.value, 2 + leaf.path.length);
  return sha512_256(buf);
}

// `get_segment_proof_hash`: the node's hash with `provenHash` in the slot(s) of `chr` and the
// supplied hashes, in order, in the others; null when they do not fit.
function proofNodeHash(el: ProofNodeElement, provenHash: Uint8Array): Uint8Array | null {
  const slots = NODE_TYPES[el.type].slots;
  const { node, hashes, chr } = el;
  if (node.ptrs.length !== slots || hashes.length !== slots - 1 || node.path.length > TRIE_PATH_LENGTH) return null;
  const buf = new Uint8Array(1 + slots * 34 + 1 + node.path.length + slots * TRIE_HASH_LENGTH);
  let o = 0;
  buf[o++] = node.id;
  for (const p of node.ptrs) {
    buf[o] = p.id;
    buf[o + 1] = p.chr;
    buf.set(p.backBlock, o + 2);
    o += 34;
  }
  buf[o++] = node.path.length;
  buf.set(node.path, o);
  o += node.path.length;
  let next = 0;
  for (const p of node.ptrs) {
    let h: Uint8Array;
    if (p.id !== 0 && p.chr === chr) h = provenHash;
    else {
      if (next >= hashes.length) return null;
      h = hashes[next++]!;
    }
    buf.set(h, o);
    o += TRIE_HASH_LENGTH;
  }
  return sha512_256(buf);
}

// `verify_segment_proof`: hash up elements [from, to) starting from `hash`.
function segmentRootHash(proof: TrieMerkleProof, from: number, to: number, hash: Uint8Array): Uint8Array | null {
  let h: Uint8Array | null = hash;
  for (let k = from; k < to; k++) {
    const el = proof[k]!;
    if (el.type === 'Leaf') h = proofLeafHash(el);
    else if (el.type === 'Shunt') return null;
    else h = proofNodeHash(el, h);
    if (h === null) return null;
  }
  return h;
}

// `get_segment_proof_path_prefix`: the path bytes a segment covers, root first.
function segmentPath(proof: TrieMerkleProof, from: number, to: number): Uint8Array | null {
  const parts: Uint8Array[] = [];
  let length = 0;
  for (let k = to - 1; k >= from; k--) {
    const el = proof[k]!;
    if (el.type === 'Shunt') return null;
    const piece = el.type === 'Leaf' ? el.path : el.node.path;
    if (el.type !== 'Leaf') {
      parts.push(piece, Uint8Array.of(el.chr));
      length += piece.length + 1;
    } else {
      parts.push(piece);
      length += piece.length;
    }
    if (length > TRIE_PATH_LENGTH) return null;
  }
  const out = new Uint8Array(length);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// End (exclusive) of the segment starting at `from`: the next shunt, or the end.
function segmentEnd(proof: TrieMerkleProof, from: number): number {
  let j = from + 1;
  while (j < proof.length && proof[j]!.type !== 'Shunt') j++;
  return j;
}

// `is_proof_well_formed`, plus: a leaf only first, with chr = the last path byte.
function isWellFormed(proof: TrieMerkleProof, path: Uint8Array): boolean {
  const head = proof[0];
  if (head === undefined || head.type !== 'Leaf' || head.chr !== path[TRIE_PATH_LENGTH - 1]) return false;
  for (let k = 1; k < proof.length; k++) if (proof[k]!.type === 'Leaf') return false;
  let i = 0;
  while (i < proof.length) {
    const j = segmentEnd(proof, i);
    const piece = segmentPath(proof, i, j);
    if (piece === null) return false;
    if (i === 0) {
      if (!equalBytes(piece, path)) return false;
    } else if (!equalBytes(piece, path.subarray(0, piece.length))) {
      return false;
    }
    i = j;
    if (i >= proof.length) return false; // a segment must be followed by shunts
    i++;
    while (i < proof.length && proof[i]!.type === 'Shunt') i++;
  }
  return true;
}

function sha512_256Of(parts: readonly Uint8Array[]): Uint8Array {
  const buf = new Uint8Array(parts.length * TRIE_HASH_LENGTH);
  for (let k = 0; k < parts.length; k++) buf.set(parts[k]!, k * TRIE_HASH_LENGTH);
  return sha512_256(buf);
}

// `hashes` with `hash` inserted at position idx - 1 (1 <= idx <= hashes.length + 1), else null.
function insertAt(hashes: readonly Uint8Array[], idx: bigint, hash: Uint8Array): Uint8Array[] | null {
  if (idx < 1n || idx > BigInt(hashes.length + 1)) return null;
  const at = Number(idx) - 1;
  return [...hashes.slice(0, at), hash, ...hashes.slice(at)];
}

function lookupBlock(rootToBlock: RootToBlock, rootHash: Uint8Array): Uint8Array | null {
  const block = rootToBlock.get(rootToBlockKey(rootHash));
  return block instanceof Uint8Array && block.length === 32 ? block : null;
}

// `TrieMerkleProof::verify_proof` over checked inputs; may throw only on a bug.
function verifyChecked(proof: TrieMerkleProof, path: Uint8Array, value: Uint8Array, rootHash: Uint8Array, rootToBlock: RootToBlock): boolean {
  if (!isWellFormed(proof, path)) return false;
  const head = proof[0] as ProofLeafElement;
  if (!equalBytes(head.value, value)) return false;

  // The first segment and its shunt head (idx 0: the trie's ancestor root hashes).
  let j = segmentEnd(proof, 0);
  const firstRoot = segmentRootHash(proof, 0, j, proofLeafHash(head));
  if (firstRoot === null) return false;
  let i = j;
  const shuntHead = proof[i];
  if (shuntHead === undefined || shuntHead.type !== 'Shunt' || shuntHead.idx !== 0n) return false;
  let trieHash = shuntHead.hashes.length === 0 ? firstRoot : sha512_256Of([firstRoot, ...shuntHead.hashes]);
  i++;
  if (i >= proof.length) return equalBytes(trieHash, rootHash);

  let nodeHash = lookupBlock(rootToBlock, trieHash);
  if (nodeHash === null || proof[i]!.type === 'Shunt') return false;

  while (i < proof.length) {
    j = segmentEnd(proof, i);
    const segmentRoot = segmentRootHash(proof, i, j, nodeHash);
    if (segmentRoot === null) return false;
    i = j;
    // Shunts with idx != 0: the tail, then the junction (the last of them).
    while (j < proof.length) {
      const el = proof[j]!;
      if (el.type !== 'Shunt' || el.idx === 0n) break;
      j++;
    }
    j -= 1;
    if (j < i) return false;
    let h = trieHash;
    for (let k = i; k < j; k++) {
      const shunt = proof[k] as ProofShuntElement;
      const all = insertAt(shunt.hashes, shunt.idx, h);
      if (all === null) return false;
      h = sha512_256Of(all);
    }
    const junction = proof[j] as ProofShuntElement;
    const all = insertAt(junction.hashes, junction.idx, h);
    if (all === null) return false;
    trieHash = sha512_256Of([segmentRoot, ...all]);
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
    let elements: TrieMerkleProof;
    if (proof instanceof Uint8Array) {
      elements = decodeMarfProof(proof);
    } else {
      if (!Array.isArray(proof) || !proof.every(isElement)) return false;
      elements = proof;
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

/** Writes a proof's consensus bytes (`TrieMerkleProof::consensus_serialize`) to `w`. */
export function writeMarfProof(w: ByteWriter, proof: TrieMerkleProof): void {
  w.writeU32(proof.length);
  for (const el of proof) {
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
}

/** A proof's consensus bytes (`TrieMerkleProof::consensus_serialize`; hex of these is `to_hex`). */
export function encodeMarfProof(proof: TrieMerkleProof): Uint8Array {
  const w = new ByteWriter(4096);
  writeMarfProof(w, proof);
  return w.toBytes();
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
