// Public API of @stacks-ts/clarity-vm. Re-exports by name only (no `export *`). Each section is
// owned by one area of the package.

// <parser>
export type { ClarityErrorCode, ClarityErrorOptions } from './errors.ts';
export {
  ClarityError,
  ClarityEarlyReturn,
  ClarityErrorKind,
  ClarityErrorGroup,
  ParseErrorCode,
  LexerErrorCode,
  CheckErrorCode,
  RuntimeCheckErrorCode,
  RuntimeErrorCode,
  EarlyReturnCode,
  InternalErrorCode,
  isClarityError,
  isEarlyReturn,
  parseError,
  lexerError,
  checkError,
  runtimeError,
  runtimeCheckError,
  internalError,
  earlyReturn,
  clarityErrorStage,
} from './errors.ts';
export type {
  Span,
  TraitIdentifier,
  TraitDefinition,
  PreSymbolicExpression,
  SymbolicExpression,
  ContractAst,
} from './parser/ast.ts';
export { ZERO_SPAN, TRANSIENT_ISSUER, TRANSIENT_CONTRACT } from './parser/ast.ts';
export type { ClarityVersionNumber, ParseOptions, BuildAstOptions } from './parser/build.ts';
export {
  parsePreExpressions,
  buildAst,
  parseProgram,
  symbolicExpressionToString,
  traitIdentifierToString,
} from './parser/build.ts';
export type { StackDepthLimits } from './parser/limits.ts';
export {
  MAX_NAME_LENGTH,
  MAX_CONTRACT_NAME_LENGTH,
  AST_CALL_STACK_DEPTH_BUFFER,
  MAX_CALL_STACK_DEPTH,
  MAX_CALL_STACK_DEPTH_LEGACY,
  resolveEpochId,
  usesParserV2,
  maxCallStackDepthForEpoch,
  stackDepthLimitsForEpoch,
} from './parser/limits.ts';
export type { PlacedToken } from './parser/lexer.ts';
export { TokenKind, tokenize, tokenKindToString } from './parser/lexer.ts';
export { parseV1 } from './parser/parser-v1.ts';
export { parseV2 } from './parser/parser-v2.ts';
export { checkStackDepth, assignExpressionIds, resolveTraits, expandSugar } from './parser/passes.ts';
// </parser>

// <natives>
export type { ClarityVersion, NativeContext } from './natives/context.ts';
export { defaultClarityVersion, epochAtLeast, isValueSanitizing } from './natives/context.ts';
export type {
  NativeArity,
  NativeFunctionInfo,
  ValueNativeFunction,
  TypeOperandNativeFunction,
  NameOperandNativeFunction,
  BindingsNativeFunction,
  NativeFunction,
  NativeImplementation,
  NativeNameInfo,
} from './natives/types.ts';
export {
  NATIVE_FUNCTIONS,
  NATIVE_NAMES,
  lookupNativeName,
  lookupNativeFunction,
  isActiveAtVersion,
  firstEpochOfVersion,
} from './natives/registry.ts';
export {
  WRAPPER_VALUE_SIZE,
  NONE,
  typeOfValue,
  setValueType,
  setDeclaredTypes,
  primeValueType,
  parentListType,
  valueSize,
  admitsValue,
  someValue,
  okValue,
  errValue,
  sanitizeValue,
  consList,
  utf8Length,
} from './natives/value-types.ts';
export type { MatchInput } from './natives/options.ts';
export {
  unwrapInner,
  unwrapErrInner,
  unwrapOrReturn,
  unwrapErrOrReturn,
  tryUnwrap,
  assertCondition,
  matchInput,
} from './natives/options.ts';
export type { SequenceCV } from './natives/sequences.ts';
export { isSequence, sequenceLength, sequenceElements, retainedSequence, utf8Chars } from './natives/sequences.ts';
export { I128_MIN, I128_MAX, U128_MAX, boolValue } from './natives/arithmetic.ts';
export { parseRustInteger, isClarityAsciiChar } from './natives/conversions.ts';
export { hashInputBytes } from './natives/crypto.ts';
export { keccak256, sha512 } from './natives/digests.ts';
export { tupleCons } from './natives/tuples.ts';
export { PrincipalConstructErrorCode, versionMatchesNetwork } from './natives/principals.ts';
export {
  valueErrorString,
  incorrectArgumentCount,
  expectArgCount,
  expectArgsAtLeast,
  expectArgsAtMost,
  unreachable,
  typeValueError,
  unionTypeValueError,
  typeError,
  typeConstructionError,
} from './natives/check.ts';
// </natives>

