// Range reads of trie blobs (`TrieStorage.readBlobRange`), node records that are read and checked
// one at a time, the MARF's bounded node cache, and the locked-directory error.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha512_256 } from '@stacks-ts/codec';
import { bytesToHex, createSeededRng, isStacksError, type Logger } from '@stacks-ts/common';
import { MarfErrorCode } from '../../src/errors.ts';
import { MARF_SENTINEL_BLOCK_ID, openMarf, type Marf } from '../../src/marf.ts';
import { createMemoryTrieStorage } from '../../src/memory-storage.ts';
import { TrieOffsetCache, nodeWeight } from '../../src/node-cache.ts';
import {
  BACKPTR_BIT,
  EMPTY_TRIE_HASH,
  TrieNodeId,
  createInteriorNode,
  createLeaf,
  insertChild,
  nodeHashWithChildren,
  type TrieNode,
} from '../../src/node.ts';
import { verifyMarfProof } from '../../src/proofs.ts';
import {
  MAX_NODE_RECORD_LENGTH,
  NODE_RECORD_HEADER_LENGTH,
  MAX_TRIE_BLOB_HEADER_LENGTH,
  TRIE_BLOB_HEADER_LENGTH,
  decodeNodeAt,
  decodeNodeRecord,
  decodeNodeRecordChildHashes,
  decodeNodeRecordHash,
  decodeTrieBlobHeader,
  layOutTrie,
  nodeRecordLength,
  openTrieBlob,
  readTrieBlobHeader,
} from '../../src/serialize.ts';
import { TRIE_FILE_MAGIC, TRIE_FILE_NAME, openSqliteTrieStorage } from '../../src/sqlite-storage.ts';
import type { TrieStorage, TrieToCommit } from '../../src/storage.ts';

const rng = createSeededRng(77);
const SENTINEL = MARF_SENTINEL_BLOCK_ID;
const dirs: string[] = [];
const toClose: { close(): void }[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'marf-range-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of toClose.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function expectCode(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected ${code}`).toBeDefined();
  expect(isStacksError(caught), String(caught)).toBe(true);
  expect((caught as { code: string }).code, String(caught)).toBe(code);
}

function blockId(n: number): Uint8Array {
  return sha512_256(Uint8Array.of(n >>> 24, n >>> 16, n >>> 8, n, 0x42));
}

function trie(n: number, size: number): TrieToCommit {
  return { blockId: blockId(n), parentBlockId: n === 0 ? SENTINEL : blockId(n - 1), height: n, rootHash: rng.bytes(32), blob: rng.bytes(size) };
}

const storages: [string, () => TrieStorage][] = [
  ['memory', () => createMemoryTrieStorage()],
  ['sqlite', () => openSqliteTrieStorage(tempDir(), { sync: 'off', cacheBytes: 0 })],
  ['sqlite with a blob cache', () => openSqliteTrieStorage(tempDir(), { sync: 'off' })],
];

describe.each(storages)('readBlobRange (%s)', (_name, make) => {
  it('returns the bytes of any range, clamped at the blob end', () => {
    const s = make();
    toClose.push(s);
    const tries = [trie(0, 1000), trie(1, 37), trie(2, 0), trie(3, 5000)];
    const ids = tries.map((t) => s.commit(t).localId);
    for (let k = 0; k < tries.length; k++) {
      const blob = tries[k]!.blob;
      s.readBlob(ids[k]!); // the cached variant then serves ranges from the cached blob
      for (let r = 0; r < 50; r++) {
        const offset = rng.int(blob.length + 1);
        const length = rng.int(blob.length + 10);
        const got = s.readBlobRange(ids[k]!, offset, length);
        expect(bytesToHex(got)).toBe(bytesToHex(blob.subarray(offset, offset + length)));
      }
      expect(s.readBlobRange(ids[k]!, blob.length, 10).length).toBe(0);
      expect(s.readBlobRange(ids[k]!, 0, 0).length).toBe(0);
    }
  });

  it('rejects bad offsets and lengths with MARF_INVALID_ARGUMENT and unknown tries with MARF_BLOCK_NOT_FOUND', () => {
    const s = make();
    toClose.push(s);
    const id = s.commit(trie(0, 100)).localId;
    expectCode(() => s.readBlobRange(id, 101, 1), MarfErrorCode.InvalidArgument);
    expectCode(() => s.readBlobRange(id, -1, 1), MarfErrorCode.InvalidArgument);
    expectCode(() => s.readBlobRange(id, 1.5, 1), MarfErrorCode.InvalidArgument);
    expectCode(() => s.readBlobRange(id, 0, -3), MarfErrorCode.InvalidArgument);
    expectCode(() => s.readBlobRange(id, Number.NaN, 3), MarfErrorCode.InvalidArgument);
    expectCode(() => s.readBlobRange(id + 5, 0, 3), MarfErrorCode.BlockNotFound);
    s.close();
    expectCode(() => s.readBlobRange(id, 0, 3), MarfErrorCode.Closed);
  });
});

