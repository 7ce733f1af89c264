// Optionals and responses: some/none/ok/err, is-some/is-none/is-ok/is-err, default-to,
// unwrap-panic/unwrap-err-panic, match, and the type checker's handling of indeterminate types.
import { ALL_COMBOS, CaseBuilder } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';

/** Builds the optionals-responses family. */
export function optionalsResponsesCases(): CorpusCase[] {
  const b = new CaseBuilder('optionals-responses');

  const oks: readonly (readonly [string, string, string])[] = [
    ['some', '(some 1)', '(some 1)'],
    ['none', 'none', 'none'],
    ['ok', '(ok u1)', '(ok u1)'],
    ['err', '(err "e")', '(err "e")'],
    ['nested-some', '(some (some none))', '(some (some none))'],
    ['ok-of-err', '(ok (err 1))', '(ok (err 1))'],
    ['is-some-some', '(is-some (some 1))', 'true'],
    ['is-some-none', '(is-some none)', 'false'],
    ['is-none-none', '(is-none none)', 'true'],
    ['is-none-some', '(is-none (some u0))', 'false'],
    ['is-ok-ok', '(is-ok (ok 1))', 'true'],
    ['is-ok-err', '(is-ok (err 1))', 'false'],
    ['is-err-err', '(is-err (err 1))', 'true'],
    ['is-err-ok', '(is-err (ok 1))', 'false'],
    ['default-to-some', '(default-to 0 (some 5))', '5'],
    ['default-to-none', '(default-to 7 none)', '7'],
    ['default-to-typed-none', '(default-to 7 (if true none (some 1)))', '7'],
    ['default-to-nested', '(default-to (some 1) (some (some 2)))', '(some 2)'],
    ['default-to-list-widens', '(default-to (list 1 2 3) (some (list 1)))', '(list 1)'],
    ['unwrap-panic-some', '(unwrap-panic (some 5))', '5'],
    ['unwrap-panic-ok', '(unwrap-panic (ok u5))', 'u5'],
    ['unwrap-err-panic-err', '(unwrap-err-panic (err u3))', 'u3'],
    ['match-some', '(match (some 5) v (+ v 1) 0)', '6'],
    ['match-none', '(match (if true none (some 5)) v (+ v 1) 0)', '0'],
    ['match-ok', '(match (if true (ok 1) (err u2)) v (to-uint v) e e)', 'u1'],
    ['match-err', '(match (if true (err u2) (ok 1)) v (to-uint v) e e)', 'u2'],
    ['match-binding-shadows-nothing', '(let ((x 10)) (match (some 1) y (+ x y) x))', '11'],
    ['match-branches-unify-optional', '(match (some 1) v (some v) none)', '(some 1)'],
    ['match-nested', '(match (some (if true (ok 3) (err u0))) r (match r v v e 0) -1)', '3'],
    ['list-of-optionals', '(list (some 1) none)', '(list (some 1) none)'],
    ['if-unifies-some-none', '(if false (some 1) none)', 'none'],
    ['if-unifies-ok-err', '(if false (ok 1) (err u1))', '(err u1)'],
    ['tuple-with-optional', '{a: none, b: (some u1)}', '(tuple (a none) (b (some u1)))'],
    ['get-on-optional-tuple', '(get a (some {a: 1}))', '(some 1)'],
    ['get-on-none-tuple', '(get a (if true none (some {a: 1})))', 'none'],
  ];
  for (const [name, expr, repr] of oks) b.ok(`value/${name}`, expr, repr);

  b.runtime('unwrap-panic/none', '(unwrap-panic (if true none (some 1)))');
  b.runtime('unwrap-panic/err', '(unwrap-panic (if true (err u1) (ok 1)))');
  b.runtime('unwrap-err-panic/ok', '(unwrap-err-panic (if true (ok 1) (err u1)))');
  b.runtime('unwrap-panic/inside-let', '(let ((x (if true none (some 1)))) (+ 1 (unwrap-panic x)))');
  b.static('unwrap-panic/bare-none-indeterminate', '(unwrap-panic none)');
  b.static('unwrap-panic/bare-err-indeterminate', '(unwrap-panic (err u1))');
  b.static('unwrap-err-panic/bare-ok-indeterminate', '(unwrap-err-panic (ok 1))');
  b.static('unwrap-err-panic/optional', '(unwrap-err-panic (some 1))');
  b.static('unwrap-panic/not-optional', '(unwrap-panic 5)');
  b.static('default-to/type-mismatch', '(default-to u0 (some 5))');
  b.static('default-to/not-optional', '(default-to 0 5)');
  b.static('default-to/response', '(default-to 0 (ok 5))');
  b.static('is-some/response', '(is-some (ok 1))');
  b.static('is-ok/optional', '(is-ok (some 1))');
  b.static('is-none/int', '(is-none 1)');
  b.static('is-err/two-args', '(is-err (err 1) (err 2))');
  b.static('some/two-args', '(some 1 2)');
  b.static('ok/no-args', '(ok)');
  b.static('err/two-args', '(err 1 2)');
  b.static('match/optional-wrong-arity', '(match (some 1) v v)');
  b.static('match/response-wrong-arity', '(match (ok 1) v v 0)');
  b.static('match/branch-types-differ', '(match (some 1) v v u0)');
  b.static('match/not-optional-or-response', '(match 5 v v 0)');
  b.static('match/binding-name-reused', '(let ((v 1)) (match (some 2) v v 0))');
  b.static('match/same-ok-err-names', '(match (if true (ok 1) (err 2)) x x x)');
  b.static('match/indeterminate-none', '(match none v v 0)');
  b.static('match/indeterminate-err-type', '(match (some (ok 3)) r (match r v v e 0) -1)');
  b.static('match/binding-not-a-name', '(match (some 1) 5 5 0)');
  b.static('if/branch-types-differ', '(if true (some 1) (some u1))');
  b.static('list/optional-inner-types-differ', '(list (some 1) (some u1))');
  b.ok('list/response-both-sides-known', '(list (ok 1) (err u1) (ok 2))', '(list (ok 1) (err u1) (ok 2))');
  b.static('list/response-err-types-differ', '(list (err 1) (err u1))');

  // the same checks at every version
  b.across('versions/match-some', '(match (some 2) v (* v 10) 0)', ALL_COMBOS, () => 'ok', { repr: '20' });
  b.across('versions/unwrap-panic-none', '(unwrap-panic (if true none (some 1)))', ALL_COMBOS, () => 'runtime');
  b.across('versions/unwrap-panic-bare-none', '(unwrap-panic none)', ALL_COMBOS, () => 'static');
  b.across('versions/default-to', '(default-to u9 none)', ALL_COMBOS, () => 'ok', { repr: 'u9' });
  return b.cases;
}
