import { bytesToHex } from '@stacks-ts/common';
import { describe, expect, it } from 'vitest';
import { parsePrincipal } from '@stacks-ts/codec';
import type { ClarityValue, StandardPrincipal } from '@stacks-ts/codec';
import { openMarfedKV } from '@stacks-ts/marf';
import { GENESIS_ACCOUNTS } from '../../../src/batch.ts';
import { ClarityChain } from '../../../src/chain/runtime.ts';

const ME = parsePrincipal(GENESIS_ACCOUNTS.deployer) as StandardPrincipal;
const C = `${GENESIS_ACCOUNTS.deployer}.m`;
const SRC = `
(define-data-var total uint u0)
(define-map slots uint uint)
(define-public (put (k uint) (v uint)) (begin (map-set slots k v) (var-set total (+ (var-get total) v)) (ok true)))
(define-public (del (k uint)) (ok (map-delete slots k)))
(define-read-only (get-slot (k uint)) (map-get? slots k))
(define-read-only (get-total) (var-get total))`;
const u = (n: number | bigint): ClarityValue => ({ type: 'uint', value: BigInt(n) });
const id = (n: number): Uint8Array => {
  const b = new Uint8Array(32);
  new DataView(b.buffer).setUint32(28, n + 1);
  return b;
};

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ModelBlock {
  readonly parent: number | null;
  readonly height: number;
  readonly total: bigint;
  readonly slots: ReadonlyMap<number, bigint>;
}

describe('fork semantics against a model: a random block tree of 60 blocks', () => {
  it('every block reads its own fork, at its tip and through at-block from its descendants', () => {
    const next = rng(6);
    const chain = new ClarityChain(openMarfedKV(), { epoch: '3.3' });
    const blocks: ModelBlock[] = [];
    chain.beginBlock(null, id(0));
    expect(chain.deployContract(ME, 'm', SRC).committed).toBe(true);
    chain.commitBlock();
    blocks.push({ parent: null, height: 0, total: 0n, slots: new Map() });
    for (let n = 1; n < 60; n++) {
      // mostly extend a recent block, sometimes fork off an older one
      const parent = next() < 0.7 ? n - 1 : Math.floor(next() * n);
      const p = blocks[parent]!;
      let total = p.total;
      const slots = new Map(p.slots);
      chain.beginBlock(id(parent), id(n));
      for (let t = 0; t < 3; t++) {
        const k = Math.floor(next() * 8);
        if (next() < 0.25) {
          const r = chain.callFunction(ME, C, 'del', [u(k)]);
          expect(r.result).toEqual({ type: 'response', ok: true, value: { type: 'bool', value: slots.delete(k) } });
        } else {
          const v = BigInt(Math.floor(next() * 1000));
          chain.callFunction(ME, C, 'put', [u(k), u(v)]);
          slots.set(k, v);
          total += v;
        }
      }
      chain.commitBlock();
      blocks.push({ parent, height: p.height + 1, total, slots });
    }
    for (let n = 0; n < blocks.length; n++) {
      const b = blocks[n]!;
      expect(chain.readOnlyCall(id(n), C, 'get-total', [])).toEqual(u(b.total));
      for (let k = 0; k < 8; k++) {
        const v = b.slots.get(k);
        expect(chain.readOnlyCall(id(n), C, 'get-slot', [u(k)])).toEqual({ type: 'optional', value: v === undefined ? null : u(v) });
      }
      // at-block from this block to each of its ancestors reads the ancestor's total
      const ancestors = new Set<number>([n]);
      for (let a = b.parent; a !== null; a = blocks[a]!.parent) {
        ancestors.add(a);
        expect(chain.evalReadOnly(id(n), C, `(at-block 0x${bytesToHex(id(a))} (var-get total))`)).toEqual(u(blocks[a]!.total));
      }
      // ... and any other block (a sibling fork's, or a later one) is unknown from here
      const other = Array.from(blocks.keys()).find((m) => !ancestors.has(m) && m % 7 === n % 7);
      if (other !== undefined) {
        let code = 'no error';
        try {
          chain.evalReadOnly(id(n), C, `(at-block 0x${bytesToHex(id(other))} (var-get total))`);
        } catch (e) {
          code = String((e as { code?: unknown }).code);
        }
        expect(code).toBe('UnknownBlockHeaderHash');
      }
    }
  });
});
