/**
 * Boot contracts: the contracts the chain deploys from the boot address (`pox-4`, `costs-3`, ...).
 * Their sources belong to stacks-core (GPL-3.0) and are not part of this package: callers pass them
 * in (`BootContracts`), for example read from a directory of `<name>.clar` files. This module holds
 * the reference's deployment schedule (order, Clarity version, epoch of activation:
 * stackslib/src/clarity_vm/clarity.rs `initialize_epoch_*` and stacks/db/mod.rs
 * `instantiate_boot_code`) and the copy-on-write storage a post-boot genesis is cloned with.
 */
import { StacksError } from '@stacks-ts/common';
import type { KeyValueBackend } from './db/kv.ts';
import type { ClarityVersion } from './natives/context.ts';

/** The testnet boot address (`boot_code_addr(false)`). */
export const BOOT_ADDRESS_TESTNET = 'ST000000000000000000002AMW42H';

/** The mainnet boot address (`boot_code_addr(true)`). */
export const BOOT_ADDRESS_MAINNET = 'SP000000000000000000002Q6VF78';

/** When and how the reference deploys one boot contract. */
export interface BootScheduleEntry {
  readonly name: string;
  /** The Clarity version of its deploy transaction. */
  readonly clarityVersion: ClarityVersion;
  /** The epoch whose first block deploys it (dotted, e.g. `'2.5'`). */
  readonly epoch: string;
}

/**
 * The boot contracts of Clarity 1 to 4 in the reference's deployment order. `genesis` (a
 * chainstate-only contract) and the epoch 4.0 contracts (`pox-5`, Clarity 6) are not included.
 */
export const BOOT_SCHEDULE: readonly BootScheduleEntry[] = [
  // Genesis (epoch 2.0) block: STACKS_BOOT_CODE_{MAINNET,TESTNET}, deployed with Clarity 1.
  { name: 'pox', clarityVersion: 1, epoch: '2.0' },
  { name: 'lockup', clarityVersion: 1, epoch: '2.0' },
  { name: 'costs', clarityVersion: 1, epoch: '2.0' },
  { name: 'cost-voting', clarityVersion: 1, epoch: '2.0' },
  { name: 'bns', clarityVersion: 1, epoch: '2.0' },
  // initialize_epoch_2_05
  { name: 'costs-2', clarityVersion: 1, epoch: '2.05' },
  // initialize_epoch_2_1: pox-2, then costs-3
  { name: 'pox-2', clarityVersion: 2, epoch: '2.1' },
  { name: 'costs-3', clarityVersion: 2, epoch: '2.1' },
  // initialize_epoch_2_4
  { name: 'pox-3', clarityVersion: 2, epoch: '2.4' },
  // initialize_epoch_2_5: pox-4, signers, (the signers-N-M StackerDBs), signers-voting
  { name: 'pox-4', clarityVersion: 2, epoch: '2.5' },
  { name: 'signers', clarityVersion: 2, epoch: '2.5' },
  { name: 'signers-voting', clarityVersion: 2, epoch: '2.5' },
  // initialize_epoch_3_3
  { name: 'costs-4', clarityVersion: 4, epoch: '3.3' },
];

/** One boot contract to deploy. */
export interface BootContract extends BootScheduleEntry {
  /** Its source as deployed at the testnet boot address. */
  readonly source: string;
  /** Its mainnet source (pox, pox-2, pox-3 and cost-voting differ in constants), if deployed there too. */
  readonly mainnetSource?: string;
}

/** The boot contracts a genesis deploys, in deployment order. */
export interface BootContracts {
  readonly contracts: readonly BootContract[];
  /**
   * Which contracts to deploy: `'all'` deploys every one whatever the chain's epoch (each at its
   * own epoch of activation), as the oracle's simnet does; `'active'` only those activated at or
   * before the chain's epoch, as a node that started in that epoch would have them.
   */
  readonly policy: 'all' | 'active';
}

/** Boot contract sources by contract name. */
export type BootSources = Readonly<Record<string, string>>;

/** Options of `bootContractsFromSources`. */
export interface BootSourceOptions {
  /** Mainnet sources by name: each named contract is also deployed at the mainnet boot address. */
  readonly mainnet?: BootSources;
  /** See `BootContracts.policy`; `'all'` by default. */
  readonly policy?: 'all' | 'active';
}

/**
 * Builds `BootContracts` from sources by name, in `BOOT_SCHEDULE` order. Names outside the
 * schedule are rejected (`BOOT_UNKNOWN_CONTRACT`); scheduled names without a source are left out.
 */
export function bootContractsFromSources(testnet: BootSources, opts: BootSourceOptions = {}): BootContracts {
  const known = new Set(BOOT_SCHEDULE.map((e) => e.name));
  const unknown = [...Object.keys(testnet), ...Object.keys(opts.mainnet ?? {})].filter((n) => !known.has(n));
  if (unknown.length > 0)
    throw new StacksError('BOOT_UNKNOWN_CONTRACT', `not a boot contract of Clarity 1 to 4: ${unknown.join(', ')}`, { names: unknown });
  const contracts: BootContract[] = [];
  for (const entry of BOOT_SCHEDULE) {
    const source = testnet[entry.name];
    if (source === undefined) continue;
    const mainnetSource = opts.mainnet?.[entry.name];
    contracts.push(mainnetSource === undefined ? { ...entry, source } : { ...entry, source, mainnetSource });
  }
  return { contracts, policy: opts.policy ?? 'all' };
}

/**
 * A key-value backend over a frozen snapshot: reads fall through to the snapshot, writes stay in
 * this instance, so a post-boot genesis is cloned in O(1) however large the boot state is.
 */
export class SnapshotBackend implements KeyValueBackend {
  private readonly own = new Map<string, string>();
  private readonly overlays: Map<string, string>[] = [];

  constructor(private readonly frozen: ReadonlyMap<string, string> = new Map()) {}

  get(key: string): string | undefined {
    for (let i = this.overlays.length - 1; i >= 0; i--) {
      const v = this.overlays[i]!.get(key);
      if (v !== undefined) return v;
    }
    return this.own.get(key) ?? this.frozen.get(key);
  }

  put(key: string, value: string): void {
    (this.overlays[this.overlays.length - 1] ?? this.own).set(key, value);
  }

  begin(): void {
    this.overlays.push(new Map());
  }

  commit(): void {
    const top = this.overlays.pop();
    if (top === undefined) throw new StacksError('BOOT_NO_TRANSACTION', 'commit without an open transaction');
    const parent = this.overlays[this.overlays.length - 1] ?? this.own;
    for (const [k, v] of top) parent.set(k, v);
  }

  rollback(): void {
    if (this.overlays.pop() === undefined) throw new StacksError('BOOT_NO_TRANSACTION', 'rollback without an open transaction');
  }

  depth(): number {
    return this.overlays.length;
  }

  /** Every committed entry (snapshot plus own writes), to be the frozen base of clones. */
  freeze(): ReadonlyMap<string, string> {
    if (this.overlays.length > 0) throw new StacksError('BOOT_OPEN_TRANSACTION', 'cannot freeze a backend with an open transaction');
    const all = new Map(this.frozen);
    for (const [k, v] of this.own) all.set(k, v);
    return all;
  }
}
