// The static analysis: type errors, unknown names, argument counts of natives, type signature
// limits, tuple and response inference, public-function rules; and a set of programs the checker
// must accept. Some checks run at every (epoch, version) to cover the 2.05 and 2.1 checkers.
import { ALL_COMBOS, CaseBuilder } from '../cases.ts';
import type { CorpusCase, Expectation } from '../cases.ts';

/** Builds the type-checker family. */
export function typeCheckerCases(): CorpusCase[] {
  const b = new CaseBuilder('type-checker');

  const errors: readonly (readonly [string, string])[] = [
    // names
    ['undefined-variable', 'x'],
    ['undefined-variable-in-let-body', '(let ((a 1)) b)'],
    ['unknown-function', '(frobnicate 1)'],
    ['map-name-as-value', '(define-map m int int) m'],
    ['function-name-as-value', '(define-private (f) 1) f'],
    ['token-name-as-value', '(define-fungible-token t) t'],
    // natives: wrong argument counts
    ['is-some-two-args', '(is-some none none)'],
    ['get-one-arg', '(get a)'],
    ['len-no-args', '(len)'],
    ['merge-one-arg', '(merge {a: 1})'],
    ['print-two-args', '(print 1 2)'],
    ['hash-no-args', '(sha256)'],
    ['some-no-args', '(some)'],
    ['unwrap-panic-two-args', '(unwrap-panic (some 1) 2)'],
    // tuples
    ['get-missing-key', '(get b {a: 1})'],
    ['get-on-non-tuple', '(get a 5)'],
    ['get-key-not-a-name', '(get "a" {a: 1})'],
    ['tuple-duplicate-key', '{a: 1, a: 2}'],
    ['tuple-long-form-duplicate-key', '(tuple (a 1) (a 2))'],
    ['tuple-empty', '{}'],
    ['tuple-long-form-empty', '(tuple)'],
    ['tuple-bad-binding', '(tuple (a))'],
    ['merge-non-tuple', '(merge {a: 1} 5)'],
    ['merge-optional-tuple', '(merge (some {a: 1}) {b: 2})'],
    // type signatures
    ['list-type-too-large', '(define-data-var l (list 1000000000 int) (list)) 1'],
    ['buff-type-too-large', '(define-data-var b (buff 1048577) 0x) 1'],
    ['string-type-too-large', '(define-data-var s (string-ascii 1048577) "") 1'],
    ['buff-negative-length', '(define-data-var b (buff -1) 0x) 1'],
    ['unknown-type-name', '(define-data-var v integer 1) 1'],
    ['tuple-type-empty', '(define-data-var v {} {}) 1'],
    ['optional-type-missing-arg', '(define-data-var v (optional) none) 1'],
    ['response-type-one-arg', '(define-data-var v (response int) (ok 1)) 1'],
    ['list-type-no-length', '(define-data-var v (list int) (list 1)) 1'],
    ['list-exceeds-declared', '(define-data-var l (list 3 int) (list 1 2 3 4)) 1'],
    ['nested-type-too-deep', `(define-data-var v ${'(optional '.repeat(33)}int${')'.repeat(33)} none) 1`],
    ['function-arg-without-type', '(define-private (f a) a) 1'],
    ['function-arg-bad-type', '(define-private (f (a intt)) a) 1'],
    ['function-signature-not-list', '(define-private f 1) 1'],
    ['function-name-not-atom', '(define-private ("f") 1) 1'],
    // public functions
    ['public-returns-int', '(define-public (f) 1) 1'],
    ['public-returns-optional', '(define-public (f) (some 1)) 1'],
    // inference
    ['indeterminate-unwrap-err', '(unwrap-err-panic (ok 1))'],
    ['indeterminate-match', '(match (ok 1) a a b 0)'],
    ['if-mismatched-responses', '(if true (ok 1) (ok u1))'],
    ['let-body-unchecked-response', '(let ((a 1)) (err a) a)'],
    ['function-body-unchecked-response', '(define-private (f) (begin (ok 1) 2)) (f)'],
    ['asserts-branch-type-vs-function', '(define-private (f) (begin (asserts! false (err u1)) 1)) (f)'],
    ['return-types-conflict', '(define-private (f (x bool)) (if x (ok 1) (err u1))) (define-private (g) (begin (try! (f true)) (err 2))) (g)'],
    ['list-of-lists-mixed', '(list (list 1) (list u1))'],
    // other forms
    ['let-bindings-not-pairs', '(let ((a 1 2)) a)'],
    ['lambda-not-supported', '(lambda (x) x)'],
    ['define-in-expression-position', '(+ 1 (define-constant c 1))'],
    ['var-set-on-constant', '(define-constant c 1) (var-set c 2)'],
    ['map-set-on-var', '(define-data-var v int 1) (map-set v 1 1)'],
    ['contract-call-non-literal-function', '(contract-call? .c (if true f g))'],
    ['as-max-len-not-literal', '(as-max-len? (list 1) (len (list 1)))'],
    ['print-as-function-value', '(map print (list 1))'],
  ];
  for (const [name, expr] of errors) b.static(`error/${name}`, expr);

  // programs the checker accepts (each pins an inference or widening rule)
  const accepted: readonly (readonly [string, string, string])[] = [
    ['if-widens-list-length', '(len (if true (list 1) (list 1 2 3)))', 'u1'],
    ['if-unifies-optional-none', '(if true (some 1) none)', '(some 1)'],
    ['match-unifies-response-types', '(match (if true (ok 1) (err u2)) a (some a) b none)', '(some 1)'],
    ['list-of-nones', '(len (list none none))', 'u2'],
    ['list-optional-then-none', '(list (some u1) none)', '(list (some u1) none)'],
    ['print-none', '(print none)', 'none'],
    ['is-eq-none-none', '(is-eq none none)', 'true'],
    ['default-to-none-none', '(default-to none (some none))', 'none'],
    ['nested-tuple-get', '(get b (get a {a: {b: 5}}))', '5'],
    ['merge-overrides-type', '(get a (merge {a: 1} {a: u2}))', 'u2'],
    ['merge-adds-key', '(merge {a: 1} {b: 2})', '(tuple (a 1) (b 2))'],
    ['tuple-long-form', '(tuple (a 1) (b u2))', '(tuple (a 1) (b u2))'],
    ['tuple-keys-sorted', '{z: 1, a: 2}', '(tuple (a 2) (z 1))'],
    ['public-with-typed-response', '(define-public (f) (if true (ok 1) (err u1))) (f)', '(ok 1)'],
    ['read-only-with-response', '(define-read-only (f) (if true (ok u1) (err u2))) (f)', '(ok u1)'],
    ['private-may-return-anything', '(define-private (f) (list 1)) (f)', '(list 1)'],
    ['function-arg-list-type', '(define-private (f (l (list 5 int))) (len l)) (f (list 1 2))', 'u2'],
    ['function-arg-tuple-type', '(define-private (f (t {a: int, b: (optional uint)})) (get a t)) (f {a: 1, b: none})', '1'],
    ['function-arg-response-type', '(define-private (f (r (response int uint))) (is-ok r)) (f (ok 1))', 'true'],
    ['function-arg-nested', '(define-private (f (x (list 2 (optional (buff 2))))) (len x)) (f (list none (some 0x01)))', 'u2'],
    ['deep-nesting-within-limit', `(define-data-var v ${'(optional '.repeat(30)}int${')'.repeat(30)} none) u1`, 'u1'],
    ['max-buff-type', '(define-data-var b (buff 1048576) 0x) (len (var-get b))', 'u0'],
    ['list-zero-length-type', '(define-data-var l (list 0 int) (list)) (len (var-get l))', 'u0'],
    ['public-indeterminate-err-type', '(define-public (f) (ok 1)) (f)', '(ok 1)'],
    ['public-indeterminate-ok-type', '(define-public (f) (err u1)) (f)', '(err u1)'],
    ['read-only-indeterminate-err-type', '(define-read-only (f) (ok 1)) (f)', '(ok 1)'],
    ['element-at-empty-list', '(element-at? (list) u0)', 'none'],
  ];
  for (const [name, expr, repr] of accepted) b.ok(`accepted/${name}`, expr, repr);

  // the 2.05 (Clarity 1 at epoch 2.05) and 2.1 checkers, side by side
  const everywhere: readonly (readonly [string, string, Expectation])[] = [
    ['type-mismatch', '(+ 1 u1)', 'static'],
    ['undefined', 'nope', 'static'],
    ['unchecked-response', '(begin (ok 1) 1)', 'static'],
    ['indeterminate-unwrap', '(unwrap-panic none)', 'static'],
    ['tuple-missing-key', '(get b {a: 1})', 'static'],
    ['public-non-response', '(define-public (f) 1) 1', 'static'],
    ['list-mixed', '(list 1 u1)', 'static'],
    ['if-widening', '(len (if true (list 1) (list 1 2 3)))', 'ok'],
    ['list-of-nones', '(len (list none none))', 'ok'],
    ['merge', '(get b (merge {a: 1} {b: 2}))', 'ok'],
    ['read-only-writes', '(define-data-var v int 0) (define-read-only (f) (var-set v 1)) 1', 'static'],
  ];
  for (const [name, expr, expect] of everywhere) b.across(`versions/${name}`, expr, ALL_COMBOS, () => expect);

  // `least_supertype` of tuples is asymmetric in the reference: the first tuple's fields must all
  // be in the second, not the other way round (the extra fields are then dropped from the value).
  const tuples: readonly (readonly [string, string, Expectation, string?])[] = [
    ['tuple-supertype/fewer-fields-first', '(if true {a: 1} {a: 1, b: 2})', 'ok', '(tuple (a 1))'],
    ['tuple-supertype/more-fields-first', '(if true {a: 1, b: 2} {a: 1})', 'static'],
    ['tuple-supertype/list', '(list {a: 1} {a: 1, b: 2})', 'ok', '(list (tuple (a 1)) (tuple (a 1)))'],
    ['tuple-supertype/list-more-first', '(list {a: 1, b: 2} {a: 1})', 'static'],
    ['tuple-supertype/get-from-wider-arm', '(get a (if false {a: 1} {a: 5, b: 2}))', 'ok', '5'],
    ['tuple-supertype/disjoint', '(if true {a: 1} {b: 1})', 'static'],
  ];
  // Before epoch 2.4 values are not sanitized: the list keeps the second tuple's extra field.
  const unsanitized: Readonly<Record<string, string>> = { 'tuple-supertype/list': '(list (tuple (a 1)) (tuple (a 1) (b 2)))' };
  const sanitizes = (c: { epoch: string }) => !['2.05', '2.1'].includes(c.epoch);
  for (const [name, expr, expect, repr] of tuples) {
    const reprAt = (c: { epoch: string }) => (sanitizes(c) ? repr : unsanitized[name] ?? repr);
    b.across(name, expr, ALL_COMBOS, () => expect, { fresh: true, reprAt });
  }
  return b.cases;
}
