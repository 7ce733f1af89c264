/**
 * `clarity-ts batch`: runs conformance cases with the semantics of the JSON-lines oracle
 * (`../shared/tools/clarity-oracle`): a chain per epoch shared by plain cases, a fresh genesis
 * chain for `fresh` cases and cases with contracts, snippets deployed as `expr-N`.
 */
import { parsePrincipal, principalToString } from '@stacks-ts/codec';
import type { ClarityValue, ContractPrincipal, PrincipalData, StandardPrincipal } from '@stacks-ts/codec';
import { bytesToHex } from '@stacks-ts/common';
import { encodeClarityValue } from '@stacks-ts/codec';
import { ClarityError, isEarlyReturn } from './errors.ts';
import { ClarityDB } from './db/clarity-db.ts';
import { MemoryBackend } from './db/kv.ts';
import type { ChainState, ClarityEvent, ContractContext } from './eval/context.ts';
import { newContractContext } from './eval/context.ts';
import { defineKind, evaluateTopLevel } from './eval/interpreter.ts';
import type { Env } from './eval/interpreter.ts';
import { NONE, valueSize } from './natives/value-types.ts';
import type { ClarityVersion } from './natives/context.ts';
import type { ClarityVersionNumber } from './parser/build.ts';
import { buildAst } from './parser/build.ts';
import type { ContractAst } from './parser/ast.ts';
import { resolveEpochId } from './parser/limits.ts';
// costs:
import type { ExecutionCostJson } from './costs/execution-cost.ts';
import type { CostTracker } from './costs/tracker.ts';
import { trackerCostJson, transactionTracker } from './costs/transaction.ts';
import { chargeContractStorage } from './costs/deploy.ts';
import { utf8ByteLength } from './costs/sizes.ts';
import { BOOT_ADDRESS_MAINNET, BOOT_ADDRESS_TESTNET, SnapshotBackend } from './boot.ts';
import type { BootContracts } from './boot.ts';
import { StacksError, compareEpochs } from '@stacks-ts/common';

/** One input line of `clarity-ts batch`. */
export interface BatchCase {
  readonly id: string;
  readonly expr?: string;
  readonly contract?: string | readonly { readonly name: string; readonly source: string; readonly clarity_version?: number }[];
  readonly epoch?: string | number;
  readonly clarity_version?: number;
  readonly sender?: string;
  readonly fresh?: boolean;
}

/** One output line of `clarity-ts batch`. */
export type BatchResult =
  | {
      readonly id: string;
      readonly ok: true;
      readonly result_hex: string;
      readonly events?: readonly ClarityEvent[];
      // costs: the oracle's `cost` (last deploy) and `deploy_costs` (each contract), when costs are on
      readonly cost?: ExecutionCostJson;
      readonly deploy_costs?: Readonly<Record<string, ExecutionCostJson>>;
    }
  | { readonly id: string; readonly ok: false; readonly error_kind: 'static' | 'runtime'; readonly error: string };

/** The oracle's test accounts: deployer, wallet_1, wallet_2. */
export const GENESIS_ACCOUNTS = {
  deployer: 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM',
  wallet_1: 'ST1SJ3DTE5DN7X54YDH5D64R3BCB6A2AG2ZQ8YPD5',
  wallet_2: 'ST2CY5V39NHDPWSXMW9QDT3HC3GD6Q6XX4CFRK9AG',
} as const;

/** Each genesis account's balance in µSTX. */
export const GENESIS_BALANCE = 100_000_000_000_000n;

/** The oracle's chain id (testnet). */
export const TESTNET_CHAIN_ID = 0x80000000;

/** Static analysis hook: type-checks an AST before it is evaluated. */
export type AnalyzeHook = (
  ast: ContractAst,
  clarityVersion: ClarityVersionNumber,
  epoch: string,
  deployed: (contract: ContractPrincipal) => unknown,
  costs?: CostTracker,
) => unknown;

