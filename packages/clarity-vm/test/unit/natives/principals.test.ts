import { describe, it, expect } from 'vitest';
import { c32addressEncode } from '@stacks-ts/codec';
import { hexToBytes } from '@stacks-ts/common';
import { expectRuntimeError, expectValue, hexOf, run, runError } from './harness.ts';

const address = (version: number, hash: string) => c32addressEncode(version, hexToBytes(hash));

const MAINNET = { version: 2 as const, mainnet: true };
const TESTNET = { version: 2 as const, mainnet: false };

// clarity/src/vm/tests/principals.rs `test_simple_is_standard_*`.
describe('reference is-standard', () => {
  it('check inputs', () => expectRuntimeError('(is-standard u10)', 'TypeValueError', MAINNET));
  const cases: [string, boolean, boolean][] = [
    // [principal, on testnet, on mainnet]
    ["'STB44HYPYAT2BB2QE513NSP81HTMYWBJP02HPGK6", true, false],
    ["'STB44HYPYAT2BB2QE513NSP81HTMYWBJP02HPGK6.tokens", true, false],
    ["'SN2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKP6D2ZK9", true, false],
    ["'SN2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKP6D2ZK9.tokens", true, false],
    ["'SP3X6QWWETNBZWGBK6DRGTR1KX50S74D3433WDGJY", false, true],
    ["'SP3X6QWWETNBZWGBK6DRGTR1KX50S74D3433WDGJY.tokens", false, true],
    ["'SM3X6QWWETNBZWGBK6DRGTR1KX50S74D341M9C5X7", false, true],
    ["'SM3X6QWWETNBZWGBK6DRGTR1KX50S74D341M9C5X7.tokens", false, true],
    ["'S1G2081040G2081040G2081040G208105NK8PE5", false, false],
    ["'S1G2081040G2081040G2081040G208105NK8PE5.tokens", false, false],
  ];
  for (const [p, onTestnet, onMainnet] of cases) {
    it(p, () => {
      expectValue(`(is-standard ${p})`, String(onTestnet), TESTNET);
      expectValue(`(is-standard ${p})`, String(onMainnet), MAINNET);
    });
  }
});

const destructTuple = (version: string, hash: string, name: string | null) =>
  `{version: 0x${version}, hash-bytes: 0x${hash}, name: ${name === null ? 'none' : `(some "${name}")`}}`;
const HASH = 'fa6bf38ed557fe417333710d6033e9419391a320';

// `test_principal_destruct_good`, `test_principal_destruct_bad_version_byte`.
describe('reference principal-destruct?', () => {
  const good: [string, string, boolean][] = [
    ["'SP3X6QWWETNBZWGBK6DRGTR1KX50S74D3433WDGJY", '16', true],
    ["'SM3X6QWWETNBZWGBK6DRGTR1KX50S74D341M9C5X7", '14', true],
    ["'ST3X6QWWETNBZWGBK6DRGTR1KX50S74D3425Q1TPK", '1a', false],
    ["'SN3X6QWWETNBZWGBK6DRGTR1KX50S74D340JWTSC7", '15', false],
  ];
  for (const [p, version, mainnet] of good) {
    it(`ok on its own network: ${p}`, () => {
      const opts = { version: 2 as const, mainnet };
      expectValue(`(principal-destruct? ${p})`, `(ok ${destructTuple(version, HASH, null)})`, opts);
      expectValue(`(principal-destruct? ${p}.foo)`, `(ok ${destructTuple(version, HASH, 'foo')})`, opts);
    });
    it(`err on the other network: ${p}`, () => {
      const opts = { version: 2 as const, mainnet: !mainnet };
      expectValue(`(principal-destruct? ${p})`, `(err ${destructTuple(version, HASH, null)})`, opts);
      expectValue(`(principal-destruct? ${p}.foo)`, `(err ${destructTuple(version, HASH, 'foo')})`, opts);
    });
  }
  it('a version of no network is err on both', () => {
    const p = "'SZ2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQ9H6DPR";
    const tuple = destructTuple('1f', 'a46ff88886c2ef9762d970b4d2c63678835bd39d', null);
    expectValue(`(principal-destruct? ${p})`, `(err ${tuple})`, TESTNET);
    expectValue(`(principal-destruct? ${p})`, `(err ${tuple})`, MAINNET);
    expectValue(
      `(principal-destruct? ${p}.foo)`,
      `(err ${destructTuple('1f', 'a46ff88886c2ef9762d970b4d2c63678835bd39d', 'foo')})`,
      MAINNET,
    );
  });
  it('rejects a non-principal', () => expectRuntimeError('(principal-destruct? 0x00)', 'TypeValueError'));
});

