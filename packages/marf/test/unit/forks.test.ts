/**
 * Fork semantics against a model: each block's state is a Map copied from its parent's, then
 * updated by the block's writes. Random trees of blocks (any committed block, or the sentinel, can
 * be a parent), random writes (string keys and raw paths with long shared prefixes, so nodes grow,
 * split and get copied across tries), aborted attempts, and reads at every tip of every key ever
 * written anywhere: the MARF must agree with the model, and sibling forks never see each other.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '@stacks-ts/common';
import { createMemoryTrieStorage } from '../../src/memory-storage.ts';
import { MARF_SENTINEL_BLOCK_ID, marfKeyToPath, openMarf, type Marf } from '../../src/marf.ts';
import type { TrieStorage } from '../../src/storage.ts';

const STRING_KEYS = Array.from({ length: 24 }, (_, i) => `key-${i}`);

// Raw paths that share long prefixes: a binary/quaternary spread over a few bytes, and one group
// that differs only in the last byte (drives a node through Node4 -> Node16 -> Node48 -> Node256).
const RAW_PATHS: Uint8Array[] = [];
for (let k = 0; k < 32; k++) {
  const p = new Uint8Array(32);
  p[0] = k & 1;
  p[3] = (k >> 1) & 3;
  p[17] = (k >> 3) & 3;
  p[31] = k;
  RAW_PATHS.push(p);
}
for (let k = 0; k < 64; k++) {
  const p = new Uint8Array(32).fill(0x55);
  p[31] = k * 3;
  RAW_PATHS.push(p);
}
const PATHS: Uint8Array[] = [...STRING_KEYS.map((k) => marfKeyToPath(k)), ...RAW_PATHS];
const NEVER_WRITTEN = marfKeyToPath('never-written');

interface Write {
  readonly key: number;
  readonly value: number;
}
interface BlockPlan {
  /** 0 = the sentinel, j > 0 = the j-th block committed before this one. */
  readonly parent: number;
  readonly writes: Write[];
  /** Writes of an attempt that is aborted before the real one. */
  readonly aborted: Write[] | null;
  /** Keys read inside the transaction after the writes. */
  readonly probes: number[];
}

const writeArb = fc.record({ key: fc.nat(PATHS.length - 1), value: fc.nat(0xffffffff) });
const planArb = fc
  .integer({ min: 1, max: 14 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          parent: fc.nat(i),
          writes: fc.array(writeArb, { maxLength: 24 }),
          aborted: fc.option(fc.array(writeArb, { maxLength: 8 }), { freq: 4 }),
          probes: fc.array(fc.nat(PATHS.length - 1), { maxLength: 6 }),
        }),
      ),
    ),
  );

function valueBytes(n: number, salt: number): Uint8Array {
  const v = new Uint8Array(40);
  new DataView(v.buffer).setUint32(0, n);
  v[39] = salt;
  return v;
}

function blockId(i: number): Uint8Array {
  const id = new Uint8Array(32);
  new DataView(id.buffer).setUint32(28, i + 1);
  id[0] = 0x42;
  return id;
}

interface PlanResult {
  readonly roots: string[];
  readonly states: Map<number, Uint8Array>[];
  readonly ids: Uint8Array[];
  readonly written: Set<number>;
}

/** Checks every tip of a run against the model, reading through `marf`. */
function checkReads(marf: Marf, { roots, states, ids, written }: PlanResult): void {
  for (const [t, state] of states.entries()) {
    for (const k of written) {
      const want = state.get(k);
      const got = marf.getRaw(ids[t]!, PATHS[k]!);
      expect(got === null ? null : bytesToHex(got), `block ${t} key ${k}`).toBe(want === undefined ? null : bytesToHex(want));
    }
    expect(marf.getRaw(ids[t]!, NEVER_WRITTEN)).toBeNull();
    expect(bytesToHex(marf.getRootHash(ids[t]!))).toBe(roots[t]);
  }
}

