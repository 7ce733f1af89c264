import { describe, expect, it } from 'vitest';
import { parsePrincipal } from '@stacks-ts/codec';
import type { ContractPrincipal, StandardPrincipal } from '@stacks-ts/codec';
import type { StacksEpochId } from '@stacks-ts/common';
import { GENESIS_ACCOUNTS, deployContract, genesisChain, loadAnalysis } from '../../../src/batch.ts';
import { TrackingCostTracker } from '../../../src/costs/tracker.ts';
import type { TrackingCostTrackerOptions } from '../../../src/costs/tracker.ts';
import { allowanceMemory } from '../../../src/eval/allowances.ts';
import type { ClarityVersion } from '../../../src/natives/context.ts';
import { resolveEpochId } from '../../../src/parser/limits.ts';

const ME = parsePrincipal(GENESIS_ACCOUNTS.deployer) as StandardPrincipal;

/** A tracker that remembers the most memory it held. */
class PeakTracker extends TrackingCostTracker {
  peak = 0;
  constructor(epoch: StacksEpochId, opts: TrackingCostTrackerOptions = {}) {
    super(epoch, false, opts);
  }
  override addMemory(bytes: number): void {
    super.addMemory(bytes);
    this.peak = Math.max(this.peak, this.memory);
  }
}

async function deploy(source: string, epoch = '3.3', version: ClarityVersion = 4, opts: TrackingCostTrackerOptions = {}) {
  const analysis = await loadAnalysis();
  const chain = genesisChain(epoch, analysis);
  const id: ContractPrincipal = { type: 'contract', version: ME.version, hash160: ME.hash160, contractName: 'm' };
  const t = new PeakTracker(resolveEpochId(epoch), opts);
  let error: string | undefined;
  try {
    deployContract(chain, id, source, version, ME, [], analysis, false, t);
  } catch (e) {
    error = (e as Error).message;
  }
  return { t, error };
}

describe('memory', () => {
  it('allowance sizes are the reference struct sizes plus names and NFT ids (Allowance::size_in_bytes)', () => {
    const token = `${GENESIS_ACCOUNTS.deployer}.token-contract`;
    expect(allowanceMemory({ kind: 'stx', amount: 5n })).toBe(16);
    expect(allowanceMemory({ kind: 'stacking', amount: 5n })).toBe(16);
    expect(allowanceMemory({ kind: 'all' })).toBe(0);
    expect(allowanceMemory({ kind: 'ft', asset: `${token}::tok`, amount: 1n })).toBe(96 + 21 + 'token-contract'.length + 3);
    expect(allowanceMemory({ kind: 'ft', asset: `${token}::*`, amount: 1n })).toBe(96 + 21 + 'token-contract'.length + 1);
    const ids = [
      { type: 'uint', value: 1n },
      { type: 'uint', value: 2n },
    ] as const;
    expect(allowanceMemory({ kind: 'nft', asset: `${token}::n`, ids: [...ids] })).toBe(96 + 21 + 14 + 1 + 16 + 16);
  });

  it('as-contract? holds its allowances and AS_CONTRACT_MEMORY while the body runs, then releases them', async () => {
    const body = (allowance: string) => `(as-contract? (${allowance}) (+ 1 2))`;
    // Same source length, so only the allowances differ.
    const stx = await deploy(body('(with-stx u100)         '));
    const all = await deploy(body('(with-all-assets-unsafe)'));
    expect(stx.error).toBeUndefined();
    expect(all.error).toBeUndefined();
    expect(stx.t.peak - all.t.peak).toBe(16);
    expect(stx.t.memory).toBe(all.t.memory);
    // Over the limit by one byte at the allowance: MemoryBalanceExceeded.
    const tight = await deploy(body('(with-stx u100)         '), '3.3', 4, { memoryLimit: stx.t.peak - 1 });
    expect(tight.error).toMatch(/MemoryBalanceExceeded/);
  });

  it('holds the source during initialization and each constant until the evaluation ends', async () => {
    const source = '(define-constant a 0x0102) (define-constant b 0x03)';
    const { t, error } = await deploy(source);
    expect(error).toBeUndefined();
    // Peak: the analysis' bound names (2.5+: name + type size, kept) + the source + both constants' sizes.
    const analysis = 1 + 5 + (1 + 5);
    expect(t.peak).toBe(analysis + source.length + (4 + 2) + (4 + 1));
    // After the deploy only the analysis memory remains.
    expect(t.memory).toBe(analysis);
  });

  it('counts no analysis memory before 2.5', async () => {
    const source = '(define-constant a 0x0102)';
    const { t } = await deploy(source, '2.4', 2);
    expect(t.peak).toBe(source.length + 6);
    expect(t.memory).toBe(0);
  });

  it('runtime_check_error_memory_balance_exceeded_cdeploy: MemoryBalanceExceeded(100665826, 100000000)', async () => {
    let source = '(define-constant buff-0 0x00)';
    for (let i = 0; i < 20; i++) source += `\n(define-constant buff-${i + 1} (concat buff-${i} buff-${i}))`;
    source += `\n(is-eq ${'buff-20 '.repeat(100)})`;
    const { error } = await deploy(source, '3.3', 2);
    expect(error).toMatch(/100665826 > 100000000/);
  });
});
