/**
 * A small model of the reference's Clarity `TypeSignature` (`clarity-types/src/types/signatures.rs`):
 * just what the value codec needs to reject exactly what the reference rejects (lists whose items
 * have no common type, values over `MAX_VALUE_SIZE` or `MAX_TYPE_DEPTH`) and to deserialize
 * against an expected type. Callable and trait types are not modelled: they never come out of
 * deserialization.
 *
 * Every type carries its `size` (the reference's `TypeSignature::size`, an upper bound on the
 * in-memory size of a value of the type), `typeSize` (`inner_type_size`) and `depth`, computed once
 * by the constructors in `ClarityType`, which fail exactly where the reference's guarded
 * constructors fail. Build types with `ClarityType`, not with object literals.
 */
import { CodecError, CodecErrorCode } from '../errors.ts';
import { isValidClarityName } from './names.ts';
import { MAX_TYPE_DEPTH, MAX_VALUE_SIZE } from './types.ts';

/** Longest string-utf8, in characters (`MAX_UTF8_VALUE_SIZE`). */
export const MAX_UTF8_VALUE_SIZE = MAX_VALUE_SIZE / 4;

interface TypeMeta {
  /** `TypeSignature::size()`. */
  readonly size: number;
  /** `inner_type_size()`: the size of the type description itself. */
  readonly typeSize: number;
  /** `TypeSignature::depth()`. */
  readonly depth: number;
}

/** The type of `none`'s missing inner value, and of the unknown side of a response (`NoType`). */
export type NoType = TypeMeta & { readonly kind: 'no-type' };
/** `int`. */
export type IntType = TypeMeta & { readonly kind: 'int' };
/** `uint`. */
export type UIntType = TypeMeta & { readonly kind: 'uint' };
/** `bool`. */
export type BoolType = TypeMeta & { readonly kind: 'bool' };
/** `principal` (standard or contract). */
export type PrincipalType = TypeMeta & { readonly kind: 'principal' };
/** `(buff length)`. */
export type BufferType = TypeMeta & { readonly kind: 'buffer'; readonly length: number };
/** `(string-ascii length)`. */
export type StringAsciiType = TypeMeta & { readonly kind: 'string-ascii'; readonly length: number };
/** `(string-utf8 length)`, length in characters. */
export type StringUtf8Type = TypeMeta & { readonly kind: 'string-utf8'; readonly length: number };
/** `(list maxLength itemType)`. */
export type ListType = TypeMeta & { readonly kind: 'list'; readonly maxLength: number; readonly itemType: TypeSignature };
/** `(tuple (name type) ...)`. */
export type TupleType = TypeMeta & { readonly kind: 'tuple'; readonly fields: ReadonlyMap<string, TypeSignature> };
/** `(optional inner)`. */
export type OptionalType = TypeMeta & { readonly kind: 'optional'; readonly inner: TypeSignature };
/** `(response ok err)`. */
export type ResponseType = TypeMeta & { readonly kind: 'response'; readonly ok: TypeSignature; readonly err: TypeSignature };

/** A Clarity type signature (no callable/trait types). */
export type TypeSignature =
  | NoType
  | IntType
  | UIntType
  | BoolType
  | PrincipalType
  | BufferType
  | StringAsciiType
  | StringUtf8Type
  | ListType
  | TupleType
  | OptionalType
  | ResponseType;

function tooLarge(what: string): CodecError {
  return new CodecError(CodecErrorCode.TooLarge, `${what}: value too large (over MAX_VALUE_SIZE ${MAX_VALUE_SIZE})`);
}

function tooDeep(what: string): CodecError {
  return new CodecError(CodecErrorCode.DepthExceeded, `${what}: type signature too deep (over MAX_TYPE_DEPTH ${MAX_TYPE_DEPTH})`);
}

