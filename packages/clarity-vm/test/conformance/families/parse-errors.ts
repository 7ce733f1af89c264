// The lexer and parser: comments, whitespace, tuple sugar, identifiers, nesting-depth limits and
// malformed input. Epoch 2.05 uses the reference's first parser, 2.1 and later the second, so most
// cases run at both ends.
import { ALL_COMBOS, C1, C4, CaseBuilder, LATEST_COMBOS } from '../cases.ts';
import type { CorpusCase, Expectation } from '../cases.ts';
import { ORACLE_PARSER_V2 } from '../divergences.ts';

/** `depth` nested applications of `f` around `inner`. */
const nest = (f: string, depth: number, inner: string): string => `${`(${f} `.repeat(depth)}${inner}${')'.repeat(depth)}`;

/** Builds the parse-errors family. */
export function parseErrorsCases(): CorpusCase[] {
  const b = new CaseBuilder('parse-errors');
  const both = [C1, C4];

  const errors: readonly (readonly [string, string])[] = [
    ['unclosed-paren', '(+ 1 2'],
    ['extra-close-paren', '(+ 1 2))'],
    ['leading-close-paren', ')'],
    ['unclosed-nested', '(list (list 1 2)'],
    ['unclosed-tuple', '{a: 1'],
    ['close-brace-without-open', '(+ 1 2) }'],
    ['mismatched-brackets', '(list 1 2}'],
    ['square-brackets', '[1 2]'],
    ['number-then-letters', '(+ 1a 2)'],
    ['identifier-bad-char', '(let ((a#b 1)) 1)'],
    ['identifier-starts-with-digit', '(let ((1a 1)) 1)'],
    ['tuple-missing-colon', '{a 1}'],
    ['tuple-missing-value', '{a: }'],
    ['tuple-missing-key', '{: 1}'],
    ['tuple-colon-twice', '{a:: 1}'],
    ['tuple-trailing-comma-only', '{,}'],
    ['lone-quote', "'"],
    ['quote-before-list', "'(1 2)"],
    ['lone-dot', '.'],
    ['dot-then-space', '(is-eq . 1)'],
    ['trait-reference-in-expression', '<foo>'],
    ['unterminated-string', '"abc'],
    ['backslash-outside-string', '\\'],
    ['hash-character', '#t'],
    ['at-sign', '@foo'],
    ['comma-in-list', '(list 1, 2)'],
    ['single-semicolon-comment', '; single\n(+ 1 2)'],
    ['crlf-line-ending', '(+ 1\r\n2)'],
    ['no-space-between-lists', '(list (+ 1 2)(+ 3 4))'],
  ];
  for (const [name, expr] of errors) for (const combo of both) b.static(`error/${name}@${combo.epoch}`, expr, { combo });

  const accepted: readonly (readonly [string, string, string])[] = [
    ['comment-line-before', ';; a comment\n(+ 1 2)', '3'],
    ['comment-inside', '(+ 1 ;; one\n 2)', '3'],
    ['comment-at-end-without-newline', '(+ 1 2) ;; trailing', '3'],
    ['comment-holds-parens', ';; (((\n(+ 1 2)', '3'],
    ['tabs', '(+\t1\t2)', '3'],
    ['tuple-trailing-comma', '{a: 1,}', '(tuple (a 1))'],
    ['tuple-no-space-after-colon', '{a:1}', '(tuple (a 1))'],
    ['tuple-space-before-colon', '{a : 1}', '(tuple (a 1))'],
    ['tuple-nested-sugar', '{a: {b: {c: 1}}}', '(tuple (a (tuple (b (tuple (c 1))))))'],
    ['identifier-symbols', '(let ((a-b? 1) (c! 2) (d* 3) (e<=> 4)) (+ a-b? c! d* e<=>))', '10'],
    ['identifier-128-chars', `(let ((${'a'.repeat(128)} 1)) ${'a'.repeat(128)})`, '1'],
    ['empty-program', '', 'none'],
    ['only-comment', ';; nothing here', 'none'],
    ['several-top-level-values', '1 2 3', '3'],
    ['deep-nesting-20', nest('+', 20, '1'), '1'],
    ['deep-list-literal-20', nest('list', 20, '1'), `${'(list '.repeat(20)}1${')'.repeat(20)}`],
  ];
  // `{a:1}` at 2.05: the node's parser v1 rejects it, the oracle parses with v2 (divergences.ts).
  const v1Only = (name: string, combo: typeof C1) => (name === 'tuple-no-space-after-colon' && combo === C1 ? { divergence: ORACLE_PARSER_V2 } : {});
  for (const [name, expr, repr] of accepted)
    for (const combo of both) b.ok(`accepted/${name}@${combo.epoch}`, expr, repr, { combo, ...v1Only(name, combo) });
  b.static('error/identifier-129-chars', `(let ((${'a'.repeat(129)} 1)) 1)`);
  b.static('error/identifier-129-chars@2.05', `(let ((${'a'.repeat(129)} 1)) 1)`, { combo: C1 });

  // nesting depth: up to 64 evaluates; 65 to 68 pass analysis and hit the evaluator's stack limit
  // (a runtime error); from 69 the AST depth check rejects the program
  const beginDepth = (d: number): Expectation => (d <= 64 ? 'ok' : d <= 68 ? 'runtime' : 'static');
  for (const depth of [30, 60, 63, 64, 65, 66, 68, 69, 70, 100, 1000])
    b.across(`depth/begin-${depth}`, nest('begin', depth, '1'), LATEST_COMBOS, () => beginDepth(depth));
  // values whose type nests deeper than 32 are rejected by analysis
  for (const depth of [30, 31, 32, 33, 64, 65])
    b.across(`depth/tuple-sugar-${depth}`, `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`, [C1, C4], () => (depth <= 31 ? 'ok' : 'static'));
  for (const depth of [30, 31, 32, 33, 64, 65])
    b.across(`depth/optional-values-${depth}`, nest('some', depth, '1'), [C1, C4], () => (depth <= 31 ? 'ok' : 'static'));
  for (const depth of [30, 31, 32, 33])
    b.across(`depth/list-values-${depth}`, nest('list', depth, '1'), [C1, C4], () => (depth <= 31 ? 'ok' : 'static'));
  for (const depth of [100, 200])
    b.across(`depth/parens-only-${depth}`, `${'('.repeat(depth)}${')'.repeat(depth)}`, [C1, C4], () => 'static');

  // the same small programs through every (epoch, version)
  const everywhere: readonly (readonly [string, string, Expectation])[] = [
    ['unclosed', '(+ 1', 'static'],
    ['tuple-sugar', '{a: 1, b: 2}', 'ok'],
    ['comment', ';; c\n1', 'ok'],
    ['extra-close', '1)', 'static'],
  ];
  for (const [name, expr, expect] of everywhere) b.across(`versions/${name}`, expr, ALL_COMBOS, () => expect);
  return b.cases;
}
