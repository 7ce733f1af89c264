/**
 * Clarity names and contract names (the reference's `ClarityName` and `ContractName` guarded
 * strings, `clarity-types/src/representations.rs`).
 *
 * Both are ASCII, at most `MAX_STRING_LEN` (128) bytes, and must match a regex. Contract names have
 * two length rules in the reference, and they are easy to mix up:
 * - a `ContractName` value may be up to 128 characters (the regex allows it, for backwards
 *   compatibility), and that is what a contract principal inside a Clarity value carries;
 * - the wire codec of a stand-alone `ContractName` (transactions, post-conditions, StackerDB
 *   contract ids) accepts only 1 to `CONTRACT_MAX_NAME_LENGTH` (40) bytes, in both directions.
 *   `readContractName` / `writeContractName` are that codec.
 */
import type { ByteReader, ByteWriter } from '../bytes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';

/** Longest Clarity name or contract name, in bytes (`MAX_STRING_LEN`). */
export const MAX_STRING_LEN = 128;
/** Shortest contract name (`CONTRACT_MIN_NAME_LENGTH`). */
export const CONTRACT_MIN_NAME_LENGTH = 1;
/** Longest contract name the wire codec and contract deployment accept (`CONTRACT_MAX_NAME_LENGTH`). */
export const CONTRACT_MAX_NAME_LENGTH = 40;

// `CLARITY_NAME_REGEX`: a letter then letters, digits and `-_!?+<>=/*`; or one of the operators.
const CLARITY_NAME_RE = /^[a-zA-Z][a-zA-Z0-9\-_!?+<>=/*]*$|^[-+=/*]$|^[<>]=?$/;
// `CONTRACT_NAME_REGEX`: a letter then up to 127 letters, digits, `-` or `_`; or `__transient`.
const CONTRACT_NAME_RE = /^[a-zA-Z][a-zA-Z0-9\-_]{0,127}$|^__transient$/;

/** True when `s` is a valid Clarity name (`ClarityName::try_from`). */
export function isValidClarityName(s: string): boolean {
  return s.length <= MAX_STRING_LEN && CLARITY_NAME_RE.test(s);
}

/**
 * True when `s` is a valid `ContractName` value: the regex, up to 128 characters. This is the rule
 * for the contract name inside a contract principal Clarity value.
 */
export function isValidContractName(s: string): boolean {
  return s.length <= MAX_STRING_LEN && CONTRACT_NAME_RE.test(s);
}

/**
 * True when `s` is a contract name that can be deployed and put on the wire as a stand-alone
 * `ContractName` (transactions, post-conditions, StackerDB ids): the regex and 1 to 40 characters.
 */
export function isDeployableContractName(s: string): boolean {
  return s.length >= CONTRACT_MIN_NAME_LENGTH && s.length <= CONTRACT_MAX_NAME_LENGTH && CONTRACT_NAME_RE.test(s);
}

/** Latin-1 view of ASCII bytes; any byte >= 0x80 becomes a character the regexes reject. */
function asciiString(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** Reads `u8 length + bytes` and returns the string (not yet validated). */
function readShortString(r: ByteReader, what: string, minLen: number, maxLen: number): string {
  const start = r.offset;
  const len = r.readU8(`${what} length`);
  if (len < minLen || len > maxLen) {
    throw new CodecError(CodecErrorCode.InvalidName, `${what} length ${len} is outside ${minLen}..${maxLen}`, {
      offset: start,
      length: len,
    });
  }
  r.need(len, what);
  const s = asciiString(r.bytes, r.offset, r.offset + len);
  r.offset += len;
  return s;
}

function invalidName(what: string, s: string, offset?: number): CodecError {
  return new CodecError(CodecErrorCode.InvalidName, `invalid ${what}: ${JSON.stringify(s)}`, offset === undefined ? {} : { offset });
}

/** Writes `u8 length + ASCII`, after the caller validated `s`. */
function writeShortString(w: ByteWriter, s: string): void {
  w.writeU8(s.length);
  for (let i = 0; i < s.length; i++) w.writeU8(s.charCodeAt(i));
}

/** Reads a Clarity name: `u8 length (<= 128) + ASCII`, regex-checked (CodecError INVALID_NAME). */
export function readClarityName(r: ByteReader): string {
  const start = r.offset;
  const s = readShortString(r, 'Clarity name', 0, MAX_STRING_LEN);
  if (!CLARITY_NAME_RE.test(s)) throw invalidName('Clarity name', s, start);
  return s;
}

/** Writes a Clarity name as `u8 length + ASCII`; throws INVALID_NAME if `s` is not a valid name. */
export function writeClarityName(w: ByteWriter, s: string): void {
  if (!isValidClarityName(s)) throw invalidName('Clarity name', s);
  writeShortString(w, s);
}

/**
 * Reads a stand-alone contract name (the `ContractName` wire codec): `u8 length (1..40) + ASCII`,
 * regex-checked (CodecError INVALID_NAME).
 */
export function readContractName(r: ByteReader): string {
  const start = r.offset;
  const s = readShortString(r, 'contract name', CONTRACT_MIN_NAME_LENGTH, CONTRACT_MAX_NAME_LENGTH);
  if (!CONTRACT_NAME_RE.test(s)) throw invalidName('contract name', s, start);
  return s;
}

/** Writes a stand-alone contract name (1..40 characters, regex-checked; INVALID_NAME otherwise). */
export function writeContractName(w: ByteWriter, s: string): void {
  if (!isDeployableContractName(s)) throw invalidName('contract name', s);
  writeShortString(w, s);
}

/**
 * Reads the contract name of a contract principal Clarity value: `u8 length (<= 128) + ASCII`,
 * regex-checked. Used by the Clarity value codec; transactions use `readContractName`.
 */
export function readPrincipalContractName(r: ByteReader): string {
  const start = r.offset;
  const s = readShortString(r, 'contract name', 0, MAX_STRING_LEN);
  if (!CONTRACT_NAME_RE.test(s)) throw invalidName('contract name', s, start);
  return s;
}
