// Parser v2 (epoch 2.1 and later). Cases follow the reference's parser tests
// (clarity/src/vm/ast/parser/v2/mod.rs: test_parse_int, test_parse_uint, test_parse_ascii_string,
// test_parse_utf8_string, test_parse_identifier, test_parse_list, test_parse_list_comment,
// test_parse_tuple, test_parse_tuple_comments, test_parse_bad, test_parse_principal,
// test_parse_trait_reference, test_parse_ops, test_parse_buffer, test_parse_errors,
// test_lexer_diagnostics, test_consume_invalid_symbols, test_handle_comments, test_comment_in_list,
// test_comma_at_end, test_missing_whitespace, test_parse_fail_fast, test_empty_contract,
// test_stack_depth), re-expressed in fail-fast mode: the first diagnostic is the error.
import { describe, it, expect } from 'vitest';
import { clarityValueToRepr, principalToString } from '@stacks-ts/codec';
import { parsePreExpressions } from '../../../src/parser/build.ts';
import { parseV2 } from '../../../src/parser/parser-v2.ts';
import { stackDepthLimitsForEpoch } from '../../../src/parser/limits.ts';
import type { PreSymbolicExpression } from '../../../src/parser/ast.ts';
import { expectParseError, sp } from './helpers.ts';

const parse = (src: string): PreSymbolicExpression[] => parsePreExpressions(src, { epoch: '3.3' });
const parseErr = (src: string, code: Parameters<typeof expectParseError>[1], more: Parameters<typeof expectParseError>[2] = {}) =>
  expectParseError(() => parse(src), code, more);

/** A compact view of a pre-expression: values as repr, lists as arrays, the rest tagged. */
type Shape = string | Shape[] | { tuple: Shape[] };
function shape(e: PreSymbolicExpression): Shape {
  switch (e.type) {
    case 'atom':
      return e.name;
    case 'atom-value':
      return `#${clarityValueToRepr(e.value)}`;
    case 'list':
      return e.items.map(shape);
    case 'tuple':
      return { tuple: e.items.map(shape) };
    case 'comment':
      return `;;${e.text}`;
    case 'trait-reference':
      return `<${e.name}>`;
    case 'sugared-contract-identifier':
      return `.${e.contractName}`;
    case 'sugared-field-identifier':
      return `.${e.contractName}.${e.name}`;
    case 'field-identifier':
      return `'${principalToString(e.trait.contract)}.${e.trait.name}`;
  }
}
const shapes = (src: string): Shape[] => parse(src).map(shape);

const BOOT = 'ST000000000000000000002AMW42H';

