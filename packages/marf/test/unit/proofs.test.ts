/**
 * MARF Merkle proofs (`src/proofs.ts`): proofs generated at random tips of random block trees
 * with forks verify against the tip's root hash; keys written many blocks back give proofs that
 * cross several tries; every kind of tampering (each byte of the encoded proof, the value, the
 * key, the root, `rootToBlock`) is rejected; the consensus bytes round-trip; hostile bytes only
 * raise `CodecError`.
 */
import { Buffer } from 'node:buffer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodecError, isCodecError, sha512_256 } from '@stacks-ts/codec';
import { bytesToHex, equalBytes, hexToBytes } from '@stacks-ts/common';
import { MARF_SENTINEL_BLOCK_ID, marfKeyToPath, openMarf, type Marf } from '../../src/marf.ts';
import {
  TrieMerkleProofTypeIndicator,
  decodeMarfProof,
  encodeMarfProof,
  proveKey,
  rootToBlockKey,
  verifyMarfProof,
  verifyMarfProofRaw,
  type ProofLeafElement,
  type ProofNodeElement,
  type ProofShuntElement,
  type TrieMerkleProof,
  type TrieMerkleProofType,
} from '../../src/proofs.ts';

// ---- helpers ----

function blockId(n: number, salt = 0): Uint8Array {
  const b = new Uint8Array(32);
  b[0] = 0xb1;
  b[1] = salt;
  b[2] = (n >> 8) & 0xff;
  b[3] = n & 0xff;
  return b;
}

function value(seed: number): Uint8Array {
  const v = new Uint8Array(40);
  for (let i = 0; i < 40; i++) v[i] = (seed * 31 + i * 7 + (seed >> 8)) & 0xff;
  v[0] = seed & 0xff;
  v[1] = (seed >> 8) & 0xff;
  v[2] = (seed >> 16) & 0xff;
  return v;
}

/** How many tries a proof passes through (one idx-0 shunt head + one per later segment). */
function segmentCount(proof: TrieMerkleProof): number {
  let n = 0;
  for (let i = 0; i < proof.length; i++) {
    if (proof[i]!.type !== 'Shunt' && (i === 0 || proof[i - 1]!.type === 'Shunt')) n++;
  }
  return n;
}

