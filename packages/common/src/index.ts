export { StacksError, isStacksError, CommonErrorCode } from './errors.ts';
export {
  bytesToHex,
  hexToBytes,
  isHex,
  concatBytes,
  equalBytes,
  compareBytes,
  utf8ToBytes,
  bytesToUtf8,
  asciiToBytes,
  bytesToAscii,
  uintToBytesBE,
  bytesToUintBE,
} from './bytes.ts';
export type { Logger, LogFields } from './logger.ts';
export { noopLogger, createJsonLogger, LogLevel } from './logger.ts';
export type { Metrics, Counter, Gauge, Histogram, MetricLabels } from './metrics.ts';
export { noopMetrics } from './metrics.ts';
export type { Clock, ManualClock } from './clock.ts';
export { systemClock, createManualClock } from './clock.ts';
export type { Rng } from './rng.ts';
export { createSeededRng, createCryptoRng } from './rng.ts';
export type { StacksEpoch, NetworkParams } from './network.ts';
export {
  StacksEpochId,
  EPOCH_ORDER,
  compareEpochs,
  PEER_VERSION_EPOCH,
  PEER_NETWORK_EPOCH,
  ChainId,
  TransactionVersion,
  PeerNetworkId,
  PeerVersionMajor,
  AddressVersion,
  STACKS_EPOCH_MAX,
  MAINNET,
  TESTNET,
  DEVNET,
  networkParams,
  epochAtHeight,
} from './network.ts';