describe('v2 parser: literals', () => {
  it('ints (test_parse_int)', () => {
    const [e] = parse('    123');
    expect(e).toMatchObject({ type: 'atom-value', value: { type: 'int', value: 123n }, span: sp(1, 5, 7) });
    expect(parse('    -123')[0]).toMatchObject({ value: { type: 'int', value: -123n }, span: sp(1, 5, 8) });
    expect(parse('0000000000123')[0]).toMatchObject({ value: { type: 'int', value: 123n }, span: sp(1, 1, 13) });
    parseErr('42g ', 'InvalidCharInt', { span: sp(1, 3, 3), message: "invalid character, 'g', in int literal" });
  });

  it('int limits at their exact boundaries', () => {
    const max = (1n << 127n) - 1n;
    const min = -(1n << 127n);
    expect(parse(`${max}`)[0]).toMatchObject({ value: { type: 'int', value: max } });
    expect(parse(`${min}`)[0]).toMatchObject({ value: { type: 'int', value: min } });
    parseErr(`${max + 1n}`, 'FailedParsingIntValue', { args: [`${max + 1n}`] });
    parseErr(`${min - 1n}`, 'FailedParsingIntValue', { args: [`${min - 1n}`] });
    parseErr('340282366920938463463374607431768211456 ', 'FailedParsingIntValue', {
      span: sp(1, 1, 39),
      message: "Failed to parse int literal '340282366920938463463374607431768211456'",
    });
  });

  it('uints (test_parse_uint) and their limits', () => {
    expect(parse('    u98')[0]).toMatchObject({ value: { type: 'uint', value: 98n }, span: sp(1, 5, 7) });
    expect(parse('u00000000123')[0]).toMatchObject({ value: { type: 'uint', value: 123n }, span: sp(1, 1, 12) });
    const max = (1n << 128n) - 1n;
    expect(parse(`u${max}`)[0]).toMatchObject({ value: { type: 'uint', value: max } });
    parseErr(`u${max + 1n}`, 'FailedParsingUIntValue', { args: [`${max + 1n}`] });
    parseErr('u340282366920938463463374607431768211457 ', 'FailedParsingUIntValue', {
      span: sp(1, 1, 40),
      message: "Failed to parse uint literal 'u340282366920938463463374607431768211457'",
    });
    parseErr('\n u2*3', 'InvalidCharUint', { span: sp(2, 4, 5) });
  });

  it('ascii strings (test_parse_ascii_string)', () => {
    expect(parse('"new\\nline"')[0]).toMatchObject({
      value: { type: 'string-ascii', value: 'new\nline' },
      span: sp(1, 1, 11),
    });
    parseErr('"👎 nope"', 'NonASCIIChar', { span: sp(1, 2, 2), message: "illegal non-ASCII character, '👎'" });
  });

  it('ascii strings reject characters that are not printable or whitespace', () => {
    // `\0` is a valid escape, but NUL is not a string-ascii character.
    parseErr('"a\\0b"', 'IllegalASCIIString', { args: ['a\0b'] });
    parseErr('"bell\x07"', 'IllegalASCIIString');
    expect(parse('"tab\there\\r"')[0]).toMatchObject({ value: { value: 'tab\there\r' } });
  });

  it('ascii string length limit (test_build_ast_error_illegal_ascii_string_due_to_size)', () => {
    const ok = 'a'.repeat(1024 * 1024);
    expect(parse(`"${ok}"`)[0]).toMatchObject({ value: { type: 'string-ascii' } });
    parseErr(`"${ok}a"`, 'IllegalASCIIString');
  });

  it('utf8 strings (test_parse_utf8_string)', () => {
    expect(parse('u"new\\nline\\u{1f601}"')[0]).toMatchObject({
      value: { type: 'string-utf8', value: 'new\nline😁' },
      span: sp(1, 1, 21),
    });
    parseErr('u"\\m nope"', 'UnknownEscapeChar', { span: sp(1, 3, 4), message: "unknown escape character, 'm'" });
    // The v2 parser does not check the length of utf8 literals.
    expect(parse(`u"${'\\u{e9}'.repeat(10)}"`)[0]).toMatchObject({ value: { value: 'é'.repeat(10) } });
  });

  it('buffers (test_parse_buffer) and their limit', () => {
    const [e] = parse('0x1234');
    expect(e).toMatchObject({ type: 'atom-value', span: sp(1, 1, 6) });
    expect(e!.type === 'atom-value' && e.value).toEqual({ type: 'buffer', value: Uint8Array.of(0x12, 0x34) });
    expect(parse('0x')[0]).toMatchObject({ value: { type: 'buffer', value: new Uint8Array(0) } });
    const max = '00'.repeat(1024 * 1024);
    expect(parse(`0x${max}`)[0]).toMatchObject({ value: { type: 'buffer' } });
    parseErr(`0x${max}00`, 'InvalidBuffer', { message: 'invalid hex-string literal' });
  });

  it('identifiers (test_parse_identifier) and the 128-character limit', () => {
    expect(parse('foo-bar')[0]).toEqual({ type: 'atom', name: 'foo-bar', span: sp(1, 1, 7), id: 0 });
    const long = 'very'.repeat(31) + 'long'; // 128 characters
    expect(long).toHaveLength(128);
    expect(parse(long)[0]).toMatchObject({ type: 'atom', name: long });
    parseErr(`${long}x`, 'NameTooLong', { span: sp(1, 1, 129), message: `illegal name (too long), '${long}x'` });
  });

  it('true, false and none are plain atoms', () => {
    expect(shapes('true false none')).toEqual(['true', 'false', 'none']);
  });

  it('operators become atoms (test_parse_ops)', () => {
    for (const op of ['+', '-', '*', '/', '<', '<=', '>', '>=']) {
      const [e] = parse(`(${op} 1 2)`);
      expect(shape(e!)).toEqual([op, '#1', '#2']);
      expect(e!.type === 'list' && e.items[0]!.span).toEqual(sp(1, 2, 1 + op.length));
    }
  });
});

