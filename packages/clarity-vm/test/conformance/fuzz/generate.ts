// A seeded random generator of Clarity expressions for the live fuzzer (live.ts) and its CI test.
// Generation is type-directed: each expression is built for a wanted type from the natives and
// special forms that produce it, so most cases type-check; a small share of sub-expressions is
// replaced by one of another type (static errors), and boundary values, division, `unwrap-panic`,
// `asserts!` and the like produce runtime errors on their own.
import type { BatchCase } from '../../../src/batch.ts';

/** A small deterministic PRNG (mulberry32) over a 32-bit seed. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generated types (a closed set keeps every production well-typed by construction). */
type Ty = 'int' | 'uint' | 'bool' | 'buff' | 'ascii' | 'utf8' | 'oint' | 'ouint' | 'rint' | 'lint' | 'luint' | 'lbool';

const TYPES: readonly Ty[] = ['int', 'uint', 'bool', 'buff', 'ascii', 'utf8', 'oint', 'ouint', 'rint', 'lint', 'luint', 'lbool'];

const TYPE_SIG: Record<Ty, string> = {
  int: 'int',
  uint: 'uint',
  bool: 'bool',
  buff: '(buff 64)',
  ascii: '(string-ascii 64)',
  utf8: '(string-utf8 64)',
  oint: '(optional int)',
  ouint: '(optional uint)',
  rint: '(response int uint)',
  lint: '(list 10 int)',
  luint: '(list 10 uint)',
  lbool: '(list 10 bool)',
};

const INT_MAX = (1n << 127n) - 1n;
const INT_MIN = -(1n << 127n);
const UINT_MAX = (1n << 128n) - 1n;

/** The default Clarity version of each epoch the oracle supports. */
export const EPOCH_VERSION: Readonly<Record<string, number>> = { '2.05': 1, '2.1': 2, '2.4': 2, '3.0': 3, '3.3': 4 };

/** Options of `generateCases`. */
export interface GenerateOptions {
  readonly seed: number;
  readonly count: number;
  /** Epoch of every case (default 3.3). */
  readonly epoch?: string;
  /** Clarity version (default: the epoch's). */
  readonly clarityVersion?: number;
  /** Maximum nesting depth of generated expressions (default 4). */
  readonly maxDepth?: number;
}

type Local = readonly [name: string, ty: Ty];

class Gen {
  private readonly r: () => number;
  private names = 0;
  constructor(
    seed: number,
    private readonly version: number,
    private readonly maxDepth: number,
  ) {
    this.r = createRng(seed);
  }

  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  fresh(): string {
    return `v${this.names++}`;
  }

  intLit(): string {
    const big = [0n, 1n, -1n, 2n, -2n, 7n, 10n, 127n, 128n, 255n, 256n, INT_MAX, INT_MIN, INT_MAX - 1n, INT_MIN + 1n, 1n << 64n, -(1n << 64n), 1n << 63n];
    if (this.chance(0.5)) return String(this.pick(big));
    return String(BigInt(this.int(2001) - 1000));
  }
  uintLit(): string {
    const big = [0n, 1n, 2n, 3n, 8n, 10n, 64n, 127n, 128n, 255n, 256n, UINT_MAX, UINT_MAX - 1n, 1n << 64n, 1n << 127n];
    if (this.chance(0.5)) return `u${this.pick(big)}`;
    return `u${this.int(1000)}`;
  }
  hexLit(maxBytes: number): string {
    const n = this.int(maxBytes + 1);
    let s = '';
    for (let i = 0; i < n; i++) s += this.pick(['00', '01', '7f', '80', 'ff', 'ab', '10', '3a', '41']);
    return `0x${s}`;
  }
  asciiLit(): string {
    const pool = ['', 'a', 'abc', 'Hello', '123', '-42', '0', 'x y', '\\"q\\"', '\\\\', 'tab\\t', 'nl\\n', '340282366920938463463374607431768211455', '-170141183460469231731687303715884105728', '12a', ' 7'];
    return `"${this.pick(pool)}"`;
  }
  utf8Lit(): string {
    const pool = ['', 'a', 'caf\\u{e9}', '\\u{1F600}', 'abc', '99', '\\u{0}', 'x\\u{10FFFF}', '-5'];
    return `u"${this.pick(pool)}"`;
  }
  literal(ty: Ty): string {
    switch (ty) {
      case 'int':
        return this.intLit();
      case 'uint':
        return this.uintLit();
      case 'bool':
        return this.pick(['true', 'false']);
      case 'buff':
        return this.hexLit(6);
      case 'ascii':
        return this.asciiLit();
      case 'utf8':
        return this.utf8Lit();
      case 'oint':
        return this.chance(0.7) ? `(some ${this.intLit()})` : '(if true none (some 0))';
      case 'ouint':
        return this.chance(0.7) ? `(some ${this.uintLit()})` : '(if true none (some u0))';
      case 'rint':
        return this.chance(0.6) ? `(if true (ok ${this.intLit()}) (err u0))` : `(if true (err ${this.uintLit()}) (ok 0))`;
      case 'lint':
        return `(list ${Array.from({ length: 1 + this.int(4) }, () => this.intLit()).join(' ')})`;
      case 'luint':
        return `(list ${Array.from({ length: 1 + this.int(4) }, () => this.uintLit()).join(' ')})`;
      case 'lbool':
        return `(list ${Array.from({ length: 1 + this.int(4) }, () => this.pick(['true', 'false'])).join(' ')})`;
    }
  }

