// Public API of @stacks-ts/codec. Re-exports by name only (no `export *`).
export { CodecError, CodecErrorCode, isCodecError } from './errors.ts';
export { ByteReader, ByteWriter, decodeAll, encodeWith, readBounded } from './bytes.ts';
export type { HashBackend } from './crypto/hashes.ts';
export {
  nobleHashBackend,
  createNodeHashBackend,
  setHashBackend,
  getHashBackend,
  sha256,
  doubleSha256,
  sha512_256,
  ripemd160,
  hash160,
} from './crypto/hashes.ts';
export type {
  ClarityValue,
  IntCV,
  UIntCV,
  BoolCV,
  BufferCV,
  StringAsciiCV,
  StringUtf8CV,
  PrincipalCV,
  OptionalCV,
  ResponseCV,
  ListCV,
  TupleCV,
  PrincipalData,
  StandardPrincipal,
  ContractPrincipal,
} from './clarity/types.ts';
export { ClarityTypePrefix, MAX_VALUE_SIZE, MAX_TYPE_DEPTH } from './clarity/types.ts';

// <crypto-address>
export type { Secp256k1Backend } from './crypto/secp256k1-backend.ts';
export { nobleSecp256k1Backend } from './crypto/secp256k1-backend.ts';
export { createNativeSecp256k1Backend } from './crypto/secp256k1-native.ts';
export {
  SECP256K1_ORDER,
  RECOVERABLE_SIGNATURE_LENGTH,
  setSecp256k1Backend,
  getSecp256k1Backend,
  parsePrivateKey,
  isValidPrivateKey,
  publicKeyFromPrivate,
  privateKeyFromSeed,
  isValidPublicKey,
  compressPublicKey,
  decompressPublicKey,
  isCompressedPublicKey,
  signRecoverable,
  isHighS,
  recoverPublicKey,
  verifySignature,
  verifyCompactSignature,
  vrsToRsv,
  rsvToVrs,
  negateSignatureS,
} from './crypto/secp256k1.ts';
export type { MerkleHashFn } from './crypto/merkle.ts';
export {
  MERKLE_LEAF_TAG,
  MERKLE_NODE_TAG,
  merkleLeafHash,
  merkleNodeHash,
  merkleTreeRows,
  merkleRoot,
} from './crypto/merkle.ts';
export {
  STACKS_MESSAGE_PREFIX,
  LEGACY_STACKS_MESSAGE_PREFIX,
  encodeBitcoinVarint,
  encodeMessage,
  hashMessage,
  signMessage,
  verifyMessageSignature,
  SIP018_MESSAGE_PREFIX,
  sip018Domain,
  hashStructuredData,
  sip018MessageHash,
  signStructuredData,
  verifyStructuredDataSignature,
} from './crypto/message.ts';
export type { C32AddressDecodeOptions } from './address/c32.ts';
export {
  C32_ALPHABET,
  c32Encode,
  c32Decode,
  c32checkEncode,
  c32checkDecode,
  c32addressEncode,
  c32addressDecode,
  isValidC32Address,
} from './address/c32.ts';
export {
  BASE58_ALPHABET,
  MAX_BASE58_STRING_LENGTH,
  base58Encode,
  base58Decode,
  base58CheckEncode,
  base58CheckDecode,
  BitcoinAddressVersion,
  b58ToC32,
  c32ToB58,
} from './address/base58.ts';
export type { StacksAddress } from './address/address.ts';
export {
  AddressHashMode,
  isAddressHashMode,
  multisigRedeemScript,
  addressHashFromPublicKeys,
  addressVersionForHashMode,
  addressHashModeFromVersion,
  stacksAddressToString,
  stacksAddressFromString,
  isMainnetAddressVersion,
  burnStacksAddress,
  stacksAddressFromPublicKeys,
  publicKeyToStacksAddress,
} from './address/address.ts';
export { principalToString, parsePrincipal } from './address/principal.ts';
// </crypto-address>

