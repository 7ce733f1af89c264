// Principals: literals (standard, contract, `.name` shorthand), principal-construct?,
// principal-destruct?, is-standard and principal-of? on the oracle's testnet chain.
import { hash160 } from '@stacks-ts/codec';
import { ALL_COMBOS, CaseBuilder, DEPLOYER, WALLET_1 } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';
import { DEPLOYER_HASH, DEPLOYER_MAINNET, DEPLOYER_MAINNET_MULTI, DEPLOYER_TESTNET_MULTI, KEY, KEY2, address, toHex } from '../fixtures.ts';

const fromHex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));

/** Builds the principals family. */
export function principalsCases(): CorpusCase[] {
  const b = new CaseBuilder('principals');
  const h = DEPLOYER_HASH;

  // literals
  b.ok('literal/standard', `'${DEPLOYER}`, DEPLOYER);
  b.ok('literal/contract', `'${DEPLOYER}.my-contract`, `${DEPLOYER}.my-contract`);
  b.ok('literal/dot-shorthand-is-deployer', `(is-eq .my-contract '${DEPLOYER}.my-contract)`, 'true');
  b.ok('literal/mainnet-on-testnet', `'${DEPLOYER_MAINNET}`, DEPLOYER_MAINNET);
  b.ok('literal/contract-name-chars', `'${DEPLOYER}.a-b_c1`, `${DEPLOYER}.a-b_c1`);
  b.ok('literal/contract-name-40', `'${DEPLOYER}.${'a'.repeat(40)}`, `${DEPLOYER}.${'a'.repeat(40)}`);
  b.ok('literal/contract-not-deployed-is-fine', `(is-eq '${WALLET_1}.nothing-here 'ST1SJ3DTE5DN7X54YDH5D64R3BCB6A2AG2ZQ8YPD5.nothing-here)`, 'true');
  b.static('literal/bad-checksum', `'${DEPLOYER.slice(0, -1)}${DEPLOYER.endsWith('A') ? 'B' : 'A'}`);
  b.static('literal/too-short', "'ST1PQ");
  b.static('literal/lowercase', `'${DEPLOYER.toLowerCase()}`);
  b.static('literal/contract-name-starts-with-digit', `'${DEPLOYER}.1abc`);
  b.static('literal/contract-name-bad-char', `'${DEPLOYER}.a$b`);
  b.static('literal/contract-name-two-dots', `'${DEPLOYER}.a.b`);
  b.static('literal/empty-contract-name', `'${DEPLOYER}.`);
  b.static('literal/dot-shorthand-bad-name', '.1abc');
  b.ok('literal/in-tuple', `{p: '${WALLET_1}}`, `(tuple (p ${WALLET_1}))`);

  // is-standard: true for this network's versions (single and multi sig), false for the other network
  const standard: readonly (readonly [string, string, string])[] = [
    ['testnet-single', `'${DEPLOYER}`, 'true'],
    ['testnet-multi', `'${DEPLOYER_TESTNET_MULTI}`, 'true'],
    ['mainnet-single', `'${DEPLOYER_MAINNET}`, 'false'],
    ['mainnet-multi', `'${DEPLOYER_MAINNET_MULTI}`, 'false'],
    ['testnet-contract', `'${DEPLOYER}.c`, 'true'],
    ['mainnet-contract', `'${DEPLOYER_MAINNET}.c`, 'false'],
    ['version-0', `'${address(0, h)}`, 'false'],
    ['version-31', `'${address(31, h)}`, 'false'],
    ['tx-sender', 'tx-sender', 'true'],
  ];
  for (const [name, p, repr] of standard) b.ok(`is-standard/${name}`, `(is-standard ${p})`, repr);
  b.static('is-standard/not-principal', '(is-standard 0x01)');

  // principal-destruct?
  const tuple = (hash: string, name: string, version: string): string => `(tuple (hash-bytes 0x${hash}) (name ${name}) (version 0x${version}))`;
  b.ok('destruct/testnet-single', `(principal-destruct? '${DEPLOYER})`, `(ok ${tuple(h, 'none', '1a')})`);
  b.ok('destruct/testnet-multi', `(principal-destruct? '${DEPLOYER_TESTNET_MULTI})`, `(ok ${tuple(h, 'none', '15')})`);
  b.ok('destruct/testnet-contract', `(principal-destruct? '${DEPLOYER}.foo)`, `(ok ${tuple(h, '(some "foo")', '1a')})`);
  b.ok('destruct/mainnet-single-is-err', `(principal-destruct? '${DEPLOYER_MAINNET})`, `(err ${tuple(h, 'none', '16')})`);
  b.ok('destruct/mainnet-contract-is-err', `(principal-destruct? '${DEPLOYER_MAINNET}.foo)`, `(err ${tuple(h, '(some "foo")', '16')})`);
  b.ok('destruct/version-0-is-err', `(principal-destruct? '${address(0, h)})`, `(err ${tuple(h, 'none', '00')})`);
  b.static('destruct/not-principal', '(principal-destruct? "ST1")');

  // principal-construct?
  b.ok('construct/testnet-single', `(principal-construct? 0x1a 0x${h})`, `(ok ${DEPLOYER})`);
  b.ok('construct/testnet-multi', `(principal-construct? 0x15 0x${h})`, `(ok ${DEPLOYER_TESTNET_MULTI})`);
  b.ok('construct/contract', `(principal-construct? 0x1a 0x${h} "foo")`, `(ok ${DEPLOYER}.foo)`);
  b.ok('construct/mainnet-is-err-code-0', `(principal-construct? 0x16 0x${h})`, `(err (tuple (error_code u0) (value (some ${DEPLOYER_MAINNET}))))`);
  b.ok('construct/mainnet-contract-is-err-code-0', `(principal-construct? 0x16 0x${h} "foo")`, `(err (tuple (error_code u0) (value (some ${DEPLOYER_MAINNET}.foo))))`);
  b.ok('construct/version-0', `(principal-construct? 0x00 0x${h})`, `(err (tuple (error_code u0) (value (some ${address(0, h)}))))`);
  b.ok('construct/version-31', `(principal-construct? 0x1f 0x${h})`, `(err (tuple (error_code u0) (value (some ${address(31, h)}))))`);
  b.ok('construct/version-32', `(principal-construct? 0x20 0x${h})`, '(err (tuple (error_code u1) (value none)))');
  b.ok('construct/version-ff', `(principal-construct? 0xff 0x${h})`, '(err (tuple (error_code u1) (value none)))');
  b.ok('construct/empty-version', `(principal-construct? 0x 0x${h})`, '(err (tuple (error_code u1) (value none)))');
  b.ok('construct/short-hash', `(principal-construct? 0x1a 0x${h.slice(2)})`, '(err (tuple (error_code u1) (value none)))');
  b.ok('construct/empty-hash', '(principal-construct? 0x1a 0x)', '(err (tuple (error_code u1) (value none)))');
  b.ok('construct/empty-name', `(principal-construct? 0x1a 0x${h} "")`, '(err (tuple (error_code u2) (value none)))');
  b.ok('construct/name-starts-with-digit', `(principal-construct? 0x1a 0x${h} "1abc")`, '(err (tuple (error_code u2) (value none)))');
  b.ok('construct/name-bad-char', `(principal-construct? 0x1a 0x${h} "a b")`, '(err (tuple (error_code u2) (value none)))');
  b.ok('construct/name-40-chars', `(principal-construct? 0x1a 0x${h} "${'a'.repeat(40)}")`, `(ok ${DEPLOYER}.${'a'.repeat(40)})`);
  b.static('construct/name-41-chars', `(principal-construct? 0x1a 0x${h} "${'a'.repeat(41)}")`);
  b.static('construct/two-byte-version', `(principal-construct? 0x1a1a 0x${h})`);
  b.static('construct/21-byte-hash', `(principal-construct? 0x1a 0x${h}00)`);
  b.static('construct/utf8-name', `(principal-construct? 0x1a 0x${h} u"foo")`);
  b.static('construct/one-arg', '(principal-construct? 0x1a)');
  b.static('construct/four-args', `(principal-construct? 0x1a 0x${h} "a" "b")`);
  b.ok('construct/roundtrip', `(let ((d (unwrap-panic (principal-destruct? '${WALLET_1})))) (principal-construct? (get version d) (get hash-bytes d)))`, `(ok ${WALLET_1})`);
  b.ok('construct/roundtrip-contract', `(let ((d (unwrap-panic (principal-destruct? '${WALLET_1}.token)))) (principal-construct? (get version d) (get hash-bytes d) (unwrap-panic (get name d))))`, `(ok ${WALLET_1}.token)`);

  // principal-of? derives a testnet single-sig address (Clarity 1's network bug does not show on testnet)
  for (const [name, key] of [['key1', KEY], ['key2', KEY2]] as const) {
    const addr = address(26, toHex(hash160(fromHex(key.publicKey))));
    b.across(`principal-of/${name}`, `(principal-of? 0x${key.publicKey})`, ALL_COMBOS, () => 'ok', { repr: `(ok ${addr})` });
  }
  b.ok('principal-of/invalid-point', `(principal-of? 0x02${'00'.repeat(32)})`, '(err u1)');
  b.ok('principal-of/bad-prefix', `(principal-of? 0x07${KEY.publicKey.slice(2)})`, '(err u1)');
  b.static('principal-of/uncompressed', `(principal-of? 0x${KEY.publicKeyUncompressed})`);
  b.runtime('principal-of/32-bytes', `(principal-of? 0x${KEY.publicKey.slice(2)})`);
  b.static('principal-of/string', '(principal-of? "abc")');

  // Clarity 2 gates
  b.across('gate/is-standard', `(is-standard '${DEPLOYER})`, ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { repr: 'true' });
  b.across('gate/principal-destruct', `(is-ok (principal-destruct? '${DEPLOYER}))`, ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { repr: 'true' });
  b.across('gate/principal-construct', `(principal-construct? 0x1a 0x${h})`, ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { repr: `(ok ${DEPLOYER})` });
  return b.cases;
}
