import { describe, expect, it } from 'vitest';
import { parsePrincipal, principalToString } from '@stacks-ts/codec';
import type { ContractPrincipal, StandardPrincipal } from '@stacks-ts/codec';
import { GENESIS_ACCOUNTS, deployContract, genesisChain, loadAnalysis } from '../../../src/batch.ts';
import { TrackingCostTracker } from '../../../src/costs/tracker.ts';
import { costToJson } from '../../../src/costs/execution-cost.ts';
import type { ClarityVersion } from '../../../src/natives/context.ts';
import { resolveEpochId } from '../../../src/parser/limits.ts';

const ME = parsePrincipal(GENESIS_ACCOUNTS.deployer) as StandardPrincipal;

/** Deploys `source` as one SmartContract transaction with full deploy charges; returns the tracker's total. */
async function deployCost(
  source: string,
  epoch: string,
  version: ClarityVersion,
  name = 'c',
  setup: readonly (readonly [string, string])[] = [],
) {
  const analysis = await loadAnalysis();
  const chain = genesisChain(epoch, analysis);
  for (const [n, s] of setup) {
    const sid: ContractPrincipal = { type: 'contract', version: ME.version, hash160: ME.hash160, contractName: n };
    deployContract(chain, sid, s, version, ME, [], analysis);
  }
  const id: ContractPrincipal = { type: 'contract', version: ME.version, hash160: ME.hash160, contractName: name };
  const t = new TrackingCostTracker(resolveEpochId(epoch), false);
  let error: string | undefined;
  try {
    deployContract(chain, id, source, version, ME, [], analysis, false, t);
  } catch (e) {
    error = (e as Error).message;
  }
  void principalToString;
  return { cost: costToJson(t.total), error };
}

// spec-costs.md 6.1, `consensus.rs::test_successfully_deploy` (FOO_CONTRACT).
const FOO = `(define-public (foo) (ok 1))\n${' '.repeat(36)}(define-public (bar (x uint)) (ok x))`;

const U128_MAX = '340282366920938463463374607431768211455';

/**
 * Deploys whose transaction cost the reference records in its consensus snapshots
 * (stackslib/src/chainstate/tests/snapshots/*_cdeploy.snap at 3.3.0.0.6, evaluated in epoch 3.3):
 * [reference test, source, runtime in Clarity 1, runtime in Clarity 2-4, write_length]. Every one
 * has read_count 1, read_length 1, write_count 2 (the analysis and contract storage).
 */
const SNAPSHOT_DEPLOYS: readonly [string, string, number, number, number][] = [
  ['runtime_tests::arithmetic_overflow_pow_at_cdeploy', '(define-constant overflow (pow 2 128))', 9350, 9350, 47],
  ['runtime_tests::arithmetic_overflow_mul_cdeploy', `(define-constant overflow (* u${U128_MAX} u2))`, 10726, 10726, 83],
  ['runtime_tests::arithmetic_overflow_add_cdeploy', `(define-constant overflow (+ u${U128_MAX} u1))`, 10722, 10722, 83],
  ['runtime_tests::arithmetic_overflow_to_int_cdeploy', `(define-constant overflow (to-int u${U128_MAX}))`, 10659, 10659, 84],
  ['runtime_tests::to_uint_underflow_cdeploy', '(define-constant overflow (to-uint -10))', 9291, 9291, 48],
  ['runtime_tests::sub_underflow_cdeploy', '(define-constant overflow (- u10 u11))', 9354, 9354, 47],
  ['runtime_tests::sub_arg_len_underflow_cdeploy', '(define-constant overflow (- u5))', 9026, 9026, 41],
  ['runtime_tests::division_by_zero_mod_cdeploy', '(define-constant overflow (mod 10 0))', 9310, 9310, 46],
  ['runtime_tests::division_by_zero_cdeploy', '(define-constant overflow (/ 10 0))', 9244, 9244, 44],
  ['runtime_tests::arithmetic_sqrti_neg_cdeploy', '(define-constant overflow (sqrti -1))', 9184, 9184, 45],
  ['runtime_tests::arithmetic_log2_neg_cdeploy', '(define-constant overflow (log2 -8))', 9137, 9137, 44],
  ['runtime_tests::arithmetic_pow_large_cdeploy', '(define-constant overflow (pow 2 4294967296))', 9616, 9616, 54],
  ['runtime_tests::arithmetic_pow_neg_cdeploy', '(define-constant overflow (pow 2 (- 1)))', 9707, 9707, 51],
  ['early_return_tests::native_try_ret_err_cdeploy', '(begin (try! (if true (err u200) (ok u1))))', 10660, 10659, 58],
  ['early_return_tests::native_try_ret_none_cdeploy', '(begin (try! (if true none (some true))))', 10150, 10149, 54],
  ['early_return_tests::native_unwrap_err_or_ret_cdeploy', '(begin (unwrap-err! (if true (ok u3) (err u1)) (err u9)))', 11504, 11503, 75],
  ['early_return_tests::native_unwrap_or_ret_none_cdeploy', '(begin (unwrap! (if true none (some true)) (err u9)))', 11003, 11002, 69],
  ['early_return_tests::native_special_asserts_cdeploy', '(begin (asserts! (is-eq 1 0) (err u0)) (ok u1))', 10803, 10802, 63],
  ['runtime_analysis_tests::runtime_check_error_kind_name_already_used_cdeploy', '(define-private (ft-get-supply) 1)', 8785, 8785, 41],
  ['runtime_analysis_tests::runtime_check_error_kind_type_value_error_cdeploy', '(principal-of? (unwrap-panic (as-max-len? 0x u33)))', 11778, 11777, 61],
];


