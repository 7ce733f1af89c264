// Version gates: the Clarity 4 natives at every (epoch, version), natives removed in later
// versions, names of later versions (and of Clarity 5/6) that do not exist yet, and user
// definitions that reuse a name reserved only in later versions. (The Clarity 2 and 3 natives'
// gates sit with their families: bitwise, sequences, conversions, principals, consensus-buff,
// stx, block-info.)
import { ALL_COMBOS, C1, C4, CaseBuilder, DEPLOYER } from '../cases.ts';
import type { CorpusCase, Expectation, VersionCombo } from '../cases.ts';

import { R1 } from './clarity4.ts';

/** Builds the version-gates family. */
export function versionGatesCases(): CorpusCase[] {
  const b = new CaseBuilder('version-gates');
  const c4Only = (c: VersionCombo): Expectation => (c.clarity_version >= 4 ? 'ok' : 'static');

  // Clarity 4 natives
  const clarity4: readonly (readonly [string, string, string | undefined])[] = [
    ['contract-hash', `(contract-hash? '${DEPLOYER})`, '(err u1)'],
    ['to-ascii', '(to-ascii? 123)', '(ok "123")'],
    ['restrict-assets', '(restrict-assets? tx-sender () (+ u1 u2))', '(ok u3)'],
    ['as-contract?', '(as-contract? () (+ 1 2))', '(ok 3)'],
    ['with-stx', '(restrict-assets? tx-sender ((with-stx u100)) u1)', '(ok u1)'],
    ['with-ft', '(restrict-assets? tx-sender ((with-ft current-contract "tok" u1)) u1)', '(ok u1)'],
    ['with-nft', '(restrict-assets? tx-sender ((with-nft current-contract "n" (list u1))) u1)', '(ok u1)'],
    ['with-stacking', '(restrict-assets? tx-sender ((with-stacking u1)) u1)', '(ok u1)'],
    ['with-all-assets-unsafe', '(as-contract? ((with-all-assets-unsafe)) u1)', '(ok u1)'],
    ['secp256r1-verify', `(secp256r1-verify ${R1.message} ${R1.signature} ${R1.publicKey})`, 'true'],
  ];
  for (const [name, expr, repr] of clarity4)
    b.across(`clarity4/${name}`, expr, ALL_COMBOS, c4Only, repr === undefined ? {} : { repr });

  // removed natives
  b.across('removed/as-contract', '(as-contract (+ 1 1))', ALL_COMBOS, (c) => (c.clarity_version <= 3 ? 'ok' : 'static'), { repr: '2' });

  // names from Clarity 5 and 6 do not exist in Clarity 1 to 4
  const later: readonly (readonly [string, string])[] = [
    ['with-staking', '(restrict-assets? tx-sender ((with-staking u1)) u1)'],
    ['with-pox', '(restrict-assets? tx-sender ((with-pox)) u1)'],
    ['ed25519-verify', `(ed25519-verify 0x00 0x${'00'.repeat(64)} 0x${'00'.repeat(32)})`],
    ['secp256k1-decompress', `(secp256k1-decompress? 0x02${'00'.repeat(32)})`],
    ['verify-merkle-proof', `(verify-merkle-proof 0x${'00'.repeat(32)} 0x${'00'.repeat(32)} u0 u1 (list))`],
    ['get-bitcoin-tx-output', '(get-bitcoin-tx-output? 0x00 u0)'],
  ];
  for (const [name, expr] of later) {
    b.static(`later/${name}@c4`, expr, { combo: C4 });
    b.static(`later/${name}@c1`, expr, { combo: C1 });
  }

  // a name only reserved in a later version can be defined by a contract of an earlier one; where
  // it is reserved, analysis passes and the definition fails while deploying (NameAlreadyUsed)
  const reusable: readonly (readonly [string, number])[] = [
    ['stx-account', 2],
    ['slice?', 2],
    ['bit-and', 2],
    ['to-consensus-buff?', 2],
    ['get-stacks-block-info?', 3],
    ['to-ascii?', 4],
    ['contract-hash?', 4],
    ['secp256r1-verify', 4],
  ];
  for (const [name, since] of reusable)
    b.across(`user-name/function-${name}`, `(define-private (${name}) 7) u1`, ALL_COMBOS, (c) => (c.clarity_version < since ? 'ok' : 'runtime'), { repr: 'u1' });
  const reusableVars: readonly (readonly [string, number])[] = [
    ['chain-id', 2],
    ['tx-sponsor?', 2],
    ['stacks-block-height', 3],
    ['tenure-height', 3],
    ['stacks-block-time', 4],
    ['current-contract', 4],
  ];
  for (const [name, since] of reusableVars)
    b.across(`user-name/constant-${name}`, `(define-constant ${name} 7) ${name}`, ALL_COMBOS, (c) => (c.clarity_version < since ? 'ok' : 'runtime'), { repr: '7' });
  // calling such a function where the native exists reaches the native (here: a static arity error)
  b.across('user-name/call-shadowed-slice?', '(define-private (slice?) 7) (slice?)', ALL_COMBOS, (c) => (c.clarity_version < 2 ? 'ok' : 'static'), { repr: '7' });
  // a removed keyword: reserved while it exists (deploy fails), then a static "reserved word"
  b.across('user-name/constant-block-height', '(define-constant block-height 7) block-height', ALL_COMBOS, (c) => (c.clarity_version <= 2 ? 'runtime' : 'static'));
  // a removed function name is free again
  b.across('user-name/function-get-block-info?', '(define-private (get-block-info?) 7) (get-block-info?)', ALL_COMBOS, (c) => (c.clarity_version <= 2 ? 'static' : 'ok'), { repr: '7' });

  // a Clarity 1 contract's own `slice?` called from a Clarity 4 expression, next to the native
  b.ok('mixed/c1-contract-defines-slice', '{mine: (contract-call? .old slice? u5), native: (slice? "abc" u0 u1)}', '(tuple (mine u10) (native (some "a")))', {
    combo: C4,
    contract: [{ name: 'old', source: '(define-read-only (slice? (x uint)) (* x u2))', clarity_version: 1 }],
  });
  b.ok('mixed/c2-contract-uses-block-height-in-epoch-3.3', '(> (contract-call? .old height) u0)', 'true', {
    combo: C4,
    contract: [{ name: 'old', source: '(define-read-only (height) block-height)', clarity_version: 2 }],
  });
  b.add('mixed/c3-contract-cannot-use-block-height', undefined, 'static', {
    combo: C4,
    contract: [{ name: 'new', source: '(define-read-only (height) block-height)', clarity_version: 3 }],
  });
  b.add('mixed/c3-contract-as-contract-called-from-c4', '(contract-call? .old me)', 'ok', {
    combo: C4,
    contract: [{ name: 'old', source: '(define-read-only (me) (as-contract tx-sender))', clarity_version: 3 }],
    repr: `${DEPLOYER}.old`,
  });
  return b.cases;
}
