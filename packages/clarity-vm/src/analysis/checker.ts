/**
 * The type checker (the reference's `TypeChecker`, clarity/src/vm/analysis/type_checker/v2_1), with
 * the read-only checker (`ReadOnlyChecker`) and the trait checks folded into the same walk. Every
 * native of Clarity 1 to 4 has its rule; calls to other contracts are typed from their analyses
 * (boot contracts included, when deployed). `any` remains only when no contract lookup is given
 * (then other contracts' functions and traits are unknown) and, as a safety net, for a native
 * without a rule (none at Clarity 1 to 4; the Clarity 5/6 names are unknown functions there).
 */
import { ClarityType, EMPTY_LIST_TYPE, NONE_TYPE, clarityTypeOf } from '@stacks-ts/codec';
import type { ClarityValue, ContractPrincipal } from '@stacks-ts/codec';
import { principalToString } from '@stacks-ts/codec';
import { ClarityError, checkError } from '../errors.ts';
import { StacksEpochId, compareEpochs } from '@stacks-ts/common';
import { resolveEpochId, usesParserV2 } from '../parser/limits.ts';
import type { CheckErrorCode } from '../errors.ts';
import type { ContractAst, SymbolicExpression, TraitIdentifier } from '../parser/ast.ts';
import { NATIVE_FUNCTIONS, lookupNativeName } from '../natives/registry.ts';
import type { AnalyzeOptions, ContractAnalysis, FunctionSignature, TraitSignature } from './index.ts';
import { definitionOrder, isDefineForm } from './sorter.ts';
import {
  BLOCK_INFO_PROPERTIES,
  FIXED_NATIVES,
  MAX_CONTEXT_DEPTH,
  MAX_FUNCTION_PARAMETERS,
  MAX_TRAIT_METHODS,
  PRINCIPAL_CONSTRUCT_RESULT,
  MAX_TO_ASCII_BUFFER_LEN,
  SIMPLE_NATIVES,
  WRITING_NATIVES,
  elementType,
  maxSerializedSize,
  reservedVariable,
  toAsciiResult,
} from './native-types.ts';
import type { Version } from './native-types.ts';
import {
  ANY,
  AType,
  admits,
  analysisTypeToString,
  callableContracts,
  callablePrincipal,
  concretize,
  containsTraitUnion,
  isTraitUnion,
  unionTraits,
  containsAny,
  parseTypeRepr,
  supertype,
  traitType,
} from './types.ts';
import type { AnalysisType } from './types.ts';
import { FREE_COST_TRACKER } from '../costs/tracker.ts';
import type { CostTracker } from '../costs/tracker.ts';
import type { ExecutionCost } from '../costs/execution-cost.ts';
import type { CostFunctionName } from '../costs/tables.ts';
import { chargeTypeParseSteps } from '../costs/charges.ts';

function err(code: CheckErrorCode, message: string, expr?: SymbolicExpression, args?: unknown[]): ClarityError {
  return checkError(code, message, { span: expr?.span, ...(args !== undefined ? { args } : {}) });
}

function typeError(expected: AnalysisType, found: AnalysisType, expr?: SymbolicExpression): ClarityError {
  return err(
    'TypeError',
    `expecting expression of type '${analysisTypeToString(expected)}', found '${analysisTypeToString(found)}'`,
    expr,
    [expected, found],
  );
}

function argCount(expected: number, got: number): ClarityError {
  return err('IncorrectArgumentCount', `expecting ${expected} arguments, got ${got}`, undefined, [expected, got]);
}

function expectCount(args: readonly unknown[], n: number): void {
  if (args.length !== n) throw argCount(n, args.length);
}

function expectAtLeast(args: readonly unknown[], n: number): void {
  if (args.length < n) throw err('RequiresAtLeastArguments', `expecting >= ${n} arguments, got ${args.length}`);
}

function expectAtMost(args: readonly unknown[], n: number): void {
  if (args.length > n) throw err('RequiresAtMostArguments', `expecting < ${n} arguments, got ${args.length}`);
}

function atomName(e: SymbolicExpression | undefined): string | undefined {
  return e !== undefined && e.type === 'atom' ? e.name : undefined;
}

function isResponse(t: AnalysisType): boolean {
  return t.kind === 'response';
}

function principalKey(p: ContractPrincipal): string {
  return principalToString(p);
}

/** Variable scopes of a function body or a `let` (`TypingContext`). */
class Scope {
  private readonly vars = new Map<string, AnalysisType>();
  /** Names bound as trait references (`traits_references`): trait parameters, and let-bound traits from Clarity 2. */
  private readonly traitRefs = new Set<string>();
  constructor(
    readonly parent: Scope | undefined,
    readonly depth: number,
  ) {
    if (depth > MAX_CONTEXT_DEPTH) throw err('MaxContextDepthReached', 'maximum context depth reached');
  }
  child(): Scope {
    return new Scope(this, this.depth + 1);
  }
  set(name: string, t: AnalysisType): void {
    this.vars.set(name, t);
  }
  get(name: string): AnalysisType | undefined {
    return this.vars.get(name) ?? this.parent?.get(name);
  }
  /** Binds `name` as a trait reference too (`add_trait_reference`). */
  markTraitRef(name: string): void {
    this.traitRefs.add(name);
  }
  /** True when `name` is bound as a trait reference (`lookup_trait_reference_type`). */
  isTraitRef(name: string): boolean {
    return this.traitRefs.has(name) || (this.parent?.isTraitRef(name) ?? false);
  }
}

type FunctionKind = 'public' | 'read-only' | 'private';

interface DefinedFunction {
  readonly kind: FunctionKind;
  readonly signature: FunctionSignature;
  readonly readOnly: boolean;
}

/** Collects the early-return types of one function body and whether it writes. */
interface BodyState {
  returns: AnalysisType | undefined;
  writes: boolean;
}

class Checker {
  readonly version: Version;
  /** Epoch 2.1 or later (the v2.1 type checker); 2.05 uses the older rules. */
  readonly epoch21: boolean;
  /** Epoch 3.3 or later: function parameter and trait method counts are limited. */
  readonly limitsCounts: boolean;
  readonly functions = new Map<string, DefinedFunction>();
  /** Names `use-trait` adds to the contract's trait names (see `isNameUsed`). */
  private readonly traitAliases = new Set<string>();
  readonly analysis: ContractAnalysis;
  private body: BodyState | undefined;
  /** Where analysis costs and memory are charged (spec-costs.md 4.6). */
  private readonly costs: CostTracker;
  /** Traits imported with `use-trait`, by identifier (the contract context's `get_trait` finds them free). */
  private readonly usedTraits = new Set<string>();
  /** Epoch 2.5 or later: bound names and types count as memory (`analysis_memory`). */
  private readonly analysisMemory: boolean;

  constructor(
    private readonly ast: ContractAst,
    private readonly opts: AnalyzeOptions,
  ) {
    this.version = opts.clarityVersion;
    const epoch = resolveEpochId(opts.epoch);
    this.epoch21 = usesParserV2(epoch);
    this.limitsCounts = compareEpochs(epoch, StacksEpochId.Epoch33) >= 0;
    this.costs = opts.costs ?? FREE_COST_TRACKER;
    this.analysisMemory = this.costs.tracking && compareEpochs(epoch, StacksEpochId.Epoch25) >= 0;
    this.analysis = {
      contractIdentifier: ast.contractIdentifier,
      clarityVersion: opts.clarityVersion,
      epoch: opts.epoch,
      publicFunctions: new Map(),
      readOnlyFunctions: new Map(),
      privateFunctions: new Map(),
      constants: new Map(),
      dataVars: new Map(),
      maps: new Map(),
      fungibleTokens: new Set(),
      nonFungibleTokens: new Map(),
      definedTraits: new Map(),
      implementedTraits: [...ast.implementedTraits],
      typeMap: new Map(),
    };
  }

  // ---------------------------------------------------------------- costs

  private charge(fn: CostFunctionName, n: number): void {
    if (this.costs.tracking) this.costs.charge(fn, n);
  }

  /** `analysis_typecheck_cost`: AnalysisTypeCheck with n = the larger type size. */
  private chargeTypeCheck(a: AnalysisType, b: AnalysisType): void {
    if (this.costs.tracking) this.costs.charge('cost_analysis_type_check', Math.max(a.typeSize, b.typeSize));
  }

  /** Counts a bound name and its type as analysis memory (2.5+); returns the bytes added. */
  private bindMemory(name: string, typeSize: number): number {
    if (!this.analysisMemory) return 0;
    const bytes = name.length + typeSize;
    this.costs.addMemory(bytes);
    return bytes;
  }

  private dropBindMemory(bytes: number): void {
    if (bytes > 0) this.costs.dropMemory(bytes);
  }

  // ---------------------------------------------------------------- names

  private isNameUsed(name: string): boolean {
    const a = this.analysis;
    // As in the reference's `check_name_used`, read-only functions are not in this set.
    const f = this.functions.get(name);
    return (
      (f !== undefined && f.kind !== 'read-only') ||
      this.traitAliases.has(name) ||
      a.constants.has(name) ||
      a.dataVars.has(name) ||
      a.maps.has(name) ||
      a.fungibleTokens.has(name) ||
      a.nonFungibleTokens.has(name) ||
      a.definedTraits.has(name)
    );
  }

  /** `check_name_reserved` plus the contract-level uniqueness check of definitions. */
  private checkNewDefinitionName(name: string, expr?: SymbolicExpression): void {
    // `is_reserved_word`: most reserved names fail only at run time; this one fails analysis.
    if (this.version >= 3 && name === 'block-height') throw err('ReservedWord', `${name} is a reserved word`, expr, [name]);
    if (this.isNameUsed(name)) throw err('NameAlreadyUsed', `defining '${name}' conflicts with previous value`, expr, [name]);
  }


  // ---------------------------------------------------------------- traits

  private lookupContract(contract: ContractPrincipal): ContractAnalysis | undefined {
    if (principalKey(contract) === principalKey(this.ast.contractIdentifier)) return this.analysis;
    return this.opts.contracts?.(contract);
  }

  /**
   * The signature of a trait another contract (or this one) defines; undefined when the defining
   * contract is unknown to this analysis because it has no lookup.
   */
  private resolveTrait(id: TraitIdentifier): TraitSignature | undefined {
    const contract = this.lookupContract(id.contract);
    if (contract === undefined) {
      if (this.opts.contracts === undefined) return undefined;
      throw err('NoSuchContract', `use of unresolved contract '${principalKey(id.contract)}'`, undefined, [
        principalKey(id.contract),
      ]);
    }
    const sig = contract.definedTraits.get(id.name);
    if (sig === undefined) throw err('NoSuchTrait', `use of undeclared trait <${id.name}>`, undefined, [id.name]);
    return sig;
  }

  private traitOfReference(e: SymbolicExpression): AnalysisType {
    if (e.type !== 'trait-reference') throw err('InvalidTypeDescription', 'invalid type description', e);
    const def = e.definition;
    if (def.kind === 'defined' && !this.analysis.definedTraits.has(def.trait.name)) {
      throw err('NoSuchTrait', `use of undeclared trait <${e.name}>`, e, [e.name]);
    }
    return traitType(def.trait);
  }

  private parseType(e: SymbolicExpression, allowTraits: boolean): AnalysisType {
    return parseTypeRepr(e, allowTraits ? (t) => this.traitOfReference(t) : undefined);
  }

  // ---------------------------------------------------------------- top level

  run(): ContractAnalysis {
    const exprs = this.ordered();
    if (this.costs.tracking) this.charge('cost_analysis_storage', countNodes(this.ast.expressions));
    for (const e of exprs) {
      if (!this.checkDefinition(e)) this.typeCheck(e, new Scope(undefined, 0));
    }
    for (const t of this.analysis.implementedTraits) this.checkImplementation(t);
    return this.analysis;
  }

  private ordered(): SymbolicExpression[] {
    if (this.ast.topLevelExpressionSorting !== undefined) return this.ast.expressions;
    const order = definitionOrder(this.ast.expressions, this.version);
    return order.map((i) => this.ast.expressions[i]!);
  }

