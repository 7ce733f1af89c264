import { describe, it, expect } from 'vitest';
import { createHash, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { c32addressEncode } from '@stacks-ts/codec';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@stacks-ts/common';
import { keccak256, sha512 } from '../../../src/natives/digests.ts';
import { hashInputBytes } from '../../../src/natives/crypto.ts';
import { expectRuntimeError, expectValue, run, runError } from './harness.ts';

const FOX = '0x54686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f67';

// clarity/src/vm/tests/simple_apply_eval.rs `test_sha256`, `test_sha512`, `test_sha512trunc256`,
// `test_keccak256`.
describe('reference hash vectors', () => {
  const vectors: [string, string[]][] = [
    [
      'sha256',
      [
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        '374708fff7719dd5979ec875d56cd2286f6d3cf7ec317a3b25632aab28ec37bb',
        'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592',
      ],
    ],
    [
      'sha512',
      [
        'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
        '0b6cbac838dfe7f47ea1bd0df00ec282fdf45510c92161072ccfb84035390c4da743d9c3b954eaa1b0f86fc9861b23cc6c8667ab232c11c686432ebb5c8c3f27',
        '07e547d9586f6a73f73fbac0435ed76951218fb7d0c8d788a309d785436bbb642e93a252a954f23912547d1e8a3b5ed6e1bfd7097821233fa0538f3db854fee6',
      ],
    ],
    [
      'sha512/256',
      [
        'c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a',
        'e41c9660b04714cdf7249f0fd6e6c5556f54a7e04d299958b69a877e0fada2fb',
        'dd9d67b371519c339ed8dbd25af90e976a1eeefd4ad3d889005e532fc5bef04d',
      ],
    ],
    [
      'keccak256',
      [
        'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
        'f490de2920c8a35fabeb13208852aa28c76f9be9b03a4dd2b3c075f7a26923b4',
        '4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15',
      ],
    ],
  ];
  for (const [fn, [empty, zero, fox]] of vectors) {
    it(fn, () => {
      expectValue(`(${fn} 0x)`, `0x${empty}`);
      expectValue(`(${fn} 0)`, `0x${zero}`);
      expectValue(`(${fn} ${FOX})`, `0x${fox}`);
    });
  }
  it('hash160', () => {
    // RIPEMD-160(SHA-256("")).
    expectValue('(hash160 0x)', '0xb472a266d0bd89c13706a4132ccfb16f7c3b9fcb');
  });
});

describe('hash input encoding', () => {
  it('hashes integers as 16 little-endian two-complement bytes', () => {
    expect(bytesToHex(hashInputBytes({ type: 'int', value: 1n }))).toBe('01000000000000000000000000000000');
    expect(bytesToHex(hashInputBytes({ type: 'int', value: -1n }))).toBe('ff'.repeat(16));
    expect(bytesToHex(hashInputBytes({ type: 'uint', value: 0x0102n }))).toBe('02010000000000000000000000000000');
    expectValue('(sha256 u0)', '(sha256 0)');
    expectValue('(sha256 1)', '(sha256 0x01000000000000000000000000000000)');
    expectValue('(keccak256 -1)', '(keccak256 0xffffffffffffffffffffffffffffffff)');
  });
});

// `test_hash_errors`.
describe('reference test_hash_errors', () => {
  for (const fn of ['sha256', 'keccak256', 'hash160', 'sha512', 'sha512/256']) {
    it(fn, () => {
      expect(runError(`(${fn} 2 1)`).args).toEqual([1, 2]);
      const e = expectRuntimeError(`(${fn} true)`, 'UnionTypeValueError');
      expect(e.args[0]).toEqual(['int', 'uint', '(buff 1048576)']);
    });
  }
  it('strings are not hashable', () => expectRuntimeError('(sha256 "abc")', 'UnionTypeValueError'));
});

describe('digests', () => {
  it('SHA-512 matches node:crypto across block boundaries', () => {
    for (const n of [0, 1, 55, 111, 112, 113, 127, 128, 129, 239, 240, 256, 1000, 4097]) {
      const d = randomBytes(n);
      expect(bytesToHex(sha512(d))).toBe(createHash('sha512').update(d).digest('hex'));
    }
  });
  it('Keccak-256 known answers across the 136-byte rate', () => {
    expect(bytesToHex(keccak256(utf8ToBytes('abc')))).toBe('4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
    // Ethereum's `Transfer(address,address,uint256)` event topic.
    expect(bytesToHex(keccak256(utf8ToBytes('Transfer(address,address,uint256)')))).toBe(
      'ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef',
    );
  });
});

const MSG = '0xde5b9eb9e7c5592930eb2e30a01369c36586d872082ed8181ee83d2a0ec20f04';
const SIG = '0x8738487ebe69b93d8e51583be8eee50bb4213fc49c767d329632730cc193b873554428fc936ca3569afc15f1c9365f6591d6251a89fee9c9ac661116824d3a13';
const PK = '0x03adb8de4bfb65db2cfd6120d55c6526ae9c52e675db7e47308636534ba7786110';
/** hash160 of PK, as `StacksAddress::from_public_keys(.., P2PKH, 1, [PK])` computes it. */
const PK_HASH160 = '55c33a76868c1cdd2faedb909f13af348fd8a816';
const PK_TESTNET = c32addressEncode(26, hexToBytes(PK_HASH160));
const PK_MAINNET = c32addressEncode(22, hexToBytes(PK_HASH160));
const ZERO32 = `0x${'00'.repeat(32)}`;
const ZERO65 = `0x${'00'.repeat(65)}`;

// `test_secp256k1`.
describe('reference test_secp256k1', () => {
  it('recovers the signing key', () => expectValue(`(secp256k1-recover? ${MSG} ${SIG}01)`, `(ok ${PK})`));
  it('all-zero input recovers nothing: (err u1)', () => expectValue(`(secp256k1-recover? ${ZERO32} ${ZERO65})`, '(err u1)'));
  it('a recovery id above 3 is (err u2)', () => expectValue(`(secp256k1-recover? ${MSG} ${SIG}06)`, '(err u2)'));
  it('verifies with a 65-byte signature', () => expectValue(`(secp256k1-verify ${MSG} ${SIG}01 ${PK})`, 'true'));
  it('verifies with a 64-byte signature', () => expectValue(`(secp256k1-verify ${MSG} ${SIG} ${PK})`, 'true'));
  it('an all-zero signature does not verify', () => expectValue(`(secp256k1-verify ${ZERO32} ${ZERO65} ${PK})`, 'false'));
  it('a 65th byte above 3 does not verify', () => expectValue(`(secp256k1-verify ${MSG} ${SIG}05 ${PK})`, 'false'));
  it('principal-of? of the key', () => expectValue(`(principal-of? ${PK})`, `(ok '${PK_TESTNET})`));
  it('principal-of? of an invalid key is (err u1)', () =>
    expectValue(`(principal-of? 0x${'00'.repeat(33)})`, '(err u1)'));
});

describe('secp256k1 edges', () => {
  it('a signature shorter than 65 bytes is (err u2) for recover', () => {
    expectValue(`(secp256k1-recover? ${MSG} ${SIG})`, '(err u2)');
    expectValue(`(secp256k1-recover? ${MSG} 0x)`, '(err u2)');
  });
  it('a signature shorter than 64 bytes is false for verify, before the key is looked at', () => {
    expectValue(`(secp256k1-verify ${MSG} 0x00 ${PK})`, 'false');
    expectValue(`(secp256k1-verify ${MSG} 0x00 0x00)`, 'false');
  });
  it('recovery ids 2 and 3 are accepted but recover nothing here', () => {
    expectValue(`(secp256k1-recover? ${MSG} ${SIG}03)`, '(err u1)');
  });
  it('a high-S signature recovers but does not verify (libsecp256k1 rules)', () => {
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const r = SIG.slice(2, 66);
    const s = BigInt(`0x${SIG.slice(66)}`);
    const high = `0x${r}${(n - s).toString(16).padStart(64, '0')}`;
    expectValue(`(secp256k1-verify ${MSG} ${high} ${PK})`, 'false');
    const recovered = run(`(secp256k1-recover? ${MSG} ${high}00)`);
    expect(recovered.type === 'response' && recovered.ok).toBe(true);
  });
  it('a wrong key does not verify', () => {
    expectValue(`(secp256k1-verify ${MSG} ${SIG} 0x02${'11'.repeat(32)})`, 'false');
  });
});

// `test_secp256k1_errors`.
describe('reference test_secp256k1_errors', () => {
  it('reports the reference errors', () => {
    expect(runError(`(secp256k1-recover? ${MSG.slice(0, -2)} ${SIG}01)`).args[0]).toBe('(buff 32)');
    expect(runError(`(secp256k1-recover? ${MSG} ${SIG}0100)`).args[0]).toBe('(buff 65)');
    expect(runError(`(secp256k1-recover? ${MSG})`).args).toEqual([2, 1]);
    expect(runError(`(secp256k1-recover? ${MSG} ${SIG}01 3)`).args).toEqual([2, 3]);
    expect(runError(`(secp256k1-verify ${MSG.slice(0, -2)} ${SIG}01 ${PK})`).args[0]).toBe('(buff 32)');
    expect(runError(`(secp256k1-verify ${MSG} ${SIG}0111 ${PK})`).args[0]).toBe('(buff 65)');
    expect(runError(`(secp256k1-verify ${MSG} ${SIG}01 ${PK.slice(0, -8)})`).args[0]).toBe('(buff 33)');
    expect(runError(`(secp256k1-verify ${MSG} ${SIG}01)`).args).toEqual([3, 2]);
    expect(runError(`(principal-of? ${PK.slice(0, -4)} ${PK.slice(0, -4)})`).args).toEqual([1, 2]);
    expect(runError('(principal-of?)').args).toEqual([1, 0]);
  });
});

// `test_principal_of_fix`.
describe('reference test_principal_of_fix', () => {
  const src = `(principal-of? ${PK})`;
  const testnet = `(ok '${PK_TESTNET})`;
  const mainnet = `(ok '${PK_MAINNET})`;
  it('Clarity 2 follows the network', () => {
    expectValue(src, mainnet, { version: 2, mainnet: true });
    expectValue(src, testnet, { version: 2, mainnet: false });
  });
  it('Clarity 1 always gives a testnet address', () => {
    expectValue(src, testnet, { version: 1, mainnet: true });
    expectValue(src, testnet, { version: 1, mainnet: false });
  });
});

// clarity/src/vm/tests/crypto.rs `secp256r1_verify_valid_signatures_nist` and the docs examples of
// `secp256r1-verify` (clarity/src/vm/docs/mod.rs).
describe('secp256r1-verify (Clarity 4)', () => {
  const v4 = { version: 4 as const };
  const NIST = [
    {
      msg: '88fc1e7d849794fc51b135fa135deec0db02b86c3cd8cebdaa79e8689e5b2898',
      d: '78dfaa09f1076850b3e206e477494cddcfb822aaa0128475053592c48ebaf4ab',
      qx: '8bcfe2a721ca6d753968f564ec4315be4857e28bef1908f61a366b1f03c97479',
      qy: '0f67576a30b8e20d4232d8530b52fb4c89cbc589ede291e499ddd15fe870ab96',
      r: 'c5a186d72df452015480f7f338970bfe825087f05c0088d95305f87aacc9b254',
      s: '84a58f9e9d9e735344b316b1aa1ab5185665b85147dc82d92e969d7bee31ca30',
    },
    {
      msg: 'e138bd577c3729d0e24a98a82478bcc7482499c4cdf734a874f7208ddbc3c116',
      d: 'f73f455271c877c4d5334627e37c278f68d143014b0a05aa62f308b2101c5308',
      qx: 'b8188bd68701fc396dab53125d4d28ea33a91daf6d21485f4770f6ea8c565dde',
      qy: '423f058810f277f8fe076f6db56e9285a1bf2c2a1dae145095edd9c04970bc4a',
      r: '1cc628533d0004b2b20e7f4baad0b8bb5e0673db159bbccf92491aef61fc9620',
      s: '880e0bbf82a8cf818ed46ba03cf0fc6c898e36fca36cc7fdb1d2db7503634430',
    },
  ];
  const b64url = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');
  const compressed = (v: (typeof NIST)[number]) => `0x0${(BigInt(`0x${v.qy}`) & 1n) === 1n ? 3 : 2}${v.qx}`;
  /** A Clarity 4 signature: ECDSA over sha256(message-hash) (the reference's `sign`). */
  const signDoubleHash = (v: (typeof NIST)[number]) => {
    const key = createPrivateKey({
      key: { kty: 'EC', crv: 'P-256', d: b64url(v.d), x: b64url(v.qx), y: b64url(v.qy) },
      format: 'jwk',
    });
    return bytesToHex(sign('sha256', Buffer.from(v.msg, 'hex'), { key, dsaEncoding: 'ieee-p1363' }));
  };
  for (const v of NIST) {
    it(`verifies a double-hash signature by NIST key ${v.qx.slice(0, 8)}`, () => {
      expectValue(`(secp256r1-verify 0x${v.msg} 0x${signDoubleHash(v)} ${compressed(v)})`, 'true', v4);
    });
    it(`rejects the NIST digest signature ${v.r.slice(0, 8)} (a Clarity 5 signature)`, () => {
      expectValue(`(secp256r1-verify 0x${v.msg} 0x${v.r}${v.s} ${compressed(v)})`, 'false', v4);
    });
  }
  const hash = '0x44acf6b7e36c1342c2c5897204fe09504e1e2efb1a900377dbc4e7a6a133ec56';
  const sig =
    '0xf3ac8061b514795b8843e3d6629527ed2afd6b1f6a555a7acabb5e6f79c8c2ac8bf77819ca05a6b2786c76262bf7371cef97b218e96f175a3ccdda2acc058903';
  const key = '0x031ccbe91c075fc7f4f033bfa248db8fccd3565de94bbfb12f3c59ff46c271bf83';
  it('the docs example signs the hash itself (Clarity 5 semantics), so Clarity 4 says false', () =>
    expectValue(`(secp256r1-verify ${hash} ${sig} ${key})`, 'false', v4));
  it('docs example: false for zeros', () =>
    expectValue(`(secp256r1-verify ${ZERO32} 0x${'00'.repeat(64)} ${key})`, 'false', v4));
  it('accepts the high-S twin of a valid signature', () => {
    const v = NIST[0]!;
    const good = signDoubleHash(v);
    const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const s = BigInt(`0x${good.slice(64)}`);
    const twin = `${good.slice(0, 64)}${(n - s).toString(16).padStart(64, '0')}`;
    expectValue(`(secp256r1-verify 0x${v.msg} 0x${twin} ${compressed(v)})`, 'true', v4);
  });
  it('false for a short signature, an invalid key or another message', () => {
    const v = NIST[0]!;
    const good = signDoubleHash(v);
    expectValue(`(secp256r1-verify 0x${v.msg} 0x00 ${compressed(v)})`, 'false', v4);
    expectValue(`(secp256r1-verify 0x${v.msg} 0x${good} 0x04${'00'.repeat(32)})`, 'false', v4);
    expectValue(`(secp256r1-verify 0x${v.msg} 0x${good} 0x02${'ff'.repeat(32)})`, 'false', v4);
    expectValue(`(secp256r1-verify ${ZERO32} 0x${good} ${compressed(v)})`, 'false', v4);
  });
  it('type errors', () => {
    expect(runError(`(secp256r1-verify ${hash} ${sig}00 ${key})`, v4).args[0]).toBe('(buff 64)');
    expect(runError(`(secp256r1-verify 0x00 ${sig} ${key})`, v4).args[0]).toBe('(buff 32)');
    expect(runError(`(secp256r1-verify ${hash} ${sig} 0x00)`, v4).args[0]).toBe('(buff 33)');
  });
});