function longestShuntRun(proof: TrieMerkleProof): number {
  let best = 0;
  let run = 0;
  for (const el of proof) {
    run = el.type === 'Shunt' ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/** Checks the shape `from_path` produces (see the module comment of proofs.ts). */
function expectReferenceShape(proof: TrieMerkleProof, path: Uint8Array): void {
  expect(proof[0]!.type).toBe('Leaf');
  expect((proof[0] as ProofLeafElement).chr).toBe(path[31]);
  let i = 0;
  let first = true;
  while (i < proof.length) {
    let j = i;
    while (j < proof.length && proof[j]!.type !== 'Shunt') j++;
    // Each segment ends (in proof order) with the trie's root: a Node256 with an empty path.
    const root = proof[j - 1] as ProofNodeElement;
    expect(root.type).toBe('Node256');
    expect(root.node.path.length).toBe(0);
    let k = j;
    while (k < proof.length && proof[k]!.type === 'Shunt') k++;
    const shunts = proof.slice(j, k) as ProofShuntElement[];
    if (first) {
      expect(shunts.length).toBe(1);
      expect(shunts[0]!.idx).toBe(0n);
    } else {
      expect(shunts.length).toBeGreaterThanOrEqual(1);
      for (const s of shunts) expect(s.idx > 0n).toBe(true);
    }
    first = false;
    i = k;
  }
}

function withoutEntry(map: Map<string, Uint8Array>, key: string): Map<string, Uint8Array> {
  const out = new Map(map);
  out.delete(key);
  return out;
}

/** Every way this test knows to break a valid proof; each must be rejected. */
function expectTamperingRejected(
  proof: TrieMerkleProof,
  rootHash: Uint8Array,
  path: Uint8Array,
  val: Uint8Array,
  rootToBlock: Map<string, Uint8Array>,
  otherRoot: Uint8Array | null,
  otherPath: Uint8Array,
): void {
  expect(verifyMarfProofRaw(proof, rootHash, path, val, rootToBlock)).toBe(true);
  const badVal = val.slice();
  badVal[39]! ^= 1;
  expect(verifyMarfProofRaw(proof, rootHash, path, badVal, rootToBlock)).toBe(false);
  expect(verifyMarfProofRaw(proof, rootHash, otherPath, val, rootToBlock)).toBe(false);
  const badRoot = rootHash.slice();
  badRoot[0]! ^= 0x80;
  expect(verifyMarfProofRaw(proof, badRoot, path, val, rootToBlock)).toBe(false);
  if (otherRoot !== null) expect(verifyMarfProofRaw(proof, otherRoot, path, val, rootToBlock)).toBe(false);
  const keys = [...rootToBlock.keys()];
  if (keys.length > 1) {
    for (const k of keys) expect(verifyMarfProofRaw(proof, rootHash, path, val, withoutEntry(rootToBlock, k))).toBe(false);
    const swapped = new Map(rootToBlock);
    swapped.set(keys[0]!, rootToBlock.get(keys[1]!)!);
    swapped.set(keys[1]!, rootToBlock.get(keys[0]!)!);
    expect(verifyMarfProofRaw(proof, rootHash, path, val, swapped)).toBe(false);
    expect(verifyMarfProofRaw(proof, rootHash, path, val, new Map())).toBe(false);
  }
  // Elements dropped or repeated.
  expect(verifyMarfProofRaw(proof.slice(0, -1), rootHash, path, val, rootToBlock)).toBe(false);
  expect(verifyMarfProofRaw(proof.slice(1), rootHash, path, val, rootToBlock)).toBe(false);
  expect(verifyMarfProofRaw([...proof, proof[proof.length - 1]!], rootHash, path, val, rootToBlock)).toBe(false);
  expect(verifyMarfProofRaw([...proof, ...proof], rootHash, path, val, rootToBlock)).toBe(false);
}

/**
 * Changes each byte (every `stride`-th one) of an encoded proof in turn: the result must fail to
 * decode with a `CodecError` or decode to a proof that does not verify.
 */
function expectFlipsRejected(
  bytes: Uint8Array,
  root: Uint8Array,
  path: Uint8Array,
  val: Uint8Array,
  rootToBlock: Map<string, Uint8Array>,
  stride: number,
): void {
  expect(verifyMarfProofRaw(bytes, root, path, val, rootToBlock)).toBe(true);
  let decodeErrors = 0;
  for (let i = 0; i < bytes.length; i += stride) {
    const bad = bytes.slice();
    bad[i]! ^= i % 2 === 0 ? 0x01 : 0x80;
    let decoded: TrieMerkleProofType[] | null = null;
    try {
      decoded = decodeMarfProof(bad);
    } catch (err) {
      expect(err).toBeInstanceOf(CodecError);
      decodeErrors++;
    }
    if (decoded !== null && verifyMarfProofRaw(decoded, root, path, val, rootToBlock)) {
      throw new Error(`changing byte ${i} of ${bytes.length} still verifies`);
    }
    // The bytes entry point too, on a sample (it decodes the same way).
    if (i % 101 === 0) expect(verifyMarfProofRaw(bad, root, path, val, rootToBlock)).toBe(false);
  }
  expect(decodeErrors).toBeGreaterThan(0);
}

interface Forest {
  readonly marf: Marf;
  readonly blocks: Uint8Array[];
  /** The model: per block, path hex -> value. */
  readonly states: Map<string, Uint8Array>[];
  readonly paths: Uint8Array[];
}

// Paths with shared prefixes at several depths, so tries get Node4/16/48/256 and deep segments.
function makePaths(): Uint8Array[] {
  const paths: Uint8Array[] = [];
  for (let k = 0; k < 16; k++) paths.push(marfKeyToPath(`key-${k}`));
  for (let k = 0; k < 24; k++) {
    const p = new Uint8Array(32).fill(0x33);
    p[1] = k % 3;
    p[5] = (k >> 2) % 3;
    p[20] = k;
    p[31] = k * 5;
    paths.push(p);
  }
  for (let k = 0; k < 20; k++) {
    const p = new Uint8Array(32).fill(0x77);
    p[31] = k;
    paths.push(p);
  }
  return paths;
}
const PATHS = makePaths();

interface BlockPlan {
  readonly parent: number; // index into the blocks so far (mod), or -1 style via a flag
  readonly newChain: boolean;
  readonly writes: readonly { readonly path: number; readonly value: number }[];
}

function buildForest(plans: readonly BlockPlan[], salt: number): Forest {
  const marf = openMarf();
  const blocks: Uint8Array[] = [];
  const states: Map<string, Uint8Array>[] = [];
  plans.forEach((plan, n) => {
    const fromSentinel = blocks.length === 0 || (plan.newChain && n % 7 === 0);
    // Mostly extend one of the latest blocks, so chains get long; sometimes fork further back.
    const p = fromSentinel ? -1 : blocks.length - 1 - (plan.parent % Math.min(blocks.length, 4));
    const parentId = p < 0 ? MARF_SENTINEL_BLOCK_ID : blocks[p]!;
    const state = p < 0 ? new Map<string, Uint8Array>() : new Map(states[p]!);
    const id = blockId(n, salt);
    const tx = marf.begin(parentId, id);
    for (const w of plan.writes) {
      const path = PATHS[w.path % PATHS.length]!;
      const v = value(w.value);
      tx.insertRaw(path, v);
      state.set(bytesToHex(path), v);
    }
    tx.commit();
    blocks.push(id);
    states.push(state);
  });
  return { marf, blocks, states, paths: PATHS };
}

const planArb = fc.array(
  fc.record({
    parent: fc.nat(15),
    newChain: fc.boolean(),
    writes: fc.array(fc.record({ path: fc.nat(PATHS.length - 1), value: fc.nat(0xffffff) }), { maxLength: 8 }),
  }),
  { minLength: 1, maxLength: 40 },
);

// ---- a long chain with a key written far back ----

/**
 * 60 blocks on one chain. Block 0 writes `target` next to three paths that share 3, 10 and 20
 * leading bytes with it, so the trie has interior nodes at those depths on its path. Later
 * blocks add a sibling under each of those nodes, deepest first (blocks 11, 22, 37), so the
 * nodes on the path end up in four different tries and a proof at block 49 crosses four
 * back-pointers, with skip-list walks of several steps between them (49 - 37 = 8 + 4, 37 - 22 =
 * 8 + 4 + 2 + 1, ...). `target` is overwritten in block 50. Every block also writes a filler key.
 */
function buildChain(): { marf: Marf; blocks: Uint8Array[]; target: Uint8Array; other: Uint8Array } {
  const marf = openMarf();
  const target = new Uint8Array(32);
  for (let i = 0; i < 32; i++) target[i] = (i * 29 + 11) & 0xff;
  const sharing = (n: number, alt: number): Uint8Array => {
    const p = target.slice();
    p[n] = (p[n]! + alt) & 0xff;
    return p;
  };
  const other = marfKeyToPath('other-key');
  const blocks: Uint8Array[] = [];
  let parent = MARF_SENTINEL_BLOCK_ID;
  for (let h = 0; h < 60; h++) {
    const id = blockId(h, 200);
    const tx = marf.begin(parent, id);
    if (h === 0) {
      tx.insertRaw(target, value(1000));
      for (const n of [3, 10, 20]) tx.insertRaw(sharing(n, 1), value(n));
    }
    if (h === 11) tx.insertRaw(sharing(20, 2), value(11));
    if (h === 22) tx.insertRaw(sharing(10, 2), value(22));
    if (h === 37) tx.insertRaw(sharing(3, 2), value(37));
    if (h === 50) tx.insertRaw(target, value(5000));
    if (h === 3) tx.insertRaw(other, value(3));
    tx.insert(`filler-${h}`, value(h + 100));
    tx.commit();
    blocks.push(id);
    parent = id;
  }
  return { marf, blocks, target, other };
}

// ---- tests ----

describe('MARF proofs over random block trees', () => {
  it('proves every queried key at random tips, and rejects tampering', () => {
    let salt = 0;
    const bySegments = new Map<number, number>();
    fc.assert(
      fc.property(planArb, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 12 }), (plans, queries) => {
        const forest = buildForest(plans, salt++ & 0xff);
        const { marf, blocks, states, paths } = forest;
        try {
          for (const [t, k, anyPath] of queries) {
            const tipIdx = t % blocks.length;
            const tip = blocks[tipIdx]!;
            // Mostly a path that has a value at the tip; sometimes any path (often absent).
            const present = [...states[tipIdx]!.keys()];
            const path = anyPath || present.length === 0 ? paths[k % paths.length]! : hexToBytes(present[k % present.length]!);
            const expected = states[tipIdx]!.get(bytesToHex(path)) ?? null;
            const res = marf.getWithProofRaw(tip, path);
            if (expected === null) {
              expect(res.value).toBeNull();
              expect(res.proof).toBeNull();
              expect(res.rootToBlock.size).toBe(0);
              continue;
            }
            expect(res.value).toEqual(expected);
            const proof = res.proof!;
            const root = marf.getRootHash(tip);
            expectReferenceShape(proof, path);
            expect(res.rootToBlock.size).toBe(segmentCount(proof));
            bySegments.set(segmentCount(proof), (bySegments.get(segmentCount(proof)) ?? 0) + 1);
            expect(verifyMarfProofRaw(proof, root, path, expected, res.rootToBlock)).toBe(true);
            const bytes = encodeMarfProof(proof);
            expect(decodeMarfProof(bytes)).toEqual(proof);
            expect(verifyMarfProofRaw(bytes, root, path, expected, res.rootToBlock)).toBe(true);
            const otherTip = blocks[(tipIdx + 1) % blocks.length]!;
            const otherRoot = blocks.length > 1 ? marf.getRootHash(otherTip) : null;
            const otherPath = equalBytes(paths[k % paths.length]!, path) ? paths[(k + 1) % paths.length]! : paths[k % paths.length]!;
            expectTamperingRejected(proof, root, path, expected, res.rootToBlock, otherRoot, otherPath);
          }
          // The height keys are in every trie: prove one at every tip.
          for (let b = 0; b < blocks.length; b += 5) {
            const key = '__MARF_BLOCK_HEIGHT_SELF';
            const res = marf.getWithProof(blocks[b]!, key);
            expect(res.value).not.toBeNull();
            expect(verifyMarfProof(res.proof!, marf.getRootHash(blocks[b]!), key, res.value!, res.rootToBlock)).toBe(true);
          }
        } finally {
          marf.close();
        }
      }),
      { seed: 0x50524f46, numRuns: 30 },
    );
    // The trees are deep enough that many proofs cross tries.
    expect(bySegments.get(1) ?? 0).toBeGreaterThan(0);
    expect(bySegments.get(2) ?? 0).toBeGreaterThan(0);
    expect([...bySegments.keys()].some((n) => n >= 3)).toBe(true);
  }, 120_000);
});

