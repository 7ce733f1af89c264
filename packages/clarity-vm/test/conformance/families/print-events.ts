// print and the events a case records: print of every value type, event order across nested
// calls, events of STX and token operations together, and which events survive a failing call.
import { ALL_COMBOS, C3, C4, CaseBuilder, DEPLOYER, WALLET_1 } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';

const EMITTER = `(define-fungible-token tok)
(define-public (say (n uint)) (begin (print {event: "say", n: n}) (if true (ok n) (err u0))))
(define-public (say-then-fail (n uint)) (begin (print "about to fail") (err n)))
(define-public (pay-and-say (n uint) (to principal))
  (begin (try! (stx-transfer? n tx-sender to)) (print "paid") (try! (ft-mint? tok n to)) (ok true)))
(define-read-only (peek) (print "read-only print"))
(define-public (nested) (begin (print "outer-before") (try! (contract-call? .inner hello)) (print "outer-after") (ok true)))
(define-public (nested-fail) (begin (print "outer") (unwrap-err-panic (contract-call? .inner fail)) (ok true)))`;
const INNER = `(define-public (hello) (begin (print "inner") (if true (ok true) (err u0))))
(define-public (fail) (begin (print "inner-fail") (if true (err u1) (ok true))))`;

/** Builds the print-events family. */
export function printEventsCases(): CorpusCase[] {
  const b = new CaseBuilder('print-events');

  // print returns its argument and records it (fresh chains keep the snippet's name expr-0)
  const values: readonly (readonly [string, string, string])[] = [
    ['int', '(print -5)', '-5'],
    ['uint', '(print u5)', 'u5'],
    ['bool', '(print true)', 'true'],
    ['ascii', '(print "hello")', '"hello"'],
    ['utf8', '(print u"\\u{1F600}")', 'u"\u{1F600}"'],
    ['buff', '(print 0xdeadbeef)', '0xdeadbeef'],
    ['none', '(print none)', 'none'],
    ['some', '(print (some 1))', '(some 1)'],
    ['ok', '(print (ok u1))', '(ok u1)'],
    ['err', '(print (err "x"))', '(err "x")'],
    ['list', '(print (list 1 2 3))', '(list 1 2 3)'],
    ['empty-list', '(print (list))', '(list )'],
    ['tuple', '(print {b: 1, a: "x"})', '(tuple (a "x") (b 1))'],
    ['principal', `(print '${WALLET_1})`, WALLET_1],
    ['contract-principal', `(print '${DEPLOYER}.foo)`, `${DEPLOYER}.foo`],
    ['nested', '(print (some (list {a: (ok 1)})))', '(some (list (tuple (a (ok 1)))))'],
  ];
  for (const [name, expr, repr] of values) b.ok(`value/${name}`, expr, repr, { fresh: true });
  b.ok('order/two-prints', '(begin (print 1) (print 2))', '2', { fresh: true });
  b.ok('order/print-in-argument', '(+ (print 1) (print 2))', '3', { fresh: true });
  b.ok('order/print-in-map', '(map + (list (print 1) (print 2)) (list 10 20))', '(list 11 22)', { fresh: true });
  b.ok('order/print-in-define-private', '(define-private (p (x int)) (print x)) (p 7) (p 8)', '8', { fresh: true });
  b.ok('order/top-level-prints-with-define', '(define-constant c (print 1)) (print c)', '1', { fresh: true });
  b.runtime('order/print-then-runtime-error', '(begin (print 1) (/ 1 0))', { fresh: true });
  b.static('print/no-args', '(print)');
  b.across('versions/print', '(print u1)', ALL_COMBOS, () => 'ok', { fresh: true, repr: 'u1' });

  // events from deployed contracts
  const contracts = [{ name: 'inner', source: INNER }, { name: 'emitter', source: EMITTER }];
  const c = (name: string, expr: string, repr: string, extra: { sender?: string } = {}): void =>
    b.add(`contract/${name}`, expr, 'ok', { contract: contracts, combo: C4, repr, ...extra });
  c('print-in-callee', '(contract-call? .emitter say u3)', '(ok u3)');
  c('print-in-failed-call-dropped', '(contract-call? .emitter say-then-fail u3)', '(err u3)');
  c('print-in-read-only', '(contract-call? .emitter peek)', '"read-only print"');
  c('nested-order', '(contract-call? .emitter nested)', '(ok true)');
  c('nested-inner-failure-dropped', '(contract-call? .emitter nested-fail)', '(ok true)');
  c('stx-print-ft-order', `(contract-call? .emitter pay-and-say u10 '${WALLET_1})`, '(ok true)');
  c('stx-print-ft-as-wallet-1', `(contract-call? .emitter pay-and-say u10 '${DEPLOYER})`, '(ok true)', { sender: 'wallet_1' });
  c('failed-transfer-no-events', `(contract-call? .emitter pay-and-say u0 '${WALLET_1})`, '(err u3)');
  b.add('contract/try-on-indeterminate-err-type', '(begin (try! (contract-call? .inner loose)) (ok u1))', 'static', {
    contract: [{ name: 'inner', source: '(define-public (loose) (ok true))' }],
  });
  c('two-calls', '(begin (try! (contract-call? .emitter say u1)) (contract-call? .emitter say u2))', '(ok u2)');
  c('snippet-and-callee-prints', '(begin (print "snippet") (contract-call? .emitter say u1))', '(ok u1)');
  c('ok-call-then-failed-call', '(begin (unwrap-panic (contract-call? .emitter say u1)) (contract-call? .emitter say-then-fail u2))', '(err u2)');
  b.add('contract/top-level-print-at-deploy', undefined, 'ok', { contract: '(print "deploying")\n(define-read-only (f) 1)\n(print "done")', combo: C3, repr: '"done"' });
  b.add('contract/top-level-error-after-print', undefined, 'runtime', { contract: '(print "deploying")\n(unwrap-panic (if true none (some 1)))', combo: C3 });

  // asset events recorded in the snippet itself
  b.ok('assets/stx-transfer', `(stx-transfer? u5 tx-sender '${WALLET_1})`, '(ok true)', { fresh: true });
  b.ok('assets/stx-transfer-memo', `(stx-transfer-memo? u5 tx-sender '${WALLET_1} 0x0102)`, '(ok true)', { fresh: true });
  b.ok('assets/stx-burn', '(stx-burn? u5 tx-sender)', '(ok true)', { fresh: true });
  b.ok('assets/ft-mint-transfer-burn', `(define-fungible-token t) (ft-mint? t u10 tx-sender) (ft-transfer? t u3 tx-sender '${WALLET_1}) (ft-burn? t u2 tx-sender)`, '(ok true)', { fresh: true });
  b.ok('assets/nft-mint-transfer-burn', `(define-non-fungible-token n uint) (nft-mint? n u1 tx-sender) (nft-transfer? n u1 tx-sender '${WALLET_1}) (nft-mint? n u2 tx-sender) (nft-burn? n u2 tx-sender)`, '(ok true)', { fresh: true });
  b.ok('assets/failed-ops-no-events', `(define-fungible-token t) (ft-transfer? t u3 tx-sender '${WALLET_1})`, '(err u1)', { fresh: true });
  b.ok('assets/err-result-keeps-top-level-events', `(begin (unwrap-panic (stx-transfer? u5 tx-sender '${WALLET_1})) (stx-transfer? u0 tx-sender '${WALLET_1}))`, '(err u3)', { fresh: true });
  return b.cases;
}
