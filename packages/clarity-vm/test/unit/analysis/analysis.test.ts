import { describe, expect, it } from 'vitest';
import { parsePrincipal, principalToString } from '@stacks-ts/codec';
import type { ContractPrincipal } from '@stacks-ts/codec';
import { analyzeContract, analysisTypeToString, sortDefinitions } from '../../../src/analysis/index.ts';
import type { ContractAnalysis } from '../../../src/analysis/index.ts';
import { ClarityError } from '../../../src/errors.ts';
import { buildAst } from '../../../src/parser/build.ts';

const DEPLOYER = 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM';

function contractId(name: string): ContractPrincipal {
  const p = parsePrincipal(DEPLOYER);
  if (p.type !== 'standard') throw new Error('standard principal expected');
  return { type: 'contract', version: p.version, hash160: p.hash160, contractName: name };
}

interface Opts {
  version?: 1 | 2 | 3 | 4;
  epoch?: string;
  name?: string;
  deployed?: Map<string, ContractAnalysis>;
}

function analyze(source: string, opts: Opts = {}): ContractAnalysis {
  const version = opts.version ?? 4;
  const epoch = opts.epoch ?? '3.3';
  const id = contractId(opts.name ?? 'test');
  const ast = buildAst(source, { epoch, clarityVersion: version, contractIdentifier: id, sortDefinitions });
  const deployed = opts.deployed;
  const analysis = analyzeContract(ast, {
    clarityVersion: version,
    epoch,
    ...(deployed !== undefined ? { contracts: (p: ContractPrincipal) => deployed.get(principalToString(p)) } : {}),
  });
  deployed?.set(principalToString(id), analysis);
  return analysis;
}

/** The check error code of `source`, or 'ok'. */
function code(source: string, opts: Opts = {}): string {
  try {
    analyze(source, opts);
    return 'ok';
  } catch (e) {
    if (e instanceof ClarityError) return e.code;
    throw e;
  }
}

/** The type of the last top-level expression of `source`. */
function typeOf(source: string, opts: Opts = {}): string {
  const version = opts.version ?? 4;
  const epoch = opts.epoch ?? '3.3';
  const ast = buildAst(source, { epoch, clarityVersion: version, contractIdentifier: contractId('t'), sortDefinitions });
  const analysis = analyzeContract(ast, { clarityVersion: version, epoch });
  const last = ast.expressions[ast.expressions.length - 1]!;
  return analysisTypeToString(analysis.typeMap.get(last.id)!);
}

