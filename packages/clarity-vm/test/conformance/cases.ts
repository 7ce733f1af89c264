// The conformance corpus model: one case is one line of the oracle's JSON-lines input, plus the
// author's intent (`expect`, `expect_repr`) that record.ts checks against the recorded answer.

/** Epochs the corpus uses (the ones `clarity-ts batch` must accept). */
export const EPOCHS = ['2.05', '2.1', '2.4', '3.0', '3.3'] as const;
/** A corpus epoch. */
export type Epoch = (typeof EPOCHS)[number];
/** A Clarity version number (1 to 4). */
export type ClarityVersionNumber = 1 | 2 | 3 | 4;
/** Outcome the case's author intends: a value, a static (analysis/parse) error or a runtime error. */
export type Expectation = 'ok' | 'static' | 'runtime';

/** One contract of a multi-contract case, deployed in order by the deployer. */
export interface ContractSource {
  readonly name: string;
  readonly source: string;
  readonly clarity_version?: ClarityVersionNumber;
}

/**
 * Where the oracle (the WASM build of the interpreter) is known to answer differently from the
 * reference node (the native build): the node's answer, which an implementation must give instead.
 */
export interface OracleDivergence {
  readonly reason: string;
  readonly node: { readonly ok: true; readonly result_hex: string } | { readonly ok: false; readonly error_kind: 'static' | 'runtime' };
}

/** One corpus case: the oracle's input fields plus `expect` (and optionally `expect_repr`). */
export interface CorpusCase {
  readonly id: string;
  readonly expr?: string;
  readonly contract?: string | readonly ContractSource[];
  readonly epoch: Epoch;
  readonly clarity_version: ClarityVersionNumber;
  readonly sender?: string;
  readonly fresh?: boolean;
  /** Intended outcome; record.ts reports cases where the oracle disagrees (a typo or a wrong belief). */
  readonly expect: Expectation;
  /** Intended value in stacks.js `cvToString` form (the golden `result_repr`), when the author is sure. */
  readonly expect_repr?: string;
  /** Set when the oracle's answer is known to differ from the node's (see OracleDivergence). */
  readonly divergence?: OracleDivergence;
}

/** The corpus families, one JSON-lines file each, in the order they are built and recorded. */
export const FAMILIES = [
  'arithmetic',
  'comparison',
  'bitwise',
  'sequences',
  'strings-buffers',
  'conversions',
  'hashing',
  'secp256k1',
  'principals',
  'consensus-buff',
  'optionals-responses',
  'control-flow',
  'defines',
  'tokens',
  'stx',
  'contract-call',
  'traits',
  'block-info',
  'type-checker',
  'parse-errors',
  'version-gates',
  'print-events',
  'clarity4',
] as const;
/** A corpus family name. */
export type Family = (typeof FAMILIES)[number];

/** An (epoch, Clarity version) pair the oracle accepts. */
export interface VersionCombo {
  readonly epoch: Epoch;
  readonly clarity_version: ClarityVersionNumber;
}

/** Every (epoch, version) pair a deploy may use: a version is usable from the epoch that introduced it. */
export const ALL_COMBOS: readonly VersionCombo[] = [
  { epoch: '2.05', clarity_version: 1 },
  { epoch: '2.1', clarity_version: 1 },
  { epoch: '2.1', clarity_version: 2 },
  { epoch: '2.4', clarity_version: 1 },
  { epoch: '2.4', clarity_version: 2 },
  { epoch: '3.0', clarity_version: 1 },
  { epoch: '3.0', clarity_version: 2 },
  { epoch: '3.0', clarity_version: 3 },
  { epoch: '3.3', clarity_version: 1 },
  { epoch: '3.3', clarity_version: 2 },
  { epoch: '3.3', clarity_version: 3 },
  { epoch: '3.3', clarity_version: 4 },
];

/** The newest version each epoch allows (its default). */
export const LATEST_COMBOS: readonly VersionCombo[] = [
  { epoch: '2.05', clarity_version: 1 },
  { epoch: '2.1', clarity_version: 2 },
  { epoch: '2.4', clarity_version: 2 },
  { epoch: '3.0', clarity_version: 3 },
  { epoch: '3.3', clarity_version: 4 },
];

/** Shorthand for the newest combination (epoch 3.3, Clarity 4), the corpus default. */
export const C4: VersionCombo = { epoch: '3.3', clarity_version: 4 };
/** Epoch 3.3 with Clarity 3. */
export const C3: VersionCombo = { epoch: '3.3', clarity_version: 3 };
/** Epoch 2.4 with Clarity 2. */
export const C2: VersionCombo = { epoch: '2.4', clarity_version: 2 };
/** Epoch 2.05 with Clarity 1. */
export const C1: VersionCombo = { epoch: '2.05', clarity_version: 1 };

