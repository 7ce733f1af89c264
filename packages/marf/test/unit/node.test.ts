import { describe, expect, it } from 'vitest';
import { sha512_256 } from '@stacks-ts/codec';
import { bytesToHex, concatBytes } from '@stacks-ts/common';
import {
  BACKPTR_BIT,
  EMPTY_TRIE_HASH,
  TrieNodeId,
  clearBackptr,
  copyNodeForward,
  createInteriorNode,
  createLeaf,
  findChild,
  growNode,
  insertChild,
  interiorNodeHash,
  isBackptr,
  leafHash,
  nodeChildren,
  nodeConsensusBytes,
  nodeHasSpace,
  nodeHashWithChildren,
  setBackptr,
  skipListRootHash,
  toNode256,
  type TrieNode,
} from '../../src/node.ts';
import { MAX_DELTA_DEPTH, WRITE_DELTA_DEPTH, decodeNodeAt, decodeNodeRecordForCopy, deltaSlots, encodeTrieBlob, layOutTrie, openTrieBlob, readBlobNode } from '../../src/serialize.ts';

const blockIds = new Map<number, Uint8Array>([
  [1, new Uint8Array(32).fill(0x11)],
  [7, new Uint8Array(32).fill(0x77)],
]);
const blockIdOf = (id: number): Uint8Array => {
  const b = blockIds.get(id);
  if (!b) throw new Error(`no block ${id}`);
  return b;
};

function fill(node: TrieNode, chrs: number[]): void {
  chrs.forEach((c, i) => expect(insertChild(node, TrieNodeId.Leaf, c, 100 + i, 0)).toBe(true));
}

describe('child pointers', () => {
  it('marks back-pointers with bit 0x80', () => {
    expect(setBackptr(TrieNodeId.Node16)).toBe(0x83);
    expect(isBackptr(0x83)).toBe(true);
    expect(isBackptr(TrieNodeId.Node16)).toBe(false);
    expect(clearBackptr(0x83)).toBe(TrieNodeId.Node16);
    expect(BACKPTR_BIT).toBe(0x80);
  });

  it('EMPTY is SHA-512/256 of nothing', () => {
    expect(bytesToHex(EMPTY_TRIE_HASH)).toBe('c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a');
  });
});

describe('Node4 / Node16 / Node48 / Node256 slots', () => {
  it('Node4 fills the first empty slot, replaces a child with the same chr, refuses a fifth chr', () => {
    const n = createInteriorNode(TrieNodeId.Node4, new Uint8Array(0));
    fill(n, [9, 3, 200, 0]);
    expect(Array.from(n.chrs)).toEqual([9, 3, 200, 0]);
    expect(findChild(n, 200)).toBe(2);
    expect(findChild(n, 0)).toBe(3);
    expect(findChild(n, 4)).toBe(-1);
    expect(insertChild(n, TrieNodeId.Node4, 3, 55, 0)).toBe(true);
    expect(n.ids[1]).toBe(TrieNodeId.Node4);
    expect(n.ptrs[1]).toBe(55);
    expect(nodeHasSpace(n, 3)).toBe(true);
    expect(nodeHasSpace(n, 4)).toBe(false);
    expect(insertChild(n, TrieNodeId.Leaf, 4, 1, 0)).toBe(false);
  });

  it('an empty slot with chr 0 is not a child 0', () => {
    const n = createInteriorNode(TrieNodeId.Node4, new Uint8Array(0));
    fill(n, [5]);
    expect(findChild(n, 0)).toBe(-1);
  });

  it('Node48 keeps insertion order in its slots and finds children through its index', () => {
    const n = createInteriorNode(TrieNodeId.Node48, new Uint8Array(0));
    const chrs = Array.from({ length: 48 }, (_, i) => (i * 37 + 11) % 256);
    fill(n, chrs);
    expect(Array.from(n.chrs)).toEqual(chrs);
    for (const [i, c] of chrs.entries()) expect(findChild(n, c)).toBe(i);
    expect(findChild(n, 1)).toBe(-1);
    expect(nodeHasSpace(n, 1)).toBe(false);
    expect(insertChild(n, TrieNodeId.Leaf, 1, 0, 0)).toBe(false);
  });

  it('Node256 puts each child at slot chr', () => {
    const n = createInteriorNode(TrieNodeId.Node256, new Uint8Array(0));
    fill(n, [250, 3]);
    expect(n.chrs[250]).toBe(250);
    expect(n.ids[3]).toBe(TrieNodeId.Leaf);
    expect(findChild(n, 250)).toBe(250);
    expect(findChild(n, 4)).toBe(-1);
  });
});

