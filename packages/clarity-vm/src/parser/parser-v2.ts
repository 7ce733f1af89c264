/**
 * Parser v2 (epoch 2.1 and later), fail-fast, after `clarity/src/vm/ast/parser/v2/mod.rs`:
 * tokens from `tokenize`, lists that need whitespace between their elements, `{k: v, ...}` tuples
 * (a trailing comma allowed), principal and trait literals, and the parser's own nesting limit
 * (a `{` counts twice, since it becomes `(tuple (k v) ...)`).
 */
import type { ContractPrincipal } from '@stacks-ts/codec';
import { parseError } from '../errors.ts';
import type { ClarityError, ParseErrorCode } from '../errors.ts';
import type { PreSymbolicExpression, Span } from './ast.ts';
import { tokenize, tokenKindToString } from './lexer.ts';
import type { PlacedToken, TokenKind } from './lexer.ts';
import { MAX_CONTRACT_NAME_LENGTH, MAX_NAME_LENGTH } from './limits.ts';
import type { StackDepthLimits } from './limits.ts';
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

const MESSAGES: Partial<Record<ParseErrorCode, (arg: string) => string>> = {
  ExpressionStackDepthTooDeep: (d) =>
    `AST has too deep of an expression nesting. The maximum stack depth is ${d}`,
  FailedParsingIntValue: (v) => `Failed to parse int literal '${v}'`,
  FailedParsingUIntValue: (v) => `Failed to parse uint literal 'u${v}'`,
  IllegalASCIIString: (s) => `illegal ascii string "${s}"`,
  InvalidBuffer: () => 'invalid hex-string literal',
  NameTooLong: (n) => `illegal name (too long), '${n}'`,
  IllegalClarityName: (n) => `illegal clarity name, '${n}'`,
  IllegalTraitName: (n) => `illegal trait name, '${n}'`,
  IllegalContractName: (n) => `Illegal contract name: '${n}'`,
  ContractNameTooLong: (n) => `contract name '${n}' is too long`,
  InvalidPrincipalLiteral: () => 'invalid principal literal',
  ExpectedContractIdentifier: () => 'expected contract identifier',
  ExpectedTraitIdentifier: () => 'expected trait identifier',
  ExpectedWhitespace: () => 'expected whitespace before expression',
  ExpectedClosing: (t) => `expected closing '${t}'`,
  UnexpectedToken: (t) => `unexpected '${t}'`,
  TupleColonExpectedv2: () => "expected ':' after key in tuple",
  TupleCommaExpectedv2: () => "expected ',' separating key-value pairs in tuple",
  TupleValueExpected: () => 'expected value expression for tuple',
};

/** A parse error with the reference's message; `arg` is the variant's payload. */
function fail(code: ParseErrorCode, span: Span, arg?: string | number): ClarityError {
  const message = MESSAGES[code]?.(arg === undefined ? '' : String(arg)) ?? code;
  return parseError(code, message, { args: arg === undefined ? [] : [arg], span });
}

/** A token kind as a payload (`ExpectedClosing(Token)`, `UnexpectedToken(Token)`): its display form. */
function tokenArg(kind: TokenKind): string {
  return tokenKindToString(kind);
}

function spanFrom(start: Span, end: Span): Span {
  return { startLine: start.startLine, startColumn: start.startColumn, endLine: end.endLine, endColumn: end.endColumn };
}

class ParserV2 {
  private readonly tokens: PlacedToken[];
  private index = 0;
  private nestingDepth = 0;
  private readonly maxNesting: number;
  private readonly limits: StackDepthLimits;

  constructor(tokens: PlacedToken[], limits: StackDepthLimits) {
    this.tokens = tokens;
    this.limits = limits;
    this.maxNesting = limits.maxNestingDepth + 1;
  }

  private nextToken(): PlacedToken | undefined {
    if (this.index >= this.tokens.length) return undefined;
    return this.tokens[this.index++];
  }

  private peekToken(): PlacedToken {
    return (
      this.tokens[this.index] ?? {
        kind: 'Eof',
        text: '',
        span: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
      }
    );
  }

  private lastToken(): PlacedToken {
    const t = this.index > 0 ? this.tokens[this.index - 1] : undefined;
    if (t === undefined) throw parseError('UnexpectedParserFailure', 'unexpected failure while parsing');
    return t;
  }

  private ignoreWhitespace(): boolean {
    let found = false;
    while (this.tokens[this.index]?.kind === 'Whitespace') {
      this.index++;
      found = true;
    }
    return found;
  }

  private ignoreWhitespaceAndComments(into: PreSymbolicExpression[]): void {
    for (;;) {
      const t = this.tokens[this.index];
      if (t === undefined) return;
      if (t.kind === 'Whitespace') {
        this.index++;
      } else if (t.kind === 'Comment') {
        into.push({ type: 'comment', text: t.text, span: t.span, id: 0 });
        this.index++;
      } else {
        return;
      }
    }
  }

