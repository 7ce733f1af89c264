/**
 * Trait identity of runtime callable values.
 *
 * From Clarity 2 the reference keeps a value bound to a trait parameter as
 * `Value::CallableContract { contract, trait }` (clarity-types/src/types/mod.rs) and types it as
 * `CallableType(Trait(trait))`, not as `principal`. Our values stay plain principals
 * (@stacks-ts/codec's ClarityValue, serialized as the contract principal); the evaluator marks a
 * callable by registering its contract principal object with the trait's id. Every callable gets
 * its own contract principal object, so a principal literal or constant is never marked.
 *
 * Where the reference's runtime type of such a value differs from `principal`, a *shape* (only the
 * principal positions of a value's type) reproduces it: `least_supertype_v2_1` of a trait callable
 * and a plain principal is a `TypeError`, two different traits unify to a `ListUnionType` that no
 * value is admitted by (so list sanitizing from Epoch 2.4 fails), `admits` needs the same trait, and
 * `is-eq` / `index-of?` compare the trait too.
 */
import type { ClarityValue, ContractPrincipal, PrincipalCV } from '@stacks-ts/codec';
import { principalToString } from '@stacks-ts/codec';
import type { SymbolicExpression } from '../parser/ast.ts';
import { runtimeCheckError } from '../errors.ts';

const traits = new WeakMap<ContractPrincipal, string>();
/** Set once any callable exists: until then every check below is skipped. */
let anyCallable = false;

/** `'ST….contract.trait'`: the identity of a trait (`TraitIdentifier`). */
export function traitKey(contract: ContractPrincipal, name: string): string {
  return `${principalToString(contract)}.${name}`;
}

/** A callable contract value (`Value::CallableContract`) for `contract` typed as `trait`. */
export function callableValue(contract: ContractPrincipal, trait: string): PrincipalCV {
  const own: ContractPrincipal = { ...contract };
  traits.set(own, trait);
  anyCallable = true;
  return { type: 'principal', value: own };
}

/** The trait a callable value carries, or undefined for any other value. */
export function callableTrait(v: ClarityValue): string | undefined {
  if (!anyCallable || v.type !== 'principal' || v.value.type !== 'contract') return undefined;
  return traits.get(v.value);
}

/** The plain contract principal of a callable (`contract-of`, Clarity 1 trait arguments); other values unchanged. */
export function plainPrincipal(v: ClarityValue): ClarityValue {
  if (callableTrait(v) === undefined || v.type !== 'principal') return v;
  return { type: 'principal', value: { ...v.value } };
}

// ---------------------------------------------------------------------------------------------
// Shapes

/**
 * The principal positions of a runtime type: `P` a plain principal, `N` a position without
 * principals (or `NoType`), a set of trait ids a callable (two or more: a `ListUnionType`).
 */
type Shape =
  | 'P'
  | 'N'
  | { readonly k: 'callable'; readonly traits: ReadonlySet<string> }
  | { readonly k: 'optional'; readonly inner: Shape }
  | { readonly k: 'response'; readonly ok: Shape; readonly err: Shape }
  | { readonly k: 'list'; readonly item: Shape }
  | { readonly k: 'tuple'; readonly fields: ReadonlyMap<string, Shape> };

const shapes = new WeakMap<ClarityValue, Shape>();

function shapeOf(v: ClarityValue): Shape {
  switch (v.type) {
    case 'principal': {
      const t = callableTrait(v);
      return t === undefined ? 'P' : { k: 'callable', traits: new Set([t]) };
    }
    case 'optional':
    case 'response':
    case 'list':
    case 'tuple': {
      const cached = shapes.get(v);
      if (cached !== undefined) return cached;
      const s = computeShape(v);
      shapes.set(v, s);
      return s;
    }
    default:
      return 'N';
  }
}

