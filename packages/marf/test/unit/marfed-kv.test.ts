import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesToHex, createSeededRng, isStacksError, utf8ToBytes } from '@stacks-ts/common';
import { sha512_256 } from '@stacks-ts/codec';
import { MarfErrorCode } from '../../src/errors.ts';
import { MARF_SENTINEL_BLOCK_ID } from '../../src/marf.ts';
import {
  SIDE_STORE_FILE_NAME,
  marfValueOfBytes,
  openMarfedKV,
  verifyMarfedKVProof,
  type MarfedKV,
} from '../../src/marfed-kv.ts';
import { marfValueFromHash, marfValueFromString } from '../../src/values.ts';

const rng = createSeededRng(11);
const dirs: string[] = [];
const stores: MarfedKV[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'marfed-kv-'));
  dirs.push(dir);
  return dir;
}

function open(path?: string): MarfedKV {
  const kv = openMarfedKV(path === undefined ? {} : { path });
  stores.push(kv);
  return kv;
}

afterEach(() => {
  for (const kv of stores.splice(0)) kv.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function block(n: number): Uint8Array {
  return sha512_256(utf8ToBytes(`marfed-kv block ${n}`));
}

function expectMarfError(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(isStacksError(caught), String(caught)).toBe(true);
  expect((caught as { code: string }).code).toBe(code);
}


describe('marfValueOfBytes', () => {
  it('is the padded SHA-512/256 of the bytes, as the reference Clarity store computes it', () => {
    const bytes = rng.bytes(77);
    const mv = marfValueOfBytes(bytes);
    expect(mv.length).toBe(40);
    expect(mv.subarray(0, 32)).toEqual(sha512_256(bytes));
    expect(mv.subarray(32)).toEqual(new Uint8Array(8));
    expect(mv).toEqual(marfValueFromHash(sha512_256(bytes)));
    // `MARFValue::from_value(s)` hashes the string's UTF-8 bytes.
    const s = '0100000000000000000000000000000064';
    expect(marfValueOfBytes(utf8ToBytes(s))).toEqual(marfValueFromString(s));
  });
});

for (const where of ['memory', 'disk'] as const) {
  describe(`MarfedKV (${where})`, () => {
    const make = (): MarfedKV => open(where === 'memory' ? undefined : tempDir());

    it('stores bytes under string keys and reads them back at any tip', () => {
      const kv = make();
      const tx = kv.begin(MARF_SENTINEL_BLOCK_ID, block(1));
      const a = rng.bytes(100);
      const empty = new Uint8Array(0);
      tx.put('a', a);
      tx.put('empty', empty);
      expect(tx.get('a')).toEqual(a);
      expect(tx.get('empty')).toEqual(empty);
      expect(tx.get('missing')).toBeNull();
      tx.commit();
      expect(kv.get(block(1), 'a')).toEqual(a);
      expect(kv.get(block(1), 'a')).toBeInstanceOf(Uint8Array);
      expect(kv.get(block(1), 'empty')).toEqual(empty);
      expect(kv.get(block(1), 'missing')).toBeNull();
      // The MARF holds the value's hash, not the value.
      expect(kv.marf.get(block(1), 'a')).toEqual(marfValueOfBytes(a));
    });

    it('keeps forks apart and overwrites along a chain', () => {
      const kv = make();
      const t1 = kv.begin(MARF_SENTINEL_BLOCK_ID, block(1));
      t1.put('k', utf8ToBytes('one'));
      t1.put('shared', utf8ToBytes('root'));
      t1.commit();
      const t2 = kv.begin(block(1), block(2));
      t2.put('k', utf8ToBytes('two'));
      expect(t2.get('shared')).toEqual(utf8ToBytes('root'));
      t2.commit();
      const t3 = kv.begin(block(1), block(3));
      t3.put('k', utf8ToBytes('three'));
      t3.put('only3', utf8ToBytes('x'));
      t3.commit();
      expect(kv.get(block(1), 'k')).toEqual(utf8ToBytes('one'));
      expect(kv.get(block(2), 'k')).toEqual(utf8ToBytes('two'));
      expect(kv.get(block(3), 'k')).toEqual(utf8ToBytes('three'));
      expect(kv.get(block(2), 'only3')).toBeNull();
      expect(kv.get(block(3), 'shared')).toEqual(utf8ToBytes('root'));
    });

    it('drops an aborted block and lets the same block be begun again', () => {
      const kv = make();
      const t1 = kv.begin(MARF_SENTINEL_BLOCK_ID, block(1));
      t1.put('k', utf8ToBytes('v1'));
      t1.commit();
      const bad = kv.begin(block(1), block(2));
      bad.put('k', utf8ToBytes('aborted'));
      bad.abort();
      const good = kv.begin(block(1), block(2));
      expect(good.get('k')).toEqual(utf8ToBytes('v1'));
      good.put('other', utf8ToBytes('v2'));
      good.commit();
      expect(kv.get(block(2), 'k')).toEqual(utf8ToBytes('v1'));
      expect(kv.get(block(2), 'other')).toEqual(utf8ToBytes('v2'));
    });

    it('refuses non-byte values and use after close', () => {
      const kv = make();
      const tx = kv.begin(MARF_SENTINEL_BLOCK_ID, block(1));
      expectMarfError(() => tx.put('k', 'text' as unknown as Uint8Array), MarfErrorCode.InvalidArgument);
      tx.abort();
      kv.close();
      kv.close();
      expectMarfError(() => kv.get(block(1), 'k'), MarfErrorCode.Closed);
      expectMarfError(() => kv.begin(MARF_SENTINEL_BLOCK_ID, block(1)), MarfErrorCode.Closed);
    });

    it('returns values with a proof of their MARF value', () => {
      const kv = make();
      const tx = kv.begin(MARF_SENTINEL_BLOCK_ID, block(1));
      const v = rng.bytes(33);
      tx.put('k', v);
      tx.commit();
      const hit = kv.getWithProof(block(1), 'k');
      expect(hit.value).toEqual(v);
      expect(hit.marfValue).toEqual(marfValueOfBytes(v));
      expect(hit.proof).not.toBeNull();
      const root = kv.marf.getRootHash(block(1));
      expect(verifyMarfedKVProof(hit.proof!, root, 'k', v, hit.rootToBlock)).toBe(true);
      const tampered = v.slice();
      tampered[0]! ^= 1;
      expect(verifyMarfedKVProof(hit.proof!, root, 'k', tampered, hit.rootToBlock)).toBe(false);
      expect(verifyMarfedKVProof(hit.proof!, root, 'other', v, hit.rootToBlock)).toBe(false);
      expect(verifyMarfedKVProof(hit.proof!, new Uint8Array(32), 'k', v, hit.rootToBlock)).toBe(false);
      const miss = kv.getWithProof(block(1), 'absent');
      expect(miss.value).toBeNull();
      expect(miss.marfValue).toBeNull();
    });
  });
}

describe('MarfedKV on disk', () => {
  it('reopens with every value and one side-store row per distinct value', () => {
    const path = nodePath.join(tempDir(), 'nested', 'kv');
    const kv1 = open(path);
    const same = utf8ToBytes('same bytes');
    const values = new Map<string, Uint8Array>();
    let parent = MARF_SENTINEL_BLOCK_ID;
    for (let b = 0; b < 5; b++) {
      const tx = kv1.begin(parent, block(b));
      for (let i = 0; i < 20; i++) {
        const v = rng.bytes(1 + rng.int(300));
        tx.put(`key-${b}-${i}`, v);
        values.set(`key-${b}-${i}`, v);
      }
      tx.put(`dup-${b}`, same);
      tx.commit();
      parent = block(b);
    }
    kv1.close();
    const kv2 = open(path);
    for (const [k, v] of values) expect(kv2.get(block(4), k)).toEqual(v);
    for (let b = 0; b < 5; b++) expect(kv2.get(block(4), `dup-${b}`)).toEqual(same);
    kv2.close();

    const db = new BetterSqlite3(nodePath.join(path, SIDE_STORE_FILE_NAME), { readonly: true });
    const rows = db.prepare('SELECT count(*) AS n FROM data_table').get() as { n: number };
    // Every distinct value once, keyed by the hex of its MARF value.
    expect(rows.n).toBe(values.size + 1);
    const row = db.prepare('SELECT value FROM data_table WHERE key = ?').get(bytesToHex(marfValueOfBytes(same))) as
      | { value: Uint8Array }
      | undefined;
    expect(new Uint8Array(row!.value)).toEqual(same);
    db.close();
  });

  it('writes no side-store rows for an aborted block', () => {
    const path = tempDir();
    const kv = open(path);
    const tx = kv.begin(MARF_SENTINEL_BLOCK_ID, block(1));
    tx.put('k', utf8ToBytes('never committed'));
    tx.abort();
    kv.close();
    const db = new BetterSqlite3(nodePath.join(path, SIDE_STORE_FILE_NAME), { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM data_table').get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('reports a MARF value whose bytes are missing from the side store as corruption', () => {
    const path = tempDir();
    const kv1 = open(path);
    const tx = kv1.begin(MARF_SENTINEL_BLOCK_ID, block(1));
    tx.put('k', utf8ToBytes('v'));
    tx.commit();
    kv1.close();
    const db = new BetterSqlite3(nodePath.join(path, SIDE_STORE_FILE_NAME));
    db.prepare('DELETE FROM data_table').run();
    db.close();
    const kv2 = open(path);
    expectMarfError(() => kv2.get(block(1), 'k'), MarfErrorCode.Corruption);
    expect(kv2.get(block(1), 'other')).toBeNull();
  });

  it('is locked while open', () => {
    const path = tempDir();
    open(path);
    expectMarfError(() => open(path), MarfErrorCode.Locked);
  });
});

describe('MarfedKV metadata rows', () => {
  for (const where of ['memory', 'disk'] as const) {
    it(`stores rows per block, reads them back and drops an aborted block's rows (${where})`, () => {
      const dir = where === 'disk' ? tempDir() : undefined;
      const kv = open(dir);
      const a = kv.begin(MARF_SENTINEL_BLOCK_ID, block(1));
      a.put('k', utf8ToBytes('v'));
      a.putMetadata('clr-meta::c::contract-size', '42');
      a.commit();
      const b = kv.begin(block(1), block(2));
      b.putMetadata('clr-meta::d::contract-size', '7');
      b.abort();
      expect(kv.getMetadata(block(1), 'clr-meta::c::contract-size')).toBe('42');
      expect(kv.getMetadata(bytesToHex(block(1)), 'clr-meta::c::contract-size')).toBe('42');
      expect(kv.getMetadata(block(2), 'clr-meta::d::contract-size')).toBeNull();
      expect(kv.getMetadata(block(1), 'absent')).toBeNull();
      if (dir !== undefined) {
        kv.close();
        const again = open(dir);
        expect(again.getMetadata(block(1), 'clr-meta::c::contract-size')).toBe('42');
        expect(again.get(block(1), 'k')).toEqual(utf8ToBytes('v'));
      }
    });
  }

  it('rejects a non-string metadata value with a typed error', () => {
    const kv = open();
    const tx = kv.begin(MARF_SENTINEL_BLOCK_ID, block(1));
    let code: string | undefined;
    try {
      tx.putMetadata('k', 42 as unknown as string);
    } catch (err) {
      code = isStacksError(err) ? err.code : undefined;
    }
    expect(code).toBe(MarfErrorCode.InvalidArgument);
  });

  it('upgrades a version-1 side store (no metadata_table) on open, keeping its rows', () => {
    const dir = tempDir();
    const kv = open(dir);
    const tx = kv.begin(MARF_SENTINEL_BLOCK_ID, block(1));
    tx.put('k', utf8ToBytes('v'));
    tx.commit();
    kv.close();
    const db = new BetterSqlite3(nodePath.join(dir, SIDE_STORE_FILE_NAME));
    db.exec('DROP TABLE metadata_table');
    db.pragma('user_version = 1');
    db.close();
    const again = open(dir);
    expect(again.get(block(1), 'k')).toEqual(utf8ToBytes('v'));
    const next = again.begin(block(1), block(2));
    next.putMetadata('m', 'x');
    next.commit();
    expect(again.getMetadata(block(2), 'm')).toBe('x');
  });
});
