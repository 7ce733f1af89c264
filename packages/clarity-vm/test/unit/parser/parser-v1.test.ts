// Parser v1 (epochs 2.0 and 2.05). Cases follow the reference's tests in
// clarity/src/vm/ast/parser/v1.rs (test_parse_let_expression, test_parse_tuple_literal,
// test_parse_contract_principals, test_parse_generics, test_parse_field_identifiers,
// test_parse_sugared_field_identifiers, test_parse_failures, test_long_contract_name), plus the
// places where v1 and v2 disagree.
import { describe, it, expect } from 'vitest';
import { clarityValueToRepr, principalToString } from '@stacks-ts/codec';
import type { ClarityValue } from '@stacks-ts/codec';
import { parsePreExpressions } from '../../../src/parser/build.ts';
import type { PreSymbolicExpression } from '../../../src/parser/ast.ts';
import { expectParseError, sp } from './helpers.ts';

const parse = (src: string): PreSymbolicExpression[] => parsePreExpressions(src, { epoch: '2.05' });
const parseErr = (src: string, code: Parameters<typeof expectParseError>[1], more: Parameters<typeof expectParseError>[2] = {}) =>
  expectParseError(() => parse(src), code, { group: 'Parse', ...more });

const atom = (name: string, l1: number, c1: number, l2: number, c2: number): PreSymbolicExpression => ({
  type: 'atom',
  name,
  span: { startLine: l1, startColumn: c1, endLine: l2, endColumn: c2 },
  id: 0,
});
const int = (v: bigint, l1: number, c1: number, l2: number, c2: number): PreSymbolicExpression => ({
  type: 'atom-value',
  value: { type: 'int', value: v },
  span: { startLine: l1, startColumn: c1, endLine: l2, endColumn: c2 },
  id: 0,
});
const list = (l1: number, c1: number, l2: number, c2: number, items: PreSymbolicExpression[]): PreSymbolicExpression => ({
  type: 'list',
  items,
  span: { startLine: l1, startColumn: c1, endLine: l2, endColumn: c2 },
  id: 0,
});

function valueOf(e: PreSymbolicExpression | undefined): ClarityValue {
  if (e?.type !== 'atom-value') throw new Error(`not a value: ${e?.type}`);
  return e.value;
}

const BOOT = 'ST000000000000000000002AMW42H';

