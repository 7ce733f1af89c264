/**
 * The per-block hashes of a sortition (reference: stackslib/src/chainstate/burn/mod.rs and
 * stacks-common/src/types/chainstate.rs): sortition hash mixing, ops hash, consensus hash, PoX id
 * and sortition id.
 */
import { concatBytes, equalBytes, uintToBytesBE, asciiToBytes } from '@stacks-ts/common';
import { ripemd160, sha256, sha512_256 } from '@stacks-ts/codec';
import { SYSTEM_FORK_SET_VERSION } from './constants.ts';
import { u256FromLeBytes } from './uint256.ts';

/** The sortition hash of the first snapshot: 32 zero bytes. */
export const INITIAL_SORTITION_HASH: Uint8Array = new Uint8Array(32);
/** The VRF seed used before any sortition on a fork: 32 zero bytes. */
export const INITIAL_VRF_SEED: Uint8Array = new Uint8Array(32);
/** The 20 zero bytes consensus hash (`ConsensusHash::empty`). */
export const EMPTY_CONSENSUS_HASH: Uint8Array = new Uint8Array(20);

/** SHA256(sortition_hash || burn_header_hash) (`mix_burn_header`). */
export function mixBurnHeader(sortitionHash: Uint8Array, burnHeaderHash: Uint8Array): Uint8Array {
  return sha256(concatBytes(sortitionHash, burnHeaderHash));
}

/** SHA256(sortition_hash || vrf_seed) (`mix_VRF_seed`). */
export function mixVrfSeed(sortitionHash: Uint8Array, vrfSeed: Uint8Array): Uint8Array {
  return sha256(concatBytes(sortitionHash, vrfSeed));
}

/** The sampling index of a sortition: SHA256(sortition_hash || last_vrf_seed) read as a little-endian uint256. */
export function sortitionIndex(sortitionHash: Uint8Array, lastVrfSeed: Uint8Array): bigint {
  return u256FromLeBytes(mixVrfSeed(sortitionHash, lastVrfSeed));
}

/** SHA256 over the concatenated txids of a block's accepted operations (`OpsHash::from_txids`). */
export function opsHash(txids: readonly Uint8Array[]): Uint8Array {
  return sha256(concatBytes(...txids));
}

/** A PoX id: one bit per reward cycle, true where the anchor block is known. `[]` is the stub. */
export type PoxId = readonly boolean[];

/** The ASCII '0'/'1' rendering of a PoX id (`Display for PoxId`). */
export function poxIdToString(poxId: PoxId): string {
  return poxId.map((b) => (b ? '1' : '0')).join('');
}

/**
 * The sortition id of a burn block on a PoX fork (`SortitionId::new`): the burn header hash itself
 * when the PoX id is the stub (empty), else SHA512/256(burn_header_hash || ascii(pox_id)).
 */
export function sortitionId(burnHeaderHash: Uint8Array, poxId: PoxId): Uint8Array {
  if (poxId.length === 0) return burnHeaderHash.slice();
  return sha512_256(concatBytes(burnHeaderHash, asciiToBytes(poxIdToString(poxId))));
}

/**
 * The consensus hash (`ConsensusHash::from_ops`): RIPEMD160(SHA256(SYSTEM_FORK_SET_VERSION ||
 * burn_header_hash || ops_hash || total_burn u64 BE || ascii(pox_id) || prev consensus hashes...)).
 */
export function consensusHash(
  burnHeaderHash: Uint8Array,
  ops: Uint8Array,
  totalBurn: bigint,
  prevConsensusHashes: readonly Uint8Array[],
  poxId: PoxId,
): Uint8Array {
  const inner = sha256(
    concatBytes(
      SYSTEM_FORK_SET_VERSION,
      burnHeaderHash,
      ops,
      uintToBytesBE(totalBurn, 8),
      asciiToBytes(poxIdToString(poxId)),
      ...prevConsensusHashes,
    ),
  );
  return ripemd160(inner);
}

/**
 * The heights whose consensus hashes are mixed into the consensus hash of block `blockHeight + 1`
 * (`get_prev_consensus_hashes(blockHeight)`): blockHeight - (2^i - 1) for i = 0, 1, ... while at or
 * above `firstBlockHeight`, newest first.
 */
export function prevConsensusHashHeights(blockHeight: number, firstBlockHeight: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 64; i++) {
    const back = 2 ** i - 1;
    if (blockHeight < back || blockHeight - back < firstBlockHeight) break;
    out.push(blockHeight - back);
  }
  return out;
}

/** True when two 32-byte ids are equal (a readable alias for hashes). */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return equalBytes(a, b);
}
