// Clarity 4 additions (epoch 3.3): contract-hash?, to-ascii?, restrict-assets? and as-contract?
// with the with-stx / with-ft / with-nft / with-stacking / with-all-assets-unsafe allowances,
// secp256r1-verify (which hashes the message hash again in Clarity 4), stacks-block-time and
// current-contract. Gates at earlier versions are in version-gates.ts.
import { sha512_256 } from '@stacks-ts/codec';
import { C4, CaseBuilder, DEPLOYER, INT_MAX, INT_MIN, UINT_MAX, WALLET_1, WALLET_2 } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';
import { toHex, utf8Bytes } from '../fixtures.ts';

/**
 * A P-256 signature over sha256(message), made once with node:crypto (ECDSA nonces are random,
 * so it is pinned here): Clarity 4's secp256r1-verify hashes `message` and accepts it.
 */
export const R1 = {
  message: '0x6dffa336e99b62e87810516e33a2e9eefa87b336c85bbdc5f75f8e0218154508',
  signature: '0xb8a83d854fa8412b7a9e618dbb20e4522b6f0d22030e1f3d557a165202d92dd9745669031f8ea8d6acef842e16c92f48e16175b0dd48b8a20b2c01da65868f3c',
  publicKey: '0x03cd300ee0f09cfc319209864fe4e95a06e0b4e37cc06653b945f059141cf7ee9f',
} as const;
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const W1 = `'${WALLET_1}`;
const W2 = `'${WALLET_2}`;

const TOKENS = `(define-fungible-token gold)
(define-non-fungible-token badge uint)
(define-public (setup)
  (begin
    (try! (ft-mint? gold u100 tx-sender))
    (try! (nft-mint? badge u1 tx-sender))
    (try! (nft-mint? badge u2 tx-sender))
    (ok true)))
(define-public (ft-limited (allowed uint) (amount uint))
  (restrict-assets? tx-sender ((with-ft current-contract "gold" allowed))
    (unwrap-panic (ft-transfer? gold amount tx-sender '${WALLET_1}))))
(define-public (ft-wildcard (amount uint))
  (restrict-assets? tx-sender ((with-ft current-contract "*" u5))
    (unwrap-panic (ft-transfer? gold amount tx-sender '${WALLET_1}))))
(define-public (nft-limited (allowed (list 2 uint)) (id uint))
  (restrict-assets? tx-sender ((with-nft current-contract "badge" allowed))
    (unwrap-panic (nft-transfer? badge id tx-sender '${WALLET_1}))))
(define-public (ft-no-allowance (amount uint))
  (restrict-assets? tx-sender ((with-stx u1000))
    (unwrap-panic (ft-transfer? gold amount tx-sender '${WALLET_1}))))
(define-read-only (gold-of (who principal)) (ft-get-balance gold who))`;

const VAULT = `(define-public (deposit (n uint)) (stx-transfer? n tx-sender current-contract))
(define-public (pay (n uint) (allowed uint))
  (let ((to tx-sender)) (as-contract? ((with-stx allowed)) (unwrap-panic (stx-transfer? n tx-sender to)))))
(define-public (pay-unsafe (n uint))
  (let ((to tx-sender)) (as-contract? ((with-all-assets-unsafe)) (unwrap-panic (stx-transfer? n tx-sender to)))))
(define-public (pay-no-allowance (n uint))
  (let ((to tx-sender)) (as-contract? () (unwrap-panic (stx-transfer? n tx-sender to)))))
(define-read-only (whoami) (as-contract? () {sender: tx-sender, caller: contract-caller}))
(define-read-only (held) (stx-get-balance current-contract))`;