describe('v1 parser: expressions and spans', () => {
  it('test_parse_let_expression', () => {
    const input = `z (let ((x 1) (y 2))
    (+ x ;; "comments section?"
        ;; this is also a comment!
        (let ((x 3)) ;; more commentary
        (+ x y))
        x)) x y
        ;; this is 'quoted comment!`;
    expect(parse(input)).toEqual([
      atom('z', 1, 1, 1, 1),
      list(1, 3, 6, 11, [
        atom('let', 1, 4, 1, 6),
        list(1, 8, 1, 20, [
          list(1, 9, 1, 13, [atom('x', 1, 10, 1, 10), int(1n, 1, 12, 1, 12)]),
          list(1, 15, 1, 19, [atom('y', 1, 16, 1, 16), int(2n, 1, 18, 1, 18)]),
        ]),
        list(2, 5, 6, 10, [
          atom('+', 2, 6, 2, 6),
          atom('x', 2, 8, 2, 8),
          list(4, 9, 5, 16, [
            atom('let', 4, 10, 4, 12),
            list(4, 14, 4, 20, [list(4, 15, 4, 19, [atom('x', 4, 16, 4, 16), int(3n, 4, 18, 4, 18)])]),
            list(5, 9, 5, 15, [atom('+', 5, 10, 5, 10), atom('x', 5, 12, 5, 12), atom('y', 5, 14, 5, 14)]),
          ]),
          atom('x', 6, 9, 6, 9),
        ]),
      ]),
      atom('x', 6, 13, 6, 13),
      atom('y', 6, 15, 6, 15),
    ]);
    expect(parse('        -1234\n        (- 12 34)')).toEqual([
      int(-1234n, 1, 9, 1, 13),
      list(2, 9, 2, 17, [atom('-', 2, 10, 2, 10), int(12n, 2, 12, 2, 13), int(34n, 2, 15, 2, 16)]),
    ]);
  });

  it('literal spans cover the captured text only, and lines advance once per token', () => {
    // The quotes of a string are not counted, nor the `u` of a uint.
    expect(parse('"abc"')[0]!.span).toEqual(sp(1, 1, 3));
    expect(parse('u12')[0]!.span).toEqual(sp(1, 1, 2));
    expect(parse('""')[0]!.span).toEqual(sp(1, 1, 1));
    // Two newlines in one token: the next token is reported one line early.
    expect(parse('\n\nfoo')[0]!.span).toEqual(sp(2, 1, 3));
  });

  it('test_parse_tuple_literal', () => {
    expect(parse('{id: 1337 }')).toEqual([
      { type: 'tuple', items: [atom('id', 1, 2, 1, 3), int(1337n, 1, 6, 1, 9)], span: sp(1, 1, 11), id: 0 },
    ]);
  });

  it('literals of every kind', () => {
    expect(valueOf(parse('u340282366920938463463374607431768211455')[0])).toEqual({
      type: 'uint',
      value: (1n << 128n) - 1n,
    });
    expect(valueOf(parse('-170141183460469231731687303715884105728')[0])).toEqual({ type: 'int', value: -(1n << 127n) });
    expect(valueOf(parse('0x0aFF')[0])).toEqual({ type: 'buffer', value: Uint8Array.of(0x0a, 0xff) });
    expect(valueOf(parse('0x')[0])).toEqual({ type: 'buffer', value: new Uint8Array(0) });
    expect(valueOf(parse('"a\\"b\\\\c\\n\\t\\r"')[0])).toEqual({ type: 'string-ascii', value: 'a"b\\c\n\t\r' });
    expect(valueOf(parse('u"caf\\u{e9}"')[0])).toEqual({ type: 'string-utf8', value: 'café' });
    // `\u` not followed by `{hex}` stays as the two characters.
    expect(valueOf(parse('u"\\u"')[0])).toEqual({ type: 'string-utf8', value: '\\u' });
    // Escapes are undone first, so `\\u{41}` becomes a code point escape.
    expect(valueOf(parse('u"\\\\u{41}"')[0])).toEqual({ type: 'string-utf8', value: 'A' });
    expect(clarityValueToRepr(valueOf(parse(`'${BOOT}`)[0]))).toBe(`'${BOOT}`);
  });

  it('int and uint overflow are both FailedParsingIntValue', () => {
    parseErr('170141183460469231731687303715884105728', 'FailedParsingIntValue');
    parseErr('u340282366920938463463374607431768211456', 'FailedParsingIntValue', {
      args: ['340282366920938463463374607431768211456'],
    });
  });

  it('test_parse_contract_principals', () => {
    const v = valueOf(parse("'SZ2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQ9H6DPR.contract-a")[0]);
    expect(v.type === 'principal' && principalToString(v.value)).toBe('SZ2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQ9H6DPR.contract-a');
    const a = valueOf(parse("'SZ2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQ9H6DPR.a")[0]);
    expect(a.type === 'principal' && a.value.type === 'contract' && a.value.contractName).toBe('a');
  });

  it('test_parse_generics, test_parse_field_identifiers, test_parse_sugared_field_identifiers', () => {
    expect(parse('<a>')[0]).toMatchObject({ type: 'trait-reference', name: 'a', span: sp(1, 1, 1) });
    const [f] = parse("'SZ2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQ9H6DPR.my-contract.my-trait");
    expect(f!.type === 'field-identifier' && [principalToString(f.trait.contract), f.trait.name]).toEqual([
      'SZ2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQ9H6DPR.my-contract',
      'my-trait',
    ]);
    expect(parse('.my-contract.my-trait')[0]).toMatchObject({
      type: 'sugared-field-identifier',
      contractName: 'my-contract',
      name: 'my-trait',
    });
    expect(parse('.my-contract')[0]).toMatchObject({ type: 'sugared-contract-identifier', contractName: 'my-contract' });
  });
});

