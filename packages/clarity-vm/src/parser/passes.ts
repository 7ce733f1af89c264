/**
 * The AST passes the reference runs after parsing and before analysis (`clarity/src/vm/ast/`):
 * the two stack depth checkers, the expression identifier, the traits resolver and the sugar
 * expander. The definition sorter is not here; `buildAst` takes it as a hook.
 */
import type { ContractPrincipal } from '@stacks-ts/codec';
import { parseError } from '../errors.ts';
import type { ClarityError } from '../errors.ts';
import { ZERO_SPAN } from './ast.ts';
import type { ContractAst, PreSymbolicExpression, SymbolicExpression, TraitDefinition, TraitIdentifier } from './ast.ts';
import type { StackDepthLimits } from './limits.ts';

function depthError(code: 'ExpressionStackDepthTooDeep' | 'VaryExpressionStackDepthTooDeep', limits: StackDepthLimits): ClarityError {
  return parseError(
    code,
    `AST has too deep of an expression nesting. The maximum stack depth is ${limits.maxCallStackDepth}`,
    { args: [limits.maxCallStackDepth] },
  );
}

function checkDepth(
  exprs: readonly PreSymbolicExpression[],
  depth: number,
  limits: StackDepthLimits,
  countTuples: boolean,
): void {
  if (depth >= limits.maxNestingDepth) {
    throw depthError(countTuples ? 'VaryExpressionStackDepthTooDeep' : 'ExpressionStackDepthTooDeep', limits);
  }
  for (const e of exprs) {
    if (e.type === 'list' || (countTuples && e.type === 'tuple')) checkDepth(e.items, depth + 1, limits, countTuples);
  }
}

/**
 * `StackDepthChecker` then `VaryStackDepthChecker`: lists (then lists and tuples) may nest at most
 * `maxNestingDepth - 1` deep. Throws `ExpressionStackDepthTooDeep` /
 * `VaryExpressionStackDepthTooDeep`.
 */
export function checkStackDepth(exprs: readonly PreSymbolicExpression[], limits: StackDepthLimits): void {
  checkDepth(exprs, 0, limits, false);
  checkDepth(exprs, 0, limits, true);
}

/** Anything with an id and, for lists, children (`SymbolicExpressionCommon`). */
type Identifiable = { id: number; type: string; items?: Identifiable[] };

function relabel(exprs: Identifiable[], index: number): number {
  let current = index + 1;
  for (const e of exprs) {
    e.id = current;
    current = e.type === 'list' && e.items !== undefined ? relabel(e.items, current) : current + 1;
  }
  return current;
}

/**
 * `ExpressionIdentifier`: numbers expressions depth-first from 1 (a list's elements follow the
 * list's own id). On pre-expressions only list elements are numbered (not tuple elements).
 */
export function assignExpressionIds(exprs: PreSymbolicExpression[] | SymbolicExpression[]): void {
  relabel(exprs as Identifiable[], 0);
}

