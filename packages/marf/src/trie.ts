/**
 * One block's trie while it is being built (stacks-core `index/trie.rs` `Trie::add_value` and
 * `index/marf.rs` `MARF::walk_cow` / `node_child_copy`), and path lookups through a trie and the
 * committed tries it points back into.
 *
 * The trie being built holds its nodes in an array (a child's `ptr` is an index into it, the root
 * is at index 0). It starts as a copy of the parent's root whose children are all back-pointers;
 * an insert walks down and copies each back-pointed node it passes into this trie (its own
 * children becoming back-pointers), so only nodes on written paths are copied, as in the
 * reference. Nodes on a written path are marked dirty; hashes are computed once, bottom-up, when
 * the trie is sealed or committed (the reference's deferred hashing, which gives the same root).
 */
import { MarfError, MarfErrorCode } from './errors.ts';
import {
  BACKPTR_BIT,
  TRIE_PATH_LENGTH,
  TrieNodeId,
  copyNodeForward,
  createInteriorNode,
  createLeaf,
  findChild,
  growNode,
  insertChild,
  interiorNodeHash,
  leafHash,
  nodeHasSpace,
  toNode256,
  type BlockIdOf,
  type TrieNode,
} from './node.ts';

/** Read access to committed tries, as the trie code needs it. */
export interface CommittedNodeReader {
  /**
   * The node at `ptr` in the committed trie `localId` (shared: never mutate it). `id`, when given,
   * is the node's type as its parent's slot records it (flag bits allowed): a hint for how many
   * bytes to read.
   */
  readNode(localId: number, ptr: number, id?: number): TrieNode;
  /** The block id of the committed trie `localId`. */
  blockIdOf(localId: number): Uint8Array;
}

/** A trie being built: its nodes, root at index 0. */
export interface PendingTrie {
  readonly nodes: TrieNode[];
}

/** Local id used by lookups for "the pending trie" (committed tries have ids >= 0). */
export const PENDING_TRIE = -1;

/** A trie for the first block: an empty Node256 root (`MARF::extend_trie` on a fresh MARF). */
export function createEmptyTrie(): PendingTrie {
  return { nodes: [createInteriorNode(TrieNodeId.Node256, new Uint8Array(0))] };
}

/**
 * A trie for a child block (`MARF::root_copy`): a copy of the parent's root whose children all
 * become back-pointers into the parent (`parentLocalId`) unless they already were.
 */
export function createChildTrie(parentRoot: TrieNode, parentLocalId: number, parentRootPtr = -1): PendingTrie {
  if (parentRoot.id !== TrieNodeId.Node256) {
    throw new MarfError(MarfErrorCode.Corruption, `root of trie ${parentLocalId} is not a Node256`);
  }
  return { nodes: [copyNodeForward(parentRoot, parentLocalId, parentRootPtr)] };
}

function corrupt(why: string): never {
  throw new MarfError(MarfErrorCode.Corruption, why);
}

/**
 * Inserts (or overwrites) `value` (40 bytes) at `path` (32 bytes) (`Trie::add_value` after
 * `MARF::walk_cow`). The cases, as in the reference:
 * - the path ends on a leaf: replace its value (its path suffix stays);
 * - the path leaves a node at the end of its compressed path with no child for the next byte:
 *   attach a new leaf holding the rest of the path, growing the node first if it is full;
 * - the path diverges inside a leaf's path: a new Node4 with the shared prefix takes the leaf's
 *   place, with slots [old leaf, new leaf] (`promote_leaf_to_node4`);
 * - the path diverges inside an interior node's path: a new Node4 with the shared prefix takes
 *   the node's place, with slots [new leaf, old node] (a Node256 if the node was the root)
 *   (`splice_leaf`).
 * `path` and `value` are not retained beyond the bytes copied here.
 */