  /** An expression of type `ty` (or, rarely, deliberately of another type). */
  expr(ty: Ty, depth: number, locals: readonly Local[]): string {
    if (depth > 1 && this.chance(0.015)) return this.expr(this.pick(TYPES), depth, locals); // ill-typed
    const vars = locals.filter((l) => l[1] === ty);
    if (vars.length > 0 && this.chance(0.3)) return this.pick(vars)[0];
    if (depth >= this.maxDepth || this.chance(0.2)) return this.literal(ty);
    const d = depth + 1;
    const e = (t: Ty): string => this.expr(t, d, locals);
    const v2 = this.version >= 2 || this.chance(0.05); // version-gated natives, sometimes on purpose
    const forms: (() => string)[] = [
      () => `(if ${e('bool')} ${e(ty)} ${e(ty)})`,
      () => this.letForm(ty, d, locals),
      () => `(begin ${e(this.pick(TYPES.filter((t) => t !== 'rint' || this.chance(0.1))))} ${e(ty)})`,
    ];
    const add = (...fs: (() => string)[]): void => {
      forms.push(...fs);
    };
    const nums = (t: 'int' | 'uint'): void => {
      const args = (): string => Array.from({ length: 1 + this.int(3) }, () => e(t)).join(' ');
      add(
        () => `(+ ${e(t)} ${args()})`,
        () => `(- ${e(t)} ${args()})`,
        () => `(* ${e(t)} ${args()})`,
        () => `(/ ${e(t)} ${args()})`,
        () => `(mod ${e(t)} ${e(t)})`,
        () => `(pow ${e(t)} ${this.chance(0.7) ? (t === 'int' ? String(this.int(130) - 2) : `u${this.int(130)}`) : e(t)})`,
        () => `(sqrti ${e(t)})`,
        () => `(log2 ${e(t)})`,
        () => `(bit-and ${e(t)} ${args()})`,
        () => `(bit-or ${e(t)} ${args()})`,
        () => `(bit-xor ${e(t)} ${args()})`,
        () => `(xor ${e(t)} ${e(t)})`,
        () => `(default-to ${e(t)} ${e(t === 'int' ? 'oint' : 'ouint')})`,
        () => `(unwrap-panic ${e(t === 'int' ? 'oint' : 'ouint')})`,
        () => `(match ${e(t === 'int' ? 'oint' : 'ouint')} ${this.bindOne(t, d, locals)} ${e(t)})`,
        () => `(fold ${this.pick(['+', '-', '*', 'bit-xor', 'bit-and'])} ${e(t === 'int' ? 'lint' : 'luint')} ${e(t)})`,
        () => `(get a (tuple (a ${e(t)}) (b ${e('bool')})))`,
        () => `(get b {a: ${e('bool')}, b: ${e(t)}})`,
        () => `(unwrap-panic (element-at ${e(t === 'int' ? 'lint' : 'luint')} ${e('uint')}))`,
      );
      if (v2)
        add(
          () => `(bit-shift-left ${e(t)} ${e('uint')})`,
          () => `(bit-shift-right ${e(t)} ${e('uint')})`,
          () => `(bit-not ${e(t)})`,
          () => `(${t === 'int' ? 'buff-to-int' : 'buff-to-uint'}-${this.pick(['le', 'be'])} ${this.hexLit(17)})`,
          () => `(unwrap-panic (element-at? ${e(t === 'int' ? 'lint' : 'luint')} ${e('uint')}))`,
        );
    };
    switch (ty) {
      case 'int':
        nums('int');
        add(
          () => `(to-int ${e('uint')})`,
          () => `(match ${e('rint')} ${this.bindOne('int', d, locals)} ${this.bindOne('uint', d, locals, () => e('int'))})`,
          () => `(unwrap! ${e('oint')} ${e('int')})`,
        );
        if (v2) add(() => `(default-to 0 (string-to-int? ${e('ascii')}))`, () => `(unwrap-panic (string-to-int? ${e('utf8')}))`);
        break;
      case 'uint':
        nums('uint');
        add(
          () => `(to-uint ${e('int')})`,
          () => `(len ${e(this.pick(['buff', 'ascii', 'utf8', 'lint', 'luint', 'lbool'] as const))})`,
          () => `(unwrap-err-panic ${e('rint')})`,
          () => `(default-to u0 (index-of ${e('lint')} ${e('int')}))`,
        );
        if (v2) add(() => `(default-to u7 (string-to-uint? ${e('ascii')}))`, () => `(unwrap-panic (index-of? ${e('luint')} ${e('uint')}))`);
        break;
      case 'bool': {
        const cmp = this.pick(['<', '>', '<=', '>=']);
        add(
          () => `(${cmp} ${e('int')} ${e('int')})`,
          () => `(${cmp} ${e('uint')} ${e('uint')})`,
          () => `(is-eq ${e('int')} ${e('int')})`,
          () => {
            const t = this.pick(TYPES);
            return `(is-eq ${e(t)} ${e(t)} ${e(t)})`;
          },
          () => `(not ${e('bool')})`,
          () => `(and ${e('bool')} ${e('bool')} ${e('bool')})`,
          () => `(or ${e('bool')} ${e('bool')})`,
          () => `(is-some ${e(this.pick(['oint', 'ouint'] as const))})`,
          () => `(is-none ${e('oint')})`,
          () => `(is-ok ${e('rint')})`,
          () => `(is-err ${e('rint')})`,
          () => `(asserts! ${e('bool')} ${e('bool')})`,
          () => `(unwrap-panic (element-at ${e('lbool')} ${e('uint')}))`,
          () => `(fold and ${e('lbool')} ${e('bool')})`,
        );
        if (v2)
          add(
            () => `(${cmp} ${e('buff')} ${e('buff')})`,
            () => `(${cmp} ${e('ascii')} ${e('ascii')})`,
            () => `(is-standard ${this.pick(["'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM", "'SP000000000000000000002Q6VF78", 'tx-sender', "'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.foo"])})`,
          );
        break;
      }
      case 'buff':
        add(
          () => `(${this.pick(['sha256', 'sha512', 'sha512/256', 'keccak256', 'hash160'])} ${e(this.pick(['buff', 'int', 'uint'] as const))})`,
          () => `(concat ${e('buff')} ${e('buff')})`,
          () => `(unwrap-panic (as-max-len? ${e('buff')} u${this.int(70)}))`,
          () => `(default-to 0x (as-max-len? (concat ${e('buff')} ${e('buff')}) u4))`,
        );
        if (v2)
          add(
            () => `(unwrap-panic (to-consensus-buff? ${e(this.pick(TYPES))}))`,
            () => `(unwrap-panic (slice? ${e('buff')} ${e('uint')} ${e('uint')}))`,
            () => `(default-to 0x00 (slice? ${e('buff')} u${this.int(4)} u${this.int(8)}))`,
            () => `(unwrap-panic (replace-at? ${e('buff')} ${e('uint')} 0x${this.pick(['00', 'ff', '2a'])}))`,
          );
        break;
      case 'ascii':
        add(
          () => `(concat ${e('ascii')} ${e('ascii')})`,
          () => `(unwrap-panic (as-max-len? ${e('ascii')} u${this.int(70)}))`,
        );
        if (v2)
          add(
            () => `(int-to-ascii ${e(this.pick(['int', 'uint'] as const))})`,
            () => `(unwrap-panic (slice? ${e('ascii')} ${e('uint')} ${e('uint')}))`,
            () => `(unwrap-panic (replace-at? ${e('ascii')} ${e('uint')} "${this.pick(['z', '0', ' '])}"))`,
          );
        if (this.version >= 4 || this.chance(0.02)) add(() => `(unwrap-panic (to-ascii? ${e(this.pick(['int', 'uint', 'bool', 'buff'] as const))}))`);
        break;
      case 'utf8':
        add(() => `(concat ${e('utf8')} ${e('utf8')})`);
        if (v2) add(() => `(int-to-utf8 ${e(this.pick(['int', 'uint'] as const))})`, () => `(unwrap-panic (slice? ${e('utf8')} ${e('uint')} ${e('uint')}))`);
        break;
      case 'oint':
      case 'ouint': {
        const t = ty === 'oint' ? 'int' : 'uint';
        const l = ty === 'oint' ? 'lint' : 'luint';
        add(
          () => `(some ${e(t)})`,
          () => `(element-at ${e(l)} ${e('uint')})`,
          () => `(if ${e('bool')} none (some ${e(t)}))`,
          () => `(match ${e(ty)} ${this.bindOne(t, d, locals, (body) => `(some ${body})`)} none)`,
        );
        if (ty === 'ouint') add(() => `(index-of ${e('luint')} ${e('uint')})`);
        if (v2) add(() => `(${ty === 'oint' ? 'string-to-int?' : 'string-to-uint?'} ${e(this.pick(['ascii', 'utf8'] as const))})`);
        break;
      }
      case 'rint':
        add(
          () => `(if ${e('bool')} (ok ${e('int')}) (err ${e('uint')}))`,
          () => `(match ${e('rint')} ${this.bindOne('int', d, locals, (b) => `(ok ${b})`)} ${this.bindOne('uint', d, locals, (b) => `(err ${b})`)})`,
          () => `(begin (try! ${e('rint')}) ${e('rint')})`,
        );
        break;
      case 'lint':
      case 'luint':
      case 'lbool': {
        const t: Ty = ty === 'lint' ? 'int' : ty === 'luint' ? 'uint' : 'bool';
        add(
          () => `(list ${Array.from({ length: 1 + this.int(4) }, () => e(t)).join(' ')})`,
          () => `(unwrap-panic (as-max-len? (concat ${e(ty)} ${e(ty)}) u10))`,
          () => `(unwrap-panic (as-max-len? (append ${e(ty)} ${e(t)}) u10))`,
        );
        if (t === 'bool') add(() => `(map not ${e(ty)})`, () => `(filter not ${e(ty)})`, () => `(map < ${e('lint')} ${e('lint')})`);
        else add(() => `(map ${this.pick(['+', '-', '*', '/', 'bit-xor'])} ${e(ty)} ${e(ty)})`);
        if (ty === 'luint') add(() => `(map to-uint ${e('lint')})`);
        if (ty === 'lint') add(() => `(map to-int ${e('luint')})`);
        if (v2) add(() => `(unwrap-panic (slice? ${e(ty)} ${e('uint')} ${e('uint')}))`, () => `(unwrap-panic (replace-at? ${e(ty)} ${e('uint')} ${e(t)}))`);
        break;
      }
    }
    return this.pick(forms)();
  }

