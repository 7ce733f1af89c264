import type { ByteReader, ByteWriter } from '../bytes.ts';
import {
  HASH160_ENCODED_SIZE,
  MAX_NEIGHBORS_DATA_LEN,
  MAX_RELAYERS_LEN,
  NEIGHBOR_ADDRESS_ENCODED_SIZE,
  PEER_ADDRESS_ENCODED_SIZE,
  RELAY_DATA_ENCODED_SIZE,
} from './constants.ts';
import { readVec, writeFixedBytes, writeU16Checked, writeU32Checked, writeVec } from './wire.ts';

/** A peer's address and key hash (`NeighborAddress`, 38 bytes on the wire). */
export interface NeighborAddress {
  /** IPv6 address, or an IPv4 address mapped into IPv6 (16 bytes). */
  readonly addrbytes: Uint8Array;
  /** TCP port (u16; 0 is allowed here). */
  readonly port: number;
  /** Hash160 of the peer's compressed public key, a hint (20 bytes). */
  readonly publicKeyHash: Uint8Array;
}

/** A relayer of a message and the sequence number it used (`RelayData`, 42 bytes). */
export interface RelayData {
  readonly peer: NeighborAddress;
  /** The relayer's sequence number for the message (u32). */
  readonly seq: number;
}

/** Body of `Neighbors`: at most 128 addresses (`NeighborsData`). */
export interface NeighborsData {
  readonly neighbors: readonly NeighborAddress[];
}

/** Body of `NatPunchReply`: the address and port the replier saw, and the request's nonce. */
export interface NatPunchData {
  /** 16 bytes. */
  readonly addrbytes: Uint8Array;
  /** u16. */
  readonly port: number;
  /** u32. */
  readonly nonce: number;
}

/** Reads a `NeighborAddress`. */
export function readNeighborAddress(r: ByteReader): NeighborAddress {
  const addrbytes = r.readBytesCopy(PEER_ADDRESS_ENCODED_SIZE, 'addrbytes');
  const port = r.readU16('port');
  const publicKeyHash = r.readBytesCopy(HASH160_ENCODED_SIZE, 'public_key_hash');
  return { addrbytes, port, publicKeyHash };
}

/** Writes a `NeighborAddress`. */
export function writeNeighborAddress(w: ByteWriter, a: NeighborAddress): void {
  writeFixedBytes(w, a.addrbytes, PEER_ADDRESS_ENCODED_SIZE, 'addrbytes');
  writeU16Checked(w, a.port, 'port');
  writeFixedBytes(w, a.publicKeyHash, HASH160_ENCODED_SIZE, 'public_key_hash');
}

/** Reads a `RelayData`. */
export function readRelayData(r: ByteReader): RelayData {
  const peer = readNeighborAddress(r);
  const seq = r.readU32('relayer seq');
  return { peer, seq };
}

/** Writes a `RelayData`. */
export function writeRelayData(w: ByteWriter, d: RelayData): void {
  writeNeighborAddress(w, d.peer);
  writeU32Checked(w, d.seq, 'relayer seq');
}

/** Reads the relayer vector of a message (at most `MAX_RELAYERS_LEN`). */
export function readRelayers(r: ByteReader): RelayData[] {
  return readVec(r, MAX_RELAYERS_LEN, RELAY_DATA_ENCODED_SIZE, readRelayData, 'relayers');
}

/** Writes the relayer vector of a message (at most `MAX_RELAYERS_LEN`). */
export function writeRelayers(w: ByteWriter, relayers: readonly RelayData[]): void {
  writeVec(w, relayers, MAX_RELAYERS_LEN, writeRelayData, 'relayers');
}

/** Reads a `NeighborsData` (at most 128 entries). */
export function readNeighborsData(r: ByteReader): NeighborsData {
  return { neighbors: readVec(r, MAX_NEIGHBORS_DATA_LEN, NEIGHBOR_ADDRESS_ENCODED_SIZE, readNeighborAddress, 'neighbors') };
}

/** Writes a `NeighborsData`. */
export function writeNeighborsData(w: ByteWriter, d: NeighborsData): void {
  writeVec(w, d.neighbors, MAX_NEIGHBORS_DATA_LEN, writeNeighborAddress, 'neighbors');
}

/** Reads a `NatPunchData`. */
export function readNatPunchData(r: ByteReader): NatPunchData {
  const addrbytes = r.readBytesCopy(PEER_ADDRESS_ENCODED_SIZE, 'addrbytes');
  const port = r.readU16('port');
  const nonce = r.readU32('nonce');
  return { addrbytes, port, nonce };
}

/** Writes a `NatPunchData`. */
export function writeNatPunchData(w: ByteWriter, d: NatPunchData): void {
  writeFixedBytes(w, d.addrbytes, PEER_ADDRESS_ENCODED_SIZE, 'addrbytes');
  writeU16Checked(w, d.port, 'port');
  writeU32Checked(w, d.nonce, 'nonce');
}
