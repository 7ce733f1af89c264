// Bitcoin block headers (80 bytes) and whole blocks. Hashes are kept in display order (reversed
// SHA-256d), the order bitcoind prints and the reference's `BurnchainHeaderHash` holds.
import { BurnchainError, BurnchainErrorCode } from '../errors.ts';
import { readTransaction, writeTransaction, type RawTransaction } from './tx.ts';
import { WireReader, WireWriter, reverseBytes, sha256d } from './wire.ts';

/** A decoded 80-byte block header. */
export interface BitcoinBlockHeaderData {
  readonly version: number;
  /** Parent hash, display order. */
  readonly prevBlockHash: Uint8Array;
  /** Merkle root, display order. */
  readonly merkleRoot: Uint8Array;
  /** Seconds since the epoch. */
  readonly time: number;
  /** Compact difficulty target. */
  readonly bits: number;
  readonly nonce: number;
}

/** A decoded block: its header, hash and every transaction. */
export interface RawBlock {
  readonly header: BitcoinBlockHeaderData;
  /** 32 bytes, display order. */
  readonly hash: Uint8Array;
  readonly txs: readonly RawTransaction[];
}

/** Serialized header length. */
export const HEADER_BYTES = 80;
/** The largest serialized block accepted (4 MB, the weight limit's byte bound). */
export const MAX_BLOCK_BYTES = 4_000_000;
/** Smallest decodable transaction: version 4, one input (1 + 41), no outputs (1), lock time 4. */
const MIN_TX_BYTES = 51;

/** Reads an 80-byte header at the reader's position. */
export function readBlockHeader(r: WireReader): BitcoinBlockHeaderData {
  const version = r.i32('header version');
  const prevBlockHash = reverseBytes(r.view(32, 'header prev hash'));
  const merkleRoot = reverseBytes(r.view(32, 'header merkle root'));
  const time = r.u32('header time');
  const bits = r.u32('header bits');
  const nonce = r.u32('header nonce');
  return { version, prevBlockHash, merkleRoot, time, bits, nonce };
}

/** Decodes an 80-byte header. */
export function decodeBlockHeader(bytes: Uint8Array): BitcoinBlockHeaderData {
  if (bytes.length !== HEADER_BYTES) throw new BurnchainError(BurnchainErrorCode.Malformed, `a block header is 80 bytes, got ${bytes.length}`, { length: bytes.length });
  return readBlockHeader(new WireReader(bytes));
}

/** Serializes a header to its 80 bytes. */
export function encodeBlockHeader(h: BitcoinBlockHeaderData): Uint8Array {
  const w = new WireWriter(HEADER_BYTES);
  w.u32(h.version >>> 0).bytes(reverseBytes(h.prevBlockHash)).bytes(reverseBytes(h.merkleRoot)).u32(h.time).u32(h.bits).u32(h.nonce);
  return w.finish();
}

/** The block hash of a header (display order). */
export function blockHeaderHash(h: BitcoinBlockHeaderData | Uint8Array): Uint8Array {
  const bytes = h instanceof Uint8Array ? h : encodeBlockHeader(h);
  return reverseBytes(sha256d(bytes));
}

/** The merkle root (display order) of txids given in display order; odd levels duplicate their last node. */
export function merkleRoot(txids: readonly Uint8Array[]): Uint8Array {
  if (txids.length === 0) throw new BurnchainError(BurnchainErrorCode.InvalidArgument, 'merkle root of no transactions');
  let level = txids.map((t) => reverseBytes(t));
  const pair = new Uint8Array(64);
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      pair.set(level[i]!, 0);
      pair.set(level[i + 1] ?? level[i]!, 32);
      next.push(sha256d(pair));
    }
    level = next;
  }
  return reverseBytes(level[0]!);
}

/** The target a compact `bits` value encodes, or null when it is negative or overflows 256 bits. */
export function targetFromBits(bits: number): bigint | null {
  const exponent = bits >>> 24;
  const mantissa = bits & 0x007fffff;
  if (bits & 0x00800000 && mantissa !== 0) return null;
  const target = exponent <= 3 ? BigInt(mantissa >>> (8 * (3 - exponent))) : BigInt(mantissa) << BigInt(8 * (exponent - 3));
  if (target >= 1n << 256n) return null;
  return target;
}

/** True when the header's hash, read as a 256-bit number, is at most the target its `bits` encodes. */
export function checkProofOfWork(h: BitcoinBlockHeaderData | Uint8Array): boolean {
  const header = h instanceof Uint8Array ? decodeBlockHeader(h) : h;
  const target = targetFromBits(header.bits);
  if (target === null || target === 0n) return false;
  const hash = blockHeaderHash(header);
  let v = 0n;
  for (const b of hash) v = (v << 8n) | BigInt(b);
  return v <= target;
}

/**
 * Decodes a whole serialized block (header, CompactSize count, transactions) and checks that the
 * transactions hash to the header's merkle root.
 */
export function decodeBlock(bytes: Uint8Array, opts: { checkMerkleRoot?: boolean } = {}): RawBlock {
  if (bytes.length > MAX_BLOCK_BYTES) throw new BurnchainError(BurnchainErrorCode.Malformed, 'block larger than 4 MB', { size: bytes.length });
  if (bytes.length < HEADER_BYTES) throw new BurnchainError(BurnchainErrorCode.Malformed, `truncated block header (${bytes.length} bytes)`, { length: bytes.length });
  const r = new WireReader(bytes);
  const header = readBlockHeader(r);
  const hash = reverseBytes(sha256d(bytes.subarray(0, HEADER_BYTES)));
  const n = r.compactSize('block tx count', MIN_TX_BYTES);
  if (n === 0) throw new BurnchainError(BurnchainErrorCode.Malformed, 'block has no transactions');
  const txs: RawTransaction[] = new Array(n);
  for (let i = 0; i < n; i++) txs[i] = readTransaction(r);
  if (r.remaining !== 0) throw new BurnchainError(BurnchainErrorCode.Malformed, 'trailing bytes after block', { trailing: r.remaining });
  if (opts.checkMerkleRoot !== false) {
    const root = merkleRoot(txs.map((t) => t.txid));
    if (!equal(root, header.merkleRoot)) {
      throw new BurnchainError(BurnchainErrorCode.MerkleMismatch, 'transactions do not hash to the header merkle root', { block: hex(hash) });
    }
  }
  return { header, hash, txs };
}

/** Serializes a block (transactions with witnesses where they have them). */
export function encodeBlock(block: { header: BitcoinBlockHeaderData; txs: readonly Omit<RawTransaction, 'txid' | 'hasWitness'>[] }): Uint8Array {
  const w = new WireWriter(1024);
  w.bytes(encodeBlockHeader(block.header));
  w.compactSize(block.txs.length);
  for (const tx of block.txs) writeTransaction(w, tx);
  return w.finish();
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}
