import { describe, expect, it } from 'vitest';
import { ClarityType, parsePrincipal, principalToString } from '@stacks-ts/codec';
import type { ContractPrincipal } from '@stacks-ts/codec';
import { analyzeContract, analysisTypeToString, sortDefinitions } from '../../../src/analysis/index.ts';
import type { ContractAnalysis } from '../../../src/analysis/index.ts';
import { admits, callableContracts, callablePrincipal, concretize, supertype, traitType } from '../../../src/analysis/types.ts';
import { isClarityError } from '../../../src/errors.ts';
import { buildAst } from '../../../src/parser/build.ts';

const DEPLOYER = 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM';

function contractId(name: string): ContractPrincipal {
  const p = parsePrincipal(DEPLOYER);
  if (p.type !== 'standard') throw new Error('standard principal expected');
  return { type: 'contract', version: p.version, hash160: p.hash160, contractName: name };
}

/** Analyses `sources` in order (each sees the earlier ones); returns the last analysis or the check error code. */
function analyzeAll(sources: readonly [name: string, source: string][], version: 1 | 2 | 3 | 4 = 4, epoch = '3.3', lookup = true): ContractAnalysis | string {
  const deployed = new Map<string, ContractAnalysis>();
  let last: ContractAnalysis | undefined;
  try {
    for (const [name, source] of sources) {
      const id = contractId(name);
      const ast = buildAst(source, { epoch, clarityVersion: version, contractIdentifier: id, sortDefinitions });
      last = analyzeContract(ast, {
        clarityVersion: version,
        epoch,
        ...(lookup ? { contracts: (c: ContractPrincipal) => deployed.get(principalToString(c)) } : {}),
      });
      deployed.set(principalToString(id), last);
    }
  } catch (e) {
    if (isClarityError(e)) return e.code;
    throw e;
  }
  return last!;
}

function lastType(a: ContractAnalysis | string): string {
  if (typeof a === 'string') return `error ${a}`;
  const types = [...a.typeMap.entries()].sort(([x], [y]) => x - y);
  return analysisTypeToString(types[0]![1]);
}

const TRAIT_ID = { name: 't', contract: contractId('tr') };
const OTHER_TRAIT_ID = { name: 'u', contract: contractId('tr') };

describe('analysis types: principals, callable principals, trait references', () => {
  const t = traitType(TRAIT_ID);
  const callable = callablePrincipal([contractId('impl')]);

  it('a principal never admits a trait reference; a trait admits only callable principals', () => {
    expect(admits(ClarityType.principal, t)).toBe(false);
    expect(admits(ClarityType.principal, callable)).toBe(true);
    expect(admits(t, callable)).toBe(true);
    expect(admits(t, ClarityType.principal)).toBe(false);
    expect(admits(t, traitType(OTHER_TRAIT_ID))).toBe(true); // compatibility is the checker's business
  });

  it('joins callable principals, and a trait with callable principals only', () => {
    const both = supertype(callable, callablePrincipal([contractId('other')]));
    expect(callableContracts(both!)?.map((c) => c.contractName)).toEqual(['impl', 'other']);
    expect(supertype(callable, ClarityType.principal)).toEqual(ClarityType.principal);
    // a trait and a callable principal join into a union (`ListUnionType`), see trait-values.test.ts
    expect(supertype(t, callable)).toEqual({ ...t, joined: [contractId('impl')] });
    expect(supertype(t, ClarityType.principal)).toBeUndefined();
    expect(concretize(callable)).toBe(ClarityType.principal);
    expect(concretize(t)).toBe(t);
  });

  it("tuples follow the reference's asymmetric least_supertype", () => {
    const a = ClarityType.tuple({ a: ClarityType.int });
    const ab = ClarityType.tuple({ a: ClarityType.int, b: ClarityType.int });
    expect(supertype(a, ab)).toEqual(a);
    expect(supertype(ab, a)).toBeUndefined();
    expect(admits(a, ab)).toBe(false);
  });
});

describe('contract calls are typed from the callee', () => {
  const callee: [string, string] = ['callee', '(define-public (f (x uint)) (ok x))\n(define-read-only (g) u1)'];

  it('types a static call by the callee signature, and rejects a missing callee', () => {
    expect(lastType(analyzeAll([callee, ['user', '(contract-call? .callee g)']]))).toBe('uint');
    expect(analyzeAll([['user', '(contract-call? .callee g)']])).toBe('NoSuchContract');
    // Boot contracts are no exception: without one deployed, a call to it is NoSuchContract.
    expect(analyzeAll([['user', "(contract-call? 'ST000000000000000000002AMW42H.pox-4 get-pox-info)"]])).toBe('NoSuchContract');
  });

  it('without a contract lookup, calls to other contracts stay untyped (any)', () => {
    expect(lastType(analyzeAll([['user', '(contract-call? .callee g)']], 4, '3.3', false))).toBe('?');
  });

  it('Clarity 2 constants: a contract principal literal is a static target, anything else is not callable', () => {
    expect(analyzeAll([callee, ['user', '(define-constant c .callee) (define-read-only (r) (contract-call? c g))']])).not.toBeTypeOf('string');
    expect(analyzeAll([callee, ['user', '(define-constant c .callee) (contract-call? c nope)']])).toBe('NoSuchPublicFunction');
    expect(analyzeAll([callee, ['user', '(define-constant c u1) (contract-call? c f u1)']])).toBe('ExpectedCallableType');
    expect(analyzeAll([callee, ['user', '(define-constant c .callee) (contract-call? c f u1)']], 1, '2.1')).toBe('TraitReferenceUnknown');
    expect(analyzeAll([callee, ['user', '(let ((c .callee)) (contract-call? c f u1))']])).toBe('TraitReferenceUnknown');
  });

  it('trait references: methods checked in every version, casts to another trait only from Clarity 2', () => {
    const tr: [string, string] = ['tr', '(define-trait t ((f (uint) (response uint uint))))\n(define-trait u ((f (uint) (response uint uint))))'];
    const unknownMethod = '(use-trait t .tr.t) (define-public (go (c <t>)) (contract-call? c nope u1))';
    expect(analyzeAll([tr, ['user', unknownMethod]], 1, '2.05')).toBe('TraitMethodUnknown');
    expect(analyzeAll([tr, ['user', unknownMethod]], 4)).toBe('TraitMethodUnknown');
    const cast = '(use-trait t .tr.t) (use-trait u .tr.u) (define-private (inner (c <u>)) (contract-call? c f u1)) (define-public (go (c <t>)) (inner c))';
    expect(analyzeAll([tr, ['user', cast]], 1, '2.1')).toBe('TypeError');
    expect(analyzeAll([tr, ['user', cast]], 2, '2.1')).not.toBeTypeOf('string');
    const letTrait = '(use-trait t .tr.t) (define-public (go (c <t>)) (let ((d c)) (contract-call? d f u1)))';
    expect(analyzeAll([tr, ['user', letTrait]], 1, '2.1')).toBe('TraitReferenceUnknown');
    expect(analyzeAll([tr, ['user', letTrait]], 2, '2.1')).not.toBeTypeOf('string');
  });
});
