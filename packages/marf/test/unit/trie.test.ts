import { describe, expect, it } from 'vitest';
import { bytesToHex } from '@stacks-ts/common';
import { EMPTY_TRIE_HASH, TrieNodeId, createInteriorNode, findChild, isBackptr, leafHash, type TrieNode } from '../../src/node.ts';
import { encodeTrieBlob, openTrieBlob, readBlobNode, type TrieBlobView } from '../../src/serialize.ts';
import {
  PENDING_TRIE,
  createChildTrie,
  createEmptyTrie,
  hashPendingTrie,
  lookupLeaf,
  trieInsert,
  type CommittedNodeReader,
  type PendingTrie,
} from '../../src/trie.ts';

/** A reader over tries committed in this test (local ids 1, 2, ...). */
function makeReader(): CommittedNodeReader & { commit(trie: PendingTrie): number; views: TrieBlobView[] } {
  const views: TrieBlobView[] = [];
  const reader = {
    views,
    readNode: (localId: number, ptr: number) => readBlobNode(views[localId]!, ptr),
    blockIdOf: (localId: number) => new Uint8Array(32).fill(localId),
    commit(trie: PendingTrie): number {
      trie.nodes[0]!.hash = hashPendingTrie(trie, reader.blockIdOf);
      const localId = Math.max(1, views.length);
      views[localId] = openTrieBlob(localId, encodeTrieBlob(trie.nodes, 0), reader.readNode);
      return localId;
    },
  };
  return reader;
}

/** A path: `prefix` bytes then `fill`. */
function path(prefix: number[], fill = 0): Uint8Array {
  const p = new Uint8Array(32).fill(fill);
  p.set(prefix, 0);
  return p;
}

const value = (n: number): Uint8Array => new Uint8Array(40).fill(n);

function child(trie: PendingTrie, node: TrieNode, chr: number): TrieNode {
  const slot = findChild(node, chr);
  expect(slot).toBeGreaterThanOrEqual(0);
  expect(isBackptr(node.ids[slot]!)).toBe(false);
  return trie.nodes[node.ptrs[slot]!]!;
}

function get(trie: PendingTrie, reader: CommittedNodeReader, p: Uint8Array): string | null {
  const leaf = lookupLeaf(trie.nodes[0]!, PENDING_TRIE, trie.nodes, reader, p);
  return leaf === null ? null : bytesToHex(leaf.value!);
}

