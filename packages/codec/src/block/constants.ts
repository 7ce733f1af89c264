/** Byte length of a recoverable secp256k1 signature in VRS order (`MessageSignature`). */
export const MESSAGE_SIGNATURE_LENGTH = 65;

/** Byte length of a `ConsensusHash`. */
export const CONSENSUS_HASH_LENGTH = 20;

/** Byte length of a 32-byte block hash, block id, merkle root or trie root. */
export const HASH32_LENGTH = 32;

/** The header version of 3.x Nakamoto blocks (`NAKAMOTO_BLOCK_VERSION`). */
export const NAKAMOTO_BLOCK_VERSION = 0;

/** Bit 7 of a Nakamoto header's version marks a shadow block. */
export const SHADOW_BLOCK_VERSION_FLAG = 0x80;

/** Maximum number of bits of a Nakamoto header's `pox_treatment` (`BitVec<4000>`). */
export const POX_TREATMENT_MAX_LEN = 4000;

/**
 * The reference's `MAX_MESSAGE_LEN` (16 MiB + 1 payload, plus a p2p preamble and 16 relayers):
 * block decoders read their transactions (Nakamoto: header and transactions) through a reader
 * bounded to this many bytes, and vectors are refused when their element size times their count
 * exceeds it.
 */
export const BLOCK_READ_LIMIT = 1 + 16 * 1024 * 1024 + (4 + 4 + 4 + 8 + 32 + 8 + 32 + 4 + 65 + 4) + 16 * (16 + 2 + 20 + 4);

/** Maximum number of signer signatures a header may claim (`BLOCK_READ_LIMIT` / 65, the reference's allocation guard). */
export const MAX_SIGNER_SIGNATURES = Math.floor(BLOCK_READ_LIMIT / MESSAGE_SIGNATURE_LENGTH);

/** A lower bound on the size of any encoded transaction, used to refuse absurd counts before reading. */
export const MIN_ENCODED_TRANSACTION_SIZE = 50;

/** The boot block's hash, all zeros (`FIRST_STACKS_BLOCK_HASH`); also the 2.x hash of any header with zero work. */
export const FIRST_STACKS_BLOCK_HASH: Uint8Array = new Uint8Array(32);

/** The first burnchain consensus hash, all zeros (`FIRST_BURNCHAIN_CONSENSUS_HASH`). */
export const FIRST_BURNCHAIN_CONSENSUS_HASH: Uint8Array = new Uint8Array(20);

/** The parent hash of a microblock stream that has no parent microblock, all zeros (`EMPTY_MICROBLOCK_PARENT_HASH`). */
export const EMPTY_MICROBLOCK_PARENT_HASH: Uint8Array = new Uint8Array(32);
