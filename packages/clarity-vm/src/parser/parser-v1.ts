/**
 * Parser v1, the regex lexer that epochs before 2.1 (2.0 and 2.05) use
 * (`clarity/src/vm/ast/parser/v1.rs`). Its rules differ from v2 in many small ways, all kept here:
 * - tokens are the first of an ordered list of regexes that matches (leftmost-first, as a
 *   backtracking engine would), and anything that no regex matches ends lexing with
 *   `FailedParsingRemainder` (so non-ASCII characters, `\r` and lone `;` are errors);
 * - after a value, a name or a `)` the next token must be whitespace, `)`, `}`, `,` or `:`
 *   (`SeparatorExpected`), so `(a)(b)` and `1x` are errors; after a `:` a value may not follow
 *   directly (`SeparatorExpectedAfterColon`);
 * - strings may only hold printable ASCII and must fit on one line; `\u{X}` escapes in `u"..."`
 *   are decoded after the other escapes;
 * - names are at most 128 characters, contract names in principal literals at most 40;
 * - `{...}` tuples must alternate key, `:`, value, `,` (a trailing comma allowed);
 * - `(` and `{` deeper than the nesting limit fail with `VaryExpressionStackDepthTooDeep`;
 * - spans of literals count the literal's captured text only (not its quotes or prefix) and line
 *   numbers advance once per token, as in the reference.
 */
import { parseError } from '../errors.ts';
import type { ClarityError, ParseErrorCode } from '../errors.ts';
import type { ClarityValue, ContractPrincipal } from '@stacks-ts/codec';
import type { PreSymbolicExpression, Span, TraitIdentifier } from './ast.ts';
import type { StackDepthLimits } from './limits.ts';
import { MAX_UTF8_CHARS } from './limits.ts';
import {
  decodeHex,
  isValidAsciiLiteral,
  isValidBufferLength,
  isValidClarityName,
  isValidContractName,
  parseI128,
  parseStandardPrincipal,
  parseU128,
} from './literals.ts';

const TokenType = {
  Whitespace: 'Whitespace',
  Comma: 'Comma',
  Colon: 'Colon',
  LParens: 'LParens',
  RParens: 'RParens',
  LCurly: 'LCurly',
  RCurly: 'RCurly',
  StringASCIILiteral: 'StringASCIILiteral',
  StringUTF8Literal: 'StringUTF8Literal',
  HexStringLiteral: 'HexStringLiteral',
  UIntLiteral: 'UIntLiteral',
  IntLiteral: 'IntLiteral',
  Variable: 'Variable',
  TraitReferenceLiteral: 'TraitReferenceLiteral',
  PrincipalLiteral: 'PrincipalLiteral',
  SugaredContractIdentifierLiteral: 'SugaredContractIdentifierLiteral',
  FullyQualifiedContractIdentifierLiteral: 'FullyQualifiedContractIdentifierLiteral',
  SugaredFieldIdentifierLiteral: 'SugaredFieldIdentifierLiteral',
  FullyQualifiedFieldIdentifierLiteral: 'FullyQualifiedFieldIdentifierLiteral',
} as const;
type TokenType = (typeof TokenType)[keyof typeof TokenType];

// Building blocks of the reference's regexes, in JavaScript syntax.
const STANDARD_PRINCIPAL = '[0-9A-HJKMNP-TV-Z]{28,41}';
const CONTRACT_NAME = '[a-zA-Z][a-zA-Z0-9_-]{0,39}';
const FIELD_NAME = '[0-9A-Za-z-]{1,128}';
const PRINTABLE_NO_QUOTE = '[ !#-~]';

