// Lexer of parser v2. Cases follow the reference's lexer tests
// (clarity/src/vm/ast/parser/v2/lexer/mod.rs: read_tokens, read_multiple_tokens,
// check_lexer_error_span, read_contract_identifier, read_trait_reference), in fail-fast mode: the
// first diagnostic the reference records is the error we throw.
import { describe, it, expect } from 'vitest';
import { tokenize } from '../../../src/parser/lexer.ts';
import type { TokenKind } from '../../../src/parser/lexer.ts';
import { expectParseError, sp } from './helpers.ts';

/** The kinds and payloads of all tokens but the final `Eof`. */
function kinds(src: string): Array<[TokenKind, string]> {
  const tokens = tokenize(src);
  expect(tokens[tokens.length - 1]!.kind).toBe('Eof');
  return tokens.slice(0, -1).map((t) => [t.kind, t.text]);
}

function one(src: string): [TokenKind, string] {
  const ks = kinds(src);
  expect(ks).toHaveLength(1);
  return ks[0]!;
}

function lexErr(src: string, code: Parameters<typeof expectParseError>[1], span?: ReturnType<typeof sp>, args?: unknown[]) {
  return expectParseError(() => tokenize(src), code, { group: 'Lexer', ...(span ? { span } : {}), ...(args ? { args } : {}) });
}

