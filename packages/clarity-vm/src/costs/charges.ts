/**
 * Where the interpreter charges (spec-costs.md section 4): one entry point per charging site, so
 * each site in src/eval and src/natives is a single call made only when a tracker is present.
 * Every function here assumes costs are on (the caller checks `env.costs`).
 */
import { ClarityType } from '@stacks-ts/codec';
import type { ClarityValue, TypeSignature } from '@stacks-ts/codec';
import { StacksEpochId } from '@stacks-ts/common';
import type { ContractContext, DefinedFunction, Locals } from '../eval/context.ts';
import type { NativeContext } from '../natives/context.ts';
import { epochAtLeast } from '../natives/context.ts';
import type { ValueNativeFunction } from '../natives/types.ts';
import { setValueType, typeOfValue, valueSize } from '../natives/value-types.ts';
import type { SymbolicExpression } from '../parser/ast.ts';
import { serializedLength, typeParseSteps, utf8ByteLength } from './sizes.ts';
import type { CostFunctionName } from './tables.ts';
import type { CostTracker } from './tracker.ts';

// ---------------------------------------------------------------------------------------------
// Natives applied to evaluated values

/** How a native taking values computes its charge. */
type NativeCharge = (t: CostTracker, args: readonly ClarityValue[], ctx: NativeContext) => void;

/** `Native`: n = argument count, the arguments' sizes are held in memory while it runs. */
const byCount = (fn: CostFunctionName): NativeCharge => (t, args) => t.charge(fn, args.length);

/** `Native205`: from 2.05, n = Σ serialized lengths of the arguments (2.0: argument count). */
const bySerializedSize =
  (fn: CostFunctionName): NativeCharge =>
  (t, args, ctx) => {
    if (!epochAtLeast(ctx.epoch, StacksEpochId.Epoch2_05)) {
      t.charge(fn, args.length);
      return;
    }
    let n = 0;
    for (const a of args) n += serializedLength(a);
    t.charge(fn, n);
  };

/** A special form of the reference with a constant charge. */
const constant = (fn: CostFunctionName): NativeCharge => (t) => t.charge(fn, 0);

/** `> >= < <=`: n = 2 in Clarity 1, the smaller operand size in Clarity 2+. */
const comparison =
  (fn: CostFunctionName): NativeCharge =>
  (t, args, ctx) => {
    if (ctx.clarityVersion < 2 || args.length !== 2) {
      t.charge(fn, args.length);
      return;
    }
    t.charge(fn, Math.min(costSize(args[0]!), costSize(args[1]!)));
  };

function sequenceElementCount(v: ClarityValue): number {
  switch (v.type) {
    case 'list':
      return v.value.length;
    case 'buffer':
    case 'string-ascii':
      return v.value.length;
    case 'string-utf8': {
      let n = 0;
      for (const _ of v.value) n++;
      return n;
    }
    default:
      return -1;
  }
}

const concatCharge: NativeCharge = (t, args, ctx) => {
  const [a, b] = args;
  if (a === undefined || b === undefined) return;
  if (!epochAtLeast(ctx.epoch, StacksEpochId.Epoch2_05)) {
    t.charge('cost_concat', costSize(a) + costSize(b));
    return;
  }
  const la = sequenceElementCount(a);
  const lb = sequenceElementCount(b);
  t.charge('cost_concat', la < 0 || lb < 0 ? 1 : la + lb);
};

const appendCharge: NativeCharge = (t, args) => {
  const [list, element] = args;
  if (list === undefined || element === undefined || list.type !== 'list') return;
  const lt = typeOfValue(list);
  const entry = lt.kind === 'list' ? lt.itemType.size : 1;
  t.charge('cost_append', Math.max(entry, costSize(element)));
};

const listCharge: NativeCharge = (t, args) => {
  let n = 0;
  for (const a of args) n += costSize(a);
  t.charge('cost_list_cons', n);
};

