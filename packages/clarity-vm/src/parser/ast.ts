/**
 * The Clarity AST as plain data: `PreSymbolicExpression` (what the parsers produce) and
 * `SymbolicExpression` (what the type checker and the interpreter consume, after the sugar
 * expansion pass), with the reference's variants (`clarity-types/src/representations.rs`).
 */
import type { ClarityValue, ContractPrincipal, StandardPrincipal } from '@stacks-ts/codec';

/** A source range, 1-based lines and columns, end inclusive (the reference's `Span`). */
export interface Span {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** The span of synthesized nodes (`Span::ZERO`). */
export const ZERO_SPAN: Span = Object.freeze({ startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 });

/** A trait (or other field) defined in a contract: `'SP….contract.trait-name` (`TraitIdentifier`). */
export interface TraitIdentifier {
  /** The contract that defines the trait. */
  readonly contract: ContractPrincipal;
  /** The trait's name in that contract. */
  readonly name: string;
}

/**
 * Where a `<trait>` reference points (`TraitDefinition`): a trait defined in this contract with
 * `define-trait`, or imported with `use-trait`.
 */
export interface TraitDefinition {
  readonly kind: 'defined' | 'imported';
  readonly trait: TraitIdentifier;
}

interface PreNode {
  /** Expression id, unique within a contract (set by the expression identifier pass). */
  id: number;
  readonly span: Span;
}

/** `PreSymbolicExpression`: the parser's output, before sugar expansion. */
export type PreSymbolicExpression =
  | (PreNode & { readonly type: 'atom-value'; readonly value: ClarityValue })
  | (PreNode & { readonly type: 'atom'; readonly name: string })
  | (PreNode & { readonly type: 'list'; readonly items: PreSymbolicExpression[] })
  /** `{k: v, ...}`: the keys and values in order, comments included. */
  | (PreNode & { readonly type: 'tuple'; readonly items: PreSymbolicExpression[] })
  /** `.contract-name`, relative to the contract's issuer. */
  | (PreNode & { readonly type: 'sugared-contract-identifier'; readonly contractName: string })
  /** `.contract-name.trait-name`, relative to the contract's issuer. */
  | (PreNode & { readonly type: 'sugared-field-identifier'; readonly contractName: string; readonly name: string })
  /** `'SP….contract-name.trait-name`. */
  | (PreNode & { readonly type: 'field-identifier'; readonly trait: TraitIdentifier })
  /** `<trait-name>`. */
  | (PreNode & { readonly type: 'trait-reference'; readonly name: string })
  /** `;; text` (the v2 parser keeps comments; the sugar expander drops them). */
  | (PreNode & { readonly type: 'comment'; readonly text: string });

interface Node {
  /** Expression id, unique within a contract (the type checker keys its type map on it). */
  id: number;
  readonly span: Span;
}

/**
 * `SymbolicExpression`: what analysis and evaluation work on. The parser produces `literal-value`
 * for literals; `atom-value` is for values the VM itself wraps into expressions (the two evaluate
 * the same way).
 */
export type SymbolicExpression =
  | (Node & { readonly type: 'atom-value'; readonly value: ClarityValue })
  | (Node & { readonly type: 'literal-value'; readonly value: ClarityValue })
  | (Node & { readonly type: 'atom'; readonly name: string })
  | (Node & { readonly type: 'list'; readonly items: SymbolicExpression[] })
  /** A trait or field identifier: `'SP….c.t` or `.c.t` (expanded). */
  | (Node & { readonly type: 'field'; readonly trait: TraitIdentifier })
  /** `<name>`, resolved against the contract's `define-trait` / `use-trait` definitions. */
  | (Node & { readonly type: 'trait-reference'; readonly name: string; readonly definition: TraitDefinition });

/** A parsed contract with the state the AST passes build (`ContractAST`). */
export interface ContractAst {
  /** The contract being parsed (its issuer resolves `.name` shorthands). */
  readonly contractIdentifier: ContractPrincipal;
  /** Parser output, in source order. */
  readonly preExpressions: PreSymbolicExpression[];
  /** Expanded expressions, in `topLevelExpressionSorting` order when a sorter set one. */
  expressions: SymbolicExpression[];
  /**
   * Evaluation order of the top-level expressions as indexes into `preExpressions` (set by the
   * definition sorter); `undefined` or empty means source order.
   */
  topLevelExpressionSorting: number[] | undefined;
  /** Trait names usable as `<name>` in this contract (`define-trait` and `use-trait`). */
  readonly referencedTraits: Map<string, TraitDefinition>;
  /** Traits named by `impl-trait`, in source order, without duplicates. */
  readonly implementedTraits: TraitIdentifier[];
}

/** The issuer of `QualifiedContractIdentifier::transient()` (version 1, twenty 0x01 bytes). */
export const TRANSIENT_ISSUER: StandardPrincipal = Object.freeze({
  type: 'standard',
  version: 1,
  hash160: new Uint8Array(20).fill(1),
});

/** `QualifiedContractIdentifier::transient()`: the contract id the reference uses for snippets. */
export const TRANSIENT_CONTRACT: ContractPrincipal = Object.freeze({
  type: 'contract',
  version: 1,
  hash160: new Uint8Array(20).fill(1),
  contractName: '__transient',
});
