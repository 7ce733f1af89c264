/**
 * The one error base class of stacks-ts. Every layer throws (or returns, for consensus outcomes)
 * errors whose `code` is a string from that layer's `as const` code table, so callers can branch
 * on `err.code` without `instanceof` checks across package copies.
 */
export class StacksError<Code extends string = string> extends Error {
  /** Machine-readable error code, for example `CODEC_UNEXPECTED_EOF`. */
  readonly code: Code;
  /** Structured context (offsets, lengths, names); never needed to understand the message. */
  readonly meta: Readonly<Record<string, unknown>>;

  constructor(code: Code, message: string, meta: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StacksError';
    this.code = code;
    this.meta = meta;
  }
}

/** True when `err` is a `StacksError` (optionally with the given code). */
export function isStacksError(err: unknown, code?: string): err is StacksError {
  return err instanceof StacksError && (code === undefined || err.code === code);
}

/** Error codes of the common package itself. */
export const CommonErrorCode = {
  InvalidHex: 'COMMON_INVALID_HEX',
  InvalidArgument: 'COMMON_INVALID_ARGUMENT',
  UnknownNetwork: 'COMMON_UNKNOWN_NETWORK',
  UnknownEpoch: 'COMMON_UNKNOWN_EPOCH',
} as const;
export type CommonErrorCode = (typeof CommonErrorCode)[keyof typeof CommonErrorCode];