/** The charge of each pure native, charged once its arguments are evaluated. */
const NATIVE_CHARGES: Readonly<Record<string, NativeCharge>> = {
  '+': byCount('cost_add'),
  '-': byCount('cost_sub'),
  '*': byCount('cost_mul'),
  '/': byCount('cost_div'),
  '>=': comparison('cost_geq'),
  '<=': comparison('cost_leq'),
  '<': comparison('cost_le'),
  '>': comparison('cost_ge'),
  'to-int': byCount('cost_int_cast'),
  'to-uint': byCount('cost_int_cast'),
  mod: byCount('cost_mod'),
  pow: byCount('cost_pow'),
  sqrti: byCount('cost_sqrti'),
  log2: byCount('cost_log2'),
  xor: byCount('cost_xor'),
  not: byCount('cost_not'),
  'is-eq': bySerializedSize('cost_eq'),
  append: appendCharge,
  concat: concatCharge,
  'as-max-len?': constant('cost_as_max_len'),
  len: byCount('cost_len'),
  'element-at': byCount('cost_element_at'),
  'element-at?': byCount('cost_element_at'),
  'index-of': bySerializedSize('cost_index_of'),
  'index-of?': bySerializedSize('cost_index_of'),
  'buff-to-int-le': byCount('cost_buff_to_int_le'),
  'buff-to-uint-le': byCount('cost_buff_to_uint_le'),
  'buff-to-int-be': byCount('cost_buff_to_int_be'),
  'buff-to-uint-be': byCount('cost_buff_to_uint_be'),
  'is-standard': constant('cost_is_standard'),
  'principal-destruct?': constant('cost_principal_destruct'),
  'principal-construct?': constant('cost_principal_construct'),
  'string-to-int?': byCount('cost_string_to_int'),
  'string-to-uint?': byCount('cost_string_to_uint'),
  'int-to-ascii': byCount('cost_int_to_ascii'),
  'int-to-utf8': byCount('cost_int_to_utf8'),
  list: listCharge,
  merge: bySerializedSize('cost_tuple_merge'),
  begin: byCount('cost_begin'),
  hash160: bySerializedSize('cost_hash160'),
  sha256: bySerializedSize('cost_sha256'),
  sha512: bySerializedSize('cost_sha512'),
  'sha512/256': bySerializedSize('cost_sha512t256'),
  keccak256: bySerializedSize('cost_keccak256'),
  'secp256k1-recover?': constant('cost_secp256k1recover'),
  'secp256k1-verify': constant('cost_secp256k1verify'),
  'principal-of?': constant('cost_principal_of'),
  err: byCount('cost_err_cons'),
  ok: byCount('cost_ok_cons'),
  some: byCount('cost_some_cons'),
  'default-to': byCount('cost_default_to'),
  'unwrap-panic': byCount('cost_unwrap'),
  'unwrap-err-panic': byCount('cost_unwrap_err'),
  'is-ok': byCount('cost_is_okay'),
  'is-none': byCount('cost_is_none'),
  'is-err': byCount('cost_is_err'),
  'is-some': byCount('cost_is_some'),
  'bit-and': byCount('cost_bitwise_and'),
  'bit-or': byCount('cost_bitwise_or'),
  'bit-not': byCount('cost_bitwise_not'),
  'bit-shift-left': byCount('cost_bitwise_left_shift'),
  'bit-shift-right': byCount('cost_bitwise_right_shift'),
  'bit-xor': byCount('cost_xor'),
  'to-consensus-buff?': bySerializedSize('cost_to_consensus_buff'),
  'replace-at?': (t, args) => {
    const seq = args[0];
    if (seq !== undefined) t.charge('cost_replace_at', costSize(seq));
  },
  'to-ascii?': (t, args) => {
    const v = args[0];
    if (v !== undefined) t.charge('cost_to_ascii', costSize(v));
  },
  'secp256r1-verify': constant('cost_secp256r1verify'),
};

