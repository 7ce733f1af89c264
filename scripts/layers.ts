// `pnpm layers`: prints the declared layer graph and any violation; exits 1 on a violation.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLayers, readDeclaredGraph } from './layer-graph.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const graph = readDeclaredGraph(root);
for (const [pkg, deps] of Object.entries(graph)) console.log(`${pkg} -> ${deps.length ? deps.join(', ') : '(nothing)'}`);
const violations = checkLayers(root, graph);
for (const v of violations) console.log(`VIOLATION ${v.kind}: ${v.message}`);
console.log(violations.length === 0 ? 'layer graph ok' : `${violations.length} violation(s)`);
process.exitCode = violations.length === 0 ? 0 : 1;
