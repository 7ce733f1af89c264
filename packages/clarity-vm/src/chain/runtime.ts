/**
 * Clarity as the chain runs it: state in a `MarfedKV` under the reference's key layout, one MARF
 * block per Stacks block, contract deploys and calls as transactions that commit or abort as a
 * whole (a public function returning `err` keeps none of its writes), with the events and the
 * asset map returned for receipts and post-conditions (stackslib/src/clarity_vm/clarity.rs,
 * clarity/src/vm/contexts.rs).
 */
import { bytesToHex, hexToBytes, utf8ToBytes } from '@stacks-ts/common';
import { parsePrincipal, principalToString, sha512_256 } from '@stacks-ts/codec';
import type { ClarityValue, ContractPrincipal, PrincipalData, StandardPrincipal } from '@stacks-ts/codec';
import type { StacksEpochId } from '@stacks-ts/common';
import { deployContract as evaluateDeploy } from '../batch.ts';
import type { BatchOptions } from '../batch.ts';
import { ClarityDB } from '../db/clarity-db.ts';
import { ClarityStateError, EPOCH_VERSION_NUMBER, NO_EARLY_UNLOCKS, contractHashKey } from '../db/keys.ts';
import type { ContractAnalysis } from '../analysis/index.ts';
import type { CostTracker } from '../costs/tracker.ts';
import { TrackingCostTracker } from '../costs/tracker.ts';
import { READ_ONLY_CALL_LIMIT, copyCost, costToJson, executionCost, subCostInto, zeroCost } from '../costs/execution-cost.ts';
import type { ExecutionCost, ExecutionCostJson } from '../costs/execution-cost.ts';
import { buildContractInterface } from '../analysis/interface.ts';
import type { PoxUnlockHeights } from '../db/keys.ts';
import { MarfBackend } from '../db/marf-backend.ts';
import type { BlockIdLike, MarfedKVLike, MetadataStore } from '../db/marf-backend.ts';
import { ClarityError, checkError, isEarlyReturn, runtimeCheckError, runtimeError } from '../errors.ts';
import type { ChainState, ClarityEvent, ContractContext } from '../eval/context.ts';
import { callContractFunction, evaluate, resetCallStack } from '../eval/interpreter.ts';
import type { Env } from '../eval/interpreter.ts';
import { defaultClarityVersion, epochAtLeast } from '../natives/context.ts';
import type { ClarityVersion } from '../natives/context.ts';
import type { ClarityVersionNumber } from '../parser/build.ts';
import { buildAst } from '../parser/build.ts';
import { resolveEpochId } from '../parser/limits.ts';
import { SIMULATED_MINER, stxViewOf } from './context.ts';
import { stxAvailable, stxCredit, stxDebit } from '../db/stx.ts';
import type { ChainContext, PoxPayout, StacksBlockInfo } from './context.ts';
import { DeployedContracts, deployEpochOf, writeContractState } from './contracts.ts';
import { assetMapOfEvents } from './assets.ts';
import type { AssetMap } from './assets.ts';

/** Headers data of a block, given when it is opened; every field has a default. */
export interface BlockHeaderInput {
  /** Burn height the block reads (default: its Stacks height). */
  readonly burnBlockHeight?: number;
  /** Tenure height (default: its Stacks height). */
  readonly tenureHeight?: number;
  /** Block timestamp, also its burn block's time here (default: 1,700,000,000 + 600 x height). */
  readonly time?: bigint;
  readonly headerHash?: Uint8Array;
  readonly burnchainHeaderHash?: Uint8Array;
  readonly vrfSeed?: Uint8Array;
  readonly minerAddress?: PrincipalData;
  readonly minerSpendWinner?: bigint;
  readonly minerSpendTotal?: bigint;
  readonly blockReward?: bigint | null;
  /** The block's epoch (default: the chain's). */
  readonly epoch?: string;
  /** Whether the block starts a tenure (writes the tenure height); default: when the tenure height changes. */
  readonly newTenure?: boolean;
}

