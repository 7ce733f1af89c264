// Arithmetic: + - * / mod pow sqrti log2 over int and uint at and around the 128-bit bounds.
// The expected outcomes come from a bigint model of the reference's checked arithmetic; the
// oracle's answers are the golden ones, the model only catches typos in the corpus.
import { ALL_COMBOS, CaseBuilder, INT_MAX, INT_MIN, UINT_MAX, intRepr } from '../cases.ts';
import type { CorpusCase, Expectation } from '../cases.ts';

type Outcome = { readonly kind: 'ok'; readonly value: bigint } | { readonly kind: 'runtime' };
const RUNTIME: Outcome = { kind: 'runtime' };
const U32_MAX = 0xffff_ffffn;

function inRange(v: bigint, unsigned: boolean): Outcome {
  const lo = unsigned ? 0n : INT_MIN;
  const hi = unsigned ? UINT_MAX : INT_MAX;
  return v < lo || v > hi ? RUNTIME : { kind: 'ok', value: v };
}

/** Left fold with a range check after each step, like the reference's checked fold. */
function fold(args: readonly bigint[], unsigned: boolean, step: (a: bigint, b: bigint) => bigint | null): Outcome {
  let acc = args[0]!;
  for (const x of args.slice(1)) {
    const r = step(acc, x);
    if (r === null) return RUNTIME;
    const o = inRange(r, unsigned);
    if (o.kind !== 'ok') return o;
    acc = o.value;
  }
  return { kind: 'ok', value: acc };
}

const MODEL = {
  '+': (args: readonly bigint[], u: boolean) => fold(args, u, (a, b) => a + b),
  '-': (args: readonly bigint[], u: boolean) =>
    args.length === 1 ? inRange(-args[0]!, u) : fold(args, u, (a, b) => a - b),
  '*': (args: readonly bigint[], u: boolean) => fold(args, u, (a, b) => a * b),
  '/': (args: readonly bigint[], u: boolean) => fold(args, u, (a, b) => (b === 0n || (a === INT_MIN && b === -1n) ? null : a / b)),
  mod: (args: readonly bigint[], u: boolean) => fold(args, u, (a, b) => (b === 0n || (a === INT_MIN && b === -1n) ? null : a % b)),
} as const;

