// Traits: define-trait, impl-trait, use-trait, dynamic contract-call? through a trait argument,
// contract-of, explicit and implicit conformance (implicit from Clarity 2), and the static errors
// of bad definitions, implementations and trait arguments.
import { ALL_COMBOS, C1, C2, C3, C4, CaseBuilder, DEPLOYER } from '../cases.ts';
import type { ContractSource, CorpusCase, VersionCombo } from '../cases.ts';

const TRAITS = `(define-trait greeter ((greet (uint) (response (string-ascii 20) uint))))
(define-trait counter ((next () (response uint uint)) (peek () (response uint uint))))`;
const ENGLISH = `(impl-trait .traits.greeter)
(define-public (greet (n uint)) (if (> n u0) (ok "hello") (err u7)))`;
const IMPLICIT = `(define-public (greet (n uint)) (ok "hi"))`;
const BROKEN = `(define-public (wave (n uint)) (ok "o/"))`;
const WRONG_SIG = `(define-public (greet (n int)) (ok "hey"))`;
const CALLER = `(use-trait greeter-trait .traits.greeter)
(define-public (call (g <greeter-trait>) (n uint)) (contract-call? g greet n))
(define-read-only (which (g <greeter-trait>)) (contract-of g))
(define-public (forward (g <greeter-trait>)) (call g u1))`;

