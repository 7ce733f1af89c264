import { type ByteReader, type ByteWriter, decodeAll, encodeWith } from '../bytes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { type StacksMicroblockHeader, readMicroblockHeader, writeMicroblockHeader } from '../transaction/microblock-header.ts';
import { txidBytes } from '../transaction/transaction.ts';
import { AnchorMode, type StacksTransaction, isCoinbasePayload } from '../transaction/types.ts';
import { readBounded } from '../bytes.ts';
import { checkTxMerkleRoot, checkTxidsUnique, readTransactionList, writeTransactionList } from './block-txs.ts';
import { BLOCK_READ_LIMIT } from './constants.ts';

/** A Stacks 2.x microblock (`StacksMicroblock`): header, then a u32-counted transaction list. */
export interface StacksMicroblock {
  /** The microblock header (codec in `transaction/microblock-header.ts`). */
  readonly header: StacksMicroblockHeader;
  /** The microblock's transactions. */
  readonly txs: readonly StacksTransaction[];
}

function invalid(message: string, meta: Record<string, unknown> = {}): CodecError {
  return new CodecError(CodecErrorCode.InvalidValue, `invalid microblock: ${message}`, meta);
}

/**
 * Reads a 2.x microblock with the checks of `StacksMicroblock::consensus_deserialize`, in its
 * order: transactions within `BLOCK_READ_LIMIT` bytes (`CODEC_TOO_LARGE`); at least one
 * transaction; no duplicate txid (`CODEC_DUPLICATE`); no on-chain-only transaction; merkle root
 * matches; no coinbase. Failures other than the size and duplicates are `CODEC_INVALID_VALUE`.
 */
export function readStacksMicroblock(r: ByteReader): StacksMicroblock {
  const header = readMicroblockHeader(r);
  const txs = readBounded(r, BLOCK_READ_LIMIT, 'microblock transactions', (br) => readTransactionList(br, 'microblock'));
  if (txs.length === 0) throw invalid('zero transactions');
  const txids = txs.map(txidBytes);
  checkTxidsUnique(txids, 'microblock');
  const onChain = txs.findIndex((tx) => tx.anchorMode === AnchorMode.OnChainOnly);
  if (onChain >= 0) throw invalid(`transaction ${onChain} is on-chain only`, { index: onChain });
  checkTxMerkleRoot(txids, header.txMerkleRoot, 'microblock');
  const coinbase = txs.findIndex((tx) => isCoinbasePayload(tx.payload));
  if (coinbase >= 0) throw invalid(`transaction ${coinbase} is a coinbase`, { index: coinbase });
  return { header, txs };
}

/** Writes a 2.x microblock (no consistency checks). */
export function writeStacksMicroblock(w: ByteWriter, m: StacksMicroblock): void {
  writeMicroblockHeader(w, m.header);
  writeTransactionList(w, m.txs);
}

/** Decodes a whole byte array as one 2.x microblock. */
export function decodeStacksMicroblock(bytes: Uint8Array): StacksMicroblock {
  return decodeAll(bytes, readStacksMicroblock, 'microblock');
}

/** Encodes a 2.x microblock. */
export function encodeStacksMicroblock(m: StacksMicroblock): Uint8Array {
  return encodeWith((w) => writeStacksMicroblock(w, m), 512);
}
