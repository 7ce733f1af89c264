import { describe, expect, it } from 'vitest';
import { clarityValueToRepr, decodeClarityValue, encodeClarityValue, parsePrincipal } from '@stacks-ts/codec';
import type { ClarityValue, ContractPrincipal } from '@stacks-ts/codec';
import { hexToBytes } from '@stacks-ts/common';
import { StacksEpochId } from '@stacks-ts/common';
import { runBatchSync } from '../../../src/batch.ts';
import type { BatchCase, BatchResult } from '../../../src/batch.ts';
import {
  admitsListItem,
  admitsNestedTraits,
  callableTrait,
  callableValue,
  castToTraits,
  checkCommonType,
  checkListExtension,
  checkListItems,
  plainPrincipal,
  sameCallables,
  traitKey,
} from '../../../src/natives/callable.ts';
import type { TraitTemplate } from '../../../src/natives/callable.ts';
import { isEq } from '../../../src/natives/arithmetic.ts';
import { append, indexOf, replaceAt } from '../../../src/natives/sequences.ts';
import { consList, someValue, typeOfValue, valueSize } from '../../../src/natives/value-types.ts';

const DEPLOYER = 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM';

function contract(name: string): ContractPrincipal {
  const p = parsePrincipal(`${DEPLOYER}.${name}`);
  if (p.type !== 'contract') throw new Error('expected a contract principal');
  return p;
}

const IMPL = contract('impl');
const TR = contract('tr');
const T = traitKey(TR, 't');
const WIDE = traitKey(TR, 'wide');
const literal = (c: ContractPrincipal): ClarityValue => ({ type: 'principal', value: c });
const some = (v: ClarityValue): ClarityValue => ({ type: 'optional', value: v });
const list = (...items: ClarityValue[]): ClarityValue => ({ type: 'list', value: items });
const u = (n: bigint): ClarityValue => ({ type: 'uint', value: n });

/** Runs `fn` and returns the runtime check error code it throws, or 'none'. */
function errorCode(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (e) {
    return String((e as { code?: unknown }).code ?? e);
  }
}

describe('callable values', () => {
  it('carries its trait on its own contract object, never on the literal it came from', () => {
    const lit = literal(IMPL);
    const c = callableValue(IMPL, T);
    expect(callableTrait(c)).toBe(T);
    expect(callableTrait(lit)).toBeUndefined();
    expect(c.value).not.toBe(IMPL);
    expect(traitKey(TR, 't')).toBe(`${DEPLOYER}.tr.t`);
  });

  it('serializes as its contract principal and is sized as the reference sizes a callable', () => {
    const c = callableValue(IMPL, T);
    expect(encodeClarityValue(c)).toEqual(encodeClarityValue(literal(IMPL)));
    expect(typeOfValue(c).kind).toBe('principal');
    expect(valueSize(c)).toBe(276);
    expect(valueSize(literal(IMPL))).toBe(148);
    expect(valueSize(someValue(c))).toBe(277);
  });

  it('plainPrincipal drops the trait (contract-of, Clarity 1 arguments) and leaves other values alone', () => {
    const c = callableValue(IMPL, T);
    const plain = plainPrincipal(c);
    expect(callableTrait(plain)).toBeUndefined();
    expect(encodeClarityValue(plain)).toEqual(encodeClarityValue(c));
    const lit = literal(IMPL);
    expect(plainPrincipal(lit)).toBe(lit);
    expect(plainPrincipal(u(1n))).toEqual(u(1n));
  });
});

