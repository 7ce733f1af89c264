// Comparison and logic: < > <= >= (ints; strings and buffers from Clarity 2), is-eq over every
// value type, and / or / not with their short-circuit evaluation.
import { ALL_COMBOS, CaseBuilder, DEPLOYER, INT_MAX, INT_MIN, UINT_MAX } from '../cases.ts';
import { DEPLOYER_MAINNET } from '../fixtures.ts';
import type { CorpusCase } from '../cases.ts';

const OPS = { '<': (a: number) => a < 0, '>': (a: number) => a > 0, '<=': (a: number) => a <= 0, '>=': (a: number) => a >= 0 } as const;
const OP_NAMES = { '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge' } as const;

const cmpBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
/** Byte-wise lexicographic comparison, as the reference orders strings and buffers. */
function cmpBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const hexBytes = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));

/** Builds the comparison family. */
export function comparisonCases(): CorpusCase[] {
  const b = new CaseBuilder('comparison');

  const ints: readonly (readonly [string, bigint])[] = [
    ['min', INT_MIN], ['min+1', INT_MIN + 1n], ['-1', -1n], ['0', 0n], ['1', 1n], ['max', INT_MAX],
  ];
  const uints: readonly (readonly [string, bigint])[] = [['0', 0n], ['1', 1n], ['max-1', UINT_MAX - 1n], ['max', UINT_MAX]];
  for (const op of Object.keys(OPS) as (keyof typeof OPS)[]) {
    for (const [an, a] of ints)
      for (const [bn, bv] of ints)
        b.ok(`${OP_NAMES[op]}/int/${an},${bn}`, `(${op} ${a} ${bv})`, String(OPS[op](cmpBig(a, bv))));
    for (const [an, a] of uints)
      for (const [bn, bv] of uints)
        b.ok(`${OP_NAMES[op]}/uint/${an},${bn}`, `(${op} u${a} u${bv})`, String(OPS[op](cmpBig(a, bv))));
  }

  // Clarity 2 orders string-ascii, string-utf8 and buffers byte-wise
  const asciiPairs: readonly (readonly [string, string])[] = [
    ['a', 'b'], ['abc', 'abd'], ['ab', 'abc'], ['', ''], ['', 'a'], ['B', 'a'], ['z', 'aa'], ['same', 'same'],
  ];
  const utf8Pairs: readonly (readonly [string, string, string, string])[] = [
    ['a', 'e-acute', 'a', '\\u{e9}'],
    ['e-acute', 'grin', '\\u{e9}', '\\u{1F600}'],
    ['grin', 'z', '\\u{1F600}', 'z'],
    ['empty', 'a', '', 'a'],
    ['prefix', 'longer', '\\u{e9}', '\\u{e9}a'],
  ];
  const utf8Text: Record<string, string> = { a: 'a', 'e-acute': '\u00e9', grin: '\u{1F600}', z: 'z', empty: '', prefix: '\u00e9', longer: '\u00e9a' };
  const buffPairs: readonly (readonly [string, string])[] = [
    ['01', '02'], ['01', '0100'], ['', '00'], ['ff', '0100'], ['0102', '0102'], ['7f', '80'],
  ];
  for (const op of Object.keys(OPS) as (keyof typeof OPS)[]) {
    for (const [x, y] of asciiPairs)
      b.ok(`${OP_NAMES[op]}/ascii/"${x}","${y}"`, `(${op} "${x}" "${y}")`, String(OPS[op](cmpBytes(utf8(x), utf8(y)))));
    for (const [xn, yn, x, y] of utf8Pairs)
      b.ok(`${OP_NAMES[op]}/utf8/${xn},${yn}`, `(${op} u"${x}" u"${y}")`, String(OPS[op](cmpBytes(utf8(utf8Text[xn]!), utf8(utf8Text[yn]!)))));
    for (const [x, y] of buffPairs)
      b.ok(`${OP_NAMES[op]}/buff/0x${x},0x${y}`, `(${op} 0x${x} 0x${y})`, String(OPS[op](cmpBytes(hexBytes(x), hexBytes(y)))));
  }
  // sequence comparison is a Clarity 2 feature
  b.across('gate/lt-ascii', '(< "a" "b")', ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { repr: 'true' });
  b.across('gate/ge-buff', '(>= 0x02 0x01)', ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { repr: 'true' });
  b.across('gate/gt-utf8', '(> u"b" u"a")', ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { repr: 'true' });
  b.across('gate/le-int', '(<= -1 0)', ALL_COMBOS, () => 'ok', { repr: 'true' });

  // comparison type errors
  const bad: readonly (readonly [string, string])[] = [
    ['int-uint', '(< 1 u1)'],
    ['uint-int', '(> u1 1)'],
    ['ascii-utf8', '(< "a" u"a")'],
    ['buff-ascii', '(< 0x61 "a")'],
    ['list', '(< (list 1) (list 2))'],
    ['bool', '(< true false)'],
    ['optional', '(> (some 1) (some 2))'],
    ['principal', '(< tx-sender tx-sender)'],
    ['tuple', '(< {a: 1} {a: 2})'],
    ['one-arg', '(< 1)'],
    ['three-args', '(< 1 2 3)'],
    ['no-args', '(>=)'],
  ];
  for (const [name, expr] of bad) b.static(`type/${name}`, expr);

  // is-eq across value types
  const eq: readonly (readonly [string, string, string])[] = [
    ['int-equal', '(is-eq 1 1)', 'true'],
    ['int-differ', '(is-eq 1 2)', 'false'],
    ['int-bounds', '(is-eq -170141183460469231731687303715884105728 170141183460469231731687303715884105727)', 'false'],
    ['uint', '(is-eq u340282366920938463463374607431768211455 u340282366920938463463374607431768211455)', 'true'],
    ['variadic-all-equal', '(is-eq 3 3 3 3)', 'true'],
    ['variadic-last-differs', '(is-eq 3 3 3 4)', 'false'],
    ['variadic-first-differs', '(is-eq 4 3 3 3)', 'false'],
    ['single-arg', '(is-eq 1)', 'true'],
    ['bool', '(is-eq true true)', 'true'],
    ['bool-differ', '(is-eq true false)', 'false'],
    ['buff', '(is-eq 0x0102 0x0102)', 'true'],
    ['buff-case-insensitive-literal', '(is-eq 0xABCD 0xabcd)', 'true'],
    ['buff-prefix', '(is-eq 0x01 0x0100)', 'false'],
    ['buff-empty', '(is-eq 0x 0x)', 'true'],
    ['ascii', '(is-eq "abc" "abc")', 'true'],
    ['ascii-case', '(is-eq "abc" "ABC")', 'false'],
    ['ascii-empty', '(is-eq "" "")', 'true'],
    ['utf8', '(is-eq u"\\u{e9}" u"\\u{e9}")', 'true'],
    ['utf8-escape-forms', '(is-eq u"\\u{e9}" u"\\u{E9}")', 'true'],
    ['list', '(is-eq (list 1 2 3) (list 1 2 3))', 'true'],
    ['list-length-differs', '(is-eq (list 1 2) (list 1 2 3))', 'false'],
    ['list-order', '(is-eq (list 1 2) (list 2 1))', 'false'],
    ['list-nested', '(is-eq (list (list 1) (list)) (list (list 1) (list)))', 'true'],
    ['tuple', '(is-eq {a: 1, b: u2} {a: 1, b: u2})', 'true'],
    ['tuple-key-order', '(is-eq {a: 1, b: u2} {b: u2, a: 1})', 'true'],
    ['tuple-value-differs', '(is-eq {a: 1, b: u2} {a: 1, b: u3})', 'false'],
    ['tuple-form', '(is-eq (tuple (a 1)) {a: 1})', 'true'],
    ['some', '(is-eq (some 1) (some 1))', 'true'],
    ['some-none', '(is-eq (some 1) none)', 'false'],
    ['none-some', '(is-eq none (some 1))', 'false'],
    ['ok-err', '(is-eq (ok 1) (err u1))', 'false'],
    ['err-err', '(is-eq (err u1) (err u1))', 'true'],
    ['ok-ok-differ', '(is-eq (ok 1) (ok 2))', 'false'],
    ['principal-standard', "(is-eq tx-sender 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM)", 'true'],
    ['principal-other', "(is-eq tx-sender 'ST1SJ3DTE5DN7X54YDH5D64R3BCB6A2AG2ZQ8YPD5)", 'false'],
    ['principal-contract', "(is-eq 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.a 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.a)", 'true'],
    ['principal-contract-vs-standard', "(is-eq 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.a 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM)", 'false'],
    ['principal-mainnet-vs-testnet', `(is-eq '${DEPLOYER_MAINNET} '${DEPLOYER})`, 'false'],
    ['empty-lists', '(is-eq (list) (list))', 'true'],
    ['nested-response', '(is-eq (ok (some (list 1))) (ok (some (list 1))))', 'true'],
  ];
  for (const [name, expr, repr] of eq) b.ok(`is-eq/${name}`, expr, repr);
  const eqBad: readonly (readonly [string, string])[] = [
    ['int-uint', '(is-eq 1 u1)'],
    ['ascii-utf8', '(is-eq "a" u"a")'],
    ['buff-ascii', '(is-eq 0x61 "a")'],
    ['list-element-types', '(is-eq (list 1) (list u1))'],
    ['tuple-keys-differ', '(is-eq {a: 1} {b: 1})'],
    ['tuple-value-types', '(is-eq {a: 1} {a: u1})'],
    ['variadic-third-wrong', '(is-eq 1 1 u1)'],
    ['no-args', '(is-eq)'],
    ['optional-inner-types', '(is-eq (some 1) (some u1))'],
  ];
  for (const [name, expr] of eqBad) b.static(`is-eq-type/${name}`, expr);

  // and / or / not
  const logic: readonly (readonly [string, string, string])[] = [
    ['and-single', '(and true)', 'true'],
    ['and-all-true', '(and true true true)', 'true'],
    ['and-one-false', '(and true false true)', 'false'],
    ['or-single', '(or false)', 'false'],
    ['or-one-true', '(or false true false)', 'true'],
    ['or-all-false', '(or false false)', 'false'],
    ['not-true', '(not true)', 'false'],
    ['not-false', '(not false)', 'true'],
    ['not-not', '(not (not true))', 'true'],
    ['and-short-circuit', '(and false (is-eq (/ 1 0) 0))', 'false'],
    ['or-short-circuit', '(or true (is-eq (/ 1 0) 0))', 'true'],
    ['and-short-circuit-unwrap', '(and (is-some (if true none (some 1))) (unwrap-panic (if true none (some true))))', 'false'],
    ['nested', '(or (and true false) (not (and false true)))', 'true'],
    ['with-comparisons', '(and (< 1 2) (>= u5 u5) (is-eq "a" "a"))', 'true'],
  ];
  for (const [name, expr, repr] of logic) b.ok(`logic/${name}`, expr, repr);
  b.runtime('logic/and-evaluates-until-false', '(and true (is-eq (/ 1 0) 0))');
  b.runtime('logic/or-evaluates-until-true', '(or false (is-eq (/ 1 0) 0))');
  const logicBad: readonly (readonly [string, string])[] = [
    ['and-int', '(and true 1)'],
    ['or-uint', '(or u1)'],
    ['not-int', '(not 1)'],
    ['not-two-args', '(not true false)'],
    ['not-no-args', '(not)'],
    ['and-optional', '(and (some true))'],
  ];
  for (const [name, expr] of logicBad) b.static(`logic-type/${name}`, expr);
  b.across('logic/and-no-args', '(and)', ALL_COMBOS.filter((c) => c.clarity_version === 1 || c.clarity_version === 4), () => 'static');
  b.across('logic/or-no-args', '(or)', ALL_COMBOS.filter((c) => c.clarity_version === 1 || c.clarity_version === 4), () => 'static');

  return b.cases;
}