/** Natives the reference evaluates through `apply` (not special forms): their arguments are held in memory. */
const HOLDS_ARGUMENT_MEMORY = new Set([
  '+', '-', '*', '/', 'to-int', 'to-uint', 'mod', 'pow', 'sqrti', 'log2', 'xor', 'not', 'is-eq', 'len',
  'element-at', 'element-at?', 'index-of', 'index-of?', 'buff-to-int-le', 'buff-to-uint-le', 'buff-to-int-be',
  'buff-to-uint-be', 'string-to-int?', 'string-to-uint?', 'int-to-ascii', 'int-to-utf8', 'merge', 'begin',
  'hash160', 'sha256', 'sha512', 'sha512/256', 'keccak256', 'err', 'ok', 'some', 'default-to', 'unwrap-panic',
  'unwrap-err-panic', 'is-ok', 'is-none', 'is-err', 'is-some', 'bit-and', 'bit-or', 'bit-not', 'bit-shift-left',
  'bit-shift-right', 'bit-xor', 'to-consensus-buff?',
]);

function sliceElementSize(seq: ClarityValue): number {
  switch (seq.type) {
    case 'buffer':
    case 'string-ascii':
      return 5;
    case 'string-utf8':
      return 8;
    case 'list': {
      const t = typeOfValue(seq);
      return t.kind === 'list' ? t.itemType.size : 1;
    }
    default:
      return 0;
  }
}

/**
 * Applies a native taking values with its charge: memory for the arguments of reference natives,
 * the cost function with the reference's `n`, then the native itself (for `slice?`: charged after,
 * and only when it returns a slice).
 */
export function applyNativeCharged(
  t: CostTracker,
  f: ValueNativeFunction,
  args: readonly ClarityValue[],
  ctx: NativeContext,
  argumentsHeld = false,
): ClarityValue {
  if (f.name === 'slice?') {
    const result = f.apply(args, ctx);
    if (result.type === 'optional' && result.value !== null) {
      const [seq, left, right] = args as [ClarityValue, ClarityValue, ClarityValue];
      if (left.type === 'uint' && right.type === 'uint') {
        t.charge('cost_slice', Number(right.value - left.value) * sliceElementSize(seq));
      }
    }
    return result;
  }
  let plan = plans.get(f);
  if (plan === undefined) {
    plan = { charge: NATIVE_CHARGES[f.name], holdsMemory: HOLDS_ARGUMENT_MEMORY.has(f.name) };
    plans.set(f, plan);
  }
  if (!plan.holdsMemory || argumentsHeld) {
    plan.charge?.(t, args, ctx);
    return f.apply(args, ctx);
  }
  let held = 0;
  for (const a of args) held += costSize(a);
  t.addMemory(held);
  try {
    plan.charge?.(t, args, ctx);
    return f.apply(args, ctx);
  } finally {
    t.dropMemory(held);
  }
}

/** Whether the reference evaluates native `name` through `apply`, holding each argument's size in memory. */
export function holdsArgumentMemory(name: string): boolean {
  return HOLDS_ARGUMENT_MEMORY.has(name);
}

/** Per native: its charge and whether its arguments are held in memory (looked up once). */
const plans = new WeakMap<ValueNativeFunction, { readonly charge: NativeCharge | undefined; readonly holdsMemory: boolean }>();

/** `tuple` / `{...}`: TupleCons with n = number of fields, after the values are evaluated. */
export function chargeTupleCons(t: CostTracker, fields: number): void {
  t.charge('cost_tuple_cons', fields);
}

/** `get`: TupleGet with n = the tuple's field count; nothing for `none`. */
export function chargeTupleGet(t: CostTracker, input: ClarityValue): void {
  const tuple = input.type === 'optional' ? input.value : input;
  if (tuple !== null && tuple.type === 'tuple') t.charge('cost_tuple_get', Object.keys(tuple.value).length);
}

/** `from-consensus-buff?`: the type's parse steps (before the buffer is evaluated). */
export function chargeTypeParse(t: CostTracker, typeExpr: SymbolicExpression): void {
  const steps = typeParseSteps(typeExpr);
  for (let i = 0; i < steps; i++) t.charge('cost_type_parse_step', 0);
}

/** `from-consensus-buff?`: FromConsensusBuff with n = the buffer's length (0 fails in the cost function). */
export function chargeFromConsensusBuff(t: CostTracker, input: ClarityValue): void {
  if (input.type === 'buffer') t.charge('cost_from_consensus_buff', input.value.length);
}