/** The headers data recorded for each block (kept in the metadata table next to the block). */
interface StoredHeader {
  readonly height: number;
  readonly burnBlockHeight: number;
  readonly tenureHeight: number;
  readonly time: string;
  readonly headerHash: string;
  readonly burnchainHeaderHash: string;
  readonly vrfSeed: string;
  readonly minerAddress: string;
  readonly minerSpendWinner: string;
  readonly minerSpendTotal: string;
  readonly blockReward: string | null;
  readonly epoch: StacksEpochId;
}

const HEADER_ROW = 'stacks-ts::block-header';
/** Block metadata row: the block's (Nakamoto: the tenure's) cost so far when the block was committed. */
const COST_ROW = 'stacks-ts::block-cost';

/** Options of `ClarityChain`. */
export interface ClarityChainOptions {
  /** Epoch of the chain (dotted, e.g. `'3.3'`); a block may override it. */
  readonly epoch: string;
  readonly mainnet?: boolean;
  /** Default: testnet (0x80000000). */
  readonly chainId?: number;
  /** The metadata table; by default the `MarfedKV`'s own (its side store), else in memory. */
  readonly metadata?: MetadataStore;
  /** Static analysis and definition sorter for deploys (`loadAnalysis()`); none when absent. */
  readonly analysis?: BatchOptions;
  /** PoX early-unlock burn heights (none by default). */
  readonly poxUnlockHeights?: PoxUnlockHeights;
  /**
   * Meter every transaction against the block budget (default true): the epoch's cost contract,
   * its block limit (a tenure's from 3.0) and the node's contract sizes (constants included).
   */
  readonly costs?: boolean;
  /** The limit of `readOnlyCall` (default `READ_ONLY_CALL_LIMIT`, the node's `read_only_call_limit`); `evalReadOnly` is not metered. */
  readonly readOnlyCallLimit?: Readonly<ExecutionCost>;
}

/** The outcome of a transaction. */
export interface TxReceipt {
  /** True when the transaction's writes were kept. */
  readonly committed: boolean;
  /** The result (a deploy's last top-level value, or `none`); null when it failed. */
  readonly result: ClarityValue | null;
  /** Why it failed: a static (parse, analysis) or runtime error. */
  readonly error?: { readonly kind: 'static' | 'runtime'; readonly message: string; readonly cause: unknown };
  /** Events of the kept state changes, in order (none for a failed or aborted transaction). */
  readonly events: readonly ClarityEvent[];
  /** The assets each principal sent, for post-conditions. */
  readonly assets: AssetMap;
  /** What the transaction was charged (partial for a failed one; zero when costs are off). */
  readonly cost: ExecutionCost;
  /**
   * True when the transaction ran over the block budget (`CostBalanceExceeded`, `CostOverflow`,
   * or the memory limit during analysis): the node's `CostOverflowError`, a transaction no valid
   * block contains. Its cost is not added to the block's; every other failure is mined and is.
   */
  readonly budgetExceeded: boolean;
}

/** Options of a transaction. */
export interface TxOptions {
  readonly sponsor?: PrincipalData;
  /**
   * A cost tracker to charge instead of the chain's own (one per transaction on the block's
   * running total); the block total then does not change. Running over its limit aborts the
   * transaction.
   */
  readonly costs?: CostTracker;
  /**
   * Post-condition check: called with the would-be receipt of a successful transaction; returning
   * true aborts it (all writes and events dropped, `committed` false).
   */
  readonly abortIf?: (receipt: TxReceipt) => boolean;
}

/**
 * A Clarity error (or the deploy runner's classification of one) is a transaction outcome; a
 * state-store error or a JavaScript error that reached the evaluator (`internal: …`) is not.
 */