function computeShape(v: ClarityValue): Shape {
  switch (v.type) {
    case 'optional':
      return v.value === null ? 'N' : { k: 'optional', inner: shapeOf(v.value) };
    case 'response':
      return v.ok ? { k: 'response', ok: shapeOf(v.value), err: 'N' } : { k: 'response', ok: 'N', err: shapeOf(v.value) };
    case 'list': {
      if (v.value.length === 0) return 'N';
      let item = shapeOf(v.value[0]!);
      for (let i = 1; i < v.value.length; i++) item = lub(item, shapeOf(v.value[i]!));
      return { k: 'list', item };
    }
    case 'tuple': {
      const fields = new Map<string, Shape>();
      for (const name of Object.keys(v.value)) fields.set(name, shapeOf(v.value[name]!));
      return { k: 'tuple', fields };
    }
    default:
      return shapeOf(v);
  }
}

function hasCallable(s: Shape): boolean {
  if (s === 'P' || s === 'N') return false;
  switch (s.k) {
    case 'callable':
      return true;
    case 'optional':
      return hasCallable(s.inner);
    case 'response':
      return hasCallable(s.ok) || hasCallable(s.err);
    case 'list':
      return hasCallable(s.item);
    case 'tuple':
      for (const f of s.fields.values()) if (hasCallable(f)) return true;
      return false;
  }
}

function hasUnion(s: Shape): boolean {
  if (s === 'P' || s === 'N') return false;
  switch (s.k) {
    case 'callable':
      return s.traits.size > 1;
    case 'optional':
      return hasUnion(s.inner);
    case 'response':
      return hasUnion(s.ok) || hasUnion(s.err);
    case 'list':
      return hasUnion(s.item);
    case 'tuple':
      for (const f of s.fields.values()) if (hasUnion(f)) return true;
      return false;
  }
}

function mismatch(): never {
  throw runtimeCheckError('TypeError', 'a trait callable and a principal have no common type');
}

/** `least_supertype_v2_1` restricted to principal positions (the rest is checked on codec types). */
function lub(a: Shape, b: Shape): Shape {
  if (a === 'N') return b;
  if (b === 'N') return a;
  if (a === 'P') {
    if (typeof b === 'object' && b.k === 'callable') mismatch();
    return a;
  }
  if (b === 'P') {
    if (a.k === 'callable') mismatch();
    return a;
  }
  if (a.k === 'callable' && b.k === 'callable') {
    if (b.traits.size === 1 && a.traits.has([...b.traits][0]!)) return a;
    return { k: 'callable', traits: new Set([...a.traits, ...b.traits]) };
  }
  if (a.k === 'optional' && b.k === 'optional') return { k: 'optional', inner: lub(a.inner, b.inner) };
  if (a.k === 'response' && b.k === 'response') return { k: 'response', ok: lub(a.ok, b.ok), err: lub(a.err, b.err) };
  if (a.k === 'list' && b.k === 'list') return { k: 'list', item: lub(a.item, b.item) };
  if (a.k === 'tuple' && b.k === 'tuple') {
    const fields = new Map<string, Shape>();
    for (const [name, s] of a.fields) fields.set(name, lub(s, b.fields.get(name) ?? 'N'));
    return { k: 'tuple', fields };
  }
  return a;
}

/** `TypeSignature::admits` at principal positions: the same trait, or a plain principal for a principal. */
function admits(expected: Shape, actual: Shape): boolean {
  if (actual === 'N' || expected === 'N') return true;
  if (expected === 'P') return !(typeof actual === 'object' && actual.k === 'callable');
  if (actual === 'P') return expected.k !== 'callable';
  if (expected.k === 'callable') {
    if (actual.k !== 'callable' || expected.traits.size !== 1 || actual.traits.size !== 1) return false;
    return expected.traits.has([...actual.traits][0]!);
  }
  if (expected.k === 'optional' && actual.k === 'optional') return admits(expected.inner, actual.inner);
  if (expected.k === 'response' && actual.k === 'response') return admits(expected.ok, actual.ok) && admits(expected.err, actual.err);
  if (expected.k === 'list' && actual.k === 'list') return admits(expected.item, actual.item);
  if (expected.k === 'tuple' && actual.k === 'tuple') {
    for (const [name, s] of expected.fields) if (!admits(s, actual.fields.get(name) ?? 'N')) return false;
    return true;
  }
  return true;
}

