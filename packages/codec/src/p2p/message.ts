import { type ByteReader, ByteWriter, decodeAll, encodeWith } from '../bytes.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import type { StackerDBChunkData } from '../stackerdb/chunk.ts';
import { readStackerDBChunkData, writeStackerDBChunkData } from '../stackerdb/chunk.ts';
import type { StacksTransaction } from '../transaction/types.ts';
import { readTransaction, writeTransaction } from '../transaction/transaction.ts';
import {
  type BlocksData,
  type MicroblocksData,
  type NakamotoBlocksData,
  readBlocksData,
  readMicroblocksData,
  readNakamotoBlocksData,
  writeBlocksData,
  writeMicroblocksData,
  writeNakamotoBlocksData,
} from './blocks.ts';
import {
  MAX_MESSAGE_PAYLOAD_LEN,
  MIN_PAYLOAD_LEN,
  PREAMBLE_ENCODED_SIZE,
  STACKS_MESSAGE_NAME_BY_ID,
  StacksMessageId,
  type StacksMessageName,
} from './constants.ts';
import {
  type HandshakeAcceptData,
  type HandshakeData,
  type StackerDBHandshakeData,
  readHandshakeAcceptData,
  readHandshakeData,
  readStackerDBHandshakeData,
  writeHandshakeAcceptData,
  writeHandshakeData,
  writeStackerDBHandshakeData,
} from './handshake.ts';
import {
  type BlocksAvailableData,
  type BlocksInvData,
  type GetBlocksInv,
  type GetNakamotoInvData,
  type GetPoxInv,
  type NakamotoInvData,
  type PoxInvData,
  readBlocksAvailableData,
  readBlocksInvData,
  readGetBlocksInv,
  readGetNakamotoInvData,
  readGetPoxInv,
  readNakamotoInvData,
  readPoxInvData,
  writeBlocksAvailableData,
  writeBlocksInvData,
  writeGetBlocksInv,
  writeGetNakamotoInvData,
  writeGetPoxInv,
  writeNakamotoInvData,
  writePoxInvData,
} from './inventory.ts';
import {
  type NatPunchData,
  type NeighborsData,
  type RelayData,
  readNatPunchData,
  readNeighborsData,
  readRelayers,
  writeNatPunchData,
  writeNeighborsData,
  writeRelayers,
} from './neighbor.ts';
import { type Preamble, readPreamble, writePreamble } from './preamble.ts';
import {
  type StackerDBChunkInvData,
  type StackerDBGetChunkData,
  type StackerDBGetChunkInvData,
  type StackerDBPushChunkData,
  readStackerDBChunkInvData,
  readStackerDBGetChunkData,
  readStackerDBGetChunkInvData,
  readStackerDBPushChunkData,
  writeStackerDBChunkInvData,
  writeStackerDBGetChunkData,
  writeStackerDBGetChunkInvData,
  writeStackerDBPushChunkData,
} from './stackerdb-messages.ts';
import { writeU32Checked } from './wire.ts';

/** Body of `Ping` and `Pong`. */
export interface PingData {
  /** u32; a `Pong` echoes the `Ping`'s nonce. */
  readonly nonce: number;
}

/** Body of `Nack`. */
export interface NackData {
  /** One of `NackErrorCode` normally, but any u32 decodes (u32). */
  readonly errorCode: number;
}

/**
 * A p2p message payload (`StacksMessageType`), tagged with its message name. Every variant but
 * `StackerDBHandshakeAccept` carries its body in `data`.
 */