// <analysis>
export type {
  AnalysisType,
  AnyType,
  TraitRefType,
  AnalyzeOptions,
  ContractAnalysis,
  ContractAnalysisLookup,
  FunctionArgument,
  FunctionSignature,
  TraitSignature,
  ContractInterface,
  ContractInterfaceAtomType,
  ContractInterfaceFunction,
} from './analysis/index.ts';
export {
  analyzeContract,
  ANY,
  admits,
  supertype,
  parseTypeRepr,
  analysisTypeToString,
  sortDefinitions,
  definitionOrder,
  isDefineForm,
  buildContractInterface,
  contractInterfaceToJson,
  contractInterfaceAtomType,
} from './analysis/index.ts';
// </analysis>

// <corpus>
// </corpus>

// <eval>
export type { KeyValueBackend } from './db/kv.ts';
export { MemoryBackend } from './db/kv.ts';
export { ClarityDB } from './db/clarity-db.ts';
export type { ClarityEvent, DefinedFunction, ContractContext, ChainState, Principals } from './eval/context.ts';
export { newContractContext } from './eval/context.ts';
export type { Env, Locals } from './eval/interpreter.ts';
export {
  GENESIS_LIQUID_SUPPLY,
  evaluate,
  evaluateTopLevel,
  executeFunction,
  callContractFunction,
  defineKind,
  isReservedName,
  resetCallStack,
} from './eval/interpreter.ts';
export { parseTypeExpression } from './eval/types.ts';
export type { BatchCase, BatchResult, BatchOptions, AnalyzeHook } from './batch.ts';
export {
  GENESIS_ACCOUNTS,
  GENESIS_BALANCE,
  TESTNET_CHAIN_ID,
  genesisChain,
  deployContract,
  runCase,
  runBatchSync,
  runBatch,
  loadAnalysis,
} from './batch.ts';
// </eval>