// ---------------------------------------------------------------------------------------------
// Variables and scopes

const scopeDepth = new WeakMap<Locals, number>();

/** The `LocalContext` depth of a set of bindings (0 at the top of a function body or contract). */
export function localsDepth(locals: Locals): number {
  return scopeDepth.get(locals) ?? 0;
}

/** Records that `inner` is a `let` / `match` scope nested in `outer` (depth + 1). */
export function enterScope(inner: Locals, outer: Locals): void {
  scopeDepth.set(inner, localsDepth(outer) + 1);
}

/**
 * The value a name lookup returns: a Clarity 1 trait argument comes back as a fresh principal (the
 * reference clones the identifier out of `callable_contracts`), so a `let` or `match` binding of
 * it is an ordinary variable whose lookups are sized.
 */
export function lookedUpValue(value: ClarityValue): ClarityValue {
  return unsizedCallables.has(value) && value.type === 'principal' ? { type: 'principal', value: value.value } : value;
}

/** A variable bound by `let`, `match`, a function parameter or a contract constant. */
export function chargeVariableLookup(t: CostTracker, locals: Locals, value: ClarityValue): void {
  t.charge('cost_lookup_variable_depth', localsDepth(locals));
  // a Clarity 1 trait argument lives in `callable_contracts`: found without a size charge
  if (!unsizedCallables.has(value)) t.charge('cost_lookup_variable_size', costSize(value));
}

/** Reserved variables reading chain state charge `FetchVar` with n = 1; the others are free. */
const METERED_KEYWORDS = new Set([
  'block-height',
  'burn-block-height',
  'stx-liquid-supply',
  'stacks-block-height',
  'tenure-height',
  'stacks-block-time',
]);

/** The charge of reading a reserved variable (keyword). */
export function chargeKeyword(t: CostTracker, name: string): void {
  if (METERED_KEYWORDS.has(name)) t.charge('cost_fetch_var', 1);
}

// ---------------------------------------------------------------------------------------------
// Functions and contracts

/**
 * A user function application (`DefinedFunction::execute_apply`): UserFunctionApplication with
 * n = parameter count, then InnerTypeCheckCost per parameter with n = the declared type's size
 * (before 3.3; trait types sized as callables) or the argument value's size (3.3 on).
 */
export function chargeUserFunction(t: CostTracker, epoch: StacksEpochId, fn: DefinedFunction, args: readonly ClarityValue[]): void {
  t.charge('cost_user_function_application', fn.params.length);
  if (epochAtLeast(epoch, StacksEpochId.Epoch33)) {
    for (const a of args) t.charge('cost_inner_type_check_cost', costSize(a));
    return;
  }
  const traits = traitParameters.get(fn.params);
  fn.params.forEach((p, i) => {
    const e = traits?.[i];
    const declared = e === undefined || e === null ? undefined : declaredSize(e);
    t.charge('cost_inner_type_check_cost', declared?.size ?? p.type.size);
  });
}

/** `size()` of a trait-typed parameter and of the callable contract value bound to it. */
export const CALLABLE_SIZE = 276;

/**
 * Contract principals the reference holds as callables (`Value::CallableContract`, size 276):
 * arguments bound to trait parameters in Clarity 2+ (`clarity2_implicit_cast`), also inside
 * lists, optionals and tuples.
 */
const callables = new WeakSet<ClarityValue>();
/** Clarity 1 trait arguments: bound in `callable_contracts` only, so a lookup finds them without a size charge. */
const unsizedCallables = new WeakSet<ClarityValue>();
/** Containers holding callables: their size as the reference computes it. */
const castSizes = new WeakMap<ClarityValue, number>();

/** `size()` as the reference sees it: callables are 276, containers of callables are sized accordingly. */
export function costSize(v: ClarityValue): number {
  if (callables.has(v)) return CALLABLE_SIZE;
  return castSizes.get(v) ?? valueSize(v);
}

interface Sized {
  readonly size: number;
  readonly typeSize: number;
}

function lengthLiteral(e: SymbolicExpression | undefined): number | null {
  if (e === undefined || (e.type !== 'literal-value' && e.type !== 'atom-value') || e.value.type !== 'int') return null;
  return Number(e.value.value);
}