describe('proofs that cross several tries', () => {
  const chain = buildChain();
  const { marf, blocks, target, other } = chain;

  it('proves a key written 49 blocks back through several back-pointers and skip-list shunts', () => {
    const tip = blocks[49]!;
    const res = marf.getWithProofRaw(tip, target);
    expect(res.value).toEqual(value(1000));
    const proof = res.proof!;
    expectReferenceShape(proof, target);
    expect(segmentCount(proof)).toBeGreaterThanOrEqual(5);
    expect(longestShuntRun(proof)).toBeGreaterThanOrEqual(3); // tail shunts + junction
    expect(res.rootToBlock.size).toBe(segmentCount(proof));
    // rootToBlock holds exactly the root hash -> block id of the tries with a segment.
    for (const [rootHex, id] of res.rootToBlock) expect(rootToBlockKey(marf.getRootHash(id))).toBe(rootHex);
    expect(res.rootToBlock.get(rootToBlockKey(marf.getRootHash(tip)))).toEqual(tip);
    const root = marf.getRootHash(tip);
    expectTamperingRejected(proof, root, target, value(1000), res.rootToBlock, marf.getRootHash(blocks[48]!), other);
  });

  it('proves at every tip of the chain, before and after the overwrite', () => {
    for (let h = 0; h < blocks.length; h++) {
      const tip = blocks[h]!;
      const res = marf.getWithProofRaw(tip, target);
      const expected = h < 50 ? value(1000) : value(5000);
      expect(res.value).toEqual(expected);
      expect(verifyMarfProofRaw(res.proof!, marf.getRootHash(tip), target, expected, res.rootToBlock)).toBe(true);
      const o = marf.getWithProofRaw(tip, other);
      if (h < 3) expect(o.value).toBeNull();
      else expect(verifyMarfProofRaw(o.proof!, marf.getRootHash(tip), other, value(3), o.rootToBlock)).toBe(true);
    }
  });

  it('rejects a stale proof: the old value proven at an older block does not verify at a newer root', () => {
    const old = marf.getWithProofRaw(blocks[49]!, target);
    const fresh = marf.getWithProofRaw(blocks[59]!, target);
    const all = new Map([...old.rootToBlock, ...fresh.rootToBlock]);
    for (let h = 0; h < blocks.length; h++) all.set(rootToBlockKey(marf.getRootHash(blocks[h]!)), blocks[h]!);
    expect(verifyMarfProofRaw(old.proof!, marf.getRootHash(blocks[49]!), target, value(1000), all)).toBe(true);
    expect(verifyMarfProofRaw(old.proof!, marf.getRootHash(blocks[59]!), target, value(1000), all)).toBe(false);
    expect(verifyMarfProofRaw(old.proof!, marf.getRootHash(blocks[59]!), target, value(5000), all)).toBe(false);
    expect(verifyMarfProofRaw(fresh.proof!, marf.getRootHash(blocks[59]!), target, value(5000), all)).toBe(true);
    expect(verifyMarfProofRaw(fresh.proof!, marf.getRootHash(blocks[59]!), target, value(1000), all)).toBe(false);
  });

  it('rejects the proof with bytes of its encoding changed (every 13th byte of a proof through 4 tries)', () => {
    const tip = blocks[29]!;
    const res = marf.getWithProofRaw(tip, target);
    const proof = res.proof!;
    expect(segmentCount(proof)).toBeGreaterThanOrEqual(4);
    expectFlipsRejected(encodeMarfProof(proof), marf.getRootHash(tip), target, value(1000), res.rootToBlock, 13);
  }, 120_000);

  it('rejects structural tampering the reference lets through', () => {
    const tip = blocks[49]!;
    const res = marf.getWithProofRaw(tip, target);
    const proof = res.proof!;
    const root = marf.getRootHash(tip);
    const leaf = proof[0]!;
    if (leaf.type !== 'Leaf') throw new Error('expected a leaf first');
    // A fake leaf in front of the real one (the reference hashes the second leaf and forgets the first).
    const fake: TrieMerkleProofType = { type: 'Leaf', chr: leaf.chr, path: new Uint8Array(0), value: value(666) };
    expect(verifyMarfProofRaw([fake, ...proof], root, target, value(666), res.rootToBlock)).toBe(false);
    // The leaf's chr is not hashed; it must still be the last path byte.
    const badChr = [{ ...leaf, chr: (leaf.chr + 1) & 0xff }, ...proof.slice(1)];
    expect(verifyMarfProofRaw(badChr, root, target, value(1000), res.rootToBlock)).toBe(false);
    // Anything after the tip's root is reached.
    const extra: TrieMerkleProofType = { type: 'Shunt', idx: 1n, hashes: [] };
    expect(verifyMarfProofRaw([...proof, extra], root, target, value(1000), res.rootToBlock)).toBe(false);
  });

  it('rejects every one-field change of every element', () => {
    const tip = blocks[49]!;
    const res = marf.getWithProofRaw(tip, target);
    const proof = res.proof!;
    const root = marf.getRootHash(tip);
    const check = (mutated: TrieMerkleProofType[], what: string): void => {
      if (verifyMarfProofRaw(mutated, root, target, value(1000), res.rootToBlock)) throw new Error(`${what} still verifies`);
    };
    const flip = (b: Uint8Array): Uint8Array => {
      const c = b.slice();
      if (c.length > 0) c[c.length - 1]! ^= 1;
      return c;
    };
    proof.forEach((el, i) => {
      const at = (e: TrieMerkleProofType): TrieMerkleProofType[] => proof.map((x, k) => (k === i ? e : x));
      switch (el.type) {
        case 'Leaf':
          check(at({ ...el, path: flip(el.path) }), `leaf ${i} path`);
          check(at({ ...el, value: flip(el.value) }), `leaf ${i} value`);
          break;
        case 'Shunt':
          check(at({ ...el, idx: el.idx + 1n }), `shunt ${i} idx+1`);
          check(at({ ...el, idx: el.idx - 1n }), `shunt ${i} idx-1`);
          check(at({ ...el, hashes: [...el.hashes, el.hashes[0] ?? root] }), `shunt ${i} extra hash`);
          if (el.hashes.length > 0) {
            check(at({ ...el, hashes: el.hashes.slice(1) }), `shunt ${i} dropped hash`);
            check(at({ ...el, hashes: el.hashes.map((h, k) => (k === 0 ? flip(h) : h)) }), `shunt ${i} hash`);
          }
          break;
        default: {
          check(at({ ...el, chr: (el.chr + 1) & 0xff }), `node ${i} chr`);
          check(at({ ...el, node: { ...el.node, id: el.node.id ^ 1 } }), `node ${i} id`);
          check(at({ ...el, node: { ...el.node, path: Uint8Array.of(...el.node.path, 0) } }), `node ${i} path`);
          check(at({ ...el, hashes: el.hashes.map((h, k) => (k === el.hashes.length - 1 ? flip(h) : h)) }), `node ${i} hash`);
          const ptrs = el.node.ptrs.map((p, k) => (k === 0 ? { ...p, backBlock: flip(p.backBlock) } : p));
          check(at({ ...el, node: { ...el.node, ptrs } }), `node ${i} back block`);
          check(at({ ...el, type: el.type === 'Node256' ? 'Node48' : 'Node256' }), `node ${i} type`);
        }
      }
    });
  });
});

