import { type ByteReader, type ByteWriter, decodeAll, encodeWith } from '../bytes.ts';
import { txidBytes } from '../transaction/transaction.ts';
import type { StacksTransaction } from '../transaction/types.ts';
import { readBounded } from '../bytes.ts';
import { checkTxMerkleRoot, checkTxidsUnique, readTransactionList, writeTransactionList } from './block-txs.ts';
import { BLOCK_READ_LIMIT } from './constants.ts';
import { type NakamotoBlockHeader, readNakamotoBlockHeader, writeNakamotoBlockHeader } from './nakamoto-header.ts';

/** A Nakamoto block (`NakamotoBlock`): header, then a u32-counted transaction list. */
export interface NakamotoBlock {
  /** The block header (3.x form). */
  readonly header: NakamotoBlockHeader;
  /** The block's transactions, in order. */
  readonly txs: readonly StacksTransaction[];
}

/**
 * Reads a Nakamoto block as `NakamotoBlock::consensus_deserialize` does: header and transactions
 * within `BLOCK_READ_LIMIT` bytes (`CODEC_TOO_LARGE` past it), no duplicate txid
 * (`CODEC_DUPLICATE`), and the header's `txMerkleRoot` equal to the txids' root
 * (`CODEC_INVALID_VALUE`). An empty transaction list is accepted here (block validation, not the
 * codec, requires transactions).
 */
export function readNakamotoBlock(r: ByteReader): NakamotoBlock {
  const { header, txs } = readBounded(r, BLOCK_READ_LIMIT, 'Nakamoto block', (br) => ({
    header: readNakamotoBlockHeader(br),
    txs: readTransactionList(br, 'Nakamoto block'),
  }));
  const txids = txs.map(txidBytes);
  checkTxidsUnique(txids, 'Nakamoto block');
  checkTxMerkleRoot(txids, header.txMerkleRoot, 'Nakamoto block');
  return { header, txs };
}

/** Writes a Nakamoto block (no consistency checks: encode what you are given). */
export function writeNakamotoBlock(w: ByteWriter, b: NakamotoBlock): void {
  writeNakamotoBlockHeader(w, b.header);
  writeTransactionList(w, b.txs);
}

/** Decodes a whole byte array as one Nakamoto block (trailing bytes rejected). */
export function decodeNakamotoBlock(bytes: Uint8Array): NakamotoBlock {
  return decodeAll(bytes, readNakamotoBlock, 'Nakamoto block');
}

/** Encodes a Nakamoto block. */
export function encodeNakamotoBlock(b: NakamotoBlock): Uint8Array {
  return encodeWith((w) => writeNakamotoBlock(w, b), 1024);
}