/** Larger deploys from the same snapshots (epoch 3.3): [reference test, source, runtime C1, runtime C2-4, cost fields]. */
const GENERATED_DEPLOYS: readonly [string, string, number, number, { read_count: number; read_length: number; write_count: number; write_length: number }][] = [
  ['runtime_analysis_tests::runtime_check_error_memory_balance_exceeded_cdeploy', "(define-constant buff-0 0x00)\n(define-constant buff-1 (concat buff-0 buff-0))\n(define-constant buff-2 (concat buff-1 buff-1))\n(define-constant buff-3 (concat buff-2 buff-2))\n(define-constant buff-4 (concat buff-3 buff-3))\n(define-constant buff-5 (concat buff-4 buff-4))\n(define-constant buff-6 (concat buff-5 buff-5))\n(define-constant buff-7 (concat buff-6 buff-6))\n(define-constant buff-8 (concat buff-7 buff-7))\n(define-constant buff-9 (concat buff-8 buff-8))\n(define-constant buff-10 (concat buff-9 buff-9))\n(define-constant buff-11 (concat buff-10 buff-10))\n(define-constant buff-12 (concat buff-11 buff-11))\n(define-constant buff-13 (concat buff-12 buff-12))\n(define-constant buff-14 (concat buff-13 buff-13))\n(define-constant buff-15 (concat buff-14 buff-14))\n(define-constant buff-16 (concat buff-15 buff-15))\n(define-constant buff-17 (concat buff-16 buff-16))\n(define-constant buff-18 (concat buff-17 buff-17))\n(define-constant buff-19 (concat buff-18 buff-18))\n(define-constant buff-20 (concat buff-19 buff-19))\n(is-eq buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 buff-20 )", 279102966, 279102966, { read_count: 1, read_length: 1, write_count: 2, write_length: 2077 }],
  ['runtime_analysis_tests::runtime_check_error_kind_type_signature_too_deep_cdeploy', "(define-map deep { key: uint } { data: (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional (optional uint)))))))))))))))))))))))))))))) })\n            (define-constant deep-value\n                (let (\n                    (v0 u0)\n            (v1 (some v0))\n            (v2 (some v1))\n            (v3 (some v2))\n            (v4 (some v3))\n            (v5 (some v4))\n            (v6 (some v5))\n            (v7 (some v6))\n            (v8 (some v7))\n            (v9 (some v8))\n            (v10 (some v9))\n            (v11 (some v10))\n            (v12 (some v11))\n            (v13 (some v12))\n            (v14 (some v13))\n            (v15 (some v14))\n            (v16 (some v15))\n            (v17 (some v16))\n            (v18 (some v17))\n            (v19 (some v18))\n            (v20 (some v19))\n            (v21 (some v20))\n            (v22 (some v21))\n            (v23 (some v22))\n            (v24 (some v23))\n            (v25 (some v24))\n            (v26 (some v25))\n            (v27 (some v26))\n            (v28 (some v27))\n            (v29 (some v28))\n            (v30 (some v29))\n                )\n                    v30))\n            (begin\n                (map-insert deep (tuple (key u0)) (tuple (data deep-value)))\n                u0)", 95289, 95289, { read_count: 2, read_length: 1, write_count: 4, write_length: 1963 }],
  ['runtime_analysis_tests::runtime_check_error_kind_value_too_large_cdeploy', "\n        (define-private (make-buff-256)\n            (let ((b16 0x00112233445566778899aabbccddeeff)\n                  (b32 (concat b16 b16))\n                  (b64 (concat b32 b32))\n                  (b128 (concat b64 b64))\n                  (b256 (concat b128 b128)))\n              b256))\n\n        (define-private (make-buff-4096)\n            (let ((b256 (make-buff-256))\n                  (b512 (concat b256 b256))\n                  (b1024 (concat b512 b512))\n                  (b2048 (concat b1024 b1024))\n                  (b4096 (concat b2048 b2048)))\n              b4096))\n\n        (define-private (make-buff-65536)\n            (let ((b4096 (make-buff-4096))\n                  (b8192 (concat b4096 b4096))\n                  (b16384 (concat b8192 b8192))\n                  (b32768 (concat b16384 b16384))\n                  (b65536 (concat b32768 b32768)))\n              b65536))\n\n        (define-private (make-buff-1048576)\n            (let ((b65536 (make-buff-65536))\n                  (b131072 (concat b65536 b65536))\n                  (b262144 (concat b131072 b131072))\n                  (b524288 (concat b262144 b262144))\n                  (b1048576 (concat b524288 b524288)))\n              b1048576))\n\n        (begin\n            (unwrap-panic (as-max-len? (make-buff-1048576) u1048576))\n            u0)\n    ", 84104599, 84104599, { read_count: 1, read_length: 1, write_count: 2, write_length: 1472 }],
  ['runtime_tests::stack_depth_too_deep_call_chain_cdeploy', "(define-private (foo-0 (x int)) (+ 1 x))\n(define-private (foo-1 (x int)) (foo-0 (+ 1 x)))\n(define-private (foo-2 (x int)) (foo-1 (+ 1 x)))\n(define-private (foo-3 (x int)) (foo-2 (+ 1 x)))\n(define-private (foo-4 (x int)) (foo-3 (+ 1 x)))\n(define-private (foo-5 (x int)) (foo-4 (+ 1 x)))\n(define-private (foo-6 (x int)) (foo-5 (+ 1 x)))\n(define-private (foo-7 (x int)) (foo-6 (+ 1 x)))\n(define-private (foo-8 (x int)) (foo-7 (+ 1 x)))\n(define-private (foo-9 (x int)) (foo-8 (+ 1 x)))\n(define-private (foo-10 (x int)) (foo-9 (+ 1 x)))\n(define-private (foo-11 (x int)) (foo-10 (+ 1 x)))\n(define-private (foo-12 (x int)) (foo-11 (+ 1 x)))\n(define-private (foo-13 (x int)) (foo-12 (+ 1 x)))\n(define-private (foo-14 (x int)) (foo-13 (+ 1 x)))\n(define-private (foo-15 (x int)) (foo-14 (+ 1 x)))\n(define-private (foo-16 (x int)) (foo-15 (+ 1 x)))\n(define-private (foo-17 (x int)) (foo-16 (+ 1 x)))\n(define-private (foo-18 (x int)) (foo-17 (+ 1 x)))\n(define-private (foo-19 (x int)) (foo-18 (+ 1 x)))\n(define-private (foo-20 (x int)) (foo-19 (+ 1 x)))\n(define-private (foo-21 (x int)) (foo-20 (+ 1 x)))\n(define-private (foo-22 (x int)) (foo-21 (+ 1 x)))\n(define-private (foo-23 (x int)) (foo-22 (+ 1 x)))\n(define-private (foo-24 (x int)) (foo-23 (+ 1 x)))\n(define-private (foo-25 (x int)) (foo-24 (+ 1 x)))\n(define-private (foo-26 (x int)) (foo-25 (+ 1 x)))\n(define-private (foo-27 (x int)) (foo-26 (+ 1 x)))\n(define-private (foo-28 (x int)) (foo-27 (+ 1 x)))\n(define-private (foo-29 (x int)) (foo-28 (+ 1 x)))\n(define-private (foo-30 (x int)) (foo-29 (+ 1 x)))\n(define-private (foo-31 (x int)) (foo-30 (+ 1 x)))\n(define-private (foo-32 (x int)) (foo-31 (+ 1 x)))\n(define-private (foo-33 (x int)) (foo-32 (+ 1 x)))\n(define-private (foo-34 (x int)) (foo-33 (+ 1 x)))\n(define-private (foo-35 (x int)) (foo-34 (+ 1 x)))\n(define-private (foo-36 (x int)) (foo-35 (+ 1 x)))\n(define-private (foo-37 (x int)) (foo-36 (+ 1 x)))\n(define-private (foo-38 (x int)) (foo-37 (+ 1 x)))\n(define-private (foo-39 (x int)) (foo-38 (+ 1 x)))\n(define-private (foo-40 (x int)) (foo-39 (+ 1 x)))\n(define-private (foo-41 (x int)) (foo-40 (+ 1 x)))\n(define-private (foo-42 (x int)) (foo-41 (+ 1 x)))\n(define-private (foo-43 (x int)) (foo-42 (+ 1 x)))\n(define-private (foo-44 (x int)) (foo-43 (+ 1 x)))\n(define-private (foo-45 (x int)) (foo-44 (+ 1 x)))\n(define-private (foo-46 (x int)) (foo-45 (+ 1 x)))\n(define-private (foo-47 (x int)) (foo-46 (+ 1 x)))\n(define-private (foo-48 (x int)) (foo-47 (+ 1 x)))\n(define-private (foo-49 (x int)) (foo-48 (+ 1 x)))\n(define-private (foo-50 (x int)) (foo-49 (+ 1 x)))\n(define-private (foo-51 (x int)) (foo-50 (+ 1 x)))\n(define-private (foo-52 (x int)) (foo-51 (+ 1 x)))\n(define-private (foo-53 (x int)) (foo-52 (+ 1 x)))\n(define-private (foo-54 (x int)) (foo-53 (+ 1 x)))\n(define-private (foo-55 (x int)) (foo-54 (+ 1 x)))\n(define-private (foo-56 (x int)) (foo-55 (+ 1 x)))\n(define-private (foo-57 (x int)) (foo-56 (+ 1 x)))\n(define-private (foo-58 (x int)) (foo-57 (+ 1 x)))\n(define-private (foo-59 (x int)) (foo-58 (+ 1 x)))\n(define-private (foo-60 (x int)) (foo-59 (+ 1 x)))\n(define-private (foo-61 (x int)) (foo-60 (+ 1 x)))\n(define-private (foo-62 (x int)) (foo-61 (+ 1 x)))\n(define-private (foo-63 (x int)) (foo-62 (+ 1 x)))\n(foo-63 1)", 203377, 203313, { read_count: 1, read_length: 1, write_count: 2, write_length: 4080 }],
];

/**
 * Deploys on top of setup contracts (same snapshots, epoch 3.3): [test, setup [name, source][],
 * source, {version: cost}]. Not here: `runtime_check_error_kind_union_type_value_error_cdeploy`,
 * whose difference is not a cost but a run-time rule (the reference's `to-ascii?` rejects a
 * trait-typed callable argument with UnionTypeValueError; this interpreter converts it).
 */