  /** Handles a top-level `define-*`; false when `e` is not a definition. */
  private checkDefinition(e: SymbolicExpression): boolean {
    if (e.type !== 'list') return false;
    const form = atomName(e.items[0]);
    if (form === undefined || !isDefineForm(form)) return false;
    const args = e.items.slice(1);
    const a = this.analysis;
    switch (form) {
      case 'define-constant': {
        defineShape(() => expectCount(args, 2));
        const name = atomName(args[0]);
        if (name === undefined) throw err('ExpectedName', 'expected a name argument to this function', e);
        const t = this.typeCheck(args[1]!, new Scope(undefined, 0));
        this.charge('cost_analysis_bind_name', t.typeSize);
        this.bindMemory(name, t.typeSize);
        // As `add_variable_type`: the name is checked once the definition is typed and bound.
        this.checkNewDefinitionName(name, args[0]);
        a.constants.set(name, t);
        return true;
      }
      case 'define-data-var': {
        defineShape(() => expectCount(args, 3));
        const name = atomName(args[0]);
        if (name === undefined) throw err('DefineVariableBadSignature', 'invalid variable definition', e);
        let t: AnalysisType;
        try {
          t = this.parseType(args[1]!, false);
        } catch {
          throw err('DefineVariableBadSignature', 'invalid variable definition', e);
        }
        this.expect(args[2]!, new Scope(undefined, 0), t);
        this.charge('cost_analysis_bind_name', t.typeSize);
        this.bindMemory(name, t.typeSize);
        this.checkNewDefinitionName(name, args[0]);
        a.dataVars.set(name, t);
        return true;
      }
      case 'define-map': {
        defineShape(() => expectCount(args, 3));
        const name = atomName(args[0]);
        if (name === undefined) throw err('BadMapName', 'invalid map name', e);
        let key: AnalysisType;
        let value: AnalysisType;
        try {
          key = this.parseType(args[1]!, false);
          value = this.parseType(args[2]!, false);
        } catch {
          throw err('BadMapTypeDefinition', 'invalid map definition', e);
        }
        this.charge('cost_analysis_bind_name', key.typeSize + value.typeSize);
        this.bindMemory(name, key.typeSize + value.typeSize);
        this.checkNewDefinitionName(name, args[0]);
        a.maps.set(name, { key, value });
        return true;
      }
      case 'define-fungible-token': {
        defineShape(() => expectAtLeast(args, 1));
        defineShape(() => expectAtMost(args, 2));
        const name = atomName(args[0]);
        if (name === undefined) throw err('BadTokenName', 'invalid token name', e);
        if (args[1] !== undefined) this.expect(args[1], new Scope(undefined, 0), ClarityType.uint);
        this.charge('cost_analysis_bind_name', ClarityType.uint.typeSize);
        this.bindMemory(name, ClarityType.uint.typeSize);
        this.checkNewDefinitionName(name, args[0]);
        a.fungibleTokens.add(name);
        return true;
      }
      case 'define-non-fungible-token': {
        defineShape(() => expectCount(args, 2));
        const name = atomName(args[0]);
        if (name === undefined) throw err('BadTokenName', 'invalid token name', e);
        let t: AnalysisType;
        try {
          t = this.parseType(args[1]!, false);
        } catch {
          throw err('DefineNFTBadSignature', 'invalid NFT definition', e);
        }
        this.charge('cost_analysis_bind_name', t.typeSize);
        this.bindMemory(name, t.typeSize);
        this.checkNewDefinitionName(name, args[0]);
        a.nonFungibleTokens.set(name, t);
        return true;
      }
      case 'define-private':
      case 'define-public':
      case 'define-read-only':
        this.checkFunctionDefinition(form, args, e);
        return true;
      case 'define-trait': {
        defineShape(() => expectAtLeast(args, 1));
        const name = atomName(args[0]);
        if (name === undefined || args.length !== 2) throw err('DefineTraitBadSignature', 'invalid trait definition', e);
        const sig = this.parseTraitSignature(args[1]!);
        this.charge('cost_analysis_bind_name', traitTypeSize(sig));
        this.bindMemory(name, traitTypeSize(sig));
        // Trait names join the uniqueness check only from Clarity 3.
        if (this.version >= 3) this.checkNewDefinitionName(name, args[0]);
        a.definedTraits.set(name, sig);
        return true;
      }
      case 'use-trait': {
        if (args.length !== 2 || args[1]!.type !== 'field') {
          throw err('ExpectedTraitIdentifier', 'expecting expression of type trait identifier', e);
        }
        const alias = atomName(args[0]);
        if (alias === undefined) throw err('ExpectedName', 'expected a name argument to this function', e);
        if (this.version >= 3) this.checkNewDefinitionName(alias, args[0]);
        const used = this.resolveTrait(args[1].trait);
        if (used === undefined) {
          // Only reachable without a contract lookup (no contracts known): charged as a missing trait.
          this.charge('cost_analysis_use_trait_entry', 1);
        } else {
          const size = traitTypeSize(used);
          this.charge('cost_analysis_use_trait_entry', size);
          this.charge('cost_analysis_bind_name', size);
          this.bindMemory(args[1].trait.name, size);
          this.usedTraits.add(traitKey(args[1].trait));
        }
        // Clarity 1 records an imported trait under the trait's own name, Clarity 2 under the alias.
        this.traitAliases.add(this.version === 1 ? args[1].trait.name : alias);
        return true;
      }
      case 'impl-trait':
        if (args[0]?.type === 'field') this.bindMemory(args[0].trait.name, 0);
        // Conformance is checked once every function is known (see `checkImplementation`).
        return true;
      default:
        return false;
    }
  }

  private parseTraitSignature(e: SymbolicExpression): TraitSignature {
    const bad = (): ClarityError => err('DefineTraitBadSignature', 'invalid trait definition', e);
    if (e.type !== 'list') throw bad();
    const methods = new Map<string, FunctionSignature>();
    for (const m of e.items) {
      if (m.type !== 'list' || m.items.length !== 3) throw bad();
      const name = atomName(m.items[0]);
      const argList = m.items[1]!;
      if (name === undefined || argList.type !== 'list') throw bad();
      const argTypes = argList.items.map((t, i) => ({ name: `arg${i}`, type: this.parseType(t, true) }));
      const returns = this.parseType(m.items[2]!, true);
      if (returns.kind !== 'response') throw bad();
      // Clarity 1 keeps the last of duplicate methods; Clarity 2 rejects them.
      if (methods.has(name) && this.version >= 2) {
        throw err('DefineTraitDuplicateMethod', `duplicate method name '${name}' in trait definition`, e, [name]);
      }
      methods.set(name, { args: argTypes, returns });
    }
    if (this.limitsCounts && e.items.length > MAX_TRAIT_METHODS) throw err('TraitTooManyMethods', 'too many trait methods', e);
    return methods;
  }

  private checkFunctionDefinition(form: string, args: SymbolicExpression[], e: SymbolicExpression): void {
    if (args.length !== 2) throw err('DefineFunctionBadSignature', 'invalid function definition', e);
    const sig = args[0]!;
    if (sig.type !== 'list' || sig.items.length === 0) throw err('DefineFunctionBadSignature', 'invalid function definition', e);
    const name = atomName(sig.items[0]);
    if (name === undefined) throw err('BadFunctionName', 'invalid function name', e);
    const params = sig.items.slice(1);
    if (this.limitsCounts && params.length > MAX_FUNCTION_PARAMETERS) throw err('TooManyFunctionParameters', 'too many function parameters', e);
    // The function's typing context extends the top level's, so its depth is 1.
    const scope = new Scope(undefined, 1);
    const fnArgs: { name: string; type: AnalysisType }[] = [];
    let argMemory = 0;
    params.forEach((p, i) => {
      if (p.type !== 'list' || p.items.length !== 2) {
        throw err(
          'BadSyntaxBinding',
          `invalid syntax binding: Function argument definition item #${i + 1} is not a list`,
          p,
        );
      }
      const argName = atomName(p.items[0]);
      if (argName === undefined) {
        throw err('BadSyntaxBinding', `invalid syntax binding: Function argument definition item #${i + 1} is not an atom`, p);
      }
      this.checkNewDefinitionName(argName, p.items[0]);
      const t = this.parseType(p.items[1]!, true);
      argMemory += this.bindMemory(argName, t.typeSize);
      fnArgs.push({ name: argName, type: t });
      scope.set(argName, t);
      if (t.kind === 'trait') scope.markTraitRef(argName);
    });
    const outer = this.body;
    const state: BodyState = { returns: undefined, writes: false };
    this.body = state;
    let bodyType: AnalysisType;
    try {
      bodyType = this.typeCheck(args[1]!, scope);
    } finally {
      this.body = outer;
      this.dropBindMemory(argMemory);
    }
    let returns = bodyType;
    if (state.returns !== undefined) {
      const s = supertype(state.returns, bodyType, !this.epoch21);
      if (s === undefined) {
        throw err(
          'ReturnTypesMustMatch',
          `detected two execution paths, returning two different expression types (got '${analysisTypeToString(state.returns)}' and '${analysisTypeToString(bodyType)}')`,
          e,
        );
      }
      returns = s;
    }
    const kind: FunctionKind = form === 'define-public' ? 'public' : form === 'define-read-only' ? 'read-only' : 'private';
    if (kind === 'read-only' && state.writes) {
      throw readOnlyPassError(err('WriteAttemptedInReadOnly', 'expecting read-only statements, detected a writing operation', e));
    }
    const signature: FunctionSignature = { args: fnArgs, returns: concretize(returns) };
    // BindName, then the response check (public), then the name check (`add_*_function_type`).
    this.charge('cost_analysis_bind_name', functionTypeSize(signature));
    this.bindMemory(name, functionTypeSize(signature));
    if (kind === 'public' && returns.kind !== 'response' && returns.kind !== 'any') {
      throw err(
        'PublicFunctionMustReturnResponse',
        `public functions must return an expression of type 'response', found '${analysisTypeToString(returns)}'`,
        e,
      );
    }
    this.checkNewDefinitionName(name, sig.items[0]);
    this.functions.set(name, { kind, signature, readOnly: !state.writes });
    const table =
      kind === 'public' ? this.analysis.publicFunctions : kind === 'read-only' ? this.analysis.readOnlyFunctions : this.analysis.privateFunctions;
    table.set(name, signature);
  }

  /** `impl-trait` conformance (`BadTraitImplementation`). */
  private checkImplementation(id: TraitIdentifier): void {
    const trait = this.resolveTrait(id);
    if (trait === undefined) return;
    for (const [method, expected] of trait) {
      const f = this.functions.get(method);
      const bad = (): ClarityError =>
        err('BadTraitImplementation', `invalid signature for method '${method}' regarding trait's specification <${id.name}>`, undefined, [
          id.name,
          method,
        ]);
      if (f === undefined || f.kind === 'private') throw bad();
      if (!signatureConforms(expected, f.signature)) throw bad();
    }
  }

  // ---------------------------------------------------------------- expressions

  private record(e: SymbolicExpression, t: AnalysisType): AnalysisType {
    this.analysis.typeMap.set(e.id, t);
    return t;
  }

  /** `type_check`: AnalysisVisit, the check, then AnalysisTypeAnnotate with the result's type size. */
  typeCheck(e: SymbolicExpression, scope: Scope): AnalysisType {
    this.charge('cost_analysis_visit', 0);
    const t = this.typeOf(e, scope);
    this.charge('cost_analysis_type_annotate', t.typeSize);
    return t;
  }

  /** `inner_type_check` without its charges. */
  private typeOf(e: SymbolicExpression, scope: Scope): AnalysisType {
    switch (e.type) {
      case 'literal-value':
        // `literal_type_of`: the v2.1 checker types a contract principal literal as callable.
        if (this.epoch21 && e.value.type === 'principal' && e.value.value.type === 'contract') {
          return this.record(e, callablePrincipal([e.value.value]));
        }
        return this.record(e, literalType(e.value));
      case 'atom-value':
        return this.record(e, literalType(e.value));
      case 'atom':
        return this.record(e, this.lookupVariable(e.name, scope, e));
      case 'list':
        return this.record(e, this.application(e, scope));
      default:
        throw err('UnexpectedTraitOrFieldReference', 'unexpected use of trait reference or field', e);
    }
  }

  /** `type_check_expects`. */
  expect(e: SymbolicExpression, scope: Scope, expected: AnalysisType): AnalysisType {
    const t = this.expectCharged(e, scope, expected);
    if (!admits(expected, t)) throw typeError(expected, t, e);
    this.annotateExpected(expected);
    return t;
  }

