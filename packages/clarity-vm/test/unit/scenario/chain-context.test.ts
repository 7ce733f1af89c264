import { describe, expect, it } from 'vitest';
import { parsePrincipal } from '@stacks-ts/codec';
import type { ClarityValue, StandardPrincipal } from '@stacks-ts/codec';
import { openMarfedKV } from '@stacks-ts/marf';
import { GENESIS_ACCOUNTS } from '../../../src/batch.ts';
import { ClarityChain } from '../../../src/chain/runtime.ts';
import { simulatedChainContext } from '../../../src/chain/context.ts';

const ME = parsePrincipal(GENESIS_ACCOUNTS.deployer) as StandardPrincipal;
const id = (n: number): Uint8Array => {
  const b = new Uint8Array(32);
  new DataView(b.buffer).setUint32(28, n + 1);
  return b;
};
const some = (v: ClarityValue): ClarityValue => ({ type: 'optional', value: v });
const NONE: ClarityValue = { type: 'optional', value: null };
const u = (n: number | bigint): ClarityValue => ({ type: 'uint', value: BigInt(n) });

/** A mainnet-id chain of `count` blocks whose tenure heights are `tenures[i]`. */
function build(count: number, tenure: (h: number) => number) {
  const chain = new ClarityChain(openMarfedKV(), { epoch: '3.3', chainId: 1 });
  for (let h = 0; h < count; h++) {
    chain.beginBlock(h === 0 ? null : id(h - 1), id(h), { tenureHeight: tenure(h), blockReward: BigInt(1000 + h), minerSpendTotal: 7n, minerSpendWinner: 5n });
    if (h === 0) {
      chain.deployContract(ME, 'c2', '(define-read-only (f) u0)', { clarityVersion: 2 });
      chain.deployContract(ME, 'c3', '(define-read-only (f) u0)', { clarityVersion: 3 });
    }
    chain.commitBlock();
  }
  return chain;
}

describe('the chain context of a ClarityChain follows the reference rules', () => {
  const c2 = `${GENESIS_ACCOUNTS.deployer}.c2`;
  const c3 = `${GENESIS_ACCOUNTS.deployer}.c3`;

  it('Clarity 1-2 read tenure heights from 3.0 off testnet; Clarity 3 reads Stacks heights', () => {
    const tenures = [0, 1, 1, 2, 2, 3];
    const chain = build(6, (h) => tenures[h]!);
    const tip = id(5);
    // tenure 2 starts at Stacks height 3
    expect(chain.evalReadOnly(tip, c2, '(get-block-info? id-header-hash u2)')).toEqual(some({ type: 'buffer', value: id(3) }));
    expect(chain.evalReadOnly(tip, c3, '(get-stacks-block-info? id-header-hash u2)')).toEqual(some({ type: 'buffer', value: id(2) }));
    // block-height is the tenure height from 3.0; tenure 3 has no earlier first block below the tip's height
    expect(chain.evalReadOnly(tip, c2, 'block-height')).toEqual(u(3));
    expect(chain.evalReadOnly(tip, c3, 'stacks-block-height')).toEqual(u(5));
    expect(chain.evalReadOnly(tip, c2, '(get-block-info? id-header-hash u9)')).toEqual(NONE);
  });

  it('miner spends are 0 at height 0, block rewards wait 100 blocks to mature', () => {
    const chain = build(104, (h) => h);
    const tip = id(103);
    expect(chain.evalReadOnly(tip, c3, '(get-tenure-info? miner-spend-total u0)')).toEqual(some(u(0)));
    expect(chain.evalReadOnly(tip, c3, '(get-tenure-info? miner-spend-total u1)')).toEqual(some(u(7)));
    expect(chain.evalReadOnly(tip, c3, '(get-tenure-info? miner-spend-winner u1)')).toEqual(some(u(5)));
    expect(chain.evalReadOnly(tip, c3, '(get-tenure-info? block-reward u0)')).toEqual(NONE);
    // current height 103: height 1 matured (1 + 1 + 100 < 103), height 2 not yet (2 + 1 + 100 >= 103)
    expect(chain.evalReadOnly(tip, c3, '(get-tenure-info? block-reward u1)')).toEqual(some(u(1001)));
    expect(chain.evalReadOnly(tip, c3, '(get-tenure-info? block-reward u2)')).toEqual(NONE);
    expect(chain.evalReadOnly(tip, c3, '(get-burn-block-info? header-hash u200)')).toEqual(NONE);
    expect(chain.evalReadOnly(tip, c3, '(get-burn-block-info? pox-addrs u1)')).toEqual(NONE);
  });

  it('at-block needs a 32-byte id', () => {
    const chain = build(2, (h) => h);
    expect(() => chain.evalReadOnly(id(1), c3, '(at-block 0x00 u1)')).toThrow(/at-block needs a 32-byte block id/);
  });
});

describe('the simulated chain context (the oracle block model)', () => {
  it('has every height below the tip, equal burn and tenure heights, and no tenure data', () => {
    let h = 5;
    const ctx = simulatedChainContext(() => h);
    expect([ctx.stacksBlockHeight(), ctx.tenureHeight(), ctx.burnBlockHeight()]).toEqual([5, 5, 5]);
    expect(ctx.blockTime()).toBe(1_700_003_000n);
    expect(ctx.block(2).stacksBlockTime).toBe(1_700_001_200n);
    expect(ctx.burnBlockHeaderHash(4)).toHaveLength(32);
    expect(ctx.burnBlockHeaderHash(5)).toBeUndefined();
    expect(() => ctx.tenureBlock(1)).toThrow(/tenure info is not available/);
    expect(ctx.atBlock(new Uint8Array(32), () => 'same state')).toBe('same state');
    h = 9;
    expect(ctx.heightForTenureHeight(8)).toBe(8);
    expect(ctx.heightForTenureHeight(9)).toBeUndefined();
  });
});
