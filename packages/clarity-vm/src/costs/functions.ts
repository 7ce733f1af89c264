/**
 * Evaluating cost functions natively (clarity/src/vm/costs/cost_functions.rs): `linear`, `logn` and
 * `nlogn` with the reference's integer rules, and the cost contract in force for each epoch
 * (`LimitedCostTracker::default_cost_contract_for_epoch`).
 */
import { StacksEpochId } from '@stacks-ts/common';
import { runtimeCheckError, runtimeError } from '../errors.ts';
import type { ClarityError } from '../errors.ts';
import { epochAtLeast } from '../natives/context.ts';
import type { ExecutionCost } from './execution-cost.ts';
import { MAX_COST_FIELD } from './execution-cost.ts';
import { COSTS_1, COSTS_2, COSTS_2_TESTNET, COSTS_3, COSTS_4 } from './tables.ts';
import type { CostFormula, CostFunctionName, CostTable, CostTerm } from './tables.ts';

/** Which boot cost contract a table is. */
export type CostContractName = 'costs' | 'costs-2' | 'costs-2-testnet' | 'costs-3' | 'costs-4';

/** The cost tables by boot contract name. */
export const COST_TABLES: Readonly<Record<CostContractName, CostTable>> = {
  costs: COSTS_1,
  'costs-2': COSTS_2,
  'costs-2-testnet': COSTS_2_TESTNET,
  'costs-3': COSTS_3,
  'costs-4': COSTS_4,
};

/**
 * The default cost contract for an epoch: costs-1 in 2.0, costs-2 in 2.05 (costs-2-testnet off
 * mainnet), costs-3 from 2.1 to 3.2, costs-4 from 3.3. Epoch 4.0's Rust-only costs-5 is outside this
 * VM's range; 4.x epochs get costs-4.
 */
export function costContractForEpoch(epoch: StacksEpochId, mainnet: boolean): CostContractName {
  if (epochAtLeast(epoch, StacksEpochId.Epoch33)) return 'costs-4';
  if (epochAtLeast(epoch, StacksEpochId.Epoch21)) return 'costs-3';
  if (epochAtLeast(epoch, StacksEpochId.Epoch2_05)) return mainnet ? 'costs-2' : 'costs-2-testnet';
  return 'costs';
}

/** Floor of log2 of a positive integer (`63 - leading_zeros(n)`). */
export function log2Floor(n: number): number {
  if (n < 0x1_0000_0000) return 31 - Math.clz32(n);
  let r = 0;
  let x = n;
  while (x >= 2) {
    x = Math.floor(x / 2);
    r++;
  }
  return r;
}

function log2Failure(): ClarityError {
  return runtimeCheckError('CostComputationFailed', 'log2 must be passed a positive integer');
}

/** `a·n+b`, saturating at the field maximum as the reference's `saturating_mul`/`saturating_add` do. */
export function linearCost(n: number, a: number, b: number): number {
  return Math.min(a * n + b, MAX_COST_FIELD);
}

/** `a·log2(n)+b`; n = 0 fails with `CostComputationFailed`. */
export function lognCost(n: number, a: number, b: number): number {
  if (n < 1) throw log2Failure();
  return Math.min(a * log2Floor(n) + b, MAX_COST_FIELD);
}

/** `a·n·log2(n)+b`; n = 0 fails with `CostComputationFailed`. */
export function nlognCost(n: number, a: number, b: number): number {
  if (n < 1) throw log2Failure();
  return Math.min(a * (log2Floor(n) * n) + b, MAX_COST_FIELD);
}

/** Evaluates one term of a formula at `n`. */
export function evaluateTerm(t: CostTerm, n: number): number {
  if (typeof t === 'number') return t;
  switch (t[0]) {
    case 'linear':
      return linearCost(n, t[1], t[2]);
    case 'logn':
      return lognCost(n, t[1], t[2]);
    case 'nlogn':
      return nlognCost(n, t[1], t[2]);
  }
}

function isFiveFields(f: CostFormula): f is readonly [CostTerm, CostTerm, CostTerm, CostTerm, CostTerm] {
  return typeof f !== 'number' && f.length === 5;
}

/**
 * Computes cost function `name` of `table` at `n` into `out` (overwriting it). A function the
 * table does not implement is the reference's `NotImplemented`; a log2 of 0 is `CostComputationFailed`.
 */
export function computeCostInto(table: CostTable, name: CostFunctionName, n: number, out: ExecutionCost): void {
  const f = table[name];
  if (f === null) throw runtimeError('NotImplemented', `cost function ${name} is not implemented by this cost contract`);
  if (isFiveFields(f)) {
    out.runtime = evaluateTerm(f[0], n);
    out.readCount = evaluateTerm(f[1], n);
    out.readLength = evaluateTerm(f[2], n);
    out.writeCount = evaluateTerm(f[3], n);
    out.writeLength = evaluateTerm(f[4], n);
  } else {
    out.runtime = evaluateTerm(f, n);
    out.readCount = 0;
    out.readLength = 0;
    out.writeCount = 0;
    out.writeLength = 0;
  }
}

/** Computes cost function `name` of `table` at `n`. */
export function computeCost(table: CostTable, name: CostFunctionName, n: number): ExecutionCost {
  const out: ExecutionCost = { runtime: 0, readCount: 0, readLength: 0, writeCount: 0, writeLength: 0 };
  computeCostInto(table, name, n, out);
  return out;
}