  /**
   * The charges of `type_check_expects`: in Clarity 2+ (v2.1 checker) no AnalysisVisit, then
   * AnalysisTypeCheck and an AnalysisTypeAnnotate with the expected type's size; in Clarity 1 a
   * normal `type_check` followed by AnalysisTypeCheck. Returns the expression's own type.
   */
  private expectCharged(e: SymbolicExpression, scope: Scope, expected: AnalysisType): AnalysisType {
    if (this.version >= 2 && this.epoch21) {
      const t = this.typeOf(e, scope);
      this.chargeTypeCheck(expected, t);
      this.chargeInnerTypeCheck(t, expected, 1);
      return t;
    }
    // Clarity 1: a contract principal literal passed as a trait is checked for compliance only.
    if (expected.kind === 'trait' && isContractLiteral(e)) return ClarityType.principal;
    const t = this.typeCheck(e, scope);
    this.chargeTypeCheck(expected, t);
    return t;
  }

  /**
   * The charges of `clarity2_inner_type_check_type`: loading each contract a callable principal
   * names (AnalysisFetchContractEntry, n = its public + read-only function count) and each trait
   * defined elsewhere (AnalysisUseTraitEntry), through optional, response, list and tuple types.
   */
  private chargeInnerTypeCheck(actual: AnalysisType, expected: AnalysisType, depth: number): void {
    if (!this.costs.tracking || depth > 32) return;
    if (expected.kind === 'trait') {
      if (actual.kind === 'trait') {
        if (traitKey(actual.trait) !== traitKey(expected.trait)) {
          this.chargeTraitLookup(actual.trait);
          this.chargeTraitLookup(expected.trait);
        }
        return;
      }
      const callees = callableContracts(actual);
      if (callees === undefined) return;
      for (const c of callees) {
        const other = this.lookupContract(c);
        this.charge(
          'cost_analysis_fetch_contract_entry',
          other === undefined || other === this.analysis ? 1 : other.publicFunctions.size + other.readOnlyFunctions.size,
        );
        if (other === undefined || other === this.analysis) return;
        this.chargeTraitLookup(expected.trait);
      }
      return;
    }
    if (expected.kind === 'optional' && actual.kind === 'optional') this.chargeInnerTypeCheck(actual.inner, expected.inner, depth + 1);
    else if (expected.kind === 'response' && actual.kind === 'response') {
      this.chargeInnerTypeCheck(actual.ok, expected.ok, depth + 1);
      this.chargeInnerTypeCheck(actual.err, expected.err, depth + 1);
    } else if (expected.kind === 'list' && actual.kind === 'list') this.chargeInnerTypeCheck(actual.itemType, expected.itemType, depth + 1);
    else if (expected.kind === 'tuple' && actual.kind === 'tuple') {
      for (const [name, want] of expected.fields) {
        const have = actual.fields.get(name);
        if (have !== undefined) this.chargeInnerTypeCheck(have, want, depth + 1);
      }
    }
  }

  /** `clarity2_lookup_trait`: free for this contract's own and imported traits, else AnalysisUseTraitEntry (n = trait size, 1 if unknown). */
  private chargeTraitLookup(id: TraitIdentifier): void {
    if (principalKey(id.contract) === principalKey(this.ast.contractIdentifier) || this.usedTraits.has(traitKey(id))) return;
    const sig = this.opts.contracts?.(id.contract)?.definedTraits.get(id.name);
    this.charge('cost_analysis_use_trait_entry', sig === undefined ? 1 : traitTypeSize(sig));
  }

  /**
   * The end of `type_check_expects` once the expression passed every check: in Clarity 2+ the
   * expression is annotated with the expected type (Clarity 1 annotated it in `type_check`).
   */
  private annotateExpected(expected: AnalysisType): void {
    if (this.version >= 2 && this.epoch21) this.charge('cost_analysis_type_annotate', expected.typeSize);
  }

  /** A simple native's argument: `type_check`, then AnalysisTypeCheck per candidate type until one admits it. */
  private simpleArg(e: SymbolicExpression, scope: Scope, want: readonly AnalysisType[]): AnalysisType {
    const t = this.typeCheck(e, scope);
    for (const w of want) {
      this.chargeTypeCheck(w, t);
      if (admits(w, t)) return t;
    }
    if (want.length === 1) throw typeError(want[0]!, t, e);
    throw err(
      'UnionTypeError',
      `expecting expression of type ${want.map((w) => `'${analysisTypeToString(w)}'`).join(' or ')}, found '${analysisTypeToString(t)}'`,
      e,
    );
  }

  private lookupVariable(name: string, scope: Scope, e: SymbolicExpression): AnalysisType {
    this.charge('cost_analysis_lookup_variable_const', 0);
    const reserved = reservedVariable(name, this.version);
    if (reserved !== undefined) return reserved;
    const constant = this.analysis.constants.get(name);
    if (constant !== undefined) return constant;
    if (!scope.isTraitRef(name)) {
      if (scope.depth === 0) throw err('UndefinedVariable', `use of unresolved variable '${name}'`, e, [name]);
      this.charge('cost_analysis_lookup_variable_depth', scope.depth);
    }
    const local = scope.get(name);
    if (local !== undefined) return local;
    throw err('UndefinedVariable', `use of unresolved variable '${name}'`, e, [name]);
  }

  private statements(args: readonly SymbolicExpression[], scope: Scope): AnalysisType {
    let unchecked = false;
    let last: AnalysisType = ANY;
    args.forEach((a, i) => {
      const t = this.typeCheck(a, scope);
      if (i + 1 < args.length) {
        if (isResponse(t)) unchecked = true;
      } else last = t;
    });
    if (unchecked) {
      throw err('UncheckedIntermediaryResponses', 'intermediary responses in consecutive statements must be checked');
    }
    return last;
  }

  private all(args: readonly SymbolicExpression[], scope: Scope): AnalysisType[] {
    return args.map((a) => this.typeCheck(a, scope));
  }

  /** `track_return_type`: AnalysisTypeCheck with n = the returned type's size, then the tracking. */
  private trackReturn(t: AnalysisType, e: SymbolicExpression): void {
    this.charge('cost_analysis_type_check', t.typeSize);
    this.earlyReturn(t, e);
  }

  private earlyReturn(t: AnalysisType, e: SymbolicExpression): void {
    if (this.body === undefined) return;
    if (this.body.returns === undefined) {
      this.body.returns = t;
      return;
    }
    const s = supertype(this.body.returns, t, !this.epoch21);
    if (s === undefined) {
      throw err(
        'ReturnTypesMustMatch',
        `detected two execution paths, returning two different expression types (got '${analysisTypeToString(this.body.returns)}' and '${analysisTypeToString(t)}')`,
        e,
      );
    }
    this.body.returns = s;
  }

  private markWrite(): void {
    if (this.body !== undefined) this.body.writes = true;
  }

  private application(e: SymbolicExpression & { type: 'list' }, scope: Scope): AnalysisType {
    const [head, ...args] = e.items;
    if (head === undefined) throw err('NonFunctionApplication', 'expecting expression of type function', e);
    const name = atomName(head);
    if (name === undefined) throw err('BadFunctionName', 'invalid function name', e);
    if (lookupNativeName(name, this.version) !== undefined) return this.native(name, args, scope, e);
    const f = this.functions.get(name);
    if (f !== undefined) {
      if (!f.readOnly) this.markWrite();
      return this.callUser(f.signature, args, scope);
    }
    throw err('UnknownFunction', `use of unresolved function '${name}'`, e, [name]);
  }

  private callUser(sig: FunctionSignature, args: SymbolicExpression[], scope: Scope): AnalysisType {
    // As the reference's analysis does, only the argument types are compared, pairwise; a wrong
    // argument count is found when the call is evaluated.
    args.forEach((a, i) => {
      const expected = sig.args[i]?.type;
      if (expected === undefined) {
        this.typeCheck(a, scope);
        return;
      }
      this.checkArgument(expected, this.expectCharged(a, scope, expected), a);
      this.annotateExpected(expected);
    });
    return sig.returns;
  }

  // ---------------------------------------------------------------- natives

  private intOrUint(args: SymbolicExpression[], scope: Scope): AnalysisType {
    const types = this.all(args, scope);
    // `ArithmeticVariadic/Binary/Unary`: AnalysisTypeCheck against `int` per argument.
    for (const t of types) this.chargeTypeCheck(int1, t);
    const first = types.find((t) => t.kind !== 'any');
    if (first === undefined) return ANY;
    if (first.kind !== 'int' && first.kind !== 'uint') {
      throw err('UnionTypeError', `expecting expression of type 'int' or 'uint', found '${analysisTypeToString(first)}'`, args[0]);
    }
    types.forEach((t, i) => {
      if (t.kind !== 'any' && t.kind !== first.kind) throw typeError(first, t, args[i]);
    });
    return first;
  }

