import { describe, expect, it } from 'vitest';
import { parsePrincipal } from '@stacks-ts/codec';
import type { ClarityValue, StandardPrincipal } from '@stacks-ts/codec';
import { openMarfedKV } from '@stacks-ts/marf';
import { GENESIS_ACCOUNTS, loadAnalysis } from '../../../src/batch.ts';
import { ClarityChain } from '../../../src/chain/runtime.ts';
import { TrackingCostTracker } from '../../../src/costs/tracker.ts';
import { addCostInto, copyCost, costToJson, executionCost, zeroCost } from '../../../src/costs/execution-cost.ts';
import type { ExecutionCost } from '../../../src/costs/execution-cost.ts';

const ME = parsePrincipal(GENESIS_ACCOUNTS.deployer) as StandardPrincipal;
const id = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const json = (c: ExecutionCost) => costToJson(c);

// spec-costs.md 6.1 and 6.2 (`consensus.rs::test_successfully_deploy_and_call`).
const FOO = `(define-public (foo) (ok 1))\n${' '.repeat(36)}(define-public (bar (x uint)) (ok x))`;

/** `runtime_analysis_tests.rs::runtime_check_error_cost_balance_exceeded_ccall`: 15,001 `var-get`s in one public function. */
const VAR_GETS = `\n        (define-data-var foo int 1)\n        (define-public (trigger-error)\n            (ok (begin\n                ${'(var-get foo)\n'.repeat(15_001)}\n                u0)))`;

/**
 * The `_ccall` consensus tests (snapshots at 3.3.0.0.6): the contract call's cost evaluated in epoch
 * 3.3 (the same for every deploy epoch and Clarity version): [reference test, source, function,
 * arguments, [runtime, read_count, read_length, write_count, write_length]].
 */
