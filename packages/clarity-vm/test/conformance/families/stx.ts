// STX: stx-transfer?, stx-transfer-memo?, stx-burn?, stx-get-balance, stx-account against the
// oracle's genesis balances (every case starts from a fresh chain), their error codes and events.
import { ALL_COMBOS, C4, CaseBuilder, DEPLOYER, LATEST_COMBOS, WALLET_1, WALLET_2 } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';

const GENESIS = 100_000_000_000_000n;
const W1 = `'${WALLET_1}`;
const W2 = `'${WALLET_2}`;

/** Builds the stx family. */
export function stxCases(): CorpusCase[] {
  const b = new CaseBuilder('stx');
  const fresh = (name: string, expr: string, repr?: string, sender?: string, combo = C4): void =>
    b.add(name, expr, 'ok', { fresh: true, combo, ...(repr === undefined ? {} : { repr }), ...(sender === undefined ? {} : { sender }) });

  // balances at genesis
  fresh('balance/deployer', '(stx-get-balance tx-sender)', `u${GENESIS}`);
  fresh('balance/wallet-1', `(stx-get-balance ${W1})`, `u${GENESIS}`);
  fresh('balance/unknown', `(stx-get-balance 'ST000000000000000000002AMW42H)`, 'u0');
  fresh('balance/contract-principal', `(stx-get-balance '${DEPLOYER}.nothing)`, 'u0');
  fresh('balance/as-wallet-2', '(stx-get-balance tx-sender)', `u${GENESIS}`, 'wallet_2');

  // stx-transfer?
  fresh('transfer/ok', `(stx-transfer? u1000 tx-sender ${W1})`, '(ok true)');
  fresh('transfer/balances-after', `(begin (try! (stx-transfer? u1000 tx-sender ${W1})) (ok {me: (stx-get-balance tx-sender), w1: (stx-get-balance ${W1})}))`, `(ok (tuple (me u${GENESIS - 1000n}) (w1 u${GENESIS + 1000n})))`);
  fresh('transfer/zero', `(stx-transfer? u0 tx-sender ${W1})`, '(err u3)');
  fresh('transfer/to-self', '(stx-transfer? u1 tx-sender tx-sender)', '(err u2)');
  fresh('transfer/insufficient', `(stx-transfer? u${GENESIS + 1n} tx-sender ${W1})`, '(err u1)');
  fresh('transfer/entire-balance', `(begin (try! (stx-transfer? u${GENESIS} tx-sender ${W1})) (ok (stx-get-balance tx-sender)))`, '(ok u0)');
  fresh('transfer/sender-not-tx-sender', `(stx-transfer? u1 ${W1} ${W2})`, '(err u4)');
  fresh('transfer/as-wallet-1', `(stx-transfer? u5 tx-sender '${DEPLOYER})`, '(ok true)', 'wallet_1');
  fresh('transfer/as-wallet-1-from-deployer', `(stx-transfer? u5 '${DEPLOYER} ${W1})`, '(err u4)', 'wallet_1');
  fresh('transfer/to-contract-principal', `(stx-transfer? u7 tx-sender '${DEPLOYER}.vault)`, '(ok true)');
  fresh('transfer/to-mainnet-address', "(stx-transfer? u7 tx-sender 'SP000000000000000000002Q6VF78)", '(ok true)');
  fresh('transfer/twice', `(begin (try! (stx-transfer? u1 tx-sender ${W1})) (stx-transfer? u2 tx-sender ${W2}))`, '(ok true)');
  fresh('transfer/err-keeps-earlier-top-level-transfer', `(begin (unwrap-panic (stx-transfer? u10 tx-sender ${W1})) (unwrap-err-panic (stx-transfer? u0 tx-sender ${W1})) (stx-get-balance ${W1}))`, `u${GENESIS + 10n}`);
  b.add('transfer/with-define-uses-deployer', `(define-constant x 1) (stx-transfer? u1 tx-sender ${W1})`, 'ok', { fresh: true, sender: 'wallet_1', repr: '(ok true)' });

  // stx-transfer-memo? (Clarity 2)
  fresh('memo/ok', `(stx-transfer-memo? u10 tx-sender ${W1} 0x68656c6c6f)`, '(ok true)');
  fresh('memo/empty', `(stx-transfer-memo? u10 tx-sender ${W1} 0x)`, '(ok true)');
  fresh('memo/zero', `(stx-transfer-memo? u0 tx-sender ${W1} 0x01)`, '(err u3)');
  fresh('memo/to-self', '(stx-transfer-memo? u1 tx-sender tx-sender 0x01)', '(err u2)');
  fresh('memo/insufficient', `(stx-transfer-memo? u${GENESIS + 1n} tx-sender ${W1} 0x01)`, '(err u1)');
  fresh('memo/sender-not-tx-sender', `(stx-transfer-memo? u1 ${W1} ${W2} 0x01)`, '(err u4)');
  fresh('memo/34-bytes', `(stx-transfer-memo? u1 tx-sender ${W1} 0x${'ab'.repeat(34)})`, '(ok true)');
  b.static('memo/35-bytes', `(stx-transfer-memo? u1 tx-sender ${W1} 0x${'ab'.repeat(35)})`);
  b.static('memo/string', `(stx-transfer-memo? u1 tx-sender ${W1} "memo")`);

  // stx-burn?
  fresh('burn/ok', '(stx-burn? u500 tx-sender)', '(ok true)');
  fresh('burn/balance-after', '(begin (try! (stx-burn? u500 tx-sender)) (ok (stx-get-balance tx-sender)))', `(ok u${GENESIS - 500n})`);
  fresh('burn/liquid-supply-after', '(let ((before stx-liquid-supply)) (try! (stx-burn? u500 tx-sender)) (ok (- before stx-liquid-supply)))', '(ok u500)');
  fresh('burn/zero', '(stx-burn? u0 tx-sender)', '(err u3)');
  fresh('burn/insufficient', `(stx-burn? u${GENESIS + 1n} tx-sender)`, '(err u1)');
  fresh('burn/not-tx-sender', `(stx-burn? u1 ${W1})`, '(err u4)');
  fresh('burn/as-wallet-2', '(stx-burn? u1 tx-sender)', '(ok true)', 'wallet_2');

  // stx-account (Clarity 2)
  fresh('account/deployer', '(stx-account tx-sender)', `(tuple (locked u0) (unlock-height u0) (unlocked u${GENESIS}))`);
  fresh('account/unknown', "(stx-account 'ST000000000000000000002AMW42H)", '(tuple (locked u0) (unlock-height u0) (unlocked u0))');
  fresh('account/after-transfer', `(begin (try! (stx-transfer? u1 tx-sender ${W1})) (ok (get unlocked (stx-account ${W1}))))`, `(ok u${GENESIS + 1n})`);

  // in contracts: the caller's tx-sender is kept through contract-call?; as-contract spends the contract's own
  const VAULT = `(define-public (deposit (n uint)) (stx-transfer? n tx-sender (as-contract tx-sender)))
(define-public (withdraw (n uint)) (let ((who tx-sender)) (as-contract (stx-transfer? n tx-sender who))))
(define-public (pay-from-caller (n uint) (to principal)) (stx-transfer? n tx-sender to))
(define-read-only (held) (stx-get-balance (as-contract tx-sender)))`;
  const vault = (name: string, expr: string, repr: string, sender?: string): void =>
    b.add(`contract/${name}`, expr, 'ok', { contract: VAULT, combo: { epoch: '3.3', clarity_version: 3 }, repr, ...(sender === undefined ? {} : { sender }) });
  vault('deposit', '(contract-call? .contract deposit u100)', '(ok true)');
  vault('deposit-then-held', '(begin (try! (contract-call? .contract deposit u100)) (ok (contract-call? .contract held)))', '(ok u100)');
  vault('withdraw-empty', '(contract-call? .contract withdraw u1)', '(err u1)');
  vault('deposit-withdraw', '(begin (try! (contract-call? .contract deposit u100)) (contract-call? .contract withdraw u60))', '(ok true)');
  vault('deposit-withdraw-held', '(begin (try! (contract-call? .contract deposit u100)) (try! (contract-call? .contract withdraw u60)) (ok (contract-call? .contract held)))', '(ok u40)');
  vault('pay-from-caller', `(contract-call? .contract pay-from-caller u3 ${W2})`, '(ok true)');
  vault('pay-from-caller-as-wallet-1', `(contract-call? .contract pay-from-caller u3 ${W2})`, '(ok true)', 'wallet_1');
  vault('deposit-as-wallet-1-balance', `(begin (try! (contract-call? .contract deposit u9)) (ok (stx-get-balance ${W1})))`, `(ok u${GENESIS - 9n})`, 'wallet_1');

  // version gates and the same transfer everywhere
  b.across('gate/stx-transfer', `(stx-transfer? u1 tx-sender ${W1})`, ALL_COMBOS, () => 'ok', { fresh: true, repr: '(ok true)' });
  b.across('gate/stx-transfer-memo', `(stx-transfer-memo? u1 tx-sender ${W1} 0x00)`, ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { fresh: true, repr: '(ok true)' });
  b.across('gate/stx-account', '(get locked (stx-account tx-sender))', ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { fresh: true, repr: 'u0' });
  b.across('gate/stx-burn', '(stx-burn? u1 tx-sender)', LATEST_COMBOS, () => 'ok', { fresh: true, repr: '(ok true)' });

  // static errors
  const bad: readonly (readonly [string, string])[] = [
    ['transfer-int-amount', `(stx-transfer? 1 tx-sender ${W1})`],
    ['transfer-recipient-uint', '(stx-transfer? u1 tx-sender u1)'],
    ['transfer-arity', '(stx-transfer? u1 tx-sender)'],
    ['burn-arity', '(stx-burn? u1)'],
    ['balance-of-int', '(stx-get-balance 1)'],
    ['account-of-string', '(stx-account "ST1")'],
  ];
  for (const [name, expr] of bad) b.static(`static/${name}`, expr);
  return b.cases;
}
