/**
 * The reference's tagged Merkle tree (`stacks-common/src/util/hash.rs` `MerkleTree<H>`): leaves
 * hash as `H(0x00 || leaf)`, inner nodes as `H(0x01 || left || right)`, and every row of odd
 * length (the leaf row included) is padded by repeating its last hash, so a single leaf still
 * gets a parent. Block transaction roots use H = SHA-512/256.
 */
import { concatBytes } from '@stacks-ts/common';

/** The tag byte prefixed to a leaf before hashing. */
export const MERKLE_LEAF_TAG = 0x00;
/** The tag byte prefixed to two child hashes before hashing. */
export const MERKLE_NODE_TAG = 0x01;

/** A hash function for the tree: data in, fixed-length digest out. */
export type MerkleHashFn = (data: Uint8Array) => Uint8Array;

/** `H(0x00 || leaf)`. */
export function merkleLeafHash(leaf: Uint8Array, hash: MerkleHashFn): Uint8Array {
  return hash(concatBytes(Uint8Array.of(MERKLE_LEAF_TAG), leaf));
}

/** `H(0x01 || left || right)`. */
export function merkleNodeHash(left: Uint8Array, right: Uint8Array, hash: MerkleHashFn): Uint8Array {
  return hash(concatBytes(Uint8Array.of(MERKLE_NODE_TAG), left, right));
}

/**
 * Every row of the tree, leaf hashes first and the one-element root row last, with odd rows
 * already padded (the reference's `MerkleTree::nodes`). No leaves gives no rows.
 */
export function merkleTreeRows(leaves: readonly Uint8Array[], hash: MerkleHashFn): Uint8Array[][] {
  if (leaves.length === 0) return [];
  let row = leaves.map((leaf) => merkleLeafHash(leaf, hash));
  if (row.length % 2 !== 0) row.push(row[row.length - 1]!);
  const rows: Uint8Array[][] = [row];
  for (;;) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < row.length; i += 2) next.push(merkleNodeHash(row[i]!, row[i + 1]!, hash));
    if (next.length === 1) {
      rows.push(next);
      return rows;
    }
    if (next.length % 2 !== 0) next.push(next[next.length - 1]!);
    rows.push(next);
    row = next;
  }
}

/**
 * The Merkle root of `leaves` under `hash`; for no leaves, the all-zero hash of `hash`'s output
 * length (`H::empty()`).
 */
export function merkleRoot(leaves: readonly Uint8Array[], hash: MerkleHashFn): Uint8Array {
  if (leaves.length === 0) return new Uint8Array(hash(new Uint8Array(0)).length);
  const rows = merkleTreeRows(leaves, hash);
  return rows[rows.length - 1]![0]!;
}
