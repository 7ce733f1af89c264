// Every conformance vector as its own vitest case; skipped entries carry their reason.
import { describe, expect, it } from 'vitest';
import { discoverRunners, PENDING_LAYERS } from './registry.ts';
import { entryName, listVectorFiles, loadVectorFile, runEntry } from './harness.ts';

const runners = await discoverRunners();
const files = listVectorFiles();

describe('vector registry', () => {
  it('gives every vector file a runner or a pending-layer reason', () => {
    const orphans = files.filter((f) => !runners.has(f) && PENDING_LAYERS[f] === undefined);
    expect(orphans).toEqual([]);
  });
  it('has no runner for a file that does not exist', () => {
    expect([...runners.keys()].filter((f) => !files.includes(f))).toEqual([]);
  });
  it('has no pending reason for a file that already has a runner', () => {
    expect(Object.keys(PENDING_LAYERS).filter((f) => runners.has(f))).toEqual([]);
  });
});

for (const file of files) {
  const runner = runners.get(file);
  const { vectors } = loadVectorFile(file);
  describe(file, () => {
    vectors.forEach((entry, i) => {
      it(entryName(entry, i), (ctx) => {
        if (!runner) {
          ctx.skip(PENDING_LAYERS[file] ?? `no runner for ${file}`);
          return;
        }
        const outcome = runEntry(runner, entry, i);
        if (outcome.status === 'skipped') ctx.skip(outcome.reason);
        else if (outcome.status === 'failed') throw new Error(outcome.error);
      });
    });
  });
}
