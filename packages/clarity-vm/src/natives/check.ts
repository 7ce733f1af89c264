/**
 * The runtime errors native functions raise, built with the reference's variant names. Most of
 * them are `RuntimeCheckErrorKind`s that the type checker makes unreachable for checked code; they
 * are still raised exactly where the reference raises them so that unchecked paths agree.
 */
import { CodecError, CodecErrorCode, type ClarityValue, clarityValueToRepr } from '@stacks-ts/codec';
import { type ClarityError, internalError, runtimeCheckError } from '../errors.ts';

/** The reference truncates value reprs in error payloads at this many bytes (`MAX_ERROR_VALUE_DISPLAY_LEN`). */
const MAX_ERROR_VALUE_DISPLAY_LEN = 1024;

/** A value as it appears in an error payload (truncated like `Value::to_error_string`). */
export function valueErrorString(v: ClarityValue): string {
  let s: string;
  try {
    s = clarityValueToRepr(v);
  } catch {
    s = `<${v.type}>`;
  }
  return s.length <= MAX_ERROR_VALUE_DISPLAY_LEN ? s : `${s.slice(0, MAX_ERROR_VALUE_DISPLAY_LEN)}...`;
}

/** `IncorrectArgumentCount(expected, found)`. */
export function incorrectArgumentCount(expected: number, found: number): ClarityError {
  return runtimeCheckError('IncorrectArgumentCount', `expected ${expected} arguments, got ${found}`, {
    args: [expected, found],
  });
}

/** `check_argument_count`: exactly `n` arguments, else `IncorrectArgumentCount(n, found)`. */
export function expectArgCount(args: readonly unknown[], n: number): void {
  if (args.length !== n) throw incorrectArgumentCount(n, args.length);
}

/** `check_arguments_at_least` at runtime: `Unreachable("Requires at least args: n got m")`. */
export function expectArgsAtLeast(args: readonly unknown[], n: number): void {
  if (args.length < n) throw unreachable(`Requires at least args: ${n} got ${args.length}`);
}

/** `check_arguments_at_most` at runtime: `Unreachable("Requires at most args: n got m")`. */
export function expectArgsAtMost(args: readonly unknown[], n: number): void {
  if (args.length > n) throw unreachable(`Requires at most args: ${n} got ${args.length}`);
}

/** `RuntimeCheckErrorKind::Unreachable(message)`. */
export function unreachable(message: string): ClarityError {
  return runtimeCheckError('Unreachable', message, { args: [message] });
}

/** `TypeValueError(expected, value)`: a value of the wrong type. */
export function typeValueError(expected: string, value: ClarityValue): ClarityError {
  const repr = valueErrorString(value);
  return runtimeCheckError('TypeValueError', `expected ${expected}, found ${repr}`, { args: [expected, repr] });
}

/** `UnionTypeValueError(expected, value)`: a value matching none of the accepted types. */
export function unionTypeValueError(expected: readonly string[], value: ClarityValue): ClarityError {
  const repr = valueErrorString(value);
  return runtimeCheckError('UnionTypeValueError', `expected one of ${expected.join(', ')}, found ${repr}`, {
    args: [expected, repr],
  });
}

/** `TypeError(expected, found)`: two types that do not match. */
export function typeError(expected: string, found: string): ClarityError {
  return runtimeCheckError('TypeError', `expected ${expected}, found ${found}`, { args: [expected, found] });
}

/** `VmInternalError::Expect(message)`: a broken invariant. */
export function expectFailure(message: string): ClarityError {
  return internalError('Expect', message, { args: [message] });
}

/**
 * The runtime error a failed type construction becomes (the reference's `ClarityTypeError` to
 * `RuntimeCheckErrorKind` conversion): too large is `ValueTooLarge`, too deep
 * `TypeSignatureTooDeep`, a failed supertype `TypeError`, and a supertype whose construction failed
 * (`SupertypeTooLarge`) `Unreachable`.
 */
export function typeConstructionError(e: unknown): unknown {
  if (!(e instanceof CodecError)) return e;
  if (e.message.startsWith('supertype too large')) {
    return unreachable(`Unexpected error type during runtime analysis: SupertypeTooLarge`);
  }
  switch (e.code) {
    case CodecErrorCode.TooLarge:
      return runtimeCheckError('ValueTooLarge', e.message);
    case CodecErrorCode.DepthExceeded:
      return runtimeCheckError('TypeSignatureTooDeep', e.message);
    case CodecErrorCode.InvalidValue:
      if (e.message.startsWith('type mismatch')) return runtimeCheckError('TypeError', e.message);
      if (e.message.startsWith('empty tuples')) {
        return unreachable('Unexpected error type during runtime analysis: EmptyTuplesNotAllowed');
      }
      return unreachable(e.message);
    default:
      return unreachable(e.message);
  }
}
