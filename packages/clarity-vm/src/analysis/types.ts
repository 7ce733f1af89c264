/**
 * Analysis-time types: the codec's `TypeSignature` plus the two kinds the type checker needs on
 * top of it, a trait reference (`<trait>` arguments, the reference's `CallableType::Trait`) and
 * `any`, the type this checker gives to what it does not model yet (it admits and is admitted by
 * everything, so an unmodelled rule can never produce a false static error). Compound types are
 * built with the codec's `ClarityType` constructors, so their limits are the reference's; their
 * inner types may hold the two extra kinds at run time.
 */
import { ClarityType, CodecError, CodecErrorCode, admitsType, leastSupertype, typeSignatureToString } from '@stacks-ts/codec';
import type { ContractPrincipal, TypeSignature } from '@stacks-ts/codec';
import { checkError } from '../errors.ts';
import type { SymbolicExpression, TraitIdentifier } from '../parser/ast.ts';
import { traitIdentifierToString } from '../parser/build.ts';

/** A type the checker does not model (admits and is admitted by everything). */
export type AnyType = { readonly kind: 'any'; readonly size: number; readonly typeSize: number; readonly depth: number };
/**
 * `<trait>`: a contract principal that implements `trait`. With `alsoTraits` or `joined`, the
 * supertype of several traits and contract principal literals (the reference's `ListUnionType`):
 * Clarity 2 accepts it where a trait is expected once each member conforms; no `admits_type`
 * admits it, and it does not concretize.
 */
export type TraitRefType = {
  readonly kind: 'trait';
  readonly trait: TraitIdentifier;
  /** Further traits of a union. */
  readonly alsoTraits?: readonly TraitIdentifier[];
  /** Contract principals of a union. */
  readonly joined?: readonly ContractPrincipal[];
  readonly size: number;
  readonly typeSize: number;
  readonly depth: number;
};
/** A type as the analysis sees it. */
export type AnalysisType = TypeSignature | AnyType | TraitRefType;

/**
 * The v2.1 checker's type of a contract principal literal (`CallableType::Principal`): a
 * `principal` that also remembers which contract(s) it names, so it may stand for a trait (after
 * a conformance check) and a constant bound to it may be the target of `contract-call?`. Several
 * contracts when it is the supertype of several literals (the reference's `ListUnionType`).
 */
export type CallablePrincipalType = TypeSignature & { readonly kind: 'principal'; readonly callable: readonly ContractPrincipal[] };

/** The callable type of contract principal literals naming `contracts`. */
export function callablePrincipal(contracts: readonly ContractPrincipal[]): CallablePrincipalType {
  return { ...ClarityType.principal, callable: contracts };
}

/**
 * `concretize` at the top of a type: a callable principal becomes a plain `principal`; a union
 * holding a trait fails with `TypeError` (as the reference's, which expects only principals).
 */
export function concretize(t: AnalysisType): AnalysisType {
  if (isTraitUnion(t)) {
    throw checkError('TypeError', `expecting expression of type 'principal', found '<${traitIdentifierToString((t as TraitRefType).trait)}>'`);
  }
  return callableContracts(t) === undefined ? t : ClarityType.principal;
}

/** True when `t` or a type inside it is a trait union (which has no `max_serialized_size`). */
export function containsTraitUnion(t: AnalysisType): boolean {
  switch (t.kind) {
    case 'trait':
      return isTraitUnion(t);
    case 'list':
      return containsTraitUnion(t.itemType);
    case 'optional':
      return containsTraitUnion(t.inner);
    case 'response':
      return containsTraitUnion(t.ok) || containsTraitUnion(t.err);
    case 'tuple':
      for (const f of t.fields.values()) if (containsTraitUnion(f)) return true;
      return false;
    default:
      return false;
  }
}

/** True for the supertype of a trait with other traits or contract principals (`ListUnionType`). */
export function isTraitUnion(t: AnalysisType): boolean {
  return t.kind === 'trait' && (t.alsoTraits !== undefined || t.joined !== undefined);
}

/** The contracts a callable principal type names, or undefined for any other type. */
export function callableContracts(t: AnalysisType): readonly ContractPrincipal[] | undefined {
  return t.kind === 'principal' && 'callable' in t ? (t as CallablePrincipalType).callable : undefined;
}

