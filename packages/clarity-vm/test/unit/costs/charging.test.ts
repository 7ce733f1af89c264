import { describe, expect, it } from 'vitest';
import { parsePrincipal } from '@stacks-ts/codec';
import type { ContractPrincipal, StandardPrincipal } from '@stacks-ts/codec';
import { GENESIS_ACCOUNTS, genesisChain, runBatchSync } from '../../../src/batch.ts';
import type { BatchCase, BatchResult } from '../../../src/batch.ts';
import { ClarityError } from '../../../src/errors.ts';
import type { Env } from '../../../src/eval/context.ts';
import { newContractContext } from '../../../src/eval/context.ts';
import { evaluateTopLevel } from '../../../src/eval/interpreter.ts';
import { parseProgram } from '../../../src/parser/build.ts';
import type { ExecutionCost } from '../../../src/costs/execution-cost.ts';
import { zeroCost } from '../../../src/costs/execution-cost.ts';
import { TrackingCostTracker } from '../../../src/costs/tracker.ts';
import type { TrackingCostTrackerOptions } from '../../../src/costs/tracker.ts';

type Cost = { runtime: number; read_count: number; read_length: number; write_count: number; write_length: number };

function cost(expr: string, c: Partial<BatchCase> = {}): Cost {
  const [r] = runBatchSync([{ id: 't', expr, epoch: '3.3', clarity_version: 4, ...c }], { costs: true }) as [BatchResult];
  if (!r.ok) throw new Error(`${r.error_kind}: ${r.error}`);
  if (r.cost === undefined) throw new Error('no cost');
  return r.cost as Cost;
}

const runtime = (expr: string, c: Partial<BatchCase> = {}): number => cost(expr, c).runtime;

describe('charging points (spec-costs.md section 6 micro-checks)', () => {
  it('(+ 1 2): LookupFunction 16 + Add(2), per cost contract', () => {
    expect(runtime('(+ 1 2)')).toBe(163);
    expect(runtime('(+ 1 2)', { epoch: '2.1', clarity_version: 2 })).toBe(163);
    expect(runtime('(+ 1 2)', { epoch: '2.05', clarity_version: 1 })).toBe(16 + 180); // costs-2-testnet on the oracle's testnet
  });

  it('comparisons: n = 2 in Clarity 1, the smaller size from Clarity 2', () => {
    expect(runtime('(< 1 2)', { epoch: '2.1', clarity_version: 1 })).toBe(16 + 142);
    expect(runtime('(< 1 2)', { epoch: '2.1', clarity_version: 2 })).toBe(16 + 240);
  });

  it('tuples: TupleCons on construction, TupleGet on access', () => {
    expect(runtime('(get a {a: 1})')).toBe(16 + 16 + 1876 + 1736);
  });

  it('Native205 functions use the serialized size of their arguments', () => {
    expect(runtime('(sha256 0x00)')).toBe(16 + 106);
    expect(runtime('(is-eq 1 2)')).toBe(16 + 7 * 34 + 151);
  });

  it('print uses the value size', () => {
    expect(runtime('(print "hi")')).toBe(16 + 1548);
  });

  it('literals and free keywords cost nothing; chain keywords cost a FetchVar', () => {
    expect(runtime('1')).toBe(0);
    expect(runtime('tx-sender')).toBe(0);
    expect(cost('stacks-block-height')).toEqual({ read_count: 1, read_length: 2, runtime: 469, write_count: 0, write_length: 0 });
  });

  it('variables: depth then size; let adds a level', () => {
    // let: lookup 16 + Let(1) 295, body: lookup of a at depth 1 (2) and size 16 (33)
    expect(runtime('(let ((a 1)) a)')).toBe(16 + 295 + 2 + 33);
  });

  it('slice? out of bounds is free, in bounds charges the slice', () => {
    expect(runtime('(slice? 0x0102 u5 u6)')).toBe(16);
    expect(runtime('(slice? 0x0102 u0 u1)')).toBe(16 + 448 + 0);
  });

  it('storage: var-get reads the serialized value, var-set writes it', () => {
    expect(cost('(define-data-var v uint u1) (var-set v (+ (var-get v) u1)) (var-get v)', { epoch: '2.1', clarity_version: 2 })).toEqual({
      read_count: 3,
      read_length: 36,
      runtime: 4062,
      write_count: 3,
      write_length: 35,
    });
  });

  it('a contract call (check 2): load, application, argument type check, body', () => {
    const contract = '(define-public (foo) (ok 1))\n' + ' '.repeat(36) + '(define-public (bar (x uint)) (ok x))';
    expect(contract.length).toBe(102);
    const c: BatchCase = { id: 'call', contract, expr: '(contract-call? .contract bar u1)', epoch: '3.3', clarity_version: 4 };
    const [r] = runBatchSync([c], { costs: true });
    expect(r!.ok && r!.cost).toEqual({ read_count: 3, read_length: 103, runtime: 499, write_count: 0, write_length: 0 });
    expect(r!.ok && r!.deploy_costs?.contract).toEqual({ read_count: 0, read_length: 0, runtime: 432 + 4, write_count: 0, write_length: 0 });
  });

  it('epoch 2.0 (costs-1) sizes storage and NFT charges by declared types (recorded from the oracle)', () => {
    const e20 = { epoch: '2.0', clarity_version: 1 } as const;
    expect(cost('(define-data-var v (list 5 int) (list 1)) (var-set v (list 1 2)) (var-get v)', e20)).toEqual({
      read_count: 2, read_length: 87, runtime: 317000, write_count: 3, write_length: 174,
    });
    expect(cost('(define-map m {a: int} {b: (buff 5)}) (map-set m {a: 1} {b: 0x01}) (map-insert m {a: 2} {b: 0x02}) (map-delete m {a: 1}) (map-get? m {a: 1})', e20)).toEqual({
      read_count: 4, read_length: 44, runtime: 220000, write_count: 4, write_length: 156,
    });
    expect(cost('(define-non-fungible-token n (buff 4)) (nft-mint? n 0x01 tx-sender) (nft-get-owner? n 0x01)', e20)).toEqual({
      read_count: 2, read_length: 2, runtime: 30000, write_count: 2, write_length: 10,
    });
    expect(runtime('(as-contract tx-sender)', e20)).toBe(1000); // as-contract is free before 2.1
  });

  it('costs off reports no cost', () => {
    const [r] = runBatchSync([{ id: 'x', expr: '(+ 1 2)' }]);
    expect(r!.ok && r!.cost).toBeUndefined();
  });
});

