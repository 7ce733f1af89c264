/** Shared fixtures for the VRF unit tests. */
import { hexToBytes } from '@stacks-ts/common';
import { CURVE_ORDER, Point, decompressPoint, scalarToLe } from '../../../src/vrf/curve.ts';

/** The field prime p = 2^255 - 19. */
export const FIELD_PRIME = Point.Fp.ORDER;

/**
 * The draft-irtf-cfrg-vrf-04 A.3 (ECVRF-ED25519-SHA512-TAI) vectors: RFC 8032 7.1 keys, the proofs
 * stacks-common's `test_vrf_rfc` asserts, and the draft's beta (proof_to_hash) outputs.
 */
export const IETF_VECTORS = [
  {
    sk: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    pk: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    alpha: '',
    pi: '9275df67a68c8745c0ff97b48201ee6db447f7c93b23ae24cdc2400f52fdb08a1a6ac7ec71bf9c9c76e96ee4675ebff60625af28718501047bfd87b810c2d2139b73c23bd69de66360953a642c2a330a',
    beta: 'a64c292ec45f6b252828aff9a02a0fe88d2fcc7f5fc61bb328f03f4c6c0657a9d26efb23b87647ff54f71cd51a6fa4c4e31661d8f72b41ff00ac4d2eec2ea7b3',
  },
  {
    sk: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    pk: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    alpha: '72',
    pi: '84a63e74eca8fdd64e9972dcda1c6f33d03ce3cd4d333fd6cc789db12b5a7b9d03f1cb6b2bf7cd81a2a20bacf6e1c04e59f2fa16d9119c73a45a97194b504fb9a5c8cf37f6da85e03368d6882e511008',
    beta: 'cddaa399bb9c56d3be15792e43a6742fb72b1d248a7f24fd5cc585b232c26c934711393b4d97284b2bcca588775b72dc0b0f4b5a195bc41f8d2b80b6981c784e',
  },
  {
    sk: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    pk: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    alpha: 'af82',
    pi: 'aca8ade9b7f03e2b149637629f95654c94fc9053c225ec21e5838f193af2b727b84ad849b0039ad38b41513fe5a66cdd2367737a84b488d62486bd2fb110b4801a46bfca770af98e059158ac563b690f',
    beta: 'd938b2012f2551b0e13a49568612effcbdca2aed5d1d3a13f47e180e01218916e049837bd246f66d5058e56d3413dbbbad964f5e9f160a81c9a1355dcd99b453',
  },
] as const;

/** A proof stacks-common's `test_proof_codec` decodes and re-encodes identically. */
export const VALID_PROOF = hexToBytes(
  'ced9804ca06ed515c632fb83ef89e9cba4acf1539a33685a1c1cb475df733a5af33288af50fe1fa1c3facd9d19cf7ad98ba7413a8d09010363ac11ae7c4110b94707ab5bdee3726792daaf2c7f4f6106',
);

/** 32 little-endian bytes of `n` with the sign bit set when `sign` is true. */
export function encodeY(n: bigint, sign = false): Uint8Array {
  const out = scalarToLe(n, 32);
  if (sign) out[31] = out[31]! | 0x80;
  return out;
}

/** The eight points of the small-order subgroup, from a point with an order-8 torsion component. */
export function torsionPoints(): Point[] {
  for (let y = 2n; ; y++) {
    const p = decompressPoint(encodeY(y));
    if (p === undefined) continue;
    const t = p.multiplyUnsafe(CURVE_ORDER - 1n).add(p); // L*P kills the prime-order part
    if (t.double().double().is0()) continue; // want order exactly 8
    const out: Point[] = [Point.ZERO];
    for (let i = 1; i < 8; i++) out.push(out[i - 1]!.add(t));
    return out;
  }
}

/** `proof` with its Gamma replaced. */
export function withGamma(proof: Uint8Array, gamma: Uint8Array): Uint8Array {
  const out = proof.slice();
  out.set(gamma, 0);
  return out;
}

/** `proof` with its s replaced by the little-endian encoding of `s`. */
export function withS(proof: Uint8Array, s: bigint): Uint8Array {
  const out = proof.slice();
  out.set(scalarToLe(s, 32), 48);
  return out;
}
