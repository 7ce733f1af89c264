/**
 * The whole transaction on the wire (`StacksTransaction::consensus_serialize` /
 * `consensus_deserialize_with_len`) and its id:
 * `version u8 | chain_id u32 | auth | anchor_mode u8 | post_condition_mode u8 | post_conditions | payload`.
 */
import { bytesToHex } from '@stacks-ts/common';
import { ByteReader, type ByteWriter, encodeWith } from '../bytes.ts';
import { sha512_256 } from '../crypto/hashes.ts';
import { CodecError, CodecErrorCode, isCodecError } from '../errors.ts';
import { type TransactionDecodeOptions, readTransactionAuth, writeTransactionAuth } from './auth.ts';
import { readTransactionPayload, writeTransactionPayload } from './payload.ts';
import { readPostCondition, writePostCondition } from './post-condition.ts';
import {
  AnchorMode,
  MAX_TRANSACTION_LEN,
  PostConditionMode,
  TransactionVersion,
  type StacksTransaction,
  type TransactionPostCondition,
  isCoinbasePayload,
} from './types.ts';

/**
 * Most post-conditions the reference reads: its `Vec` decoder refuses a count whose
 * `size_of::<TransactionPostCondition>()` (192 bytes) times the count exceeds `MAX_MESSAGE_LEN`.
 */
export const MAX_POST_CONDITIONS = Math.floor(16_778_054 / 192);

// The smallest post-condition: a Pox condition on the origin (id, principal id, code).
const SMALLEST_POST_CONDITION = 3;

function readBody(r: ByteReader, opts: TransactionDecodeOptions | undefined): StacksTransaction {
  const versionByte = r.readU8('version');
  const chainId = r.readU32('chain id');
  const auth = readTransactionAuth(r, opts);
  const anchorAt = r.offset;
  const anchorByte = r.readU8('anchor mode');
  const modeAt = r.offset;
  const modeByte = r.readU8('post-condition mode');
  const count = r.readVecLength(MAX_POST_CONDITIONS, SMALLEST_POST_CONDITION, 'post-conditions');
  const postConditions: TransactionPostCondition[] = [];
  for (let i = 0; i < count; i++) postConditions.push(readPostCondition(r));
  const payload = readTransactionPayload(r);

  if (anchorByte !== AnchorMode.OnChainOnly && anchorByte !== AnchorMode.OffChainOnly && anchorByte !== AnchorMode.Any) {
    throw new CodecError(CodecErrorCode.InvalidValue, `unknown anchor mode ${anchorByte}`, { offset: anchorAt });
  }
  const onChainOnly = anchorByte === AnchorMode.OnChainOnly;
  if (!onChainOnly && payload.type === 'poisonMicroblock') {
    throw new CodecError(CodecErrorCode.InvalidValue, 'a poison-microblock transaction must be on-chain only', { offset: anchorAt });
  }
  if (!onChainOnly && isCoinbasePayload(payload)) {
    throw new CodecError(CodecErrorCode.InvalidValue, 'a coinbase transaction must be on-chain only', { offset: anchorAt });
  }
  if (modeByte !== PostConditionMode.Allow && modeByte !== PostConditionMode.Deny && modeByte !== PostConditionMode.Originator) {
    throw new CodecError(CodecErrorCode.InvalidValue, `unknown post-condition mode ${modeByte}`, { offset: modeAt });
  }
  return {
    version: (versionByte & 0x80) === 0 ? TransactionVersion.Mainnet : TransactionVersion.Testnet,
    chainId,
    auth,
    anchorMode: anchorByte,
    postConditionMode: modeByte,
    postConditions,
    payload,
  };
}

/**
 * Reads one transaction of at most `MAX_TRANSACTION_LEN` bytes from a stream (as a block's
 * transaction list does). Anything malformed throws a `CodecError`; a transaction that runs past
 * 2 MiB is `CODEC_TOO_LARGE`.
 */
export function readTransaction(r: ByteReader, opts?: TransactionDecodeOptions): StacksTransaction {
  const start = r.offset;
  const available = r.remaining;
  const bounded = new ByteReader(r.bytes, start, start + Math.min(available, MAX_TRANSACTION_LEN));
  let tx: StacksTransaction;
  try {
    tx = readBody(bounded, opts);
  } catch (err) {
    if (isCodecError(err, CodecErrorCode.UnexpectedEof) && available > MAX_TRANSACTION_LEN) {
      throw new CodecError(CodecErrorCode.TooLarge, `transaction is longer than ${MAX_TRANSACTION_LEN} bytes`, { offset: start }, { cause: err });
    }
    if (err instanceof CodecError) throw err;
    throw new CodecError(CodecErrorCode.InvalidValue, `malformed transaction: ${String(err)}`, { offset: start }, { cause: err });
  }
  r.offset = bounded.offset;
  return tx;
}

/** Writes a transaction. The version byte is written as exactly 0x00 or 0x80. */
export function writeTransaction(w: ByteWriter, tx: StacksTransaction): void {
  if (tx.version !== TransactionVersion.Mainnet && tx.version !== TransactionVersion.Testnet) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `transaction version must be 0x00 or 0x80, got ${tx.version}`);
  }
  if (!Number.isInteger(tx.chainId) || tx.chainId < 0 || tx.chainId > 0xffff_ffff) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `chain id must be a u32, got ${tx.chainId}`);
  }
  if (tx.anchorMode !== AnchorMode.OnChainOnly && tx.anchorMode !== AnchorMode.OffChainOnly && tx.anchorMode !== AnchorMode.Any) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `unknown anchor mode ${tx.anchorMode}`);
  }
  const mode = tx.postConditionMode;
  if (mode !== PostConditionMode.Allow && mode !== PostConditionMode.Deny && mode !== PostConditionMode.Originator) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `unknown post-condition mode ${mode}`);
  }
  w.writeU8(tx.version).writeU32(tx.chainId);
  writeTransactionAuth(w, tx.auth);
  w.writeU8(tx.anchorMode).writeU8(mode);
  w.writeU32(tx.postConditions.length);
  for (const pc of tx.postConditions) writePostCondition(w, pc);
  writeTransactionPayload(w, tx.payload);
}

/** Decodes exactly one transaction (trailing bytes are rejected). */
export function decodeTransaction(bytes: Uint8Array, opts?: TransactionDecodeOptions): StacksTransaction {
  const r = new ByteReader(bytes);
  const tx = readTransaction(r, opts);
  r.expectEnd('transaction');
  return tx;
}

/** Encodes a transaction. */
export function encodeTransaction(tx: StacksTransaction): Uint8Array {
  return encodeWith((w) => writeTransaction(w, tx), 512);
}

/** The transaction id as bytes: SHA-512/256 of the encoded transaction (`Txid::from_stacks_tx`). */
export function txidBytes(tx: StacksTransaction): Uint8Array {
  return sha512_256(encodeTransaction(tx));
}

/** The transaction id as lowercase hex, no `0x`, no byte reversal. */
export function txid(tx: StacksTransaction): string {
  return bytesToHex(txidBytes(tx));
}
