/**
 * Deployed contracts as stored state: the metadata a deploy writes (contract size and source under
 * the reference's keys, and this package's own `contract` entry with what evaluation produced:
 * the Clarity version, epoch, constant values and token supplies), and the contract context rebuilt
 * from it on a later block or after a restart, without running the contract's code again.
 */
import { bytesToHex, hexToBytes, utf8ToBytes } from '@stacks-ts/common';
import { decodeClarityValue, encodeClarityValue, parsePrincipal } from '@stacks-ts/codec';
import type { ContractPrincipal } from '@stacks-ts/codec';
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
import { valueSize } from '../natives/value-types.ts';
import type { ContractContext } from '../eval/context.ts';
import { newContractContext } from '../eval/context.ts';
import { parseTypeExpression } from '../eval/types.ts';
import type { ClarityVersion } from '../natives/context.ts';
import type { SymbolicExpression } from '../parser/ast.ts';
import type { ClarityVersionNumber } from '../parser/build.ts';
import { buildAst } from '../parser/build.ts';

/** This package's `vm-metadata::9::contract` entry (JSON): what a deploy's evaluation produced. */
export interface StoredContract {
  readonly clarityVersion: ClarityVersion;
  /** The epoch the contract was deployed in (parser and checker rules). */
  readonly epoch: string;
  /** `define-constant` values as SIP-005 hex. */
  readonly constants: Readonly<Record<string, string>>;
  /** `define-fungible-token` total supplies (decimal), null when unbounded. */
  readonly fungibleTokens: Readonly<Record<string, string | null>>;
}

/** The stored form of a freshly deployed contract. */
export function storedContractOf(contract: ContractContext, epoch: string): StoredContract {
  const constants: Record<string, string> = {};
  for (const [k, v] of contract.constants) constants[k] = bytesToHex(encodeClarityValue(v));
  const fungibleTokens: Record<string, string | null> = {};
  for (const [k, t] of contract.fungibleTokens) fungibleTokens[k] = t.totalSupply === null ? null : t.totalSupply.toString();
  return { clarityVersion: contract.clarityVersion, epoch, constants, fungibleTokens };
}

/**
 * Writes a deploy's contract state (`insert_contract_hash`, then the metadata): the
 * `clarity-contract::<id>` commitment at `blockHeight`, `contract-size`, `contract-src`, the
 * per-definition entries (data vars, maps, tokens), the `contract` entry and `contract-data-size`. Call inside the deploying transaction so a rollback drops them too.
 */
export function writeContractState(db: ClarityDB, contract: ContractContext, epoch: string, blockHeight: number): void {
  const id = contract.idString;
  db.setContractCommitment(id, contract.source, blockHeight);
  db.insertMetadata(id, ContractMetadata.contractSize, utf8ToBytes(contract.source).length.toString());
  db.insertMetadata(id, ContractMetadata.contractSrc, contract.source);
  for (const [name, t] of contract.dataVars) db.insertMetadata(id, metadataKey(StoreType.VariableMeta, name), dataVariableMetadataJson(t));
  for (const [name, m] of contract.maps) db.insertMetadata(id, metadataKey(StoreType.DataMapMeta, name), dataMapMetadataJson(m.key, m.value));
  for (const [name, f] of contract.fungibleTokens) db.insertMetadata(id, metadataKey(StoreType.FungibleTokenMeta, name), fungibleTokenMetadataJson(f.totalSupply));
  for (const [name, t] of contract.nonFungibleTokens) db.insertMetadata(id, metadataKey(StoreType.NonFungibleTokenMeta, name), nonFungibleTokenMetadataJson(t));
  db.insertMetadata(id, ContractMetadata.contract, JSON.stringify(storedContractOf(contract, epoch)));
  // `set_contract_data_size`: the memory use (`Value::size`) of the constants.
  let dataSize = 0;
  for (const v of contract.constants.values()) dataSize += valueSize(v);
  db.insertMetadata(id, ContractMetadata.contractDataSize, dataSize.toString());
}

function atomOf(e: SymbolicExpression | undefined): string {
  if (e === undefined || e.type !== 'atom') throw new ClarityStateError('STATE_BAD_ENCODING', 'stored contract source has a malformed definition');
  return e.name;
}

/**
 * Rebuilds a deployed contract's context from its stored source and `contract` entry: the
 * definitions are read from the source, the evaluated parts (constants, token supplies) from the
 * entry. Undefined when the contract is not deployed at the db's current tip.
 */
export function loadContract(db: ClarityDB, id: string): ContractContext | undefined {
  if (db.getContractCommitment(id) === undefined) return undefined;
  const source = db.getMetadata(id, ContractMetadata.contractSrc);
  const entry = db.getMetadata(id, ContractMetadata.contract);
  if (source === undefined || entry === undefined) {
    throw new ClarityStateError('STATE_BAD_ENCODING', `contract ${id} is committed but its metadata is missing`, { contract: id });
  }
  const stored = JSON.parse(entry) as StoredContract;
  const principal = parsePrincipal(id) as ContractPrincipal;
  const ast = buildAst(source, { epoch: stored.epoch, clarityVersion: stored.clarityVersion as ClarityVersionNumber, contractIdentifier: principal });
  const contract = newContractContext(principal, stored.clarityVersion, source);
  for (const e of ast.expressions) {
    if (e.type !== 'list' || e.items[0]?.type !== 'atom') continue;
    const items = e.items;
    const kind = (items[0] as { name: string }).name;
    switch (kind) {
      case 'define-constant': {
        const name = atomOf(items[1]);
        const hex = stored.constants[name];
        if (hex === undefined) throw new ClarityStateError('STATE_BAD_ENCODING', `stored contract ${id} lacks constant ${name}`);
        contract.constants.set(name, decodeClarityValue(hexToBytes(hex)));
        break;
      }
      case 'define-private':
      case 'define-public':
      case 'define-read-only': {
        const sig = items[1];
        if (sig?.type !== 'list') throw new ClarityStateError('STATE_BAD_ENCODING', `stored contract ${id} has a malformed function`);
        const name = atomOf(sig.items[0]);
        const params = sig.items.slice(1).map((p) => {
          if (p.type !== 'list' || p.items.length !== 2) throw new ClarityStateError('STATE_BAD_ENCODING', `stored contract ${id} has a malformed argument`);
          return { name: atomOf(p.items[0]), type: parseTypeExpression(p.items[1]!) };
        });
        const visibility = kind === 'define-private' ? 'private' : kind === 'define-public' ? 'public' : 'read-only';
        contract.functions.set(name, { name, visibility, params, body: items[2]! });
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
        const supply = stored.fungibleTokens[name];
        contract.fungibleTokens.set(name, { totalSupply: supply === undefined || supply === null ? null : BigInt(supply) });
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

  constructor(private readonly db: ClarityDB) {
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
      c = loadContract(this.db, id);
      if (c !== undefined) this.#cache.set(key, c);
    }
    return c;
  }

  override has(id: string): boolean {
    return this.db.getString(contractHashKey(id)) !== undefined;
  }
}
