/**
 * `ExecutionCost` (clarity/src/vm/costs/execution_cost.rs): the five metered dimensions, checked
 * addition, limit comparison, and the block limits of each epoch (stackslib/src/core/mod.rs).
 *
 * Fields are JS numbers. The reference uses u64 with checked addition; every field of a limit we
 * charge against is below 2^53 (the largest, runtime, is 5·10^9), and a charge stops as soon as the
 * total exceeds the limit, so a tracked total never leaves the exactly representable range. Only the
 * unlimited limit (`UNLIMITED_COST`, all fields u64::MAX) is above 2^53: it is kept as
 * `Number.MAX_SAFE_INTEGER`, and a total that would pass it is reported as `CostOverflow`, the
 * reference's outcome for a u64 overflow.
 */
import { StacksEpochId } from '@stacks-ts/common';
import { epochAtLeast } from '../natives/context.ts';

/** The five metered dimensions of an execution. */
export interface ExecutionCost {
  runtime: number;
  readCount: number;
  readLength: number;
  writeCount: number;
  writeLength: number;
}

/** The field names of `ExecutionCost`, in the reference's order. */
export const COST_FIELDS = ['runtime', 'readCount', 'readLength', 'writeCount', 'writeLength'] as const;

/** The oracle's / RPC's JSON shape of a cost. */
export interface ExecutionCostJson {
  readonly runtime: number;
  readonly read_count: number;
  readonly read_length: number;
  readonly write_count: number;
  readonly write_length: number;
}

/** A new zero cost. */
export function zeroCost(): ExecutionCost {
  return { runtime: 0, readCount: 0, readLength: 0, writeCount: 0, writeLength: 0 };
}

/** A cost from its five fields. */
export function executionCost(runtime: number, readCount = 0, readLength = 0, writeCount = 0, writeLength = 0): ExecutionCost {
  return { runtime, readCount, readLength, writeCount, writeLength };
}

/** A copy of `c`. */
export function copyCost(c: Readonly<ExecutionCost>): ExecutionCost {
  return { runtime: c.runtime, readCount: c.readCount, readLength: c.readLength, writeCount: c.writeCount, writeLength: c.writeLength };
}

/** The largest value a field can take (the reference's u64 range, capped at the exact-integer range of a double). */
export const MAX_COST_FIELD = Number.MAX_SAFE_INTEGER;

/**
 * `ExecutionCost::add`: adds `b` into `a` field by field. Returns false (and leaves `a` unchanged)
 * when a field would overflow, the reference's `CostErrors::CostOverflow`.
 */
export function addCostInto(a: ExecutionCost, b: Readonly<ExecutionCost>): boolean {
  const runtime = a.runtime + b.runtime;
  const readCount = a.readCount + b.readCount;
  const readLength = a.readLength + b.readLength;
  const writeCount = a.writeCount + b.writeCount;
  const writeLength = a.writeLength + b.writeLength;
  if (
    runtime > MAX_COST_FIELD ||
    readCount > MAX_COST_FIELD ||
    readLength > MAX_COST_FIELD ||
    writeCount > MAX_COST_FIELD ||
    writeLength > MAX_COST_FIELD
  ) {
    return false;
  }
  a.runtime = runtime;
  a.readCount = readCount;
  a.readLength = readLength;
  a.writeCount = writeCount;
  a.writeLength = writeLength;
  return true;
}

/**
 * `ExecutionCost::sub`: subtracts `b` from `a` field by field. Returns false (and leaves `a`
 * unchanged) when a field would go below zero (the reference's checked subtraction).
 */
export function subCostInto(a: ExecutionCost, b: Readonly<ExecutionCost>): boolean {
  if (
    b.runtime > a.runtime ||
    b.readCount > a.readCount ||
    b.readLength > a.readLength ||
    b.writeCount > a.writeCount ||
    b.writeLength > a.writeLength
  ) {
    return false;
  }
  a.runtime -= b.runtime;
  a.readCount -= b.readCount;
  a.readLength -= b.readLength;
  a.writeCount -= b.writeCount;
  a.writeLength -= b.writeLength;
  return true;
}

