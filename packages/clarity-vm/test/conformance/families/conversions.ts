// Conversions: to-int, to-uint, int-to-ascii, int-to-utf8, string-to-int?, string-to-uint?,
// buff-to-int-le/be, buff-to-uint-le/be (Clarity 2 for all but to-int/to-uint).
import { ALL_COMBOS, CaseBuilder, INT_MAX, INT_MIN, UINT_MAX } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';

/** Builds the conversions family. */
export function conversionsCases(): CorpusCase[] {
  const b = new CaseBuilder('conversions');

  for (const v of [0n, 1n, INT_MAX - 1n, INT_MAX]) b.ok(`to-int/u${v}`, `(to-int u${v})`, `${v}`);
  for (const v of [INT_MAX + 1n, UINT_MAX]) b.runtime(`to-int/u${v}`, `(to-int u${v})`);
  for (const v of [0n, 1n, INT_MAX]) b.ok(`to-uint/${v}`, `(to-uint ${v})`, `u${v}`);
  for (const v of [-1n, INT_MIN]) b.runtime(`to-uint/${v}`, `(to-uint ${v})`);
  b.ok('to-int/roundtrip', '(to-uint (to-int u42))', 'u42');
  b.static('to-int/int-arg', '(to-int 1)');
  b.static('to-uint/uint-arg', '(to-uint u1)');
  b.static('to-int/string-arg', '(to-int "1")');
  b.static('to-int/two-args', '(to-int u1 u2)');

  // int-to-ascii / int-to-utf8: decimal text, no `u` prefix for uints
  const numbers: readonly (readonly [string, string, string])[] = [
    ['zero', '0', '0'],
    ['negative', '-42', '-42'],
    ['int-max', `${INT_MAX}`, `${INT_MAX}`],
    ['int-min', `${INT_MIN}`, `${INT_MIN}`],
    ['uint-zero', 'u0', '0'],
    ['uint-max', `u${UINT_MAX}`, `${UINT_MAX}`],
  ];
  for (const [name, lit, text] of numbers) {
    b.ok(`int-to-ascii/${name}`, `(int-to-ascii ${lit})`, `"${text}"`);
    b.ok(`int-to-utf8/${name}`, `(int-to-utf8 ${lit})`, `u"${text}"`);
  }
  b.static('int-to-ascii/string-arg', '(int-to-ascii "1")');
  b.static('int-to-utf8/bool-arg', '(int-to-utf8 true)');
  b.ok('int-to-ascii/len-of-min', `(len (int-to-ascii ${INT_MIN}))`, 'u40');

  // string-to-int? / string-to-uint?: strict decimal, no sign for uint, no spaces, in range
  const toInt: readonly (readonly [string, string, string])[] = [
    ['zero', '"0"', '(some 0)'],
    ['negative-zero', '"-0"', '(some 0)'],
    ['positive', '"123"', '(some 123)'],
    ['negative', '"-123"', '(some -123)'],
    ['leading-zeros', '"007"', '(some 7)'],
    ['max', `"${INT_MAX}"`, `(some ${INT_MAX})`],
    ['min', `"${INT_MIN}"`, `(some ${INT_MIN})`],
    ['max+1', `"${INT_MAX + 1n}"`, 'none'],
    ['min-1', `"${INT_MIN - 1n}"`, 'none'],
    ['plus-sign', '"+1"', '(some 1)'],
    ['plus-minus', '"+-1"', 'none'],
    ['empty', '""', 'none'],
    ['minus-only', '"-"', 'none'],
    ['leading-space', '" 1"', 'none'],
    ['trailing-space', '"1 "', 'none'],
    ['letters', '"12a"', 'none'],
    ['uint-prefix', '"u1"', 'none'],
    ['decimal-point', '"1.0"', 'none'],
    ['hex', '"0x10"', 'none'],
    ['utf8-digits', 'u"42"', '(some 42)'],
    ['utf8-negative', 'u"-42"', '(some -42)'],
    ['utf8-arabic-digit', 'u"\\u{0661}"', 'none'],
    ['utf8-fullwidth-digit', 'u"\\u{FF11}"', 'none'],
  ];
  for (const [name, lit, repr] of toInt) b.ok(`string-to-int/${name}`, `(string-to-int? ${lit})`, repr);
  const toUint: readonly (readonly [string, string, string])[] = [
    ['zero', '"0"', '(some u0)'],
    ['positive', '"123"', '(some u123)'],
    ['max', `"${UINT_MAX}"`, `(some u${UINT_MAX})`],
    ['max+1', `"${UINT_MAX + 1n}"`, 'none'],
    ['negative', '"-1"', 'none'],
    ['negative-zero', '"-0"', 'none'],
    ['plus-sign', '"+1"', '(some u1)'],
    ['plus-only', '"+"', 'none'],
    ['empty', '""', 'none'],
    ['u-prefix', '"u5"', 'none'],
    ['leading-zeros', '"0001"', '(some u1)'],
    ['utf8', 'u"99"', '(some u99)'],
    ['utf8-letters', 'u"9\\u{e9}"', 'none'],
  ];
  for (const [name, lit, repr] of toUint) b.ok(`string-to-uint/${name}`, `(string-to-uint? ${lit})`, repr);
  b.static('string-to-int/int-arg', '(string-to-int? 1)');
  b.static('string-to-uint/buff-arg', '(string-to-uint? 0x31)');
  b.ok('string-to-int/roundtrip', `(string-to-int? (int-to-ascii ${INT_MIN}))`, `(some ${INT_MIN})`);

  // buffers to integers: up to 16 bytes, zero-extended (no sign extension of short buffers)
  const ones16 = 'ff'.repeat(16);
  const bufs: readonly (readonly [string, string, string, string, string, string])[] = [
    // name, buffer, int-le, int-be, uint-le, uint-be
    ['empty', '0x', '0', '0', 'u0', 'u0'],
    ['one', '0x01', '1', '1', 'u1', 'u1'],
    ['ff', '0xff', '255', '255', 'u255', 'u255'],
    ['two-bytes', '0x0102', '513', '258', 'u513', 'u258'],
    ['all-ones', `0x${ones16}`, '-1', '-1', `u${UINT_MAX}`, `u${UINT_MAX}`],
    ['sign-bit-be', `0x80${'00'.repeat(15)}`, '128', `${INT_MIN}`, 'u128', `u${1n << 127n}`],
    ['sign-bit-le', `0x${'00'.repeat(15)}80`, `${INT_MIN}`, '128', `u${1n << 127n}`, 'u128'],
    ['fifteen-ff', `0x${'ff'.repeat(15)}`, `${(1n << 120n) - 1n}`, `${(1n << 120n) - 1n}`, `u${(1n << 120n) - 1n}`, `u${(1n << 120n) - 1n}`],
  ];
  for (const [name, buf, ile, ibe, ule, ube] of bufs) {
    b.ok(`buff-to-int-le/${name}`, `(buff-to-int-le ${buf})`, ile);
    b.ok(`buff-to-int-be/${name}`, `(buff-to-int-be ${buf})`, ibe);
    b.ok(`buff-to-uint-le/${name}`, `(buff-to-uint-le ${buf})`, ule);
    b.ok(`buff-to-uint-be/${name}`, `(buff-to-uint-be ${buf})`, ube);
  }
  const seventeen = `0x${'01'.repeat(17)}`;
  for (const f of ['buff-to-int-le', 'buff-to-int-be', 'buff-to-uint-le', 'buff-to-uint-be']) {
    b.static(`${f}/17-bytes`, `(${f} ${seventeen})`);
    b.static(`${f}/string-arg`, `(${f} "a")`);
  }
  b.ok('buff-to-uint-be/from-slice', '(buff-to-uint-be (unwrap-panic (slice? 0x00112233 u1 u3)))', 'u4386');
  b.static('buff-to-int-be/slice-keeps-source-max-len', '(buff-to-int-be (unwrap-panic (slice? (unwrap-panic (to-consensus-buff? -5)) u1 u17)))');
  b.ok('buff-to-int-be/roundtrip-consensus', '(buff-to-int-be (unwrap-panic (as-max-len? (unwrap-panic (slice? (unwrap-panic (to-consensus-buff? -5)) u1 u17)) u16)))', '-5');

  // Clarity 2 gates
  const gated: readonly (readonly [string, string, string])[] = [
    ['int-to-ascii', '(int-to-ascii 5)', '"5"'],
    ['int-to-utf8', '(int-to-utf8 5)', 'u"5"'],
    ['string-to-int', '(string-to-int? "5")', '(some 5)'],
    ['string-to-uint', '(string-to-uint? "5")', '(some u5)'],
    ['buff-to-int-le', '(buff-to-int-le 0x05)', '5'],
    ['buff-to-uint-be', '(buff-to-uint-be 0x05)', 'u5'],
  ];
  for (const [name, expr, repr] of gated)
    b.across(`gate/${name}`, expr, ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { repr });
  b.across('gate/to-int', '(to-int u5)', ALL_COMBOS, () => 'ok', { repr: '5' });
  return b.cases;
}
