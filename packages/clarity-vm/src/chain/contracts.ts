/**
 * Deployed contracts as stored state: the metadata a deploy writes under the reference's keys and
 * in the reference's formats (contract size and source, the per-definition entries, the serde
 * `ContractContext` under `vm-metadata::9::contract`, the serde `ContractAnalysis` under
 * `analysis`, the data size), and the contract context rebuilt from them on a later block, after a
 * restart or from a state the reference wrote, without running the contract's code again: the
 * definitions come from the source (parsed with the rules of the deploy's epoch, which the analysis
 * entry records), the evaluated parts (constant values, token supplies, Clarity version) from the
 * `contract` entry.
 */
import { StacksEpochId, hexToBytes, utf8ToBytes } from '@stacks-ts/common';
import { decodeClarityValue, parsePrincipal } from '@stacks-ts/codec';
import type { ClarityValue, ContractPrincipal } from '@stacks-ts/codec';
import type { ClarityDB } from '../db/clarity-db.ts';
import {
  ClarityStateError,
  ContractMetadata,
  StoreType,
  contractHashKey,
  dataMapMetadataJson,
  dataVariableMetadataJson,
  fungibleTokenMetadataJson,
  metadataKey,
  nonFungibleTokenMetadataJson,
} from '../db/keys.ts';
import type { SerdeJson, TraitTypeStyle } from '../db/serde.ts';
import {
  clarityVersionFromSerde,
  clarityVersionSerde,
  parseSerdeJson,
  qualifiedContractIdentifierJson,
  symbolicExpressionSerde,
  traitIdentifierJson,
  typeSignatureSerde,
  valueFromSerde,
  valueSerde,
} from '../db/serde.ts';
import { typeOfValue, valueSize } from '../natives/value-types.ts';
import type { ContractContext } from '../eval/context.ts';
import { newContractContext } from '../eval/context.ts';
import { parseTypeExpression } from '../eval/types.ts';
import { userFunction } from '../eval/interpreter.ts';
import type { ClarityVersion } from '../natives/context.ts';
import { epochAtLeast } from '../natives/context.ts';
import type { ContractAst, SymbolicExpression, TraitIdentifier } from '../parser/ast.ts';
import type { ClarityVersionNumber } from '../parser/build.ts';
import { buildAst } from '../parser/build.ts';
import { resolveEpochId } from '../parser/limits.ts';
import type { AnalysisType } from '../analysis/types.ts';
import { containsAny, parseTypeRepr, traitType } from '../analysis/types.ts';
import type { ContractAnalysis, FunctionSignature } from '../analysis/index.ts';
import type { ContractInterface } from '../analysis/interface.ts';
import { isCostContractEligible } from '../analysis/arithmetic-checker.ts';

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedKeys<V>(m: ReadonlyMap<string, V>): string[] {
  return [...m.keys()].sort(compareNames);
}

/**
 * A map as a JSON object, keys in order (a `BTreeMap`, or a hash map written in order), each value
 * written by `write` (by default, the value is already JSON).
 */
function objectJson<V>(m: ReadonlyMap<string, V>, write: (v: V, k: string) => string = String): string {
  return `{${sortedKeys(m).map((k) => `${JSON.stringify(k)}:${write(m.get(k)!, k)}`).join(',')}}`;
}

/** Trait positions are `CallableType(Trait)` from Epoch 2.1, `TraitReferenceType` before. */
function traitStyle(epoch: StacksEpochId): TraitTypeStyle {
  return epochAtLeast(epoch, StacksEpochId.Epoch21) ? 'callable' : 'trait-reference';
}

/** A type expression as the reference's `parse_type_repr` types it (trait references included). */
function typeReprSerde(e: SymbolicExpression, style: TraitTypeStyle): string {
  const t = parseTypeRepr(e, (r) => {
    if (r.type !== 'trait-reference') throw new ClarityStateError('STATE_BAD_ENCODING', 'unexpected trait position');
    return traitType(r.definition.trait);
  });
  return typeSignatureSerde(t, style);
}

