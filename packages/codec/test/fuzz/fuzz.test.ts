// Random and mutated bytes into every decoder: only CodecError, never another exception or a
// hang. CI runs FUZZ_COUNT inputs (default 60,000) with a fixed seed plus a fresh one that is
// printed so a failure can be replayed with `pnpm fuzz --seed S --count N`.
import { describe, expect, it } from 'vitest';
import { CodecError } from '../../src/errors.ts';
import { runFuzz, seedCorpus } from './fuzz.ts';
import { FUZZ_TARGETS, HUGE_LENGTH_CASES } from './targets.ts';

const COUNT = Number(process.env.FUZZ_COUNT ?? 60_000);

describe('codec fuzzing', () => {
  it('every target has seeds from the vectors or its own generator', () => {
    const corpus = seedCorpus(FUZZ_TARGETS);
    for (const t of FUZZ_TARGETS) expect(corpus.get(t.name)!.length, t.name).toBeGreaterThan(0);
  });

  for (const seed of [1, Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)]) {
    it(`raises only CodecError (seed ${seed}, ${COUNT} inputs)`, () => {
      const reports = runFuzz({ count: COUNT, seed });
      for (const r of reports) {
        expect(r.failures, `${r.name} (replay: pnpm fuzz --seed ${seed} --count ${COUNT})`).toEqual([]);
        expect(r.inputs).toBeGreaterThan(0);
      }
      // The mutations reach past the first bytes: several error kinds occur, and some inputs decode.
      const codes = new Set(reports.flatMap((r) => Object.keys(r.codecErrors)));
      expect(codes.size).toBeGreaterThan(4);
      expect(reports.reduce((n, r) => n + r.decoded, 0)).toBeGreaterThan(0);
    });
  }

  it('refuses a huge length prefix before allocating anything', () => {
    for (const c of HUGE_LENGTH_CASES) {
      const before = process.memoryUsage().arrayBuffers;
      let caught: unknown;
      try {
        c.decode(c.input);
      } catch (err) {
        caught = err;
      }
      expect(caught, c.name).toBeInstanceOf(CodecError);
      // Refused from the prefix itself: too large, not enough bytes, or inconsistent with another field.
      expect(['CODEC_TOO_LARGE', 'CODEC_UNEXPECTED_EOF', 'CODEC_INVALID_VALUE'], c.name).toContain((caught as CodecError).code);
      // Nothing close to the claimed length was allocated.
      expect(process.memoryUsage().arrayBuffers - before, c.name).toBeLessThan(16 * 1024 * 1024);
    }
  });
});