export function trieInsert(trie: PendingTrie, reader: CommittedNodeReader, path: Uint8Array, value: Uint8Array): void {
  const nodes = trie.nodes;
  let parent: TrieNode | null = null;
  let parentSlot = -1;
  let idx = 0;
  let node = nodes[0]!;
  let i = 0;
  for (;;) {
    node.hash = null;
    const np = node.path;
    const npl = np.length;
    let j = 0;
    while (j < npl && i < TRIE_PATH_LENGTH && np[j] === path[i]) {
      i++;
      j++;
    }
    if (j < npl) {
      if (i >= TRIE_PATH_LENGTH) corrupt('a node path runs past the end of the key');
      if (node.id === TrieNodeId.Leaf) promoteLeafToNode4(nodes, parent!, parentSlot, idx, node, j, path, i, value);
      else spliceLeaf(nodes, parent, parentSlot, idx, node, j, path, i, value);
      return;
    }
    if (node.id === TrieNodeId.Leaf) {
      if (i !== TRIE_PATH_LENGTH) corrupt('a leaf ends before the end of the key');
      node.value = value.slice();
      return;
    }
    if (i >= TRIE_PATH_LENGTH) corrupt('non-leaf encountered at end of path');
    const chr = path[i]!;
    i++;
    const slot = findChild(node, chr);
    if (slot < 0) {
      attachLeaf(nodes, parent, parentSlot, idx, node, chr, path, i, value);
      return;
    }
    const cid = node.ids[slot]!;
    let childIdx: number;
    if ((cid & BACKPTR_BIT) !== 0) {
      // Copy-on-write: bring the child into this trie and point at the copy.
      const owner = node.backBlocks[slot]!;
      const ownerPtr = node.ptrs[slot]!;
      const committed = reader.readNode(owner, ownerPtr, cid);
      if (committed.id !== (cid & 0x7f)) corrupt(`back-pointer type ${cid & 0x7f} but node type ${committed.id}`);
      childIdx = nodes.length;
      nodes.push(copyNodeForward(committed, owner, ownerPtr));
      node.ids[slot] = cid & 0x7f;
      node.ptrs[slot] = childIdx;
      node.backBlocks[slot] = 0;
    } else {
      childIdx = node.ptrs[slot]!;
    }
    parent = node;
    parentSlot = slot;
    idx = childIdx;
    node = nodes[childIdx]!;
  }
}

// End of a node's path, no child for `chr`: a new leaf with the rest of the key (lazy expansion).
function attachLeaf(
  nodes: TrieNode[],
  parent: TrieNode | null,
  parentSlot: number,
  idx: number,
  node: TrieNode,
  chr: number,
  path: Uint8Array,
  i: number,
  value: Uint8Array,
): void {
  const leafIdx = nodes.length;
  nodes.push(createLeaf(path.slice(i), value.slice()));
  if (nodeHasSpace(node, chr)) {
    insertChild(node, TrieNodeId.Leaf, chr, leafIdx, 0);
    return;
  }
  if (parent === null) corrupt('the root is full');
  const grown = growNode(node);
  insertChild(grown, TrieNodeId.Leaf, chr, leafIdx, 0);
  nodes[idx] = grown;
  parent.ids[parentSlot] = grown.id;
}

// The key diverges inside a leaf's path at leaf.path[j] != path[i].
function promoteLeafToNode4(
  nodes: TrieNode[],
  parent: TrieNode,
  parentSlot: number,
  idx: number,
  leaf: TrieNode,
  j: number,
  path: Uint8Array,
  i: number,
  value: Uint8Array,
): void {
  const node4 = createInteriorNode(TrieNodeId.Node4, leaf.path.subarray(0, j));
  const oldChr = leaf.path[j]!;
  leaf.path = leaf.path.subarray(j + 1);
  const newLeaf = createLeaf(path.slice(i + 1), value.slice());
  const oldIdx = nodes.length;
  nodes.push(leaf, newLeaf);
  insertChild(node4, TrieNodeId.Leaf, oldChr, oldIdx, 0);
  insertChild(node4, TrieNodeId.Leaf, path[i]!, oldIdx + 1, 0);
  nodes[idx] = node4;
  parent.ids[parentSlot] = TrieNodeId.Node4;
}