/** The `any` type. */
export const ANY: AnyType = Object.freeze({ kind: 'any', size: 1, typeSize: 1, depth: 1 });

/** `<trait>`. */
export function traitType(trait: TraitIdentifier): TraitRefType {
  return { kind: 'trait', trait, size: 148, typeSize: 1, depth: 1 };
}

function asSig(t: AnalysisType): TypeSignature {
  return t as TypeSignature;
}

function fail(code: 'ValueTooLarge' | 'TypeSignatureTooDeep' | 'SupertypeTooLarge', what: string): never {
  throw checkError(code, what);
}

function guard<T>(build: () => T, supertype = false): T {
  try {
    return build();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (supertype) fail('SupertypeTooLarge', msg);
    if (/deep/i.test(msg)) fail('TypeSignatureTooDeep', msg);
    fail('ValueTooLarge', msg);
  }
}

/** Type constructors that fail with the reference's check errors (`ValueTooLarge`, `TypeSignatureTooDeep`). */
export const AType = {
  list: (item: AnalysisType, maxLength: number, supertype = false): AnalysisType =>
    guard(() => ClarityType.list(asSig(item), maxLength), supertype),
  optional: (inner: AnalysisType): AnalysisType => guard(() => ClarityType.optional(asSig(inner))),
  /**
   * `TypeSignature::OptionalType(Box::new(t))` built directly, as `as-max-len?` does: no size or
   * depth check (so `(as-max-len? (buff 1048576) ...)` passes analysis).
   */
  uncheckedOptional: (inner: AnalysisType): AnalysisType =>
    ({ kind: 'optional', inner: asSig(inner), size: inner.size + 1, typeSize: inner.typeSize + 1, depth: inner.depth + 1 }) as AnalysisType,
  response: (ok: AnalysisType, err: AnalysisType): AnalysisType =>
    guard(() => ClarityType.response(asSig(ok), asSig(err))),
  tuple: (fields: Map<string, AnalysisType>, supertype = false): AnalysisType =>
    guard(() => ClarityType.tuple(fields as Map<string, TypeSignature>), supertype),
  buffer: (n: number): AnalysisType => guard(() => ClarityType.buffer(n)),
  stringAscii: (n: number): AnalysisType => guard(() => ClarityType.stringAscii(n)),
  stringUtf8: (n: number): AnalysisType => guard(() => ClarityType.stringUtf8(n)),
} as const;

/** True when `t` or a type inside it is `any` (such types are never compared strictly). */
export function containsAny(t: AnalysisType): boolean {
  switch (t.kind) {
    case 'any':
      return true;
    case 'list':
      return containsAny(t.itemType);
    case 'optional':
      return containsAny(t.inner);
    case 'response':
      return containsAny(t.ok) || containsAny(t.err);
    case 'tuple':
      for (const f of t.fields.values()) if (containsAny(f)) return true;
      return false;
    default:
      return false;
  }
}

/** The reference's display of a type (`<trait>` for trait references, `?` for `any`). */
export function analysisTypeToString(t: AnalysisType): string {
  if (t.kind === 'any') return '?';
  if (t.kind === 'trait') return `<${traitIdentifierToString(t.trait)}>`;
  if (containsAny(t)) return '?';
  return typeSignatureToString(t);
}

/**
 * True when `t` holds a kind only the analysis has (`any`, a trait reference, a callable
 * principal). Types without one are plain `TypeSignature`s, whose rules live in the codec.
 */
function isExtended(t: AnalysisType): boolean {
  switch (t.kind) {
    case 'any':
    case 'trait':
      return true;
    case 'principal':
      return callableContracts(t) !== undefined;
    case 'list':
      return isExtended(t.itemType);
    case 'optional':
      return isExtended(t.inner);
    case 'response':
      return isExtended(t.ok) || isExtended(t.err);
    case 'tuple':
      for (const f of t.fields.values()) if (isExtended(f)) return true;
      return false;
    default:
      return false;
  }
}