const WITH_SETUP: readonly [string, readonly (readonly [string, string])[], string, Readonly<Record<number, { runtime: number; read_count: number; read_length: number; write_count: number; write_length: number }>>][] = [
  [
    'runtime_analysis_tests::runtime_check_error_kind_contract_call_expect_name_cdeploy',
    [["contract-1", "(define-trait simple-trait (\n            (ping () (response bool uint))))"], ["contract-2", "(impl-trait .contract-1.simple-trait)\n         (define-public (ping)\n            (ok true))"]],
    "\n            (use-trait simple-trait .contract-1.simple-trait)\n\n            ;; Evaluated during initialization; runtime cannot resolve the callable.\n            (define-constant default-target .contract-2)\n\n            (contract-call? default-target ping)",
    { 2: { runtime: 19904, read_count: 3, read_length: 9, write_count: 2, write_length: 273 }, 3: { runtime: 19904, read_count: 3, read_length: 9, write_count: 2, write_length: 273 }, 4: { runtime: 19904, read_count: 3, read_length: 9, write_count: 2, write_length: 273 } },
  ],
  [
    'runtime_analysis_tests::runtime_check_error_kind_list_types_must_match_cdeploy',
    [["contract-1", "\n(define-trait trait-a (\n    (ping () (response bool uint))))\n\n(define-trait trait-b (\n    (pong () (response bool uint))))"], ["contract-2", "\n;; Implements both trait interfaces defined in contract-3 and exposes a\n;; helper that returns a list mixing the two callable types.\n\n(use-trait trait-a .contract-1.trait-a)\n(use-trait trait-b .contract-1.trait-b)\n\n(impl-trait .contract-1.trait-a)\n(impl-trait .contract-1.trait-b)\n\n(define-public (ping)\n    (ok true))\n\n(define-public (pong)\n    (ok true))\n\n(define-public (make-callables (first <trait-a>) (second <trait-b>))\n    ;; Returning mixedgenous callable references forces the runtime to\n    ;; sanitize a `ListUnionType` value.\n    (ok (list first second)))"]],
    "\n;; Contract under test: during initialization it defines a constant list that\n;; mixes callable references to two distinct traits. That at runtime triggers a\n;; `ListTypesMustMatch` error.\n\n(use-trait trait-a .contract-1.trait-a)\n(use-trait trait-b .contract-1.trait-b)\n\n(define-private (as-trait-a (target <trait-a>)) target)\n(define-private (as-trait-b (target <trait-b>)) target)\n\n(define-constant mixed-callables\n    (list\n        (as-trait-a .contract-2)\n        (as-trait-b .contract-2)))\n\n(define-public (noop)\n    (ok u0))\n",
    { 1: { runtime: 36124, read_count: 3, read_length: 9, write_count: 2, write_length: 584 }, 2: { runtime: 43668, read_count: 5, read_length: 17, write_count: 2, write_length: 584 }, 3: { runtime: 43668, read_count: 5, read_length: 17, write_count: 2, write_length: 584 }, 4: { runtime: 43668, read_count: 5, read_length: 17, write_count: 2, write_length: 584 } },
  ],
  [
    'runtime_analysis_tests::runtime_check_error_kind_expected_contract_principal_value_cdeploy',
    [],
    "\n            (define-constant trigger-error\n                (as-contract?\n                    ((with-ft tx-sender \"token\" u0))\n                    true))",
    { 4: { runtime: 15231, read_count: 1, read_length: 1, write_count: 2, write_length: 167 } },
  ],
];

/**
 * The contract deploys of the same snapshots' `_ccall` tests (epoch 3.3): [reference test, source,
 * {Clarity version: cost}]. Generated from the snapshot files; the sources are the tests' literals.
 */
