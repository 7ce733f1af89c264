import { describe, expect, it } from 'vitest';
import { ClarityType, parsePrincipal, principalToString } from '@stacks-ts/codec';
import type { ContractPrincipal } from '@stacks-ts/codec';
import { analyzeContract, sortDefinitions } from '../../../src/analysis/index.ts';
import type { ContractAnalysis } from '../../../src/analysis/index.ts';
import { admits, callablePrincipal, concretize, isTraitUnion, supertype, traitType } from '../../../src/analysis/types.ts';
import { isClarityError } from '../../../src/errors.ts';
import { buildAst } from '../../../src/parser/build.ts';

// Trait-typed values in the type checker: the reference's `ListUnionType` (a trait joined with
// other traits or contract principals), the 2.05 rule that only equal trait references unify, and
// the Clarity 1 `admits_type` that concretizes callables (so a trait inside a compound parameter
// takes no contract principal). Oracle answers for the same programs: traits/analysis/* in the corpus.

const DEPLOYER = 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM';

function contractId(name: string): ContractPrincipal {
  const p = parsePrincipal(DEPLOYER);
  if (p.type !== 'standard') throw new Error('standard principal expected');
  return { type: 'contract', version: p.version, hash160: p.hash160, contractName: name };
}

const T = traitType({ name: 't', contract: contractId('tr') });
const WIDE = traitType({ name: 'wide', contract: contractId('tr') });
const IMPL = callablePrincipal([contractId('impl')]);

describe('trait values: supertype', () => {
  it('a trait joined with nothing (`none`) stays the trait, under both rule sets', () => {
    expect(supertype(T, ClarityType.noType)).toBe(T);
    expect(supertype(ClarityType.noType, T)).toBe(T);
    expect(supertype(T, ClarityType.noType, true)).toBe(T);
  });

  it('two different traits form a union from 2.1 and do not join at 2.05', () => {
    const u = supertype(T, WIDE);
    expect(u).toMatchObject({ kind: 'trait', trait: T.trait, alsoTraits: [WIDE.trait] });
    expect(isTraitUnion(u!)).toBe(true);
    expect(supertype(T, WIDE, true)).toBeUndefined();
    expect(supertype(T, T, true)).toBe(T);
    // nested positions follow the same rule
    const optT = ClarityType.optional(T as never);
    const optWide = ClarityType.optional(WIDE as never);
    expect(supertype(optT, optWide, true)).toBeUndefined();
    expect(supertype(optT, optWide)).toMatchObject({ kind: 'optional', inner: { kind: 'trait', alsoTraits: [WIDE.trait] } });
  });

  it('a union collects each trait and contract once', () => {
    const u = supertype(supertype(T, IMPL)!, supertype(WIDE, IMPL)!)!;
    expect(u).toMatchObject({ kind: 'trait', trait: T.trait, alsoTraits: [WIDE.trait], joined: [contractId('impl')] });
    expect(supertype(u, T)).toEqual(u);
  });

  it('a trait and a plain principal have no supertype', () => {
    expect(supertype(T, ClarityType.principal)).toBeUndefined();
    expect(supertype(supertype(T, WIDE)!, ClarityType.principal)).toBeUndefined();
  });
});

describe('trait values: admits and concretize', () => {
  it('Clarity 1 (strict): a trait admits only the same plain trait', () => {
    expect(admits(T, T, true)).toBe(true);
    expect(admits(T, WIDE, true)).toBe(false);
    expect(admits(T, IMPL, true)).toBe(false);
    expect(admits(T, supertype(T, IMPL)!, true)).toBe(false);
    const listT = ClarityType.list(T as never, 2);
    expect(admits(listT, ClarityType.list(IMPL, 2), true)).toBe(false);
    expect(admits(listT, ClarityType.list(T as never, 2), true)).toBe(true);
    expect(admits(ClarityType.tuple({ a: T as never }), ClarityType.tuple({ a: IMPL }), true)).toBe(false);
  });

  it('Clarity 2 (lenient): members of a union are left to the conformance checks', () => {
    expect(admits(T, IMPL)).toBe(true);
    expect(admits(T, supertype(T, WIDE)!)).toBe(true);
    expect(admits(ClarityType.principal, supertype(T, WIDE)!)).toBe(false);
  });

  it('an expected union admits nothing (it never equals a concretized type)', () => {
    const u = supertype(T, WIDE)!;
    expect(admits(u, T)).toBe(false);
    expect(admits(u, u)).toBe(false);
    expect(admits(u, T, true)).toBe(false);
  });

  it('a union holding a trait does not concretize', () => {
    expect(concretize(T)).toBe(T);
    expect(() => concretize(supertype(T, WIDE)!)).toThrow(/expecting expression of type 'principal'/);
    expect(() => concretize(supertype(T, IMPL)!)).toThrow();
    expect(concretize(IMPL)).toBe(ClarityType.principal);
  });
});