  private native(name: string, args: SymbolicExpression[], scope: Scope, e: SymbolicExpression): AnalysisType {
    const { uint, int, bool, principal } = ClarityType;
    switch (name) {
      case '+':
      case '-':
      case '*':
      case '/':
        expectAtLeast(args, 1);
        return this.intOrUint(args, scope);
      case 'mod':
      case 'pow':
      case 'xor':
        expectCount(args, 2);
        return this.intOrUint(args, scope);
      case 'bit-and':
      case 'bit-or':
      case 'bit-xor':
        expectAtLeast(args, 1);
        return this.intOrUint(args, scope);
      case 'sqrti':
      case 'log2':
      case 'bit-not':
        expectCount(args, 1);
        return this.intOrUint(args, scope);
      case 'bit-shift-left':
      case 'bit-shift-right': {
        expectCount(args, 2);
        const t = this.simpleArg(args[0]!, scope, [int, uint]);
        this.simpleArg(args[1]!, scope, [uint]);
        return t.kind === 'any' ? ANY : t;
      }
      case 'to-int':
        expectCount(args, 1);
        this.simpleArg(args[0]!, scope, [uint]);
        return int;
      case 'to-uint':
        expectCount(args, 1);
        this.simpleArg(args[0]!, scope, [int]);
        return uint;
      case '<':
      case '>':
      case '<=':
      case '>=': {
        expectCount(args, 2);
        const [a, b] = this.all(args, scope) as [AnalysisType, AnalysisType];
        this.chargeTypeCheck(int, a);
        this.chargeTypeCheck(int, b);
        if (a.kind === 'any' || b.kind === 'any') return bool;
        const comparable =
          a.kind === 'int' ||
          a.kind === 'uint' ||
          (this.version >= 2 && (a.kind === 'buffer' || a.kind === 'string-ascii' || a.kind === 'string-utf8'));
        if (!comparable) {
          throw err('UnionTypeError', `expecting expression of type 'int' or 'uint', found '${analysisTypeToString(a)}'`, args[0]);
        }
        if (a.kind !== b.kind) throw typeError(a, b, args[1]);
        return bool;
      }
      case 'and':
      case 'or':
        expectAtLeast(args, 1);
        for (const a of args) this.simpleArg(a, scope, [bool]);
        return bool;
      case 'not':
        expectCount(args, 1);
        this.simpleArg(args[0]!, scope, [bool]);
        return bool;
      case 'is-eq': {
        expectAtLeast(args, 1);
        const types = this.all(args, scope);
        let acc = types[0]!;
        this.chargeTypeCheck(acc, acc);
        types.slice(1).forEach((t, i) => {
          this.chargeTypeCheck(t, acc);
          const s = supertype(acc, t, !this.epoch21);
          if (s === undefined) throw typeError(acc, t, args[i + 1]);
          acc = s;
        });
        return bool;
      }
      case 'if': {
        expectCount(args, 3);
        this.expect(args[0]!, scope, bool);
        const a = this.typeCheck(args[1]!, scope);
        const b = this.typeCheck(args[2]!, scope);
        this.chargeTypeCheck(a, b);
        const s = supertype(a, b, !this.epoch21);
        // `least_supertype` then `concretize`: a trait reference and a contract principal join
        // (`ListUnionType`) but do not concretize.
        if (s === undefined || isTraitUnion(s)) {
          throw err(
            'IfArmsMustMatch',
            `expression types returned by the arms of 'if' must match (got '${analysisTypeToString(a)}' and '${analysisTypeToString(b)}')`,
            e,
          );
        }
        return concretize(s);
      }
      case 'begin':
        expectAtLeast(args, 1);
        return this.statements(args, scope);
      case 'let':
        return this.letForm(args, scope, e);
      case 'asserts!': {
        expectCount(args, 2);
        this.expect(args[0]!, scope, bool);
        this.trackReturn(this.typeCheck(args[1]!, scope), e);
        return bool;
      }
      case 'unwrap!':
      case 'unwrap-err!':
      case 'unwrap-panic':
      case 'unwrap-err-panic':
      case 'try!':
        return this.unwrapForm(name, args, scope, e);
      case 'some':
        expectCount(args, 1);
        this.charge('cost_analysis_option_cons', 0);
        return AType.optional(this.typeCheck(args[0]!, scope));
      case 'ok':
        expectCount(args, 1);
        this.charge('cost_analysis_option_cons', 0);
        return AType.response(this.typeCheck(args[0]!, scope), ClarityType.noType);
      case 'err':
        expectCount(args, 1);
        this.charge('cost_analysis_option_cons', 0);
        return AType.response(ClarityType.noType, this.typeCheck(args[0]!, scope));
      case 'is-some':
      case 'is-none': {
        expectCount(args, 1);
        const t = this.typeCheck(args[0]!, scope);
        this.charge('cost_analysis_option_check', 0);
        if (t.kind !== 'optional' && t.kind !== 'any') {
          throw err('ExpectedOptionalType', `expecting expression of type 'optional', found '${analysisTypeToString(t)}'`, args[0]);
        }
        return bool;
      }
      case 'is-ok':
      case 'is-err': {
        expectCount(args, 1);
        const t = this.typeCheck(args[0]!, scope);
        this.charge('cost_analysis_option_check', 0);
        if (t.kind !== 'response' && t.kind !== 'any') {
          throw err('ExpectedResponseType', `expecting expression of type 'response', found '${analysisTypeToString(t)}'`, args[0]);
        }
        return bool;
      }
      case 'default-to': {
        expectCount(args, 2);
        const d = this.typeCheck(args[0]!, scope);
        const o = this.typeCheck(args[1]!, scope);
        this.chargeTypeCheck(d, o);
        if (o.kind === 'any') return ANY;
        if (o.kind !== 'optional') {
          throw err('ExpectedOptionalType', `expecting expression of type 'optional', found '${analysisTypeToString(o)}'`, args[1]);
        }
        const s = supertype(d, o.inner, !this.epoch21);
        if (s === undefined) throw err('DefaultTypesMustMatch', 'expression types passed in default-to must match', e);
        return s;
      }
      case 'match':
        return this.matchForm(args, scope, e);
      case 'list': {
        if (args.length === 0) return EMPTY_LIST_TYPE;
        const types = this.all(args, scope);
        for (const t of types) this.charge('cost_analysis_list_items_check', t.typeSize);
        let acc = types[0]!;
        types.slice(1).forEach((t, i) => {
          const s = supertype(acc, t, !this.epoch21);
          if (s === undefined) throw typeError(acc, t, args[i + 1]);
          acc = s;
        });
        return AType.list(acc, args.length);
      }
      case 'tuple':
        return this.tupleForm(args, scope);
      case 'get': {
        expectCount(args, 2);
        const field = atomName(args[0]);
        if (field === undefined) throw err('BadTupleFieldName', 'invalid tuple field name', args[0]);
        const t = this.typeCheck(args[1]!, scope);
        if (t.kind === 'any') return ANY;
        const tupleT = t.kind === 'optional' ? t.inner : t;
        if (tupleT.kind === 'tuple') this.charge('cost_analysis_check_tuple_get', tupleT.fields.size);
        if (t.kind === 'optional' && t.inner.kind === 'tuple') {
          const ft = t.inner.fields.get(field);
          if (ft === undefined) {
            throw err('NoSuchTupleField', `cannot find field '${field}' in tuple '${analysisTypeToString(t.inner)}'`, e, [field]);
          }
          return AType.optional(ft);
        }
        if (t.kind !== 'tuple') throw err('ExpectedTuple', `expecting tuple, found '${analysisTypeToString(t)}'`, args[1]);
        const ft = t.fields.get(field);
        if (ft === undefined) {
          throw err('NoSuchTupleField', `cannot find field '${field}' in tuple '${analysisTypeToString(t)}'`, e, [field]);
        }
        return ft;
      }
      case 'merge': {
        expectCount(args, 2);
        const [a, b] = this.all(args, scope) as [AnalysisType, AnalysisType];
        if (a.kind !== 'tuple' && a.kind !== 'any') throw err('ExpectedTuple', `expecting tuple, found '${analysisTypeToString(a)}'`, args[0]);
        if (b.kind !== 'tuple' && b.kind !== 'any') throw err('ExpectedTuple', `expecting tuple, found '${analysisTypeToString(b)}'`, args[1]);
        if (a.kind !== 'tuple' || b.kind !== 'tuple') return ANY;
        this.charge('cost_analysis_check_tuple_merge', b.fields.size);
        const fields = new Map(a.fields as Map<string, AnalysisType>);
        for (const [k, v] of b.fields) fields.set(k, v);
        return AType.tuple(fields);
      }
      case 'len': {
        expectCount(args, 1);
        const t = this.typeCheck(args[0]!, scope);
        this.charge('cost_analysis_iterable_func', 0);
        this.expectSequence(t, args[0]!);
        return uint;
      }
      case 'print':
        expectCount(args, 1);
        return this.typeCheck(args[0]!, scope);
      case 'sha256':
      case 'sha512':
      case 'sha512/256':
      case 'keccak256':
      case 'hash160': {
        expectCount(args, 1);
        const t = this.typeCheck(args[0]!, scope);
        // `UnionArgs(buff 1048576, uint, int)`: one AnalysisTypeCheck per candidate tried.
        for (const w of HASH_INPUTS) {
          this.chargeTypeCheck(w, t);
          if (admits(w, t)) break;
        }
        if (t.kind !== 'any' && t.kind !== 'buffer' && t.kind !== 'int' && t.kind !== 'uint') {
          throw err('UnionTypeError', `expecting expression of type 'buff', 'int' or 'uint', found '${analysisTypeToString(t)}'`, args[0]);
        }
        return AType.buffer(name === 'sha512' ? 64 : name === 'hash160' ? 20 : 32);
      }
      case 'var-get': {
        expectCount(args, 1);
        const v = this.dataVar(args[0]);
        this.charge('cost_analysis_type_lookup', v.typeSize);
        return v;
      }
      case 'var-set': {
        expectCount(args, 2);
        const t = this.typeCheck(args[1]!, scope);
        const v = this.dataVar(args[0]);
        this.charge('cost_analysis_type_lookup', v.typeSize);
        this.chargeTypeCheck(t, v);
        if (!admits(v, t)) throw typeError(v, t, args[1]);
        this.markWrite();
        return bool;
      }
      case 'map-get?':
      case 'map-delete': {
        expectCount(args, 2);
        // The map name must be an atom before the key is typed; the map is looked up after.
        if (atomName(args[0]) === undefined) throw err('BadMapName', 'invalid map name', args[0]);
        const k = this.typeCheck(args[1]!, scope);
        const m = this.map(args[0]);
        this.charge('cost_analysis_type_lookup', m.key.typeSize);
        if (name === 'map-get?') this.charge('cost_analysis_type_lookup', m.value.typeSize);
        this.chargeTypeCheck(m.key, k);
        if (!admits(m.key, k)) throw typeError(m.key, k, args[1]);
        if (name === 'map-delete') {
          this.markWrite();
          return bool;
        }
        return AType.optional(m.value);
      }
      case 'map-set':
      case 'map-insert': {
        expectCount(args, 3);
        if (atomName(args[0]) === undefined) throw err('BadMapName', 'invalid map name', args[0]);
        const k = this.typeCheck(args[1]!, scope);
        const v = this.typeCheck(args[2]!, scope);
        const m = this.map(args[0]);
        this.charge('cost_analysis_type_lookup', m.key.typeSize);
        this.charge('cost_analysis_type_lookup', v.typeSize);
        this.chargeTypeCheck(m.key, k);
        this.chargeTypeCheck(m.value, v);
        if (!admits(m.key, k)) throw typeError(m.key, k, args[1]);
        if (!admits(m.value, v)) throw typeError(m.value, v, args[2]);
        this.markWrite();
        return bool;
      }
      case 'contract-call?':
        return this.contractCall(args, scope, e);
      case 'contract-of': {
        expectCount(args, 1);
        const a = args[0]!;
        if (a.type !== 'atom') throw err('ContractOfExpectsTrait', 'trait reference expected', a);
        const t = scope.get(a.name);
        if (t === undefined || (t.kind !== 'trait' && t.kind !== 'any')) throw err('ContractOfExpectsTrait', 'trait reference expected', a);
        this.charge('cost_contract_of', 1);
        return principal;
      }
      case 'as-contract':
        expectCount(args, 1);
        return this.typeCheck(args[0]!, scope);
      case 'stx-get-balance':
        expectCount(args, 1);
        this.simpleArg(args[0]!, scope, [principal]);
        return uint;
      case 'stx-transfer?':
        expectCount(args, 3);
        this.charge('cost_analysis_type_lookup', 0);
        this.expect(args[0]!, scope, uint);
        this.expect(args[1]!, scope, principal);
        this.expect(args[2]!, scope, principal);
        this.markWrite();
        return AType.response(bool, uint);
      case 'stx-burn?':
        expectCount(args, 2);
        this.simpleArg(args[0]!, scope, [uint]);
        this.simpleArg(args[1]!, scope, [principal]);
        this.markWrite();
        return AType.response(bool, uint);
      case 'stx-transfer-memo?':
        expectCount(args, 4);
        this.charge('cost_analysis_type_lookup', 0);
        this.expect(args[0]!, scope, uint);
        this.expect(args[1]!, scope, principal);
        this.expect(args[2]!, scope, principal);
        this.expect(args[3]!, scope, AType.buffer(34));
        this.markWrite();
        return AType.response(bool, uint);
      case 'ft-get-balance':
        expectCount(args, 2);
        this.ft(args[0]);
        this.charge('cost_analysis_type_lookup', 1);
        this.expect(args[1]!, scope, principal);
        return uint;
      case 'ft-get-supply':
        expectCount(args, 1);
        this.ft(args[0]);
        this.charge('cost_analysis_type_lookup', 1);
        return uint;
      case 'ft-mint?':
      case 'ft-burn?':
        expectCount(args, 3);
        this.tokenName(args[0]);
        this.charge('cost_analysis_type_lookup', 1);
        this.expect(args[1]!, scope, uint);
        this.expect(args[2]!, scope, principal);
        this.ft(args[0]);
        this.markWrite();
        return AType.response(bool, uint);
      case 'ft-transfer?':
        expectCount(args, 4);
        this.tokenName(args[0]);
        this.charge('cost_analysis_type_lookup', 1);
        this.expect(args[1]!, scope, uint);
        this.expect(args[2]!, scope, principal);
        this.expect(args[3]!, scope, principal);
        this.ft(args[0]);
        this.markWrite();
        return AType.response(bool, uint);
      case 'nft-get-owner?':
        expectCount(args, 2);
        this.expect(args[1]!, scope, this.nftLookup(args[0]));
        return AType.optional(principal);
      case 'nft-mint?':
      case 'nft-burn?':
        expectCount(args, 3);
        this.expect(args[1]!, scope, this.nftLookup(args[0]));
        this.expect(args[2]!, scope, principal);
        this.markWrite();
        return AType.response(bool, uint);
      case 'nft-transfer?':
        expectCount(args, 4);
        this.expect(args[1]!, scope, this.nftLookup(args[0]));
        this.expect(args[2]!, scope, principal);
        this.expect(args[3]!, scope, principal);
        this.markWrite();
        return AType.response(bool, uint);
      case 'map':
      case 'filter':
      case 'fold':
        return this.higherOrder(name, args, scope, e);
      case 'append': {
        expectCount(args, 2);
        this.charge('cost_analysis_iterable_func', 0);
        const l = this.typeCheck(args[0]!, scope);
        if (l.kind !== 'list' && l.kind !== 'any') throw err('ExpectedListApplication', 'expecting expression of type list', args[0]);
        const item = this.typeCheck(args[1]!, scope);
        if (l.kind === 'any') return ANY;
        this.chargeTypeCheck(l.itemType, item);
        if (l.maxLength === 0) return AType.list(item, 1);
        const s = supertype(l.itemType, item, !this.epoch21);
        if (s === undefined) throw typeError(l.itemType, item, args[1]);
        return AType.list(s, l.maxLength + 1);
      }
      case 'concat': {
        expectCount(args, 2);
        const [a, b] = this.all(args, scope) as [AnalysisType, AnalysisType];
        this.charge('cost_analysis_iterable_func', 0);
        this.chargeTypeCheck(a, b);
        if (a.kind === 'any' || b.kind === 'any') return ANY;
        this.expectSequence(a, args[0]!);
        this.expectSequence(b, args[1]!);
        if (a.kind === 'list' && b.kind === 'list') {
          const s = supertype(a, b, !this.epoch21);
          if (s === undefined) throw typeError(a, b, args[1]);
          return AType.list(s.kind === 'list' ? s.itemType : ANY, a.maxLength + b.maxLength);
        }
        if ((a.kind === 'buffer' || a.kind === 'string-ascii' || a.kind === 'string-utf8') && a.kind === b.kind) {
          const n = a.length + (b as { length: number }).length;
          return a.kind === 'buffer' ? AType.buffer(n) : a.kind === 'string-ascii' ? AType.stringAscii(n) : AType.stringUtf8(n);
        }
        throw typeError(a, b, args[1]);
      }
      case 'element-at':
      case 'element-at?': {
        expectCount(args, 2);
        this.expect(args[1]!, scope, uint);
        const t = this.typeCheck(args[0]!, scope);
        this.charge('cost_analysis_iterable_func', 0);
        this.expectSequence(t, args[0]!);
        return AType.optional(elementType(t));
      }
      case 'index-of':
      case 'index-of?': {
        expectCount(args, 2);
        this.charge('cost_analysis_iterable_func', 0);
        const t = this.typeCheck(args[0]!, scope);
        this.expectSequence(t, args[0]!);
        const el = elementType(t);
        const item = el.kind === 'any' ? this.typeCheck(args[1]!, scope) : this.expectCharged(args[1]!, scope, el);
        if (el.kind === 'no-type') throw err('CouldNotDetermineType', 'type of expression cannot be determined', e);
        if (!admits(el, item)) throw typeError(el, item, args[1]);
        if (el.kind !== 'any') this.annotateExpected(el);
        return AType.optional(uint);
      }
      case 'stx-account':
        expectCount(args, 1);
        this.simpleArg(args[0]!, scope, [principal]);
        return AType.tuple(new Map([['locked', uint], ['unlock-height', uint], ['unlocked', uint]]));
      case 'from-consensus-buff?': {
        expectCount(args, 2);
        // The only type the checker parses with itself as the tracker: TypeParseStep per node,
        // charged as the parse goes (so also when it fails).
        if (this.costs.tracking) chargeTypeParseSteps(this.costs, [args[0]!]);
        const t = this.parseType(args[0]!, false);
        this.expect(args[1]!, scope, AType.buffer(1048576));
        return AType.optional(t);
      }
      case 'at-block': {
        expectCount(args, 2);
        this.expect(args[0]!, scope, AType.buffer(32));
        const outer = this.body;
        const state: BodyState = { returns: undefined, writes: false };
        this.body = state;
        let t: AnalysisType;
        try {
          t = this.typeCheck(args[1]!, scope);
        } finally {
          this.body = outer;
        }
        if (state.writes) throw err('AtBlockClosureMustBeReadOnly', 'at-block closure must be read-only', e);
        if (state.returns !== undefined && outer !== undefined) this.earlyReturn(state.returns, e);
        return t;
      }
      case 'restrict-assets?':
      case 'as-contract?':
        return this.restrictAssets(name, args, scope);
      case 'with-stx':
      case 'with-ft':
      case 'with-nft':
      case 'with-stacking':
      case 'with-staking':
      case 'with-pox':
      case 'with-all-assets-unsafe':
        throw err('AllowanceExprNotAllowed', 'allowance expressions are only allowed in the context of a `restrict-assets?` or `as-contract?`', e);
      case 'to-ascii?': {
        expectCount(args, 1);
        const t = this.typeCheck(args[0]!, scope);
        if (t.kind === 'any') return ANY;
        const ok = toAsciiResult(t);
        if (ok === undefined) {
          throw err(
            'UnionTypeError',
            `expecting expression of type 'int', 'uint', 'bool', 'principal', '(buff ${MAX_TO_ASCII_BUFFER_LEN})' or '(string-utf8 262144)', found '${analysisTypeToString(t)}'`,
            args[0],
          );
        }
        return AType.response(ok, uint);
      }
      case 'get-block-info?':
      case 'get-burn-block-info?':
      case 'get-stacks-block-info?':
      case 'get-tenure-info?':
        return this.blockInfo(name, args, scope);
      case 'slice?': {
        expectCount(args, 3);
        this.charge('cost_analysis_iterable_func', 0);
        const t = this.typeCheck(args[0]!, scope);
        this.expectSequence(t, args[0]!);
        this.expect(args[1]!, scope, uint);
        this.expect(args[2]!, scope, uint);
        return AType.optional(t);
      }
      case 'replace-at?': {
        expectCount(args, 3);
        this.charge('cost_analysis_iterable_func', 0);
        const t = this.typeCheck(args[0]!, scope);
        this.expectSequence(t, args[0]!);
        this.expect(args[1]!, scope, uint);
        const unit = elementType(t);
        const item = unit.kind === 'any' || unit.kind === 'no-type' ? this.typeCheck(args[2]!, scope) : this.expectCharged(args[2]!, scope, unit);
        const el = elementType(t);
        if (el.kind === 'no-type') throw err('CouldNotDetermineType', 'type of expression cannot be determined', e);
        if (!admits(el, item)) throw typeError(el, item, args[2]);
        if (unit.kind !== 'any') this.annotateExpected(unit);
        return AType.optional(t);
      }
      case 'as-max-len?': {
        expectCount(args, 2);
        const lenExpr = args[1]!;
        if (lenExpr.type !== 'literal-value' || lenExpr.value.type !== 'uint') {
          const lenT = this.typeCheck(lenExpr, scope);
          if (lenT.kind === 'uint' || lenT.kind === 'any') throw typeError(uint, uint, lenExpr);
          throw typeError(uint, lenT, lenExpr);
        }
        // The literal length is annotated `uint` without a visit.
        this.charge('cost_analysis_type_annotate', uint.typeSize);
        this.record(lenExpr, uint);
        const n = lenExpr.value.value;
        if (n > 0xffff_ffffn) throw err('MaxLengthOverflow', 'expecting a value <= 4294967295', lenExpr);
        const t = this.typeCheck(args[0]!, scope);
        this.charge('cost_analysis_iterable_func', 0);
        this.expectSequence(t, args[0]!);
        const len = Number(n);
        switch (t.kind) {
          case 'list':
            return AType.uncheckedOptional(AType.list(t.itemType, len));
          case 'buffer':
            return AType.uncheckedOptional(AType.buffer(len));
          case 'string-ascii':
            return AType.uncheckedOptional(AType.stringAscii(len));
          case 'string-utf8':
            return AType.uncheckedOptional(AType.stringUtf8(len));
          default:
            return ANY;
        }
      }
      case 'to-consensus-buff?': {
        expectCount(args, 1);
        const t = this.typeCheck(args[0]!, scope);
        if (t.kind === 'no-type' || (t.kind === 'list' && t.itemType.kind === 'no-type') || containsTraitUnion(t)) {
          throw err('CouldNotDetermineSerializationType', 'could not determine the input type for the serialization function', e);
        }
        const size = maxSerializedSize(t);
        return size === undefined ? ANY : AType.optional(AType.buffer(size));
      }
      default:
        break;
    }
    const fixed = FIXED_NATIVES[name];
    if (fixed !== undefined) {
      expectCount(args, fixed.args.length);
      const special = SPECIAL_FIXED.has(name);
      args.forEach((a, i) => {
        const want = fixed.args[i]!;
        if (special) {
          // Special natives check each argument with `type_check_expects`.
          const t = this.expectCharged(a, scope, want[0]!);
          if (!admits(want[0]!, t)) throw typeError(want[0]!, t, a);
          this.annotateExpected(want[0]!);
          return;
        }
        const t = this.typeCheck(a, scope);
        for (const w of want) {
          this.chargeTypeCheck(w, t);
          if (admits(w, t)) break;
        }
        if (!want.some((w) => admits(w, t))) {
          if (want.length === 1) throw typeError(want[0]!, t, a);
          throw err(
            'UnionTypeError',
            `expecting expression of type ${want.map((w) => `'${analysisTypeToString(w)}'`).join(' or ')}, found '${analysisTypeToString(t)}'`,
            a,
          );
        }
      });
      return fixed.returns;
    }
    if (name === 'principal-construct?') {
      expectAtLeast(args, 2);
      expectAtMost(args, 3);
      const want = [AType.buffer(1), AType.buffer(20), AType.stringAscii(40)];
      args.forEach((a, i) => {
        const t = this.expectCharged(a, scope, want[i]!);
        if (!admits(want[i]!, t)) throw typeError(want[i]!, t, a);
        this.annotateExpected(want[i]!);
      });
      return PRINCIPAL_CONSTRUCT_RESULT;
    }
    if (WRITING_NATIVES.has(name)) this.markWrite();
    const pure = NATIVE_FUNCTIONS[name];
    if (pure !== undefined && pure.operands === 'values') {
      const { min, max } = pure.arity;
      if (max === min) expectCount(args, min);
      else {
        expectAtLeast(args, min);
        if (max !== null) expectAtMost(args, max);
      }
      this.all(args, scope);
    }
    return ANY;
  }

