/**
 * Runner for test-vectors/stackerdb.json: chunk and sync-message bytes, the slot signing rule,
 * the RPC paths, contract ids, constants and the `.miners` / `.signers` layouts.
 */
import assert from 'node:assert/strict';
import { AddressVersion, bytesToHex, hexToBytes } from '@stacks-ts/common';
import type { VectorEntry, VectorFileRunner } from '../../../../test-vectors/runner/harness.ts';
import { publicKeyToStacksAddress, stacksAddressToString } from '../../src/address/address.ts';
import { c32addressDecode } from '../../src/address/c32.ts';
import { parsePrincipal } from '../../src/address/principal.ts';
import { type ByteReader, type ByteWriter, decodeAll, encodeWith } from '../../src/bytes.ts';
import type { ContractPrincipal } from '../../src/clarity/types.ts';
import { hash160, sha512_256 } from '../../src/crypto/hashes.ts';
import { decompressPublicKey, isHighS, negateSignatureS, publicKeyFromPrivate } from '../../src/crypto/secp256k1.ts';
import { isCodecError } from '../../src/errors.ts';
import { StacksMessageId } from '../../src/p2p/constants.ts';
import { type StacksMessageType, decodeStacksMessageType, encodeStacksMessageType } from '../../src/p2p/message.ts';
import {
  readStackerDBChunkInvData,
  readStackerDBGetChunkData,
  readStackerDBGetChunkInvData,
  readStackerDBPushChunkData,
  writeStackerDBChunkInvData,
  writeStackerDBGetChunkData,
  writeStackerDBGetChunkInvData,
  writeStackerDBPushChunkData,
} from '../../src/p2p/stackerdb-messages.ts';
import {
  type StackerDBChunkData,
  readStackerDBChunkData,
  recoverStackerDBChunkPublicKey,
  signStackerDBChunk,
  slotMetadataAuthDigest,
  slotMetadataFromChunk,
  stackerDBDataHash,
  verifySlotMetadata,
  verifyStackerDBChunk,
  writeStackerDBChunkData,
} from '../../src/stackerdb/chunk.ts';
import * as K from '../../src/stackerdb/constants.ts';
import { encodeContractId } from '../../src/stackerdb/contract-id.ts';
import {
  MINERS_STACKERDB_MAX_NEIGHBORS,
  MinerSlotID,
  SIGNERS_STACKERDB_MAX_NEIGHBORS,
  SignerMessageSlotID,
  minerSlotId,
  minersStackerDBLayout,
  noopStackerDBConfig,
  signersStackerDBConfig,
  signersStackerDBName,
  signersStackerDBSlotOwners,
  stackerDBNumSlots,
  stackerDBSlotRanges,
} from '../../src/stackerdb/layout.ts';
import { stackerDBChunkPath, stackerDBMetadataPath, stackerDBPostChunkPath } from '../../src/stackerdb/paths.ts';

function roundTrip<T>(v: T, hex: string, read: (r: ByteReader) => T, write: (w: ByteWriter, v: T) => void, what: string): void {
  const bytes = encodeWith((w) => write(w, v));
  assert.equal(bytesToHex(bytes), hex, `${what}: encoding`);
  assert.deepStrictEqual(decodeAll(hexToBytes(hex), read, what), v, `${what}: decoding`);
  expectCodecError(() => decodeAll(bytes.subarray(0, bytes.length - 1), read, what), `${what}: truncated`);
}

function expectCodecError(f: () => unknown, what: string): void {
  try {
    f();
  } catch (err) {
    if (isCodecError(err)) return;
    throw new Error(`${what}: expected a CodecError, got ${String(err)}`);
  }
  throw new Error(`${what}: expected a CodecError, but it succeeded`);
}

