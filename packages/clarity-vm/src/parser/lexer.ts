/**
 * The Clarity lexer of parser v2 (epoch 2.1 and later), in the reference's fail-fast mode (the
 * mode a node runs: the first diagnostic is the error). The rules follow
 * `clarity/src/vm/ast/parser/v2/lexer/mod.rs`: ASCII-only source, `\n` line endings (a `\r`
 * outside a string literal is an error), `;;` comments, and separators that must follow numbers,
 * principals and operators.
 */
import { lexerError } from '../errors.ts';
import type { ClarityError, LexerErrorCode } from '../errors.ts';
import type { Span } from './ast.ts';

/** Token kinds, named as the reference's `Token` variants. */
export const TokenKind = {
  Eof: 'Eof',
  Whitespace: 'Whitespace',
  Lparen: 'Lparen',
  Rparen: 'Rparen',
  Lbrace: 'Lbrace',
  Rbrace: 'Rbrace',
  Colon: 'Colon',
  Comma: 'Comma',
  Dot: 'Dot',
  Int: 'Int',
  Uint: 'Uint',
  AsciiString: 'AsciiString',
  Utf8String: 'Utf8String',
  Bytes: 'Bytes',
  Principal: 'Principal',
  Ident: 'Ident',
  TraitIdent: 'TraitIdent',
  Plus: 'Plus',
  Minus: 'Minus',
  Multiply: 'Multiply',
  Divide: 'Divide',
  Less: 'Less',
  LessEqual: 'LessEqual',
  Greater: 'Greater',
  GreaterEqual: 'GreaterEqual',
  Comment: 'Comment',
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/**
 * A token with its span. `text` is the token's payload where it has one: the digits of `Int` /
 * `Uint` (without the `u`), the unescaped contents of strings, the hex digits of `Bytes`, the c32
 * characters of `Principal` (without the `'`), names, and comment text.
 */
export interface PlacedToken {
  readonly kind: TokenKind;
  readonly text: string;
  readonly span: Span;
}

const TOKEN_DISPLAY: Readonly<Record<TokenKind, string>> = {
  Eof: 'EOF',
  Whitespace: 'whitespace',
  Lparen: '(',
  Rparen: ')',
  Lbrace: '{',
  Rbrace: '}',
  Colon: ':',
  Comma: ',',
  Dot: '.',
  Int: 'int',
  Uint: 'uint',
  AsciiString: 'string-ascii',
  Utf8String: 'string-utf8',
  Bytes: 'bytes',
  Principal: 'principal',
  Ident: 'identifier',
  TraitIdent: 'trait-identifier',
  Plus: '+',
  Minus: '-',
  Multiply: '*',
  Divide: '/',
  Less: '<',
  LessEqual: '<=',
  Greater: '>',
  GreaterEqual: '>=',
  Comment: 'comment',
};

/** How the reference prints a token kind in messages (`Display for Token`). */
export function tokenKindToString(kind: TokenKind): string {
  return TOKEN_DISPLAY[kind];
}

/** End of input. No real character compares equal to it. */
const EOF = '';
/** How the reference shows end of input inside a message (`char::REPLACEMENT_CHARACTER`). */
const EOF_DISPLAY = '\uFFFD';

/** `is_separator`: characters that may end a number, name, principal or operator. */
function isSeparator(ch: string): boolean {
  switch (ch) {
    case '(':
    case ')':
    case '{':
    case '}':
    case ',':
    case ':':
    case '.':
    case ';':
    case EOF:
    // `char::is_ascii_whitespace`
    case ' ':
    case '\t':
    case '\n':
    case '\f':
    case '\r':
      return true;
    default:
      return false;
  }
}

function isDigit(ch: string): boolean {
  return ch.length === 1 && ch >= '0' && ch <= '9';
}

function isAlpha(ch: string): boolean {
  return ch.length === 1 && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
}

function isHexDigit(ch: string): boolean {
  return isDigit(ch) || (ch.length === 1 && ((ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')));
}

/** Characters after the first in an identifier. */
function isIdentChar(ch: string): boolean {
  return isAlpha(ch) || isDigit(ch) || (ch.length === 1 && '_-!?+<>=/*'.includes(ch));
}

/** Characters of a trait identifier `<name>`. */
function isTraitIdentChar(ch: string): boolean {
  return isAlpha(ch) || isDigit(ch) || ch === '_' || ch === '-';
}

/** The c32 (Crockford) alphabet, upper case only, as principal literals require. */
function isC32Char(ch: string): boolean {
  return isDigit(ch) || (ch.length === 1 && ch >= 'A' && ch <= 'Z' && ch !== 'I' && ch !== 'L' && ch !== 'O' && ch !== 'U');
}

function charArg(ch: string): string {
  return ch === EOF ? EOF_DISPLAY : ch;
}

const LEXER_MESSAGES: Readonly<Record<LexerErrorCode, (arg: string) => string>> = {
  InvalidCharInt: (c) => `invalid character, '${c}', in int literal`,
  InvalidCharUint: (c) => `invalid character, '${c}', in uint literal`,
  InvalidCharBuffer: (c) => `invalid character, '${c}', in buffer`,
  InvalidCharIdent: (c) => `invalid character, '${c}', in identifier`,
  InvalidCharTraitIdent: (c) => `invalid character, '${c}', in trait identifier`,
  InvalidCharPrincipal: (c) => `invalid character, '${c}', in principal literal`,
  InvalidBufferLength: (n) => `invalid buffer length, ${n}`,
  UnknownEscapeChar: (c) => `unknown escape character, '${c}'`,
  IllegalCharString: (c) => `invalid character, '${c}', in string literal`,
  IllegalCharUTF8Encoding: (c) => `invalid character, '${c}', in UTF8 encoding`,
  UnterminatedUTF8Encoding: () => "unterminated UTF8 encoding, missing '}'",
  ExpectedClosing: (c) => `expected closing '${c}'`,
  ExpectedSeparator: () => 'expected separator',
  EmptyUTF8Encoding: () => 'empty UTF8 encoding',
  InvalidUTF8Encoding: () => 'invalid UTF8 encoding',
  SingleSemiColon: () => 'unexpected single \';\' (comments begin with ";;"',
  UnknownSymbol: (c) => `unknown symbol, '${c}'`,
  NonASCIIChar: (c) => `illegal non-ASCII character, '${c}'`,
  NoteToMatchThis: (c) => `to match this '${c}'`,
  UnsupportedLineEnding: () => "unsupported line-ending '\\r', only '\\n' is supported",
  EditorCRLFMode: () => 'you may need to change your editor from CRLF mode to LF mode',
};

function lexFail(code: LexerErrorCode, span: Span, arg?: string | number): ClarityError {
  const shown = arg === undefined ? '' : String(arg);
  return lexerError(code, LEXER_MESSAGES[code](shown), {
    args: arg === undefined ? [] : [arg],
    span,
  });
}

function point(line: number, column: number): Span {
  return { startLine: line, startColumn: column, endLine: line, endColumn: column };
}

/** The fail-fast v2 lexer. Throws a `ClarityError` (group `Lexer`) at the first problem. */
class Lexer {
  private readonly input: string;
  private pos = 0;
  private next = '\0';
  private line = 1;
  private column = 0;
  private lastLine = 0;
  private lastColumn = 0;

  constructor(input: string) {
    this.input = input;
    this.readChar();
  }

  /** Advances one character, tracking lines and columns exactly as the reference does. */
  private readChar(): void {
    this.lastLine = this.line;
    this.lastColumn = this.column;
    if (this.pos < this.input.length) {
      const cp = this.input.codePointAt(this.pos)!;
      const ch = String.fromCodePoint(cp);
      this.pos += ch.length;
      if (this.next === '\n') {
        this.line += 1;
        this.column = 0;
      }
      if (cp > 0x7f) throw lexFail('NonASCIIChar', point(this.line, this.column + 1), ch);
      this.next = ch;
    } else {
      this.next = EOF;
    }
    this.column += 1;
  }

  /** The character under the cursor (a method, so that type narrowing never goes stale). */
  private current(): string {
    return this.next;
  }

  private lineEndingError(): ClarityError {
    return lexFail('UnsupportedLineEnding', point(this.line, this.column));
  }

  private skipWhitespace(): void {
    while (this.next !== EOF) {
      const ch = this.next;
      if (ch === '\r') throw this.lineEndingError();
      if (ch !== ' ' && ch !== '\t' && ch !== '\n') break;
      this.readChar();
    }
  }

  private readLine(): string {
    let line = '';
    for (;;) {
      const ch = this.next;
      if (ch === '\n' || ch === EOF) break;
      if (ch === '\r') throw this.lineEndingError();
      line += ch;
      this.readChar();
    }
    return line;
  }

  /** Reads through the rest of a malformed token, then reports `code` over it. */
  private failThroughToken(code: LexerErrorCode, arg: string): ClarityError {
    const startLine = this.line;
    const startColumn = this.column;
    while (!isSeparator(this.next)) this.readChar();
    return lexFail(code, { startLine, startColumn, endLine: this.lastLine, endColumn: this.lastColumn }, arg);
  }

  private readIdentifier(first: string): string {
    let ident = first;
    for (;;) {
      if (isIdentChar(this.next)) {
        ident += this.next;
      } else {
        if (!isSeparator(this.next)) throw this.failThroughToken('InvalidCharIdent', charArg(this.next));
        return ident;
      }
      this.readChar();
    }
  }

  private readTraitIdentifier(): string {
    let ident = '';
    for (;;) {
      const ch = this.next;
      if (isTraitIdentChar(ch)) {
        ident += ch;
      } else if (ch === '>') {
        return ident;
      } else {
        if (!isSeparator(ch)) throw this.failThroughToken('InvalidCharTraitIdent', charArg(ch));
        throw lexFail('ExpectedClosing', point(this.line, this.column), '>');
      }
      this.readChar();
    }
  }

  private readPrincipal(): string {
    let principal = '';
    for (;;) {
      this.readChar();
      const ch = this.next;
      if (isC32Char(ch)) {
        principal += ch;
      } else {
        if (!isSeparator(ch)) throw this.failThroughToken('InvalidCharPrincipal', charArg(ch));
        return principal;
      }
    }
  }

  private readUnsigned(): string {
    let num = '';
    while (isDigit(this.next)) {
      num += this.next;
      this.readChar();
    }
    if (!isSeparator(this.next)) throw this.failThroughToken('InvalidCharUint', charArg(this.next));
    return num;
  }

  private readInteger(prefix: string): string {
    let num = prefix;
    while (isDigit(this.next)) {
      num += this.next;
      this.readChar();
    }
    if (!isSeparator(this.next)) throw this.failThroughToken('InvalidCharInt', charArg(this.next));
    return num;
  }

  private readHex(): string {
    const startLine = this.line;
    const startColumn = this.column - 1;
    let bytes = '';
    for (;;) {
      this.readChar();
      const first = this.next;
      if (!isHexDigit(first)) {
        if (!isSeparator(first)) throw this.failThroughToken('InvalidCharBuffer', charArg(first));
        return bytes;
      }
      bytes += first;
      this.readChar();
      const second = this.next;
      if (!isHexDigit(second)) {
        if (isSeparator(second)) {
          throw lexFail(
            'InvalidBufferLength',
            { startLine, startColumn, endLine: this.lastLine, endColumn: this.lastColumn },
            bytes.length,
          );
        }
        throw this.failThroughToken('InvalidCharBuffer', charArg(second));
      }
      bytes += second;
    }
  }

  /** The escape after a `\` in a string literal, or undefined when it is not one of the six. */
  private static simpleEscape(ch: string): string | undefined {
    switch (ch) {
      case '\\':
        return '\\';
      case '"':
        return '"';
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case '0':
        return '\0';
      default:
        return undefined;
    }
  }

  private unknownEscape(): ClarityError {
    return lexFail(
      'UnknownEscapeChar',
      { startLine: this.lastLine, startColumn: this.lastColumn, endLine: this.line, endColumn: this.column },
      charArg(this.next),
    );
  }

  private readAsciiString(): string {
    let s = '';
    let escaped = false;
    this.readChar();
    for (;;) {
      const ch = this.next;
      if (escaped) {
        const esc = Lexer.simpleEscape(ch);
        if (esc === undefined) throw this.unknownEscape();
        s += esc;
        escaped = false;
      } else if (ch === '"') {
        this.readChar();
        return s;
      } else if (ch === '\\') {
        escaped = true;
      } else if (ch === EOF || ch === '\n') {
        throw lexFail('ExpectedClosing', point(this.line, this.column), '"');
      } else {
        // Non-ASCII characters never get here: reading them is already an error.
        s += ch;
      }
      this.readChar();
    }
  }

  /** Reads `{X}` after `\u` and returns the hex digits `X`. */
  private readUtf8Encoding(): string {
    this.readChar();
    const startLine = this.line;
    const startColumn = this.column;
    if (this.current() !== '{') throw lexFail('InvalidUTF8Encoding', point(this.line, this.column));
    let code = '';
    for (;;) {
      this.readChar();
      const ch = this.current();
      if (ch === '}') {
        if (code === '') {
          throw lexFail('EmptyUTF8Encoding', {
            startLine,
            startColumn,
            endLine: this.line,
            endColumn: this.column,
          });
        }
        this.readChar();
        return code;
      }
      if (ch === '"' || ch === EOF) throw lexFail('UnterminatedUTF8Encoding', point(this.line, this.column));
      if (!isHexDigit(ch)) throw lexFail('IllegalCharUTF8Encoding', point(this.line, this.column), charArg(ch));
      code += ch;
    }
  }

  private readUtf8String(): string {
    let s = '';
    let escaped = false;
    let advance = true;
    this.readChar();
    for (;;) {
      const ch = this.next;
      if (escaped) {
        if (ch === 'u') {
          const codeStartLine = this.line;
          const codeStartColumn = this.column;
          const hex = this.readUtf8Encoding();
          const invalid = (): ClarityError =>
            lexFail('InvalidUTF8Encoding', {
              startLine: codeStartLine,
              startColumn: codeStartColumn,
              endLine: this.line,
              endColumn: this.column,
            });
          // `u32::from_str_radix`: more than 8 significant hex digits overflow.
          const value = hex.replace(/^0+/, '').length > 8 ? Number.NaN : Number.parseInt(hex, 16);
          // `char::from_u32`: a Unicode scalar value (no surrogates, at most 0x10FFFF).
          if (!(value <= 0x10ffff) || (value >= 0xd800 && value <= 0xdfff)) throw invalid();
          s += String.fromCodePoint(value);
          advance = false;
        } else {
          const esc = Lexer.simpleEscape(ch);
          if (esc === undefined) throw this.unknownEscape();
          s += esc;
        }
        escaped = false;
      } else if (ch === '"') {
        this.readChar();
        return s;
      } else if (ch === '\\') {
        escaped = true;
      } else if (ch === EOF || ch === '\n') {
        throw lexFail('ExpectedClosing', point(this.line, this.column), '"');
      } else {
        s += ch;
      }
      if (advance) this.readChar();
      else advance = true;
    }
  }

  /** Reads one token (`read_token`). */
  readToken(): PlacedToken {
    const startLine = this.line;
    const startColumn = this.column;
    let advance = true;
    let kind: TokenKind;
    let text = '';
    const ch = this.next;

    switch (ch) {
      case EOF:
        kind = 'Eof';
        break;
      case '(':
        kind = 'Lparen';
        break;
      case ')':
        kind = 'Rparen';
        break;
      case '{':
        kind = 'Lbrace';
        break;
      case '}':
        kind = 'Rbrace';
        break;
      case ':':
        kind = 'Colon';
        break;
      case '.':
        kind = 'Dot';
        break;
      case ',':
        kind = 'Comma';
        break;
      case '+':
        kind = 'Plus';
        break;
      case '*':
        kind = 'Multiply';
        break;
      case '/':
        kind = 'Divide';
        break;
      case '-':
        advance = false;
        this.readChar();
        if (isDigit(this.next)) {
          kind = 'Int';
          text = this.readInteger('-');
        } else {
          kind = 'Minus';
        }
        break;
      case '<':
        this.readChar();
        if (this.next === '=') {
          kind = 'LessEqual';
        } else if (isAlpha(this.next)) {
          kind = 'TraitIdent';
          text = this.readTraitIdentifier();
        } else {
          advance = false;
          kind = 'Less';
        }
        break;
      case '>':
        this.readChar();
        if (this.next === '=') {
          kind = 'GreaterEqual';
        } else {
          advance = false;
          kind = 'Greater';
        }
        break;
      case ';':
        this.readChar();
        if (this.next !== ';') {
          throw lexFail('SingleSemiColon', point(this.lastLine, this.lastColumn));
        }
        this.readChar();
        advance = false;
        kind = 'Comment';
        text = this.readLine().replace(/^\s+/, '');
        break;
      case "'":
        advance = false;
        kind = 'Principal';
        text = this.readPrincipal();
        break;
      case 'u':
        advance = false;
        this.readChar();
        if (isDigit(this.next)) {
          kind = 'Uint';
          text = this.readUnsigned();
        } else if (this.next === '"') {
          kind = 'Utf8String';
          text = this.readUtf8String();
        } else {
          kind = 'Ident';
          text = this.readIdentifier('u');
        }
        break;
      case ' ':
      case '\t':
      case '\r':
      case '\n':
        this.skipWhitespace();
        advance = false;
        kind = 'Whitespace';
        break;
      case '"':
        advance = false;
        kind = 'AsciiString';
        text = this.readAsciiString();
        break;
      case '0':
        advance = false;
        this.readChar();
        if (this.next === 'x') {
          kind = 'Bytes';
          text = this.readHex();
        } else if (isDigit(this.next)) {
          kind = 'Int';
          text = this.readInteger('0');
        } else if (isSeparator(this.next)) {
          kind = 'Int';
          text = '0';
        } else {
          throw this.failThroughToken('InvalidCharInt', charArg(this.next));
        }
        break;
      default:
        if (isAlpha(ch)) {
          advance = false;
          kind = 'Ident';
          text = this.readIdentifier('');
        } else if (isDigit(ch)) {
          advance = false;
          kind = 'Int';
          text = this.readInteger('');
        } else {
          throw lexFail('UnknownSymbol', point(this.line, this.column), ch);
        }
    }

    if (advance) this.readChar();

    switch (kind) {
      case 'Plus':
      case 'Minus':
      case 'Multiply':
      case 'Divide':
      case 'Less':
      case 'LessEqual':
      case 'Greater':
      case 'GreaterEqual':
        if (!isSeparator(this.next)) throw lexFail('ExpectedSeparator', point(this.line, this.column));
        break;
      default:
        break;
    }

    return {
      kind,
      text,
      span: { startLine, startColumn, endLine: this.lastLine, endColumn: this.lastColumn },
    };
  }
}

/**
 * Splits `source` into tokens, ending with one `Eof` token. Throws a `ClarityError` of kind
 * `parse`, group `Lexer`, at the first lexical error.
 */
export function tokenize(source: string): PlacedToken[] {
  const lexer = new Lexer(source);
  const tokens: PlacedToken[] = [];
  for (;;) {
    const token = lexer.readToken();
    tokens.push(token);
    if (token.kind === 'Eof') return tokens;
  }
}