/** Builds the clarity4 family. */
export function clarity4Cases(): CorpusCase[] {
  const b = new CaseBuilder('clarity4');

  // to-ascii?
  const ascii: readonly (readonly [string, string, string])[] = [
    ['int', '(to-ascii? 123)', '(ok "123")'],
    ['negative-int', '(to-ascii? -5)', '(ok "-5")'],
    ['int-min', `(to-ascii? ${INT_MIN})`, `(ok "${INT_MIN}")`],
    ['int-max', `(to-ascii? ${INT_MAX})`, `(ok "${INT_MAX}")`],
    ['uint', '(to-ascii? u456)', '(ok "u456")'],
    ['uint-max', `(to-ascii? u${UINT_MAX})`, `(ok "u${UINT_MAX}")`],
    ['true', '(to-ascii? true)', '(ok "true")'],
    ['false', '(to-ascii? false)', '(ok "false")'],
    ['standard-principal', `(to-ascii? '${DEPLOYER})`, `(ok "${DEPLOYER}")`],
    ['contract-principal', `(to-ascii? '${DEPLOYER}.token)`, `(ok "${DEPLOYER}.token")`],
    ['buff', '(to-ascii? 0x00112233)', '(ok "0x00112233")'],
    ['buff-empty', '(to-ascii? 0x)', '(ok "0x")'],
    ['buff-upper-literal', '(to-ascii? 0xABCD)', '(ok "0xabcd")'],
    ['utf8-ascii-only', '(to-ascii? u"An ASCII smiley face: :)")', '(ok "An ASCII smiley face: :)")'],
    ['utf8-empty', '(to-ascii? u"")', '(ok "")'],
    ['utf8-non-ascii', '(to-ascii? u"caf\\u{e9}")', '(err u1)'],
    ['utf8-emoji', '(to-ascii? u"A smiley face emoji: \\u{1F600}")', '(err u1)'],
    ['utf8-control-char', '(to-ascii? u"a\\nb")', '(ok "a\nb")'],
  ];
  for (const [name, expr, repr] of ascii) b.ok(`to-ascii/${name}`, expr, repr);
  b.static('to-ascii/string-ascii-input', '(to-ascii? "abc")');
  b.static('to-ascii/list-input', '(to-ascii? (list 1))');
  b.static('to-ascii/optional-input', '(to-ascii? (some 1))');
  b.static('to-ascii/tuple-input', '(to-ascii? {a: 1})');
  b.static('to-ascii/two-args', '(to-ascii? 1 2)');
  b.ok('to-ascii/len-of-uint-max', `(len (unwrap-panic (to-ascii? u${UINT_MAX})))`, 'u40');

  // contract-hash?
  const lib = '(define-read-only (f) 1)';
  b.add('contract-hash/deployed', '(contract-hash? .lib)', 'ok', {
    contract: [{ name: 'lib', source: lib }],
    repr: `(ok 0x${toHex(sha512_256(utf8Bytes(lib)))})`,
  });
  b.add('contract-hash/deployed-c1-contract', '(contract-hash? .lib)', 'ok', {
    contract: [{ name: 'lib', source: lib, clarity_version: 1 }],
    repr: `(ok 0x${toHex(sha512_256(utf8Bytes(lib)))})`,
  });
  b.ok('contract-hash/standard-principal', `(contract-hash? '${DEPLOYER})`, '(err u1)');
  b.ok('contract-hash/missing-contract', `(contract-hash? '${DEPLOYER}.does-not-exist)`, '(err u2)');
  b.ok('contract-hash/boot-contract', "(is-ok (contract-hash? 'ST000000000000000000002AMW42H.pox-4))", 'true', { fresh: true });
  b.ok('contract-hash/own-snippet', '(is-ok (contract-hash? current-contract))', undefined, { fresh: true });
  b.static('contract-hash/not-principal', '(contract-hash? 0x01)');

  // secp256r1-verify: Clarity 4 verifies the signature against sha256(message-hash)
  const sig = R1.signature.slice(2);
  const r = sig.slice(0, 64);
  const s = BigInt(`0x${sig.slice(64)}`);
  const highS = `0x${r}${(P256_N - s).toString(16).padStart(64, '0')}`;
  b.ok('secp256r1/valid', `(secp256r1-verify ${R1.message} ${R1.signature} ${R1.publicKey})`, 'true');
  b.ok('secp256r1/high-s-allowed', `(secp256r1-verify ${R1.message} ${highS} ${R1.publicKey})`, 'true');
  b.ok('secp256r1/wrong-message', `(secp256r1-verify (sha256 0x00) ${R1.signature} ${R1.publicKey})`, 'false');
  b.ok('secp256r1/flipped-key-parity', `(secp256r1-verify ${R1.message} ${R1.signature} 0x02${R1.publicKey.slice(4)})`, 'false');
  b.ok('secp256r1/docs-vector-is-digest-semantics', '(secp256r1-verify 0x44acf6b7e36c1342c2c5897204fe09504e1e2efb1a900377dbc4e7a6a133ec56 0xf3ac8061b514795b8843e3d6629527ed2afd6b1f6a555a7acabb5e6f79c8c2ac8bf77819ca05a6b2786c76262bf7371cef97b218e96f175a3ccdda2acc058903 0x031ccbe91c075fc7f4f033bfa248db8fccd3565de94bbfb12f3c59ff46c271bf83)', 'false');
  b.ok('secp256r1/zero-signature', `(secp256r1-verify ${R1.message} 0x${'00'.repeat(64)} ${R1.publicKey})`, 'false');
  b.ok('secp256r1/63-byte-signature', `(secp256r1-verify ${R1.message} 0x${sig.slice(2)} ${R1.publicKey})`, 'false');
  b.ok('secp256r1/invalid-key', `(secp256r1-verify ${R1.message} ${R1.signature} 0x02${'00'.repeat(32)})`, 'false');
  b.static('secp256r1/65-byte-signature', `(secp256r1-verify ${R1.message} ${R1.signature}00 ${R1.publicKey})`);
  b.static('secp256r1/uncompressed-key-type', `(secp256r1-verify ${R1.message} ${R1.signature} 0x04${'00'.repeat(64)})`);
  b.runtime('secp256r1/short-message', `(secp256r1-verify 0x00 ${R1.signature} ${R1.publicKey})`);
  b.runtime('secp256r1/short-key', `(secp256r1-verify ${R1.message} ${R1.signature} 0x02)`);

  // restrict-assets? in the expression (tx-sender is the asset owner)
  const fresh = { fresh: true } as const;
  b.ok('restrict/no-allowances-pure-body', '(restrict-assets? tx-sender () (+ u1 u2))', '(ok u3)');
  b.ok('restrict/several-body-expressions', '(restrict-assets? tx-sender () 1 2 3)', '(ok 3)');
  b.ok('restrict/stx-within-allowance', `(restrict-assets? tx-sender ((with-stx u100)) (unwrap-panic (stx-transfer? u100 tx-sender ${W1})))`, '(ok true)', fresh);
  b.ok('restrict/stx-over-allowance', `(restrict-assets? tx-sender ((with-stx u50)) (unwrap-panic (stx-transfer? u100 tx-sender ${W1})))`, '(err u0)', fresh);
  b.ok('restrict/stx-no-allowance', `(restrict-assets? tx-sender () (unwrap-panic (stx-transfer? u1 tx-sender ${W1})))`, '(err u128)', fresh);
  b.ok('restrict/stx-second-allowance-index', `(restrict-assets? tx-sender ((with-stx u1000) (with-stx u10)) (unwrap-panic (stx-transfer? u100 tx-sender ${W1})))`, '(err u1)', fresh);
  b.ok('restrict/stx-two-transfers-sum', `(restrict-assets? tx-sender ((with-stx u150)) (unwrap-panic (stx-transfer? u100 tx-sender ${W1})) (unwrap-panic (stx-transfer? u100 tx-sender ${W2})))`, '(err u0)', fresh);
  b.ok('restrict/violation-reverts-transfer', `(begin (unwrap-err-panic (restrict-assets? tx-sender ((with-stx u1)) (unwrap-panic (stx-transfer? u100 tx-sender ${W1})))) (stx-get-balance ${W1}))`, 'u100000000000000', fresh);
  b.ok('restrict/burn-counts-as-outflow', '(restrict-assets? tx-sender ((with-stx u10)) (unwrap-panic (stx-burn? u11 tx-sender)))', '(err u0)', fresh);
  b.ok('restrict/inflow-not-restricted', `(restrict-assets? '${WALLET_1} () (unwrap-panic (stx-transfer? u5 tx-sender ${W1})))`, '(ok true)', fresh);
  b.ok('restrict/other-owner-outflow-unrestricted', `(restrict-assets? ${W2} ((with-stx u1)) (unwrap-panic (stx-transfer? u100 tx-sender ${W1})))`, '(ok true)', fresh);
  b.ok('restrict/failed-inner-transfer-is-no-outflow', `(restrict-assets? tx-sender () (is-err (stx-transfer? u0 tx-sender ${W1})))`, '(ok true)', fresh);
  b.static('restrict/body-returns-response', '(restrict-assets? tx-sender () (ok u1))');
  b.static('restrict/all-assets-unsafe-not-allowed', '(restrict-assets? tx-sender ((with-all-assets-unsafe)) u1)');
  b.static('restrict/allowance-outside', '(with-stx u1)');
  b.static('restrict/allowance-list-not-allowances', '(restrict-assets? tx-sender (u1) u1)');
  b.static('restrict/owner-not-principal', '(restrict-assets? u1 () u1)');
  b.static('restrict/no-body', '(restrict-assets? tx-sender ())');
  b.static('restrict/with-stx-int', '(restrict-assets? tx-sender ((with-stx 1)) u1)');
  b.static('restrict/with-ft-name-not-string', '(restrict-assets? tx-sender ((with-ft current-contract gold u1)) u1)');
  b.static('restrict/with-nft-not-list', '(restrict-assets? tx-sender ((with-nft current-contract "n" u1)) u1)');

  // allowances for tokens (the contract's own tokens, owner = tx-sender)
  const tok = (name: string, expr: string, repr: string): void => b.add(`restrict-tokens/${name}`, expr, 'ok', { contract: TOKENS, repr });
  const setup = '(unwrap-panic (contract-call? .contract setup))';
  tok('ft-within', `(begin ${setup} (contract-call? .contract ft-limited u10 u10))`, '(ok true)');
  tok('ft-over', `(begin ${setup} (contract-call? .contract ft-limited u10 u11))`, '(err u0)');
  tok('ft-over-reverts', `(begin ${setup} (unwrap-err-panic (contract-call? .contract ft-limited u10 u11)) (contract-call? .contract gold-of ${W1}))`, 'u0');
  tok('ft-wildcard-within', `(begin ${setup} (contract-call? .contract ft-wildcard u5))`, '(ok true)');
  tok('ft-wildcard-over', `(begin ${setup} (contract-call? .contract ft-wildcard u6))`, '(err u0)');
  tok('ft-without-ft-allowance', `(begin ${setup} (contract-call? .contract ft-no-allowance u1))`, '(err u128)');
  tok('nft-allowed-id', `(begin ${setup} (contract-call? .contract nft-limited (list u1) u1))`, '(ok true)');
  tok('nft-other-id', `(begin ${setup} (contract-call? .contract nft-limited (list u2) u1))`, '(err u0)');
  tok('nft-empty-list', `(begin ${setup} (contract-call? .contract nft-limited (list) u1))`, '(err u0)');

  // as-contract?: the contract's own assets
  const vault = (name: string, expr: string, repr: string, sender?: string): void =>
    b.add(`as-contract/${name}`, expr, 'ok', { contract: VAULT, repr, ...(sender === undefined ? {} : { sender }) });
  const dep = '(unwrap-panic (contract-call? .contract deposit u100))';
  vault('identity', '(contract-call? .contract whoami)', `(ok (tuple (caller ${DEPLOYER}.contract) (sender ${DEPLOYER}.contract)))`);
  vault('deposit-held', `(begin ${dep} (contract-call? .contract held))`, 'u100');
  vault('pay-within', `(begin ${dep} (contract-call? .contract pay u40 u50))`, '(ok true)');
  vault('pay-over', `(begin ${dep} (contract-call? .contract pay u60 u50))`, '(err u0)');
  vault('pay-over-reverts', `(begin ${dep} (unwrap-err-panic (contract-call? .contract pay u60 u50)) (contract-call? .contract held))`, 'u100');
  vault('pay-no-allowance', `(begin ${dep} (contract-call? .contract pay-no-allowance u1))`, '(err u128)');
  vault('pay-unsafe', `(begin ${dep} (contract-call? .contract pay-unsafe u100))`, '(ok true)');
  vault('pay-as-wallet-1', `(begin ${dep} (contract-call? .contract pay u10 u10))`, '(ok true)', 'wallet_1');
  b.ok('as-contract/in-expression', '(as-contract? () tx-sender)', `(ok ${DEPLOYER}.expr-0)`, fresh);
  b.static('as-contract/body-returns-response', '(as-contract? () (ok 1))');
  b.static('as-contract/no-allowance-list', '(as-contract? tx-sender)');
  b.static('as-contract/old-form-removed', '(as-contract tx-sender)');

  // keywords
  b.ok('keywords/current-contract', 'current-contract', `${DEPLOYER}.expr-0`, fresh);
  b.add('keywords/current-contract-in-callee', '(contract-call? .contract me)', 'ok', { contract: '(define-read-only (me) current-contract)', repr: `${DEPLOYER}.contract` });
  b.ok('keywords/stacks-block-time-type', '(> stacks-block-time u1600000000)', 'true', fresh);
  b.ok('keywords/block-time-of-earlier-block', '(is-some (get-stacks-block-info? time u0))', 'true', fresh);
  b.ok('keywords/tenure-time-of-future', '(get-tenure-info? time u4000000000)', 'none', fresh);
  return b.cases.map((c) => ({ ...c, epoch: C4.epoch, clarity_version: C4.clarity_version }));
}
