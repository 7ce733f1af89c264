// Definitions and their state: define-constant, define-data-var, define-map and their operations
// (var-get, var-set, map-get?, map-set, map-insert, map-delete), in deployed contracts reached
// through contract-call? and in the expression itself; the read-only rule; rollback on err.
import { C1, C2, C3, C4, CaseBuilder, LATEST_COMBOS } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';

const STORE = `(define-constant owner tx-sender)
(define-constant limit u3)
(define-data-var counter uint u0)
(define-data-var label (string-ascii 10) "start")
(define-map balances principal uint)
(define-map pairs {a: int, b: int} {sum: int, note: (optional (string-ascii 5))})
(define-public (incr (n uint))
  (begin
    (asserts! (<= n limit) (err u1))
    (var-set counter (+ (var-get counter) n))
    (ok (var-get counter))))
(define-public (set-then-fail (n uint))
  (begin (var-set counter n) (map-set balances tx-sender n) (err u99)))
(define-public (set-label (s (string-ascii 10))) (ok (var-set label s)))
(define-public (credit (who principal) (n uint))
  (ok (map-set balances who (+ n (default-to u0 (map-get? balances who))))))
(define-public (insert-pair (a int) (b int))
  (ok (map-insert pairs {a: a, b: b} {sum: (+ a b), note: none})))
(define-public (delete-pair (a int) (b int)) (ok (map-delete pairs {a: a, b: b})))
(define-read-only (get-counter) (var-get counter))
(define-read-only (get-label) (var-get label))
(define-read-only (balance-of (who principal)) (default-to u0 (map-get? balances who)))
(define-read-only (get-pair (a int) (b int)) (map-get? pairs {a: a, b: b}))
(define-read-only (get-owner) owner)
(define-read-only (get-limit) limit)`;