describe('runtime types of callables', () => {
  it('a list of a callable and a plain principal is a TypeError, at any depth', () => {
    const c = callableValue(IMPL, T);
    expect(errorCode(() => checkListItems([c, literal(IMPL)], false))).toBe('TypeError');
    expect(errorCode(() => checkListItems([literal(IMPL), c], true))).toBe('TypeError');
    expect(errorCode(() => checkListItems([some(c), some(literal(IMPL))], false))).toBe('TypeError');
    expect(errorCode(() => checkListItems([list(c), list(literal(IMPL))], false))).toBe('TypeError');
    expect(errorCode(() => consList([c, literal(IMPL)], StacksEpochId.Epoch33))).toBe('TypeError');
  });

  it('none, err and empty positions take the other side', () => {
    const c = callableValue(IMPL, T);
    const none: ClarityValue = { type: 'optional', value: null };
    expect(errorCode(() => checkListItems([some(c), none], true))).toBe('none');
    const okC: ClarityValue = { type: 'response', ok: true, value: c };
    const errL: ClarityValue = { type: 'response', ok: false, value: literal(IMPL) };
    expect(errorCode(() => checkListItems([okC, errL], true))).toBe('none');
    expect(errorCode(() => checkListItems([list(), list(c)], true))).toBe('none');
  });

  it('callables of two traits unify, but list items no longer fit once lists are sanitized', () => {
    const a = callableValue(IMPL, T);
    const b = callableValue(IMPL, WIDE);
    expect(errorCode(() => checkListItems([a, b], false))).toBe('none');
    expect(errorCode(() => checkListItems([a, b], true))).toBe('ListTypesMustMatch');
    expect(errorCode(() => consList([a, b], StacksEpochId.Epoch21))).toBe('none');
    expect(errorCode(() => consList([a, b], StacksEpochId.Epoch24))).toBe('ListTypesMustMatch');
    expect(errorCode(() => checkListItems([a, callableValue(contract('impl2'), T)], true))).toBe('none');
  });

  it('is-eq type-checks and compares the trait; index-of? only compares', () => {
    const c = callableValue(IMPL, T);
    expect(errorCode(() => isEq([c, literal(IMPL)]))).toBe('TypeError');
    expect(errorCode(() => checkCommonType([some(literal(IMPL)), some(c)]))).toBe('TypeError');
    expect(isEq([c, callableValue(IMPL, T)])).toEqual({ type: 'bool', value: true });
    expect(isEq([c, callableValue(IMPL, WIDE)])).toEqual({ type: 'bool', value: false });
    expect(isEq([c, callableValue(contract('impl2'), T)])).toEqual({ type: 'bool', value: false });
    expect(indexOf([consList([c], StacksEpochId.Epoch33), literal(IMPL)])).toEqual({ type: 'optional', value: null });
    expect(sameCallables(some(c), some(literal(IMPL)))).toBe(false);
    expect(sameCallables(some(c), some(callableValue(IMPL, T)))).toBe(true);
  });

  it('append, concat and replace-at? check the new items against the list', () => {
    const c = callableValue(IMPL, T);
    const ctx = { clarityVersion: 4, epoch: StacksEpochId.Epoch33, mainnet: false, chainId: 0x80000000 } as const;
    const cs = consList([c], ctx.epoch);
    expect(errorCode(() => append([cs, literal(IMPL)], ctx))).toBe('TypeError');
    expect(errorCode(() => checkListExtension(cs, [callableValue(IMPL, WIDE)], true))).toBe('ListTypesMustMatch');
    expect(errorCode(() => checkListExtension(cs, [callableValue(IMPL, WIDE)], false))).toBe('none');
    expect(admitsListItem(cs, literal(IMPL))).toBe(false);
    expect(admitsListItem(cs, callableValue(IMPL, T))).toBe(true);
    expect(admitsListItem(consList([literal(IMPL)], ctx.epoch), c)).toBe(false);
    expect(errorCode(() => replaceAt([cs, u(0n), literal(IMPL)]))).toBe('TypeValueError');
  });
});

describe('trait-typed parameters', () => {
  const nested: TraitTemplate = { k: 'list', item: { k: 'trait', trait: T } };

  it('Clarity 2 casts contracts at trait positions to callables, rebuilding only what changes', () => {
    const lit = literal(IMPL);
    const top = castToTraits({ k: 'trait', trait: T }, lit);
    expect(callableTrait(top)).toBe(T);
    expect(callableTrait(castToTraits({ k: 'trait', trait: WIDE }, top))).toBe(WIDE);
    const xs = list(lit, lit);
    const cast = castToTraits(nested, xs);
    expect(cast).not.toBe(xs);
    expect(cast.type === 'list' && cast.value.every((x) => callableTrait(x) === T)).toBe(true);
    expect(callableTrait(lit)).toBeUndefined();
    const ints = list(u(1n));
    expect(castToTraits({ k: 'optional', inner: { k: 'trait', trait: T } }, { type: 'optional', value: null })).toEqual({ type: 'optional', value: null });
    const tuple: ClarityValue = { type: 'tuple', value: { a: lit, n: u(1n) } };
    const castTuple = castToTraits({ k: 'tuple', fields: new Map([['a', { k: 'trait', trait: T }]]) }, tuple);
    expect(castTuple.type === 'tuple' && callableTrait(castTuple.value['a']!)).toBe(T);
    expect(castToTraits(nested, ints)).toBe(ints);
  });

  it('Clarity 1 admits no plain principal at a nested trait position', () => {
    expect(admitsNestedTraits(nested, list(literal(IMPL)))).toBe(false);
    expect(admitsNestedTraits(nested, list())).toBe(true);
    expect(admitsNestedTraits(nested, list(callableValue(IMPL, T)))).toBe(true);
    expect(admitsNestedTraits({ k: 'trait', trait: T }, literal(IMPL))).toBe(true);
  });
});

