// The Clarity error model (src/errors.ts): kinds, groups and codes named after the reference's
// enums (ParseErrorKind, LexerError, StaticCheckErrorKind, RuntimeCheckErrorKind, RuntimeError,
// EarlyReturnError, VmInternalError).
import { describe, it, expect } from 'vitest';
import { StacksError } from '@stacks-ts/common';
import {
  ClarityEarlyReturn,
  ClarityError,
  CheckErrorCode,
  ParseErrorCode,
  RuntimeCheckErrorCode,
  RuntimeErrorCode,
  checkError,
  clarityErrorStage,
  earlyReturn,
  internalError,
  isClarityError,
  isEarlyReturn,
  lexerError,
  parseError,
  runtimeCheckError,
  runtimeError,
} from '../../../src/errors.ts';

describe('ClarityError', () => {
  it('is a StacksError whose code is the reference variant name', () => {
    const e = runtimeError('ArithmeticOverflow');
    expect(e).toBeInstanceOf(StacksError);
    expect(e).toBeInstanceOf(ClarityError);
    expect(e.code).toBe('ArithmeticOverflow');
    expect(e.kind).toBe('runtime');
    expect(e.group).toBe('Runtime');
    expect(e.message).toBe('ArithmeticOverflow');
    expect(e.isStatic).toBe(false);
    expect(clarityErrorStage(e)).toBe('runtime');
  });

  it('keeps the variant payload in reference order', () => {
    const e = runtimeError('SupplyOverflow', 'supply overflow', { args: [2000000n, 1000000n] });
    expect(e.args).toEqual([2000000n, 1000000n]);
    const c = runtimeCheckError('TypeValueError', undefined, { args: ['UIntType', 'Int(1)'] });
    expect(c.kind).toBe('runtime');
    expect(c.group).toBe('RuntimeCheck');
    expect(c.args).toEqual(['UIntType', 'Int(1)']);
  });

  it('static errors: parse, lexer and check', () => {
    const p = parseError('ExpectedWhitespace', 'expected whitespace before expression', {
      span: { startLine: 1, startColumn: 2, endLine: 1, endColumn: 3 },
    });
    expect([p.kind, p.group, p.isStatic, clarityErrorStage(p)]).toEqual(['parse', 'Parse', true, 'static']);
    expect(p.span).toEqual({ startLine: 1, startColumn: 2, endLine: 1, endColumn: 3 });
    const l = lexerError('InvalidCharInt', "invalid character, 'g', in int literal", { args: ['g'] });
    expect([l.kind, l.group]).toEqual(['parse', 'Lexer']);
    const c = checkError('UncheckedIntermediaryResponses', 'intermediary responses must be checked');
    expect([c.kind, c.group, clarityErrorStage(c)]).toEqual(['check', 'StaticCheck', 'static']);
  });

  it('internal errors are runtime errors', () => {
    const e = internalError('InvariantViolation', 'broken');
    expect([e.kind, e.group, e.code]).toEqual(['runtime', 'Internal', 'InvariantViolation']);
  });

  it('isClarityError filters by kind and code', () => {
    const e = runtimeError('DivisionByZero');
    expect(isClarityError(e)).toBe(true);
    expect(isClarityError(e, 'runtime')).toBe(true);
    expect(isClarityError(e, 'runtime', 'DivisionByZero')).toBe(true);
    expect(isClarityError(e, 'parse')).toBe(false);
    expect(isClarityError(e, 'runtime', 'ArithmeticOverflow')).toBe(false);
    expect(isClarityError(new Error('x'))).toBe(false);
  });

  it('code tables hold the reference names', () => {
    for (const name of ['ArithmeticOverflow', 'ArithmeticUnderflow', 'DivisionByZero', 'UnwrapFailure', 'Arithmetic', 'SupplyOverflow']) {
      expect(RuntimeErrorCode).toHaveProperty(name, name);
    }
    for (const name of ['ExpectedContractPrincipalValue', 'ValueTooLarge', 'ListTypesMustMatch', 'TypeValueError']) {
      expect(RuntimeCheckErrorCode).toHaveProperty(name, name);
    }
    for (const name of ['BadTupleConstruction', 'ConstructedListTooLarge', 'UncheckedIntermediaryResponses', 'TypeError']) {
      expect(CheckErrorCode).toHaveProperty(name, name);
    }
    for (const name of ['ExpressionStackDepthTooDeep', 'TupleColonExpectedv2', 'IllegalASCIIString', 'FailedParsingRemainder']) {
      expect(ParseErrorCode).toHaveProperty(name, name);
    }
  });
});

describe('early return (short return)', () => {
  it('carries the value and is a runtime EarlyReturn error when it escapes', () => {
    const v = { type: 'response', ok: false, value: { type: 'uint', value: 1n } } as const;
    const e = earlyReturn('AssertionFailed', v);
    expect(e).toBeInstanceOf(ClarityEarlyReturn);
    expect(e).toBeInstanceOf(ClarityError);
    expect(isEarlyReturn(e)).toBe(true);
    expect(isEarlyReturn(runtimeError('UnwrapFailure'))).toBe(false);
    expect(e.value).toBe(v);
    expect([e.kind, e.group, e.code]).toEqual(['runtime', 'EarlyReturn', 'AssertionFailed']);
    expect(e.args).toEqual([v]);
    expect(earlyReturn('UnwrapFailed', v).code).toBe('UnwrapFailed');
  });
});
