// String and buffer literals and their values: ascii escapes, utf8 escapes and multi-byte
// characters (lengths count characters), buffer literal forms, and what the lexer refuses.
import { ALL_COMBOS, CaseBuilder } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';

/** Builds the strings-buffers family. */
export function stringsBuffersCases(): CorpusCase[] {
  const b = new CaseBuilder('strings-buffers');

  // ascii escapes (the value's bytes are what matters: checked through the buffer form)
  const asciiEscapes: readonly (readonly [string, string, string])[] = [
    ['newline', '"a\\nb"', '0x0d00000003610a62'],
    ['tab', '"a\\tb"', '0x0d00000003610962'],
    ['carriage-return', '"a\\rb"', '0x0d00000003610d62'],
    ['backslash', '"a\\\\b"', '0x0d00000003615c62'],
    ['quote', '"a\\"b"', '0x0d00000003612262'],
  ];
  for (const [name, lit, hex] of asciiEscapes) b.ok(`ascii-escape/${name}`, `(is-eq (unwrap-panic (to-consensus-buff? ${lit})) ${hex})`, 'true');
  for (const [name, lit] of asciiEscapes) b.ok(`ascii-escape/${name}-len`, `(len ${lit})`, 'u3');
  b.static('ascii-escape/nul-is-not-ascii-printable', '"a\\0b"');
  b.static('ascii-escape/unknown-escape', '"a\\qb"');
  b.static('ascii-escape/unicode-escape-in-ascii', '"\\u{41}"');
  b.static('ascii-escape/hex-escape', '"\\x41"');
  b.static('ascii/raw-non-ascii', '"caf\u00e9"');
  b.static('ascii/unterminated', '"abc');
  b.static('ascii/raw-newline-inside', '(len "a\nb")');
  b.ok('ascii/semicolon-is-not-comment', '(len "a;b")', 'u3');
  b.ok('ascii/parens-inside', '(len "(+ 1 2)")', 'u7');
  b.ok('ascii/empty', '""', '""');
  b.ok('ascii/printable-range', '(len " !#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~")', 'u93');
  b.ok('ascii/define-substring-in-literal', '(len "(define-constant x 1)")', 'u21');

  // utf8 literals: \u{...} escapes, lengths in characters, bytes in the serialization
  const utf8: readonly (readonly [string, string, string, string])[] = [
    ['ascii-only', 'u"abc"', 'u3', '0x0e00000003616263'],
    ['two-byte', 'u"\\u{e9}"', 'u1', '0x0e00000002c3a9'],
    ['three-byte', 'u"\\u{4E2D}"', 'u1', '0x0e00000003e4b8ad'],
    ['four-byte', 'u"\\u{1F600}"', 'u1', '0x0e00000004f09f9880'],
    ['mixed', 'u"a\\u{e9}\\u{4E2D}\\u{1F600}"', 'u4', '0x0e0000000a61c3a9e4b8adf09f9880'],
    ['leading-zeros', 'u"\\u{0041}"', 'u1', '0x0e0000000141'],
    ['max-code-point', 'u"\\u{10FFFF}"', 'u1', '0x0e00000004f48fbfbf'],
    ['nul', 'u"\\u{0}"', 'u1', '0x0e0000000100'],
    ['escaped-newline', 'u"a\\nb"', 'u3', '0x0e00000003610a62'],
    ['escaped-quote', 'u"\\""', 'u1', '0x0e0000000122'],
    ['empty', 'u""', 'u0', '0x0e00000000'],
  ];
  for (const [name, lit, len, hex] of utf8) {
    b.ok(`utf8/${name}-len`, `(len ${lit})`, len);
    b.ok(`utf8/${name}-bytes`, `(is-eq (unwrap-panic (to-consensus-buff? ${lit})) ${hex})`, 'true');
  }
  b.static('utf8/raw-two-byte-char', 'u"caf\u00e9"');
  b.static('utf8/raw-emoji', 'u"\u{1F600}"');
  b.static('utf8/surrogate-escape', 'u"\\u{D800}"');
  b.static('utf8/too-large-escape', 'u"\\u{110000}"');
  b.static('utf8/empty-escape', 'u"\\u{}"');
  b.static('utf8/unclosed-escape', 'u"\\u{41"');
  b.static('utf8/non-hex-escape', 'u"\\u{zz}"');
  b.static('utf8/unterminated', 'u"abc');
  b.ok('utf8/element-multibyte', '(element-at? u"\\u{e9}\\u{1F600}" u1)', '(some u"\u{1F600}")');
  b.ok('utf8/index-of-multibyte', '(index-of? u"a\\u{e9}\\u{1F600}" u"\\u{1F600}")', '(some u2)');
  b.ok('utf8/concat-lengths', '(len (concat u"\\u{1F600}\\u{1F600}" u"ab"))', 'u4');
  b.ok('utf8/replace-multibyte', '(replace-at? u"a\\u{e9}c" u1 u"\\u{1F600}")', '(some u"a\u{1F600}c")');
  b.ok('utf8/slice-multibyte', '(slice? u"\\u{4E2D}\\u{6587}\\u{5B57}" u1 u3)', '(some u"\u6587\u5B57")');
  b.ok('utf8/equal-different-escape-case', '(is-eq u"\\u{4e2d}" u"\\u{4E2D}")', 'true');
  b.ok('utf8/as-max-len-counts-chars', '(is-some (as-max-len? u"\\u{1F600}\\u{1F600}" u2))', 'true');
  b.ok('utf8/type-length-counts-chars', '(define-data-var s (string-utf8 2) u"\\u{1F600}\\u{1F600}") (var-get s)', 'u"\u{1F600}\u{1F600}"');
  b.static('utf8/type-length-exceeded', '(define-data-var s (string-utf8 1) u"\\u{1F600}\\u{1F600}") (var-get s)');

  // buffer literals
  const buffs: readonly (readonly [string, string, string, string])[] = [
    ['empty', '0x', '0x', 'u0'],
    ['one-byte', '0x00', '0x00', 'u1'],
    ['upper-case', '0xABCDEF', '0xabcdef', 'u3'],
    ['mixed-case', '0xAbCd', '0xabcd', 'u2'],
    ['ff', '0xff', '0xff', 'u1'],
    ['32-bytes', `0x${'ab'.repeat(32)}`, `0x${'ab'.repeat(32)}`, 'u32'],
  ];
  for (const [name, lit, repr, len] of buffs) {
    b.ok(`buff/${name}`, lit, repr);
    b.ok(`buff/${name}-len`, `(len ${lit})`, len);
  }
  b.static('buff/odd-length', '0x123');
  b.static('buff/non-hex', '0xzz');
  b.static('buff/capital-X', '0X12');
  b.static('buff/space-inside', '(len 0x12 34)');
  b.ok('buff/large', `(len 0x${'00'.repeat(1024)})`, 'u1024');
  b.ok('buff/concat', '(concat 0x0102 0x0304)', '0x01020304');
  b.ok('buff/element-is-buff-1', '(element-at? 0xff00 u0)', '(some 0xff)');
  b.ok('buff/type-length', '(define-data-var v (buff 2) 0x0102) (var-get v)', '0x0102');
  b.static('buff/type-length-exceeded', '(define-data-var v (buff 1) 0x0102) (var-get v)');
  b.ok('buff/in-tuple', '{b: 0x01}', '(tuple (b 0x01))');

  // string types in function signatures
  b.ok('types/ascii-arg', '(define-private (f (s (string-ascii 5))) (len s)) (f "abc")', 'u3');
  b.static('types/ascii-arg-too-long', '(define-private (f (s (string-ascii 2))) (len s)) (f "abc")');
  b.static('types/utf8-for-ascii', '(define-private (f (s (string-ascii 5))) (len s)) (f u"abc")');
  b.static('types/ascii-for-utf8', '(define-private (f (s (string-utf8 5))) (len s)) (f "abc")');
  b.static('types/buff-for-ascii', '(define-private (f (s (string-ascii 5))) (len s)) (f 0x61)');
  b.ok('types/utf8-arg', '(define-private (f (s (string-utf8 2))) (len s)) (f u"\\u{1F600}\\u{1F600}")', 'u2');
  b.ok('types/if-widens-length', '(len (if true "a" "abc"))', 'u1');
  b.ok('types/list-of-strings-widens', '(len (list "a" "abcdef"))', 'u2');

  // every version reads the same literals
  b.across('versions/utf8-len', '(len u"a\\u{1F600}")', ALL_COMBOS, () => 'ok', { repr: 'u2' });
  b.across('versions/ascii-escape', '(len "\\"\\\\\\n")', ALL_COMBOS, () => 'ok', { repr: 'u3' });
  b.across('versions/buff-concat', '(concat 0x 0xAB)', ALL_COMBOS, () => 'ok', { repr: '0xab' });
  return b.cases;
}