  private expectSequence(t: AnalysisType, e: SymbolicExpression): void {
    if (t.kind === 'any' || t.kind === 'list' || t.kind === 'buffer' || t.kind === 'string-ascii' || t.kind === 'string-utf8') return;
    throw err('ExpectedSequence', `expecting expression of type 'list', 'buff', 'string-ascii' or 'string-utf8' - found '${analysisTypeToString(t)}'`, e);
  }

  private tokenName(e: SymbolicExpression | undefined): string {
    const name = atomName(e);
    if (name === undefined) throw err('BadTokenName', 'expecting an token name as an argument', e);
    return name;
  }

  private ft(e: SymbolicExpression | undefined): void {
    const name = this.tokenName(e);
    if (!this.analysis.fungibleTokens.has(name)) {
      throw err('NoSuchFT', `tried to use token function with a undefined token ('${name}')`, e, [name]);
    }
  }

  /** An NFT's asset type, charging AnalysisTypeLookup with its type size. */
  private nftLookup(e: SymbolicExpression | undefined): AnalysisType {
    const t = this.nft(e);
    this.charge('cost_analysis_type_lookup', t.typeSize);
    return t;
  }

  private nft(e: SymbolicExpression | undefined): AnalysisType {
    const name = this.tokenName(e);
    const t = this.analysis.nonFungibleTokens.get(name);
    if (t === undefined) throw err('NoSuchNFT', `tried to use asset function with a undefined asset ('${name}')`, e, [name]);
    return t;
  }

