/**
 * The Stacks ECVRF (`VRF` in stacks-common/src/util/vrf.rs): ECVRF-EDWARDS25519-SHA512-TAI as in
 * draft-irtf-cfrg-vrf-03/04, suite byte 0x03, try-and-increment hash-to-curve with the
 * reference's own counter encoding, 16-byte challenge.
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, equalBytes } from '@stacks-ts/common';
import { sha512_256 } from '../crypto/hashes.ts';
import { CURVE_ORDER, Point, compressPoint, decompressPoint, leToScalar, mulPublic, mulSecret, scalarToLe } from './curve.ts';
import { expandVrfPrivateKey } from './keys.ts';
import { type ParsedVrfProof, type VrfProof, parseVrfProof, vrfProofBytes } from './proof.ts';

/** The suite byte of ECVRF-EDWARDS25519-SHA512-TAI. */
export const VRF_SUITE = 0x03;

const HASH_TO_CURVE_DOMAIN = Uint8Array.of(VRF_SUITE, 0x01);
const HASH_POINTS_DOMAIN = Uint8Array.of(VRF_SUITE, 0x02);
const PROOF_TO_HASH_DOMAIN = Uint8Array.of(VRF_SUITE, 0x03);

/**
 * The counter suffix of one try-and-increment attempt, as the reference writes it: attempt 0
 * appends one 0x00 byte; attempt n > 0 appends little-endian byte i of n for every i with
 * n > 256^i. (So attempt 1 appends nothing and attempt 256 appends only 0x00.) Internal:
 * exported for tests.
 */
export function tryAndIncrementSuffix(ctr: number): Uint8Array {
  if (ctr === 0) return Uint8Array.of(0);
  const out: number[] = [];
  for (let i = 0, base = 1; i < 8 && ctr > base; i++, base *= 256) {
    out.push(Math.floor(ctr / base) % 256);
  }
  return Uint8Array.from(out);
}

/**
 * H = 8 * (the first point found by SHA-512(suite | 0x01 | Y | alpha | ctr)), with Y the public
 * key's bytes as given (`VRF::hash_to_curve`). Internal: exported for tests.
 */
export function hashToCurve(publicKey: Uint8Array, alpha: Uint8Array): Point {
  const prefix = concatBytes(HASH_TO_CURVE_DOMAIN, publicKey, alpha);
  // Each attempt succeeds with probability about 1/2; the bound only guards against a bug.
  for (let ctr = 0; ctr < 1 << 30; ctr++) {
    const candidate = decompressPoint(sha512(concatBytes(prefix, tryAndIncrementSuffix(ctr))).subarray(0, 32));
    if (candidate !== undefined) return candidate.clearCofactor();
  }
  throw new Error('VRF hash-to-curve did not find a point');
}

/**
 * The 16-byte challenge: the first 16 bytes of SHA-512(suite | 0x02 | P1 | P2 | P3 | P4)
 * (`VRF::hash_points`). Internal: exported for tests.
 */
export function hashPoints(p1: Point, p2: Point, p3: Point, p4: Point): Uint8Array {
  const digest = sha512(
    concatBytes(HASH_POINTS_DOMAIN, compressPoint(p1), compressPoint(p2), compressPoint(p3), compressPoint(p4)),
  );
  return digest.slice(0, 16);
}

function parseProofInput(proof: Uint8Array | VrfProof): ParsedVrfProof {
  return parseVrfProof(proof instanceof Uint8Array ? proof : vrfProofBytes(proof));
}

/**
 * Proves `message` with a 32-byte VRF private key (`VRF::prove`); returns the 80-byte proof.
 * Deterministic. Throws CODEC_INVALID_VRF when the key is not 32 bytes.
 */
export function vrfProve(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  const { x, nonceKey, publicKey } = expandVrfPrivateKey(secretKey);
  const h = hashToCurve(publicKey, message);
  const gamma = mulSecret(h, x);
  const k = leToScalar(sha512(concatBytes(nonceKey, compressPoint(h)))) % CURVE_ORDER;
  const c = hashPoints(h, gamma, mulSecret(Point.BASE, k), mulSecret(h, k));
  const s = (k + leToScalar(c) * x) % CURVE_ORDER;
  return concatBytes(compressPoint(gamma), c, scalarToLe(s, 32));
}

/**
 * Verifies a VRF proof of `message` under a 32-byte public key (`VRF::verify`). Returns false,
 * never throws, for a wrong proof, a malformed proof or a public key the reference rejects.
 */
export function vrfVerify(publicKey: Uint8Array, proof: Uint8Array | VrfProof, message: Uint8Array): boolean {
  try {
    if (!(publicKey instanceof Uint8Array) || !(message instanceof Uint8Array)) return false;
    const y = publicKey.length === 32 ? decompressPoint(publicKey) : undefined;
    if (y === undefined) return false;
    const p = parseProofInput(proof);
    const h = hashToCurve(publicKey, message);
    const u = mulPublic(Point.BASE, p.s).subtract(mulPublic(y, p.c));
    const v = mulPublic(h, p.s).subtract(mulPublic(p.gamma, p.c));
    return equalBytes(hashPoints(h, p.gamma, u, v), p.proof.c);
  } catch {
    return false;
  }
}

/**
 * The IETF `ECVRF_proof_to_hash` output beta (64 bytes): SHA-512(suite | 0x03 | 8*Gamma), as
 * draft-irtf-cfrg-vrf-03/04 define it. The reference has no such function and Stacks never uses
 * beta: the sortition seed is `vrfSeedFromProof`. Provided for interoperability with other ECVRF
 * implementations. It does not verify the proof; throws CODEC_INVALID_VRF for a malformed one.
 */
export function vrfProofToHash(proof: Uint8Array | VrfProof): Uint8Array {
  const { gamma } = parseProofInput(proof);
  return sha512(concatBytes(PROOF_TO_HASH_DOMAIN, compressPoint(gamma.clearCofactor())));
}

/**
 * The Stacks VRF seed of a proof, SHA-512/256 of its canonical 80 bytes (`VRFSeed::from_proof`).
 * Throws CODEC_INVALID_VRF for a malformed proof.
 */
export function vrfSeedFromProof(proof: Uint8Array | VrfProof): Uint8Array {
  return sha512_256(vrfProofBytes(parseProofInput(proof).proof));
}