describe('proof elements backed by the MARF\'s bytes', () => {
  const { marf, blocks, target } = buildChain();
  const tip = blocks[49]!;
  const root = marf.getRootHash(tip);
  const prove = () => marf.getWithProofRaw(tip, target);
  const nodeIndexes = (proof: TrieMerkleProof): number[] => proof.flatMap((el, i) => (el.type.startsWith('Node') ? [i] : []));

  it('verify and encode the same before and after their fields are read, and after the MARF is closed', () => {
    const fresh = prove();
    const bytes = encodeMarfProof(fresh.proof!);
    const untouched = prove();
    // Verified straight from the MARF's bytes (no field read yet), then read, then verified again.
    expect(verifyMarfProofRaw(untouched.proof!, root, target, value(1000), untouched.rootToBlock)).toBe(true);
    for (const i of nodeIndexes(untouched.proof!)) {
      const el = untouched.proof![i] as ProofNodeElement;
      expect(el.hashes.length).toBe(el.node.ptrs.length - 1);
    }
    expect(verifyMarfProofRaw(untouched.proof!, root, target, value(1000), untouched.rootToBlock)).toBe(true);
    expect(bytesToHex(encodeMarfProof(untouched.proof!))).toBe(bytesToHex(bytes));
    // Plain copies of every element verify too (field by field), and encode the same.
    const copies = untouched.proof!.map((el) => ({ ...el }));
    expect(verifyMarfProofRaw(copies, root, target, value(1000), untouched.rootToBlock)).toBe(true);
    expect(bytesToHex(encodeMarfProof(copies))).toBe(bytesToHex(bytes));
    // A proof never read before the MARF closes still verifies and encodes: it owns what it needs.
    const late = prove();
    const other = buildChain();
    const lateRoot = other.marf.getRootHash(other.blocks[49]!);
    const lateProof = other.marf.getWithProofRaw(other.blocks[49]!, other.target);
    other.marf.close();
    expect(verifyMarfProofRaw(lateProof.proof!, lateRoot, other.target, value(1000), lateProof.rootToBlock)).toBe(true);
    expect(bytesToHex(encodeMarfProof(lateProof.proof!))).toBe(bytesToHex(encodeMarfProof(late.proof!)));
  });

  it('are frozen, and a change through one of their byte views is seen by verify and encode', () => {
    const res = prove();
    const proof = res.proof!;
    const i = nodeIndexes(proof).at(-1)!;
    const el = proof[i] as ProofNodeElement;
    expect(Object.isFrozen(el)).toBe(true);
    expect(Object.isFrozen(el.node)).toBe(true);
    expect(Object.isFrozen(el.node.ptrs)).toBe(true);
    expect(Object.isFrozen(el.hashes)).toBe(true);
    expect(() => {
      (el as { chr: number }).chr = (el.chr + 1) & 0xff;
    }).toThrow(TypeError);
    expect(() => {
      (el.hashes as Uint8Array[])[0] = new Uint8Array(32);
    }).toThrow(TypeError);
    const before = encodeMarfProof(proof);
    const views: [string, Uint8Array][] = [
      ['hash', el.hashes[el.hashes.length - 1]!],
      ['back block', el.node.ptrs.find((p) => (p.id & 0x80) !== 0)!.backBlock],
    ];
    const lowIndex = nodeIndexes(proof)[0]!;
    const low = proof[lowIndex] as ProofNodeElement;
    if (low.node.path.length > 0) views.push(['path', low.node.path]);
    for (const [what, view] of views) {
      view[0]! ^= 1;
      expect(verifyMarfProofRaw(proof, root, target, value(1000), res.rootToBlock), what).toBe(false);
      expect(bytesToHex(encodeMarfProof(proof)), what).not.toBe(bytesToHex(before));
      view[0]! ^= 1;
      expect(verifyMarfProofRaw(proof, root, target, value(1000), res.rootToBlock), what).toBe(true);
    }
    // Another proof through the same nodes is not affected by changes made through this one's views.
    el.hashes[0]![0]! ^= 0xff;
    const again = prove();
    expect(verifyMarfProofRaw(again.proof!, root, target, value(1000), again.rootToBlock)).toBe(true);
    expect(bytesToHex(encodeMarfProof(again.proof!))).toBe(bytesToHex(before));
  });

  it('shunts are frozen, own copies of their hashes once read, and a change to one is seen by verify and encode only', () => {
    const res = prove();
    const proof = res.proof!;
    const before = encodeMarfProof(proof);
    const shuntAt = proof.flatMap((el, i) => (el.type === 'Shunt' && el.hashes.length > 0 ? [i] : []));
    expect(shuntAt.length).toBeGreaterThan(1);
    for (const i of shuntAt) {
      const el = proof[i] as ProofShuntElement;
      expect(Object.isFrozen(el)).toBe(true);
      expect(Object.isFrozen(el.hashes)).toBe(true);
      expect(el.hashes).toBe(el.hashes); // read once, kept
      expect(() => {
        (el as { idx: bigint }).idx = el.idx + 1n;
      }).toThrow(TypeError);
      el.hashes[0]![0]! ^= 1;
      expect(verifyMarfProofRaw(proof, root, target, value(1000), res.rootToBlock), `shunt ${i}`).toBe(false);
      expect(bytesToHex(encodeMarfProof(proof)), `shunt ${i}`).not.toBe(bytesToHex(before));
      // The MARF's own hashes (and the skip-list walks it keeps) are untouched.
      const again = prove();
      expect(verifyMarfProofRaw(again.proof!, root, target, value(1000), again.rootToBlock)).toBe(true);
      expect(bytesToHex(encodeMarfProof(again.proof!))).toBe(bytesToHex(before));
      el.hashes[0]![0]! ^= 1;
      expect(verifyMarfProofRaw(proof, root, target, value(1000), res.rootToBlock), `shunt ${i}`).toBe(true);
    }
    expect(bytesToHex(encodeMarfProof(proof))).toBe(bytesToHex(before));
  });

  it('encode the same whether written straight into bytes or field by field (a proof mixing copies and backed elements)', () => {
    const res = prove();
    const direct = bytesToHex(encodeMarfProof(res.proof!));
    for (const i of [...nodeIndexes(res.proof!), res.proof!.findIndex((el) => el.type === 'Shunt')]) {
      const mixed = res.proof!.map((el, k) => (k === i ? { ...el } : el));
      expect(bytesToHex(encodeMarfProof(mixed)), `element ${i} copied`).toBe(direct);
      expect(verifyMarfProofRaw(mixed, root, target, value(1000), res.rootToBlock)).toBe(true);
    }
    // A leaf the fast path cannot write (a bad value) falls back to the checking writer.
    const badLeaf = res.proof!.map((el) => (el.type === 'Leaf' ? { ...el, value: new Uint8Array(3) } : el));
    expect(() => encodeMarfProof(badLeaf)).toThrow();
    expect(bytesToHex(encodeMarfProof(prove().proof!))).toBe(direct);
  });

  it('encode into a plain Uint8Array of their own, every byte written (the buffer is not zeroed first)', () => {
    const res = prove();
    const plain = res.proof!.map((el) => ({ ...el }));
    const expected = bytesToHex(encodeMarfProof(plain));
    for (let k = 0; k < 20; k++) {
      // Fill freed memory with 0xff so that a byte left unwritten would show.
      for (let j = 0; j < 4; j++) Buffer.allocUnsafeSlow(expected.length / 2).fill(0xff);
      const bytes = encodeMarfProof(res.proof!);
      expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(bytes.length);
      expect(bytesToHex(bytes)).toBe(expected);
    }
  });

  it('are the same when the nodes read do not carry their children hashes (read from their records)', () => {
    const expected = bytesToHex(encodeMarfProof(prove().proof!));
    let stripped = 0;
    const reader = {
      ...marf.reader,
      readNode: (localId: number, ptr: number, id?: number) => {
        const node = marf.reader.readNode(localId, ptr, id);
        if (node.childHashes === null) return node;
        stripped++;
        return { ...node, childHashes: null };
      },
    };
    const res = proveKey(reader, tip, target);
    expect(stripped).toBeGreaterThan(0);
    expect(verifyMarfProofRaw(res.proof!, root, target, value(1000), res.rootToBlock)).toBe(true);
    expect(bytesToHex(encodeMarfProof(res.proof!))).toBe(expected);
  });

  it('verify the same from their bytes, and reject a wrong value or root either way', () => {
    const res = prove();
    const bytes = encodeMarfProof(res.proof!);
    for (const p of [res.proof!, bytes]) {
      expect(verifyMarfProofRaw(p, root, target, value(1000), res.rootToBlock)).toBe(true);
      expect(verifyMarfProofRaw(p, root, target, value(1001), res.rootToBlock)).toBe(false);
      expect(verifyMarfProofRaw(p, marf.getRootHash(blocks[48]!), target, value(1000), res.rootToBlock)).toBe(false);
    }
  });
});

