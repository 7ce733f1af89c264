import { describe, expect, it } from 'vitest';
import { isStacksError } from '@stacks-ts/common';
import { BOOT_SCHEDULE, SnapshotBackend, bootContractsFromSources } from '../../src/boot.ts';
import { genesisChain, loadAnalysis, runBatchSync } from '../../src/batch.ts';
import type { BatchOptions } from '../../src/batch.ts';

// Small stand-ins written for these tests (the real boot sources are stacks-core's and are only
// read at test time by test/conformance/boot-sources.ts).
const POX4 = '(define-data-var n uint u7)\n(define-read-only (get-n) (var-get n))\n(define-public (bump) (ok (var-set n (+ (var-get n) u1))))';
const SIGNERS = "(define-constant seen (contract-call? 'ST000000000000000000002AMW42H.pox-4 get-n))\n(define-read-only (get-seen) seen)";
const COSTS = '(define-read-only (cost) u1)';
const BOOT = 'ST000000000000000000002AMW42H';
const BOOT_MAINNET = 'SP000000000000000000002Q6VF78';

const analysis: BatchOptions = await loadAnalysis();

describe('bootContractsFromSources', () => {
  it('orders the contracts as the reference deploys them, with their versions and epochs', () => {
    const boot = bootContractsFromSources({ signers: SIGNERS, 'pox-4': POX4, costs: COSTS });
    expect(boot.contracts.map((c) => [c.name, c.clarityVersion, c.epoch])).toEqual([
      ['costs', 1, '2.0'],
      ['pox-4', 2, '2.5'],
      ['signers', 2, '2.5'],
    ]);
    expect(boot.policy).toBe('all');
    expect(boot.contracts.every((c) => c.mainnetSource === undefined)).toBe(true);
  });

  it('attaches mainnet sources by name', () => {
    const boot = bootContractsFromSources({ 'pox-4': POX4, costs: COSTS }, { mainnet: { 'pox-4': POX4 }, policy: 'active' });
    expect(boot.contracts.find((c) => c.name === 'pox-4')?.mainnetSource).toBe(POX4);
    expect(boot.contracts.find((c) => c.name === 'costs')?.mainnetSource).toBeUndefined();
    expect(boot.policy).toBe('active');
  });

  it('rejects names that are not boot contracts', () => {
    let thrown: unknown;
    try {
      bootContractsFromSources({ 'pox-4': POX4, 'my-token': COSTS });
    } catch (e) {
      thrown = e;
    }
    expect(isStacksError(thrown, 'BOOT_UNKNOWN_CONTRACT')).toBe(true);
    expect(() => bootContractsFromSources({}, { mainnet: { genesis: COSTS } })).toThrow(/genesis/);
  });

  it('lists the Clarity 1 to 4 boot contracts once each, activation epochs never decreasing', () => {
    const names = BOOT_SCHEDULE.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('pox-4');
    const order = ['2.0', '2.05', '2.1', '2.4', '2.5', '3.3'];
    const epochs = BOOT_SCHEDULE.map((e) => order.indexOf(e.epoch));
    expect(epochs.every((x) => x >= 0)).toBe(true);
    expect([...epochs].sort((a, b) => a - b)).toEqual(epochs);
  });
});

describe('SnapshotBackend', () => {
  it('reads through to the frozen snapshot and keeps its own writes', () => {
    const base = new SnapshotBackend();
    base.put('a', '1');
    const frozen = base.freeze();
    const x = new SnapshotBackend(frozen);
    const y = new SnapshotBackend(frozen);
    x.put('a', '2');
    x.put('b', '3');
    expect([x.get('a'), x.get('b')]).toEqual(['2', '3']);
    expect([y.get('a'), y.get('b')]).toEqual(['1', undefined]);
    expect(frozen.get('a')).toBe('1');
  });

  it('nests transactions: commit merges, rollback drops', () => {
    const b = new SnapshotBackend(new Map([['k', 'base']]));
    b.begin();
    b.put('k', 'one');
    b.begin();
    b.put('k', 'two');
    expect(b.depth()).toBe(2);
    b.rollback();
    expect(b.get('k')).toBe('one');
    b.commit();
    expect(b.depth()).toBe(0);
    expect(b.get('k')).toBe('one');
    expect(b.freeze().get('k')).toBe('one');
  });

  it('refuses misuse', () => {
    const b = new SnapshotBackend();
    expect(() => b.commit()).toThrow(/commit without/);
    expect(() => b.rollback()).toThrow(/rollback without/);
    b.begin();
    expect(() => b.freeze()).toThrow(/open transaction/);
  });
});

