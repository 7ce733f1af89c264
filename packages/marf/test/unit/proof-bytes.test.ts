/**
 * Proof bytes are pinned: the SHA-256 of the encoded proofs of a fixed seeded workload (keys
 * written over many blocks with forks, some overwritten later, proven at several tips) was
 * computed on the code before proof generation read children hashes from node records, and must
 * not change with how proofs are produced (memory or disk storage, any cache size).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSeededRng, equalBytes } from '@stacks-ts/common';
import { MARF_SENTINEL_BLOCK_ID, openMarf, type Marf } from '../../src/marf.ts';
import { encodeMarfProof, verifyMarfProof } from '../../src/proofs.ts';
import { openSqliteTrieStorage } from '../../src/sqlite-storage.ts';

const BLOCKS = 60;
const KEYS_PER_BLOCK = 40;
const EXPECTED_SHA256 = '744947da7bcc92ceb13b4f46a024eda6d9abe43c9e11d7a86a2c22466f6b0691';

function blockId(n: number): Uint8Array {
  const b = new Uint8Array(32);
  b[0] = 0xc7;
  b[30] = (n >> 8) & 0xff;
  b[31] = n & 0xff;
  return b;
}

interface Built {
  readonly tips: Uint8Array[];
  readonly keys: string[];
}

// Blocks 0..BLOCKS-1; every fifth block forks off an ancestor a few blocks back; each block writes
// new keys and overwrites a few older ones.
function build(marf: Marf): Built {
  const rng = createSeededRng(4242);
  const keys: string[] = [];
  const tips: Uint8Array[] = [];
  let parent = MARF_SENTINEL_BLOCK_ID;
  for (let b = 0; b < BLOCKS; b++) {
    if (b % 5 === 4 && b > 8) parent = blockId(b - 2 - rng.int(5));
    const tx = marf.begin(parent, blockId(b));
    for (let i = 0; i < KEYS_PER_BLOCK; i++) {
      const key = `pin-key-${keys.length}`;
      keys.push(key);
      tx.insert(key, rng.bytes(40));
    }
    for (let i = 0; i < 5 && keys.length > 0; i++) tx.insert(keys[rng.int(keys.length)]!, rng.bytes(40));
    tx.commit();
    parent = blockId(b);
    if (b % 12 === 11) tips.push(blockId(b));
  }
  tips.push(blockId(BLOCKS - 1));
  return { tips, keys };
}

// The SHA-256 of every encoded proof (value, then proof bytes), in a fixed order of (tip, key).
function digestProofs(marf: Marf, built: Built): string {
  const rng = createSeededRng(77);
  const h = createHash('sha256');
  let proven = 0;
  for (const tip of built.tips) {
    const root = marf.getRootHash(tip);
    for (let i = 0; i < 40; i++) {
      const key = built.keys[rng.int(built.keys.length)]!;
      const r = marf.getWithProof(tip, key);
      if (r.value === null) {
        h.update('absent');
        continue;
      }
      expect(verifyMarfProof(r.proof, root, key, r.value, r.rootToBlock)).toBe(true);
      h.update(r.value);
      h.update(encodeMarfProof(r.proof));
      proven++;
    }
  }
  expect(proven).toBeGreaterThan(80);
  return h.digest('hex');
}

describe('proof bytes are pinned for a seeded workload', () => {
  it('in memory, default cache', () => {
    const marf = openMarf();
    try {
      expect(digestProofs(marf, build(marf))).toBe(EXPECTED_SHA256);
    } finally {
      marf.close();
    }
  });

  it('on disk, reopened with no cache, and with a small one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marf-proof-pin-'));
    try {
      const first = openMarf({ path: join(dir, 'm') });
      const built = build(first);
      const tipRoot = first.getRootHash(built.tips.at(-1)!);
      first.close();
      for (const cacheBytes of [0, 64 * 1024]) {
        const marf = openMarf({ storage: openSqliteTrieStorage(join(dir, 'm'), { cacheBytes: 0 }), cacheBytes });
        try {
          expect(equalBytes(marf.getRootHash(built.tips.at(-1)!), tipRoot)).toBe(true);
          expect(digestProofs(marf, built)).toBe(EXPECTED_SHA256);
        } finally {
          marf.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