describe('insert cases', () => {
  it('attaches a leaf to the root with the rest of the path (lazy expansion)', () => {
    const reader = makeReader();
    const trie = createEmptyTrie();
    const p = path([7, 1, 2], 9);
    trieInsert(trie, reader, p, value(1));
    const root = trie.nodes[0]!;
    expect(root.id).toBe(TrieNodeId.Node256);
    const leaf = child(trie, root, 7);
    expect(leaf.id).toBe(TrieNodeId.Leaf);
    expect(bytesToHex(leaf.path)).toBe(bytesToHex(p.subarray(1)));
    expect(get(trie, reader, p)).toBe(bytesToHex(value(1)));
    expect(get(trie, reader, path([7, 1, 3], 9))).toBeNull();
    expect(get(trie, reader, path([8]))).toBeNull();
  });

  it('replaces a leaf value and keeps its path', () => {
    const reader = makeReader();
    const trie = createEmptyTrie();
    const p = path([7, 1, 2], 9);
    trieInsert(trie, reader, p, value(1));
    const before = child(trie, trie.nodes[0]!, 7);
    trieInsert(trie, reader, p, value(2));
    const after = child(trie, trie.nodes[0]!, 7);
    expect(after).toBe(before);
    expect(bytesToHex(after.path)).toBe(bytesToHex(p.subarray(1)));
    expect(get(trie, reader, p)).toBe(bytesToHex(value(2)));
  });

  it('promotes a leaf to a Node4 with slots [old leaf, new leaf] where the paths diverge', () => {
    const reader = makeReader();
    const trie = createEmptyTrie();
    const a = path([7, 1, 2, 3, 0xaa], 1);
    const b = path([7, 1, 2, 3, 0xbb], 2);
    trieInsert(trie, reader, a, value(1));
    trieInsert(trie, reader, b, value(2));
    const n4 = child(trie, trie.nodes[0]!, 7);
    expect(n4.id).toBe(TrieNodeId.Node4);
    expect(Array.from(n4.path)).toEqual([1, 2, 3]);
    expect(Array.from(n4.chrs)).toEqual([0xaa, 0xbb, 0, 0]);
    expect(bytesToHex(child(trie, n4, 0xaa).path)).toBe(bytesToHex(a.subarray(5)));
    expect(bytesToHex(child(trie, n4, 0xbb).path)).toBe(bytesToHex(b.subarray(5)));
    expect(trie.nodes[0]!.ids[7]).toBe(TrieNodeId.Node4);
    expect(get(trie, reader, a)).toBe(bytesToHex(value(1)));
    expect(get(trie, reader, b)).toBe(bytesToHex(value(2)));
  });

  it('splices a leaf into an interior node path: Node4 [new leaf, old node], old node keeps the rest', () => {
    const reader = makeReader();
    const trie = createEmptyTrie();
    const a = path([7, 1, 2, 3, 0xaa], 1);
    const b = path([7, 1, 2, 3, 0xbb], 2);
    const c = path([7, 1, 0xcc], 3);
    for (const [i, p] of [a, b, c].entries()) trieInsert(trie, reader, p, value(i + 1));
    const top = child(trie, trie.nodes[0]!, 7);
    expect(top.id).toBe(TrieNodeId.Node4);
    expect(Array.from(top.path)).toEqual([1]);
    expect(Array.from(top.chrs)).toEqual([0xcc, 2, 0, 0]);
    expect(top.ids[0]).toBe(TrieNodeId.Leaf);
    expect(top.ids[1]).toBe(TrieNodeId.Node4);
    const old = child(trie, top, 2);
    expect(Array.from(old.path)).toEqual([3]);
    expect(Array.from(old.chrs)).toEqual([0xaa, 0xbb, 0, 0]);
    for (const [i, p] of [a, b, c].entries()) expect(get(trie, reader, p)).toBe(bytesToHex(value(i + 1)));
  });

  it('splicing at the root keeps the root a Node256', () => {
    const reader = makeReader();
    const root = createInteriorNode(TrieNodeId.Node256, Uint8Array.of(1, 2, 3));
    const trie: PendingTrie = { nodes: [root] };
    trieInsert(trie, reader, path([1, 2, 3, 4], 5), value(1));
    trieInsert(trie, reader, path([1, 9], 6), value(2));
    const newRoot = trie.nodes[0]!;
    expect(newRoot.id).toBe(TrieNodeId.Node256);
    expect(Array.from(newRoot.path)).toEqual([1]);
    expect(newRoot.ids[9]).toBe(TrieNodeId.Leaf);
    expect(newRoot.ids[2]).toBe(TrieNodeId.Node256);
    expect(Array.from(child(trie, newRoot, 2).path)).toEqual([3]);
    expect(get(trie, reader, path([1, 2, 3, 4], 5))).toBe(bytesToHex(value(1)));
    expect(get(trie, reader, path([1, 9], 6))).toBe(bytesToHex(value(2)));
  });

  it('grows a full node 4 -> 16 -> 48 -> 256, keeping slot order until Node256', () => {
    const reader = makeReader();
    const trie = createEmptyTrie();
    const chrs = Array.from({ length: 60 }, (_, i) => (i * 101 + 3) % 256);
    const seen: number[] = [];
    for (const c of chrs) {
      trieInsert(trie, reader, path([7, 1, c], c), value(c));
      seen.push(c);
      const n = child(trie, trie.nodes[0]!, 7);
      if (seen.length < 2) continue;
      const want = seen.length <= 4 ? 2 : seen.length <= 16 ? 3 : seen.length <= 48 ? 4 : 5;
      expect(n.id).toBe(want);
      expect(trie.nodes[0]!.ids[7]).toBe(want);
      if (want < 5) expect(Array.from(n.chrs.subarray(0, seen.length))).toEqual(seen);
      else for (const s of seen) expect(n.chrs[s]).toBe(s);
    }
    for (const c of chrs) expect(get(trie, reader, path([7, 1, c], c))).toBe(bytesToHex(value(c)));
  });

  it('rejects a non-leaf at the end of a path as corruption', () => {
    const reader = makeReader();
    const root = createInteriorNode(TrieNodeId.Node256, new Uint8Array(32));
    const trie: PendingTrie = { nodes: [root] };
    expect(() => trieInsert(trie, reader, new Uint8Array(32), value(1))).toThrow(expect.objectContaining({ code: 'MARF_CORRUPTION' }));
  });
});

