// Picking Stacks burn operations out of Bitcoin blocks (reference:
// stackslib/src/burnchains/bitcoin/blocks.rs, `BitcoinBlockParser::{parse_data,
// maybe_burnchain_tx, parse_tx, parse_block}`). A transaction qualifies when output 0 is exactly
// `OP_RETURN <one push>` whose data is magic(2) ‖ opcode(1) ‖ payload, and (from epoch 2.1) every
// other output is a standard address.
import { BurnchainError, BurnchainErrorCode } from '../errors.ts';
import type { BitcoinBlock, BitcoinNetworkType, BitcoinTransaction, BitcoinTxOutput } from '../types.ts';
import { scriptToAddress } from './address.ts';
import { decodeBlock, MAX_BLOCK_BYTES, type RawBlock } from './block.ts';
import type { RawTransaction } from './tx.ts';

/** The 2-byte network magic that prefixes every burn operation's OP_RETURN data. */
export type MagicBytes = Uint8Array;

/** Magic length in bytes. */
export const MAGIC_BYTES_LENGTH = 2;
/** Bitcoin's OP_RETURN opcode. */
export const OP_RETURN = 0x6a;

/** Magic bytes from a 2-character string such as `X2` (mainnet and regtest) or `T2` (xenon), or from 2 bytes. */
export function magicBytes(magic: string | Uint8Array): MagicBytes {
  const bytes = typeof magic === 'string' ? new TextEncoder().encode(magic) : magic;
  if (bytes.length !== MAGIC_BYTES_LENGTH) {
    throw new BurnchainError(BurnchainErrorCode.InvalidArgument, `magic bytes must be ${MAGIC_BYTES_LENGTH} bytes`, { length: bytes.length });
  }
  return Uint8Array.from(bytes);
}

/** Options of burn-op recognition, by epoch. */
export interface BurnTxParseOptions {
  /**
   * Epoch 2.1 and later (the default): outputs after the OP_RETURN may be any standard address
   * (segwit and taproot included). When false (epochs before 2.1) they must be p2pkh or p2sh.
   */
  readonly allowSegwitOutputs?: boolean;
}

/**
 * The single push of an `OP_RETURN <push>` script, or null when the script is anything else.
 * Non-minimal pushes (PUSHDATA1/2/4 of short data) are accepted, as the reference does.
 */
export function opReturnPayload(script: Uint8Array): Uint8Array | null {
  if (script.length < 1 || script[0] !== OP_RETURN) return null;
  if (script.length <= MAGIC_BYTES_LENGTH) return null;
  const op = script[1]!;
  let len: number;
  let start: number;
  if (op <= 0x4b) {
    len = op;
    start = 2;
  } else if (op === 0x4c) {
    if (script.length < 3) return null;
    len = script[2]!;
    start = 3;
  } else if (op === 0x4d) {
    if (script.length < 4) return null;
    len = script[2]! | (script[3]! << 8);
    start = 4;
  } else if (op === 0x4e) {
    if (script.length < 6) return null;
    len = (script[2]! | (script[3]! << 8) | (script[4]! << 16) | (script[5]! << 24)) >>> 0;
    start = 6;
  } else {
    return null;
  }
  // Exactly two instructions: the push must end the script.
  if (start + len !== script.length) return null;
  return script.subarray(start);
}

/** The opcode and payload of a burn-op OP_RETURN script under `magic`, or null when it is not one. */
export function parseOpReturnData(script: Uint8Array, magic: MagicBytes): { opcode: number; data: Uint8Array } | null {
  const push = opReturnPayload(script);
  if (push === null || push.length <= MAGIC_BYTES_LENGTH) return null;
  if (push[0] !== magic[0] || push[1] !== magic[1]) return null;
  return { opcode: push[MAGIC_BYTES_LENGTH]!, data: push.slice(MAGIC_BYTES_LENGTH + 1) };
}