/** Checks a payload through the full p2p payload codec: type id byte, then `bodyHex`. */
function payloadRoundTrip(m: StacksMessageType, bodyHex: string): void {
  const hex = StacksMessageId[m.type].toString(16).padStart(2, '0') + bodyHex;
  assert.equal(bytesToHex(encodeStacksMessageType(m)), hex, `${m.type} payload`);
  assert.deepStrictEqual(decodeStacksMessageType(hexToBytes(hex)), m, `${m.type} payload decode`);
}

function contract(s: string): ContractPrincipal {
  const p = parsePrincipal(s);
  assert.equal(p.type, 'contract', `${s} is a contract principal`);
  return p as ContractPrincipal;
}

function chunk(i: VectorEntry): StackerDBChunkData {
  return { slotId: i.slot_id, slotVersion: i.slot_version, sig: hexToBytes(i.sig), data: hexToBytes(i.data) };
}

const TEST_KEY = hexToBytes('4bbe4e7dc879afedf4bf258a7385cf78ccf3a68a77f9cfc624f433d009f812f901');

function runSigningRule(e: VectorEntry): void {
  assert.match(e.expected, /^rule/);
  const pub = publicKeyFromPrivate(TEST_KEY);
  const owner = hash160(pub);
  const data = new TextEncoder().encode('hello world');
  const signed = signStackerDBChunk({ slotId: 3, slotVersion: 7, sig: new Uint8Array(65), data }, TEST_KEY);
  // data_hash and auth_digest, computed independently of the library's helpers.
  const dataHash = sha512_256(data);
  assert.equal(bytesToHex(stackerDBDataHash(data)), bytesToHex(dataHash));
  const preimage = new Uint8Array(40);
  new DataView(preimage.buffer).setUint32(0, 3);
  new DataView(preimage.buffer).setUint32(4, 7);
  preimage.set(dataHash, 8);
  const md = slotMetadataFromChunk(signed);
  assert.equal(bytesToHex(slotMetadataAuthDigest(md)), bytesToHex(sha512_256(preimage)));
  assert.ok(signed.sig[0]! <= 3, 'recovery id first');
  // Verify: Hash160(compressed recovered key) against the owner's hash; the address version is ignored.
  assert.equal(bytesToHex(hash160(recoverStackerDBChunkPublicKey(signed))), bytesToHex(owner));
  assert.ok(verifyStackerDBChunk(signed, owner));
  assert.ok(verifyStackerDBChunk(signed, pub));
  assert.ok(verifyStackerDBChunk(signed, decompressPublicKey(pub)), 'the owner hash is of the compressed key');
  // Changing slot_id, slot_version or data_hash after signing fails.
  assert.ok(!verifySlotMetadata({ ...md, slotId: 4 }, owner));
  assert.ok(!verifySlotMetadata({ ...md, slotVersion: 8 }, owner));
  assert.ok(!verifySlotMetadata({ ...md, dataHash: sha512_256(Uint8Array.of(1)) }, owner));
  assert.ok(!verifyStackerDBChunk({ ...signed, data: Uint8Array.of(1) }, owner));
  assert.ok(!verifyStackerDBChunk(signed, new Uint8Array(20)));
  // Negating s still verifies (high S is accepted).
  const negated = negateSignatureS(signed.sig);
  assert.ok(isHighS(negated));
  assert.ok(verifyStackerDBChunk({ ...signed, sig: negated }, owner));
}

function runHttpPaths(e: VectorEntry): void {
  const pub = publicKeyFromPrivate(hexToBytes(e.inputs.privkey_hex));
  assert.equal(pub.length, 33, 'trailing 01 = compressed key');
  const addr = publicKeyToStacksAddress(pub, true);
  assert.equal(stacksAddressToString(addr), e.expected.address);
  const cid: ContractPrincipal = { type: 'contract', version: addr.version, hash160: addr.hash160, contractName: e.inputs.contract_name };
  assert.equal(stackerDBMetadataPath(cid), e.expected.metadata_path);
  assert.equal(stackerDBChunkPath(cid, 1, 2), e.expected.chunk_path_slot1_version2);
  assert.equal(stackerDBChunkPath(cid, 1), e.expected.chunk_path_slot1_latest);
  assert.equal(stackerDBPostChunkPath(cid), e.expected.post_chunk_path);
}

