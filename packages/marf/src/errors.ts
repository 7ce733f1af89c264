import { StacksError } from '@stacks-ts/common';

/** Codes of every error the MARF throws (misuse, unknown blocks, storage corruption). */
export const MarfErrorCode = {
  /** A block id (tip, parent or ancestor) is not a committed block of this MARF. */
  BlockNotFound: 'MARF_BLOCK_NOT_FOUND',
  /** The block id is already committed; a block's trie is written once. */
  BlockExists: 'MARF_BLOCK_EXISTS',
  /** `begin` was called while another transaction is still open. */
  InProgress: 'MARF_IN_PROGRESS',
  /** The transaction was already committed or aborted. */
  TxClosed: 'MARF_TX_CLOSED',
  /** The MARF (or its storage) was closed. */
  Closed: 'MARF_CLOSED',
  /** The caller passed a malformed argument (a value that is not 40 bytes, a path that is not 32, ...). */
  InvalidArgument: 'MARF_INVALID_ARGUMENT',
  /** Stored tries are inconsistent: a bad blob, a dangling pointer, a non-leaf at the end of a path. */
  Corruption: 'MARF_CORRUPTION',
  /** The storage layer failed (I/O, SQLite). */
  Storage: 'MARF_STORAGE',
  /** The MARF directory is open elsewhere (another process, or another open in this one). */
  Locked: 'MARF_LOCKED',
  /** A feature that is not available in this build (for example proofs before they are wired in). */
  Unsupported: 'MARF_UNSUPPORTED',
} as const;
export type MarfErrorCode = (typeof MarfErrorCode)[keyof typeof MarfErrorCode];

/** The error type of `@stacks-ts/marf`. Absent keys are not errors: they read as `null`. */
export class MarfError extends StacksError<MarfErrorCode> {
  constructor(code: MarfErrorCode, message: string, meta: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(code, message, meta, options);
    this.name = 'MarfError';
  }
}

/** True when `err` is a `MarfError` (optionally with the given code). */
export function isMarfError(err: unknown, code?: MarfErrorCode): err is MarfError {
  return err instanceof MarfError && (code === undefined || err.code === code);
}