describe('node growth', () => {
  const path = Uint8Array.of(1, 2, 3);

  it('Node4 -> Node16 -> Node48 keep slot order; Node48 -> Node256 places by chr', () => {
    const n4 = createInteriorNode(TrieNodeId.Node4, path);
    fill(n4, [40, 10, 30, 20]);
    const n16 = growNode(n4);
    expect(n16.id).toBe(TrieNodeId.Node16);
    expect(n16.path).toBe(path);
    expect(Array.from(n16.chrs.subarray(0, 4))).toEqual([40, 10, 30, 20]);
    expect(Array.from(n16.ptrs.subarray(0, 4))).toEqual([100, 101, 102, 103]);
    expect(Array.from(n16.ids.subarray(4))).toEqual(new Array(12).fill(0));
    fill(n16, Array.from({ length: 12 }, (_, i) => 50 + i));
    const n48 = growNode(n16);
    expect(n48.id).toBe(TrieNodeId.Node48);
    expect(Array.from(n48.chrs.subarray(0, 16))).toEqual(Array.from(n16.chrs));
    for (let i = 0; i < 16; i++) expect(findChild(n48, n16.chrs[i]!)).toBe(i);
    fill(n48, Array.from({ length: 32 }, (_, i) => 100 + i));
    const n256 = growNode(n48);
    expect(n256.id).toBe(TrieNodeId.Node256);
    for (let i = 0; i < 48; i++) {
      const c = n48.chrs[i]!;
      expect(n256.ptrs[c]).toBe(n48.ptrs[i]);
      expect(n256.ids[c]).toBe(n48.ids[i]);
    }
    expect(() => growNode(n256)).toThrow();
  });

  it('toNode256 of a Node4 copies every slot, empty ones included, as the reference does', () => {
    const n4 = createInteriorNode(TrieNodeId.Node4, path);
    fill(n4, [7, 9]);
    const n = toNode256(n4);
    expect(n.ptrs[7]).toBe(100);
    expect(n.ptrs[9]).toBe(101);
    expect(nodeChildren(n).filter((c) => c.id !== 0)).toHaveLength(2);
  });
});

