// Control flow: let, begin, if, asserts!, try!, unwrap!, unwrap-err! (early returns inside
// functions and at the top level), the checked-intermediate-response rule, and function calls.
import { ALL_COMBOS, CaseBuilder } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';

/** Builds the control-flow family. */
export function controlFlowCases(): CorpusCase[] {
  const b = new CaseBuilder('control-flow');

  // let
  b.ok('let/simple', '(let ((a 1)) a)', '1');
  b.ok('let/sequential-bindings', '(let ((a 1) (b (+ a 1)) (c (* b 10))) c)', '20');
  b.ok('let/body-sequence', '(let ((a 1)) (+ a 1) (+ a 2))', '3');
  b.ok('let/nested', '(let ((a 1)) (let ((b 2)) (+ a b)))', '3');
  b.ok('let/tuple-binding', '(let ((t {x: 1, y: 2})) (+ (get x t) (get y t)))', '3');
  b.ok('let/bind-function-result', '(define-private (two) 2) (let ((x (two))) (* x x))', '4');
  b.static('let/shadow-outer', '(let ((a 1)) (let ((a 2)) a))');
  b.static('let/duplicate-binding', '(let ((a 1) (a 2)) a)');
  // binding a reserved or native name is not a static error: evaluation fails (NameAlreadyUsed)
  b.runtime('let/bind-reserved-name', '(let ((tx-sender 1)) tx-sender)');
  b.runtime('let/bind-native-name', '(let ((+ 1)) 1)');
  b.ok('let/bind-reserved-name-in-uncalled-function-deploys', '(define-private (f) (let ((tx-sender 1)) tx-sender)) u1', 'u1');
  b.static('let/no-body', '(let ((a 1)))');
  b.static('let/binding-not-a-list', '(let (a 1) a)');
  b.static('let/binding-without-value', '(let ((a)) a)');
  b.static('let/use-before-bind', '(let ((a b) (b 1)) a)');
  b.static('let/binding-out-of-scope', '(begin (let ((a 1)) a) a)');
  b.static('let/shadow-function-arg', '(define-private (f (a int)) (let ((a 2)) a)) (f 1)');
  b.static('let/shadow-constant', '(define-constant k 1) (let ((k 2)) k)');
  b.ok('let/empty-bindings', '(let () 5)', '5');

  // begin / if
  b.ok('begin/last-value', '(begin 1 2 3)', '3');
  b.ok('begin/single', '(begin u7)', 'u7');
  b.static('begin/empty', '(begin)');
  b.static('begin/unchecked-response', '(begin (err u1) (ok u1))');
  b.static('begin/unchecked-ok', '(begin (ok 1) 2)');
  b.ok('begin/checked-response', '(begin (unwrap-panic (ok 1)) 2)', '2');
  b.ok('begin/optional-need-not-be-checked', '(begin (some 1) 2)', '2');
  b.ok('if/true', '(if true 1 2)', '1');
  b.ok('if/false', '(if false 1 2)', '2');
  b.ok('if/computed-condition', '(if (> 2 1) "yes" "no")', '"yes"');
  b.ok('if/only-taken-branch-runs', '(if (is-eq 1 1) 0 (/ 1 0))', '0');
  b.static('if/non-bool-condition', '(if 1 2 3)');
  b.static('if/optional-condition', '(if (some true) 2 3)');
  b.static('if/missing-else', '(if true 1)');
  b.static('if/extra-arg', '(if true 1 2 3)');
  b.static('if/branch-types', '(if true 1 u2)');

  // asserts!
  b.ok('asserts/passes-at-top-level', '(begin (asserts! true (err u1)) (ok u2))', '(ok u2)');
  b.runtime('asserts/fails-at-top-level', '(begin (asserts! (> 1 2) (err u1)) (ok u2))');
  const f = '(define-private (check (x int)) (begin (asserts! (> x 0) (err u1)) (ok x)))';
  b.ok('asserts/in-function-passes', `${f} (check 5)`, '(ok 5)');
  b.ok('asserts/in-function-returns-thrown-value', `${f} (check -1)`, '(err u1)');
  b.ok('asserts/non-response-thrown', '(define-private (f (x int)) (begin (asserts! (> x 0) 0) x)) (f -3)', '0');
  b.static('asserts/non-bool', '(begin (asserts! 1 (err u1)) (ok 1))');
  b.static('asserts/one-arg', '(begin (asserts! true) (ok 1))');
  b.static('asserts/thrown-type-mismatch', '(define-private (f (x int)) (begin (asserts! (> x 0) (err u1)) (ok x))) (define-private (g) (begin (asserts! false u5) (ok 1))) (g)');

  // try!
  const tryResp = '(define-private (inner (x int)) (if (> x 0) (ok x) (err u7))) (define-private (outer (x int)) (ok (+ 100 (try! (inner x)))))';
  b.ok('try/response-ok', `${tryResp} (outer 1)`, '(ok 101)');
  b.ok('try/response-err-propagates', `${tryResp} (outer 0)`, '(err u7)');
  const tryOpt = '(define-private (g (o (optional int))) (some (+ 1 (try! o))))';
  b.ok('try/optional-some', `${tryOpt} (g (some 1))`, '(some 2)');
  b.ok('try/optional-none-propagates', `${tryOpt} (g none)`, 'none');
  b.ok('try/top-level-ok', '(try! (if true (ok 3) (err u1)))', '3');
  b.runtime('try/top-level-err', '(try! (if true (err u1) (ok 3)))');
  b.runtime('try/top-level-none', '(try! (if true none (some 3)))');
  b.static('try/not-optional-or-response', '(try! 5)');
  b.static('try/bare-err-indeterminate', '(define-private (f) (ok (try! (err u1)))) (f)');
  b.static('try/err-type-mismatch', '(define-private (a) (if true (ok 1) (err u1))) (define-private (f) (if true (ok (try! (a))) (err 5))) (f)');
  b.ok('try/chained', '(define-private (a (x int)) (if (> x 0) (ok x) (err u1))) (define-private (b2 (x int)) (ok (+ (try! (a x)) (try! (a (- x 1)))))) (list (b2 2) (b2 1))', '(list (ok 3) (err u1))');

  // unwrap! / unwrap-err!
  const unw = '(define-private (u (o (optional int))) (ok (unwrap! o (err u404))))';
  b.ok('unwrap/some', `${unw} (u (some 1))`, '(ok 1)');
  b.ok('unwrap/none-returns', `${unw} (u none)`, '(err u404)');
  b.ok('unwrap/response-ok', '(define-private (u (r (response int uint))) (ok (unwrap! r (err u1)))) (u (ok 5))', '(ok 5)');
  b.ok('unwrap/response-err-returns', '(define-private (u (r (response int uint))) (ok (unwrap! r (err u1)))) (u (err u9))', '(err u1)');
  const unwErr = '(define-private (ue (r (response int uint))) (ok (unwrap-err! r (err 0))))';
  b.ok('unwrap-err/err', `${unwErr} (ue (err u4))`, '(ok u4)');
  b.ok('unwrap-err/ok-returns', `${unwErr} (ue (ok 4))`, '(err 0)');
  b.runtime('unwrap/top-level-none', '(unwrap! (if true none (some 1)) (err u1))');
  b.ok('unwrap/top-level-some', '(unwrap! (some 1) (err u1))', '1');
  b.runtime('unwrap-err/top-level-ok', '(unwrap-err! (if true (ok 1) (err u1)) u5)');
  b.static('unwrap/not-optional', '(unwrap! 5 0)');
  b.static('unwrap/one-arg', '(unwrap! (some 1))');
  b.static('unwrap-err/optional', '(unwrap-err! (some 1) 0)');
  b.static('unwrap/early-return-type-mismatch', '(define-private (f (o (optional int))) (begin (unwrap! o u5) (ok 1))) (f none)');
  b.ok('unwrap/early-return-in-let', '(define-private (f (o (optional int))) (let ((v (unwrap! o 0))) (* v 2))) (list (f (some 4)) (f none))', '(list 8 0)');
  b.ok('unwrap/early-return-from-map-fn', '(define-private (f (o (optional int))) (unwrap! o -1)) (map f (list (some 1) none (some 3)))', '(list 1 -1 3)');
  b.ok('unwrap/early-return-stops-fold', '(define-private (step (x int) (acc (response int int))) (ok (+ (try! acc) (unwrap! (if (> x 0) (some x) none) (err x))))) (fold step (list 1 2 -3 4) (ok 0))', '(err -3)');

  // function definitions and calls
  b.ok('call/private', '(define-private (add3 (a int) (b int) (c int)) (+ a b c)) (add3 1 2 3)', '6');
  b.ok('call/defined-after-use', '(define-private (a) (b)) (define-private (b) 7) (a)', '7');
  b.ok('call/no-args', '(define-private (k) u1) (k)', 'u1');
  b.ok('call/read-only-from-top-level', '(define-read-only (r) 5) (r)', '5');
  b.ok('call/public-from-top-level', '(define-public (p) (ok 5)) (p)', '(ok 5)');
  // the type checker zips declared and given arguments: a wrong count is only found when evaluated
  b.runtime('call/too-many-args', '(define-private (f (a int)) a) (f 1 2)');
  b.runtime('call/too-few-args', '(define-private (f (a int) (b int)) a) (f 1)');
  b.ok('call/wrong-arg-count-in-uncalled-function-deploys', '(define-private (f (a int)) a) (define-private (g) (f 1 2)) u1', 'u1');
  b.static('call/wrong-type-before-extra-arg', '(define-private (f (a int)) a) (f u1 2)');
  b.static('call/wrong-arg-type', '(define-private (f (a int)) a) (f u1)');
  b.static('call/undefined', '(nope 1)');
  b.static('call/recursion', '(define-private (f (x int)) (if (> x 0) (f (- x 1)) 0)) (f 3)');
  b.static('call/mutual-recursion', '(define-private (f) (g)) (define-private (g) (f)) (f)');
  b.runtime('call/redefine-native', '(define-private (+ (a int)) a) 1');
  b.static('call/duplicate-definition', '(define-private (f) 1) (define-private (f) 2) (f)');
  b.runtime('call/duplicate-arg-names', '(define-private (f (a int) (a int)) a) (f 1 2)');
  b.ok('call/duplicate-arg-names-uncalled-deploys', '(define-private (f (a int) (a int)) a) u1', 'u1');
  b.static('call/public-must-return-response', '(define-public (p) 5) 1');
  b.static('call/value-as-function', '(let ((f 1)) (f))');
  b.static('call/empty-application', '()');

  // the same early-return rules at every version
  b.across('versions/asserts-in-function', `${f} (check -1)`, ALL_COMBOS, () => 'ok', { repr: '(err u1)' });
  b.across('versions/asserts-top-level', '(begin (asserts! false (err u1)) (ok 1))', ALL_COMBOS, () => 'runtime');
  b.across('versions/unchecked-response', '(begin (err u1) (ok u1))', ALL_COMBOS, () => 'static');
  b.across('versions/try-optional', `${tryOpt} (g none)`, ALL_COMBOS, () => 'ok', { repr: 'none' });
  return b.cases;
}