describe('type checker: expressions', () => {
  // type_checker/v2_1/tests/mod.rs test_simple_arithmetic_checks
  it('types arithmetic, comparison and boolean forms', () => {
    expect(typeOf('(>= (+ 1 2 3) (- 1 2))')).toBe('bool');
    expect(typeOf('(is-eq (+ 1 2 3) 6 0)')).toBe('bool');
    expect(typeOf('(and (or true false) false)')).toBe('bool');
    expect(code('(+ 1 2 3 (>= 5 7))')).toBe('TypeError');
    expect(code('(-)')).toBe('RequiresAtLeastArguments');
    expect(code('(xor 1)')).toBe('IncorrectArgumentCount');
    expect(code('(+ x y z)')).toBe('UndefinedVariable');
    expect(code('(and (or true false) (+ 1 2 3))')).toBe('TypeError');
    expect(code('(+ 1 u1)')).toBe('TypeError');
  });

  // test_simple_hash_checks
  it('types the hash functions', () => {
    expect(typeOf('(hash160 u1)')).toBe('(buff 20)');
    expect(typeOf('(sha512 10)')).toBe('(buff 64)');
    expect(typeOf('(sha256 (keccak256 1))')).toBe('(buff 32)');
    expect(code('(hash160 true)')).toBe('UnionTypeError');
    expect(code('(keccak256 (list 1 2 3))')).toBe('UnionTypeError');
    expect(code('(sha256 u1 u2 u3)')).toBe('IncorrectArgumentCount');
  });

  // test_simple_ifs
  it('takes the supertype of if arms', () => {
    expect(typeOf('(if (> 1 2) (+ 1 2 3) (- 1 2))')).toBe('int');
    expect(typeOf('(if true "a" "abcdef")')).toBe('(string-ascii 6)');
    expect(code('(if true true 1)')).toBe('IfArmsMustMatch');
    expect(code('(if)')).toBe('IncorrectArgumentCount');
    expect(code('(if 0 1 0)')).toBe('TypeError');
  });

  // test_simple_lets
  it('types let bindings sequentially', () => {
    expect(typeOf('(let ((x 1) (y u2) (z u3) (a (+ y z)) (b (* 2 x)) (c { foo: a, bar: b })) c)')).toBe(
      '(tuple (bar int) (foo uint))',
    );
    expect(code('(let ((1)) (+ 1 2))')).toBe('BadSyntaxBinding');
    expect(code('(let ((1 2)) (+ 1 2))')).toBe('BadSyntaxBinding');
    expect(code('(let ((x 1) (y u2) (z (+ x y))) x)')).toBe('TypeError');
  });

  // test_let_shadowed_by_let_should_fail and friends
  it('rejects shadowing', () => {
    expect(code('(let ((cursor 1) (cursor 2)) cursor)')).toBe('NameAlreadyUsed');
    expect(code('(let ((cursor 1)) (let ((cursor 2)) cursor))')).toBe('NameAlreadyUsed');
    expect(code('(define-private (cursor) 0) (define-private (set-cursor (value int)) (let ((cursor 1)) cursor))')).toBe(
      'NameAlreadyUsed',
    );
    expect(code('(define-private (cursor) 0) (define-private (set-cursor (cursor int)) cursor)')).toBe('NameAlreadyUsed');
    expect(code('(define-constant k 1) (let ((k 2)) k)')).toBe('NameAlreadyUsed');
    // Native names are the interpreter's business (a runtime error in the reference).
    expect(code('(let ((+ 1)) 1)')).toBe('ok');
  });

  it('handles optionals and responses, with indeterminate types', () => {
    expect(typeOf('(if true (some 1) none)')).toBe('(optional int)');
    expect(typeOf('(list (some u1) none)')).toBe('(list 2 (optional uint))');
    expect(typeOf('(match (if true (ok 1) (err u2)) a (some a) b none)')).toBe('(optional int)');
    expect(code('(unwrap-panic none)')).toBe('CouldNotDetermineResponseOkType');
    expect(code('(unwrap-err-panic (ok 1))')).toBe('CouldNotDetermineResponseErrType');
    expect(code('(match (ok 1) a a b 0)')).toBe('CouldNotDetermineMatchTypes');
    expect(code('(if true (ok 1) (ok u1))')).toBe('IfArmsMustMatch');
    expect(code('(default-to 1 (some u1))')).toBe('DefaultTypesMustMatch');
    expect(code('(is-some 1)')).toBe('ExpectedOptionalType');
  });

  it('requires intermediary responses to be checked', () => {
    expect(code('(begin (ok 1) 1)')).toBe('UncheckedIntermediaryResponses');
    expect(code('(let ((a 1)) (err a) a)')).toBe('UncheckedIntermediaryResponses');
    expect(code('(begin (unwrap-panic (ok 1)) 1)')).toBe('ok');
  });

  it('checks tuples', () => {
    expect(typeOf('(get b (merge {a: 1} {b: 2}))')).toBe('int');
    expect(typeOf('(get a (some {a: 1}))')).toBe('(optional int)');
    expect(code('(get b {a: 1})')).toBe('NoSuchTupleField');
    expect(code('(get a 5)')).toBe('ExpectedTuple');
    expect(code('(tuple (a 1) (a 2))')).toBe('BadTupleConstruction');
    expect(code('(tuple (a))')).toBe('BadSyntaxBinding');
    expect(code('(merge {a: 1} 5)')).toBe('ExpectedTuple');
  });

  // test_lists, test_native_append, test_native_as_max_len, test_high_order_map
  it('checks sequences', () => {
    expect(typeOf('(append (list 1 2) 3)')).toBe('(list 3 int)');
    expect(typeOf('(concat "ab" "cde")')).toBe('(string-ascii 5)');
    expect(typeOf('(as-max-len? (list 1 2) u5)')).toBe('(optional (list 5 int))');
    expect(typeOf('(element-at? 0x0102 u0)')).toBe('(optional (buff 1))');
    expect(typeOf('(map + (list 1 2) (list 3 4 5))')).toBe('(list 2 int)');
    expect(typeOf('(define-private (f (x int)) (> x 0)) (filter f (list 1 -1))')).toBe('(list 2 int)');
    expect(code('(list 1 u1)')).toBe('TypeError');
    expect(code('(as-max-len? (list 1) (len (list 1)))')).toBe('TypeError');
    expect(code('(map print (list 1))')).toBe('IllegalOrUnknownFunctionApplication');
    expect(code('(map not (list 1 2))')).toBe('TypeError');
    expect(code('(fold + (list 1 2) u0)')).toBe('TypeError');
    expect(code('(index-of? (list) 1)')).toBe('CouldNotDetermineType');
    expect(code('(replace-at? "abc" u0 "xy")')).toBe('TypeError');
    expect(code('(len 1)')).toBe('ExpectedSequence');
  });

  it('checks fixed-signature natives', () => {
    expect(code('(buff-to-int-le 0x0101010101010101010101010101010101)')).toBe('TypeError');
    expect(code('(string-to-int? 1)')).toBe('UnionTypeError');
    expect(code('(principal-construct? 0x1a1a 0x6d78de7b0625dfbfc16c3a8a5735f6dc3dc3f2ce)')).toBe('TypeError');
    expect(typeOf('(to-consensus-buff? 1)')).toBe('(optional (buff 17))');
    expect(code('(to-consensus-buff? (list))')).toBe('CouldNotDetermineSerializationType');
    expect(code('(to-consensus-buff? (ok u1))')).toBe('ok');
  });

  it('applies version gates to natives and keywords', () => {
    expect(code('(slice? "abc" u0 u1)', { version: 1, epoch: '2.05' })).toBe('UnknownFunction');
    expect(code('(slice? "abc" u0 u1)', { version: 2, epoch: '2.1' })).toBe('ok');
    expect(code('block-height', { version: 3 })).toBe('UndefinedVariable');
    expect(code('block-height', { version: 2, epoch: '2.4' })).toBe('ok');
    expect(code('stacks-block-height', { version: 2, epoch: '2.4' })).toBe('UndefinedVariable');
    expect(code('(define-private (slice?) 7) (slice?)', { version: 1, epoch: '2.05' })).toBe('ok');
    // is_reserved_word: block-height is reserved from Clarity 3.
    expect(code('(define-constant block-height 7) 1', { version: 3, epoch: '3.0' })).toBe('ReservedWord');
    expect(code('(restrict-assets? tx-sender ((with-stx u100)) u1)', { version: 3, epoch: '3.0' })).toBe('UnknownFunction');
  });

  it('checks block info properties by version', () => {
    expect(typeOf('(get-block-info? time u0)', { version: 2, epoch: '2.4' })).toBe('(optional uint)');
    expect(code('(get-block-info? block-reward u0)', { version: 1, epoch: '2.05' })).toBe('NoSuchBlockInfoProperty');
    expect(code('(get-stacks-block-info? vrf-seed u0)', { version: 3, epoch: '3.0' })).toBe('NoSuchStacksBlockInfoProperty');
    expect(code('(get-block-info? time 0)', { version: 2, epoch: '2.4' })).toBe('TypeError');
  });

  it('checks Clarity 4 post-condition forms', () => {
    expect(code('(restrict-assets? tx-sender () (ok u1))')).toBe('UncheckedIntermediaryResponses');
    expect(code('(restrict-assets? tx-sender ((with-all-assets-unsafe)) u1)')).toBe('WithAllAllowanceNotAllowed');
    expect(code('(with-stx u1)')).toBe('AllowanceExprNotAllowed');
    expect(code('(as-contract? ((with-stx u1)) u1)')).toBe('ok');
    expect(typeOf('(as-contract? ((with-stx u1)) u1)')).toBe('(response uint uint)');
    // conversions.rs check_special_to_ascii
    expect(typeOf('(to-ascii? 0x0102)')).toBe('(response (string-ascii 6) uint)');
    expect(typeOf('(to-ascii? true)')).toBe('(response (string-ascii 5) uint)');
    expect(code('(to-ascii? "abc")')).toBe('UnionTypeError');
  });
});