describe('v2 parser: lists and comments', () => {
  it('lists with spans (test_parse_list)', () => {
    const [e] = parse('(foo 1 u3 "hel\tlo")');
    expect(e!.type === 'list' && e.items.map((i) => i.type === 'atom-value' && i.value)).toEqual([
      false,
      { type: 'int', value: 1n },
      { type: 'uint', value: 3n },
      { type: 'string-ascii', value: 'hel\tlo' },
    ]);
    expect(e!.span).toEqual(sp(1, 1, 19));
    expect(e!.type === 'list' && e.items.map((i) => i.span)).toEqual([sp(1, 2, 4), sp(1, 6, 6), sp(1, 8, 9), sp(1, 11, 18)]);
    expect(parse('(1 2 3\n )')[0]!.span).toEqual({ startLine: 1, startColumn: 1, endLine: 2, endColumn: 2 });
    expect(shapes('()')).toEqual([[]]);
    expect(shapes('(a (b (c)) d)')).toEqual([['a', ['b', ['c']], 'd']]);
  });

  it('an unclosed list', () => {
    parseErr('(1 2 3', 'ExpectedClosing', { span: sp(1, 7, 7), args: [')'], message: "expected closing ')'" });
  });

  it('comments in lists (test_parse_list_comment, test_comment_in_list)', () => {
    expect(shapes('(\n    foo ;; comment after\n    ;; comment on its own line\n    bar\n)')).toEqual([
      ['foo', ';;comment after', ';;comment on its own line', 'bar'],
    ]);
    // A comment needs no whitespace before it.
    expect(shapes('(foo;; c\n bar)')).toEqual([['foo', ';;c', 'bar']]);
  });

  it('top-level comments (test_handle_comments)', () => {
    expect(shapes(' ;; here is a comment\n\n    ;; and another\n(foo)')).toEqual([
      ';;here is a comment',
      ';;and another',
      ['foo'],
    ]);
  });

  it('python comments are unknown symbols (test_consume_invalid_symbols)', () => {
    parseErr(' # here is a python comment\n\n    # and another\n(foo)', 'UnknownSymbol', { span: sp(1, 2, 2) });
  });

  it('list elements need whitespace between them (test_missing_whitespace)', () => {
    parseErr('(foo(bar))', 'ExpectedWhitespace', { span: sp(1, 5, 9), message: 'expected whitespace before expression' });
    parseErr('((a)(b))', 'ExpectedWhitespace');
    parseErr('("a"b)', 'ExpectedWhitespace');
    parseErr('(a"b")', 'InvalidCharIdent', { group: 'Lexer' }); // `"` does not end a name
    parseErr("('ST000000000000000000002AMW42H.a.b.c)", 'ExpectedWhitespace');
    parseErr('(a.b)', 'ExpectedWhitespace');
    parseErr('(<t>x)', 'ExpectedWhitespace');
    // At the top level no whitespace is needed.
    expect(shapes('(a)(b)"c"d')).toEqual([['a'], ['b'], '#"c"', 'd']);
  });

  it('commas and colons are not list elements (test_parse_bad)', () => {
    parseErr('(1, 3)', 'UnexpectedToken', { span: sp(1, 3, 3), message: "unexpected ','" });
    parseErr('(a:b)', 'UnexpectedToken', { args: [':'] });
    parseErr('(a })', 'UnexpectedToken', { args: ['}'] });
  });

  it('stray closing tokens at the top level (test_parse_errors)', () => {
    parseErr('123 }', 'UnexpectedToken', { span: sp(1, 5, 5), message: "unexpected '}'" });
    parseErr('(foo))', 'UnexpectedToken', { span: sp(1, 6, 6), message: "unexpected ')'" });
    parseErr(',', 'UnexpectedToken', { args: [','] });
    parseErr(':', 'UnexpectedToken', { args: [':'] });
  });

  it('an empty contract (test_empty_contract)', () => {
    expect(parse('')).toEqual([]);
    expect(parse('  \n\t ')).toEqual([]);
  });

  it('the first error wins, and lexer errors come before parser errors (test_lexer_diagnostics)', () => {
    parseErr('(print "newline\n        in string")', 'ExpectedClosing', { group: 'Lexer', span: sp(1, 16, 16) });
    // The syntax error comes first in the text, but the whole input is lexed before parsing.
    parseErr(') 1x', 'InvalidCharInt', { group: 'Lexer' });
  });
});

