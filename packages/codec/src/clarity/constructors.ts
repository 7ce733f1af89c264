/**
 * Convenience constructors for Clarity values (`Cl.uint(1)`, `Cl.tuple({ a: Cl.int(-1) })`,
 * `Cl.standardPrincipal('SP…')`). Each checks its own node (integer range, string characters,
 * names, principal strings) and throws CodecError; the values are the plain `ClarityValue` data.
 */
import { hexToBytes } from '@stacks-ts/common';
import { parsePrincipal } from '../address/principal.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { isValidClarityName } from './names.ts';
import type {
  BoolCV,
  BufferCV,
  ClarityValue,
  IntCV,
  ListCV,
  OptionalCV,
  PrincipalCV,
  ResponseCV,
  StringAsciiCV,
  StringUtf8CV,
  TupleCV,
  UIntCV,
} from './types.ts';

const I128_MIN = -(1n << 127n);
const I128_MAX = (1n << 127n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

/** What the integer constructors accept: a bigint, a safe integer, or a decimal / 0x-hex string. */
export type IntegerInput = bigint | number | string;

function toBigInt(v: IntegerInput, what: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new CodecError(CodecErrorCode.InvalidArgument, `${what}: ${v} is not a safe integer`);
    return BigInt(v);
  }
  if (typeof v === 'string' && /^-?(0x[0-9a-fA-F]+|[0-9]+)$/.test(v)) {
    return v.startsWith('-') ? -BigInt(v.slice(1)) : BigInt(v);
  }
  throw new CodecError(CodecErrorCode.InvalidArgument, `${what}: not an integer: ${String(v)}`);
}

function isAsciiAllowed(c: number): boolean {
  return (c >= 0x20 && c <= 0x7e) || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

function principalCV(s: string, want?: 'standard' | 'contract'): PrincipalCV {
  const value = parsePrincipal(s);
  if (want !== undefined && value.type !== want) {
    throw new CodecError(CodecErrorCode.InvalidAddress, `expected a ${want} principal, got ${JSON.stringify(s)}`);
  }
  return { type: 'principal', value };
}

/** Clarity value constructors. */
export const Cl = {
  /** `int` (i128). */
  int(v: IntegerInput): IntCV {
    const value = toBigInt(v, 'int');
    if (value < I128_MIN || value > I128_MAX) throw new CodecError(CodecErrorCode.InvalidArgument, `int out of i128 range: ${value}`);
    return { type: 'int', value };
  },
  /** `uint` (u128). */
  uint(v: IntegerInput): UIntCV {
    const value = toBigInt(v, 'uint');
    if (value < 0n || value > U128_MAX) throw new CodecError(CodecErrorCode.InvalidArgument, `uint out of u128 range: ${value}`);
    return { type: 'uint', value };
  },
  /** `true` / `false`. */
  bool(value: boolean): BoolCV {
    return { type: 'bool', value: value === true };
  },
  /** A buffer holding `bytes` (not copied). */
  buffer(bytes: Uint8Array): BufferCV {
    if (!(bytes instanceof Uint8Array)) throw new CodecError(CodecErrorCode.InvalidArgument, 'buffer needs a Uint8Array');
    return { type: 'buffer', value: bytes };
  },
  /** A buffer from hex (optional `0x`). */
  bufferFromHex(hex: string): BufferCV {
    try {
      return { type: 'buffer', value: hexToBytes(hex) };
    } catch (e) {
      throw new CodecError(CodecErrorCode.InvalidArgument, `invalid hex for buffer: ${String(e)}`, {}, { cause: e });
    }
  },
  /** A buffer holding the UTF-8 bytes of `s`. */
  bufferFromUtf8(s: string): BufferCV {
    return { type: 'buffer', value: new TextEncoder().encode(s) };
  },
  /** `string-ascii`: only letters, digits, punctuation, space, `\t \n \f \r` (the reference's rule). */
  stringAscii(value: string): StringAsciiCV {
    for (let i = 0; i < value.length; i++) {
      if (!isAsciiAllowed(value.charCodeAt(i))) {
        throw new CodecError(CodecErrorCode.InvalidString, `character at index ${i} is not allowed in string-ascii`);
      }
    }
    return { type: 'string-ascii', value };
  },
  /** `string-utf8`. */
  stringUtf8(value: string): StringUtf8CV {
    if (typeof value !== 'string') throw new CodecError(CodecErrorCode.InvalidArgument, 'string-utf8 needs a string');
    return { type: 'string-utf8', value };
  },
  /** A principal from `SP…` or `SP….contract-name` (a leading `'` is allowed). */
  principal(s: string): PrincipalCV {
    return principalCV(s);
  },
  /** A standard principal from `SP…`. */
  standardPrincipal(address: string): PrincipalCV {
    return principalCV(address, 'standard');
  },
  /** A contract principal from an address and a contract name. */
  contractPrincipal(address: string, contractName: string): PrincipalCV {
    return principalCV(`${address}.${contractName}`, 'contract');
  },
  /** `(some value)`. */
  some(value: ClarityValue): OptionalCV {
    return { type: 'optional', value };
  },
  /** `none`. */
  none(): OptionalCV {
    return { type: 'optional', value: null };
  },
  /** `(ok value)`. */
  ok(value: ClarityValue): ResponseCV {
    return { type: 'response', ok: true, value };
  },
  /** `(err value)`. */
  err(value: ClarityValue): ResponseCV {
    return { type: 'response', ok: false, value };
  },
  /** `(list …)` (items are not type-checked against each other: see `clarityTypeOf`). */
  list(items: readonly ClarityValue[]): ListCV {
    return { type: 'list', value: [...items] };
  },
  /** `(tuple …)` from a record; names must be valid Clarity names and there must be at least one. */
  tuple(fields: Readonly<Record<string, ClarityValue>>): TupleCV {
    const value: Record<string, ClarityValue> = {};
    const names = Object.keys(fields);
    if (names.length === 0) throw new CodecError(CodecErrorCode.InvalidArgument, 'empty tuples are not allowed');
    for (const name of names) {
      if (!isValidClarityName(name)) throw new CodecError(CodecErrorCode.InvalidName, `invalid tuple field name ${JSON.stringify(name)}`);
      value[name] = fields[name]!;
    }
    return { type: 'tuple', value };
  },
} as const;
