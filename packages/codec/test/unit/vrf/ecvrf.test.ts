import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@stacks-ts/common';
import { sha512_256 } from '../../../src/crypto/hashes.ts';
import { CodecErrorCode, isCodecError } from '../../../src/errors.ts';
import { CURVE_ORDER, Point, decompressPoint, leToScalar, scalarToLe } from '../../../src/vrf/curve.ts';
import {
  hashPoints,
  hashToCurve,
  tryAndIncrementSuffix,
  vrfProofToHash,
  vrfProve,
  vrfSeedFromProof,
  vrfVerify,
} from '../../../src/vrf/ecvrf.ts';
import { expandVrfPrivateKey, vrfPublicKeyFromSecret } from '../../../src/vrf/keys.ts';
import { decodeVrfProof, encodeVrfProof } from '../../../src/vrf/proof.ts';
import { IETF_VECTORS, VALID_PROOF, encodeY, torsionPoints, withGamma, withS } from './helpers.ts';

const seed = fc.uint8Array({ minLength: 32, maxLength: 32 });
const message = fc.uint8Array({ maxLength: 300 });

describe('vrfProve / vrfVerify: IETF draft-04 A.3 vectors', () => {
  for (const v of IETF_VECTORS) {
    it(`alpha='${v.alpha}'`, () => {
      const sk = hexToBytes(v.sk);
      const alpha = hexToBytes(v.alpha);
      const pk = vrfPublicKeyFromSecret(sk);
      expect(bytesToHex(pk)).toBe(v.pk);
      const proof = vrfProve(sk, alpha);
      expect(bytesToHex(proof)).toBe(v.pi);
      expect(vrfVerify(pk, proof, alpha)).toBe(true);
      expect(vrfVerify(pk, decodeVrfProof(proof), alpha)).toBe(true);
      expect(bytesToHex(vrfProofToHash(proof))).toBe(v.beta);
      expect(bytesToHex(vrfProofToHash(decodeVrfProof(proof)))).toBe(v.beta);
    });
  }
});