function involvesCallables(values: readonly ClarityValue[]): boolean {
  if (!anyCallable) return false;
  for (const v of values) if (hasCallable(shapeOf(v))) return true;
  return false;
}

/**
 * The callable part of `construct_parent_list_type` / `cons_list` for `items`: `TypeError` when a
 * trait callable meets a plain principal at one position, `ListTypesMustMatch` when callables of
 * different traits meet and the epoch sanitizes list items (`sanitizing`).
 */
export function checkListItems(items: readonly ClarityValue[], sanitizing: boolean): void {
  if (!involvesCallables(items)) return;
  let s: Shape = 'N';
  for (const v of items) s = lub(s, shapeOf(v));
  if (sanitizing && hasUnion(s)) throw runtimeCheckError('ListTypesMustMatch', 'callables of different traits');
}

/** The callable part of `least_supertype` over `values` (`is-eq`): `TypeError` on a trait callable against a principal. */
export function checkCommonType(values: readonly ClarityValue[]): void {
  if (!involvesCallables(values)) return;
  let s: Shape = 'N';
  for (const v of values) s = lub(s, shapeOf(v));
}

/**
 * The callable part of appending `added` to the list `existing` (`append`, `concat`): `TypeError`
 * on a callable against a principal; `ListTypesMustMatch` when the added items meet callables of
 * another trait and the epoch sanitizes.
 */
export function checkListExtension(existing: ClarityValue, added: readonly ClarityValue[], sanitizing: boolean): void {
  if (!involvesCallables([existing, ...added])) return;
  let s = shapeOf(existing);
  s = typeof s === 'object' && s.k === 'list' ? s.item : 'N';
  for (const v of added) s = lub(s, shapeOf(v));
  if (sanitizing && added.length > 0 && hasUnion(s)) throw runtimeCheckError('ListTypesMustMatch', 'callables of different traits');
}

/** Whether `item` may replace an item of `list` as far as callables go (`replace-at?`'s `admits`). */
export function admitsListItem(list: ClarityValue, item: ClarityValue): boolean {
  if (!involvesCallables([list, item])) return true;
  const s = shapeOf(list);
  return admits(typeof s === 'object' && s.k === 'list' ? s.item : 'N', shapeOf(item));
}

