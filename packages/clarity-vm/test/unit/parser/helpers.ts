import { expect } from 'vitest';
import { ClarityError } from '../../../src/errors.ts';
import type { ClarityErrorCode, ClarityErrorGroup } from '../../../src/errors.ts';
import type { Span } from '../../../src/parser/ast.ts';

/** The `ClarityError` that `fn` throws (fails the test when it throws nothing or something else). */
export function errorOf(fn: () => unknown): ClarityError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ClarityError);
    return e as ClarityError;
  }
  throw new Error('expected a ClarityError, but nothing was thrown');
}

/** Asserts `fn` throws a parse error with `code` (and, when given, group, span, args, message). */
export function expectParseError(
  fn: () => unknown,
  code: ClarityErrorCode,
  more: { group?: ClarityErrorGroup; span?: Span; args?: unknown[]; message?: string } = {},
): ClarityError {
  const err = errorOf(fn);
  expect(err.kind).toBe('parse');
  expect(err.code).toBe(code);
  if (more.group !== undefined) expect(err.group).toBe(more.group);
  if (more.span !== undefined) expect(err.span).toEqual(more.span);
  if (more.args !== undefined) expect(err.args).toEqual(more.args);
  if (more.message !== undefined) expect(err.message).toBe(more.message);
  return err;
}

/** A span on one line. */
export function sp(line: number, startColumn: number, endColumn: number, endLine = line): Span {
  return { startLine: line, startColumn, endLine, endColumn };
}