function runChunkData(e: VectorEntry): void {
  const c = chunk(e.inputs);
  roundTrip(c, e.expected.bytes_hex, readStackerDBChunkData, writeStackerDBChunkData, 'StackerDBChunkData');
  payloadRoundTrip({ type: 'StackerDBChunk', data: c }, e.expected.bytes_hex);
  // Data longer than STACKERDB_MAX_CHUNK_SIZE is refused from its length prefix alone.
  const huge = hexToBytes(e.expected.bytes_hex).slice(0, 4 + 4 + 65 + 4);
  new DataView(huge.buffer).setUint32(73, K.STACKERDB_MAX_CHUNK_SIZE + 1);
  expectCodecError(() => decodeAll(huge, readStackerDBChunkData, 'chunk'), 'chunk above 16 MiB');
}

function runPushChunk(e: VectorEntry): void {
  const v = { contractId: contract(e.inputs.contract_id), rcConsensusHash: hexToBytes(e.inputs.rc_consensus_hash), chunkData: chunk(e.inputs.chunk) };
  roundTrip(v, e.expected.bytes_hex, readStackerDBPushChunkData, writeStackerDBPushChunkData, 'StackerDBPushChunkData');
  payloadRoundTrip({ type: 'StackerDBPushChunk', data: v }, e.expected.bytes_hex);
}

function runGetChunkInv(e: VectorEntry): void {
  const v = { contractId: contract(e.inputs.contract_id), rcConsensusHash: hexToBytes(e.inputs.rc_consensus_hash) };
  roundTrip(v, e.expected.bytes_hex, readStackerDBGetChunkInvData, writeStackerDBGetChunkInvData, 'StackerDBGetChunkInvData');
  payloadRoundTrip({ type: 'StackerDBGetChunkInv', data: v }, e.expected.bytes_hex);
}

function runChunkInv(e: VectorEntry): void {
  const v = { slotVersions: e.inputs.slot_versions as number[], numOutboundReplicas: e.inputs.num_outbound_replicas as number };
  roundTrip(v, e.expected.bytes_hex, readStackerDBChunkInvData, writeStackerDBChunkInvData, 'StackerDBChunkInvData');
  payloadRoundTrip({ type: 'StackerDBChunkInv', data: v }, e.expected.bytes_hex);
  expectCodecError(() => decodeAll(hexToBytes('00001001'), readStackerDBChunkInvData, 'inv'), 'more than STACKERDB_INV_MAX versions');
}

function runGetChunk(e: VectorEntry): void {
  const i = e.inputs;
  const v = { contractId: contract(i.contract_id), rcConsensusHash: hexToBytes(i.rc_consensus_hash), slotId: i.slot_id, slotVersion: i.slot_version };
  roundTrip(v, e.expected.bytes_hex, readStackerDBGetChunkData, writeStackerDBGetChunkData, 'StackerDBGetChunkData');
  payloadRoundTrip({ type: 'StackerDBGetChunk', data: v }, e.expected.bytes_hex);
}

function runContractId(e: VectorEntry): void {
  for (const c of e.cases) {
    const { version, hash160: h } = c32addressDecode(c.inputs.principal);
    assert.equal(version, c.expected.version);
    assert.equal(bytesToHex(h), c.expected.hash160);
    const bytes = encodeContractId({ type: 'contract', version, hash160: h, contractName: 'x' });
    assert.equal(bytesToHex(bytes), version.toString(16).padStart(2, '0') + c.expected.hash160 + '0178');
  }
}