function isTransactionFailure(e: unknown): boolean {
  if (e instanceof ClarityStateError) return false;
  if (isEarlyReturn(e) || e instanceof ClarityError) return true;
  const err = e as { kind?: unknown; message?: unknown };
  return (err.kind === 'static' || err.kind === 'runtime') && typeof err.message === 'string' && !err.message.startsWith('internal: ');
}

function failure(e: unknown): NonNullable<TxReceipt['error']> {
  if (isEarlyReturn(e)) return { kind: 'runtime', message: `EarlyReturn(${e.code})`, cause: e };
  if (e instanceof ClarityError) return { kind: e.kind === 'runtime' ? 'runtime' : 'static', message: `${e.group}(${e.code}): ${e.message}`, cause: e };
  const err = e as { kind?: unknown; message?: unknown };
  const kind = err.kind === 'static' ? 'static' : 'runtime';
  return { kind, message: typeof err.message === 'string' ? err.message : String(e), cause: e };
}

/** The `ClarityError` code behind a transaction failure (deploy failures wrap it as their `cause`). */
function failureCode(e: unknown): string | undefined {
  if (e instanceof ClarityError) return e.code;
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof ClarityError ? cause.code : undefined;
}

/**
 * `ClarityError::CostError`: over the budget (or the cost overflowed) anywhere, or over the memory
 * limit during parse or analysis (during execution that is an ordinary, mined runtime error).
 */
function isBudgetFailure(e: unknown): boolean {
  const code = failureCode(e);
  if (code === 'CostBalanceExceeded' || code === 'CostOverflow') return true;
  return code === 'MemoryBalanceExceeded' && (e as { kind?: unknown }).kind === 'static';
}

function blockIdBytes(id: BlockIdLike): Uint8Array {
  return typeof id === 'string' ? hexToBytes(id) : id;
}

function derived(blockId: Uint8Array, what: string): Uint8Array {
  return sha512_256(new Uint8Array([...blockId, ...utf8ToBytes(what)]));
}


/** Deployed contracts' analyses (`ChainState.analyses`), recomputed from the stored source when not cached. */
class DeployedAnalyses extends Map<string, unknown> {
  readonly #fresh = new Map<string, unknown>();
  readonly #cache = new Map<string, unknown>();

  constructor(
    private readonly db: ClarityDB,
    private readonly contracts: DeployedContracts,
    private readonly analysis: BatchOptions,
    private readonly fallbackEpoch: () => string,
  ) {
    super();
  }

  override set(id: string, a: unknown): this {
    this.#fresh.set(id, a);
    return this;
  }

  /** The analysis of a contract deployed in the open transaction, before its state is written. */
  peekFresh(id: string): unknown {
    return this.#fresh.get(id);
  }

  override get(id: string): unknown {
    const commitment = this.db.getString(contractHashKey(id));
    if (commitment === undefined) return undefined;
    const key = `${id}/${commitment}`;
    if (this.#cache.has(key)) return this.#cache.get(key);
    let a = this.#fresh.get(id);
    this.#fresh.delete(id);
    if (a === undefined) {
      const c = this.contracts.get(id);
      const analyze = this.analysis.analyze;
      if (c === undefined || analyze === undefined) return undefined;
      const epoch = deployEpochOf(this.db, id, this.fallbackEpoch());
      const ast = buildAst(c.source, {
        epoch,
        clarityVersion: c.clarityVersion as ClarityVersionNumber,
        contractIdentifier: c.id,
        ...(this.analysis.sortDefinitions === undefined ? {} : { sortDefinitions: this.analysis.sortDefinitions }),
      });
      a = analyze(ast, c.clarityVersion as ClarityVersionNumber, epoch, (p) => this.get(principalToString(p)));
    }
    this.#cache.set(key, a);
    return a;
  }

  override has(id: string): boolean {
    return this.get(id) !== undefined;
  }
}

/**
 * A Clarity chain over a `MarfedKV`: open a block (`beginBlock`), run transactions
 * (`deployContract`, `callFunction`), commit it (`commitBlock`); read at any committed tip
 * (`readOnlyCall`, `evalReadOnly`). One block is open at a time.
 */
export class ClarityChain {
  /** The MARF-backed store (block lifecycle, `at-block`). */
  readonly backend: MarfBackend;
  /** The typed state over it. */
  readonly db: ClarityDB;
  readonly #opts: ClarityChainOptions;
  readonly #contracts: DeployedContracts;
  readonly #analyses: DeployedAnalyses;
  readonly #context: ChainContext;
  #epoch: StacksEpochId;
  /** What the open block (from 3.0: its tenure) has spent so far. */
  #blockCost: ExecutionCost = zeroCost();

