import { describe, it, expect } from 'vitest';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@stacks-ts/common';
import { ripemd160, sha256, sha512_256 } from '@stacks-ts/codec';
import { consensusHash, mixBurnHeader, mixVrfSeed, opsHash, poxIdToString, sortitionId, sortitionIndex } from '../../src/hashes.ts';
import { u256FromLeBytes, u256ToHexBe, u256ToLimbs, U256_MAX } from '../../src/uint256.ts';
import { coinbaseReward } from '../../src/coinbase.ts';
import { StacksEpochId } from '@stacks-ts/common';

describe('per-block hashes', () => {
  const bhh = hexToBytes('00'.repeat(31) + '12');
  it('mixes burn header hashes and VRF seeds with SHA-256', () => {
    expect(bytesToHex(mixBurnHeader(new Uint8Array(32), bhh))).toBe(bytesToHex(sha256(concatBytes(new Uint8Array(32), bhh))));
    expect(bytesToHex(mixVrfSeed(bhh, bhh))).toBe(bytesToHex(sha256(concatBytes(bhh, bhh))));
  });
  it('reads the sampling index little-endian', () => {
    const h = new Uint8Array(32);
    h[0] = 1;
    expect(u256FromLeBytes(h)).toBe(1n);
    h[31] = 0x80;
    expect(u256ToHexBe(u256FromLeBytes(h))).toBe(`80${'00'.repeat(30)}01`);
    expect(sortitionIndex(bhh, bhh)).toBe(u256FromLeBytes(sha256(concatBytes(bhh, bhh))));
    expect(u256ToLimbs(U256_MAX).every((l) => l === (1n << 64n) - 1n)).toBe(true);
    expect(() => u256FromLeBytes(new Uint8Array(31))).toThrow();
  });
  it('sortition id: the burn hash under the stub PoX id, else SHA512/256(bhh || ascii bits)', () => {
    expect(bytesToHex(sortitionId(bhh, []))).toBe(bytesToHex(bhh));
    expect(poxIdToString([true, false, true])).toBe('101');
    expect(bytesToHex(sortitionId(bhh, [true, false]))).toBe(bytesToHex(sha512_256(concatBytes(bhh, utf8ToBytes('10')))));
  });
  it('consensus hash: RIPEMD160(SHA256(version || bhh || ops hash || burn u64 BE || pox id || previous))', () => {
    const ops = opsHash([new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)]);
    expect(bytesToHex(ops)).toBe(bytesToHex(sha256(concatBytes(new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)))));
    const prev = [new Uint8Array(20).fill(9)];
    const expected = ripemd160(
      sha256(concatBytes(Uint8Array.of(23, 0, 0, 0), bhh, ops, hexToBytes('0000000000003039'), utf8ToBytes('1'), prev[0]!)),
    );
    expect(bytesToHex(consensusHash(bhh, ops, 12345n, prev, [true]))).toBe(bytesToHex(expected));
  });
});

describe('coinbase schedule', () => {
  it('pays 1000 STX for 4 years before 3.1, then follows the SIP-029 intervals', () => {
    expect(coinbaseReward(StacksEpochId.Epoch25, true, 666_050, 666_050)).toBe(1_000_000_000n);
    expect(coinbaseReward(StacksEpochId.Epoch25, true, 666_050, 666_050 + 52_596 * 4)).toBe(500_000_000n);
    expect(coinbaseReward(StacksEpochId.Epoch31, true, 666_050, 945_000)).toBe(500_000_000n);
    expect(coinbaseReward(StacksEpochId.Epoch31, true, 666_050, 944_999)).toBe(1_000_000_000n);
    expect(coinbaseReward(StacksEpochId.Epoch10, true, 0, 10)).toBe(0n);
  });
});