describe('type checker: definitions', () => {
  // test_define_functions, test_set_*_variable, test_mismatching_type_on_declaration_should_fail
  it('checks data vars, maps and constants', () => {
    expect(code('(define-data-var v int 0) (define-public (f) (ok (var-set v 1)))')).toBe('ok');
    expect(code('(define-data-var v int u0)')).toBe('TypeError');
    expect(code('(define-data-var v int 0) (define-public (f) (ok (var-set v u1)))')).toBe('TypeError');
    expect(code('(define-data-var cursor int 0) (define-private (get-cursor) cursor)')).toBe('UndefinedVariable');
    expect(code('(define-private (set-cursor (value int)) (if (var-set cursor value) value 0))')).toBe('NoSuchDataVariable');
    expect(code('(define-data-var v integer 1)')).toBe('DefineVariableBadSignature');
    expect(code('(define-data-var l (list 1000000000 int) (list))')).toBe('DefineVariableBadSignature');
    expect(code('(define-data-var b (buff 1048576) 0x)')).toBe('ok');
    expect(code('(define-map m {a: int} uint) (map-set m {a: 1} u1)')).toBe('ok');
    expect(code('(define-map m {a: int} uint) (map-set m {a: u1} u1)')).toBe('TypeError');
    expect(code('(define-constant c 1) (var-set c 2)')).toBe('NoSuchDataVariable');
    expect(code('(define-data-var v int 1) (map-set v 1 1)')).toBe('NoSuchMap');
    expect(code('(define-constant a 1) (define-constant a 2)')).toBe('NameAlreadyUsed');
  });

  it('checks functions', () => {
    const a = analyze('(define-read-only (fetch (x uint)) (ok x)) (define-private (p) (fetch u1))');
    expect(analysisTypeToString(a.readOnlyFunctions.get('fetch')!.returns)).toBe('(response uint UnknownType)');
    expect(code('(define-public (f) 1)')).toBe('PublicFunctionMustReturnResponse');
    expect(code('(define-private (f a) a)')).toBe('BadSyntaxBinding');
    expect(code('(define-private (f (a intt)) a)')).toBe('UnknownTypeName');
    expect(code('(define-private f 1)')).toBe('DefineFunctionBadSignature');
    expect(code('(define-private (f) (begin (asserts! false (err u1)) 1))')).toBe('ReturnTypesMustMatch');
    expect(code('(define-private (f (a int)) a) (f u1)')).toBe('TypeError');
    // Argument counts of user calls are only checked when the call runs (as in the reference analysis).
    expect(code('(define-private (f (a int)) a) (f 1 2)')).toBe('ok');
    expect(code('(frobnicate 1)')).toBe('UnknownFunction');
    expect(code('(define-private (f) 1) f')).toBe('UndefinedVariable');
  });

  it('is independent of definition order and rejects cycles', () => {
    expect(code('(define-private (a) (b)) (define-private (b) 1)')).toBe('ok');
    expect(code('(define-constant x (+ y 1)) (define-constant y 1)')).toBe('ok');
    expect(code('(define-private (a) (b)) (define-private (b) (a))')).toBe('CircularReference');
    expect(code('(define-private (f (n int)) (if (> n 0) (f (- n 1)) 0))')).toBe('CircularReference');
  });

  it('checks tokens', () => {
    expect(code('(define-fungible-token t) (ft-mint? t u1 tx-sender)')).toBe('ok');
    expect(code('(ft-mint? nope u1 tx-sender)')).toBe('NoSuchFT');
    expect(code('(define-fungible-token t) (ft-mint? t 1 tx-sender)')).toBe('TypeError');
    expect(code('(define-non-fungible-token n uint) (nft-mint? n 1 tx-sender)')).toBe('TypeError');
    expect(code('(define-fungible-token t) (nft-mint? t u1 tx-sender)')).toBe('NoSuchNFT');
  });
});