export type StacksMessageType =
  | { readonly type: 'Handshake'; readonly data: HandshakeData }
  | { readonly type: 'HandshakeAccept'; readonly data: HandshakeAcceptData }
  | { readonly type: 'HandshakeReject' }
  | { readonly type: 'GetNeighbors' }
  | { readonly type: 'Neighbors'; readonly data: NeighborsData }
  | { readonly type: 'GetBlocksInv'; readonly data: GetBlocksInv }
  | { readonly type: 'BlocksInv'; readonly data: BlocksInvData }
  | { readonly type: 'GetPoxInv'; readonly data: GetPoxInv }
  | { readonly type: 'PoxInv'; readonly data: PoxInvData }
  | { readonly type: 'BlocksAvailable'; readonly data: BlocksAvailableData }
  | { readonly type: 'MicroblocksAvailable'; readonly data: BlocksAvailableData }
  | { readonly type: 'Blocks'; readonly data: BlocksData }
  | { readonly type: 'Microblocks'; readonly data: MicroblocksData }
  | { readonly type: 'Transaction'; readonly data: StacksTransaction }
  | { readonly type: 'Nack'; readonly data: NackData }
  | { readonly type: 'Ping'; readonly data: PingData }
  | { readonly type: 'Pong'; readonly data: PingData }
  | { readonly type: 'NatPunchRequest'; readonly data: number }
  | { readonly type: 'NatPunchReply'; readonly data: NatPunchData }
  | { readonly type: 'StackerDBHandshakeAccept'; readonly handshake: HandshakeAcceptData; readonly data: StackerDBHandshakeData }
  | { readonly type: 'StackerDBGetChunkInv'; readonly data: StackerDBGetChunkInvData }
  | { readonly type: 'StackerDBChunkInv'; readonly data: StackerDBChunkInvData }
  | { readonly type: 'StackerDBGetChunk'; readonly data: StackerDBGetChunkData }
  | { readonly type: 'StackerDBChunk'; readonly data: StackerDBChunkData }
  | { readonly type: 'StackerDBPushChunk'; readonly data: StackerDBPushChunkData }
  | { readonly type: 'GetNakamotoInv'; readonly data: GetNakamotoInvData }
  | { readonly type: 'NakamotoInv'; readonly data: NakamotoInvData }
  | { readonly type: 'NakamotoBlocks'; readonly data: NakamotoBlocksData };

/** A whole p2p message (`StacksMessage`). */
export interface StacksMessage {
  readonly preamble: Preamble;
  /** Peers that relayed the message, oldest first (at most 16). */
  readonly relayers: readonly RelayData[];
  readonly payload: StacksMessageType;
}

/** The wire id of a payload. */
export function stacksMessageTypeId(payload: StacksMessageType): number {
  return StacksMessageId[payload.type];
}

/** Reads a payload: the type id byte, then its body. Unknown ids, 20 and 255 throw `CODEC_BAD_PREFIX`. */
export function readStacksMessageType(r: ByteReader): StacksMessageType {
  const at = r.offset;
  const id = r.readU8('message type');
  const name: StacksMessageName | undefined = STACKS_MESSAGE_NAME_BY_ID.get(id);
  switch (name) {
    case 'Handshake':
      return { type: name, data: readHandshakeData(r) };
    case 'HandshakeAccept':
      return { type: name, data: readHandshakeAcceptData(r) };
    case 'HandshakeReject':
      return { type: name };
    case 'GetNeighbors':
      return { type: name };
    case 'Neighbors':
      return { type: name, data: readNeighborsData(r) };
    case 'GetBlocksInv':
      return { type: name, data: readGetBlocksInv(r) };
    case 'BlocksInv':
      return { type: name, data: readBlocksInvData(r) };
    case 'GetPoxInv':
      return { type: name, data: readGetPoxInv(r) };
    case 'PoxInv':
      return { type: name, data: readPoxInvData(r) };
    case 'BlocksAvailable':
      return { type: name, data: readBlocksAvailableData(r) };
    case 'MicroblocksAvailable':
      return { type: name, data: readBlocksAvailableData(r) };
    case 'Blocks':
      return { type: name, data: readBlocksData(r) };
    case 'Microblocks':
      return { type: name, data: readMicroblocksData(r) };
    case 'Transaction':
      return { type: name, data: readTransaction(r) };
    case 'Nack':
      return { type: name, data: { errorCode: r.readU32('nack error_code') } };
    case 'Ping':
      return { type: name, data: { nonce: r.readU32('ping nonce') } };
    case 'Pong':
      return { type: name, data: { nonce: r.readU32('pong nonce') } };
    case 'NatPunchRequest':
      return { type: name, data: r.readU32('nat punch nonce') };
    case 'NatPunchReply':
      return { type: name, data: readNatPunchData(r) };
    case 'StackerDBHandshakeAccept': {
      const handshake = readHandshakeAcceptData(r);
      return { type: name, handshake, data: readStackerDBHandshakeData(r) };
    }
    case 'StackerDBGetChunkInv':
      return { type: name, data: readStackerDBGetChunkInvData(r) };
    case 'StackerDBChunkInv':
      return { type: name, data: readStackerDBChunkInvData(r) };
    case 'StackerDBGetChunk':
      return { type: name, data: readStackerDBGetChunkData(r) };
    case 'StackerDBChunk':
      return { type: name, data: readStackerDBChunkData(r) };
    case 'StackerDBPushChunk':
      return { type: name, data: readStackerDBPushChunkData(r) };
    case 'GetNakamotoInv':
      return { type: name, data: readGetNakamotoInvData(r) };
    case 'NakamotoInv':
      return { type: name, data: readNakamotoInvData(r) };
    case 'NakamotoBlocks':
      return { type: name, data: readNakamotoBlocksData(r) };
    case undefined:
      throw new CodecError(CodecErrorCode.BadPrefix, `unknown p2p message type id ${id}`, { offset: at, id });
  }
}

