/**
 * Runner for test-vectors/p2p.json: SIP-003 primitives and framing, the preamble, every payload
 * with a literal in codec.rs, message ids, Nack codes, network constants, the message signature
 * rule and the secp256k1 recoverable-signature verify table.
 */
import assert from 'node:assert/strict';
import { MAINNET, PEER_NETWORK_EPOCH, PEER_VERSION_EPOCH, PeerNetworkId, PeerVersionMajor, ChainId, TESTNET, bytesToHex, hexToBytes } from '@stacks-ts/common';
import { loadVectorFile, type VectorEntry, type VectorFileRunner } from '../../../../test-vectors/runner/harness.ts';
import { parsePrincipal } from '../../src/address/principal.ts';
import { ByteReader, ByteWriter, decodeAll, encodeWith } from '../../src/bytes.ts';
import type { ContractPrincipal } from '../../src/clarity/types.ts';
import { sha512_256 } from '../../src/crypto/hashes.ts';
import { publicKeyFromPrivate, recoverPublicKey, verifySignature } from '../../src/crypto/secp256k1.ts';
import { isCodecError } from '../../src/errors.ts';
import * as C from '../../src/p2p/constants.ts';
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
} from '../../src/p2p/handshake.ts';
import {
  type BlocksAvailableData,
  type BlocksInvData,
  compressBools,
  readBlocksAvailableData,
  readBlocksInvData,
  readGetBlocksInv,
  readGetNakamotoInvData,
  readGetPoxInv,
  readNakamotoInvData,
  writeBlocksAvailableData,
  writeBlocksInvData,
  writeGetBlocksInv,
  writeGetNakamotoInvData,
  writeGetPoxInv,
  writeNakamotoInvData,
} from '../../src/p2p/inventory.ts';
import {
  type StacksMessage,
  type StacksMessageType,
  decodeStacksMessage,
  decodeStacksMessageType,
  encodeStacksMessage,
  encodeStacksMessageBody,
  encodeStacksMessageType,
} from '../../src/p2p/message.ts';
import {
  type NeighborAddress,
  readNatPunchData,
  readNeighborAddress,
  readNeighborsData,
  readRelayData,
  writeNatPunchData,
  writeNeighborAddress,
  writeNeighborsData,
  writeRelayData,
} from '../../src/p2p/neighbor.ts';
import { EMPTY_MESSAGE_SIGNATURE, type Preamble, decodePreamble, encodePreamble } from '../../src/p2p/preamble.ts';
import { relayStacksMessage, signStacksMessage, verifyStacksMessage } from '../../src/p2p/sign.ts';
import { readVec, writeVec } from '../../src/p2p/wire.ts';

type Reader<T> = (r: ByteReader) => T;
type Writer<T> = (w: ByteWriter, v: T) => void;