// <state>
export type { StxBalance, PoxUnlockHeights } from './db/keys.ts';
export {
  StoreType,
  ClarityStateError,
  ContractMetadata,
  GlobalKeys,
  EPOCH_VERSION_NUMBER,
  ZERO_STX_BALANCE,
  NO_EARLY_UNLOCKS,
  tripKey,
  quadKey,
  serializeToHex,
  dataVarKey,
  mapEntryKey,
  ftBalanceKey,
  ftSupplyKey,
  nftOwnerKey,
  accountKey,
  stxBalanceKey,
  nonceKey,
  metadataKey,
  metadataTableKey,
  parseMetadataTableKey,
  contractHashKey,
  encodeJsonInteger,
  decodeJsonInteger,
  encodeU32Hex,
  decodeU32Hex,
  principalJson,
  encodeContractCommitment,
  decodeContractCommitment,
  encodeStxBalance,
  decodeStxBalance,
  isUnlockable,
  effectiveUnlockHeight,
  canonicalStxBalance,
  availableStx,
  totalStx,
} from './db/keys.ts';
export type { StxView } from './db/stx.ts';
export { stxAvailable, stxAccount, stxDebit, stxCredit } from './db/stx.ts';
export type { BlockIdLike, MarfedKVBlock, MarfedKVLike, MetadataStore, ClarityBackingStore, ReadTarget } from './db/marf-backend.ts';
export { MarfBackend, memoryMetadataStore, SENTINEL_BLOCK_ID } from './db/marf-backend.ts';
export type { StacksBlockInfo, PoxPayout, ChainContext } from './chain/context.ts';
export {
  MINER_REWARD_MATURITY,
  SIMULATED_MINER,
  simulatedBlockTime,
  simulatedChainContext,
  chainContextOf,
  stxViewOf,
} from './chain/context.ts';
export type { AssetMap } from './chain/assets.ts';
export { assetMapOfEvents } from './chain/assets.ts';
export type { DeployedContractState } from './chain/contracts.ts';
export {
  contractAnalysisSerde,
  contractContextSerde,
  deployEpochOf,
  writeContractState,
  loadContract,
  DeployedContracts,
} from './chain/contracts.ts';
export type { SerdeJson, TraitTypeStyle } from './db/serde.ts';
export {
  parseSerdeJson,
  qualifiedContractIdentifierJson,
  symbolicExpressionSerde,
  traitIdentifierJson,
  typeSignatureFromSerde,
  typeSignatureSerde,
  valueFromSerde,
  valueSerde,
} from './db/serde.ts';
export { arithmeticOnlyViolation, isCostContractEligible } from './analysis/arithmetic-checker.ts';
export type { BlockHeaderInput, ClarityChainOptions, TxReceipt, TxOptions } from './chain/runtime.ts';
export { ClarityChain } from './chain/runtime.ts';
export type { StateDir, StateDirOptions } from './chain/persistent.ts';
export { openStateDir, TIP_FILE_NAME } from './chain/persistent.ts';
export type { StateCommandFlags } from './chain/cli-state.ts';
export { runStateCommand } from './chain/cli-state.ts';
export { atBlock, chainVariable } from './eval/block-info.ts';
// </state>

// <costs>
export type { ExecutionCost, ExecutionCostJson } from './costs/execution-cost.ts';
export {
  COST_FIELDS,
  MAX_COST_FIELD,
  BLOCK_LIMIT_10,
  BLOCK_LIMIT_20,
  BLOCK_LIMIT_205,
  BLOCK_LIMIT_21,
  BLOCK_LIMIT_40,
  UNLIMITED_COST,
  READ_ONLY_CALL_LIMIT,
  zeroCost,
  executionCost,
  copyCost,
  addCostInto,
  subCostInto,
  exceedsLimit,
  costToJson,
  blockLimitForEpoch,
} from './costs/execution-cost.ts';
export type { CostTerm, CostFormula, CostTable, CostFunctionName } from './costs/tables.ts';
export { COST_FUNCTION_NAMES, COSTS_1, COSTS_2, COSTS_2_TESTNET, COSTS_3, COSTS_4 } from './costs/tables.ts';
export type { CostContractName } from './costs/functions.ts';
export {
  COST_TABLES,
  costContractForEpoch,
  log2Floor,
  linearCost,
  lognCost,
  nlognCost,
  evaluateTerm,
  computeCost,
  computeCostInto,
} from './costs/functions.ts';
export type { CostTracker, TrackingCostTrackerOptions } from './costs/tracker.ts';
export { CLARITY_MEMORY_LIMIT, TrackingCostTracker, FREE_COST_TRACKER } from './costs/tracker.ts';
export { serializedLength, typeParseSteps, utf8ByteLength } from './costs/sizes.ts';
export { CALLABLE_SIZE, contractSize } from './costs/charges.ts';
export { transactionTracker, trackerCostJson } from './costs/transaction.ts';
export { chargeAstParse, chargeCycleDetection, chargeContractStorage } from './costs/deploy.ts';
// </costs>

// <boot>
export type { BootScheduleEntry, BootContract, BootContracts, BootSources, BootSourceOptions } from './boot.ts';
export { BOOT_ADDRESS_TESTNET, BOOT_ADDRESS_MAINNET, BOOT_SCHEDULE, bootContractsFromSources, SnapshotBackend } from './boot.ts';
export type { GenesisOptions } from './batch.ts';
export type { CallablePrincipalType } from './analysis/types.ts';
export { callablePrincipal, callableContracts, concretize } from './analysis/types.ts';
// </boot>