describe('v2 parser: tuples', () => {
  it('the curly form and its comma/colon rules (test_parse_tuple)', () => {
    for (const src of ['{foo: bar}', '{foo: bar,}', '{foo:bar}', '{foo:bar,}', '{foo:bar }', '{foo:bar ,}']) {
      expect(shapes(src)).toEqual([{ tuple: ['foo', 'bar'] }]);
    }
    expect(shapes('{foo:bar,baz:goo}')).toEqual([{ tuple: ['foo', 'bar', 'baz', 'goo'] }]);
    expect(shapes('{1: u2, 3: u4}')).toEqual([{ tuple: ['#1', '#u2', '#3', '#u4'] }]);
    expect(shapes('{}')).toEqual([{ tuple: [] }]);
    expect(parse('{foo: bar}')[0]!.span).toEqual(sp(1, 1, 10));
  });

  it('trailing commas (test_comma_at_end)', () => {
    expect(shapes('{this: is, a:tuple,}')).toEqual([{ tuple: ['this', 'is', 'a', 'tuple'] }]);
    expect(shapes('\n{\n    and: so,\n    is: this,\n}')).toEqual([{ tuple: ['and', 'so', 'is', 'this'] }]);
  });

  it('comments inside tuples are kept (test_parse_tuple_comments)', () => {
    expect(shapes('{ ;; before\n a ;; key\n : ;; colon\n 1 ;; value\n , ;; comma\n b: 2 }')).toEqual([
      { tuple: [';;before', 'a', ';;key', ';;colon', '#1', ';;value', ';;comma', 'b', '#2'] },
    ]);
  });

  it('tuple errors', () => {
    parseErr('{, foo: bar}', 'UnexpectedToken', { span: sp(1, 2, 2), message: "unexpected ','" });
    parseErr('{  ', 'ExpectedClosing', { args: ['}'] });
    parseErr('{foo:', 'TupleValueExpected', { message: 'expected value expression for tuple' });
    parseErr('{foo:bar', 'ExpectedClosing', { args: ['}'] });
    parseErr('{foo:bar boo:far}', 'TupleCommaExpectedv2', {
      span: sp(1, 10, 12),
      message: "expected ',' separating key-value pairs in tuple",
    });
    parseErr('{foo bar}', 'TupleColonExpectedv2', { span: sp(1, 6, 8), message: "expected ':' after key in tuple" });
    parseErr('{foo', 'TupleColonExpectedv2');
    parseErr('{foo: )}', 'UnexpectedToken', { args: [')'] });
    parseErr('{: 1}', 'UnexpectedToken', { args: [':'] });
    parseErr('{a: 1,, b: 2}', 'UnexpectedToken', { args: [','] });
  });
});