/** Checks `write(v)` gives `hex`, `read(hex)` gives back `v`, and a one-byte-short input is a CodecError. */
function roundTrip<T>(v: T, hex: string, read: Reader<T>, write: Writer<T>, what: string): void {
  const bytes = encodeWith((w) => write(w, v));
  assert.equal(bytesToHex(bytes), hex.toLowerCase(), `${what}: encoding`);
  assert.deepStrictEqual(decodeAll(hexToBytes(hex), read, what), v, `${what}: decoding`);
  if (bytes.length > 0) expectCodecError(() => decodeAll(bytes.subarray(0, bytes.length - 1), read, what), `${what}: truncated`);
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

function num(v: string | number): number {
  return typeof v === 'number' ? v : Number(BigInt(v));
}

function big(v: string | number): bigint {
  return BigInt(v);
}

function neighbor(e: VectorEntry): NeighborAddress {
  return { addrbytes: hexToBytes(e.addrbytes), port: num(e.port), publicKeyHash: hexToBytes(e.public_key_hash) };
}

function handshakeFrom(i: VectorEntry): HandshakeData {
  return {
    addrbytes: hexToBytes(i.addrbytes),
    port: num(i.port),
    services: num(i.services),
    nodePublicKey: hexToBytes(i.node_public_key),
    expireBlockHeight: big(i.expire_block_height),
    dataUrl: i.data_url,
  };
}

function entryNamed(name: string): VectorEntry {
  const e = loadVectorFile('p2p.json').vectors.find((v) => v.name === name);
  if (!e) throw new Error(`p2p.json has no entry ${name}`);
  return e;
}

function contract(s: string): ContractPrincipal {
  const p = parsePrincipal(s);
  assert.equal(p.type, 'contract', `${s} is a contract principal`);
  return p as ContractPrincipal;
}

const UINT_WRITERS: Record<string, [number, Writer<bigint>, Reader<bigint>]> = {
  u8: [1, (w, v) => w.writeU8(Number(v)), (r) => BigInt(r.readU8())],
  u16: [2, (w, v) => w.writeU16(Number(v)), (r) => BigInt(r.readU16())],
  u32: [4, (w, v) => w.writeU32(Number(v)), (r) => BigInt(r.readU32())],
  u64: [8, (w, v) => w.writeU64(v), (r) => r.readU64()],
};

function runPrimitives(e: VectorEntry): void {
  for (const c of e.cases) {
    const vecMatch = /^Vec<(u\d+)>$/.exec(c.type);
    if (vecMatch) {
      const [size, write, read] = UINT_WRITERS[vecMatch[1]!]!;
      const items = (c.value_hex_items as string[]).map(big);
      roundTrip(
        items,
        c.bytes_hex,
        (r) => readVec(r, 0xffff_ffff, size, read, c.type),
        (w, v) => writeVec(w, v, 0xffff_ffff, write, c.type),
        c.type,
      );
    } else {
      const [, write, read] = UINT_WRITERS[c.type]!;
      roundTrip(big(c.value), c.bytes_hex, read, write, c.type);
    }
  }
}

/**
 * The SIP-003 example message: five integers and a u64 vector, then a typed container `Foo`
 * (id 0x00: aa u16, bytes [u8; 10]) and a vector of typed containers `Foo` / `Bar` (id 0x01: u32).
 */
type SipPayload = { id: 0; aa: number; bytes: Uint8Array } | { id: 1; value: number };

function runSip003(e: VectorEntry): void {
  const i = e.inputs;
  const range = (from: number, n: number) => Uint8Array.from({ length: n }, (_, k) => from + k);
  assert.equal(i.payload, 'Foo{aa:0xaabb, bytes:[0..9]}');
  assert.deepEqual(i.payload_list, ['Foo{aa:0xccdd, bytes:[0x0a..0x13]}', 'Bar(0x00112233)']);
  const payload: SipPayload = { id: 0, aa: 0xaabb, bytes: range(0, 10) };
  const list: SipPayload[] = [
    { id: 0, aa: 0xccdd, bytes: range(0x0a, 10) },
    { id: 1, value: 0x00112233 },
  ];
  const writePayload = (w: ByteWriter, p: SipPayload) => {
    w.writeU8(p.id);
    if (p.id === 0) w.writeU16(p.aa).writeBytes(p.bytes);
    else w.writeU32(p.value);
  };
  const readPayload = (r: ByteReader): SipPayload => {
    const id = r.readU8();
    if (id === 0) return { id, aa: r.readU16(), bytes: r.readBytesCopy(10) };
    if (id === 1) return { id, value: r.readU32() };
    throw new Error(`unknown SIP-003 example type ${id}`);
  };
  const value = {
    a: num(i.a),
    b: num(i.b),
    c: num(i.c),
    d: big(i.d),
    e: (i.e as string[]).map(big),
    payload,
    list,
  };
  roundTrip(
    value,
    e.expected.bytes_hex,
    (r) => ({
      a: r.readU8(),
      b: r.readU16(),
      c: r.readU32(),
      d: r.readU64(),
      e: readVec(r, 0xffff_ffff, 8, (r) => r.readU64(), 'e'),
      payload: readPayload(r),
      list: readVec(r, 0xffff_ffff, 1, readPayload, 'list'),
    }),
    (w, v) => {
      w.writeU8(v.a).writeU16(v.b).writeU32(v.c).writeU64(v.d);
      writeVec(w, v.e, 0xffff_ffff, (w, x) => w.writeU64(x), 'e');
      writePayload(w, v.payload);
      writeVec(w, v.list, 0xffff_ffff, writePayload, 'list');
    },
    'SIP-003 example',
  );
}

function runPreamble(e: VectorEntry): void {
  const i = e.inputs;
  const p: Preamble = {
    peerVersion: num(i.peer_version),
    networkId: num(i.network_id),
    seq: num(i.seq),
    burnBlockHeight: big(i.burn_block_height),
    burnBlockHash: hexToBytes(i.burn_block_hash),
    burnStableBlockHeight: big(i.burn_stable_block_height),
    burnStableBlockHash: hexToBytes(i.burn_stable_block_hash),
    additionalData: num(i.additional_data),
    signature: hexToBytes(i.signature),
    payloadLen: num(i.payload_len),
  };
  const bytes = encodePreamble(p);
  assert.equal(bytes.length, e.expected.len);
  assert.equal(bytes.length, C.PREAMBLE_ENCODED_SIZE);
  assert.equal(bytesToHex(bytes), e.expected.bytes_hex);
  assert.deepStrictEqual(decodePreamble(bytes), p);
  expectCodecError(() => decodePreamble(bytes.subarray(0, 164)), 'truncated preamble');
  // The decode rules the description lists.
  expectCodecError(() => decodePreamble(encodePreamble({ ...p, payloadLen: 4 })), 'payload_len < 5');
  decodePreamble(encodePreamble({ ...p, payloadLen: 5 }));
  expectCodecError(() => decodePreamble(encodePreamble({ ...p, payloadLen: C.MAX_MESSAGE_LEN })), 'payload_len >= MAX_MESSAGE_LEN');
  decodePreamble(encodePreamble({ ...p, payloadLen: C.MAX_MESSAGE_LEN - 1 }));
  expectCodecError(
    () => decodePreamble(encodePreamble({ ...p, burnStableBlockHeight: p.burnBlockHeight })),
    'burn_block_height <= burn_stable_block_height',
  );
}

function runGetPoxInv(e: VectorEntry): void {
  const v = { consensusHash: hexToBytes(e.inputs.consensus_hash), numCycles: e.inputs.num_cycles };
  roundTrip(v, e.expected.bytes_hex, readGetPoxInv, writeGetPoxInv, 'GetPoxInv');
  // The vector comes from the reference's test build (max 8); production allows 1..4096.
  const w = (n: number) => bytesToHex(v.consensusHash) + n.toString(16).padStart(4, '0');
  decodeAll(hexToBytes(w(C.GETPOXINV_MAX_BITLEN)), readGetPoxInv, 'GetPoxInv');
  expectCodecError(() => decodeAll(hexToBytes(w(0)), readGetPoxInv, 'GetPoxInv'), 'num_cycles 0');
  expectCodecError(() => decodeAll(hexToBytes(w(C.GETPOXINV_MAX_BITLEN + 1)), readGetPoxInv, 'GetPoxInv'), 'num_cycles > max');
}

function runGetBlocksInv(e: VectorEntry): void {
  const v = { consensusHash: hexToBytes(e.inputs.consensus_hash), numBlocks: e.inputs.num_blocks };
  roundTrip(v, e.expected.bytes_hex, readGetBlocksInv, writeGetBlocksInv, 'GetBlocksInv');
  expectCodecError(() => decodeAll(hexToBytes(`${e.inputs.consensus_hash}0000`), readGetBlocksInv, 'GetBlocksInv'), 'num_blocks 0');
}

function runBlocksInvLayout(e: VectorEntry): void {
  for (const c of e.cases) {
    const i = c.inputs;
    if (c.expected.decodes === false) {
      const w = new ByteWriter();
      w.writeU16(i.bitlen);
      for (const v of [i.block_bitvec, i.microblocks_bitvec ?? i.block_bitvec]) {
        if (v === undefined) continue;
        const b = hexToBytes(v);
        w.writeU32(b.length).writeBytes(b);
      }
      expectCodecError(() => decodeAll(w.toBytes(), readBlocksInvData, 'BlocksInv'), `BlocksInv bitlen ${i.bitlen}`);
      if (i.block_bitvec !== undefined) {
        const bad: BlocksInvData = { bitlen: i.bitlen, blockBitvec: hexToBytes(i.block_bitvec), microblocksBitvec: hexToBytes(i.block_bitvec) };
        expectCodecError(() => encodeWith((w) => writeBlocksInvData(w, bad)), 'encoding refuses it too');
      }
    } else {
      const v: BlocksInvData = {
        bitlen: i.bitlen,
        blockBitvec: hexToBytes(i.block_bitvec),
        microblocksBitvec: hexToBytes(i.microblocks_bitvec),
      };
      const hex = (c.expected.layout as string).replace(/\|\||\s/g, '');
      roundTrip(v, hex, readBlocksInvData, writeBlocksInvData, 'BlocksInv');
    }
  }
}

function runCompressBools(e: VectorEntry): void {
  for (const c of e.cases) {
    assert.equal(bytesToHex(compressBools((c.inputs.bits as number[]).map((b) => b === 1))), c.expected.bitvec_hex);
  }
}

function runNeighborsData(e: VectorEntry): void {
  const v = { neighbors: (e.inputs.neighbors as VectorEntry[]).map(neighbor) };
  roundTrip(v, e.expected.bytes_hex, readNeighborsData, writeNeighborsData, 'NeighborsData');
  // More than MAX_NEIGHBORS_DATA_LEN entries is refused from the count alone.
  expectCodecError(() => decodeAll(hexToBytes('00000081'), readNeighborsData, 'NeighborsData'), '129 neighbors');
}

function runHandshake(e: VectorEntry): void {
  const v = handshakeFrom(e.inputs);
  assert.ok((e.expected.bytes_hex as string).startsWith(e.expected.bytes_prefix_hex), 'prefix');
  roundTrip(v, e.expected.bytes_hex, readHandshakeData, writeHandshakeData, 'HandshakeData');
  const portZero = hexToBytes(e.expected.bytes_hex);
  portZero[16] = 0;
  portZero[17] = 0;
  expectCodecError(() => decodeAll(portZero, readHandshakeData, 'HandshakeData'), 'port 0');
}

function runHandshakeAccept(e: VectorEntry): void {
  assert.equal(e.inputs.handshake, 'same as handshake_data');
  const v: HandshakeAcceptData = {
    handshake: handshakeFrom(entryNamed('handshake_data').inputs),
    heartbeatInterval: num(e.inputs.heartbeat_interval),
  };
  roundTrip(v, e.expected.bytes_hex, readHandshakeAcceptData, writeHandshakeAcceptData, 'HandshakeAcceptData');
}

/** Checks a payload body through the full payload codec: type id byte, then `bodyHex`. */
function payloadRoundTrip(m: StacksMessageType, bodyHex: string): void {
  const hex = C.StacksMessageId[m.type].toString(16).padStart(2, '0') + bodyHex;
  assert.equal(bytesToHex(encodeStacksMessageType(m)), hex, `${m.type} payload`);
  assert.deepStrictEqual(decodeStacksMessageType(hexToBytes(hex)), m, `${m.type} payload decode`);
}

function runNack(e: VectorEntry): void {
  payloadRoundTrip({ type: 'Nack', data: { errorCode: num(e.inputs.error_code) } }, e.expected.bytes_hex);
}

function runRelayData(e: VectorEntry): void {
  const v = { peer: neighbor(e.inputs.peer), seq: num(e.inputs.seq) };
  roundTrip(v, e.expected.bytes_hex, readRelayData, writeRelayData, 'RelayData');
  assert.equal(C.RELAY_DATA_ENCODED_SIZE, hexToBytes(e.expected.bytes_hex).length);
}

function runBlocksAvailable(e: VectorEntry): void {
  const v: BlocksAvailableData = {
    available: (e.inputs.available as [string, string][]).map(([ch, bhh]) => [hexToBytes(ch), hexToBytes(bhh)] as const),
  };
  roundTrip(v, e.expected.bytes_hex, readBlocksAvailableData, writeBlocksAvailableData, 'BlocksAvailableData');
  payloadRoundTrip({ type: 'BlocksAvailable', data: v }, e.expected.bytes_hex);
  payloadRoundTrip({ type: 'MicroblocksAvailable', data: v }, e.expected.bytes_hex);
}

function runNatPunch(e: VectorEntry): void {
  const v = { addrbytes: hexToBytes(e.inputs.addrbytes), port: num(e.inputs.port), nonce: num(e.inputs.nonce) };
  roundTrip(v, e.expected.bytes_hex, readNatPunchData, writeNatPunchData, 'NatPunchData');
  payloadRoundTrip({ type: 'NatPunchReply', data: v }, e.expected.bytes_hex);
  payloadRoundTrip({ type: 'NatPunchRequest', data: v.nonce }, (e.expected.bytes_hex as string).slice(-8));
}

function runStackerDBHandshake(e: VectorEntry): void {
  const v: StackerDBHandshakeData = {
    rcConsensusHash: hexToBytes(e.inputs.rc_consensus_hash),
    smartContracts: (e.inputs.smart_contracts as string[]).map(contract),
  };
  roundTrip(v, e.expected.bytes_hex, readStackerDBHandshakeData, writeStackerDBHandshakeData, 'StackerDBHandshakeData');
  // The message body is HandshakeAcceptData followed by StackerDBHandshakeData.
  const accept = entryNamed('handshake_accept_data');
  const handshake: HandshakeAcceptData = {
    handshake: handshakeFrom(entryNamed('handshake_data').inputs),
    heartbeatInterval: num(accept.inputs.heartbeat_interval),
  };
  payloadRoundTrip({ type: 'StackerDBHandshakeAccept', handshake, data: v }, accept.expected.bytes_hex + e.expected.bytes_hex);
}

function runGetNakamotoInv(e: VectorEntry): void {
  roundTrip({ consensusHash: hexToBytes(e.inputs.consensus_hash) }, e.expected.bytes_hex, readGetNakamotoInvData, writeGetNakamotoInvData, 'GetNakamotoInv');
}

function runNakamotoInv(e: VectorEntry): void {
  for (const c of e.cases) {
    if (c.expected.decodes === false) {
      expectCodecError(() => decodeAll(hexToBytes(c.inputs.bytes_hex), readNakamotoInvData, 'NakamotoInv'), c.expected.why);
      continue;
    }
    const m = /^(\d+) bits; bytes ([0-9a-f ]+)$/.exec(c.inputs.bits_lsb_first);
    if (!m) throw new Error(`unreadable bits_lsb_first: ${c.inputs.bits_lsb_first}`);
    const v = { tenures: { len: Number(m[1]), data: hexToBytes(m[2]!.replace(/ /g, '')) } };
    roundTrip(v, c.expected.bytes_hex, readNakamotoInvData, writeNakamotoInvData, 'NakamotoInv');
  }
}

function runMessageTypeIds(e: VectorEntry): void {
  assert.deepStrictEqual({ ...C.StacksMessageId }, e.expected);
  for (const name of e.empty_bodies as ('HandshakeReject' | 'GetNeighbors')[]) {
    const bytes = encodeStacksMessageType({ type: name });
    assert.deepStrictEqual([...bytes], [C.StacksMessageId[name]], `${name} has an empty body`);
    assert.deepStrictEqual(decodeStacksMessageType(bytes), { type: name });
  }
  // Id 20 is unused and 255 is reserved: neither decodes.
  expectCodecError(() => decodeStacksMessageType(Uint8Array.of(20)), 'id 20');
  expectCodecError(() => decodeStacksMessageType(Uint8Array.of(255)), 'id 255');
  // payload_len counts the relayers and the payload, as the description says.
  const msg = testMessage({ type: 'Ping', data: { nonce: 7 } });
  const bytes = encodeStacksMessage(msg);
  const body = encodeStacksMessageBody(msg.relayers, msg.payload);
  assert.equal(decodeStacksMessage(bytes).preamble.payloadLen, body.length);
  assert.equal(bytes.length, C.PREAMBLE_ENCODED_SIZE + body.length);
}

function runNackCodes(e: VectorEntry): void {
  assert.deepStrictEqual({ ...C.NackErrorCode }, e.expected);
}

/** Evaluates the constant expressions of `network_constants` (integers, names, `+`, `*`). */
function evalExpr(expr: string | number, names: Record<string, number>): number {
  if (typeof expr === 'number') return expr;
  if (/^0x[0-9a-f]+$/i.test(expr)) return Number(BigInt(expr));
  return expr
    .split('+')
    .map((term) =>
      term
        .split('*')
        .map((f) => {
          const t = f.trim();
          if (/^\d+$/.test(t)) return Number(t);
          const v = names[t];
          if (v === undefined) throw new Error(`unknown name ${t} in ${expr}`);
          return v;
        })
        .reduce((a, b) => a * b, 1),
    )
    .reduce((a, b) => a + b, 0);
}

function runNetworkConstants(e: VectorEntry): void {
  const x = e.expected;
  const names: Record<string, number> = {};
  const ours: Record<string, number> = {
    NETWORK_ID_MAINNET: PeerNetworkId.Mainnet,
    NETWORK_ID_TESTNET: PeerNetworkId.Testnet,
    CHAIN_ID_MAINNET: ChainId.Mainnet,
    CHAIN_ID_TESTNET: ChainId.Testnet,
    PEER_VERSION_MAINNET_MAJOR: PeerVersionMajor.Mainnet,
    PEER_VERSION_TESTNET_MAJOR: PeerVersionMajor.Testnet,
    PREAMBLE_ENCODED_SIZE: C.PREAMBLE_ENCODED_SIZE,
    MAX_PAYLOAD_LEN: C.MAX_PAYLOAD_LEN,
    MAX_MESSAGE_LEN: C.MAX_MESSAGE_LEN,
    MAX_RELAYERS_LEN: C.MAX_RELAYERS_LEN,
    RELAY_DATA_ENCODED_SIZE: C.RELAY_DATA_ENCODED_SIZE,
    NEIGHBOR_ADDRESS_ENCODED_SIZE: C.NEIGHBOR_ADDRESS_ENCODED_SIZE,
    MAX_NEIGHBORS_DATA_LEN: C.MAX_NEIGHBORS_DATA_LEN,
    BLOCKS_AVAILABLE_MAX_LEN: C.BLOCKS_AVAILABLE_MAX_LEN,
    GETPOXINV_MAX_BITLEN: C.GETPOXINV_MAX_BITLEN,
    BLOCKS_PUSHED_MAX: C.BLOCKS_PUSHED_MAX,
    NAKAMOTO_BLOCKS_PUSHED_MAX: C.NAKAMOTO_BLOCKS_PUSHED_MAX,
    default_p2p_port: C.NETWORK_P2P_PORT,
  };
  for (const [key, value] of Object.entries(x)) {
    if (key === 'peer_version' || key === 'epoch_bytes') continue;
    const ourValue = ours[key];
    if (ourValue === undefined) throw new Error(`network_constants.${key} has no counterpart here`);
    const expected = evalExpr(value as string | number, names);
    assert.equal(ourValue, expected, key);
    names[key] = expected;
  }
  // Epoch bytes of the peer version.
  const epochIds: Record<string, keyof typeof PEER_VERSION_EPOCH> = {
    '2.05': 'Epoch2_05',
    '2.1': 'Epoch21',
    '2.2': 'Epoch22',
    '2.3': 'Epoch23',
    '2.4': 'Epoch24',
    '2.5': 'Epoch25',
    '3.0': 'Epoch30',
    '3.1': 'Epoch31',
    '3.2': 'Epoch32',
    '3.3': 'Epoch33',
    '3.4': 'Epoch34',
    '4.0': 'Epoch40',
    '4.1': 'Epoch41',
  };
  for (const [epoch, byte] of Object.entries(x.epoch_bytes as Record<string, string>)) {
    const id = epochIds[epoch];
    if (!id) throw new Error(`unknown epoch ${epoch}`);
    assert.equal(PEER_VERSION_EPOCH[id], num(byte), `epoch byte of ${epoch}`);
  }
  // peer_version = MAJOR | epoch byte; a 3.x node announces 0x0b..0x0f.
  assert.ok(PEER_NETWORK_EPOCH >= 0x0b && PEER_NETWORK_EPOCH <= 0x0f, 'a 3.x node announces a 3.x epoch byte');
  assert.equal(MAINNET.peerVersion, (PeerVersionMajor.Mainnet | PEER_NETWORK_EPOCH) >>> 0);
  assert.equal(TESTNET.peerVersion, (PeerVersionMajor.Testnet | PEER_NETWORK_EPOCH) >>> 0);
}

/** A fixed key for the signing rule (the compressed-key vector of stackerdb.json). */
const TEST_KEY = hexToBytes('4bbe4e7dc879afedf4bf258a7385cf78ccf3a68a77f9cfc624f433d009f812f901');

function testMessage(payload: StacksMessageType): StacksMessage {
  return {
    preamble: {
      peerVersion: 0xfacade0e,
      networkId: 0x9abcdef0,
      seq: 0,
      burnBlockHeight: 12345n,
      burnBlockHash: new Uint8Array(32).fill(0x11),
      burnStableBlockHeight: 12339n,
      burnStableBlockHash: new Uint8Array(32).fill(0x22),
      additionalData: 0,
      signature: EMPTY_MESSAGE_SIGNATURE,
      payloadLen: 0,
    },
    relayers: [],
    payload,
  };
}

function runSignatureRule(e: VectorEntry): void {
  assert.equal(e.expected, 'rule');
  const pub = publicKeyFromPrivate(TEST_KEY);
  const msg = testMessage({ type: 'Ping', data: { nonce: 0x01020304 } });
  const signed = signStacksMessage({ ...msg, preamble: { ...msg.preamble, seq: 444 } }, TEST_KEY);
  // message_bits = relayers || payload; payload_len = len(message_bits).
  const bits = encodeStacksMessageBody(signed.relayers, signed.payload);
  assert.equal(signed.preamble.payloadLen, bits.length);
  assert.equal(signed.preamble.seq, 444);
  // digest = SHA512/256(preamble with a zero signature || message_bits), computed independently here.
  const zeroSig = encodePreamble({ ...signed.preamble, signature: new Uint8Array(65) });
  const digest = sha512_256(new Uint8Array([...zeroSig, ...bits]));
  assert.ok(signed.preamble.signature[0]! <= 3, 'recovery id first');
  assert.equal(bytesToHex(recoverPublicKey(digest, signed.preamble.signature, true)), bytesToHex(pub));
  assert.ok(verifyStacksMessage(signed, pub));
  assert.ok(verifyStacksMessage(decodeStacksMessage(encodeStacksMessage(signed)), pub), 'verifies after a round trip');
  // Any change to a signed field breaks the signature.
  assert.ok(!verifyStacksMessage({ ...signed, preamble: { ...signed.preamble, seq: 445 } }, pub));
  assert.ok(!verifyStacksMessage({ ...signed, payload: { type: 'Ping', data: { nonce: 0x01020305 } } }, pub));
  // Relaying appends RelayData{our address, previous seq}, sets our seq and re-signs.
  const relayKey = hexToBytes('0101010101010101010101010101010101010101010101010101010101010101');
  const ourAddress: NeighborAddress = { addrbytes: new Uint8Array(16).fill(1), port: 20444, publicKeyHash: new Uint8Array(20).fill(7) };
  const relayed = relayStacksMessage(signed, relayKey, 9, ourAddress);
  assert.deepStrictEqual(relayed.relayers, [{ peer: ourAddress, seq: 444 }]);
  assert.equal(relayed.preamble.seq, 9);
  assert.ok(verifyStacksMessage(relayed, publicKeyFromPrivate(relayKey)));
  assert.ok(!verifyStacksMessage(relayed, pub));
}

function runSecp256k1Verify(e: VectorEntry): void {
  for (const c of e.cases) {
    const digest = hexToBytes(c.inputs.digest);
    const sig = hexToBytes(c.inputs.signature);
    const pk = hexToBytes(c.inputs.public_key);
    const expected: string = c.expected;
    if (expected === 'Ok(true)' || expected === 'Ok(false)') {
      assert.equal(verifySignature(digest, sig, pk), expected === 'Ok(true)', `${c.inputs.signature.slice(0, 4)}`);
      recoverPublicKey(digest, sig, true);
    } else {
      assert.match(expected, /failed to recover public key/);
      expectCodecError(() => recoverPublicKey(digest, sig, true), 'recovery fails');
      assert.equal(verifySignature(digest, sig, pk), false);
    }
  }
}

const RUNNERS: Record<string, (e: VectorEntry) => void> = {
  codec_primitives: runPrimitives,
  sip003_example_message: runSip003,
  preamble: runPreamble,
  get_pox_inv: runGetPoxInv,
  get_blocks_inv: runGetBlocksInv,
  blocks_inv_data_layout: runBlocksInvLayout,
  blocks_inv_compress_bools: runCompressBools,
  neighbor_address: (e) =>
    roundTrip(neighbor(e.inputs), e.expected.bytes_hex, readNeighborAddress, writeNeighborAddress, 'NeighborAddress'),
  neighbors_data: runNeighborsData,
  handshake_data: runHandshake,
  handshake_accept_data: runHandshakeAccept,
  nack_data: runNack,
  relay_data: runRelayData,
  blocks_available: runBlocksAvailable,
  nat_punch_reply: runNatPunch,
  stackerdb_handshake_data: runStackerDBHandshake,
  get_nakamoto_inv: runGetNakamotoInv,
  nakamoto_inv: runNakamotoInv,
  message_type_ids: runMessageTypeIds,
  nack_error_codes: runNackCodes,
  network_constants: runNetworkConstants,
  message_signature_rule: runSignatureRule,
  secp256k1_recoverable_signature_verify: runSecp256k1Verify,
};

export const runner: VectorFileRunner = {
  file: 'p2p.json',
  layer: 'codec',
  run(entry) {
    const run = RUNNERS[entry.name as string];
    if (!run) throw new Error(`no check for p2p.json entry ${String(entry.name)}`);
    run(entry);
  },
};
