// Every decode-time rule of the p2p codec, each rejected with its CodecError code.
import { describe, expect, it } from 'vitest';
import { bitVecFromBools } from '../../../src/block/bitvec.ts';
import { encodeStacksBlockHeader } from '../../../src/block/stacks-block-header.ts';
import { ByteWriter, decodeAll, encodeWith } from '../../../src/bytes.ts';
import { CodecErrorCode } from '../../../src/errors.ts';
import * as C from '../../../src/p2p/constants.ts';
import {
  type HandshakeData,
  readHandshakeData,
  readStackerDBHandshakeData,
  writeHandshakeData,
  writeStackerDBHandshakeData,
} from '../../../src/p2p/handshake.ts';
import {
  readBlocksInvData,
  readGetBlocksInv,
  readGetPoxInv,
  readNakamotoInvData,
  readPoxInvData,
  writeBlocksInvData,
  writeGetPoxInv,
  writeNakamotoInvData,
  writePoxInvData,
} from '../../../src/p2p/inventory.ts';
import {
  type StacksMessageType,
  decodeStacksMessage,
  decodeStacksMessageType,
  encodeStacksMessage,
  encodeStacksMessageType,
} from '../../../src/p2p/message.ts';
import { readNeighborsData, readRelayers, writeNeighborsData, writeRelayers } from '../../../src/p2p/neighbor.ts';
import { decodePreamble, encodePreamble } from '../../../src/p2p/preamble.ts';
import { isValidUrlString, readUrlString, urlStringError } from '../../../src/p2p/url.ts';
import { encodeTransaction } from '../../../src/transaction/transaction.ts';
import { SAMPLE_NAKAMOTO_BLOCK, SAMPLE_STACKS_BLOCK, SAMPLE_TXS, codeOf, sampleMessage, sampleMicroblock } from './arbitraries.ts';

const hex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
const u16 = (n: number) => [n >> 8, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

const HANDSHAKE: HandshakeData = {
  addrbytes: new Uint8Array(16).fill(1),
  port: 20444,
  services: 7,
  nodePublicKey: hex(`03${'ab'.repeat(32)}`),
  expireBlockHeight: 99n,
  dataUrl: 'http://node.example.com:20443',
};

function handshakeWithUrlBytes(url: Uint8Array): Uint8Array {
  const prefix = encodeWith((w) => writeHandshakeData(w, { ...HANDSHAKE, dataUrl: '' }));
  return new Uint8Array([...prefix.subarray(0, prefix.length - 1), url.length, ...url]);
}

describe('preamble rules', () => {
  const p = sampleMessage().preamble;
  it('payload_len must be at least 5', () => {
    expect(codeOf(() => decodePreamble(encodePreamble({ ...p, payloadLen: 4 })))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => decodePreamble(encodePreamble({ ...p, payloadLen: 0 })))).toBe(CodecErrorCode.InvalidValue);
    expect(decodePreamble(encodePreamble({ ...p, payloadLen: 5 })).payloadLen).toBe(5);
  });
  it('payload_len must be below MAX_MESSAGE_LEN', () => {
    expect(codeOf(() => decodePreamble(encodePreamble({ ...p, payloadLen: C.MAX_MESSAGE_LEN })))).toBe(CodecErrorCode.TooLarge);
    expect(codeOf(() => decodePreamble(encodePreamble({ ...p, payloadLen: 0xffff_ffff })))).toBe(CodecErrorCode.TooLarge);
    expect(decodePreamble(encodePreamble({ ...p, payloadLen: C.MAX_MESSAGE_LEN - 1 })).payloadLen).toBe(C.MAX_MESSAGE_LEN - 1);
  });
  it('a whole message may not declare more than MAX_MESSAGE_LEN - 165 bytes', () => {
    const bytes = encodeStacksMessage(sampleMessage());
    bytes.set(u32(C.MAX_MESSAGE_PAYLOAD_LEN + 1), 161);
    expect(codeOf(() => decodeStacksMessage(bytes))).toBe(CodecErrorCode.TooLarge);
    bytes.set(u32(C.MAX_MESSAGE_PAYLOAD_LEN), 161);
    expect(codeOf(() => decodeStacksMessage(bytes))).toBe(CodecErrorCode.UnexpectedEof);
  });
  it('the burn block height must be above the stable height', () => {
    expect(codeOf(() => decodePreamble(encodePreamble({ ...p, payloadLen: 9, burnStableBlockHeight: p.burnBlockHeight })))).toBe(
      CodecErrorCode.InvalidValue,
    );
    expect(codeOf(() => decodePreamble(encodePreamble({ ...p, payloadLen: 9, burnBlockHeight: 0n, burnStableBlockHeight: 5n })))).toBe(
      CodecErrorCode.InvalidValue,
    );
  });
  it('is exactly 165 bytes', () => {
    expect(encodePreamble({ ...p, payloadLen: 9 }).length).toBe(165);
    expect(codeOf(() => decodePreamble(new Uint8Array(164)))).toBe(CodecErrorCode.UnexpectedEof);
    expect(codeOf(() => decodePreamble(new Uint8Array([...encodePreamble({ ...p, payloadLen: 9 }), 0])))).toBe(CodecErrorCode.TrailingBytes);
  });
  it('refuses out-of-range fields on encode', () => {
    expect(codeOf(() => encodePreamble({ ...p, seq: -1 }))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => encodePreamble({ ...p, peerVersion: 2 ** 32 }))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => encodePreamble({ ...p, signature: new Uint8Array(64) }))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => encodePreamble({ ...p, burnBlockHeight: -1n }))).toBe(CodecErrorCode.InvalidArgument);
  });
});