/** A short label for a combination, used in case ids: `2.05-c1`. */
export function comboLabel(c: VersionCombo): string {
  return `${c.epoch}-c${c.clarity_version}`;
}

/** Options for one case besides its expression. */
export interface CaseOptions {
  readonly combo?: VersionCombo;
  readonly contract?: string | readonly ContractSource[];
  readonly sender?: string;
  readonly fresh?: boolean;
  readonly repr?: string;
  readonly divergence?: OracleDivergence;
}

/** Collects a family's cases, prefixing ids with the family name and refusing duplicates. */
export class CaseBuilder {
  readonly cases: CorpusCase[] = [];
  readonly #ids = new Set<string>();

  constructor(readonly family: Family) {}

  /** Adds a case evaluating `expr`. */
  add(name: string, expr: string | undefined, expect: Expectation, opts: CaseOptions = {}): void {
    const id = `${this.family}/${name}`;
    if (this.#ids.has(id)) throw new Error(`duplicate case id ${id}`);
    this.#ids.add(id);
    const combo = opts.combo ?? C4;
    const c: {
      -readonly [K in keyof CorpusCase]: CorpusCase[K];
    } = { id, epoch: combo.epoch, clarity_version: combo.clarity_version, expect };
    if (expr !== undefined) c.expr = expr;
    if (opts.contract !== undefined) c.contract = opts.contract;
    if (opts.sender !== undefined) c.sender = opts.sender;
    if (opts.fresh) c.fresh = true;
    if (opts.repr !== undefined) c.expect_repr = opts.repr;
    if (opts.divergence !== undefined) c.divergence = opts.divergence;
    this.cases.push(c);
  }

  /** Adds a succeeding case whose value is known in stacks.js repr form. */
  ok(name: string, expr: string, repr?: string, opts: CaseOptions = {}): void {
    this.add(name, expr, 'ok', repr === undefined ? opts : { ...opts, repr });
  }

  /** Adds a case that must fail before evaluation (parse, type, definition errors). */
  static(name: string, expr: string, opts: CaseOptions = {}): void {
    this.add(name, expr, 'static', opts);
  }

  /** Adds a case that must fail while evaluating. */
  runtime(name: string, expr: string, opts: CaseOptions = {}): void {
    this.add(name, expr, 'runtime', opts);
  }

  /** Adds the same expression at several (epoch, version) combinations, one case each. */
  across(
    name: string,
    expr: string,
    combos: readonly VersionCombo[],
    expectAt: (c: VersionCombo) => Expectation,
    opts: Omit<CaseOptions, 'combo'> & { readonly reprAt?: (c: VersionCombo) => string | undefined } = {},
  ): void {
    for (const combo of combos) {
      const expect = expectAt(combo);
      const repr = expect === 'ok' ? opts.reprAt?.(combo) ?? opts.repr : undefined;
      const { reprAt: _unused, repr: _r, ...rest } = opts;
      this.add(`${name}@${comboLabel(combo)}`, expr, expect, repr === undefined ? { ...rest, combo } : { ...rest, combo, repr });
    }
  }
}

// ---- literal helpers -------------------------------------------------------------------------

/** 2^127 - 1, the largest int. */
export const INT_MAX = (1n << 127n) - 1n;
/** -2^127, the smallest int. */
export const INT_MIN = -(1n << 127n);
/** 2^128 - 1, the largest uint. */
export const UINT_MAX = (1n << 128n) - 1n;

/** Clarity source for an int literal. */
export function int(v: bigint): string {
  return v.toString();
}

/** Clarity source for a uint literal. */
export function uint(v: bigint): string {
  return `u${v.toString()}`;
}

/** Clarity source for a buffer literal from hex (no 0x). */
export function buff(hex: string): string {
  return `0x${hex}`;
}

/** Clarity source for an ascii string literal, escaping `"` and `\`. */
export function ascii(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Test accounts of the oracle's genesis. */
export const DEPLOYER = 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM';
/** wallet_1 of the oracle's genesis. */
export const WALLET_1 = 'ST1SJ3DTE5DN7X54YDH5D64R3BCB6A2AG2ZQ8YPD5';
/** wallet_2 of the oracle's genesis. */
export const WALLET_2 = 'ST2CY5V39NHDPWSXMW9QDT3HC3GD6Q6XX4CFRK9AG';

/** stacks.js repr of a value known to be an int/uint (for expectations). */
export function intRepr(v: bigint, unsigned: boolean): string {
  return unsigned ? `u${v}` : `${v}`;
}