describe('v1 parser: failures (test_parse_failures)', () => {
  it('the reference cases', () => {
    parseErr('(let ((023ab13 1)))', 'SeparatorExpected', { args: ['ab13'] });
    parse('(define (foo (x y)) \n (+ 1 2 3) \n (- 1 2 3))');
    parseErr('\n        "hello\\eworld"\n        ', 'InvalidEscaping');
    parseErr('\n        "hello\\u{1F436}world"\n        ', 'InvalidEscaping');
    expect(valueOf(parse('\n        "hello\\nworld"\n        ')[0])).toMatchObject({ value: 'hello\nworld' });
    expect(valueOf(parse('\n        "hello\\\\eworld"\n        ')[0])).toMatchObject({ value: 'hello\\eworld' });
    expect(valueOf(parse('\n        "hello\\\\\\"world"\n        ')[0])).toMatchObject({ value: 'hello\\"world' });
    parseErr('(let ((x 1) (y 2))))', 'ClosingParenthesisUnexpected');
    parseErr('(let ((x 1) (y 2))', 'ClosingParenthesisExpected');
    parseErr('(let ((x 1) (y#not 2)) x)', 'FailedParsingRemainder', { args: ['#not 2)) x)'] });
    parseErr('(let ((x🎶 1)) (eq x🎶 1))', 'FailedParsingRemainder');
    parseErr('(let ((ab.de 1)))', 'SeparatorExpected', { args: ['.de'] });
    parseErr('{id 1337)', 'ClosingTupleLiteralExpected');
    parseErr('(13 37}', 'ClosingParenthesisExpected');
    parseErr('{id: 37}}', 'ClosingTupleLiteralUnexpected');
    parseErr('(let ((a 1), (b 2)) b)', 'CommaSeparatorUnexpected');
    expect(parse('{ a: b,c: 3 }')[0]).toMatchObject({ type: 'tuple' });
    parseErr('{ a:b }', 'SeparatorExpectedAfterColon', { args: ['b'] });
    parseErr('{ a, b }', 'TupleColonExpected', { args: [1] });
    parseErr('{ a: b, b: ,}', 'TupleItemExpected', { args: [6] });
    parseErr('{ a: b: }', 'TupleCommaExpected', { args: [3] });
    parseErr('{ a: b, : b a}', 'TupleItemExpected', { args: [4] });
    parseErr('{,}', 'TupleItemExpected', { args: [0] });
    parseErr('{:}', 'TupleItemExpected', { args: [0] });
    parseErr("(and 'true 'false)", 'FailedParsingRemainder');
    parseErr('(define (foo (x y)) \n (+ 1 2 3) \r (- 1 2 3))', 'FailedParsingRemainder');
    parseErr('(define (foo (x y)) \n (+ 1 2 3) \n\r (- 1 2 3))', 'FailedParsingRemainder');
    parseErr('(define (foo (x y)) \u0085 (+ 1 2 3))', 'FailedParsingRemainder');
    parseErr('(define (foo (x y)) \u2028 (+ 1 2 3))', 'FailedParsingRemainder');
    parseErr('(define (foo (x y)) \u2029 (+ 1 2 3))', 'FailedParsingRemainder');
  });

  it('test_long_contract_name', () => {
    parseErr(
      "(define-private (transfer (id uint) (receiver principal)) (contract-call? 'SP3D6PV2ACBPEKYJTCMH7HEN02KP87QSP8KTEH335.megapont-robot-expansion-nftSPNWZ5V2TPWGQGVDR6T7B6RQ4XMGZ4PXTEE0VQ0S.guests-hosted-stacks-parrots transfer id tx-sender receiver))",
      'SeparatorExpected',
    );
  });

  it('a value, name or `)` must be followed by a separator', () => {
    parseErr('(a)(b)', 'SeparatorExpected', { args: ['('] });
    parseErr('"a""b"', 'SeparatorExpected');
    parseErr('1x', 'SeparatorExpected', { args: ['x'] });
    parseErr('0xzz', 'SeparatorExpected', { args: ['zz'] });
    expect(parse('(a)\n(b)')).toHaveLength(2);
    expect(parse('(a (b))')).toHaveLength(1);
    expect(parse('((a) (b))')).toHaveLength(1);
  });

  it('strings: printable ASCII on one line, no NUL', () => {
    parseErr('"two\nlines"', 'FailedParsingRemainder');
    parseErr('"a\\0b"', 'InvalidCharactersDetected');
    parseErr('"unterminated', 'FailedParsingRemainder');
    parseErr('u"\\u{D800}"', 'InvalidCharactersDetected');
    parseErr('u"\\u{110000}"', 'InvalidCharactersDetected');
    parseErr('"\\', 'FailedParsingRemainder');
  });

  it('a backslash before a closing quote: leftmost-first regex semantics', () => {
    // `"a\\"` closes after the escaped backslash...
    expect(valueOf(parse('"a\\\\"')[0])).toEqual({ type: 'string-ascii', value: 'a\\' });
    // ...but when a later quote exists, the regex prefers to read `\"` as an escaped quote.
    parseErr('"a\\\\" "b"', 'SeparatorExpected', { args: ['b'] });
  });

  it('principals', () => {
    parseErr(`'${BOOT.slice(0, -1)}J`, 'FailedParsingPrincipal'); // bad checksum
    parseErr(`'${BOOT.slice(0, -1)}J.foo`, 'FailedParsingPrincipal');
    parseErr(`'${BOOT.slice(0, -1)}J.foo.bar`, 'FailedParsingField');
    parseErr("'SP", 'FailedParsingRemainder'); // fewer than 28 c32 characters
    parseErr(`'${BOOT}.foo.1bar`, 'FailedParsingField'); // not a Clarity name
    parseErr('.foo.1bar', 'FailedParsingField');
    expect(parse(`'${BOOT}.${'a'.repeat(40)}`)).toHaveLength(1);
    parseErr(`'${BOOT}.${'a'.repeat(41)}`, 'SeparatorExpected');
  });

  it('names: at most 128 characters and a valid Clarity name', () => {
    expect(parse('a'.repeat(128))[0]).toMatchObject({ type: 'atom' });
    parseErr('a'.repeat(129), 'SeparatorExpected', { args: ['a'] });
    parseErr('-abc', 'IllegalVariableName', { args: ['-abc'] });
    parseErr('_x', 'IllegalVariableName');
    parseErr('<1a>', 'IllegalVariableName');
    expect(parse('- + * / < <= > >= ok? a!')).toHaveLength(10);
  });

  it('buffers', () => {
    parseErr('0x123', 'FailedParsingHexValue', { args: ['123'] });
    expect(valueOf(parse(`0x${'00'.repeat(1024 * 1024)}`)[0])).toMatchObject({ type: 'buffer' });
    parseErr(`0x${'00'.repeat(1024 * 1024 + 1)}`, 'FailedParsingBuffer');
  });

  it('stray separators', () => {
    parseErr(',', 'CommaSeparatorUnexpected');
    parseErr(':', 'ColonSeparatorUnexpected');
    parseErr('(a : b)', 'ColonSeparatorUnexpected');
    parseErr(')', 'ClosingParenthesisUnexpected');
    parseErr('}', 'ClosingTupleLiteralUnexpected');
    parseErr('{a: 1', 'ClosingParenthesisExpected');
    parseErr(';', 'FailedParsingRemainder');
    parseErr('.', 'FailedParsingRemainder');
  });

  it('a comment ends at the first character that is not printable ASCII', () => {
    // `;;[ -~]*`: a tab ends the comment, and what follows it is code again.
    expect(parse(';; a\tb').map((e) => e.type === 'atom' && e.name)).toEqual(['b']);
    expect(parse(';; a b c\n(x)')).toHaveLength(1);
  });

  it('odd tuples pass the parser', () => {
    expect(parse('{a}')[0]).toMatchObject({ type: 'tuple', items: [{ name: 'a' }] });
    expect(parse('{a: 1,}')[0]).toMatchObject({ type: 'tuple' });
    expect(parse('{}')[0]).toMatchObject({ type: 'tuple', items: [] });
  });

  it('the v1 lexer nesting limit is VaryExpressionStackDepthTooDeep', () => {
    // max_nesting_depth (69) + 1 open brackets are allowed; one more fails while lexing.
    const stackLimit = 69 + 1;
    const deepTuple = `${'{ a : '.repeat(stackLimit + 1)}u1 ${'} '.repeat(stackLimit + 1)}`;
    const deepList = `${'(list '.repeat(stackLimit + 1)}u1 ${')'.repeat(stackLimit + 1)}`;
    parseErr(deepTuple, 'VaryExpressionStackDepthTooDeep', { args: [64] });
    parseErr(deepList, 'VaryExpressionStackDepthTooDeep', { args: [64] });
    expect(parse(`${'('.repeat(70)}${')'.repeat(70)}`)).toHaveLength(1);
  });
});
