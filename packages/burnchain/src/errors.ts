import { StacksError } from '@stacks-ts/common';

/** Codes of every error `@stacks-ts/burnchain` throws. */
export const BurnchainErrorCode = {
  /** Bytes that do not decode as a Bitcoin header, transaction or block (truncated, oversized, trailing data). */
  Malformed: 'BURNCHAIN_MALFORMED',
  /** A block whose transactions do not hash to the header's merkle root. */
  MerkleMismatch: 'BURNCHAIN_MERKLE_MISMATCH',
  /** A header whose hash does not meet the target its `bits` field claims. */
  BadProofOfWork: 'BURNCHAIN_BAD_POW',
  /** An address string or script that is not a supported address for the network. */
  InvalidAddress: 'BURNCHAIN_INVALID_ADDRESS',
  /** The caller passed a malformed argument. */
  InvalidArgument: 'BURNCHAIN_INVALID_ARGUMENT',
  /** bitcoind answered a JSON-RPC call with an error object (`meta.rpcCode` holds its code). */
  Rpc: 'BURNCHAIN_RPC',
  /** The JSON-RPC transport failed: connection refused, timeout, HTTP error, a reply that is not JSON-RPC. */
  Transport: 'BURNCHAIN_TRANSPORT',
  /** A block, header or transaction that the source does not have. */
  NotFound: 'BURNCHAIN_NOT_FOUND',
  /** The simulated chain's mempool refused a transaction (`meta.reason` holds a bitcoind-style reason). */
  TxRejected: 'BURNCHAIN_TX_REJECTED',
  /** Stored data is inconsistent (a header chain with a gap, an unknown schema version). */
  Corruption: 'BURNCHAIN_CORRUPTION',
  /** The object was closed. */
  Closed: 'BURNCHAIN_CLOSED',
} as const;
export type BurnchainErrorCode = (typeof BurnchainErrorCode)[keyof typeof BurnchainErrorCode];

/** The error type of `@stacks-ts/burnchain`. */
export class BurnchainError extends StacksError<BurnchainErrorCode> {
  constructor(code: BurnchainErrorCode, message: string, meta: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(code, message, meta, options);
    this.name = 'BurnchainError';
  }
}

/** True when `err` is a `BurnchainError` (optionally with the given code). */
export function isBurnchainError(err: unknown, code?: BurnchainErrorCode): err is BurnchainError {
  return err instanceof BurnchainError && (code === undefined || err.code === code);
}