/** `size()` and `type_size()` of a type expression, trait references sized as callables (276, type size 1). */
function declaredSize(e: SymbolicExpression): Sized | null {
  if (e.type === 'trait-reference') return { size: CALLABLE_SIZE, typeSize: 1 };
  if (e.type === 'atom') {
    const atoms: Readonly<Record<string, Sized>> = {
      int: { size: 16, typeSize: 1 },
      uint: { size: 16, typeSize: 1 },
      bool: { size: 1, typeSize: 1 },
      principal: { size: 148, typeSize: 1 },
    };
    return atoms[e.name] ?? null;
  }
  if (e.type !== 'list' || e.items[0]?.type !== 'atom') return null;
  const rest = e.items.slice(1);
  switch (e.items[0].name) {
    case 'buff':
    case 'string-ascii': {
      const n = lengthLiteral(rest[0]);
      return n === null ? null : { size: 4 + n, typeSize: 5 };
    }
    case 'string-utf8': {
      const n = lengthLiteral(rest[0]);
      return n === null ? null : { size: 4 + 4 * n, typeSize: 5 };
    }
    case 'list': {
      const n = lengthLiteral(rest[0]);
      const item = rest[1] === undefined ? null : declaredSize(rest[1]);
      return n === null || item === null ? null : { size: item.size * n + item.typeSize + 5, typeSize: item.typeSize + 5 };
    }
    case 'optional': {
      const inner = rest[0] === undefined ? null : declaredSize(rest[0]);
      return inner === null ? null : { size: inner.size + 1, typeSize: inner.typeSize + 1 };
    }
    case 'response': {
      const ok = rest[0] === undefined ? null : declaredSize(rest[0]);
      const err = rest[1] === undefined ? null : declaredSize(rest[1]);
      return ok === null || err === null ? null : { size: Math.max(ok.size, err.size) + 1, typeSize: ok.typeSize + err.typeSize + 1 };
    }
    case 'tuple': {
      let typeSize = 2 * rest.length;
      let size = 2 * rest.length;
      for (const pair of rest) {
        if (pair.type !== 'list' || pair.items[0]?.type !== 'atom' || pair.items[1] === undefined) return null;
        const field = declaredSize(pair.items[1]);
        if (field === null) return null;
        const nameLength = (pair.items[0] as { name: string }).name.length;
        typeSize += field.typeSize + nameLength;
        size += field.size + nameLength;
      }
      return { size: size + typeSize, typeSize };
    }
    default:
      return null;
  }
}

function mentionsTrait(e: SymbolicExpression): boolean {
  return e.type === 'trait-reference' || (e.type === 'list' && e.items.some(mentionsTrait));
}

function listItemExpr(e: SymbolicExpression, head: string, index: number): SymbolicExpression | undefined {
  return e.type === 'list' && e.items[0]?.type === 'atom' && (e.items[0] as { name: string }).name === head ? e.items[index] : undefined;
}

/**
 * Marks the contract principals of a cast container copy that sit at trait positions of `typeExpr`
 * as callables (replacing them by fresh objects) and records the container sizes; returns the
 * value (or its replacement).
 */