  /** `map`, `filter` and `fold` (`check_special_map` / `_filter` / `_fold`). */
  private higherOrder(name: string, args: SymbolicExpression[], scope: Scope, e: SymbolicExpression): AnalysisType {
    if (name === 'map') expectAtLeast(args, 2);
    else expectCount(args, name === 'fold' ? 3 : 2);
    const fname = atomName(args[0]);
    if (fname === undefined) throw err('NonFunctionApplication', 'expecting expression of type function', e);
    this.charge('cost_analysis_lookup_function', 0);
    const isNative = lookupNativeName(fname, this.version) !== undefined;
    const user = isNative ? undefined : this.functions.get(fname);
    if ((isNative && !SIMPLE_NATIVES.has(fname)) || (!isNative && user === undefined)) {
      throw err('IllegalOrUnknownFunctionApplication', `use of illegal / unresolved function '${fname}`, e, [fname]);
    }
    this.charge('cost_analysis_iterable_func', name === 'map' ? args.length : 0);
    const seqTypes = (name === 'fold' ? [args[1]!] : args.slice(1)).map((a) => {
      const t = this.typeCheck(a, scope);
      this.expectSequence(t, a);
      return t;
    });
    const init = name === 'fold' ? this.typeCheck(args[2]!, scope) : undefined;
    if (user === undefined) {
      if (seqTypes.some((t) => t.kind === 'any') || init?.kind === 'any') return ANY;
      const callArgs = name === 'fold' ? [elementType(seqTypes[0]!), init!] : seqTypes.map(elementType);
      this.chargeSimpleCheck(fname, callArgs);
      const r = this.applySimple(fname, callArgs, args[0]!);
      // `fold` checks the function a second time with its result as the accumulator.
      if (name === 'fold') this.chargeSimpleCheck(fname, [callArgs[0]!, r]);
      if (name === 'filter') {
        if (r.kind !== 'bool' && r.kind !== 'any') throw typeError(ClarityType.bool, r, args[0]);
        return seqTypes[0]!;
      }
      if (name === 'fold') {
        // The accumulator must keep its type across iterations.
        if (r.kind !== 'any' && !admits(r, init!) && !admits(init!, r)) throw typeError(r, init!, args[2]);
        return r;
      }
      if (r.kind === 'any') return ANY;
      const len = Math.min(...seqTypes.map((t) => (t.kind === 'list' ? t.maxLength : (t as { length: number }).length)));
      return AType.list(r, len);
    }
    if (!user.readOnly) this.markWrite();
    const sig = user.signature;
    const callArgs = name === 'fold' ? [elementType(seqTypes[0]!), init!] : seqTypes.map(elementType);
    if (callArgs.length !== sig.args.length) throw argCount(sig.args.length, callArgs.length);
    // `FunctionType::Fixed::check_args`: AnalysisTypeCheck per argument (`fold` checks twice, the
    // second time with the function's return type as the accumulator). Its `admits_type` concretizes
    // in every version: a trait parameter takes only the same trait, no contract or union.
    const checkArgs = (types: readonly AnalysisType[]): void =>
      types.forEach((t, i) => {
        const expected = sig.args[i]!.type;
        this.chargeTypeCheck(expected, t);
        if (!admits(expected, t, true)) throw typeError(expected, t, args[0]);
      });
    checkArgs(callArgs);
    if (name === 'fold') checkArgs([callArgs[0]!, sig.returns]);
    if (name === 'filter') {
      if (sig.returns.kind !== 'bool' && sig.returns.kind !== 'any') throw typeError(ClarityType.bool, sig.returns, args[0]);
      return seqTypes[0]!;
    }
    if (name === 'fold') return sig.returns;
    if (seqTypes.some((t) => t.kind === 'any' || containsAny(t))) return ANY;
    const len = Math.min(...seqTypes.map((t) => (t.kind === 'list' ? t.maxLength : (t as { length: number }).length)));
    return AType.list(sig.returns, len);
  }

  /**
   * The AnalysisTypeCheck charges of a simple native's `check_args` on argument types (as
   * `map`/`filter`/`fold` make them): one per argument against its expected type, or per
   * candidate tried for a union argument.
   */
  private chargeSimpleCheck(name: string, types: readonly AnalysisType[]): void {
    if (!this.costs.tracking) return;
    types.forEach((t, i) => {
      for (const w of simpleNativeCandidates(name, i)) {
        this.chargeTypeCheck(w, t);
        if (admits(w, t)) break;
      }
    });
  }

  /** The result type of a simple native applied to argument types (for `map`/`filter`/`fold`). */
  private applySimple(name: string, types: AnalysisType[], at: SymbolicExpression): AnalysisType {
    const { int, uint, bool } = ClarityType;
    const arith = (): AnalysisType => {
      const first = types[0];
      if (first === undefined) throw argCount(1, 0);
      if (first.kind === 'any') return ANY;
      if (first.kind !== 'int' && first.kind !== 'uint') {
        throw err('UnionTypeError', `expecting expression of type 'int' or 'uint', found '${analysisTypeToString(first)}'`, at);
      }
      for (const t of types.slice(1)) if (t.kind !== 'any' && t.kind !== first.kind) throw typeError(first, t, at);
      return first;
    };
    switch (name) {
      case '+':
      case '-':
      case '*':
      case '/':
      case 'bit-and':
      case 'bit-or':
      case 'bit-xor':
        return arith();
      case 'mod':
      case 'pow':
      case 'xor':
        if (types.length !== 2) throw argCount(2, types.length);
        return arith();
      case 'sqrti':
      case 'log2':
      case 'bit-not':
        if (types.length !== 1) throw argCount(1, types.length);
        return arith();
      case '<':
      case '>':
      case '<=':
      case '>=': {
        if (types.length !== 2) throw argCount(2, types.length);
        const [a, b] = types as [AnalysisType, AnalysisType];
        if (a.kind === 'any' || b.kind === 'any') return bool;
        const comparable =
          a.kind === 'int' ||
          a.kind === 'uint' ||
          (this.version >= 2 && (a.kind === 'buffer' || a.kind === 'string-ascii' || a.kind === 'string-utf8'));
        if (!comparable) throw err('UnionTypeError', `expecting expression of type 'int' or 'uint', found '${analysisTypeToString(a)}'`, at);
        if (a.kind !== b.kind) throw typeError(a, b, at);
        return bool;
      }
      case 'and':
      case 'or':
      case 'not':
        if (name === 'not' && types.length !== 1) throw argCount(1, types.length);
        for (const t of types) if (!admits(bool, t)) throw typeError(bool, t, at);
        return bool;
      case 'to-int':
        if (types.length !== 1) throw argCount(1, types.length);
        if (!admits(uint, types[0]!)) throw typeError(uint, types[0]!, at);
        return int;
      case 'to-uint':
        if (types.length !== 1) throw argCount(1, types.length);
        if (!admits(int, types[0]!)) throw typeError(int, types[0]!, at);
        return uint;
      case 'sha256':
      case 'sha512/256':
      case 'keccak256':
        this.checkSimpleCandidates(name, types, at);
        return AType.buffer(32);
      case 'sha512':
        this.checkSimpleCandidates(name, types, at);
        return AType.buffer(64);
      case 'hash160':
        this.checkSimpleCandidates(name, types, at);
        return AType.buffer(20);
      case 'stx-get-balance':
        this.checkSimpleCandidates(name, types, at);
        return uint;
      case 'stx-burn?':
        this.checkSimpleCandidates(name, types, at);
        return AType.response(bool, uint);
      case 'stx-account':
        this.checkSimpleCandidates(name, types, at);
        return AType.tuple(new Map([['locked', uint], ['unlock-height', uint], ['unlocked', uint]]));
      default: {
        const fixed = FIXED_NATIVES[name];
        if (fixed === undefined) return ANY;
        this.checkSimpleCandidates(name, types, at);
        return fixed.returns;
      }
    }
  }

  /**
   * `check_args` of a simple native on the element types `map`/`filter`/`fold` pass it: one of each
   * argument's candidate types must admit it (so a trait, or a union of traits, is no `principal`).
   */
  private checkSimpleCandidates(name: string, types: readonly AnalysisType[], at: SymbolicExpression): void {
    types.forEach((t, i) => {
      const want = simpleNativeCandidates(name, i);
      if (want.length === 0 || want.some((w) => admits(w, t))) return;
      if (want.length === 1) throw typeError(want[0]!, t, at);
      throw err(
        'UnionTypeError',
        `expecting expression of type ${want.map((w) => `'${analysisTypeToString(w)}'`).join(' or ')}, found '${analysisTypeToString(t)}'`,
        at,
      );
    });
  }

  /** `restrict-assets?` and `as-contract?` (Clarity 4 post-condition forms). */
  private restrictAssets(name: string, args: SymbolicExpression[], scope: Scope): AnalysisType {
    const restrict = name === 'restrict-assets?';
    expectAtLeast(args, restrict ? 3 : 2);
    const listExpr = restrict ? args[1]! : args[0]!;
    if (listExpr.type !== 'list') {
      throw err('ExpectedListOfAllowances', `${name} expects a list of asset allowances as argument ${restrict ? 2 : 1}`, listExpr);
    }
    const allowances = listExpr.items;
    if (allowances.length > 128) throw err('TooManyAllowances', 'too many allowances', listExpr);
    this.charge('cost_analysis_list_items_check', allowances.length + args.length - (restrict ? 2 : 1));
    if (restrict) this.expect(args[0]!, scope, ClarityType.principal);
    for (const a of allowances) {
      const all = this.allowance(a, scope);
      if (all && restrict) {
        throw err('WithAllAllowanceNotAllowed', 'with-all-assets-unsafe is not allowed here, only in the allowance list for `as-contract?`', a);
      }
      if (all && allowances.length > 1) {
        throw err('WithAllAllowanceNotAlone', 'with-all-assets-unsafe must not be used along with other allowances', a);
      }
    }
    const body = args.slice(restrict ? 2 : 1);
    let last: AnalysisType = ANY;
    for (const b of body) {
      const t = this.typeCheck(b, scope);
      if (t.kind === 'response') {
        throw err('UncheckedIntermediaryResponses', 'intermediary responses in consecutive statements must be checked', b);
      }
      last = t;
    }
    return AType.response(last, ClarityType.uint);
  }

  /** One allowance expression; true for `with-all-assets-unsafe`. */
  private allowance(a: SymbolicExpression, scope: Scope): boolean {
    if (a.type !== 'list') throw err('ExpectedListApplication', 'expecting expression of type list', a);
    const [head, ...args] = a.items;
    const fname = atomName(head);
    if (fname === undefined) throw err('NonFunctionApplication', 'expecting expression of type function', a);
    const native = lookupNativeName(fname, this.version);
    if (native === undefined) throw err('UnknownFunction', `use of unresolved function '${fname}'`, a, [fname]);
    const { uint, principal } = ClarityType;
    switch (fname) {
      case 'with-stx':
      case 'with-stacking':
      case 'with-staking':
        expectCount(args, 1);
        this.expect(args[0]!, scope, uint);
        return false;
      case 'with-ft':
        expectCount(args, 3);
        this.expect(args[0]!, scope, principal);
        this.expect(args[1]!, scope, AType.stringAscii(128));
        this.expect(args[2]!, scope, uint);
        return false;
      case 'with-nft': {
        expectCount(args, 3);
        this.expect(args[0]!, scope, principal);
        this.expect(args[1]!, scope, AType.stringAscii(128));
        const ids = this.typeCheck(args[2]!, scope);
        if (ids.kind !== 'list' && ids.kind !== 'any') {
          throw err('WithNftExpectedListOfIdentifiers', 'with-nft allowance must include a list of asset identifiers', a);
        }
        if (ids.kind === 'list' && ids.maxLength > 128) {
          throw err('MaxIdentifierLengthExceeded', 'with-nft allowance identifiers list must not exceed 128 elements', a);
        }
        return false;
      }
      case 'with-all-assets-unsafe':
        expectCount(args, 0);
        return true;
      case 'with-pox':
        this.all(args, scope);
        return false;
      default:
        throw err('ExpectedAllowanceExpr', `${fname} is not a valid allowance expression`, a, [fname]);
    }
  }

  private blockInfo(name: string, args: SymbolicExpression[], scope: Scope): AnalysisType {
    expectCount(args, 2);
    const prop = atomName(args[0]);
    const table = BLOCK_INFO_PROPERTIES[name]!;
    if (prop === undefined) {
      throw err(table.expectName, 'missing property name for block info introspection', args[0]);
    }
    const entry = table.properties[prop];
    if (entry === undefined || entry.since > this.version) {
      throw err(table.noSuch, `use of block unknown property '${prop}'`, args[0], [prop]);
    }
    this.expect(args[1]!, scope, ClarityType.uint);
    return AType.optional(entry.type);
  }

  private dataVar(e: SymbolicExpression | undefined): AnalysisType {
    const name = atomName(e);
    if (name === undefined) throw err('BadMapName', 'invalid map name', e);
    const t = this.analysis.dataVars.get(name);
    if (t === undefined) throw err('NoSuchDataVariable', `use of unresolved persisted variable '${name}'`, e, [name]);
    return t;
  }