const NO_TYPE: NoType = { kind: 'no-type', size: 1, typeSize: 1, depth: 1 };
const INT: IntType = { kind: 'int', size: 16, typeSize: 1, depth: 1 };
const UINT: UIntType = { kind: 'uint', size: 16, typeSize: 1, depth: 1 };
const BOOL: BoolType = { kind: 'bool', size: 1, typeSize: 1, depth: 1 };
// 20 + 128: the reference charges every principal as the largest contract principal.
const PRINCIPAL: PrincipalType = { kind: 'principal', size: 148, typeSize: 1, depth: 1 };

function checkLength(n: number, max: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `${what} length must be a non-negative integer, got ${n}`);
  }
  if (n > max) throw tooLarge(`${what} of length ${n}`);
}

function bufferType(length: number): BufferType {
  checkLength(length, MAX_VALUE_SIZE, 'buff');
  return { kind: 'buffer', length, size: 4 + length, typeSize: 5, depth: 1 };
}

function stringAsciiType(length: number): StringAsciiType {
  checkLength(length, MAX_VALUE_SIZE, 'string-ascii');
  return { kind: 'string-ascii', length, size: 4 + length, typeSize: 5, depth: 1 };
}

function stringUtf8Type(length: number): StringUtf8Type {
  checkLength(length, MAX_UTF8_VALUE_SIZE, 'string-utf8');
  return { kind: 'string-utf8', length, size: 4 + 4 * length, typeSize: 5, depth: 1 };
}

/** `TypeSignature::new_option`. */
function optionalType(inner: TypeSignature): OptionalType {
  const size = inner.size + 1;
  if (size > MAX_VALUE_SIZE) throw tooLarge('optional type');
  const depth = inner.depth + 1;
  if (depth > MAX_TYPE_DEPTH) throw tooDeep('optional type');
  return { kind: 'optional', inner, size, typeSize: inner.typeSize + 1, depth };
}

/** `TypeSignature::new_response`. */
function responseType(ok: TypeSignature, err: TypeSignature): ResponseType {
  const size = Math.max(ok.size, err.size) + 1;
  if (size > MAX_VALUE_SIZE) throw tooLarge('response type');
  const depth = Math.max(ok.depth, err.depth) + 1;
  if (depth > MAX_TYPE_DEPTH) throw tooDeep('response type');
  return { kind: 'response', ok, err, size, typeSize: ok.typeSize + err.typeSize + 1, depth };
}

/** `ListTypeData::new_list`. */
function listType(itemType: TypeSignature, maxLength: number): ListType {
  if (!Number.isInteger(maxLength) || maxLength < 0 || maxLength > 0xffff_ffff) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `list max length must be a u32, got ${maxLength}`);
  }
  const depth = itemType.depth + 1;
  if (depth > MAX_TYPE_DEPTH) throw tooDeep('list type');
  const typeSize = itemType.typeSize + 5;
  if (typeSize > MAX_VALUE_SIZE) throw tooLarge('list type');
  const size = itemType.size * maxLength + typeSize;
  if (size > MAX_VALUE_SIZE) throw tooLarge('list type');
  return { kind: 'list', itemType, maxLength, size, typeSize, depth };
}

/** `TupleTypeSignature::try_from(BTreeMap)`; the map must already have unique names. */
function tupleTypeFromMap(fields: ReadonlyMap<string, TypeSignature>): TupleType {
  if (fields.size === 0) throw new CodecError(CodecErrorCode.InvalidValue, 'empty tuples are not allowed');
  let maxDepth = 0;
  let typeSize = 2 * fields.size;
  let size = 2 * fields.size;
  for (const [name, t] of fields) {
    if (t.depth + 1 > MAX_TYPE_DEPTH) throw tooDeep('tuple type');
    if (t.depth > maxDepth) maxDepth = t.depth;
    typeSize += t.typeSize + name.length;
    size += t.size + name.length;
  }
  if (typeSize > MAX_VALUE_SIZE) throw tooLarge('tuple type');
  size += typeSize;
  if (size > MAX_VALUE_SIZE) throw tooLarge('tuple type');
  return { kind: 'tuple', fields, size, typeSize, depth: maxDepth + 1 };
}