/** Runs a plan on `marf` and checks it against the model. */
function runPlan(marf: Marf, plan: readonly BlockPlan[]): PlanResult {
  const states: Map<number, Uint8Array>[] = [];
  const ids: Uint8Array[] = [];
  const written = new Set<number>();
  const roots: string[] = [];
  for (const [i, b] of plan.entries()) {
    const parentId = b.parent === 0 ? MARF_SENTINEL_BLOCK_ID : ids[b.parent - 1]!;
    const state = new Map(b.parent === 0 ? [] : states[b.parent - 1]!);
    if (b.aborted !== null) {
      const tx = marf.begin(parentId, blockId(i));
      for (const w of b.aborted) tx.insertRaw(PATHS[w.key]!, valueBytes(w.value, 1));
      tx.abort();
    }
    const tx = marf.begin(parentId, blockId(i));
    for (const w of b.writes) {
      const val = valueBytes(w.value, 2);
      if (w.key < STRING_KEYS.length) tx.insert(STRING_KEYS[w.key]!, val);
      else tx.insertRaw(PATHS[w.key]!, val);
      state.set(w.key, val);
      written.add(w.key);
      expect(bytesToHex(tx.getRaw(PATHS[w.key]!)!)).toBe(bytesToHex(val));
    }
    for (const k of b.probes) {
      const want = state.get(k);
      const got = tx.getRaw(PATHS[k]!);
      expect(got === null ? null : bytesToHex(got)).toBe(want === undefined ? null : bytesToHex(want));
    }
    roots.push(bytesToHex(tx.commit()));
    states.push(state);
    ids.push(blockId(i));
  }
  // Every tip, every key ever written anywhere (and one never written).
  const result = { roots, states, ids, written };
  checkReads(marf, result);
  return result;
}

/** The same storage, without closing it when a MARF over it closes. */
function shared(storage: TrieStorage): TrieStorage {
  return { ...storage, close() {} };
}

describe('forks', () => {
  it('reads at every tip match a per-block copy-on-write model', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const storage = createMemoryTrieStorage();
        const marf = openMarf({ storage: shared(storage) });
        try {
          const result = runPlan(marf, plan);
          // A second MARF over the same storage decodes every trie from its blob.
          const reader = openMarf({ storage: shared(storage), cacheBytes: 0 });
          checkReads(reader, result);
          reader.close();
          // Deterministic: the same plan on a fresh MARF (one that keeps no trie cached) gives the same roots.
          const again = openMarf({ cacheBytes: 0 });
          try {
            expect(runPlan(again, plan).roots).toEqual(result.roots);
          } finally {
            again.close();
          }
        } finally {
          marf.close();
        }
      }),
      { seed: 0x4d415246, numRuns: 150 },
    );
  }, 120_000);

  it('siblings never see each other, and a parent never sees its children', () => {
    const marf = openMarf();
    try {
      const a = blockId(0);
      const left = blockId(1);
      const right = blockId(2);
      const t0 = marf.begin(MARF_SENTINEL_BLOCK_ID, a);
      t0.insert('shared', valueBytes(1, 0));
      t0.commit();
      const tl = marf.begin(a, left);
      tl.insert('shared', valueBytes(2, 0));
      tl.insert('left-only', valueBytes(3, 0));
      tl.commit();
      const tr = marf.begin(a, right);
      expect(tr.get('left-only')).toBeNull();
      expect(bytesToHex(tr.get('shared')!)).toBe(bytesToHex(valueBytes(1, 0)));
      tr.insert('right-only', valueBytes(4, 0));
      tr.commit();
      expect(marf.get(left, 'right-only')).toBeNull();
      expect(marf.get(right, 'left-only')).toBeNull();
      expect(marf.get(a, 'left-only')).toBeNull();
      expect(bytesToHex(marf.get(a, 'shared')!)).toBe(bytesToHex(valueBytes(1, 0)));
      expect(bytesToHex(marf.get(left, 'shared')!)).toBe(bytesToHex(valueBytes(2, 0)));
      expect(bytesToHex(marf.get(right, 'shared')!)).toBe(bytesToHex(valueBytes(1, 0)));
      expect(marf.getBlockHeight(left)).toBe(1);
      expect(marf.getBlockHeight(right)).toBe(1);
    } finally {
      marf.close();
    }
  });
});
