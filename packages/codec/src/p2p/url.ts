import type { ByteReader, ByteWriter } from '../bytes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { MAX_URL_STRING_LEN } from './constants.ts';

/** Characters a `UrlString` may hold (`URL_STRING_REGEX`). */
const URL_STRING_REGEX = /^[a-zA-Z0-9._~:/?#[\]@!$&'()*+,;%=-]*$/;

/**
 * Why `s` is not a valid handshake data URL, or `null` when it is. The reference's rules
 * (`UrlString` and `parse_to_block_url`): at most 128 ASCII characters from the URL set, and
 * unless empty, an http(s) URL with a host and without credentials, query or fragment.
 */
export function urlStringError(s: string): string | null {
  if (s.length > MAX_URL_STRING_LEN) return `longer than ${MAX_URL_STRING_LEN} characters`;
  if (!URL_STRING_REGEX.test(s)) return 'contains characters outside the URL set';
  if (s.length === 0) return null;
  // Any '?' starts a query and any '#' a fragment in an http(s) URL; both are refused.
  if (s.includes('?')) return 'has a query string';
  if (s.includes('#')) return 'has a fragment';
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return 'does not parse as a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `has scheme '${url.protocol.slice(0, -1)}', not http(s)`;
  if (url.username !== '' || url.password !== '') return 'has a username or password';
  if (url.hostname === '') return 'has no host';
  return null;
}

/** True when `s` is a valid handshake data URL (see `urlStringError`). */
export function isValidUrlString(s: string): boolean {
  return urlStringError(s) === null;
}

/** Reads a `UrlString`: u8 length (at most 128), ASCII, then the URL rules. */
export function readUrlString(r: ByteReader): string {
  const start = r.offset;
  const len = r.readU8('data_url length');
  if (len > MAX_URL_STRING_LEN) {
    throw new CodecError(CodecErrorCode.TooLarge, `data_url length ${len} exceeds ${MAX_URL_STRING_LEN}`, {
      offset: start,
      length: len,
    });
  }
  const s = r.readUtf8(len, 'data_url');
  const err = urlStringError(s);
  if (err !== null) {
    throw new CodecError(CodecErrorCode.InvalidString, `invalid data_url: ${err}`, { offset: start });
  }
  return s;
}

/** Writes a `UrlString`; refuses what `readUrlString` would reject. */
export function writeUrlString(w: ByteWriter, s: string): void {
  const err = typeof s === 'string' ? urlStringError(s) : 'not a string';
  if (err !== null) throw new CodecError(CodecErrorCode.InvalidArgument, `invalid data_url: ${err}`);
  w.writeU8(s.length).writeUtf8(s);
}
