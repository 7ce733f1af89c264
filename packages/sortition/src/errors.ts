/**
 * Errors of @stacks-ts/sortition. Misuse and corruption throw a `SortitionError`; consensus outcomes
 * (an invalid burn operation, a rejected winner) are returned as values, never thrown.
 */
import { StacksError } from '@stacks-ts/common';

/** Error codes of the sortition package. */
export const SortitionErrorCode = {
  InvalidArgument: 'SORTITION_INVALID_ARGUMENT',
  /** A block does not extend a snapshot the DB knows (unknown parent). */
  UnknownParent: 'SORTITION_UNKNOWN_PARENT',
  /** The DB contents contradict themselves (missing winner commit, bad row). */
  Corruption: 'SORTITION_CORRUPTION',
  /** No epoch covers a burn height. */
  NoEpoch: 'SORTITION_NO_EPOCH',
  Closed: 'SORTITION_CLOSED',
} as const;
/** One of `SortitionErrorCode`. */
export type SortitionErrorCode = (typeof SortitionErrorCode)[keyof typeof SortitionErrorCode];

/** The error class of this package. */
export class SortitionError extends StacksError<SortitionErrorCode> {
  constructor(code: SortitionErrorCode, message: string, meta: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(code, message, meta, options);
    this.name = 'SortitionError';
  }
}

/** True when `err` is a `SortitionError` (optionally with the given code). */
export function isSortitionError(err: unknown, code?: SortitionErrorCode): err is SortitionError {
  return err instanceof SortitionError && (code === undefined || err.code === code);
}
