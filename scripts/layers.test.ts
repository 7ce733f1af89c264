import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLayers, findCycles, importsOf, readDeclaredGraph } from './layer-graph.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('layer graph of this repository', () => {
  it('declares common -> nothing and codec -> common, as ARCHITECTURE.md says', () => {
    const graph = readDeclaredGraph(root);
    expect(graph['@stacks-ts/common']).toEqual([]);
    expect(graph['@stacks-ts/codec']).toEqual(['@stacks-ts/common']);
  });
  it('has no package importing a higher layer, no escaping import and no cycle', () => {
    expect(checkLayers(root, readDeclaredGraph(root))).toEqual([]);
  });
});

describe('the checker itself', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'layers-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const pkg = (dir: string, name: string, deps: Record<string, string>, files: Record<string, string>) => {
    mkdirSync(join(tmp, 'packages', dir, 'src'), { recursive: true });
    writeFileSync(join(tmp, 'packages', dir, 'package.json'), JSON.stringify({ name, dependencies: deps }));
    for (const [f, text] of Object.entries(files)) writeFileSync(join(tmp, 'packages', dir, 'src', f), text);
  };
  pkg('low', '@stacks-ts/low', {}, { 'a.ts': "import { x } from '@stacks-ts/high';\nimport { y } from '../../high/src/b.ts';\n" });
  pkg('high', '@stacks-ts/high', { '@stacks-ts/low': 'workspace:*' }, { 'b.ts': "export { z } from '@stacks-ts/low/sub';\n" });

  it('reports a lower layer importing a higher one, and an import that leaves src/', () => {
    const v = checkLayers(tmp, { '@stacks-ts/low': [], '@stacks-ts/high': ['@stacks-ts/low'] });
    expect(v.map((x) => x.kind).sort()).toEqual(['escaping-import', 'forbidden-import']);
  });
  it('reports an undeclared package.json dependency and an unknown package', () => {
    const v = checkLayers(tmp, { '@stacks-ts/low': [] });
    expect(v.map((x) => x.kind).sort()).toEqual(['escaping-import', 'forbidden-import', 'unknown-layer']);
    const v2 = checkLayers(tmp, { '@stacks-ts/low': [], '@stacks-ts/high': [] });
    expect(v2.some((x) => x.kind === 'undeclared-package')).toBe(true);
  });
  it('finds cycles in the declared graph', () => {
    expect(findCycles({ a: ['b'], b: ['c'], c: ['a'] })).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles({ a: ['b'], b: [], c: ['a', 'b'] })).toEqual([]);
  });
  it('parses static, re-export, side-effect and dynamic imports', () => {
    const text = "import a from 'x';\nimport type { B } from \"y\";\nexport { c } from './c.ts';\nimport 'side';\nconst d = await import('dyn');\n";
    expect(importsOf(text).sort()).toEqual(['./c.ts', 'dyn', 'side', 'x', 'y']);
  });
});
