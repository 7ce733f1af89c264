// Public API of @stacks-ts/sortition. Re-exports by name only (no `export *`).
export { SortitionError, SortitionErrorCode, isSortitionError } from './errors.ts';
export type { Opcode } from './constants.ts';
export {
  Opcodes,
  BurnMagic,
  OUTPUTS_PER_COMMIT,
  BURN_BLOCK_MINED_AT_MODULUS,
  MINING_COMMITMENT_WINDOW,
  MINING_COMMITMENT_FREQUENCY_NAKAMOTO,
  SYSTEM_FORK_SET_VERSION,
  POX_MAX_NUM_CYCLES,
  INITIAL_MINING_BONUS_WINDOW,
  miningCommitmentFrequency,
  epochCommitMarker,
} from './constants.ts';
export { U256_MAX, u256FromLeBytes, u256ToLimbs, u256ToHexBe } from './uint256.ts';
export type { PoxId } from './hashes.ts';
export {
  INITIAL_SORTITION_HASH,
  INITIAL_VRF_SEED,
  EMPTY_CONSENSUS_HASH,
  mixBurnHeader,
  mixVrfSeed,
  sortitionIndex,
  opsHash,
  poxIdToString,
  sortitionId,
  consensusHash,
  prevConsensusHashHeights,
} from './hashes.ts';
export type { AtcRational } from './atc.ts';
export {
  ATC_ONE,
  ATC_ZERO,
  ATC_MAX,
  atcFrac,
  atcMul,
  atcAdd,
  atcSub,
  atcIpart,
  minerCommitCarryover,
  nullMinerLogistic,
  nullMinerProbability,
  atcToSortitionProbability,
} from './atc.ts';
export { ATC_LOOKUP } from './atc-table.ts';
export type { BurnSamplePoint } from './distribution.ts';
export {
  makeMinMedianDistribution,
  makeSortitionRanges,
  sampleBurnDistribution,
  totalDistributionBurns,
  blockCommitBurns,
  windowedMedianBurns,
} from './distribution.ts';
export type { BurnchainParams } from './pox.ts';
export { isInPreparePhase, hasPoxSunset, isAfterPoxSunsetEnd, rewardCycleOf } from './pox.ts';
export type { PoxAddress } from './pox-address.ts';
export {
  PoxAddressType,
  standardBurnAddress,
  isBurnAddress,
  poxAddressRepr,
  samePoxAddress,
  poxAddressFromBitcoin,
  coerceHashMode,
  poxAddressScriptPubKey,
  poxAddressToBitcoinString,
} from './pox-address.ts';
export type {
  OpResult,
  BurnOpLocation,
  LeaderKeyRegisterOp,
  LeaderBlockCommitOp,
  CommitTreatment,
  MissedBlockCommit,
  PreStxOp,
  StackStxOp,
  TransferStxOp,
  DelegateStxOp,
  VoteForAggregateKeyOp,
  BurnOp,
  TxOutputSpec,
} from './operations/types.ts';
export { OpRejection } from './operations/types.ts';
export { MAX_OP_RETURN_DATA, burnOpPayload, opReturnScript, opReturnOutput } from './operations/envelope.ts';
export {
  LEADER_KEY_MEMO_MAX,
  parseLeaderKeyRegister,
  serializeLeaderKeyRegisterData,
  buildLeaderKeyRegisterPayload,
  buildLeaderKeyRegisterOutputs,
  nakamotoSigningKeyHash,
} from './operations/leader-key-register.ts';
export type { CommitParseContext, LeaderBlockCommitFields, RewardSetInfo, CommitCheckEnv, CommitCheckResult } from './operations/leader-block-commit.ts';
export {
  LEADER_BLOCK_COMMIT_DATA_LENGTH,
  expectedChainedUtxo,
  burnParentModulusFor,
  parseLeaderBlockCommit,
  serializeLeaderBlockCommitData,
  buildLeaderBlockCommitPayload,
  buildLeaderBlockCommitOutputs,
  expectedCommitOuts,
  checkLeaderBlockCommit,
} from './operations/leader-block-commit.ts';
export {
  senderTxidOf,
  parsePreStx,
  buildPreStxPayload,
  parseStackStx,
  checkStackStx,
  stackStxCyclesInRange,
  serializeStackStxData,
  buildStackStxPayload,
  parseTransferStx,
  checkTransferStx,
  buildTransferStxPayload,
  parseDelegateStx,
  checkDelegateStx,
  buildDelegateStxPayload,
  p2pkhScriptSigPublicKey,
  parseVoteForAggregateKey,
  checkVoteForAggregateKey,
  buildVoteForAggregateKeyPayload,
} from './operations/stx-ops.ts';
export type { RejectedTx } from './operations/classify.ts';
export { parseBurnOp, parseBlockOps } from './operations/classify.ts';
export type { CoinbaseInterval } from './coinbase.ts';
export { coinbaseReward, COINBASE_INTERVALS_MAINNET, COINBASE_INTERVALS_TESTNET } from './coinbase.ts';
export type { BlockSnapshot } from './snapshot.ts';
export { initialSnapshot, isInitialSnapshot } from './snapshot.ts';
export type { SortitionInput, SortitionOutcome } from './sortition.ts';
export { WinnerRejection, isMinerActive, nullMinerWins, evaluateSortition } from './sortition.ts';
export type { SortitionDBOptions, ProcessedBlock, ProcessBlockOptions, BurnBlockHeader } from './db/sortition-db.ts';
export { SortitionDB, openSortitionDB, SortitionMarfKeys, SORTITION_DB_FILE_NAME, SORTITION_MARF_DIR_NAME } from './db/sortition-db.ts';
export type { BurnOpJson } from './operations/json.ts';
export { burnOpToJson, burnOpJsonString } from './operations/json.ts';