// Direct evaluation with a chosen tracker (limits, memory).
const DEPLOYER = parsePrincipal(GENESIS_ACCOUNTS.deployer) as StandardPrincipal;

function evaluateWith(source: string, opts: TrackingCostTrackerOptions, version: 3 | 4 = 4): { tracker: TrackingCostTracker; error: ClarityError | null } {
  const chain = genesisChain('3.3');
  const id: ContractPrincipal = { type: 'contract', version: DEPLOYER.version, hash160: DEPLOYER.hash160, contractName: 'limits' };
  const tracker = new TrackingCostTracker(chain.epoch, false, opts);
  const env: Env = {
    chain,
    contract: newContractContext(id, version, source),
    principals: { sender: DEPLOYER, caller: DEPLOYER, sponsor: null },
    events: [],
    readOnly: false,
    directCall: false,
    costs: tracker,
  };
  try {
    for (const e of parseProgram(source, { epoch: '3.3', clarityVersion: version })) evaluateTopLevel(e, env);
  } catch (e) {
    if (e instanceof ClarityError) return { tracker, error: e };
    throw e;
  }
  return { tracker, error: null };
}

describe('limits', () => {
  it('aborts on the read that takes the tenure past 15,000 reads (check 4), keeping what was charged', () => {
    const used: ExecutionCost = { ...zeroCost(), readCount: 14_998 };
    const { tracker, error } = evaluateWith('(define-data-var v int 0) (var-get v) (var-get v) (var-get v)', { used });
    expect(error?.code).toBe('CostBalanceExceeded');
    expect(tracker.total.readCount).toBe(15_001);
  });

  it('stays within the limit when the total equals it', () => {
    const used: ExecutionCost = { ...zeroCost(), readCount: 14_998 };
    const { tracker, error } = evaluateWith('(define-data-var v int 0) (var-get v) (var-get v)', { used });
    expect(error).toBeNull();
    expect(tracker.total.readCount).toBe(15_000);
  });

  it('fails the runtime dimension too', () => {
    const limit: ExecutionCost = { runtime: 200, readCount: 10, readLength: 10, writeCount: 10, writeLength: 10 };
    const { tracker, error } = evaluateWith('(+ 1 2) (+ 1 2)', { limit });
    expect(error?.code).toBe('CostBalanceExceeded');
    // the second addition's LookupFunction (179) fits, its Add (326) does not: the charge is kept
    expect(tracker.total.runtime).toBe(163 + 16 + 147);
  });

  it('a zero-length from-consensus-buff? input is CostComputationFailed after the parse step (check 3)', () => {
    const { tracker, error } = evaluateWith('(from-consensus-buff? int 0x)', {});
    expect(error?.code).toBe('CostComputationFailed');
    expect(tracker.total.runtime).toBe(16 + 4);
  });

  it('stored data counts against the memory limit', () => {
    // define-data-var: type_size 5 + value size 4; var-set: the 7 serialized bytes written
    const { error } = evaluateWith('(define-data-var v (buff 100) 0x) (var-set v 0x0102)', { memoryLimit: 15 });
    expect(error?.code).toBe('MemoryBalanceExceeded');
    const ok = evaluateWith('(define-data-var v (buff 100) 0x) (var-set v 0x0102)', { memoryLimit: 16 });
    expect(ok.error).toBeNull();
    expect(ok.tracker.memory).toBe(5 + 4 + 7);
  });

  it('let bindings are held while the let runs and released after', () => {
    // (buff 3) has size 7; the native's argument memory (7) comes on top while `len` runs
    expect(evaluateWith('(let ((a 0x010203)) (len a))', { memoryLimit: 13 }).error?.code).toBe('MemoryBalanceExceeded');
    const ok = evaluateWith('(let ((a 0x010203)) (len a))', { memoryLimit: 14 });
    expect(ok.error).toBeNull();
    expect(ok.tracker.memory).toBe(0);
  });

  it('match bindings and as-contract are held while their body runs', () => {
    // the (some ...) argument of `some` (7) is released before `match` binds x (7), then `len` holds 7 more
    expect(evaluateWith('(match (some 0x010203) x (len x) u0)', { memoryLimit: 13 }).error?.code).toBe('MemoryBalanceExceeded');
    const ok = evaluateWith('(match (some 0x010203) x (len x) u0)', { memoryLimit: 14 });
    expect(ok.error).toBeNull();
    expect(ok.tracker.memory).toBe(0);
    // as-contract holds 1 byte: `(len 0x0102)` holds 6 more
    expect(evaluateWith('(as-contract (len 0x0102))', { memoryLimit: 6 }, 3).error?.code).toBe('MemoryBalanceExceeded');
    expect(evaluateWith('(as-contract (len 0x0102))', { memoryLimit: 7 }, 3).error).toBeNull();
  });
});
