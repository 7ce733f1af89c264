// Hash functions: sha256, sha512, sha512/256, keccak256, hash160 over buffers and over ints and
// uints (hashed as their 16-byte little-endian representation).
import { hash160, sha256, sha512_256 } from '@stacks-ts/codec';
import { ALL_COMBOS, CaseBuilder, INT_MAX, INT_MIN, UINT_MAX } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';
import { toHex } from '../fixtures.ts';

const fromHex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));
/** The 16 little-endian bytes the reference hashes for an int or uint. */
function le16(v: bigint): Uint8Array {
  let u = v < 0n ? v + (1n << 128n) : v;
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    out[i] = Number(u & 0xffn);
    u >>= 8n;
  }
  return out;
}

const KNOWN: Record<string, (b: Uint8Array) => Uint8Array> = { sha256, 'sha512/256': sha512_256, hash160 };
const FUNCTIONS = ['sha256', 'sha512', 'sha512/256', 'keccak256', 'hash160'] as const;

/** Builds the hashing family. */
export function hashingCases(): CorpusCase[] {
  const b = new CaseBuilder('hashing');
  const inputs: readonly (readonly [string, string, Uint8Array])[] = [
    ['buff-empty', '0x', new Uint8Array()],
    ['buff-00', '0x00', fromHex('00')],
    ['buff-abc', '0x616263', fromHex('616263')],
    ['buff-32', `0x${'11'.repeat(32)}`, fromHex('11'.repeat(32))],
    ['buff-1k', `0x${'5a'.repeat(1024)}`, fromHex('5a'.repeat(1024))],
    ['int-0', '0', le16(0n)],
    ['int-1', '1', le16(1n)],
    ['int--1', '-1', le16(-1n)],
    ['int-max', `${INT_MAX}`, le16(INT_MAX)],
    ['int-min', `${INT_MIN}`, le16(INT_MIN)],
    ['uint-0', 'u0', le16(0n)],
    ['uint-1', 'u1', le16(1n)],
    ['uint-max', `u${UINT_MAX}`, le16(UINT_MAX)],
  ];
  for (const f of FUNCTIONS)
    for (const [name, lit, bytes] of inputs) {
      const known = KNOWN[f];
      b.ok(`${f}/${name}`, `(${f} ${lit})`, known ? `0x${toHex(known(bytes))}` : undefined);
    }
  // an int and a uint with the same bits hash alike; the buffer of those bits too
  b.ok('same-bits/int-uint', '(is-eq (sha256 1) (sha256 u1))', 'true');
  b.ok('same-bits/int-buff', `(is-eq (sha256 -1) (sha256 0x${'ff'.repeat(16)}))`, 'true');
  b.ok('same-bits/uint-buff-le', `(is-eq (keccak256 u1) (keccak256 0x01${'00'.repeat(15)}))`, 'true');
  b.ok('compose/hash-of-hash', '(sha256 (sha256 0x))', `0x${toHex(sha256(sha256(new Uint8Array())))}`);
  b.ok('compose/hash160-is-ripemd-of-sha', '(len (hash160 0x01))', 'u20');
  b.ok('compose/sha512-len', '(len (sha512 0x01))', 'u64');
  b.ok('compose/of-consensus-buff', '(sha256 (unwrap-panic (to-consensus-buff? u1)))', `0x${toHex(sha256(fromHex('01' + '00'.repeat(15) + '01')))}`);

  for (const f of FUNCTIONS) {
    b.static(`${f}/ascii-arg`, `(${f} "abc")`);
    b.static(`${f}/bool-arg`, `(${f} true)`);
    b.static(`${f}/list-arg`, `(${f} (list 1))`);
    b.static(`${f}/two-args`, `(${f} 0x01 0x02)`);
    b.static(`${f}/no-args`, `(${f})`);
    b.across(`versions/${f}`, `(${f} 0x616263)`, ALL_COMBOS, () => 'ok');
  }
  return b.cases;
}
