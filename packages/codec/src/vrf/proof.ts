/**
 * The Stacks VRF proof codec (`VRFProof` in stacks-common/src/util/vrf.rs): 80 bytes laid out as
 * `Gamma[32] | c[16] | s[32]`, with Gamma a compressed edwards25519 point and c, s little-endian
 * scalars.
 */
import { ByteReader, type ByteWriter, encodeWith } from '../bytes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { CURVE_ORDER, type Point, compressPoint, decompressPoint, leToScalar } from './curve.ts';

/** Size of an encoded VRF proof (`VRF_PROOF_ENCODED_SIZE`). */
export const VRF_PROOF_LENGTH = 80;

/** A decoded VRF proof. Built by `decodeVrfProof`/`readVrfProof` or `vrfProve`, never by hand. */
export interface VrfProof {
  /** Gamma = x*H, in its canonical 32-byte compressed encoding (decoding canonicalizes it). */
  readonly gamma: Uint8Array;
  /** The 16-byte challenge c, little-endian. */
  readonly c: Uint8Array;
  /** The 32-byte response s, a canonical little-endian scalar (< L). */
  readonly s: Uint8Array;
}

/** A proof parsed down to curve values (internal to the vrf folder). */
export interface ParsedVrfProof {
  readonly gamma: Point;
  readonly c: bigint;
  readonly s: bigint;
  /** The canonical proof. */
  readonly proof: VrfProof;
}

function invalid(message: string, meta: Record<string, unknown> = {}): CodecError {
  return new CodecError(CodecErrorCode.InvalidVrf, message, meta);
}

/**
 * Parses exactly 80 proof bytes with the reference's acceptance rules: Gamma must decompress
 * (dalek rules: non-canonical y accepted, then re-encoded canonically) and must not be of small
 * order; s must be a canonical scalar. c is 16 bytes, so it is always below L.
 */
export function parseVrfProof(bytes: Uint8Array, offset = 0): ParsedVrfProof {
  if (bytes.length !== VRF_PROOF_LENGTH) {
    throw invalid(`VRF proof must be ${VRF_PROOF_LENGTH} bytes, got ${bytes.length}`, { offset, length: bytes.length });
  }
  const gamma = decompressPoint(bytes.subarray(0, 32));
  if (gamma === undefined) throw invalid('VRF proof Gamma is not a curve point', { offset });
  if (gamma.isSmallOrder()) throw invalid('VRF proof Gamma is of small order', { offset });
  const cBytes = bytes.slice(32, 48);
  const sBytes = bytes.slice(48, 80);
  const s = leToScalar(sBytes);
  if (s >= CURVE_ORDER) throw invalid('VRF proof s is not a canonical scalar', { offset: offset + 48 });
  const c = leToScalar(cBytes);
  return { gamma, c, s, proof: { gamma: compressPoint(gamma), c: cBytes, s: sBytes } };
}

/** The 80 bytes of a proof object, after checking the field lengths. */
export function vrfProofBytes(proof: VrfProof): Uint8Array {
  return encodeWith((w) => writeVrfProof(w, proof), VRF_PROOF_LENGTH);
}

/** Reads an 80-byte VRF proof from a stream; rejects what `VRFProof::from_bytes` rejects. */
export function readVrfProof(r: ByteReader): VrfProof {
  const start = r.offset;
  return parseVrfProof(r.readBytes(VRF_PROOF_LENGTH, 'VRF proof'), start).proof;
}

/**
 * Writes a proof's 80 bytes. Checks the field lengths and that s is canonical; Gamma is written
 * as given (proofs from `decodeVrfProof` and `vrfProve` already hold its canonical encoding).
 */
export function writeVrfProof(w: ByteWriter, proof: VrfProof): void {
  if (proof.s.length !== 32 || leToScalar(proof.s) >= CURVE_ORDER) {
    throw new CodecError(CodecErrorCode.InvalidArgument, 'VRF proof s must be a canonical 32-byte scalar');
  }
  w.writeFixed(proof.gamma, 32, 'VRF proof Gamma');
  w.writeFixed(proof.c, 16, 'VRF proof c');
  w.writeFixed(proof.s, 32, 'VRF proof s');
}

/** Decodes exactly 80 bytes into a proof; any other length or invalid content is CODEC_INVALID_VRF. */
export function decodeVrfProof(bytes: Uint8Array): VrfProof {
  if (bytes.length !== VRF_PROOF_LENGTH) {
    throw invalid(`VRF proof must be ${VRF_PROOF_LENGTH} bytes, got ${bytes.length}`, { length: bytes.length });
  }
  return readVrfProof(new ByteReader(bytes));
}

/** Encodes a proof as its 80 bytes (`VRFProof::to_bytes`). */
export function encodeVrfProof(proof: VrfProof): Uint8Array {
  return vrfProofBytes(proof);
}