describe('every byte of a proof', () => {
  it('rejects the proof with any single byte of its encoding changed (a proof through 2 tries)', () => {
    // Block 0 holds the leaf under a Node4; blocks 1..6 touch other keys, so the proof at block 6
    // is: leaf segment (Leaf, Node4, Node256), idx-0 shunt, tip segment (Node256), then a tail
    // shunt and a junction (the skip-list walk 6 -> 2 -> 0).
    const marf = openMarf();
    const target = marfKeyToPath('flip-target');
    const near = target.slice();
    near[9]! ^= 0x40;
    let parent = MARF_SENTINEL_BLOCK_ID;
    for (let h = 0; h <= 6; h++) {
      const tx = marf.begin(parent, blockId(h, 120));
      if (h === 0) {
        tx.insertRaw(target, value(42));
        tx.insertRaw(near, value(43));
      }
      tx.insert(`flip-filler-${h}`, value(h));
      tx.commit();
      parent = blockId(h, 120);
    }
    const res = marf.getWithProofRaw(parent, target);
    const proof = res.proof!;
    expect(proof.map((e) => (e.type === 'Shunt' ? `Shunt(${e.idx})` : e.type))).toEqual([
      'Leaf',
      'Node4',
      'Node256',
      'Shunt(0)',
      'Node256',
      'Shunt(3)', // block 2: [root node(2), root(1)] with root(0) at index 2 -> root(2)
      'Shunt(3)', // junction, block 6: root node(6), then [root(5), root(4)] with root(2) at index 2
    ]);
    expectFlipsRejected(encodeMarfProof(proof), marf.getRootHash(parent), target, value(42), res.rootToBlock, 1);
    marf.close();
  }, 300_000);
});

