// MARF throughput against @ethereumjs/mpt on the same workload, in the same run: N keys (string
// keys, 40-byte values) written over 1,000 blocks (N / 1000 new keys a block, each block committed),
// then single blocks of 100 new keys on top, lookups with warm and cold caches, and proofs.
// The MPT gets one checkpoint/commit per block, keys hashed (keccak-256) as the MARF hashes its
// keys (SHA-512/256), in memory (its MapDB) and persisted in SQLite (WAL, synchronous=FULL, one
// transaction per block), the closest it has to the MARF's durable commit.
//
// N is 100,000 by default; MARF_BENCH_LARGE=1 adds N = 1,000,000 (about 20 minutes; run it with
// NODE_OPTIONS=--max-old-space-size=12288, the default 4 GB heap is not enough). At 1M the MPT in
// memory is left out (its MapDB alone needs about 10 GB); MARF_BENCH_MPT_MEM=1 puts it back.
// Build benchmarks run once (one sample): keys/s = N * hz.
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { MerklePatriciaTrie, createMerkleProof, verifyMPTWithMerkleProof, type MPTOpts } from '@ethereumjs/mpt';
import { afterAll, bench, describe } from 'vitest';
import { createSeededRng } from '@stacks-ts/common';
import { createNodeHashBackend, nobleHashBackend } from '@stacks-ts/codec';
import { MARF_SENTINEL_BLOCK_ID, openMarf, type Marf } from '../../src/marf.ts';
import * as proofs from '../../src/proofs.ts';
import { openSqliteTrieStorage } from '../../src/sqlite-storage.ts';
import {
  BLOCK_KEYS,
  BLOCKS,
  buildMarf,
  buildMpt,
  marfBlock,
  mptBlock,
  openSqliteMptDb,
  workload,
  type MarfState,
  type MptDb,
} from './workload.ts';

const LARGE = process.env.MARF_BENCH_LARGE === '1';
const SIZES = LARGE ? [100_000, 1_000_000] : [100_000];
const ONCE = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };
const OPS = { time: 2000, warmupTime: 200 };
const rng = createSeededRng(2024);
const tmpRoot = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'marf-bench-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

const proofsAvailable = ((): boolean => {
  const m = openMarf();
  try {
    const tx = m.begin(MARF_SENTINEL_BLOCK_ID, new Uint8Array(32));
    tx.insert('k', new Uint8Array(40));
    tx.commit();
    m.getWithProof(new Uint8Array(32), 'k');
    return typeof (proofs as Record<string, unknown>).verifyMarfProof === 'function';
  } catch {
    return false;
  } finally {
    m.close();
  }
})();

