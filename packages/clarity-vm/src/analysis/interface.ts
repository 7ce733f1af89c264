/**
 * The contract interface (ABI) the reference builds from an analysis
 * (clarity/src/vm/analysis/contract_interface_builder), as the same JSON: functions (private, then
 * public, then read-only, each sorted by name), variables (constants, then data vars), maps,
 * fungible and non-fungible tokens, epoch and Clarity version.
 */
import { resolveEpochId } from '../parser/limits.ts';
import type { ContractAnalysis, FunctionSignature } from './index.ts';
import type { AnalysisType } from './types.ts';

/** `ContractInterfaceAtomType` in its serde JSON form. */
export type ContractInterfaceAtomType =
  | 'none'
  | 'int128'
  | 'uint128'
  | 'bool'
  | 'principal'
  | 'trait_reference'
  | { readonly buffer: { readonly length: number } }
  | { readonly 'string-utf8': { readonly length: number } }
  | { readonly 'string-ascii': { readonly length: number } }
  | { readonly tuple: readonly { readonly name: string; readonly type: ContractInterfaceAtomType }[] }
  | { readonly optional: ContractInterfaceAtomType }
  | { readonly response: { readonly ok: ContractInterfaceAtomType; readonly error: ContractInterfaceAtomType } }
  | { readonly list: { readonly type: ContractInterfaceAtomType; readonly length: number } };

/** One function of the interface. */
export interface ContractInterfaceFunction {
  readonly name: string;
  readonly access: 'private' | 'public' | 'read_only';
  readonly args: readonly { readonly name: string; readonly type: ContractInterfaceAtomType }[];
  readonly outputs: { readonly type: ContractInterfaceAtomType };
}

/** `ContractInterface`. */
export interface ContractInterface {
  readonly functions: readonly ContractInterfaceFunction[];
  readonly variables: readonly { readonly name: string; readonly type: ContractInterfaceAtomType; readonly access: 'constant' | 'variable' }[];
  readonly maps: readonly { readonly name: string; readonly key: ContractInterfaceAtomType; readonly value: ContractInterfaceAtomType }[];
  readonly fungible_tokens: readonly { readonly name: string }[];
  readonly non_fungible_tokens: readonly { readonly name: string; readonly type: ContractInterfaceAtomType }[];
  /** `StacksEpochId` variant name, e.g. `Epoch21`. */
  readonly epoch: string;
  /** `Clarity1` .. `Clarity4`. */
  readonly clarity_version: string;
}

/** Byte order of names (the reference's `BTreeMap` order). */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Thrown inside the builder when a type is one this analysis does not determine (`any`). */
class UndeterminedType extends Error {}

/** `ContractInterfaceAtomType::from_type_signature`. */
export function contractInterfaceAtomType(t: AnalysisType): ContractInterfaceAtomType {
  switch (t.kind) {
    case 'no-type':
      return 'none';
    case 'int':
      return 'int128';
    case 'uint':
      return 'uint128';
    case 'bool':
      return 'bool';
    case 'principal':
      return 'principal';
    case 'trait':
      return 'trait_reference';
    case 'buffer':
      return { buffer: { length: t.length } };
    case 'string-ascii':
      return { 'string-ascii': { length: t.length } };
    case 'string-utf8':
      return { 'string-utf8': { length: t.length } };
    case 'tuple':
      return {
        tuple: [...t.fields.keys()]
          .sort(compareNames)
          .map((name) => ({ name, type: contractInterfaceAtomType(t.fields.get(name)!) })),
      };
    case 'optional':
      return { optional: contractInterfaceAtomType(t.inner) };
    case 'response':
      return { response: { ok: contractInterfaceAtomType(t.ok), error: contractInterfaceAtomType(t.err) } };
    case 'list':
      return { list: { type: contractInterfaceAtomType(t.itemType), length: t.maxLength } };
    case 'any':
      throw new UndeterminedType();
  }
}

function sortedEntries<V>(m: ReadonlyMap<string, V>): [string, V][] {
  return [...m.entries()].sort((a, b) => compareNames(a[0], b[0]));
}

function functions(m: ReadonlyMap<string, FunctionSignature>, access: ContractInterfaceFunction['access']): ContractInterfaceFunction[] {
  return sortedEntries(m).map(([name, sig]) => ({
    name,
    access,
    args: sig.args.map((a) => ({ name: a.name, type: contractInterfaceAtomType(a.type) })),
    outputs: { type: contractInterfaceAtomType(sig.returns) },
  }));
}

/**
 * Builds the contract interface of an analysis (`build_contract_interface`). Returns undefined
 * when a type in it is one this analysis leaves undetermined (an unmodelled rule), rather than a
 * wrong interface.
 */
export function buildContractInterface(analysis: ContractAnalysis): ContractInterface | undefined {
  try {
    return {
      functions: [
        ...functions(analysis.privateFunctions, 'private'),
        ...functions(analysis.publicFunctions, 'public'),
        ...functions(analysis.readOnlyFunctions, 'read_only'),
      ],
      variables: [
        ...sortedEntries(analysis.constants).map(([name, t]) => ({
          name,
          type: contractInterfaceAtomType(t),
          access: 'constant' as const,
        })),
        ...sortedEntries(analysis.dataVars).map(([name, t]) => ({
          name,
          type: contractInterfaceAtomType(t),
          access: 'variable' as const,
        })),
      ],
      maps: sortedEntries(analysis.maps).map(([name, m]) => ({
        name,
        key: contractInterfaceAtomType(m.key),
        value: contractInterfaceAtomType(m.value),
      })),
      fungible_tokens: [...analysis.fungibleTokens].sort(compareNames).map((name) => ({ name })),
      non_fungible_tokens: sortedEntries(analysis.nonFungibleTokens).map(([name, t]) => ({
        name,
        type: contractInterfaceAtomType(t),
      })),
      epoch: resolveEpochId(analysis.epoch),
      clarity_version: `Clarity${analysis.clarityVersion}`,
    };
  } catch (e) {
    if (e instanceof UndeterminedType) return undefined;
    throw e;
  }
}

/** The interface as the reference serializes it (`ContractInterface::serialize`, serde_json). */
export function contractInterfaceToJson(ci: ContractInterface): string {
  return JSON.stringify(ci);
}
