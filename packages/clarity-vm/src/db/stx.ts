/**
 * STX account operations over `ClarityDB` as the reference's `STXBalanceSnapshot` performs them
 * (clarity/src/vm/database/structures.rs): balances are canonicalised (an expired lock becomes
 * unlocked) before a debit or credit, transfers spend only the unlocked part.
 */
import type { PrincipalData } from '@stacks-ts/codec';
import type { ClarityDB } from './clarity-db.ts';
import { availableStx, canonicalStxBalance, effectiveUnlockHeight } from './keys.ts';
import type { PoxUnlockHeights, StxBalance } from './keys.ts';

const U128_MAX = (1n << 128n) - 1n;

/** Where a balance is read: the burn height Clarity sees and the PoX early-unlock heights. */
export interface StxView {
  readonly burnHeight: number;
  readonly unlocks: PoxUnlockHeights;
}

/** `stx-get-balance`: the spendable balance at the view's burn height. */
export function stxAvailable(db: ClarityDB, who: PrincipalData, view: StxView): bigint {
  return availableStx(db.getStxBalance(who), view.burnHeight, view.unlocks);
}

/** `stx-account`: the canonical balance at the view's burn height. */
export function stxAccount(db: ClarityDB, who: PrincipalData, view: StxView): { readonly locked: bigint; readonly unlockHeight: bigint; readonly unlocked: bigint } {
  const b = canonicalStxBalance(db.getStxBalance(who), view.burnHeight, view.unlocks);
  if (b.kind === 'unlocked') return { locked: 0n, unlockHeight: 0n, unlocked: b.amount };
  return { locked: b.locked, unlockHeight: effectiveUnlockHeight(b, view.unlocks), unlocked: b.unlocked };
}

function withUnlocked(b: StxBalance, unlocked: bigint): StxBalance {
  return b.kind === 'unlocked' ? { kind: 'unlocked', amount: unlocked } : { ...b, unlocked };
}

/** Debits `amount` from the unlocked part (the caller checked it is available); false when it is not. */
export function stxDebit(db: ClarityDB, who: PrincipalData, amount: bigint, view: StxView): boolean {
  const b = canonicalStxBalance(db.getStxBalance(who), view.burnHeight, view.unlocks);
  const unlocked = b.kind === 'unlocked' ? b.amount : b.unlocked;
  if (unlocked < amount) return false;
  db.setStxBalance(who, withUnlocked(b, unlocked - amount));
  return true;
}

/** Credits `amount` to the unlocked part; false when the total would overflow a u128. */
export function stxCredit(db: ClarityDB, who: PrincipalData, amount: bigint, view: StxView): boolean {
  const b = canonicalStxBalance(db.getStxBalance(who), view.burnHeight, view.unlocks);
  const unlocked = b.kind === 'unlocked' ? b.amount : b.unlocked;
  const total = b.kind === 'unlocked' ? b.amount : b.unlocked + b.locked;
  if (total + amount > U128_MAX) return false;
  db.setStxBalance(who, withUnlocked(b, unlocked + amount));
  return true;
}
