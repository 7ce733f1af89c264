import { describe, expect, it } from 'vitest';
import { parsePrincipal } from '@stacks-ts/codec';
import type { StandardPrincipal } from '@stacks-ts/codec';
import { openMarfedKV } from '@stacks-ts/marf';
import { GENESIS_ACCOUNTS } from '../../../src/batch.ts';
import { ClarityChain } from '../../../src/chain/runtime.ts';
import { TrackingCostTracker } from '../../../src/costs/tracker.ts';
import { executionCost } from '../../../src/costs/execution-cost.ts';

const ME = parsePrincipal(GENESIS_ACCOUNTS.deployer) as StandardPrincipal;
const id = (n: number): Uint8Array => new Uint8Array(32).fill(n);

describe('ClarityChain.callFunction with a cost tracker', () => {
  it('charges the call, and a call over the limit aborts the transaction with its writes', () => {
    const chain = new ClarityChain(openMarfedKV(), { epoch: '3.3' });
    const c = `${GENESIS_ACCOUNTS.deployer}.v`;
    chain.beginBlock(null, id(1));
    expect(chain.deployContract(ME, 'v', '(define-data-var n uint u0) (define-public (set (x uint)) (ok (var-set n x)))').committed).toBe(true);
    const tracker = new TrackingCostTracker('Epoch33', false);
    const r = chain.callFunction(ME, c, 'set', [{ type: 'uint', value: 5n }], { costs: tracker });
    expect(r.committed).toBe(true);
    expect(tracker.total.runtime).toBeGreaterThan(0);
    expect(tracker.total.writeCount).toBeGreaterThan(0);
    const tight = new TrackingCostTracker('Epoch33', false, { limit: executionCost(10) });
    const over = chain.callFunction(ME, c, 'set', [{ type: 'uint', value: 9n }], { costs: tight });
    expect(over.committed).toBe(false);
    expect(over.error?.message).toMatch(/CostBalanceExceeded/);
    chain.commitBlock();
    expect(chain.evalReadOnly(id(1), c, '(var-get n)')).toEqual({ type: 'uint', value: 5n });
  });
});
