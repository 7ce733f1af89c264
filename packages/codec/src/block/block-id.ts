import { sha512_256 } from '../crypto/hashes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { CONSENSUS_HASH_LENGTH, FIRST_BURNCHAIN_CONSENSUS_HASH, FIRST_STACKS_BLOCK_HASH, HASH32_LENGTH } from './constants.ts';

/**
 * The index block hash (`StacksBlockId::new`): SHA-512/256(block_hash[32] || consensus_hash[20]).
 * Note the argument order: block hash first, as in the preimage.
 */
export function stacksBlockId(blockHash: Uint8Array, consensusHash: Uint8Array): Uint8Array {
  if (blockHash.length !== HASH32_LENGTH) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `block hash must be 32 bytes, got ${blockHash.length}`);
  }
  if (consensusHash.length !== CONSENSUS_HASH_LENGTH) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `consensus hash must be 20 bytes, got ${consensusHash.length}`);
  }
  const preimage = new Uint8Array(HASH32_LENGTH + CONSENSUS_HASH_LENGTH);
  preimage.set(blockHash, 0);
  preimage.set(consensusHash, HASH32_LENGTH);
  return sha512_256(preimage);
}

/** The parent block id of the first mined block (`StacksBlockId::first_mined`). */
export function firstMinedBlockId(): Uint8Array {
  return stacksBlockId(FIRST_STACKS_BLOCK_HASH, FIRST_BURNCHAIN_CONSENSUS_HASH);
}