describe('vrfProve / vrfVerify: properties', () => {
  it('a proof verifies under its key and message, and is deterministic', () => {
    fc.assert(
      fc.property(seed, message, (sk, msg) => {
        const pk = vrfPublicKeyFromSecret(sk);
        const proof = vrfProve(sk, msg);
        expect(proof.length).toBe(80);
        expect(vrfVerify(pk, proof, msg)).toBe(true);
        expect(vrfProve(sk, msg)).toEqual(proof);
      }),
      { numRuns: 40 },
    );
  });

  it('a proof does not verify for another message or another key', () => {
    fc.assert(
      fc.property(seed, seed, message, message, (sk1, sk2, m1, m2) => {
        fc.pre(bytesToHex(sk1) !== bytesToHex(sk2) && bytesToHex(m1) !== bytesToHex(m2));
        // Two messages whose try-and-increment inputs collide map to the same H, and then one proof
        // serves both (see the test below); the property is about messages with different H.
        const pk1 = vrfPublicKeyFromSecret(sk1);
        fc.pre(!hashToCurve(pk1, m1).equals(hashToCurve(pk1, m2)));
        const proof = vrfProve(sk1, m1);
        expect(vrfVerify(vrfPublicKeyFromSecret(sk1), proof, m2)).toBe(false);
        expect(vrfVerify(vrfPublicKeyFromSecret(sk2), proof, m1)).toBe(false);
      }),
      { numRuns: 20 },
    );
  });

  it("messages whose hash-to-curve inputs collide share proofs, as in the reference", () => {
    // The reference appends nothing for attempt 1 and [n] for attempt 2 <= n <= 255, so alpha = [3]
    // at attempt 1 hashes the same bytes as alpha = [] at attempt 3. For this key both messages
    // fail their earlier attempts, reach that input, and get the same H, gamma and proof: found
    // by the property above (fast-check seed 251420732).
    const sk = Uint8Array.from([
      181, 1, 251, 7, 4, 4, 204, 2, 191, 254, 160, 150, 0, 152, 3, 250, 3, 127, 1, 189, 26, 4, 5, 6, 115, 100, 254, 3,
      7, 5, 0, 7,
    ]);
    const pk = vrfPublicKeyFromSecret(sk);
    const three = Uint8Array.of(3);
    const empty = new Uint8Array();
    expect(hashToCurve(pk, three).equals(hashToCurve(pk, empty))).toBe(true);
    const proof = vrfProve(sk, three);
    expect(vrfProve(sk, empty)).toEqual(proof);
    expect(vrfVerify(pk, proof, empty)).toBe(true);
    // Messages that do not collide this way keep their proofs apart.
    expect(vrfVerify(pk, proof, Uint8Array.of(4))).toBe(false);
  });

  it('rejects every single-bit flip of a proof', () => {
    const sk = hexToBytes(IETF_VECTORS[1].sk);
    const msg = hexToBytes(IETF_VECTORS[1].alpha);
    const pk = vrfPublicKeyFromSecret(sk);
    const proof = vrfProve(sk, msg);
    for (let bit = 0; bit < 80 * 8; bit++) {
      const flipped = proof.slice();
      flipped[bit >> 3] = flipped[bit >> 3]! ^ (1 << (bit & 7));
      expect(vrfVerify(pk, flipped, msg), `bit ${bit}`).toBe(false);
    }
  });

  it('returns false, never throws, for malformed keys, proofs and arguments', () => {
    const sk = hexToBytes(IETF_VECTORS[0].sk);
    const pk = vrfPublicKeyFromSecret(sk);
    const proof = vrfProve(sk, new Uint8Array());
    const empty = new Uint8Array();
    expect(vrfVerify(pk.subarray(1), proof, empty)).toBe(false);
    expect(vrfVerify(concatBytes(pk, Uint8Array.of(0)), proof, empty)).toBe(false);
    expect(vrfVerify(hexToBytes('a366b51292bef4edd64063d9145c617fec373bceb0758e98cd72becd84d54c7b'), proof, empty)).toBe(false);
    expect(vrfVerify(pk, proof.subarray(1), empty)).toBe(false);
    expect(vrfVerify(pk, concatBytes(proof, Uint8Array.of(0)), empty)).toBe(false);
    expect(vrfVerify(pk, new Uint8Array(80), empty)).toBe(false);
    expect(vrfVerify(pk, withS(proof, CURVE_ORDER + leToScalar(proof.subarray(48))), empty)).toBe(false);
    expect(vrfVerify(pk, { gamma: new Uint8Array(3), c: new Uint8Array(16), s: new Uint8Array(32) }, empty)).toBe(false);
    const anyValue = null as unknown as Uint8Array;
    expect(vrfVerify(anyValue, proof, empty)).toBe(false);
    expect(vrfVerify(pk, anyValue, empty)).toBe(false);
    expect(vrfVerify(pk, proof, anyValue)).toBe(false);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 90 }), message, (k, p, m) => {
        expect(vrfVerify(k, p, m)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts a proof under a mixed-order public key exactly when the math does (no cofactor clearing on Y)', () => {
    // The reference accepts any decompressible key, including Y + T for a torsion point T, and
    // computes U = s*B - c*Y' = k*B - c*T. A prover that knows x therefore produces a valid proof
    // for Y' exactly when c*T = 0; we grind messages for both outcomes.
    const { x, nonceKey, publicKey } = expandVrfPrivateKey(hexToBytes(IETF_VECTORS[2].sk));
    const t = torsionPoints()[1]!; // order 8
    const yMixed = Point.fromBytes(publicKey).add(t).toBytes();
    const seen = { valid: false, invalid: false };
    for (let i = 0; i < 200 && !(seen.valid && seen.invalid); i++) {
      const msg = utf8ToBytes(`mixed-order ${i}`);
      const h = hashToCurve(yMixed, msg);
      const gamma = h.multiply(x);
      const k = leToScalar(sha512(concatBytes(nonceKey, h.toBytes()))) % CURVE_ORDER;
      const c = hashPoints(h, gamma, Point.BASE.multiply(k), h.multiply(k));
      const s = (k + leToScalar(c) * x) % CURVE_ORDER;
      const proof = concatBytes(gamma.toBytes(), c, scalarToLe(s, 32));
      const expected = leToScalar(c) % 8n === 0n;
      expect(vrfVerify(yMixed, proof, msg), `message ${i}`).toBe(expected);
      expect(vrfVerify(publicKey, proof, msg)).toBe(false);
      if (expected) seen.valid = true;
      else seen.invalid = true;
    }
    expect(seen).toEqual({ valid: true, invalid: true });
  });

  it('throws CODEC_INVALID_VRF for a private key that is not 32 bytes', () => {
    for (const n of [0, 31, 33, 64]) {
      expect(() => vrfProve(new Uint8Array(n), new Uint8Array())).toThrowError(
        expect.objectContaining({ code: CodecErrorCode.InvalidVrf }),
      );
    }
  });
});