describe('read-only checker', () => {
  // read_only_checker/tests.rs
  it('rejects writes from read-only functions', () => {
    expect(code('(define-data-var v int 0) (define-read-only (f) (var-set v 1))')).toBe('WriteAttemptedInReadOnly');
    expect(code('(define-data-var v int 0) (define-private (w) (var-set v 1)) (define-read-only (f) (w))')).toBe(
      'WriteAttemptedInReadOnly',
    );
    expect(code('(define-data-var v int 0) (define-private (r) (var-get v)) (define-read-only (f) (r))')).toBe('ok');
    expect(code('(define-data-var v int 0) (define-read-only (f) (at-block 0x0000000000000000000000000000000000000000000000000000000000000000 (var-set v 1)))')).toBe(
      'AtBlockClosureMustBeReadOnly',
    );
  });
});

describe('trait checker and contract calls', () => {
  const traits = '(define-trait greeter ((greet (uint) (response (string-ascii 20) uint))))';
  const english = `(impl-trait .traits.greeter) (define-public (greet (n uint)) (ok "hello"))`;
  const caller = '(use-trait greeter .traits.greeter) (define-public (call (g <greeter>) (n uint)) (contract-call? g greet n))';

  function deploy(...units: [string, string][]): Map<string, ContractAnalysis> {
    const deployed = new Map<string, ContractAnalysis>();
    for (const [name, src] of units) analyze(src, { name, deployed });
    return deployed;
  }

  it('accepts a conforming implementation and trait calls', () => {
    const deployed = deploy(['traits', traits], ['english', english], ['caller', caller]);
    expect(code('(contract-call? .caller call .english u1)', { name: 'x', deployed })).toBe('ok');
    const t = typeOf('1');
    expect(t).toBe('int');
  });

  it('rejects bad implementations', () => {
    const deployed = deploy(['traits', traits]);
    expect(code('(impl-trait .traits.greeter) (define-public (greet (n int)) (ok "hi"))', { name: 'bad', deployed })).toBe(
      'BadTraitImplementation',
    );
    expect(code('(impl-trait .traits.greeter) (define-private (greet (n uint)) (ok "hi"))', { name: 'bad2', deployed })).toBe(
      'BadTraitImplementation',
    );
    expect(code('(use-trait t .nowhere.t) u1', { name: 'x', deployed })).toBe('NoSuchContract');
    expect(code('(define-trait t (f))')).toBe('DefineTraitBadSignature');
  });

  it('checks trait arguments of calls', () => {
    const deployed = deploy(
      ['traits', traits],
      ['english', english],
      ['caller', caller],
      ['broken', '(define-public (greet (n int)) (ok "x"))'],
    );
    expect(code('(contract-call? .caller call .broken u1)', { name: 'x', deployed })).toBe('BadTraitImplementation');
    expect(code('(contract-call? .caller call .nobody u1)', { name: 'x', deployed })).toBe('NoSuchContract');
    expect(code(`(contract-call? .caller call '${DEPLOYER} u1)`, { name: 'x', deployed })).toBe('TypeError');
    expect(code('(contract-call? .caller nope .english u1)', { name: 'x', deployed })).toBe('NoSuchPublicFunction');
    expect(code('(contract-call? .nope add 1)', { name: 'x', deployed })).toBe('NoSuchContract');
    expect(code('(contract-call? counter add 1)', { name: 'x', deployed })).toBe('TraitReferenceUnknown');
    // Clarity 2 lets a let-bound contract principal stand for a trait; Clarity 1 does not.
    expect(code('(let ((p .english)) (contract-call? .caller call p u1))', { name: 'x', deployed })).toBe('ok');
    expect(code('(let ((p .english)) (contract-call? .caller call p u1))', { name: 'y', deployed, version: 1, epoch: '2.1' })).toBe(
      'TypeError',
    );
  });

  it('rejects dynamic dispatch from read-only functions', () => {
    const deployed = deploy(['traits', traits]);
    expect(
      code('(use-trait greeter .traits.greeter) (define-read-only (r (g <greeter>)) (contract-call? g greet u1))', {
        name: 'ro',
        deployed,
      }),
    ).toBe('WriteAttemptedInReadOnly');
  });
});