function tupleType(fields: Readonly<Record<string, TypeSignature>> | ReadonlyMap<string, TypeSignature>): TupleType {
  const map = fields instanceof Map ? new Map(fields) : new Map(Object.entries(fields));
  for (const name of map.keys()) {
    if (!isValidClarityName(name)) {
      throw new CodecError(CodecErrorCode.InvalidName, `invalid tuple field name: ${JSON.stringify(name)}`);
    }
  }
  return tupleTypeFromMap(map);
}

/**
 * Constructors for type signatures. Each fails (CodecError TOO_LARGE / DEPTH_EXCEEDED /
 * INVALID_VALUE) exactly where the reference's constructor fails.
 */
export const ClarityType = {
  noType: NO_TYPE,
  int: INT,
  uint: UINT,
  bool: BOOL,
  principal: PRINCIPAL,
  buffer: bufferType,
  stringAscii: stringAsciiType,
  stringUtf8: stringUtf8Type,
  list: listType,
  tuple: tupleType,
  optional: optionalType,
  response: responseType,
} as const;

/** The type of `none` (`(optional NoType)`). */
export const NONE_TYPE: OptionalType = optionalType(NO_TYPE);
/** The type of an empty list (`TypeSignature::empty_list`: max length 0 of NoType). */
export const EMPTY_LIST_TYPE: ListType = { kind: 'list', itemType: NO_TYPE, maxLength: 0, size: 6, typeSize: 6, depth: 2 };

/** Internal: a tuple type from a map the caller built (skips the defensive copy). */
export function tupleTypeOwned(fields: Map<string, TypeSignature>): TupleType {
  return tupleTypeFromMap(fields);
}