/** Options of `runBatch`. */
export interface BatchOptions {
  /** Static analysis to run on every contract and snippet; none when absent. */
  readonly analyze?: AnalyzeHook;
  /** Definition sorter (`sortDefinitions` of the analysis) for definition-order independence. */
  readonly sortDefinitions?: (ast: ContractAst, clarityVersion: ClarityVersionNumber, costs?: CostTracker) => void;
  /** costs: meter each deploy with the epoch's cost contract and report `cost` / `deploy_costs` (default off). */
  readonly costs?: boolean;
  /** Boot contracts every genesis deploys from the boot address (none when absent). */
  readonly bootContracts?: BootContracts;
}

/** Options of `genesisChain`. */
export interface GenesisOptions {
  /** Boot contracts to deploy at genesis, from the boot address and free of costs. */
  readonly bootContracts?: BootContracts;
  /** Analysis and definition sorter used for the boot contracts (see `BatchOptions`). */
  readonly analyze?: AnalyzeHook;
  readonly sortDefinitions?: (ast: ContractAst, clarityVersion: ClarityVersionNumber, costs?: CostTracker) => void;
}

/** The state right after the boot deploys, shared (read-only) by every genesis cloned from it. */
interface BootTemplate {
  readonly analyze: AnalyzeHook | undefined;
  readonly storage: ReadonlyMap<string, string>;
  readonly contracts: ReadonlyMap<string, ContractContext>;
  readonly analyses: ReadonlyMap<string, unknown>;
  readonly height: number;
}

/** Post-boot templates per boot set, epoch (policy 'active' only) and analysis: deployed once, then cloned. */
const bootTemplates = new WeakMap<BootContracts, Map<string, BootTemplate[]>>();

/**
 * A new chain at genesis for `epoch` (dotted or `StacksEpochId`): the test accounts funded and,
 * with `bootContracts`, the boot contracts deployed (once per boot set, then cloned). Throws
 * `StacksError` `BOOT_DEPLOY_FAILED` when a boot contract fails to deploy.
 */
export function genesisChain(epoch: string, opts: GenesisOptions = {}): ChainState {
  const epochId = resolveEpochId(epoch);
  const boot = opts.bootContracts;
  if (boot === undefined || boot.contracts.length === 0) {
    const db = new ClarityDB(new MemoryBackend());
    fundAccounts(db);
    return emptyChain(db, epochId);
  }
  let perEpoch = bootTemplates.get(boot);
  if (perEpoch === undefined) {
    perEpoch = new Map();
    bootTemplates.set(boot, perEpoch);
  }
  // Each contract deploys as of its own epoch, so with policy 'all' one template serves every epoch.
  const key = boot.policy === 'all' ? 'all' : epochId;
  const built = perEpoch.get(key) ?? [];
  let template = built.find((t) => t.analyze === opts.analyze);
  if (template === undefined) {
    template = bootTemplate(epochId, boot, opts);
    perEpoch.set(key, [...built, template]);
  }
  return {
    ...emptyChain(new ClarityDB(new SnapshotBackend(template.storage)), epochId),
    contracts: new Map(template.contracts),
    analyses: new Map(template.analyses),
    height: template.height,
  };
}

function fundAccounts(db: ClarityDB): void {
  // state: the reference's account encoding (`vm-account::<p>::19`) and the liquid supply.
  for (const addr of Object.values(GENESIS_ACCOUNTS)) db.setStxBalance(parsePrincipal(addr), { kind: 'unlocked', amount: GENESIS_BALANCE });
  db.setLiquidSupply(GENESIS_BALANCE * BigInt(Object.keys(GENESIS_ACCOUNTS).length));
}

function emptyChain(db: ClarityDB, epoch: ChainState['epoch']): ChainState {
  return { db, contracts: new Map(), epoch, mainnet: false, chainId: TESTNET_CHAIN_ID, height: 1, snippetCount: 0, analyses: new Map() };
}