function castCallables(v: ClarityValue, typeExpr: SymbolicExpression): ClarityValue {
  if (typeExpr.type === 'trait-reference') {
    if (v.type !== 'principal' || v.value.type !== 'contract') return v;
    const callable: ClarityValue = { type: 'principal', value: v.value };
    callables.add(callable);
    return callable;
  }
  if (!mentionsTrait(typeExpr)) return v;
  switch (v.type) {
    case 'list': {
      const item = listItemExpr(typeExpr, 'list', 2);
      const declaredItem = item === undefined ? null : declaredSize(item);
      if (item === undefined || declaredItem === null) return v;
      const items = v.value as ClarityValue[];
      for (let i = 0; i < items.length; i++) items[i] = castCallables(items[i]!, item);
      const t = typeOfValue(v);
      const maxLength = t.kind === 'list' ? t.maxLength : items.length;
      castSizes.set(v, declaredItem.size * maxLength + declaredItem.typeSize + 5);
      return v;
    }
    case 'optional': {
      const inner = listItemExpr(typeExpr, 'optional', 1);
      if (inner === undefined || v.value === null) return v;
      const cast: ClarityValue = { type: 'optional', value: castCallables(v.value, inner) };
      castSizes.set(cast, costSize(cast.value as ClarityValue) + 1);
      return cast;
    }
    case 'response': {
      const inner = listItemExpr(typeExpr, 'response', v.ok ? 1 : 2);
      if (inner === undefined) return v;
      const cast: ClarityValue = { type: 'response', ok: v.ok, value: castCallables(v.value, inner) };
      castSizes.set(cast, Math.max(costSize(cast.value), 1) + 1);
      return cast;
    }
    case 'tuple': {
      const fields = v.value as Record<string, ClarityValue>;
      for (const pair of typeExpr.type === 'list' ? typeExpr.items.slice(1) : []) {
        if (pair.type !== 'list' || pair.items[0]?.type !== 'atom' || pair.items[1] === undefined) continue;
        const name = (pair.items[0] as { name: string }).name;
        const field = fields[name];
        if (field !== undefined) fields[name] = castCallables(field, pair.items[1]);
      }
      const declared = declaredSize(typeExpr);
      if (declared !== null) castSizes.set(v, declared.size);
      return v;
    }
    default:
      return v;
  }
}

/**
 * The value a parameter is bound to, as far as sizes go: a trait argument becomes a callable
 * (Clarity 2+) or an unsized `callable_contracts` entry (Clarity 1); in Clarity 2+ lists and tuples
 * take the parameter's type (`clarity2_implicit_cast`), with contracts at trait positions as callables.
 */
export function bindArgument(fn: DefinedFunction, index: number, v: ClarityValue, version: number): ClarityValue {
  const p = fn.params[index];
  if (p === undefined) return v;
  const traitExpr = traitParameters.get(fn.params)?.[index];
  if (traitExpr?.type === 'trait-reference') {
    if (v.type !== 'principal' || v.value.type !== 'contract') return v;
    const copy: ClarityValue = { type: 'principal', value: v.value };
    (version >= 2 ? callables : unsizedCallables).add(copy);
    return copy;
  }
  if (version < 2) return v;
  const cast = castToParameterType(v, p.type);
  return traitExpr === undefined || traitExpr === null || cast === v ? cast : castCallables(cast, traitExpr);
}

/** The type expression of each parameter whose type mentions a trait (null for the others). */
const traitParameters = new WeakMap<object, readonly (SymbolicExpression | null)[]>();

/**
 * Remembers the parameters of a function declared with a type mentioning a trait (`<trait>`,
 * `(list 2 <trait>)`, ...): the evaluator types them as principals, the reference sizes the trait
 * positions as callables (276).
 */
export function recordTraitParameters(params: object, paramExprs: readonly SymbolicExpression[]): void {
  let any = false;
  const types = paramExprs.map((p) => {
    const t = p.type === 'list' ? p.items[1] : undefined;
    if (t === undefined || !mentionsTrait(t)) return null;
    any = true;
    return t;
  });
  if (any) traitParameters.set(params, types);
}

const dataSizes = new WeakMap<ContractContext, number>();

/**
 * The contract size `cost_load_contract` takes (`get_contract_size`): the source's byte length plus
 * the data size (Σ size of the `define-constant` values).
 */
export function contractSize(contract: ContractContext, t: CostTracker): number {
  if (!t.countsConstantData) return utf8ByteLength(contract.source);
  let data = dataSizes.get(contract);
  if (data === undefined) {
    data = 0;
    for (const v of contract.constants.values()) data += valueSize(v);
    dataSizes.set(contract, data);
  }
  return utf8ByteLength(contract.source) + data;
}

/** A definition's type parse steps (`define-data-var`, `define-map`, function parameters, ...). */
export function chargeTypeParseSteps(t: CostTracker, typeExprs: readonly SymbolicExpression[]): void {
  let steps = 0;
  for (const e of typeExprs) steps += typeParseSteps(e);
  for (let i = 0; i < steps; i++) t.charge('cost_type_parse_step', 0);
}

