import { describe, expect, it } from 'vitest';
import { StacksEpochId } from '@stacks-ts/common';
import { ClarityError } from '../../../src/errors.ts';
import {
  COST_TABLES,
  computeCost,
  costContractForEpoch,
  linearCost,
  log2Floor,
  lognCost,
  nlognCost,
} from '../../../src/costs/functions.ts';
import { MAX_COST_FIELD } from '../../../src/costs/execution-cost.ts';
import { COSTS_2, COSTS_2_TESTNET, COSTS_3, COSTS_4, COST_FUNCTION_NAMES } from '../../../src/costs/tables.ts';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ClarityError ? e.code : String(e);
  }
  return undefined;
}

describe('integer cost formulas', () => {
  it('log2 is the floor (63 - leading zeros)', () => {
    expect([1, 2, 3, 4, 7, 8, 1023, 1024, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 5].map(log2Floor)).toEqual([0, 1, 1, 2, 2, 3, 9, 10, 31, 32, 40]);
  });

  it('linear, logn and nlogn follow a·n+b, a·log2(n)+b, a·n·log2(n)+b', () => {
    expect(linearCost(2, 11, 125)).toBe(147);
    expect(lognCost(8, 1, 2)).toBe(5);
    expect(nlognCost(1, 1876, 10)).toBe(10); // n·log2(n) = 0 for n = 1
    expect(nlognCost(4, 10, 1876)).toBe(1956);
  });

  it('log2 of 0 is CostComputationFailed (logn and nlogn only)', () => {
    expect(codeOf(() => lognCost(0, 1, 2))).toBe('CostComputationFailed');
    expect(codeOf(() => nlognCost(0, 3, 185))).toBe('CostComputationFailed');
    expect(linearCost(0, 11, 125)).toBe(125);
  });

  it('saturates instead of overflowing', () => {
    expect(linearCost(MAX_COST_FIELD, 1000, 1000)).toBe(MAX_COST_FIELD);
  });
});

describe('cost tables', () => {
  it('has every cost function in every table', () => {
    for (const table of Object.values(COST_TABLES)) expect(Object.keys(table).sort()).toEqual([...COST_FUNCTION_NAMES].sort());
  });

  it('matches the spec table for costs-3 (section 3)', () => {
    expect(computeCost(COSTS_3, 'cost_add', 2).runtime).toBe(147);
    expect(computeCost(COSTS_3, 'cost_geq', 16).runtime).toBe(240);
    expect(computeCost(COSTS_3, 'cost_tuple_cons', 1).runtime).toBe(1876);
    expect(computeCost(COSTS_3, 'cost_sha256', 6).runtime).toBe(106);
    expect(computeCost(COSTS_3, 'cost_print', 6).runtime).toBe(1548);
    expect(computeCost(COSTS_3, 'cost_load_contract', 102)).toEqual({ runtime: 182, readCount: 3, readLength: 103, writeCount: 0, writeLength: 0 });
    expect(computeCost(COSTS_3, 'cost_set_entry', 35)).toEqual({ runtime: 2039, readCount: 1, readLength: 0, writeCount: 1, writeLength: 36 });
    expect(computeCost(COSTS_3, 'cost_ft_mint', 0)).toEqual({ runtime: 1479, readCount: 2, readLength: 1, writeCount: 2, writeLength: 1 });
    expect(computeCost(COSTS_3, 'cost_burn_block_info', 0).runtime).toBe(96479);
  });

  it('has costs-2 and its testnet variant for 2.05', () => {
    expect(computeCost(COSTS_2, 'cost_add', 2).runtime).toBe(185);
    expect(computeCost(COSTS_2_TESTNET, 'cost_add', 2).runtime).toBe(180);
    expect(computeCost(COSTS_2, 'cost_geq', 9).runtime).toBe(170);
    expect(computeCost(COSTS_2, 'cost_ast_parse', 102).runtime).toBe(304985);
  });

  it('adds the Clarity 4 functions in costs-4 only', () => {
    expect(computeCost(COSTS_4, 'cost_contract_hash', 0)).toEqual({ runtime: 188, readCount: 1, readLength: 32, writeCount: 0, writeLength: 0 });
    expect(computeCost(COSTS_4, 'cost_to_ascii', 2).runtime).toBe(182);
    expect(computeCost(COSTS_4, 'cost_restrict_assets', 1).runtime).toBe(875);
    expect(computeCost(COSTS_4, 'cost_secp256r1verify', 0).runtime).toBe(51750);
    expect(codeOf(() => computeCost(COSTS_3, 'cost_contract_hash', 0))).toBe('NotImplemented');
    expect(codeOf(() => computeCost(COSTS_4, 'cost_ed25519verify', 0))).toBe('NotImplemented');
  });

  it('picks the cost contract by epoch (and network in 2.05)', () => {
    expect(costContractForEpoch(StacksEpochId.Epoch20, true)).toBe('costs');
    expect(costContractForEpoch(StacksEpochId.Epoch2_05, true)).toBe('costs-2');
    expect(costContractForEpoch(StacksEpochId.Epoch2_05, false)).toBe('costs-2-testnet');
    expect(costContractForEpoch(StacksEpochId.Epoch21, true)).toBe('costs-3');
    expect(costContractForEpoch(StacksEpochId.Epoch32, false)).toBe('costs-3');
    expect(costContractForEpoch(StacksEpochId.Epoch33, true)).toBe('costs-4');
  });
});

describe('deploy charges outside evaluation (check 1 parts)', async () => {
  const { chargeAstParse, chargeContractStorage, chargeCycleDetection } = await import('../../../src/costs/deploy.ts');
  const { TrackingCostTracker } = await import('../../../src/costs/tracker.ts');
  const source = '(define-public (foo) (ok 1))\n' + ' '.repeat(36) + '(define-public (bar (x uint)) (ok x))';

  it('charges parse, cycle detection and storage with costs-3 / costs-4', () => {
    const t = new TrackingCostTracker(StacksEpochId.Epoch33, true);
    chargeAstParse(t, source);
    expect(t.total.runtime).toBe(2835);
    chargeCycleDetection(t, 0);
    expect(t.total.runtime).toBe(2835 + 72);
    chargeContractStorage(t, source);
    expect(t.total).toEqual({ runtime: 2835 + 72 + 8287, readCount: 0, readLength: 0, writeCount: 1, writeLength: 103 });
  });

  it('uses costs-2 in epoch 2.05 (mainnet)', () => {
    const t = new TrackingCostTracker(StacksEpochId.Epoch2_05, true);
    chargeAstParse(t, source);
    chargeContractStorage(t, source);
    expect(t.total.runtime).toBe(304985 + 9308);
  });
});