describe('consensus bytes and hashes', () => {
  it('a back-pointer slot carries the block id of the trie holding the child', () => {
    const n = createInteriorNode(TrieNodeId.Node4, Uint8Array.of(0xaa));
    insertChild(n, setBackptr(TrieNodeId.Leaf), 5, 1234, 7);
    insertChild(n, TrieNodeId.Node16, 6, 99, 0);
    const bytes = nodeConsensusBytes(n, blockIdOf);
    const expected = concatBytes(
      Uint8Array.of(TrieNodeId.Node4),
      Uint8Array.of(0x81, 5),
      blockIdOf(7),
      Uint8Array.of(TrieNodeId.Node16, 6),
      new Uint8Array(32),
      new Uint8Array(68),
      Uint8Array.of(1, 0xaa),
    );
    expect(bytesToHex(bytes)).toBe(bytesToHex(expected));
  });

  it('hash = SHA-512/256(consensus bytes || one hash per slot: child hash, block id, or EMPTY)', () => {
    const n = createInteriorNode(TrieNodeId.Node4, Uint8Array.of(0xaa));
    insertChild(n, setBackptr(TrieNodeId.Leaf), 5, 1234, 7);
    insertChild(n, TrieNodeId.Node16, 6, 99, 0);
    const childHash = new Uint8Array(32).fill(0x42);
    const got = interiorNodeHash(n, blockIdOf, (slot) => {
      expect(slot).toBe(1);
      return childHash;
    });
    const want = sha512_256(concatBytes(nodeConsensusBytes(n, blockIdOf), blockIdOf(7), childHash, EMPTY_TRIE_HASH, EMPTY_TRIE_HASH));
    expect(bytesToHex(got)).toBe(bytesToHex(want));
    expect(bytesToHex(nodeHashWithChildren(n, [blockIdOf(7), childHash, EMPTY_TRIE_HASH, EMPTY_TRIE_HASH], blockIdOf))).toBe(bytesToHex(want));
  });

  it('a leaf hashes its consensus bytes: 0x01 || path_len || path || value', () => {
    const leaf = createLeaf(Uint8Array.of(1, 2), new Uint8Array(40).fill(9));
    const bytes = nodeConsensusBytes(leaf, blockIdOf);
    expect(bytesToHex(bytes)).toBe(`01020102${'09'.repeat(40)}`);
    expect(bytesToHex(leafHash(leaf))).toBe(bytesToHex(sha512_256(bytes)));
  });

  it('the root hash mixes in ancestor root hashes, and is the node hash itself at height 0', () => {
    const h = new Uint8Array(32).fill(1);
    expect(skipListRootHash(h, [])).toBe(h);
    const a = new Uint8Array(32).fill(2);
    const b = new Uint8Array(32).fill(3);
    expect(bytesToHex(skipListRootHash(h, [a, b]))).toBe(bytesToHex(sha512_256(concatBytes(h, a, b))));
  });
});

describe('copy-on-write', () => {
  it('turns inline children into back-pointers to the source trie and keeps existing back-pointers', () => {
    const src = createInteriorNode(TrieNodeId.Node16, Uint8Array.of(4));
    insertChild(src, TrieNodeId.Leaf, 1, 10, 0);
    insertChild(src, setBackptr(TrieNodeId.Node4), 2, 20, 3);
    src.hash = new Uint8Array(32);
    const copy = copyNodeForward(src, 9);
    expect(Array.from(copy.ids.subarray(0, 3))).toEqual([0x81, 0x82, 0]);
    expect(Array.from(copy.backBlocks.subarray(0, 2))).toEqual([9, 3]);
    expect(Array.from(copy.ptrs.subarray(0, 2))).toEqual([10, 20]);
    expect(copy.hash).toBeNull();
    expect(src.ids[0]).toBe(TrieNodeId.Leaf);
    expect(src.backBlocks[0]).toBe(0);
  });

  it('copies a leaf as a new, dirty leaf with the same path and value', () => {
    const leaf = createLeaf(Uint8Array.of(1), new Uint8Array(40));
    leaf.hash = new Uint8Array(32);
    const copy = copyNodeForward(leaf, 5);
    expect(copy).not.toBe(leaf);
    expect(copy.hash).toBeNull();
    expect(copy.value).toBe(leaf.value);
  });
});