  constructor(kv: MarfedKVLike, opts: ClarityChainOptions) {
    this.#opts = opts;
    this.backend = new MarfBackend(kv, opts.metadata);
    this.db = new ClarityDB(this.backend);
    this.#contracts = new DeployedContracts(this.db, () => this.#epoch);
    this.#analyses = new DeployedAnalyses(this.db, this.#contracts, opts.analysis ?? {}, () => this.#epoch);
    this.#epoch = resolveEpochId(opts.epoch);
    this.#context = this.#chainContext();
  }

  /** The epoch of the open (or last opened) block. */
  get epoch(): StacksEpochId {
    return this.#epoch;
  }

  /** What the open block has spent so far; from epoch 3.0, the whole tenure up to and including it. */
  get blockCost(): Readonly<ExecutionCost> {
    return this.#blockCost;
  }

  /**
   * Opens block `blockId` on `parent` (null for the first block) and writes the per-block Clarity
   * state the reference writes at a block's start: the block time (3.3+), the epoch version when it
   * changes and the tenure height at a tenure start (3.0+).
   */
  beginBlock(parent: BlockIdLike | null, blockId: BlockIdLike, header: BlockHeaderInput = {}): void {
    this.backend.beginBlock(parent, blockId);
    const id = blockIdBytes(blockId);
    const height = this.backend.currentBlockHeight();
    this.#epoch = resolveEpochId(header.epoch ?? this.#opts.epoch);
    const stored: StoredHeader = {
      height,
      burnBlockHeight: header.burnBlockHeight ?? height,
      tenureHeight: header.tenureHeight ?? height,
      time: (header.time ?? 1_700_000_000n + BigInt(height) * 600n).toString(),
      headerHash: bytesToHex(header.headerHash ?? derived(id, 'header-hash')),
      burnchainHeaderHash: bytesToHex(header.burnchainHeaderHash ?? derived(id, 'burnchain-header-hash')),
      vrfSeed: bytesToHex(header.vrfSeed ?? derived(id, 'vrf-seed')),
      minerAddress: principalToString(header.minerAddress ?? SIMULATED_MINER),
      minerSpendWinner: (header.minerSpendWinner ?? 0n).toString(),
      minerSpendTotal: (header.minerSpendTotal ?? 0n).toString(),
      blockReward: header.blockReward === undefined || header.blockReward === null ? null : header.blockReward.toString(),
      epoch: this.#epoch,
    };
    this.backend.setBlockMetadata(HEADER_ROW, JSON.stringify(stored));
    // As `setup_block`: the block time (by the epoch stored before any transition; a new chain
    // counts as already in its epoch), then the epoch transition, then the tenure height when a
    // tenure starts. Each write lands in this block's trie, so writing only when the reference
    // does keeps the MARF roots equal.
    const version = EPOCH_VERSION_NUMBER[this.#epoch as keyof typeof EPOCH_VERSION_NUMBER];
    const before = this.db.getEpochVersion() ?? version;
    if (before !== undefined && before >= EPOCH_VERSION_NUMBER.Epoch33) this.db.setBlockTime(BigInt(stored.time));
    if (version !== undefined && this.db.getEpochVersion() !== version) this.db.setEpochVersion(version);
    const newTenure = header.newTenure ?? this.db.getTenureHeight() !== stored.tenureHeight;
    if (newTenure && epochAtLeast(this.#epoch, 'Epoch30')) this.db.setTenureHeight(stored.tenureHeight);
    // The budget: per block before 3.0; from 3.0 per tenure, so a block continues its parent's
    // total unless it starts a tenure.
    this.#blockCost = parent !== null && epochAtLeast(this.#epoch, 'Epoch30') && !newTenure ? this.#storedCost(blockIdBytes(parent)) : zeroCost();
  }

  /** Commits the open block (recording its running cost); returns its MARF root hash. */
  commitBlock(): Uint8Array {
    this.backend.setBlockMetadata(COST_ROW, JSON.stringify(costToJson(this.#blockCost)));
    return this.backend.commitBlock();
  }

  #storedCost(blockId: Uint8Array): ExecutionCost {
    const row = this.backend.getBlockMetadata(blockId, COST_ROW);
    if (row === undefined) return zeroCost();
    const c = JSON.parse(row) as ExecutionCostJson;
    return executionCost(c.runtime, c.read_count, c.read_length, c.write_count, c.write_length);
  }

  /** The tracker of one transaction: the caller's, or the epoch's cost contract on the block's running total. */
  #txTracker(opts: TxOptions): CostTracker | undefined {
    if (opts.costs !== undefined) return opts.costs;
    if (this.#opts.costs === false) return undefined;
    return new TrackingCostTracker(this.#epoch, this.#opts.mainnet ?? false, { used: this.#blockCost, countsConstantData: true });
  }

  #readOnlyTracker(): CostTracker | undefined {
    if (this.#opts.costs === false) return undefined;
    return new TrackingCostTracker(this.#epoch, this.#opts.mainnet ?? false, {
      limit: this.#opts.readOnlyCallLimit ?? READ_ONLY_CALL_LIMIT,
      countsConstantData: true,
    });
  }

  /** Drops the open block. */
  abortBlock(): void {
    this.backend.abortBlock();
  }

  /** Credits µSTX to an account and the liquid supply (genesis allocations, coinbase). */
  mintStx(who: PrincipalData, amount: bigint): void {
    const b = this.db.getStxBalance(who);
    this.db.setStxBalance(who, b.kind === 'unlocked' ? { kind: 'unlocked', amount: b.amount + amount } : { ...b, unlocked: b.unlocked + amount });
    this.db.setLiquidSupply(this.db.getLiquidSupply() + amount);
  }

  /** A deployed contract's context at the committed block `tip` (else in the open block), or undefined. */
  contract(id: string, tip?: BlockIdLike): ContractContext | undefined {
    if (tip === undefined) return this.#contracts.get(id);
    return this.#atTip(tip, () => this.#contracts.get(id));
  }

  /**
   * Deploys `sender.name` in the open block as one transaction: parse, analysis (when
   * configured), evaluation of the top level, then the contract commitment and metadata. The
   * Clarity version is the epoch's default unless given (a versioned deploy).
   */
  deployContract(sender: StandardPrincipal, name: string, source: string, opts: TxOptions & { readonly clarityVersion?: ClarityVersion } = {}): TxReceipt {
    const id: ContractPrincipal = { type: 'contract', version: sender.version, hash160: sender.hash160, contractName: name };
    const idString = principalToString(id);
    const version = opts.clarityVersion ?? (Math.min(4, defaultClarityVersion(this.#epoch)) as ClarityVersion);
    return this.#transaction(opts, (chain, events, costs) => {
      if (this.#contracts.has(idString)) throw checkError('ContractAlreadyExists', `contract ${idString} already exists`, { args: [idString] });
      // The whole SmartContract transaction is charged: parse, analysis, storage, initialization.
      const r = evaluateDeploy(chain, id, source, version, sender, events, this.#opts.analysis ?? {}, false, costs);
      const analysis = this.#analyses.peekFresh(idString) as ContractAnalysis | undefined;
      const ci = analysis === undefined ? undefined : buildContractInterface(analysis);
      writeContractState(this.db, {
        contract: r.contract,
        ast: r.ast,
        epoch: this.#epoch,
        blockHeight: this.backend.currentBlockHeight(),
        ...(analysis === undefined ? {} : { analysis }),
        ...(ci === undefined ? {} : { contractInterface: ci }),
      });
      this.#contracts.set(idString, r.contract);
      return r.last ?? { type: 'optional', value: null };
    });
  }

  /**
   * Calls a public (or read-only) function in the open block as a transaction: an `err` result
   * keeps none of the call's writes or events (the transaction itself still succeeds); a runtime
   * error aborts it.
   */
  callFunction(sender: PrincipalData, contract: string, fn: string, args: readonly ClarityValue[], opts: TxOptions = {}): TxReceipt {
    return this.#transaction(opts, (chain, events, costs) => {
      const target = this.#contracts.get(contract);
      if (target === undefined) throw runtimeCheckError('NoSuchContract', `no such contract ${contract}`);
      // As a ContractCall transaction: public and read-only functions run; a private one fails
      // with NoSuchPublicFunction after the contract load is charged (callContractFunction).
      const env: Env = {
        chain,
        contract: target,
        principals: { sender, caller: sender, sponsor: opts.sponsor ?? null },
        events,
        readOnly: false,
        directCall: false,
        ...(costs === undefined ? {} : { costs }),
      };
      resetCallStack();
      return callContractFunction(env, target.id, fn, args, sender);
    });
  }

  /**
   * A token-transfer transaction in the open block (`stx_transfer_consolidated`): `(ok true)`, or
   * `(err u3)` for a zero amount, `(err u2)` to oneself, `(err u1)` without enough unlocked STX.
   */
  transferStx(sender: PrincipalData, recipient: PrincipalData, amount: bigint, memo: Uint8Array = new Uint8Array(0), opts: TxOptions = {}): TxReceipt {
    return this.#transaction(opts, (chain, events) => {
      const err = (n: number): ClarityValue => ({ type: 'response', ok: false, value: { type: 'uint', value: BigInt(n) } });
      if (amount <= 0n) return err(3);
      if (principalToString(sender) === principalToString(recipient)) return err(2);
      const view = stxViewOf(chain);
      if (stxAvailable(this.db, sender, view) < amount) return err(1);
      stxDebit(this.db, sender, amount, view);
      if (!stxCredit(this.db, recipient, amount, view)) throw runtimeError('ArithmeticOverflow');
      events.push({
        event: 'stx_transfer_event',
        data: { amount: amount.toString(), memo: bytesToHex(memo), recipient: principalToString(recipient), sender: principalToString(sender) },
      });
      return { type: 'response', ok: true, value: { type: 'bool', value: true } };
    });
  }

  /**
   * Calls a read-only (or public, read-only) function at the committed block `tip` (also while a
   * block is open); nothing is written. Metered against the read-only call limit (throws
   * `CostBalanceExceeded` past it) unless costs are off.
   */
  readOnlyCall(tip: BlockIdLike, contract: string, fn: string, args: readonly ClarityValue[], sender?: PrincipalData): ClarityValue {
    return this.#atTip(tip, (chain) => {
      const target = this.#contracts.get(contract);
      if (target === undefined) throw runtimeCheckError('NoSuchContract', `no such contract ${contract}`);
      const who = sender ?? target.id;
      const costs = this.#readOnlyTracker();
      const env: Env = {
        chain,
        contract: target,
        principals: { sender: who, caller: who, sponsor: null },
        events: [],
        readOnly: true,
        directCall: false,
        ...(costs === undefined ? {} : { costs }),
      };
      resetCallStack();
      return callContractFunction(env, target.id, fn, args, who);
    });
  }

  /** Evaluates one expression read-only in a contract's context at the committed block `tip`. */
  evalReadOnly(tip: BlockIdLike, contract: string, expr: string): ClarityValue {
    return this.#atTip(tip, (chain) => {
      const target = this.#contracts.get(contract);
      if (target === undefined) throw runtimeCheckError('NoSuchContract', `no such contract ${contract}`);
      const ast = buildAst(expr, { epoch: chain.epoch, clarityVersion: target.clarityVersion as ClarityVersionNumber, contractIdentifier: target.id });
      if (ast.expressions.length !== 1) throw new ClarityStateError('STATE_BAD_ENCODING', 'evalReadOnly takes one expression');
      const env: Env = { chain, contract: target, principals: { sender: target.id, caller: target.id, sponsor: null }, events: [], readOnly: true, directCall: false };
      resetCallStack();
      return evaluate(ast.expressions[0]!, env, new Map());
    });
  }

