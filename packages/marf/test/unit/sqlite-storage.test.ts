import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSeededRng, isStacksError } from '@stacks-ts/common';
import { MarfErrorCode } from '../../src/errors.ts';
import {
  TRIE_FILE_MAGIC,
  TRIE_FILE_NAME,
  TRIE_INDEX_FILE_NAME,
  openSqliteTrieStorage,
  type SqliteTrieStorage,
} from '../../src/sqlite-storage.ts';
import type { TrieToCommit } from '../../src/storage.ts';

const SENTINEL = new Uint8Array(32).fill(0xff);
const rng = createSeededRng(4);

const dirs: string[] = [];
const open: SqliteTrieStorage[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'marf-storage-'));
  dirs.push(dir);
  return dir;
}

function openAt(path: string, opts?: Parameters<typeof openSqliteTrieStorage>[1]): SqliteTrieStorage {
  const s = openSqliteTrieStorage(path, opts);
  open.push(s);
  return s;
}

afterEach(() => {
  for (const s of open.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function blockId(n: number): Uint8Array {
  const id = new Uint8Array(32);
  new DataView(id.buffer).setUint32(28, n);
  id[0] = 0xb1;
  return id;
}

function trie(n: number, parent: Uint8Array, height: number, size = 100 + n * 37): TrieToCommit {
  return { blockId: blockId(n), parentBlockId: parent, height, rootHash: rng.bytes(32), blob: rng.bytes(size) };
}

function expectMarfError(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected ${code}`).toBeDefined();
  expect(isStacksError(caught), String(caught)).toBe(true);
  expect((caught as { code: string }).code).toBe(code);
}

/** Commits a chain of `n` tries and returns them. */
function commitChain(s: SqliteTrieStorage, n: number, first = 0): TrieToCommit[] {
  const tries: TrieToCommit[] = [];
  let parent = first === 0 ? SENTINEL : blockId(first - 1);
  for (let i = first; i < first + n; i++) {
    const t = trie(i, parent, i);
    s.commit(t);
    tries.push(t);
    parent = t.blockId;
  }
  return tries;
}

function expectStored(s: SqliteTrieStorage, tries: readonly TrieToCommit[]): void {
  for (const t of tries) {
    const rec = s.getRecord(t.blockId);
    expect(rec).not.toBeNull();
    expect(rec!.blockId).toEqual(t.blockId);
    expect(rec!.parentBlockId).toEqual(t.parentBlockId);
    expect(rec!.height).toBe(t.height);
    expect(rec!.rootHash).toEqual(t.rootHash);
    expect(s.getRecordByLocalId(rec!.localId)).toEqual(rec);
    expect(s.readBlob(rec!.localId)).toEqual(t.blob);
  }
}

describe('openSqliteTrieStorage', () => {
  it('creates a missing directory with its parents', () => {
    const path = nodePath.join(tempDir(), 'a', 'b', 'marf');
    const s = openAt(path);
    expect(fs.statSync(path).isDirectory()).toBe(true);
    expect(fs.existsSync(nodePath.join(path, TRIE_FILE_NAME))).toBe(true);
    expect(fs.existsSync(nodePath.join(path, TRIE_INDEX_FILE_NAME))).toBe(true);
    expect(s.count()).toBe(0);
    expect(new Uint8Array(fs.readFileSync(nodePath.join(path, TRIE_FILE_NAME)))).toEqual(TRIE_FILE_MAGIC);
  });

  it('refuses a path that is a file', () => {
    const file = nodePath.join(tempDir(), 'file');
    fs.writeFileSync(file, 'x');
    expectMarfError(() => openAt(file), MarfErrorCode.InvalidArgument);
  });

  it('round-trips commits: records, local ids and blobs', () => {
    const s = openAt(tempDir());
    const tries = commitChain(s, 20);
    const ids = tries.map((t) => s.getRecord(t.blockId)!.localId);
    expect(new Set(ids).size).toBe(20);
    for (let i = 1; i < ids.length; i++) expect(ids[i]!).toBeGreaterThan(ids[i - 1]!);
    expectStored(s, tries);
    expect(s.count()).toBe(20);
  });

  it('returns the record from commit and copies what it keeps', () => {
    const s = openAt(tempDir());
    const t = trie(1, SENTINEL, 0);
    const blobCopy = t.blob.slice();
    const idCopy = t.blockId.slice();
    const rec = s.commit(t);
    expect(rec.blockId).toEqual(t.blockId);
    expect(rec.height).toBe(0);
    expect(rec.rootHash).toEqual(t.rootHash);
    t.blob.fill(0);
    (t.blockId as Uint8Array).fill(0);
    expect(s.readBlob(rec.localId)).toEqual(blobCopy);
    expect(s.getRecord(idCopy)!.localId).toBe(rec.localId);
    expect(s.getRecord(idCopy)!.blockId).toEqual(idCopy);
  });

  it('stores forks and empty blobs', () => {
    const s = openAt(tempDir());
    const a = trie(1, SENTINEL, 0);
    const b = trie(2, a.blockId, 1);
    const c = trie(3, a.blockId, 1);
    const e = trie(4, c.blockId, 2, 0);
    for (const t of [a, b, c, e]) s.commit(t);
    expectStored(s, [a, b, c, e]);
    expect(s.readBlob(s.getRecord(e.blockId)!.localId)).toEqual(new Uint8Array(0));
  });

  it('reopens with every block intact and keeps committing', () => {
    const path = tempDir();
    const s1 = openAt(path);
    const first = commitChain(s1, 10);
    s1.close();
    const s2 = openAt(path);
    expectStored(s2, first);
    const more = commitChain(s2, 5, 10);
    s2.close();
    const s3 = openAt(path, { sync: 'normal', cacheBytes: 0 });
    expectStored(s3, [...first, ...more]);
    expect(s3.count()).toBe(15);
  });

  it('commits and reopens in every sync mode, and refuses an unknown one', () => {
    for (const sync of ['full', 'normal', 'off'] as const) {
      const path = tempDir();
      const s1 = openAt(path, { sync });
      const tries = commitChain(s1, 3);
      s1.close();
      expectStored(openAt(path, { sync }), tries);
    }
    expectMarfError(() => openAt(tempDir(), { sync: 'fast' as 'off' }), MarfErrorCode.InvalidArgument);
  });

  it('rejects a duplicate block id, before and after a reopen', () => {
    const path = tempDir();
    const s1 = openAt(path);
    const t = trie(7, SENTINEL, 0);
    s1.commit(t);
    const sizeBefore = fs.statSync(nodePath.join(path, TRIE_FILE_NAME)).size;
    expectMarfError(() => s1.commit({ ...t, rootHash: rng.bytes(32) }), MarfErrorCode.BlockExists);
    expect(fs.statSync(nodePath.join(path, TRIE_FILE_NAME)).size).toBe(sizeBefore);
    s1.close();
    const s2 = openAt(path);
    expectMarfError(() => s2.commit(t), MarfErrorCode.BlockExists);
    expectStored(s2, [t]);
  });

  it('rejects malformed commits', () => {
    const s = openAt(tempDir());
    const t = trie(1, SENTINEL, 0);
    expectMarfError(() => s.commit({ ...t, blockId: new Uint8Array(31) }), MarfErrorCode.InvalidArgument);
    expectMarfError(() => s.commit({ ...t, parentBlockId: new Uint8Array(33) }), MarfErrorCode.InvalidArgument);
    expectMarfError(() => s.commit({ ...t, rootHash: new Uint8Array(0) }), MarfErrorCode.InvalidArgument);
    expectMarfError(() => s.commit({ ...t, height: -1 }), MarfErrorCode.InvalidArgument);
    expectMarfError(() => s.commit({ ...t, height: 1.5 }), MarfErrorCode.InvalidArgument);
    expect(s.count()).toBe(0);
  });

  it('answers null for unknown blocks and throws for unknown blobs', () => {
    const s = openAt(tempDir());
    commitChain(s, 3);
    expect(s.getRecord(blockId(99))).toBeNull();
    expect(s.getRecord(new Uint8Array(5))).toBeNull();
    expect(s.getRecordByLocalId(99)).toBeNull();
    expect(s.getRecordByLocalId(0)).toBeNull();
    expect(s.getRecordByLocalId(-1)).toBeNull();
    expect(s.getRecordByLocalId(1.5)).toBeNull();
    expectMarfError(() => s.readBlob(99), MarfErrorCode.BlockNotFound);
  });

  it('detects a corrupted blob on its first read after open', () => {
    const path = tempDir();
    const s1 = openAt(path);
    const tries = commitChain(s1, 4);
    const victim = s1.getRecord(tries[2]!.blockId)!;
    s1.close();
    // Flip one byte in the middle of the third blob.
    const file = nodePath.join(path, TRIE_FILE_NAME);
    const bytes = fs.readFileSync(file);
    const offset = TRIE_FILE_MAGIC.length + tries[0]!.blob.length + tries[1]!.blob.length + 10;
    bytes[offset] = bytes[offset]! ^ 0x40;
    fs.writeFileSync(file, bytes);
    const s2 = openAt(path);
    expectMarfError(() => s2.readBlob(victim.localId), MarfErrorCode.Corruption);
    expectStored(s2, [tries[0]!, tries[1]!, tries[3]!]);
  });

  it('truncates the residue of an unfinished commit on open', () => {
    const path = tempDir();
    const s1 = openAt(path);
    const tries = commitChain(s1, 3);
    s1.close();
    const file = nodePath.join(path, TRIE_FILE_NAME);
    const indexedEnd = fs.statSync(file).size;
    fs.appendFileSync(file, rng.bytes(1234)); // a blob whose row never committed
    const s2 = openAt(path);
    expect(fs.statSync(file).size).toBe(indexedEnd);
    expectStored(s2, tries);
    const more = commitChain(s2, 2, 3);
    s2.close();
    const s3 = openAt(path);
    expectStored(s3, [...tries, ...more]);
  });

  it('recovers a trie file whose header was never written', () => {
    const path = tempDir();
    openAt(path).close();
    fs.truncateSync(nodePath.join(path, TRIE_FILE_NAME), 3);
    const s = openAt(path);
    expectStored(s, commitChain(s, 2));
  });

  it('refuses a trie file shorter than its index, or with a foreign header', () => {
    const path = tempDir();
    const s1 = openAt(path);
    commitChain(s1, 3);
    s1.close();
    const file = nodePath.join(path, TRIE_FILE_NAME);
    const size = fs.statSync(file).size;
    fs.truncateSync(file, size - 1);
    expectMarfError(() => openAt(path), MarfErrorCode.Corruption);
    fs.rmSync(file);
    expectMarfError(() => openAt(path), MarfErrorCode.Corruption);

    // A trie file with blobs whose index was deleted is refused, not truncated.
    const lost = tempDir();
    const s2 = openAt(lost);
    commitChain(s2, 2);
    s2.close();
    const sizeWithBlobs = fs.statSync(nodePath.join(lost, TRIE_FILE_NAME)).size;
    fs.rmSync(nodePath.join(lost, TRIE_INDEX_FILE_NAME));
    expectMarfError(() => openAt(lost), MarfErrorCode.Corruption);
    expectMarfError(() => openAt(lost), MarfErrorCode.Corruption);
    expect(fs.statSync(nodePath.join(lost, TRIE_FILE_NAME)).size).toBe(sizeWithBlobs);

    const other = tempDir();
    openAt(other).close();
    fs.writeFileSync(nodePath.join(other, TRIE_FILE_NAME), 'not a trie file');
    expectMarfError(() => openAt(other), MarfErrorCode.Corruption);
  });

  it('locks the directory while open, and only while open', () => {
    const path = tempDir();
    const s1 = openAt(path);
    commitChain(s1, 1);
    expectMarfError(() => openAt(path), MarfErrorCode.Locked);
    s1.close();
    const s2 = openAt(path);
    expect(s2.count()).toBe(1);
  });

  it('closes idempotently and refuses use after close', () => {
    const s = openAt(tempDir());
    commitChain(s, 1);
    s.close();
    s.close();
    expectMarfError(() => s.getRecord(blockId(0)), MarfErrorCode.Closed);
    expectMarfError(() => s.readBlob(1), MarfErrorCode.Closed);
    expectMarfError(() => s.commit(trie(5, SENTINEL, 0)), MarfErrorCode.Closed);
  });

  it('reads correctly through a small blob cache', () => {
    const path = tempDir();
    const s1 = openAt(path, { cacheBytes: 600 });
    const tries = commitChain(s1, 30);
    for (let round = 0; round < 3; round++) expectStored(s1, tries);
    s1.close();
    const s2 = openAt(path, { cacheBytes: 0 });
    expectStored(s2, [...tries].reverse());
  });
});
