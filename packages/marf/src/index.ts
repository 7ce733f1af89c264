// Public API of @stacks-ts/marf. Re-exports by name only (no `export *`).
export { MarfError, MarfErrorCode, isMarfError } from './errors.ts';
export type { TriePtr, TrieNode, CowSource, InteriorNodeId, BlockIdOf } from './node.ts';
export {
  TrieNodeId,
  BACKPTR_BIT,
  TRIE_PATH_LENGTH,
  MARF_VALUE_LENGTH,
  TRIE_HASH_LENGTH,
  EMPTY_TRIE_HASH,
  isBackptr,
  setBackptr,
  clearBackptr,
  nodeCapacity,
  createLeaf,
  createInteriorNode,
  isLeaf,
  childAt,
  nodeChildren,
  findChild,
  nodeHasSpace,
  insertChild,
  growNode,
  toNode256,
  copyNodeForward,
  consensusBytesLength,
  writeConsensusBytes,
  nodeConsensusBytes,
  leafHash,
  interiorNodeHash,
  nodeHashWithChildren,
  skipListRootHash,
} from './node.ts';
export type { TrieBlobView, BaseNodeReader, EncodedTrie, EncodedChild, TrieBlobHeader, TrieBlobHeaderInput } from './serialize.ts';
export {
  TRIE_BLOB_MAGIC,
  TRIE_BLOB_VERSION,
  TRIE_BLOB_HEADER_LENGTH,
  MAX_TRIE_BLOB_HEADER_LENGTH,
  NODE_RECORD_HEADER_LENGTH,
  MAX_NODE_RECORD_LENGTH,
  MAX_DELTA_DEPTH,
  WRITE_DELTA_DEPTH,
  openTrieBlob,
  readBlobNode,
  readTrieBlobHeader,
  decodeTrieBlobHeader,
  nodeRecordLength,
  decodeNodeRecord,
  decodeNodeRecordForCopy,
  decodeNodeRecordHash,
  decodeNodeRecordChildHashes,
  decodeNodeAt,
  encodeTrieBlob,
  layOutTrie,
  encodeTriePtrStacksCore,
  encodeNodeStacksCore,
} from './serialize.ts';
export {
  marfValueFromHash,
  marfValueFromString,
  marfValueFromU32,
  marfValueFromBlockId,
  marfValueToHash,
  marfValueToU32,
  marfValueToBlockId,
} from './values.ts';
export type { TrieRecord, TrieToCommit, TrieStorage } from './storage.ts';
export { clampBlobRange } from './storage.ts';
export { createMemoryTrieStorage } from './memory-storage.ts';
export type { BlockIdInput, MarfReader, OpenMarfOptions, MarfTransaction, MarfValueWithProof, ProofNodeBytes } from './marf.ts';
export {
  Marf,
  openMarf,
  MARF_SENTINEL_BLOCK_ID,
  OWN_BLOCK_HEIGHT_KEY,
  BLOCK_HEIGHT_TO_HASH_MAPPING_KEY,
  BLOCK_HASH_TO_HEIGHT_MAPPING_KEY,
  marfKeyToPath,
  blockHeightToHashKey,
  blockHashToHeightKey,
  blockHeightEntries,
} from './marf.ts';

// <proofs>
export type {
  ProofTriePtr,
  ProofTrieNode,
  ProofNodeType,
  ProofNodeElement,
  ProofLeafElement,
  ProofShuntElement,
  TrieMerkleProofType,
  TrieMerkleProof,
  RootToBlock,
  MarfProofResult,
} from './proofs.ts';
export {
  TrieMerkleProofTypeIndicator,
  rootToBlockKey,
  proveKey,
  verifyMarfProof,
  verifyMarfProofRaw,
  encodeMarfProof,
  decodeMarfProof,
  writeMarfProof,
  readMarfProof,
} from './proofs.ts';
// </proofs>

// <storage>
export type { SqliteTrieStorage, SqliteTrieStorageOptions } from './sqlite-storage.ts';
export { openSqliteTrieStorage, TRIE_FILE_NAME, TRIE_INDEX_FILE_NAME, TRIE_FILE_MAGIC } from './sqlite-storage.ts';
export type { MarfedKVOptions, MarfedKVProof, MarfedKVTransaction, SideStore } from './marfed-kv.ts';
export { MarfedKV, openMarfedKV, marfValueOfBytes, verifyMarfedKVProof, SIDE_STORE_FILE_NAME } from './marfed-kv.ts';
// </storage>
