import { describe, expect, it } from 'vitest';
import { StacksEpochId } from '@stacks-ts/common';
import { ClarityError } from '../../../src/errors.ts';
import {
  BLOCK_LIMIT_20,
  BLOCK_LIMIT_21,
  BLOCK_LIMIT_40,
  addCostInto,
  blockLimitForEpoch,
  costToJson,
  exceedsLimit,
  executionCost,
  MAX_COST_FIELD,
  subCostInto,
  zeroCost,
} from '../../../src/costs/execution-cost.ts';
import { CLARITY_MEMORY_LIMIT, FREE_COST_TRACKER, TrackingCostTracker } from '../../../src/costs/tracker.ts';

function failure(f: () => unknown): ClarityError {
  try {
    f();
  } catch (e) {
    if (e instanceof ClarityError) return e;
    throw e;
  }
  throw new Error('expected a ClarityError');
}

describe('ExecutionCost', () => {
  it('adds field by field and refuses an overflow without changing the total', () => {
    const a = executionCost(1, 2, 3, 4, 5);
    expect(addCostInto(a, executionCost(10, 20, 30, 40, 50))).toBe(true);
    expect(a).toEqual(executionCost(11, 22, 33, 44, 55));
    expect(addCostInto(a, executionCost(MAX_COST_FIELD))).toBe(false);
    expect(a).toEqual(executionCost(11, 22, 33, 44, 55));
  });

  it('subtracts with checked underflow', () => {
    const a = executionCost(5, 5, 5, 5, 5);
    expect(subCostInto(a, executionCost(1, 2, 3, 4, 5))).toBe(true);
    expect(a).toEqual(executionCost(4, 3, 2, 1, 0));
    expect(subCostInto(a, executionCost(0, 0, 0, 0, 1))).toBe(false);
    expect(a).toEqual(executionCost(4, 3, 2, 1, 0));
  });

  it('exceeds a limit only when a field is strictly greater', () => {
    expect(exceedsLimit(BLOCK_LIMIT_21, BLOCK_LIMIT_21)).toBe(false);
    expect(exceedsLimit({ ...BLOCK_LIMIT_21, readCount: 15_001 }, BLOCK_LIMIT_21)).toBe(true);
  });

  it('has the block limits of each epoch', () => {
    expect(blockLimitForEpoch(StacksEpochId.Epoch20)).toBe(BLOCK_LIMIT_20);
    expect(blockLimitForEpoch(StacksEpochId.Epoch30)).toEqual({ runtime: 5_000_000_000, readCount: 15_000, readLength: 100_000_000, writeCount: 15_000, writeLength: 15_000_000 });
    expect(blockLimitForEpoch(StacksEpochId.Epoch33)).toBe(BLOCK_LIMIT_21);
    expect(blockLimitForEpoch(StacksEpochId.Epoch40)).toBe(BLOCK_LIMIT_40);
    expect(blockLimitForEpoch(StacksEpochId.Epoch10)).toEqual(zeroCost());
  });

  it('prints the oracle shape', () => {
    expect(JSON.stringify(costToJson(executionCost(163)))).toBe('{"read_count":0,"read_length":0,"runtime":163,"write_count":0,"write_length":0}');
  });
});

describe('TrackingCostTracker', () => {
  it('charges the epoch contract', () => {
    const t = new TrackingCostTracker(StacksEpochId.Epoch33, false);
    t.charge('cost_lookup_function', 0);
    t.charge('cost_add', 2);
    expect(t.total).toEqual(executionCost(163));
    const old = new TrackingCostTracker(StacksEpochId.Epoch2_05, false);
    old.charge('cost_add', 2);
    expect(old.total.runtime).toBe(180);
  });

  it('fails with CostBalanceExceeded on the charge that passes the limit, keeping it (no refund)', () => {
    const t = new TrackingCostTracker(StacksEpochId.Epoch33, true, { used: { ...zeroCost(), readCount: 14_999 } });
    t.charge('cost_fetch_var', 17);
    expect(t.total.readCount).toBe(15_000);
    const e = failure(() => t.charge('cost_fetch_var', 17));
    expect(e.code).toBe('CostBalanceExceeded');
    expect(e.kind).toBe('runtime');
    expect(t.total.readCount).toBe(15_001);
    expect(t.total.runtime).toBe(2 * 485);
  });

  it('fails with CostOverflow when a field would leave the u64 range', () => {
    const t = new TrackingCostTracker(StacksEpochId.Epoch33, true, { limit: { runtime: MAX_COST_FIELD, readCount: MAX_COST_FIELD, readLength: MAX_COST_FIELD, writeCount: MAX_COST_FIELD, writeLength: MAX_COST_FIELD } });
    t.addCost(executionCost(MAX_COST_FIELD - 1));
    expect(failure(() => t.charge('cost_add', 1)).code).toBe('CostOverflow');
  });

  it('surfaces a failing cost function as CostComputationFailed', () => {
    const t = new TrackingCostTracker(StacksEpochId.Epoch33, true);
    expect(failure(() => t.charge('cost_from_consensus_buff', 0)).code).toBe('CostComputationFailed');
    expect(t.total).toEqual(zeroCost());
  });

  it('counts memory against the memory limit', () => {
    const t = new TrackingCostTracker(StacksEpochId.Epoch33, true);
    expect(t.memoryLimit).toBe(CLARITY_MEMORY_LIMIT);
    t.addMemory(CLARITY_MEMORY_LIMIT);
    const e = failure(() => t.addMemory(1));
    expect(e.code).toBe('MemoryBalanceExceeded');
    t.dropMemory(10);
    expect(t.memory).toBe(CLARITY_MEMORY_LIMIT - 9);
    t.resetMemory();
    expect(t.memory).toBe(0);
  });

  it('has a free variant that charges nothing', () => {
    FREE_COST_TRACKER.charge('cost_add', 1000);
    FREE_COST_TRACKER.addMemory(CLARITY_MEMORY_LIMIT * 10);
    expect(FREE_COST_TRACKER.total).toEqual(zeroCost());
    expect(FREE_COST_TRACKER.tracking).toBe(false);
  });
});