describe('readBlobRange on disk', () => {
  it('reads after a reopen, and reports a torn trie file as MARF_CORRUPTION', () => {
    const path = tempDir();
    const s1 = openSqliteTrieStorage(path, { sync: 'off', cacheBytes: 0 });
    const tries = [trie(0, 300), trie(1, 400), trie(2, 500)];
    for (const t of tries) s1.commit(t);
    s1.close();
    const s2 = openSqliteTrieStorage(path, { cacheBytes: 0 });
    toClose.push(s2);
    expect(bytesToHex(s2.readBlobRange(3, 100, 50))).toBe(bytesToHex(tries[2]!.blob.subarray(100, 150)));
    // Another writer cuts the file in the middle of the last blob while it is open.
    const file = nodePath.join(path, TRIE_FILE_NAME);
    fs.truncateSync(file, TRIE_FILE_MAGIC.length + 300 + 400 + 200);
    expectCode(() => s2.readBlobRange(3, 150, 100), MarfErrorCode.Corruption);
    expectCode(() => s2.readBlobRange(3, 250, 10), MarfErrorCode.Corruption);
    expect(bytesToHex(s2.readBlobRange(3, 0, 200))).toBe(bytesToHex(tries[2]!.blob.subarray(0, 200)));
    expect(bytesToHex(s2.readBlobRange(1, 0, 300))).toBe(bytesToHex(tries[0]!.blob));
  });

  it('refuses a trie file of the previous format version with a clear MARF_CORRUPTION', () => {
    const path = tempDir();
    openSqliteTrieStorage(path).close();
    const file = nodePath.join(path, TRIE_FILE_NAME);
    const bytes = fs.readFileSync(file);
    bytes[TRIE_FILE_MAGIC.length - 1] = 1;
    fs.writeFileSync(file, bytes);
    let caught: unknown;
    try {
      openSqliteTrieStorage(path);
    } catch (err) {
      caught = err;
    }
    expect((caught as { code?: string }).code).toBe(MarfErrorCode.Corruption);
    expect(String(caught)).toMatch(/format version 1/);
  });
});

// A small trie: a Node256 root over a Node4 with two leaves, a Node48 with 40 leaves and a leaf.
function sampleTrie(): TrieNode[] {
  const nodes: TrieNode[] = [];
  const add = (n: TrieNode): number => {
    n.hash = rng.bytes(32);
    nodes.push(n);
    return nodes.length - 1;
  };
  const root = createInteriorNode(TrieNodeId.Node256, new Uint8Array(0));
  add(root);
  const n4 = createInteriorNode(TrieNodeId.Node4, rng.bytes(3));
  for (const c of [1, 2]) insertChild(n4, TrieNodeId.Leaf, c, add(createLeaf(rng.bytes(28), rng.bytes(40))), 0);
  insertChild(root, TrieNodeId.Node4, 0, add(n4), 0);
  const n48 = createInteriorNode(TrieNodeId.Node48, new Uint8Array(0));
  for (let c = 0; c < 40; c++) insertChild(n48, TrieNodeId.Leaf, c * 3, add(createLeaf(rng.bytes(30), rng.bytes(40))), 0);
  insertChild(root, TrieNodeId.Node48, 1, add(n48), 0);
  insertChild(root, TrieNodeId.Leaf, 2, add(createLeaf(rng.bytes(31), rng.bytes(40))), 0);
  return nodes;
}

