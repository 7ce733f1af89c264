import type { ByteReader, ByteWriter } from '../bytes.ts';
import type { ContractPrincipal } from '../clarity/types.ts';
import { type StackerDBChunkData, readStackerDBChunkData, writeStackerDBChunkData } from '../stackerdb/chunk.ts';
import { STACKERDB_INV_MAX } from '../stackerdb/constants.ts';
import { readContractId, writeContractId } from '../stackerdb/contract-id.ts';
import { CONSENSUS_HASH_ENCODED_SIZE } from './constants.ts';
import { readVec, writeFixedBytes, writeU32Checked, writeVec } from './wire.ts';

/** Body of `StackerDBGetChunkInv`: which DB, in which reward-cycle view. */
export interface StackerDBGetChunkInvData {
  readonly contractId: ContractPrincipal;
  /** Consensus hash of the Stacks tip in the current reward cycle (20 bytes). */
  readonly rcConsensusHash: Uint8Array;
}

/** Body of `StackerDBChunkInv`: the version of every slot, and the sender's outbound replica count. */
export interface StackerDBChunkInvData {
  /** u32 per slot, at most `STACKERDB_INV_MAX`. */
  readonly slotVersions: readonly number[];
  /** u32. */
  readonly numOutboundReplicas: number;
}

/** Body of `StackerDBGetChunk`. */
export interface StackerDBGetChunkData {
  readonly contractId: ContractPrincipal;
  /** 20 bytes. */
  readonly rcConsensusHash: Uint8Array;
  /** u32. */
  readonly slotId: number;
  /** u32. */
  readonly slotVersion: number;
}

/** Body of `StackerDBPushChunk`. */
export interface StackerDBPushChunkData {
  readonly contractId: ContractPrincipal;
  /** 20 bytes. */
  readonly rcConsensusHash: Uint8Array;
  readonly chunkData: StackerDBChunkData;
}

/** Reads a `StackerDBGetChunkInvData`. */
export function readStackerDBGetChunkInvData(r: ByteReader): StackerDBGetChunkInvData {
  const contractId = readContractId(r);
  const rcConsensusHash = r.readBytesCopy(CONSENSUS_HASH_ENCODED_SIZE, 'rc_consensus_hash');
  return { contractId, rcConsensusHash };
}

/** Writes a `StackerDBGetChunkInvData`. */
export function writeStackerDBGetChunkInvData(w: ByteWriter, m: StackerDBGetChunkInvData): void {
  writeContractId(w, m.contractId);
  writeFixedBytes(w, m.rcConsensusHash, CONSENSUS_HASH_ENCODED_SIZE, 'rc_consensus_hash');
}

/** Reads a `StackerDBChunkInvData` (at most 4096 slot versions). */
export function readStackerDBChunkInvData(r: ByteReader): StackerDBChunkInvData {
  const slotVersions = readVec(r, STACKERDB_INV_MAX, 4, (r) => r.readU32('slot version'), 'slot_versions');
  const numOutboundReplicas = r.readU32('num_outbound_replicas');
  return { slotVersions, numOutboundReplicas };
}

/** Writes a `StackerDBChunkInvData`; refuses more than 4096 slot versions. */
export function writeStackerDBChunkInvData(w: ByteWriter, m: StackerDBChunkInvData): void {
  writeVec(w, m.slotVersions, STACKERDB_INV_MAX, (w, v) => writeU32Checked(w, v, 'slot version'), 'slot_versions');
  writeU32Checked(w, m.numOutboundReplicas, 'num_outbound_replicas');
}

/** Reads a `StackerDBGetChunkData`. */
export function readStackerDBGetChunkData(r: ByteReader): StackerDBGetChunkData {
  const contractId = readContractId(r);
  const rcConsensusHash = r.readBytesCopy(CONSENSUS_HASH_ENCODED_SIZE, 'rc_consensus_hash');
  const slotId = r.readU32('slot_id');
  const slotVersion = r.readU32('slot_version');
  return { contractId, rcConsensusHash, slotId, slotVersion };
}

/** Writes a `StackerDBGetChunkData`. */
export function writeStackerDBGetChunkData(w: ByteWriter, m: StackerDBGetChunkData): void {
  writeContractId(w, m.contractId);
  writeFixedBytes(w, m.rcConsensusHash, CONSENSUS_HASH_ENCODED_SIZE, 'rc_consensus_hash');
  writeU32Checked(w, m.slotId, 'slot_id');
  writeU32Checked(w, m.slotVersion, 'slot_version');
}

/** Reads a `StackerDBPushChunkData`. */
export function readStackerDBPushChunkData(r: ByteReader): StackerDBPushChunkData {
  const contractId = readContractId(r);
  const rcConsensusHash = r.readBytesCopy(CONSENSUS_HASH_ENCODED_SIZE, 'rc_consensus_hash');
  const chunkData = readStackerDBChunkData(r);
  return { contractId, rcConsensusHash, chunkData };
}

/** Writes a `StackerDBPushChunkData`. */
export function writeStackerDBPushChunkData(w: ByteWriter, m: StackerDBPushChunkData): void {
  writeContractId(w, m.contractId);
  writeFixedBytes(w, m.rcConsensusHash, CONSENSUS_HASH_ENCODED_SIZE, 'rc_consensus_hash');
  writeStackerDBChunkData(w, m.chunkData);
}
