import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '@stacks-ts/common';
import { clarityValueToRepr, encodeClarityValue, parsePrincipal } from '@stacks-ts/codec';
import type { ClarityValue, ContractPrincipal, StandardPrincipal } from '@stacks-ts/codec';
import { openMarfedKV } from '@stacks-ts/marf';
import { GENESIS_ACCOUNTS, loadAnalysis } from '../../../src/batch.ts';
import type { BatchOptions } from '../../../src/batch.ts';
import { ClarityChain } from '../../../src/chain/runtime.ts';
import type { TxReceipt } from '../../../src/chain/runtime.ts';
import { ContractMetadata } from '../../../src/db/keys.ts';
import { parseSerdeJson, qualifiedContractIdentifierJson, symbolicExpressionSerde, typeSignatureSerde, valueFromSerde } from '../../../src/db/serde.ts';
import { deployEpochOf, loadContract } from '../../../src/chain/contracts.ts';
import { typeOfValue } from '../../../src/natives/value-types.ts';
import type { SerdeJson } from '../../../src/db/serde.ts';
import { buildAst } from '../../../src/parser/build.ts';
import type { SymbolicExpression } from '../../../src/parser/ast.ts';
import { arithmeticOnlyViolation } from '../../../src/analysis/arithmetic-checker.ts';

const DEPLOYER = parsePrincipal(GENESIS_ACCOUNTS.deployer) as StandardPrincipal;
const ALICE = parsePrincipal(GENESIS_ACCOUNTS.wallet_1) as StandardPrincipal;
const D = GENESIS_ACCOUNTS.deployer;
const id = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const u = (n: number | bigint): ClarityValue => ({ type: 'uint', value: BigInt(n) });
const repr = (v: ClarityValue | null): string => (v === null ? 'null' : clarityValueToRepr(v));
const principal = (s: string): ClarityValue => ({ type: 'principal', value: parsePrincipal(s) });

function ok(r: TxReceipt): TxReceipt {
  if (!r.committed) throw new Error(`transaction failed: ${r.error?.message}`);
  return r;
}

function at(j: SerdeJson | undefined, ...path: string[]): SerdeJson | undefined {
  let cur = j;
  for (const p of path) cur = cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? cur[p] : undefined;
  return cur;
}

const TRAIT = '(define-trait adder ((add (uint) (response uint uint))))';
const IMPL = `(impl-trait '${D}.trait.adder)
(define-public (add (n uint)) (ok (+ n u10)))`;
const TOKEN = `(use-trait adder '${D}.trait.adder)
(define-constant limits (list u1 u2 u3))
(define-constant info {name: "tok", owner: tx-sender, rate: -5, tag: 0xbeef, label: u"caf\\u{e9}"})
(define-constant nothing none)
(define-fungible-token tok u1000000)
(define-non-fungible-token badge (buff 4))
(define-map balances {who: principal} {amount: uint})
(define-data-var calls uint u0)
(define-trait hook ((run (<adder> uint) (response uint uint))))
(define-public (use (a <adder>) (n uint))
  (begin (var-set calls (+ (var-get calls) u1)) (contract-call? a add n)))
(define-public (mint (amount uint)) (ft-mint? tok amount tx-sender))
(define-read-only (get-info) info)
(define-read-only (get-limits) limits)
(define-read-only (get-nothing) nothing)
(define-private (helper (x int)) (* x 2))`;