/** Structural equality of two type signatures (the reference's derived `PartialEq`). */
export function typeSignatureEquals(a: TypeSignature, b: TypeSignature): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'buffer':
    case 'string-ascii':
    case 'string-utf8':
      return a.length === (b as typeof a).length;
    case 'list': {
      const o = b as ListType;
      return a.maxLength === o.maxLength && typeSignatureEquals(a.itemType, o.itemType);
    }
    case 'optional':
      return typeSignatureEquals(a.inner, (b as OptionalType).inner);
    case 'response': {
      const o = b as ResponseType;
      return typeSignatureEquals(a.ok, o.ok) && typeSignatureEquals(a.err, o.err);
    }
    case 'tuple': {
      const o = (b as TupleType).fields;
      if (a.fields.size !== o.size) return false;
      for (const [name, t] of a.fields) {
        const u = o.get(name);
        if (u === undefined || !typeSignatureEquals(t, u)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

function mismatch(a: TypeSignature, b: TypeSignature): CodecError {
  return new CodecError(
    CodecErrorCode.InvalidValue,
    `type mismatch: no common supertype of ${typeSignatureToString(a)} and ${typeSignatureToString(b)}`,
  );
}

function factorOutNoType(a: TypeSignature, b: TypeSignature): TypeSignature {
  if (a.kind === 'no-type') return b;
  if (b.kind === 'no-type') return a;
  return leastSupertype(a, b);
}

/** Rewraps a constructor failure inside `least_supertype` as the reference's `SupertypeTooLarge`. */
function supertypeTooLarge<T>(build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof CodecError && (e.code === CodecErrorCode.TooLarge || e.code === CodecErrorCode.DepthExceeded)) {
      throw new CodecError(e.code, `supertype too large: ${e.message}`);
    }
    throw e;
  }
}

/**
 * The least common supertype of two types (`TypeSignature::least_supertype_v2_1`, without the
 * callable cases). Throws CodecError INVALID_VALUE when there is none. As in the reference, a
 * tuple `a` only needs its own fields to be present in `b`.
 */
export function leastSupertype(a: TypeSignature, b: TypeSignature): TypeSignature {
  if (a.kind === 'tuple' && b.kind === 'tuple') {
    const out = new Map<string, TypeSignature>();
    for (const [name, ta] of a.fields) {
      const tb = b.fields.get(name);
      if (tb === undefined) throw mismatch(a, b);
      out.set(name, leastSupertype(ta, tb));
    }
    return supertypeTooLarge(() => tupleTypeFromMap(out));
  }
  if (a.kind === 'list' && b.kind === 'list') {
    const entry =
      a.maxLength === 0 ? b.itemType : b.maxLength === 0 ? a.itemType : leastSupertype(a.itemType, b.itemType);
    return supertypeTooLarge(() => listType(entry, Math.max(a.maxLength, b.maxLength)));
  }
  if (a.kind === 'response' && b.kind === 'response') {
    return responseType(factorOutNoType(a.ok, b.ok), factorOutNoType(a.err, b.err));
  }
  if (a.kind === 'optional' && b.kind === 'optional') {
    return optionalType(factorOutNoType(a.inner, b.inner));
  }
  if (
    (a.kind === 'buffer' && b.kind === 'buffer') ||
    (a.kind === 'string-ascii' && b.kind === 'string-ascii') ||
    (a.kind === 'string-utf8' && b.kind === 'string-utf8')
  ) {
    return a.length > b.length ? a : b;
  }
  if (a.kind === 'no-type') return b;
  if (b.kind === 'no-type') return a;
  if (typeSignatureEquals(a, b)) return a;
  throw mismatch(a, b);
}

/**
 * True when a value of type `other` is admitted where `expected` is declared
 * (`TypeSignature::admits_type_v2_1`). A `NoType` expectation admits nothing.
 */
export function admitsType(expected: TypeSignature, other: TypeSignature): boolean {
  switch (expected.kind) {
    case 'list':
      if (other.kind !== 'list') return false;
      if (other.maxLength === 0) return true;
      return expected.maxLength >= other.maxLength && admitsType(expected.itemType, other.itemType);
    case 'buffer':
    case 'string-ascii':
    case 'string-utf8':
      return other.kind === expected.kind && expected.length >= other.length;
    case 'optional':
      if (other.kind !== 'optional') return false;
      return other.inner.kind === 'no-type' || admitsType(expected.inner, other.inner);
    case 'response':
      if (other.kind !== 'response') return false;
      if (other.ok.kind === 'no-type') return admitsType(expected.err, other.err);
      if (other.err.kind === 'no-type') return admitsType(expected.ok, other.ok);
      return admitsType(expected.err, other.err) && admitsType(expected.ok, other.ok);
    case 'tuple': {
      if (other.kind !== 'tuple' || expected.fields.size !== other.fields.size) return false;
      for (const [name, t] of expected.fields) {
        const u = other.fields.get(name);
        if (u === undefined || !admitsType(t, u)) return false;
      }
      return true;
    }
    case 'no-type':
      return false;
    default:
      return other.kind === expected.kind;
  }
}

/** The reference's `Display` of a type signature, e.g. `(tuple (a int) (b (list 3 uint)))`. */
export function typeSignatureToString(t: TypeSignature): string {
  switch (t.kind) {
    case 'no-type':
      return 'UnknownType';
    case 'int':
    case 'uint':
    case 'bool':
    case 'principal':
      return t.kind;
    case 'buffer':
      return `(buff ${t.length})`;
    case 'string-ascii':
      return `(string-ascii ${t.length})`;
    case 'string-utf8':
      return `(string-utf8 ${t.length})`;
    case 'list':
      return `(list ${t.maxLength} ${typeSignatureToString(t.itemType)})`;
    case 'optional':
      return `(optional ${typeSignatureToString(t.inner)})`;
    case 'response':
      return `(response ${typeSignatureToString(t.ok)} ${typeSignatureToString(t.err)})`;
    case 'tuple': {
      const names = [...t.fields.keys()].sort(compareNames);
      let s = '(tuple';
      for (const n of names) s += ` (${n} ${typeSignatureToString(t.fields.get(n)!)})`;
      return `${s})`;
    }
  }
}

/** Byte order of two ASCII names (what the reference's `BTreeMap<ClarityName, _>` uses). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
