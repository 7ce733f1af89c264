// Public API of @stacks-ts/burnchain. Re-exports by name only (no `export *`).
export type { BitcoinAddress, BitcoinBlock, BitcoinNetworkType, BitcoinTransaction, BitcoinTxInput, BitcoinTxOutput, BurnchainBlockHeader } from './types.ts';
export { BurnchainError, BurnchainErrorCode, isBurnchainError } from './errors.ts';
export type { RawTransaction, RawTxInput, RawTxOutput } from './bitcoin/tx.ts';
export { decodeTransaction, encodeTransaction, computeTxid, isCoinbaseTx, MAX_TX_BYTES, MAX_MONEY } from './bitcoin/tx.ts';
export type { BitcoinBlockHeaderData, RawBlock } from './bitcoin/block.ts';
export {
  decodeBlock,
  encodeBlock,
  decodeBlockHeader,
  encodeBlockHeader,
  blockHeaderHash,
  merkleRoot,
  targetFromBits,
  checkProofOfWork,
  HEADER_BYTES,
  MAX_BLOCK_BYTES,
} from './bitcoin/block.ts';
export { sha256d, reverseBytes } from './bitcoin/wire.ts';
export { hash160 } from './bitcoin/hash.ts';
export { BITCOIN_NETWORKS, scriptToAddress, addressToScript, addressToString, addressFromString, addressNetwork } from './bitcoin/address.ts';
export type { MagicBytes, BurnTxParseOptions } from './bitcoin/burn-tx.ts';
export {
  MAGIC_BYTES_LENGTH,
  OP_RETURN,
  magicBytes,
  opReturnPayload,
  parseOpReturnData,
  buildOpReturnScript,
  parseBurnchainTransaction,
  bitcoinBlockFromRaw,
  parseBitcoinBlock,
  hexToBytesChecked,
} from './bitcoin/burn-tx.ts';
export type { KeyWallet, SpendableOutput, SpendOutput, SignedTransaction } from './bitcoin/wallet.ts';
export { createKeyWallet, buildSignedTransaction } from './bitcoin/wallet.ts';
export type { BurnchainBlockSource, ChainTip } from './source.ts';
export type { BitcoindClient, BitcoindClientOptions, RpcUnspent, ListUnspentOptions } from './rpc/bitcoind-client.ts';
export { createBitcoindClient, btcToSats, satsToBtc } from './rpc/bitcoind-client.ts';
export type { SimChainOptions, SimUtxo, MineOptions } from './sim/sim-chain.ts';
export { SimBitcoinChain, openSimChain, SimRejectReason, regtestSubsidy, REGTEST_BITS, COINBASE_MATURITY, REGTEST_HALVING_INTERVAL } from './sim/sim-chain.ts';
export { REGTEST_GENESIS_BLOCK, REGTEST_GENESIS_HASH } from './sim/genesis.ts';
export type { SimChainStore, SimBlockMeta } from './sim/store.ts';
export { createMemorySimChainStore, openSqliteSimChainStore } from './sim/store.ts';
export type { HeaderStore, StoredHeader } from './header-store.ts';
export { createMemoryHeaderStore, openSqliteHeaderStore } from './header-store.ts';
export type { BurnchainIndexerOptions, ReorgEvent, SyncResult } from './indexer.ts';
export { BurnchainIndexer, openBurnchainIndexer } from './indexer.ts';
export type { SimRpcServerOptions, SimRpcServer } from './sim/rpc-server.ts';
export { serveSimChainRpc } from './sim/rpc-server.ts';