describe('trie blob', () => {
  it('round-trips every node type with back-pointers and stored hashes', () => {
    const nodes: TrieNode[] = [];
    const add = (n: TrieNode): number => {
      n.hash = sha512_256(Uint8Array.of(nodes.length));
      nodes.push(n);
      return nodes.length - 1;
    };
    const root = createInteriorNode(TrieNodeId.Node256, new Uint8Array(0));
    add(root);
    const leafA = add(createLeaf(Uint8Array.of(1, 2, 3), new Uint8Array(40).fill(1)));
    const n48 = createInteriorNode(TrieNodeId.Node48, Uint8Array.of(7));
    for (let c = 0; c < 40; c++) insertChild(n48, setBackptr(TrieNodeId.Leaf), c * 3, 1000 + c, 1 + c);
    const leafB = add(createLeaf(new Uint8Array(0), new Uint8Array(40).fill(2)));
    insertChild(n48, TrieNodeId.Leaf, 255, leafB, 0);
    const i48 = add(n48);
    const n4 = createInteriorNode(TrieNodeId.Node4, new Uint8Array(30).fill(5));
    insertChild(n4, TrieNodeId.Leaf, 0, leafA, 0);
    insertChild(n4, TrieNodeId.Node48, 1, i48, 0);
    const i4 = add(n4);
    const n16 = createInteriorNode(TrieNodeId.Node16, new Uint8Array(0));
    insertChild(n16, setBackptr(TrieNodeId.Node256), 77, 123456789, 4000000000);
    const i16 = add(n16);
    insertChild(root, TrieNodeId.Node4, 0, i4, 0);
    insertChild(root, TrieNodeId.Node16, 255, i16, 0);
    insertChild(root, setBackptr(TrieNodeId.Leaf), 128, 66, 2);
    const blob = encodeTrieBlob(nodes, 0);
    const view = openTrieBlob(3, blob);
    const same = (a: TrieNode, b: TrieNode): void => {
      expect(b.id).toBe(a.id);
      expect(bytesToHex(b.path)).toBe(bytesToHex(a.path));
      expect(bytesToHex(b.hash!)).toBe(bytesToHex(a.hash!));
      expect(Array.from(b.ids)).toEqual(Array.from(a.ids));
      expect(Array.from(b.chrs)).toEqual(Array.from(a.chrs));
      expect(Array.from(b.backBlocks)).toEqual(Array.from(a.backBlocks));
      if (a.value) expect(bytesToHex(b.value!)).toBe(bytesToHex(a.value));
      for (let i = 0; i < a.ids.length; i++) {
        const id = a.ids[i]!;
        if (id === 0) continue;
        if (isBackptr(id)) expect(b.ptrs[i]).toBe(a.ptrs[i]);
        else same(nodes[a.ptrs[i]!]!, readBlobNode(view, b.ptrs[i]!));
      }
    };
    same(root, readBlobNode(view, view.rootPtr));
    expect(readBlobNode(view, view.rootPtr)).toBe(readBlobNode(view, view.rootPtr));
  });

  // WRITE_DELTA_DEPTH is what this writer does; MAX_DELTA_DEPTH is what files written with the
  // longer chains of earlier versions hold, and what a reader accepts.
  it.each([WRITE_DELTA_DEPTH, MAX_DELTA_DEPTH])('stores a node copied from a committed trie as a delta against it, in chains of up to %i', (limit) => {
    // Trie 1: a root Node256 with 200 inline leaves.
    const nodes1: TrieNode[] = [];
    const root1 = createInteriorNode(TrieNodeId.Node256, new Uint8Array(0));
    nodes1.push(root1);
    for (let c = 0; c < 200; c++) {
      const leaf = createLeaf(new Uint8Array(31).fill(c), new Uint8Array(40).fill(c));
      leaf.hash = sha512_256(Uint8Array.of(c));
      nodes1.push(leaf);
      insertChild(root1, TrieNodeId.Leaf, c, nodes1.length - 1, 0);
    }
    root1.hash = new Uint8Array(32).fill(1);
    const views = new Map<number, ReturnType<typeof openTrieBlob>>();
    const readBase = (localId: number, ptr: number): TrieNode => readBlobNode(views.get(localId)!, ptr);
    const full = layOutTrie(nodes1, 0, undefined, limit);
    views.set(1, openTrieBlob(1, full.blob, readBase));
    expect(full.isDelta.every((d) => !d)).toBe(true);

    // Each next trie copies the previous root, rewrites one leaf and adds one.
    let prev = 1;
    for (let t = 2; t <= limit + 3; t++) {
      const prevView = views.get(prev)!;
      const base = readBlobNode(prevView, prevView.rootPtr);
      const root = copyNodeForward(base, prev, prevView.rootPtr);
      const nodes: TrieNode[] = [root];
      for (const c of [t, 200 + t]) {
        const leaf = createLeaf(new Uint8Array(31), new Uint8Array(40).fill(t));
        leaf.hash = sha512_256(Uint8Array.of(t, c));
        nodes.push(leaf);
        insertChild(root, TrieNodeId.Leaf, c, nodes.length - 1, 0);
      }
      root.hash = new Uint8Array(32).fill(t);
      const delta = deltaSlots(root, limit);
      const enc = layOutTrie(nodes, 0, undefined, limit);
      const view = openTrieBlob(t, enc.blob, readBase);
      views.set(t, view);
      const decoded = readBlobNode(view, view.rootPtr);
      // depth 1..limit as deltas, then a full node again, then deltas again
      const depth = base.deltaDepth + 1;
      expect(depth).toBe(t <= limit + 2 ? t - 1 : t - limit - 2);
      if (depth <= limit) {
        expect(delta).toEqual([t, 200 + t]);
        expect(enc.isDelta.at(-1)).toBe(true);
        expect(enc.blob.length).toBeLessThan(400); // two leaves and a small delta, not 200 slots
        expect(decoded.deltaDepth).toBe(depth);
      } else {
        expect(delta).toBeNull();
        expect(decoded.deltaDepth).toBe(0);
      }
      for (let c = 0; c < 256; c++) {
        expect(decoded.ids[c], `slot ${c}`).toBe(root.ids[c]);
        expect(decoded.backBlocks[c]).toBe(root.backBlocks[c]);
        if (isBackptr(root.ids[c]!)) expect(decoded.ptrs[c]).toBe(root.ptrs[c]);
      }
      expect(decoded.backBlocks[0]).toBe(1);
      expect(bytesToHex(readBlobNode(view, decoded.ptrs[t]!).value!)).toBe(bytesToHex(new Uint8Array(40).fill(t)));
      expect(bytesToHex(decoded.hash!)).toBe(bytesToHex(root.hash));
      // Bases decoded afresh for the copy (turned into it in place) give the same node, and
      // leave the views' cached nodes as they were.
      const baseBefore = readBlobNode(prevView, prevView.rootPtr);
      const idsBefore = baseBefore.ids.slice();
      const fresh = (localId: number, ptr: number): TrieNode => decodeNodeRecordForCopy(views.get(localId)!.blob, ptr, ptr, localId, fresh);
      const again = decodeNodeAt(enc.blob, view.rootPtr, t, fresh);
      expect(Array.from(again.ids)).toEqual(Array.from(decoded.ids));
      expect(Array.from(again.ptrs)).toEqual(Array.from(decoded.ptrs));
      expect(Array.from(again.backBlocks)).toEqual(Array.from(decoded.backBlocks));
      expect(again.deltaDepth).toBe(decoded.deltaDepth);
      expect(bytesToHex(again.childHashes ?? new Uint8Array())).toBe(bytesToHex(decoded.childHashes ?? new Uint8Array()));
      expect(readBlobNode(prevView, prevView.rootPtr)).toBe(baseBefore);
      expect(Array.from(baseBefore.ids)).toEqual(Array.from(idsBefore));
      // a node whose path changed since the copy is stored in full
      expect(deltaSlots({ ...root, path: Uint8Array.of(1) })).toBeNull();
      prev = t;
    }
  });

  it('rejects a bad header and a bad node with MARF_CORRUPTION', () => {
    expect(() => openTrieBlob(1, new Uint8Array(3))).toThrow(expect.objectContaining({ code: 'MARF_CORRUPTION' }));
    const blob = encodeTrieBlob([{ ...createInteriorNode(TrieNodeId.Node256, new Uint8Array(0)), hash: new Uint8Array(32) }], 0);
    const bad = blob.slice();
    bad[6 + 32] = 9;
    expect(() => decodeNodeAt(bad, 6)).toThrow(expect.objectContaining({ code: 'MARF_CORRUPTION' }));
  });
});