  private tooDeep(span: Span): ClarityError {
    return fail('ExpressionStackDepthTooDeep', span, this.limits.maxCallStackDepth);
  }

  /** All top-level expressions (`parse`). */
  parse(): PreSymbolicExpression[] {
    const nodes: PreSymbolicExpression[] = [];
    for (;;) {
      const node = this.parseNode();
      if (node !== undefined) {
        nodes.push(node);
        continue;
      }
      const token = this.lastToken();
      if (token.kind === 'Eof') return nodes;
      throw fail('UnexpectedToken', token.span, tokenArg(token.kind));
    }
  }

  /**
   * One expression, or undefined when the next token cannot start one (a closing bracket, `,`,
   * `:` or end of input); the caller then looks at that token.
   */
  private parseNode(): PreSymbolicExpression | undefined {
    this.ignoreWhitespace();
    const token = this.nextToken();
    if (token === undefined) return undefined;
    const { span } = token;
    switch (token.kind) {
      case 'Lparen':
        this.nestingDepth += 1;
        if (this.nestingDepth > this.maxNesting) throw this.tooDeep(span);
        return this.parseList(token);
      case 'Lbrace':
        if (this.nestingDepth + 2 > this.maxNesting) throw this.tooDeep(span);
        return this.parseTuple(token);
      case 'Int': {
        const v = parseI128(token.text);
        if (v === undefined) throw fail('FailedParsingIntValue', span, token.text);
        return { type: 'atom-value', value: { type: 'int', value: v }, span, id: 0 };
      }
      case 'Uint': {
        const v = parseU128(token.text);
        if (v === undefined) throw fail('FailedParsingUIntValue', span, token.text);
        return { type: 'atom-value', value: { type: 'uint', value: v }, span, id: 0 };
      }
      case 'AsciiString':
        if (!isValidAsciiLiteral(token.text)) throw fail('IllegalASCIIString', span, token.text);
        return { type: 'atom-value', value: { type: 'string-ascii', value: token.text }, span, id: 0 };
      case 'Utf8String':
        return { type: 'atom-value', value: { type: 'string-utf8', value: token.text }, span, id: 0 };
      case 'Ident': {
        const name = token.text;
        if (name.length > MAX_NAME_LENGTH) throw fail('NameTooLong', span, name);
        if (!isValidClarityName(name)) throw fail('IllegalClarityName', span, name);
        return { type: 'atom', name, span, id: 0 };
      }
      case 'TraitIdent': {
        const name = token.text;
        if (name.length > MAX_NAME_LENGTH) throw fail('NameTooLong', span, name);
        if (!isValidClarityName(name)) throw fail('IllegalTraitName', span, name);
        return { type: 'trait-reference', name, span, id: 0 };
      }
      case 'Bytes': {
        const bytes = decodeHex(token.text);
        if (bytes === undefined || !isValidBufferLength(bytes.length)) throw fail('InvalidBuffer', span);
        return { type: 'atom-value', value: { type: 'buffer', value: bytes }, span, id: 0 };
      }
      case 'Principal':
        return this.readPrincipal(token.text, span);
      case 'Dot':
        return this.readSugaredPrincipal(span);
      case 'Plus':
      case 'Minus':
      case 'Multiply':
      case 'Divide':
      case 'Less':
      case 'LessEqual':
      case 'Greater':
      case 'GreaterEqual':
        return { type: 'atom', name: tokenKindToString(token.kind), span, id: 0 };
      case 'Comment':
        return { type: 'comment', text: token.text, span, id: 0 };
      default:
        return undefined;
    }
  }

  private parseList(open: PlacedToken): PreSymbolicExpression {
    const items: PreSymbolicExpression[] = [];
    let whitespace = true;
    for (;;) {
      const node = this.parseNode();
      if (node !== undefined) {
        if (!whitespace && node.type !== 'comment') throw fail('ExpectedWhitespace', node.span);
        items.push(node);
        whitespace = this.ignoreWhitespace();
        continue;
      }
      const token = this.lastToken();
      if (token.kind === 'Rparen') {
        this.nestingDepth -= 1;
        return { type: 'list', items, span: spanFrom(open.span, token.span), id: 0 };
      }
      if (token.kind === 'Eof') throw fail('ExpectedClosing', token.span, tokenArg('Rparen'));
      throw fail('UnexpectedToken', token.span, tokenArg(token.kind));
    }
  }

