// Golden answers and how an implementation's answer is compared with them.
import type { CorpusCase } from './cases.ts';

/** One event as the oracle reports it (`stx_transfer_event`, `print_event`, `ft_mint_event`, ...). */
export interface GoldenEvent {
  readonly event: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Execution cost of the case's expression under the reference's cost model (informative, not compared). */
export interface GoldenCost {
  readonly runtime: number;
  readonly read_count: number;
  readonly read_length: number;
  readonly write_count: number;
  readonly write_length: number;
}

/** A recorded success. */
export interface GoldenOk {
  readonly id: string;
  readonly ok: true;
  readonly result_hex: string;
  /** stacks.js rendering of result_hex, for people reading the file; not compared. */
  readonly result_repr?: string | null;
  readonly events?: readonly GoldenEvent[];
  readonly cost?: GoldenCost | null;
}

/** A recorded failure. `error` is the reference's message (not compared: map it to kinds instead). */
export interface GoldenError {
  readonly id: string;
  readonly ok: false;
  readonly error_kind: 'static' | 'runtime' | 'oracle';
  readonly error: string;
  /** Where it failed: deploying the case's contracts or evaluating `expr`. */
  readonly stage?: string;
}

/** One line of golden/<family>.jsonl. */
export type GoldenOutput = GoldenOk | GoldenError;

/** An implementation's answer: the `clarity-ts batch` output line for a case. */
export type BatchOutput =
  | { readonly id: string; readonly ok: true; readonly result_hex: string; readonly events?: readonly GoldenEvent[] }
  | { readonly id: string; readonly ok: false; readonly error_kind: string; readonly error?: string };

/** Keeps the comparable and readable fields of an oracle output line (drops `deploy_costs`). */
export function goldenFromOracle(raw: Readonly<Record<string, unknown>>): GoldenOutput {
  const id = String(raw['id']);
  if (raw['ok'] === true) {
    const g: { -readonly [K in keyof GoldenOk]: GoldenOk[K] } = {
      id,
      ok: true,
      result_hex: String(raw['result_hex']),
      result_repr: (raw['result_repr'] as string | null | undefined) ?? null,
      events: (raw['events'] as GoldenEvent[] | undefined) ?? [],
    };
    if (raw['cost'] !== undefined) g.cost = raw['cost'] as GoldenCost | null;
    return g;
  }
  const g: { -readonly [K in keyof GoldenError]: GoldenError[K] } = {
    id,
    ok: false,
    error_kind: raw['error_kind'] as GoldenError['error_kind'],
    error: String(raw['error']),
  };
  if (raw['stage'] !== undefined) g.stage = String(raw['stage']);
  return g;
}

/** Result of comparing one case: `match` and, when it fails, what differs. */
export interface Comparison {
  readonly match: boolean;
  readonly differences: readonly string[];
}

const hexNorm = (h: string): string => h.toLowerCase().replace(/^0x/, '');

/**
 * An event reduced to what another implementation can reproduce: the oracle's stacks.js
 * renderings (`value_repr`) are dropped, and a snippet contract's `expr-N` name (the oracle's own
 * numbering) is written `expr-N`.
 */
export function normalizeEvent(e: GoldenEvent): GoldenEvent {
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(e.data).sort()) {
    if (key === 'value_repr') continue;
    const v = e.data[key];
    data[key] = typeof v === 'string' ? v.replace(/\.expr-\d+\b/g, '.expr-N') : v;
    if (key === 'raw_value' && typeof v === 'string') data[key] = hexNorm(v);
  }
  return { event: e.event, data };
}

/** Deterministic JSON with sorted object keys, so nested event data compares structurally. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/**
 * Compares an implementation's answer with the golden one: they must agree on `ok`, then on
 * `result_hex` (successes) or `error_kind` (failures); events are compared when the golden answer
 * has them (a missing `events` in the actual answer means none). Error texts and costs are not compared.
 */
export function compareOutputs(expected: GoldenOutput, actual: BatchOutput): Comparison {
  const differences: string[] = [];
  if (expected.id !== actual.id) differences.push(`id: expected ${expected.id}, got ${actual.id}`);
  if (expected.ok !== actual.ok) {
    const want = expected.ok ? `ok ${expected.result_repr ?? expected.result_hex}` : `${expected.error_kind} error: ${expected.error}`;
    const got = actual.ok ? `ok ${actual.result_hex}` : `${actual.error_kind} error: ${actual.error ?? ''}`;
    differences.push(`outcome: expected ${want}; got ${got}`);
    return { match: false, differences };
  }
  if (expected.ok && actual.ok) {
    if (hexNorm(expected.result_hex) !== hexNorm(actual.result_hex))
      differences.push(`result_hex: expected ${expected.result_hex} (${expected.result_repr ?? '?'}), got ${actual.result_hex}`);
    if (expected.events !== undefined) {
      const want = expected.events.map((e) => canonicalJson(normalizeEvent(e)));
      const got = (actual.events ?? []).map((e) => canonicalJson(normalizeEvent(e)));
      if (want.length !== got.length) differences.push(`events: expected ${want.length}, got ${got.length}`);
      for (let i = 0; i < Math.min(want.length, got.length); i++)
        if (want[i] !== got[i]) differences.push(`event ${i}: expected ${want[i]}, got ${got[i]}`);
    }
  } else if (!expected.ok && !actual.ok && expected.error_kind !== actual.error_kind) {
    differences.push(`error_kind: expected ${expected.error_kind} (${expected.error}), got ${actual.error_kind} (${actual.error ?? ''})`);
  }
  return { match: differences.length === 0, differences };
}

/**
 * The answer an implementation must give for a case: the golden (oracle) answer, or, for a case
 * with a recorded `divergence`, the reference node's answer (events are then not compared).
 */
export function expectedAnswer(c: CorpusCase, golden: GoldenOutput): GoldenOutput {
  const d = c.divergence;
  if (d === undefined) return golden;
  return d.node.ok
    ? { id: c.id, ok: true, result_hex: d.node.result_hex, result_repr: null }
    : { id: c.id, ok: false, error_kind: d.node.error_kind, error: `reference node answer (${d.reason})` };
}

/** Why a recorded answer disagrees with the author's intent, or null if it agrees. */
export function expectationMismatch(c: CorpusCase, g: GoldenOutput): string | null {
  const got = g.ok ? 'ok' : g.error_kind;
  if (c.divergence !== undefined) {
    const n = c.divergence.node;
    const same = n.ok ? g.ok && g.result_hex.toLowerCase() === n.result_hex.toLowerCase() : !g.ok && g.error_kind === n.error_kind;
    if (same) return `divergence no longer present (oracle now gives the node's answer): ${c.divergence.reason}`;
  }
  if (got !== c.expect) return `expected ${c.expect}, got ${got}: ${g.ok ? g.result_repr : g.error}`;
  if (g.ok && c.expect_repr !== undefined && g.result_repr !== c.expect_repr)
    return `expected ${c.expect_repr}, got ${g.result_repr}`;
  return null;
}