function powModel(base: bigint, p: bigint, unsigned: boolean): Outcome {
  if (base === 0n && p === 0n) return { kind: 'ok', value: 1n };
  if (base === 1n) return { kind: 'ok', value: 1n };
  if (base === 0n) return { kind: 'ok', value: 0n };
  if (p === 1n) return { kind: 'ok', value: base };
  if (p < 0n || p > U32_MAX) return RUNTIME;
  // |base| >= 2 here unless base is -1: anything past 2^128 overflows, so avoid giant bigints
  if (base === -1n) return { kind: 'ok', value: p % 2n === 0n ? 1n : -1n };
  if (p > 130n) return RUNTIME;
  return inRange(base ** p, unsigned);
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

const INT_VALUES: readonly (readonly [string, bigint])[] = [
  ['min', INT_MIN],
  ['min+1', INT_MIN + 1n],
  ['-7', -7n],
  ['-1', -1n],
  ['0', 0n],
  ['1', 1n],
  ['7', 7n],
  ['2^64', 1n << 64n],
  ['max-1', INT_MAX - 1n],
  ['max', INT_MAX],
];
const UINT_VALUES: readonly (readonly [string, bigint])[] = [
  ['0', 0n],
  ['1', 1n],
  ['7', 7n],
  ['2^64', 1n << 64n],
  ['2^127', 1n << 127n],
  ['max-1', UINT_MAX - 1n],
  ['max', UINT_MAX],
];
const OP_NAMES = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', mod: 'mod' } as const;

const lit = (v: bigint, unsigned: boolean): string => (unsigned ? `u${v}` : `${v}`);

function addOutcome(b: CaseBuilder, name: string, expr: string, o: Outcome, unsigned: boolean): void {
  if (o.kind === 'ok') b.ok(name, expr, intRepr(o.value, unsigned));
  else b.runtime(name, expr);
}

/** Builds the arithmetic family. */
export function arithmeticCases(): CorpusCase[] {
  const b = new CaseBuilder('arithmetic');

  // every binary operator over every pair of boundary values, int then uint
  for (const [unsigned, values] of [[false, INT_VALUES], [true, UINT_VALUES]] as const) {
    const t = unsigned ? 'uint' : 'int';
    for (const op of Object.keys(MODEL) as (keyof typeof MODEL)[]) {
      for (const [an, a] of values) {
        for (const [bn, bv] of values) {
          const o = MODEL[op]([a, bv], unsigned);
          addOutcome(b, `${OP_NAMES[op]}/${t}/${an},${bn}`, `(${op} ${lit(a, unsigned)} ${lit(bv, unsigned)})`, o, unsigned);
        }
      }
    }
  }

  // variadic and unary forms: the checked fold fails on an intermediate overflow even if the end fits
  const variadic: readonly (readonly [string, keyof typeof MODEL, readonly bigint[], boolean])[] = [
    ['add-many', '+', [1n, 2n, 3n, 4n, 5n], false],
    ['add-one-arg', '+', [5n], false],
    ['add-one-arg-uint', '+', [5n], true],
    ['add-intermediate-overflow', '+', [INT_MAX, 1n, -1n], false],
    ['add-reordered-fits', '+', [-1n, INT_MAX, 1n], false],
    ['add-uint-intermediate-overflow', '+', [UINT_MAX, 1n, 0n], true],
    ['add-many-to-min', '+', [INT_MIN + 3n, -1n, -1n, -1n], false],
    ['add-many-past-min', '+', [INT_MIN + 3n, -1n, -1n, -1n, -1n], false],
    ['sub-many', '-', [10n, 1n, 2n, 3n], false],
    ['sub-many-negative', '-', [-10n, 1n, 2n, 3n], false],
    ['sub-uint-many-underflow', '-', [6n, 1n, 2n, 4n], true],
    ['sub-uint-many-zero', '-', [6n, 1n, 2n, 3n], true],
    ['neg', '-', [5n], false],
    ['neg-zero', '-', [0n], false],
    ['neg-negative', '-', [-5n], false],
    ['neg-max', '-', [INT_MAX], false],
    ['neg-min', '-', [INT_MIN], false],
    ['neg-min+1', '-', [INT_MIN + 1n], false],
    ['neg-uint-zero', '-', [0n], true],
    ['neg-uint-one', '-', [1n], true],
    ['mul-many', '*', [2n, 3n, 4n, 5n], false],
    ['mul-one-arg', '*', [-9n], false],
    ['mul-zero-first-then-max', '*', [0n, INT_MAX, INT_MAX], false],
    ['mul-max-max-then-zero', '*', [INT_MAX, INT_MAX, 0n], false],
    ['mul-2^63-twice', '*', [1n << 63n, 1n << 63n], false],
    ['mul-2^63-2^63-2', '*', [1n << 63n, 1n << 63n, 2n], false],
    ['mul-to-min', '*', [-(1n << 63n), 1n << 64n], false],
    ['mul-neg-to-past-min', '*', [-(1n << 63n), 1n << 64n, -1n], false],
    ['mul-uint-2^64-squared', '*', [1n << 64n, 1n << 64n], true],
    ['mul-uint-2^64-times-max', '*', [(1n << 64n) - 1n, (1n << 64n) + 1n], true],
    ['div-many', '/', [1000n, 2n, 5n, 10n], false],
    ['div-one-arg', '/', [7n], false],
    ['div-zero-middle', '/', [100n, 0n, 5n], false],
    ['div-truncates-negative', '/', [-7n, 2n], false],
    ['div-negative-divisor', '/', [7n, -2n], false],
    ['div-both-negative', '/', [-7n, -2n], false],
    ['div-uint-many', '/', [1000n, 3n, 3n], true],
    ['mod-negative-dividend', 'mod', [-7n, 3n], false],
    ['mod-negative-divisor', 'mod', [7n, -3n], false],
    ['mod-both-negative', 'mod', [-7n, -3n], false],
    ['mod-min-by-2', 'mod', [INT_MIN, 2n], false],
    ['mod-min-by-3', 'mod', [INT_MIN, 3n], false],
    ['mod-uint-max-by-10', 'mod', [UINT_MAX, 10n], true],
  ];
  for (const [name, op, args, unsigned] of variadic) {
    const expr = `(${op} ${args.map((a) => lit(a, unsigned)).join(' ')})`;
    addOutcome(b, `variadic/${name}`, expr, MODEL[op](args, unsigned), unsigned);
  }

  // pow: its special cases come before the u32 exponent check
  const powIntBases: readonly (readonly [string, bigint])[] = [
    ['min', INT_MIN], ['-2', -2n], ['-1', -1n], ['0', 0n], ['1', 1n], ['2', 2n], ['3', 3n], ['10', 10n], ['max', INT_MAX],
  ];
  const powIntExps: readonly (readonly [string, bigint])[] = [
    ['-1', -1n], ['min', INT_MIN], ['0', 0n], ['1', 1n], ['2', 2n], ['38', 38n], ['39', 39n], ['63', 63n], ['64', 64n],
    ['126', 126n], ['127', 127n], ['128', 128n], ['u32max', U32_MAX], ['u32max+1', U32_MAX + 1n],
  ];
  for (const [bn, base] of powIntBases)
    for (const [en, e] of powIntExps)
      addOutcome(b, `pow/int/${bn}^${en}`, `(pow ${base} ${e})`, powModel(base, e, false), false);
  const powUintBases: readonly (readonly [string, bigint])[] = [
    ['0', 0n], ['1', 1n], ['2', 2n], ['3', 3n], ['10', 10n], ['max', UINT_MAX],
  ];
  const powUintExps: readonly (readonly [string, bigint])[] = [
    ['0', 0n], ['1', 1n], ['2', 2n], ['38', 38n], ['39', 39n], ['64', 64n], ['127', 127n], ['128', 128n],
    ['u32max', U32_MAX], ['u32max+1', U32_MAX + 1n], ['max', UINT_MAX],
  ];
  for (const [bn, base] of powUintBases)
    for (const [en, e] of powUintExps)
      addOutcome(b, `pow/uint/${bn}^${en}`, `(pow u${base} u${e})`, powModel(base, e, true), true);

  // sqrti and log2 (floor), negative and zero arguments
  const sqrtInts = [0n, 1n, 2n, 3n, 4n, 15n, 16n, 17n, 1n << 64n, (1n << 64n) - 1n, INT_MAX, -1n, INT_MIN];
  for (const v of sqrtInts)
    addOutcome(b, `sqrti/int/${v}`, `(sqrti ${v})`, v < 0n ? RUNTIME : { kind: 'ok', value: isqrt(v) }, false);
  const sqrtUints = [0n, 1n, 3n, 4n, 1n << 126n, (1n << 128n) - (1n << 65n), UINT_MAX];
  for (const v of sqrtUints) addOutcome(b, `sqrti/uint/${v}`, `(sqrti u${v})`, { kind: 'ok', value: isqrt(v) }, true);
  const log2 = (v: bigint): bigint => BigInt(v.toString(2).length - 1);
  const logInts = [1n, 2n, 3n, 4n, 1023n, 1024n, 1025n, INT_MAX, 0n, -1n, INT_MIN];
  for (const v of logInts)
    addOutcome(b, `log2/int/${v}`, `(log2 ${v})`, v < 1n ? RUNTIME : { kind: 'ok', value: log2(v) }, false);
  const logUints = [1n, 2n, 3n, 1n << 127n, (1n << 127n) - 1n, UINT_MAX, 0n];
  for (const v of logUints)
    addOutcome(b, `log2/uint/${v}`, `(log2 u${v})`, v < 1n ? RUNTIME : { kind: 'ok', value: log2(v) }, true);

  // composition: errors raised deep inside an expression, and short-circuit that avoids them
  b.ok('nested/arith-in-arith', '(+ (* 2 3) (- 10 (/ 9 3)) (mod 17 5) (pow 2 3))', '23');
  b.runtime('nested/overflow-in-argument', '(- (+ 170141183460469231731687303715884105727 1) 1)');
  b.runtime('nested/div-zero-in-let', '(let ((z 0)) (/ 10 z))');
  b.ok('nested/if-avoids-div-zero', '(if true 1 (/ 1 0))', '1');
  b.ok('nested/and-short-circuits-overflow', '(and false (> (+ 170141183460469231731687303715884105727 1) 0))', 'false');
  b.runtime('nested/or-evaluates-overflow', '(or false (> (+ 170141183460469231731687303715884105727 1) 0))');
  b.ok('nested/sqrti-of-pow', '(sqrti (pow u10 u30))', 'u1000000000000000');
  b.ok('nested/log2-of-pow', '(log2 (pow 2 100))', '100');
  b.ok('nested/fold-sum', '(fold + (list 1 2 3 4 5 6 7 8 9 10) 0)', '55');
  b.runtime('nested/fold-overflow', '(fold + (list 170141183460469231731687303715884105727 1) 0)');
  b.ok('nested/map-mul', '(map * (list 1 2 3) (list 4 5 6))', '(list 4 10 18)');
  b.runtime('nested/map-div-zero', '(map / (list 1 2 3) (list 1 0 1))');

  // integer literals at the bounds (lexer limits are static errors)
  b.ok('literal/int-max', '170141183460469231731687303715884105727', '170141183460469231731687303715884105727');
  b.ok('literal/int-min', '-170141183460469231731687303715884105728', '-170141183460469231731687303715884105728');
  b.ok('literal/uint-max', 'u340282366920938463463374607431768211455', 'u340282366920938463463374607431768211455');
  b.static('literal/int-max+1', '170141183460469231731687303715884105728');
  b.static('literal/int-min-1', '-170141183460469231731687303715884105729');
  b.static('literal/uint-max+1', 'u340282366920938463463374607431768211456');
  b.ok('literal/leading-zeros', '(list 007 -007)', '(list 7 -7)');
  b.ok('literal/leading-zeros-uint', 'u007', 'u7');
  b.ok('literal/negative-zero', '-0', '0');
  b.ok('literal/u0', 'u0', 'u0');
  b.static('literal/negative-uint', 'u-1');
  b.static('literal/plus-sign', '+1');

  // static errors: argument types and counts
  const staticCases: readonly (readonly [string, string])[] = [
    ['add-int-uint', '(+ 1 u1)'],
    ['sub-uint-int', '(- u1 1)'],
    ['mul-bool', '(* 1 true)'],
    ['div-string', '(/ "a" 1)'],
    ['mod-mixed', '(mod 1 u1)'],
    ['mod-three-args', '(mod 1 2 3)'],
    ['mod-one-arg', '(mod 1)'],
    ['pow-mixed-int-uint', '(pow 2 u2)'],
    ['pow-mixed-uint-int', '(pow u2 2)'],
    ['pow-one-arg', '(pow 2)'],
    ['pow-three-args', '(pow 2 2 2)'],
    ['sqrti-string', '(sqrti "x")'],
    ['sqrti-two-args', '(sqrti 4 9)'],
    ['sqrti-no-args', '(sqrti)'],
    ['log2-bool', '(log2 true)'],
    ['log2-no-args', '(log2)'],
    ['add-no-args', '(+)'],
    ['sub-no-args', '(-)'],
    ['mul-no-args', '(*)'],
    ['div-no-args', '(/)'],
    ['add-optional', '(+ 1 (some 1))'],
    ['add-none', '(+ 1 none)'],
    ['add-buff', '(+ 0x01 0x02)'],
    ['add-list', '(+ (list 1) (list 2))'],
    ['add-third-arg-wrong', '(+ 1 2 u3)'],
    ['mul-response', '(* 2 (ok 1))'],
    ['add-as-value', '(let ((f +)) f)'],
  ];
  for (const [name, expr] of staticCases) b.static(`type/${name}`, expr);

  // the same arithmetic at every (epoch, version): nothing here is version dependent
  const everywhere: readonly (readonly [string, string, Expectation, string?])[] = [
    ['add', '(+ 2 3)', 'ok', '5'],
    ['add-overflow', '(+ u340282366920938463463374607431768211455 u1)', 'runtime'],
    ['sub-underflow', '(- u0 u1)', 'runtime'],
    ['mul-overflow', '(* 170141183460469231731687303715884105727 2)', 'runtime'],
    ['div-zero', '(/ 1 0)', 'runtime'],
    ['div-min-neg1', '(/ -170141183460469231731687303715884105728 -1)', 'runtime'],
    ['mod-negative', '(mod -7 2)', 'ok', '-1'],
    ['pow-big', '(pow 2 126)', 'ok', '85070591730234615865843651857942052864'],
    ['pow-neg-exp', '(pow 2 -1)', 'runtime'],
    ['pow-one-huge-exp', '(pow 1 -5)', 'ok', '1'],
    ['sqrti', '(sqrti u1000001)', 'ok', 'u1000'],
    ['log2', '(log2 u1025)', 'ok', 'u10'],
    ['log2-zero', '(log2 0)', 'runtime'],
  ];
  for (const [name, expr, expect, repr] of everywhere)
    b.across(`versions/${name}`, expr, ALL_COMBOS, () => expect, repr === undefined ? {} : { repr });

  return b.cases;
}