/** Deploys the boot contracts on a fresh chain, each at its epoch of activation, and freezes the result. */
function bootTemplate(epoch: ChainState['epoch'], boot: BootContracts, opts: GenesisOptions): BootTemplate {
  const backend = new SnapshotBackend();
  const chain = emptyChain(new ClarityDB(backend), epoch);
  fundAccounts(chain.db);
  const deployOpts: BatchOptions = {
    ...(opts.analyze === undefined ? {} : { analyze: opts.analyze }),
    ...(opts.sortDefinitions === undefined ? {} : { sortDefinitions: opts.sortDefinitions }),
  };
  const issuers = [BOOT_ADDRESS_TESTNET, BOOT_ADDRESS_MAINNET].map((a) => parsePrincipal(a) as StandardPrincipal);
  for (const c of boot.contracts) {
    const activation = resolveEpochId(c.epoch);
    if (boot.policy === 'active' && compareEpochs(activation, epoch) > 0) continue;
    const sources = [c.source, c.mainnetSource];
    issuers.forEach((issuer, i) => {
      const source = sources[i];
      if (source === undefined) return;
      // Deployed as of its own epoch (its parser, checker and gates), then the chain moves on.
      const at: ChainState = { ...chain, epoch: activation };
      try {
        deployContract(at, contractId(issuer, c.name), source, c.clarityVersion, issuer, [], deployOpts);
      } catch (e) {
        const s = classify(e);
        const id = principalToString(contractId(issuer, c.name));
        throw new StacksError('BOOT_DEPLOY_FAILED', `boot contract ${id} failed to deploy (${s.kind}): ${s.message}`, { contract: id });
      }
      chain.height = at.height;
    });
  }
  return { analyze: opts.analyze, storage: backend.freeze(), contracts: chain.contracts, analyses: chain.analyses, height: chain.height };
}

function deployer(): StandardPrincipal {
  return parsePrincipal(GENESIS_ACCOUNTS.deployer) as StandardPrincipal;
}

function resolveSender(sender: string | undefined): PrincipalData {
  if (sender === undefined || sender === 'deployer') return deployer();
  const named = (GENESIS_ACCOUNTS as Record<string, string>)[sender];
  return parsePrincipal(named ?? sender);
}

function contractId(issuer: StandardPrincipal, name: string): ContractPrincipal {
  return { type: 'contract', version: issuer.version, hash160: issuer.hash160, contractName: name };
}

