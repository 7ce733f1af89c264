// Bit operations: bit-and, bit-or, bit-xor, xor, bit-not, bit-shift-left, bit-shift-right over int
// (two's complement) and uint; shift amounts are taken modulo 128.
import { ALL_COMBOS, CaseBuilder, INT_MAX, INT_MIN, UINT_MAX, intRepr } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';

const MASK = UINT_MAX;
/** Reads the low 128 bits as a signed or unsigned value. */
function wrap(v: bigint, unsigned: boolean): bigint {
  const u = v & MASK;
  return unsigned || u <= INT_MAX ? u : u - (1n << 128n);
}

const BINARY = {
  'bit-and': (a: bigint, b: bigint) => a & b,
  'bit-or': (a: bigint, b: bigint) => a | b,
  'bit-xor': (a: bigint, b: bigint) => a ^ b,
  xor: (a: bigint, b: bigint) => a ^ b,
} as const;

/** Builds the bitwise family. */
export function bitwiseCases(): CorpusCase[] {
  const b = new CaseBuilder('bitwise');
  const ints: readonly (readonly [string, bigint])[] = [['min', INT_MIN], ['-1', -1n], ['0', 0n], ['1', 1n], ['5', 5n], ['max', INT_MAX]];
  const uints: readonly (readonly [string, bigint])[] = [['0', 0n], ['1', 1n], ['5', 5n], ['max', UINT_MAX]];
  const lit = (v: bigint, u: boolean): string => (u ? `u${v}` : `${v}`);

  for (const [unsigned, values] of [[false, ints], [true, uints]] as const) {
    const t = unsigned ? 'uint' : 'int';
    for (const op of Object.keys(BINARY) as (keyof typeof BINARY)[])
      for (const [an, a] of values)
        for (const [bn, bv] of values)
          b.ok(`${op}/${t}/${an},${bn}`, `(${op} ${lit(a, unsigned)} ${lit(bv, unsigned)})`, intRepr(wrap(BINARY[op](a, bv), unsigned), unsigned));
    for (const [an, a] of values) b.ok(`bit-not/${t}/${an}`, `(bit-not ${lit(a, unsigned)})`, intRepr(wrap(~a, unsigned), unsigned));
    const amounts = [0n, 1n, 2n, 63n, 64n, 126n, 127n, 128n, 129n, 255n, 256n, UINT_MAX];
    for (const [an, a] of values)
      for (const s of amounts) {
        const k = s % 128n;
        const sname = s === UINT_MAX ? 'umax' : String(s);
        b.ok(`shl/${t}/${an}<<${sname}`, `(bit-shift-left ${lit(a, unsigned)} u${s})`, intRepr(wrap(a << k, unsigned), unsigned));
        b.ok(`shr/${t}/${an}>>${sname}`, `(bit-shift-right ${lit(a, unsigned)} u${s})`, intRepr(wrap(a >> k, unsigned), unsigned));
      }
  }

  // variadic forms
  b.ok('variadic/and-three', '(bit-and 15 7 3)', '3');
  b.ok('variadic/or-three', '(bit-or 1 2 4)', '7');
  b.ok('variadic/xor-three', '(bit-xor 1 3 7)', '5');
  b.ok('variadic/and-one-arg', '(bit-and -5)', '-5');
  b.ok('variadic/or-uint-many', '(bit-or u1 u2 u4 u8 u16)', 'u31');
  b.ok('variadic/xor-self-cancels', '(bit-xor u12345 u12345)', 'u0');
  b.ok('compose/not-not', '(bit-not (bit-not -12345))', '-12345');
  b.ok('compose/shift-roundtrip', '(bit-shift-right (bit-shift-left u1 u100) u100)', 'u1');
  b.ok('compose/sign-bit', '(bit-shift-left 1 u127)', String(INT_MIN));
  b.ok('compose/mask-low-byte', '(bit-and (bit-not 0) 255)', '255');

  const bad: readonly (readonly [string, string])[] = [
    ['and-mixed', '(bit-and 1 u1)'],
    ['or-bool', '(bit-or true false)'],
    ['xor-buff', '(bit-xor 0x01 0x02)'],
    ['xor-three-args', '(xor 1 2 3)'],
    ['xor-mixed', '(xor 1 u2)'],
    ['not-two-args', '(bit-not 1 2)'],
    ['not-string', '(bit-not "a")'],
    ['shl-int-amount', '(bit-shift-left 1 1)'],
    ['shr-int-amount', '(bit-shift-right u1 1)'],
    ['shl-one-arg', '(bit-shift-left 1)'],
    ['shr-three-args', '(bit-shift-right 1 u1 u1)'],
    ['shl-buff', '(bit-shift-left 0x01 u1)'],
    ['and-no-args', '(bit-and)'],
  ];
  for (const [name, expr] of bad) b.static(`type/${name}`, expr);

  // bit-* arrive in Clarity 2; xor is Clarity 1
  const gated = ['(bit-and 6 3)', '(bit-or 6 3)', '(bit-xor 6 3)', '(bit-not 6)', '(bit-shift-left 6 u1)', '(bit-shift-right 6 u1)'];
  const reprs = ['2', '7', '5', '-7', '12', '3'];
  gated.forEach((expr, i) =>
    b.across(`gate/${expr.slice(1).split(' ')[0]}`, expr, ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { repr: reprs[i]! }),
  );
  b.across('gate/xor', '(xor 6 3)', ALL_COMBOS, () => 'ok', { repr: '5' });
  return b.cases;
}