/** Builds the `OP_RETURN <magic ‖ opcode ‖ data>` script of a burn operation (minimal push encoding). */
export function buildOpReturnScript(magic: MagicBytes | string, opcode: number | string, data: Uint8Array): Uint8Array {
  const m = magicBytes(magic);
  const op = typeof opcode === 'string' ? opcode.charCodeAt(0) : opcode;
  if (!Number.isInteger(op) || op < 0 || op > 0xff) throw new BurnchainError(BurnchainErrorCode.InvalidArgument, 'opcode must be one byte', { opcode });
  const push = new Uint8Array(MAGIC_BYTES_LENGTH + 1 + data.length);
  push.set(m, 0);
  push[MAGIC_BYTES_LENGTH] = op;
  push.set(data, MAGIC_BYTES_LENGTH + 1);
  if (push.length > 0xffff) throw new BurnchainError(BurnchainErrorCode.InvalidArgument, 'OP_RETURN data too long', { length: push.length });
  const prefix = push.length <= 0x4b ? [push.length] : push.length <= 0xff ? [0x4c, push.length] : [0x4d, push.length & 0xff, push.length >>> 8];
  return Uint8Array.from([OP_RETURN, ...prefix, ...push]);
}

function isLegacyOutput(script: Uint8Array): boolean {
  const a = scriptToAddress(script, 'mainnet');
  return a !== null && a.kind === 'legacy';
}

/**
 * The burn operation a transaction carries, or null when it carries none (output 0 is not a
 * magic-prefixed OP_RETURN, or an output after it is not an acceptable address).
 */
export function parseBurnchainTransaction(
  tx: RawTransaction,
  vtxindex: number,
  network: BitcoinNetworkType,
  magic: MagicBytes,
  opts: BurnTxParseOptions = {},
): BitcoinTransaction | null {
  const out0 = tx.outputs[0];
  if (out0 === undefined) return null;
  const parsed = parseOpReturnData(out0.scriptPubKey, magic);
  if (parsed === null) return null;
  const segwit = opts.allowSegwitOutputs !== false;
  const outputs: BitcoinTxOutput[] = [];
  for (let i = 1; i < tx.outputs.length; i++) {
    const o = tx.outputs[i]!;
    if (!segwit && !isLegacyOutput(o.scriptPubKey)) return null;
    const address = scriptToAddress(o.scriptPubKey, network);
    if (address === null) return null;
    outputs.push({ address, scriptPubKey: o.scriptPubKey.slice(), units: o.value });
  }
  return {
    txid: tx.txid,
    vtxindex,
    opcode: parsed.opcode,
    data: parsed.data,
    dataAmt: out0.value,
    inputs: tx.inputs.map((i) => ({ scriptSig: i.scriptSig.slice(), witness: i.witness.map((w) => w.slice()), txid: i.prevTxid, vout: i.vout })),
    outputs,
  };
}

/** The `BitcoinBlock` of an already decoded block: the header fields and its burn-op transactions in block order. */
export function bitcoinBlockFromRaw(
  block: RawBlock,
  height: number,
  network: BitcoinNetworkType,
  magic: MagicBytes,
  opts: BurnTxParseOptions = {},
): BitcoinBlock {
  const txs: BitcoinTransaction[] = [];
  for (let i = 0; i < block.txs.length; i++) {
    const t = parseBurnchainTransaction(block.txs[i]!, i, network, magic, opts);
    if (t !== null) txs.push(t);
  }
  return { blockHeight: height, blockHash: block.hash, parentBlockHash: block.header.prevBlockHash, timestamp: block.header.time, txs };
}

/**
 * Decodes a raw block (bytes or hex, as `getblock <hash> 0` returns it), checks its merkle root,
 * and keeps the transactions that carry burn operations under `magic`.
 */
export function parseBitcoinBlock(
  raw: Uint8Array | string,
  height: number,
  network: BitcoinNetworkType,
  magic: MagicBytes | string,
  opts: BurnTxParseOptions = {},
): BitcoinBlock {
  const bytes = typeof raw === 'string' ? hexToBytesChecked(raw) : raw;
  return bitcoinBlockFromRaw(decodeBlock(bytes), height, network, magicBytes(magic), opts);
}

/** Hex to bytes with a `BURNCHAIN_MALFORMED` error for odd lengths or non-hex characters. */
export function hexToBytesChecked(hex: string): Uint8Array {
  if (hex.length > 2 * MAX_BLOCK_BYTES) throw new BurnchainError(BurnchainErrorCode.Malformed, 'hex string longer than a 4 MB block', { length: hex.length });
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new BurnchainError(BurnchainErrorCode.Malformed, 'not an even-length hex string', { length: hex.length });
  }
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