const TRAITS = '(define-trait t ((f (uint) (response uint uint))))\n(define-trait wide ((f (uint) (response uint uint)) (g () (response bool uint))))';
const IMPL_SRC = '(define-public (f (x uint)) (ok x))\n(define-public (g) (ok true))';
const NO_F_SRC = '(define-public (g) (ok true))';

/** Analyses the fixture contracts and then `body` as `.snippet`; `ok` or the check error code. */
function check(body: string, epoch: string, version: 1 | 2 | 3 | 4): string {
  const deployed = new Map<string, ContractAnalysis>();
  const sources: [string, string][] = [
    ['tr', TRAITS],
    ['impl', IMPL_SRC],
    ['nof', NO_F_SRC],
    ['snippet', `(use-trait t .tr.t)\n(use-trait wide .tr.wide)\n${body}`],
  ];
  try {
    for (const [name, source] of sources) {
      const id = contractId(name);
      const ast = buildAst(source, { epoch, clarityVersion: version, contractIdentifier: id, sortDefinitions });
      const a = analyzeContract(ast, { clarityVersion: version, epoch, contracts: (c: ContractPrincipal) => deployed.get(principalToString(c)) });
      deployed.set(principalToString(id), a);
    }
  } catch (e) {
    if (isClarityError(e)) return e.code;
    throw e;
  }
  return 'ok';
}

