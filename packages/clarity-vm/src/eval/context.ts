/**
 * The evaluator's contexts: the chain (global context: storage, deployed contracts, block model),
 * a deployed contract (constants, functions, variables, maps, tokens, traits), and the events a
 * transaction records.
 */
import type { ClarityValue, ContractPrincipal, PrincipalData, TypeSignature } from '@stacks-ts/codec';
import { principalToString } from '@stacks-ts/codec';
import type { StacksEpochId } from '@stacks-ts/common';
import type { ClarityDB } from '../db/clarity-db.ts';
import type { ChainContext } from '../chain/context.ts';
import type { CostTracker } from '../costs/tracker.ts';
import type { ClarityVersion } from '../natives/context.ts';
import type { SymbolicExpression, TraitIdentifier } from '../parser/ast.ts';

/** One event as the oracle records it (`stx_transfer_event`, `print_event`, ...). */
export interface ClarityEvent {
  readonly event: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** A user function (`define-private`, `define-public`, `define-read-only`). */
export interface DefinedFunction {
  readonly name: string;
  readonly visibility: 'private' | 'public' | 'read-only';
  readonly params: readonly { readonly name: string; readonly type: TypeSignature }[];
  readonly body: SymbolicExpression;
}

/** A deployed (or deploying) contract. */
export interface ContractContext {
  readonly id: ContractPrincipal;
  /** `'ST….name'`. */
  readonly idString: string;
  readonly clarityVersion: ClarityVersion;
  readonly constants: Map<string, ClarityValue>;
  readonly functions: Map<string, DefinedFunction>;
  readonly dataVars: Map<string, TypeSignature>;
  readonly maps: Map<string, { readonly key: TypeSignature; readonly value: TypeSignature }>;
  readonly fungibleTokens: Map<string, { readonly totalSupply: bigint | null }>;
  readonly nonFungibleTokens: Map<string, TypeSignature>;
  /** Traits this contract defines: name to method names. */
  readonly definedTraits: Map<string, readonly string[]>;
  readonly implementedTraits: TraitIdentifier[];
  /** The contract's source text. */
  readonly source: string;
}

/** The chain a batch runs against: storage, contracts, and the block model. */
export interface ChainState {
  readonly db: ClarityDB;
  readonly contracts: Map<string, ContractContext>;
  readonly epoch: StacksEpochId;
  readonly mainnet: boolean;
  readonly chainId: number;
  /** Height of the chain tip (each deploy and each snippet advances it). */
  height: number;
  /** Snippets run so far on this chain (`expr-N`). */
  snippetCount: number;
  /** The static analysis of each deployed contract, by contract id (opaque to the evaluator). */
  readonly analyses: Map<string, unknown>;
  /** state: the chain around the evaluation (src/chain); the oracle's simulated chain at `height` when absent. */
  readonly context?: ChainContext;
}

/** A new, empty contract context. */
export function newContractContext(id: ContractPrincipal, clarityVersion: ClarityVersion, source: string): ContractContext {
  return {
    id,
    idString: principalToString(id),
    clarityVersion,
    constants: new Map(),
    functions: new Map(),
    dataVars: new Map(),
    maps: new Map(),
    fungibleTokens: new Map(),
    nonFungibleTokens: new Map(),
    definedTraits: new Map(),
    implementedTraits: [],
    source,
  };
}

/** Who is running: `tx-sender`, `contract-caller`, `tx-sponsor?`. */
export interface Principals {
  readonly sender: PrincipalData;
  readonly caller: PrincipalData;
  readonly sponsor: PrincipalData | null;
}

/** Local bindings (`LocalContext`): immutable maps, extended by `let`, `match` and function calls. */
export type Locals = ReadonlyMap<string, ClarityValue>;

/** The environment of one evaluation (`Environment`). */
export interface Env {
  readonly chain: ChainState;
  readonly contract: ContractContext;
  readonly principals: Principals;
  /** Events recorded by the current transaction, in order. */
  readonly events: ClarityEvent[];
  /** True inside read-only code (`define-read-only` reached by a call, `at-block`). */
  readonly readOnly: boolean;
  /**
   * True for the oracle's single-form snippet: a `contract-call?` evaluated directly in it behaves
   * as a transaction calling the contract (the callee sees the sender as `contract-caller`).
   */
  readonly directCall: boolean;
  /** costs: the tracker charged for this evaluation (src/costs); absent means costs off (free). */
  readonly costs?: CostTracker;
}