describe('trait identity through the evaluator', () => {
  const TRAITS = '(define-trait t ((f (uint) (response uint uint))))\n(define-trait wide ((f (uint) (response uint uint)) (g () (response bool uint))))';
  const IMPL_SRC = '(define-public (f (x uint)) (ok x))\n(define-public (g) (ok true))';
  const contracts = [
    { name: 'tr', source: TRAITS },
    { name: 'impl', source: IMPL_SRC },
  ];
  function run(body: string, epoch: string, version: number): BatchResult {
    const c: BatchCase = { id: 'x', epoch, clarity_version: version, contract: contracts, expr: `(use-trait t .tr.t)\n(use-trait wide .tr.wide)\n${body}` };
    return runBatchSync([c])[0]!;
  }
  function answer(r: BatchResult): string {
    if (!r.ok) return `${r.error_kind}: ${r.error}`;
    return clarityValueToRepr(decodeClarityValue(hexToBytes(r.result_hex.slice(2))));
  }
  const mixed = '(define-public (go (c <t>)) (ok (len (list c .impl)))) (go .impl)';

  it('mixing a trait argument with a contract literal fails from Clarity 2 only', () => {
    expect(answer(run(mixed, '2.1', 1))).toBe('(ok u2)');
    for (const [epoch, version] of [['2.1', 2], ['2.4', 2], ['3.0', 3], ['3.3', 4]] as const) {
      expect(answer(run(mixed, epoch, version))).toMatch(/^runtime: .*TypeError/);
    }
  });

  it('contract-of gives a plain principal, and let/match keep the callable', () => {
    expect(answer(run('(define-public (go (c <t>)) (ok (is-eq (contract-of c) .impl))) (go .impl)', '3.3', 4))).toBe('(ok true)');
    expect(answer(run('(define-public (go (c <t>)) (let ((d c)) (ok (is-eq d .impl)))) (go .impl)', '3.3', 4))).toMatch(/^runtime: .*TypeError/);
    expect(answer(run('(define-public (go (c <t>)) (match (some c) x (ok (len (list x .impl))) (err u0))) (go .impl)', '3.3', 4))).toMatch(/^runtime/);
  });

  it('two traits for one contract compare unequal from Clarity 2, equal in Clarity 1', () => {
    const src = '(define-public (go (c <t>) (d <wide>)) (ok (is-eq c d))) (go .impl .impl)';
    expect(answer(run(src, '2.1', 1))).toBe('(ok true)');
    expect(answer(run(src, '2.1', 2))).toBe('(ok false)');
  });

  it('a Clarity 1 list parameter of traits rejects principals at run time', () => {
    const src = '(define-private (h (xs (list 2 <t>))) (len xs))\n(define-public (go (c <t>)) (ok (h (list c c)))) (go .impl)';
    expect(answer(run(src, '2.1', 1))).toMatch(/^runtime: .*TypeValueError/);
    expect(answer(run(src, '3.3', 4))).toBe('(ok u2)');
  });

  it('a callable serializes and prints as its contract principal', () => {
    const r = run('(define-public (go (c <t>)) (ok (print (list c c)))) (go .impl)', '3.3', 4);
    expect(answer(r)).toBe(`(ok (list '${DEPLOYER}.impl '${DEPLOYER}.impl))`);
    expect(r.ok && r.events?.length).toBe(1);
  });
});