/**
 * `admits_type` (v2.1 rules) over analysis types: the codec's `admitsType` for plain type
 * signatures; with the analysis' own kinds, `any` on either side admits, a `principal`
 * admits principals (callable or not) but never a trait reference; a trait reference admits trait
 * references and callable principals (the conformance of those is checked by the type checker,
 * which also rejects a different trait where the reference's version requires the same one).
 * With `strictTraits` (Clarity 1, whose `admits_type` concretizes callables to `principal`), a
 * trait reference admits only the same trait reference.
 */
export function admits(expected: AnalysisType, other: AnalysisType, strictTraits = false): boolean {
  if (!isExtended(expected) && !isExtended(other)) return admitsType(expected as TypeSignature, other as TypeSignature);
  if (expected.kind === 'any' || other.kind === 'any') return true;
  if (expected.kind === 'principal') return other.kind === 'principal';
  if (expected.kind === 'trait') {
    // An expected union (say `index-of?` on a list of two traits) concretizes nothing to itself.
    if (isTraitUnion(expected)) return false;
    if (strictTraits) {
      return other.kind === 'trait' && !isTraitUnion(other) && traitIdentifierToString(other.trait) === traitIdentifierToString(expected.trait);
    }
    return other.kind === 'trait' || callableContracts(other) !== undefined;
  }
  switch (expected.kind) {
    case 'list':
      if (other.kind !== 'list') return false;
      if (other.maxLength === 0) return true;
      return expected.maxLength >= other.maxLength && admits(expected.itemType, other.itemType, strictTraits);
    case 'buffer':
    case 'string-ascii':
    case 'string-utf8':
      return other.kind === expected.kind && expected.length >= other.length;
    case 'optional':
      if (other.kind !== 'optional') return false;
      return other.inner.kind === 'no-type' || admits(expected.inner, other.inner, strictTraits);
    case 'response':
      if (other.kind !== 'response') return false;
      if (other.ok.kind === 'no-type') return admits(expected.err, other.err, strictTraits);
      if (other.err.kind === 'no-type') return admits(expected.ok, other.ok, strictTraits);
      return admits(expected.ok, other.ok, strictTraits) && admits(expected.err, other.err, strictTraits);
    case 'tuple': {
      if (other.kind !== 'tuple' || expected.fields.size !== other.fields.size) return false;
      for (const [name, t] of expected.fields) {
        const u = other.fields.get(name);
        if (u === undefined || !admits(t, u, strictTraits)) return false;
      }
      return true;
    }
    case 'no-type':
      return false;
    default:
      return other.kind === expected.kind;
  }
}

const contractKey = (c: ContractPrincipal): string => `${c.version}:${c.hash160.join(',')}.${c.contractName}`;

/** The union of `t` with the traits and contract principals of `more` (`t` itself when nothing is new). */
function joinTrait(t: TraitRefType, more: { readonly traits: readonly TraitIdentifier[]; readonly contracts: readonly ContractPrincipal[] }): TraitRefType {
  const traits = [t.trait, ...(t.alsoTraits ?? [])];
  const seenTraits = new Set(traits.map(traitIdentifierToString));
  const newTraits = more.traits.filter((x) => !seenTraits.has(traitIdentifierToString(x)));
  const seen = new Set((t.joined ?? []).map(contractKey));
  const newContracts = more.contracts.filter((c) => !seen.has(contractKey(c)));
  if (newTraits.length === 0 && newContracts.length === 0) return t;
  const alsoTraits = [...(t.alsoTraits ?? []), ...newTraits];
  const joined = [...(t.joined ?? []), ...newContracts];
  return {
    ...t,
    ...(alsoTraits.length === 0 ? {} : { alsoTraits }),
    ...(joined.length === 0 ? {} : { joined }),
  };
}

/** The traits of a trait reference or union. */
export function unionTraits(t: TraitRefType): readonly TraitIdentifier[] {
  return [t.trait, ...(t.alsoTraits ?? [])];
}

function factorNoType(a: AnalysisType, b: AnalysisType, sameTraitsOnly: boolean): AnalysisType | undefined {
  if (a.kind === 'no-type') return b;
  if (b.kind === 'no-type') return a;
  return supertype(a, b, sameTraitsOnly);
}