/** `ExecutionCost::exceeds`: true when any field of `cost` is strictly greater than the same field of `limit`. */
export function exceedsLimit(cost: Readonly<ExecutionCost>, limit: Readonly<ExecutionCost>): boolean {
  return (
    cost.runtime > limit.runtime ||
    cost.readCount > limit.readCount ||
    cost.readLength > limit.readLength ||
    cost.writeCount > limit.writeCount ||
    cost.writeLength > limit.writeLength
  );
}

/** The oracle's JSON shape of a cost (its key order: alphabetical, as serde prints it). */
export function costToJson(c: Readonly<ExecutionCost>): ExecutionCostJson {
  return {
    read_count: c.readCount,
    read_length: c.readLength,
    runtime: c.runtime,
    write_count: c.writeCount,
    write_length: c.writeLength,
  };
}

function frozen(runtime: number, readCount: number, readLength: number, writeCount: number, writeLength: number): Readonly<ExecutionCost> {
  return Object.freeze({ runtime, readCount, readLength, writeCount, writeLength });
}

/** `LIMIT_10`: epoch 1.0 (no Clarity). */
export const BLOCK_LIMIT_10: Readonly<ExecutionCost> = frozen(0, 0, 0, 0, 0);
/** `BLOCK_LIMIT_MAINNET_20`: epoch 2.0. */
export const BLOCK_LIMIT_20: Readonly<ExecutionCost> = frozen(5_000_000_000, 7_750, 100_000_000, 7_750, 15_000_000);
/** `BLOCK_LIMIT_MAINNET_205`: epoch 2.05. */
export const BLOCK_LIMIT_205: Readonly<ExecutionCost> = frozen(5_000_000_000, 15_000, 100_000_000, 15_000, 15_000_000);
/** `BLOCK_LIMIT_MAINNET_21`: epochs 2.1 to 3.4 (per tenure from 3.0). */
export const BLOCK_LIMIT_21: Readonly<ExecutionCost> = frozen(5_000_000_000, 15_000, 100_000_000, 15_000, 15_000_000);
/** `BLOCK_LIMIT_MAINNET_40`: epoch 4.0 on (twice the reads). */
export const BLOCK_LIMIT_40: Readonly<ExecutionCost> = frozen(5_000_000_000, 30_000, 200_000_000, 15_000, 15_000_000);
/** `ExecutionCost::max_value()`: no limit. */
export const UNLIMITED_COST: Readonly<ExecutionCost> = frozen(MAX_COST_FIELD, MAX_COST_FIELD, MAX_COST_FIELD, MAX_COST_FIELD, MAX_COST_FIELD);
/** The node's default `read_only_call_limit` for read-only RPC calls. */
export const READ_ONLY_CALL_LIMIT: Readonly<ExecutionCost> = frozen(1_000_000_000, 30, 100_000, 0, 0);

/**
 * The mainnet block limit of an epoch (a tenure limit from Nakamoto on; testnet uses the same
 * values). The budget covers the whole block or tenure, earlier transactions included.
 */
export function blockLimitForEpoch(epoch: StacksEpochId): Readonly<ExecutionCost> {
  if (epochAtLeast(epoch, StacksEpochId.Epoch40)) return BLOCK_LIMIT_40;
  if (epochAtLeast(epoch, StacksEpochId.Epoch21)) return BLOCK_LIMIT_21;
  if (epochAtLeast(epoch, StacksEpochId.Epoch2_05)) return BLOCK_LIMIT_205;
  if (epochAtLeast(epoch, StacksEpochId.Epoch20)) return BLOCK_LIMIT_20;
  return BLOCK_LIMIT_10;
}
