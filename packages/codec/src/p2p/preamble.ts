import { type ByteReader, type ByteWriter, decodeAll, encodeWith } from '../bytes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import {
  BURNCHAIN_HEADER_HASH_ENCODED_SIZE,
  MAX_MESSAGE_LEN,
  MESSAGE_SIGNATURE_ENCODED_SIZE,
  MIN_PAYLOAD_LEN,
  PREAMBLE_ENCODED_SIZE,
} from './constants.ts';
import { writeFixedBytes, writeU32Checked, writeU64Checked } from './wire.ts';

/** The 165-byte header of every p2p message (`Preamble`). */
export interface Preamble {
  /** Software / protocol version: major byte and highest supported epoch byte (u32). */
  readonly peerVersion: number;
  /** Network id: mainnet `0x17000000`, testnet `0xff000000` (u32). */
  readonly networkId: number;
  /** Sequence number that pairs a reply with its request (u32). */
  readonly seq: number;
  /** Height of the sender's burnchain tip (u64). */
  readonly burnBlockHeight: bigint;
  /** Hash of the sender's burnchain tip (32 bytes). */
  readonly burnBlockHash: Uint8Array;
  /** Height of the sender's stable burnchain block, below the tip (u64). */
  readonly burnStableBlockHeight: bigint;
  /** Hash of the sender's stable burnchain block (32 bytes). */
  readonly burnStableBlockHash: Uint8Array;
  /** Reserved, normally 0 (u32). */
  readonly additionalData: number;
  /** Recoverable signature over the message (65 bytes, VRS), see `signStacksMessage`. */
  readonly signature: Uint8Array;
  /** Byte length of the relayers and payload that follow (u32). */
  readonly payloadLen: number;
}

/** 65 zero bytes: the signature placeholder (`MessageSignature::empty`). */
export const EMPTY_MESSAGE_SIGNATURE: Uint8Array = new Uint8Array(MESSAGE_SIGNATURE_ENCODED_SIZE);

/**
 * Reads a preamble and applies the reference's decode checks: `payload_len` is at least 5 and
 * below `MAX_MESSAGE_LEN`, and the burn block height is above the stable height.
 */
export function readPreamble(r: ByteReader): Preamble {
  const start = r.offset;
  r.need(PREAMBLE_ENCODED_SIZE, 'preamble');
  const peerVersion = r.readU32('peer_version');
  const networkId = r.readU32('network_id');
  const seq = r.readU32('seq');
  const burnBlockHeight = r.readU64('burn_block_height');
  const burnBlockHash = r.readBytesCopy(BURNCHAIN_HEADER_HASH_ENCODED_SIZE, 'burn_block_hash');
  const burnStableBlockHeight = r.readU64('burn_stable_block_height');
  const burnStableBlockHash = r.readBytesCopy(BURNCHAIN_HEADER_HASH_ENCODED_SIZE, 'burn_stable_block_hash');
  const additionalData = r.readU32('additional_data');
  const signature = r.readBytesCopy(MESSAGE_SIGNATURE_ENCODED_SIZE, 'signature');
  const payloadLen = r.readU32('payload_len');
  if (payloadLen < MIN_PAYLOAD_LEN) {
    throw new CodecError(CodecErrorCode.InvalidValue, `preamble payload_len ${payloadLen} is below the minimum ${MIN_PAYLOAD_LEN}`, {
      offset: start,
      payloadLen,
    });
  }
  if (payloadLen >= MAX_MESSAGE_LEN) {
    throw new CodecError(CodecErrorCode.TooLarge, `preamble payload_len ${payloadLen} is not below MAX_MESSAGE_LEN ${MAX_MESSAGE_LEN}`, {
      offset: start,
      payloadLen,
      max: MAX_MESSAGE_LEN,
    });
  }
  if (burnBlockHeight <= burnStableBlockHeight) {
    throw new CodecError(
      CodecErrorCode.InvalidValue,
      `preamble burn block height ${burnBlockHeight} is not above the stable height ${burnStableBlockHeight}`,
      { offset: start },
    );
  }
  return {
    peerVersion,
    networkId,
    seq,
    burnBlockHeight,
    burnBlockHash,
    burnStableBlockHeight,
    burnStableBlockHash,
    additionalData,
    signature,
    payloadLen,
  };
}

/** Writes a preamble as given (fields are range-checked; the decode-time rules are not). */
export function writePreamble(w: ByteWriter, p: Preamble): void {
  writeU32Checked(w, p.peerVersion, 'peer_version');
  writeU32Checked(w, p.networkId, 'network_id');
  writeU32Checked(w, p.seq, 'seq');
  writeU64Checked(w, p.burnBlockHeight, 'burn_block_height');
  writeFixedBytes(w, p.burnBlockHash, BURNCHAIN_HEADER_HASH_ENCODED_SIZE, 'burn_block_hash');
  writeU64Checked(w, p.burnStableBlockHeight, 'burn_stable_block_height');
  writeFixedBytes(w, p.burnStableBlockHash, BURNCHAIN_HEADER_HASH_ENCODED_SIZE, 'burn_stable_block_hash');
  writeU32Checked(w, p.additionalData, 'additional_data');
  writeFixedBytes(w, p.signature, MESSAGE_SIGNATURE_ENCODED_SIZE, 'signature');
  writeU32Checked(w, p.payloadLen, 'payload_len');
}

/**
 * Decodes exactly one preamble from 165 bytes. To frame a socket stream, pass the first
 * `PREAMBLE_ENCODED_SIZE` bytes, then wait for `stacksMessageLength(preamble)` bytes in all.
 */
export function decodePreamble(bytes: Uint8Array): Preamble {
  return decodeAll(bytes, readPreamble, 'preamble');
}

/** Encodes a preamble (165 bytes). */
export function encodePreamble(p: Preamble): Uint8Array {
  return encodeWith((w) => writePreamble(w, p), PREAMBLE_ENCODED_SIZE);
}

/** Total bytes of the message this preamble starts: the preamble plus `payload_len`. */
export function stacksMessageLength(p: Preamble): number {
  return PREAMBLE_ENCODED_SIZE + p.payloadLen;
}