  private map(e: SymbolicExpression | undefined): { key: AnalysisType; value: AnalysisType } {
    const name = atomName(e);
    if (name === undefined) throw err('BadMapName', 'invalid map name', e);
    const m = this.analysis.maps.get(name);
    if (m === undefined) throw err('NoSuchMap', `use of unresolved map '${name}'`, e, [name]);
    return m;
  }

  private letForm(args: SymbolicExpression[], scope: Scope, e: SymbolicExpression): AnalysisType {
    expectAtLeast(args, 2);
    const bindings = args[0]!;
    if (bindings.type !== 'list') throw err('BadLetSyntax', 'invalid syntax of \'let\'', e);
    const inner = scope.child();
    this.charge('cost_analysis_check_let', args.length);
    let memory = 0;
    bindings.items.forEach((b, i) => {
      if (b.type !== 'list' || b.items.length !== 2) {
        throw err('BadSyntaxBinding', `invalid syntax binding: Let-binding item #${i + 1} is not a two-element list`, b);
      }
      const name = atomName(b.items[0]);
      if (name === undefined) throw err('BadSyntaxBinding', `invalid syntax binding: Let-binding item #${i + 1} is not an atom`, b);
      this.checkNewDefinitionName(name, b.items[0]);
      if (inner.get(name) !== undefined) throw err('NameAlreadyUsed', `defining '${name}' conflicts with previous value`, b, [name]);
      const t = this.typeCheck(b.items[1]!, inner);
      this.charge('cost_analysis_bind_name', t.typeSize);
      memory += this.bindMemory(name, t.typeSize);
      inner.set(name, t);
      // From Clarity 2 a let-bound trait reference is a trait reference (`add_variable_type`).
      if (t.kind === 'trait' && this.version >= 2) inner.markTraitRef(name);
    });
    try {
      return this.statements(args.slice(1), inner);
    } finally {
      this.dropBindMemory(memory);
    }
  }

  private tupleForm(args: SymbolicExpression[], scope: Scope): AnalysisType {
    expectAtLeast(args, 1);
    this.charge('cost_analysis_check_tuple_cons', args.length);
    const fields = new Map<string, AnalysisType>();
    let duplicate: { readonly name: string; readonly at: SymbolicExpression } | undefined;
    args.forEach((b, i) => {
      if (b.type !== 'list' || b.items.length !== 2) {
        throw err('BadSyntaxBinding', `invalid syntax binding: Tuple constructor item #${i + 1} is not a two-element list`, b);
      }
      const name = atomName(b.items[0]);
      if (name === undefined) throw err('BadSyntaxBinding', `invalid syntax binding: Tuple constructor item #${i + 1} is not an atom`, b);
      const t = this.typeCheck(b.items[1]!, scope);
      this.charge('cost_analysis_tuple_items_check', t.typeSize);
      // A duplicate field is found when the tuple type is built, after every field is checked.
      if (fields.has(name)) duplicate ??= { name, at: b };
      else fields.set(name, t);
    });
    if (duplicate !== undefined) {
      throw err('BadTupleConstruction', `invalid tuple syntax: defining '${duplicate.name}' conflicts with previous value`, duplicate.at);
    }
    return AType.tuple(fields);
  }

  private unwrapForm(name: string, args: SymbolicExpression[], scope: Scope, e: SymbolicExpression): AnalysisType {
    const panics = name === 'unwrap-panic' || name === 'unwrap-err-panic' || name === 'try!';
    expectCount(args, panics ? 1 : 2);
    const t = this.typeCheck(args[0]!, scope);
    if (!panics) this.trackReturn(this.typeCheck(args[1]!, scope), e);
    this.charge('cost_analysis_option_check', 0);
    if (t.kind === 'any') return ANY;
    const wantErr = name === 'unwrap-err!' || name === 'unwrap-err-panic';
    if (wantErr) {
      if (t.kind !== 'response') {
        throw err('ExpectedResponseType', `expecting expression of type 'response', found '${analysisTypeToString(t)}'`, args[0]);
      }
      if (t.err.kind === 'no-type') {
        throw err('CouldNotDetermineResponseErrType', "attempted to obtain 'err' value from response, but 'err' type is indeterminate", e);
      }
      return t.err;
    }
    if (t.kind === 'optional') {
      if (t.inner.kind === 'no-type') {
        throw err('CouldNotDetermineResponseOkType', "attempted to obtain 'ok' value from response, but 'ok' type is indeterminate", e);
      }
      if (name === 'try!') this.trackReturn(NONE_TYPE, e);
      return t.inner;
    }
    if (t.kind === 'response') {
      if (t.ok.kind === 'no-type') {
        throw err('CouldNotDetermineResponseOkType', "attempted to obtain 'ok' value from response, but 'ok' type is indeterminate", e);
      }
      if (name === 'try!') {
        if (t.err.kind === 'no-type') {
          throw err('CouldNotDetermineResponseErrType', "attempted to obtain 'err' value from response, but 'err' type is indeterminate", e);
        }
        this.trackReturn(AType.response(ClarityType.noType, t.err), e);
      }
      return t.ok;
    }
    throw err(
      'ExpectedOptionalOrResponseType',
      `expecting expression of type 'optional' or 'response', found '${analysisTypeToString(t)}'`,
      args[0],
    );
  }

  private matchForm(args: SymbolicExpression[], scope: Scope, e: SymbolicExpression): AnalysisType {
    expectAtLeast(args, 1);
    const input = this.typeCheck(args[0]!, scope);
    const arms = (armTypes: AnalysisType[]): AnalysisType => {
      this.chargeTypeCheck(armTypes[0]!, armTypes[1]!);
      const s = supertype(armTypes[0]!, armTypes[1]!, !this.epoch21);
      if (s === undefined) {
        throw err(
          'MatchArmsMustMatch',
          `expression types returned by the arms of 'match' must match (got '${analysisTypeToString(armTypes[0]!)}' and '${analysisTypeToString(armTypes[1]!)}')`,
          e,
        );
      }
      return s;
    };
    const bind = (nameExpr: SymbolicExpression | undefined, t: AnalysisType, body: SymbolicExpression): AnalysisType => {
      const n = atomName(nameExpr);
      if (n === undefined) throw err('BadMatchInput', 'invalid match input', nameExpr);
      this.checkNewDefinitionName(n, nameExpr);
      if (scope.get(n) !== undefined) throw err('NameAlreadyUsed', `defining '${n}' conflicts with previous value`, nameExpr, [n]);
      const inner = scope.child();
      inner.set(n, t);
      if (t.kind === 'trait' && this.version >= 2) inner.markTraitRef(n);
      this.charge('cost_analysis_bind_name', t.typeSize);
      const memory = this.bindMemory(n, t.typeSize);
      try {
        return this.typeCheck(body, inner);
      } finally {
        this.dropBindMemory(memory);
      }
    };
    if (input.kind === 'optional') {
      if (args.length !== 4) throw err('BadMatchOptionSyntax', 'match on a optional type uses the following syntax', e);
      if (input.inner.kind === 'no-type') {
        throw err('CouldNotDetermineMatchTypes', 'attempted to match on an (optional) or (response) type where either the some, ok, or err type is indeterminate', e);
      }
      const someT = bind(args[1], input.inner, args[2]!);
      const noneT = this.typeCheck(args[3]!, scope);
      return arms([someT, noneT]);
    }
    if (input.kind === 'response') {
      if (args.length !== 5) throw err('BadMatchResponseSyntax', 'match on a result type uses the following syntax', e);
      if (input.ok.kind === 'no-type' || input.err.kind === 'no-type') {
        throw err('CouldNotDetermineMatchTypes', 'attempted to match on an (optional) or (response) type where either the some, ok, or err type is indeterminate', e);
      }
      const okT = bind(args[1], input.ok, args[2]!);
      const errT = bind(args[3], input.err, args[4]!);
      return arms([okT, errT]);
    }
    if (input.kind === 'any') return ANY;
    throw err('BadMatchInput', `expecting expression of type 'optional' or 'response', found '${analysisTypeToString(input)}'`, args[0]);
  }

  private contractCall(args: SymbolicExpression[], scope: Scope, e: SymbolicExpression): AnalysisType {
    expectAtLeast(args, 2);
    const target = args[0]!;
    const fname = atomName(args[1]);
    if (fname === undefined) throw err('ContractCallExpectName', 'missing contract name for call', e);
    const rest = args.slice(2);
    if (target.type === 'literal-value' && target.value.type === 'principal' && target.value.value.type === 'contract') {
      return this.staticCall(target.value.value, fname, rest, scope, e, target);
    }
    if (target.type !== 'atom') throw err('ContractCallExpectName', 'missing contract name for call', e);
    const name = target.name;
    if (this.version >= 2) {
      // Clarity 2: a constant holding a contract principal literal is a static call; any other
      // constant is not callable.
      const constant = this.analysis.constants.get(name);
      if (constant !== undefined) {
        const callee = callableContracts(constant);
        if (callee === undefined || callee.length !== 1) {
          throw err('ExpectedCallableType', `expected a callable contract, found ${analysisTypeToString(constant)}`, target, [constant]);
        }
        return this.staticCall(callee[0]!, fname, rest, scope, e, target);
      }
    }
    // Dynamic dispatch through a trait reference (a trait parameter, or a let-bound trait from Clarity 2).
    const t = scope.get(name);
    if (t === undefined || t.kind !== 'trait' || !scope.isTraitRef(name)) {
      throw err('TraitReferenceUnknown', `use of undeclared trait <${name}>`, target, [name]);
    }
    this.markWrite();
    this.charge('cost_analysis_lookup_function', 0);
    const trait = this.lookupTraitSignature(t.trait);
    if (trait === undefined) {
      if (this.opts.contracts !== undefined) throw err('TraitReferenceUnknown', `use of undeclared trait <${t.trait.name}>`, target, [t.trait.name]);
      // Analysed without other contracts: the trait's methods are unknown here.
      this.all(rest, scope);
      return ANY;
    }
    const sig = trait.get(fname);
    if (sig === undefined) {
      throw err('TraitMethodUnknown', `method '${fname}' unspecified in trait <${t.trait.name}>`, e, [t.trait.name, fname]);
    }
    this.charge('cost_analysis_lookup_function_types', functionTypeSize(sig));
    this.callContract(sig, rest, scope);
    return sig.returns;
  }

  /** A call to a named contract's public or read-only function (static dispatch). */
  private staticCall(
    contract: ContractPrincipal,
    fname: string,
    rest: SymbolicExpression[],
    scope: Scope,
    e: SymbolicExpression,
    target: SymbolicExpression,
  ): AnalysisType {
    const other = this.lookupContract(contract);
    if (other === undefined || other === this.analysis) {
      if (this.opts.contracts !== undefined) {
        // Unknown (boot contracts included, when the chain has none); a contract cannot call
        // itself either: it is not deployed while it is analysed.
        throw readOnlyPassError(err('NoSuchContract', `use of unresolved contract '${principalKey(contract)}'`, target, [principalKey(contract)]));
      }
      // Analysed without other contracts: leave the call to run time, and do not count it as a
      // write (that would reject read-only callers falsely).
      this.all(rest, scope);
      return ANY;
    }
    const sig = other.publicFunctions.get(fname) ?? other.readOnlyFunctions.get(fname);
    if (sig === undefined) {
      throw err('NoSuchPublicFunction', `contract '${principalKey(contract)}' has no public function '${fname}'`, e, [
        principalKey(contract),
        fname,
      ]);
    }
    this.charge('cost_analysis_get_function_entry', functionTypeSize(sig));
    if (!other.readOnlyFunctions.has(fname)) this.markWrite();
    this.callContract(sig, rest, scope);
    return sig.returns;
  }

  private lookupTraitSignature(id: TraitIdentifier): TraitSignature | undefined {
    return this.lookupContract(id.contract)?.definedTraits.get(id.name);
  }

  private callContract(sig: FunctionSignature, args: SymbolicExpression[], scope: Scope): void {
    expectCount(args, sig.args.length);
    args.forEach((a, i) => {
      const expected = sig.args[i]!.type;
      this.checkArgument(expected, this.expectCharged(a, scope, expected), a);
      this.annotateExpected(expected);
    });
  }

