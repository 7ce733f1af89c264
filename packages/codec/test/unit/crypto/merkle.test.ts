import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes, hexToBytes } from '@stacks-ts/common';
import { doubleSha256, sha512_256 } from '../../../src/crypto/hashes.ts';
import { merkleLeafHash, merkleNodeHash, merkleRoot, merkleTreeRows } from '../../../src/crypto/merkle.ts';

describe('merkle tree', () => {
  it('tags leaves with 0x00 and nodes with 0x01', () => {
    const leaf = hexToBytes('11'.repeat(32));
    expect(merkleLeafHash(leaf, sha512_256)).toEqual(sha512_256(concatBytes(Uint8Array.of(0), leaf)));
    expect(merkleNodeHash(leaf, leaf, sha512_256)).toEqual(sha512_256(concatBytes(Uint8Array.of(1), leaf, leaf)));
  });

  it('an empty tree has no rows and an all-zero root of the hash length', () => {
    expect(merkleTreeRows([], sha512_256)).toEqual([]);
    expect(bytesToHex(merkleRoot([], sha512_256))).toBe('00'.repeat(32));
  });

  it('a single leaf is paired with itself', () => {
    const leaf = Uint8Array.of(1, 2, 3);
    const h = merkleLeafHash(leaf, sha512_256);
    expect(merkleRoot([leaf], sha512_256)).toEqual(merkleNodeHash(h, h, sha512_256));
  });

  it('every row but the root has even length and the root matches a direct recursion', () => {
    const reference = (leaves: Uint8Array[]): Uint8Array => {
      let row = leaves.map((l) => merkleLeafHash(l, doubleSha256));
      do {
        if (row.length % 2 === 1) row = [...row, row[row.length - 1]!];
        const next: Uint8Array[] = [];
        for (let i = 0; i < row.length; i += 2) next.push(merkleNodeHash(row[i]!, row[i + 1]!, doubleSha256));
        row = next;
      } while (row.length > 1);
      return row[0]!;
    };
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 33 }), (leaves) => {
        const rows = merkleTreeRows(leaves, doubleSha256);
        for (const row of rows.slice(0, -1)) expect(row.length % 2).toBe(0);
        expect(rows[rows.length - 1]!.length).toBe(1);
        expect(merkleRoot(leaves, doubleSha256)).toEqual(reference(leaves));
      }),
      { numRuns: 60 },
    );
  });
});