describe('stored contracts in the reference formats', () => {
  let analysis: BatchOptions;
  let dir: string;
  beforeAll(async () => {
    analysis = await loadAnalysis();
    dir = mkdtempSync(join(tmpdir(), 'stored-contracts-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Epoch 3.2: a trait-typed parameter is charged by its declared (callable) size, so the restart
  // test below sees whether a reloaded function still knows its trait parameters.
  const open = () => {
    const kv = openMarfedKV({ path: dir });
    return { kv, chain: new ClarityChain(kv, { epoch: '3.2', analysis }) };
  };

  let useCost: TxReceipt['cost'];
  it('writes the contract entry as a serde ContractContext and the analysis as a serde ContractAnalysis', () => {
    const { kv, chain } = open();
    chain.beginBlock(null, id(1));
    chain.mintStx(ALICE, 1000n);
    ok(chain.deployContract(DEPLOYER, 'trait', TRAIT));
    ok(chain.deployContract(DEPLOYER, 'impl', IMPL));
    ok(chain.deployContract(DEPLOYER, 'token', TOKEN));
    ok(chain.deployContract(DEPLOYER, 'math', '(define-constant two 2) (define-read-only (double (x int)) (* x two))'));
    const use = ok(chain.callFunction(ALICE, `${D}.token`, 'use', [principal(`${D}.impl`), u(5)]));
    expect(repr(use.result)).toBe('(ok u15)');
    useCost = use.cost;
    chain.commitBlock();

    chain.backend.openReadOnly(id(1));
    const token = `${D}.token`;
    const c = parseSerdeJson(chain.db.getMetadata(token, ContractMetadata.contract)!);
    expect(at(c, 'contract_identifier')).toEqual(parseSerdeJson(qualifiedContractIdentifierJson(parsePrincipal(token) as ContractPrincipal)));
    expect(repr(valueFromSerde(at(c, 'variables', 'info')))).toBe(`(tuple (label u"caf\\u{c3a9}") (name "tok") (owner '${D}) (rate -5) (tag 0xbeef))`);
    expect(repr(valueFromSerde(at(c, 'variables', 'limits')))).toBe('(list u1 u2 u3)');
    expect(at(c, 'functions', 'use', 'identifier')).toEqual({ identifier: `${token}:use` });
    expect(at(c, 'functions', 'use', 'define_type')).toBe('Public');
    expect(at(c, 'functions', 'use', 'arguments')).toEqual(['a', 'n']);
    const adder = parseSerdeJson(`{"name":"adder","contract_identifier":${qualifiedContractIdentifierJson(parsePrincipal(`${D}.trait`) as ContractPrincipal)}}`);
    expect(at(c, 'functions', 'use', 'arg_types')).toEqual([{ CallableType: { Trait: adder } }, 'UIntType']);
    expect(at(c, 'functions', 'helper', 'define_type')).toBe('Private');
    expect(at(c, 'defined_traits', 'hook', 'run')).toEqual({
      args: [{ CallableType: { Trait: adder } }, 'UIntType'],
      returns: { ResponseType: ['UIntType', 'UIntType'] },
    });
    expect(at(c, 'persisted_names')).toEqual(['badge', 'balances', 'calls', 'tok']);
    expect(at(c, 'meta_ft', 'tok')).toEqual({ total_supply: 1000000n });
    expect(at(c, 'meta_data_var', 'calls')).toEqual({ value_type: 'UIntType' });
    expect(at(c, 'clarity_version')).toBe('Clarity3');
    expect(at(c, 'data_size')).toBe(BigInt(chain.db.getMetadata(token, ContractMetadata.contractDataSize)!));
    // The function body is the parsed expression as serde writes it.
    const ast = buildAst(TOKEN, { epoch: 'Epoch32', clarityVersion: 3, contractIdentifier: parsePrincipal(token) as ContractPrincipal });
    const useDef = ast.expressions.find((e) => e.type === 'list' && e.items[1]?.type === 'list' && e.items[1].items[0]?.type === 'atom' && e.items[1].items[0].name === 'use');
    expect(at(c, 'functions', 'use', 'body')).toEqual(parseSerdeJson(symbolicExpressionSerde((useDef as { items: SymbolicExpression[] }).items[2]!)));

    const a = parseSerdeJson(chain.db.getMetadata(token, ContractMetadata.analysis)!);
    expect(Object.keys(a as object)).toEqual([
      'contract_identifier', 'private_function_types', 'variable_types', 'public_function_types', 'read_only_function_types', 'map_types',
      'persisted_variable_types', 'fungible_tokens', 'non_fungible_tokens', 'defined_traits', 'implemented_traits', 'contract_interface',
      'is_cost_contract_eligible', 'epoch', 'clarity_version',
    ]);
    expect(at(a, 'public_function_types', 'use')).toEqual({
      Fixed: { args: [{ signature: { CallableType: { Trait: adder } }, name: 'a' }, { signature: 'UIntType', name: 'n' }], returns: { ResponseType: ['UIntType', 'UIntType'] } },
    });
    expect(at(a, 'private_function_types', 'helper')).toEqual({ Fixed: { args: [{ signature: 'IntType', name: 'x' }], returns: 'IntType' } });
    expect(at(a, 'variable_types', 'nothing')).toEqual({ OptionalType: 'NoType' });
    expect(at(a, 'map_types', 'balances')).toEqual([{ TupleType: { type_map: { who: 'PrincipalType' } } }, { TupleType: { type_map: { amount: 'UIntType' } } }]);
    expect(at(a, 'fungible_tokens')).toEqual(['tok']);
    expect(at(a, 'non_fungible_tokens', 'badge')).toEqual({ SequenceType: { BufferType: 4n } });
    expect(at(a, 'is_cost_contract_eligible')).toBe(false);
    expect(at(a, 'epoch')).toBe('Epoch32');
    expect(at(a, 'clarity_version')).toBe('Clarity3');
    expect((at(a, 'contract_interface', 'functions') as { name: string }[]).map((f) => f.name)).toContain('use');
    const impl = parseSerdeJson(chain.db.getMetadata(`${D}.impl`, ContractMetadata.analysis)!);
    expect(at(impl, 'implemented_traits')).toEqual([adder]);
    const math = parseSerdeJson(chain.db.getMetadata(`${D}.math`, ContractMetadata.analysis)!);
    expect(at(math, 'is_cost_contract_eligible')).toBe(true);
    kv.close();
  });

  it('after a restart, a function with a trait parameter runs and costs the same', () => {
    const { kv, chain } = open();
    chain.beginBlock(id(1), id(2));
    const use = ok(chain.callFunction(ALICE, `${D}.token`, 'use', [principal(`${D}.impl`), u(5)]));
    expect(repr(use.result)).toBe('(ok u15)');
    expect(use.cost).toEqual(useCost);
    expect(repr(chain.readOnlyCall(id(1), `${D}.token`, 'get-info', []))).toContain('(rate -5)');
    chain.commitBlock();
    kv.close();
  });
});

describe('reading contracts the reference wrote', () => {
  const SOURCE = `(define-constant deployed-at stacks-block-height)
(define-constant cfg {fee: u25, tags: (list "a")})
(define-fungible-token gold u500)
(define-read-only (get-deployed-at) deployed-at)
(define-read-only (get-cfg) cfg)
(define-public (mint) (ft-mint? gold u10 tx-sender))
(define-read-only (supply) (ft-get-supply gold))`;

  /**
   * A `contract` entry in the reference's serde shape, written by hand: its constants hold what the
   * reference evaluated at deploy (block height 77, a list typed wider than its items), which the
   * source alone cannot reproduce, so a load that re-ran the source would read other values.
   */
  function referenceEntries(contract: string): { readonly contract: string; readonly analysis: string } {
    const cid = qualifiedContractIdentifierJson(parsePrincipal(contract) as ContractPrincipal);
    return {
      contract:
        `{"contract_identifier":${cid},"variables":{"deployed-at":{"UInt":77},"cfg":{"Tuple":{"type_signature":{"type_map":{"fee":"UIntType",` +
        `"tags":{"SequenceType":{"ListType":{"max_len":4,"entry_type":{"SequenceType":{"StringType":{"ASCII":8}}}}}}}},"data_map":{"fee":{"UInt":25},` +
        `"tags":{"Sequence":{"List":{"data":[{"Sequence":{"String":{"ASCII":{"data":[97]}}}}],"type_signature":{"max_len":4,"entry_type":` +
        `{"SequenceType":{"StringType":{"ASCII":8}}}}}}}}}}},"functions":{},"defined_traits":{},"implemented_traits":[],"persisted_names":["gold"],` +
        `"meta_data_map":{},"meta_data_var":{},"meta_nft":{},"meta_ft":{"gold":{"total_supply":500}},"data_size":40,"clarity_version":"Clarity2"}`,
      analysis:
        `{"contract_identifier":${cid},"private_function_types":{},"variable_types":{},"public_function_types":{},"read_only_function_types":{},` +
        `"map_types":{},"persisted_variable_types":{},"fungible_tokens":["gold"],"non_fungible_tokens":{},"defined_traits":{},"implemented_traits":[],` +
        `"contract_interface":null,"is_cost_contract_eligible":false,"epoch":"Epoch25","clarity_version":"Clarity2"}`,
    };
  }

  it('loads constants, supplies and the deploy epoch from the reference entries and runs the contract', () => {
    const chain = new ClarityChain(openMarfedKV(), { epoch: '3.3' });
    const contract = `${D}.theirs`;
    const entries = referenceEntries(contract);
    chain.beginBlock(null, id(1));
    // What the reference's deploy leaves behind: the commitment and the metadata entries.
    chain.db.setContractCommitment(contract, SOURCE, chain.backend.currentBlockHeight());
    chain.db.insertMetadata(contract, ContractMetadata.contractSize, String(SOURCE.length));
    chain.db.insertMetadata(contract, ContractMetadata.contractSrc, SOURCE);
    chain.db.insertMetadata(contract, 'vm-metadata::7::gold', '{"total_supply":500}');
    chain.db.insertMetadata(contract, ContractMetadata.contractDataSize, '40');
    chain.db.insertMetadata(contract, ContractMetadata.contract, entries.contract);
    chain.db.insertMetadata(contract, ContractMetadata.analysis, entries.analysis);
    chain.commitBlock();

    expect(chain.readOnlyCall(id(1), contract, 'get-deployed-at', [])).toEqual(u(77));
    const cfg = chain.readOnlyCall(id(1), contract, 'get-cfg', []);
    expect(repr(cfg)).toBe('(tuple (fee u25) (tags (list "a")))');
    // The stored (wider) list type is kept: it is what the reference's `type_of` would see.
    chain.backend.openReadOnly(id(1));
    const loaded = loadContract(chain.db, contract)!;
    expect(typeSignatureSerde(typeOfValue(loaded.constants.get('cfg')!))).toBe(
      '{"TupleType":{"type_map":{"fee":"UIntType","tags":{"SequenceType":{"ListType":{"max_len":4,"entry_type":{"SequenceType":{"StringType":{"ASCII":8}}}}}}}}}',
    );
    // The Clarity version comes from the entry, the parse epoch from the analysis entry.
    expect(loaded.clarityVersion).toBe(2);
    expect(deployEpochOf(chain.db, contract, 'Epoch33')).toBe('Epoch25');
    chain.beginBlock(id(1), id(2));
    for (let i = 0; i < 50; i++) ok(chain.callFunction(ALICE, contract, 'mint', []));
    // The supply cap (500) comes from meta_ft: the 51st mint of 10 aborts (SupplyOverflow).
    const over = chain.callFunction(ALICE, contract, 'mint', []);
    expect(over.committed).toBe(false);
    expect(over.error?.message).toMatch(/supply/i);
    chain.commitBlock();
    expect(chain.readOnlyCall(id(2), contract, 'supply', [])).toEqual(u(500));
  });

  it('a malformed reference entry is a typed error, not a wrong contract', () => {
    const chain = new ClarityChain(openMarfedKV(), { epoch: '3.3' });
    const contract = `${D}.broken`;
    chain.beginBlock(null, id(1));
    chain.db.setContractCommitment(contract, SOURCE, chain.backend.currentBlockHeight());
    chain.db.insertMetadata(contract, ContractMetadata.contractSrc, SOURCE);
    chain.db.insertMetadata(contract, ContractMetadata.contract, referenceEntries(contract).contract.replace('"meta_ft":{"gold":{"total_supply":500}}', '"meta_ft":{}'));
    chain.commitBlock();
    let code = 'no error';
    try {
      chain.readOnlyCall(id(1), contract, 'get-deployed-at', []);
    } catch (e) {
      code = String((e as { code?: string }).code);
    }
    expect(code).toBe('STATE_BAD_ENCODING');
  });

  it("still reads this package's earlier contract entry format", () => {
    const chain = new ClarityChain(openMarfedKV(), { epoch: '3.3' });
    const contract = `${D}.old`;
    const src = '(define-constant k u7) (define-fungible-token t) (define-read-only (get-k) k)';
    chain.beginBlock(null, id(1));
    chain.db.setContractCommitment(contract, src, chain.backend.currentBlockHeight());
    chain.db.insertMetadata(contract, ContractMetadata.contractSrc, src);
    chain.db.insertMetadata(contract, ContractMetadata.contract, JSON.stringify({ clarityVersion: 3, epoch: '3.1', constants: { k: bytesToHex(encodeClarityValue(u(7))) }, fungibleTokens: { t: null } }));
    chain.commitBlock();
    expect(chain.readOnlyCall(id(1), contract, 'get-k', [])).toEqual(u(7));
  });
});

describe('cost-contract eligibility (ArithmeticOnlyChecker)', () => {
  const violation = (src: string, version: 1 | 2 | 3 | 4 = 2): string | undefined =>
    arithmeticOnlyViolation(
      buildAst(src, { epoch: version === 1 ? 'Epoch2_05' : 'Epoch33', clarityVersion: version, contractIdentifier: parsePrincipal(`${D}.c`) as ContractPrincipal }).expressions,
      version,
    );

  it('accepts arithmetic, logic, optionals, responses, tuples and bindings', () => {
    expect(violation('(define-constant k u2) (define-read-only (f (a uint) (b uint)) (let ((c (+ a b))) (if (> c k) (ok (* c k)) (err u1))))')).toBeUndefined();
    expect(violation('(define-private (g (t {x: int})) (match (some (get x t)) v (+ v 1) 0)) (define-read-only (h) (merge {a: 1} {b: (g {x: 2})}))')).toBeUndefined();
    expect(violation('(define-read-only (f (x uint)) (begin (asserts! (is-eq x u1) (err u2)) (ok (pow (sqrti x) (log2 x)))))')).toBeUndefined();
  });

  it('rejects state, public functions, traits, chain variables and non-arithmetic natives', () => {
    expect(violation('(define-data-var v uint u0)')).toBe('DefineTypeForbidden(PersistedVariable)');
    expect(violation('(define-public (f) (ok u1))')).toBe('DefineTypeForbidden(PublicFunction)');
    expect(violation('(define-map m uint uint)')).toBe('DefineTypeForbidden(Map)');
    expect(violation('(define-fungible-token t)')).toBe('DefineTypeForbidden(FungibleToken)');
    expect(violation('(define-trait t ((f () (response bool bool))))')).toBe('DefineTypeForbidden(Trait)');
    expect(violation('(define-private (f) tx-sender)')).toBe('VariableForbidden(tx-sender)');
    expect(violation('(define-private (f) burn-block-height)')).toBe('VariableForbidden(burn-block-height)');
    expect(violation('(define-private (f) chain-id)')).toBe('VariableForbidden(chain-id)');
    expect(violation('(define-private (f) (list 1 2))')).toBe('FunctionNotPermitted(list)');
    expect(violation('(define-private (f) (print 1))')).toBe('FunctionNotPermitted(print)');
    expect(violation('(define-private (f) (sha256 0))')).toBe('FunctionNotPermitted(sha256)');
    expect(violation('(define-private (f) (buff-to-int-le 0x01))')).toBe('FunctionNotPermitted(buff-to-int-le)');
    expect(violation(`(define-private (f) (contract-call? '${D}.x g))`)).toBe('FunctionNotPermitted(contract-call?)');
    expect(violation(`(define-private (f) '${D}.x.t)`)).toBe('TraitReferencesForbidden');
  });

  it('judges names by the contract’s Clarity version, as the reference does', () => {
    // Not reserved in Clarity 1: plain names (user functions or variables), so allowed.
    expect(violation('(define-private (f) chain-id)', 1)).toBeUndefined();
    expect(violation('(define-private (f) (buff-to-int-le 0x01))', 1)).toBeUndefined();
    expect(violation('(define-private (f) (is-eq tx-sender tx-sender))', 1)).toBe('VariableForbidden(tx-sender)');
    // A forbidden native is reported before its arguments are looked at.
    expect(violation('(define-private (f) (stx-get-balance tx-sender))', 1)).toBe('FunctionNotPermitted(stx-get-balance)');
  });
});