describe('copy-on-write across tries', () => {
  it('a child trie starts with back-pointers, copies only the walked path, and leaves the parent intact', () => {
    const reader = makeReader();
    const t1 = createEmptyTrie();
    const a = path([7, 1, 2, 3, 0xaa], 1);
    const b = path([7, 1, 2, 3, 0xbb], 2);
    const c = path([9], 3);
    for (const [i, p] of [a, b, c].entries()) trieInsert(t1, reader, p, value(i + 1));
    const id1 = reader.commit(t1);
    const parentRoot = reader.readNode(id1, reader.views[id1]!.rootPtr);

    const t2 = createChildTrie(parentRoot, id1);
    const root2 = t2.nodes[0]!;
    expect(root2.ids[7]).toBe(0x80 | TrieNodeId.Node4);
    expect(root2.backBlocks[7]).toBe(id1);
    expect(root2.ids[9]).toBe(0x80 | TrieNodeId.Leaf);
    // reads through back-pointers
    for (const [i, p] of [a, b, c].entries()) expect(get(t2, reader, p)).toBe(bytesToHex(value(i + 1)));

    trieInsert(t2, reader, a, value(5));
    expect(root2.ids[7]).toBe(TrieNodeId.Node4);
    expect(root2.backBlocks[7]).toBe(0);
    expect(root2.ids[9]).toBe(0x80 | TrieNodeId.Leaf);
    const n4 = child(t2, root2, 7);
    expect(n4.ids[0]).toBe(TrieNodeId.Leaf); // copied and rewritten
    expect(n4.ids[1]).toBe(0x80 | TrieNodeId.Leaf); // untouched sibling points back
    expect(n4.backBlocks[1]).toBe(id1);
    expect(t2.nodes).toHaveLength(3);
    expect(get(t2, reader, a)).toBe(bytesToHex(value(5)));
    expect(get(t2, reader, b)).toBe(bytesToHex(value(2)));
    // the parent is unchanged
    const root1 = reader.readNode(id1, reader.views[id1]!.rootPtr);
    expect(bytesToHex(lookupLeaf(root1, id1, null, reader, a)!.value!)).toBe(bytesToHex(value(1)));
  });

  it('hashes lazily: after a hash only the nodes on a new write path are dirty', () => {
    const reader = makeReader();
    const trie = createEmptyTrie();
    const a = path([7, 1, 2, 3, 0xaa], 1);
    const b = path([7, 1, 2, 3, 0xbb], 2);
    const c = path([9], 3);
    for (const [i, p] of [a, b, c].entries()) trieInsert(trie, reader, p, value(i + 1));
    const h1 = hashPendingTrie(trie, reader.blockIdOf);
    const leafC = child(trie, trie.nodes[0]!, 9);
    expect(bytesToHex(leafC.hash!)).toBe(bytesToHex(leafHash(leafC)));
    trieInsert(trie, reader, a, value(4));
    const n4 = child(trie, trie.nodes[0]!, 7);
    expect(n4.hash).toBeNull();
    expect(child(trie, n4, 0xaa).hash).toBeNull();
    expect(child(trie, n4, 0xbb).hash).not.toBeNull();
    expect(leafC.hash).not.toBeNull();
    const h2 = hashPendingTrie(trie, reader.blockIdOf);
    expect(bytesToHex(h2)).not.toBe(bytesToHex(h1));
    // the same content inserted fresh hashes the same
    const fresh = createEmptyTrie();
    for (const [p, v] of [[a, value(4)], [b, value(2)], [c, value(3)]] as const) trieInsert(fresh, reader, p, v);
    expect(bytesToHex(hashPendingTrie(fresh, reader.blockIdOf))).toBe(bytesToHex(h2));
  });

  it('an empty Node256 hashes 256 EMPTY slots', () => {
    const reader = makeReader();
    const h = hashPendingTrie(createEmptyTrie(), reader.blockIdOf);
    expect(h).toHaveLength(32);
    expect(bytesToHex(h)).not.toBe(bytesToHex(EMPTY_TRIE_HASH));
  });
});
