import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '@stacks-ts/common';
import { clarityValueToRepr, parsePrincipal } from '@stacks-ts/codec';
import type { ClarityValue, StandardPrincipal } from '@stacks-ts/codec';
import { openMarfedKV } from '@stacks-ts/marf';
import { GENESIS_ACCOUNTS, loadAnalysis } from '../../../src/batch.ts';
import type { BatchOptions } from '../../../src/batch.ts';
import { ClarityChain } from '../../../src/chain/runtime.ts';
import type { TxReceipt } from '../../../src/chain/runtime.ts';

const DEPLOYER = parsePrincipal(GENESIS_ACCOUNTS.deployer) as StandardPrincipal;
const ALICE = parsePrincipal(GENESIS_ACCOUNTS.wallet_1) as StandardPrincipal;
const COUNTER = `${GENESIS_ACCOUNTS.deployer}.counter`;
const CALLER = `${GENESIS_ACCOUNTS.deployer}.caller`;

const COUNTER_SRC = `
(define-data-var counter uint u0)
(define-map ledger principal uint)
(define-fungible-token tok)
(define-non-fungible-token badge uint)
(define-constant owner tx-sender)
(define-public (incr (n uint))
  (begin (var-set counter (+ (var-get counter) n)) (map-set ledger tx-sender n) (print n) (ok (var-get counter))))
(define-public (incr-then-err (n uint))
  (begin (var-set counter (+ (var-get counter) n)) (print "dropped") (if (> n u0) (err u7) (ok n))))
(define-public (incr-assert (n uint))
  (begin (var-set counter (+ (var-get counter) n)) (asserts! (< n u10) (err u1)) (ok n)))
(define-public (incr-unwrap (n uint))
  (begin (var-set counter (+ (var-get counter) n)) (unwrap! (map-get? ledger owner) (err u2)) (ok n)))
(define-public (pay (amount uint) (to principal))
  (begin (var-set counter u999) (stx-transfer? amount tx-sender to)))
(define-public (boom)
  (begin (var-set counter u12345) (ok (/ u1 (- (var-get counter) u12345)))))
(define-public (mint (to principal))
  (begin (try! (ft-mint? tok u100 to)) (nft-mint? badge u1 to)))
(define-public (give (to principal))
  (begin (try! (ft-transfer? tok u40 tx-sender to)) (nft-transfer? badge u1 tx-sender to)))
(define-read-only (get-counter) (var-get counter))
(define-read-only (get-entry (who principal)) (map-get? ledger who))
(define-read-only (counter-at (id (buff 32))) (at-block id (var-get counter)))
(define-read-only (height) stacks-block-height)
(define-read-only (owner-of) owner)
`;

const CALLER_SRC = `
(define-data-var calls uint u0)
(define-public (call-incr (n uint))
  (begin (var-set calls (+ (var-get calls) u1)) (contract-call? .counter incr n)))
(define-public (call-err-caught (n uint))
  (begin (var-set calls (+ (var-get calls) u1))
    (match (contract-call? .counter incr-then-err n) v (ok v) e (ok e))))
(define-public (call-err-returned (n uint))
  (begin (var-set calls (+ (var-get calls) u1)) (contract-call? .counter incr-then-err n)))
(define-public (call-boom)
  (begin (var-set calls (+ (var-get calls) u1)) (contract-call? .counter boom)))
(define-read-only (get-calls) (var-get calls))
(define-public (counter-before (id (buff 32))) (ok (contract-call? .counter counter-at id)))
`;

const u = (n: number | bigint): ClarityValue => ({ type: 'uint', value: BigInt(n) });
const id = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const repr = (v: ClarityValue | null): string => (v === null ? 'null' : clarityValueToRepr(v));

function thrownCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return String((e as { code?: unknown }).code);
  }
  return 'no error';
}

function ok(r: TxReceipt): TxReceipt {
  if (!r.committed) throw new Error(`transaction failed: ${r.error?.message}`);
  return r;
}