  /** `name body` for a `match` arm: binds a fresh name of type `t` visible in the body. */
  bindOne(t: Ty, depth: number, locals: readonly Local[], wrap?: (body: string) => string): string {
    const name = this.fresh();
    if (wrap === undefined) return `${name} ${this.expr(t, depth, [...locals, [name, t]])}`;
    // The arm's result is built by `wrap` around an expression that may use the binding.
    return `${name} ${wrap(this.expr(t === 'uint' ? 'uint' : 'int', depth, [...locals, [name, t]]))}`;
  }

  letForm(ty: Ty, depth: number, locals: readonly Local[]): string {
    const n = 1 + this.int(2);
    const bound: Local[] = [];
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const t = this.pick(TYPES);
      const name = this.fresh();
      // Clarity 2+ lets later bindings see earlier ones; Clarity 1 does not.
      parts.push(`(${name} ${this.expr(t, depth, this.version >= 2 ? [...locals, ...bound] : locals)})`);
      bound.push([name, t]);
    }
    return `(let (${parts.join(' ')}) ${this.expr(ty, depth, [...locals, ...bound])})`;
  }

  /** One case body: mostly a single expression, sometimes a small program with definitions. */
  program(): { expr: string; fresh: boolean } {
    const ty = this.pick(TYPES);
    const roll = this.r();
    if (roll < 0.8) return { expr: this.expr(ty, 0, []), fresh: false };
    if (roll < 0.9) {
      const t = this.pick(TYPES);
      return {
        expr: `(define-constant c0 ${this.expr(t, 1, [])})\n(define-data-var d0 ${TYPE_SIG[t]} ${this.expr(t, 1, [])})\n(var-set d0 ${this.expr(t, 1, [['c0', t]])})\n(var-get d0)`,
        fresh: true,
      };
    }
    const a = this.pick(TYPES);
    const body = this.expr('rint', 1, [['p0', a]]);
    return {
      expr:
        `(define-private (f0 (p0 ${TYPE_SIG[a]})) (begin (asserts! ${this.expr('bool', 2, [['p0', a]])} (err u99)) ${body}))\n` +
        `(define-read-only (g0) (f0 ${this.expr(a, 2, [])}))\n(g0)`,
      fresh: true,
    };
  }
}

/** `count` fuzz cases for `seed`: the same seed and options always give the same cases. */
export function generateCases(opts: GenerateOptions): BatchCase[] {
  const epoch = opts.epoch ?? '3.3';
  const version = opts.clarityVersion ?? EPOCH_VERSION[epoch] ?? 4;
  const g = new Gen(opts.seed, version, opts.maxDepth ?? 4);
  const cases: BatchCase[] = [];
  for (let i = 0; i < opts.count; i++) {
    const { expr, fresh } = g.program();
    cases.push({ id: `fuzz/${opts.seed}/${i}`, expr, epoch, clarity_version: version, ...(fresh ? { fresh: true } : {}) });
  }
  return cases;
}
