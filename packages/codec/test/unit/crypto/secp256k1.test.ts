import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@stacks-ts/common';
import { signWithKey, signMessageHashRsv } from '@stacks/transactions';
import { CodecErrorCode, isCodecError } from '../../../src/errors.ts';
import { sha256 } from '../../../src/crypto/hashes.ts';
import {
  SECP256K1_ORDER,
  compressPublicKey,
  decompressPublicKey,
  getSecp256k1Backend,
  isHighS,
  isValidPrivateKey,
  isValidPublicKey,
  negateSignatureS,
  parsePrivateKey,
  privateKeyFromSeed,
  publicKeyFromPrivate,
  recoverPublicKey,
  rsvToVrs,
  setSecp256k1Backend,
  signRecoverable,
  verifyCompactSignature,
  verifySignature,
  vrsToRsv,
} from '../../../src/crypto/secp256k1.ts';
import { nobleSecp256k1Backend, type Secp256k1Backend } from '../../../src/crypto/secp256k1-backend.ts';
import { createNativeSecp256k1Backend } from '../../../src/crypto/secp256k1-native.ts';

const native = createNativeSecp256k1Backend();
const BACKENDS: Secp256k1Backend[] = [nobleSecp256k1Backend, ...(native ? [native] : [])];
const initialBackend = getSecp256k1Backend();

afterEach(() => setSecp256k1Backend(initialBackend));

function toBig(b: Uint8Array): bigint {
  return BigInt(`0x${bytesToHex(b) || '0'}`);
}
function to32(v: bigint): Uint8Array {
  return hexToBytes(v.toString(16).padStart(64, '0'));
}

/** A valid 32-byte secret key. */
const secretKey = fc.bigInt({ min: 1n, max: SECP256K1_ORDER - 1n }).map(to32);
const digest = fc.uint8Array({ minLength: 32, maxLength: 32 });
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

function expectCodecError(fn: () => unknown, code: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(isCodecError(thrown), String(thrown)).toBe(true);
  expect((thrown as { code: string }).code).toBe(code);
}

const SK_HEX = 'edf9aee84d9b7abc145504dde6726c64f369d37ee34ded868fabd876c26570bc';
const PK_UNCOMPRESSED =
  '04ef788b3830c00abe8f64f62dc32fc863bc0b2cafeb073b6c8e1c7657d9c2c3ab5b435d20ea91337cdd8c30dd7427bb098a5355e9c9bfad43797899b8137237cf';
const PK_COMPRESSED = '03ef788b3830c00abe8f64f62dc32fc863bc0b2cafeb073b6c8e1c7657d9c2c3ab';

describe('backend selection', () => {
  it('selects the native backend at load where the secp256k1 package is installed', () => {
    expect(initialBackend.name).toBe(native ? 'native' : 'noble');
  });

  it('setSecp256k1Backend swaps the implementation', () => {
    setSecp256k1Backend(nobleSecp256k1Backend);
    expect(getSecp256k1Backend()).toBe(nobleSecp256k1Backend);
  });
});