  #chainState(): ChainState {
    return {
      db: this.db,
      contracts: this.#contracts,
      epoch: this.#epoch,
      mainnet: this.#opts.mainnet ?? false,
      chainId: this.#opts.chainId ?? 0x80000000,
      height: this.backend.currentBlockHeight(),
      snippetCount: 0,
      analyses: this.#analyses,
      context: this.#context,
    };
  }

  #transaction(opts: TxOptions, body: (chain: ChainState, events: ClarityEvent[], costs: CostTracker | undefined) => ClarityValue): TxReceipt {
    if (this.backend.openBlockId() === undefined) throw new ClarityStateError('STATE_NO_OPEN_BLOCK', 'no block is open');
    const chain = this.#chainState();
    const events: ClarityEvent[] = [];
    const costs = this.#txTracker(opts);
    const own = costs !== undefined && costs !== opts.costs;
    const before = copyCost(this.#blockCost);
    // The transaction's own cost: the tracker's total less what it started from.
    const spent = (): ExecutionCost => {
      if (costs === undefined) return zeroCost();
      const c = copyCost(costs.total);
      if (own) subCostInto(c, before);
      return c;
    };
    this.db.begin();
    let result: ClarityValue;
    try {
      result = body(chain, events, costs);
    } catch (e) {
      this.db.rollback();
      // Misuse, corrupt state and bugs are not transaction outcomes: they propagate.
      if (!isTransactionFailure(e)) throw e;
      const budgetExceeded = isBudgetFailure(e);
      // A transaction over the budget is in no valid block: the block total stays where it was.
      // Any other failure is mined with what it was charged.
      if (own && !budgetExceeded) this.#blockCost = copyCost(costs.total);
      return { committed: false, result: null, error: failure(e), events: [], assets: assetMapOfEvents([]), cost: spent(), budgetExceeded };
    }
    if (own) this.#blockCost = copyCost(costs.total);
    const receipt: TxReceipt = { committed: true, result, events, assets: assetMapOfEvents(events), cost: spent(), budgetExceeded: false };
    if (opts.abortIf?.(receipt) === true) {
      this.db.rollback();
      return { ...receipt, committed: false, events: [] };
    }
    this.db.commit();
    return receipt;
  }

