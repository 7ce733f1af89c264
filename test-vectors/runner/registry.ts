/**
 * Which runner owns each vector file. Runners are discovered from
 * `packages/<pkg>/test/vectors/*.vectors.ts`; files whose layer does not exist yet are listed in
 * `PENDING_LAYERS` with the reason, and every entry of such a file is reported as skipped with it.
 * A file that has neither a runner nor a pending reason is an error.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VECTORS_DIR, type VectorFileRunner, listVectorFiles, loadVectorFile, entryName, runVectorFile, type VectorResult } from './harness.ts';

/** Vector files whose layer is not built yet, and why their entries are skipped. */
export const PENDING_LAYERS: Readonly<Record<string, string>> = {
  'pox.json': 'layer @stacks-ts/pox not implemented yet',
  'pox4-abi.json': 'layer @stacks-ts/pox (pox-4 contract interface) not implemented yet',
  'signer-messages.json': 'layer @stacks-ts/signer not implemented yet',
};

const ROOT = join(VECTORS_DIR, '..');

/** Loads every `*.vectors.ts` runner in the workspace, keyed by vector file name. */
export async function discoverRunners(): Promise<Map<string, VectorFileRunner>> {
  const runners = new Map<string, VectorFileRunner>();
  for (const group of ['packages', 'apps']) {
    const base = join(ROOT, group);
    if (!existsSync(base)) continue;
    for (const pkg of readdirSync(base)) {
      const dir = join(base, pkg, 'test', 'vectors');
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.vectors.ts')).sort()) {
        const mod = (await import(pathToFileURL(join(dir, f)).href)) as { runner?: VectorFileRunner };
        if (!mod.runner) throw new Error(`${group}/${pkg}/test/vectors/${f} does not export 'runner'`);
        if (runners.has(mod.runner.file)) throw new Error(`two runners claim ${mod.runner.file}`);
        runners.set(mod.runner.file, mod.runner);
      }
    }
  }
  return runners;
}

export interface FileReport {
  readonly file: string;
  readonly layer: string;
  readonly results: readonly VectorResult[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

function summarize(file: string, layer: string, results: VectorResult[]): FileReport {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const r of results) {
    if (r.outcome.status === 'passed') passed++;
    else if (r.outcome.status === 'failed') failed++;
    else skipped++;
  }
  return { file, layer, results, passed, failed, skipped };
}

/** Runs every vector file: its runner, or all-skipped with the pending reason. */
export async function runAllVectorFiles(): Promise<FileReport[]> {
  const runners = await discoverRunners();
  const files = listVectorFiles();
  for (const f of runners.keys()) {
    if (!files.includes(f)) throw new Error(`a runner claims ${f}, which is not in test-vectors/`);
  }
  return files.map((file) => {
    const runner = runners.get(file);
    if (runner) return summarize(file, runner.layer, runVectorFile(runner));
    const reason = PENDING_LAYERS[file];
    if (reason === undefined) {
      return summarize(file, '?', [{ name: file, outcome: { status: 'failed', error: `no runner for ${file}` } }]);
    }
    const { vectors } = loadVectorFile(file);
    return summarize(
      file,
      'pending',
      vectors.map((e, i) => ({ name: entryName(e, i), outcome: { status: 'skipped', reason } })),
    );
  });
}