/** Whether two values (already equal as codec values) carry the same callables (`Value` equality). */
export function sameCallables(a: ClarityValue, b: ClarityValue): boolean {
  if (!anyCallable) return true;
  if (a.type === 'principal') return callableTrait(a) === callableTrait(b);
  if (a.type === 'optional' && b.type === 'optional') return a.value === null || b.value === null || sameCallables(a.value, b.value);
  if (a.type === 'response' && b.type === 'response') return sameCallables(a.value, b.value);
  if (a.type === 'list' && b.type === 'list') return a.value.every((x, i) => b.value[i] === undefined || sameCallables(x, b.value[i]!));
  if (a.type === 'tuple' && b.type === 'tuple') {
    for (const name of Object.keys(a.value)) {
      const y = b.value[name];
      if (y !== undefined && !sameCallables(a.value[name]!, y)) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Arguments bound to trait-typed parameters

/** A parameter type's trait positions: a trait id, or the compound around one. */
export type TraitTemplate =
  | { readonly k: 'trait'; readonly trait: string }
  | { readonly k: 'optional'; readonly inner: TraitTemplate }
  | { readonly k: 'response'; readonly ok: TraitTemplate | null; readonly err: TraitTemplate | null }
  | { readonly k: 'list'; readonly item: TraitTemplate }
  | { readonly k: 'tuple'; readonly fields: ReadonlyMap<string, TraitTemplate> };

function head(e: SymbolicExpression): string | undefined {
  return e.type === 'list' && e.items[0]?.type === 'atom' ? (e.items[0] as { name: string }).name : undefined;
}

/** The trait positions of a parameter's type expression; null when it mentions no trait. */
export function traitTemplate(e: SymbolicExpression | undefined): TraitTemplate | null {
  if (e === undefined) return null;
  if (e.type === 'trait-reference') return { k: 'trait', trait: traitKey(e.definition.trait.contract, e.definition.trait.name) };
  if (e.type !== 'list') return null;
  switch (head(e)) {
    case 'optional': {
      const inner = traitTemplate(e.items[1]);
      return inner === null ? null : { k: 'optional', inner };
    }
    case 'response': {
      const ok = traitTemplate(e.items[1]);
      const err = traitTemplate(e.items[2]);
      return ok === null && err === null ? null : { k: 'response', ok, err };
    }
    case 'list': {
      const item = traitTemplate(e.items[2]);
      return item === null ? null : { k: 'list', item };
    }
    case 'tuple': {
      const fields = new Map<string, TraitTemplate>();
      for (const pair of e.items.slice(1)) {
        if (pair.type !== 'list' || pair.items[0]?.type !== 'atom') continue;
        const t = traitTemplate(pair.items[1]);
        if (t !== null) fields.set((pair.items[0] as { name: string }).name, t);
      }
      return fields.size === 0 ? null : { k: 'tuple', fields };
    }
    default:
      return null;
  }
}

/**
 * `clarity2_implicit_cast`: the argument with every contract principal at a trait position made a
 * callable of that trait (a callable of another trait is re-typed). Containers are rebuilt only
 * when something inside changes.
 */
export function castToTraits(t: TraitTemplate, v: ClarityValue): ClarityValue {
  switch (t.k) {
    case 'trait':
      if (v.type !== 'principal' || v.value.type !== 'contract' || callableTrait(v) === t.trait) return v;
      return callableValue(v.value, t.trait);
    case 'optional': {
      if (v.type !== 'optional' || v.value === null) return v;
      const inner = castToTraits(t.inner, v.value);
      return inner === v.value ? v : { type: 'optional', value: inner };
    }
    case 'response': {
      if (v.type !== 'response') return v;
      const sub = v.ok ? t.ok : t.err;
      if (sub === null) return v;
      const inner = castToTraits(sub, v.value);
      return inner === v.value ? v : { type: 'response', ok: v.ok, value: inner };
    }
    case 'list': {
      if (v.type !== 'list') return v;
      let changed = false;
      const items = v.value.map((x) => {
        const c = castToTraits(t.item, x);
        if (c !== x) changed = true;
        return c;
      });
      return changed ? { type: 'list', value: items } : v;
    }
    case 'tuple': {
      if (v.type !== 'tuple') return v;
      let changed = false;
      const fields: Record<string, ClarityValue> = {};
      for (const name of Object.keys(v.value)) {
        const sub = t.fields.get(name);
        const x = v.value[name]!;
        const c = sub === undefined ? x : castToTraits(sub, x);
        if (c !== x) changed = true;
        fields[name] = c;
      }
      return changed ? { type: 'tuple', value: fields } : v;
    }
  }
}

/**
 * Clarity 1 `admits` of a trait type nested in a compound parameter type: a plain principal there
 * is no trait value (`TypeValueError`); a callable must carry that trait. A trait parameter itself
 * is not checked here (Clarity 1 binds it as a plain principal).
 */
export function admitsNestedTraits(t: TraitTemplate, v: ClarityValue, nested = false): boolean {
  switch (t.k) {
    case 'trait':
      if (!nested || v.type !== 'principal') return true;
      return callableTrait(v) === t.trait;
    case 'optional':
      return v.type !== 'optional' || v.value === null || admitsNestedTraits(t.inner, v.value, true);
    case 'response': {
      if (v.type !== 'response') return true;
      const sub = v.ok ? t.ok : t.err;
      return sub === null || admitsNestedTraits(sub, v.value, true);
    }
    case 'list':
      return v.type !== 'list' || v.value.every((x) => admitsNestedTraits(t.item, x, true));
    case 'tuple':
      if (v.type !== 'tuple') return true;
      for (const [name, sub] of t.fields) {
        const x = v.value[name];
        if (x !== undefined && !admitsNestedTraits(sub, x, true)) return false;
      }
      return true;
  }
}
