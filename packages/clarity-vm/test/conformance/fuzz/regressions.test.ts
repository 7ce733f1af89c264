// Disagreements the live fuzzer found (now fixed), as minimal cases with the oracle's answers
// (recorded from ../shared/tools/clarity-oracle on 2026-11-26).
import { describe, expect, it } from 'vitest';
import { loadAnalysis, runBatchSync } from '../../../src/batch.ts';
import type { BatchCase } from '../../../src/batch.ts';
import { compareOutputs } from '../compare.ts';
import type { BatchOutput, GoldenOutput } from '../compare.ts';

const ok = (id: string, result_hex: string): GoldenOutput => ({ id, ok: true, result_hex, result_repr: null, events: [] });
const fail = (id: string, error_kind: 'static' | 'runtime'): GoldenOutput => ({ id, ok: false, error_kind, error: '' });

const CASES: readonly [BatchCase, GoldenOutput][] = [
  // `apply_evaluated`: special forms used as the function of fold/map get their values as expressions.
  [{ id: 'fold-and', expr: '(fold and (list true true false) true)' }, ok('fold-and', '0x04')],
  [{ id: 'map-or', expr: '(map or (list true false) (list false false))' }, ok('map-or', '0x0b000000020304')],
  [{ id: 'map-ge', expr: '(map >= (list 1 2 3) (list 2 2 2))', epoch: '2.1', clarity_version: 2 }, ok('map-ge', '0x0b00000003040303')],
  // A comparison as the function of map is type-checked like a direct call.
  [{ id: 'map-lt-typecheck', expr: '(map < (list true) (list 1))' }, fail('map-lt-typecheck', 'static')],
  // unwrap!/unwrap-err! are natives: the thrown value is evaluated even when the input unwraps.
  [{ id: 'unwrap-eager', expr: '(unwrap! (some 1) (unwrap-panic (element-at? (list 1) u5)))' }, fail('unwrap-eager', 'runtime')],
  [{ id: 'unwrap-err-eager', expr: '(unwrap-err! (if true (err u1) (ok u2)) (/ u1 u0))' }, fail('unwrap-err-eager', 'runtime')],
];

describe('live fuzzer regressions', () => {
  it('agree with the oracle', async () => {
    const opts = await loadAnalysis();
    const results = runBatchSync(
      CASES.map(([c]) => ({ epoch: '3.3', clarity_version: 4, ...c })),
      opts,
    );
    const diffs = CASES.flatMap(([c, want], i) => {
      const cmp = compareOutputs(want, results[i] as BatchOutput);
      return cmp.match ? [] : [`${c.id}: ${cmp.differences.join('; ')}`];
    });
    expect(diffs).toEqual([]);
  });
});