function atomOf(e: SymbolicExpression | undefined): string {
  if (e === undefined || e.type !== 'atom') throw new ClarityStateError('STATE_BAD_ENCODING', 'stored contract source has a malformed definition');
  return e.name;
}

function defineKindOf(e: SymbolicExpression): string | undefined {
  return e.type === 'list' && e.items[0]?.type === 'atom' ? e.items[0].name : undefined;
}

/** `BTreeSet<TraitIdentifier>` order: by trait name, then issuer version, issuer bytes, contract name. */
function compareTraits(a: TraitIdentifier, b: TraitIdentifier): number {
  if (a.name !== b.name) return compareNames(a.name, b.name);
  if (a.contract.version !== b.contract.version) return a.contract.version - b.contract.version;
  for (let i = 0; i < 20; i++) {
    const d = a.contract.hash160[i]! - b.contract.hash160[i]!;
    if (d !== 0) return d;
  }
  return compareNames(a.contract.contractName, b.contract.contractName);
}

function traitSetJson(traits: readonly TraitIdentifier[]): string {
  const seen = new Map<string, TraitIdentifier>();
  for (const t of traits) seen.set(traitIdentifierJson(t), t);
  return `[${[...seen.values()].sort(compareTraits).map(traitIdentifierJson).join(',')}]`;
}

/**
 * The `define-trait` signatures of a contract as `BTreeMap<ClarityName, BTreeMap<ClarityName,
 * FunctionSignature>>` JSON (`parse_trait_type_repr`).
 */
function definedTraitsJson(expressions: readonly SymbolicExpression[], style: TraitTypeStyle): string {
  const traits = new Map<string, string>();
  for (const e of expressions) {
    if (defineKindOf(e) !== 'define-trait') continue;
    const items = (e as { items: SymbolicExpression[] }).items;
    const methods = new Map<string, string>();
    const sigs = items[2];
    if (sigs?.type === 'list') {
      for (const m of sigs.items) {
        if (m.type !== 'list' || m.items.length !== 3 || m.items[1]?.type !== 'list') continue;
        const args = m.items[1].items.map((a) => typeReprSerde(a, style)).join(',');
        methods.set(atomOf(m.items[0]), `{"args":[${args}],"returns":${typeReprSerde(m.items[2]!, style)}}`);
      }
    }
    traits.set(atomOf(items[1]), objectJson(methods));
  }
  return objectJson(traits);
}

const DEFINE_TYPE: Readonly<Record<string, string>> = { 'define-read-only': 'ReadOnly', 'define-public': 'Public', 'define-private': 'Private' };

/** `set_contract_data_size`: the memory use (`Value::size`) of the constants. */
function dataSizeOf(contract: ContractContext): number {
  let dataSize = 0;
  for (const v of contract.constants.values()) dataSize += valueSize(v);
  return dataSize;
}

/**
 * The reference's `vm-metadata::9::contract` entry: a deployed contract's `ContractContext` as
 * serde JSON (constants, functions with their bodies, traits, definitions' metadata, data size and
 * Clarity version), written from the contract's evaluated context and its parsed expressions.
 */
