// `pnpm vectors` and `pnpm vectors --json`, run as a newcomer runs them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@stacks-ts/source', 'test-vectors/runner/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
const vectorFiles = readdirSync(join(root, 'test-vectors')).filter((f) => f.endsWith('.json')).sort();

describe('the conformance CLI', () => {
  it('--json prints only {"files":[{file,passed,failed,skipped}]} on stdout, one row per vector file', () => {
    const res = run('--json');
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout) as { files: { file: string; passed: number; failed: number; skipped: number }[] };
    expect(out.files.map((f) => f.file)).toEqual(vectorFiles);
    for (const f of out.files) {
      expect(Object.keys(f).sort()).toEqual(['failed', 'file', 'passed', 'skipped']);
      expect(f.failed).toBe(0);
      expect(f.passed + f.skipped).toBeGreaterThan(0);
    }
    const codec = out.files.filter((f) => ['tx.json', 'c32.json', 'clarity-values.json', 'vrf.json'].includes(f.file));
    for (const f of codec) expect(f.passed).toBeGreaterThan(f.skipped);
  });

  it('prints a table with a row per vector file and a total', () => {
    const res = run();
    expect(res.status).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toMatch(/^file\s+layer\s+passed\s+failed\s+skipped$/);
    for (const f of vectorFiles) expect(lines.some((l) => l.startsWith(`${f} `))).toBe(true);
    expect(lines.some((l) => l.startsWith('total'))).toBe(true);
  });
});
