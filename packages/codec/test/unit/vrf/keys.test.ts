import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import { CodecErrorCode } from '../../../src/errors.ts';
import { isValidVrfPublicKey, vrfPublicKeyFromSecret } from '../../../src/vrf/keys.ts';
import { FIELD_PRIME, IETF_VECTORS, encodeY, torsionPoints } from './helpers.ts';

describe('isValidVrfPublicKey', () => {
  it('matches check_valid_public_key', () => {
    expect(isValidVrfPublicKey(hexToBytes('a366b51292bef4edd64063d9145c617fec373bceb0758e98cd72becd84d54c7a'))).toBe(true);
    expect(isValidVrfPublicKey(hexToBytes('a366b51292bef4edd64063d9145c617fec373bceb0758e98cd72becd84d54c7b'))).toBe(false);
  });

  it('requires exactly 32 bytes', () => {
    const pk = hexToBytes(IETF_VECTORS[0].pk);
    expect(isValidVrfPublicKey(pk)).toBe(true);
    expect(isValidVrfPublicKey(pk.subarray(1))).toBe(false);
    expect(isValidVrfPublicKey(new Uint8Array(33))).toBe(false);
    expect(isValidVrfPublicKey(new Uint8Array(0))).toBe(false);
  });

  it('accepts what dalek decompresses: small-order points, x = 0 with the sign bit, y >= p', () => {
    for (const t of torsionPoints()) expect(isValidVrfPublicKey(t.toBytes())).toBe(true);
    expect(isValidVrfPublicKey(encodeY(1n, true))).toBe(true);
    expect(isValidVrfPublicKey(encodeY(FIELD_PRIME + 3n))).toBe(true);
    expect(isValidVrfPublicKey(encodeY(2n))).toBe(false);
    expect(isValidVrfPublicKey(encodeY(FIELD_PRIME + 2n))).toBe(false);
  });
});

describe('vrfPublicKeyFromSecret', () => {
  it('is the ed25519 public key of the seed (RFC 8032 7.1 keys)', () => {
    for (const v of IETF_VECTORS) expect(bytesToHex(vrfPublicKeyFromSecret(hexToBytes(v.sk)))).toBe(v.pk);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (sk) => {
        const pk = vrfPublicKeyFromSecret(sk);
        expect(pk).toEqual(ed25519.getPublicKey(sk));
        expect(isValidVrfPublicKey(pk)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects a key that is not 32 bytes with CODEC_INVALID_VRF', () => {
    for (const n of [0, 31, 33, 64]) {
      expect(() => vrfPublicKeyFromSecret(new Uint8Array(n))).toThrowError(
        expect.objectContaining({ code: CodecErrorCode.InvalidVrf }),
      );
    }
  });
});