const CCALLS: readonly [string, string, string, readonly ClarityValue[], readonly [number, number, number, number, number]][] = [
  [
    "runtime_tests::arithmetic_overflow_pow_ccall",
    "\n(define-public (trigger-overflow-pow)\n  (ok (pow 2 128))\n)",
    "trigger-overflow-pow",
    [],
    [319, 3, 60, 0, 0],
  ],
  [
    "runtime_tests::to_uint_underflow_ccall",
    "\n(define-read-only (trigger-underflow)\n  (to-uint -10)\n)",
    "trigger-underflow",
    [],
    [292, 3, 57, 0, 0],
  ],
  [
    "runtime_tests::sub_underflow_ccall",
    "\n(define-read-only (trigger-underflow)\n  (- u10 u11)\n)",
    "trigger-underflow",
    [],
    [302, 3, 55, 0, 0],
  ],
  [
    "runtime_tests::sub_arg_len_underflow_ccall",
    "\n(define-read-only (trigger)\n  (- u5))\n",
    "trigger",
    [],
    [276, 3, 40, 0, 0],
  ],
  [
    "runtime_tests::division_by_zero_mod_ccall",
    "\n(define-read-only (trigger)\n  (mod 10 0)\n)",
    "trigger",
    [],
    [285, 3, 44, 0, 0],
  ],
  [
    "runtime_tests::division_by_zero_ccall",
    "\n(define-read-only (trigger)\n  (/ 10 0)\n)",
    "trigger",
    [],
    [293, 3, 42, 0, 0],
  ],
  [
    "runtime_tests::arithmetic_sqrti_neg_ccall",
    "\n(define-read-only (trigger)\n  (sqrti -1)\n)",
    "trigger",
    [],
    [286, 3, 44, 0, 0],
  ],
  [
    "runtime_tests::arithmetic_log2_neg_ccall",
    "\n(define-read-only (trigger)\n  (log2 -8)\n)",
    "trigger",
    [],
    [276, 3, 43, 0, 0],
  ],
  [
    "runtime_tests::arithmetic_pow_neg_ccall",
    "\n(define-read-only (trigger)\n  (pow 2 (- 1))\n)",
    "trigger",
    [],
    [442, 3, 47, 0, 0],
  ],
  [
    "early_return_tests::native_try_ret_err_ccall",
    "\n            (define-public (trigger (resp (response uint uint)))\n                (begin\n                    (try! resp)\n                    (ok u1)\n                )\n            )\n        ",
    "trigger",
    [{ type: 'response', ok: false, value: { type: 'uint', value: 42n } }],
    [647, 3, 190, 0, 0],
  ],
  [
    "early_return_tests::native_try_ret_none_ccall",
    "\n            (define-read-only (trigger-ro (opt (optional bool)))\n                (begin\n                    (try! opt)\n                    (some true)\n                )\n            )\n            (define-public (trigger (opt (optional bool)))\n                (match (trigger-ro opt)\n                    value\n                    (ok u1)\n                    (err u404)\n                )\n            )\n        ",
    "trigger",
    [{ type: 'optional', value: null }],
    [1363, 3, 409, 0, 0],
  ],
  [
    "early_return_tests::native_unwrap_err_or_ret_ccall",
    "\n            (define-public (trigger)\n                (begin\n                    (unwrap-err! (if true (ok u3) (err u1)) (err u9))\n                    (ok u1)\n                )\n            )\n        ",
    "trigger",
    [],
    [1232, 3, 200, 0, 0],
  ],
  [
    "early_return_tests::native_unwrap_or_ret_none_ccall",
    "\n            (define-public (trigger (opt (optional bool)))\n                (begin\n                    (unwrap! opt (err false))\n                    (ok true)\n                )\n            )\n        ",
    "trigger",
    [{ type: 'optional', value: null }],
    [846, 3, 200, 0, 0],
  ],
  [
    "early_return_tests::native_special_asserts_ccall",
    "(define-public (trigger) (begin (asserts! false (err u0)) (ok u1)))",
    "trigger",
    [],
    [527, 3, 68, 0, 0],
  ],
  [
    "runtime_analysis_tests::runtime_check_error_kind_no_such_public_function_ccall",
    "(define-private (get-one) (ok u1))",
    "get-one",
    [],
    [114, 3, 35, 0, 0],
  ],
  [
    "runtime_analysis_tests::runtime_check_error_kind_name_already_used_ccall",
    "\n        (define-public (trigger-error)\n            (let ((ft-get-supply u0))\n                (ok ft-get-supply)))",
    "trigger-error",
    [],
    [510, 3, 115, 0, 0],
  ],
  [
    "runtime_analysis_tests::runtime_check_error_kind_value_too_large_ccall",
    "\n        (define-private (make-buff-256)\n            (let ((b16 0x00112233445566778899aabbccddeeff)\n                  (b32 (concat b16 b16))\n                  (b64 (concat b32 b32))\n                  (b128 (concat b64 b64))\n                  (b256 (concat b128 b128)))\n              b256))\n\n        (define-private (make-buff-4096)\n            (let ((b256 (make-buff-256))\n                  (b512 (concat b256 b256))\n                  (b1024 (concat b512 b512))\n                  (b2048 (concat b1024 b1024))\n                  (b4096 (concat b2048 b2048)))\n              b4096))\n\n        (define-private (make-buff-65536)\n            (let ((b4096 (make-buff-4096))\n                  (b8192 (concat b4096 b4096))\n                  (b16384 (concat b8192 b8192))\n                  (b32768 (concat b16384 b16384))\n                  (b65536 (concat b32768 b32768)))\n              b65536))\n\n        (define-private (make-buff-1048576)\n            (let ((b65536 (make-buff-65536))\n                  (b131072 (concat b65536 b65536))\n                  (b262144 (concat b131072 b131072))\n                  (b524288 (concat b262144 b262144))\n                  (b1048576 (concat b524288 b524288)))\n              b1048576))\n\n        (define-public (trigger-error)\n            (ok (begin\n                (unwrap-panic (as-max-len? (make-buff-1048576) u1048576))\n                u0)))\n    ",
    "trigger-error",
    [],
    [84033978, 3, 1375, 0, 0],
  ],
  [
    "runtime_analysis_tests::runtime_check_error_kind_type_value_error_ccall",
    "(define-public (trigger-error (x uint)) (ok true))",
    "trigger-error",
    [{ type: 'bool', value: true }],
    [168, 3, 51, 0, 0],
  ],
  [
    "runtime_analysis_tests::runtime_check_error_kind_expected_contract_principal_value_ccall",
    "\n            (define-public (trigger-error)\n                (as-contract?\n                    ((with-ft tx-sender \"token\" u0))\n                    true))",
    "trigger-error",
    [],
    [1267, 3, 154, 0, 0],
  ],
  [
    "runtime_analysis_tests::runtime_check_error_kind_undefined_function_ccall",
    "\n        (define-public (noop)\n            (ok true))",
    "missing-func",
    [],
    [133, 3, 54, 0, 0],
  ],
  [
    "runtime_analysis_tests::runtime_check_error_kind_incorrect_argument_count_ccall",
    "(define-public (trigger-error (x uint)) (ok true))",
    "trigger-error",
    [{ type: 'bool', value: true }, { type: 'bool', value: true }],
    [175, 3, 51, 0, 0],
  ],
  [
    "runtime_analysis_tests::arithmetic_zero_n_log_n_ccall",
    "\n(define-read-only (trigger)\n  (from-consensus-buff? int 0x)\n)",
    "trigger",
    [],
    [167, 3, 63, 0, 0],
  ],
];

