// The WebAssembly point decompression (src/vrf/ed25519-field.*) against noble's ZIP-215
// `ed25519.Point.fromBytes(bytes, true)`, the behaviour it replaces: same accept/reject, same
// point (X, Y, Z, T), same `isSmallOrder` and `toBytes`, for random and for edge inputs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wasmDecompressEdwardsY } from '../../../src/vrf/ed25519-field.ts';
import { ED25519_FIELD_WAT_SHA256 } from '../../../src/vrf/ed25519-field.wasm.ts';
import { decompressPoint } from '../../../src/vrf/curve.ts';
import { decodeVrfProof } from '../../../src/vrf/proof.ts';

const P = ed25519.Point.Fp.ORDER;
const TWO_255 = 1n << 255n;

function encode(y: bigint, sign: boolean): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((y >> BigInt(8 * i)) & 0xffn);
  if (sign) out[31] |= 0x80;
  return out;
}

function noble(bytes: Uint8Array) {
  try {
    return ed25519.Point.fromBytes(bytes, true);
  } catch {
    return undefined;
  }
}

/** Asserts that `bytes` decompress identically on both paths; returns whether they are a point. */
function expectSame(bytes: Uint8Array): boolean {
  const expected = noble(bytes);
  const raw = wasmDecompressEdwardsY()!(bytes);
  const actual = decompressPoint(bytes);
  const what = bytesToHex(bytes);
  if (expected === undefined) {
    expect(raw, what).toBeNull();
    expect(actual, what).toBeUndefined();
    return false;
  }
  expect(raw, what).toEqual({ x: expected.X, y: expected.Y, t: expected.T });
  expect(expected.Z).toBe(1n);
  expect(actual, what).toBeDefined();
  expect([actual!.X, actual!.Y, actual!.Z, actual!.T], what).toEqual([expected.X, expected.Y, expected.Z, expected.T]);
  expect(actual!.isSmallOrder(), what).toBe(expected.isSmallOrder());
  expect(bytesToHex(actual!.toBytes()), what).toBe(bytesToHex(expected.toBytes()));
  expect(actual!.equals(expected), what).toBe(true);
  return true;
}

describe('WebAssembly edwards25519 decompression', () => {
  it('is in use in this runtime', () => {
    expect(wasmDecompressEdwardsY()).toBeTypeOf('function');
  });

  it('was assembled from the current ed25519-field.wat', () => {
    const wat = readFileSync(new URL('../../../src/vrf/ed25519-field.wat', import.meta.url));
    expect(createHash('sha256').update(wat).digest('hex'), 'run: npx tsx packages/codec/scripts/build-wasm.ts').toBe(
      ED25519_FIELD_WAT_SHA256,
    );
  });

  it('matches noble on 20,000 random byte strings', () => {
    let points = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        if (expectSame(bytes)) points++;
      }),
      { numRuns: 20_000 },
    );
    // About half of all y are on the curve: both branches were exercised.
    expect(points).toBeGreaterThan(5_000);
    expect(points).toBeLessThan(15_000);
  });

  it('matches noble on 5,000 uniformly random y and sign bits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: TWO_255 - 1n }), fc.boolean(), (y, sign) => {
        expectSame(encode(y, sign));
      }),
      { numRuns: 5_000 },
    );
  });

  it('matches noble for every y in [p - 20, 2^255) (non-canonical y >= p), both sign bits', () => {
    let points = 0;
    for (let y = P - 20n; y < TWO_255; y++) {
      for (const sign of [false, true]) if (expectSame(encode(y, sign))) points++;
    }
    expect(points).toBeGreaterThan(0);
  });

  it('matches noble for every y in [0, 300), both sign bits', () => {
    for (let y = 0n; y < 300n; y++) for (const sign of [false, true]) expectSame(encode(y, sign));
  });

  it('matches noble on the 8 small-order points, their other sign and their non-canonical encodings', () => {
    const torsion = new Set(ED25519_TORSION_SUBGROUP);
    const ys = new Set([...torsion].map((hex) => BigInt(`0x${bytesToHex(hexToBytes(hex).reverse())}`) & (TWO_255 - 1n)));
    expect(ys.size).toBe(5); // 1, p-1, 0 (two points) and two y of order-8 points (two each)
    const seen = new Set<string>();
    let encodings = 0;
    for (const y of ys) {
      for (const e of y + P < TWO_255 ? [y, y + P] : [y]) {
        for (const sign of [false, true]) {
          const bytes = encode(e, sign);
          expect(expectSame(bytes)).toBe(true);
          const point = decompressPoint(bytes)!;
          expect(point.isSmallOrder()).toBe(true);
          seen.add(bytesToHex(point.toBytes()));
          encodings++;
        }
      }
    }
    expect(encodings).toBe(14); // 5 y and 2 non-canonical ones (p, p+1), each with both sign bits
    expect(seen).toEqual(torsion);
  });

  it('accepts x = 0 with the sign bit set, as ZIP-215 does', () => {
    for (const y of [1n, P - 1n, P + 1n]) {
      const p = decompressPoint(encode(y, true));
      expect(p?.X).toBe(0n);
      expect(expectSame(encode(y, true))).toBe(true);
    }
  });

  it('matches noble on every Gamma and public key of test-vectors/vrf.json', () => {
    const file = JSON.parse(readFileSync(new URL('../../../../../test-vectors/vrf.json', import.meta.url), 'utf8')) as {
      vectors: Record<string, unknown>[];
    };
    let checked = 0;
    for (const v of file.vectors) {
      for (const key of ['expected_proof', 'proof_hex', 'public_key_hex', 'public_key_hint']) {
        const hex = v[key];
        if (typeof hex !== 'string' || hex.length < 64) continue;
        const bytes = hexToBytes(hex);
        expectSame(bytes.subarray(0, 32));
        checked++;
        if (bytes.length === 80) {
          // The proof decoder on top of it: Gamma re-encoded canonically, small order rejected.
          const gamma = noble(bytes.subarray(0, 32));
          const ok = gamma !== undefined && !gamma.isSmallOrder();
          let decoded: ReturnType<typeof decodeVrfProof> | undefined;
          try {
            decoded = decodeVrfProof(bytes);
          } catch {
            decoded = undefined;
          }
          if (!ok) expect(decoded).toBeUndefined();
          else if (decoded !== undefined) expect(bytesToHex(decoded.gamma)).toBe(bytesToHex(gamma.toBytes()));
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12);
  });
});

describe('without WebAssembly', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('falls back to noble', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    vi.resetModules();
    const field = await import('../../../src/vrf/ed25519-field.ts');
    const curve = await import('../../../src/vrf/curve.ts');
    expect(field.wasmDecompressEdwardsY()).toBeUndefined();
    for (const y of [0n, 1n, 2n, 3n, P - 1n, P, P + 1n, TWO_255 - 1n]) {
      for (const sign of [false, true]) {
        const bytes = encode(y, sign);
        const expected = noble(bytes);
        const actual = curve.decompressPoint(bytes);
        expect(actual?.toBytes()).toEqual(expected?.toBytes());
        expect(actual?.Y).toBe(expected?.Y);
      }
    }
  });
});