/** The lexer's regexes in priority order; group 1 is the token's value where it has one. */
const MATCHERS: ReadonlyArray<{ readonly re: RegExp; readonly type: TokenType }> = [
  { re: new RegExp(`u"((?:\\\\"|${PRINTABLE_NO_QUOTE})*)"`, 'y'), type: 'StringUTF8Literal' },
  { re: new RegExp(`"((?:\\\\"|${PRINTABLE_NO_QUOTE})*)"`, 'y'), type: 'StringASCIILiteral' },
  { re: /;;[ -~]*/y, type: 'Whitespace' },
  { re: /\n+/y, type: 'Whitespace' },
  { re: /[ \t]+/y, type: 'Whitespace' },
  { re: /,/y, type: 'Comma' },
  { re: /:/y, type: 'Colon' },
  { re: /\(/y, type: 'LParens' },
  { re: /\)/y, type: 'RParens' },
  { re: /\{/y, type: 'LCurly' },
  { re: /\}/y, type: 'RCurly' },
  { re: /<([0-9A-Za-z_-]+)>/y, type: 'TraitReferenceLiteral' },
  { re: /0x([0-9A-Fa-f]*)/y, type: 'HexStringLiteral' },
  { re: /u([0-9]+)/y, type: 'UIntLiteral' },
  { re: /(-?[0-9]+)/y, type: 'IntLiteral' },
  {
    re: new RegExp(`'(${STANDARD_PRINCIPAL}\\.${CONTRACT_NAME}\\.${FIELD_NAME})`, 'y'),
    type: 'FullyQualifiedFieldIdentifierLiteral',
  },
  { re: new RegExp(`(\\.${CONTRACT_NAME}\\.${FIELD_NAME})`, 'y'), type: 'SugaredFieldIdentifierLiteral' },
  {
    re: new RegExp(`'(${STANDARD_PRINCIPAL}\\.${CONTRACT_NAME})`, 'y'),
    type: 'FullyQualifiedContractIdentifierLiteral',
  },
  { re: new RegExp(`(\\.${CONTRACT_NAME})`, 'y'), type: 'SugaredContractIdentifierLiteral' },
  { re: new RegExp(`'(${STANDARD_PRINCIPAL})`, 'y'), type: 'PrincipalLiteral' },
  { re: /([0-9A-Za-z_!?+<>=\/*-]{1,128})/y, type: 'Variable' },
];

const MESSAGES: Partial<Record<ParseErrorCode, (arg: string) => string>> = {
  SeparatorExpected: (f) => `Expected whitespace or a close parens. Found: '${f}'`,
  SeparatorExpectedAfterColon: (f) => `Whitespace expected after colon (:), Found: '${f}'`,
  ProgramTooLarge: () => 'Program too large to parse',
  IllegalVariableName: (n) => `Illegal variable name: '${n}'`,
  FailedParsingIntValue: (v) => `Failed to parse int literal '${v}'`,
  FailedParsingHexValue: (v) => `Invalid hex-string literal ${v}`,
  FailedParsingPrincipal: (v) => `Invalid principal literal: ${v}`,
  FailedParsingBuffer: (v) => `Invalid buffer literal: ${v}`,
  FailedParsingField: (v) => `Invalid field literal: ${v}`,
  FailedParsingRemainder: (r) => `Failed to lex input remainder: '${r}'`,
  ClosingParenthesisUnexpected: () => "Tried to close list which isn't open.",
  ClosingParenthesisExpected: () => 'List expressions (..) left opened.',
  ClosingTupleLiteralUnexpected: () => "Tried to close tuple literal which isn't open.",
  ClosingTupleLiteralExpected: () => 'Tuple literal {..} left opened.',
  ColonSeparatorUnexpected: () => 'Misplaced colon.',
  CommaSeparatorUnexpected: () => 'Misplaced comma.',
  TupleColonExpected: (i) => `Tuple literal construction expects a colon at index ${i}`,
  TupleCommaExpected: (i) => `Tuple literal construction expects a comma at index ${i}`,
  TupleItemExpected: (i) => `Tuple literal construction expects a key or value at index ${i}`,
  InvalidCharactersDetected: () => 'invalid characters detected',
  InvalidEscaping: () => 'invalid escaping detected in string',
  VaryExpressionStackDepthTooDeep: (d) =>
    `AST has too deep of an expression nesting. The maximum stack depth is ${d}`,
};

function fail(code: ParseErrorCode, arg?: string | number, span?: Span): ClarityError {
  const message = MESSAGES[code]?.(arg === undefined ? '' : String(arg)) ?? code;
  return parseError(code, message, { args: arg === undefined ? [] : [arg], ...(span ? { span } : {}) });
}

type LexItem =
  | { readonly kind: 'LeftParen' | 'RightParen' | 'LeftCurly' | 'RightCurly' | 'Comma' | 'Colon' | 'Whitespace' }
  | { readonly kind: 'Literal'; readonly length: number; readonly value: ClarityValue }
  | { readonly kind: 'SugaredContract'; readonly length: number; readonly contractName: string }
  | { readonly kind: 'SugaredField'; readonly length: number; readonly contractName: string; readonly name: string }
  | { readonly kind: 'Field'; readonly length: number; readonly trait: TraitIdentifier }
  | { readonly kind: 'TraitReference'; readonly name: string }
  | { readonly kind: 'Variable'; readonly name: string };

interface PlacedLexItem {
  readonly item: LexItem;
  readonly line: number;
  readonly column: number;
}

/** `unescape_ascii_chars`: the six escapes, plus `\u` kept as is for utf8 literals. */
function unescape(escaped: string, allowUnicodeEscape: boolean): string {
  let out = '';
  for (let i = 0; i < escaped.length; i++) {
    const ch = escaped[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = escaped[++i];
    switch (next) {
      case '\\':
        out += '\\';
        break;
      case '"':
        out += '"';
        break;
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '0':
        out += '\0';
        break;
      case 'u':
        if (!allowUnicodeEscape) throw fail('InvalidEscaping');
        out += '\\u';
        break;
      default:
        throw fail('InvalidEscaping');
    }
  }
  return out;
}

/**
 * `Value::string_utf8_from_string_utf8_literal`: decodes `\u{X}` (hex digits, a Unicode scalar
 * value) and keeps every other character; undefined when a code point is invalid or the string is
 * longer than `MAX_UTF8_VALUE_SIZE` characters.
 */
function utf8FromLiteral(literal: string): string | undefined {
  const escape = /\\u\{([0-9A-Fa-f]+)\}/y;
  let out = '';
  let count = 0;
  let i = 0;
  while (i < literal.length) {
    escape.lastIndex = i;
    const m = escape.exec(literal);
    if (m !== null) {
      const hex = m[1]!;
      const value = hex.replace(/^0+/, '').length > 8 ? Number.NaN : Number.parseInt(hex, 16);
      if (!(value <= 0x10ffff) || (value >= 0xd800 && value <= 0xdfff)) return undefined;
      out += String.fromCodePoint(value);
      i += hex.length + 4;
    } else {
      out += literal[i];
      i += 1;
    }
    count += 1;
    if (count > MAX_UTF8_CHARS) return undefined;
  }
  return out;
}

/** `TraitIdentifier::parse`: `[issuer].contract.name`, or undefined. */
function parseTraitIdentifier(literal: string): { issuer?: ContractPrincipal | undefined; contractName: string; name: string } | undefined {
  const first = literal.indexOf('.');
  const second = first < 0 ? -1 : literal.indexOf('.', first + 1);
  if (second < 0) return undefined;
  const issuerText = literal.slice(0, first);
  const contractName = literal.slice(first + 1, second);
  const name = literal.slice(second + 1);
  let issuer: ContractPrincipal | undefined;
  if (issuerText.length > 0) {
    const std = parseStandardPrincipal(issuerText);
    if (std === undefined) return undefined;
    issuer = { type: 'contract', version: std.version, hash160: std.hash160, contractName };
  }
  if (!isValidContractName(contractName) || !isValidClarityName(name)) return undefined;
  return { issuer, contractName, name };
}

/** Turns one matched token into a lex item (`inner_lex`'s per-token work). */
function lexToken(type: TokenType, value: string): LexItem {
  switch (type) {
    case 'LParens':
      return { kind: 'LeftParen' };
    case 'RParens':
      return { kind: 'RightParen' };
    case 'LCurly':
      return { kind: 'LeftCurly' };
    case 'RCurly':
      return { kind: 'RightCurly' };
    case 'Whitespace':
      return { kind: 'Whitespace' };
    case 'Comma':
      return { kind: 'Comma' };
    case 'Colon':
      return { kind: 'Colon' };
    case 'Variable':
      return { kind: 'Variable', name: value };
    case 'UIntLiteral': {
      const v = parseU128(value);
      if (v === undefined) throw fail('FailedParsingIntValue', value);
      return { kind: 'Literal', length: value.length, value: { type: 'uint', value: v } };
    }
    case 'IntLiteral': {
      const v = parseI128(value);
      if (v === undefined) throw fail('FailedParsingIntValue', value);
      return { kind: 'Literal', length: value.length, value: { type: 'int', value: v } };
    }
    case 'FullyQualifiedContractIdentifierLiteral': {
      const dot = value.indexOf('.');
      const std = parseStandardPrincipal(value.slice(0, dot));
      const contractName = value.slice(dot + 1);
      if (std === undefined || !isValidContractName(contractName)) throw fail('FailedParsingPrincipal', value);
      const contract: ContractPrincipal = { type: 'contract', version: std.version, hash160: std.hash160, contractName };
      return { kind: 'Literal', length: value.length, value: { type: 'principal', value: contract } };
    }
    case 'SugaredContractIdentifierLiteral': {
      const contractName = value.slice(1);
      if (!isValidContractName(contractName)) throw fail('FailedParsingPrincipal', value);
      return { kind: 'SugaredContract', length: value.length, contractName };
    }
    case 'FullyQualifiedFieldIdentifierLiteral': {
      const parsed = parseTraitIdentifier(value);
      if (parsed?.issuer === undefined) throw fail('FailedParsingField', value);
      return { kind: 'Field', length: value.length, trait: { contract: parsed.issuer, name: parsed.name } };
    }
    case 'SugaredFieldIdentifierLiteral': {
      const parsed = parseTraitIdentifier(value);
      if (parsed === undefined) throw fail('FailedParsingField', value);
      return { kind: 'SugaredField', length: value.length, contractName: parsed.contractName, name: parsed.name };
    }
    case 'PrincipalLiteral': {
      const std = parseStandardPrincipal(value);
      if (std === undefined) throw fail('FailedParsingPrincipal', value);
      return { kind: 'Literal', length: value.length, value: { type: 'principal', value: std } };
    }
    case 'TraitReferenceLiteral':
      if (!isValidClarityName(value)) throw fail('IllegalVariableName', value);
      return { kind: 'TraitReference', name: value };
    case 'HexStringLiteral': {
      const bytes = decodeHex(value);
      if (bytes === undefined) throw fail('FailedParsingHexValue', value);
      if (!isValidBufferLength(bytes.length)) throw fail('FailedParsingBuffer', value);
      return { kind: 'Literal', length: value.length, value: { type: 'buffer', value: bytes } };
    }
    case 'StringASCIILiteral': {
      const s = unescape(value, false);
      if (!isValidAsciiLiteral(s)) throw fail('InvalidCharactersDetected');
      return { kind: 'Literal', length: value.length, value: { type: 'string-ascii', value: s } };
    }
    case 'StringUTF8Literal': {
      const s = utf8FromLiteral(unescape(value, true));
      if (s === undefined) throw fail('InvalidCharactersDetected');
      return { kind: 'Literal', length: value.length, value: { type: 'string-utf8', value: s } };
    }
  }
}

/** Whether a token may directly follow a value, a name or `)` (`LexContext::ExpectClosing`). */
function closesAtom(type: TokenType): boolean {
  return type === 'RParens' || type === 'RCurly' || type === 'Whitespace' || type === 'Comma' || type === 'Colon';
}

/** `inner_lex`. */
function lex(input: string, limits: StackDepthLimits): PlacedLexItem[] {
  const maxNesting = limits.maxNestingDepth + 1;
  const lineBreaks: number[] = [];
  for (let i = input.indexOf('\n'); i >= 0; i = input.indexOf('\n', i + 1)) lineBreaks.push(i);
  let nextBreakIndex = 0;
  let line = 1;
  let column = 1;
  let pos = 0;
  let context: 'nothing' | 'closing' | 'closing-colon' = 'nothing';
  let nesting = 0;
  const out: PlacedLexItem[] = [];

  while (pos < input.length) {
    const nextBreak = lineBreaks[nextBreakIndex];
    if (nextBreak !== undefined && pos > nextBreak) {
      nextBreakIndex += 1;
      column = 1;
      line += 1;
    }

    let matched: { type: TokenType; whole: string; value: string } | undefined;
    for (const { re, type } of MATCHERS) {
      re.lastIndex = pos;
      const m = re.exec(input);
      if (m !== null) {
        matched = { type, whole: m[0], value: m[1] ?? '' };
        break;
      }
    }
    if (matched === undefined) break;
    const { type, whole, value } = matched;
    pos += whole.length;

    if (context === 'closing' && !closesAtom(type)) throw fail('SeparatorExpected', whole);
    if (context === 'closing-colon' && !closesAtom(type)) throw fail('SeparatorExpectedAfterColon', whole);

    context = 'closing';
    if (type === 'LParens' || type === 'LCurly') {
      context = 'nothing';
      nesting += 1;
      if (nesting > maxNesting) throw fail('VaryExpressionStackDepthTooDeep', limits.maxCallStackDepth);
    } else if (type === 'RParens' || type === 'RCurly') {
      nesting = Math.max(0, nesting - 1);
    } else if (type === 'Whitespace' || type === 'Comma') {
      context = 'nothing';
    } else if (type === 'Colon') {
      context = 'closing-colon';
    }

    out.push({ item: lexToken(type, value), line, column });
    column += whole.length;
  }

  if (pos < input.length) throw fail('FailedParsingRemainder', input.slice(pos));
  return out;
}

type StackItem =
  | { readonly kind: 'expr'; readonly expr: PreSymbolicExpression }
  | { readonly kind: 'colon' }
  | { readonly kind: 'comma' };

interface OpenFrame {
  readonly items: StackItem[];
  readonly line: number;
  readonly column: number;
  readonly tuple: boolean;
}

function atSpan(line: number, column: number, length: number): Span {
  return { startLine: line, startColumn: column, endLine: line, endColumn: column + length - (length > 0 ? 1 : 0) };
}

/** `parse_lexed`: builds lists and tuples from the lexed items. */
function parseLexed(items: PlacedLexItem[]): PreSymbolicExpression[] {
  const stack: OpenFrame[] = [];
  const output: PreSymbolicExpression[] = [];
  const emit = (expr: PreSymbolicExpression): void => {
    const top = stack[stack.length - 1];
    if (top === undefined) output.push(expr);
    else top.items.push({ kind: 'expr', expr });
  };

  for (const { item, line, column } of items) {
    switch (item.kind) {
      case 'LeftParen':
        stack.push({ items: [], line, column, tuple: false });
        break;
      case 'LeftCurly':
        stack.push({ items: [], line, column, tuple: true });
        break;
      case 'RightParen': {
        const frame = stack.pop();
        if (frame === undefined) throw fail('ClosingParenthesisUnexpected');
        const span = { startLine: frame.line, startColumn: frame.column, endLine: line, endColumn: column };
        if (frame.tuple) throw fail('ClosingTupleLiteralExpected', undefined, span);
        const exprs = frame.items.map((i) => {
          if (i.kind === 'colon') throw fail('ColonSeparatorUnexpected');
          if (i.kind === 'comma') throw fail('CommaSeparatorUnexpected');
          return i.expr;
        });
        emit({ type: 'list', items: exprs, span, id: 0 });
        break;
      }
      case 'RightCurly': {
        const frame = stack.pop();
        if (frame === undefined) throw fail('ClosingTupleLiteralUnexpected');
        const span = { startLine: frame.line, startColumn: frame.column, endLine: line, endColumn: column };
        if (!frame.tuple) throw fail('ClosingParenthesisExpected', undefined, span);
        const exprs: PreSymbolicExpression[] = [];
        frame.items.forEach((i, index) => {
          switch (index % 4) {
            case 0:
            case 2:
              if (i.kind !== 'expr') throw fail('TupleItemExpected', index);
              exprs.push(i.expr);
              break;
            case 1:
              if (i.kind !== 'colon') throw fail('TupleColonExpected', index);
              break;
            default:
              if (i.kind !== 'comma') throw fail('TupleCommaExpected', index);
          }
        });
        emit({ type: 'tuple', items: exprs, span, id: 0 });
        break;
      }
      case 'Variable': {
        if (!isValidClarityName(item.name)) throw fail('IllegalVariableName', item.name);
        emit({ type: 'atom', name: item.name, span: atSpan(line, column, item.name.length), id: 0 });
        break;
      }
      case 'Literal':
        emit({ type: 'atom-value', value: item.value, span: atSpan(line, column, item.length), id: 0 });
        break;
      case 'SugaredContract':
        emit({
          type: 'sugared-contract-identifier',
          contractName: item.contractName,
          span: atSpan(line, column, item.length),
          id: 0,
        });
        break;
      case 'SugaredField':
        emit({
          type: 'sugared-field-identifier',
          contractName: item.contractName,
          name: item.name,
          span: atSpan(line, column, item.length),
          id: 0,
        });
        break;
      case 'Field':
        emit({ type: 'field-identifier', trait: item.trait, span: atSpan(line, column, item.length), id: 0 });
        break;
      case 'TraitReference':
        emit({ type: 'trait-reference', name: item.name, span: atSpan(line, column, item.name.length), id: 0 });
        break;
      case 'Colon':
      case 'Comma': {
        const top = stack[stack.length - 1];
        if (top === undefined) throw fail(item.kind === 'Colon' ? 'ColonSeparatorUnexpected' : 'CommaSeparatorUnexpected');
        top.items.push({ kind: item.kind === 'Colon' ? 'colon' : 'comma' });
        break;
      }
      case 'Whitespace':
        break;
    }
  }

  const open = stack.pop();
  if (open !== undefined) {
    throw fail('ClosingParenthesisExpected', undefined, {
      startLine: open.line,
      startColumn: open.column,
      endLine: 0,
      endColumn: 0,
    });
  }
  return output;
}

/**
 * Parses `source` with parser v1 (`parser::v1::parse`) into pre-expressions. Throws a
 * `ClarityError` of kind `parse` at the first error.
 */
export function parseV1(source: string, limits: StackDepthLimits): PreSymbolicExpression[] {
  return parseLexed(lex(source, limits));
}
