// Traits: define-trait, impl-trait, use-trait, dynamic contract-call? through a trait argument,
// contract-of, explicit and implicit conformance (implicit from Clarity 2), and the static errors
// of bad definitions, implementations and trait arguments.
import { ALL_COMBOS, C1, C2, C3, C4, CaseBuilder, DEPLOYER, comboLabel } from '../cases.ts';
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

  // Trait identity at run time: from Clarity 2 a trait argument is a callable typed by its trait
  // (`Value::CallableContract`), not a principal. Where it meets a contract principal literal in one
  // type (list items, `is-eq`, `append`, `concat`) the reference fails with `TypeError`, `replace-at?`
  // with `TypeValueError`; callables of two traits unify but no list item fits that union once lists
  // are sanitized (Epoch 2.4 on: `ListTypesMustMatch`); `is-eq`/`index-of?` compare the trait too.
  // In Clarity 1 the argument stays a principal, and a trait nested in a compound parameter admits none.
  const IDENTITY_IMPL = '(define-public (f (x uint)) (ok x))\n(define-public (g) (ok true))';
  const identityContracts: ContractSource[] = [
    { name: 'tr', source: CAST_TRAITS },
    { name: 'impl', source: IDENTITY_IMPL },
    { name: 'impl2', source: IDENTITY_IMPL },
  ];
  const C21_1: VersionCombo = { epoch: '2.1', clarity_version: 1 };
  const C21_2: VersionCombo = { epoch: '2.1', clarity_version: 2 };
  const C30_3: VersionCombo = { epoch: '3.0', clarity_version: 3 };
  const IMPL = `${DEPLOYER}.impl`;
  const identity = (name: string, body: string, expect: 'ok' | 'static' | 'runtime', repr?: string, combo: VersionCombo = C4): void =>
    b.add(`identity/${name}@${comboLabel(combo)}`, `(use-trait t .tr.t)\n(use-trait wide .tr.wide)\n${body}`, expect, {
      combo,
      contract: identityContracts,
      ...(repr === undefined ? {} : { repr }),
    });
  const go = (expr: string, args = '.impl'): string => `(define-public (go (c <t>)) ${expr}) (go ${args})`;
  // a trait value and a contract literal in one list, directly or nested
  const listMixed = go('(ok (len (list c .impl)))');
  identity('list-trait-then-literal', listMixed, 'ok', '(ok u2)', C21_1);
  identity('list-trait-then-literal', listMixed, 'runtime', undefined, C21_2);
  identity('list-trait-then-literal', listMixed, 'runtime', undefined, C2);
  identity('list-trait-then-literal', listMixed, 'runtime', undefined, C30_3);
  identity('list-trait-then-literal', listMixed, 'runtime');
  identity('list-literal-then-trait', go('(ok (len (list .impl c)))'), 'runtime');
  identity('list-of-optionals', go('(ok (len (list (some c) (some .impl))))'), 'runtime');
  identity('list-of-optionals-with-none', go('(ok (len (list (some c) none)))'), 'ok', '(ok u2)');
  identity('list-of-tuples', go('(ok (len (list {a: c} {a: .impl})))'), 'runtime');
  identity('list-of-ok-and-err', go('(ok (len (list (ok c) (err .impl))))'), 'ok', '(ok u2)');
  identity('list-of-lists', go('(ok (len (list (list c) (list .impl))))'), 'runtime');
  identity('list-after-let', go('(let ((d c)) (ok (len (list d .impl))))'), 'runtime');
  identity('list-after-match', go('(match (some c) x (ok (len (list x .impl))) (err u0))'), 'runtime');
  identity('list-after-if', go('(ok (len (list (if true c c) .impl)))'), 'runtime');
  identity('list-after-merge', go('(ok (len (list (merge {a: c} {b: u1}) {a: .impl, b: u2})))'), 'runtime');
  identity('list-with-constant', `(define-constant k .impl)\n${go('(ok (len (list c k)))')}`, 'runtime');
  identity('list-of-function-results', `(define-private (wrap (x <t>)) (some x))\n${go('(ok (len (list (wrap c) (some .impl))))')}`, 'runtime');
  identity('list-passed-on', `(define-private (h (xs (list 2 <t>))) (len xs))\n${go('(ok (h (list c .impl)))')}`, 'runtime');
  // two trait values
  const twoImpls = '(define-public (go (c <t>) (d <t>)) (ok (list c d))) (go .impl .impl2)';
  identity('list-two-callables', twoImpls, 'ok', `(ok (list ${IMPL} ${DEPLOYER}.impl2))`, C1);
  identity('list-two-callables', twoImpls, 'ok', `(ok (list ${IMPL} ${DEPLOYER}.impl2))`);
  const twoTraits = '(define-public (go (c <t>) (d <wide>)) (ok (len (list c d)))) (go .impl .impl)';
  identity('list-two-traits', twoTraits, 'ok', '(ok u2)', C21_1);
  identity('list-two-traits', twoTraits, 'ok', '(ok u2)', C21_2);
  identity('list-two-traits', twoTraits, 'runtime', undefined, C2);
  identity('list-two-traits', twoTraits, 'runtime');
  // equality
  identity('is-eq-trait-literal', go('(ok (is-eq c .impl))'), 'ok', '(ok true)', C21_1);
  identity('is-eq-trait-literal', go('(ok (is-eq c .impl))'), 'runtime');
  identity('is-eq-optionals', go('(ok (is-eq (some c) (some .impl)))'), 'runtime');
  identity('is-eq-contract-of', go('(ok (is-eq (contract-of c) .impl))'), 'ok', '(ok true)');
  identity('is-eq-two-callables', '(define-public (go (c <t>) (d <t>)) (ok (is-eq c d))) (go .impl .impl2)', 'ok', '(ok false)');
  const sameContractTwoTraits = '(define-public (go (c <t>) (d <wide>)) (ok (is-eq c d))) (go .impl .impl)';
  identity('is-eq-two-traits-one-contract', sameContractTwoTraits, 'ok', '(ok true)', C21_1);
  identity('is-eq-two-traits-one-contract', sameContractTwoTraits, 'ok', '(ok false)');
  identity('index-of-literal', go('(ok (index-of? (list c) .impl))'), 'ok', '(ok none)');
  // sequence natives
  identity('append-literal', go('(ok (len (append (list c) .impl)))'), 'runtime');
  identity('concat-literal-list', go('(ok (len (concat (list c) (list .impl))))'), 'runtime');
  identity('replace-at-literal', go('(ok (is-some (replace-at? (list c c) u0 .impl)))'), 'runtime');
  identity('map-fold-filter', `(define-private (id (x <t>)) x)\n(define-private (yes (x <t>)) true)\n(define-private (cnt (x <t>) (n uint)) (+ n u1))\n${go('(ok (+ (len (map id (list c c))) (len (filter yes (list c c))) (fold cnt (list c c) u0)))')}`, 'ok', '(ok u6)');
  // printing, serializing, returning, storing
  identity('print-list', go('(ok (print (list c c)))'), 'ok', `(ok (list ${IMPL} ${IMPL}))`);
  identity('to-consensus-buff-list', go('(ok (to-consensus-buff? (list c c)))'), 'ok', `(ok (some 0x0b00000002061a6d78de7b0625dfbfc16c3a8a5735f6dc3dc3f2ce04696d706c061a6d78de7b0625dfbfc16c3a8a5735f6dc3dc3f2ce04696d706c))`);
  identity('returned-in-tuple', go('(ok {a: c, b: (some c)})'), 'ok', `(ok (tuple (a ${IMPL}) (b (some ${IMPL}))))`);
  identity('map-set-literal-tuple', `(define-map m uint {p: principal})\n${go('(ok (map-set m u1 {p: .impl}))')}`, 'ok', '(ok true)');
  // a list of trait values passed to a `(list 2 <t>)` parameter: Clarity 1 admits no principal there
  const passOn = `(define-private (h (xs (list 2 <t>))) (len xs))\n${go('(ok (h (list c c)))')}`;
  identity('list-of-callables-passed-on', passOn, 'runtime', undefined, C1);
  identity('list-of-callables-passed-on', passOn, 'runtime', undefined, C21_1);
  identity('list-of-callables-passed-on', passOn, 'ok', '(ok u2)');
  // a literal passed to a trait parameter comes back a callable, also from another contract and
  // into a Clarity 1 caller (which then fails where its own trait arguments would not)
  identity('function-result-of-literal', `(define-private (id (x <t>)) x)\n${go('(ok (len (list (id .impl) .impl)))')}`, 'runtime');
  const echoContracts: ContractSource[] = [
    ...identityContracts,
    { name: 'echo', source: '(use-trait t .tr.t)\n(define-public (echo (c <t>)) (ok c))', clarity_version: 2 },
  ];
  const echoed = (name: string, expr: string, expect: 'ok' | 'runtime', repr: string | undefined, combo: VersionCombo): void =>
    b.add(`identity/${name}@${comboLabel(combo)}`, `(use-trait t .tr.t)\n${go(expr)}`, expect, {
      combo,
      contract: echoContracts,
      ...(repr === undefined ? {} : { repr }),
    });
  echoed('echoed-callable-in-c1-list', '(ok (len (list (unwrap-panic (contract-call? .echo echo c)) .impl)))', 'runtime', undefined, C21_1);
  echoed('echoed-callable-is-eq', '(ok (is-eq (unwrap-panic (contract-call? .echo echo c)) c))', 'ok', '(ok true)', C21_2);

  // Static analysis of trait-typed values: the reference's `ListUnionType` (a trait joined with other
  // traits or contract literals: never concretized, so `if` arms, function results and `principal`
  // parameters reject it; Clarity 2 checks each member where a trait is expected), the 2.05 checker
  // (trait references unify only when equal), and Clarity 1's `admits_type`, which concretizes
  // callables, so a trait inside a compound parameter takes no contract literal. One answer per
  // combination of ANALYSIS_COMBOS (undefined: no case).
  const ANALYSIS_COMBOS: readonly VersionCombo[] = [C1, C21_1, C21_2, C2, C30_3, C4];
  const analysisContracts: ContractSource[] = [...identityContracts, { name: 'nof', source: '(define-public (g) (ok true))' }];
  const S = 'static';
  const R = 'runtime';
  const analysis = (name: string, body: string, answers: readonly (string | undefined)[]): void => {
    answers.forEach((answer, i) => {
      if (answer === undefined) return;
      const combo = ANALYSIS_COMBOS[i]!;
      const expr = `(use-trait t .tr.t)\n(use-trait wide .tr.wide)\n${body}`;
      if (answer === S || answer === R) b.add(`analysis/${name}@${comboLabel(combo)}`, expr, answer, { combo, contract: analysisContracts });
      else b.add(`analysis/${name}@${comboLabel(combo)}`, expr, 'ok', { combo, contract: analysisContracts, repr: answer });
    });
  };
  const two = (expr: string): string => `(define-public (go (c <t>) (d <wide>)) ${expr}) (go .impl .impl)`;
  const listParam = (item: string): string => `(define-private (h (xs (list 2 ${item}))) (len xs))\n`;
  // `(default-to c none)` is the trait itself
  analysis('default-to-none-in-list', go('(ok (len (list (default-to c none) .impl)))'), [S, '(ok u2)', R, R, R, R]);
  analysis('default-to-none-passed', `(define-private (h (x <t>)) u1)\n${go('(ok (h (default-to c none)))')}`, ['(ok u1)', '(ok u1)', '(ok u1)', undefined, undefined, '(ok u1)']);
  analysis('default-to-some-literal', go('(ok (len (list (default-to c (some .impl)) .impl)))'), [S, '(ok u2)', '(ok u2)', undefined, undefined, '(ok u2)']);
  analysis('default-to-two-traits', two('(ok (len (list (default-to c (some d)))))'), [S, '(ok u1)', '(ok u1)', undefined, undefined, '(ok u1)']);
  // two different traits: no supertype at 2.05, a union from 2.1
  analysis('list-two-traits', two('(ok (len (list c d)))'), [S, undefined, undefined, undefined, undefined, undefined]);
  analysis('is-eq-two-traits', two('(ok (is-eq c d))'), [S, '(ok true)', '(ok false)', undefined, undefined, '(ok false)']);
  analysis('list-optionals-two-traits', two('(ok (len (list (some c) (some d))))'), [S, '(ok u2)', '(ok u2)', R, undefined, R]);
  analysis('is-eq-optionals-two-traits', two('(ok (is-eq (some c) (some d)))'), [S, '(ok true)', '(ok false)', undefined, undefined, '(ok false)']);
  analysis('append-two-traits', two('(ok (len (append (list c) d)))'), [S, '(ok u2)', '(ok u2)', R, undefined, R]);
  analysis('concat-two-traits', two('(ok (len (concat (list c) (list d))))'), [S, '(ok u2)', '(ok u2)', R, undefined, R]);
  analysis('match-arms-two-traits', two('(ok (len (list (match (some c) x x d))))'), [S, '(ok u1)', '(ok u1)', undefined, undefined, '(ok u1)']);
  analysis('if-arms-two-traits', two('(ok (len (list (if true c d))))'), [S, S, S, S, S, S]);
  analysis('function-result-two-traits', `(define-private (pick (c <t>) (d <wide>)) (begin (unwrap! (some u1) c) d))\n${two('(ok (len (list (pick c d))))')}`, [S, S, S, undefined, S, S]);
  analysis('function-result-trait-and-literal', `(define-private (pick (c <t>)) (unwrap-panic (element-at? (list c .impl) u0)))\n${go('(ok (len (list (pick c))))')}`, [undefined, undefined, S, undefined, S, S]);
  // a union where a trait or a principal is expected
  analysis('two-traits-to-trait-list', listParam('<t>') + two('(ok (h (list c d)))'), [S, S, '(ok u2)', R, R, R]);
  analysis('two-traits-to-narrower-trait-list', listParam('<wide>') + two('(ok (h (list c d)))'), [undefined, S, S, undefined, undefined, S]);
  analysis('two-traits-to-principal-list', listParam('principal') + two('(ok (h (list c d)))'), [S, S, S, S, S, S]);
  analysis('trait-and-literal-to-principal-list', listParam('principal') + go('(ok (h (list c .impl)))'), [S, S, S, undefined, undefined, S]);
  analysis('trait-and-literal-to-trait-list', listParam('<t>') + go('(ok (h (list c .impl)))'), [S, S, R, R, R, R]);
  analysis('trait-and-non-conforming-literal', listParam('<t>') + go('(ok (h (list c .nof)))'), [S, S, S, undefined, S, S]);
  analysis('union-element-to-trait', `(define-private (h (x <t>)) u1)\n${go('(ok (h (unwrap-panic (element-at? (list c .impl) u0))))')}`, [undefined, undefined, R, undefined, undefined, R]);
  analysis('union-element-to-principal', `(define-private (h (x principal)) u1)\n${go('(ok (h (unwrap-panic (element-at? (list c .impl) u0))))')}`, [undefined, undefined, S, undefined, undefined, S]);
  // contract literals inside compound values: Clarity 1 admits none where a trait is nested
  analysis('some-literal-to-optional-trait', '(define-private (h (o (optional <t>))) u1)\n(h (some .impl))', [S, S, 'u1', undefined, 'u1', 'u1']);
  analysis('let-bound-some-literal-to-optional-trait', '(define-private (h (o (optional <t>))) u1)\n(let ((p (some .impl))) (h p))', [S, S, 'u1', undefined, undefined, 'u1']);
  analysis('literal-list-to-trait-list', '(define-private (h (xs (list 2 <t>))) u1)\n(h (list .impl .impl2))', [S, S, 'u1', undefined, undefined, 'u1']);
  analysis('literal-tuple-to-trait-field', '(define-private (h (x {a: <t>})) u1)\n(h {a: .impl})', [S, S, 'u1', undefined, 'u1', 'u1']);
  analysis('ok-literal-to-trait-response', '(define-private (h (r (response <t> uint))) u1)\n(h (ok .impl))', [S, S, 'u1', undefined, undefined, 'u1']);
  analysis('some-trait-to-optional-trait', `(define-private (h (o (optional <t>))) u1)\n${go('(ok (h (some c)))')}`, [R, R, '(ok u1)', undefined, undefined, '(ok u1)']);
  analysis('some-wider-trait-to-optional-trait', `(define-private (h (o (optional <t>))) u1)\n(define-public (go (d <wide>)) (ok (h (some d)))) (go .impl)`, [S, S, '(ok u1)', undefined, undefined, '(ok u1)']);
  analysis('optional-param-in-list', '(define-public (go (o (optional <t>))) (ok (len (list o (some .impl))))) (go (some .impl))', [undefined, S, R, undefined, undefined, R]);
  analysis('tuple-param-in-list', '(define-public (go (x {a: <t>})) (ok (len (list x {a: .impl})))) (go {a: .impl})', [undefined, S, R, undefined, undefined, R]);
  // `map`/`filter`/`fold` check a user function's parameters with `admits_type` in every version
  // (the same trait only), and a simple native's too (a trait is no `principal`)
  const id = '(define-private (id (x <t>)) u1)\n';
  analysis('map-over-union', id + two('(ok (len (map id (list c d))))'), [S, S, S, S, S, S]);
  analysis('fold-over-union', `(define-private (cnt (x <t>) (n uint)) (+ n u1))\n${two('(ok (fold cnt (list c d) u0))')}`, [S, S, S, S, S, S]);
  analysis('filter-over-trait-and-literal', `(define-private (yes (x <t>)) true)\n${go('(ok (len (filter yes (list c .impl))))')}`, [S, S, S, S, S, S]);
  analysis('map-over-literals', `${id}(define-public (go) (ok (len (map id (list .impl .impl2))))) (go)`, [S, S, S, undefined, undefined, S]);
  analysis('map-over-wider-trait', `${id}(define-public (go (d <wide>)) (ok (len (map id (list d))))) (go .impl)`, [S, S, S, undefined, undefined, S]);
  analysis('map-over-same-trait', id + go('(ok (len (map id (list c c))))'), ['(ok u2)', '(ok u2)', '(ok u2)', undefined, undefined, '(ok u2)']);
  analysis('map-is-standard-over-traits', go('(ok (len (map is-standard (list c))))'), [S, S, S, S, S, S]);
  analysis('map-is-standard-over-union', two('(ok (len (map is-standard (list c d))))'), [S, S, S, S, S, S]);
  analysis('map-is-standard-over-literals', '(define-public (go) (ok (len (map is-standard (list .impl .impl2))))) (go)', [S, S, '(ok u2)', undefined, undefined, '(ok u2)']);
  // a union has no serialized size
  analysis('to-consensus-buff-union', two('(ok (is-some (to-consensus-buff? (list c d))))'), [S, S, S, S, S, S]);
  analysis('to-consensus-buff-trait-and-literal', go('(ok (is-some (to-consensus-buff? (list c .impl))))'), [undefined, undefined, S, undefined, undefined, S]);
  analysis('to-consensus-buff-union-in-tuples', two('(ok (is-some (to-consensus-buff? (list {a: c} {a: d}))))'), [undefined, undefined, S, undefined, undefined, S]);
  analysis('to-consensus-buff-default-to-trait', go('(ok (is-some (to-consensus-buff? (some (default-to c none)))))'), [undefined, undefined, '(ok true)', undefined, undefined, '(ok true)']);
  // more places a union goes
  analysis('replace-at-other-trait', two('(ok (is-some (replace-at? (list c c) u0 d)))'), [S, S, R, undefined, undefined, R]);
  analysis('union-as-call-target', two('(contract-call? (unwrap-panic (element-at? (list c d) u0)) f u1)'), [undefined, undefined, S, undefined, undefined, S]);
  analysis('union-list-to-map', `(define-map m uint (list 2 principal))\n${go('(ok (map-set m u1 (list c .impl)))')}`, [undefined, S, S, undefined, undefined, S]);
  analysis('let-bound-union-to-trait', `(define-private (h (x <t>)) u1)\n${two('(let ((u (unwrap-panic (element-at? (list c d) u0)))) (ok (h u)))')}`, [undefined, undefined, '(ok u1)', R, undefined, R]);
  analysis('index-of-in-union', two('(ok (index-of? (list c d) c))'), [S, S, S, S, S, S]);
  analysis('index-of-in-trait-and-literal', go('(ok (index-of? (list c .impl) c))'), [undefined, S, S, undefined, undefined, S]);
  analysis('replace-at-in-union', two('(ok (is-some (replace-at? (list c d) u0 c)))'), [undefined, S, S, undefined, undefined, S]);
  analysis('append-to-union', two('(ok (len (append (list c d) c)))'), [undefined, '(ok u3)', '(ok u3)', undefined, undefined, R]);
  analysis('if-optional-two-traits', two('(ok (is-some (if true (some c) (some d))))'), [S, '(ok true)', '(ok true)', undefined, undefined, '(ok true)']);
  analysis('if-optional-union-to-param', `(define-private (h (o (optional <t>))) u1)\n${two('(ok (h (if true (some c) (some d))))')}`, [S, S, '(ok u1)', undefined, undefined, '(ok u1)']);
  analysis('if-two-literals-to-trait', '(define-private (h (x <t>)) u1)\n(define-public (go) (ok (h (if true .impl .impl2)))) (go)', [S, S, S, undefined, undefined, S]);
  analysis('response-union-result', `(define-private (r (c <t>) (d <wide>)) (if true (ok c) (ok d)))\n${two('(ok (is-ok (r c d)))')}`, [S, '(ok true)', '(ok true)', undefined, undefined, '(ok true)']);
  analysis('asserts-throws-trait', `(define-private (pick (c <t>) (d <wide>)) (begin (asserts! true c) d))\n${two('(ok u1)')}`, [S, S, S, undefined, undefined, S]);
  analysis('optional-union-result', `(define-private (r (c <t>)) (some (unwrap-panic (element-at? (list c .impl) u0))))\n${go('(ok (is-some (r c)))')}`, [undefined, undefined, R, undefined, undefined, R]);
  return b.cases;
}
