import { type ByteReader, type ByteWriter, decodeAll, encodeWith } from '../bytes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { txidBytes } from '../transaction/transaction.ts';
import { AnchorMode, type StacksTransaction, isCoinbasePayload } from '../transaction/types.ts';
import { readBounded } from '../bytes.ts';
import { checkTxMerkleRoot, checkTxidsUnique, readTransactionList, writeTransactionList } from './block-txs.ts';
import { BLOCK_READ_LIMIT } from './constants.ts';
import { type StacksBlockHeader, readStacksBlockHeader, writeStacksBlockHeader } from './stacks-block-header.ts';

/** A Stacks 2.x anchored block (`StacksBlock`): header, then a u32-counted transaction list. */
export interface StacksBlock {
  /** The 2.x block header. */
  readonly header: StacksBlockHeader;
  /** The block's transactions; the first is its coinbase. */
  readonly txs: readonly StacksTransaction[];
}

function invalid(message: string, meta: Record<string, unknown> = {}): CodecError {
  return new CodecError(CodecErrorCode.InvalidValue, `invalid Stacks block: ${message}`, meta);
}

/**
 * Reads a 2.x anchored block with the checks of `StacksBlock::consensus_deserialize`, in its order:
 * transactions within `BLOCK_READ_LIMIT` bytes (`CODEC_TOO_LARGE`); at least one transaction; no
 * off-chain-only transaction; no duplicate txid (`CODEC_DUPLICATE`); merkle root matches; exactly
 * one coinbase, on-chain-only, at index 0. Every failure other than a duplicate is
 * `CODEC_INVALID_VALUE`.
 */
export function readStacksBlock(r: ByteReader): StacksBlock {
  const header = readStacksBlockHeader(r);
  const txs = readBounded(r, BLOCK_READ_LIMIT, 'Stacks block transactions', (br) => readTransactionList(br, 'Stacks block'));
  if (txs.length === 0) throw invalid('zero transactions');
  const offChain = txs.findIndex((tx) => tx.anchorMode === AnchorMode.OffChainOnly);
  if (offChain >= 0) throw invalid(`transaction ${offChain} is off-chain only`, { index: offChain });
  const txids = txs.map(txidBytes);
  checkTxidsUnique(txids, 'Stacks block');
  checkTxMerkleRoot(txids, header.txMerkleRoot, 'Stacks block');
  const coinbases = txs.flatMap((tx, i) => (isCoinbasePayload(tx.payload) ? [i] : []));
  if (coinbases.length > 1) throw invalid('multiple coinbases found', { indexes: coinbases });
  if (coinbases.length === 0 || coinbases[0] !== 0) throw invalid('no coinbase found at first transaction slot');
  if (txs[0]!.anchorMode !== AnchorMode.OnChainOnly) throw invalid('coinbase is not on-chain only');
  return { header, txs };
}

/** Writes a 2.x anchored block (no consistency checks). */
export function writeStacksBlock(w: ByteWriter, b: StacksBlock): void {
  writeStacksBlockHeader(w, b.header);
  writeTransactionList(w, b.txs);
}

/** Decodes a whole byte array as one 2.x anchored block. */
export function decodeStacksBlock(bytes: Uint8Array): StacksBlock {
  return decodeAll(bytes, readStacksBlock, 'Stacks block');
}

/** Encodes a 2.x anchored block. */
export function encodeStacksBlock(b: StacksBlock): Uint8Array {
  return encodeWith((w) => writeStacksBlock(w, b), 1024);
}
