import type { ByteReader, ByteWriter } from '../bytes.ts';
import type { ContractPrincipal } from '../clarity/types.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { readContractId, writeContractId } from '../stackerdb/contract-id.ts';
import {
  CONSENSUS_HASH_ENCODED_SIZE,
  PEER_ADDRESS_ENCODED_SIZE,
  STACKERDB_HANDSHAKE_MAX_CONTRACTS,
  STACKS_PUBLIC_KEY_ENCODED_SIZE,
} from './constants.ts';
import { readUrlString, writeUrlString } from './url.ts';
import { writeFixedBytes, writeU16Checked, writeU32Checked, writeU64Checked } from './wire.ts';

/** Body of `Handshake` (`HandshakeData`). */
export interface HandshakeData {
  /** The sender's public address (16 bytes, IPv6 or IPv4-mapped). */
  readonly addrbytes: Uint8Array;
  /** The sender's p2p port (u16, never 0). */
  readonly port: number;
  /** Bit field of `ServiceFlags` (u16). */
  readonly services: number;
  /** The sender's session public key (33 bytes, compressed; not validated on decode). */
  readonly nodePublicKey: Uint8Array;
  /** Burn height after which the session key expires (u64). */
  readonly expireBlockHeight: bigint;
  /** Where to fetch blocks over HTTP, or the empty string (see `isValidUrlString`). */
  readonly dataUrl: string;
}

/** Body of `HandshakeAccept` (`HandshakeAcceptData`). */
export interface HandshakeAcceptData {
  readonly handshake: HandshakeData;
  /** How long (seconds) the replier will remember the sender (u32). */
  readonly heartbeatInterval: number;
}

/** The StackerDB part of `StackerDBHandshakeAccept` (`StackerDBHandshakeData`). */
export interface StackerDBHandshakeData {
  /** Consensus hash of the sender's Stacks tip in the current reward cycle (20 bytes). */
  readonly rcConsensusHash: Uint8Array;
  /** StackerDB contracts the sender replicates (at most 255, u8 count). */
  readonly smartContracts: readonly ContractPrincipal[];
}

/** Reads a `HandshakeData`; port 0 is rejected. */
export function readHandshakeData(r: ByteReader): HandshakeData {
  const addrbytes = r.readBytesCopy(PEER_ADDRESS_ENCODED_SIZE, 'addrbytes');
  const portAt = r.offset;
  const port = r.readU16('port');
  if (port === 0) {
    throw new CodecError(CodecErrorCode.InvalidValue, 'invalid handshake: port is 0', { offset: portAt });
  }
  const services = r.readU16('services');
  const nodePublicKey = r.readBytesCopy(STACKS_PUBLIC_KEY_ENCODED_SIZE, 'node_public_key');
  const expireBlockHeight = r.readU64('expire_block_height');
  const dataUrl = readUrlString(r);
  return { addrbytes, port, services, nodePublicKey, expireBlockHeight, dataUrl };
}

/** Writes a `HandshakeData`. */
export function writeHandshakeData(w: ByteWriter, h: HandshakeData): void {
  writeFixedBytes(w, h.addrbytes, PEER_ADDRESS_ENCODED_SIZE, 'addrbytes');
  if (h.port === 0) throw new CodecError(CodecErrorCode.InvalidArgument, 'handshake port must not be 0');
  writeU16Checked(w, h.port, 'port');
  writeU16Checked(w, h.services, 'services');
  writeFixedBytes(w, h.nodePublicKey, STACKS_PUBLIC_KEY_ENCODED_SIZE, 'node_public_key');
  writeU64Checked(w, h.expireBlockHeight, 'expire_block_height');
  writeUrlString(w, h.dataUrl);
}

/** Reads a `HandshakeAcceptData`. */
export function readHandshakeAcceptData(r: ByteReader): HandshakeAcceptData {
  const handshake = readHandshakeData(r);
  const heartbeatInterval = r.readU32('heartbeat_interval');
  return { handshake, heartbeatInterval };
}

/** Writes a `HandshakeAcceptData`. */
export function writeHandshakeAcceptData(w: ByteWriter, h: HandshakeAcceptData): void {
  writeHandshakeData(w, h.handshake);
  writeU32Checked(w, h.heartbeatInterval, 'heartbeat_interval');
}

/** Reads a `StackerDBHandshakeData`: consensus hash, u8 count, contract ids. */
export function readStackerDBHandshakeData(r: ByteReader): StackerDBHandshakeData {
  const rcConsensusHash = r.readBytesCopy(CONSENSUS_HASH_ENCODED_SIZE, 'rc_consensus_hash');
  const n = r.readU8('smart_contracts count');
  const smartContracts: ContractPrincipal[] = [];
  for (let i = 0; i < n; i++) smartContracts.push(readContractId(r));
  return { rcConsensusHash, smartContracts };
}

/** Writes a `StackerDBHandshakeData`; refuses more than 255 contracts. */
export function writeStackerDBHandshakeData(w: ByteWriter, d: StackerDBHandshakeData): void {
  if (!Array.isArray(d.smartContracts) || d.smartContracts.length > STACKERDB_HANDSHAKE_MAX_CONTRACTS) {
    throw new CodecError(CodecErrorCode.TooLarge, `a StackerDB handshake lists at most ${STACKERDB_HANDSHAKE_MAX_CONTRACTS} contracts`);
  }
  writeFixedBytes(w, d.rcConsensusHash, CONSENSUS_HASH_ENCODED_SIZE, 'rc_consensus_hash');
  w.writeU8(d.smartContracts.length);
  for (const c of d.smartContracts) writeContractId(w, c);
}
