/**
 * The layer graph check. The allowed internal imports of every package are declared once, in the
 * root package.json under `stacksTs.layers` (mirroring ../shared/docs/ARCHITECTURE.md). This module
 * reads each workspace package's package.json dependencies and every import in its `src/`, and
 * reports any edge not declared, any relative import that leaves the package, and any cycle.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export interface LayerViolation {
  readonly kind: 'undeclared-package' | 'forbidden-import' | 'escaping-import' | 'cycle' | 'unknown-layer';
  readonly message: string;
}

export type LayerGraph = Readonly<Record<string, readonly string[]>>;

interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
  readonly deps: readonly string[];
}

const SCOPE = '@stacks-ts/';

function listPackages(root: string): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  for (const group of ['packages', 'apps']) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const d of readdirSync(base)) {
      const pj = join(base, d, 'package.json');
      if (!existsSync(pj)) continue;
      const json = JSON.parse(readFileSync(pj, 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
        optionalDependencies?: Record<string, string>;
      };
      const deps = Object.keys({ ...json.dependencies, ...json.peerDependencies, ...json.optionalDependencies });
      out.push({ name: json.name, dir: join(base, d), deps: deps.filter((n) => n.startsWith(SCOPE)) });
    }
  }
  return out;
}

function walkTs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walkTs(p));
    else if (/\.(m|c)?tsx?$/.test(e)) out.push(p);
  }
  return out;
}

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

/** Module specifiers imported by a TypeScript source text. */
export function importsOf(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT_RE)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

function packageOf(spec: string): string | null {
  if (!spec.startsWith(SCOPE)) return null;
  return spec.split('/').slice(0, 2).join('/');
}

/** Checks the workspace at `root` against the declared graph; returns every violation found. */
export function checkLayers(root: string, graph: LayerGraph): LayerViolation[] {
  const violations: LayerViolation[] = [];
  const pkgs = listPackages(root);
  for (const p of pkgs) {
    const allowed = graph[p.name];
    if (!allowed) {
      violations.push({ kind: 'unknown-layer', message: `${p.name} is not declared in stacksTs.layers` });
      continue;
    }
    for (const d of p.deps) {
      if (d !== p.name && !allowed.includes(d)) {
        violations.push({ kind: 'undeclared-package', message: `${p.name} depends on ${d} in package.json, which its layer may not import` });
      }
    }
    const src = join(p.dir, 'src');
    for (const file of walkTs(src)) {
      const text = readFileSync(file, 'utf8');
      for (const spec of importsOf(text)) {
        const target = packageOf(spec);
        const where = relative(root, file);
        if (target && target !== p.name && !allowed.includes(target)) {
          violations.push({ kind: 'forbidden-import', message: `${where} imports ${spec}, but ${p.name} may not import ${target}` });
        }
        if (spec.startsWith('.')) {
          const resolved = resolve(file, '..', spec);
          if (!(resolved + sep).startsWith(src + sep) && resolved !== src) {
            violations.push({ kind: 'escaping-import', message: `${where} imports ${spec}, outside its package's src/` });
          }
        }
      }
    }
  }
  for (const cycle of findCycles(graph)) {
    violations.push({ kind: 'cycle', message: `layer cycle: ${cycle.join(' -> ')}` });
  }
  return violations;
}

/** Every cycle in the declared graph (each reported once, as a path that returns to its start). */
export function findCycles(graph: LayerGraph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): void => {
    state.set(n, 'visiting');
    stack.push(n);
    for (const m of graph[n] ?? []) {
      const s = state.get(m);
      if (s === 'visiting') cycles.push([...stack.slice(stack.indexOf(m)), m]);
      else if (s === undefined) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of Object.keys(graph)) if (!state.has(n)) visit(n);
  return cycles;
}

/** The graph declared in the root package.json. */
export function readDeclaredGraph(root: string): LayerGraph {
  const pj = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { stacksTs?: { layers?: LayerGraph } };
  return pj.stacksTs?.layers ?? {};
}