/** Where a failure was found. */
class StageError extends Error {
  constructor(
    readonly kind: 'static' | 'runtime',
    message: string,
    /** The error classified (a `ClarityError`, an early return, ...), when there was one. */
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** The errors a cost tracker throws. */
const TRACKER_CODES: ReadonlySet<string> = new Set(['CostBalanceExceeded', 'CostOverflow', 'MemoryBalanceExceeded', 'CostComputationFailed']);

function classify(e: unknown): StageError {
  if (e instanceof StageError) return e;
  if (isEarlyReturn(e)) return new StageError('runtime', `EarlyReturn(${e.code})`, e);
  if (e instanceof ClarityError) return new StageError(e.kind === 'runtime' ? 'runtime' : 'static', `${e.group}(${e.code}): ${e.message}`, e);
  const message = e instanceof Error ? e.message : String(e);
  return new StageError('runtime', `internal: ${message}`);
}

interface DeployResult {
  readonly contract: ContractContext;
  /** The parsed contract (its expressions are what the stored contract and analysis are written from). */
  readonly ast: ContractAst;
  readonly last: ClarityValue | null;
  /** costs: the deploy's tracker, when costs are on. */
  readonly costs?: CostTracker;
}

/**
 * Parses, analyses and evaluates a contract's top-level code as one transaction; registers the
 * contract when it succeeds. Throws a `StageError`.
 *
 * With `deployCosts`, the whole SmartContract transaction is charged to that tracker as the node
 * charges it (spec-costs.md 4.5): parse, cycle detection, analysis, contract storage (with the
 * source held in memory during initialization), then initialization. Without it, `opts.costs`
 * meters the initialization only, as the oracle's `cost` does.
 */
export function deployContract(
  chain: ChainState,
  id: ContractPrincipal,
  source: string,
  clarityVersion: ClarityVersion,
  sender: PrincipalData,
  events: ClarityEvent[],
  opts: BatchOptions,
  directCall = false,
  deployCosts?: CostTracker,
): DeployResult {
  let ast: ContractAst;
  let analysis: unknown;
  const epochLabel = chain.epoch;
  try {
    ast = buildAst(source, {
      epoch: chain.epoch,
      clarityVersion: clarityVersion as ClarityVersionNumber,
      contractIdentifier: id,
      ...(opts.sortDefinitions === undefined ? {} : { sortDefinitions: opts.sortDefinitions }),
      ...(deployCosts === undefined ? {} : { costs: deployCosts }),
    });
    if (opts.analyze !== undefined) {
      analysis = opts.analyze(
        ast,
        clarityVersion as ClarityVersionNumber,
        epochLabel,
        (c) => chain.analyses.get(principalToString(c)),
        deployCosts,
      );
    }
  } catch (e) {
    // A cost or memory limit reached while parsing or analysing is a static-stage failure
    // (the node's `CostError` during analysis), whatever kind the tracker's error has.
    const s = classify(e);
    throw s.kind === 'runtime' && e instanceof ClarityError && TRACKER_CODES.has(e.code) ? new StageError('static', s.message, e) : s;
  }
  const contract = newContractContext(id, clarityVersion, source);
  // costs: one tracker per deploy transaction (the oracle stores every contract's data size as 0)
  const costs = deployCosts ?? transactionTracker(chain, opts.costs, { countsConstantData: false });
  const env: Env = {
    chain,
    contract,
    principals: { sender, caller: sender, sponsor: null },
    events,
    readOnly: false,
    directCall,
    ...(costs === undefined ? {} : { costs }),
  };
  const mark = events.length;
  chain.db.begin();
  let last: ClarityValue | null = null;
  let sourceMemory = 0;
  try {
    if (deployCosts !== undefined) {
      // `initialize_contract_from_ast`: the storage charge, then the source held during initialization.
      chargeContractStorage(deployCosts, source);
      sourceMemory = utf8ByteLength(source);
      deployCosts.addMemory(sourceMemory);
    }
    try {
      for (const e of ast.expressions) {
        const v = evaluateTopLevel(e, env);
        if (v !== null) last = v;
        else if (defineKind(e) === null) last = null;
      }
    } finally {
      // `eval_all` releases the constants' values, then the source is released.
      if (costs !== undefined) {
        let held = 0;
        for (const v of contract.constants.values()) held += valueSize(v);
        costs.dropMemory(held + sourceMemory);
      }
    }
  } catch (e) {
    chain.db.rollback();
    events.length = mark;
    throw classify(e);
  }
  chain.db.commit();
  chain.contracts.set(contract.idString, contract);
  if (analysis !== undefined) chain.analyses.set(contract.idString, analysis);
  chain.height++;
  return costs === undefined ? { contract, ast, last } : { contract, ast, last, costs };
}

function hex(v: ClarityValue): string {
  return `0x${bytesToHex(encodeClarityValue(v))}`;
}

/** Runs one case against `chain` (already chosen by the caller). */
export function runCase(c: BatchCase, chain: ChainState, opts: BatchOptions = {}): BatchResult {
  const version = (c.clarity_version ?? 2) as ClarityVersion;
  const me = deployer();
  const events: ClarityEvent[] = [];
  // costs: what the oracle reports per case
  let cost: ExecutionCostJson | undefined;
  let deployCosts: Record<string, ExecutionCostJson> | undefined;
  try {
    let last: ClarityValue | null = null;
    if (c.contract !== undefined) {
      const list = typeof c.contract === 'string' ? [{ name: 'contract', source: c.contract }] : c.contract;
      for (const item of list) {
        const v = (('clarity_version' in item ? item.clarity_version : undefined) ?? version) as ClarityVersion;
        events.length = 0;
        // The oracle runs a contract that is one `contract-call?` as a contract-call transaction.
        const direct = isSingleContractCall(item.source, chain);
        const r = deployContract(chain, contractId(me, item.name), item.source, v, me, events, opts, direct);
        last = r.last;
        if (r.costs !== undefined) (deployCosts ??= {})[item.name] = cost = trackerCostJson(r.costs); // costs:
      }
    }
    if (c.expr !== undefined) {
      events.length = 0;
      const name = `expr-${chain.snippetCount++}`;
      const single = countForms(c.expr, chain) === 1 && !c.expr.includes('(define-');
      const sender = single ? resolveSender(c.sender) : me;
      const r = deployContract(chain, contractId(me, name), c.expr, version, sender, events, opts, single);
      last = r.last;
      if (r.costs !== undefined) cost = trackerCostJson(r.costs); // costs:
    }
    const result = last ?? NONE;
    return {
      id: c.id,
      ok: true,
      result_hex: hex(result),
      ...(events.length > 0 ? { events } : {}),
      // costs:
      ...(cost === undefined ? {} : { cost }),
      ...(deployCosts === undefined ? {} : { deploy_costs: deployCosts }),
    };
  } catch (e) {
    const s = classify(e);
    return { id: c.id, ok: false, error_kind: s.kind, error: s.message };
  }
}

/** True when `source` is exactly one `(contract-call? ...)` form. */
function isSingleContractCall(source: string, chain: ChainState): boolean {
  try {
    const exprs = buildAst(source, { epoch: chain.epoch, clarityVersion: 2 }).expressions;
    const only = exprs.length === 1 ? exprs[0] : undefined;
    return only?.type === 'list' && only.items[0]?.type === 'atom' && only.items[0].name === 'contract-call?';
  } catch {
    return false;
  }
}

function countForms(source: string, chain: ChainState): number {
  try {
    return buildAst(source, { epoch: chain.epoch, clarityVersion: 2 }).expressions.length;
  } catch {
    return 0;
  }
}

/** Runs cases in order with the oracle's chain rules and returns one result per case. */
export function runBatchSync(cases: readonly BatchCase[], opts: BatchOptions = {}): BatchResult[] {
  const shared = new Map<string, ChainState>();
  const genesis: GenesisOptions = {
    ...(opts.bootContracts === undefined ? {} : { bootContracts: opts.bootContracts }),
    ...(opts.analyze === undefined ? {} : { analyze: opts.analyze }),
    ...(opts.sortDefinitions === undefined ? {} : { sortDefinitions: opts.sortDefinitions }),
  };
  return cases.map((c) => {
    const epoch = String(c.epoch ?? '3.3');
    let chain: ChainState;
    try {
      if (c.contract !== undefined || c.fresh === true) {
        chain = genesisChain(epoch, genesis);
      } else {
        let s = shared.get(epoch);
        if (s === undefined) {
          s = genesisChain(epoch, genesis);
          shared.set(epoch, s);
        }
        chain = s;
      }
    } catch (e) {
      const s = classify(e);
      return { id: c.id, ok: false, error_kind: s.kind, error: s.message };
    }
    return runCase(c, chain, opts);
  });
}

let analysisOptions: Promise<BatchOptions> | undefined;

/** Loads the static analysis (src/analysis) when it is available (once: later calls share it). */
export function loadAnalysis(): Promise<BatchOptions> {
  analysisOptions ??= importAnalysis();
  return analysisOptions;
}

async function importAnalysis(): Promise<BatchOptions> {
  try {
    const mod = (await import('./analysis/index.ts')) as {
      analyzeContract: (
        ast: ContractAst,
        opts: { clarityVersion: 1 | 2 | 3 | 4; epoch: string; contracts?: (c: ContractPrincipal) => never; costs?: CostTracker },
      ) => unknown;
      sortDefinitions: (ast: ContractAst, clarityVersion: ClarityVersionNumber, costs?: CostTracker) => void;
    };
    return {
      sortDefinitions: mod.sortDefinitions,
      analyze: (ast, clarityVersion, epoch, deployed, costs) =>
        mod.analyzeContract(ast, {
          clarityVersion: clarityVersion as 1 | 2 | 3 | 4,
          epoch,
          contracts: (c) => deployed(c) as never,
          ...(costs === undefined ? {} : { costs }),
        }),
    };
  } catch (e) {
    process.stderr.write(`clarity-ts: static analysis unavailable, running without it (${e instanceof Error ? e.message : String(e)})\n`);
    return {};
  }
}

/** `runBatch(cases)`: the `clarity-ts batch` implementation, with the static analysis when available. */
export async function runBatch(cases: readonly BatchCase[], opts: Pick<BatchOptions, 'bootContracts'> = {}): Promise<BatchResult[]> {
  return runBatchSync(cases, { ...(await loadAnalysis()), ...opts });
}