describe('private keys', () => {
  it('32 bytes means an uncompressed public key, 33 bytes ending 01 a compressed one', () => {
    expect(parsePrivateKey(hexToBytes(SK_HEX))).toEqual({ secretKey: hexToBytes(SK_HEX), compressed: false });
    expect(parsePrivateKey(hexToBytes(`${SK_HEX}01`))).toEqual({ secretKey: hexToBytes(SK_HEX), compressed: true });
    expect(bytesToHex(publicKeyFromPrivate(hexToBytes(SK_HEX)))).toBe(PK_UNCOMPRESSED);
    expect(bytesToHex(publicKeyFromPrivate(hexToBytes(`${SK_HEX}01`)))).toBe(PK_COMPRESSED);
  });

  it('rejects other 33rd bytes, other lengths and out-of-range scalars', () => {
    for (const bad of [
      `${SK_HEX}02`,
      `${SK_HEX}00`,
      SK_HEX.slice(2),
      `${SK_HEX}0101`,
      '',
      '00'.repeat(32),
      SECP256K1_ORDER.toString(16),
      'ff'.repeat(32),
      `${'00'.repeat(32)}01`,
    ]) {
      expectCodecError(() => parsePrivateKey(hexToBytes(bad)), CodecErrorCode.InvalidPrivateKey);
      expectCodecError(() => publicKeyFromPrivate(hexToBytes(bad)), CodecErrorCode.InvalidPrivateKey);
      expectCodecError(() => signRecoverable(new Uint8Array(32), hexToBytes(bad)), CodecErrorCode.InvalidPrivateKey);
      expect(isValidPrivateKey(hexToBytes(bad))).toBe(false);
    }
    expect(isValidPrivateKey(to32(SECP256K1_ORDER - 1n))).toBe(true);
  });

  it('privateKeyFromSeed keeps a valid key and rehashes an invalid one', () => {
    expect(bytesToHex(privateKeyFromSeed(new Uint8Array(32).fill(2)))).toBe(`${'02'.repeat(32)}01`);
    expect(bytesToHex(privateKeyFromSeed(Uint8Array.of(0)))).toBe(`${bytesToHex(sha256(Uint8Array.of(0)))}01`);
    // An all-zero 32-byte seed is not a key: it is hashed.
    expect(bytesToHex(privateKeyFromSeed(new Uint8Array(32)))).toBe(`${bytesToHex(sha256(new Uint8Array(32)))}01`);
  });
});

describe('public keys', () => {
  for (const b of BACKENDS) {
    describe(b.name, () => {
      it('compresses and decompresses', () => {
        setSecp256k1Backend(b);
        expect(bytesToHex(compressPublicKey(hexToBytes(PK_UNCOMPRESSED)))).toBe(PK_COMPRESSED);
        expect(bytesToHex(decompressPublicKey(hexToBytes(PK_COMPRESSED)))).toBe(PK_UNCOMPRESSED);
        expect(bytesToHex(compressPublicKey(hexToBytes(PK_COMPRESSED)))).toBe(PK_COMPRESSED);
      });

      it('accepts the hybrid 06/07 encoding with the right parity, as libsecp256k1 does', () => {
        setSecp256k1Backend(b);
        const u = hexToBytes(PK_UNCOMPRESSED);
        const hybrid = u.slice();
        hybrid[0] = 0x06 | (u[64]! & 1);
        expect(isValidPublicKey(hybrid)).toBe(true);
        expect(bytesToHex(compressPublicKey(hybrid))).toBe(PK_COMPRESSED);
        hybrid[0] ^= 1;
        expect(isValidPublicKey(hybrid)).toBe(false);
      });

      it('rejects malformed keys with CODEC_INVALID_PUBLIC_KEY', () => {
        setSecp256k1Backend(b);
        const p = (2n ** 256n - 2n ** 32n - 977n).toString(16);
        for (const bad of [
          PK_COMPRESSED.slice(0, -2),
          PK_UNCOMPRESSED.slice(0, -2),
          `05${PK_COMPRESSED.slice(2)}`,
          `04${PK_COMPRESSED.slice(2)}`,
          `02${p}`, // x = p
          `02${'ff'.repeat(32)}`,
          `04${p}${PK_UNCOMPRESSED.slice(66)}`,
          `${PK_UNCOMPRESSED.slice(0, -2)}${(Number.parseInt(PK_UNCOMPRESSED.slice(-2), 16) ^ 1).toString(16).padStart(2, '0')}`,
          `02${'00'.repeat(32)}`,
          '',
        ]) {
          expect(isValidPublicKey(hexToBytes(bad)), bad).toBe(false);
          expectCodecError(() => compressPublicKey(hexToBytes(bad)), CodecErrorCode.InvalidPublicKey);
          expectCodecError(() => decompressPublicKey(hexToBytes(bad)), CodecErrorCode.InvalidPublicKey);
        }
      });
    });
  }
});

