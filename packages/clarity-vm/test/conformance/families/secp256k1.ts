// secp256k1-recover? and secp256k1-verify with real signatures made by fixtures.ts: valid, high-S,
// wrong key or digest, bad recovery ids, short and long buffers (some lengths are static errors,
// some are runtime type checks, some are plain `false` / `(err u2)`).
import { ALL_COMBOS, CaseBuilder } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';
import { HIGH_S } from '../divergences.ts';
import { KEY, KEY2, signed } from '../fixtures.ts';

/** Builds the secp256k1 family. */
export function secp256k1Cases(): CorpusCase[] {
  const b = new CaseBuilder('secp256k1');
  const messages = ['hello', 'clarity', ''];
  for (const [ki, key] of [KEY, KEY2].entries()) {
    const other = ki === 0 ? KEY2 : KEY;
    for (const [mi, msg] of messages.entries()) {
      const s = signed(msg, key);
      const tag = `k${ki + 1}m${mi + 1}`;
      b.ok(`recover/${tag}/valid`, `(secp256k1-recover? 0x${s.digest} 0x${s.signatureRsv})`, `(ok 0x${key.publicKey})`);
      b.ok(`recover/${tag}/high-s-recovers-same-key`, `(secp256k1-recover? 0x${s.digest} 0x${s.highSRsv})`, `(ok 0x${key.publicKey})`);
      b.ok(`recover/${tag}/other-digest-other-key`, `(is-eq (secp256k1-recover? (sha256 0x00) 0x${s.signatureRsv}) (ok 0x${key.publicKey}))`, 'false');
      b.ok(`verify/${tag}/valid-65`, `(secp256k1-verify 0x${s.digest} 0x${s.signatureRsv} 0x${key.publicKey})`, 'true');
      b.ok(`verify/${tag}/valid-64`, `(secp256k1-verify 0x${s.digest} 0x${s.signatureRsv.slice(0, 128)} 0x${key.publicKey})`, 'true');
      b.ok(`verify/${tag}/high-s-rejected`, `(secp256k1-verify 0x${s.digest} 0x${s.highSRsv} 0x${key.publicKey})`, 'true', { divergence: HIGH_S });
      b.ok(`verify/${tag}/wrong-key`, `(secp256k1-verify 0x${s.digest} 0x${s.signatureRsv} 0x${other.publicKey})`, 'false');
      b.ok(`verify/${tag}/wrong-digest`, `(secp256k1-verify (sha256 0x01) 0x${s.signatureRsv} 0x${key.publicKey})`, 'false');
      b.ok(
        `verify/${tag}/recovered-key-verifies`,
        `(secp256k1-verify 0x${s.digest} 0x${s.signatureRsv} (unwrap-panic (secp256k1-recover? 0x${s.digest} 0x${s.signatureRsv})))`,
        'true',
      );
    }
  }

  const s = signed('edge cases', KEY);
  const sig64 = s.signatureRsv.slice(0, 128);
  const recid = parseInt(s.signatureRsv.slice(128), 16);
  const withRecid = (r: number): string => `0x${sig64}${r.toString(16).padStart(2, '0')}`;
  // recovery ids: the other parity recovers a different key; 2 and 3 almost never recover; >3 is (err u2)
  b.ok('recover/other-parity-other-key', `(is-eq (secp256k1-recover? 0x${s.digest} ${withRecid(recid ^ 1)}) (ok 0x${KEY.publicKey}))`, 'false');
  b.ok('recover/recid-2', `(secp256k1-recover? 0x${s.digest} ${withRecid(2)})`, '(err u1)');
  b.ok('recover/recid-3', `(secp256k1-recover? 0x${s.digest} ${withRecid(3)})`, '(err u1)');
  b.ok('recover/recid-4', `(secp256k1-recover? 0x${s.digest} ${withRecid(4)})`, '(err u2)');
  b.ok('recover/recid-ff', `(secp256k1-recover? 0x${s.digest} ${withRecid(255)})`, '(err u2)');
  b.ok('recover/64-bytes', `(secp256k1-recover? 0x${s.digest} 0x${sig64})`, '(err u2)');
  b.ok('recover/empty-signature', `(secp256k1-recover? 0x${s.digest} 0x)`, '(err u2)');
  b.ok('recover/all-zero', `(secp256k1-recover? 0x${s.digest} 0x${'00'.repeat(65)})`, '(err u1)');
  b.ok('recover/r-equals-order', `(secp256k1-recover? 0x${s.digest} 0x${'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141'}${sig64.slice(64)}00)`, '(err u1)');
  b.static('recover/66-bytes', `(secp256k1-recover? 0x${s.digest} 0x${s.signatureRsv}00)`);
  b.static('recover/33-byte-digest', `(secp256k1-recover? 0x${s.digest}00 0x${s.signatureRsv})`);
  b.runtime('recover/31-byte-digest', `(secp256k1-recover? 0x${s.digest.slice(2)} 0x${s.signatureRsv})`);
  b.static('recover/string-digest', `(secp256k1-recover? "abc" 0x${s.signatureRsv})`);
  b.static('recover/one-arg', `(secp256k1-recover? 0x${s.digest})`);
  b.ok('recover/docs-example', '(secp256k1-recover? 0xde5b9eb9e7c5592930eb2e30a01369c36586d872082ed8181ee83d2a0ec20f04 0x8738487ebe69b93d8e51583be8eee50bb4213fc49c767d329632730cc193b873554428fc936ca3569afc15f1c9365f6591d6251a89fee9c9ac661116824d3a1301)', '(ok 0x03adb8de4bfb65db2cfd6120d55c6526ae9c52e675db7e47308636534ba7786110)');

  b.ok('verify/recid-4-in-65th-byte', `(secp256k1-verify 0x${s.digest} ${withRecid(4)} 0x${KEY.publicKey})`, 'false');
  b.ok('verify/recid-ignored-when-valid', `(secp256k1-verify 0x${s.digest} ${withRecid(recid ^ 1)} 0x${KEY.publicKey})`, 'true');
  b.ok('verify/63-bytes', `(secp256k1-verify 0x${s.digest} 0x${sig64.slice(2)} 0x${KEY.publicKey})`, 'false');
  b.ok('verify/empty-signature', `(secp256k1-verify 0x${s.digest} 0x 0x${KEY.publicKey})`, 'false');
  b.ok('verify/all-zero-signature', `(secp256k1-verify 0x${s.digest} 0x${'00'.repeat(64)} 0x${KEY.publicKey})`, 'false');
  b.ok('verify/invalid-pubkey-point', `(secp256k1-verify 0x${s.digest} 0x${sig64} 0x02${'00'.repeat(32)})`, 'false');
  b.ok('verify/pubkey-bad-prefix', `(secp256k1-verify 0x${s.digest} 0x${sig64} 0x05${KEY.publicKey.slice(2)})`, 'false');
  b.static('verify/uncompressed-pubkey', `(secp256k1-verify 0x${s.digest} 0x${sig64} 0x${KEY.publicKeyUncompressed})`);
  b.runtime('verify/32-byte-pubkey', `(secp256k1-verify 0x${s.digest} 0x${sig64} 0x${KEY.publicKey.slice(2)})`);
  b.static('verify/66-byte-signature', `(secp256k1-verify 0x${s.digest} 0x${s.signatureRsv}00 0x${KEY.publicKey})`);
  b.runtime('verify/31-byte-digest', `(secp256k1-verify 0x${s.digest.slice(2)} 0x${sig64} 0x${KEY.publicKey})`);
  b.static('verify/two-args', `(secp256k1-verify 0x${s.digest} 0x${sig64})`);
  b.static('verify/int-digest', `(secp256k1-verify 1 0x${sig64} 0x${KEY.publicKey})`);
  b.ok('verify/docs-example-65', '(secp256k1-verify 0xde5b9eb9e7c5592930eb2e30a01369c36586d872082ed8181ee83d2a0ec20f04 0x8738487ebe69b93d8e51583be8eee50bb4213fc49c767d329632730cc193b873554428fc936ca3569afc15f1c9365f6591d6251a89fee9c9ac661116824d3a1301 0x03adb8de4bfb65db2cfd6120d55c6526ae9c52e675db7e47308636534ba7786110)', 'true');
  b.ok('verify/docs-example-64', '(secp256k1-verify 0xde5b9eb9e7c5592930eb2e30a01369c36586d872082ed8181ee83d2a0ec20f04 0x8738487ebe69b93d8e51583be8eee50bb4213fc49c767d329632730cc193b873554428fc936ca3569afc15f1c9365f6591d6251a89fee9c9ac661116824d3a13 0x03adb8de4bfb65db2cfd6120d55c6526ae9c52e675db7e47308636534ba7786110)', 'true');

  b.across('versions/recover', `(secp256k1-recover? 0x${s.digest} 0x${s.signatureRsv})`, ALL_COMBOS, () => 'ok', { repr: `(ok 0x${KEY.publicKey})` });
  b.across('versions/verify-high-s', `(secp256k1-verify 0x${s.digest} 0x${s.highSRsv} 0x${KEY.publicKey})`, ALL_COMBOS, () => 'ok', {
    repr: 'true',
    divergence: HIGH_S,
  });
  b.across('versions/verify-low-s', `(secp256k1-verify 0x${s.digest} 0x${s.signatureRsv} 0x${KEY.publicKey})`, ALL_COMBOS, () => 'ok', { repr: 'true' });
  return b.cases;
}