describe('message ids and relayers', () => {
  it('unknown ids, 20 and 255 are BAD_PREFIX', () => {
    for (const id of [20, 29, 100, 254, 255]) expect(codeOf(() => decodeStacksMessageType(Uint8Array.of(id)))).toBe(CodecErrorCode.BadPrefix);
  });
  it('at most 16 relayers', () => {
    const relay = { peer: { addrbytes: new Uint8Array(16), port: 1, publicKeyHash: new Uint8Array(20) }, seq: 1 };
    const many = new Array(17).fill(relay);
    expect(codeOf(() => encodeWith((w) => writeRelayers(w, many)))).toBe(CodecErrorCode.TooLarge);
    const bytes = new Uint8Array([...u32(17), ...new Array(17 * 42).fill(0)]);
    expect(codeOf(() => decodeAll(bytes, readRelayers, 'relayers'))).toBe(CodecErrorCode.TooLarge);
    expect(decodeAll(bytes.subarray(0, 4 + 16 * 42).map((b, i) => (i === 3 ? 16 : b)), readRelayers, 'relayers')).toHaveLength(16);
    const m = encodeStacksMessage({ ...sampleMessage(), relayers: new Array(16).fill(relay) });
    const tooMany = new Uint8Array([...m.subarray(0, 165), ...u32(17), ...m.subarray(169), ...new Array(42).fill(0)]);
    tooMany.set(u32(tooMany.length - 165), 161);
    expect(codeOf(() => decodeStacksMessage(tooMany))).toBe(CodecErrorCode.TooLarge);
  });
});