async function chain(epoch = '3.3', opts: { readonly readOnlyCallLimit?: ExecutionCost } = {}): Promise<ClarityChain> {
  return new ClarityChain(openMarfedKV(), { epoch, analysis: await loadAnalysis(), ...opts });
}

describe('ClarityChain costs', () => {
  it('charges a deploy in full and a call, as the reference does (FOO_CONTRACT, bar(u1))', async () => {
    const c = await chain();
    c.beginBlock(null, id(1));
    const d = c.deployContract(ME, 'foo', FOO);
    expect(d.committed).toBe(true);
    expect(json(d.cost)).toEqual({ runtime: 11968, read_count: 1, read_length: 1, write_count: 2, write_length: 121 });
    const r = c.callFunction(ME, `${GENESIS_ACCOUNTS.deployer}.foo`, 'bar', [{ type: 'uint', value: 1n }]);
    expect(r.committed).toBe(true);
    expect(json(r.cost)).toEqual({ runtime: 499, read_count: 3, read_length: 103, write_count: 0, write_length: 0 });
    expect(r.budgetExceeded).toBe(false);
  });

  for (const [name, source, fn, args, [runtime, readCount, readLength, writeCount, writeLength]] of CCALLS) {
    it(`${name}: the call's cost`, async () => {
      const version = name.includes('expected_contract_principal_value') ? 4 : name.includes('zero_n_log_n') ? 2 : 1;
      const c = await chain();
      c.beginBlock(null, id(1));
      expect(c.deployContract(ME, 'c', source, { clarityVersion: version }).committed).toBe(true);
      const r = c.callFunction(ME, `${GENESIS_ACCOUNTS.deployer}.c`, fn, args);
      expect(json(r.cost)).toEqual({ runtime, read_count: readCount, read_length: readLength, write_count: writeCount, write_length: writeLength });
    });
  }

  it('accumulates the block total across transactions, failed ones included, and resets it per block before 3.0', async () => {
    const c = await chain('2.5');
    c.beginBlock(null, id(1));
    const total = zeroCost();
    const d = c.deployContract(ME, 'foo', FOO);
    addCostInto(total, d.cost);
    expect(json(c.blockCost)).toEqual(json(total));
    // A runtime failure is mined: its partial cost counts.
    const bad = c.deployContract(ME, 'bad', '(define-constant x (/ 1 0))');
    expect(bad.committed).toBe(false);
    expect(bad.budgetExceeded).toBe(false);
    expect(bad.cost.runtime).toBeGreaterThan(0);
    addCostInto(total, bad.cost);
    const call = c.callFunction(ME, `${GENESIS_ACCOUNTS.deployer}.foo`, 'foo', []);
    addCostInto(total, call.cost);
    expect(json(c.blockCost)).toEqual(json(total));
    // A token transfer costs nothing.
    c.transferStx(ME, parsePrincipal(GENESIS_ACCOUNTS.wallet_1), 1n);
    expect(json(c.blockCost)).toEqual(json(total));
    c.commitBlock();
    c.beginBlock(id(1), id(2));
    expect(json(c.blockCost)).toEqual(json(zeroCost()));
  });

  it('from 3.0 a block continues its tenure and a new tenure resets the total', async () => {
    const c = await chain('3.3');
    c.beginBlock(null, id(1), { tenureHeight: 1 });
    c.deployContract(ME, 'foo', FOO);
    const first = copyCost(c.blockCost);
    c.commitBlock();
    c.beginBlock(id(1), id(2), { tenureHeight: 1 });
    expect(json(c.blockCost)).toEqual(json(first));
    const call = c.callFunction(ME, `${GENESIS_ACCOUNTS.deployer}.foo`, 'foo', []);
    addCostInto(first, call.cost);
    expect(json(c.blockCost)).toEqual(json(first));
    c.commitBlock();
    c.beginBlock(id(2), id(3), { tenureHeight: 2 });
    expect(json(c.blockCost)).toEqual(json(zeroCost()));
  });

  it('a call that runs over the block budget aborts with CostBalanceExceeded; its writes and cost are dropped', async () => {
    const c = await chain('3.3');
    c.beginBlock(null, id(1));
    expect(c.deployContract(ME, 'foo', FOO).committed).toBe(true);
    const d = c.deployContract(ME, 'cost-balance-exceeded', VAR_GETS);
    expect(d.committed).toBe(true);
    const before = copyCost(c.blockCost);
    const r = c.callFunction(ME, `${GENESIS_ACCOUNTS.deployer}.cost-balance-exceeded`, 'trigger-error', []);
    expect(r.committed).toBe(false);
    expect(r.budgetExceeded).toBe(true);
    expect(r.error?.message).toMatch(/CostBalanceExceeded/);
    // It failed on the charge that took read_count past 15,000 (load_contract reads 3, each var-get 1).
    expect(before.readCount + r.cost.readCount).toBe(15_001);
    expect(json(c.blockCost)).toEqual(json(before));
    // Another transaction still fits.
    expect(c.callFunction(ME, `${GENESIS_ACCOUNTS.deployer}.foo`, 'foo', []).committed).toBe(true);
  });

  it('reproduces the reference CostOverflowError(before, after, limit) of that call', async () => {
    const c = await chain('3.3');
    c.beginBlock(null, id(1));
    c.deployContract(ME, 'cost-balance-exceeded', VAR_GETS);
    // `before` as the reference's snapshot records it (the tenure's cost before the call).
    const before = executionCost(41_763_937, 4, 4, 16, 1_020_748);
    const t = new TrackingCostTracker('Epoch33', false, { used: before });
    const r = c.callFunction(ME, `${GENESIS_ACCOUNTS.deployer}.cost-balance-exceeded`, 'trigger-error', [], { costs: t });
    expect(r.committed).toBe(false);
    expect(json(t.total)).toEqual({ runtime: 49_486_199, read_count: 15_001, read_length: 480_048, write_count: 16, write_length: 1_020_748 });
  });

  it('static_check_error_memory_balance_exceeded: over the memory limit during analysis is over the budget', async () => {
    let source = '(define-constant t0 (tuple (f0 0x00) (f1 0x00) (f2 0x00) (f3 0x00)))';
    for (let i = 1; i <= 5; i++) source += `(define-constant t${i} (tuple (f0 t${i - 1}) (f1 t${i - 1}) (f2 t${i - 1}) (f3 t${i - 1})))`;
    source += '(define-constant t6 (tuple (f0 t5) (f1 t5) (f2 t5)))';
    for (let i = 1; i <= 800; i++) source += `(define-constant l${i} t6)`;
    const c = await chain('3.3');
    c.beginBlock(null, id(1));
    const r = c.deployContract(ME, 'analysis-memory-test', source);
    expect(r.committed).toBe(false);
    expect(r.error?.message).toMatch(/MemoryBalanceExceeded/);
    expect(r.error?.kind).toBe('static');
    // The reference rejects the block (CostOverflowError): the transaction is in no block.
    expect(r.budgetExceeded).toBe(true);
    expect(json(c.blockCost)).toEqual(json(zeroCost()));
  });

  it('read-only calls are metered against the read-only limit', async () => {
    const c = await chain('3.3');
    c.beginBlock(null, id(1));
    c.deployContract(
      ME,
      'ro',
      '(define-data-var n int 1) (define-read-only (few) (var-get n)) (define-read-only (many) (begin ' +
        '(var-get n) '.repeat(40) +
        '))',
    );
    c.commitBlock();
    const ro = `${GENESIS_ACCOUNTS.deployer}.ro`;
    expect(c.readOnlyCall(id(1), ro, 'few', [])).toEqual({ type: 'int', value: 1n });
    // 40 reads (plus the contract load's 3) pass the default read_count limit of 30.
    expect(() => c.readOnlyCall(id(1), ro, 'many', [])).toThrow(/cost balance exceeded/i);
    const roomy = await chain('3.3', { readOnlyCallLimit: executionCost(1e9, 100, 100_000, 0, 0) });
    roomy.beginBlock(null, id(1));
    roomy.deployContract(ME, 'ro', '(define-data-var n int 1) (define-read-only (many) (begin ' + '(var-get n) '.repeat(40) + '))');
    roomy.commitBlock();
    expect(roomy.readOnlyCall(id(1), ro, 'many', [])).toEqual({ type: 'int', value: 1n });
  });
});