describe('v2 parser: principals and traits', () => {
  it('standard principals (test_parse_principal)', () => {
    const [e] = parse(`'${BOOT}`);
    expect(e).toMatchObject({ type: 'atom-value', span: sp(1, 1, 30) });
    expect(e!.type === 'atom-value' && clarityValueToRepr(e.value)).toBe(`'${BOOT}`);
    parseErr("' u42", 'InvalidPrincipalLiteral', { span: sp(1, 1, 1), message: 'invalid principal literal' });
  });

  it('invalid c32 principals', () => {
    parseErr("'ST000000000000000000002AMW42J", 'InvalidPrincipalLiteral'); // bad checksum
    parseErr("'SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ", 'InvalidPrincipalLiteral'); // truncated
    parseErr("'S1", 'InvalidPrincipalLiteral');
    parseErr("'ST000000000000000000002AMW42J.foo", 'InvalidPrincipalLiteral');
  });

  it('contract principals and their name rules', () => {
    const [e] = parse(`'${BOOT}.silly-goose`);
    expect(e).toMatchObject({ type: 'atom-value', span: sp(1, 1, 42) });
    expect(e!.type === 'atom-value' && clarityValueToRepr(e.value)).toBe(`'${BOOT}.silly-goose`);
    parseErr(`'${BOOT}.123`, 'ExpectedContractIdentifier', { span: sp(1, 32, 34), message: 'expected contract identifier' });
    parseErr(`'${BOOT}. foo`, 'ExpectedContractIdentifier');
    parseErr(`'${BOOT}.illegal?name `, 'IllegalContractName', {
      span: sp(1, 32, 43),
      message: "Illegal contract name: 'illegal?name'",
    });
    const tooLong = 'this-name-is-way-too-many-characters-to-be-a-legal-contract-name';
    parseErr(`'${BOOT}.${tooLong} `, 'ContractNameTooLong', {
      span: sp(1, 32, 95),
      message: `contract name '${tooLong}' is too long`,
    });
    const forty = `a${'b'.repeat(39)}`;
    expect(shapes(`'${BOOT}.${forty}`)).toEqual([`#'${BOOT}.${forty}`]);
    parseErr(`'${BOOT}.${forty}c`, 'ContractNameTooLong');
  });

  it('the .name shorthand', () => {
    const [e] = parse('.fancy_pants');
    expect(e).toEqual({ type: 'sugared-contract-identifier', contractName: 'fancy_pants', span: sp(1, 1, 12), id: 0 });
    parseErr('.123', 'ExpectedContractIdentifier', { span: sp(1, 2, 4) });
    parseErr('.illegal?name ', 'IllegalContractName', { span: sp(1, 2, 13) });
    parseErr('.this-name-is-way-too-many-characters-to-be-a-legal-contract-name', 'ContractNameTooLong', {
      span: sp(1, 1, 65),
    });
    parseErr('. foo', 'ExpectedContractIdentifier');
    parseErr('.', 'ExpectedContractIdentifier');
  });

  it('field identifiers', () => {
    const [e] = parse(`'${BOOT}.foo.bar`);
    expect(e).toMatchObject({ type: 'field-identifier', trait: { name: 'bar', contract: { contractName: 'foo' } }, span: sp(1, 1, 38) });
    parseErr(`'${BOOT}.foo.123`, 'ExpectedTraitIdentifier', { span: sp(1, 36, 38), message: 'expected trait identifier' });
    expect(parse('.foo.bar')[0]).toEqual({
      type: 'sugared-field-identifier',
      contractName: 'foo',
      name: 'bar',
      span: sp(1, 1, 8),
      id: 0,
    });
    parseErr('.foo.123', 'ExpectedTraitIdentifier', { span: sp(1, 6, 8) });
    const long = 'very'.repeat(32) + 'long';
    parseErr(`.foo.${long}`, 'NameTooLong');
    parseErr(`'${BOOT}.foo.${long}`, 'NameTooLong');
    expect(shapes('.foo.a-b?')).toEqual(['.foo.a-b?']);
  });

  it('trait references (test_parse_trait_reference)', () => {
    expect(parse('<foo-bar>')[0]).toEqual({ type: 'trait-reference', name: 'foo-bar', span: sp(1, 1, 9), id: 0 });
    parseErr('\n\t<foo-bar 1', 'ExpectedClosing', { message: "expected closing '>'" });
    parseErr('<123>', 'ExpectedSeparator', { span: sp(1, 2, 2) });
    parseErr('<123 ', 'ExpectedSeparator', { span: sp(1, 2, 2) });
    const long = 'very'.repeat(32) + 'long';
    parseErr(`<${long}>`, 'NameTooLong', { span: sp(1, 1, 134) });
    const ok = 'a'.repeat(128);
    expect(shapes(`<${ok}>`)).toEqual([`<${ok}>`]);
  });
});

describe('v2 parser: nesting limits (test_stack_depth)', () => {
  const latest = stackDepthLimitsForEpoch('Epoch34'); // the reference's tests use the latest epoch
  const legacy = stackDepthLimitsForEpoch('Epoch33');

  it('lists: the parser allows maxNestingDepth + 1 open parens', () => {
    const stackLimit = latest.maxNestingDepth + 1;
    const deep = `${'(list '.repeat(stackLimit + 1)}u1 ${')'.repeat(stackLimit + 1)}`;
    expectParseError(() => parseV2(deep, latest), 'ExpressionStackDepthTooDeep', {
      span: sp(1, 805, 805),
      args: [128],
      message: 'AST has too deep of an expression nesting. The maximum stack depth is 128',
    });
    const atLimit = `${'('.repeat(stackLimit)}${')'.repeat(stackLimit)}`;
    expect(parseV2(atLimit, latest)).toHaveLength(1);
    expectParseError(() => parseV2(`(${atLimit})`, latest), 'ExpressionStackDepthTooDeep');
  });

  it('tuples count twice', () => {
    const stackLimit = latest.maxNestingDepth + 1;
    const n = Math.floor(stackLimit / 2) + 1;
    const deep = `${'{ a : '.repeat(n)}u1 ${'} '.repeat(n)}`;
    expectParseError(() => parseV2(deep, latest), 'ExpressionStackDepthTooDeep', { span: sp(1, 403, 403) });
    // 35 nested tuples are 70 levels deep: the limit before epoch 3.4.
    const ok = `${'{a: '.repeat(35)}1${'}'.repeat(35)}`;
    expect(parseV2(ok, legacy)).toHaveLength(1);
    expectParseError(() => parseV2(`{a: ${ok}}`, legacy), 'ExpressionStackDepthTooDeep', { args: [64] });
  });
});