describe('handshake rules', () => {
  it('port 0 is rejected (and refused on encode)', () => {
    const bytes = encodeWith((w) => writeHandshakeData(w, HANDSHAKE));
    bytes.set([0, 0], 16);
    expect(codeOf(() => decodeAll(bytes, readHandshakeData, 'handshake'))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => encodeWith((w) => writeHandshakeData(w, { ...HANDSHAKE, port: 0 })))).toBe(CodecErrorCode.InvalidArgument);
  });
  it('the node public key is 33 raw bytes, not validated on decode', () => {
    const bytes = encodeWith((w) => writeHandshakeData(w, { ...HANDSHAKE, nodePublicKey: new Uint8Array(33).fill(0xee) }));
    expect(decodeAll(bytes, readHandshakeData, 'handshake').nodePublicKey).toStrictEqual(new Uint8Array(33).fill(0xee));
  });
  it('data_url: at most 128 bytes', () => {
    const ok = `http://a.com/${'x'.repeat(128 - 13)}`;
    expect(ok.length).toBe(128);
    expect(decodeAll(handshakeWithUrlBytes(new TextEncoder().encode(ok)), readHandshakeData, 'h').dataUrl).toBe(ok);
    const tooLong = new TextEncoder().encode(`${ok}x`);
    expect(codeOf(() => decodeAll(handshakeWithUrlBytes(tooLong), readHandshakeData, 'h'))).toBe(CodecErrorCode.TooLarge);
    expect(codeOf(() => encodeWith((w) => writeHandshakeData(w, { ...HANDSHAKE, dataUrl: `${ok}x` })))).toBe(CodecErrorCode.InvalidArgument);
  });
  it('data_url: an http(s) block URL or empty', () => {
    const good = ['', 'http://a.com', 'https://node.example.com:20443/', 'http://1.2.3.4:20443', 'http://[::1]:20443/v2'];
    const bad = [
      'ftp://a.com',
      'a.com',
      'http://a.com/?x=1',
      'http://a.com/#frag',
      'http://user@a.com',
      'http://user:pw@a.com',
      'http://a.com/ space',
      'http://a.com/\u00e9',
      'http://',
      'mailto:x@a.com',
      'http://a.com/"',
    ];
    for (const s of good) {
      expect(urlStringError(s), s).toBeNull();
      expect(decodeAll(handshakeWithUrlBytes(new TextEncoder().encode(s)), readHandshakeData, 'h').dataUrl).toBe(s);
    }
    for (const s of bad) {
      expect(isValidUrlString(s), s).toBe(false);
      const bytes = new TextEncoder().encode(s);
      if (bytes.length <= 128) {
        expect(codeOf(() => decodeAll(handshakeWithUrlBytes(bytes), readHandshakeData, 'h')), s).toBe(CodecErrorCode.InvalidString);
      }
      expect(codeOf(() => encodeWith((w) => writeHandshakeData(w, { ...HANDSHAKE, dataUrl: s }))), s).toBe(CodecErrorCode.InvalidArgument);
    }
  });
  it('data_url: invalid UTF-8 is INVALID_STRING', () => {
    expect(codeOf(() => decodeAll(Uint8Array.of(2, 0xc3, 0x28), readUrlString, 'url'))).toBe(CodecErrorCode.InvalidString);
  });
  it('StackerDB handshake: at most 255 contracts on encode; contract ids are checked', () => {
    const cid = { type: 'contract' as const, version: 22, hash160: new Uint8Array(20), contractName: 'foo' };
    const d = { rcConsensusHash: new Uint8Array(20), smartContracts: new Array(255).fill(cid) };
    const bytes = encodeWith((w) => writeStackerDBHandshakeData(w, d));
    expect(decodeAll(bytes, readStackerDBHandshakeData, 's').smartContracts).toHaveLength(255);
    expect(codeOf(() => encodeWith((w) => writeStackerDBHandshakeData(w, { ...d, smartContracts: new Array(256).fill(cid) })))).toBe(
      CodecErrorCode.TooLarge,
    );
    const one = encodeWith((w) => writeStackerDBHandshakeData(w, { ...d, smartContracts: [cid] }));
    const badVersion = one.slice();
    badVersion[21] = 32;
    expect(codeOf(() => decodeAll(badVersion, readStackerDBHandshakeData, 's'))).toBe(CodecErrorCode.InvalidValue);
    const badName = one.slice();
    badName[42] = 0;
    expect(codeOf(() => decodeAll(badName.subarray(0, 43), readStackerDBHandshakeData, 's'))).toBe(CodecErrorCode.InvalidName);
    const badChar = one.slice();
    badChar[43] = '1'.charCodeAt(0);
    expect(codeOf(() => decodeAll(badChar, readStackerDBHandshakeData, 's'))).toBe(CodecErrorCode.InvalidName);
    const longName = new Uint8Array([...one.subarray(0, 42), 41, ...new Array(41).fill(0x61)]);
    expect(codeOf(() => decodeAll(longName, readStackerDBHandshakeData, 's'))).toBe(CodecErrorCode.InvalidName);
  });
});