/**
 * `least_supertype` (v2.1 rules) over analysis types: the codec's `leastSupertype` for plain type
 * signatures, the callable and `any` rules otherwise; `undefined` when there is none. Throws
 * `SupertypeTooLarge` when the supertype exceeds the limits. With `sameTraitsOnly` (the 2.05
 * checker, whose `TraitReferenceType`s only unify when equal) two different traits do not join.
 */
export function supertype(a: AnalysisType, b: AnalysisType, sameTraitsOnly = false): AnalysisType | undefined {
  if (!isExtended(a) && !isExtended(b)) {
    try {
      return leastSupertype(a as TypeSignature, b as TypeSignature);
    } catch (e) {
      if (!(e instanceof CodecError)) throw e;
      if (e.code === CodecErrorCode.TooLarge || e.code === CodecErrorCode.DepthExceeded) fail('SupertypeTooLarge', e.message);
      return undefined;
    }
  }
  if (a.kind === 'any' || b.kind === 'any') return ANY;
  // `(NoType, x) => x` comes before the callable rules (`(default-to c none)` is `<trait>`).
  if (a.kind === 'no-type') return b;
  if (b.kind === 'no-type') return a;
  if (a.kind === 'trait' && b.kind === 'trait') {
    if (sameTraitsOnly) return traitIdentifierToString(a.trait) === traitIdentifierToString(b.trait) ? a : undefined;
    return joinTrait(a, { traits: unionTraits(b), contracts: b.joined ?? [] });
  }
  if (a.kind === 'trait' || b.kind === 'trait') {
    // A trait reference joins callable principals (the reference's `ListUnionType`, which may
    // still stand for the trait), but never a plain principal.
    const [trait, other] = a.kind === 'trait' ? [a, b] : [b, a];
    const callees = callableContracts(other);
    return callees !== undefined ? joinTrait(trait as TraitRefType, { traits: [], contracts: callees }) : undefined;
  }
  if (a.kind === 'principal' && b.kind === 'principal') {
    const ca = callableContracts(a);
    const cb = callableContracts(b);
    if (ca === undefined || cb === undefined) return ClarityType.principal;
    const key = (c: ContractPrincipal) => `${c.version}:${c.hash160.join(',')}.${c.contractName}`;
    const seen = new Set(ca.map(key));
    const added = cb.filter((c) => !seen.has(key(c)));
    return added.length === 0 ? a : callablePrincipal([...ca, ...added]);
  }
  if (a.kind === 'tuple' && b.kind === 'tuple') {
    // As the reference: `a`'s fields must all be in `b` (no size check, so the rule is asymmetric).
    const out = new Map<string, AnalysisType>();
    for (const [name, ta] of a.fields) {
      const tb = b.fields.get(name);
      if (tb === undefined) return undefined;
      const s = supertype(ta, tb, sameTraitsOnly);
      if (s === undefined) return undefined;
      out.set(name, s);
    }
    return AType.tuple(out, true);
  }
  if (a.kind === 'list' && b.kind === 'list') {
    let item: AnalysisType | undefined;
    if (a.maxLength === 0) item = b.itemType;
    else if (b.maxLength === 0) item = a.itemType;
    else item = supertype(a.itemType, b.itemType, sameTraitsOnly);
    if (item === undefined) return undefined;
    return AType.list(item, Math.max(a.maxLength, b.maxLength), true);
  }
  if (a.kind === 'response' && b.kind === 'response') {
    const ok = factorNoType(a.ok, b.ok, sameTraitsOnly);
    const err = factorNoType(a.err, b.err, sameTraitsOnly);
    if (ok === undefined || err === undefined) return undefined;
    return AType.response(ok, err);
  }
  if (a.kind === 'optional' && b.kind === 'optional') {
    const inner = factorNoType(a.inner, b.inner, sameTraitsOnly);
    return inner === undefined ? undefined : AType.optional(inner);
  }
  if (
    (a.kind === 'buffer' && b.kind === 'buffer') ||
    (a.kind === 'string-ascii' && b.kind === 'string-ascii') ||
    (a.kind === 'string-utf8' && b.kind === 'string-utf8')
  ) {
    return a.length > b.length ? a : b;
  }
  if (a.kind === b.kind && (a.kind === 'int' || a.kind === 'uint' || a.kind === 'bool' || a.kind === 'principal')) return a;
  return undefined;
}

