// Fungible and non-fungible tokens: define-fungible-token (with and without a supply limit),
// define-non-fungible-token, mint / transfer / burn with every error code, balances, supply,
// owners, and the asset events they record.
import { C1, C2, C3, CaseBuilder, LATEST_COMBOS, UINT_MAX, WALLET_1, WALLET_2 } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';

const TOKENS = `(define-fungible-token gold u1000)
(define-fungible-token dust)
(define-non-fungible-token badge uint)
(define-non-fungible-token ticket {event: (string-ascii 10), seat: uint})
(define-public (mint (amount uint) (to principal)) (ft-mint? gold amount to))
(define-public (mint-dust (amount uint)) (ft-mint? dust amount tx-sender))
(define-public (transfer (amount uint) (to principal)) (ft-transfer? gold amount tx-sender to))
(define-public (transfer-from (amount uint) (from principal) (to principal)) (ft-transfer? gold amount from to))
(define-public (burn (amount uint)) (ft-burn? gold amount tx-sender))
(define-read-only (balance (who principal)) (ft-get-balance gold who))
(define-read-only (supply) (ft-get-supply gold))
(define-read-only (dust-supply) (ft-get-supply dust))
(define-public (mint-badge (id uint) (to principal)) (nft-mint? badge id to))
(define-public (give-badge (id uint) (to principal)) (nft-transfer? badge id tx-sender to))
(define-public (move-badge (id uint) (from principal) (to principal)) (nft-transfer? badge id from to))
(define-public (burn-badge (id uint)) (nft-burn? badge id tx-sender))
(define-public (burn-badge-of (id uint) (owner principal)) (nft-burn? badge id owner))
(define-read-only (badge-owner (id uint)) (nft-get-owner? badge id))
(define-public (mint-ticket (event (string-ascii 10)) (seat uint)) (nft-mint? ticket {event: event, seat: seat} tx-sender))
(define-read-only (ticket-owner (event (string-ascii 10)) (seat uint)) (nft-get-owner? ticket {event: event, seat: seat}))`;

const W1 = `'${WALLET_1}`;
const W2 = `'${WALLET_2}`;