/** Builds the defines family. */
export function definesCases(): CorpusCase[] {
  const b = new CaseBuilder('defines');
  const store = (name: string, expr: string, repr: string | undefined, combo = C4): void =>
    b.add(`store/${name}`, expr, 'ok', repr === undefined ? { contract: STORE, combo } : { contract: STORE, combo, repr });

  store('initial-counter', '(contract-call? .contract get-counter)', 'u0');
  store('constant-owner-is-deployer', '(contract-call? .contract get-owner)', 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM');
  store('constant-limit', '(contract-call? .contract get-limit)', 'u3');
  store('incr-once', '(contract-call? .contract incr u2)', '(ok u2)');
  store('incr-twice', '(begin (try! (contract-call? .contract incr u2)) (contract-call? .contract incr u3))', '(ok u5)');
  store('incr-over-limit', '(contract-call? .contract incr u4)', '(err u1)');
  store('incr-then-read', '(begin (unwrap-panic (contract-call? .contract incr u1)) (contract-call? .contract get-counter))', 'u1');
  store('err-rolls-back-var', '(begin (unwrap-err-panic (contract-call? .contract set-then-fail u50)) (contract-call? .contract get-counter))', 'u0');
  store('err-rolls-back-map', '(begin (unwrap-err-panic (contract-call? .contract set-then-fail u50)) (contract-call? .contract balance-of tx-sender))', 'u0');
  store('string-var', '(begin (unwrap-panic (contract-call? .contract set-label "hello")) (contract-call? .contract get-label))', '"hello"');
  store('string-var-initial', '(contract-call? .contract get-label)', '"start"');
  store('map-missing', '(contract-call? .contract balance-of tx-sender)', 'u0');
  store('map-set-accumulates', "(begin (unwrap-panic (contract-call? .contract credit 'ST1SJ3DTE5DN7X54YDH5D64R3BCB6A2AG2ZQ8YPD5 u5)) (unwrap-panic (contract-call? .contract credit 'ST1SJ3DTE5DN7X54YDH5D64R3BCB6A2AG2ZQ8YPD5 u7)) (contract-call? .contract balance-of 'ST1SJ3DTE5DN7X54YDH5D64R3BCB6A2AG2ZQ8YPD5))", 'u12');
  store('map-insert-new', '(contract-call? .contract insert-pair 1 2)', '(ok true)');
  store('map-insert-existing', '(begin (unwrap-panic (contract-call? .contract insert-pair 1 2)) (contract-call? .contract insert-pair 1 2))', '(ok false)');
  store('map-tuple-key-value', '(begin (unwrap-panic (contract-call? .contract insert-pair 3 4)) (contract-call? .contract get-pair 3 4))', '(some (tuple (note none) (sum 7)))');
  store('map-tuple-key-order-matters', '(begin (unwrap-panic (contract-call? .contract insert-pair 3 4)) (contract-call? .contract get-pair 4 3))', 'none');
  store('map-delete-existing', '(begin (unwrap-panic (contract-call? .contract insert-pair 1 1)) (contract-call? .contract delete-pair 1 1))', '(ok true)');
  store('map-delete-missing', '(contract-call? .contract delete-pair 1 1)', '(ok false)');
  store('map-delete-then-get', '(begin (unwrap-panic (contract-call? .contract insert-pair 1 1)) (unwrap-panic (contract-call? .contract delete-pair 1 1)) (contract-call? .contract get-pair 1 1))', 'none');
  store('map-insert-after-delete', '(begin (unwrap-panic (contract-call? .contract insert-pair 1 1)) (unwrap-panic (contract-call? .contract delete-pair 1 1)) (contract-call? .contract insert-pair 1 1))', '(ok true)');
  for (const combo of [C1, C2, C3]) store(`incr-twice-${combo.epoch}-c${combo.clarity_version}`, '(begin (try! (contract-call? .contract incr u2)) (contract-call? .contract incr u3))', '(ok u5)', combo);
  b.add('store/wrong-arg-type', '(contract-call? .contract incr 1)', 'static', { contract: STORE });
  b.add('store/unknown-function', '(contract-call? .contract nope)', 'static', { contract: STORE });
  b.add('store/deploy-result-is-last-expression', undefined, 'ok', { contract: `${STORE}\n(var-set counter u9)\n(var-get counter)`, repr: 'u9' });

  // the same operations inside the expression itself (a contract of its own)
  const inline: readonly (readonly [string, string, string])[] = [
    ['var-get', '(define-data-var v int 5) (var-get v)', '5'],
    ['var-set-returns-true', '(define-data-var v int 5) (var-set v 6)', 'true'],
    ['var-set-then-get', '(define-data-var v int 5) (var-set v 6) (var-get v)', '6'],
    ['var-list', '(define-data-var l (list 3 int) (list 1)) (var-set l (list 1 2 3)) (var-get l)', '(list 1 2 3)'],
    ['var-optional', '(define-data-var o (optional uint) none) (var-set o (some u1)) (var-get o)', '(some u1)'],
    ['var-tuple', '(define-data-var t {a: int} {a: 1}) (var-set t (merge (var-get t) {a: 2})) (get a (var-get t))', '2'],
    ['constant-expression', '(define-constant c (* 6 7)) c', '42'],
    ['constant-uses-constant', '(define-constant a 2) (define-constant b (* a a)) b', '4'],
    ['constant-list', '(define-constant l (list 1 2 3)) (len l)', 'u3'],
    ['constant-tx-sender', '(define-constant me tx-sender) me', 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM'],
    ['map-set-get', '(define-map m int int) (map-set m 1 10) (map-get? m 1)', '(some 10)'],
    ['map-get-missing', '(define-map m int int) (map-get? m 1)', 'none'],
    ['map-set-overwrites', '(define-map m int int) (map-set m 1 10) (map-set m 1 20) (map-get? m 1)', '(some 20)'],
    ['map-insert-twice', '(define-map m int int) (list (map-insert m 1 10) (map-insert m 1 20))', '(list true false)'],
    ['map-insert-keeps-first', '(define-map m int int) (map-insert m 1 10) (map-insert m 1 20) (map-get? m 1)', '(some 10)'],
    ['map-delete', '(define-map m int int) (map-set m 1 10) (list (map-delete m 1) (map-delete m 1))', '(list true false)'],
    ['map-tuple-key-sugar', '(define-map m {k: int} {v: int}) (map-set m {k: 1} {v: 2}) (get v (unwrap-panic (map-get? m {k: 1})))', '2'],
    ['map-tuple-key-long-form', '(define-map m {k: int} {v: int}) (map-set m (tuple (k 1)) (tuple (v 2))) (map-get? m (tuple (k 1)))', '(some (tuple (v 2)))'],
    ['map-principal-key', '(define-map m principal bool) (map-set m tx-sender true) (map-get? m tx-sender)', '(some true)'],
    ['map-string-key', '(define-map m (string-ascii 5) int) (map-set m "a" 1) (map-get? m "a")', '(some 1)'],
    ['map-key-shorter-than-type', '(define-map m (buff 4) int) (map-set m 0x01 1) (list (map-get? m 0x01) (map-get? m 0x0100))', '(list (some 1) none)'],
    ['definition-order-independent', '(define-private (f) (var-get later)) (define-data-var later int 3) (f)', '3'],
    ['map-in-function', '(define-map m uint uint) (define-private (bump (k uint)) (map-set m k (+ u1 (default-to u0 (map-get? m k))))) (bump u1) (bump u1) (map-get? m u1)', '(some u2)'],
  ];
  for (const [name, expr, repr] of inline) b.ok(`inline/${name}`, expr, repr);
  for (const combo of LATEST_COMBOS) {
    b.ok(`inline-versions/map-ops@${combo.epoch}-c${combo.clarity_version}`, '(define-map m int int) (map-set m 1 10) (let ((i (map-insert m 1 20)) (g (map-get? m 1)) (d (map-delete m 1)) (g2 (map-get? m 1))) {i: i, g: g, d: d, g2: g2})', '(tuple (d true) (g (some 10)) (g2 none) (i false))', { combo });
    b.ok(`inline-versions/var-ops@${combo.epoch}-c${combo.clarity_version}`, '(define-data-var v uint u1) (var-set v (+ (var-get v) u1)) (var-get v)', 'u2', { combo });
  }
  b.runtime('inline/constant-div-zero-at-deploy', '(define-constant c (/ 1 0)) c');
  b.runtime('inline/var-initial-overflow', '(define-data-var v uint (- u0 u1)) (var-get v)');

  // static errors in definitions
  const bad: readonly (readonly [string, string])[] = [
    ['var-initial-type', '(define-data-var v int u1) (var-get v)'],
    ['var-set-type', '(define-data-var v int 1) (var-set v u1)'],
    ['var-undefined', '(var-get nope)'],
    ['var-set-undefined', '(var-set nope 1)'],
    ['var-string-too-long', '(define-data-var s (string-ascii 3) "abcd") (var-get s)'],
    ['var-set-list-too-long', '(define-data-var l (list 2 int) (list 1)) (var-set l (list 1 2 3))'],
    ['var-bad-type', '(define-data-var v integer 1) (var-get v)'],
    ['var-missing-value', '(define-data-var v int) 1'],
    ['var-get-map-name', '(define-map m int int) (var-get m)'],
    ['map-key-type', '(define-map m int int) (map-get? m u1)'],
    ['map-value-type', '(define-map m int int) (map-set m 1 u1)'],
    ['map-undefined', '(map-get? nope 1)'],
    ['map-tuple-missing-field', '(define-map m {a: int, b: int} int) (map-get? m {a: 1})'],
    ['map-insert-wrong-arity', '(define-map m int int) (map-insert m 1)'],
    ['map-delete-wrong-key', '(define-map m int int) (map-delete m "a")'],
    ['duplicate-var', '(define-data-var v int 1) (define-data-var v int 2) 1'],
    ['duplicate-constant', '(define-constant c 1) (define-constant c 2) c'],
    ['var-and-map-same-name', '(define-data-var x int 1) (define-map x int int) 1'],
    ['constant-and-function-same-name', '(define-constant f 1) (define-private (f) 2) 1'],
    ['constant-bad-name', '(define-constant 1c 1) 1'],
    ['read-only-writes-var', '(define-data-var v int 1) (define-read-only (r) (var-set v 2)) 1'],
    ['read-only-writes-map', '(define-map m int int) (define-read-only (r) (map-set m 1 1)) 1'],
    ['read-only-calls-writer', '(define-data-var v int 1) (define-private (w) (var-set v 2)) (define-read-only (r) (w)) 1'],
    ['read-only-map-insert', '(define-map m int int) (define-read-only (r) (map-insert m 1 1)) 1'],
    ['read-only-map-delete', '(define-map m int int) (define-read-only (r) (map-delete m 1)) 1'],
    ['define-inside-function', '(define-private (f) (define-constant c 1)) 1'],
    ['define-inside-let', '(let ((a 1)) (define-data-var v int a))'],
    ['constant-references-itself', '(define-constant c (+ c 1)) c'],
  ];
  for (const [name, expr] of bad) b.static(`static/${name}`, expr);
  b.add('static/deploy-read-only-writes', '(contract-call? .contract r)', 'static', { contract: '(define-data-var v int 1)\n(define-read-only (r) (begin (var-set v 2) (ok 1)))' });
  b.ok('inline/public-may-write', '(define-data-var v int 1) (define-public (w) (ok (var-set v 2))) (w)', '(ok true)');
  b.ok('inline/private-may-write', '(define-data-var v int 1) (define-private (w) (var-set v 2)) (w) (var-get v)', '2');
  return b.cases;
}