/** Builds the traits family. */
export function traitsCases(): CorpusCase[] {
  const b = new CaseBuilder('traits');
  const deploy = (...extra: ContractSource[]): ContractSource[] => [
    { name: 'traits', source: TRAITS },
    { name: 'english', source: ENGLISH },
    ...extra,
    { name: 'caller', source: CALLER },
  ];
  const all = deploy({ name: 'implicit', source: IMPLICIT });
  const tcase = (name: string, expr: string, expect: 'ok' | 'static' | 'runtime', repr?: string, combo: VersionCombo = C4, contracts = all): void =>
    b.add(name, expr, expect, { contract: contracts, combo, ...(repr === undefined ? {} : { repr }) });

  tcase('dynamic/explicit-impl', '(contract-call? .caller call .english u1)', 'ok', '(ok "hello")');
  tcase('dynamic/explicit-impl-err', '(contract-call? .caller call .english u0)', 'ok', '(err u7)');
  tcase('dynamic/forwarded-through-two-functions', '(contract-call? .caller forward .english)', 'ok', '(ok "hello")');
  tcase('dynamic/contract-of', '(contract-call? .caller which .english)', 'ok', `${DEPLOYER}.english`);
  tcase('dynamic/full-principal-argument', `(contract-call? .caller call '${DEPLOYER}.english u1)`, 'ok', '(ok "hello")');
  tcase('dynamic/implicit-impl', '(contract-call? .caller call .implicit u1)', 'ok', '(ok "hi")');
  tcase('dynamic/not-implementing', '(contract-call? .caller call .broken u1)', 'static', undefined, C4, deploy({ name: 'broken', source: BROKEN }));
  tcase('dynamic/wrong-signature', '(contract-call? .caller call .wrongsig u1)', 'static', undefined, C4, deploy({ name: 'wrongsig', source: WRONG_SIG }));
  tcase('dynamic/undeployed-contract', '(contract-call? .caller call .nobody u1)', 'static');
  tcase('dynamic/standard-principal-argument', `(contract-call? .caller call '${DEPLOYER} u1)`, 'static');
  tcase('dynamic/uint-argument', '(contract-call? .caller call u1 u1)', 'static');

  // the same dynamic call at each version (implicit conformance works in Clarity 1 too)
  for (const combo of ALL_COMBOS) {
    const tag = `${combo.epoch}-c${combo.clarity_version}`;
    tcase(`versions/explicit@${tag}`, '(contract-call? .caller call .english u1)', 'ok', '(ok "hello")', combo);
    tcase(`versions/implicit@${tag}`, '(contract-call? .caller call .implicit u1)', 'ok', '(ok "hi")', combo);
    // a let-bound contract principal passes as a trait argument from Clarity 2 on
    const c2 = combo.clarity_version >= 2;
    tcase(`versions/principal-variable@${tag}`, '(let ((p .english)) (contract-call? .caller call p u1))', c2 ? 'ok' : 'static', c2 ? '(ok "hello")' : undefined, combo);
  }

  // definitions that fail
  const bad = (name: string, source: string, combo: VersionCombo = C4): void =>
    b.add(`definition/${name}`, undefined, 'static', { contract: [{ name: 'traits', source: TRAITS }, { name: 'bad', source }], combo });
  bad('impl-missing-function', `(impl-trait .traits.greeter)\n${BROKEN}`);
  bad('impl-wrong-arg-type', `(impl-trait .traits.greeter)\n${WRONG_SIG}`);
  bad('impl-wrong-return-type', '(impl-trait .traits.greeter)\n(define-public (greet (n uint)) (ok u1))');
  bad('impl-private-function', '(impl-trait .traits.greeter)\n(define-private (greet (n uint)) (ok "x"))');
  bad('impl-undefined-trait', '(impl-trait .traits.waver)\n(define-public (greet (n uint)) (ok "x"))');
  bad('impl-undeployed-contract', '(impl-trait .nowhere.greeter)\n(define-public (greet (n uint)) (ok "x"))');
  bad('impl-partial-counter', '(impl-trait .traits.counter)\n(define-public (next) (ok u1))');
  bad('use-undefined-trait', '(use-trait t .traits.waver)\n(define-public (f (x <t>)) (ok u1))');
  bad('use-trait-unknown-alias', '(define-public (f (x <nope>)) (ok u1))');
  bad('call-function-not-in-trait', '(use-trait g .traits.greeter)\n(define-public (f (x <g>)) (contract-call? x wave u1))');
  bad('call-trait-wrong-arg', '(use-trait g .traits.greeter)\n(define-public (f (x <g>)) (contract-call? x greet 1))');
  bad('trait-and-function-same-name', '(define-trait relay ((relay () (response uint uint))))\n(define-public (relay) (ok u1))');
  bad('define-trait-duplicate', '(define-trait t ((f () (response uint uint))))\n(define-trait t ((g () (response uint uint))))');
  bad('define-trait-bad-signature', '(define-trait t ((f uint (response uint uint))))');
  bad('define-trait-non-response-return', '(define-trait t ((f () uint)))', C1);
  bad('trait-in-read-only-dynamic-call', '(use-trait g .traits.greeter)\n(define-read-only (f (x <g>)) (contract-call? x greet u1))');

  // definitions that work
  const good = (name: string, source: string, expr: string, repr: string, combo: VersionCombo = C4): void =>
    b.add(`definition/${name}`, expr, 'ok', { contract: [{ name: 'traits', source: TRAITS }, { name: 'english', source: ENGLISH }, { name: 'good', source }], combo, repr });
  good('impl-two-traits', '(impl-trait .traits.greeter)\n(impl-trait .traits.counter)\n(define-public (greet (n uint)) (ok "x"))\n(define-public (next) (ok u1))\n(define-public (peek) (ok u0))', '(contract-call? .good next)', '(ok u1)');
  good('impl-with-extra-functions', '(impl-trait .traits.greeter)\n(define-public (greet (n uint)) (ok "x"))\n(define-public (other) (ok u2))', '(contract-call? .good other)', '(ok u2)');
  good('trait-in-let', '(use-trait g .traits.greeter)\n(define-public (f (x <g>)) (let ((y x)) (contract-call? y greet u1)))', '(contract-call? .good f .english)', '(ok "hello")', C2);
  good('trait-in-list-c2', '(use-trait g .traits.greeter)\n(define-public (f (xs (list 2 <g>))) (ok (len xs)))', '(contract-call? .good f (list .english .english))', '(ok u2)', C2);
  bad('dynamic-call-on-expression', '(use-trait g .traits.greeter)\n(define-public (f (t {x: <g>})) (contract-call? (get x t) greet u1))', C3);
  good('trait-in-tuple-c2', '(use-trait g .traits.greeter)\n(define-public (f (t {x: <g>})) (let ((x (get x t))) (contract-call? x greet u1)))', '(contract-call? .good f {x: .english})', '(ok "hello")', C3);
  good('trait-arg-compared-in-c1', '(use-trait g .traits.greeter)\n(define-public (f (x <g>)) (ok (is-eq x x)))', '(contract-call? .good f .english)', '(ok true)', C1);
  good('trait-in-optional-c2', '(use-trait g .traits.greeter)\n(define-public (f (o (optional <g>))) (match o x (contract-call? x greet u1) (err u0)))', '(contract-call? .good f (some .english))', '(ok "hello")', C2);
  good('use-trait-alias-differs', '(use-trait hello .traits.greeter)\n(define-public (f (x <hello>)) (contract-call? x greet u1))', '(contract-call? .good f .english)', '(ok "hello")');
  good('local-trait', '(define-trait local ((greet (uint) (response (string-ascii 20) uint))))\n(define-public (f (x <local>)) (contract-call? x greet u1))', '(contract-call? .good f .english)', '(ok "hello")');
  good('trait-with-trait-arg', '(use-trait g .traits.greeter)\n(define-trait relayer ((relay (<g>) (response (string-ascii 20) uint))))\n(define-public (relay (x <g>)) (contract-call? x greet u1))', '(contract-call? .good relay .english)', '(ok "hello")');
  good('contract-of-in-c1', '(use-trait g .traits.greeter)\n(define-read-only (f (x <g>)) (contract-of x))', '(contract-call? .good f .english)', `${DEPLOYER}.english`, C1);

  // the dynamic callee sees the caller contract as contract-caller
  const whoTrait = '(define-trait who-t ((who () (response {sender: principal, caller: principal} uint))))';
  const whoImpl = '(define-public (who) (ok {sender: tx-sender, caller: contract-caller}))';
  const whoCaller = '(use-trait w .wt.who-t)\n(define-public (ask (x <w>)) (contract-call? x who))';
  b.ok('dynamic/callee-sees-caller', '(contract-call? .asker ask .whoimpl)', `(ok (tuple (caller ${DEPLOYER}.asker) (sender ST1SJ3DTE5DN7X54YDH5D64R3BCB6A2AG2ZQ8YPD5)))`, {
    contract: [{ name: 'wt', source: whoTrait }, { name: 'whoimpl', source: whoImpl }, { name: 'asker', source: whoCaller }],
    combo: C3,
    sender: 'wallet_1',
  });

  // contract-of needs a trait reference
  b.static('contract-of/principal', `(contract-of '${DEPLOYER}.english)`);
  b.static('contract-of/int', '(contract-of 1)');
  b.static('contract-of/no-args', '(contract-of)');
  b.static('define-trait/in-expression-bad', '(define-trait t (f))');
  b.ok('define-trait/in-expression', '(define-trait t ((f () (response uint uint)))) u1', 'u1');
  b.static('use-trait/of-own-snippet-trait-undeployed', '(use-trait t .nowhere.t) u1');
  b.static('impl-trait/in-expression-missing', '(impl-trait .nowhere.t) u1', { combo: C3 });
  return b.cases;
}
