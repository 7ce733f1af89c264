import { describe, expect, it } from 'vitest';
import { clarityValueToRepr, parsePrincipal } from '@stacks-ts/codec';
import type { StandardPrincipal } from '@stacks-ts/codec';
import { openMarfedKV } from '@stacks-ts/marf';
import { GENESIS_ACCOUNTS } from '../../../src/batch.ts';
import { ClarityChain } from '../../../src/chain/runtime.ts';
import type { TxReceipt } from '../../../src/chain/runtime.ts';
import { decodeStxBalance, stxBalanceKey } from '../../../src/db/keys.ts';

const ALICE = parsePrincipal(GENESIS_ACCOUNTS.wallet_1) as StandardPrincipal;
const BOB = parsePrincipal(GENESIS_ACCOUNTS.wallet_2) as StandardPrincipal;
const id = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const result = (r: TxReceipt): string => (r.result === null ? `failed: ${r.error?.message}` : clarityValueToRepr(r.result));
const PROBE = `
(define-read-only (acct (who principal)) (stx-account who))
(define-read-only (bal (who principal)) (stx-get-balance who))
(define-public (send (amount uint) (to principal)) (stx-transfer? amount tx-sender to))
(define-public (burn (amount uint)) (stx-burn? amount tx-sender))
(define-read-only (supply) stx-liquid-supply)`;

describe('STX balances in the reference encoding, with locks that expire lazily', () => {
  it('locked STX are not spendable until the unlock burn height, then the balance is canonicalised on write', () => {
    const kv = openMarfedKV();
    const chain = new ClarityChain(kv, { epoch: '3.3' });
    const probe = `${GENESIS_ACCOUNTS.deployer}.probe`;
    chain.beginBlock(null, id(1), { burnBlockHeight: 100 });
    chain.mintStx(ALICE, 1000n);
    expect(chain.deployContract(parsePrincipal(GENESIS_ACCOUNTS.deployer) as StandardPrincipal, 'probe', PROBE).committed).toBe(true);
    // A PoX-4 lock of 700 until burn height 150 (as the PoX layer would write it).
    chain.db.setStxBalance(ALICE, { kind: 'locked', pox: 4, unlocked: 300n, locked: 700n, unlockHeight: 150n });
    chain.commitBlock();
    const alice = { type: 'principal', value: ALICE } as const;
    const bob = { type: 'principal', value: BOB } as const;
    expect(clarityValueToRepr(chain.readOnlyCall(id(1), probe, 'acct', [alice]))).toBe('(tuple (locked u700) (unlock-height u150) (unlocked u300))');
    expect(chain.readOnlyCall(id(1), probe, 'bal', [alice])).toEqual({ type: 'uint', value: 300n });

    // Burn height 120: still locked; 400 is more than the unlocked 300.
    chain.beginBlock(id(1), id(2), { burnBlockHeight: 120 });
    expect(result(chain.callFunction(ALICE, probe, 'send', [{ type: 'uint', value: 400n }, bob]))).toBe('(err u1)');
    expect(result(chain.callFunction(ALICE, probe, 'send', [{ type: 'uint', value: 100n }, bob]))).toBe('(ok true)');
    chain.commitBlock();
    const stored2 = decodeStxBalance(new TextDecoder().decode(kv.get(id(2), stxBalanceKey(ALICE))!));
    expect(stored2).toEqual({ kind: 'locked', pox: 4, unlocked: 200n, locked: 700n, unlockHeight: 150n });

    // Burn height 150: the lock has expired; reads show it unlocked, the stored form changes only on write.
    chain.beginBlock(id(2), id(3), { burnBlockHeight: 150 });
    chain.commitBlock();
    expect(clarityValueToRepr(chain.readOnlyCall(id(3), probe, 'acct', [alice]))).toBe('(tuple (locked u0) (unlock-height u0) (unlocked u900))');
    expect(decodeStxBalance(new TextDecoder().decode(kv.get(id(3), stxBalanceKey(ALICE))!)).kind).toBe('locked');
    chain.beginBlock(id(3), id(4), { burnBlockHeight: 151 });
    expect(result(chain.callFunction(ALICE, probe, 'send', [{ type: 'uint', value: 800n }, bob]))).toBe('(ok true)');
    expect(result(chain.callFunction(ALICE, probe, 'burn', [{ type: 'uint', value: 50n }]))).toBe('(ok true)');
    chain.commitBlock();
    expect(decodeStxBalance(new TextDecoder().decode(kv.get(id(4), stxBalanceKey(ALICE))!))).toEqual({ kind: 'unlocked', amount: 50n });
    expect(chain.readOnlyCall(id(4), probe, 'bal', [bob])).toEqual({ type: 'uint', value: 900n });
    // Minted 1000 (the lock was written directly, not minted); 50 burned.
    expect(chain.readOnlyCall(id(4), probe, 'supply', [])).toEqual({ type: 'uint', value: 950n });
  });
});

describe('ClarityChain.transferStx (a token-transfer transaction)', () => {
  it('moves unlocked STX with the event and asset map, and returns the reference error codes', () => {
    const chain = new ClarityChain(openMarfedKV(), { epoch: '3.3' });
    chain.beginBlock(null, id(1));
    chain.mintStx(ALICE, 100n);
    const r = chain.transferStx(ALICE, BOB, 60n, new Uint8Array([1, 2]));
    expect(result(r)).toBe('(ok true)');
    expect(r.events).toEqual([{ event: 'stx_transfer_event', data: { amount: '60', memo: '0102', recipient: GENESIS_ACCOUNTS.wallet_2, sender: GENESIS_ACCOUNTS.wallet_1 } }]);
    expect(r.assets.stx.get(GENESIS_ACCOUNTS.wallet_1)).toBe(60n);
    expect(result(chain.transferStx(ALICE, BOB, 41n))).toBe('(err u1)');
    expect(result(chain.transferStx(ALICE, ALICE, 1n))).toBe('(err u2)');
    expect(result(chain.transferStx(ALICE, BOB, 0n))).toBe('(err u3)');
    chain.commitBlock();
    expect(chain.db.backend.depth()).toBe(0);
    chain.backend.openReadOnly(id(1));
    expect(chain.db.getStxBalance(BOB)).toEqual({ kind: 'unlocked', amount: 60n });
    expect(chain.db.getStxBalance(ALICE)).toEqual({ kind: 'unlocked', amount: 40n });
  });
});
