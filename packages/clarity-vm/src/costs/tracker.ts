/**
 * Cost trackers (`CostTracker`, `LimitedCostTracker` in clarity/src/vm/costs/mod.rs): a tracking
 * one that charges the cost contract of its epoch against a limit, and a free one for boot code,
 * genesis and runs with costs off.
 */
import type { StacksEpochId } from '@stacks-ts/common';
import { runtimeCheckError } from '../errors.ts';
import type { ExecutionCost } from './execution-cost.ts';
import { addCostInto, blockLimitForEpoch, copyCost, exceedsLimit, zeroCost } from './execution-cost.ts';
import { COST_TABLES, computeCostInto, costContractForEpoch } from './functions.ts';
import type { CostContractName } from './functions.ts';
import type { CostFunctionName, CostTable } from './tables.ts';

/** `CLARITY_MEMORY_LIMIT`: bytes of values a transaction may hold at once. */
export const CLARITY_MEMORY_LIMIT = 100_000_000;

/** What the interpreter charges costs and memory to. */
export interface CostTracker {
  /** False for the free tracker: callers may skip computing the `n` of a charge. */
  readonly tracking: boolean;
  /**
   * Whether a contract's size (`cost_load_contract`) includes its data size (Σ size of its
   * constants), as the node stores it. The oracle (clarinet's REPL) stores a data size of 0.
   */
  readonly countsConstantData: boolean;
  /** Computes cost function `fn` at `n` and adds it; throws when the total passes the limit. */
  charge(fn: CostFunctionName, n: number): void;
  /** Adds an already computed cost (`add_cost`); throws when the total passes the limit. */
  addCost(cost: Readonly<ExecutionCost>): void;
  /** Counts `bytes` of memory in use; throws `MemoryBalanceExceeded` past the memory limit. */
  addMemory(bytes: number): void;
  /** Releases `bytes` of memory. */
  dropMemory(bytes: number): void;
  /** Forgets the memory in use (the reference does this when a transaction commits or is dropped). */
  resetMemory(): void;
  /** The running total. */
  readonly total: Readonly<ExecutionCost>;
  /** The limit the total is checked against. */
  readonly limit: Readonly<ExecutionCost>;
  /** Bytes of memory in use. */
  readonly memory: number;
}

/** Options of `TrackingCostTracker`. */
export interface TrackingCostTrackerOptions {
  /** The limit (default: the block limit of the epoch; pass `UNLIMITED_COST` for none). */
  readonly limit?: Readonly<ExecutionCost>;
  /** What the block (tenure) has already used: charged on top of it (default zero). */
  readonly used?: Readonly<ExecutionCost>;
  /** Cost contract to use (default: the epoch's). */
  readonly contract?: CostContractName;
  /** The memory limit (default `CLARITY_MEMORY_LIMIT`). */
  readonly memoryLimit?: number;
  /** See `CostTracker.countsConstantData` (default true, the node's rule). */
  readonly countsConstantData?: boolean;
}

function describe(c: Readonly<ExecutionCost>): string {
  return `{runtime: ${c.runtime}, read_count: ${c.readCount}, read_length: ${c.readLength}, write_count: ${c.writeCount}, write_length: ${c.writeLength}}`;
}

/**
 * `LimitedCostTracker::Limited`: charges the epoch's cost contract. Every charge is added with
 * overflow checking, then the total is compared with the limit; past it, the charge fails with
 * `CostBalanceExceeded` and the total keeps the charge (nothing is refunded, ever).
 */
export class TrackingCostTracker implements CostTracker {
  readonly tracking = true;
  readonly countsConstantData: boolean;
  readonly table: CostTable;
  readonly contract: CostContractName;
  readonly limit: Readonly<ExecutionCost>;
  readonly memoryLimit: number;
  private readonly running: ExecutionCost;
  private readonly scratch: ExecutionCost = zeroCost();
  private memoryUsed = 0;

  constructor(epoch: StacksEpochId, mainnet: boolean, opts: TrackingCostTrackerOptions = {}) {
    this.contract = opts.contract ?? costContractForEpoch(epoch, mainnet);
    this.table = COST_TABLES[this.contract];
    this.limit = opts.limit ?? blockLimitForEpoch(epoch);
    this.memoryLimit = opts.memoryLimit ?? CLARITY_MEMORY_LIMIT;
    this.countsConstantData = opts.countsConstantData ?? true;
    this.running = opts.used === undefined ? zeroCost() : copyCost(opts.used);
  }

  get total(): Readonly<ExecutionCost> {
    return this.running;
  }

  get memory(): number {
    return this.memoryUsed;
  }

  charge(fn: CostFunctionName, n: number): void {
    computeCostInto(this.table, fn, n, this.scratch);
    this.addCost(this.scratch);
  }

  addCost(cost: Readonly<ExecutionCost>): void {
    if (!addCostInto(this.running, cost)) {
      throw runtimeCheckError('CostOverflow', 'cost overflow');
    }
    if (exceedsLimit(this.running, this.limit)) {
      throw runtimeCheckError(
        'CostBalanceExceeded',
        `cost balance exceeded: ${describe(this.running)} > ${describe(this.limit)}`,
        { args: [copyCost(this.running), copyCost(this.limit)] },
      );
    }
  }

  addMemory(bytes: number): void {
    this.memoryUsed += bytes;
    if (this.memoryUsed > this.memoryLimit) {
      throw runtimeCheckError('MemoryBalanceExceeded', `memory balance exceeded: ${this.memoryUsed} > ${this.memoryLimit}`, {
        args: [this.memoryUsed, this.memoryLimit],
      });
    }
  }

  dropMemory(bytes: number): void {
    this.memoryUsed = Math.max(0, this.memoryUsed - bytes);
  }

  resetMemory(): void {
    this.memoryUsed = 0;
  }
}

const ZERO: Readonly<ExecutionCost> = Object.freeze(zeroCost());

/** `LimitedCostTracker::Free`: charges nothing and counts no memory. */
export const FREE_COST_TRACKER: CostTracker = Object.freeze({
  tracking: false,
  countsConstantData: true,
  charge(): void {},
  addCost(): void {},
  addMemory(): void {},
  dropMemory(): void {},
  resetMemory(): void {},
  total: ZERO,
  limit: ZERO,
  memory: 0,
});