  /**
   * An argument against a parameter type; a principal literal passed for a `<trait>` parameter
   * must name a deployed contract that conforms to the trait.
   */
  private checkArgument(expected: AnalysisType, t: AnalysisType, a: SymbolicExpression): void {
    if (expected.kind === 'trait' && (a.type === 'literal-value' || a.type === 'atom-value') && a.value.type === 'principal') {
      const p = a.value.value;
      if (p.type !== 'contract') throw typeError(expected, ClarityType.principal, a);
      this.checkContractConforms(expected, p, a);
      return;
    }
    if (expected.kind === 'trait') {
      if (t.kind === 'trait') {
        if (!isTraitUnion(t) && traitKey(t.trait) === traitKey(expected.trait)) return;
        // Clarity 2 casts between compatible traits and checks each member of a union; Clarity 1
        // (and the 2.05 checker) needs the same trait and admits no union.
        if (!this.epoch21 || this.version === 1) throw typeError(expected, t, a);
        this.checkEmbeddedTraits(expected, t, a, 0);
        return;
      }
      const callee = callableContracts(t);
      // Clarity 2: a name bound to contract principal literals may stand for a trait.
      if (callee !== undefined && this.epoch21 && this.version >= 2) {
        for (const c of callee) this.checkContractConforms(expected, c, a);
        return;
      }
      if (t.kind !== 'any') throw typeError(expected, t, a);
      return;
    }
    // Clarity 1 (`clarity1_type_check_expects`) admits with concretized callables: a trait
    // position inside a compound type takes only the same trait, never a contract principal.
    if (!admits(expected, t, this.version === 1)) throw typeError(expected, t, a);
    // Clarity 2 allows traits inside compound types (`clarity2_inner_type_check_type`): the
    // contracts and traits found where the expected type holds a trait must conform to it.
    if (this.epoch21 && this.version >= 2) this.checkEmbeddedTraits(expected, t, a, 0);
  }

  /** Walks `expected` and `actual` side by side and checks each trait position (Clarity 2). */
  private checkEmbeddedTraits(expected: AnalysisType, actual: AnalysisType, a: SymbolicExpression, depth: number): void {
    if (depth > 32) return;
    if (expected.kind === 'trait') {
      if (actual.kind === 'trait') {
        for (const c of actual.joined ?? []) this.checkContractConforms(expected, c, a);
        for (const x of unionTraits(actual)) {
          if (traitKey(x) !== traitKey(expected.trait)) this.checkTraitConforms(expected, traitType(x), a);
        }
        return;
      }
      for (const c of callableContracts(actual) ?? []) this.checkContractConforms(expected, c, a);
      return;
    }
    if (expected.kind === 'optional' && actual.kind === 'optional') this.checkEmbeddedTraits(expected.inner, actual.inner, a, depth + 1);
    else if (expected.kind === 'response' && actual.kind === 'response') {
      this.checkEmbeddedTraits(expected.ok, actual.ok, a, depth + 1);
      this.checkEmbeddedTraits(expected.err, actual.err, a, depth + 1);
    } else if (expected.kind === 'list' && actual.kind === 'list') this.checkEmbeddedTraits(expected.itemType, actual.itemType, a, depth + 1);
    else if (expected.kind === 'tuple' && actual.kind === 'tuple') {
      for (const [name, f] of expected.fields) {
        const g = actual.fields.get(name);
        if (g !== undefined) this.checkEmbeddedTraits(f, g, a, depth + 1);
      }
    }
  }

  /** A deployed contract conforms to a trait (`check_trait_compliance`). */
  private checkContractConforms(expected: AnalysisType & { kind: 'trait' }, p: ContractPrincipal, a: SymbolicExpression): void {
    if (this.opts.contracts === undefined) return;
    const other = this.lookupContract(p);
    if (other === undefined || other === this.analysis) {
      throw err('NoSuchContract', `use of unresolved contract '${principalKey(p)}'`, a, [principalKey(p)]);
    }
    const trait = this.lookupTraitSignature(expected.trait);
    if (trait === undefined) return;
    for (const [method, want] of trait) {
      const got = other.publicFunctions.get(method) ?? other.readOnlyFunctions.get(method);
      if (got === undefined || !signatureConforms(want, got)) {
        throw err(
          'BadTraitImplementation',
          `invalid signature for method '${method}' regarding trait's specification <${expected.trait.name}>`,
          a,
          [expected.trait.name, method],
        );
      }
    }
  }

  /** A trait reference may be used as another trait (Clarity 2, `trait_check_trait_compliance`). */
  private checkTraitConforms(
    expected: AnalysisType & { kind: 'trait' },
    actual: AnalysisType & { kind: 'trait' },
    a: SymbolicExpression,
  ): void {
    const want = this.lookupTraitSignature(expected.trait);
    const have = this.lookupTraitSignature(actual.trait);
    if (want === undefined || have === undefined) return;
    for (const [method, sig] of want) {
      const got = have.get(method);
      if (got === undefined || !signatureConforms(sig, got)) {
        throw err(
          'IncompatibleTrait',
          `trait '${traitKey(actual.trait)}' is not a compatible with expected trait, '${traitKey(expected.trait)}'`,
          a,
          [traitKey(expected.trait), traitKey(actual.trait)],
        );
      }
    }
  }
}

/** `FixedFunction::total_type_size`: Σ parameter type sizes + the return type size. */
function functionTypeSize(sig: FunctionSignature): number {
  return sig.args.reduce((n, a) => n + a.type.typeSize, sig.returns.typeSize);
}

/** `trait_type_size`: Σ of its methods' total type sizes. */
function traitTypeSize(sig: TraitSignature): number {
  let n = 0;
  for (const m of sig.values()) n += functionTypeSize(m);
  return n;
}

/** AST nodes (lists, atoms and literals, recursively): the n of `cost_analysis_storage`. */
function countNodes(exprs: readonly SymbolicExpression[]): number {
  let n = 0;
  const stack = [...exprs];
  for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
    n++;
    if (e.type === 'list') stack.push(...e.items);
  }
  return n;
}

const int1 = ClarityType.int;

/**
 * The types a simple native's argument `i` is checked against, in the reference's order (its
 * `FunctionType`): arithmetic and comparison arguments against `int` only (the cost is all that
 * matters there), unions candidate by candidate.
 */
function simpleNativeCandidates(name: string, i: number): readonly AnalysisType[] {
  const { int, uint, bool, principal } = ClarityType;
  switch (name) {
    case '+':
    case '-':
    case '*':
    case '/':
    case 'mod':
    case 'pow':
    case 'xor':
    case 'sqrti':
    case 'log2':
    case 'bit-and':
    case 'bit-or':
    case 'bit-xor':
    case 'bit-not':
    case '<':
    case '>':
    case '<=':
    case '>=':
      return [int];
    case 'bit-shift-left':
    case 'bit-shift-right':
      return i === 0 ? [int, uint] : [uint];
    case 'and':
    case 'or':
    case 'not':
      return [bool];
    case 'to-int':
      return [uint];
    case 'to-uint':
      return [int];
    case 'sha256':
    case 'sha512':
    case 'sha512/256':
    case 'keccak256':
    case 'hash160':
      return HASH_INPUTS;
    case 'stx-get-balance':
    case 'stx-account':
      return [principal];
    case 'stx-burn?':
      return i === 0 ? [uint] : [principal];
    default:
      return FIXED_NATIVES[name]?.args[i] ?? [];
  }
}
/** Natives in `FIXED_NATIVES` the reference checks as special forms (each argument by `type_check_expects`). */
const SPECIAL_FIXED: ReadonlySet<string> = new Set(['secp256k1-recover?', 'secp256k1-verify', 'secp256r1-verify', 'principal-of?']);
/** The candidate input types of the hash natives, in the reference's order. */
const HASH_INPUTS: readonly AnalysisType[] = [AType.buffer(1048576), ClarityType.uint, ClarityType.int];

function isContractLiteral(e: SymbolicExpression): boolean {
  return (e.type === 'literal-value' || e.type === 'atom-value') && e.value.type === 'principal' && e.value.value.type === 'contract';
}

function traitKey(id: TraitIdentifier): string {
  return `${principalKey(id.contract)}.${id.name}`;
}

/** The type of a literal (`TypeSignature::literal_type_of`). */
function literalType(v: ClarityValue): AnalysisType {
  return clarityTypeOf(v);
}

/** A function signature conforms to a trait method (`check_trait_compliance`, v2.1 rules). */
function signatureConforms(expected: FunctionSignature, actual: FunctionSignature): boolean {
  if (expected.args.length !== actual.args.length) return false;
  for (let i = 0; i < expected.args.length; i++) {
    const want = expected.args[i]!.type;
    const got = actual.args[i]!.type;
    if (containsAny(want) || containsAny(got)) continue;
    if (!admits(got, want)) return false;
  }
  const r = expected.returns;
  return containsAny(actual.returns) || admits(r, actual.returns);
}

/** Runs the analysis of `ast` (see `analyzeContract`). */
export function checkContract(ast: ContractAst, opts: AnalyzeOptions): ContractAnalysis {
  const target = opts.costs;
  // The reference runs its read-only checker (which charges nothing) before the type checker:
  // the charges are recorded and replayed in order unless the contract fails a read-only check.
  const deferred = target !== undefined && target.tracking ? new DeferredCosts(target) : undefined;
  const checker = new Checker(ast, deferred === undefined ? opts : { ...opts, costs: deferred });
  try {
    const analysis = checker.run();
    deferred?.replay();
    return analysis;
  } catch (e) {
    if (deferred !== undefined && !isReadOnlyPassError(e)) deferred.replay();
    if (e instanceof ClarityError) throw e;
    if (e instanceof RangeError) throw err('MaxContextDepthReached', 'maximum context depth reached');
    throw e;
  }
}

/** Analysis charges and memory recorded in order, to be replayed into the real tracker. */
class DeferredCosts implements CostTracker {
  readonly tracking = true;
  readonly countsConstantData: boolean;
  private readonly ops: (readonly [CostFunctionName, number] | readonly ['+mem' | '-mem', number])[] = [];

  constructor(private readonly target: CostTracker) {
    this.countsConstantData = target.countsConstantData;
  }

  charge(fn: CostFunctionName, n: number): void {
    this.ops.push([fn, n]);
  }

  addCost(): void {
    throw new Error('DeferredCosts.addCost is not used by the type checker');
  }

  addMemory(bytes: number): void {
    this.ops.push(['+mem', bytes]);
  }

  dropMemory(bytes: number): void {
    this.ops.push(['-mem', bytes]);
  }

  resetMemory(): void {
    this.target.resetMemory();
  }

  get total(): Readonly<ExecutionCost> {
    return this.target.total;
  }

  get limit(): Readonly<ExecutionCost> {
    return this.target.limit;
  }

  get memory(): number {
    return this.target.memory;
  }

  /** Applies the recorded operations in order (throws where the real tracker throws). */
  replay(): void {
    // Taken out first: a replay that throws (over the limit) is not replayed again.
    for (const [op, n] of this.ops.splice(0)) {
      if (op === '+mem') this.target.addMemory(n);
      else if (op === '-mem') this.target.dropMemory(n);
      else this.target.charge(op, n);
    }
  }
}

/** Codes only the reference's read-only checker (run before the type checker) raises. */
const READ_ONLY_PASS_CODES: ReadonlySet<string> = new Set([
  'AtBlockClosureMustBeReadOnly',
  'BadFunctionName',
  'BadLetSyntax',
  'BadSyntaxBinding',
  'ContractCallExpectName',
  'DefineFunctionBadSignature',
  'ExpectedListOfAllowances',
  'NonFunctionApplication',
  'UnknownFunction',
  'WriteAttemptedInReadOnly',
]);

/** Other errors the read-only checker finds first (define shapes, a static call's missing contract). */
const readOnlyPassErrors = new WeakSet<object>();

/** A define form's argument count, checked by `DefineFunctionsParsed::try_parse` in the read-only checker. */
function defineShape(check: () => void): void {
  try {
    check();
  } catch (e) {
    throw e instanceof ClarityError ? readOnlyPassError(e) : e;
  }
}

function readOnlyPassError(e: ClarityError): ClarityError {
  readOnlyPassErrors.add(e);
  return e;
}

function isReadOnlyPassError(e: unknown): boolean {
  return e instanceof ClarityError && (READ_ONLY_PASS_CODES.has(e.code) || readOnlyPassErrors.has(e));
}