export function contractContextSerde(contract: ContractContext, expressions: readonly SymbolicExpression[], epoch: StacksEpochId): string {
  const style = traitStyle(epoch);
  const functions = new Map<string, string>();
  for (const e of expressions) {
    const kind = defineKindOf(e);
    const defineType = kind === undefined ? undefined : DEFINE_TYPE[kind];
    if (defineType === undefined) continue;
    const items = (e as { items: SymbolicExpression[] }).items;
    const sig = items[1];
    if (sig?.type !== 'list') continue;
    const name = atomOf(sig.items[0]);
    const params = sig.items.slice(1).map((p) => (p as { items: SymbolicExpression[] }).items);
    functions.set(
      name,
      `{"identifier":{"identifier":${JSON.stringify(`${contract.idString}:${name}`)}},"name":${JSON.stringify(name)},` +
        `"arg_types":[${params.map((p) => typeReprSerde(p[1]!, style)).join(',')}],"define_type":"${defineType}",` +
        `"arguments":[${params.map((p) => JSON.stringify(atomOf(p[0]))).join(',')}],"body":${symbolicExpressionSerde(items[2]!)}}`,
    );
  }
  const persisted = [...contract.dataVars.keys(), ...contract.maps.keys(), ...contract.fungibleTokens.keys(), ...contract.nonFungibleTokens.keys()].sort(compareNames);
  return (
    `{"contract_identifier":${qualifiedContractIdentifierJson(contract.id)},"variables":${objectJson(contract.constants, valueSerde)},"functions":${objectJson(functions)},` +
    `"defined_traits":${definedTraitsJson(expressions, style)},"implemented_traits":${traitSetJson(contract.implementedTraits)},` +
    `"persisted_names":[${persisted.map((n) => JSON.stringify(n)).join(',')}],"meta_data_map":${objectJson(contract.maps, (m) => dataMapMetadataJson(m.key, m.value))},` +
    `"meta_data_var":${objectJson(contract.dataVars, dataVariableMetadataJson)},"meta_nft":${objectJson(contract.nonFungibleTokens, nonFungibleTokenMetadataJson)},` +
    `"meta_ft":${objectJson(contract.fungibleTokens, (f) => fungibleTokenMetadataJson(f.totalSupply))},"data_size":${dataSizeOf(contract)},"clarity_version":${clarityVersionSerde(contract.clarityVersion)}}`
  );
}

function functionTypesJson(fns: ReadonlyMap<string, FunctionSignature>, style: TraitTypeStyle): string {
  return objectJson(fns, (f) => {
    const args = f.args.map((a) => `{"signature":${typeSignatureSerde(a.type, style)},"name":${JSON.stringify(a.name)}}`).join(',');
    return `{"Fixed":{"args":[${args}],"returns":${typeSignatureSerde(f.returns, style)}}}`;
  });
}

function typesJson(m: ReadonlyMap<string, AnalysisType>, style: TraitTypeStyle, fallback?: (name: string) => AnalysisType): string {
  return objectJson(m, (t, k) => typeSignatureSerde(containsAny(t) && fallback !== undefined ? fallback(k) : t, style));
}

/**
 * The reference's `analysis` entry: a contract's `ContractAnalysis` as serde JSON (function,
 * constant, variable, map and token types, traits, the contract interface, cost-contract
 * eligibility, epoch and Clarity version). A constant whose type this checker leaves undetermined
 * is written with the type of its evaluated value.
 */
export function contractAnalysisSerde(
  analysis: ContractAnalysis,
  contract: ContractContext,
  expressions: readonly SymbolicExpression[],
  contractInterface: ContractInterface | undefined,
): string {
  const epoch = resolveEpochId(analysis.epoch);
  const style = traitStyle(epoch);
  const constantType = (name: string): AnalysisType => {
    const v = contract.constants.get(name);
    if (v === undefined) throw new ClarityStateError('STATE_BAD_ENCODING', `analysis names constant ${name} the contract lacks`);
    return typeOfValue(v);
  };
  const maps = objectJson(analysis.maps, (m) => `[${typeSignatureSerde(m.key, style)},${typeSignatureSerde(m.value, style)}]`);
  return (
    `{"contract_identifier":${qualifiedContractIdentifierJson(analysis.contractIdentifier)},` +
    `"private_function_types":${functionTypesJson(analysis.privateFunctions, style)},` +
    `"variable_types":${typesJson(analysis.constants, style, constantType)},` +
    `"public_function_types":${functionTypesJson(analysis.publicFunctions, style)},` +
    `"read_only_function_types":${functionTypesJson(analysis.readOnlyFunctions, style)},` +
    `"map_types":${maps},"persisted_variable_types":${typesJson(analysis.dataVars, style)},` +
    `"fungible_tokens":[${[...analysis.fungibleTokens].sort(compareNames).map((n) => JSON.stringify(n)).join(',')}],` +
    `"non_fungible_tokens":${typesJson(analysis.nonFungibleTokens, style)},` +
    `"defined_traits":${definedTraitsJson(expressions, style)},"implemented_traits":${traitSetJson(analysis.implementedTraits)},` +
    `"contract_interface":${contractInterface === undefined ? 'null' : JSON.stringify(contractInterface)},` +
    `"is_cost_contract_eligible":${isCostContractEligible(expressions, analysis.clarityVersion as ClarityVersion)},` +
    `"epoch":"${epoch}","clarity_version":${clarityVersionSerde(analysis.clarityVersion)}}`
  );
}