describe('v2 lexer: token kinds (read_tokens)', () => {
  it('empty input is just Eof', () => {
    expect(tokenize('')).toEqual([{ kind: 'Eof', text: '', span: sp(1, 1, 1) }]);
  });

  it('whitespace: space, tab and newline collapse into one token', () => {
    expect(one(' ')).toEqual(['Whitespace', '']);
    expect(one('\t')).toEqual(['Whitespace', '']);
    expect(one('\n')).toEqual(['Whitespace', '']);
    expect(one(' \t\n\n  ')).toEqual(['Whitespace', '']);
  });

  it('a carriage return is UnsupportedLineEnding', () => {
    lexErr('\r', 'UnsupportedLineEnding', sp(1, 1, 1));
    lexErr('(a)\r\n', 'UnsupportedLineEnding', sp(1, 4, 4));
    lexErr(';; this is a comment\r\n', 'UnsupportedLineEnding');
  });

  it('punctuation', () => {
    expect(one('(')).toEqual(['Lparen', '']);
    expect(one(')')).toEqual(['Rparen', '']);
    expect(one('{')).toEqual(['Lbrace', '']);
    expect(one('}')).toEqual(['Rbrace', '']);
    expect(one(':')).toEqual(['Colon', '']);
    expect(one(',')).toEqual(['Comma', '']);
    expect(one('.')).toEqual(['Dot', '']);
  });

  it('integers, with leading zeros and a sign', () => {
    expect(one('123')).toEqual(['Int', '123']);
    expect(one('0123')).toEqual(['Int', '0123']);
    expect(one('0')).toEqual(['Int', '0']);
    expect(one('-89')).toEqual(['Int', '-89']);
    expect(one('-0')).toEqual(['Int', '-0']);
  });

  it('integers must be followed by a separator', () => {
    lexErr('0a', 'InvalidCharInt', sp(1, 2, 2), ['a']);
    lexErr('56789*', 'InvalidCharInt', sp(1, 6, 6), ['*']);
    lexErr('-89+', 'InvalidCharInt', undefined, ['+']);
    lexErr('42g !ok', 'InvalidCharInt', undefined, ['g']); // test_parse_fail_fast
    lexErr('1"a"', 'InvalidCharInt', undefined, ['"']);
    lexErr('0X12', 'InvalidCharInt', undefined, ['X']);
  });

  it('unsigned integers', () => {
    expect(one('u123')).toEqual(['Uint', '123']);
    expect(one('u0')).toEqual(['Uint', '0']);
    lexErr('u1a *', 'InvalidCharUint', sp(1, 3, 3), ['a']);
    lexErr('\n u2*3', 'InvalidCharUint', sp(2, 4, 5), ['*']);
  });

  it('identifiers', () => {
    expect(one('okay')).toEqual(['Ident', 'okay']);
    expect(one('foo-bar')).toEqual(['Ident', 'foo-bar']);
    expect(one('ubar')).toEqual(['Ident', 'ubar']);
    expect(one('u')).toEqual(['Ident', 'u']);
    expect(one('is-eq?!+<>=/*_x9')).toEqual(['Ident', 'is-eq?!+<>=/*_x9']);
    lexErr('test\0', 'InvalidCharIdent', undefined, ['\0']);
    lexErr('a#b', 'InvalidCharIdent', undefined, ['#']);
  });

  it('non-ASCII characters are rejected where they are read', () => {
    lexErr('👎', 'NonASCIIChar', sp(1, 1, 1), ['👎']);
    lexErr('baz👍buz', 'NonASCIIChar', sp(1, 4, 4), ['👍']);
    lexErr('"👎 nope"', 'NonASCIIChar', sp(1, 2, 2), ['👎']);
    lexErr('" this is 👎!"', 'NonASCIIChar', sp(1, 11, 11));
    lexErr('u"é"', 'NonASCIIChar');
    lexErr(';; comment ü\n', 'NonASCIIChar');
    lexErr('\uFFFD', 'NonASCIIChar');
  });

  it('unknown symbols', () => {
    lexErr('@', 'UnknownSymbol', sp(1, 1, 1), ['@']);
    lexErr('123 @ abc', 'UnknownSymbol', sp(1, 5, 5), ['@']);
    lexErr('#', 'UnknownSymbol', undefined, ['#']);
    lexErr('=', 'UnknownSymbol', undefined, ['=']);
    lexErr('_a', 'UnknownSymbol', undefined, ['_']);
    lexErr('\f', 'UnknownSymbol');
    lexErr('[', 'UnknownSymbol');
  });

  it('operators, which need a separator after them', () => {
    expect(one('+')).toEqual(['Plus', '']);
    expect(one('-')).toEqual(['Minus', '']);
    expect(one('*')).toEqual(['Multiply', '']);
    expect(one('/')).toEqual(['Divide', '']);
    expect(one('<')).toEqual(['Less', '']);
    expect(one('<=')).toEqual(['LessEqual', '']);
    expect(one('>')).toEqual(['Greater', '']);
    expect(one('>=')).toEqual(['GreaterEqual', '']);
    lexErr(' +321', 'ExpectedSeparator', sp(1, 3, 3)); // read_multiple_tokens
    lexErr('<123>', 'ExpectedSeparator', sp(1, 2, 2));
    lexErr('-a', 'ExpectedSeparator');
    lexErr('>=x', 'ExpectedSeparator');
    expect(kinds('(+ 1 2)').map((k) => k[0])).toEqual([
      'Lparen',
      'Plus',
      'Whitespace',
      'Int',
      'Whitespace',
      'Int',
      'Rparen',
    ]);
  });

  it('comments: `;;` to the end of the line, leading whitespace trimmed', () => {
    expect(one(';; this is a comment')).toEqual(['Comment', 'this is a comment']);
    expect(one(';;no space')).toEqual(['Comment', 'no space']);
    expect(one(';;;; more')).toEqual(['Comment', ';; more']);
    expect(kinds(';; this is a comment\nthis is not')).toEqual([
      ['Comment', 'this is a comment'],
      ['Whitespace', ''],
      ['Ident', 'this'],
      ['Whitespace', ''],
      ['Ident', 'is'],
      ['Whitespace', ''],
      ['Ident', 'not'],
    ]);
    expect(kinds('okay;; comment')).toEqual([
      ['Ident', 'okay'],
      ['Comment', 'comment'],
    ]);
    lexErr('; this is not a comment', 'SingleSemiColon', sp(1, 1, 1));
  });

  it('ascii strings and every escape', () => {
    expect(one('"hello"')).toEqual(['AsciiString', 'hello']);
    expect(one('""')).toEqual(['AsciiString', '']);
    expect(one('"new\\nline"')).toEqual(['AsciiString', 'new\nline']);
    expect(one('"quote \\"this\\""')).toEqual(['AsciiString', 'quote "this"']);
    expect(one('"\\r\\t\\0\\\\ ok"')).toEqual(['AsciiString', '\r\t\0\\ ok']);
    expect(one('"raw\ttab"')).toEqual(['AsciiString', 'raw\ttab']);
    lexErr('"\\x"', 'UnknownEscapeChar', sp(1, 2, 3), ['x']);
    lexErr('"\\z"a', 'UnknownEscapeChar', undefined, ['z']);
    lexErr('"\\u{1F600}"', 'UnknownEscapeChar', sp(1, 2, 3), ['u']);
    lexErr('"\\', 'UnknownEscapeChar', undefined, ['\uFFFD']);
  });

  it('unterminated strings (a string may not span lines)', () => {
    lexErr('"open', 'ExpectedClosing', sp(1, 6, 6), ['"']);
    lexErr('(print "newline\n        in string")', 'ExpectedClosing', sp(1, 16, 16), ['"']); // test_lexer_diagnostics
    lexErr('  "newline\n  "', 'ExpectedClosing', sp(1, 11, 11));
    lexErr('u"open', 'ExpectedClosing', sp(1, 7, 7), ['"']);
  });

  it('utf8 strings and \\u{...} escapes', () => {
    expect(one('u"hello"')).toEqual(['Utf8String', 'hello']);
    expect(one('u""')).toEqual(['Utf8String', '']);
    expect(one('u"\\u{1F600}"')).toEqual(['Utf8String', '😀']);
    expect(one('u"\\u{1f601}"')).toEqual(['Utf8String', '😁']);
    expect(one('u"quote \\"this\\""')).toEqual(['Utf8String', 'quote "this"']);
    expect(one('u"\\n\\r\\t\\0\\\\ ok"')).toEqual(['Utf8String', '\n\r\t\0\\ ok']);
    expect(one('u"a\\u{41}b"')).toEqual(['Utf8String', 'aAb']);
    expect(one('u"\\u{0000000041}"')).toEqual(['Utf8String', 'A']);
    expect(one('u"\\u{10FFFF}"')).toEqual(['Utf8String', '\u{10FFFF}']);
    expect(one('u"\\u{0}"')).toEqual(['Utf8String', '\0']);
  });

  it('bad utf8 escapes', () => {
    lexErr('u"\\x"', 'UnknownEscapeChar', undefined, ['x']);
    lexErr('u"\\x ok"', 'UnknownEscapeChar', sp(1, 3, 4), ['x']);
    lexErr('u"\\uabc"', 'InvalidUTF8Encoding');
    lexErr('u"\\u{1234567}"', 'InvalidUTF8Encoding'); // above U+10FFFF
    lexErr('u"\\u{110000}"', 'InvalidUTF8Encoding');
    lexErr('u"\\u{123456789}"', 'InvalidUTF8Encoding'); // overflows u32
    lexErr('u"\\u{D800}"', 'InvalidUTF8Encoding'); // a surrogate is not a char
    lexErr('u"\\u{DFFF}"', 'InvalidUTF8Encoding');
    lexErr('u"a \\u{', 'UnterminatedUTF8Encoding');
    lexErr('u"a \\u{" foo', 'UnterminatedUTF8Encoding');
    lexErr('u"\\u{}"', 'EmptyUTF8Encoding', sp(1, 5, 6));
    lexErr('u"\\u{24gb}" foo', 'IllegalCharUTF8Encoding', sp(1, 8, 8), ['g']);
  });

  it('buffers', () => {
    expect(one('0x123abc')).toEqual(['Bytes', '123abc']);
    expect(kinds('0xdef0 ')).toEqual([
      ['Bytes', 'def0'],
      ['Whitespace', ''],
    ]);
    expect(one('0x')).toEqual(['Bytes', '']);
    expect(one('0xABcd')).toEqual(['Bytes', 'ABcd']);
    lexErr('0xdefg', 'InvalidCharBuffer', sp(1, 6, 6), ['g']);
    lexErr('0xdef', 'InvalidBufferLength', sp(1, 1, 5), [3]);
    lexErr('0x1', 'InvalidBufferLength', sp(1, 1, 3), [1]);
    lexErr('0x00p5', 'InvalidCharBuffer', sp(1, 5, 6), ['p']);
    lexErr('0xg', 'InvalidCharBuffer', undefined, ['g']);
  });

  it('principals: the upper-case c32 alphabet only', () => {
    expect(one("'1234567890ABCDEFG")).toEqual(['Principal', '1234567890ABCDEFG']);
    expect(one("'")).toEqual(['Principal', '']);
    lexErr("'1234567890aBCDEFG", 'InvalidCharPrincipal', undefined, ['a']);
    lexErr("'123456789OABCDEFG", 'InvalidCharPrincipal', undefined, ['O']);
    lexErr("'SPI", 'InvalidCharPrincipal', undefined, ['I']);
    lexErr("'SPL", 'InvalidCharPrincipal', undefined, ['L']);
    lexErr("'SPU", 'InvalidCharPrincipal', undefined, ['U']);
    // read_contract_identifier
    expect(kinds("'ST000000000000000000002AMW42H.silly-goose")).toEqual([
      ['Principal', 'ST000000000000000000002AMW42H'],
      ['Dot', ''],
      ['Ident', 'silly-goose'],
    ]);
  });

  it('trait references', () => {
    expect(one('<fancy-dolphin>')).toEqual(['TraitIdent', 'fancy-dolphin']);
    expect(one('<a_b-1>')).toEqual(['TraitIdent', 'a_b-1']);
    lexErr('<illegal*name>', 'InvalidCharTraitIdent', undefined, ['*']);
    lexErr('<not-closed ', 'ExpectedClosing', undefined, ['>']);
    lexErr('\n\t<foo-bar 1', 'ExpectedClosing', sp(2, 10, 10), ['>']);
  });

  it('spans of tokens (check_lexer_span)', () => {
    const tokens = tokenize('(foo\n  u12 "ab")');
    expect(tokens.map((t) => [t.kind, t.span])).toEqual([
      ['Lparen', sp(1, 1, 1)],
      ['Ident', sp(1, 2, 4)],
      ['Whitespace', { startLine: 1, startColumn: 5, endLine: 2, endColumn: 2 }],
      ['Uint', sp(2, 3, 5)],
      ['Whitespace', sp(2, 6, 6)],
      ['AsciiString', sp(2, 7, 10)],
      ['Rparen', sp(2, 11, 11)],
      ['Eof', sp(2, 12, 12)],
    ]);
  });
});
