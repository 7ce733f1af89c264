// Bitcoin transactions on the wire (legacy and BIP144 segwit serialization). The txid is the
// double SHA-256 of the non-witness serialization, kept in display order (reversed), the order
// bitcoind prints and the reference stores `Txid` in.
import { BurnchainError, BurnchainErrorCode } from '../errors.ts';
import { WireReader, WireWriter, reverseBytes, sha256d, sha256dParts } from './wire.ts';

/** One input of a decoded Bitcoin transaction. */
export interface RawTxInput {
  /** Txid of the spent transaction, display order. All zeros (with vout 0xffffffff) in a coinbase. */
  readonly prevTxid: Uint8Array;
  readonly vout: number;
  readonly scriptSig: Uint8Array;
  readonly sequence: number;
  /** Witness stack items; empty for a non-witness input. */
  readonly witness: readonly Uint8Array[];
}

/** One output of a decoded Bitcoin transaction. */
export interface RawTxOutput {
  /** Satoshis. */
  readonly value: bigint;
  readonly scriptPubKey: Uint8Array;
}

/** A decoded Bitcoin transaction. Byte fields may be views into the decoded buffer. */
export interface RawTransaction {
  readonly version: number;
  readonly inputs: readonly RawTxInput[];
  readonly outputs: readonly RawTxOutput[];
  readonly lockTime: number;
  /** 32 bytes, display order. */
  readonly txid: Uint8Array;
  /** True when the transaction was serialized with the segwit marker and witnesses. */
  readonly hasWitness: boolean;
}

/** The largest serialized transaction accepted (Bitcoin's 4 MB block weight bound). */
export const MAX_TX_BYTES = 4_000_000;
/** Smallest serialized input: outpoint 36 + script length 1 + sequence 4. */
const MIN_INPUT_BYTES = 41;
/** Smallest serialized output: value 8 + script length 1. */
const MIN_OUTPUT_BYTES = 9;
/** Largest value a single output may carry (21 million BTC in satoshis). */
export const MAX_MONEY = 2_100_000_000_000_000n;

/** True for a coinbase input (null outpoint). */
export function isCoinbaseInput(input: RawTxInput): boolean {
  return input.vout === 0xffffffff && input.prevTxid.every((b) => b === 0);
}

/** True when the transaction is a coinbase (exactly one input, with the null outpoint). */
export function isCoinbaseTx(tx: RawTransaction): boolean {
  return tx.inputs.length === 1 && isCoinbaseInput(tx.inputs[0]!);
}

/** Reads one transaction at the reader's position (used for standalone txs and inside blocks). */
export function readTransaction(r: WireReader): RawTransaction {
  const start = r.offset;
  const version = r.i32('tx version');
  let hasWitness = false;
  // BIP144: a zero where the input count would be, followed by flag 0x01, marks a witness tx.
  if (r.remaining >= 2 && r.bytes[r.offset] === 0x00) {
    const flag = r.bytes[r.offset + 1];
    if (flag !== 0x01) throw new BurnchainError(BurnchainErrorCode.Malformed, 'transaction with no inputs or an unknown segwit flag', { offset: r.offset, flag });
    hasWitness = true;
    r.offset += 2;
  }
  const bodyStart = r.offset;
  const nIn = r.compactSize('tx input count', MIN_INPUT_BYTES);
  if (nIn === 0) throw new BurnchainError(BurnchainErrorCode.Malformed, 'transaction has no inputs', { offset: r.offset });
  const ins: { prevTxid: Uint8Array; vout: number; scriptSig: Uint8Array; sequence: number; witness: Uint8Array[] }[] = new Array(nIn);
  for (let i = 0; i < nIn; i++) {
    const prevTxid = reverseBytes(r.view(32, 'outpoint txid'));
    const vout = r.u32('outpoint vout');
    const scriptSig = r.varBytes('scriptSig');
    const sequence = r.u32('sequence');
    ins[i] = { prevTxid, vout, scriptSig, sequence, witness: [] };
  }
  const nOut = r.compactSize('tx output count', MIN_OUTPUT_BYTES);
  const outs: RawTxOutput[] = new Array(nOut);
  for (let i = 0; i < nOut; i++) {
    const value = r.u64('output value');
    if (value > MAX_MONEY) throw new BurnchainError(BurnchainErrorCode.Malformed, 'output value exceeds 21M BTC', { offset: r.offset, index: i });
    outs[i] = { value, scriptPubKey: r.varBytes('scriptPubKey') };
  }
  const bodyEnd = r.offset;
  if (hasWitness) {
    for (const input of ins) {
      const nItems = r.compactSize('witness item count', 1);
      for (let j = 0; j < nItems; j++) input.witness.push(r.varBytes('witness item'));
    }
  }
  const lockStart = r.offset;
  const lockTime = r.u32('lock time');
  if (r.offset - start > MAX_TX_BYTES) throw new BurnchainError(BurnchainErrorCode.Malformed, 'transaction larger than 4 MB', { size: r.offset - start });
  const b = r.bytes;
  const hash = hasWitness
    ? sha256dParts([b.subarray(start, start + 4), b.subarray(bodyStart, bodyEnd), b.subarray(lockStart, lockStart + 4)])
    : sha256d(b.subarray(start, r.offset));
  return { version, inputs: ins, outputs: outs, lockTime, txid: reverseBytes(hash), hasWitness };
}

/** Decodes one transaction; the bytes must hold exactly one transaction. */
export function decodeTransaction(bytes: Uint8Array): RawTransaction {
  if (bytes.length > MAX_TX_BYTES) throw new BurnchainError(BurnchainErrorCode.Malformed, 'transaction larger than 4 MB', { size: bytes.length });
  const r = new WireReader(bytes);
  const tx = readTransaction(r);
  if (r.remaining !== 0) throw new BurnchainError(BurnchainErrorCode.Malformed, 'trailing bytes after transaction', { trailing: r.remaining });
  return tx;
}

/** Writes a transaction; with `witness` (default: when any input has one) in BIP144 form. */
export function writeTransaction(w: WireWriter, tx: Omit<RawTransaction, 'txid' | 'hasWitness'>, witness?: boolean): void {
  const withWitness = witness ?? tx.inputs.some((i) => i.witness.length > 0);
  w.u32(tx.version >>> 0);
  if (withWitness) w.u8(0).u8(1);
  w.compactSize(tx.inputs.length);
  for (const i of tx.inputs) {
    w.bytes(reverseBytes(i.prevTxid)).u32(i.vout).varBytes(i.scriptSig).u32(i.sequence);
  }
  w.compactSize(tx.outputs.length);
  for (const o of tx.outputs) w.u64(o.value).varBytes(o.scriptPubKey);
  if (withWitness) {
    for (const i of tx.inputs) {
      w.compactSize(i.witness.length);
      for (const item of i.witness) w.varBytes(item);
    }
  }
  w.u32(tx.lockTime >>> 0);
}

/** Serializes a transaction (segwit form when any input carries a witness). */
export function encodeTransaction(tx: Omit<RawTransaction, 'txid' | 'hasWitness'>, witness?: boolean): Uint8Array {
  const w = new WireWriter(256);
  writeTransaction(w, tx, witness);
  return w.finish();
}

/** The txid (display order) of a transaction: SHA-256d of its non-witness serialization, reversed. */
export function computeTxid(tx: Omit<RawTransaction, 'txid' | 'hasWitness'>): Uint8Array {
  return reverseBytes(sha256d(encodeTransaction(tx, false)));
}