/** What a deploy's stored state is written from. */
export interface DeployedContractState {
  /** The evaluated contract. */
  readonly contract: ContractContext;
  /** Its parsed expressions (the deploy's AST). */
  readonly ast: ContractAst;
  /** The epoch it is deployed in. */
  readonly epoch: StacksEpochId;
  /** The height of the block it is deployed in (the commitment's height). */
  readonly blockHeight: number;
  /** Its analysis, when the deploy ran one (the reference always does); no `analysis` entry without. */
  readonly analysis?: ContractAnalysis;
  /** Its interface (ABI), when the analysis determined every type in it. */
  readonly contractInterface?: ContractInterface;
}

/**
 * Writes a deploy's contract state (`insert_contract_hash`, then the metadata): the
 * `clarity-contract::<id>` commitment, `contract-size`, `contract-src`, the per-definition entries
 * (data vars, maps, tokens), `contract-data-size`, the `contract` entry and the `analysis` entry.
 * Call inside the deploying transaction so a rollback drops them too.
 */
export function writeContractState(db: ClarityDB, state: DeployedContractState): void {
  const { contract, ast, epoch } = state;
  const id = contract.idString;
  db.setContractCommitment(id, contract.source, state.blockHeight);
  db.insertMetadata(id, ContractMetadata.contractSize, utf8ToBytes(contract.source).length.toString());
  db.insertMetadata(id, ContractMetadata.contractSrc, contract.source);
  for (const [name, t] of contract.dataVars) db.insertMetadata(id, metadataKey(StoreType.VariableMeta, name), dataVariableMetadataJson(t));
  for (const [name, m] of contract.maps) db.insertMetadata(id, metadataKey(StoreType.DataMapMeta, name), dataMapMetadataJson(m.key, m.value));
  for (const [name, f] of contract.fungibleTokens) db.insertMetadata(id, metadataKey(StoreType.FungibleTokenMeta, name), fungibleTokenMetadataJson(f.totalSupply));
  for (const [name, t] of contract.nonFungibleTokens) db.insertMetadata(id, metadataKey(StoreType.NonFungibleTokenMeta, name), nonFungibleTokenMetadataJson(t));
  db.insertMetadata(id, ContractMetadata.contractDataSize, dataSizeOf(contract).toString());
  db.insertMetadata(id, ContractMetadata.contract, contractContextSerde(contract, ast.expressions, epoch));
  if (state.analysis !== undefined) {
    db.insertMetadata(id, ContractMetadata.analysis, contractAnalysisSerde(state.analysis, contract, ast.expressions, state.contractInterface));
  }
}

/** The parts of a stored contract that evaluation produced. */
interface StoredContractParts {
  readonly clarityVersion: ClarityVersion;
  readonly constants: ReadonlyMap<string, ClarityValue>;
  readonly fungibleTokens: ReadonlyMap<string, bigint | null>;
  /** The deploy epoch, when the `contract` entry records it (this package's format 1 did). */
  readonly epoch?: string;
}

function field(o: SerdeJson, key: string): SerdeJson | undefined {
  return o !== null && typeof o === 'object' && !Array.isArray(o) ? o[key] : undefined;
}

function entries(o: SerdeJson | undefined, what: string): [string, SerdeJson][] {
  if (o === null || o === undefined || typeof o !== 'object' || Array.isArray(o)) throw new ClarityStateError('STATE_BAD_ENCODING', `stored contract: ${what} is not an object`);
  return Object.entries(o);
}