describe('neighbors and availability', () => {
  it('at most 128 neighbors', () => {
    const n = { addrbytes: new Uint8Array(16), port: 0, publicKeyHash: new Uint8Array(20) };
    const bytes = encodeWith((w) => writeNeighborsData(w, { neighbors: new Array(128).fill(n) }));
    expect(decodeAll(bytes, readNeighborsData, 'n').neighbors).toHaveLength(128);
    expect(codeOf(() => encodeWith((w) => writeNeighborsData(w, { neighbors: new Array(129).fill(n) })))).toBe(CodecErrorCode.TooLarge);
    expect(codeOf(() => decodeAll(new Uint8Array([...u32(129), ...new Array(129 * 38).fill(0)]), readNeighborsData, 'n'))).toBe(
      CodecErrorCode.TooLarge,
    );
  });
  it('at most 32 available blocks', () => {
    const body = [...u32(33), ...new Array(33 * 52).fill(0)];
    for (const id of [C.StacksMessageId.BlocksAvailable, C.StacksMessageId.MicroblocksAvailable]) {
      expect(codeOf(() => decodeStacksMessageType(Uint8Array.from([id, ...body])))).toBe(CodecErrorCode.TooLarge);
    }
    const ok = Uint8Array.from([C.StacksMessageId.BlocksAvailable, ...u32(32), ...new Array(32 * 52).fill(0)]);
    expect(decodeStacksMessageType(ok).type).toBe('BlocksAvailable');
  });
  it('Nack accepts any u32 code, as the reference does', () => {
    const m = decodeStacksMessageType(Uint8Array.from([C.StacksMessageId.Nack, ...u32(0xdeadbeef)]));
    expect(m).toEqual({ type: 'Nack', data: { errorCode: 0xdeadbeef } });
  });
});