// <clarity>
export {
  MAX_STRING_LEN,
  CONTRACT_MIN_NAME_LENGTH,
  CONTRACT_MAX_NAME_LENGTH,
  isValidClarityName,
  isValidContractName,
  isDeployableContractName,
  readClarityName,
  writeClarityName,
  readContractName,
  writeContractName,
  readPrincipalContractName,
} from './clarity/names.ts';
export type { ClarityDecodeOptions } from './clarity/codec.ts';
export {
  UNSANITIZED_DEPTH_CHECK,
  BOUND_VALUE_SERIALIZATION_BYTES,
  SANITIZATION_READ_BOUND,
  readClarityValue,
  readClarityValueWithType,
  decodeClarityValue,
  encodeClarityValue,
  writeClarityValue,
  readPrincipalValue,
  writePrincipalValue,
  readStandardPrincipal,
  writeStandardPrincipal,
} from './clarity/codec.ts';
export type {
  TypeSignature,
  NoType,
  IntType,
  UIntType,
  BoolType,
  PrincipalType,
  BufferType,
  StringAsciiType,
  StringUtf8Type,
  ListType,
  TupleType,
  OptionalType,
  ResponseType,
} from './clarity/type-signature.ts';
export {
  MAX_UTF8_VALUE_SIZE,
  ClarityType,
  NONE_TYPE,
  EMPTY_LIST_TYPE,
  typeSignatureEquals,
  leastSupertype,
  admitsType,
  typeSignatureToString,
} from './clarity/type-signature.ts';
export { clarityTypeOf, isValidClarityValue } from './clarity/type-of.ts';
export { clarityValueToRepr, clarityValueToDisplayString } from './clarity/repr.ts';
export type { IntegerInput } from './clarity/constructors.ts';
export { Cl } from './clarity/constructors.ts';
export { clarityValueEquals } from './clarity/equals.ts';
// </clarity>

// <transaction>
export type {
  StacksTransaction,
  TransactionAuth,
  TransactionSpendingCondition,
  SinglesigSpendingCondition,
  MultisigSpendingCondition,
  TransactionAuthField,
  PostConditionPrincipal,
  AssetInfo,
  TransactionPostCondition,
  TenureChangePayload,
  TransactionPayload,
} from './transaction/types.ts';
export {
  TransactionVersion,
  AnchorMode,
  PostConditionMode,
  AuthType,
  PayloadType,
  AssetInfoId,
  PostConditionPrincipalId,
  FungibleConditionCode,
  NonfungibleConditionCode,
  PoxConditionCode,
  TenureChangeCause,
  PublicKeyEncoding,
  AuthFieldId,
  SinglesigHashMode,
  MultisigHashMode,
  MAX_PAYLOAD_CLARITY_VERSION,
  MAX_TRANSACTION_LEN,
  MEMO_LENGTH,
  COINBASE_PAYLOAD_LENGTH,
  isCoinbasePayload,
  isOrderIndependentHashMode,
} from './transaction/types.ts';
export type { StacksMicroblockHeader } from './transaction/microblock-header.ts';
export {
  MICROBLOCK_HEADER_LENGTH,
  readMicroblockHeader,
  writeMicroblockHeader,
  decodeMicroblockHeader,
  encodeMicroblockHeader,
  microblockHeaderHash,
  microblockHeaderSigHash,
} from './transaction/microblock-header.ts';
export type { TransactionDecodeOptions } from './transaction/auth.ts';
export {
  readSpendingCondition,
  writeSpendingCondition,
  decodeSpendingCondition,
  encodeSpendingCondition,
  readTransactionAuth,
  writeTransactionAuth,
} from './transaction/auth.ts';
export {
  readPostCondition,
  writePostCondition,
  decodePostCondition,
  encodePostCondition,
} from './transaction/post-condition.ts';
export {
  MAX_CONTRACT_CALL_ARGS,
  readTransactionPayload,
  writeTransactionPayload,
  decodeTransactionPayload,
  encodeTransactionPayload,
  isValidStacksString,
} from './transaction/payload.ts';
export {
  MAX_POST_CONDITIONS,
  readTransaction,
  writeTransaction,
  decodeTransaction,
  encodeTransaction,
  txid,
  txidBytes,
} from './transaction/transaction.ts';
export {
  sponsorPlaceholderCondition,
  clearSpendingCondition,
  initialSighashAuth,
  initialSighash,
  makeSighashPresign,
  makeSighashPostsign,
  conditionSighash,
  originSighash,
} from './transaction/sighash.ts';
export type { SignOptions } from './transaction/sign.ts';
export { signTransaction, appendPublicKey, setSponsor } from './transaction/sign.ts';
export type { VerifyAuthOptions, AuthVerification } from './transaction/verify.ts';
export { verifyTransactionAuth } from './transaction/verify.ts';
export type { SinglesigConditionOptions, MultisigConditionOptions, CreateTransactionOptions } from './transaction/build.ts';
export {
  createSinglesigSpendingCondition,
  createMultisigSpendingCondition,
  createTransaction,
  tokenTransferMemo,
} from './transaction/build.ts';
// </transaction>

