import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(here, '../../../src/cli.ts');

function cli(args: readonly string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--conditions=@stacks-ts/source', '--import', 'tsx', CLI, ...args], {
    input,
    encoding: 'utf8',
    cwd: path.join(here, '../../..'),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('clarity-ts', () => {
  it('batch: one JSON line per case on stdout, exit 0', () => {
    const input = [
      JSON.stringify({ id: 'a', expr: '(+ 1 2)', epoch: '3.3', clarity_version: 3 }),
      JSON.stringify({ id: 'b', expr: '(/ 1 0)', epoch: '3.3', clarity_version: 3 }),
      '',
    ].join('\n');
    const r = cli(['batch'], input);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    // costs: successes carry the oracle's `cost` object unless --no-cost
    const cost = { read_count: 0, read_length: 0, runtime: 163, write_count: 0, write_length: 0 };
    expect(lines).toEqual([
      { id: 'a', ok: true, result_hex: '0x0000000000000000000000000000000003', cost },
      expect.objectContaining({ id: 'b', ok: false, error_kind: 'runtime' }),
    ]);
    const free = cli(['batch', '--no-cost'], input);
    expect(JSON.parse(free.stdout.trim().split('\n')[0]!)).toEqual({ id: 'a', ok: true, result_hex: '0x0000000000000000000000000000000003' });
  }, 30_000);

  it('eval prints the value in Clarity syntax', () => {
    const r = cli(['eval', '(list u1 u2)', '--epoch', '2.1', '--clarity-version', '2']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('(list u1 u2)');
  }, 30_000);
});