function runConstants(e: VectorEntry): void {
  const x = e.expected;
  const ours: Record<string, number> = {
    STACKERDB_MAX_CHUNK_SIZE: K.STACKERDB_MAX_CHUNK_SIZE,
    SIGNERS_STACKERDB_CHUNK_SIZE: K.SIGNERS_STACKERDB_CHUNK_SIZE,
    STACKERDB_INV_MAX: K.STACKERDB_INV_MAX,
    STACKERDB_PAGE_LIST_MAX: K.STACKERDB_PAGE_LIST_MAX,
    STACKERDB_MAX_PAGE_COUNT: K.STACKERDB_MAX_PAGE_COUNT,
    MAX_HINT_REPLICAS: K.MAX_HINT_REPLICAS,
    MINER_SLOT_COUNT: K.MINER_SLOT_COUNT,
    SIGNER_SLOTS_PER_USER: K.SIGNER_SLOTS_PER_USER,
  };
  for (const [k, v] of Object.entries(ours)) assert.equal(v, x[k], k);
  // The config's fields, in the listed order.
  const fieldNames = (x.config_fields as string[]).map((f) => /^[a-z_]+/.exec(f)![0]);
  const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  assert.deepStrictEqual(Object.keys(noopStackerDBConfig()).sort(), fieldNames.map(camel).sort());
  // Controller contract functions: the names, and the list bounds of their types.
  const fns = x.controller_contract_functions as Record<string, string>;
  assert.deepStrictEqual(Object.keys(fns).sort(), [K.STACKERDB_CONFIG_FUNCTION, K.STACKERDB_SLOTS_FUNCTION].sort());
  assert.match(fns[K.STACKERDB_SLOTS_FUNCTION]!, new RegExp(`\\(list ${K.STACKERDB_PAGE_LIST_MAX} \\{signer: principal, num-slots: uint\\}\\)`));
  assert.match(fns[K.STACKERDB_CONFIG_FUNCTION]!, new RegExp(`hint-replicas: \\(list ${K.MAX_HINT_REPLICAS} `));
  // Slots are contiguous in list order.
  assert.match(x.slot_ranges, /contiguously in signer-list order/);
  assert.deepStrictEqual(stackerDBSlotRanges([{ numSlots: 2 }, { numSlots: 0 }, { numSlots: 3 }, { numSlots: 1 }]), [
    { start: 0, end: 2 },
    { start: 2, end: 2 },
    { start: 2, end: 5 },
    { start: 5, end: 6 },
  ]);
  assert.equal(stackerDBNumSlots([{ numSlots: 2 }, { numSlots: 3 }]), 5);
  // The no-op config.
  const noop = noopStackerDBConfig();
  assert.equal(noop.chunkSize, BigInt(x.noop_config.chunk_size));
  assert.equal(noop.writeFreq, BigInt(x.noop_config.write_freq));
  assert.equal(x.noop_config.max_writes, 'u32::MAX');
  assert.equal(noop.maxWrites, 0xffff_ffff);
  assert.equal(noop.maxNeighbors, x.noop_config.max_neighbors);
  assert.deepStrictEqual(noop.signers, []);
  assert.deepStrictEqual(noop.hintReplicas, []);
}