/** Builds the tokens family. */
export function tokensCases(): CorpusCase[] {
  const b = new CaseBuilder('tokens');
  const t = (name: string, expr: string, repr?: string, sender?: string): void =>
    b.add(`contract/${name}`, expr, 'ok', { contract: TOKENS, ...(repr === undefined ? {} : { repr }), ...(sender === undefined ? {} : { sender }) });
  const tRuntime = (name: string, expr: string): void => b.add(`contract/${name}`, expr, 'runtime', { contract: TOKENS });
  const mint = (n: number | string, to = 'tx-sender'): string => `(unwrap-panic (contract-call? .contract mint u${n} ${to}))`;

  // fungible
  t('ft-mint', '(contract-call? .contract mint u100 tx-sender)', '(ok true)');
  t('ft-mint-zero', '(contract-call? .contract mint u0 tx-sender)', '(err u1)');
  t('ft-mint-exact-supply', '(contract-call? .contract mint u1000 tx-sender)', '(ok true)');
  tRuntime('ft-mint-over-supply', '(contract-call? .contract mint u1001 tx-sender)');
  tRuntime('ft-mint-over-supply-cumulative', `(begin ${mint(600)} (contract-call? .contract mint u401 tx-sender))`);
  t('ft-mint-to-other', `(begin ${mint(5, W1)} (contract-call? .contract balance ${W1}))`, 'u5');
  t('ft-balance-unknown', `(contract-call? .contract balance ${W2})`, 'u0');
  t('ft-supply-after-mints', `(begin ${mint(5)} ${mint(7, W1)} (contract-call? .contract supply))`, 'u12');
  t('ft-transfer', `(begin ${mint(100)} (contract-call? .contract transfer u40 ${W1}))`, '(ok true)');
  t('ft-transfer-balances', `(begin ${mint(100)} (unwrap-panic (contract-call? .contract transfer u40 ${W1})) {me: (contract-call? .contract balance tx-sender), w1: (contract-call? .contract balance ${W1})})`, '(tuple (me u60) (w1 u40))');
  t('ft-transfer-zero', `(begin ${mint(100)} (contract-call? .contract transfer u0 ${W1}))`, '(err u3)');
  t('ft-transfer-to-self', `(begin ${mint(100)} (contract-call? .contract transfer u1 tx-sender))`, '(err u2)');
  t('ft-transfer-insufficient', `(begin ${mint(10)} (contract-call? .contract transfer u11 ${W1}))`, '(err u1)');
  t('ft-transfer-all', `(begin ${mint(10)} (contract-call? .contract transfer u10 ${W1}))`, '(ok true)');
  t('ft-transfer-no-balance', `(contract-call? .contract transfer u1 ${W1})`, '(err u1)');
  t('ft-transfer-from-other-owner-allowed', `(begin ${mint(10, W1)} (contract-call? .contract transfer-from u3 ${W1} ${W2}))`, '(ok true)');
  t('ft-transfer-as-wallet-1', `(contract-call? .contract transfer u1 ${W2})`, '(err u1)', 'wallet_1');
  t('ft-burn', `(begin ${mint(10)} (contract-call? .contract burn u4))`, '(ok true)');
  t('ft-burn-reduces-supply', `(begin ${mint(10)} (unwrap-panic (contract-call? .contract burn u4)) (contract-call? .contract supply))`, 'u6');
  t('ft-burn-frees-supply', `(begin ${mint(1000)} (unwrap-panic (contract-call? .contract burn u1)) (contract-call? .contract mint u1 tx-sender))`, '(ok true)');
  t('ft-burn-zero', `(begin ${mint(10)} (contract-call? .contract burn u0))`, '(err u1)');
  t('ft-burn-insufficient', `(begin ${mint(10)} (contract-call? .contract burn u11))`, '(err u1)');
  t('ft-unlimited-max', `(contract-call? .contract mint-dust u${UINT_MAX})`, '(ok true)');
  tRuntime('ft-unlimited-overflow', `(begin (unwrap-panic (contract-call? .contract mint-dust u${UINT_MAX})) (contract-call? .contract mint-dust u1))`);
  t('ft-unlimited-supply', '(begin (unwrap-panic (contract-call? .contract mint-dust u5)) (contract-call? .contract dust-supply))', 'u5');

  // non-fungible
  const mintBadge = (id: number, to = 'tx-sender'): string => `(unwrap-panic (contract-call? .contract mint-badge u${id} ${to}))`;
  t('nft-mint', '(contract-call? .contract mint-badge u1 tx-sender)', '(ok true)');
  t('nft-mint-duplicate', `(begin ${mintBadge(1)} (contract-call? .contract mint-badge u1 ${W1}))`, '(err u1)');
  t('nft-owner', `(begin ${mintBadge(1, W1)} (contract-call? .contract badge-owner u1))`, `(some ${WALLET_1})`);
  t('nft-owner-missing', '(contract-call? .contract badge-owner u1)', 'none');
  t('nft-transfer', `(begin ${mintBadge(1)} (contract-call? .contract give-badge u1 ${W1}))`, '(ok true)');
  t('nft-transfer-changes-owner', `(begin ${mintBadge(1)} (unwrap-panic (contract-call? .contract give-badge u1 ${W1})) (contract-call? .contract badge-owner u1))`, `(some ${WALLET_1})`);
  t('nft-transfer-not-owner', `(begin ${mintBadge(1, W1)} (contract-call? .contract give-badge u1 ${W2}))`, '(err u1)');
  t('nft-transfer-wrong-from', `(begin ${mintBadge(1, W1)} (contract-call? .contract move-badge u1 ${W2} tx-sender))`, '(err u1)');
  t('nft-transfer-to-self', `(begin ${mintBadge(1)} (contract-call? .contract give-badge u1 tx-sender))`, '(err u2)');
  t('nft-transfer-missing', `(contract-call? .contract give-badge u9 ${W1})`, '(err u3)');
  t('nft-transfer-from-other-owner-allowed', `(begin ${mintBadge(1, W1)} (contract-call? .contract move-badge u1 ${W1} ${W2}))`, '(ok true)');
  t('nft-burn', `(begin ${mintBadge(1)} (contract-call? .contract burn-badge u1))`, '(ok true)');
  t('nft-burn-clears-owner', `(begin ${mintBadge(1)} (unwrap-panic (contract-call? .contract burn-badge u1)) (contract-call? .contract badge-owner u1))`, 'none');
  t('nft-burn-missing', '(contract-call? .contract burn-badge u1)', '(err u3)');
  t('nft-burn-not-owner', `(begin ${mintBadge(1, W1)} (contract-call? .contract burn-badge u1))`, '(err u1)');
  t('nft-burn-of-other-owner', `(begin ${mintBadge(1, W1)} (contract-call? .contract burn-badge-of u1 ${W1}))`, '(ok true)');
  t('nft-remint-after-burn', `(begin ${mintBadge(1)} (unwrap-panic (contract-call? .contract burn-badge u1)) (contract-call? .contract mint-badge u1 ${W2}))`, '(ok true)');
  t('nft-tuple-id', '(begin (unwrap-panic (contract-call? .contract mint-ticket "show" u7)) (contract-call? .contract ticket-owner "show" u7))', '(some ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM)');
  t('nft-tuple-id-other-seat', '(begin (unwrap-panic (contract-call? .contract mint-ticket "show" u7)) (contract-call? .contract ticket-owner "show" u8))', 'none');
  t('nft-tuple-id-duplicate', '(begin (unwrap-panic (contract-call? .contract mint-ticket "show" u7)) (contract-call? .contract mint-ticket "show" u7))', '(err u1)');
  t('nft-mint-as-wallet-1', '(contract-call? .contract mint-ticket "gig" u1)', '(ok true)', 'wallet_1');

  // tokens defined in the expression itself, at several versions
  for (const combo of [C1, C2, C3, ...LATEST_COMBOS.slice(-1)]) {
    const tag = `${combo.epoch}-c${combo.clarity_version}`;
    b.ok(`inline/ft@${tag}`, '(define-fungible-token t u10) (ft-mint? t u4 tx-sender) (ft-transfer? t u1 tx-sender \'ST1SJ3DTE5DN7X54YDH5D64R3BCB6A2AG2ZQ8YPD5) (list (ft-get-balance t tx-sender) (ft-get-supply t))', '(list u3 u4)', { combo });
    b.ok(`inline/nft@${tag}`, '(define-non-fungible-token n (buff 2)) (nft-mint? n 0x0102 tx-sender) (nft-get-owner? n 0x0102)', '(some ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM)', { combo });
    b.runtime(`inline/ft-over-supply@${tag}`, '(define-fungible-token t u10) (ft-mint? t u11 tx-sender)', { combo });
  }
  b.ok('inline/ft-supply-expression', '(define-fungible-token t (+ u1 u2)) (ft-mint? t u3 tx-sender)', '(ok true)');
  b.runtime('inline/ft-supply-expression-exceeded', '(define-fungible-token t (+ u1 u2)) (ft-mint? t u4 tx-sender)');
  b.runtime('inline/ft-supply-zero', '(define-fungible-token t u0) (ft-mint? t u1 tx-sender)');
  b.ok('inline/ft-two-tokens-separate', '(define-fungible-token a) (define-fungible-token b) (ft-mint? a u5 tx-sender) (list (ft-get-balance a tx-sender) (ft-get-balance b tx-sender))', '(list u5 u0)');

  // static errors
  const bad: readonly (readonly [string, string])[] = [
    ['ft-undefined', '(ft-mint? nope u1 tx-sender)'],
    ['ft-amount-int', '(define-fungible-token t) (ft-mint? t 1 tx-sender)'],
    ['ft-recipient-not-principal', '(define-fungible-token t) (ft-mint? t u1 u1)'],
    ['ft-supply-int', '(define-fungible-token t 10) 1'],
    ['ft-supply-negative-literal', '(define-fungible-token t -1) 1'],
    ['ft-transfer-arity', '(define-fungible-token t) (ft-transfer? t u1 tx-sender)'],
    ['ft-get-balance-of-nft', '(define-non-fungible-token n uint) (ft-get-balance n tx-sender)'],
    ['nft-id-type', '(define-non-fungible-token n uint) (nft-mint? n 1 tx-sender)'],
    ['nft-undefined', '(nft-get-owner? nope u1)'],
    ['nft-mint-of-ft', '(define-fungible-token t) (nft-mint? t u1 tx-sender)'],
    ['nft-burn-arity', '(define-non-fungible-token n uint) (nft-burn? n u1)'],
    ['nft-bad-id-type', '(define-non-fungible-token n integer) 1'],
    ['token-name-taken', '(define-fungible-token t) (define-non-fungible-token t uint) 1'],
    ['token-inside-function', '(define-private (f) (define-fungible-token t)) 1'],
  ];
  for (const [name, expr] of bad) b.static(`static/${name}`, expr);
  // a token named like a native passes analysis and fails while deploying (NameAlreadyUsed)
  b.runtime('runtime/token-name-is-native', '(define-fungible-token stx-transfer?) 1');
  return b.cases;
}