describe('hash to curve', () => {
  it('writes the try-and-increment counter the way the reference does', () => {
    const cases: [number, number[]][] = [
      [0, [0]],
      [1, []],
      [2, [2]],
      [255, [255]],
      [256, [0]],
      [257, [1, 1]],
      [65535, [255, 255]],
      [65536, [0, 0]],
      [65537, [1, 0, 1]],
    ];
    for (const [ctr, bytes] of cases) expect(Array.from(tryAndIncrementSuffix(ctr)), `ctr ${ctr}`).toEqual(bytes);
  });

  it('uses the bare prefix (no counter byte) on the second attempt', () => {
    const pk = hexToBytes(IETF_VECTORS[0].pk);
    let found = 0;
    for (let i = 0; found < 3 && i < 500; i++) {
      const alpha = utf8ToBytes(`alpha ${i}`);
      const prefix = concatBytes(Uint8Array.of(0x03, 0x01), pk, alpha);
      const attempt0 = decompressPoint(sha512(concatBytes(prefix, Uint8Array.of(0))).subarray(0, 32));
      const attempt1 = decompressPoint(sha512(prefix).subarray(0, 32));
      if (attempt0 !== undefined || attempt1 === undefined) continue;
      expect(hashToCurve(pk, alpha).equals(attempt1.clearCofactor())).toBe(true);
      found++;
    }
    expect(found).toBe(3);
  });

  it('returns a point of the prime-order subgroup', () => {
    const h = hashToCurve(hexToBytes(IETF_VECTORS[1].pk), hexToBytes(IETF_VECTORS[1].alpha));
    expect(h.isSmallOrder()).toBe(false);
    expect(h.isTorsionFree()).toBe(true);
  });
});

describe('vrfSeedFromProof / vrfProofToHash', () => {
  it('seed = SHA-512/256 of the proof bytes (VRFSeed::from_proof)', () => {
    for (const v of IETF_VECTORS) {
      const proof = hexToBytes(v.pi);
      expect(vrfSeedFromProof(proof)).toEqual(sha512_256(proof));
      expect(vrfSeedFromProof(decodeVrfProof(proof))).toEqual(sha512_256(proof));
    }
  });

  it('hashes the canonical re-encoding of a non-canonically encoded Gamma', () => {
    const bytes = withGamma(VALID_PROOF, encodeY(Point.Fp.ORDER + 3n));
    const canonical = encodeVrfProof(decodeVrfProof(bytes));
    expect(vrfSeedFromProof(bytes)).toEqual(sha512_256(canonical));
    expect(vrfProofToHash(bytes)).toEqual(vrfProofToHash(canonical));
  });

  it('throws CODEC_INVALID_VRF for a malformed proof', () => {
    for (const bad of [new Uint8Array(80), VALID_PROOF.subarray(1)]) {
      for (const f of [vrfSeedFromProof, vrfProofToHash]) {
        let caught: unknown;
        try {
          f(bad);
        } catch (err) {
          caught = err;
        }
        expect(isCodecError(caught, CodecErrorCode.InvalidVrf)).toBe(true);
      }
    }
  });
});