describe('inventories', () => {
  const ch = new Array(20).fill(0x55);
  it('GetBlocksInv: num_blocks 0 is rejected', () => {
    expect(codeOf(() => decodeAll(Uint8Array.from([...ch, 0, 0]), readGetBlocksInv, 'g'))).toBe(CodecErrorCode.InvalidValue);
    expect(decodeAll(Uint8Array.from([...ch, 0xff, 0xff]), readGetBlocksInv, 'g').numBlocks).toBe(0xffff);
  });
  it('BlocksInv: bitlen 0 and byte vectors of the wrong length are rejected', () => {
    expect(codeOf(() => decodeAll(Uint8Array.from([0, 0, ...u32(0), ...u32(0)]), readBlocksInvData, 'b'))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => decodeAll(Uint8Array.from([0, 9, ...u32(1), 0xff, ...u32(2), 0, 0]), readBlocksInvData, 'b'))).toBe(
      CodecErrorCode.InvalidValue,
    );
    expect(codeOf(() => decodeAll(Uint8Array.from([0, 9, ...u32(2), 0xff, 1, ...u32(1), 0]), readBlocksInvData, 'b'))).toBe(
      CodecErrorCode.InvalidValue,
    );
    expect(decodeAll(Uint8Array.from([0, 9, ...u32(2), 0xff, 1, ...u32(2), 0, 1]), readBlocksInvData, 'b').bitlen).toBe(9);
    expect(codeOf(() => encodeWith((w) => writeBlocksInvData(w, { bitlen: 0, blockBitvec: new Uint8Array(), microblocksBitvec: new Uint8Array() })))).toBe(
      CodecErrorCode.InvalidArgument,
    );
  });
  it('GetPoxInv: num_cycles in 1..4096', () => {
    expect(codeOf(() => decodeAll(Uint8Array.from([...ch, 0, 0]), readGetPoxInv, 'g'))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => decodeAll(Uint8Array.from([...ch, ...u16(4097)]), readGetPoxInv, 'g'))).toBe(CodecErrorCode.InvalidValue);
    expect(decodeAll(Uint8Array.from([...ch, ...u16(4096)]), readGetPoxInv, 'g').numCycles).toBe(4096);
    expect(codeOf(() => encodeWith((w) => writeGetPoxInv(w, { consensusHash: new Uint8Array(20), numCycles: 4097 })))).toBe(
      CodecErrorCode.InvalidArgument,
    );
  });
  it('PoxInv: bitlen in 1..4096 with exactly ceil(bitlen / 8) bytes', () => {
    expect(codeOf(() => decodeAll(Uint8Array.from([0, 0, ...u32(0)]), readPoxInvData, 'p'))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => decodeAll(Uint8Array.from([...u16(4097), ...u32(513), ...new Array(513).fill(0)]), readPoxInvData, 'p'))).toBe(
      CodecErrorCode.InvalidValue,
    );
    expect(codeOf(() => decodeAll(Uint8Array.from([0, 8, ...u32(2), 0, 0]), readPoxInvData, 'p'))).toBe(CodecErrorCode.InvalidValue);
    expect(decodeAll(Uint8Array.from([...u16(4096), ...u32(512), ...new Array(512).fill(0)]), readPoxInvData, 'p').bitlen).toBe(4096);
    expect(codeOf(() => encodeWith((w) => writePoxInvData(w, { bitlen: 8, poxBitvec: new Uint8Array(2) })))).toBe(CodecErrorCode.InvalidArgument);
  });
  it('NakamotoInv: 1..2100 bits with exactly ceil(len / 8) bytes', () => {
    expect(codeOf(() => decodeAll(Uint8Array.from([0, 0, ...u32(0)]), readNakamotoInvData, 'n'))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => decodeAll(Uint8Array.from([...u16(2101), ...u32(263), ...new Array(263).fill(0)]), readNakamotoInvData, 'n'))).toBe(
      CodecErrorCode.TooLarge,
    );
    expect(codeOf(() => decodeAll(Uint8Array.from([0, 32, ...u32(5), 0, 0, 0, 0, 0]), readNakamotoInvData, 'n'))).toBe(CodecErrorCode.InvalidValue);
    const max = bitVecFromBools(new Array(2100).fill(true));
    expect(decodeAll(encodeWith((w) => writeNakamotoInvData(w, { tenures: max })), readNakamotoInvData, 'n').tenures.len).toBe(2100);
    const over = bitVecFromBools(new Array(2101).fill(true));
    expect(codeOf(() => encodeWith((w) => writeNakamotoInvData(w, { tenures: over })))).toBe(CodecErrorCode.InvalidArgument);
  });
});