// `test_principal_construct_good`, `_version_byte_future`, `_runtime_check_errors`, `_response_errors`.
describe('reference principal-construct?', () => {
  it('builds principals of the running network', () => {
    expectValue(`(principal-construct? 0x16 0x${HASH})`, "(ok 'SP3X6QWWETNBZWGBK6DRGTR1KX50S74D3433WDGJY)", MAINNET);
    expectValue(`(principal-construct? 0x14 0x${HASH})`, "(ok 'SM3X6QWWETNBZWGBK6DRGTR1KX50S74D341M9C5X7)", MAINNET);
    expectValue(
      `(principal-construct? 0x16 0x${HASH} "hello-world")`,
      "(ok 'SP3X6QWWETNBZWGBK6DRGTR1KX50S74D3433WDGJY.hello-world)",
      MAINNET,
    );
    expectValue(
      `(principal-construct? 0x14 0x${HASH} "hello-world")`,
      "(ok 'SM3X6QWWETNBZWGBK6DRGTR1KX50S74D341M9C5X7.hello-world)",
      MAINNET,
    );
    expectValue(`(principal-construct? 0x1a 0x${HASH})`, "(ok 'ST3X6QWWETNBZWGBK6DRGTR1KX50S74D3425Q1TPK)", TESTNET);
    expectValue(`(principal-construct? 0x15 0x${HASH})`, "(ok 'SN3X6QWWETNBZWGBK6DRGTR1KX50S74D340JWTSC7)", TESTNET);
    expectValue(
      `(principal-construct? 0x1a 0x${HASH} "hello-world")`,
      "(ok 'ST3X6QWWETNBZWGBK6DRGTR1KX50S74D3425Q1TPK.hello-world)",
      TESTNET,
    );
    expectValue(
      `(principal-construct? 0x15 0x${HASH} "hello-world")`,
      "(ok 'SN3X6QWWETNBZWGBK6DRGTR1KX50S74D340JWTSC7.hello-world)",
      TESTNET,
    );
  });
  it('a valid version of another network is err u0 with the principal', () => {
    const hash = '0x0102030405060708091011121314151617181920';
    const future = address(31, hash.slice(2));
    expectValue(`(principal-construct? 0x1f ${hash})`, `(err {error_code: u0, value: (some '${future})})`, TESTNET);
    expectValue(
      `(principal-construct? 0x1f ${hash} "hello-world")`,
      `(err {error_code: u0, value: (some '${future}.hello-world)})`,
      TESTNET,
    );
    expectValue(
      `(principal-construct? 0x16 0x${HASH})`,
      "(err {error_code: u0, value: (some 'SP3X6QWWETNBZWGBK6DRGTR1KX50S74D3433WDGJY)})",
      TESTNET,
    );
  });
  it('runtime check errors for what analysis should have caught', () => {
    const hash = '0x0102030405060708091011121314151617181920';
    expect(runError(`(principal-construct? 0x590493 ${hash})`, TESTNET).args[0]).toBe('(buff 1)');
    expect(runError(`(principal-construct? u22 ${hash})`, TESTNET).args[0]).toBe('(buff 1)');
    expect(runError('(principal-construct? 0x16 0x010203040506070809101112131415161718192021)', TESTNET).args[0]).toBe(
      '(buff 20)',
    );
    expect(
      runError(`(principal-construct? 0x16 ${hash} "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")`, TESTNET).args[0],
    ).toBe('(string-ascii 40)');
    expectRuntimeError(`(principal-construct? 0x16)`, 'Unreachable');
    expectRuntimeError(`(principal-construct? 0x16 ${hash} "a" "b")`, 'Unreachable');
  });
  it('response errors', () => {
    const hash = '0x0102030405060708091011121314151617181920';
    const lengthError = '(err {error_code: u1, value: none})';
    const nameError = '(err {error_code: u2, value: none})';
    expectValue('(principal-construct? 0x16 0x01020304050607080910111213141516171819)', lengthError, TESTNET);
    expectValue(`(principal-construct? 0x ${hash})`, lengthError, TESTNET);
    expectValue(`(principal-construct? 0x20 ${hash})`, lengthError, TESTNET);
    expectValue(`(principal-construct? 0xff ${hash})`, lengthError, TESTNET);
    expectValue(`(principal-construct? 0x16 ${hash} "")`, nameError, TESTNET);
    expectValue(`(principal-construct? 0x16 ${hash} "foo[")`, nameError, TESTNET);
    expectValue(`(principal-construct? 0x1a ${hash} "1abc")`, nameError, TESTNET);
  });
  it('edges: the checks run in the reference order', () => {
    // A bad name wins over a version of another network.
    expectValue(
      `(principal-construct? 0x16 0x${HASH} "")`,
      '(err {error_code: u2, value: none})',
      TESTNET,
    );
    // A short hash wins over a bad name; the version >= 32 check comes before the hash type check.
    expectValue(`(principal-construct? 0x1a 0x01 "")`, '(err {error_code: u1, value: none})', TESTNET);
    expectValue(`(principal-construct? 0x20 0x0102)`, '(err {error_code: u1, value: none})', TESTNET);
    // 40-character names and the `__transient` name are valid contract names.
    expectValue(
      `(principal-construct? 0x1a 0x${HASH} "${'a'.repeat(40)}")`,
      `(ok 'ST3X6QWWETNBZWGBK6DRGTR1KX50S74D3425Q1TPK.${'a'.repeat(40)})`,
      TESTNET,
    );
    const transient = run(`(principal-construct? 0x1a 0x${HASH} "__transient")`, TESTNET);
    expect(transient.type === 'response' && transient.ok && transient.value.type === 'principal' && transient.value.value).toMatchObject({
      type: 'contract',
      contractName: '__transient',
    });
    // Version 0 is a valid c32 version of no network.
    expectValue(
      `(principal-construct? 0x00 0x${HASH})`,
      `(err {error_code: u0, value: (some '${address(0, HASH)})})`,
      MAINNET,
    );
    expect(hexOf(run(`(principal-construct? 0x00 0x${HASH})`, TESTNET))).toMatch(/^08/);
  });
  it('round-trips with principal-destruct?', () => {
    expectValue(
      "(principal-destruct? (unwrap-panic (principal-construct? 0x1a 0xfa6bf38ed557fe417333710d6033e9419391a320 \"c\")))",
      `(ok ${destructTuple('1a', HASH, 'c')})`,
      TESTNET,
    );
  });
});