// The key diverges inside an interior node's path at node.path[j] != path[i].
function spliceLeaf(
  nodes: TrieNode[],
  parent: TrieNode | null,
  parentSlot: number,
  idx: number,
  node: TrieNode,
  j: number,
  path: Uint8Array,
  i: number,
  value: Uint8Array,
): void {
  const node4 = createInteriorNode(TrieNodeId.Node4, node.path.subarray(0, j));
  const nodeChr = node.path[j]!;
  node.path = node.path.subarray(j + 1);
  const leafIdx = nodes.length;
  nodes.push(createLeaf(path.slice(i + 1), value.slice()), node);
  insertChild(node4, TrieNodeId.Leaf, path[i]!, leafIdx, 0);
  insertChild(node4, node.id, nodeChr, leafIdx + 1, 0);
  if (parent === null) {
    // The root stays a Node256.
    nodes[idx] = toNode256(node4);
  } else {
    nodes[idx] = node4;
    parent.ids[parentSlot] = TrieNodeId.Node4;
  }
}

/**
 * Hashes every dirty node of a pending trie bottom-up and returns the root node's hash before
 * the ancestor skip-list is mixed in. The root's own `hash` is left to the caller (it holds the
 * final root hash). Clean nodes keep their hashes, so a second call only hashes what changed.
 */
export function hashPendingTrie(trie: PendingTrie, blockIdOf: BlockIdOf): Uint8Array {
  const nodes = trie.nodes;
  const root = nodes[0]!;
  hashChildren(nodes, root, blockIdOf);
  return interiorNodeHash(root, blockIdOf, (slot) => nodes[root.ptrs[slot]!]!.hash!);
}

function hashChildren(nodes: TrieNode[], node: TrieNode, blockIdOf: BlockIdOf): void {
  const ids = node.ids;
  for (let s = 0; s < ids.length; s++) {
    const id = ids[s]!;
    if (id === 0 || (id & BACKPTR_BIT) !== 0) continue;
    const child = nodes[node.ptrs[s]!]!;
    if (child.hash !== null) continue;
    if (child.id === TrieNodeId.Leaf) {
      child.hash = leafHash(child);
    } else {
      hashChildren(nodes, child, blockIdOf);
      child.hash = interiorNodeHash(child, blockIdOf, (slot) => nodes[child.ptrs[slot]!]!.hash!);
    }
  }
}

/**
 * Looks up `path` starting at `root`, which lives in trie `rootLocalId` (`PENDING_TRIE` for the
 * trie being built, whose nodes are `pending`), following back-pointers into committed tries
 * (`MARF::walk`). Returns the leaf, or `null` when the key is absent.
 */
export function lookupLeaf(
  root: TrieNode,
  rootLocalId: number,
  pending: readonly TrieNode[] | null,
  reader: CommittedNodeReader,
  path: Uint8Array,
): TrieNode | null {
  let node = root;
  let local = rootLocalId;
  let i = 0;
  for (let depth = 0; depth <= TRIE_PATH_LENGTH; depth++) {
    const np = node.path;
    const npl = np.length;
    if (i + npl > TRIE_PATH_LENGTH) return null;
    for (let j = 0; j < npl; j++) {
      if (np[j] !== path[i + j]) return null;
    }
    i += npl;
    if (node.id === TrieNodeId.Leaf) {
      if (i !== TRIE_PATH_LENGTH) corrupt('a leaf ends before the end of the key');
      return node;
    }
    if (i >= TRIE_PATH_LENGTH) corrupt('non-leaf encountered at end of path');
    const slot = findChild(node, path[i]!);
    if (slot < 0) return null;
    i++;
    const id = node.ids[slot]!;
    const ptr = node.ptrs[slot]!;
    if ((id & BACKPTR_BIT) !== 0) {
      local = node.backBlocks[slot]!;
      node = reader.readNode(local, ptr, id);
    } else if (local === PENDING_TRIE) {
      node = pending![ptr]!;
    } else {
      node = reader.readNode(local, ptr, id);
    }
  }
  return corrupt('trie has a cycle');
}
