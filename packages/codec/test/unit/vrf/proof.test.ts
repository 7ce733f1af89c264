import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes, hexToBytes } from '@stacks-ts/common';
import { ByteReader, ByteWriter } from '../../../src/bytes.ts';
import { CodecErrorCode, isCodecError } from '../../../src/errors.ts';
import { CURVE_ORDER, Point } from '../../../src/vrf/curve.ts';
import { vrfProve } from '../../../src/vrf/ecvrf.ts';
import {
  VRF_PROOF_LENGTH,
  type VrfProof,
  decodeVrfProof,
  encodeVrfProof,
  readVrfProof,
  writeVrfProof,
} from '../../../src/vrf/proof.ts';
import { FIELD_PRIME, IETF_VECTORS, VALID_PROOF, encodeY, torsionPoints, withGamma, withS } from './helpers.ts';

function expectInvalidVrf(f: () => unknown): void {
  let caught: unknown;
  try {
    f();
  } catch (err) {
    caught = err;
  }
  expect(isCodecError(caught, CodecErrorCode.InvalidVrf), String(caught)).toBe(true);
}

describe('decodeVrfProof', () => {
  it('splits Gamma | c | s and re-encodes identically', () => {
    const p = decodeVrfProof(VALID_PROOF);
    expect(bytesToHex(p.gamma)).toBe(bytesToHex(VALID_PROOF.subarray(0, 32)));
    expect(bytesToHex(p.c)).toBe(bytesToHex(VALID_PROOF.subarray(32, 48)));
    expect(bytesToHex(p.s)).toBe(bytesToHex(VALID_PROOF.subarray(48, 80)));
    expect(bytesToHex(encodeVrfProof(p))).toBe(bytesToHex(VALID_PROOF));
  });

  it('rejects every length but 80 with CODEC_INVALID_VRF', () => {
    for (const n of [0, 1, 32, 48, 79, 81, 96, 160]) {
      const bytes = new Uint8Array(n);
      bytes.set(VALID_PROOF.subarray(0, Math.min(n, 80)));
      expectInvalidVrf(() => decodeVrfProof(bytes));
    }
  });

  it('rejects a Gamma that is not a curve point', () => {
    // the second check_valid_public_key vector: 32 bytes that are not a point
    const notPoint = hexToBytes('a366b51292bef4edd64063d9145c617fec373bceb0758e98cd72becd84d54c7b');
    expectInvalidVrf(() => decodeVrfProof(withGamma(VALID_PROOF, notPoint)));
    // y = 2 has no x on the curve
    expectInvalidVrf(() => decodeVrfProof(withGamma(VALID_PROOF, encodeY(2n))));
  });

  it('rejects every small-order Gamma, in canonical and non-canonical encodings', () => {
    const encodings: Uint8Array[] = torsionPoints().map((t) => t.toBytes());
    expect(new Set(encodings.map(bytesToHex)).size).toBe(8);
    // the all-zero Gamma of test_proof_codec is y = 0, a point of order 4
    encodings.push(new Uint8Array(32));
    // x = 0 with the sign bit set (dalek and ZIP-215 accept the encoding)
    encodings.push(encodeY(1n, true), encodeY(FIELD_PRIME - 1n, true));
    // y >= p: p (y = 0) and p + 1 (the identity), with either sign bit
    for (const sign of [false, true]) encodings.push(encodeY(FIELD_PRIME, sign), encodeY(FIELD_PRIME + 1n, sign));
    for (const g of encodings) expectInvalidVrf(() => decodeVrfProof(withGamma(VALID_PROOF, g)));
  });

  it('accepts a non-canonical Gamma (y >= p) and re-encodes it canonically, as dalek does', () => {
    const raw = encodeY(FIELD_PRIME + 3n); // y = 3 is on the curve and not of small order
    const bytes = withGamma(VALID_PROOF, raw);
    const p = decodeVrfProof(bytes);
    expect(bytesToHex(p.gamma)).toBe(bytesToHex(encodeY(3n)));
    const again = encodeVrfProof(p);
    expect(bytesToHex(again)).not.toBe(bytesToHex(bytes));
    expect(decodeVrfProof(again)).toEqual(p);
  });

  it('rejects a non-canonical s and accepts s = L - 1', () => {
    for (const s of [CURVE_ORDER, CURVE_ORDER + 1n, (1n << 255n) - 1n, (1n << 256n) - 1n]) {
      expectInvalidVrf(() => decodeVrfProof(withS(VALID_PROOF, s)));
    }
    expect(decodeVrfProof(withS(VALID_PROOF, CURVE_ORDER - 1n)).s).toEqual(withS(VALID_PROOF, CURVE_ORDER - 1n).subarray(48));
    expect(decodeVrfProof(withS(VALID_PROOF, 0n)).s).toEqual(new Uint8Array(32));
  });

  it('accepts any 16-byte c (always below L)', () => {
    const bytes = VALID_PROOF.slice();
    bytes.fill(0xff, 32, 48);
    expect(decodeVrfProof(bytes).c).toEqual(new Uint8Array(16).fill(0xff));
  });

  it('never throws anything but CODEC_INVALID_VRF, and decode(encode(decode(x))) is stable', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 100 }), (bytes) => {
        let p: VrfProof;
        try {
          p = decodeVrfProof(bytes);
        } catch (err) {
          return isCodecError(err, CodecErrorCode.InvalidVrf);
        }
        const enc = encodeVrfProof(p);
        expect(enc.length).toBe(VRF_PROOF_LENGTH);
        expect(decodeVrfProof(enc)).toEqual(p);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips proofs made by vrfProve', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 64 }), (sk, msg) => {
        const bytes = vrfProve(sk, msg);
        const p = decodeVrfProof(bytes);
        expect(encodeVrfProof(p)).toEqual(bytes);
        expect(decodeVrfProof(encodeVrfProof(p))).toEqual(p);
      }),
      { numRuns: 20 },
    );
  });
});