const DEFINE_NAMES = new Set([
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

function withIssuer(issuer: ContractPrincipal, contractName: string): ContractPrincipal {
  return { type: 'contract', version: issuer.version, hash160: issuer.hash160, contractName };
}

function sameTrait(a: TraitIdentifier, b: TraitIdentifier): boolean {
  return (
    a.name === b.name &&
    a.contract.contractName === b.contract.contractName &&
    a.contract.version === b.contract.version &&
    a.contract.hash160.every((x, i) => x === b.contract.hash160[i])
  );
}

/** The trait identifier of `.c.t` or `'SP….c.t`, or undefined for anything else. */
function fieldOf(e: PreSymbolicExpression, contract: ContractPrincipal): TraitIdentifier | undefined {
  if (e.type === 'sugared-field-identifier') return { contract: withIssuer(contract, e.contractName), name: e.name };
  if (e.type === 'field-identifier') return e.trait;
  return undefined;
}

/** Collects `<name>` references below `exprs` (through lists and tuples). */
function probeForGenerics(
  exprs: Iterable<PreSymbolicExpression>,
  found: Map<string, PreSymbolicExpression>,
  shouldReference: boolean,
): void {
  for (const e of exprs) {
    if (e.type === 'list' || e.type === 'tuple') {
      probeForGenerics(e.items, found, shouldReference);
    } else if (e.type === 'trait-reference') {
      if (!shouldReference) throw parseError('TraitReferenceNotAllowed', 'trait references can not be stored');
      found.set(e.name, e);
    }
  }
}

function badSignature(code: 'DefineTraitBadSignature' | 'ImportTraitBadSignature' | 'ImplTraitBadSignature'): ClarityError {
  const messages = {
    DefineTraitBadSignature: '(define-trait ...) expects a trait name and a trait definition',
    ImportTraitBadSignature: '(use-trait ...) expects a trait name and a trait identifier',
    ImplTraitBadSignature: '(impl-trait ...) expects a trait identifier',
  };
  return parseError(code, messages[code]);
}

function nameAlreadyUsed(name: string): ClarityError {
  return parseError('NameAlreadyUsed', `defining '${name}' conflicts with previous value`, { args: [name] });
}

function traitReferenceUnknown(name: string, span = ZERO_SPAN): ClarityError {
  return parseError('TraitReferenceUnknown', `use of undeclared trait <${name}>`, { args: [name], span });
}

/**
 * `TraitsResolver`: records the traits a contract defines (`define-trait`), imports (`use-trait`)
 * and implements (`impl-trait`) into `ast`, and checks every `<name>` used in a definition's
 * signature or body names one of them. Throws `DefineTraitBadSignature`,
 * `ImportTraitBadSignature`, `ImplTraitBadSignature`, `NameAlreadyUsed`,
 * `TraitReferenceNotAllowed` (a `<name>` in a constant, map, variable or token definition) or
 * `TraitReferenceUnknown`.
 */
export function resolveTraits(ast: ContractAst): void {
  const referenced = new Map<string, PreSymbolicExpression>();
  for (const expr of ast.preExpressions) {
    if (expr.type !== 'list') continue;
    const [head, ...args] = expr.items.filter((e) => e.type !== 'comment');
    if (head?.type !== 'atom' || !DEFINE_NAMES.has(head.name)) continue;
    switch (head.name) {
      case 'define-trait': {
        const [name, body] = args;
        if (args.length !== 2 || name?.type !== 'atom' || body?.type !== 'list') throw badSignature('DefineTraitBadSignature');
        if (ast.referencedTraits.has(name.name)) throw nameAlreadyUsed(name.name);
        probeForGenerics(body.items, referenced, true);
        ast.referencedTraits.set(name.name, {
          kind: 'defined',
          trait: { contract: ast.contractIdentifier, name: name.name },
        });
        break;
      }
      case 'use-trait': {
        const [name, target] = args;
        if (args.length !== 2 || name?.type !== 'atom') throw badSignature('ImportTraitBadSignature');
        if (ast.referencedTraits.has(name.name)) throw nameAlreadyUsed(name.name);
        const trait = fieldOf(target!, ast.contractIdentifier);
        if (trait === undefined) throw badSignature('ImportTraitBadSignature');
        ast.referencedTraits.set(name.name, { kind: 'imported', trait });
        break;
      }
      case 'impl-trait': {
        const trait = args.length === 1 ? fieldOf(args[0]!, ast.contractIdentifier) : undefined;
        if (trait === undefined) throw badSignature('ImplTraitBadSignature');
        if (!ast.implementedTraits.some((t) => sameTrait(t, trait))) ast.implementedTraits.push(trait);
        break;
      }
      case 'define-public':
      case 'define-private':
      case 'define-read-only':
        probeForGenerics(args, referenced, true);
        break;
      default:
        probeForGenerics(args.slice(1), referenced, false);
    }
  }
  for (const [name, expr] of referenced) {
    if (!ast.referencedTraits.has(name)) throw traitReferenceUnknown(name, expr.span);
  }
}

/** `SugarExpander::transform` for a list of pre-expressions. */
function expandAll(
  exprs: readonly PreSymbolicExpression[],
  issuer: ContractPrincipal,
  traits: ReadonlyMap<string, TraitDefinition>,
): SymbolicExpression[] {
  const out: SymbolicExpression[] = [];
  for (const e of exprs) {
    const expanded = expandOne(e, issuer, traits);
    if (expanded !== undefined) out.push(expanded);
  }
  return out;
}

function expandOne(
  e: PreSymbolicExpression,
  issuer: ContractPrincipal,
  traits: ReadonlyMap<string, TraitDefinition>,
): SymbolicExpression | undefined {
  const { span } = e;
  switch (e.type) {
    case 'atom-value':
      return { type: 'literal-value', value: e.value, span, id: 0 };
    case 'atom':
      return { type: 'atom', name: e.name, span, id: 0 };
    case 'list':
      return { type: 'list', items: expandAll(e.items, issuer, traits), span, id: 0 };
    case 'tuple': {
      const parts = expandAll(e.items, issuer, traits);
      const items: SymbolicExpression[] = [{ type: 'atom', name: 'tuple', span: ZERO_SPAN, id: 0 }];
      for (let i = 0; i < parts.length; i += 2) {
        items.push({ type: 'list', items: parts.slice(i, i + 2), span: ZERO_SPAN, id: 0 });
      }
      return { type: 'list', items, span, id: 0 };
    }
    case 'sugared-contract-identifier':
      return {
        type: 'literal-value',
        value: { type: 'principal', value: withIssuer(issuer, e.contractName) },
        span,
        id: 0,
      };
    case 'sugared-field-identifier':
      return { type: 'field', trait: { contract: withIssuer(issuer, e.contractName), name: e.name }, span, id: 0 };
    case 'field-identifier':
      return { type: 'field', trait: e.trait, span, id: 0 };
    case 'trait-reference': {
      const definition = traits.get(e.name);
      if (definition === undefined) throw traitReferenceUnknown(e.name);
      return { type: 'trait-reference', name: e.name, definition, span, id: 0 };
    }
    case 'comment':
      return undefined;
  }
}

/**
 * `SugarExpander`: turns pre-expressions into expressions, in `topLevelExpressionSorting` order:
 * `{k: v, ...}` becomes `(tuple (k v) ...)`, `.name` the contract principal of the contract's
 * issuer, `.name.trait` a field, `<name>` a resolved trait reference; comments are dropped.
 * Throws `TraitReferenceUnknown` for a `<name>` that no `define-trait`/`use-trait` declares.
 */
export function expandSugar(ast: ContractAst): SymbolicExpression[] {
  const order = ast.topLevelExpressionSorting;
  const pre =
    order !== undefined && order.length > 0
      ? order.map((i) => ast.preExpressions[i]).filter((e): e is PreSymbolicExpression => e !== undefined)
      : ast.preExpressions;
  return expandAll(pre, ast.contractIdentifier, ast.referencedTraits);
}