describe('node records (trie blob version 3)', () => {
  it('decodes each record from just its own bytes, as from the whole blob, and reads its hash alone', () => {
    const nodes = sampleTrie();
    const enc = layOutTrie(nodes, 0);
    const view = openTrieBlob(1, enc.blob);
    expect(readTrieBlobHeader(enc.blob.subarray(0, TRIE_BLOB_HEADER_LENGTH), 1)).toBe(view.rootPtr);
    for (const idx of enc.order) {
      const ptr = enc.offsets[idx]!;
      const length = nodeRecordLength(enc.blob, ptr);
      expect(length).toBeGreaterThan(NODE_RECORD_HEADER_LENGTH);
      expect(length).toBeLessThanOrEqual(MAX_NODE_RECORD_LENGTH);
      const alone = enc.blob.slice(ptr, ptr + length);
      const a = decodeNodeRecord(alone, 0, ptr, 1);
      const b = decodeNodeAt(enc.blob, ptr, 1);
      expect(a).toEqual(b);
      expect(bytesToHex(a.hash!)).toBe(bytesToHex(nodes[idx]!.hash!));
      expect(bytesToHex(decodeNodeRecordHash(alone, 0, ptr, 1))).toBe(bytesToHex(nodes[idx]!.hash!));
      // a decoded node does not keep the buffer it was read from
      alone.fill(0);
      expect(bytesToHex(a.hash!)).toBe(bytesToHex(b.hash!));
      if (a.value !== null) expect(bytesToHex(a.value)).toBe(bytesToHex(b.value!));
      // a record cut short is a typed corruption, never a wrong node
      expectCode(() => decodeNodeRecord(enc.blob.subarray(ptr, ptr + length - 1), 0, ptr, 1), MarfErrorCode.Corruption);
      expectCode(() => decodeNodeRecordHash(enc.blob.subarray(ptr, ptr + 1), 0, ptr, 1), MarfErrorCode.Corruption);
    }
  });

  it('detects any flipped bit in a record (CRC-32 and length checks)', () => {
    const nodes = sampleTrie();
    const enc = layOutTrie(nodes, 0);
    for (const idx of enc.order) {
      const ptr = enc.offsets[idx]!;
      const length = nodeRecordLength(enc.blob, ptr);
      for (let i = 0; i < length; i++) {
        const bad = enc.blob.slice();
        bad[ptr + i] = bad[ptr + i]! ^ (1 << rng.int(8));
        expectCode(() => decodeNodeAt(bad, ptr, 1), MarfErrorCode.Corruption);
      }
    }
  });

  it('stores the hash of every same-trie child in its parent record, and the header round-trips', () => {
    const nodes = sampleTrie();
    const rootNodeHash = rng.bytes(32);
    const enc = layOutTrie(nodes, 0, { rootNodeHash, ancestorLocalIds: [7, 6, 4] });
    const header = decodeTrieBlobHeader(enc.blob.subarray(0, MAX_TRIE_BLOB_HEADER_LENGTH), 1, enc.blob.length);
    expect(header.rootPtr).toBe(enc.offsets[0]);
    expect(header.rootPtr + header.rootLength).toBe(enc.blob.length);
    expect(nodeRecordLength(enc.blob, header.rootPtr)).toBe(header.rootLength);
    expect(bytesToHex(header.rootNodeHash)).toBe(bytesToHex(rootNodeHash));
    expect(header.ancestorLocalIds).toEqual([7, 6, 4]);
    let interior = 0;
    for (const idx of enc.order) {
      const node = nodes[idx]!;
      const ptr = enc.offsets[idx]!;
      const record = enc.blob.slice(ptr, ptr + nodeRecordLength(enc.blob, ptr));
      const out = new Uint8Array(node.ids.length * 32);
      const copied = decodeNodeRecordChildHashes(record, 0, ptr, 1, out);
      if (node.id === TrieNodeId.Leaf) {
        expect(copied).toBe(0);
        continue;
      }
      interior++;
      let children = 0;
      for (let i = 0; i < node.ids.length; i++) {
        if (node.ids[i] === 0) continue;
        children++;
        expect(bytesToHex(out.subarray(i * 32, i * 32 + 32))).toBe(bytesToHex(nodes[node.ptrs[i]!]!.hash!));
      }
      expect(copied).toBe(children);
      // the same checks as a decode: a cut or flipped record is corruption
      expectCode(() => decodeNodeRecordChildHashes(record.subarray(0, record.length - 1), 0, ptr, 1, out), MarfErrorCode.Corruption);
      const bad = record.slice();
      bad[record.length - 3] = bad[record.length - 3]! ^ 0x10;
      expectCode(() => decodeNodeRecordChildHashes(bad, 0, ptr, 1, out), MarfErrorCode.Corruption);
    }
    expect(interior).toBe(3);
    // a header cut short, one with more ancestors than a skip-list has, a root record past the blob
    expectCode(() => decodeTrieBlobHeader(enc.blob.subarray(0, TRIE_BLOB_HEADER_LENGTH + 4), 1), MarfErrorCode.Corruption);
    const lying = enc.blob.slice();
    lying[TRIE_BLOB_HEADER_LENGTH - 1] = 33;
    expectCode(() => decodeTrieBlobHeader(lying.subarray(0, MAX_TRIE_BLOB_HEADER_LENGTH), 1, lying.length), MarfErrorCode.Corruption);
    const longRoot = enc.blob.slice();
    longRoot[6] = 0xff;
    expectCode(() => decodeTrieBlobHeader(longRoot.subarray(0, MAX_TRIE_BLOB_HEADER_LENGTH), 1, longRoot.length), MarfErrorCode.Corruption);
  });

  it('refuses a blob of the previous version, a bad magic and out-of-range offsets', () => {
    const enc = layOutTrie(sampleTrie(), 0);
    const old = enc.blob.slice();
    old[1] = 1;
    expect(() => openTrieBlob(1, old)).toThrow(/version 1 is not supported/);
    old[1] = 2;
    expect(() => openTrieBlob(1, old)).toThrow(/version 2 is not supported/);
    expectCode(() => openTrieBlob(1, old), MarfErrorCode.Corruption);
    const foreign = enc.blob.slice();
    foreign[0] = 0;
    expectCode(() => openTrieBlob(1, foreign), MarfErrorCode.Corruption);
    expectCode(() => readTrieBlobHeader(enc.blob.subarray(0, 3), 1), MarfErrorCode.Corruption);
    expectCode(() => decodeNodeAt(enc.blob, 2, 1), MarfErrorCode.Corruption);
    expectCode(() => decodeNodeAt(enc.blob, enc.blob.length, 1), MarfErrorCode.Corruption);
    expectCode(() => decodeNodeRecord(enc.blob, 0, 3, 1), MarfErrorCode.Corruption);
  });
});