const CCALL_DEPLOYS: readonly [string, string, Readonly<Record<number, { runtime: number; read_count: number; read_length: number; write_count: number; write_length: number }>>][] = [
  [
    "runtime_tests::arithmetic_overflow_pow_ccall",
    "\n(define-public (trigger-overflow-pow)\n  (ok (pow 2 128))\n)",
    { 1: { runtime: 10231, read_count: 1, read_length: 1, write_count: 2, write_length: 71 }, 2: { runtime: 10231, read_count: 1, read_length: 1, write_count: 2, write_length: 71 }, 3: { runtime: 10231, read_count: 1, read_length: 1, write_count: 2, write_length: 71 }, 4: { runtime: 10231, read_count: 1, read_length: 1, write_count: 2, write_length: 71 } },
  ],
  [
    "runtime_tests::to_uint_underflow_ccall",
    "\n(define-read-only (trigger-underflow)\n  (to-uint -10)\n)",
    { 1: { runtime: 9966, read_count: 1, read_length: 1, write_count: 2, write_length: 65 }, 2: { runtime: 9966, read_count: 1, read_length: 1, write_count: 2, write_length: 65 }, 3: { runtime: 9966, read_count: 1, read_length: 1, write_count: 2, write_length: 65 }, 4: { runtime: 9966, read_count: 1, read_length: 1, write_count: 2, write_length: 65 } },
  ],
  [
    "runtime_tests::sub_underflow_ccall",
    "\n(define-read-only (trigger-underflow)\n  (- u10 u11)\n)",
    { 1: { runtime: 10017, read_count: 1, read_length: 1, write_count: 2, write_length: 64 }, 2: { runtime: 10017, read_count: 1, read_length: 1, write_count: 2, write_length: 64 }, 3: { runtime: 10017, read_count: 1, read_length: 1, write_count: 2, write_length: 64 }, 4: { runtime: 10017, read_count: 1, read_length: 1, write_count: 2, write_length: 64 } },
  ],
  [
    "runtime_tests::sub_arg_len_underflow_ccall",
    "\n(define-read-only (trigger)\n  (- u5))\n",
    { 1: { runtime: 9320, read_count: 1, read_length: 1, write_count: 2, write_length: 48 }, 2: { runtime: 9320, read_count: 1, read_length: 1, write_count: 2, write_length: 48 }, 3: { runtime: 9320, read_count: 1, read_length: 1, write_count: 2, write_length: 48 }, 4: { runtime: 9320, read_count: 1, read_length: 1, write_count: 2, write_length: 48 } },
  ],
  [
    "runtime_tests::division_by_zero_mod_ccall",
    "\n(define-read-only (trigger)\n  (mod 10 0)\n)",
    { 1: { runtime: 9599, read_count: 1, read_length: 1, write_count: 2, write_length: 53 }, 2: { runtime: 9599, read_count: 1, read_length: 1, write_count: 2, write_length: 53 }, 3: { runtime: 9599, read_count: 1, read_length: 1, write_count: 2, write_length: 53 }, 4: { runtime: 9599, read_count: 1, read_length: 1, write_count: 2, write_length: 53 } },
  ],
  [
    "runtime_tests::division_by_zero_ccall",
    "\n(define-read-only (trigger)\n  (/ 10 0)\n)",
    { 1: { runtime: 9523, read_count: 1, read_length: 1, write_count: 2, write_length: 51 }, 2: { runtime: 9523, read_count: 1, read_length: 1, write_count: 2, write_length: 51 }, 3: { runtime: 9523, read_count: 1, read_length: 1, write_count: 2, write_length: 51 }, 4: { runtime: 9523, read_count: 1, read_length: 1, write_count: 2, write_length: 51 } },
  ],
  [
    "runtime_tests::arithmetic_sqrti_neg_ccall",
    "\n(define-read-only (trigger)\n  (sqrti -1)\n)",
    { 1: { runtime: 9472, read_count: 1, read_length: 1, write_count: 2, write_length: 52 }, 2: { runtime: 9472, read_count: 1, read_length: 1, write_count: 2, write_length: 52 }, 3: { runtime: 9472, read_count: 1, read_length: 1, write_count: 2, write_length: 52 }, 4: { runtime: 9472, read_count: 1, read_length: 1, write_count: 2, write_length: 52 } },
  ],
  [
    "runtime_tests::arithmetic_log2_neg_ccall",
    "\n(define-read-only (trigger)\n  (log2 -8)\n)",
    { 1: { runtime: 9434, read_count: 1, read_length: 1, write_count: 2, write_length: 51 }, 2: { runtime: 9434, read_count: 1, read_length: 1, write_count: 2, write_length: 51 }, 3: { runtime: 9434, read_count: 1, read_length: 1, write_count: 2, write_length: 51 }, 4: { runtime: 9434, read_count: 1, read_length: 1, write_count: 2, write_length: 51 } },
  ],
  [
    "runtime_tests::arithmetic_pow_neg_ccall",
    "\n(define-read-only (trigger)\n  (pow 2 (- 1))\n)",
    { 1: { runtime: 9842, read_count: 1, read_length: 1, write_count: 2, write_length: 58 }, 2: { runtime: 9842, read_count: 1, read_length: 1, write_count: 2, write_length: 58 }, 3: { runtime: 9842, read_count: 1, read_length: 1, write_count: 2, write_length: 58 }, 4: { runtime: 9842, read_count: 1, read_length: 1, write_count: 2, write_length: 58 } },
  ],
  [
    "early_return_tests::native_try_ret_err_ccall",
    "\n            (define-public (trigger (resp (response uint uint)))\n                (begin\n                    (try! resp)\n                    (ok u1)\n                )\n            )\n        ",
    { 1: { runtime: 15360, read_count: 1, read_length: 1, write_count: 2, write_length: 209 }, 2: { runtime: 15360, read_count: 1, read_length: 1, write_count: 2, write_length: 209 }, 3: { runtime: 15360, read_count: 1, read_length: 1, write_count: 2, write_length: 209 }, 4: { runtime: 15360, read_count: 1, read_length: 1, write_count: 2, write_length: 209 } },
  ],
  [
    "early_return_tests::native_try_ret_none_ccall",
    "\n            (define-read-only (trigger-ro (opt (optional bool)))\n                (begin\n                    (try! opt)\n                    (some true)\n                )\n            )\n            (define-public (trigger (opt (optional bool)))\n                (match (trigger-ro opt)\n                    value\n                    (ok u1)\n                    (err u404)\n                )\n            )\n        ",
    { 1: { runtime: 24793, read_count: 1, read_length: 1, write_count: 2, write_length: 448 }, 2: { runtime: 24792, read_count: 1, read_length: 1, write_count: 2, write_length: 448 }, 3: { runtime: 24792, read_count: 1, read_length: 1, write_count: 2, write_length: 448 }, 4: { runtime: 24792, read_count: 1, read_length: 1, write_count: 2, write_length: 448 } },
  ],
  [
    "early_return_tests::native_unwrap_err_or_ret_ccall",
    "\n            (define-public (trigger)\n                (begin\n                    (unwrap-err! (if true (ok u3) (err u1)) (err u9))\n                    (ok u1)\n                )\n            )\n        ",
    { 1: { runtime: 16275, read_count: 1, read_length: 1, write_count: 2, write_length: 224 }, 2: { runtime: 16274, read_count: 1, read_length: 1, write_count: 2, write_length: 224 }, 3: { runtime: 16274, read_count: 1, read_length: 1, write_count: 2, write_length: 224 }, 4: { runtime: 16274, read_count: 1, read_length: 1, write_count: 2, write_length: 224 } },
  ],
  [
    "early_return_tests::native_unwrap_or_ret_none_ccall",
    "\n            (define-public (trigger (opt (optional bool)))\n                (begin\n                    (unwrap! opt (err false))\n                    (ok true)\n                )\n            )\n        ",
    { 1: { runtime: 15797, read_count: 1, read_length: 1, write_count: 2, write_length: 221 }, 2: { runtime: 15797, read_count: 1, read_length: 1, write_count: 2, write_length: 221 }, 3: { runtime: 15797, read_count: 1, read_length: 1, write_count: 2, write_length: 221 }, 4: { runtime: 15797, read_count: 1, read_length: 1, write_count: 2, write_length: 221 } },
  ],
  [
    "early_return_tests::native_special_asserts_ccall",
    "(define-public (trigger) (begin (asserts! false (err u0)) (ok u1)))",
    { 1: { runtime: 10828, read_count: 1, read_length: 1, write_count: 2, write_length: 84 }, 2: { runtime: 10827, read_count: 1, read_length: 1, write_count: 2, write_length: 84 }, 3: { runtime: 10827, read_count: 1, read_length: 1, write_count: 2, write_length: 84 }, 4: { runtime: 10827, read_count: 1, read_length: 1, write_count: 2, write_length: 84 } },
  ],
  [
    "runtime_analysis_tests::runtime_check_error_kind_no_such_public_function_ccall",
    "(define-private (get-one) (ok u1))",
    { 1: { runtime: 9025, read_count: 1, read_length: 1, write_count: 2, write_length: 43 }, 2: { runtime: 9025, read_count: 1, read_length: 1, write_count: 2, write_length: 43 }, 3: { runtime: 9025, read_count: 1, read_length: 1, write_count: 2, write_length: 43 }, 4: { runtime: 9025, read_count: 1, read_length: 1, write_count: 2, write_length: 43 } },
  ],
  [
    "runtime_analysis_tests::runtime_check_error_kind_name_already_used_ccall",
    "\n        (define-public (trigger-error)\n            (let ((ft-get-supply u0))\n                (ok ft-get-supply)))",
    { 1: { runtime: 12202, read_count: 1, read_length: 1, write_count: 2, write_length: 129 }, 2: { runtime: 12202, read_count: 1, read_length: 1, write_count: 2, write_length: 129 }, 3: { runtime: 12202, read_count: 1, read_length: 1, write_count: 2, write_length: 129 }, 4: { runtime: 12202, read_count: 1, read_length: 1, write_count: 2, write_length: 129 } },
  ],
  [
    "runtime_analysis_tests::runtime_check_error_kind_value_too_large_ccall",
    "\n        (define-private (make-buff-256)\n            (let ((b16 0x00112233445566778899aabbccddeeff)\n                  (b32 (concat b16 b16))\n                  (b64 (concat b32 b32))\n                  (b128 (concat b64 b64))\n                  (b256 (concat b128 b128)))\n              b256))\n\n        (define-private (make-buff-4096)\n            (let ((b256 (make-buff-256))\n                  (b512 (concat b256 b256))\n                  (b1024 (concat b512 b512))\n                  (b2048 (concat b1024 b1024))\n                  (b4096 (concat b2048 b2048)))\n              b4096))\n\n        (define-private (make-buff-65536)\n            (let ((b4096 (make-buff-4096))\n                  (b8192 (concat b4096 b4096))\n                  (b16384 (concat b8192 b8192))\n                  (b32768 (concat b16384 b16384))\n                  (b65536 (concat b32768 b32768)))\n              b65536))\n\n        (define-private (make-buff-1048576)\n            (let ((b65536 (make-buff-65536))\n                  (b131072 (concat b65536 b65536))\n                  (b262144 (concat b131072 b131072))\n                  (b524288 (concat b262144 b262144))\n                  (b1048576 (concat b524288 b524288)))\n              b1048576))\n\n        (define-public (trigger-error)\n            (ok (begin\n                (unwrap-panic (as-max-len? (make-buff-1048576) u1048576))\n                u0)))\n    ",
    { 1: { runtime: 74570, read_count: 1, read_length: 1, write_count: 2, write_length: 1535 }, 2: { runtime: 74570, read_count: 1, read_length: 1, write_count: 2, write_length: 1535 }, 3: { runtime: 74570, read_count: 1, read_length: 1, write_count: 2, write_length: 1535 }, 4: { runtime: 74570, read_count: 1, read_length: 1, write_count: 2, write_length: 1535 } },
  ],
  [
    "runtime_analysis_tests::runtime_check_error_kind_type_value_error_ccall",
    "(define-public (trigger-error (x uint)) (ok true))",
    { 1: { runtime: 9659, read_count: 1, read_length: 1, write_count: 2, write_length: 62 }, 2: { runtime: 9659, read_count: 1, read_length: 1, write_count: 2, write_length: 62 }, 3: { runtime: 9659, read_count: 1, read_length: 1, write_count: 2, write_length: 62 }, 4: { runtime: 9659, read_count: 1, read_length: 1, write_count: 2, write_length: 62 } },
  ],
  [
    "runtime_analysis_tests::runtime_check_error_kind_expected_contract_principal_value_ccall",
    "\n            (define-public (trigger-error)\n                (as-contract?\n                    ((with-ft tx-sender \"token\" u0))\n                    true))",
    { 4: { runtime: 14420, read_count: 1, read_length: 1, write_count: 2, write_length: 168 } },
  ],
  [
    "runtime_analysis_tests::runtime_check_error_kind_undefined_function_ccall",
    "\n        (define-public (noop)\n            (ok true))",
    { 1: { runtime: 9762, read_count: 1, read_length: 1, write_count: 2, write_length: 62 }, 2: { runtime: 9762, read_count: 1, read_length: 1, write_count: 2, write_length: 62 }, 3: { runtime: 9762, read_count: 1, read_length: 1, write_count: 2, write_length: 62 }, 4: { runtime: 9762, read_count: 1, read_length: 1, write_count: 2, write_length: 62 } },
  ],
  [
    "runtime_analysis_tests::runtime_check_error_kind_incorrect_argument_count_ccall",
    "(define-public (trigger-error (x uint)) (ok true))",
    { 1: { runtime: 9659, read_count: 1, read_length: 1, write_count: 2, write_length: 62 }, 2: { runtime: 9659, read_count: 1, read_length: 1, write_count: 2, write_length: 62 }, 3: { runtime: 9659, read_count: 1, read_length: 1, write_count: 2, write_length: 62 }, 4: { runtime: 9659, read_count: 1, read_length: 1, write_count: 2, write_length: 62 } },
  ],
  [
    "runtime_analysis_tests::arithmetic_zero_n_log_n_ccall",
    "\n(define-read-only (trigger)\n  (from-consensus-buff? int 0x)\n)",
    { 2: { runtime: 10657, read_count: 1, read_length: 1, write_count: 2, write_length: 72 }, 3: { runtime: 10657, read_count: 1, read_length: 1, write_count: 2, write_length: 72 }, 4: { runtime: 10657, read_count: 1, read_length: 1, write_count: 2, write_length: 72 } },
  ],
];