for (const n of SIZES) {
  const w = workload(n);
  const dir = (name: string): string => nodePath.join(tmpRoot, `${name}-${n}`);
  // Stores built by the build benchmarks and reused by the later ones (built on demand if a
  // filter skipped the build).
  let marfMem: MarfState | undefined;
  let marfDisk: MarfState | undefined;
  let marfCold: Marf | undefined;
  let mptMem: MerklePatriciaTrie | undefined;
  let mptDisk: { mpt: MerklePatriciaTrie; db: MptDb & { close(): void } } | undefined;
  const mptCounters = { mem: { n: 0 }, disk: { n: 0 } };
  const getMarfMem = (): MarfState => {
    if (!marfMem) {
      const marf = openMarf();
      marfMem = { marf, tip: buildMarf(marf, w), extra: 0 };
    }
    return marfMem;
  };
  const getMarfDisk = (): MarfState => {
    marfCold?.close();
    marfCold = undefined;
    if (!marfDisk) {
      if (fs.existsSync(dir('marf-full'))) {
        marfDisk = { marf: openMarf({ path: dir('marf-full') }), tip: w.blockIds[BLOCKS - 1]!, extra: 0 };
      } else {
        const marf = openMarf({ path: dir('marf-full') });
        marfDisk = { marf, tip: buildMarf(marf, w), extra: 0 };
      }
    }
    return marfDisk;
  };
  const getMarfCold = (): Marf => {
    if (!marfCold) {
      const tip = getMarfDisk().tip;
      marfDisk!.marf.close();
      marfDisk = undefined;
      // No blob or node cache: every lookup reads each node it passes from the trie file.
      marfCold = openMarf({ storage: openSqliteTrieStorage(dir('marf-full'), { cacheBytes: 0 }), cacheBytes: 0 });
      coldTip = tip;
    }
    return marfCold;
  };
  let coldTip: Uint8Array = w.blockIds[BLOCKS - 1]!;
  const getMptMem = async (): Promise<MerklePatriciaTrie> => {
    if (!mptMem) {
      mptMem = new MerklePatriciaTrie({ useKeyHashing: true });
      await buildMpt(mptMem, w);
    }
    return mptMem;
  };
  const getMptDisk = async (): Promise<MerklePatriciaTrie> => {
    if (!mptDisk) {
      const db = openSqliteMptDb(dir('mpt.sqlite'));
      const mpt = new MerklePatriciaTrie({ useKeyHashing: true, db, valueEncoding: 'view' as MPTOpts['valueEncoding'] });
      await buildMpt(mpt, w);
      mptDisk = { mpt, db };
    }
    return mptDisk.mpt;
  };
  const randomKey = (): number => rng.int(n);

  const withMptMem = n <= 100_000 || process.env.MARF_BENCH_MPT_MEM === '1';
  describe(`${n} keys`, () => {
    afterAll(() => {
      marfMem?.marf.close();
      marfDisk?.marf.close();
      marfCold?.close();
      mptDisk?.db.close();
      marfMem = marfDisk = mptDisk = undefined;
      marfCold = mptMem = undefined;
    });

    describe(`build: ${n} keys over ${BLOCKS} blocks (one sample; keys/s = ${n} x hz)`, () => {
      bench('MARF in memory', async () => void getMarfMem(), ONCE);
      bench('MARF on disk (sync full: fsync per commit)', async () => void getMarfDisk(), ONCE);
      for (const sync of ['normal', 'off'] as const) {
        const label = sync === 'normal' ? 'sync normal: fsync the trie file only, as the reference' : 'sync off: no fsync';
        bench(
          `MARF on disk (${label})`,
          async () => {
            const marf = openMarf({ storage: openSqliteTrieStorage(dir(`marf-${sync}`), { sync }) });
            buildMarf(marf, w);
            marf.close();
            fs.rmSync(dir(`marf-${sync}`), { recursive: true, force: true });
          },
          ONCE,
        );
      }
      if (withMptMem) bench('@ethereumjs/mpt in memory', async () => void (await getMptMem()), ONCE);
      bench('@ethereumjs/mpt on SQLite (synchronous=FULL)', async () => void (await getMptDisk()), ONCE);
    });

    describe(`commit one block of ${BLOCK_KEYS} new keys on top of ${n} keys`, () => {
      bench('MARF in memory', () => marfBlock(getMarfMem(), BLOCK_KEYS), OPS);
      bench('MARF on disk (sync full)', () => marfBlock(getMarfDisk(), BLOCK_KEYS), OPS);
      if (withMptMem) bench('@ethereumjs/mpt in memory', async () => mptBlock(await getMptMem(), mptCounters.mem), OPS);
      bench('@ethereumjs/mpt on SQLite', async () => mptBlock(await getMptDisk(), mptCounters.disk), OPS);
    });

    describe(`commit an empty block (only the height keys) on top of ${n} keys`, () => {
      bench('MARF in memory', () => marfBlock(getMarfMem(), 0), OPS);
      bench('MARF on disk (sync full)', () => marfBlock(getMarfDisk(), 0), OPS);
    });

    describe(`lookup of a random key among ${n} (warm caches)`, () => {
      bench('MARF in memory', () => {
        const s = getMarfMem();
        s.marf.get(s.tip, w.keys[randomKey()]!);
      }, OPS);
      bench('MARF on disk', () => {
        const s = getMarfDisk();
        s.marf.get(s.tip, w.keys[randomKey()]!);
      }, OPS);
      if (withMptMem) {
        bench('@ethereumjs/mpt in memory', async () => void (await (await getMptMem()).get(w.keyBytes[randomKey()]!)), OPS);
      }
      bench('@ethereumjs/mpt on SQLite', async () => void (await (await getMptDisk()).get(w.keyBytes[randomKey()]!)), OPS);
    });

    describe(`lookup of a random key among ${n} (cold: no blob or node cache; OS page cache warm)`, () => {
      bench('MARF on disk', () => void getMarfCold().get(coldTip, w.keys[randomKey()]!), OPS);
      bench(
        '@ethereumjs/mpt on SQLite (fresh trie object, no node cache)',
        async () => {
          const disk = await getMptDisk();
          const fresh = new MerklePatriciaTrie({
            useKeyHashing: true,
            db: mptDisk!.db,
            valueEncoding: 'view' as MPTOpts['valueEncoding'],
            root: disk.root(),
          });
          await fresh.get(w.keyBytes[randomKey()]!);
        },
        OPS,
      );
    });

    if (proofsAvailable) {
      type Verify = (proof: unknown, root: Uint8Array, key: string, value: Uint8Array | null, rootToBlock: unknown) => boolean;
      const verify = (proofs as unknown as { verifyMarfProof: Verify }).verifyMarfProof;
      const POOL = 256;
      const marfProofs: { key: string; root: Uint8Array; value: Uint8Array | null; proof: unknown; rootToBlock: unknown }[] = [];
      const mptProofs: { key: Uint8Array; root: Uint8Array; proof: Uint8Array[] }[] = [];
      let p = 0;
      describe(`proofs for a random key among ${n}`, () => {
        bench('MARF getWithProof (in memory)', () => {
          const s = getMarfMem();
          const key = w.keys[randomKey()]!;
          const r = s.marf.getWithProof(s.tip, key);
          if (marfProofs.length < POOL) marfProofs.push({ key, root: s.marf.getRootHash(s.tip), ...r });
        }, OPS);
        bench('MARF verifyMarfProof', () => {
          const s = getMarfMem();
          while (marfProofs.length < POOL) {
            const key = w.keys[randomKey()]!;
            marfProofs.push({ key, root: s.marf.getRootHash(s.tip), ...s.marf.getWithProof(s.tip, key) });
          }
          const x = marfProofs[p++ % POOL]!;
          if (!verify(x.proof, x.root, x.key, x.value, x.rootToBlock)) throw new Error('MARF proof did not verify');
        }, OPS);
        const proofMpt = withMptMem ? getMptMem : getMptDisk;
        const where = withMptMem ? 'in memory' : 'on SQLite';
        bench(`@ethereumjs/mpt createMerkleProof (${where})`, async () => {
          const mpt = await proofMpt();
          const key = w.keyBytes[randomKey()]!;
          const proof = await createMerkleProof(mpt, key);
          if (mptProofs.length < POOL) mptProofs.push({ key, root: mpt.root(), proof });
        }, OPS);
        bench('@ethereumjs/mpt verifyMPTWithMerkleProof', async () => {
          const mpt = await proofMpt();
          while (mptProofs.length < POOL) {
            const key = w.keyBytes[randomKey()]!;
            mptProofs.push({ key, root: mpt.root(), proof: await createMerkleProof(mpt, key) });
          }
          const x = mptProofs[p++ % POOL]!;
          if ((await verifyMPTWithMerkleProof(mpt, x.root, x.key, x.proof)) === null) throw new Error('MPT proof did not verify');
        }, OPS);
      });
    }
  });
}

const nodeHashes = createNodeHashBackend();
const input64 = rng.bytes(64);
describe('sha512/256 of 64 bytes (a MARF interior hash input: two child hashes)', () => {
  if (nodeHashes) bench('node:crypto', () => void nodeHashes.sha512_256(input64));
  bench('noble', () => void nobleHashBackend.sha512_256(input64));
});
