/**
 * The whole AST build the reference runs before analysis (`build_ast` in
 * `clarity/src/vm/ast/mod.rs`): parse (v1 before epoch 2.1, v2 from 2.1), stack depth checks,
 * expression ids, definition sorting (a hook), trait resolution, sugar expansion, ids again.
 */
import { chargeAstParse } from '../costs/deploy.ts';
import type { CostTracker } from '../costs/tracker.ts';
import type { ContractPrincipal, StandardPrincipal } from '@stacks-ts/codec';
import type { StacksEpochId } from '@stacks-ts/common';
import { clarityValueToRepr, principalToString } from '@stacks-ts/codec';
import { TRANSIENT_CONTRACT } from './ast.ts';
import type { ContractAst, PreSymbolicExpression, SymbolicExpression, TraitIdentifier } from './ast.ts';
import { resolveEpochId, stackDepthLimitsForEpoch, usesParserV2 } from './limits.ts';
import { parseV1 } from './parser-v1.ts';
import { parseV2 } from './parser-v2.ts';
import { assignExpressionIds, checkStackDepth, expandSugar, resolveTraits } from './passes.ts';

/** Clarity language versions. */
export type ClarityVersionNumber = 1 | 2 | 3 | 4;

/** Options of `parsePreExpressions`. */
export interface ParseOptions {
  /** The epoch: a `StacksEpochId` (`'Epoch21'`) or the dotted form (`'2.1'`). Picks v1 or v2. */
  readonly epoch: StacksEpochId | string;
}

/** Options of `buildAst` and `parseProgram`. */
export interface BuildAstOptions extends ParseOptions {
  /** The contract's Clarity version (only the definition sorter looks at it). */
  readonly clarityVersion: ClarityVersionNumber;
  /**
   * The contract being parsed: `.name` shorthands resolve against its issuer, and traits it
   * defines belong to it. Default: `issuer` with the name `__transient`, or the reference's
   * transient contract (`QualifiedContractIdentifier::transient()`).
   */
  readonly contractIdentifier?: ContractPrincipal;
  /** The issuer for `.name` shorthands when `contractIdentifier` is not given. */
  readonly issuer?: StandardPrincipal;
  /**
   * The definition sorter (`DefinitionSorter::run_pass`): runs after the pre-expression ids are
   * set and before trait resolution, and may set `ast.topLevelExpressionSorting`. Without it,
   * expressions stay in source order.
   */
  readonly sortDefinitions?: (ast: ContractAst, clarityVersion: ClarityVersionNumber, costs?: CostTracker) => void;
  /**
   * Where a deploy's parse costs go: `cost_ast_parse` (n = source bytes) before parsing, and the
   * sorter's `cost_ast_cycle_detection`. Not charged when absent.
   */
  readonly costs?: CostTracker;
}

/**
 * Parses `source` into pre-expressions with the parser of `opts.epoch` (no AST passes). Throws a
 * `ClarityError` of kind `parse`.
 */
export function parsePreExpressions(source: string, opts: ParseOptions): PreSymbolicExpression[] {
  const epoch = resolveEpochId(opts.epoch);
  const limits = stackDepthLimitsForEpoch(epoch);
  return usesParserV2(epoch) ? parseV2(source, limits) : parseV1(source, limits);
}

function contractIdentifierOf(opts: BuildAstOptions): ContractPrincipal {
  if (opts.contractIdentifier !== undefined) return opts.contractIdentifier;
  if (opts.issuer !== undefined) {
    return { type: 'contract', version: opts.issuer.version, hash160: opts.issuer.hash160, contractName: '__transient' };
  }
  return TRANSIENT_CONTRACT;
}

/**
 * Builds a contract's AST (`build_ast`): parse, `StackDepthChecker`, `VaryStackDepthChecker`,
 * expression ids, the definition sorter hook, `TraitsResolver`, `SugarExpander`, expression ids.
 * Throws a `ClarityError` of kind `parse` (the oracle's `static` errors).
 */
export function buildAst(source: string, opts: BuildAstOptions): ContractAst {
  const epoch = resolveEpochId(opts.epoch);
  const limits = stackDepthLimitsForEpoch(epoch);
  if (opts.costs !== undefined) chargeAstParse(opts.costs, source);
  const preExpressions = usesParserV2(epoch) ? parseV2(source, limits) : parseV1(source, limits);
  const ast: ContractAst = {
    contractIdentifier: contractIdentifierOf(opts),
    preExpressions,
    expressions: [],
    topLevelExpressionSorting: undefined,
    referencedTraits: new Map(),
    implementedTraits: [],
  };
  checkStackDepth(preExpressions, limits);
  assignExpressionIds(preExpressions);
  opts.sortDefinitions?.(ast, opts.clarityVersion, opts.costs);
  resolveTraits(ast);
  ast.expressions = expandSugar(ast);
  assignExpressionIds(ast.expressions);
  return ast;
}

/**
 * Parses a program into the expressions analysis and evaluation work on (`buildAst(...)
 * .expressions`, in source order unless `sortDefinitions` reorders them). Throws a
 * `ClarityError` of kind `parse`.
 */
export function parseProgram(source: string, opts: BuildAstOptions): SymbolicExpression[] {
  return buildAst(source, opts).expressions;
}

/** `'SP….contract.trait`. */
export function traitIdentifierToString(t: TraitIdentifier): string {
  return `${principalToString(t.contract)}.${t.name}`;
}

/**
 * An expression as the reference prints it (`Display for SymbolicExpression`): lists as
 * `( a b )`, values in their Clarity repr, trait references as `<name>`, fields as `<id>`.
 */
export function symbolicExpressionToString(e: SymbolicExpression | PreSymbolicExpression): string {
  switch (e.type) {
    case 'list':
      return `(${e.items.map((i) => ` ${symbolicExpressionToString(i)}`).join('')} )`;
    case 'tuple':
      return `{${e.items.map((i) => ` ${symbolicExpressionToString(i)}`).join('')} }`;
    case 'atom':
      return e.name;
    case 'atom-value':
    case 'literal-value':
      return clarityValueToRepr(e.value);
    case 'trait-reference':
      return `<${e.name}>`;
    case 'field':
    case 'field-identifier':
      return `<${traitIdentifierToString(e.trait)}>`;
    case 'sugared-contract-identifier':
      return `.${e.contractName}`;
    case 'sugared-field-identifier':
      return `.${e.contractName}.${e.name}`;
    case 'comment':
      return `;; ${e.text}`;
  }
}