describe('Clarity state in the MARF across blocks, forks, rollbacks and a restart', () => {
  let analysis: BatchOptions;
  let dir: string;
  beforeAll(async () => {
    analysis = await loadAnalysis();
    dir = mkdtempSync(join(tmpdir(), 'clarity-state-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function open() {
    const kv = openMarfedKV({ path: dir });
    const chain = new ClarityChain(kv, { epoch: '3.3', analysis });
    return { kv, chain, close: () => kv.close() };
  }

  // The steps share one chain on disk and run in order.
  let state: ReturnType<typeof open>;
  let chain: ClarityChain;
  const expected = [0];
  beforeAll(() => {
    state = open();
    chain = state.chain;
  });

  it('deploys in the first block; a duplicate deploy fails and leaves nothing behind', () => {
    chain.beginBlock(null, id(1));
    chain.mintStx(DEPLOYER, 1_000_000n);
    chain.mintStx(ALICE, 500n);
    ok(chain.deployContract(DEPLOYER, 'counter', COUNTER_SRC));
    ok(chain.deployContract(DEPLOYER, 'caller', CALLER_SRC));
    // A second deploy of the same name fails and leaves nothing behind.
    const dup = chain.deployContract(DEPLOYER, 'counter', '(define-data-var x int 1)');
    expect(dup.committed).toBe(false);
    expect(dup.error?.kind).toBe('static');
    chain.commitBlock();
    expect(chain.readOnlyCall(id(1), COUNTER, 'get-counter', [])).toEqual(u(0));
  });

  it('writes in blocks 1..5 and reads every value back at its tip', () => {
    let parent = id(1);
    for (let b = 2; b <= 6; b++) {
      chain.beginBlock(parent, id(b));
      const r = ok(chain.callFunction(ALICE, COUNTER, 'incr', [u(b)]));
      expected.push(expected[expected.length - 1]! + b);
      expect(repr(r.result)).toBe(`(ok u${expected[expected.length - 1]})`);
      expect(r.events.map((e) => e.event)).toEqual(['print_event']);
      chain.commitBlock();
      parent = id(b);
    }
    for (let b = 1; b <= 6; b++) {
      expect(chain.readOnlyCall(id(b), COUNTER, 'get-counter', [])).toEqual(u(expected[b - 1]!));
      expect(chain.readOnlyCall(id(b), COUNTER, 'height', [])).toEqual(u(b - 1));
    }
  });

  it('answers block info from the MARF chain', () => {
    // Block info comes from the MARF chain: the id-header-hash of height h is the block id at h on this fork.
    expect(chain.evalReadOnly(id(6), COUNTER, '(get-stacks-block-info? id-header-hash u2)')).toEqual({ type: 'optional', value: { type: 'buffer', value: id(3) } });
    expect(chain.evalReadOnly(id(6), COUNTER, '(get-stacks-block-info? id-header-hash u5)')).toEqual({ type: 'optional', value: null });
    expect(chain.evalReadOnly(id(6), COUNTER, '(get-stacks-block-info? time u1)')).toEqual({ type: 'optional', value: u(1_700_000_600) });
    expect(chain.evalReadOnly(id(6), COUNTER, 'stacks-block-time')).toEqual(u(1_700_000_000 + 5 * 600));
    expect(chain.evalReadOnly(id(6), COUNTER, '(list stacks-block-height tenure-height burn-block-height)')).toEqual({
      type: 'list',
      value: [u(5), u(5), u(5)],
    });
    expect(chain.evalReadOnly(id(6), COUNTER, '(at-block 0x' + bytesToHex(id(3)) + ' stacks-block-height)')).toEqual(u(2));
  });

  it("keeps a fork's writes and deploys off its siblings, and at-block reads the right ancestor", () => {
    // A fork off block 3 (height 2): siblings never see each other's writes.
    chain.beginBlock(id(3), id(33));
    ok(chain.callFunction(ALICE, COUNTER, 'incr', [u(1000)]));
    chain.commitBlock();
    expect(chain.readOnlyCall(id(33), COUNTER, 'get-counter', [])).toEqual(u(expected[2]! + 1000));
    expect(chain.readOnlyCall(id(4), COUNTER, 'get-counter', [])).toEqual(u(expected[3]!));

    // at-block reads the right ancestor, including the value before a later write on the same fork.
    expect(chain.readOnlyCall(id(6), COUNTER, 'counter-at', [{ type: 'buffer', value: id(2) }])).toEqual(u(expected[1]!));
    expect(chain.readOnlyCall(id(33), COUNTER, 'counter-at', [{ type: 'buffer', value: id(3) }])).toEqual(u(expected[2]!));
    expect(chain.evalReadOnly(id(6), COUNTER, `(at-block 0x${bytesToHex(id(4))} (var-get counter))`)).toEqual(u(expected[3]!));
    // and within a block being written, sees the ancestor, not the pending write.
    chain.beginBlock(id(6), id(7));
    ok(chain.callFunction(ALICE, COUNTER, 'incr', [u(1)]));
    const inBlock = ok(chain.callFunction(ALICE, CALLER, 'call-incr', [u(0)]));
    expect(repr(inBlock.result)).toBe(`(ok u${expected[5]! + 1})`);
    const before = ok(chain.callFunction(ALICE, CALLER, 'counter-before', [{ type: 'buffer', value: id(6) }]));
    expect(repr(before.result)).toBe(`(ok u${expected[5]!})`);
    // Read-only calls at committed tips work while the block is open, and leave it as it was.
    expect(chain.readOnlyCall(id(33), COUNTER, 'get-counter', [])).toEqual(u(expected[2]! + 1000));
    expect(repr(ok(chain.callFunction(ALICE, COUNTER, 'incr', [u(0)])).result)).toBe(`(ok u${expected[5]! + 1})`);
    chain.commitBlock();
    expected.push(expected[5]! + 1);
    // A sibling fork's block is not an ancestor: UnknownBlockHeaderHash.
    expect(thrownCode(() => chain.evalReadOnly(id(6), COUNTER, `(at-block 0x${bytesToHex(id(33))} (var-get counter))`))).toBe('UnknownBlockHeaderHash');
    // A contract deployed on one fork is absent on another.
    chain.beginBlock(id(33), id(34));
    ok(chain.deployContract(ALICE, 'only-here', '(define-read-only (f) u1)'));
    chain.commitBlock();
    expect(chain.readOnlyCall(id(34), `${GENESIS_ACCOUNTS.wallet_1}.only-here`, 'f', [])).toEqual(u(1));
    expect(thrownCode(() => chain.readOnlyCall(id(7), `${GENESIS_ACCOUNTS.wallet_1}.only-here`, 'f', []))).toBe('NoSuchContract');
  });

  it('rolls back each kind of nested failure', () => {
    const before = expected[expected.length - 1]!;
    chain.beginBlock(id(7), id(8));
    const counterNow = () => {
      const r = ok(chain.callFunction(ALICE, COUNTER, 'incr', [u(0)]));
      return repr(r.result);
    };
    // (1) contract-call? returning err, caught by the caller: callee's writes and events dropped, caller's kept.
    const caught = ok(chain.callFunction(ALICE, CALLER, 'call-err-caught', [u(5)]));
    expect(repr(caught.result)).toBe('(ok u7)');
    expect(caught.events).toEqual([]);
    expect(counterNow()).toBe(`(ok u${before})`);
    // (2) a public function returning err to the top: the transaction keeps nothing of the call.
    const returned = chain.callFunction(ALICE, CALLER, 'call-err-returned', [u(5)]);
    expect(returned.committed).toBe(true);
    expect(repr(returned.result)).toBe('(err u7)');
    expect(returned.events).toEqual([]);
    // (3) asserts! and unwrap! early exits: the function's writes are dropped.
    expect(repr(ok(chain.callFunction(ALICE, COUNTER, 'incr-assert', [u(50)])).result)).toBe('(err u1)');
    expect(repr(ok(chain.callFunction(ALICE, COUNTER, 'incr-unwrap', [u(50)])).result)).toBe('(err u2)');
    expect(counterNow()).toBe(`(ok u${before})`);
    // (4) a failed stx-transfer? (insufficient balance) returns err: the var-set is dropped.
    const pay = ok(chain.callFunction(ALICE, COUNTER, 'pay', [u(1_000_000_000), { type: 'principal', value: DEPLOYER }]));
    expect(repr(pay.result)).toBe('(err u1)');
    expect(counterNow()).toBe(`(ok u${before})`);
    // (5) a runtime error in a callee aborts the whole transaction, the caller's writes too.
    const boom = chain.callFunction(ALICE, CALLER, 'call-boom', []);
    expect(boom.committed).toBe(false);
    expect(boom.error?.kind).toBe('runtime');
    expect(boom.error?.message).toMatch(/DivisionByZero/);
    // (6) a top-level abort by the post-condition check drops everything, events included.
    const aborted = chain.callFunction(ALICE, COUNTER, 'incr', [u(100)], { abortIf: (r) => r.events.length > 0 });
    expect(aborted.committed).toBe(false);
    expect(counterNow()).toBe(`(ok u${before})`);
    // The caller's own counter: call-incr (block 7) and call-err-caught kept their writes; call-err-returned
    // returned err (its var-set rolled back with the callee's) and call-boom was aborted.
    chain.commitBlock();
    expect(chain.readOnlyCall(id(8), CALLER, 'get-calls', [])).toEqual(u(2));
  });

  it('returns the asset map and stores everything under the reference\'s keys', () => {
    // Assets: the asset map lists what each principal sent.
    chain.beginBlock(id(8), id(9));
    ok(chain.callFunction(ALICE, COUNTER, 'mint', [{ type: 'principal', value: ALICE }]));
    const give = ok(chain.callFunction(ALICE, COUNTER, 'give', [{ type: 'principal', value: DEPLOYER }]));
    expect(give.assets.tokens.get(GENESIS_ACCOUNTS.wallet_1)?.get(`${COUNTER}::tok`)).toBe(40n);
    expect(give.assets.assets.get(GENESIS_ACCOUNTS.wallet_1)?.get(`${COUNTER}::badge`)).toEqual([u(1)]);
    const paid = ok(chain.callFunction(ALICE, COUNTER, 'pay', [u(200), { type: 'principal', value: DEPLOYER }]));
    expect(paid.assets.stx.get(GENESIS_ACCOUNTS.wallet_1)).toBe(200n);
    chain.commitBlock();

    // The raw state under the reference's keys.
    const raw = (key: string) => {
      const v = state.kv.get(id(9), key);
      return v === null ? null : new TextDecoder().decode(v);
    };
    expect(raw(`vm::${COUNTER}::1::counter`)).toBe(`01${(999n).toString(16).padStart(32, '0')}`);
    expect(raw(`vm::${COUNTER}::3::tok`)).toBe('100');
    expect(raw(`vm-account::${GENESIS_ACCOUNTS.wallet_1}::19`)).toBe(`${(300n).toString(16).padStart(32, '0')}${'0'.repeat(48)}`);
    expect(raw(`vm::${COUNTER}::4::badge::${'01' + (1n).toString(16).padStart(32, '0')}`)).toMatch(/^0a05/);
    expect(raw(`clarity-contract::${COUNTER}`)).toMatch(/^[0-9a-f]{64}00000000$/);
    expect(raw('_stx-data::ustx_liquid_supply')).toBe(`01${(1_000_500n).toString(16).padStart(32, '0')}`);
    state.close();
  });

  it('reads the same state after a restart, and still calls and analyses the old contracts', () => {
    const again = open();
    expect(again.chain.readOnlyCall(id(9), COUNTER, 'get-counter', [])).toEqual(u(999));
    expect(again.chain.readOnlyCall(id(6), COUNTER, 'get-counter', [])).toEqual(u(expected[5]!));
    expect(repr(again.chain.readOnlyCall(id(9), COUNTER, 'get-entry', [{ type: 'principal', value: ALICE }]))).toBe('(some u0)');
    expect(again.chain.readOnlyCall(id(9), COUNTER, 'owner-of', [])).toEqual({ type: 'principal', value: DEPLOYER });
    // Contract metadata survives too: size, source, the definitions' entries, contract and analysis.
    again.chain.backend.openReadOnly(id(9));
    expect(again.chain.db.getMetadata(COUNTER, 'vm-metadata::9::contract-size')).toBe(String(new TextEncoder().encode(COUNTER_SRC).length));
    expect(again.chain.db.getMetadata(COUNTER, 'vm-metadata::9::contract-src')).toBe(COUNTER_SRC);
    expect(again.chain.db.getMetadata(COUNTER, 'vm-metadata::6::counter')).toBe('{"value_type":"UIntType"}');
    expect(again.chain.db.getMetadata(COUNTER, 'vm-metadata::5::ledger')).toBe('{"key_type":"PrincipalType","value_type":"UIntType"}');
    expect(again.chain.db.getMetadata(COUNTER, 'vm-metadata::7::tok')).toBe('{"total_supply":null}');
    expect(again.chain.db.getMetadata(COUNTER, 'vm-metadata::8::badge')).toBe('{"key_type":"UIntType"}');
    expect(again.chain.db.getMetadata(COUNTER, 'vm-metadata::9::contract-data-size')).toMatch(/^[1-9][0-9]*$/);
    // The `contract` and `analysis` entries are the reference's serde ContractContext and ContractAnalysis.
    const stored = JSON.parse(again.chain.db.getMetadata(COUNTER, 'vm-metadata::9::contract')!) as { functions: Record<string, { define_type: string }>; clarity_version: string };
    expect(stored.functions['incr']?.define_type).toBe('Public');
    expect(stored.clarity_version).toBe('Clarity4');
    const analysis = JSON.parse(again.chain.db.getMetadata(COUNTER, 'analysis')!) as {
      epoch: string;
      public_function_types: Record<string, unknown>;
      contract_interface: { functions: { name: string }[] };
    };
    expect(analysis.epoch).toBe('Epoch33');
    expect(Object.keys(analysis.public_function_types)).toContain('incr');
    expect(analysis.contract_interface.functions.map((f) => f.name)).toContain('incr');
    again.chain.beginBlock(id(9), id(10));
    ok(again.chain.callFunction(ALICE, CALLER, 'call-incr', [u(1)]));
    ok(again.chain.deployContract(ALICE, 'late', `(define-public (go) (contract-call? '${COUNTER} incr u2))`));
    const late = ok(again.chain.callFunction(ALICE, `${GENESIS_ACCOUNTS.wallet_1}.late`, 'go', []));
    expect(repr(late.result)).toBe('(ok u1002)');
    again.chain.commitBlock();
    again.close();
  });
});
