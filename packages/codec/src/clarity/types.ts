/**
 * Clarity values as plain data (the reference's `clarity::vm::types::Value`). Integers are
 * `bigint`; strings are JS strings (string-ascii holds only the characters the reference allows);
 * buffers are `Uint8Array`s.
 */

/** A standard principal: address version and hash160 (`StandardPrincipalData`). */
export interface StandardPrincipal {
  readonly type: 'standard';
  readonly version: number;
  readonly hash160: Uint8Array;
}

/** A contract principal: its issuer and name (`QualifiedContractIdentifier`). */
export interface ContractPrincipal {
  readonly type: 'contract';
  readonly version: number;
  readonly hash160: Uint8Array;
  readonly contractName: string;
}

/** `PrincipalData`. */
export type PrincipalData = StandardPrincipal | ContractPrincipal;

export type IntCV = { readonly type: 'int'; readonly value: bigint };
export type UIntCV = { readonly type: 'uint'; readonly value: bigint };
export type BoolCV = { readonly type: 'bool'; readonly value: boolean };
export type BufferCV = { readonly type: 'buffer'; readonly value: Uint8Array };
export type StringAsciiCV = { readonly type: 'string-ascii'; readonly value: string };
export type StringUtf8CV = { readonly type: 'string-utf8'; readonly value: string };
export type PrincipalCV = { readonly type: 'principal'; readonly value: PrincipalData };
/** `(some v)` has `value: v`, `none` has `value: null`. */
export type OptionalCV = { readonly type: 'optional'; readonly value: ClarityValue | null };
/** `(ok v)` has `ok: true`, `(err v)` has `ok: false`. */
export type ResponseCV = { readonly type: 'response'; readonly ok: boolean; readonly value: ClarityValue };
export type ListCV = { readonly type: 'list'; readonly value: readonly ClarityValue[] };
/**
 * A tuple. Field order in `value` carries no meaning: the wire form always sorts names by byte
 * order, as the reference's `BTreeMap` does.
 */
export type TupleCV = { readonly type: 'tuple'; readonly value: Readonly<Record<string, ClarityValue>> };

/** A Clarity value. */
export type ClarityValue =
  | IntCV
  | UIntCV
  | BoolCV
  | BufferCV
  | StringAsciiCV
  | StringUtf8CV
  | PrincipalCV
  | OptionalCV
  | ResponseCV
  | ListCV
  | TupleCV;

/** Type prefix bytes of the consensus serialization (SIP-005 `TypePrefix`). */
export const ClarityTypePrefix = {
  Int: 0x00,
  UInt: 0x01,
  Buffer: 0x02,
  BoolTrue: 0x03,
  BoolFalse: 0x04,
  PrincipalStandard: 0x05,
  PrincipalContract: 0x06,
  ResponseOk: 0x07,
  ResponseErr: 0x08,
  OptionalNone: 0x09,
  OptionalSome: 0x0a,
  List: 0x0b,
  Tuple: 0x0c,
  StringASCII: 0x0d,
  StringUTF8: 0x0e,
} as const;
export type ClarityTypePrefix = (typeof ClarityTypePrefix)[keyof typeof ClarityTypePrefix];

/** Largest serialized value the reference accepts (`MAX_VALUE_SIZE`, 1 MiB). */
export const MAX_VALUE_SIZE = 1024 * 1024;
/** Deepest nesting of types the reference accepts (`MAX_TYPE_DEPTH`). */
export const MAX_TYPE_DEPTH = 32;