describe('signatures', () => {
  const hash = sha256(utf8ToBytes('hello world'));

  for (const b of BACKENDS) {
    describe(b.name, () => {
      it('sign -> recover -> verify round trips, low S, both key forms', () => {
        setSecp256k1Backend(b);
        fc.assert(
          fc.property(secretKey, digest, fc.boolean(), (sk, d, compressedKey) => {
            const key = compressedKey ? concatBytes(sk, Uint8Array.of(1)) : sk;
            const sig = signRecoverable(d, key);
            expect(sig.length).toBe(65);
            expect(sig[0]! <= 3).toBe(true);
            expect(isHighS(sig)).toBe(false);
            const pk = publicKeyFromPrivate(key);
            expect(pk.length).toBe(compressedKey ? 33 : 65);
            expect(recoverPublicKey(d, sig, compressedKey)).toEqual(pk);
            expect(recoverPublicKey(d, sig, !compressedKey)).toEqual(compressedKey ? decompressPublicKey(pk) : compressPublicKey(pk));
            expect(verifySignature(d, sig, pk)).toBe(true);
            expect(verifySignature(d, sig, compressedKey ? decompressPublicKey(pk) : compressPublicKey(pk))).toBe(true);
            expect(verifyCompactSignature(d, sig.subarray(1), pk)).toBe(true);
            expect(verifyCompactSignature(d, vrsToRsv(sig), pk)).toBe(true);
            expect(signRecoverable(d, key)).toEqual(sig); // deterministic
          }),
          { numRuns: 40 },
        );
      });

      it('matches @stacks/transactions signWithKey and signMessageHashRsv (RFC 6979)', () => {
        setSecp256k1Backend(b);
        fc.assert(
          fc.property(secretKey, digest, (sk, d) => {
            const vrs = bytesToHex(signRecoverable(d, sk));
            expect(vrs).toBe(signWithKey(bytesToHex(sk), bytesToHex(d)));
            expect(bytesToHex(vrsToRsv(hexToBytes(vrs)))).toBe(signMessageHashRsv({ messageHash: bytesToHex(d), privateKey: bytesToHex(sk) }));
          }),
          { numRuns: 25 },
        );
      });

      it('high-S: verify rejects unless allowHighS, recover accepts unless requireLowS', () => {
        setSecp256k1Backend(b);
        const sk = hexToBytes(`${SK_HEX}01`);
        const pk = publicKeyFromPrivate(sk);
        const sig = signRecoverable(hash, sk);
        const high = negateSignatureS(sig);
        expect(isHighS(high)).toBe(true);
        expect(high[0]).toBe(sig[0]! ^ 1);
        expect(verifySignature(hash, high, pk)).toBe(false);
        expect(verifySignature(hash, high, pk, { allowHighS: true })).toBe(true);
        expect(recoverPublicKey(hash, high, true)).toEqual(pk);
        expectCodecError(() => recoverPublicKey(hash, high, true, { requireLowS: true }), CodecErrorCode.InvalidSignature);
        expect(verifyCompactSignature(hash, high.subarray(1), pk)).toBe(false);
        expect(negateSignatureS(high)).toEqual(sig);
      });

      it('malformed signatures: recover throws CODEC_INVALID_SIGNATURE, verify returns false', () => {
        setSecp256k1Backend(b);
        const sk = hexToBytes(`${SK_HEX}01`);
        const pk = publicKeyFromPrivate(sk);
        const sig = signRecoverable(hash, sk);
        const n = to32(SECP256K1_ORDER);
        const bad: Uint8Array[] = [
          sig.subarray(0, 64),
          concatBytes(sig, Uint8Array.of(0)),
          concatBytes(Uint8Array.of(4), sig.subarray(1)),
          concatBytes(Uint8Array.of(0xff), sig.subarray(1)),
          concatBytes(sig.subarray(0, 1), n, sig.subarray(33)), // r = n
          concatBytes(sig.subarray(0, 33), n), // s = n
          concatBytes(sig.subarray(0, 1), new Uint8Array(32), sig.subarray(33)), // r = 0
          concatBytes(sig.subarray(0, 33), new Uint8Array(32)), // s = 0
          new Uint8Array(65),
        ];
        for (const s of bad) {
          expectCodecError(() => recoverPublicKey(hash, s, true), CodecErrorCode.InvalidSignature);
          expect(verifySignature(hash, s, pk)).toBe(false);
          expect(verifySignature(hash, s, pk, { allowHighS: true })).toBe(false);
        }
        // Recovery ids 2 and 3 (R.x = r + n) fail for a real signature, as in the reference test.
        for (const id of [2, 3]) {
          const s = sig.slice();
          s[0] = id;
          expectCodecError(() => recoverPublicKey(hash, s, true), CodecErrorCode.InvalidSignature);
        }
      });

      it('verifySignature throws for a malformed public key or digest', () => {
        setSecp256k1Backend(b);
        const sig = signRecoverable(hash, hexToBytes(SK_HEX));
        expectCodecError(() => verifySignature(hash, sig, new Uint8Array(33)), CodecErrorCode.InvalidPublicKey);
        expectCodecError(() => verifySignature(hash, sig, new Uint8Array(20)), CodecErrorCode.InvalidPublicKey);
        expectCodecError(() => verifySignature(hash.subarray(1), sig, hexToBytes(PK_COMPRESSED)), CodecErrorCode.InvalidArgument);
        expectCodecError(() => signRecoverable(hash.subarray(1), hexToBytes(SK_HEX)), CodecErrorCode.InvalidArgument);
        expectCodecError(() => recoverPublicKey(new Uint8Array(31), sig, true), CodecErrorCode.InvalidArgument);
        expect(verifyCompactSignature(hash, sig.subarray(1), new Uint8Array(33))).toBe(false);
        expect(verifyCompactSignature(hash, sig.subarray(2), hexToBytes(PK_COMPRESSED))).toBe(false);
      });
    });
  }

  it('recover / verify on arbitrary bytes only ever fail with CODEC_INVALID_SIGNATURE', () => {
    const pk = publicKeyFromPrivate(hexToBytes(`${SK_HEX}01`));
    fc.assert(
      fc.property(digest, fc.uint8Array({ minLength: 60, maxLength: 70 }), fc.boolean(), (d, sig, comp) => {
        try {
          recoverPublicKey(d, sig, comp);
        } catch (err) {
          expect(isCodecError(err, CodecErrorCode.InvalidSignature)).toBe(true);
        }
        expect(typeof verifySignature(d, sig, pk, { allowHighS: true })).toBe('boolean');
        expect(typeof verifyCompactSignature(d, sig, pk)).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });

  it('vrsToRsv / rsvToVrs move the recovery byte and reject other lengths', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 65, maxLength: 65 }), (s) => {
        const rsv = vrsToRsv(s);
        expect(rsv[64]).toBe(s[0]);
        expect(rsv.subarray(0, 64)).toEqual(s.subarray(1));
        expect(rsvToVrs(rsv)).toEqual(s);
      }),
    );
    expectCodecError(() => vrsToRsv(new Uint8Array(64)), CodecErrorCode.InvalidSignature);
    expectCodecError(() => rsvToVrs(new Uint8Array(66)), CodecErrorCode.InvalidSignature);
  });
});