/** Whether `as-contract` is charged (from epoch 2.1; free in 2.05). */
export function chargesAsContract(epoch: StacksEpochId): boolean {
  return epochAtLeast(epoch, StacksEpochId.Epoch21);
}

// ---------------------------------------------------------------------------------------------
// Storage

/** `var-get`: FetchVar, n = serialized length of the stored value (2.0: the declared type size). */
export function chargeVarGet(t: CostTracker, epoch: StacksEpochId, declared: TypeSignature, value: ClarityValue): void {
  t.charge('cost_fetch_var', epochAtLeast(epoch, StacksEpochId.Epoch2_05) ? serializedLength(value) : declared.size);
}

/** `var-set`: SetVar, n = serialized length written (2.0: the declared type size); the memory is kept. */
export function chargeVarSet(t: CostTracker, epoch: StacksEpochId, declared: TypeSignature, value: ClarityValue): void {
  const n = epochAtLeast(epoch, StacksEpochId.Epoch2_05) ? serializedLength(value) : declared.size;
  t.charge('cost_set_var', n);
  t.addMemory(n);
}

/**
 * `map-get?`: FetchEntry, n = key length + the stored entry's length: `(some v)` when present, 1
 * for the `none` a `map-delete` leaves behind, nothing when the key was never written.
 */
export function chargeMapGet(
  t: CostTracker,
  epoch: StacksEpochId,
  declared: { readonly key: TypeSignature; readonly value: TypeSignature },
  key: ClarityValue,
  found: ClarityValue | undefined,
  stored: boolean,
): void {
  if (!epochAtLeast(epoch, StacksEpochId.Epoch2_05)) {
    t.charge('cost_fetch_entry', declared.key.size + declared.value.size);
    return;
  }
  const entry = found !== undefined ? 1 + serializedLength(found) : stored ? 1 : 0;
  t.charge('cost_fetch_entry', serializedLength(key) + entry);
}

/**
 * `map-set` / `map-insert` / `map-delete`: SetEntry, n = key length + length of what was written
 * (`(some v)` for a write, 1 for a delete of an existing entry, nothing when nothing is written);
 * the memory is kept.
 */
export function chargeMapWrite(
  t: CostTracker,
  epoch: StacksEpochId,
  declared: { readonly key: TypeSignature; readonly value: TypeSignature },
  key: ClarityValue,
  written: ClarityValue | 'deleted' | null,
): void {
  let n: number;
  if (!epochAtLeast(epoch, StacksEpochId.Epoch2_05)) {
    // 2.0: the declared sizes (a delete writes no value)
    n = written === 'deleted' ? declared.key.size : declared.key.size + declared.value.size;
  } else {
    n = serializedLength(key);
    if (written === 'deleted') n += 1;
    else if (written !== null) n += 1 + serializedLength(written);
  }
  t.charge('cost_set_entry', n);
  t.addMemory(n);
}

/** `define-trait`: the parse steps of every method's parameter and return types. */
export function chargeTraitTypes(t: CostTracker, methods: readonly SymbolicExpression[]): void {
  const types: SymbolicExpression[] = [];
  for (const m of methods) {
    if (m.type !== 'list' || m.items.length !== 3) continue;
    const params = m.items[1]!;
    if (params.type === 'list') types.push(...params.items);
    types.push(m.items[2]!);
  }
  chargeTypeParseSteps(t, types);
}

/** Special forms charged a constant on entry, before their arguments, whose bodies live outside src/eval/interpreter.ts. */
const ENTRY_CHARGES: Readonly<Record<string, CostFunctionName>> = {
  'get-block-info?': 'cost_block_info',
  'get-stacks-block-info?': 'cost_block_info',
  'get-tenure-info?': 'cost_block_info',
  'get-burn-block-info?': 'cost_burn_block_info',
};

/** The entry charge of a special form, if it has one. */
export function chargeSpecialEntry(t: CostTracker, name: string): void {
  const fn = ENTRY_CHARGES[name];
  if (fn !== undefined) t.charge(fn, 0);
}

