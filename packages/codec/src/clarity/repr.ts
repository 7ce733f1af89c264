/**
 * Clarity values as Clarity literals.
 *
 * `clarityValueToRepr` gives the "repr" form that the Stacks Blockchain API and
 * stacks-encoding-native-js show (`u50000000`, `'SP….name`, `(list u1 u2)`, `(tuple (a 1))`). It is
 * the reference's `Display for Value` (`clarity-types/src/types/mod.rs`) with two differences:
 * principals carry a leading `'` and lists are written `(list …)`. `clarityValueToDisplayString`
 * gives the reference's `Display` exactly (`SP…`, `(u1 u2)`).
 *
 * Strings are escaped as the reference does: string-ascii bytes with Rust's
 * `ascii::escape_default` (`\t \r \n \' \" \\`, other non-printables as `\xNN`); in string-utf8,
 * every character of more than one UTF-8 byte is written `\u{…}` with the hex of its UTF-8 bytes
 * (not its code point: `é` is `\u{c3a9}`), single-byte ones like string-ascii.
 */
import { principalToString } from '../address/principal.ts';
import { compareNames } from './type-signature.ts';
import type { ClarityValue, PrincipalData } from './types.ts';

const HEX = '0123456789abcdef';

function hexOf(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    s += HEX[b >> 4]! + HEX[b & 15]!;
  }
  return s;
}

/** Rust's `std::ascii::escape_default` of one byte. */
function escapeByte(b: number): string {
  switch (b) {
    case 0x09:
      return '\\t';
    case 0x0d:
      return '\\r';
    case 0x0a:
      return '\\n';
    case 0x27:
      return "\\'";
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    default:
      if (b >= 0x20 && b <= 0x7e) return String.fromCharCode(b);
      return `\\x${HEX[b >> 4]!}${HEX[b & 15]!}`;
  }
}

function escapeAscii(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += escapeByte(s.charCodeAt(i) & 0xff);
  return out;
}

function escapeUtf8(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out += escapeByte(cp);
    } else if (cp < 0x800) {
      out += `\\u{${hexOf(Uint8Array.of(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)))}}`;
    } else if (cp < 0x10000) {
      out += `\\u{${hexOf(Uint8Array.of(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)))}}`;
    } else {
      out += `\\u{${hexOf(
        Uint8Array.of(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)),
      )}}`;
    }
  }
  return out;
}

function principalRepr(p: PrincipalData, quote: boolean): string {
  return (quote ? "'" : '') + principalToString(p);
}

function print(v: ClarityValue, repr: boolean): string {
  switch (v.type) {
    case 'int':
      return v.value.toString();
    case 'uint':
      return `u${v.value.toString()}`;
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'buffer':
      return `0x${hexOf(v.value)}`;
    case 'string-ascii':
      return `"${escapeAscii(v.value)}"`;
    case 'string-utf8':
      return `u"${escapeUtf8(v.value)}"`;
    case 'principal':
      return principalRepr(v.value, repr);
    case 'optional':
      return v.value === null ? 'none' : `(some ${print(v.value, repr)})`;
    case 'response':
      return `(${v.ok ? 'ok' : 'err'} ${print(v.value, repr)})`;
    case 'list': {
      const parts: string[] = [];
      for (const item of v.value) parts.push(print(item, repr));
      if (repr) return parts.length === 0 ? '(list)' : `(list ${parts.join(' ')})`;
      return `(${parts.join(' ')})`;
    }
    case 'tuple': {
      const names = Object.keys(v.value).sort(compareNames);
      let s = '(tuple';
      for (const n of names) s += ` (${n} ${print(v.value[n]!, repr)})`;
      return `${s})`;
    }
  }
}

/** The repr form of a Clarity value, as the Stacks Blockchain API shows it (`'SP…`, `(list …)`). */
export function clarityValueToRepr(v: ClarityValue): string {
  return print(v, true);
}

/** The reference's `Display` of a Clarity value (principals without `'`, lists as `(a b c)`). */
export function clarityValueToDisplayString(v: ClarityValue): string {
  return print(v, false);
}
