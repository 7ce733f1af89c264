/**
 * Static analysis of a contract (the reference's `run_analysis`, clarity/src/vm/analysis): the type
 * checker with the read-only and trait checks folded in. `analyzeContract` throws a `ClarityError`
 * of kind `check` with the reference's `StaticCheckErrorKind` name as its code.
 *
 * The checker is deliberately conservative: rules it does not model yet type their expression as
 * `any` (see `types.ts`), so it may miss a static error but does not reject a working contract.
 */
import type { ContractPrincipal } from '@stacks-ts/codec';
import type { ContractAst, TraitIdentifier } from '../parser/ast.ts';
import type { AnalysisType } from './types.ts';
import type { CostTracker } from '../costs/tracker.ts';
import { checkContract } from './checker.ts';

/** One argument of a function signature. */
export interface FunctionArgument {
  readonly name: string;
  readonly type: AnalysisType;
}

/** A function's signature (`FunctionType::Fixed`). */
export interface FunctionSignature {
  readonly args: readonly FunctionArgument[];
  readonly returns: AnalysisType;
}

/** A trait's method signatures, by method name. */
export type TraitSignature = ReadonlyMap<string, FunctionSignature>;

/** What the analysis records about a contract (`ContractAnalysis`). */
export interface ContractAnalysis {
  readonly contractIdentifier: ContractPrincipal;
  readonly clarityVersion: 1 | 2 | 3 | 4;
  readonly epoch: string;
  readonly publicFunctions: Map<string, FunctionSignature>;
  readonly readOnlyFunctions: Map<string, FunctionSignature>;
  readonly privateFunctions: Map<string, FunctionSignature>;
  /** `define-constant` types. */
  readonly constants: Map<string, AnalysisType>;
  /** `define-data-var` types. */
  readonly dataVars: Map<string, AnalysisType>;
  /** `define-map` key and value types. */
  readonly maps: Map<string, { readonly key: AnalysisType; readonly value: AnalysisType }>;
  readonly fungibleTokens: Set<string>;
  /** `define-non-fungible-token` asset types. */
  readonly nonFungibleTokens: Map<string, AnalysisType>;
  /** Traits defined with `define-trait`. */
  readonly definedTraits: Map<string, TraitSignature>;
  /** Traits declared with `impl-trait`. */
  readonly implementedTraits: TraitIdentifier[];
  /** The type of each checked expression, by expression id (`TypeMap`). */
  readonly typeMap: Map<number, AnalysisType>;
}

/** Resolves the analysis of an already deployed contract, or undefined when there is none. */
export type ContractAnalysisLookup = (contract: ContractPrincipal) => ContractAnalysis | undefined;

/** Options of `analyzeContract`. */
export interface AnalyzeOptions {
  readonly clarityVersion: 1 | 2 | 3 | 4;
  /** Dotted epoch, e.g. `'2.1'`, or a `StacksEpochId`. */
  readonly epoch: string;
  /** Other contracts' analyses, for `contract-call?`, `use-trait` and `impl-trait`. */
  readonly contracts?: ContractAnalysisLookup;
  /** Where the type checker's costs and memory are charged (default: the free tracker). */
  readonly costs?: CostTracker;
}

/**
 * Type-checks a contract's AST and returns its analysis. Runs the definition sorter itself when
 * `ast.topLevelExpressionSorting` was not set by `buildAst`. Throws `ClarityError` kind `check`
 * (or `parse` for `CircularReference`).
 */
export function analyzeContract(ast: ContractAst, opts: AnalyzeOptions): ContractAnalysis {
  return checkContract(ast, opts);
}

export type { AnalysisType, AnyType, TraitRefType } from './types.ts';
export { ANY, admits, supertype, parseTypeRepr, analysisTypeToString } from './types.ts';
export { sortDefinitions, definitionOrder, isDefineForm } from './sorter.ts';
export type { ContractInterface, ContractInterfaceAtomType, ContractInterfaceFunction } from './interface.ts';
export { buildContractInterface, contractInterfaceToJson, contractInterfaceAtomType } from './interface.ts';