  #atTip<T>(tip: BlockIdLike, body: (chain: ChainState) => T): T {
    return this.backend.withReadTip(tip, () => {
      const stored = this.#header(blockIdBytes(tip));
      const saved = this.#epoch;
      if (stored !== undefined) this.#epoch = stored.epoch;
      this.db.begin();
      try {
        return body(this.#chainState());
      } finally {
        this.db.rollback();
        this.#epoch = saved;
      }
    });
  }

  #header(blockId: Uint8Array): StoredHeader | undefined {
    const row = this.backend.getBlockMetadata(blockId, HEADER_ROW);
    return row === undefined ? undefined : (JSON.parse(row) as StoredHeader);
  }

  #currentHeader(): StoredHeader {
    const tip = this.backend.currentTip();
    const h = tip === undefined ? undefined : this.#header(tip);
    if (h === undefined) throw runtimeError('BlockTimeNotAvailable', 'no headers data for the current block');
    return h;
  }

  #blockInfo(height: number): StacksBlockInfo {
    const id = this.backend.blockAtHeight(height);
    const h = id === undefined ? undefined : this.#header(id);
    if (id === undefined || h === undefined) throw runtimeError('BadBlockHeight', `no block at height ${height}`);
    return {
      indexBlockHash: id,
      headerHash: hexToBytes(h.headerHash),
      burnchainHeaderHash: hexToBytes(h.burnchainHeaderHash),
      vrfSeed: hexToBytes(h.vrfSeed),
      burnBlockTime: BigInt(h.time),
      stacksBlockTime: BigInt(h.time),
      minerAddress: parsePrincipal(h.minerAddress),
      minerSpendWinner: BigInt(h.minerSpendWinner),
      minerSpendTotal: BigInt(h.minerSpendTotal),
      blockReward: h.blockReward === null ? null : BigInt(h.blockReward),
    };
  }

  /** Walks the current fork from the tip down: the first block whose header passes `test`. */
  #findOnFork(test: (h: StoredHeader) => boolean, below: number): StoredHeader | undefined {
    for (let height = below - 1; height >= 0; height--) {
      const id = this.backend.blockAtHeight(height);
      const h = id === undefined ? undefined : this.#header(id);
      if (h !== undefined && test(h)) return h;
    }
    return undefined;
  }

  #chainContext(): ChainContext {
    const backend = this.backend;
    const unlocks = this.#opts.poxUnlockHeights ?? NO_EARLY_UNLOCKS;
    return {
      stacksBlockHeight: () => backend.currentBlockHeight(),
      // `get_tenure_height` and `get_current_block_time` go by the epoch stored at the block read.
      tenureHeight: () => (epochAtLeast(this.#currentHeader().epoch, 'Epoch30') ? (this.db.getTenureHeight() ?? this.#currentHeader().tenureHeight) : backend.currentBlockHeight()),
      burnBlockHeight: () => this.#currentHeader().burnBlockHeight,
      blockTime: () => {
        const t = epochAtLeast(this.#currentHeader().epoch, 'Epoch33') ? this.db.getBlockTime() : BigInt(this.#currentHeader().time);
        if (t === undefined) throw runtimeError('BlockTimeNotAvailable', 'no block time stored');
        return t;
      },
      block: (height) => this.#blockInfo(height),
      tenureBlock: (height) => this.#blockInfo(height),
      heightForTenureHeight: (tenureHeight) => {
        const current = backend.currentBlockHeight();
        let first: number | undefined;
        for (let height = current - 1; height >= 0; height--) {
          const id = backend.blockAtHeight(height);
          const h = id === undefined ? undefined : this.#header(id);
          if (h === undefined || h.tenureHeight < tenureHeight) break;
          if (h.tenureHeight === tenureHeight) first = h.height;
        }
        return first;
      },
      burnBlockHeaderHash: (burnHeight) => {
        const h = this.#findOnFork((x) => x.burnBlockHeight === burnHeight, backend.currentBlockHeight() + 1);
        return h === undefined || burnHeight >= this.#currentHeader().burnBlockHeight ? undefined : hexToBytes(h.burnchainHeaderHash);
      },
      poxPayout: (): PoxPayout | undefined => undefined,
      poxUnlockHeights: () => unlocks,
      atBlock: <T>(blockId: Uint8Array, body: () => T): T => {
        let previous;
        try {
          previous = backend.setBlockHash(blockId, false);
        } catch (e) {
          if (e instanceof ClarityStateError && e.code === 'STATE_UNKNOWN_BLOCK') {
            throw runtimeError('UnknownBlockHeaderHash', `unknown block ${bytesToHex(blockId)}`);
          }
          throw e;
        }
        try {
          return body();
        } finally {
          backend.restoreBlockHash(previous);
        }
      },
    };
  }
}