describe('genesisChain with boot contracts', () => {
  const boot = bootContractsFromSources({ 'pox-4': POX4, signers: SIGNERS, costs: COSTS }, { mainnet: { 'pox-4': POX4 } });
  const opts = { bootContracts: boot, ...analysis };

  it('deploys them from the boot address, each with its own Clarity version', () => {
    const chain = genesisChain('3.3', opts);
    expect(chain.contracts.get(`${BOOT}.pox-4`)?.clarityVersion).toBe(2);
    expect(chain.contracts.get(`${BOOT}.costs`)?.clarityVersion).toBe(1);
    expect(chain.contracts.has(`${BOOT_MAINNET}.pox-4`)).toBe(true);
    expect(chain.contracts.has(`${BOOT_MAINNET}.signers`)).toBe(false);
    expect(chain.analyses.has(`${BOOT}.signers`)).toBe(true);
  });

  it('answers calls to them, and the checker types those calls', () => {
    const [n, seen, typed, missing] = runBatchSync(
      [
        { id: 'n', expr: `(contract-call? '${BOOT}.pox-4 get-n)`, fresh: true },
        { id: 'seen', expr: `(contract-call? '${BOOT}.signers get-seen)`, fresh: true },
        { id: 'typed', expr: `(+ 1 (contract-call? '${BOOT}.pox-4 get-n))`, fresh: true },
        { id: 'missing', expr: `(contract-call? '${BOOT}.pox-5 get-n)`, fresh: true },
      ],
      opts,
    );
    expect(n).toEqual({ id: 'n', ok: true, result_hex: '0x0100000000000000000000000000000007' });
    expect(seen).toEqual({ id: 'seen', ok: true, result_hex: '0x0100000000000000000000000000000007' });
    expect(typed).toMatchObject({ id: 'typed', ok: false, error_kind: 'static' });
    expect(missing).toMatchObject({ id: 'missing', ok: false, error_kind: 'static' });
  });

  it('clones the post-boot state: one chain writing leaves the next genesis untouched', () => {
    const [bumped, after] = runBatchSync(
      [
        { id: 'bump', expr: `(begin (unwrap-panic (contract-call? '${BOOT}.pox-4 bump)) (contract-call? '${BOOT}.pox-4 get-n))`, fresh: true },
        { id: 'after', expr: `(contract-call? '${BOOT}.pox-4 get-n)`, fresh: true },
      ],
      opts,
    );
    expect(bumped).toMatchObject({ ok: true, result_hex: '0x0100000000000000000000000000000008' });
    expect(after).toMatchObject({ ok: true, result_hex: '0x0100000000000000000000000000000007' });
    // The deploys ran once: every genesis of this boot set and epoch shares the contract contexts.
    expect(genesisChain('3.3', opts).contracts.get(`${BOOT}.pox-4`)).toBe(genesisChain('3.3', opts).contracts.get(`${BOOT}.pox-4`));
  });

  it("'active' deploys only the contracts activated by the chain's epoch", () => {
    const active = bootContractsFromSources({ 'pox-4': POX4, costs: COSTS }, { policy: 'active' });
    const early = genesisChain('2.1', { bootContracts: active, ...analysis });
    expect(early.contracts.has(`${BOOT}.costs`)).toBe(true);
    expect(early.contracts.has(`${BOOT}.pox-4`)).toBe(false);
    const all = genesisChain('2.1', { bootContracts: bootContractsFromSources({ 'pox-4': POX4, costs: COSTS }), ...analysis });
    expect(all.contracts.has(`${BOOT}.pox-4`)).toBe(true);
  });

  it('fails loudly when a boot contract does not deploy', () => {
    const broken = bootContractsFromSources({ costs: '(define-read-only (f) (+ 1 u1))' });
    let thrown: unknown;
    try {
      genesisChain('3.3', { bootContracts: broken, ...analysis });
    } catch (e) {
      thrown = e;
    }
    expect(isStacksError(thrown, 'BOOT_DEPLOY_FAILED')).toBe(true);
    expect(String((thrown as Error).message)).toMatch(/ST000000000000000000002AMW42H\.costs/);
  });

  it('without boot contracts, calls to them are static errors (as on a chain without them)', () => {
    const [r] = runBatchSync([{ id: 'r', expr: `(contract-call? '${BOOT}.pox-4 get-n)`, fresh: true }], analysis);
    expect(r).toMatchObject({ ok: false, error_kind: 'static' });
  });
});
