/**
 * StackerDB constants (libstackerdb `libstackerdb.rs`, stackslib `net/stackerdb/mod.rs` and
 * `config.rs`, stacks-common `libcommon.rs`).
 */

/** Largest chunk the p2p decoder accepts (`STACKERDB_MAX_CHUNK_SIZE`, 16 MiB). */
export const STACKERDB_MAX_CHUNK_SIZE = 16 * 1024 * 1024;

/** Chunk size of the `.signers-*` StackerDBs (`SIGNERS_STACKERDB_CHUNK_SIZE`, 2 MiB). */
export const SIGNERS_STACKERDB_CHUNK_SIZE = 2 * 1024 * 1024;

/** Maximum number of slots in a chunk inventory (`STACKERDB_INV_MAX`). */
export const STACKERDB_INV_MAX = 4096;

/** Maximum length of one page of a controller contract's slot list (`STACKERDB_PAGE_LIST_MAX`). */
export const STACKERDB_PAGE_LIST_MAX = 4096;

/** Maximum number of slot-list pages a StackerDB contract may use (`STACKERDB_MAX_PAGE_COUNT`). */
export const STACKERDB_MAX_PAGE_COUNT = 2;

/** Maximum number of hint replicas in a StackerDB config (`MAX_HINT_REPLICAS`). */
export const MAX_HINT_REPLICAS = 128;

/** Number of `.miners` slots each of the two miners owns (`MINER_SLOT_COUNT`). */
export const MINER_SLOT_COUNT = 2;

/** Number of `.signers-{0,1}-{id}` StackerDB contracts instantiated per reward-cycle parity (`SIGNER_SLOTS_PER_USER`). */
export const SIGNER_SLOTS_PER_USER = 13;

/** Read-only function of a controller contract that lists its writers (`STACKERDB_SLOTS_FUNCTION`). */
export const STACKERDB_SLOTS_FUNCTION = 'stackerdb-get-signer-slots';

/** Read-only function of a controller contract that returns its config (`STACKERDB_CONFIG_FUNCTION`). */
export const STACKERDB_CONFIG_FUNCTION = 'stackerdb-get-config';

/** Largest `max_writes` value (`u32::MAX`), meaning "no limit". */
export const STACKERDB_MAX_WRITES_UNLIMITED = 0xffff_ffff;
