import { describe, expect, it } from 'vitest';
import { Cl, clarityValueToRepr, decodeClarityValue } from '@stacks-ts/codec';
import { hexToBytes } from '@stacks-ts/common';
import { genesisChain, runBatchSync, runCase } from '../../../src/batch.ts';
import type { BatchCase, BatchResult } from '../../../src/batch.ts';
import type { ChainState } from '../../../src/eval/context.ts';
import { MemoryBackend } from '../../../src/db/kv.ts';
import { ClarityDB } from '../../../src/db/clarity-db.ts';
import { parseTypeExpression } from '../../../src/eval/types.ts';
import { parseProgram } from '../../../src/parser/build.ts';

// These tests run the evaluator without the static analysis, so they see runtime behaviour only.

function run(expr: string, opts: Partial<BatchCase> = {}, chain?: ChainState): BatchResult {
  const c: BatchCase = { id: 't', expr, epoch: '3.3', clarity_version: 4, ...opts };
  return runCase(c, chain ?? genesisChain(String(c.epoch)));
}

function repr(r: BatchResult): string {
  if (!r.ok) return `${r.error_kind}: ${r.error}`;
  return clarityValueToRepr(decodeClarityValue(hexToBytes(r.result_hex.slice(2))));
}

const WALLET_1 = 'ST1SJ3DTE5DN7X54YDH5D64R3BCB6A2AG2ZQ8YPD5';
const DEPLOYER = 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM';

describe('expressions and scoping', () => {
  it('evaluates nested native calls', () => {
    expect(repr(run('(+ 1 (* 2 3))'))).toBe('7');
  });

  it('let bindings see earlier bindings and the body sees all', () => {
    expect(repr(run('(let ((a 1) (b (+ a 1))) (+ a b))'))).toBe('3');
  });

  it('rejects rebinding a local name in a nested let at runtime (NameAlreadyUsed)', () => {
    const r = run('(let ((a 1)) (let ((a 2)) a))');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error_kind).toBe('runtime');
    expect(!r.ok && r.error).toContain('NameAlreadyUsed');
  });

  it('rejects binding a reserved name at runtime', () => {
    const r = run('(let ((tx-sender 1)) 2)');
    expect(!r.ok && r.error).toContain('NameAlreadyUsed');
  });

  it('function parameters shadow constants, locals do not leak out of functions', () => {
    expect(repr(run('(define-constant x 10) (define-private (f (x int)) (* x 2)) (+ (f 3) x)'))).toBe('16');
  });

  it('short-circuits and/or', () => {
    expect(repr(run('(and false (is-eq (/ 1 0) 1))'))).toBe('false');
    expect(repr(run('(or true (is-eq (/ 1 0) 1))'))).toBe('true');
  });

  it('match binds the inner value of each arm', () => {
    expect(repr(run('(match (some 5) v (+ v 1) 0)'))).toBe('6');
    expect(repr(run('(match (err u3) v v e (+ e u1))'))).toBe('u4');
  });

  it('map, filter and fold accept natives and user functions', () => {
    expect(repr(run('(map + (list 1 2 3) (list 10 20))'))).toBe('(list 11 22)');
    expect(repr(run('(define-private (odd (x int)) (is-eq (mod x 2) 1)) (filter odd (list 1 2 3))'))).toBe('(list 1 3)');
    expect(repr(run('(fold + (list 1 2 3) 0)'))).toBe('6');
  });

  it('parses from-consensus-buff? type operands', () => {
    expect(repr(run('(from-consensus-buff? int 0x0000000000000000000000000000000005)'))).toBe('(some 5)');
  });

  it('the last non-define form is the answer, none when there is none', () => {
    expect(repr(run('1 (define-constant k 2)'))).toBe('1');
    expect(repr(run('(define-constant k 2)'))).toBe('none');
  });
});

describe('early returns', () => {
  it('asserts! returns from the enclosing function', () => {
    expect(repr(run('(define-private (f (x int)) (begin (asserts! (> x 0) (err u1)) (ok x))) (f -1)'))).toBe('(err u1)');
  });

  it('is a runtime error at the top level', () => {
    const r = run('(begin (unwrap! none (err u1)) 1)');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error_kind).toBe('runtime');
  });

  it('try! propagates err and none', () => {
    expect(repr(run('(define-private (f) (begin (try! (err u7)) (ok u1))) (f)'))).toBe('(err u7)');
    expect(repr(run('(define-private (g) (some (+ (try! none) 1))) (g)'))).toBe('none');
  });
});