/** How `parseTypeRepr` resolves `<name>` (a trait reference) inside a type. */
export type TraitResolver = (expr: SymbolicExpression) => AnalysisType;

function lengthOperand(e: SymbolicExpression | undefined): number {
  if (e === undefined || (e.type !== 'literal-value' && e.type !== 'atom-value') || e.value.type !== 'int') {
    throw checkError('InvalidTypeDescription', 'invalid type description');
  }
  const n = e.value.value;
  if (n < 0n || n > 0xffff_ffffn) throw checkError('InvalidTypeDescription', 'invalid type description');
  return Number(n);
}

/**
 * Parses a type from its source form (`TypeSignature::parse_type_repr`): `int`, `(list 10 int)`,
 * `(buff 32)`, `(string-ascii 5)`, `(optional t)`, `(response ok err)`, `(tuple (a t) ...)` and
 * `{a: t}` (already expanded to the tuple form), and `<trait>` when `traits` is given. Throws a
 * check error (`UnknownTypeName`, `InvalidTypeDescription`, `ValueTooLarge`, ...).
 */
export function parseTypeRepr(e: SymbolicExpression, traits?: TraitResolver): AnalysisType {
  return parseInner(e, traits);
}

function parseInner(e: SymbolicExpression, traits?: TraitResolver): AnalysisType {
  switch (e.type) {
    case 'atom':
      switch (e.name) {
        case 'int':
          return ClarityType.int;
        case 'uint':
          return ClarityType.uint;
        case 'bool':
          return ClarityType.bool;
        case 'principal':
          return ClarityType.principal;
        default:
          throw checkError('UnknownTypeName', `failed to parse type: '${e.name}'`);
      }
    case 'trait-reference':
      if (traits === undefined) throw checkError('InvalidTypeDescription', 'invalid type description');
      return traits(e);
    case 'list': {
      const [head, ...rest] = e.items;
      if (head === undefined || head.type !== 'atom') throw checkError('InvalidTypeDescription', 'invalid type description');
      switch (head.name) {
        case 'list': {
          if (rest.length !== 2) throw checkError('InvalidTypeDescription', 'invalid type description');
          const n = lengthOperand(rest[0]);
          return AType.list(parseInner(rest[1]!, traits), n);
        }
        case 'buff':
          if (rest.length !== 1) throw checkError('InvalidTypeDescription', 'invalid type description');
          return AType.buffer(lengthOperand(rest[0]));
        case 'string-ascii':
          if (rest.length !== 1) throw checkError('InvalidTypeDescription', 'invalid type description');
          return AType.stringAscii(lengthOperand(rest[0]));
        case 'string-utf8':
          if (rest.length !== 1) throw checkError('InvalidTypeDescription', 'invalid type description');
          return AType.stringUtf8(lengthOperand(rest[0]));
        case 'optional':
          if (rest.length !== 1) throw checkError('InvalidTypeDescription', 'invalid type description');
          return AType.optional(parseInner(rest[0]!, traits));
        case 'response':
          if (rest.length !== 2) throw checkError('InvalidTypeDescription', 'invalid type description');
          return AType.response(parseInner(rest[0]!, traits), parseInner(rest[1]!, traits));
        case 'tuple': {
          if (rest.length === 0) throw checkError('EmptyTuplesNotAllowed', 'empty tuples are not allowed');
          const fields = new Map<string, AnalysisType>();
          for (const item of rest) {
            if (item.type !== 'list' || item.items.length !== 2 || item.items[0]!.type !== 'atom') {
              throw checkError('InvalidTypeDescription', 'invalid type description');
            }
            const name = (item.items[0] as { name: string }).name;
            if (fields.has(name)) throw checkError('InvalidTypeDescription', 'invalid type description');
            fields.set(name, parseInner(item.items[1]!, traits));
          }
          return AType.tuple(fields);
        }
        default:
          throw checkError('UnknownTypeName', `failed to parse type: '${head.name}'`);
      }
    }
    default:
      throw checkError('InvalidTypeDescription', 'invalid type description');
  }
}
