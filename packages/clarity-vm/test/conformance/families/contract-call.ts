// contract-call?: static calls between deployed contracts, tx-sender and contract-caller through
// call chains, as-contract (Clarity 1-3), rollback of a failing public call, calls across Clarity
// versions, and the static errors of bad calls. Dynamic calls through traits are in traits.ts.
import { C1, C2, C3, C4, CaseBuilder, DEPLOYER, WALLET_1 } from '../cases.ts';
import type { ContractSource, CorpusCase } from '../cases.ts';

const WHO = `(define-read-only (who) {sender: tx-sender, caller: contract-caller})
(define-public (who-public) (ok {sender: tx-sender, caller: contract-caller}))`;
const RELAY = `(define-public (relay) (contract-call? .who who-public))
(define-public (relay-as-contract) (as-contract (contract-call? .who who-public)))
(define-read-only (relay-read) (contract-call? .who who))`;
const COUNTER = `(define-data-var n int 0)
(define-public (add (x int)) (begin (var-set n (+ (var-get n) x)) (if (> x 100) (err u1) (ok (var-get n)))))
(define-read-only (get-n) (var-get n))
(define-private (secret) 42)`;

const tuple = (sender: string, caller: string): string => `(tuple (caller ${caller}) (sender ${sender}))`;