// Contracts and expectations of the `clarity_trait_experiments_*` tests in
// clarity/src/vm/analysis/type_checker/v2_1/tests/contracts.rs (contracts/*.clar there).
describe('trait experiments of the reference', () => {
  const CONTRACTS: Record<string, string> = {
    'math-trait': '(define-trait math ((add (uint uint) (response uint uint)) (sub (uint uint) (response uint uint))))',
    'impl-math-trait':
      '(impl-trait .math-trait.math) (define-read-only (add (x uint) (y uint)) (ok (+ x y))) (define-read-only (sub (x uint) (y uint)) (ok (- x y)))',
    'constant-call': '(define-constant principal-value .impl-math-trait) (define-public (constant-call) (contract-call? principal-value add u1 u2))',
    'double-trait': '(define-trait double-method ((foo (uint) (response uint uint)) (foo (bool) (response bool bool))))',
    'use-double-trait':
      '(use-trait double .double-trait.double-method) (define-public (call-double-1 (double <double>)) (contract-call? double foo u5)) (define-public (call-double-2 (double <double>)) (contract-call? double foo true))',
    'impl-double-trait-both':
      '(impl-trait .double-trait.double-method) (define-read-only (foo (x uint)) (ok x)) (define-read-only (foo (x bool)) (ok x))',
    'readonly-call-trait':
      '(use-trait math .math-trait.math) (define-read-only (readonly-sub-call (math-contract <math>) (x uint) (y uint)) (contract-call? math-contract sub x y))',
  };

  /** Deploys `names` in order; the code of the first failure, or 'ok'. */
  function load(names: string[], version: 1 | 2 | 3 | 4, epoch: string): string {
    const deployed = new Map<string, ContractAnalysis>();
    for (const name of names) {
      const c = code(CONTRACTS[name]!, { name, deployed, version, epoch });
      if (c !== 'ok') return `${name}:${c}`;
    }
    return 'ok';
  }

  it('constant_call: a constant contract principal is callable from Clarity 2', () => {
    const names = ['math-trait', 'impl-math-trait', 'constant-call'];
    expect(load(names, 1, '2.1')).toBe('constant-call:TraitReferenceUnknown');
    expect(load(names, 2, '2.1')).toBe('ok');
  });

  it('double_trait: duplicate trait methods are rejected from Clarity 2 only', () => {
    expect(load(['double-trait'], 1, '2.05')).toBe('ok');
    expect(load(['double-trait'], 2, '2.1')).toBe('double-trait:DefineTraitDuplicateMethod');
    // impl_double_trait_both: two read-only functions of one name pass analysis in Clarity 1.
    expect(load(['double-trait', 'impl-double-trait-both'], 1, '2.1')).toBe('ok');
    // use_double_trait: Clarity 1 keeps the last `foo`, so `(foo u5)` is a type error.
    expect(load(['double-trait', 'use-double-trait'], 1, '2.1')).toBe('use-double-trait:TypeError');
  });

  it('readonly_call_trait: dynamic dispatch is a write', () => {
    expect(load(['math-trait', 'readonly-call-trait'], 2, '2.1')).toBe('readonly-call-trait:WriteAttemptedInReadOnly');
  });
});
