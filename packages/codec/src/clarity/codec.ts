/**
 * The Clarity value consensus serialization (SIP-005; the reference's `Value::serialize_write` and
 * `Value::deserialize_read` in `clarity-types/src/types/serialization.rs`).
 *
 * Decoding rejects exactly what the reference rejects, which is more than malformed bytes: every
 * decoded value must also be a value the reference can construct. So the decoder tracks each
 * value's type signature and fails where the reference's constructors fail: list items with no
 * common supertype, empty tuples, duplicate tuple names (untyped decoding), values whose type is
 * larger than `MAX_VALUE_SIZE` or deeper than `MAX_TYPE_DEPTH`.
 *
 * Nesting limit: the reference counts the frames of its deserializer stack, the top level
 * included, and fails with `TypeSignatureTooDeep` before reading a value when more than 16 frames
 * are open (32 when sanitizing, i.e. typed reads from Epoch 2.4 on). Containers that open a frame
 * are `some`, `ok`, `err`, and non-empty lists and tuples. So an untyped value may have at most 15
 * such containers around its deepest leaf. Separately, wrapping a value whose type depth is
 * already 32 fails (`MAX_TYPE_DEPTH`), which only the 32-frame sanitizing mode can reach.
 */
import { ByteReader, type ByteWriter } from '../bytes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { isValidClarityName, isValidContractName, readClarityName, readPrincipalContractName } from './names.ts';
import {
  ClarityType,
  EMPTY_LIST_TYPE,
  MAX_UTF8_VALUE_SIZE,
  NONE_TYPE,
  type TupleType,
  type TypeSignature,
  admitsType,
  leastSupertype,
  tupleTypeOwned,
  typeSignatureEquals,
  typeSignatureToString,
} from './type-signature.ts';
import {
  type ClarityValue,
  ClarityTypePrefix,
  MAX_TYPE_DEPTH,
  MAX_VALUE_SIZE,
  type PrincipalData,
  type StandardPrincipal,
} from './types.ts';

/** How many deserializer frames the reference allows without sanitization (`UNSANITIZED_DEPTH_CHECK`). */
export const UNSANITIZED_DEPTH_CHECK = 16;
/** Most bytes an unsanitized read may consume (`BOUND_VALUE_SERIALIZATION_BYTES`, 2 MiB). */
export const BOUND_VALUE_SERIALIZATION_BYTES = 2 * MAX_VALUE_SIZE;
/** Most bytes a sanitizing typed read may consume (`SANITIZATION_READ_BOUND`). */
export const SANITIZATION_READ_BOUND = 15_000_000;

