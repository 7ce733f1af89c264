// Every package README's example is a real file (examples/readme.ts) that CI runs against the
// built package (the `import` export condition, not the TypeScript sources): the README's first
// ```ts block must equal the file, and each `// => text` comment is the exact line it must print.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packages = readdirSync(join(root, 'packages')).filter((p) => existsSync(join(root, 'packages', p, 'README.md')));

describe.each(packages)('packages/%s README example', (pkg) => {
  const dir = join(root, 'packages', pkg);
  const example = join(dir, 'examples', 'readme.ts');

  it('exists and is the code block shown in the README', () => {
    expect(existsSync(example), `${pkg} has no examples/readme.ts`).toBe(true);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block?.trim()).toBe(readFileSync(example, 'utf8').trim());
  });

  it('runs against the built package and prints what its comments say', () => {
    const expected = readFileSync(example, 'utf8')
      .split('\n')
      .map((l) => /\/\/ => (.*)$/.exec(l)?.[1])
      .filter((x): x is string => x !== undefined);
    expect(expected.length).toBeGreaterThan(0);
    const res = spawnSync(process.execPath, ['--import', 'tsx', example], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout.trimEnd().split('\n')).toEqual(expected);
  });
});