// <vrf>
export type { VrfProof } from './vrf/proof.ts';
export { VRF_PROOF_LENGTH, readVrfProof, writeVrfProof, decodeVrfProof, encodeVrfProof } from './vrf/proof.ts';
export {
  VRF_PUBLIC_KEY_LENGTH,
  VRF_PRIVATE_KEY_LENGTH,
  isValidVrfPublicKey,
  vrfPublicKeyFromSecret,
} from './vrf/keys.ts';
export { VRF_SUITE, vrfProve, vrfVerify, vrfProofToHash, vrfSeedFromProof } from './vrf/ecvrf.ts';
// </vrf>

// <block>
export type { BitVec } from './block/bitvec.ts';
export {
  BITVEC_MAX_LEN,
  bitVecDataLen,
  bitVecZeros,
  bitVecOnes,
  bitVecFromBools,
  bitVecToBools,
  bitVecGet,
  bitVecSet,
  bitVecToBinaryString,
  readBitVec,
  writeBitVec,
  decodeBitVec,
  encodeBitVec,
} from './block/bitvec.ts';
export {
  NAKAMOTO_BLOCK_VERSION,
  SHADOW_BLOCK_VERSION_FLAG,
  POX_TREATMENT_MAX_LEN,
  BLOCK_READ_LIMIT,
  MAX_SIGNER_SIGNATURES,
  FIRST_STACKS_BLOCK_HASH,
  FIRST_BURNCHAIN_CONSENSUS_HASH,
  EMPTY_MICROBLOCK_PARENT_HASH,
} from './block/constants.ts';
export { stacksBlockId, firstMinedBlockId } from './block/block-id.ts';
export { txMerkleRootOf } from './block/block-txs.ts';
export type { NakamotoBlockHeader } from './block/nakamoto-header.ts';
export {
  readNakamotoBlockHeader,
  writeNakamotoBlockHeader,
  decodeNakamotoBlockHeader,
  encodeNakamotoBlockHeader,
  minerSignatureHash,
  signerSignatureHash,
  nakamotoBlockHash,
  nakamotoBlockId,
  isShadowBlockVersion,
  isShadowBlockHeader,
} from './block/nakamoto-header.ts';
export {
  signNakamotoBlockHeaderAsMiner,
  recoverMinerPublicKey,
  signNakamotoBlockHeaderAsSigner,
  recoverSignerPublicKeys,
} from './block/nakamoto-signing.ts';
export type { NakamotoBlock } from './block/nakamoto-block.ts';
export { readNakamotoBlock, writeNakamotoBlock, decodeNakamotoBlock, encodeNakamotoBlock } from './block/nakamoto-block.ts';
export type { StacksWorkScore, StacksBlockHeader } from './block/stacks-block-header.ts';
export {
  readStacksBlockHeader,
  writeStacksBlockHeader,
  decodeStacksBlockHeader,
  encodeStacksBlockHeader,
  stacksBlockHeaderHash,
  stacksBlockHeaderIndexHash,
} from './block/stacks-block-header.ts';
export type { StacksBlock } from './block/stacks-block.ts';
export { readStacksBlock, writeStacksBlock, decodeStacksBlock, encodeStacksBlock } from './block/stacks-block.ts';
export type { StacksMicroblock } from './block/stacks-microblock.ts';
export {
  readStacksMicroblock,
  writeStacksMicroblock,
  decodeStacksMicroblock,
  encodeStacksMicroblock,
} from './block/stacks-microblock.ts';
// </block>