/** Reads the `contract` entry: the reference's serde `ContractContext`, or this package's format 1. */
function parseStoredContract(id: string, text: string): StoredContractParts {
  const j = parseSerdeJson(text);
  if (field(j, 'contract_identifier') !== undefined) {
    const constants = new Map<string, ClarityValue>();
    for (const [k, v] of entries(field(j, 'variables'), 'variables')) constants.set(k, valueFromSerde(v));
    const fungibleTokens = new Map<string, bigint | null>();
    for (const [k, v] of entries(field(j, 'meta_ft'), 'meta_ft')) {
      const supply = field(v, 'total_supply');
      if (supply !== null && typeof supply !== 'bigint') throw new ClarityStateError('STATE_BAD_ENCODING', `stored contract ${id}: bad total supply of ${k}`);
      fungibleTokens.set(k, supply);
    }
    return { clarityVersion: clarityVersionFromSerde(field(j, 'clarity_version')) as ClarityVersion, constants, fungibleTokens };
  }
  // Format 1 (before the reference's shape): {clarityVersion, epoch, constants (SIP-005 hex), fungibleTokens}.
  const legacy = JSON.parse(text) as { clarityVersion?: ClarityVersion; epoch?: string; constants?: Record<string, string>; fungibleTokens?: Record<string, string | null> };
  if (legacy.clarityVersion === undefined || legacy.constants === undefined) throw new ClarityStateError('STATE_BAD_ENCODING', `stored contract ${id} has an unknown format`, { contract: id });
  const constants = new Map(Object.entries(legacy.constants).map(([k, hex]) => [k, decodeClarityValue(hexToBytes(hex))] as const));
  const fungibleTokens = new Map(Object.entries(legacy.fungibleTokens ?? {}).map(([k, s]) => [k, s === null ? null : BigInt(s)] as const));
  return { clarityVersion: legacy.clarityVersion, constants, fungibleTokens, ...(legacy.epoch === undefined ? {} : { epoch: legacy.epoch }) };
}

/**
 * The epoch a stored contract was deployed in: the `epoch` of its `analysis` entry (the
 * reference's serde `ContractAnalysis`, or this package's earlier `{format, interface}` entry),
 * else `fallback` (a contract deployed without analysis).
 */
export function deployEpochOf(db: ClarityDB, id: string, fallback: string): string {
  const text = db.getMetadata(id, ContractMetadata.analysis);
  if (text !== undefined) {
    const j = parseSerdeJson(text);
    const epoch = field(j, 'epoch') ?? field(field(j, 'interface') ?? null, 'epoch');
    if (typeof epoch === 'string') return epoch;
  }
  const contract = db.getMetadata(id, ContractMetadata.contract);
  if (contract !== undefined && !contract.includes('"contract_identifier"')) {
    const legacy = JSON.parse(contract) as { epoch?: string };
    if (legacy.epoch !== undefined) return legacy.epoch;
  }
  return fallback;
}

/**
 * Rebuilds a deployed contract's context from its stored source and `contract` entry (ours or
 * one the reference wrote): the definitions are read from the source, the evaluated parts
 * (constants, token supplies) from the entry. Undefined when the contract is not deployed at the
 * db's current tip. `fallbackEpoch` parses a contract whose deploy epoch is not recorded.
 */