/** Builds the contract-call family. */
export function contractCallCases(): CorpusCase[] {
  const b = new CaseBuilder('contract-call');
  const who: ContractSource[] = [{ name: 'who', source: WHO }];
  const chain: ContractSource[] = [{ name: 'who', source: WHO }, { name: 'relay', source: RELAY }];
  const d = DEPLOYER;

  // tx-sender / contract-caller as seen by the callee
  b.ok('caller/direct-read-only', '(contract-call? .who who)', tuple(d, d), { contract: who, combo: C3 });
  b.ok('caller/direct-as-wallet-1', '(contract-call? .who who)', tuple(WALLET_1, WALLET_1), { contract: who, combo: C3, sender: 'wallet_1' });
  b.ok('caller/through-relay', '(contract-call? .relay relay)', `(ok ${tuple(d, `${d}.relay`)})`, { contract: chain, combo: C3 });
  b.ok('caller/through-relay-as-wallet-1', '(contract-call? .relay relay)', `(ok ${tuple(WALLET_1, `${d}.relay`)})`, { contract: chain, combo: C3, sender: 'wallet_1' });
  b.ok('caller/as-contract-in-relay', '(contract-call? .relay relay-as-contract)', `(ok ${tuple(`${d}.relay`, `${d}.relay`)})`, { contract: chain, combo: C3, sender: 'wallet_1' });
  b.ok('caller/read-only-relay', '(contract-call? .relay relay-read)', tuple(d, `${d}.relay`), { contract: chain, combo: C3 });
  // the oracle's snippet quirk: with a `(define-` the snippet is a contract deployed by the deployer
  b.ok('caller/snippet-with-define-is-a-contract', '(define-constant k 1) (contract-call? .who who)', tuple(d, `${d}.expr-0`), { contract: who, combo: C3, sender: 'wallet_1' });
  b.ok('caller/snippet-several-forms-uses-deployer', '1 (contract-call? .who who)', tuple(d, `${d}.expr-0`), { contract: who, combo: C3, sender: 'wallet_1' });
  b.ok('caller/as-contract-at-top-level', '(as-contract (contract-call? .who who))', tuple(`${d}.expr-0`, `${d}.expr-0`), { contract: who, combo: C3 });
  b.ok('caller/as-contract-tx-sender-at-top-level', '(as-contract tx-sender)', `${d}.expr-0`, { combo: C3, fresh: true });
  b.ok('caller/top-level-tx-sender-as-wallet-1', 'tx-sender', WALLET_1, { combo: C3, fresh: true, sender: 'wallet_1' });
  b.ok('caller/top-level-contract-caller-as-wallet-1', 'contract-caller', WALLET_1, { combo: C3, fresh: true, sender: 'wallet_1' });
  b.ok('caller/define-makes-sender-deployer', '(define-constant k 1) tx-sender', d, { combo: C3, fresh: true, sender: 'wallet_1' });
  for (const combo of [C1, C2, C4]) {
    const tag = `${combo.epoch}-c${combo.clarity_version}`;
    b.ok(`caller/through-relay@${tag}`, '(contract-call? .relay relay)', `(ok ${tuple(WALLET_1, `${d}.relay`)})`, {
      contract: [{ name: 'who', source: WHO }, { name: 'relay', source: RELAY.replace(/\n\(define-public \(relay-as-contract\)[^\n]*/, '') }],
      combo,
      sender: 'wallet_1',
    });
  }

  // state, results and rollback
  const counter: ContractSource[] = [{ name: 'counter', source: COUNTER }];
  const c = (name: string, expr: string, repr?: string): void =>
    b.add(`state/${name}`, expr, 'ok', { contract: counter, combo: C4, ...(repr === undefined ? {} : { repr }) });
  c('call-ok', '(contract-call? .counter add 5)', '(ok 5)');
  c('calls-accumulate', '(begin (try! (contract-call? .counter add 5)) (contract-call? .counter add 6))', '(ok 11)');
  c('err-result-is-a-value', '(contract-call? .counter add 500)', '(err u1)');
  c('err-rolls-back', '(begin (unwrap-err-panic (contract-call? .counter add 500)) (contract-call? .counter get-n))', '0');
  c('ok-then-err-keeps-ok', '(begin (unwrap-panic (contract-call? .counter add 5)) (unwrap-err-panic (contract-call? .counter add 500)) (contract-call? .counter get-n))', '5');
  c('full-principal', `(contract-call? '${d}.counter add 1)`, '(ok 1)');
  c('in-let', '(let ((r (unwrap-panic (contract-call? .counter add 2)))) (* r 10))', '20');
  c('result-in-match', '(match (contract-call? .counter add 500) v v e (to-int e))', '1');
  b.add('state/try-err-at-top-level', '(try! (contract-call? .counter add 500))', 'runtime', { contract: counter });
  b.add('state/private-function', '(contract-call? .counter secret)', 'static', { contract: counter });
  b.add('state/unknown-function', '(contract-call? .counter nope)', 'static', { contract: counter });
  b.add('state/wrong-arg-type', '(contract-call? .counter add u5)', 'static', { contract: counter });
  b.add('state/too-many-args', '(contract-call? .counter add 1 2)', 'static', { contract: counter });
  b.add('state/too-few-args', '(contract-call? .counter add)', 'static', { contract: counter });
  b.add('state/no-such-contract', '(contract-call? .nope add 1)', 'static', { contract: counter });
  b.add('state/contract-name-is-not-principal', '(contract-call? counter add 1)', 'static', { contract: counter });
  b.add('state/function-name-is-string', '(contract-call? .counter "add" 1)', 'static', { contract: counter });
  b.static('state/no-such-contract-fresh', '(contract-call? .nothing-here f)', { fresh: true });

  // calls between contracts at deploy time and across versions
  const lib = '(define-read-only (double (x int)) (* x 2))\n(define-public (double-pub (x int)) (ok (* x 2)))';
  const user = '(define-constant four (contract-call? .lib double 2))\n(define-read-only (get-four) four)\n(define-public (eight) (contract-call? .lib double-pub 4))';
  for (const [libV, userV] of [[1, 4], [4, 1], [2, 3], [3, 2]] as const) {
    b.ok(`versions/lib-c${libV}-user-c${userV}`, '(list (contract-call? .user get-four) (unwrap-panic (contract-call? .user eight)))', '(list 4 8)', {
      combo: C4,
      contract: [{ name: 'lib', source: lib, clarity_version: libV }, { name: 'user', source: user, clarity_version: userV }],
    });
  }
  b.add('deploy/top-level-call-result', undefined, 'ok', { contract: [{ name: 'lib', source: lib }, { name: 'user', source: '(contract-call? .lib double-pub 3)' }], repr: '(ok 6)' });
  b.add('deploy/calls-undeployed-contract', undefined, 'static', { contract: [{ name: 'user', source: user }, { name: 'lib', source: lib }] });
  b.add('deploy/calls-itself', undefined, 'static', { contract: [{ name: 'selfie', source: '(define-public (f) (ok 1))\n(define-public (g) (contract-call? .selfie f))' }] });
  b.add('deploy/read-only-calls-public', undefined, 'static', {
    contract: [{ name: 'lib', source: lib }, { name: 'user', source: '(define-read-only (r) (contract-call? .lib double-pub 1))' }],
  });
  b.add('deploy/read-only-calls-read-only', '(contract-call? .user r)', 'ok', {
    contract: [{ name: 'lib', source: lib }, { name: 'user', source: '(define-read-only (r) (contract-call? .lib double 1))' }],
    repr: '2',
  });
  b.add('deploy/runtime-error-in-callee-at-deploy', undefined, 'runtime', {
    contract: [{ name: 'lib', source: '(define-read-only (boom) (/ 1 0))' }, { name: 'user', source: '(define-constant x (contract-call? .lib boom))' }],
  });
  b.add('deploy/name-of-boot-contract-is-fine', '(contract-call? .pox-4 f)', 'ok', { contract: [{ name: 'pox-4', source: '(define-read-only (f) 1)' }], repr: '1' });

  // as-contract (removed in Clarity 4: see clarity4.ts and version-gates.ts)
  b.ok('as-contract/returns-body-value', '(as-contract (+ 1 2))', '3', { combo: C3 });
  b.ok('as-contract/nested', '(is-eq (as-contract (as-contract tx-sender)) (as-contract tx-sender))', 'true', { combo: C3 });
  b.ok('as-contract/inside-function', '(define-private (me) (as-contract tx-sender)) (is-eq (me) (as-contract tx-sender))', 'true', { combo: C3 });
  b.static('as-contract/two-args', '(as-contract 1 2)', { combo: C3 });

  // boot contracts are deployed at genesis (the oracle's simnet deploys all of them)
  b.ok('boot/pox-4-read-only', "(is-ok (contract-call? 'ST000000000000000000002AMW42H.pox-4 get-pox-info))", 'true', { combo: C4, fresh: true });
  b.ok('boot/mainnet-alias', "(is-ok (contract-call? 'SP000000000000000000002Q6VF78.pox-4 get-pox-info))", 'true', { combo: C4, fresh: true });

  // The checker sees boot contracts like any other: their signatures type the call and its result.
  const POX4 = "'ST000000000000000000002AMW42H.pox-4";
  const minAmount = (pox: string) => `(get min-amount-ustx (unwrap-panic (contract-call? ${pox} get-pox-info)))`;
  for (const [tag, combo] of [['c2', C2], ['c4', C4]] as const) {
    const fresh = { combo, fresh: true };
    b.ok(`boot/typed-result@${tag}`, `(> (+ u1 ${minAmount(POX4)}) u0)`, 'true', fresh);
    b.static(`boot/result-type-mismatch@${tag}`, `(+ 1 ${minAmount(POX4)})`, fresh);
    b.static(`boot/mainnet-result-type-mismatch@${tag}`, `(+ 1 ${minAmount("'SP000000000000000000002Q6VF78.pox-4")})`, fresh);
    b.static(`boot/argument-type-mismatch@${tag}`, `(contract-call? ${POX4} get-stacker-info u1)`, fresh);
    b.static(`boot/no-such-function@${tag}`, `(contract-call? ${POX4} no-such-function)`, fresh);
    b.static(`boot/no-such-boot-contract@${tag}`, "(contract-call? 'ST000000000000000000002AMW42H.pox-99 get-pox-info)", fresh);
    b.ok(`boot/read-only-caller@${tag}`, `(define-read-only (r) (contract-call? ${POX4} get-pox-info)) (is-ok (r))`, 'true', fresh);
    b.static(`boot/read-only-calls-public@${tag}`, `(define-read-only (r) (contract-call? ${POX4} allow-contract-caller ${POX4} none)) (r)`, fresh);
  }

  // Clarity 2: a constant bound to a contract principal literal is a static `contract-call?`
  // target for the checker (the evaluator then rejects it: ContractCallExpectName at run time);
  // any other constant is ExpectedCallableType; a let-bound principal is no trait reference.
  const callee = [{ name: 'callee', source: '(define-public (f (x uint)) (ok x))' }];
  for (const [tag, combo] of [['c2', C2], ['c4', C4]] as const) {
    const withCallee = { combo, contract: callee };
    b.runtime(`constant-target/checks-then-fails-at-run-time@${tag}`, '(define-constant c .callee) (contract-call? c f u1)', withCallee);
    b.static(`constant-target/no-such-function@${tag}`, '(define-constant c .callee) (contract-call? c nope)', withCallee);
    b.static(`constant-target/argument-type@${tag}`, '(define-constant c .callee) (contract-call? c f 1)', withCallee);
    b.static(`constant-target/argument-count@${tag}`, '(define-constant c .callee) (contract-call? c f)', withCallee);
    b.static(`constant-target/result-type@${tag}`, '(define-constant c .callee) (+ 1 (unwrap-panic (contract-call? c f u1)))', withCallee);
    b.static(`constant-target/uint-constant@${tag}`, '(define-constant c u1) (contract-call? c f u1)', withCallee);
    b.static(`constant-target/standard-principal@${tag}`, '(define-constant c tx-sender) (contract-call? c f u1)', withCallee);
    b.static(`constant-target/missing-contract@${tag}`, '(define-constant c .nothere) (contract-call? c f u1)', withCallee);
    b.static(`constant-target/let-bound-principal@${tag}`, '(let ((c .callee)) (contract-call? c f u1))', withCallee);
  }
  b.static('constant-target/clarity1-constant@2.05', '(define-constant c .callee) (contract-call? c f u1)', { combo: C1, contract: callee });
  b.static('static-target/result-type', '(+ 1 (unwrap-panic (contract-call? .callee f u1)))', { combo: C4, contract: callee });
  return b.cases;
}