function runMinersLayout(e: VectorEntry): void {
  assert.equal(e.expected, 'rule');
  const last = new Uint8Array(20).fill(0xaa);
  const parent = new Uint8Array(20).fill(0xbb);
  // Even num_sortitions: the last winner is signer 0 (slots 0-1), the parent winner signer 1 (slots 2-3).
  const even = minersStackerDBLayout(10n, last, parent);
  assert.equal(even.latestWinner, 0);
  assert.deepStrictEqual(
    even.config.signers.map((s) => [s.address.version, bytesToHex(s.address.hash160), s.numSlots]),
    [
      [1, bytesToHex(last), 2],
      [1, bytesToHex(parent), 2],
    ],
  );
  assert.deepStrictEqual(stackerDBSlotRanges(even.config.signers), [
    { start: 0, end: 2 },
    { start: 2, end: 4 },
  ]);
  assert.equal(stackerDBNumSlots(even.config.signers), 2 * K.MINER_SLOT_COUNT);
  // Odd: swapped.
  const odd = minersStackerDBLayout(11n, last, parent);
  assert.equal(odd.latestWinner, 1);
  assert.deepStrictEqual(odd.config.signers.map((s) => bytesToHex(s.address.hash160)), [bytesToHex(parent), bytesToHex(last)]);
  // A missing key becomes 20 zero bytes.
  assert.equal(bytesToHex(minersStackerDBLayout(0n, null, parent).config.signers[0]!.address.hash160), '00'.repeat(20));
  // Within a miner's two slots: BlockProposal = 0, BlockPushed = 1.
  assert.deepStrictEqual({ ...MinerSlotID }, { BlockProposal: 0, BlockPushed: 1 });
  assert.equal(minerSlotId(1, MinerSlotID.BlockPushed), 3);
  // chunk_size 16 MiB, write_freq 0, max_writes u32::MAX, max_neighbors 200.
  assert.equal(even.config.chunkSize, 16n * 1024n * 1024n);
  assert.equal(even.config.writeFreq, 0n);
  assert.equal(even.config.maxWrites, 0xffff_ffff);
  assert.equal(even.config.maxNeighbors, 200);
  assert.equal(MINERS_STACKERDB_MAX_NEIGHBORS, 200);
}

function runSignersLayout(e: VectorEntry): void {
  assert.equal(e.expected, 'rule');
  // signers-{reward_cycle % 2}-{message_id}
  assert.equal(signersStackerDBName(0n, SignerMessageSlotID.BlockResponse), 'signers-0-1');
  assert.equal(signersStackerDBName(7n, SignerMessageSlotID.BlockPreCommit), 'signers-1-3');
  assert.deepStrictEqual({ ...SignerMessageSlotID }, { BlockResponse: 1, StateMachineUpdate: 2, BlockPreCommit: 3 });
  // One slot per signer, at p2pkh(Hash160(signing key)) with the network's single-sig version, in signer-set order.
  const keys = [
    hexToBytes('02aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'),
    hexToBytes('03bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'),
  ];
  const owners = signersStackerDBSlotOwners(keys, AddressVersion.MainnetSingleSig);
  assert.deepStrictEqual(
    owners.map((o) => [o.address.version, bytesToHex(o.address.hash160), o.numSlots]),
    keys.map((k) => [22, bytesToHex(hash160(k)), 1]),
  );
  // Config (signers.clar): chunk-size 2 MiB, write-freq 0, max-writes u4294967295, max-neighbors 32, no hints.
  const cfg = signersStackerDBConfig(owners);
  assert.equal(cfg.chunkSize, 2n * 1024n * 1024n);
  assert.equal(cfg.writeFreq, 0n);
  assert.equal(cfg.maxWrites, 4294967295);
  assert.equal(cfg.maxNeighbors, 32);
  assert.equal(SIGNERS_STACKERDB_MAX_NEIGHBORS, 32);
  assert.deepStrictEqual(cfg.hintReplicas, []);
  // The SignerMessage type prefixes in the description belong to the signer package's message
  // codec (libsigner), which signer-messages.json covers.
}

const RUNNERS: Record<string, (e: VectorEntry) => void> = {
  slot_metadata_signing_rule: runSigningRule,
  stackerdb_http_paths: runHttpPaths,
  stackerdb_chunk_data: runChunkData,
  stackerdb_push_chunk_data: runPushChunk,
  stackerdb_get_chunk_inv: runGetChunkInv,
  stackerdb_chunk_inv: runChunkInv,
  stackerdb_get_chunk: runGetChunk,
  contract_id_p2p_encoding: runContractId,
  stackerdb_constants_and_config: runConstants,
  miners_stackerdb_layout: runMinersLayout,
  signers_stackerdb_layout: runSignersLayout,
};

export const runner: VectorFileRunner = {
  file: 'stackerdb.json',
  layer: 'codec',
  run(entry) {
    const run = RUNNERS[entry.name as string];
    if (!run) throw new Error(`no check for stackerdb.json entry ${String(entry.name)}`);
    run(entry);
  },
};