describe('readVrfProof / writeVrfProof', () => {
  it('reads 80 bytes from a stream and leaves the rest', () => {
    const r = new ByteReader(concatBytes(VALID_PROOF, Uint8Array.of(1, 2, 3)));
    const p = readVrfProof(r);
    expect(r.offset).toBe(80);
    expect(r.remaining).toBe(3);
    const w = new ByteWriter();
    w.writeU8(9);
    writeVrfProof(w, p);
    expect(w.toBytes()).toEqual(concatBytes(Uint8Array.of(9), VALID_PROOF));
  });

  it('fails with CODEC_UNEXPECTED_EOF on a short stream and reports the offset of a bad proof', () => {
    expect(() => readVrfProof(new ByteReader(VALID_PROOF.subarray(0, 79)))).toThrowError(
      expect.objectContaining({ code: CodecErrorCode.UnexpectedEof }),
    );
    const r = new ByteReader(concatBytes(new Uint8Array(5), withGamma(VALID_PROOF, encodeY(2n))));
    r.readBytes(5);
    try {
      readVrfProof(r);
      expect.unreachable();
    } catch (err) {
      expect(isCodecError(err, CodecErrorCode.InvalidVrf)).toBe(true);
      expect((err as { meta: { offset: number } }).meta.offset).toBe(5);
    }
  });

  it('refuses to write fields of the wrong length or a non-canonical s', () => {
    const p = decodeVrfProof(VALID_PROOF);
    const bad: VrfProof[] = [
      { ...p, gamma: p.gamma.subarray(1) },
      { ...p, c: new Uint8Array(17) },
      { ...p, s: new Uint8Array(31) },
      { ...p, s: withS(VALID_PROOF, CURVE_ORDER).subarray(48) },
    ];
    for (const b of bad) {
      expect(() => encodeVrfProof(b)).toThrowError(expect.objectContaining({ code: CodecErrorCode.InvalidArgument }));
    }
  });
});

describe('IETF proofs decode', () => {
  it('decodes and re-encodes the three draft-04 A.3 proofs', () => {
    for (const v of IETF_VECTORS) {
      const bytes = hexToBytes(v.pi);
      expect(bytesToHex(encodeVrfProof(decodeVrfProof(bytes)))).toBe(v.pi);
      expect(Point.fromBytes(decodeVrfProof(bytes).gamma).isSmallOrder()).toBe(false);
    }
  });
});
