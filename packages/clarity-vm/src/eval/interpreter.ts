/**
 * The Clarity evaluator: expressions, special forms, user functions, contract definitions,
 * storage, assets and events (clarity/src/vm/{mod,contexts,callables}.rs and functions/*).
 */
import { MAX_TYPE_DEPTH, principalToString, sha512_256 } from '@stacks-ts/codec';
import type { ClarityValue, ContractPrincipal, PrincipalData, TypeSignature } from '@stacks-ts/codec';
import { checkError, earlyReturn, internalError, isEarlyReturn, runtimeCheckError, runtimeError } from '../errors.ts';
import type { ClarityError } from '../errors.ts';
import type { SymbolicExpression } from '../parser/ast.ts';
import { ZERO_SPAN } from '../parser/ast.ts';
import type { ClarityVersion, NativeContext } from '../natives/context.ts';
import { epochAtLeast } from '../natives/context.ts';
import { StacksEpochId } from '@stacks-ts/common';
import { lookupNativeFunction, lookupNativeName } from '../natives/registry.ts';
import type { NativeFunction } from '../natives/types.ts';
import { boolValue } from '../natives/arithmetic.ts';
import { incorrectArgumentCount, typeValueError } from '../natives/check.ts';
import { assertCondition, matchInput, tryUnwrap, unwrapErrInner, unwrapInner } from '../natives/options.ts';
import { isSequence, retainedSequence, sequenceElements } from '../natives/sequences.ts';
import { NONE, admitsValue, consList, okValue, someValue, valueSize } from '../natives/value-types.ts';
import type { ContractContext, DefinedFunction, Env, Locals } from './context.ts';
import { parseTypeExpression } from './types.ts';
import { admitsNestedTraits, castToTraits, plainPrincipal, traitTemplate } from '../natives/callable.ts';
import type { TraitTemplate } from '../natives/callable.ts';
import { ALLOWANCE_FORMS } from './allowances.ts';
import { ASSET_FORMS } from './assets.ts';
import { BLOCK_INFO_FORMS, atBlock, chainVariable } from './block-info.ts';
import {
  arity,
  atLeast,
  atomName,
  errCode,
  expectAdmits,
  expectPrincipal,
  hex,
  noWrite,
  principalValue,
  typeName,
  uint,
} from './helpers.ts';
import type { SpecialForm } from './helpers.ts';
import { maxCallStackDepthForEpoch } from '../parser/limits.ts';
import { dataVarKey, ftSupplyKey, mapEntryKey } from '../db/keys.ts';
import {
  applyNativeCharged,
  chargeFromConsensusBuff,
  chargeKeyword,
  chargeMapGet,
  chargeMapWrite,
  chargeTupleCons,
  chargeSpecialEntry,
  chargeTraitTypes,
  chargeTupleGet,
  chargeTypeParse,
  chargeTypeParseSteps,
  chargeUserFunction,
  chargeVarGet,
  chargeVarSet,
  chargeVariableLookup,
  lookedUpValue,
  bindArgument,
  chargesAsContract,
  recordTraitParameters,
  chargeLoadContract,
  costSize,
  holdsArgumentMemory,
  holdBinding,
  holdingBytes,
  holdingValue,
  enterScope,
} from '../costs/charges.ts';

export type { Env, Locals } from './context.ts';

/** Mutable per-evaluation state: the call stack (`CallStack`): its depth and the user functions on it. */
interface CallStack {
  depth: number;
  /** `contract.function` of each user function being executed (recursion detection). */
  readonly active: Set<string>;
}

const callStack: CallStack = { depth: 0, active: new Set() };

/** Resets the call stack (at the start of each top-level evaluation). */
export function resetCallStack(): void {
  callStack.depth = 0;
  callStack.active.clear();
}

function circularReference(id: string): ClarityError {
  return runtimeCheckError('CircularReference', `circular reference: ${id}`, { args: [[id]] });
}

/** Runs a user function's body as one frame of the call stack (`dispatch_args` / `execute_contract`). */
function inUserFrame<T>(id: string, body: () => T): T {
  callStack.active.add(id);
  callStack.depth++;
  try {
    return body();
  } finally {
    callStack.depth--;
    callStack.active.delete(id);
  }
}

function nativeContext(env: Env): NativeContext {
  return { clarityVersion: env.contract.clarityVersion, epoch: env.chain.epoch, mainnet: env.chain.mainnet, chainId: env.chain.chainId };
}

function contractValue(c: ContractPrincipal): ClarityValue {
  return { type: 'principal', value: c };
}

// ---------------------------------------------------------------------------------------------
// Reserved names

type VariableRow = readonly [name: string, since: ClarityVersion, until: ClarityVersion | null];
const NATIVE_VARIABLES: readonly VariableRow[] = [
  ['contract-caller', 1, null],
  ['tx-sender', 1, null],
  ['block-height', 1, 2],
  ['burn-block-height', 1, null],
  ['none', 1, null],
  ['true', 1, null],
  ['false', 1, null],
  ['stx-liquid-supply', 1, null],
  ['is-in-regtest', 1, null],
  ['tx-sponsor?', 2, null],
  ['is-in-mainnet', 2, null],
  ['chain-id', 2, null],
  ['stacks-block-height', 3, null],
  ['tenure-height', 3, null],
  ['stacks-block-time', 4, null],
  ['current-contract', 4, null],
];
const VARIABLE_INDEX = new Map(NATIVE_VARIABLES.map((r) => [r[0], r]));

function isReservedVariable(name: string, version: ClarityVersion): boolean {
  const r = VARIABLE_INDEX.get(name);
  return r !== undefined && r[1] <= version && (r[2] === null || version <= r[2]);
}