describe('absent keys', () => {
  it('returns { value: null, proof: null } for a key never written and for a key written on a sibling fork', () => {
    const marf = openMarf();
    const a = blockId(1, 50);
    const b = blockId(2, 50);
    const c = blockId(3, 50);
    let tx = marf.begin(MARF_SENTINEL_BLOCK_ID, a);
    tx.insert('shared', value(1));
    tx.commit();
    tx = marf.begin(a, b);
    tx.insert('only-b', value(2));
    tx.commit();
    tx = marf.begin(a, c);
    tx.insert('only-c', value(3));
    tx.commit();
    expect(marf.getWithProof(c, 'only-b')).toEqual({ value: null, proof: null, rootToBlock: new Map() });
    expect(marf.getWithProof(c, 'never')).toEqual({ value: null, proof: null, rootToBlock: new Map() });
    const res = marf.getWithProof(c, 'shared');
    expect(verifyMarfProof(res.proof!, marf.getRootHash(c), 'shared', value(1), res.rootToBlock)).toBe(true);
    // A proof from one fork does not verify at its sibling.
    const inB = marf.getWithProof(b, 'only-b');
    expect(verifyMarfProof(inB.proof!, marf.getRootHash(b), 'only-b', value(2), inB.rootToBlock)).toBe(true);
    expect(verifyMarfProof(inB.proof!, marf.getRootHash(c), 'only-b', value(2), inB.rootToBlock)).toBe(false);
    marf.close();
  });
});