/**
 * Deploys that the reference's static analysis (or parser) rejects in most versions, from the snapshots of
 * static_analysis_tests.rs and parse_tests.rs (3.3.0.0.6, epoch 3.3): the transaction is mined with
 * what was charged before the error. [reference test, source, {Clarity version: [runtime,
 * read_count, read_length, write_count, write_length]}]. Not here:
 * `static_check_error_write_attempted_in_read_only`, where the reference's read-only checker
 * reports the write before the type checker runs, and this checker (one pass) reports the
 * undefined map first, so the two stop at different points.
 */
const STATIC_FAILURES: readonly [string, string, Readonly<Record<number, readonly [number, number, number, number, number]>>][] = [
  ["static_analysis_tests::static_check_error_value_too_large", "(as-max-len? 0x01 u1048577)", { 1: [1024, 1, 1, 1, 5], 2: [1024, 1, 1, 1, 5], 3: [1024, 1, 1, 1, 5], 4: [1024, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_value_out_of_bounds", "(define-private (func (x (buff -12))) (len x))\n        (func 0x00)", { 1: [2200, 1, 1, 1, 16], 2: [2200, 1, 1, 1, 16], 3: [2200, 1, 1, 1, 16], 4: [2200, 1, 1, 1, 16] }],
  ["static_analysis_tests::static_check_error_expected_name", "(match (some 1) 2 (+ 1 1) (+ 3 4))", { 1: [1222, 1, 1, 1, 15], 2: [1222, 1, 1, 1, 15], 3: [1222, 1, 1, 1, 15], 4: [1222, 1, 1, 1, 15] }],
  ["static_analysis_tests::static_check_error_expected_response_type", "(unwrap-err! (some 2) 2)", { 1: [1065, 1, 1, 1, 7], 2: [1065, 1, 1, 1, 7], 3: [1065, 1, 1, 1, 7], 4: [1065, 1, 1, 1, 7] }],
  ["static_analysis_tests::static_check_error_could_not_determine_response_ok_type", "(unwrap! (err 3) 2)", { 1: [931, 1, 1, 1, 7], 2: [931, 1, 1, 1, 7], 3: [931, 1, 1, 1, 7], 4: [931, 1, 1, 1, 7] }],
  ["static_analysis_tests::static_check_error_could_not_determine_response_err_type", "(unwrap-err-panic (ok 3))", { 1: [966, 1, 1, 1, 6], 2: [966, 1, 1, 1, 6], 3: [966, 1, 1, 1, 6], 4: [966, 1, 1, 1, 6] }],
  ["static_analysis_tests::static_check_error_could_not_determine_match_types", "(match none inner-value (/ 1 0) (+ 1 8))", { 1: [1379, 1, 1, 1, 13], 2: [1379, 1, 1, 1, 13], 3: [1379, 1, 1, 1, 13], 4: [1379, 1, 1, 1, 13] }],
  ["static_analysis_tests::static_check_error_match_arms_must_match", "(match (some 1) inner-value (+ 1 inner-value) (> 1 28))", { 1: [2512, 1, 1, 1, 15], 2: [2512, 1, 1, 1, 15], 3: [2512, 1, 1, 1, 15], 4: [2512, 1, 1, 1, 15] }],
  ["static_analysis_tests::static_check_error_bad_match_option_syntax", "(match (some 1) inner-value (+ 1 inner-value))", { 1: [1538, 1, 1, 1, 11], 2: [1538, 1, 1, 1, 11], 3: [1538, 1, 1, 1, 11], 4: [1538, 1, 1, 1, 11] }],
  ["static_analysis_tests::static_check_error_bad_match_response_syntax", "(match (ok 1) inner-value (+ 1 inner-value))", { 1: [1485, 1, 1, 1, 11], 2: [1485, 1, 1, 1, 11], 3: [1485, 1, 1, 1, 11], 4: [1485, 1, 1, 1, 11] }],
  ["static_analysis_tests::static_check_error_requires_at_least_arguments", "(match)", { 1: [441, 1, 1, 1, 3], 2: [441, 1, 1, 1, 3], 3: [441, 1, 1, 1, 3], 4: [441, 1, 1, 1, 3] }],
  ["static_analysis_tests::static_check_error_requires_at_most_arguments", "(principal-construct? 0x22 0xfa6bf38ed557fe417333710d6033e9419391a320 \"foo\" \"bar\")", { 1: [2367, 0, 0, 0, 0], 2: [2474, 1, 1, 1, 7], 3: [2474, 1, 1, 1, 7], 4: [2474, 1, 1, 1, 7] }],
  ["static_analysis_tests::static_check_error_bad_match_input", "(match 1 ok-val (/ ok-val 0) err-val (+ err-val 7))", { 1: [1662, 1, 1, 1, 14], 2: [1662, 1, 1, 1, 14], 3: [1662, 1, 1, 1, 14], 4: [1662, 1, 1, 1, 14] }],
  ["static_analysis_tests::static_check_error_expected_optional_type", "(default-to 3 5)", { 1: [824, 1, 1, 1, 5], 2: [824, 1, 1, 1, 5], 3: [824, 1, 1, 1, 5], 4: [824, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_name_already_used", "\n        (define-constant foo 10)\n        (define-constant foo 20)", { 1: [2187, 1, 1, 1, 9], 2: [2187, 1, 1, 1, 9], 3: [2187, 1, 1, 1, 9], 4: [2187, 1, 1, 1, 9] }],
  ["static_analysis_tests::static_check_error_return_types_must_match", "\n        (define-map tokens { id: int } { balance: int })\n        (define-private (my-get-token-balance)\n            (let ((balance (unwrap!\n                              (get balance (map-get? tokens (tuple (id 0))))\n                              (err 1))))\n              (err false)))", { 1: [9463, 1, 1, 1, 42], 2: [9463, 1, 1, 1, 42], 3: [9463, 1, 1, 1, 42], 4: [9463, 1, 1, 1, 42] }],
  ["static_analysis_tests::static_check_error_type_error", "(define-data-var cursor int true)", { 1: [1288, 1, 1, 1, 6], 2: [1277, 1, 1, 1, 6], 3: [1277, 1, 1, 1, 6], 4: [1277, 1, 1, 1, 6] }],
  ["static_analysis_tests::static_check_error_define_variable_bad_signature", "(define-data-var cursor 0x00)", { 1: [936, 0, 0, 0, 0], 2: [936, 0, 0, 0, 0], 3: [936, 0, 0, 0, 0], 4: [936, 0, 0, 0, 0] }],
  ["static_analysis_tests::static_check_error_invalid_type_description", "(define-data-var cursor 0x00 true)", { 1: [1175, 1, 1, 1, 6], 2: [1175, 1, 1, 1, 6], 3: [1175, 1, 1, 1, 6], 4: [1175, 1, 1, 1, 6] }],
  ["static_analysis_tests::static_check_error_constructed_list_too_large", "\n        (define-data-var ints (list 65535 int) (list 0))\n        (define-public (trigger)\n            (let ((mapped (map sha512 (var-get ints))))\n                (ok mapped)\n            )\n        )", { 1: [7437, 1, 1, 1, 29], 2: [7436, 1, 1, 1, 29], 3: [7436, 1, 1, 1, 29], 4: [7436, 1, 1, 1, 29] }],
  ["static_analysis_tests::static_check_error_unknown_type_name", "\n        (define-public (trigger)\n            (ok (from-consensus-buff? foo 0x00)))", { 2: [2519, 1, 1, 1, 11], 3: [2519, 1, 1, 1, 11], 4: [2519, 1, 1, 1, 11] }],
  ["static_analysis_tests::static_check_error_public_function_must_return_response", "(define-public (non-response) true)", { 1: [1288, 1, 1, 1, 6], 2: [1288, 1, 1, 1, 6], 3: [1288, 1, 1, 1, 6], 4: [1288, 1, 1, 1, 6] }],
  ["static_analysis_tests::static_check_error_union_type_error", "(map - (list true false true false))", { 1: [1532, 1, 1, 1, 10], 2: [1532, 1, 1, 1, 10], 3: [1532, 1, 1, 1, 10], 4: [1532, 1, 1, 1, 10] }],
  ["static_analysis_tests::static_check_error_undefined_variable", "(+ x y z)", { 1: [517, 1, 1, 1, 6], 2: [517, 1, 1, 1, 6], 3: [517, 1, 1, 1, 6], 4: [517, 1, 1, 1, 6] }],
  ["static_analysis_tests::static_check_error_bad_map_type_definition", "(define-map lists { name: int } contents)", { 1: [1372, 1, 1, 1, 10], 2: [1372, 1, 1, 1, 10], 3: [1372, 1, 1, 1, 10], 4: [1372, 1, 1, 1, 10] }],
  ["static_analysis_tests::static_check_error_could_not_determine_type", "(index-of (list) none)", { 1: [1136, 1, 1, 1, 6], 2: [1124, 1, 1, 1, 6], 3: [1124, 1, 1, 1, 6], 4: [1124, 1, 1, 1, 6] }],
  ["static_analysis_tests::static_check_error_expected_sequence", "(index-of 3 \"a\")", { 1: [713, 1, 1, 1, 5], 2: [713, 1, 1, 1, 5], 3: [713, 1, 1, 1, 5], 4: [713, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_could_not_determine_serialization_type", "\n        (define-trait trait-a ((ping () (response bool bool))))\n        (define-trait trait-b ((pong () (response bool bool))))\n        (define-public (trigger (first <trait-a>) (second <trait-b>))\n            (ok (to-consensus-buff? (list first second))))", { 2: [7759, 1, 1, 1, 41], 3: [7759, 1, 1, 1, 41], 4: [7759, 1, 1, 1, 41] }],
  ["static_analysis_tests::static_check_error_illegal_or_unknown_function_application", "(map if (list 1 2 3 4 5))", { 1: [961, 1, 1, 1, 11], 2: [961, 1, 1, 1, 11], 3: [961, 1, 1, 1, 11], 4: [961, 1, 1, 1, 11] }],
  ["static_analysis_tests::static_check_error_unknown_function", "(ynot 1 2)", { 1: [423, 0, 0, 0, 0], 2: [423, 0, 0, 0, 0], 3: [423, 0, 0, 0, 0], 4: [423, 0, 0, 0, 0] }],
  ["static_analysis_tests::static_check_error_incorrect_argument_count", "(len (list 1) (list 1))", { 1: [885, 1, 1, 1, 9], 2: [885, 1, 1, 1, 9], 3: [885, 1, 1, 1, 9], 4: [885, 1, 1, 1, 9] }],
  ["static_analysis_tests::static_check_error_bad_let_syntax", "(let 1 2)", { 1: [396, 0, 0, 0, 0], 2: [396, 0, 0, 0, 0], 3: [396, 0, 0, 0, 0], 4: [396, 0, 0, 0, 0] }],
  ["static_analysis_tests::static_check_error_bad_syntax_binding", "(let ((1)) (+ 1 2))", { 1: [666, 0, 0, 0, 0], 2: [666, 0, 0, 0, 0], 3: [666, 0, 0, 0, 0], 4: [666, 0, 0, 0, 0] }],
  ["static_analysis_tests::static_check_error_expected_optional_or_response_type", "(try! 3)", { 1: [485, 1, 1, 1, 4], 2: [485, 1, 1, 1, 4], 3: [485, 1, 1, 1, 4], 4: [485, 1, 1, 1, 4] }],
  ["static_analysis_tests::static_check_error_define_trait_bad_signature", "(define-trait trait-1 ((get-1 uint uint)))", { 1: [1397, 1, 1, 1, 9], 2: [1397, 1, 1, 1, 9], 3: [1397, 1, 1, 1, 9], 4: [1397, 1, 1, 1, 9] }],
  ["static_analysis_tests::static_check_error_define_trait_duplicate_method", "\n        (define-trait double-method (\n            (foo (uint) (response uint uint))\n            (foo (bool) (response bool bool))\n        ))", { 1: [12905, 1, 1, 2, 163], 2: [4094, 1, 1, 1, 21], 3: [4094, 1, 1, 1, 21], 4: [4094, 1, 1, 1, 21] }],
  ["static_analysis_tests::static_check_error_unexpected_trait_or_field_reference", "(+ 1 'SZ2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQ9H6DPR.contract.field)", { 1: [1969, 1, 1, 1, 5], 2: [1969, 1, 1, 1, 5], 3: [1969, 1, 1, 1, 5], 4: [1969, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_incompatible_trait", "\n    (define-trait trait-1 (\n        (get-1 (uint) (response uint uint))\n    ))\n    (define-trait trait-2 (\n        (get-2 (uint) (response uint uint))\n    ))\n    (define-public (wrapped-get-2 (contract <trait-1>))\n        (internal-get-2 contract))\n    (define-public (internal-get-2 (contract <trait-2>))\n        (contract-call? contract get-2 u1))", { 1: [10728, 1, 1, 1, 47], 2: [10716, 1, 1, 1, 47], 3: [10716, 1, 1, 1, 47], 4: [10716, 1, 1, 1, 47] }],
  ["static_analysis_tests::static_check_error_reserved_word", "(define-private (block-height) true)", { 1: [8876, 1, 1, 2, 43], 2: [8876, 1, 1, 2, 43], 3: [1315, 1, 1, 1, 6], 4: [1315, 1, 1, 1, 6] }],
  ["static_analysis_tests::static_check_error_no_such_block_info_property", "(get-burn-block-info? none u1)", { 1: [963, 0, 0, 0, 0], 2: [1066, 1, 1, 1, 5], 3: [1066, 1, 1, 1, 5], 4: [1066, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_no_such_stacks_block_info_property", "(get-stacks-block-info? none u1)", { 1: [1017, 0, 0, 0, 0], 2: [1017, 0, 0, 0, 0], 3: [1120, 1, 1, 1, 5], 4: [1120, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_unchecked_intermediary_responses", "\n        (define-public (trigger)\n            (begin\n                (ok true)\n                (ok true)))", { 1: [3222, 1, 1, 1, 13], 2: [3222, 1, 1, 1, 13], 3: [3222, 1, 1, 1, 13], 4: [3222, 1, 1, 1, 13] }],
  ["static_analysis_tests::static_check_error_no_such_ft", "(ft-get-balance stackoos tx-sender)", { 1: [1201, 1, 1, 1, 5], 2: [1201, 1, 1, 1, 5], 3: [1201, 1, 1, 1, 5], 4: [1201, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_no_such_nft", "(nft-get-owner? stackoos \"abc\")", { 1: [1093, 1, 1, 1, 5], 2: [1093, 1, 1, 1, 5], 3: [1093, 1, 1, 1, 5], 4: [1093, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_define_nft_bad_signature", "(define-non-fungible-token stackaroos integer)", { 1: [1497, 1, 1, 1, 5], 2: [1497, 1, 1, 1, 5], 3: [1497, 1, 1, 1, 5], 4: [1497, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_bad_token_name", "(ft-get-balance u1234 tx-sender)", { 1: [1120, 1, 1, 1, 5], 2: [1120, 1, 1, 1, 5], 3: [1120, 1, 1, 1, 5], 4: [1120, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_empty_tuples_not_allowed", "\n            (define-private (set-cursor (value (tuple)))\n                value)", { 1: [2425, 1, 1, 1, 10], 2: [2425, 1, 1, 1, 10], 3: [2425, 1, 1, 1, 10], 4: [2425, 1, 1, 1, 10] }],
  ["static_analysis_tests::static_check_error_no_such_data_variable", "\n            (define-private (get-cursor)\n            (unwrap! (var-get cursor) 0))", { 1: [2510, 1, 1, 1, 11], 2: [2510, 1, 1, 1, 11], 3: [2510, 1, 1, 1, 11], 4: [2510, 1, 1, 1, 11] }],
  ["static_analysis_tests::static_check_error_non_function_application", "((lambda (x y) 1) 2 1)", { 1: [747, 0, 0, 0, 0], 2: [747, 0, 0, 0, 0], 3: [747, 0, 0, 0, 0], 4: [747, 0, 0, 0, 0] }],
  ["static_analysis_tests::static_check_error_expected_list_application", "(append 2 3)", { 1: [605, 1, 1, 1, 5], 2: [605, 1, 1, 1, 5], 3: [605, 1, 1, 1, 5], 4: [605, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_no_such_contract", "(contract-call? 'S1G2081040G2081040G2081040G208105NK8PE5.contract-name test! u1)", { 1: [2313, 0, 0, 0, 0], 2: [2313, 0, 0, 0, 0], 3: [2313, 0, 0, 0, 0], 4: [2313, 0, 0, 0, 0] }],
  ["static_analysis_tests::static_check_error_contract_call_expect_name", "(contract-call? 'S1G2081040G2081040G2081040G208105NK8PE5.contract-name u1)", { 1: [2151, 0, 0, 0, 0], 2: [2151, 0, 0, 0, 0], 3: [2151, 0, 0, 0, 0], 4: [2151, 0, 0, 0, 0] }],
  ["static_analysis_tests::static_check_error_expected_callable_type", "\n            (define-constant bad-contract u1)\n            (contract-call? bad-contract call-me)", { 1: [2927, 1, 1, 1, 9], 2: [2927, 1, 1, 1, 9], 3: [2927, 1, 1, 1, 9], 4: [2927, 1, 1, 1, 9] }],
  ["static_analysis_tests::static_check_error_default_types_must_match", "\n        (define-map tokens { id: int } { balance: int })\n        (default-to false (get balance (map-get? tokens (tuple (id 0)))))", { 1: [4991, 1, 1, 1, 28], 2: [4991, 1, 1, 1, 28], 3: [4991, 1, 1, 1, 28], 4: [4991, 1, 1, 1, 28] }],
  ["static_analysis_tests::static_check_error_if_arms_must_match", "(if true true 1)", { 1: [981, 1, 1, 1, 6], 2: [980, 1, 1, 1, 6], 3: [980, 1, 1, 1, 6], 4: [980, 1, 1, 1, 6] }],
  ["static_analysis_tests::static_check_error_expected_tuple", "(get field-0 (some 1))", { 1: [882, 1, 1, 1, 7], 2: [882, 1, 1, 1, 7], 3: [882, 1, 1, 1, 7], 4: [882, 1, 1, 1, 7] }],
  ["static_analysis_tests::static_check_error_no_such_tuple_field", "(get value (tuple (name 1)))", { 1: [1084, 1, 1, 1, 9], 2: [1084, 1, 1, 1, 9], 3: [1084, 1, 1, 1, 9], 4: [1084, 1, 1, 1, 9] }],
  ["static_analysis_tests::static_check_error_no_such_map", "(map-get? non-existent (tuple (name 1)))", { 1: [1406, 1, 1, 1, 9], 2: [1406, 1, 1, 1, 9], 3: [1406, 1, 1, 1, 9], 4: [1406, 1, 1, 1, 9] }],
  ["static_analysis_tests::static_check_error_bad_function_name", "(define-private (u1) u0)", { 1: [801, 0, 0, 0, 0], 2: [801, 0, 0, 0, 0], 3: [801, 0, 0, 0, 0], 4: [801, 0, 0, 0, 0] }],
  ["static_analysis_tests::static_check_error_define_function_bad_signature", "(define-private () 1)", { 1: [720, 0, 0, 0, 0], 2: [720, 0, 0, 0, 0], 3: [720, 0, 0, 0, 0], 4: [720, 0, 0, 0, 0] }],
  ["static_analysis_tests::static_check_error_bad_tuple_field_name", "(get u1 (tuple (foo u0)))", { 1: [939, 1, 1, 1, 9], 2: [939, 1, 1, 1, 9], 3: [939, 1, 1, 1, 9], 4: [939, 1, 1, 1, 9] }],
  ["static_analysis_tests::static_check_error_bad_map_name", "(map-get? u1 (tuple (id u0)))", { 1: [1047, 1, 1, 1, 9], 2: [1047, 1, 1, 1, 9], 3: [1047, 1, 1, 1, 9], 4: [1047, 1, 1, 1, 9] }],
  ["static_analysis_tests::static_check_error_get_block_info_expect_property_name", "(get-block-info? u1 u0)", { 1: [877, 1, 1, 1, 5], 2: [877, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_get_burn_block_info_expect_property_name", "(get-burn-block-info? u1 u0)", { 2: [1012, 1, 1, 1, 5], 3: [1012, 1, 1, 1, 5], 4: [1012, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_get_stacks_block_info_expect_property_name", "(get-stacks-block-info? u1 u0)", { 3: [1066, 1, 1, 1, 5], 4: [1066, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_get_tenure_info_expect_property_name", "(get-tenure-info? u1 u0)", { 3: [904, 1, 1, 1, 5], 4: [904, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_no_such_tenure_info_property", "(get-tenure-info? none u1)", { 3: [958, 1, 1, 1, 5], 4: [958, 1, 1, 1, 5] }],
  ["static_analysis_tests::static_check_error_trait_reference_unknown", "(+ 1 <kvstore>)", { 1: [558, 0, 0, 0, 0], 2: [558, 0, 0, 0, 0], 3: [558, 0, 0, 0, 0], 4: [558, 0, 0, 0, 0] }],
  ["static_analysis_tests::static_check_error_contract_of_expects_trait", "(contract-of u1)", { 1: [686, 1, 1, 1, 4], 2: [686, 1, 1, 1, 4], 3: [686, 1, 1, 1, 4], 4: [686, 1, 1, 1, 4] }],
  ["static_analysis_tests::static_check_error_trait_method_unknown", "\n        (define-trait trait-1 (\n            (get-1 (uint) (response uint uint))))\n        (define-public (wrapped-get-1 (contract <trait-1>))\n            (contract-call? contract get-2 u0))", { 1: [5648, 1, 1, 1, 25], 2: [5648, 1, 1, 1, 25], 3: [5648, 1, 1, 1, 25], 4: [5648, 1, 1, 1, 25] }],
  ["static_analysis_tests::static_check_error_at_block_closure_must_be_read_only", "\n        (define-data-var foo int 1)\n        (define-private (foo-bar)\n            (at-block (sha256 0)\n               (var-set foo 0)))", { 1: [3966, 0, 0, 0, 0], 2: [3966, 0, 0, 0, 0], 3: [3966, 0, 0, 0, 0], 4: [3966, 0, 0, 0, 0] }],
  ["static_analysis_tests::static_check_error_allowance_expr_not_allowed", "(with-stx u1)", { 4: [605, 1, 1, 1, 4] }],
  ["static_analysis_tests::static_check_error_expected_list_of_allowances", "(restrict-assets? tx-sender u1 true)", { 4: [1125, 0, 0, 0, 0] }],
  ["static_analysis_tests::static_check_error_expected_allowance_expr", "(restrict-assets? tx-sender ((not true)) true)", { 4: [1653, 1, 1, 1, 9] }],
  ["static_analysis_tests::static_check_error_with_all_allowance_not_allowed", "(restrict-assets? tx-sender ((with-all-assets-unsafe)) true)", { 4: [2029, 1, 1, 1, 8] }],
  ["static_analysis_tests::static_check_error_with_all_allowance_not_alone", "(as-contract? ((with-all-assets-unsafe) (with-stx u1000)) true)", { 4: [1977, 1, 1, 1, 10] }],
  ["static_analysis_tests::static_check_error_with_nft_expected_list_of_identifiers", "(restrict-assets? tx-sender ((with-nft tx-sender \"token-name\" tx-sender)) true)", { 4: [3293, 1, 1, 1, 11] }],
  ["static_analysis_tests::static_check_error_bad_tuple_construction", "(tuple (name 1) (name 2))", { 1: [1030, 1, 1, 1, 9], 2: [1030, 1, 1, 1, 9], 3: [1030, 1, 1, 1, 9], 4: [1030, 1, 1, 1, 9] }],
  ["parse_tests::principal_wrong_byte_length", "\n;; This literal decodes via c32 but has the wrong byte length\n(define-constant my-principal 'S162RK3CHJPCSSK6BM757FW)", { 1: [3267, 0, 0, 0, 0], 2: [3267, 0, 0, 0, 0], 3: [3267, 0, 0, 0, 0], 4: [3267, 0, 0, 0, 0] }],
];

describe('deploy costs', () => {
  for (const [name, source, c1, c2, wl] of SNAPSHOT_DEPLOYS) {
    it(name, async () => {
      for (const v of [1, 2, 3, 4] as const) {
        const r = await deployCost(source, '3.3', v);
        expect({ v, ...r.cost }).toEqual({ v, runtime: v === 1 ? c1 : c2, read_count: 1, read_length: 1, write_count: 2, write_length: wl });
      }
    });
  }

  for (const [name, source, c1, c2, rest] of GENERATED_DEPLOYS) {
    it(name, async () => {
      for (const v of [1, 2, 3, 4] as const) {
        const r = await deployCost(source, '3.3', v);
        expect({ v, ...r.cost }).toEqual({ v, runtime: v === 1 ? c1 : c2, ...rest });
      }
    });
  }

  for (const [name, setup, source, byVersion] of WITH_SETUP) {
    it(name, async () => {
      for (const [v, expected] of Object.entries(byVersion)) {
        const r = await deployCost(source, '3.3', Number(v) as ClarityVersion, 'contract-3', setup);
        expect({ v, ...r.cost }).toEqual({ v, ...expected });
      }
    });
  }

  for (const [name, source, byVersion] of CCALL_DEPLOYS) {
    it(`${name} (its deploy)`, async () => {
      for (const [v, expected] of Object.entries(byVersion)) {
        const r = await deployCost(source, '3.3', Number(v) as ClarityVersion);
        expect({ v, ...r.cost }).toEqual({ v, ...expected });
      }
    });
  }

  for (const [name, source, byVersion] of STATIC_FAILURES) {
    it(`${name} (analysis and parse snapshot)`, async () => {
      for (const [v, [runtime, readCount, readLength, writeCount, writeLength]] of Object.entries(byVersion)) {
        // Rejected, except where a version accepts it (duplicate trait methods in Clarity 1).
        const r = await deployCost(source, '3.3', Number(v) as ClarityVersion);
        expect({ v, ...r.cost }).toEqual({ v, runtime, read_count: readCount, read_length: readLength, write_count: writeCount, write_length: writeLength });
      }
    });
  }

  it('FOO_CONTRACT in every epoch (consensus.rs::test_successfully_deploy_and_call)', async () => {
    const expected = (runtime: number) => ({ runtime, read_count: 1, read_length: 1, write_count: 2, write_length: 121 });
    expect((await deployCost(FOO, '2.0', 1)).cost).toEqual(expected(1_175_000));
    expect((await deployCost(FOO, '2.05', 1)).cost).toEqual(expected(315_491));
    for (const epoch of ['2.1', '2.2', '2.3', '2.4', '2.5', '3.0', '3.1', '3.2']) {
      for (const v of [1, 2] as const) expect({ epoch, v, ...(await deployCost(FOO, epoch, v)).cost }).toEqual({ epoch, v, ...expected(11_968) });
    }
  });

  it('runtime_analysis_tests::runtime_check_error_cost_balance_exceeded_ccall (the deploy, 2.0 to 3.2)', async () => {
    const source = `\n        (define-data-var foo int 1)\n        (define-public (trigger-error)\n            (ok (begin\n                ${'(var-get foo)\n'.repeat(15_001)}\n                u0)))`;
    const expected = (runtime: number) => ({ runtime, read_count: 1, read_length: 1, write_count: 4, write_length: 255_187 });
    expect((await deployCost(source, '2.0', 1)).cost).toEqual(expected(2_446_730_000));
    expect((await deployCost(source, '2.05', 1)).cost).toEqual(expected(41_651_774));
    for (const epoch of ['2.1', '2.5', '3.2']) {
      expect({ epoch, ...(await deployCost(source, epoch, 1)).cost }).toEqual({ epoch, ...expected(10_440_985) });
      expect({ epoch, ...(await deployCost(source, epoch, 2)).cost }).toEqual({ epoch, ...expected(10_440_984) });
    }
  });

  it('runtime_analysis_tests::arithmetic_zero_n_log_n_cdeploy: the cost function error keeps what was charged', async () => {
    for (const epoch of ['2.1', '2.5', '3.0', '3.3']) {
      const r = await deployCost('(define-constant overflow (from-consensus-buff? int 0x))', epoch, 2);
      expect(r.error).toMatch(/CostComputationFailed/);
      expect({ epoch, ...r.cost }).toEqual({ epoch, runtime: 10_231, read_count: 1, read_length: 1, write_count: 2, write_length: 65 });
    }
  });

  it('the analysis share of FOO_CONTRACT is storage 128 + foo 91 + bar 119 (spec-costs.md 6.1)', async () => {
    const { analyzeContract } = await import('../../../src/analysis/index.ts');
    const { sortDefinitions } = await import('../../../src/analysis/sorter.ts');
    const { buildAst } = await import('../../../src/parser/build.ts');
    const ast = buildAst(FOO, { epoch: '3.3', clarityVersion: 2, sortDefinitions });
    const t = new TrackingCostTracker('Epoch33', false);
    analyzeContract(ast, { clarityVersion: 2, epoch: '3.3', costs: t, contracts: () => undefined });
    expect(costToJson(t.total)).toEqual({ runtime: 128 + 91 + 119, read_count: 1, read_length: 1, write_count: 1, write_length: 18 });
  });

  it('a deploy that fails analysis keeps the parse and analysis charges, and is not stored', async () => {
    const r = await deployCost('(define-public (f) (ok (+ 1 u1)))', '3.3', 2);
    expect(r.error).toMatch(/TypeError/);
    // Analysis storage only (wc 1); no contract storage.
    expect(r.cost.write_count).toBe(1);
    expect(r.cost.runtime).toBeGreaterThan(27 * 33 + 81 + 72);
    // Parse errors keep the parse charge.
    const p = await deployCost('(define-public (f) (ok 1)', '3.3', 2);
    expect(p.error).toMatch(/Parse/i);
    expect(p.cost).toEqual({ runtime: 27 * 25 + 81, read_count: 0, read_length: 0, write_count: 0, write_length: 0 });
  });

  it('static_analysis_tests::static_check_error_cost_balance_exceeded: the analysis runs over the block budget', async () => {
    const { loadBootContracts } = await import('../../conformance/boot-sources.ts');
    const analysis = await loadBootContracts().then(async (bootContracts) => ({ ...(await loadAnalysis()), bootContracts }));
    const call = "(contract-call? 'ST000000000000000000002AMW42H.costs-3 cost_analysis_type_check u0)\n";
    const source = `(define-read-only (trigger)\n  (begin\n${call.repeat(15_001)}true))`;
    const after = (runtime: number) => ({ runtime, read_count: 15_001, read_length: 1_020_001, write_count: 1, write_length: 75_013 });
    // Clarity 3 and 4 are as Clarity 2 in the snapshot; two versions keep the test short.
    for (const v of [1, 2] as const) {
      const chain = genesisChain('3.3', analysis);
      const id: ContractPrincipal = { type: 'contract', version: ME.version, hash160: ME.hash160, contractName: 'cost-balance-exceeded' };
      const t = new TrackingCostTracker('Epoch33', false);
      expect(() => deployContract(chain, id, source, v, ME, [], analysis, false, t)).toThrow(/CostBalanceExceeded/);
      // CostOverflowError(before = 0, after, limit) in the reference's snapshot.
      expect({ v, ...costToJson(t.total) }).toEqual({ v, ...after(v === 1 ? 135_183_501 : 135_168_502) });
    }
  });

  it('FOO_CONTRACT', async () => {
    expect(FOO.length).toBe(102);
    for (const v of [1, 2, 3, 4] as const) {
      const r = await deployCost(FOO, '3.3', v);
      expect(r.error).toBeUndefined();
      expect(r.cost).toEqual({ runtime: 11968, read_count: 1, read_length: 1, write_count: 2, write_length: 121 });
    }
  });
});