/** Options of a Clarity value decode. */
export interface ClarityDecodeOptions {
  /**
   * Deserialize against this type (the reference's typed `deserialize_read`): the value must be
   * admitted by it, and lists and tuples take it as their type. Duplicate tuple names then follow
   * the legacy (pre-Epoch 4.1) rule: the later value wins and the tuple shrinks.
   */
  readonly expectedType?: TypeSignature;
  /**
   * Sanitize (Epoch 2.4+ behaviour): with an expected type, tuple fields the type does not declare
   * are dropped and the nesting limit is 32 frames instead of 16. Defaults to `true` when
   * `expectedType` is given (every 3.x epoch sanitizes), `false` otherwise (the untyped consensus
   * codec never does).
   */
  readonly sanitize?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Decoding

// Decoder state for the current top-level read. Decoding is synchronous and never re-entered.
let depthLimit = UNSANITIZED_DEPTH_CHECK;
let sanitizing = false;
/** The type signature of the value the last `readValue` call returned. */
let lastType: TypeSignature = ClarityType.noType;

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Bytes allowed in a string-ascii (`is_ascii_alphanumeric || is_ascii_punctuation || is_ascii_whitespace`). */
const ASCII_OK = new Uint8Array(128);
for (let c = 0x20; c <= 0x7e; c++) ASCII_OK[c] = 1;
for (const c of [0x09, 0x0a, 0x0c, 0x0d]) ASCII_OK[c] = 1;

function tooDeep(offset: number): CodecError {
  return new CodecError(
    CodecErrorCode.DepthExceeded,
    `Clarity value nested too deeply (more than ${depthLimit} deserializer frames)`,
    { offset },
  );
}

function unexpected(expected: TypeSignature, offset: number): CodecError {
  return new CodecError(
    CodecErrorCode.InvalidValue,
    `deserialization expected the type of the input to be ${typeSignatureToString(expected)}`,
    { offset },
  );
}

/** Re-labels a type construction failure with the reference's message, keeping its code. */
function illegal(what: string, err: unknown, offset: number): CodecError {
  if (err instanceof CodecError) return new CodecError(err.code, `${what}: ${err.message}`, { offset });
  return new CodecError(CodecErrorCode.InvalidValue, what, { offset });
}

function u32At(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

function readLength(r: ByteReader, what: string): number {
  r.need(4, `${what} length`);
  const n = u32At(r.bytes, r.offset);
  r.offset += 4;
  return n;
}

const TWO_32 = 4294967296;

function u128At(b: Uint8Array, o: number): bigint {
  const w0 = u32At(b, o);
  const w1 = u32At(b, o + 4);
  const w2 = u32At(b, o + 8);
  const w3 = u32At(b, o + 12);
  if ((w0 | w1) === 0) {
    if (w2 < 0x200000) return BigInt(w2 * TWO_32 + w3);
    return (BigInt(w2) << 32n) | BigInt(w3);
  }
  return (BigInt(w0) << 96n) | (BigInt(w1) << 64n) | (BigInt(w2) << 32n) | BigInt(w3);
}

function i128At(b: Uint8Array, o: number): bigint {
  if (b[o]! < 0x80) return u128At(b, o);
  const w0 = u32At(b, o);
  const w1 = u32At(b, o + 4);
  const w2 = u32At(b, o + 8);
  if ((w0 & w1) === 0xffffffff && w2 >= 0xffe00000) {
    // -2^53 <= value < 0: 2^64 - low64 is exact in a double.
    const w3 = u32At(b, o + 12);
    return -BigInt((0xffffffff - w2) * TWO_32 + (0xffffffff - w3) + 1);
  }
  return BigInt.asIntN(128, u128At(b, o));
}

function checkVersion(version: number, offset: number): void {
  if (version >= 32) {
    throw new CodecError(CodecErrorCode.InvalidAddress, `address version ${version} is not below 32`, { offset });
  }
}

function readIssuer(r: ByteReader): { version: number; hash160: Uint8Array } {
  const start = r.offset;
  r.need(21, 'principal');
  const version = r.bytes[r.offset]!;
  const hash160 = r.bytes.slice(r.offset + 1, r.offset + 21);
  r.offset += 21;
  checkVersion(version, start);
  return { version, hash160 };
}

/** Reads an ASCII run the caller already validated byte by byte. */
function asciiFromBytes(b: Uint8Array, start: number, end: number): string {
  if (end - start > 64) return utf8Decoder.decode(b.subarray(start, end));
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Strict UTF-8 (no BOM stripping), or `null` when the bytes are not UTF-8. */
function utf8FromBytes(b: Uint8Array, start: number, end: number): string | null {
  let ascii = true;
  if (end - start <= 64) {
    for (let i = start; i < end; i++) {
      if (b[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return asciiFromBytes(b, start, end);
  }
  try {
    return utf8Decoder.decode(b.subarray(start, end));
  } catch {
    return null;
  }
}

/** Number of Unicode scalar values in a well-formed string. */
function codePointCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      n--;
      i++;
    }
  }
  return n;
}

function readValue(r: ByteReader, depth: number, expected: TypeSignature | undefined): ClarityValue {
  if (depth > depthLimit) throw tooDeep(r.offset);
  const start = r.offset;
  r.need(1, 'Clarity type prefix');
  const b = r.bytes;
  const prefix = b[r.offset++]!;
  switch (prefix) {
    case ClarityTypePrefix.Int: {
      if (expected !== undefined && expected.kind !== 'int') throw unexpected(expected, start);
      r.need(16, 'int');
      const value = i128At(b, r.offset);
      r.offset += 16;
      lastType = ClarityType.int;
      return { type: 'int', value };
    }
    case ClarityTypePrefix.UInt: {
      if (expected !== undefined && expected.kind !== 'uint') throw unexpected(expected, start);
      r.need(16, 'uint');
      const value = u128At(b, r.offset);
      r.offset += 16;
      lastType = ClarityType.uint;
      return { type: 'uint', value };
    }
    case ClarityTypePrefix.Buffer: {
      const len = readLength(r, 'buffer');
      if (len > MAX_VALUE_SIZE) {
        throw new CodecError(CodecErrorCode.TooLarge, `buffer of ${len} bytes exceeds MAX_VALUE_SIZE`, { offset: start });
      }
      if (expected !== undefined && !(expected.kind === 'buffer' && len <= expected.length)) {
        throw unexpected(expected, start);
      }
      r.need(len, 'buffer');
      const value = b.slice(r.offset, r.offset + len);
      r.offset += len;
      lastType = { kind: 'buffer', length: len, size: 4 + len, typeSize: 5, depth: 1 };
      return { type: 'buffer', value };
    }
    case ClarityTypePrefix.BoolTrue:
    case ClarityTypePrefix.BoolFalse:
      if (expected !== undefined && expected.kind !== 'bool') throw unexpected(expected, start);
      lastType = ClarityType.bool;
      return { type: 'bool', value: prefix === ClarityTypePrefix.BoolTrue };
    case ClarityTypePrefix.PrincipalStandard: {
      if (expected !== undefined && expected.kind !== 'principal') throw unexpected(expected, start);
      const { version, hash160 } = readIssuer(r);
      lastType = ClarityType.principal;
      return { type: 'principal', value: { type: 'standard', version, hash160 } };
    }
    case ClarityTypePrefix.PrincipalContract: {
      if (expected !== undefined && expected.kind !== 'principal') throw unexpected(expected, start);
      const { version, hash160 } = readIssuer(r);
      const contractName = readPrincipalContractName(r);
      lastType = ClarityType.principal;
      return { type: 'principal', value: { type: 'contract', version, hash160, contractName } };
    }
    case ClarityTypePrefix.ResponseOk:
    case ClarityTypePrefix.ResponseErr: {
      const ok = prefix === ClarityTypePrefix.ResponseOk;
      let inner: TypeSignature | undefined;
      if (expected !== undefined) {
        if (expected.kind !== 'response') throw unexpected(expected, start);
        inner = ok ? expected.ok : expected.err;
      }
      const value = readValue(r, depth + 1, inner);
      try {
        lastType = ok ? ClarityType.response(lastType, ClarityType.noType) : ClarityType.response(ClarityType.noType, lastType);
      } catch (e) {
        throw illegal('Value too large', e, start);
      }
      return { type: 'response', ok, value };
    }
    case ClarityTypePrefix.OptionalNone:
      if (expected !== undefined && expected.kind !== 'optional') throw unexpected(expected, start);
      lastType = NONE_TYPE;
      return { type: 'optional', value: null };
    case ClarityTypePrefix.OptionalSome: {
      let inner: TypeSignature | undefined;
      if (expected !== undefined) {
        if (expected.kind !== 'optional') throw unexpected(expected, start);
        inner = expected.inner;
      }
      const value = readValue(r, depth + 1, inner);
      try {
        lastType = ClarityType.optional(lastType);
      } catch (e) {
        throw illegal('Value too large', e, start);
      }
      return { type: 'optional', value };
    }
    case ClarityTypePrefix.List:
      return readList(r, depth, expected, start);
    case ClarityTypePrefix.Tuple:
      return readTuple(r, depth, expected, start);
    case ClarityTypePrefix.StringASCII: {
      const len = readLength(r, 'string-ascii');
      if (len > MAX_VALUE_SIZE) {
        throw new CodecError(CodecErrorCode.TooLarge, `string-ascii of ${len} bytes exceeds MAX_VALUE_SIZE`, {
          offset: start,
        });
      }
      if (expected !== undefined && !(expected.kind === 'string-ascii' && len <= expected.length)) {
        throw unexpected(expected, start);
      }
      r.need(len, 'string-ascii');
      const from = r.offset;
      const to = from + len;
      for (let i = from; i < to; i++) {
        const c = b[i]!;
        if (c >= 0x80 || ASCII_OK[c] === 0) {
          throw new CodecError(CodecErrorCode.InvalidString, `byte 0x${c.toString(16)} is not allowed in string-ascii`, {
            offset: i,
          });
        }
      }
      r.offset = to;
      lastType = { kind: 'string-ascii', length: len, size: 4 + len, typeSize: 5, depth: 1 };
      return { type: 'string-ascii', value: asciiFromBytes(b, from, to) };
    }
    case ClarityTypePrefix.StringUTF8: {
      const len = readLength(r, 'string-utf8');
      if (len > MAX_VALUE_SIZE) {
        throw new CodecError(CodecErrorCode.TooLarge, `string-utf8 of ${len} bytes exceeds MAX_VALUE_SIZE`, {
          offset: start,
        });
      }
      r.need(len, 'string-utf8');
      const value = utf8FromBytes(b, r.offset, r.offset + len);
      r.offset += len;
      // The type's length counts characters; every non-ASCII character takes fewer UTF-16 units
      // than UTF-8 bytes, so an unchanged length means all ASCII.
      const charCount = value === null ? 0 : value.length === len ? len : codePointCount(value);
      const tooManyChars = charCount > MAX_UTF8_VALUE_SIZE;
      // As in the reference, a type expectation is checked after building the value and takes
      // precedence over its failure.
      if (expected !== undefined) {
        if (!(expected.kind === 'string-utf8' && value !== null && !tooManyChars && charCount <= expected.length)) {
          throw unexpected(expected, start);
        }
      }
      if (value === null) {
        throw new CodecError(CodecErrorCode.InvalidString, 'invalid UTF-8 in string-utf8', { offset: start });
      }
      if (tooManyChars) {
        throw new CodecError(CodecErrorCode.TooLarge, `string-utf8 of ${charCount} characters exceeds ${MAX_UTF8_VALUE_SIZE}`, {
          offset: start,
        });
      }
      lastType = { kind: 'string-utf8', length: charCount, size: 4 + 4 * charCount, typeSize: 5, depth: 1 };
      return { type: 'string-utf8', value };
    }
    default:
      throw new CodecError(CodecErrorCode.BadPrefix, `bad Clarity type prefix 0x${prefix.toString(16).padStart(2, '0')}`, {
        offset: start,
      });
  }
}

function readList(r: ByteReader, depth: number, expected: TypeSignature | undefined, start: number): ClarityValue {
  const len = readLength(r, 'list');
  if (len > MAX_VALUE_SIZE) {
    throw new CodecError(CodecErrorCode.TooLarge, `Illegal list type: ${len} items exceeds MAX_VALUE_SIZE`, {
      offset: start,
    });
  }
  let listType: (TypeSignature & { kind: 'list' }) | undefined;
  if (expected !== undefined) {
    if (expected.kind !== 'list' || len > expected.maxLength) throw unexpected(expected, start);
    listType = expected;
  }
  const items: ClarityValue[] = [];
  if (len === 0) {
    lastType = listType ?? EMPTY_LIST_TYPE;
    return { type: 'list', value: items };
  }
  const itemType = listType?.itemType;
  let entry: TypeSignature | undefined;
  // The reference builds the list type after reading every item, so a type error is only thrown
  // once all items were read (a later malformed item reports its own error first).
  let failure: unknown;
  for (let i = 0; i < len; i++) {
    items.push(readValue(r, depth + 1, itemType));
    if (failure !== undefined) continue;
    const t = lastType;
    if (listType !== undefined) {
      if (!admitsType(listType.itemType, t)) {
        failure = new CodecError(CodecErrorCode.InvalidValue, `list item of type ${typeSignatureToString(t)} is not admitted`);
      }
    } else if (entry === undefined) {
      entry = t;
    } else if (entry !== t && !typeSignatureEquals(entry, t)) {
      try {
        entry = leastSupertype(entry, t);
      } catch (e) {
        failure = e;
      }
    }
  }
  if (failure !== undefined) throw illegal('Illegal list type', failure, start);
  if (listType !== undefined) {
    lastType = listType;
  } else {
    try {
      lastType = ClarityType.list(entry!, len);
    } catch (e) {
      throw illegal('Illegal list type', e, start);
    }
  }
  return { type: 'list', value: items };
}

function readTuple(r: ByteReader, depth: number, expected: TypeSignature | undefined, start: number): ClarityValue {
  const len = readLength(r, 'tuple');
  if (len > MAX_VALUE_SIZE) {
    throw new CodecError(CodecErrorCode.TooLarge, `Illegal tuple type: ${len} fields exceeds MAX_VALUE_SIZE`, {
      offset: start,
    });
  }
  let tupleType: TupleType | undefined;
  if (expected !== undefined) {
    if (expected.kind !== 'tuple') throw unexpected(expected, start);
    const declared = expected.fields.size;
    if (sanitizing ? len < declared : len !== declared) throw unexpected(expected, start);
    tupleType = expected;
  }
  if (len === 0) {
    throw new CodecError(CodecErrorCode.InvalidValue, 'Illegal tuple type: empty tuples are not allowed', {
      offset: start,
    });
  }
  const data: Record<string, ClarityValue> = {};
  const fieldTypes = tupleType === undefined ? new Map<string, TypeSignature>() : undefined;
  let kept = 0;
  let failure: unknown;
  for (let i = 0; i < len; i++) {
    const name = readClarityName(r);
    // Sanitization drops fields the expected type does not declare (decoded untyped).
    const dropped = sanitizing && tupleType !== undefined && !tupleType.fields.has(name);
    let fieldType: TypeSignature | undefined;
    if (tupleType !== undefined && !dropped) {
      if (depth + 1 > depthLimit) throw tooDeep(r.offset);
      fieldType = tupleType.fields.get(name);
      if (fieldType === undefined) throw unexpected(tupleType, r.offset);
    }
    const value = readValue(r, depth + 1, fieldType);
    if (dropped) continue;
    kept++;
    if (failure !== undefined) continue;
    if (tupleType !== undefined) {
      // `TupleData::from_data_typed`, legacy behaviour: a repeated name overwrites.
      if (admitsType(fieldType!, lastType)) data[name] = value;
      else failure = new CodecError(CodecErrorCode.InvalidValue, `tuple field ${name} does not match its declared type`);
    } else if (Object.hasOwn(data, name)) {
      // `TupleData::from_data` rejects duplicate names.
      failure = new CodecError(CodecErrorCode.Duplicate, `duplicate tuple field ${JSON.stringify(name)}`);
    } else {
      data[name] = value;
      fieldTypes!.set(name, lastType);
    }
  }
  if (tupleType !== undefined) {
    if (kept !== tupleType.fields.size) throw unexpected(tupleType, start);
    if (failure !== undefined) throw illegal('Illegal tuple type', failure, start);
    lastType = tupleType;
  } else {
    if (failure !== undefined) throw illegal('Illegal tuple type', failure, start);
    try {
      lastType = tupleTypeOwned(fieldTypes!);
    } catch (e) {
      throw illegal('Illegal tuple type', e, start);
    }
  }
  return { type: 'tuple', value: data };
}

function readTopLevel(r: ByteReader, options: ClarityDecodeOptions | undefined): ClarityValue {
  const expected = options?.expectedType;
  const sanitize = options?.sanitize ?? expected !== undefined;
  depthLimit = sanitize ? MAX_TYPE_DEPTH : UNSANITIZED_DEPTH_CHECK;
  sanitizing = sanitize;
  const bound = sanitize && expected !== undefined ? SANITIZATION_READ_BOUND : BOUND_VALUE_SERIALIZATION_BYTES;
  try {
    if (r.remaining <= bound) return readValue(r, 1, expected);
    // The reference reads through a `BoundReader`: past the bound, input looks like EOF.
    const bounded = new ByteReader(r.bytes, r.offset, r.offset + bound);
    const value = readValue(bounded, 1, expected);
    r.offset = bounded.offset;
    return value;
  } catch (e) {
    if (e instanceof CodecError) throw e;
    throw new CodecError(CodecErrorCode.InvalidValue, `malformed Clarity value: ${String(e)}`, { offset: r.offset }, { cause: e });
  }
}

/**
 * Reads one consensus-serialized Clarity value (`Value::consensus_deserialize`: untyped and
 * unsanitized unless `options` say otherwise). Throws only CodecError.
 */
export function readClarityValue(r: ByteReader, options?: ClarityDecodeOptions): ClarityValue {
  return readTopLevel(r, options);
}

/**
 * Reads one Clarity value and also returns its type signature as the reference computes it
 * (for a typed read: the expected type for lists and tuples).
 */
export function readClarityValueWithType(
  r: ByteReader,
  options?: ClarityDecodeOptions,
): { value: ClarityValue; type: TypeSignature } {
  const value = readTopLevel(r, options);
  return { value, type: lastType };
}

/** Decodes a whole byte array as one Clarity value; trailing bytes are an error. */
export function decodeClarityValue(bytes: Uint8Array, options?: ClarityDecodeOptions): ClarityValue {
  const r = new ByteReader(bytes);
  const value = readTopLevel(r, options);
  r.expectEnd('Clarity value');
  return value;
}

/**
 * Reads a principal as a Clarity value (`PrincipalData::consensus_deserialize`): 0x05 version
 * hash160, or 0x06 version hash160 name (the name up to 128 characters).
 */
export function readPrincipalValue(r: ByteReader): PrincipalData {
  const start = r.offset;
  const prefix = r.readU8('principal prefix');
  if (prefix === ClarityTypePrefix.PrincipalStandard) {
    const { version, hash160 } = readIssuer(r);
    return { type: 'standard', version, hash160 };
  }
  if (prefix === ClarityTypePrefix.PrincipalContract) {
    const { version, hash160 } = readIssuer(r);
    const contractName = readPrincipalContractName(r);
    return { type: 'contract', version, hash160, contractName };
  }
  throw new CodecError(CodecErrorCode.BadPrefix, `bad principal prefix 0x${prefix.toString(16).padStart(2, '0')}`, {
    offset: start,
  });
}

/**
 * Reads an address without prefix (`StacksAddress::consensus_deserialize`): version u8 (below 32,
 * checked before the hash is read) then hash160.
 */
export function readStandardPrincipal(r: ByteReader): StandardPrincipal {
  const start = r.offset;
  const version = r.readU8('address version');
  checkVersion(version, start);
  const hash160 = r.readBytesCopy(20, 'address hash160');
  return { type: 'standard', version, hash160 };
}

// ---------------------------------------------------------------------------------------------
// Encoding: one reusable scratch buffer, written without intermediate allocations.

const INITIAL_SCRATCH = 4096;
const KEEP_SCRATCH = 1 << 20;
let out = new Uint8Array(INITIAL_SCRATCH);
let outView = new DataView(out.buffer);
let pos = 0;

function grow(need: number): void {
  let cap = out.length * 2;
  while (cap < need) cap *= 2;
  const next = new Uint8Array(cap);
  next.set(out.subarray(0, pos));
  out = next;
  outView = new DataView(next.buffer);
}

function releaseScratch(): void {
  if (out.length > KEEP_SCRATCH) {
    out = new Uint8Array(INITIAL_SCRATCH);
    outView = new DataView(out.buffer);
  }
}

function badArg(message: string): CodecError {
  return new CodecError(CodecErrorCode.InvalidArgument, message);
}

const I128_MIN = -(1n << 127n);
const I128_MAX = (1n << 127n) - 1n;
const U128_MAX = (1n << 128n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

function writeU32At(n: number): void {
  out[pos] = n >>> 24;
  out[pos + 1] = n >>> 16;
  out[pos + 2] = n >>> 8;
  out[pos + 3] = n;
  pos += 4;
}

/** Writes a non-negative safe integer as 16 big-endian bytes. */
function writeSmall(n: number): void {
  const hi = Math.floor(n / TWO_32);
  const o = pos;
  for (let i = 0; i < 8; i++) out[o + i] = 0;
  out[o + 8] = hi >>> 24;
  out[o + 9] = hi >>> 16;
  out[o + 10] = hi >>> 8;
  out[o + 11] = hi;
  out[o + 12] = n >>> 24;
  out[o + 13] = n >>> 16;
  out[o + 14] = n >>> 8;
  out[o + 15] = n;
  pos = o + 16;
}

/**
 * 16 bytes of big-endian two's complement, after the i128 (`signed`) or u128 range check. The
 * caller reserved the space.
 */
function writeInt(v: bigint, signed: boolean): void {
  if (typeof v !== 'bigint') throw badArg(`${signed ? 'int' : 'uint'} value must be a bigint, got ${typeof v}`);
  if (v >= 0n) {
    // The common case without BigInt arithmetic.
    if (v <= SAFE_MAX) return writeSmall(Number(v));
    if (v > (signed ? I128_MAX : U128_MAX)) throw badArg(`${signed ? 'int' : 'uint'} out of range: ${v}`);
  } else if (!signed || v < I128_MIN) {
    throw badArg(`${signed ? 'int' : 'uint'} out of range: ${v}`);
  }
  if (v >= I64_MIN && v <= I64_MAX) {
    const fill = v < 0n ? 0xff : 0;
    for (let i = 0; i < 8; i++) out[pos + i] = fill;
    outView.setBigUint64(pos + 8, BigInt.asUintN(64, v));
  } else {
    outView.setBigUint64(pos, BigInt.asUintN(64, v >> 64n));
    outView.setBigUint64(pos + 8, BigInt.asUintN(64, v));
  }
  pos += 16;
}

// Encoded names (u8 length + ASCII), validated once. Bounded: cleared when full.
const NAME_CACHE_LIMIT = 4096;
const clarityNameCache = new Map<string, Uint8Array>();
const contractNameCache = new Map<string, Uint8Array>();

function encodedName(cache: Map<string, Uint8Array>, name: string, valid: (s: string) => boolean, what: string): Uint8Array {
  let enc = cache.get(name);
  if (enc === undefined) {
    if (typeof name !== 'string' || !valid(name)) {
      throw new CodecError(CodecErrorCode.InvalidName, `invalid ${what}: ${JSON.stringify(name)}`);
    }
    enc = new Uint8Array(1 + name.length);
    enc[0] = name.length;
    for (let i = 0; i < name.length; i++) enc[i + 1] = name.charCodeAt(i);
    if (cache.size >= NAME_CACHE_LIMIT) cache.clear();
    cache.set(name, enc);
  }
  return enc;
}

function writeRaw(enc: Uint8Array): void {
  const n = enc.length;
  if (pos + n > out.length) grow(pos + n);
  if (n <= 32) {
    for (let i = 0; i < n; i++) out[pos + i] = enc[i]!;
  } else {
    out.set(enc, pos);
  }
  pos += n;
}

function writeIssuer(version: number, hash160: Uint8Array): void {
  if (!Number.isInteger(version) || version < 0 || version >= 32) throw badArg(`address version must be 0..31, got ${version}`);
  if (!(hash160 instanceof Uint8Array) || hash160.length !== 20) throw badArg('hash160 must be 20 bytes');
  if (pos + 21 > out.length) grow(pos + 21);
  out[pos] = version;
  for (let i = 0; i < 20; i++) out[pos + 1 + i] = hash160[i]!;
  pos += 21;
}

function writePrincipalRaw(p: PrincipalData): void {
  if (pos + 1 > out.length) grow(pos + 1);
  if (p.type === 'standard') {
    out[pos++] = ClarityTypePrefix.PrincipalStandard;
    writeIssuer(p.version, p.hash160);
  } else if (p.type === 'contract') {
    out[pos++] = ClarityTypePrefix.PrincipalContract;
    writeIssuer(p.version, p.hash160);
    writeRaw(encodedName(contractNameCache, p.contractName, isValidContractName, 'contract name'));
  } else {
    throw badArg(`unknown principal type ${JSON.stringify((p as { type?: unknown }).type)}`);
  }
}

function writeAscii(s: string): void {
  const n = s.length;
  if (n > MAX_VALUE_SIZE) throw new CodecError(CodecErrorCode.TooLarge, `string-ascii of ${n} characters exceeds MAX_VALUE_SIZE`);
  if (pos + 5 + n > out.length) grow(pos + 5 + n);
  out[pos++] = ClarityTypePrefix.StringASCII;
  writeU32At(n);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || ASCII_OK[c] === 0) {
      throw new CodecError(CodecErrorCode.InvalidString, `character U+${c.toString(16).padStart(4, '0')} is not allowed in string-ascii`);
    }
    out[pos + i] = c;
  }
  pos += n;
}

function writeUtf8(s: string): void {
  const n = s.length;
  if (n > 3 * MAX_VALUE_SIZE) throw new CodecError(CodecErrorCode.TooLarge, 'string-utf8 exceeds MAX_VALUE_SIZE');
  if (pos + 5 + 3 * n > out.length) grow(pos + 5 + 3 * n);
  out[pos++] = ClarityTypePrefix.StringUTF8;
  const lenAt = pos;
  pos += 4;
  const begin = pos;
  let chars = 0;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    chars++;
    if (c < 0x80) {
      out[pos++] = c;
    } else if (c < 0x800) {
      out[pos++] = 0xc0 | (c >> 6);
      out[pos++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      out[pos++] = 0xe0 | (c >> 12);
      out[pos++] = 0x80 | ((c >> 6) & 0x3f);
      out[pos++] = 0x80 | (c & 0x3f);
    } else {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) {
        throw new CodecError(CodecErrorCode.InvalidString, `lone surrogate at index ${i} in string-utf8`);
      }
      i++;
      c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      out[pos++] = 0xf0 | (c >> 18);
      out[pos++] = 0x80 | ((c >> 12) & 0x3f);
      out[pos++] = 0x80 | ((c >> 6) & 0x3f);
      out[pos++] = 0x80 | (c & 0x3f);
    }
  }
  const bytes = pos - begin;
  if (bytes > MAX_VALUE_SIZE || chars > MAX_UTF8_VALUE_SIZE) {
    throw new CodecError(CodecErrorCode.TooLarge, `string-utf8 of ${chars} characters / ${bytes} bytes is too large`);
  }
  const save = pos;
  pos = lenAt;
  writeU32At(bytes);
  pos = save;
}

function tooDeepToEncode(): CodecError {
  return new CodecError(CodecErrorCode.DepthExceeded, `Clarity value nested deeper than MAX_TYPE_DEPTH (${MAX_TYPE_DEPTH})`);
}

function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

/** Writes `v`; `depth` is its type depth so far (leaves count 1, `none` and `(list)` count 2). */
function writeValue(v: ClarityValue, depth: number): void {
  if (depth > MAX_TYPE_DEPTH) throw tooDeepToEncode();
  if (pos + 17 > out.length) grow(pos + 17);
  switch (v.type) {
    case 'int':
      out[pos++] = ClarityTypePrefix.Int;
      writeInt(v.value, true);
      return;
    case 'uint':
      out[pos++] = ClarityTypePrefix.UInt;
      writeInt(v.value, false);
      return;
    case 'bool':
      out[pos++] = v.value ? ClarityTypePrefix.BoolTrue : ClarityTypePrefix.BoolFalse;
      return;
    case 'buffer': {
      const data = v.value;
      if (!(data instanceof Uint8Array)) throw badArg('buffer value must be a Uint8Array');
      const n = data.length;
      if (n > MAX_VALUE_SIZE) throw new CodecError(CodecErrorCode.TooLarge, `buffer of ${n} bytes exceeds MAX_VALUE_SIZE`);
      out[pos++] = ClarityTypePrefix.Buffer;
      writeU32At(n);
      writeRaw(data);
      return;
    }
    case 'string-ascii':
      writeAscii(v.value);
      return;
    case 'string-utf8':
      writeUtf8(v.value);
      return;
    case 'principal':
      writePrincipalRaw(v.value);
      return;
    case 'optional':
      if (v.value === null) {
        if (depth + 1 > MAX_TYPE_DEPTH) throw tooDeepToEncode();
        out[pos++] = ClarityTypePrefix.OptionalNone;
      } else {
        out[pos++] = ClarityTypePrefix.OptionalSome;
        writeValue(v.value, depth + 1);
      }
      return;
    case 'response':
      out[pos++] = v.ok ? ClarityTypePrefix.ResponseOk : ClarityTypePrefix.ResponseErr;
      writeValue(v.value, depth + 1);
      return;
    case 'list': {
      const items = v.value;
      const n = items.length;
      if (n > MAX_VALUE_SIZE) throw new CodecError(CodecErrorCode.TooLarge, `list of ${n} items exceeds MAX_VALUE_SIZE`);
      if (n === 0 && depth + 1 > MAX_TYPE_DEPTH) throw tooDeepToEncode();
      out[pos++] = ClarityTypePrefix.List;
      writeU32At(n);
      for (let i = 0; i < n; i++) writeValue(items[i]!, depth + 1);
      return;
    }
    case 'tuple': {
      const data = v.value;
      const keys = Object.keys(data);
      const n = keys.length;
      if (n === 0) throw badArg('empty tuples are not allowed');
      if (!isSorted(keys)) keys.sort();
      out[pos++] = ClarityTypePrefix.Tuple;
      writeU32At(n);
      for (let i = 0; i < n; i++) {
        const k = keys[i]!;
        writeRaw(encodedName(clarityNameCache, k, isValidClarityName, 'tuple field name'));
        writeValue(data[k]!, depth + 1);
      }
      return;
    }
    default:
      throw badArg(`unknown Clarity value type ${JSON.stringify((v as { type?: unknown }).type)}`);
  }
}

function encodeToScratch(v: ClarityValue): number {
  pos = 0;
  try {
    writeValue(v, 1);
  } catch (e) {
    if (e instanceof CodecError) throw e;
    // A non-Clarity object (missing fields, a cycle that overflows the stack, ...).
    throw new CodecError(CodecErrorCode.InvalidArgument, `cannot encode Clarity value: ${String(e)}`, {}, { cause: e });
  }
  return pos;
}

/**
 * Serializes a Clarity value (`Value::serialize_write`). Tuples are written sorted by name. Each
 * node is checked (integer ranges, lengths, string characters, names, principal versions,
 * nesting), but whole-value type rules (homogeneous lists, total size) are not: use
 * `clarityTypeOf` for those.
 */
export function encodeClarityValue(v: ClarityValue): Uint8Array {
  const n = encodeToScratch(v);
  const bytes = out.slice(0, n);
  releaseScratch();
  return bytes;
}

/** Writes a Clarity value into `w` (see `encodeClarityValue`). */
export function writeClarityValue(w: ByteWriter, v: ClarityValue): void {
  const n = encodeToScratch(v);
  w.writeBytes(out.subarray(0, n));
  releaseScratch();
}

/** Writes a principal as a Clarity value (0x05 or 0x06 prefix). */
export function writePrincipalValue(w: ByteWriter, p: PrincipalData): void {
  pos = 0;
  writePrincipalRaw(p);
  w.writeBytes(out.subarray(0, pos));
}

/** Writes an address without prefix: version u8 (0..31) then hash160. */
export function writeStandardPrincipal(w: ByteWriter, p: { readonly version: number; readonly hash160: Uint8Array }): void {
  pos = 0;
  writeIssuer(p.version, p.hash160);
  w.writeBytes(out.subarray(0, pos));
}
