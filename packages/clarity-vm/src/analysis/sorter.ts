/**
 * The definition sorter (the reference's `DefinitionSorter`, clarity/src/vm/ast/definition_sorter):
 * orders a contract's top-level expressions so that every definition comes before its users, which
 * makes definition order irrelevant in source, and rejects reference cycles (`CircularReference`,
 * a parse-stage error). Plug it into `buildAst` as `sortDefinitions`.
 */
import { chargeCycleDetection } from '../costs/deploy.ts';
import type { CostTracker } from '../costs/tracker.ts';
import { parseError } from '../errors.ts';
import type { ContractAst, PreSymbolicExpression, SymbolicExpression } from '../parser/ast.ts';

/** Either AST form: the sorter runs on pre-expressions (the `buildAst` hook) or on expanded ones. */
type Expr = PreSymbolicExpression | SymbolicExpression;
import type { ClarityVersionNumber } from '../parser/build.ts';
import { lookupNativeName } from '../natives/registry.ts';

const DEFINE_FORMS: ReadonlySet<string> = new Set([
  'define-constant',
  'define-private',
  'define-public',
  'define-read-only',
  'define-map',
  'define-data-var',
  'define-fungible-token',
  'define-non-fungible-token',
  'define-trait',
  'use-trait',
  'impl-trait',
]);

/** True for the names of the `define-*`, `use-trait` and `impl-trait` forms (`DefineFunctions`). */
export function isDefineForm(name: string): boolean {
  return DEFINE_FORMS.has(name);
}

function listItems(e: Expr): Expr[] | undefined {
  return e.type === 'list' ? (e.items as Expr[]) : undefined;
}

/** The name a top-level expression defines and the id of its atom (`find_expression_definition`). */
function definitionOf(e: Expr): { name: string; atomId: number } | undefined {
  const items = listItems(e);
  if (items === undefined) return undefined;
  const [head, ...args] = items;
  if (head === undefined || head.type !== 'atom' || !DEFINE_FORMS.has(head.name)) return undefined;
  const first = args[0];
  if (first === undefined) return undefined;
  const defined = first.type === 'list' ? first.items[0] : first;
  if (defined === undefined || defined.type !== 'atom') return undefined;
  return { name: defined.name, atomId: defined.id };
}

class Sorter {
  readonly defs = new Map<string, { exprIndex: number; atomId: number }>();
  readonly edges: number[][] = [];

  constructor(private readonly version: ClarityVersionNumber) {}

  private edgeTo(from: number, name: string, id: number): void {
    const dep = this.defs.get(name);
    if (dep !== undefined && dep.atomId !== id) this.edges[from]!.push(dep.exprIndex);
  }

  private keyValue(pair: readonly Expr[], from: number): void {
    if (pair.length === 2) this.probe(pair[1]!, from);
  }

  private wrappedPairs(pairs: readonly Expr[], from: number): void {
    for (const p of pairs) {
      const items = listItems(p);
      if (items !== undefined) this.keyValue(items, from);
    }
  }

  probe(e: Expr, from: number): void {
    switch (e.type) {
      case 'atom':
      case 'trait-reference':
        this.edgeTo(from, e.name, e.id);
        return;
      case 'tuple': {
        const items = e.items as Expr[];
        for (let i = 0; i < items.length; i += 2) this.keyValue(items.slice(i, i + 2), from);
        return;
      }
      case 'list':
        break;
      default:
        return;
    }
    const items = (e.items as Expr[]).filter((i) => i.type !== 'comment');
    const [head, ...args] = items;
    if (head !== undefined && head.type === 'atom') {
      if (DEFINE_FORMS.has(head.name)) {
        this.probeDefinition(head.name, args, from);
        return;
      }
      const native = lookupNativeName(head.name, this.version);
      if (native !== undefined) {
        switch (native.name) {
          case 'contract-call?':
            for (const a of args.slice(2)) this.probe(a, from);
            return;
          case 'let':
            if (args.length > 1) {
              const bindings = listItems(args[0]!);
              if (bindings !== undefined) this.wrappedPairs(bindings, from);
              for (const a of args.slice(1)) this.probe(a, from);
            }
            return;
          case 'get':
            if (args.length === 2) this.probe(args[1]!, from);
            return;
          case 'tuple':
            this.wrappedPairs(args, from);
            return;
          default:
            break;
        }
      }
    }
    for (const i of items) this.probe(i, from);
  }

