// compareOutputs / expectedAnswer: what counts as agreeing with a golden answer.
import { describe, expect, it } from 'vitest';
import type { CorpusCase } from './cases.ts';
import { compareOutputs, expectedAnswer, goldenFromOracle, normalizeEvent } from './compare.ts';
import type { BatchOutput, GoldenOutput } from './compare.ts';
import { FAMILIES } from './cases.ts';
import { loadCases, loadGolden } from './load.ts';

const okGolden: GoldenOutput = {
  id: 'x/ok',
  ok: true,
  result_hex: '0x0703',
  result_repr: '(ok true)',
  events: [
    {
      event: 'print_event',
      data: { contract_identifier: 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.expr-7', raw_value: '0x0100000000000000000000000000000001', topic: 'print', value_repr: 'u1' },
    },
  ],
  cost: { runtime: 1, read_count: 0, read_length: 0, write_count: 0, write_length: 0 },
};
const errGolden: GoldenOutput = { id: 'x/err', ok: false, error_kind: 'runtime', error: 'Runtime Error: ... DivisionByZero' };

describe('compareOutputs', () => {
  it('accepts the same value, ignoring hex case, costs, error text and the value_repr rendering', () => {
    const actual: BatchOutput = {
      id: 'x/ok',
      ok: true,
      result_hex: '0x0703',
      events: [{ event: 'print_event', data: { contract_identifier: 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.expr-0', raw_value: '0x0100000000000000000000000000000001', topic: 'print' } }],
    };
    expect(compareOutputs(okGolden, actual)).toEqual({ match: true, differences: [] });
    expect(compareOutputs(errGolden, { id: 'x/err', ok: false, error_kind: 'runtime', error: 'division by zero' }).match).toBe(true);
  });

  it('rejects a different outcome, value, error kind or event list', () => {
    expect(compareOutputs(okGolden, { id: 'x/ok', ok: false, error_kind: 'runtime' }).match).toBe(false);
    expect(compareOutputs(okGolden, { id: 'x/ok', ok: true, result_hex: '0x0704', events: okGolden.events! }).match).toBe(false);
    expect(compareOutputs(okGolden, { id: 'x/ok', ok: true, result_hex: '0x0703' }).differences).toEqual(['events: expected 1, got 0']);
    expect(compareOutputs(errGolden, { id: 'x/err', ok: false, error_kind: 'static' }).match).toBe(false);
    const otherEvent: BatchOutput = {
      id: 'x/ok',
      ok: true,
      result_hex: '0x0703',
      events: [{ event: 'print_event', data: { contract_identifier: 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.other', raw_value: '0x0100000000000000000000000000000001', topic: 'print' } }],
    };
    expect(compareOutputs(okGolden, otherEvent).match).toBe(false);
  });

  it('normalizes only the snippet contract name in events', () => {
    const e = normalizeEvent({ event: 'ft_mint_event', data: { asset_identifier: 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.expr-12::t', amount: '5' } });
    expect(e.data['asset_identifier']).toBe('ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.expr-N::t');
  });

  it('keeps the comparable fields of an oracle line', () => {
    const raw = { id: 'a', ok: true, result_hex: '0x03', result_repr: 'true', cost: null, events: [], deploy_costs: { c: {} } };
    expect(goldenFromOracle(raw)).toEqual({ id: 'a', ok: true, result_hex: '0x03', result_repr: 'true', events: [], cost: null });
  });
});

describe('expectedAnswer', () => {
  it("uses the reference node's answer where the oracle is known to diverge", () => {
    const c: CorpusCase = {
      id: 'x/high-s',
      epoch: '3.3',
      clarity_version: 4,
      expr: '(secp256k1-verify ...)',
      expect: 'ok',
      divergence: { reason: 'high-S', node: { ok: true, result_hex: '0x04' } },
    };
    const golden: GoldenOutput = { id: 'x/high-s', ok: true, result_hex: '0x03', result_repr: 'true', events: [] };
    expect(compareOutputs(expectedAnswer(c, golden), { id: 'x/high-s', ok: true, result_hex: '0x04' }).match).toBe(true);
    expect(compareOutputs(expectedAnswer(c, golden), { id: 'x/high-s', ok: true, result_hex: '0x03' }).match).toBe(false);
  });

  it('every recorded answer agrees with itself through compareOutputs (the runner is consistent with the files)', () => {
    let compared = 0;
    for (const family of FAMILIES) {
      const cases = loadCases(family);
      const golden = loadGolden(family);
      for (const [i, g] of golden.entries()) {
        if (cases[i]?.divergence) continue;
        const replay: BatchOutput = g.ok
          ? { id: g.id, ok: true, result_hex: g.result_hex, events: g.events ?? [] }
          : { id: g.id, ok: false, error_kind: g.error_kind };
        expect(compareOutputs(expectedAnswer(cases[i]!, g), replay).match).toBe(true);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(3000);
  });
});
