import { StacksError } from '@stacks-ts/common';

/**
 * Codes of every error the codec throws. Decoders throw `CodecError` with one of these and
 * nothing else, whatever bytes they are given.
 */
export const CodecErrorCode = {
  /** The input ended before the structure did. */
  UnexpectedEof: 'CODEC_UNEXPECTED_EOF',
  /** Bytes were left over after a structure that must fill its input. */
  TrailingBytes: 'CODEC_TRAILING_BYTES',
  /** A length prefix or a total size exceeds the reference's limit. */
  TooLarge: 'CODEC_TOO_LARGE',
  /** A nested structure is deeper than the reference allows. */
  DepthExceeded: 'CODEC_DEPTH_EXCEEDED',
  /** A type or variant prefix byte is not one the reference knows. */
  BadPrefix: 'CODEC_BAD_PREFIX',
  /** A field holds a value the reference rejects (enum out of range, zero where not allowed, ...). */
  InvalidValue: 'CODEC_INVALID_VALUE',
  /** A contract name, Clarity name or string fails its character rules. */
  InvalidName: 'CODEC_INVALID_NAME',
  /** Bytes that must be UTF-8 (or restricted ASCII) are not. */
  InvalidString: 'CODEC_INVALID_STRING',
  /** A secp256k1 public key is not on the curve or has the wrong length. */
  InvalidPublicKey: 'CODEC_INVALID_PUBLIC_KEY',
  /** A secp256k1 private key is out of range or malformed. */
  InvalidPrivateKey: 'CODEC_INVALID_PRIVATE_KEY',
  /** A signature cannot be parsed or does not recover a key. */
  InvalidSignature: 'CODEC_INVALID_SIGNATURE',
  /** A c32 / base58 string has bad characters, a bad checksum or a bad version. */
  InvalidAddress: 'CODEC_INVALID_ADDRESS',
  /** A VRF proof or key is malformed. */
  InvalidVrf: 'CODEC_INVALID_VRF',
  /** A hash mode / key encoding combination the reference forbids. */
  InvalidAuth: 'CODEC_INVALID_AUTH',
  /** A list or tuple repeats an element the reference requires to be unique. */
  Duplicate: 'CODEC_DUPLICATE',
  /** The caller passed a value that cannot be encoded (out-of-range integer, wrong length). */
  InvalidArgument: 'CODEC_INVALID_ARGUMENT',
} as const;
export type CodecErrorCode = (typeof CodecErrorCode)[keyof typeof CodecErrorCode];

/** The only error type the codec throws. */
export class CodecError extends StacksError<CodecErrorCode> {
  constructor(code: CodecErrorCode, message: string, meta: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(code, message, meta, options);
    this.name = 'CodecError';
  }
}

/** True when `err` is a `CodecError` (optionally with the given code). */
export function isCodecError(err: unknown, code?: CodecErrorCode): err is CodecError {
  return err instanceof CodecError && (code === undefined || err.code === code);
}