describe('TrieOffsetCache', () => {
  it('stays within its budget and keeps recently used entries', () => {
    const cache = new TrieOffsetCache<Uint8Array>(10_000, (v) => v.length);
    for (let i = 0; i < 1000; i++) {
      cache.set(1 + (i % 7), i * 100, new Uint8Array(100));
      expect(cache.bytes).toBeLessThanOrEqual(10_000 + 100);
      // entry 0 is used all along: it survives every rotation
      if (i === 0 || cache.get(1, 0) !== undefined) continue;
      throw new Error(`entry 0 was evicted at ${i}`);
    }
    expect(cache.get(1, 0)).toBeDefined();
    expect(cache.get(2, 100)).toBeUndefined(); // written once, long ago
    expect(cache.get(1 + (999 % 7), 99_900)).toBeDefined();
    // keys of large local ids do not collide
    const big = new TrieOffsetCache<string>(1 << 20, () => 1);
    big.set(2 ** 22, 5, 'a');
    big.set(2 ** 22 + 1, 5, 'b');
    big.set(5, 2 ** 22, 'c');
    expect([big.get(2 ** 22, 5), big.get(2 ** 22 + 1, 5), big.get(5, 2 ** 22)]).toEqual(['a', 'b', 'c']);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('weighs a Node256 more than a leaf', () => {
    const leaf = createLeaf(new Uint8Array(31), new Uint8Array(40));
    expect(nodeWeight(createInteriorNode(TrieNodeId.Node256, new Uint8Array(0)))).toBeGreaterThan(nodeWeight(leaf) + 2000);
  });
});

// Random writes over a chain with forks, every block's view kept as a model.
function buildForest(marf: Marf, blocks: number, seed: number): { ids: Uint8Array[]; model: Map<string, Uint8Array>[] } {
  const r = createSeededRng(seed);
  const ids: Uint8Array[] = [];
  const model: Map<string, Uint8Array>[] = [];
  for (let b = 0; b < blocks; b++) {
    const parent = b === 0 ? -1 : r.int(4) === 0 ? r.int(b) : b - 1;
    const id = blockId(1000 + b);
    const tx = marf.begin(parent < 0 ? SENTINEL : ids[parent]!, id);
    const view = new Map(parent < 0 ? [] : model[parent]!);
    for (let k = 0; k < 1 + r.int(30); k++) {
      const key = `key-${r.int(400)}`;
      const value = r.bytes(40);
      tx.insert(key, value);
      view.set(key, value);
    }
    tx.commit();
    ids.push(id);
    model.push(view);
  }
  return { ids, model };
}

function checkReads(marf: Marf, ids: Uint8Array[], model: Map<string, Uint8Array>[], reads: number, seed: number): void {
  const r = createSeededRng(seed);
  for (let i = 0; i < reads; i++) {
    const b = r.int(ids.length);
    const key = `key-${r.int(420)}`;
    const want = model[b]!.get(key);
    const got = marf.get(ids[b]!, key);
    expect(got === null ? null : bytesToHex(got), `block ${b} key ${key}`).toBe(want === undefined ? null : bytesToHex(want));
  }
}

describe('the MARF reads nodes lazily through a bounded cache', () => {
  it('reads right at old tips after many blocks, with caches far smaller than the data (memory and disk)', () => {
    for (const cacheBytes of [0, 20_000, 1 << 20]) {
      const mem = openMarf({ cacheBytes });
      toClose.push(mem);
      const { ids, model } = buildForest(mem, 150, 5);
      checkReads(mem, ids, model, 600, 6);
    }
    const path = tempDir();
    const disk = openMarf({ path, sync: 'off', cacheBytes: 50_000 });
    const { ids, model } = buildForest(disk, 150, 5);
    checkReads(disk, ids, model, 600, 7);
    disk.close();
    const again = openMarf({ path, cacheBytes: 0 });
    toClose.push(again);
    checkReads(again, ids, model, 600, 8);
    // proofs built through the tiny cache verify
    for (let i = 0; i < 20; i++) {
      const b = ids.length - 1 - i * 5;
      const key = `key-${(i * 37) % 400}`;
      const res = again.getWithProof(ids[b]!, key);
      const want = model[b]!.get(key);
      if (want === undefined) {
        expect(res.value).toBeNull();
        continue;
      }
      expect(bytesToHex(res.value!)).toBe(bytesToHex(want));
      expect(verifyMarfProof(res.proof!, again.getRootHash(ids[b]!), key, res.value!, res.rootToBlock)).toBe(true);
    }
    // and the same MARF keeps writing on top of old tips
    const tx = again.begin(ids[3]!, blockId(99_999));
    tx.insert('key-1', new Uint8Array(40).fill(9));
    tx.commit();
    expect(bytesToHex(again.get(blockId(99_999), 'key-1')!)).toBe(bytesToHex(new Uint8Array(40).fill(9)));
    const other = model[3]!.get('key-2');
    expect(again.get(blockId(99_999), 'key-2')).toEqual(other ?? null);
  });

  it('reads a node the same whatever size hint its parent gives, and bad pointers as MARF_CORRUPTION', () => {
    const m = openMarf({ path: tempDir(), sync: 'off', cacheBytes: 0 });
    toClose.push(m);
    const tx = m.begin(SENTINEL, blockId(1));
    for (let k = 0; k < 300; k++) tx.insert(`k${k}`, new Uint8Array(40).fill(k & 0xff));
    tx.commit();
    const { localId } = m.reader.getRecord(blockId(1));
    const rootPtr = m.reader.rootPtr(localId);
    const root = m.reader.readNode(localId, rootPtr);
    expect(root.id).toBe(TrieNodeId.Node256);
    let checked = 0;
    for (let slot = 0; slot < 256; slot++) {
      if (root.ids[slot] === 0) continue;
      const ptr = root.ptrs[slot]!;
      const plain = m.reader.readNode(localId, ptr);
      for (const hint of [TrieNodeId.Leaf, TrieNodeId.Node256, 0x80 | TrieNodeId.Node256, root.ids[slot]!]) {
        expect(m.reader.readNode(localId, ptr, hint)).toEqual(plain);
      }
      expect(bytesToHex(m.reader.readNodeHash(localId, ptr))).toBe(bytesToHex(plain.hash!));
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expectCode(() => m.reader.readNode(localId, 1 << 30), MarfErrorCode.Corruption);
    expectCode(() => m.reader.readNode(localId, 3), MarfErrorCode.Corruption);
    expectCode(() => m.reader.readNode(localId, rootPtr + 1), MarfErrorCode.Corruption);
    expectCode(() => m.reader.readNodeHash(localId, rootPtr + 7), MarfErrorCode.Corruption);
  });

  it('gives children hashes, root node hashes and skip-list ancestors from records and headers, as recomputed', () => {
    const m = openMarf({ path: tempDir(), sync: 'off', cacheBytes: 0 });
    toClose.push(m);
    let parent = SENTINEL;
    for (let b = 1; b <= 12; b++) {
      const tx = m.begin(parent, blockId(b));
      for (let k = 0; k < 40; k++) tx.insert(`b${b}-k${k}`, new Uint8Array(40).fill(b));
      tx.commit();
      parent = blockId(b);
    }
    for (let b = 1; b <= 12; b++) {
      const rec = m.reader.getRecord(blockId(b));
      const rootPtr = m.reader.rootPtr(rec.localId);
      const root = m.reader.readNode(rec.localId, rootPtr);
      const all = m.reader.readChildHashes(rec.localId, rootPtr);
      const hashes: Uint8Array[] = [];
      for (let i = 0; i < root.ids.length; i++) {
        const id = root.ids[i]!;
        const expected =
          id === 0
            ? EMPTY_TRIE_HASH
            : (id & BACKPTR_BIT) !== 0
              ? m.reader.blockIdOf(root.backBlocks[i]!)
              : m.reader.readNodeHash(rec.localId, root.ptrs[i]!);
        expect(bytesToHex(all.subarray(i * 32, i * 32 + 32))).toBe(bytesToHex(expected));
        hashes.push(expected);
      }
      expect(bytesToHex(m.reader.rootNodeHash(rec.localId))).toBe(bytesToHex(nodeHashWithChildren(root, hashes, m.reader.blockIdOf)));
      const ids = m.reader.getAncestorLocalIds(rec.localId);
      const heights = ids.map((id) => m.reader.getRecordByLocalId(id).height);
      const expectedHeights: number[] = [];
      for (let k = 0; 2 ** k <= rec.height; k++) expectedHeights.push(rec.height - 2 ** k);
      expect(heights).toEqual(expectedHeights);
      expect(m.reader.getAncestorRootHashes(rec.localId).map(bytesToHex)).toEqual(
        ids.map((id) => bytesToHex(m.reader.getRecordByLocalId(id).rootHash)),
      );
    }
  });

  it('looks up the same walking records (no node cache) as decoding nodes, through delta chains', () => {
    const path = tempDir();
    const w = openMarf({ path, sync: 'off' });
    let parent = SENTINEL;
    const ids: Uint8Array[] = [];
    for (let b = 1; b <= 120; b++) {
      const tx = w.begin(parent, blockId(b));
      for (let k = 0; k < 30; k++) tx.insert(`key-${(b * 30 + k) % 2500}`, new Uint8Array(40).fill((b + k) & 0xff));
      tx.commit();
      ids.push(blockId(b));
      parent = blockId(b);
    }
    // Some nodes on the paths are deltas on deltas.
    let deepest = 0;
    for (const id of ids) {
      const { localId } = w.reader.getRecord(id);
      const root = w.reader.readNode(localId, w.reader.rootPtr(localId));
      for (let slot = 0; slot < 256; slot++) {
        if (root.ids[slot] === 0 || (root.ids[slot]! & BACKPTR_BIT) !== 0) continue;
        deepest = Math.max(deepest, w.reader.readNode(localId, root.ptrs[slot]!).deltaDepth);
      }
      deepest = Math.max(deepest, root.deltaDepth);
    }
    expect(deepest).toBeGreaterThanOrEqual(2);
    w.close();
    // The same queries through a MARF with no node cache (walking records), then one that
    // decodes and caches nodes (the directory is locked while a MARF has it open).
    const queries: { tip: Uint8Array; key: string; height: number }[] = [];
    const r = createSeededRng(31);
    for (let i = 0; i < 3000; i++) queries.push({ tip: ids[r.int(ids.length)]!, key: `key-${r.int(2600)}`, height: r.int(130) });
    const answers = (m: Marf): string[] =>
      queries.flatMap(({ tip, key, height }) => {
        const v = m.get(tip, key);
        const at = m.getBlockAtHeight(tip, height);
        return [v === null ? 'null' : bytesToHex(v), at === null ? 'null' : bytesToHex(at)];
      });
    const walking = openMarf({ path, cacheBytes: 0 });
    const walked = answers(walking);
    walking.close();
    const decoding = openMarf({ path, cacheBytes: 64 << 20 });
    toClose.push(decoding);
    const decoded = answers(decoding);
    expect(walked).toEqual(decoded);
    const found = walked.filter((v, i) => i % 2 === 0 && v !== 'null').length;
    expect(found).toBeGreaterThan(1000);
    expect(found).toBeLessThan(3000);
  });

  it('reports a corrupted node on disk as MARF_CORRUPTION, never as a wrong value', () => {
    const path = tempDir();
    const m1 = openMarf({ path });
    const value = new Uint8Array(40).fill(0x3c);
    const tx = m1.begin(SENTINEL, blockId(1));
    tx.insert('victim', value);
    tx.insert('bystander', new Uint8Array(40).fill(0x11));
    tx.commit();
    m1.close();
    const file = nodePath.join(path, TRIE_FILE_NAME);
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf(Buffer.from(value));
    expect(at).toBeGreaterThan(0);
    bytes[at + 5] = 0x3d;
    fs.writeFileSync(file, bytes);
    const m2 = openMarf({ path, cacheBytes: 0 });
    toClose.push(m2);
    expectCode(() => m2.get(blockId(1), 'victim'), MarfErrorCode.Corruption);
    expect(m2.get(blockId(1), 'bystander')).toEqual(new Uint8Array(40).fill(0x11));
    expectCode(() => m2.getWithProof(blockId(1), 'victim'), MarfErrorCode.Corruption);
  });
});

describe('openMarf({ path })', () => {
  it('forwards sync and logger to the SQLite storage', () => {
    const logs: string[] = [];
    const logger: Logger = {
      trace: () => {},
      debug: (msg: string) => void logs.push(msg),
      info: () => {},
      warn: () => {},
      error: () => {},
      child: () => logger,
    };
    expectCode(() => openMarf({ path: tempDir(), sync: 'sometimes' as 'off' }), MarfErrorCode.InvalidArgument);
    const m = openMarf({ path: tempDir(), sync: 'normal', logger });
    toClose.push(m);
    expect(logs).toContain('opened trie storage');
  });

  it('fails with MARF_LOCKED while another process holds the MARF, and opens once it is gone', async () => {
    const path = tempDir();
    openMarf({ path }).close();
    const src = nodePath.resolve(import.meta.dirname, '../../src/marf.ts');
    const script = `const { openMarf } = await import(${JSON.stringify(src)}); openMarf({ path: ${JSON.stringify(path)} }); console.log('ready'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@stacks-ts/source', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('ready')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`child exited (${code}): ${stderr}`)));
    });
    expectCode(() => openMarf({ path }), MarfErrorCode.Locked);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const m = openMarf({ path });
    toClose.push(m);
    expect(m.hasBlock(blockId(1))).toBe(false);
  }, 60_000);
});