describe('trait values: the checker (answers as the oracle gives them)', () => {
  const go = (expr: string, params = '(c <t>)'): string => `(define-public (go ${params}) ${expr})`;
  const two = '(c <t>) (d <wide>)';

  it('`(default-to c none)` is the trait', () => {
    const body = go('(ok (len (list (default-to c none) .impl)))');
    for (const [epoch, v] of [['2.1', 1], ['2.1', 2], ['3.3', 4]] as const) expect(check(body, epoch, v)).toBe('ok');
    expect(check(body, '2.05', 1)).toBe('TypeError'); // no callable principals at 2.05
    expect(check(`(define-private (h (x <t>)) u1)\n${go('(ok (h (default-to c none)))')}`, '2.1', 1)).toBe('ok');
  });

  it('at 2.05 two different traits do not unify (list, is-eq, default-to, match arms)', () => {
    expect(check(go('(ok (len (list c d)))', two), '2.05', 1)).toBe('TypeError');
    expect(check(go('(ok (is-eq c d))', two), '2.05', 1)).toBe('TypeError');
    expect(check(go('(ok (len (list (some c) (some d))))', two), '2.05', 1)).toBe('TypeError');
    expect(check(go('(ok (len (list (default-to c (some d)))))', two), '2.05', 1)).toBe('DefaultTypesMustMatch');
    expect(check(go('(ok (len (list (match (some c) x x d))))', two), '2.05', 1)).toBe('MatchArmsMustMatch');
    expect(check(go('(ok (len (list c d)))', two), '2.1', 1)).toBe('ok');
    expect(check(go('(ok (is-eq c d))', two), '3.3', 4)).toBe('ok');
  });

  it('Clarity 1 passes no contract literal or union into a trait inside a compound parameter', () => {
    const listParam = `(define-private (h (xs (list 2 <t>))) (len xs))\n`;
    expect(check(listParam + go('(ok (h (list c .impl)))'), '2.1', 1)).toBe('TypeError');
    expect(check(listParam + go('(ok (h (list c c)))'), '2.1', 1)).toBe('ok');
    expect(check(listParam + go('(ok (h (list c .impl)))'), '2.1', 2)).toBe('ok');
    expect(check(`(define-private (h (o (optional <t>))) u1)\n(h (some .impl))`, '2.1', 1)).toBe('TypeError');
    expect(check(`(define-private (h (o (optional <t>))) u1)\n(h (some .impl))`, '2.1', 2)).toBe('ok');
    expect(check(`(define-private (h (x {a: <t>})) u1)\n(h {a: .impl})`, '2.1', 1)).toBe('TypeError');
    expect(check(`(define-private (h (x {a: <t>})) u1)\n(h {a: .impl})`, '3.0', 3)).toBe('ok');
  });

  it('a union of traits: `if` arms, function results and principal parameters reject it', () => {
    for (const [epoch, v] of [['2.1', 1], ['2.1', 2], ['3.3', 4]] as const) {
      expect(check(go('(ok (len (list (if true c d))))', two), epoch, v)).toBe('IfArmsMustMatch');
      expect(check(`(define-private (pick ${two}) (begin (unwrap! (some u1) c) d))`, epoch, v)).toBe('TypeError');
      expect(check(`(define-private (h (xs (list 2 principal))) (len xs))\n${go('(ok (h (list c d)))', two)}`, epoch, v)).toBe('TypeError');
      expect(check(go('(ok (len (list (match (some c) x x d))))', two), epoch, v)).toBe('ok');
    }
    expect(check(`(define-private (pick (c <t>)) (unwrap-panic (element-at? (list c .impl) u0)))`, '3.3', 4)).toBe('TypeError');
  });

  it('map, filter and fold admit only the same trait, in every version', () => {
    const id = '(define-private (id (x <t>)) u1)\n';
    for (const [epoch, v] of [['2.1', 1], ['2.1', 2], ['3.3', 4]] as const) {
      expect(check(id + go('(ok (len (map id (list c c))))'), epoch, v)).toBe('ok');
      expect(check(id + go('(ok (len (map id (list c d))))', two), epoch, v)).toBe('TypeError');
      expect(check(id + '(define-public (go (d <wide>)) (ok (len (map id (list d)))))', epoch, v)).toBe('TypeError');
      expect(check(id + go('(ok (len (filter id (list c .impl))))'), epoch, v)).toBe('TypeError');
    }
    expect(check(id + '(define-public (go) (ok (len (map id (list .impl .impl2)))))', '3.3', 4)).toBe('TypeError');
    // a simple native's parameter types apply too: a trait is no principal, a contract literal is
    expect(check(go('(ok (len (map is-standard (list c))))'), '3.3', 4)).toBe('TypeError');
    expect(check('(define-public (go) (ok (len (map is-standard (list .impl .impl2)))))', '3.3', 4)).toBe('ok');
    // (oracle: the same for any simple native, e.g. `(map sha256 (list true))`, `(map stx-get-balance (list 1))`)
    expect(check('(define-public (go) (ok (len (map sha256 (list true)))))', '3.3', 4)).toBe('UnionTypeError');
    expect(check('(define-public (go) (ok (len (map sha256 (list 1)))))', '3.3', 4)).toBe('ok');
    expect(check('(define-public (go) (ok (len (map stx-get-balance (list 1)))))', '3.3', 4)).toBe('TypeError');
  });

  it('index-of? and replace-at? on a union list admit no element', () => {
    expect(check(go('(ok (index-of? (list c d) c))', two), '3.3', 4)).toBe('TypeError');
    expect(check(go('(ok (index-of? (list c .impl) c))'), '2.1', 2)).toBe('TypeError');
    expect(check(go('(ok (is-some (replace-at? (list c d) u0 c)))', two), '2.1', 2)).toBe('TypeError');
    expect(check(go('(ok (index-of? (list c c) c))'), '3.3', 4)).toBe('ok');
  });

  it('a union has no serialized size', () => {
    expect(check(go('(ok (is-some (to-consensus-buff? (list c d))))', two), '3.3', 4)).toBe('CouldNotDetermineSerializationType');
    expect(check(go('(ok (is-some (to-consensus-buff? (list {a: c} {a: d}))))', two), '2.1', 2)).toBe('CouldNotDetermineSerializationType');
    expect(check(go('(ok (is-some (to-consensus-buff? (list c c))))'), '3.3', 4)).toBe('ok');
  });

  it('Clarity 2 checks every member of a union against the expected trait', () => {
    const listParam = `(define-private (h (xs (list 2 <t>))) (len xs))\n`;
    expect(check(listParam + go('(ok (h (list c d)))', two), '2.1', 2)).toBe('ok'); // wide conforms to t
    expect(check(listParam + go('(ok (h (list c d)))', two), '2.1', 1)).toBe('TypeError');
    expect(check(listParam + go('(ok (h (list c .nof)))'), '3.3', 4)).toBe('BadTraitImplementation');
    const wideParam = `(define-private (h (xs (list 2 <wide>))) (len xs))\n`;
    expect(check(wideParam + go('(ok (h (list c d)))', two), '3.3', 4)).toBe('IncompatibleTrait'); // t lacks g
  });
});