/** Writes a payload: the type id byte, then its body. */
export function writeStacksMessageType(w: ByteWriter, m: StacksMessageType): void {
  const id: number | undefined = m !== null && typeof m === 'object' ? STACKS_MESSAGE_ID_BY_NAME.get(m.type) : undefined;
  if (id === undefined) throw new CodecError(CodecErrorCode.InvalidArgument, 'unknown p2p message type');
  w.writeU8(id);
  switch (m.type) {
    case 'Handshake':
      return writeHandshakeData(w, m.data);
    case 'HandshakeAccept':
      return writeHandshakeAcceptData(w, m.data);
    case 'HandshakeReject':
    case 'GetNeighbors':
      return;
    case 'Neighbors':
      return writeNeighborsData(w, m.data);
    case 'GetBlocksInv':
      return writeGetBlocksInv(w, m.data);
    case 'BlocksInv':
      return writeBlocksInvData(w, m.data);
    case 'GetPoxInv':
      return writeGetPoxInv(w, m.data);
    case 'PoxInv':
      return writePoxInvData(w, m.data);
    case 'BlocksAvailable':
    case 'MicroblocksAvailable':
      return writeBlocksAvailableData(w, m.data);
    case 'Blocks':
      return writeBlocksData(w, m.data);
    case 'Microblocks':
      return writeMicroblocksData(w, m.data);
    case 'Transaction':
      return writeTransaction(w, m.data);
    case 'Nack':
      return writeU32Checked(w, m.data.errorCode, 'nack error_code');
    case 'Ping':
    case 'Pong':
      return writeU32Checked(w, m.data.nonce, 'nonce');
    case 'NatPunchRequest':
      return writeU32Checked(w, m.data, 'nat punch nonce');
    case 'NatPunchReply':
      return writeNatPunchData(w, m.data);
    case 'StackerDBHandshakeAccept':
      writeHandshakeAcceptData(w, m.handshake);
      return writeStackerDBHandshakeData(w, m.data);
    case 'StackerDBGetChunkInv':
      return writeStackerDBGetChunkInvData(w, m.data);
    case 'StackerDBChunkInv':
      return writeStackerDBChunkInvData(w, m.data);
    case 'StackerDBGetChunk':
      return writeStackerDBGetChunkData(w, m.data);
    case 'StackerDBChunk':
      return writeStackerDBChunkData(w, m.data);
    case 'StackerDBPushChunk':
      return writeStackerDBPushChunkData(w, m.data);
    case 'GetNakamotoInv':
      return writeGetNakamotoInvData(w, m.data);
    case 'NakamotoInv':
      return writeNakamotoInvData(w, m.data);
    case 'NakamotoBlocks':
      return writeNakamotoBlocksData(w, m.data);
  }
}

const STACKS_MESSAGE_ID_BY_NAME: ReadonlyMap<string, number> = new Map(
  [...STACKS_MESSAGE_NAME_BY_ID].map(([id, name]) => [name, id]),
);

/** Decodes exactly one payload (type id and body). */
export function decodeStacksMessageType(bytes: Uint8Array): StacksMessageType {
  return decodeAll(bytes, readStacksMessageType, 'p2p message payload');
}