describe('call stack depth', () => {
  const nest = (n: number) => `${'(+ 1 '.repeat(n - 1)}1${')'.repeat(n - 1)}`;
  it('allows 64 nested applications and fails at 65 with MaxStackDepthReached', () => {
    expect(run(`(begin ${nest(63)})`).ok).toBe(true);
    const r = run(`(begin ${nest(65)})`);
    expect(!r.ok && r.error).toContain('MaxStackDepthReached');
  });
});

describe('recursion', () => {
  it('is a runtime CircularReference, directly and through map', () => {
    const direct = run('(define-private (f (n int)) (f n)) (f 1)');
    expect(!direct.ok && direct.error).toContain('CircularReference');
    const viaMap = run('(define-private (g (n int)) (fold + (map g (list n)) 0)) (g 1)');
    expect(!viaMap.ok && viaMap.error).toContain('CircularReference');
  });

  it('allows a function in its own argument list', () => {
    expect(repr(run('(define-private (inc (n int)) (+ n 1)) (inc (inc 1))'))).toBe('3');
  });
});

describe('contracts, storage and rollback', () => {
  const counter = `(define-data-var n uint u0)
(define-map seen principal bool)
(define-public (bump) (begin (var-set n (+ (var-get n) u1)) (map-set seen tx-sender true) (ok (var-get n))))
(define-public (bump-then-fail) (begin (var-set n u100) (print "dropped") (err u1)))
(define-read-only (get-n) (var-get n))`;

  it('keeps the writes of an ok public call and rolls back an err one (with its events)', () => {
    const rs = runBatchSync([
      { id: 'a', contract: counter, expr: '(contract-call? .contract bump)', epoch: '3.3', clarity_version: 3 },
    ]);
    expect(repr(rs[0]!)).toBe('(ok u1)');
    const chain = genesisChain('3.3');
    run('1', { contract: counter, expr: undefined }, chain);
    expect(repr(run('(contract-call? .contract bump-then-fail)', {}, chain))).toBe('(err u1)');
    const after = run('(contract-call? .contract get-n)', {}, chain);
    expect(repr(after)).toBe('u0');
  });

  it('map-insert does not overwrite, map-delete reports whether it deleted', () => {
    const src = '(define-map m int int) (map-insert m 1 10) (map-insert m 1 20) {a: (map-get? m 1), b: (map-delete m 1), c: (map-delete m 1)}';
    expect(repr(run(src))).toBe('(tuple (a (some 10)) (b true) (c false))');
  });

  it('contract-call? shows the calling contract as contract-caller and keeps tx-sender', () => {
    const rs = runBatchSync([
      {
        id: 'a',
        contract: [
          { name: 'who', source: '(define-read-only (who) {s: tx-sender, c: contract-caller})' },
          { name: 'relay', source: '(define-public (relay) (ok (contract-call? .who who)))' },
        ],
        expr: '(contract-call? .relay relay)',
        sender: 'wallet_1',
        epoch: '3.3',
        clarity_version: 3,
      },
    ]);
    expect(repr(rs[0]!)).toBe(`(ok (tuple (c '${DEPLOYER}.relay) (s '${WALLET_1})))`);
  });

  it('a failing deploy leaves no contract behind', () => {
    const chain = genesisChain('3.3');
    const r = run('1', { contract: '(define-data-var v int 1) (/ 1 0)', expr: undefined }, chain);
    expect(!r.ok && r.error_kind).toBe('runtime');
    expect(chain.contracts.size).toBe(0);
  });
});