function cloneContainers(v: ClarityValue): ClarityValue {
  switch (v.type) {
    case 'list':
      return { type: 'list', value: v.value.map(cloneContainers) };
    case 'tuple': {
      const fields: Record<string, ClarityValue> = {};
      for (const [name, field] of Object.entries(v.value)) fields[name] = cloneContainers(field);
      return { type: 'tuple', value: fields };
    }
    case 'optional':
      return v.value === null ? v : { type: 'optional', value: cloneContainers(v.value) };
    case 'response':
      return { type: 'response', ok: v.ok, value: cloneContainers(v.value) };
    default:
      return v;
  }
}

function applyCast(copy: ClarityValue, original: ClarityValue, declared: TypeSignature): void {
  switch (copy.type) {
    case 'optional':
      if (copy.value !== null && original.type === 'optional' && original.value !== null && declared.kind === 'optional') {
        applyCast(copy.value, original.value, declared.inner);
      }
      return;
    case 'response':
      if (original.type === 'response' && declared.kind === 'response') applyCast(copy.value, original.value, copy.ok ? declared.ok : declared.err);
      return;
    case 'list': {
      if (original.type !== 'list' || declared.kind !== 'list') return;
      copy.value.forEach((item, i) => applyCast(item, original.value[i]!, declared.itemType));
      const actual = typeOfValue(original);
      const maxLength = actual.kind === 'list' ? actual.maxLength : copy.value.length;
      try {
        setValueType(copy, ClarityType.list(declared.itemType, maxLength));
      } catch {
        // a type the codec refuses keeps the content-derived one
      }
      return;
    }
    case 'tuple':
      if (original.type !== 'tuple' || declared.kind !== 'tuple') return;
      for (const [name, t] of declared.fields) {
        const field = copy.value[name];
        const was = original.value[name];
        if (field !== undefined && was !== undefined) applyCast(field, was, t);
      }
      setValueType(copy, declared);
      return;
    default:
      return;
  }
}

/**
 * `clarity2_implicit_cast` as far as sizes go: a copy of an argument whose tuples carry the
 * parameter's declared type and whose lists carry the declared entry type with their own max-len
 * (so later size-based charges see the reference's sizes). Other values are returned as they are.
 */
export function castToParameterType(v: ClarityValue, declared: TypeSignature): ClarityValue {
  if (v.type !== 'list' && v.type !== 'tuple' && v.type !== 'optional' && v.type !== 'response') return v;
  const copy = cloneContainers(v);
  applyCast(copy, v, declared);
  return copy;
}

/** A `let` binding's memory (held until the `let` ends); returns the bytes to release. */
export function holdBinding(t: CostTracker, v: ClarityValue): number {
  const size = costSize(v);
  t.addMemory(size);
  return size;
}

/**
 * `cost_load_contract` with the contract's size, which is also held in memory during the call;
 * returns the bytes to release when the call returns.
 */
export function chargeLoadContract(t: CostTracker, contract: ContractContext): number {
  const size = contractSize(contract, t);
  t.charge('cost_load_contract', size);
  t.addMemory(size);
  return size;
}

/** The `n` of the NFT cost functions: the asset id's serialized length (2.05+), the declared asset type's size in 2.0. */
export function nftCostInput(epoch: StacksEpochId, declared: TypeSignature, id: ClarityValue): number {
  return epochAtLeast(epoch, StacksEpochId.Epoch2_05) ? serializedLength(id) : declared.size;
}

/** Runs `body` with `bytes` of memory held (`as-contract`, `at-block`: 1); no tracker runs it as is. */
export function holdingBytes<T>(t: CostTracker | undefined, bytes: number, body: () => T): T {
  if (t === undefined) return body();
  t.addMemory(bytes);
  try {
    return body();
  } finally {
    t.dropMemory(bytes);
  }
}

/** Runs `body` with a binding's memory held (`match`); no tracker runs it as is. */
export function holdingValue<T>(t: CostTracker | undefined, v: ClarityValue, body: () => T): T {
  return t === undefined ? body() : holdingBytes(t, costSize(v), body);
}
