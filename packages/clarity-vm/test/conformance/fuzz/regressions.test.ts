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
  // `map` before epoch 4.0 (special_map_v200): arguments grouped up to the running shortest length
  // inclusive, applied while groups keep the first group's size (seed 606, epoch 3.3).
  [{ id: 'map-empty-first', expr: '(map - (unwrap-panic (slice? (list 256 2 739 256) u0 u0)) (list 1 2))' }, ok('map-empty-first', '0x0b0000000100ffffffffffffffffffffffffffffffff')],
  [
    { id: 'map-empty-last', expr: '(map - (list 1 2) (unwrap-panic (slice? (list 256 2 739 256) u0 u0)))' },
    ok('map-empty-last', '0x0b0000000200ffffffffffffffffffffffffffffffff00fffffffffffffffffffffffffffffffe'),
  ],
  [{ id: 'map-empty-middle', expr: '(map + (list 1 2) (unwrap-panic (slice? (list 256 2 739 256) u0 u0)) (list 3 4))' }, ok('map-empty-middle', '0x0b000000010000000000000000000000000000000004')],
  [{ id: 'map-short-last', expr: '(map + (list 1) (list 1 2 3) (list 5))' }, ok('map-short-last', '0x0b000000010000000000000000000000000000000007')],
  [
    { id: 'map-fuzz-606-1701', expr: '(index-of (map to-uint (map - (unwrap-panic (slice? (list 256 2 739 256) u0 u0)) (map to-int (list u526 u127 u1 u783)))) (log2 u817))' },
    fail('map-fuzz-606-1701', 'runtime'),
  ],
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