  private probeDefinition(form: string, args: Expr[], from: number): void {
    switch (form) {
      case 'define-constant':
      case 'define-data-var':
        for (const a of args.slice(1)) this.probe(a, from);
        return;
      case 'define-private':
      case 'define-public':
      case 'define-read-only':
        if (args.length === 2) {
          const sig = listItems(args[0]!);
          if (sig !== undefined) this.wrappedPairs(sig.slice(1), from);
          this.probe(args[1]!, from);
        }
        return;
      case 'define-map':
        if (args.length === 3) {
          this.probe(args[1]!, from);
          this.probe(args[2]!, from);
        }
        return;
      case 'define-trait': {
        if (args.length !== 2) return;
        const sigs = listItems(args[1]!);
        for (const s of sigs ?? []) {
          const parts = listItems(s);
          if (parts !== undefined && parts.length === 3) {
            this.probe(parts[1]!, from);
            this.probe(parts[2]!, from);
          }
        }
        return;
      }
      case 'define-fungible-token':
        if (args.length === 2) this.probe(args[1]!, from);
        return;
      default:
        return;
    }
  }
}

/** Post-order DFS over the dependency graph (`GraphWalker::get_sorted_dependencies`). */
function sortedOrder(edges: readonly number[][]): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (let start = 0; start < edges.length; start++) {
    if (seen.has(start)) continue;
    const stack: [number, boolean][] = [[start, false]];
    while (stack.length > 0) {
      const [node, done] = stack.pop()!;
      if (done) {
        out.push(node);
        continue;
      }
      if (seen.has(node)) continue;
      seen.add(node);
      stack.push([node, true]);
      const next = edges[node] ?? [];
      for (let i = next.length - 1; i >= 0; i--) if (!seen.has(next[i]!)) stack.push([next[i]!, false]);
    }
  }
  return out;
}

/** The nodes on or behind a cycle (`get_cycling_dependencies`), or undefined when there is none. */
function cyclingNodes(edges: readonly number[][], order: readonly number[]): number[] | undefined {
  const tainted = new Set<number>();
  for (const node of order) {
    const desc = edges[node]!;
    let count = 0;
    for (const d of desc) {
      if (edges[d]!.length === 0 || tainted.has(d)) {
        tainted.add(d);
        count++;
      }
    }
    if (count === desc.length) tainted.add(node);
  }
  if (tainted.size === order.length) return undefined;
  return order.filter((n) => !tainted.has(n));
}

/**
 * Computes the evaluation order of `exprs` (top-level pre-expressions with ids assigned). Throws
 * a parse error `CircularReference` listing the names on the cycle.
 */
export function definitionOrder(exprs: readonly Expr[], version: ClarityVersionNumber, costs?: CostTracker): number[] {
  const sorter = new Sorter(version);
  exprs.forEach((e, i) => {
    sorter.edges.push([]);
    const def = definitionOf(e);
    if (def !== undefined) sorter.defs.set(def.name, { exprIndex: i, atomId: def.atomId });
  });
  exprs.forEach((e, i) => sorter.probe(e, i));
  // `cost_ast_cycle_detection` with n = every edge found (no de-duplication), before the cycle check.
  if (costs !== undefined) chargeCycleDetection(costs, sorter.edges.reduce((n, out) => n + out.length, 0));
  const order = sortedOrder(sorter.edges);
  const cycle = cyclingNodes(sorter.edges, order);
  if (cycle !== undefined) {
    const names = cycle
      .map((i) => definitionOf(exprs[i]!)?.name)
      .filter((n): n is string => n !== undefined)
      .sort();
    throw parseError('CircularReference', `detected circular reference: (${names.join(', ')})`, { args: [names] });
  }
  return order;
}

/** The `buildAst` hook: sets `ast.topLevelExpressionSorting` (`DefinitionSorter::run_pass`). */
export function sortDefinitions(ast: ContractAst, clarityVersion: ClarityVersionNumber, costs?: CostTracker): void {
  ast.topLevelExpressionSorting = definitionOrder(ast.preExpressions, clarityVersion, costs);
}