// <p2p-stackerdb>
export {
  PEER_ADDRESS_ENCODED_SIZE,
  HASH160_ENCODED_SIZE,
  MESSAGE_SIGNATURE_ENCODED_SIZE,
  BURNCHAIN_HEADER_HASH_ENCODED_SIZE,
  CONSENSUS_HASH_ENCODED_SIZE,
  STACKS_BLOCK_ID_ENCODED_SIZE,
  STACKS_PUBLIC_KEY_ENCODED_SIZE,
  PREAMBLE_ENCODED_SIZE,
  MAX_RELAYERS_LEN,
  NEIGHBOR_ADDRESS_ENCODED_SIZE,
  RELAY_DATA_ENCODED_SIZE,
  MAX_PAYLOAD_LEN,
  MAX_MESSAGE_LEN,
  MIN_PAYLOAD_LEN,
  MAX_MESSAGE_PAYLOAD_LEN,
  MAX_NEIGHBORS_DATA_LEN,
  BLOCKS_AVAILABLE_MAX_LEN,
  GETPOXINV_MAX_BITLEN,
  BLOCKS_PUSHED_MAX,
  NAKAMOTO_BLOCKS_PUSHED_MAX,
  NAKAMOTO_INV_MAX_BITLEN,
  MAX_BLOCK_LEN,
  MAX_URL_STRING_LEN,
  STACKERDB_HANDSHAKE_MAX_CONTRACTS,
  MICROBLOCKS_PUSHED_MAX,
  NETWORK_P2P_PORT,
  StacksMessageId,
  STACKS_MESSAGE_NAME_BY_ID,
  NackErrorCode,
  ServiceFlags,
} from './p2p/constants.ts';
export type { StacksMessageName } from './p2p/constants.ts';
export type { Preamble } from './p2p/preamble.ts';
export {
  EMPTY_MESSAGE_SIGNATURE,
  readPreamble,
  writePreamble,
  decodePreamble,
  encodePreamble,
  stacksMessageLength,
} from './p2p/preamble.ts';
export type { NeighborAddress, RelayData, NeighborsData, NatPunchData } from './p2p/neighbor.ts';
export {
  readNeighborAddress,
  writeNeighborAddress,
  readRelayData,
  writeRelayData,
  readRelayers,
  writeRelayers,
  readNeighborsData,
  writeNeighborsData,
  readNatPunchData,
  writeNatPunchData,
} from './p2p/neighbor.ts';
export { urlStringError, isValidUrlString, readUrlString, writeUrlString } from './p2p/url.ts';
export type { HandshakeData, HandshakeAcceptData, StackerDBHandshakeData } from './p2p/handshake.ts';
export {
  readHandshakeData,
  writeHandshakeData,
  readHandshakeAcceptData,
  writeHandshakeAcceptData,
  readStackerDBHandshakeData,
  writeStackerDBHandshakeData,
} from './p2p/handshake.ts';
export type {
  GetBlocksInv,
  BlocksInvData,
  GetPoxInv,
  PoxInvData,
  GetNakamotoInvData,
  NakamotoInvData,
  BlocksAvailableEntry,
  BlocksAvailableData,
} from './p2p/inventory.ts';
export {
  bitvecLen,
  compressBools,
  hasIthBit,
  readGetBlocksInv,
  writeGetBlocksInv,
  readBlocksInvData,
  writeBlocksInvData,
  readGetPoxInv,
  writeGetPoxInv,
  readPoxInvData,
  writePoxInvData,
  readGetNakamotoInvData,
  writeGetNakamotoInvData,
  readNakamotoInvData,
  writeNakamotoInvData,
  readBlocksAvailableData,
  writeBlocksAvailableData,
} from './p2p/inventory.ts';
export type { BlocksDatum, BlocksData, MicroblocksData, NakamotoBlocksData } from './p2p/blocks.ts';
export {
  readBlocksData,
  writeBlocksData,
  readMicroblocksData,
  writeMicroblocksData,
  readNakamotoBlocksData,
  writeNakamotoBlocksData,
} from './p2p/blocks.ts';
export type {
  StackerDBGetChunkInvData,
  StackerDBChunkInvData,
  StackerDBGetChunkData,
  StackerDBPushChunkData,
} from './p2p/stackerdb-messages.ts';
export {
  readStackerDBGetChunkInvData,
  writeStackerDBGetChunkInvData,
  readStackerDBChunkInvData,
  writeStackerDBChunkInvData,
  readStackerDBGetChunkData,
  writeStackerDBGetChunkData,
  readStackerDBPushChunkData,
  writeStackerDBPushChunkData,
} from './p2p/stackerdb-messages.ts';
export type { PingData, NackData, StacksMessageType, StacksMessage } from './p2p/message.ts';
export {
  stacksMessageTypeId,
  readStacksMessageType,
  writeStacksMessageType,
  decodeStacksMessageType,
  encodeStacksMessageType,
  encodeStacksMessageBody,
  readStacksMessage,
  writeStacksMessage,
  decodeStacksMessage,
  encodeStacksMessage,
  decodeStacksMessageBody,
} from './p2p/message.ts';
export {
  stacksMessageSigningDigest,
  signStacksMessage,
  verifyStacksMessage,
  verifyStacksMessageBytes,
  relayStacksMessage,
} from './p2p/sign.ts';
export {
  STACKERDB_MAX_CHUNK_SIZE,
  SIGNERS_STACKERDB_CHUNK_SIZE,
  STACKERDB_INV_MAX,
  STACKERDB_PAGE_LIST_MAX,
  STACKERDB_MAX_PAGE_COUNT,
  MAX_HINT_REPLICAS,
  MINER_SLOT_COUNT,
  SIGNER_SLOTS_PER_USER,
  STACKERDB_SLOTS_FUNCTION,
  STACKERDB_CONFIG_FUNCTION,
  STACKERDB_MAX_WRITES_UNLIMITED,
} from './stackerdb/constants.ts';
export type { StackerDBChunkData, SlotMetadata, SlotMetadataFields } from './stackerdb/chunk.ts';
export {
  stackerDBDataHash,
  slotMetadataAuthDigest,
  slotMetadataFromChunk,
  signSlotMetadata,
  recoverSlotMetadataPublicKey,
  verifySlotMetadata,
  signStackerDBChunk,
  recoverStackerDBChunkPublicKey,
  verifyStackerDBChunk,
  readStackerDBChunkData,
  writeStackerDBChunkData,
  decodeStackerDBChunkData,
  encodeStackerDBChunkData,
} from './stackerdb/chunk.ts';
export { readContractId, writeContractId, decodeContractId, encodeContractId } from './stackerdb/contract-id.ts';
export type { StackerDBSlotOwner, StackerDBConfig, SlotRange, MinersStackerDBLayout } from './stackerdb/layout.ts';
export {
  MinerSlotID,
  SignerMessageSlotID,
  MINERS_STACKERDB_MAX_NEIGHBORS,
  SIGNERS_STACKERDB_MAX_NEIGHBORS,
  stackerDBSlotRanges,
  stackerDBNumSlots,
  noopStackerDBConfig,
  minersStackerDBLayout,
  minerSlotId,
  signersStackerDBName,
  signersStackerDBSlotOwners,
  signersStackerDBConfig,
} from './stackerdb/layout.ts';
export { stackerDBMetadataPath, stackerDBChunkPath, stackerDBPostChunkPath } from './stackerdb/paths.ts';
// </p2p-stackerdb>