export function loadContract(db: ClarityDB, id: string, fallbackEpoch = 'Epoch33'): ContractContext | undefined {
  if (db.getContractCommitment(id) === undefined) return undefined;
  const source = db.getMetadata(id, ContractMetadata.contractSrc);
  const entry = db.getMetadata(id, ContractMetadata.contract);
  if (source === undefined || entry === undefined) {
    throw new ClarityStateError('STATE_BAD_ENCODING', `contract ${id} is committed but its metadata is missing`, { contract: id });
  }
  const stored = parseStoredContract(id, entry);
  const epoch = stored.epoch ?? deployEpochOf(db, id, fallbackEpoch);
  const principal = parsePrincipal(id) as ContractPrincipal;
  const ast = buildAst(source, { epoch, clarityVersion: stored.clarityVersion as ClarityVersionNumber, contractIdentifier: principal });
  const contract = newContractContext(principal, stored.clarityVersion, source);
  for (const e of ast.expressions) {
    const kind = defineKindOf(e);
    if (kind === undefined) continue;
    const items = (e as { items: SymbolicExpression[] }).items;
    switch (kind) {
      case 'define-constant': {
        const name = atomOf(items[1]);
        const v = stored.constants.get(name);
        if (v === undefined) throw new ClarityStateError('STATE_BAD_ENCODING', `stored contract ${id} lacks constant ${name}`);
        contract.constants.set(name, v);
        break;
      }
      case 'define-private':
      case 'define-public':
      case 'define-read-only': {
        const visibility = kind === 'define-private' ? 'private' : kind === 'define-public' ? 'public' : 'read-only';
        const fn = userFunction(items, visibility);
        contract.functions.set(fn.name, fn);
        break;
      }
      case 'define-data-var':
        contract.dataVars.set(atomOf(items[1]), parseTypeExpression(items[2]!));
        break;
      case 'define-map':
        contract.maps.set(atomOf(items[1]), { key: parseTypeExpression(items[2]!), value: parseTypeExpression(items[3]!) });
        break;
      case 'define-fungible-token': {
        const name = atomOf(items[1]);
        const supply = stored.fungibleTokens.get(name);
        if (supply === undefined) throw new ClarityStateError('STATE_BAD_ENCODING', `stored contract ${id} lacks the supply of token ${name}`);
        contract.fungibleTokens.set(name, { totalSupply: supply });
        break;
      }
      case 'define-non-fungible-token':
        contract.nonFungibleTokens.set(atomOf(items[1]), parseTypeExpression(items[2]!));
        break;
      case 'define-trait': {
        const methods: string[] = [];
        const sigs = items[2];
        if (sigs?.type === 'list') for (const m of sigs.items) if (m.type === 'list' && m.items[0]?.type === 'atom') methods.push((m.items[0] as { name: string }).name);
        contract.definedTraits.set(atomOf(items[1]), methods);
        break;
      }
      case 'impl-trait': {
        const t = items[1];
        if (t?.type === 'field') contract.implementedTraits.push(t.trait);
        break;
      }
    }
  }
  return contract;
}

/**
 * The deployed contracts as the interpreter sees them (`ChainState.contracts`): a contract exists
 * when its commitment is visible at the db's current tip (so a rolled-back deploy, another fork's
 * deploy or a later block's deploy is absent); contexts are rebuilt from metadata once and cached
 * by commitment.
 */
export class DeployedContracts extends Map<string, ContractContext> {
  readonly #cache = new Map<string, ContractContext>();

  /** `fallbackEpoch`: the epoch that parses a stored contract whose deploy epoch is not recorded. */
  constructor(
    private readonly db: ClarityDB,
    private readonly fallbackEpoch: () => string = () => 'Epoch33',
  ) {
    super();
  }

  /** Records a contract deployed in the open block (its state must be written in the same transaction). */
  override set(id: string, contract: ContractContext): this {
    const commitment = this.db.getString(contractHashKey(id));
    if (commitment !== undefined) this.#cache.set(`${id}/${commitment}`, contract);
    return this;
  }

  override get(id: string): ContractContext | undefined {
    const commitment = this.db.getString(contractHashKey(id));
    if (commitment === undefined) return undefined;
    const key = `${id}/${commitment}`;
    let c = this.#cache.get(key);
    if (c === undefined) {
      c = loadContract(this.db, id, this.fallbackEpoch());
      if (c !== undefined) this.#cache.set(key, c);
    }
    return c;
  }

  override has(id: string): boolean {
    return this.db.getString(contractHashKey(id)) !== undefined;
  }
}