/** `is_reserved(name, version)`: a native function or variable name. */
export function isReservedName(name: string, version: ClarityVersion): boolean {
  return lookupNativeName(name, version) !== undefined || isReservedVariable(name, version);
}

function nameAlreadyUsed(name: string): ClarityError {
  return runtimeCheckError('NameAlreadyUsed', `name already used: ${name}`, { args: [name] });
}

/** The total liquid STX of the oracle's genesis (three accounts of 10^14 µSTX). */
export const GENESIS_LIQUID_SUPPLY = 300_000_000_000_000n;

function lookupReservedVariable(name: string, env: Env): ClarityValue | undefined {
  const version = env.contract.clarityVersion;
  if (!isReservedVariable(name, version)) return undefined;
  const chain = env.chain;
  switch (name) {
    case 'contract-caller':
      return principalValue(env.principals.caller);
    case 'tx-sender':
      return principalValue(env.principals.sender);
    case 'block-height':
    case 'stacks-block-height':
    case 'tenure-height':
    case 'burn-block-height':
    case 'stacks-block-time':
    case 'stx-liquid-supply':
      // state: answered by the chain context and the stored liquid supply (src/chain).
      return chainVariable(name, env);
    case 'none':
      return NONE;
    case 'true':
      return boolValue(true);
    case 'false':
      return boolValue(false);
    case 'is-in-regtest':
      return boolValue(false);
    case 'tx-sponsor?':
      return env.principals.sponsor === null ? NONE : someValue(principalValue(env.principals.sponsor));
    case 'is-in-mainnet':
      return boolValue(chain.mainnet);
    case 'chain-id':
      return uint(chain.chainId);
    case 'current-contract':
      return contractValue(env.contract.id);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** Evaluates one expression. Throws `ClarityError` (runtime) or an early return. */
export function evaluate(e: SymbolicExpression, env: Env, locals: Locals): ClarityValue {
  switch (e.type) {
    case 'literal-value':
    case 'atom-value':
      return e.value;
    case 'atom':
      return lookupVariable(e.name, env, locals);
    case 'list':
      return evaluateList(e.items, env, locals);
    case 'field':
      return contractValue(e.trait.contract);
    case 'trait-reference':
      throw internalError('BadSymbolicRepresentation', `unexpected trait reference <${e.name}>`);
  }
}

function lookupVariable(name: string, env: Env, locals: Locals): ClarityValue {
  const reserved = lookupReservedVariable(name, env);
  if (reserved !== undefined) {
    if (env.costs !== undefined) chargeKeyword(env.costs, name);
    return reserved;
  }
  const local = locals.get(name);
  if (local !== undefined) {
    if (env.costs === undefined) return local;
    chargeVariableLookup(env.costs, locals, local);
    return lookedUpValue(local);
  }
  const constant = env.contract.constants.get(name);
  if (constant !== undefined) {
    if (env.costs !== undefined) chargeVariableLookup(env.costs, locals, constant);
    return constant;
  }
  throw runtimeCheckError('Unreachable', `UndefinedVariable: use of unresolved variable ${name}`, { args: [name] });
}

function evaluateList(items: readonly SymbolicExpression[], env: Env, locals: Locals): ClarityValue {
  const head = items[0];
  if (head === undefined) throw runtimeCheckError('Unreachable', 'NonFunctionApplication');
  if (head.type !== 'atom') throw runtimeCheckError('Unreachable', 'BadFunctionName');
  const args = items.slice(1);
  const name = head.name;
  // costs: a snippet that is one `contract-call?` is a contract-call transaction, which looks nothing up
  if (env.costs !== undefined && !(env.directCall && callStack.depth === 0 && name === 'contract-call?')) {
    env.costs.charge('cost_lookup_function', 0);
  }
  const version = env.contract.clarityVersion;
  const info = lookupNativeName(name, version);
  let run: () => ClarityValue;
  if (info !== undefined) {
    if (info.implementation === 'natives') {
      const f = lookupNativeFunction(name, version);
      if (f === undefined) throw internalError('InvariantViolation', `native ${name} is listed in the registry but has no implementation`);
      run = () => applyNative(f, args, env, locals);
    } else {
      const special = specialForm(name);
      if (special === undefined) throw internalError('InvariantViolation', `${name} is listed as an evaluator form but has none`);
      const costs = env.costs;
      run =
        costs === undefined
          ? () => special(args, env, locals)
          : () => {
              chargeSpecialEntry(costs, name); // costs: forms charged on entry (block info)
              return special(args, env, locals);
            };
    }
  } else {
    const fn = env.contract.functions.get(name);
    if (fn === undefined) throw runtimeCheckError('UndefinedFunction', `undefined function ${name}`, { args: [name] });
    // A user function: recursion check, depth check, arguments at depth + 1, body in its own frame.
    const id = `${env.contract.idString}.${name}`;
    if (callStack.active.has(id)) throw circularReference(id);
    checkDepth(env);
    callStack.depth++;
    let values: ClarityValue[];
    let held = 0;
    try {
      values = evaluateHeld(args, env, locals, (bytes) => (held += bytes));
    } catch (e) {
      if (held > 0) env.costs?.dropMemory(held);
      throw e;
    } finally {
      callStack.depth--;
    }
    try {
      return inUserFrame(id, () => executeFunction(fn, values, env));
    } finally {
      if (held > 0) env.costs?.dropMemory(held);
    }
  }
  checkDepth(env);
  callStack.depth++;
  try {
    return run();
  } finally {
    callStack.depth--;
  }
}

/**
 * `inner_set_entry`'s checks before a `map-set`/`map-insert` writes: key and value admitted, and
 * `(optional value-type)` within the depth limit. From 2.05 a failed write is still charged
 * SetEntry (and memory) with n = size(value type) + size(key type) before the error surfaces.
 */
function checkMapWrite(env: Env, m: { readonly key: TypeSignature; readonly value: TypeSignature }, key: ClarityValue, value: ClarityValue): void {
  const fail = (e: unknown): never => {
    if (env.costs !== undefined && epochAtLeast(env.chain.epoch, StacksEpochId.Epoch2_05)) {
      const n = m.value.size + m.key.size;
      env.costs.charge('cost_set_entry', n);
      env.costs.addMemory(n);
    }
    throw e;
  };
  try {
    expectAdmits(m.key, key);
    expectAdmits(m.value, value);
  } catch (e) {
    fail(e);
  }
  if (m.value.depth + 1 > MAX_TYPE_DEPTH) fail(runtimeCheckError('TypeSignatureTooDeep', 'type signature nesting too deep'));
}

function checkDepth(env: Env): void {
  if (callStack.depth >= maxCallStackDepthForEpoch(env.chain.epoch)) {
    throw runtimeError('MaxStackDepthReached', 'max stack depth reached');
  }
}

/**
 * Evaluates application arguments left to right as `apply` does: with a tracker, each value's
 * size is added to memory as soon as it is evaluated (`held` is told each addition).
 */
function evaluateHeld(args: readonly SymbolicExpression[], env: Env, locals: Locals, held: (bytes: number) => void): ClarityValue[] {
  const costs = env.costs;
  if (costs === undefined) return args.map((a) => evaluate(a, env, locals));
  const values: ClarityValue[] = [];
  for (const a of args) {
    const v = evaluate(a, env, locals);
    const bytes = costSize(v);
    costs.addMemory(bytes);
    held(bytes);
    values.push(v);
  }
  return values;
}

function applyNative(f: NativeFunction, args: readonly SymbolicExpression[], env: Env, locals: Locals): ClarityValue {
  const ctx = nativeContext(env);
  switch (f.operands) {
    case 'values': {
      const costs = env.costs;
      if (costs !== undefined && holdsArgumentMemory(f.name)) {
        let held = 0;
        try {
          const values = evaluateHeld(args, env, locals, (bytes) => (held += bytes));
          return applyNativeCharged(costs, f, values, ctx, true);
        } finally {
          costs.dropMemory(held);
        }
      }
      const values = args.map((a) => evaluate(a, env, locals));
      return costs === undefined ? f.apply(values, ctx) : applyNativeCharged(costs, f, values, ctx);
    }
    case 'type-then-values': {
      if (args.length !== 2) throw incorrectArgumentCount(2, args.length);
      const type = parseTypeExpression(args[0]!);
      if (env.costs !== undefined) chargeTypeParse(env.costs, args[0]!);
      const input = evaluate(args[1]!, env, locals);
      if (env.costs !== undefined) chargeFromConsensusBuff(env.costs, input);
      if (input.type === 'buffer' && input.value.length === 0) {
        // The cost function `cost_from_consensus_buff` takes log2 of the input length and fails on 0.
        throw runtimeCheckError('CostComputationFailed', 'cost_from_consensus_buff: log2 must be passed a positive integer');
      }
      return f.apply(type, [input], ctx);
    }
    case 'name-then-values': {
      if (args.length !== 2) throw incorrectArgumentCount(2, args.length);
      const n = args[0]!;
      if (n.type !== 'atom') throw runtimeCheckError('Unreachable', 'ExpectedName');
      const input = evaluate(args[1]!, env, locals);
      if (env.costs !== undefined) chargeTupleGet(env.costs, input);
      return f.apply(n.name, [input], ctx);
    }
    case 'bindings': {
      const bindings = args.map((b) => {
        const [n, v] = bindingPair(b);
        return [n, evaluate(v, env, locals)] as const;
      });
      if (env.costs !== undefined) chargeTupleCons(env.costs, bindings.length);
      return f.apply(bindings, ctx);
    }
  }
}

function bindingPair(b: SymbolicExpression): [string, SymbolicExpression] {
  if (b.type !== 'list' || b.items.length !== 2 || b.items[0]!.type !== 'atom') {
    throw runtimeCheckError('Unreachable', 'BadSyntaxBinding');
  }
  return [(b.items[0] as { name: string }).name, b.items[1]!];
}

/** The trait positions of each user function's parameter types (null for a parameter without traits). */
const paramTraits = new WeakMap<object, readonly (TraitTemplate | null)[]>();

/** Calls a user function with evaluated arguments (`DefinedFunction::execute_apply`). */
export function executeFunction(fn: DefinedFunction, args: readonly ClarityValue[], env: Env): ClarityValue {
  if (env.costs !== undefined) chargeUserFunction(env.costs, env.chain.epoch, fn, args);
  if (args.length !== fn.params.length) throw incorrectArgumentCount(fn.params.length, args.length);
  const bound = new Map<string, ClarityValue>();
  for (let i = 0; i < args.length; i++) {
    const p = fn.params[i]!;
    const template = paramTraits.get(fn.params)?.[i] ?? null;
    let v = args[i]!;
    if (template !== null) {
      // Clarity 2+ casts contracts at trait positions to callables (`clarity2_implicit_cast`); Clarity 1
      // binds a trait argument as a plain principal and admits no plain principal at a nested trait position.
      if (env.contract.clarityVersion >= 2) v = castToTraits(template, v);
      else if (!admitsNestedTraits(template, v)) throw typeValueError(typeName(p.type), v);
      else if (template.k === 'trait') v = plainPrincipal(v);
    }
    if (!admitsValue(p.type, v)) throw typeValueError(typeName(p.type), v);
    if (bound.has(p.name)) throw nameAlreadyUsed(p.name);
    // costs: Clarity 2+ binds arguments cast to the parameter type, which their later sizes use
    bound.set(p.name, env.costs !== undefined ? bindArgument(fn, i, v, env.contract.clarityVersion) : v);
  }
  try {
    return evaluate(fn.body, env, bound);
  } catch (e) {
    if (isEarlyReturn(e)) return e.value;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Special forms


function evalBool(e: SymbolicExpression, env: Env, locals: Locals): boolean {
  const v = evaluate(e, env, locals);
  if (v.type !== 'bool') throw typeValueError('bool', v);
  return v.value;
}

function checkBindingName(name: string, env: Env, locals: Locals): void {
  if (isReservedName(name, env.contract.clarityVersion) || env.contract.functions.has(name) || locals.has(name)) {
    throw nameAlreadyUsed(name);
  }
}

function withBinding(locals: Locals, name: string, v: ClarityValue, env?: Env): Locals {
  const m = new Map(locals);
  m.set(name, v);
  if (env?.costs !== undefined) enterScope(m, locals);
  return m;
}

/** Resolves the function operand of `map`, `filter` and `fold` to something callable on values. */
function sequenceFunction(e: SymbolicExpression, env: Env): (args: readonly ClarityValue[]) => ClarityValue {
  const name = atomName(e);
  env.costs?.charge('cost_lookup_function', 0);
  const version = env.contract.clarityVersion;
  const info = lookupNativeName(name, version);
  if (info !== undefined) {
    const f = lookupNativeFunction(name, version);
    if (info.implementation !== 'natives' || f === undefined || f.operands !== 'values') {
      // `apply_evaluated`: a special form (`and`, `or`, comparisons...) gets its evaluated
      // arguments wrapped back into value expressions.
      const special = specialForm(name);
      if (special === undefined) throw runtimeCheckError('Unreachable', `special function ${name} cannot be applied to a sequence`);
      return (args) => {
        checkDepth(env);
        const exprs: SymbolicExpression[] = args.map((value) => ({ type: 'atom-value', value, id: 0, span: ZERO_SPAN }));
        return special(exprs, env, new Map());
      };
    }
    const ctx = nativeContext(env);
    return (args) => {
      checkDepth(env);
      return env.costs === undefined ? f.apply(args, ctx) : applyNativeCharged(env.costs, f, args, ctx);
    };
  }
  const fn = env.contract.functions.get(name);
  if (fn === undefined) throw runtimeCheckError('UndefinedFunction', `undefined function ${name}`, { args: [name] });
  const id = `${env.contract.idString}.${name}`;
  return (args) => {
    // `apply_evaluated`: the same recursion and depth checks as a direct call.
    if (callStack.active.has(id)) throw circularReference(id);
    checkDepth(env);
    return inUserFrame(id, () => executeFunction(fn, args, env));
  };
}

function expectSequence(v: ClarityValue) {
  if (!isSequence(v)) throw runtimeCheckError('Unreachable', `ExpectedSequence ${v.type}`);
  return v;
}

function dataVar(env: Env, name: string): TypeSignature {
  const t = env.contract.dataVars.get(name);
  if (t === undefined) throw runtimeCheckError('Unreachable', `NoSuchDataVariable ${name}`);
  return t;
}

function mapDef(env: Env, name: string) {
  const m = env.contract.maps.get(name);
  if (m === undefined) throw runtimeCheckError('Unreachable', `NoSuchMap ${name}`);
  return m;
}

// state: the reference's MARF keys (src/db/keys.ts).
function varKey(env: Env, name: string): string {
  return dataVarKey(env.contract.idString, name);
}

function mapKey(env: Env, name: string, key: ClarityValue): string {
  return mapEntryKey(env.contract.idString, name, key);
}

/** Runs `body` in a nested storage transaction, rolling back storage and events when `keep` says no. */
function transaction(env: Env, body: () => ClarityValue, keep: (v: ClarityValue) => boolean): ClarityValue {
  const mark = env.events.length;
  env.chain.db.begin();
  let v: ClarityValue;
  try {
    v = body();
  } catch (e) {
    env.chain.db.rollback();
    env.events.length = mark;
    throw e;
  }
  if (keep(v)) {
    env.chain.db.commit();
  } else {
    env.chain.db.rollback();
    env.events.length = mark;
  }
  return v;
}

const isNotErr = (v: ClarityValue): boolean => !(v.type === 'response' && !v.ok);

/** Calls a public or read-only function of a deployed contract (`execute_contract`). */
export function callContractFunction(
  env: Env,
  target: ContractPrincipal,
  fnName: string,
  args: readonly ClarityValue[],
  caller: PrincipalData,
): ClarityValue {
  const contract = env.chain.contracts.get(principalToString(target));
  if (contract === undefined) throw runtimeCheckError('NoSuchContract', `no such contract ${principalToString(target)}`);
  const loaded = env.costs === undefined ? 0 : chargeLoadContract(env.costs, contract); // costs: held during the call
  const fn = contract.functions.get(fnName);
  if (fn === undefined) throw runtimeCheckError('UndefinedFunction', `undefined function ${fnName}`, { args: [fnName] });
  if (fn.visibility === 'private') {
    throw runtimeCheckError('NoSuchPublicFunction', `no such public function ${fnName}`, { args: [principalToString(target), fnName] });
  }
  const inner: Env = {
    chain: env.chain,
    contract,
    principals: { sender: env.principals.sender, caller, sponsor: env.principals.sponsor },
    events: env.events,
    readOnly: env.readOnly || fn.visibility === 'read-only',
    directCall: false,
    ...(env.costs === undefined ? {} : { costs: env.costs }),
  };
  const id = `${contract.idString}.${fnName}`;
  if (callStack.active.has(id)) throw circularReference(id);
  const mark = env.events.length;
  const result = inUserFrame(id, () => transaction(inner, () => executeFunction(fn, args, inner), isNotErr));
  if (fn.visibility === 'read-only') {
    // print events of read-only functions reached through a call are not recorded
    env.events.length = Math.min(env.events.length, mark);
  }
  if (loaded > 0) env.costs?.dropMemory(loaded);
  if (fn.visibility === 'public' && result.type !== 'response') {
    throw runtimeCheckError('Unreachable', 'public function must return a response');
  }
  return result;
}

function letForm(args: readonly SymbolicExpression[], env: Env, locals: Locals): ClarityValue {
  atLeast(args, 2);
  const bindings = args[0]!;
  if (bindings.type !== 'list') throw runtimeCheckError('Unreachable', 'BadLetSyntax');
  env.costs?.charge('cost_let', bindings.items.length);
  let inner = new Map(locals);
  if (env.costs !== undefined) enterScope(inner, locals);
  const seen = new Set<string>();
  let held = 0; // costs: the bindings' memory, released when the let ends
  try {
    for (const b of bindings.items) {
      const [name, valueExpr] = bindingPair(b);
      if (isReservedName(name, env.contract.clarityVersion) || env.contract.functions.has(name) || inner.has(name) || seen.has(name)) {
        throw nameAlreadyUsed(name);
      }
      const v = evaluate(valueExpr, env, inner);
      if (env.costs !== undefined) held += holdBinding(env.costs, v);
      inner = new Map(inner);
      inner.set(name, v);
      if (env.costs !== undefined) enterScope(inner, locals);
      seen.add(name);
    }
    let last: ClarityValue = NONE;
    for (const body of args.slice(1)) last = evaluate(body, env, inner);
    return last;
  } finally {
    if (held > 0) env.costs?.dropMemory(held);
  }
}

function matchForm(args: readonly SymbolicExpression[], env: Env, locals: Locals): ClarityValue {
  atLeast(args, 1);
  const input = matchInput(evaluate(args[0]!, env, locals));
  env.costs?.charge('cost_match', 0);
  if (input.arm === 'some' || input.arm === 'none') {
    arity(args, 4);
    if (input.arm === 'none') return evaluate(args[3]!, env, locals);
    const name = atomName(args[1]);
    checkBindingName(name, env, locals);
    return holdingValue(env.costs, input.value, () => evaluate(args[2]!, env, withBinding(locals, name, input.value, env)));
  }
  arity(args, 5);
  const okName = atomName(args[1]);
  const errName = atomName(args[3]);
  if (input.arm === 'ok') {
    checkBindingName(okName, env, locals);
    return holdingValue(env.costs, input.value, () => evaluate(args[2]!, env, withBinding(locals, okName, input.value, env)));
  }
  checkBindingName(errName, env, locals);
  return holdingValue(env.costs, input.value, () => evaluate(args[4]!, env, withBinding(locals, errName, input.value, env)));
}

function mapForm(args: readonly SymbolicExpression[], env: Env, locals: Locals): ClarityValue {
  atLeast(args, 2);
  env.costs?.charge('cost_map', args.length);
  const f = sequenceFunction(args[0]!, env);
  const seqs = args.slice(1).map((a) => sequenceElements(expectSequence(evaluate(a, env, locals))));
  const out: ClarityValue[] = [];
  if (!epochAtLeast(env.chain.epoch, StacksEpochId.Epoch40)) {
    // Before epoch 4.0 (`special_map_v200`) the arguments are grouped per index up to and
    // including the running shortest length (an off-by-one kept for consensus), then applied
    // while a group has the first group's size: `(map - (list) (list 1 2))` is `(list -1)`.
    const groups: ClarityValue[][] = [];
    let shortest = Infinity;
    for (const s of seqs) {
      shortest = Math.min(shortest, s.length);
      for (let i = 0; i < s.length && i <= shortest; i++) (groups[i] ??= []).push(s[i]!);
    }
    for (const g of groups) {
      if (g.length !== groups[0]!.length) break;
      out.push(f(g));
    }
    return consList(out, env.chain.epoch);
  }
  const n = Math.min(...seqs.map((s) => s.length));
  for (let i = 0; i < n; i++) out.push(f(seqs.map((s) => s[i]!)));
  return consList(out, env.chain.epoch);
}

function filterForm(args: readonly SymbolicExpression[], env: Env, locals: Locals): ClarityValue {
  arity(args, 2);
  env.costs?.charge('cost_filter', 0);
  const f = sequenceFunction(args[0]!, env);
  const seq = expectSequence(evaluate(args[1]!, env, locals));
  const kept: ClarityValue[] = [];
  for (const item of sequenceElements(seq)) {
    const keep = f([item]);
    if (keep.type !== 'bool') throw typeValueError('bool', keep);
    if (keep.value) kept.push(item);
  }
  return retainedSequence(seq, kept);
}

function foldForm(args: readonly SymbolicExpression[], env: Env, locals: Locals): ClarityValue {
  arity(args, 3);
  env.costs?.charge('cost_fold', 0);
  const f = sequenceFunction(args[0]!, env);
  const seq = expectSequence(evaluate(args[1]!, env, locals));
  let acc = evaluate(args[2]!, env, locals);
  for (const item of sequenceElements(seq)) acc = f([item, acc]);
  return acc;
}

function contractCallForm(args: readonly SymbolicExpression[], env: Env, locals: Locals): ClarityValue {
  atLeast(args, 2);
  // As the reference: the charge, the function name, the arguments, then the target is resolved.
  if (!(env.directCall && callStack.depth === 1)) env.costs?.charge('cost_contract_call', 0);
  const fnName = atomName(args[1]);
  const values = args.slice(2).map((a) => evaluate(a, env, locals));
  const targetExpr = args[0]!;
  let target: ContractPrincipal;
  if (targetExpr.type === 'literal-value' || targetExpr.type === 'atom-value') {
    const v = targetExpr.value;
    if (v.type !== 'principal' || v.value.type !== 'contract') throw runtimeCheckError('ContractCallExpectName', 'expected a contract name');
    target = v.value;
  } else if (targetExpr.type === 'atom') {
    const v = locals.get(targetExpr.name);
    if (v === undefined || v.type !== 'principal' || v.value.type !== 'contract') {
      throw runtimeCheckError('ContractCallExpectName', 'expected a contract name');
    }
    target = v.value;
  } else {
    throw runtimeCheckError('ContractCallExpectName', 'expected a contract name');
  }
  const caller: PrincipalData = env.directCall ? env.principals.sender : env.contract.id;
  return callContractFunction(env, target, fnName, values, caller);
}

function asContractForm(args: readonly SymbolicExpression[], env: Env, locals: Locals): ClarityValue {
  arity(args, 1);
  if (env.costs !== undefined && chargesAsContract(env.chain.epoch)) env.costs.charge('cost_as_contract', 0);
  const me: PrincipalData = env.contract.id;
  const inner: Env = { ...env, principals: { sender: me, caller: me, sponsor: null }, directCall: false };
  return holdingBytes(env.costs, 1, () => evaluate(args[0]!, inner, locals));
}

const CORE_FORMS: Readonly<Record<string, SpecialForm>> = {
  'contract-hash?'(args, env, locals) {
    arity(args, 1);
    const p = expectPrincipal(evaluate(args[0]!, env, locals));
    if (p.type !== 'contract') return errCode(1);
    env.costs?.charge('cost_contract_hash', 0);
    const c = env.chain.contracts.get(principalToString(p));
    if (c === undefined) return errCode(2);
    return okValue({ type: 'buffer', value: sha512_256(new TextEncoder().encode(c.source)) });
  },
  and(args, env, locals) {
    atLeast(args, 1);
    env.costs?.charge('cost_and', args.length);
    for (const a of args) if (!evalBool(a, env, locals)) return boolValue(false);
    return boolValue(true);
  },
  or(args, env, locals) {
    atLeast(args, 1);
    env.costs?.charge('cost_or', args.length);
    for (const a of args) if (evalBool(a, env, locals)) return boolValue(true);
    return boolValue(false);
  },
  if(args, env, locals) {
    arity(args, 3);
    env.costs?.charge('cost_if', 0);
    return evalBool(args[0]!, env, locals) ? evaluate(args[1]!, env, locals) : evaluate(args[2]!, env, locals);
  },
  let: letForm,
  match: matchForm,
  map: mapForm,
  filter: filterForm,
  fold: foldForm,
  'asserts!'(args, env, locals) {
    arity(args, 2);
    env.costs?.charge('cost_asserts', 0);
    if (assertCondition(evaluate(args[0]!, env, locals))) return boolValue(true);
    throw earlyReturn('AssertionFailed', evaluate(args[1]!, env, locals));
  },
  'unwrap!'(args, env, locals) {
    arity(args, 2);
    // A native in the reference: both operands are evaluated, the thrown value too.
    const input = evaluate(args[0]!, env, locals);
    const thrown = evaluate(args[1]!, env, locals);
    env.costs?.charge('cost_unwrap_ret', 2);
    const inner = unwrapInner(input);
    if (inner !== null) return inner;
    throw earlyReturn('UnwrapFailed', thrown);
  },
  'unwrap-err!'(args, env, locals) {
    arity(args, 2);
    // A native in the reference: both operands are evaluated, the thrown value too.
    const input = evaluate(args[0]!, env, locals);
    const thrown = evaluate(args[1]!, env, locals);
    env.costs?.charge('cost_unwrap_err_or_ret', 2);
    const inner = unwrapErrInner(input);
    if (inner !== null) return inner;
    throw earlyReturn('UnwrapFailed', thrown);
  },
  'try!'(args, env, locals) {
    arity(args, 1);
    const input = evaluate(args[0]!, env, locals);
    env.costs?.charge('cost_try_ret', 1);
    return tryUnwrap(input);
  },
  'var-get'(args, env) {
    arity(args, 1);
    const name = atomName(args[0]);
    const t = dataVar(env, name);
    const v = env.chain.db.getValue(varKey(env, name), t);
    if (v === undefined) throw internalError('InvariantViolation', `data var ${name} missing`);
    if (env.costs !== undefined) chargeVarGet(env.costs, env.chain.epoch, t, v);
    return v;
  },
  'var-set'(args, env, locals) {
    arity(args, 2);
    const name = atomName(args[0]);
    const t = dataVar(env, name);
    const v = evaluate(args[1]!, env, locals);
    noWrite(env, 'var-set');
    expectAdmits(t, v);
    env.chain.db.setValue(varKey(env, name), v);
    if (env.costs !== undefined) chargeVarSet(env.costs, env.chain.epoch, t, v);
    return boolValue(true);
  },
  'map-get?'(args, env, locals) {
    arity(args, 2);
    const name = atomName(args[0]);
    const m = mapDef(env, name);
    const key = evaluate(args[1]!, env, locals);
    expectAdmits(m.key, key);
    const k = mapKey(env, name, key);
    const v = env.chain.db.getSomeValue(k, m.value);
    // costs: a deleted entry is stored as `none`, which a read still pays for
    if (env.costs !== undefined) chargeMapGet(env.costs, env.chain.epoch, m, key, v, env.chain.db.backend.get(k) !== undefined);
    return v === undefined ? NONE : someValue(v);
  },
  'map-set'(args, env, locals) {
    arity(args, 3);
    const name = atomName(args[0]);
    const m = mapDef(env, name);
    const key = evaluate(args[1]!, env, locals);
    const value = evaluate(args[2]!, env, locals);
    noWrite(env, 'map-set');
    checkMapWrite(env, m, key, value);
    env.chain.db.setSomeValue(mapKey(env, name, key), value);
    if (env.costs !== undefined) chargeMapWrite(env.costs, env.chain.epoch, m, key, value);
    return boolValue(true);
  },
  'map-insert'(args, env, locals) {
    arity(args, 3);
    const name = atomName(args[0]);
    const m = mapDef(env, name);
    const key = evaluate(args[1]!, env, locals);
    const value = evaluate(args[2]!, env, locals);
    noWrite(env, 'map-insert');
    checkMapWrite(env, m, key, value);
    const k = mapKey(env, name, key);
    if (env.chain.db.getSomeValue(k) !== undefined) {
      if (env.costs !== undefined) chargeMapWrite(env.costs, env.chain.epoch, m, key, null);
      return boolValue(false);
    }
    env.chain.db.setSomeValue(k, value);
    if (env.costs !== undefined) chargeMapWrite(env.costs, env.chain.epoch, m, key, value);
    return boolValue(true);
  },
  'map-delete'(args, env, locals) {
    arity(args, 2);
    const name = atomName(args[0]);
    const m = mapDef(env, name);
    const key = evaluate(args[1]!, env, locals);
    noWrite(env, 'map-delete');
    expectAdmits(m.key, key);
    const k = mapKey(env, name, key);
    if (env.chain.db.getSomeValue(k) === undefined) {
      if (env.costs !== undefined) chargeMapWrite(env.costs, env.chain.epoch, m, key, null);
      return boolValue(false);
    }
    env.chain.db.setSomeValue(k, undefined);
    if (env.costs !== undefined) chargeMapWrite(env.costs, env.chain.epoch, m, key, 'deleted');
    return boolValue(true);
  },
  print(args, env, locals) {
    arity(args, 1);
    const v = evaluate(args[0]!, env, locals);
    if (env.costs !== undefined) env.costs.charge('cost_print', costSize(v));
    env.events.push({
      event: 'print_event',
      data: { contract_identifier: env.contract.idString, raw_value: hex(v), topic: 'print' },
    });
    return v;
  },
  'contract-call?': contractCallForm,
  'as-contract': asContractForm,
  'contract-of'(args, env, locals) {
    arity(args, 1);
    env.costs?.charge('cost_contract_of', 0);
    // the reference reads the trait argument from the local context without evaluating it (no lookup charge)
    const a = args[0]!;
    const bound = a.type === 'atom' ? locals.get(a.name) : undefined;
    const v = bound ?? evaluate(a, env, locals);
    if (v.type !== 'principal' || v.value.type !== 'contract') throw runtimeCheckError('Unreachable', 'ContractOfExpectsTrait');
    return plainPrincipal(v);
  },
  'at-block'(args, env, locals) {
    arity(args, 2);
    env.costs?.charge('cost_at_block', 0);
    return holdingBytes(env.costs, 1, () => atBlock(args, env, locals));
  },
};

// ---------------------------------------------------------------------------------------------
// Definitions

const DEFINE_FORMS = new Set([
  'define-constant',
  'define-private',
  'define-public',
  'define-read-only',
  'define-data-var',
  'define-map',
  'define-fungible-token',
  'define-non-fungible-token',
  'define-trait',
  'use-trait',
  'impl-trait',
]);

/** The `define-*` keyword of a top-level expression, or null. */
export function defineKind(e: SymbolicExpression): string | null {
  if (e.type !== 'list' || e.items[0]?.type !== 'atom') return null;
  const name = (e.items[0] as { name: string }).name;
  return DEFINE_FORMS.has(name) ? name : null;
}

function badDefinition(what: string): ClarityError {
  return checkError('DefineFunctionBadSignature', `bad definition: ${what}`);
}

function checkLegalDefine(name: string, contract: ContractContext): void {
  if (
    isReservedName(name, contract.clarityVersion) ||
    contract.constants.has(name) ||
    contract.functions.has(name) ||
    contract.dataVars.has(name) ||
    contract.maps.has(name) ||
    contract.fungibleTokens.has(name) ||
    contract.nonFungibleTokens.has(name) ||
    contract.definedTraits.has(name)
  ) {
    throw nameAlreadyUsed(name);
  }
}

function defineFunction(items: readonly SymbolicExpression[], visibility: DefinedFunction['visibility'], env: Env): void {
  if (items.length !== 3) throw badDefinition('function');
  const sig = items[1]!;
  if (sig.type !== 'list' || sig.items.length === 0) throw badDefinition('function signature');
  const name = atomName(sig.items[0]);
  // `check_legal_define` comes before the parameters' TypeParseSteps and the BindName.
  checkLegalDefine(name, env.contract);
  const fn = userFunction(items, visibility);
  if (env.costs !== undefined) {
    chargeTypeParseSteps(env.costs, sig.items.slice(1).map((p) => (p as { items: SymbolicExpression[] }).items[1]!));
    env.costs.charge('cost_bind_name', 0);
  }
  env.contract.functions.set(name, fn);
}

/**
 * The function a `define-public` / `define-private` / `define-read-only` expression defines (its
 * parameters' types parsed, the trait-typed ones recorded for the runtime), without checks or costs:
 * what a deploy defines and what a stored contract is rebuilt with.
 */
export function userFunction(items: readonly SymbolicExpression[], visibility: DefinedFunction['visibility']): DefinedFunction {
  const sig = items[1];
  if (items.length !== 3 || sig?.type !== 'list' || sig.items.length === 0) throw badDefinition('function signature');
  const name = atomName(sig.items[0]);
  const params = sig.items.slice(1).map((p) => {
    if (p.type !== 'list' || p.items.length !== 2 || p.items[0]!.type !== 'atom') throw badDefinition('function argument');
    return { name: (p.items[0] as { name: string }).name, type: parseTypeExpression(p.items[1]!) };
  });
  recordTraitParameters(params, sig.items.slice(1)); // costs: trait-typed parameters are sized as callables
  const templates = sig.items.slice(1).map((p) => traitTemplate((p as { items: SymbolicExpression[] }).items[1]));
  if (templates.some((t) => t !== null)) paramTraits.set(params, templates);
  return { name, visibility, params, body: items[2]! };
}

/**
 * Evaluates one top-level expression of a contract: a definition updates the contract, anything
 * else is evaluated. Returns the value, or null for a definition.
 */
export function evaluateTopLevel(e: SymbolicExpression, env: Env): ClarityValue | null {
  const kind = defineKind(e);
  if (kind === null) {
    resetCallStack();
    // A short return that reaches the top level stays an `EarlyReturn` error (kind runtime).
    return evaluate(e, env, new Map());
  }
  const items = (e as { items: SymbolicExpression[] }).items;
  const contract = env.contract;
  resetCallStack();
  switch (kind) {
    case 'define-constant': {
      if (items.length !== 3) throw badDefinition('constant');
      const name = atomName(items[1]);
      checkLegalDefine(name, contract);
      const v = evaluateDefinitionValue(items[2]!, env);
      env.costs?.charge('cost_bind_name', 0);
      // The value is held in memory until the deploy's evaluation ends (see `deployContract`).
      env.costs?.addMemory(valueSize(v));
      contract.constants.set(name, v);
      return null;
    }
    case 'define-private':
    case 'define-public':
    case 'define-read-only':
      defineFunction(items, kind === 'define-private' ? 'private' : kind === 'define-public' ? 'public' : 'read-only', env);
      return null;
    case 'define-data-var': {
      if (items.length !== 4) throw badDefinition('data var');
      const name = atomName(items[1]);
      const t = parseTypeExpression(items[2]!);
      checkLegalDefine(name, contract);
      if (env.costs !== undefined) chargeTypeParseSteps(env.costs, [items[2]!]);
      const v = evaluateDefinitionValue(items[3]!, env);
      if (!admitsValue(t, v)) throw checkError('TypeError', 'data var initial value does not match its type');
      if (env.costs !== undefined) {
        env.costs.charge('cost_create_var', t.size);
        env.costs.addMemory(t.typeSize + valueSize(v));
      }
      contract.dataVars.set(name, t);
      env.chain.db.setValue(varKey(env, name), v);
      return null;
    }
    case 'define-map': {
      if (items.length !== 4) throw badDefinition('map');
      const name = atomName(items[1]);
      const key = parseTypeExpression(items[2]!);
      const value = parseTypeExpression(items[3]!);
      checkLegalDefine(name, contract);
      if (env.costs !== undefined) {
        chargeTypeParseSteps(env.costs, [items[2]!, items[3]!]);
        env.costs.charge('cost_create_map', key.size + value.size);
        env.costs.addMemory(key.typeSize + value.typeSize);
      }
      contract.maps.set(name, { key, value });
      return null;
    }
    case 'define-fungible-token': {
      if (items.length !== 2 && items.length !== 3) throw badDefinition('fungible token');
      const name = atomName(items[1]);
      checkLegalDefine(name, contract);
      let totalSupply: bigint | null = null;
      if (items.length === 3) {
        const v = evaluateDefinitionValue(items[2]!, env);
        if (v.type !== 'uint') throw checkError('TypeError', 'token supply must be a uint');
        totalSupply = v.value;
      }
      if (env.costs !== undefined) {
        env.costs.charge('cost_create_ft', 0);
        env.costs.addMemory(1);
      }
      contract.fungibleTokens.set(name, { totalSupply });
      // state: `create_fungible_token` stores the circulating supply 0.
      env.chain.db.setUint(ftSupplyKey(contract.idString, name), 0n);
      return null;
    }
    case 'define-non-fungible-token': {
      if (items.length !== 3) throw badDefinition('non-fungible token');
      const name = atomName(items[1]);
      const t = parseTypeExpression(items[2]!);
      checkLegalDefine(name, contract);
      if (env.costs !== undefined) {
        chargeTypeParseSteps(env.costs, [items[2]!]);
        env.costs.charge('cost_create_nft', t.size);
        env.costs.addMemory(t.typeSize);
      }
      contract.nonFungibleTokens.set(name, t);
      return null;
    }
    case 'define-trait': {
      const name = atomName(items[1]);
      checkLegalDefine(name, contract);
      const methods: string[] = [];
      const sigs = items[2];
      if (env.costs !== undefined && sigs?.type === 'list') chargeTraitTypes(env.costs, sigs.items);
      if (sigs?.type === 'list') for (const m of sigs.items) if (m.type === 'list' && m.items[0]?.type === 'atom') methods.push((m.items[0] as { name: string }).name);
      contract.definedTraits.set(name, methods);
      return null;
    }
    case 'impl-trait': {
      const t = items[1];
      if (t?.type === 'field') contract.implementedTraits.push(t.trait);
      return null;
    }
    default:
      return null;
  }
}

function evaluateDefinitionValue(e: SymbolicExpression, env: Env): ClarityValue {
  return evaluate(e, env, new Map());
}

let specialForms: Readonly<Record<string, SpecialForm>> | undefined;

/**
 * The special form called `name`. The table is built on first use: the form modules import
 * `evaluate` from this one, so they are complete only once every module is loaded.
 */
function specialForm(name: string): SpecialForm | undefined {
  specialForms ??= { ...CORE_FORMS, ...ASSET_FORMS, ...BLOCK_INFO_FORMS, ...ALLOWANCE_FORMS };
  return Object.hasOwn(specialForms, name) ? specialForms[name] : undefined;
}