/** Encodes a payload (type id and body). */
export function encodeStacksMessageType(m: StacksMessageType): Uint8Array {
  return encodeWith((w) => writeStacksMessageType(w, m));
}

/**
 * The bytes after the preamble, which `payload_len` counts and the signature covers: the
 * relayer vector, then the payload.
 */
export function encodeStacksMessageBody(relayers: readonly RelayData[], payload: StacksMessageType): Uint8Array {
  return encodeWith((w) => {
    writeRelayers(w, relayers);
    writeStacksMessageType(w, payload);
  });
}

function readBody(r: ByteReader): { relayers: RelayData[]; payload: StacksMessageType } {
  const relayers = readRelayers(r);
  const payload = readStacksMessageType(r);
  return { relayers, payload };
}

/**
 * Reads a whole message: the preamble, then exactly `payload_len` bytes of relayers and payload.
 * A body that ends before `payload_len` bytes is rejected (`CODEC_TRAILING_BYTES`), where the
 * reference's stream reader would instead read the leftover bytes as the next message.
 */
export function readStacksMessage(r: ByteReader): StacksMessage {
  const preamble = readPreamble(r);
  if (preamble.payloadLen > MAX_MESSAGE_PAYLOAD_LEN) {
    throw new CodecError(CodecErrorCode.TooLarge, `message payload_len ${preamble.payloadLen} would make the message too big`, {
      payloadLen: preamble.payloadLen,
      max: MAX_MESSAGE_PAYLOAD_LEN,
    });
  }
  const body = r.readBytes(preamble.payloadLen, 'message body');
  const { relayers, payload } = decodeAll(body, readBody, 'message body');
  return { preamble, relayers, payload };
}

/**
 * Writes a whole message. The preamble's `payload_len` is replaced by the real length of the
 * relayers and payload; everything else (including the signature) is written as given.
 */
export function writeStacksMessage(w: ByteWriter, msg: StacksMessage): void {
  const body = encodeStacksMessageBody(msg.relayers, msg.payload);
  writePreamble(w, { ...msg.preamble, payloadLen: checkBodyLength(body.length) });
  w.writeBytes(body);
}

function checkBodyLength(n: number): number {
  if (n > MAX_MESSAGE_PAYLOAD_LEN) {
    throw new CodecError(CodecErrorCode.TooLarge, `message body of ${n} bytes exceeds ${MAX_MESSAGE_PAYLOAD_LEN}`);
  }
  if (n < MIN_PAYLOAD_LEN) throw new CodecError(CodecErrorCode.InvalidArgument, 'message body is too short');
  return n;
}

/**
 * Decodes exactly one whole message. `payload_len` must equal the bytes after the preamble and
 * every decode rule of the preamble and payload applies.
 */
export function decodeStacksMessage(bytes: Uint8Array): StacksMessage {
  return decodeAll(bytes, readStacksMessage, 'p2p message');
}

/** Encodes a whole message, computing `payload_len` (see `writeStacksMessage`). */
export function encodeStacksMessage(msg: StacksMessage): Uint8Array {
  const body = encodeStacksMessageBody(msg.relayers, msg.payload);
  const w = new ByteWriter(PREAMBLE_ENCODED_SIZE + body.length);
  writePreamble(w, { ...msg.preamble, payloadLen: checkBodyLength(body.length) });
  w.writeBytes(body);
  return w.toBytes();
}

/**
 * Decodes the relayers and payload of a message whose preamble was read separately (stream
 * framing): `body` must be exactly the `payload_len` bytes that followed the preamble.
 */
export function decodeStacksMessageBody(preamble: Preamble, body: Uint8Array): StacksMessage {
  if (body.length !== preamble.payloadLen) {
    throw new CodecError(
      body.length < preamble.payloadLen ? CodecErrorCode.UnexpectedEof : CodecErrorCode.TrailingBytes,
      `message body is ${body.length} bytes but payload_len is ${preamble.payloadLen}`,
    );
  }
  const { relayers, payload } = decodeAll(body, readBody, 'message body');
  return { preamble, relayers, payload };
}