  private parseTuple(open: PlacedToken): PreSymbolicExpression {
    const items: PreSymbolicExpression[] = [];
    const closed = (close: PlacedToken): PreSymbolicExpression => ({
      type: 'tuple',
      items,
      span: spanFrom(open.span, close.span),
      id: 0,
    });

    // Before the first key.
    let diagnosticToken = this.peekToken();
    this.ignoreWhitespaceAndComments(items);
    let token = this.peekToken();
    if (token.kind === 'Comma') throw fail('UnexpectedToken', token.span, tokenArg('Comma'));
    if (token.kind === 'Rbrace') {
      this.index++;
      return closed(token);
    }
    this.ignoreWhitespaceAndComments(items);
    diagnosticToken = this.peekToken();
    this.ignoreWhitespaceAndComments(items);
    this.nestingDepth += 2;

    let expectKey = true;
    for (;;) {
      const node = this.parseNode();
      if (node === undefined) {
        const last = this.lastToken();
        if (last.kind !== 'Eof') throw fail('UnexpectedToken', last.span, tokenArg(last.kind));
        if (expectKey) throw fail('ExpectedClosing', diagnosticToken.span, tokenArg('Rbrace'));
        throw fail('TupleValueExpected', diagnosticToken.span);
      }
      items.push(node);
      this.ignoreWhitespaceAndComments(items);
      token = this.peekToken();
      if (expectKey) {
        if (token.kind !== 'Colon') throw fail('TupleColonExpectedv2', token.span);
        this.index++;
        diagnosticToken = token;
        this.ignoreWhitespaceAndComments(items);
        expectKey = false;
        continue;
      }
      if (token.kind === 'Comma') {
        this.index++;
      } else if (token.kind === 'Rbrace') {
        this.index++;
        this.nestingDepth -= 2;
        return closed(token);
      } else if (token.kind !== 'Eof') {
        throw fail('TupleCommaExpectedv2', token.span);
      }
      this.ignoreWhitespaceAndComments(items);
      // A comma after the last pair is allowed.
      token = this.peekToken();
      if (token.kind === 'Rbrace') {
        this.index++;
        this.nestingDepth -= 2;
        return closed(token);
      }
      diagnosticToken = token;
      this.ignoreWhitespaceAndComments(items);
      expectKey = true;
    }
  }

  /** The token after a `.` in a principal literal: an identifier, or the given error. */
  private expectIdentAfterDot(dot: PlacedToken, code: ParseErrorCode): PlacedToken {
    const token = this.nextToken();
    if (token === undefined) throw fail(code, dot.span);
    if (token.kind !== 'Ident') throw fail(code, token.span);
    return token;
  }

  /** `.trait-name` after a contract identifier, when there is one. */
  private readTraitName(): { name: string; span: Span } | undefined {
    if (this.peekToken().kind !== 'Dot') return undefined;
    const dot = this.nextToken()!;
    const token = this.expectIdentAfterDot(dot, 'ExpectedTraitIdentifier');
    const name = token.text;
    if (name.length > MAX_NAME_LENGTH) throw fail('NameTooLong', token.span, name);
    if (!isValidClarityName(name)) throw fail('IllegalTraitName', token.span, name);
    return { name, span: token.span };
  }

  private readContractName(dot: PlacedToken, tooLongSpan: 'name' | 'whole', whole: Span): PlacedToken {
    const token = this.expectIdentAfterDot(dot, 'ExpectedContractIdentifier');
    const name = token.text;
    if (name.length > MAX_CONTRACT_NAME_LENGTH) {
      throw fail('ContractNameTooLong', tooLongSpan === 'name' ? token.span : spanFrom(whole, token.span), name);
    }
    if (!isValidContractName(name)) throw fail('IllegalContractName', token.span, name);
    return token;
  }

  private readPrincipal(address: string, span: Span): PreSymbolicExpression {
    const issuer = parseStandardPrincipal(address);
    if (issuer === undefined) throw fail('InvalidPrincipalLiteral', span);
    if (this.peekToken().kind !== 'Dot') return { type: 'atom-value', value: { type: 'principal', value: issuer }, span, id: 0 };
    const dot = this.nextToken()!;
    const nameToken = this.readContractName(dot, 'name', span);
    const contract: ContractPrincipal = {
      type: 'contract',
      version: issuer.version,
      hash160: issuer.hash160,
      contractName: nameToken.text,
    };
    const trait = this.readTraitName();
    if (trait === undefined) {
      return { type: 'atom-value', value: { type: 'principal', value: contract }, span: spanFrom(span, nameToken.span), id: 0 };
    }
    return { type: 'field-identifier', trait: { contract, name: trait.name }, span: spanFrom(span, trait.span), id: 0 };
  }

  private readSugaredPrincipal(span: Span): PreSymbolicExpression {
    const dotToken: PlacedToken = { kind: 'Dot', text: '', span };
    const nameToken = this.readContractName(dotToken, 'whole', span);
    const contractName = nameToken.text;
    const trait = this.readTraitName();
    if (trait === undefined) {
      return { type: 'sugared-contract-identifier', contractName, span: spanFrom(span, nameToken.span), id: 0 };
    }
    return { type: 'sugared-field-identifier', contractName, name: trait.name, span: spanFrom(span, trait.span), id: 0 };
  }
}

/**
 * Parses `source` with parser v2 (`parser::v2::parse`) into pre-expressions, comments included.
 * Throws a `ClarityError` of kind `parse` at the first lexical or syntax error.
 */
export function parseV2(source: string, limits: StackDepthLimits): PreSymbolicExpression[] {
  return new ParserV2(tokenize(source), limits).parse();
}