describe('assets and events', () => {
  it('transfers STX with an event and the reference error codes', () => {
    const chain = genesisChain('3.3');
    const ok = run(`(stx-transfer? u10 tx-sender '${WALLET_1})`, {}, chain);
    expect(repr(ok)).toBe('(ok true)');
    expect(ok.ok && ok.events).toEqual([
      { event: 'stx_transfer_event', data: { amount: '10', memo: '', recipient: WALLET_1, sender: DEPLOYER } },
    ]);
    expect(repr(run(`(stx-transfer? u0 tx-sender '${WALLET_1})`, {}, chain))).toBe('(err u3)');
    expect(repr(run('(stx-transfer? u1 tx-sender tx-sender)', {}, chain))).toBe('(err u2)');
    expect(repr(run(`(stx-transfer? u1 '${WALLET_1} tx-sender)`, {}, chain))).toBe('(err u4)');
    expect(repr(run(`(stx-get-balance '${WALLET_1})`, {}, chain))).toBe('u100000000000010');
  });

  it('enforces a fungible token supply as a runtime error', () => {
    const r = run('(define-fungible-token t u5) (ft-mint? t u6 tx-sender)');
    expect(!r.ok && r.error).toContain('SupplyOverflow');
  });

  it('tracks NFT owners and their error codes', () => {
    const src = `(define-non-fungible-token n uint) (list (nft-mint? n u1 tx-sender) (nft-mint? n u1 tx-sender) (nft-transfer? n u1 tx-sender '${WALLET_1}) (nft-transfer? n u2 tx-sender '${WALLET_1}) (nft-burn? n u1 tx-sender))`;
    expect(repr(run(src))).toBe('(list (ok true) (err u1) (ok true) (err u3) (err u1))');
  });

  it('as-contract switches tx-sender to the contract', () => {
    const r = run('(as-contract tx-sender)', { clarity_version: 3, epoch: '3.0' });
    expect(repr(r)).toBe(`'${DEPLOYER}.expr-0`);
  });

  it('restrict-assets? reports the violated allowance and reverts the body', () => {
    const chain = genesisChain('3.3');
    expect(repr(run(`(restrict-assets? tx-sender ((with-stx u5)) (unwrap-panic (stx-transfer? u10 tx-sender '${WALLET_1})))`, {}, chain))).toBe('(err u0)');
    expect(repr(run(`(stx-get-balance '${WALLET_1})`, {}, chain))).toBe('u100000000000000');
  });
});

describe('events across calls', () => {
  const src = `(define-fungible-token gold)
(define-public (mint-then-fail) (begin (try! (ft-mint? gold u5 tx-sender)) (print "gone") (err u9)))
(define-public (mint (n uint)) (begin (print n) (ft-mint? gold n tx-sender)))
(define-read-only (peek) (begin (print "read-only") (ft-get-balance gold tx-sender)))`;

  it('drops the events of a call that returns err and keeps those of an ok call, in order', () => {
    const out = runBatchSync([
      {
        id: 'e',
        contract: src,
        expr: '(begin (unwrap-err-panic (contract-call? .contract mint-then-fail)) (contract-call? .contract mint u3))',
        epoch: '3.3',
        clarity_version: 3,
      },
    ]);
    const r = out[0]!;
    expect(repr(r)).toBe('(ok true)');
    expect(r.ok && r.events?.map((e) => e.event)).toEqual(['print_event', 'ft_mint_event']);
    expect(r.ok && r.events?.[1]?.data).toEqual({ amount: '3', asset_identifier: `${DEPLOYER}.contract::gold`, recipient: DEPLOYER });
  });

  it('records no print event for a read-only function reached by contract-call?', () => {
    const out = runBatchSync([{ id: 'p', contract: src, expr: '(contract-call? .contract peek)', epoch: '3.3', clarity_version: 3 }]);
    expect(repr(out[0]!)).toBe('u0');
    expect(out[0]!.ok && 'events' in out[0]!).toBe(false);
  });

  it('records the memo of stx-transfer-memo? in hex', () => {
    const r = run(`(stx-transfer-memo? u1 tx-sender '${WALLET_1} 0x68656c6c6f)`, { clarity_version: 2, epoch: '2.1' });
    expect(r.ok && r.events?.[0]?.data['memo']).toBe('68656c6c6f');
  });

  it('stx-burn? lowers the liquid supply', () => {
    expect(repr(run('(let ((before stx-liquid-supply)) (try! (stx-burn? u7 tx-sender)) (ok (- before stx-liquid-supply)))'))).toBe('(ok u7)');
  });
});

describe('storage layer', () => {
  it('MemoryBackend nests transactions', () => {
    const kv = new MemoryBackend();
    kv.put('a', '1');
    kv.begin();
    kv.put('a', '2');
    kv.begin();
    kv.put('a', '3');
    kv.rollback();
    expect(kv.get('a')).toBe('2');
    kv.commit();
    expect(kv.get('a')).toBe('1'.replace('1', '2'));
    expect(kv.depth()).toBe(0);
  });

  it('ClarityDB stores typed values', () => {
    const db = new ClarityDB();
    db.setValue('k', Cl.list([Cl.int(1)]));
    const t = parseTypeExpression(parseProgram('(list 5 int)', { epoch: '3.3', clarityVersion: 4 })[0]!);
    expect(clarityValueToRepr(db.getValue('k', t)!)).toBe('(list 1)');
    db.setValue('k', undefined);
    expect(db.getValue('k')).toBeUndefined();
  });
});