describe('pushed blocks, microblocks and transactions', () => {
  const blocks = (n: number): StacksMessageType => ({
    type: 'Blocks',
    data: { blocks: Array.from({ length: n }, (_, i) => ({ consensusHash: new Uint8Array(20).fill(i), block: SAMPLE_STACKS_BLOCK })) },
  });
  it('Blocks: at most 32, no duplicate consensus hash', () => {
    expect(decodeStacksMessageType(encodeStacksMessageType(blocks(2)))).toEqual(blocks(2));
    expect(codeOf(() => encodeStacksMessageType(blocks(33)))).toBe(CodecErrorCode.TooLarge);
    const body = encodeStacksMessageType(blocks(1)).subarray(5);
    const many = Uint8Array.from([C.StacksMessageId.Blocks, ...u32(33), ...body]);
    expect(codeOf(() => decodeStacksMessageType(many))).toBe(CodecErrorCode.TooLarge);
    const dup = Uint8Array.from([C.StacksMessageId.Blocks, ...u32(2), ...body, ...body]);
    expect(codeOf(() => decodeStacksMessageType(dup))).toBe(CodecErrorCode.Duplicate);
  });
  it('Blocks: each block is read within MAX_BLOCK_LEN bytes', () => {
    // The sample block's header, then enough transactions to run past 2 MiB (never fully parsed).
    const txBytes = encodeTransaction(SAMPLE_TXS[0]!);
    const count = Math.ceil((C.MAX_BLOCK_LEN + 1) / txBytes.length);
    const w = new ByteWriter(C.MAX_BLOCK_LEN + 4096);
    w.writeU8(C.StacksMessageId.Blocks).writeU32(1).writeBytes(new Uint8Array(20));
    w.writeBytes(encodeStacksBlockHeader(SAMPLE_STACKS_BLOCK.header)).writeU32(count);
    for (let i = 0; i < count; i++) w.writeBytes(txBytes);
    expect(codeOf(() => decodeStacksMessageType(w.toBytes()))).toBe(CodecErrorCode.TooLarge);
  });
  it('NakamotoBlocks: at most 32, no duplicate block id', () => {
    const one: StacksMessageType = { type: 'NakamotoBlocks', data: { blocks: [SAMPLE_NAKAMOTO_BLOCK] } };
    expect(decodeStacksMessageType(encodeStacksMessageType(one))).toEqual(one);
    const body = encodeStacksMessageType(one).subarray(5);
    const dup = Uint8Array.from([C.StacksMessageId.NakamotoBlocks, ...u32(2), ...body, ...body]);
    expect(codeOf(() => decodeStacksMessageType(dup))).toBe(CodecErrorCode.Duplicate);
    const many = Uint8Array.from([C.StacksMessageId.NakamotoBlocks, ...u32(33), ...new Array(33 * 230).fill(0)]);
    expect(codeOf(() => decodeStacksMessageType(many))).toBe(CodecErrorCode.TooLarge);
    const tooMany: StacksMessageType = { type: 'NakamotoBlocks', data: { blocks: new Array(33).fill(SAMPLE_NAKAMOTO_BLOCK) } };
    expect(codeOf(() => encodeStacksMessageType(tooMany))).toBe(CodecErrorCode.TooLarge);
  });
  it('Microblocks: the reference allocation bound caps the count', () => {
    const m: StacksMessageType = { type: 'Microblocks', data: { indexAnchorBlock: new Uint8Array(32), microblocks: [sampleMicroblock(0), sampleMicroblock(1)] } };
    expect(decodeStacksMessageType(encodeStacksMessageType(m))).toEqual(m);
    const many = Uint8Array.from([C.StacksMessageId.Microblocks, ...new Array(32).fill(0), ...u32(C.MICROBLOCKS_PUSHED_MAX + 1)]);
    expect(codeOf(() => decodeStacksMessageType(many))).toBe(CodecErrorCode.TooLarge);
  });
  it('Transaction: the transaction codec rules apply', () => {
    const bytes = encodeStacksMessageType({ type: 'Transaction', data: SAMPLE_TXS[1]! });
    expect(decodeStacksMessageType(bytes)).toEqual({ type: 'Transaction', data: SAMPLE_TXS[1] });
    const bad = bytes.slice();
    bad[1 + 1 + 4 + 1 + 20 + 8 + 8 + 1 + 65 + 1] = 9; // anchor mode byte
    expect(codeOf(() => decodeStacksMessageType(bad))).toBe(CodecErrorCode.InvalidValue);
  });
});
