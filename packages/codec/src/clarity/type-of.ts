/**
 * `TypeSignature::type_of` for a `ClarityValue`: the type the reference gives a value, or a
 * CodecError when the reference could not have built the value at all. This is the full check
 * that `encodeClarityValue` skips for speed.
 */
import { CodecError, CodecErrorCode } from '../errors.ts';
import { isValidClarityName, isValidContractName } from './names.ts';
import {
  ClarityType,
  EMPTY_LIST_TYPE,
  NONE_TYPE,
  type TypeSignature,
  leastSupertype,
  tupleTypeOwned,
  typeSignatureEquals,
} from './type-signature.ts';
import { type ClarityValue, MAX_TYPE_DEPTH, MAX_VALUE_SIZE, type PrincipalData } from './types.ts';

const I128_MIN = -(1n << 127n);
const I128_MAX = (1n << 127n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

function bad(message: string, code: CodecErrorCode = CodecErrorCode.InvalidArgument): CodecError {
  return new CodecError(code, message);
}

function isAsciiAllowed(c: number): boolean {
  return (c >= 0x20 && c <= 0x7e) || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/** Code points of `s`, or -1 when it holds a lone surrogate (not representable as UTF-8). */
function scalarCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return -1;
      i++;
    }
    n++;
  }
  return n;
}

function checkPrincipal(p: PrincipalData): void {
  if (!Number.isInteger(p.version) || p.version < 0 || p.version >= 32) {
    throw bad(`principal version must be 0..31, got ${p.version}`, CodecErrorCode.InvalidAddress);
  }
  if (!(p.hash160 instanceof Uint8Array) || p.hash160.length !== 20) throw bad('principal hash160 must be 20 bytes');
  if (p.type === 'contract' && !isValidContractName(p.contractName)) {
    throw bad(`invalid contract name ${JSON.stringify(p.contractName)}`, CodecErrorCode.InvalidName);
  }
}

/**
 * The reference's type of `v` (`TypeSignature::type_of`). Throws CodecError where the reference
 * could not construct `v`: integers out of range, bad strings or names, lists whose items have no
 * common supertype, empty tuples, anything over `MAX_VALUE_SIZE` or `MAX_TYPE_DEPTH`.
 */
export function clarityTypeOf(v: ClarityValue): TypeSignature {
  return typeOf(v, 1);
}

function typeOf(v: ClarityValue, depth: number): TypeSignature {
  // The type constructors give the exact depth error; this only stops runaway recursion first.
  if (depth > MAX_TYPE_DEPTH + 1) throw bad('Clarity value nested too deeply', CodecErrorCode.DepthExceeded);
  switch (v.type) {
    case 'int':
      if (typeof v.value !== 'bigint' || v.value < I128_MIN || v.value > I128_MAX) throw bad(`int out of range: ${String(v.value)}`);
      return ClarityType.int;
    case 'uint':
      if (typeof v.value !== 'bigint' || v.value < 0n || v.value > U128_MAX) throw bad(`uint out of range: ${String(v.value)}`);
      return ClarityType.uint;
    case 'bool':
      return ClarityType.bool;
    case 'buffer':
      return ClarityType.buffer(v.value.length);
    case 'string-ascii': {
      const s = v.value;
      for (let i = 0; i < s.length; i++) {
        if (!isAsciiAllowed(s.charCodeAt(i))) throw bad('character not allowed in string-ascii', CodecErrorCode.InvalidString);
      }
      return ClarityType.stringAscii(s.length);
    }
    case 'string-utf8': {
      const n = scalarCount(v.value);
      if (n < 0) throw bad('lone surrogate in string-utf8', CodecErrorCode.InvalidString);
      return ClarityType.stringUtf8(n);
    }
    case 'principal':
      checkPrincipal(v.value);
      return ClarityType.principal;
    case 'optional':
      return v.value === null ? NONE_TYPE : ClarityType.optional(typeOf(v.value, depth + 1));
    case 'response':
      return v.ok
        ? ClarityType.response(typeOf(v.value, depth + 1), ClarityType.noType)
        : ClarityType.response(ClarityType.noType, typeOf(v.value, depth + 1));
    case 'list': {
      const items = v.value;
      if (items.length === 0) return EMPTY_LIST_TYPE;
      if (items.length > MAX_VALUE_SIZE) throw bad('list too long', CodecErrorCode.TooLarge);
      let entry = typeOf(items[0]!, depth + 1);
      for (let i = 1; i < items.length; i++) {
        const t = typeOf(items[i]!, depth + 1);
        if (t !== entry && !typeSignatureEquals(entry, t)) entry = leastSupertype(entry, t);
      }
      return ClarityType.list(entry, items.length);
    }
    case 'tuple': {
      const fields = new Map<string, TypeSignature>();
      for (const name of Object.keys(v.value)) {
        if (!isValidClarityName(name)) throw bad(`invalid tuple field name ${JSON.stringify(name)}`, CodecErrorCode.InvalidName);
        fields.set(name, typeOf(v.value[name]!, depth + 1));
      }
      return tupleTypeOwned(fields);
    }
    default:
      throw bad(`unknown Clarity value type ${JSON.stringify((v as { type?: unknown }).type)}`);
  }
}

/** True when the reference could construct `v` (`clarityTypeOf` does not throw). */
export function isValidClarityValue(v: ClarityValue): boolean {
  try {
    clarityTypeOf(v);
    return true;
  } catch (e) {
    if (e instanceof CodecError) return false;
    throw e;
  }
}