describe.skipIf(native === null)('noble and native backends agree', () => {
  const backends = BACKENDS;
  const nobleB = backends[0]!;
  const nativeB = backends[1]!;

  it('sign, including digests >= n', () => {
    const bigDigest = fc.bigInt({ min: SECP256K1_ORDER, max: 2n ** 256n - 1n }).map(to32);
    fc.assert(
      fc.property(secretKey, fc.oneof(digest, bigDigest), (sk, d) => {
        expect(nativeB.sign(d, sk)).toEqual(nobleB.sign(d, sk));
      }),
      { numRuns: 200 },
    );
    expect(nativeB.sign(new Uint8Array(32), new Uint8Array(32))).toBeNull();
    expect(nobleB.sign(new Uint8Array(32), new Uint8Array(32))).toBeNull();
    expect(nativeB.sign(new Uint8Array(32), to32(SECP256K1_ORDER))).toBeNull();
    expect(nobleB.sign(new Uint8Array(32), to32(SECP256K1_ORDER))).toBeNull();
  });

  it('recover over arbitrary signature bytes and recovery ids', () => {
    const nearEdges = fc.oneof(
      bytes32,
      fc.constantFrom(new Uint8Array(32), to32(SECP256K1_ORDER), to32(SECP256K1_ORDER - 1n), to32(1n), new Uint8Array(32).fill(0xff)),
    );
    fc.assert(
      fc.property(digest, nearEdges, nearEdges, fc.integer({ min: 0, max: 3 }), fc.boolean(), (d, r, s, id, comp) => {
        const sig = concatBytes(r, s);
        expect(nativeB.recover(d, sig, id, comp)).toEqual(nobleB.recover(d, sig, id, comp));
      }),
      { numRuns: 300 },
    );
  });

  it('recovery ids 2 and 3 with a small r (R.x = r + n < p)', () => {
    // r + n < p only for r < p - n: build signatures there and compare.
    const pMinusN = 2n ** 256n - 2n ** 32n - 977n - SECP256K1_ORDER;
    fc.assert(
      fc.property(digest, fc.bigInt({ min: 1n, max: pMinusN - 1n }), bytes32, fc.integer({ min: 0, max: 3 }), (d, r, s, id) => {
        const sig = concatBytes(to32(r), s);
        expect(nativeB.recover(d, sig, id, true)).toEqual(nobleB.recover(d, sig, id, true));
      }),
      { numRuns: 200 },
    );
  });

  it('verify (compact, libsecp256k1 semantics)', () => {
    fc.assert(
      fc.property(secretKey, digest, fc.boolean(), fc.integer({ min: 0, max: 3 }), (sk, d, comp, mutation) => {
        const pk = nobleB.publicKeyCreate(sk, comp)!;
        let sig = nobleB.sign(d, sk)!.signature;
        if (mutation === 1) sig = negateSignatureS(concatBytes(Uint8Array.of(0), sig)).subarray(1);
        if (mutation === 2) sig = concatBytes(sig.subarray(0, 63), Uint8Array.of(sig[63]! ^ 1));
        const dd = mutation === 3 ? sha256(d) : d;
        expect(nativeB.verify(dd, sig, pk)).toBe(nobleB.verify(dd, sig, pk));
      }),
      { numRuns: 150 },
    );
  });

  it('public key create and convert, including random and hybrid encodings', () => {
    fc.assert(
      fc.property(secretKey, fc.boolean(), (sk, comp) => {
        expect(nativeB.publicKeyCreate(sk, comp)).toEqual(nobleB.publicKeyCreate(sk, comp));
      }),
      { numRuns: 100 },
    );
    const randomKey = fc.oneof(
      fc.tuple(fc.constantFrom(2, 3), bytes32).map(([h, x]) => concatBytes(Uint8Array.of(h), x)),
      fc.tuple(fc.constantFrom(4, 6, 7), bytes32, bytes32).map(([h, x, y]) => concatBytes(Uint8Array.of(h), x, y)),
      fc.tuple(secretKey, fc.constantFrom(4, 6, 7)).map(([sk, h]) => {
        const u = nobleB.publicKeyCreate(sk, false)!.slice();
        u[0] = h;
        return u;
      }),
    );
    fc.assert(
      fc.property(randomKey, fc.boolean(), (pk, comp) => {
        expect(nativeB.publicKeyConvert(pk, comp)).toEqual(nobleB.publicKeyConvert(pk, comp));
      }),
      { numRuns: 300 },
    );
  });
});

describe('hex checks against the reference test', () => {
  it('recovers the stacks-common test_verify key', () => {
    const sig = hexToBytes(
      '00354445a1dc98a1bd27984dbe69979a5cd77886b4d9134af5c40e634d96e1cb445b97de5b632582d31704f86706a780886e6e381bfed65228267358262d203fe6',
    );
    const pk = recoverPublicKey(sha256(utf8ToBytes('hello world')), sig, true);
    expect(bytesToHex(pk)).toBe('0385f2e2867524289d6047d0d9c5e764c5d413729fc32291ad2c353fbc396a4219');
    expect(toBig(sig.subarray(33)) <= SECP256K1_ORDER / 2n).toBe(true);
  });
});
