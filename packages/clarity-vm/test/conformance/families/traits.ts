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

  // Trait references against principals and other traits (v2.1 checker `clarity2_inner_type_check_type`,
  // Clarity 1 `clarity1_type_check_expects`): no trait-to-principal cast, principal-typed values are
  // no trait, a trait casts to a compatible one only from Clarity 2, Clarity 1 trait methods are checked.
  const CAST_TRAITS = `(define-trait t ((f (uint) (response uint uint))))
(define-trait wide ((f (uint) (response uint uint)) (g () (response bool uint))))`;
  const CAST_IMPL = '(define-public (f (x uint)) (ok x))\n(define-public (g) (ok true))';
  const castContracts: ContractSource[] = [
    { name: 'tr', source: CAST_TRAITS },
    { name: 'impl', source: CAST_IMPL },
    { name: 'only-g', source: '(define-public (g) (ok true))' },
  ];
  const inner = (trait: string) => `(define-private (inner (c <${trait}>)) (contract-call? c f u1))`;
  const combos: readonly (readonly [string, VersionCombo])[] = [
    ['2.05', C1],
    ['2.1-c1', { epoch: '2.1', clarity_version: 1 }],
    ['c2', C2],
    ['c4', C4],
  ];
  for (const [tag, combo] of combos) {
    const clarity2 = combo.clarity_version >= 2;
    const cast = (name: string, expr: string, expect: 'ok' | 'static' | 'runtime', repr?: string): void =>
      b.add(`casts/${name}@${tag}`, `(use-trait t .tr.t)\n(use-trait wide .tr.wide)\n${expr}`, expect, {
        combo,
        contract: castContracts,
        ...(repr === undefined ? {} : { repr }),
      });
    cast('method-unknown', '(define-public (go (c <t>)) (contract-call? c nope u1))', 'static');
    cast('method-result-typed', '(define-public (go (c <t>)) (ok (+ 1 (unwrap-panic (contract-call? c f u1)))))', 'static');
    cast('method-result-ok', '(define-public (go (c <t>)) (ok (+ u1 (unwrap-panic (contract-call? c f u1))))) (go .impl)', 'ok', '(ok u2)');
    cast('trait-to-principal-parameter', '(define-private (p (x principal)) x)\n(define-public (go (c <t>)) (ok (p c)))', 'static');
    cast('trait-is-eq-principal', '(define-public (go (c <t>)) (ok (is-eq c tx-sender)))', 'static');
    cast('trait-list', '(define-public (go (c <t>)) (ok (len (list c c)))) (go .impl)', 'ok', '(ok u2)');
    cast('principal-parameter-to-trait', `${inner('t')}\n(define-public (go (p principal)) (inner p))`, 'static');
    cast('wide-to-narrow', `${inner('t')}\n(define-public (go (c <wide>)) (inner c)) (go .impl)`, clarity2 ? 'ok' : 'static', clarity2 ? '(ok u1)' : undefined);
    cast('narrow-to-wide', '(define-private (inner (c <wide>)) (contract-call? c g))\n(define-public (go (c <t>)) (inner c))', 'static');
    cast('same-trait', `${inner('t')}\n(define-public (go (c <t>)) (inner c)) (go .impl)`, 'ok', '(ok u1)');
    cast('let-bound-trait', '(define-public (go (c <t>)) (let ((d c)) (contract-call? d f u1))) (go .impl)', clarity2 ? 'ok' : 'static', clarity2 ? '(ok u1)' : undefined);
    cast('non-conforming-literal', `${inner('t')}\n(inner .only-g)`, 'static');
    if (clarity2) {
      cast('constant-to-trait', `(define-constant k .impl)\n${inner('t')}\n(inner k)`, 'ok', '(ok u1)');
      cast('constant-non-conforming', `(define-constant k .only-g)\n${inner('t')}\n(inner k)`, 'static');
      cast('let-literal-to-trait', `${inner('t')}\n(let ((k .impl)) (inner k))`, 'ok', '(ok u1)');
      // `if` and function results are concretized: a literal loses its callable type there.
      cast('if-literals-to-trait', `${inner('t')}\n(inner (if true .impl .impl))`, 'static');
      cast('function-result-to-trait', `${inner('t')}\n(define-read-only (k) .impl)\n(inner (k))`, 'static');
      cast('if-trait-or-literal', '(define-public (go (c <t>)) (ok (is-some (some (if true c .impl))))) (go .impl)', 'static');
      cast('serialize-trait', '(define-public (go (c <t>)) (ok (len (unwrap-panic (to-consensus-buff? c))))) (go .impl)', 'ok', '(ok u27)');
      cast('serialize-trait-typed', '(define-public (go (c <t>)) (ok (+ 1 (to-consensus-buff? c)))) (go .impl)', 'static');
      // Traits inside compound types: every contract literal in a trait position must conform.
      const all = '(define-private (all (cs (list 2 <t>))) (len cs))';
      cast('list-of-literals-to-trait-list', `${all}\n(all (list .impl .impl))`, 'ok', 'u2');
      cast('list-of-literals-one-non-conforming', `${all}\n(all (list .impl .only-g))`, 'static');
      cast('tuple-literal-to-trait-field', '(define-private (one (x {c: <t>})) u1)\n(one {c: .impl})', 'ok', 'u1');
      cast('tuple-literal-non-conforming', '(define-private (one (x {c: <t>})) u1)\n(one {c: .only-g})', 'static');
      cast('optional-literal-non-conforming', '(define-private (one (x (optional <t>))) u1)\n(one (some .only-g))', 'static');
    }
    cast('if-trait-or-principal', '(define-public (go (c <t>)) (ok (if true c tx-sender))) (go .impl)', 'static');
    cast('trait-to-principal-native', '(define-public (go (c <t>)) (ok (stx-get-balance c))) (go .impl)', 'static');
    cast('trait-as-map-key', '(define-map m principal uint)\n(define-public (go (c <t>)) (ok (map-set m c u1))) (go .impl)', 'static');
    cast('print-trait', '(define-public (go (c <t>)) (ok (is-eq (print c) c))) (go .impl)', 'ok', '(ok true)');
  }
  return b.cases;
}