describe('storage independence', () => {
  it('gives the same proof bytes from SQLite storage as from memory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marf-proofs-'));
    const onDisk = openMarf({ path: join(dir, 'marf') });
    const inMemory = openMarf();
    try {
      let parent = MARF_SENTINEL_BLOCK_ID;
      for (let h = 0; h < 20; h++) {
        const id = blockId(h, 77);
        for (const m of [onDisk, inMemory]) {
          const tx = m.begin(parent, id);
          tx.insert(`k${h % 6}`, value(h));
          tx.insert(`x${h}`, value(h + 1));
          tx.commit();
        }
        parent = id;
      }
      for (let k = 0; k < 6; k++) {
        const a = onDisk.getWithProof(parent, `k${k}`);
        const b = inMemory.getWithProof(parent, `k${k}`);
        expect(encodeMarfProof(a.proof!)).toEqual(encodeMarfProof(b.proof!));
        expect(a.rootToBlock).toEqual(b.rootToBlock);
        expect(verifyMarfProof(a.proof!, onDisk.getRootHash(parent), `k${k}`, a.value!, a.rootToBlock)).toBe(true);
      }
    } finally {
      onDisk.close();
      inMemory.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- encoding ----

const hashArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const byteArb = fc.integer({ min: 0, max: 255 });
const ptrArb = fc.record({ id: byteArb, chr: byteArb, backBlock: hashArb });
const nodeElementArb = (type: 'Node4' | 'Node16' | 'Node48' | 'Node256', slots: number): fc.Arbitrary<TrieMerkleProofType> =>
  fc.record({
    type: fc.constant(type),
    chr: byteArb,
    node: fc.record({ id: byteArb, path: fc.uint8Array({ maxLength: 40 }), ptrs: fc.array(ptrArb, { maxLength: slots + 2 }) }),
    hashes: fc.array(hashArb, { minLength: slots - 1, maxLength: slots - 1 }),
  });
const elementArb: fc.Arbitrary<TrieMerkleProofType> = fc.oneof(
  fc.record({ type: fc.constant('Leaf' as const), chr: byteArb, path: fc.uint8Array({ maxLength: 40 }), value: fc.uint8Array({ minLength: 40, maxLength: 40 }) }),
  fc.record({ type: fc.constant('Shunt' as const), idx: fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), hashes: fc.array(hashArb, { maxLength: 6 }) }),
  nodeElementArb('Node4', 4),
  nodeElementArb('Node16', 16),
  nodeElementArb('Node48', 48),
  nodeElementArb('Node256', 256),
);

describe('proof consensus bytes', () => {
  it('decode(encode(p)) equals p', () => {
    fc.assert(
      fc.property(fc.array(elementArb, { maxLength: 6 }), (proof) => {
        const bytes = encodeMarfProof(proof);
        expect(decodeMarfProof(bytes)).toEqual(proof);
        expect(encodeMarfProof(decodeMarfProof(bytes))).toEqual(bytes);
      }),
      { seed: 0x434f4445, numRuns: 60 },
    );
  }, 60_000);

  it('lays out elements as the reference does', () => {
    const leaf: TrieMerkleProofType = { type: 'Leaf', chr: 0xab, path: Uint8Array.of(1, 2), value: new Uint8Array(40).fill(9) };
    const shunt: TrieMerkleProofType = { type: 'Shunt', idx: -2n, hashes: [new Uint8Array(32).fill(7)] };
    const node4: TrieMerkleProofType = {
      type: 'Node4',
      chr: 0x10,
      node: { id: 2, path: Uint8Array.of(5), ptrs: [{ id: 0x81, chr: 0x10, backBlock: new Uint8Array(32).fill(0xcc) }] },
      hashes: [new Uint8Array(32).fill(1), new Uint8Array(32).fill(2), new Uint8Array(32).fill(3)],
    };
    const bytes = encodeMarfProof([leaf, shunt, node4]);
    const hex = bytesToHex(bytes);
    let o = 0;
    const take = (n: number): string => hex.slice(2 * o, 2 * (o += n));
    expect(take(4)).toBe('00000003');
    expect(take(1)).toBe('04'); // Leaf
    expect(take(1)).toBe('ab');
    expect(take(4)).toBe('00000002');
    expect(take(2)).toBe('0102');
    expect(take(40)).toBe('09'.repeat(40));
    expect(take(1)).toBe('05'); // Shunt
    expect(take(8)).toBe('fffffffffffffffe'); // i64 big-endian
    expect(take(4)).toBe('00000001');
    expect(take(32)).toBe('07'.repeat(32));
    expect(take(1)).toBe('00'); // Node4
    expect(take(1)).toBe('10'); // chr
    expect(take(1)).toBe('02'); // node id
    expect(take(4)).toBe('00000001');
    expect(take(1)).toBe('05');
    expect(take(4)).toBe('00000001'); // ptrs
    expect(take(2 + 32)).toBe('8110' + 'cc'.repeat(32));
    expect(take(96)).toBe('01'.repeat(32) + '02'.repeat(32) + '03'.repeat(32)); // 3 hashes, no length prefix
    expect(o).toBe(bytes.length);
    expect(TrieMerkleProofTypeIndicator).toEqual({ Node4: 0, Node16: 1, Node48: 2, Node256: 3, Leaf: 4, Shunt: 5 });
  });

  it('refuses to encode malformed elements', () => {
    const bad: TrieMerkleProofType[][] = [
      [{ type: 'Leaf', chr: 1, path: new Uint8Array(1), value: new Uint8Array(39) }],
      [{ type: 'Leaf', chr: 256, path: new Uint8Array(1), value: new Uint8Array(40) }],
      [{ type: 'Shunt', idx: 1n << 63n, hashes: [] }],
      [{ type: 'Shunt', idx: 0n, hashes: [new Uint8Array(31)] }],
      [{ type: 'Node4', chr: 0, node: { id: 2, path: new Uint8Array(0), ptrs: [] }, hashes: [] }],
    ];
    for (const p of bad) expect(() => encodeMarfProof(p)).toThrow(CodecError);
  });

  it('raises only CodecError on random and mutated bytes, and verify never throws', () => {
    const marf = openMarf();
    const tx = marf.begin(MARF_SENTINEL_BLOCK_ID, blockId(1, 99));
    tx.insert('k', value(1));
    tx.commit();
    const res = marf.getWithProof(blockId(1, 99), 'k');
    const valid = encodeMarfProof(res.proof!);
    const root = marf.getRootHash(blockId(1, 99));
    marf.close();
    const mutated = fc.tuple(fc.nat(valid.length), fc.uint8Array({ maxLength: 64 }), fc.nat(valid.length)).map(([at, insert, cut]) => {
      const head = valid.subarray(0, at);
      const tail = valid.subarray(Math.min(valid.length, at + (cut % 40)));
      return Uint8Array.of(...head, ...insert, ...tail);
    });
    const hostile = fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated, mutated.map((b) => b.subarray(0, b.length >> 1)));
    fc.assert(
      fc.property(hostile, (bytes) => {
        try {
          decodeMarfProof(bytes);
        } catch (err) {
          if (!isCodecError(err)) throw err;
        }
        const ok = verifyMarfProof(bytes, root, 'k', value(1), res.rootToBlock);
        expect(typeof ok).toBe('boolean');
      }),
      { seed: 0x686f7374, numRuns: 1000 },
    );
    // Every truncation of a valid proof.
    for (let n = 0; n < valid.length; n++) {
      expect(() => decodeMarfProof(valid.subarray(0, n))).toThrow(CodecError);
      expect(verifyMarfProof(valid.subarray(0, n), root, 'k', value(1), res.rootToBlock)).toBe(false);
    }
    // Huge length prefixes fail fast, before any allocation.
    const huge = (prefix: number[]): Uint8Array => Uint8Array.of(...prefix, 0xff, 0xff, 0xff, 0xff, 1, 2, 3);
    for (const b of [
      huge([]),
      huge([0, 0, 0, 1, TrieMerkleProofTypeIndicator.Leaf, 0]),
      huge([0, 0, 0, 1, TrieMerkleProofTypeIndicator.Shunt, 0, 0, 0, 0, 0, 0, 0, 0]),
      huge([0, 0, 0, 1, TrieMerkleProofTypeIndicator.Node256, 0, 5]),
      huge([0, 0, 0, 1, TrieMerkleProofTypeIndicator.Node4, 0, 2, 0, 0, 0, 0]),
    ]) {
      expect(() => decodeMarfProof(b)).toThrow(CodecError);
    }
    expect(() => decodeMarfProof(Uint8Array.of(0, 0, 0, 1, 9))).toThrow(CodecError); // bad type byte
    expect(() => decodeMarfProof(Uint8Array.of(...valid, 0))).toThrow(CodecError); // trailing byte
  }, 60_000);

  it('verify returns false for garbage arguments instead of throwing', () => {
    const marf = openMarf();
    const tx = marf.begin(MARF_SENTINEL_BLOCK_ID, blockId(1, 98));
    tx.insert('k', value(1));
    tx.commit();
    const res = marf.getWithProof(blockId(1, 98), 'k');
    const root = marf.getRootHash(blockId(1, 98));
    marf.close();
    const proof = res.proof!;
    const garbage: unknown[] = [null, undefined, 0, 'proof', {}, [null], [{}], [{ type: 'Leaf' }], [{ type: 'Node4', node: null }], [{ type: 'Shunt', idx: 0, hashes: [] }]];
    for (const g of garbage) {
      expect(verifyMarfProof(g as TrieMerkleProof, root, 'k', value(1), res.rootToBlock)).toBe(false);
    }
    expect(verifyMarfProof(proof, root.subarray(1), 'k', value(1), res.rootToBlock)).toBe(false);
    expect(verifyMarfProof(proof, root, 'k', value(1).subarray(1), res.rootToBlock)).toBe(false);
    expect(verifyMarfProof(proof, root, 42 as unknown as string, value(1), res.rootToBlock)).toBe(false);
    expect(verifyMarfProof(proof, root, 'k', value(1), null as unknown as Map<string, Uint8Array>)).toBe(false);
    expect(verifyMarfProofRaw(proof, root, sha512_256(new TextEncoder().encode('k')).subarray(1), value(1), res.rootToBlock)).toBe(false);
    // The honest proof still verifies, for both entry points.
    expect(verifyMarfProof(proof, root, 'k', value(1), res.rootToBlock)).toBe(true);
    expect(verifyMarfProofRaw(proof, root, marfKeyToPath('k'), value(1), res.rootToBlock)).toBe(true);
  });
});
