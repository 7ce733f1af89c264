import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from '../../../src/bytes.ts';
import { CodecErrorCode, isCodecError } from '../../../src/errors.ts';
import { PREAMBLE_ENCODED_SIZE, STACKS_MESSAGE_NAME_BY_ID, StacksMessageId } from '../../../src/p2p/constants.ts';
import {
  type StacksMessage,
  decodeStacksMessage,
  decodeStacksMessageBody,
  decodeStacksMessageType,
  encodeStacksMessage,
  encodeStacksMessageBody,
  encodeStacksMessageType,
  readStacksMessage,
  stacksMessageTypeId,
  writeStacksMessage,
} from '../../../src/p2p/message.ts';
import { decodePreamble, stacksMessageLength } from '../../../src/p2p/preamble.ts';
import { PAYLOAD_ARBITRARIES, arbMessage, arbPayload, arbRelayData, codeOf, sampleMessage } from './arbitraries.ts';

/** The message as it decodes: payload_len is the body length. */
function normalized(m: StacksMessage): StacksMessage {
  const body = encodeStacksMessageBody(m.relayers, m.payload);
  return { ...m, preamble: { ...m.preamble, payloadLen: body.length } };
}

const HEAVY = new Set(['Blocks', 'Microblocks', 'NakamotoBlocks', 'Transaction']);

describe('p2p payload round trips', () => {
  for (const [name, arb] of Object.entries(PAYLOAD_ARBITRARIES)) {
    it(`${name}: decode(encode(x)) = x, id byte first`, () => {
      fc.assert(
        fc.property(arb as fc.Arbitrary<Parameters<typeof encodeStacksMessageType>[0]>, (p) => {
          const bytes = encodeStacksMessageType(p);
          expect(bytes[0]).toBe(StacksMessageId[name as keyof typeof StacksMessageId]);
          expect(stacksMessageTypeId(p)).toBe(bytes[0]);
          expect(decodeStacksMessageType(bytes)).toEqual(p);
        }),
        { numRuns: HEAVY.has(name) ? 10 : 60 },
      );
    });
  }

  it('has a generator for every wire id', () => {
    expect(Object.keys(PAYLOAD_ARBITRARIES).sort()).toStrictEqual([...STACKS_MESSAGE_NAME_BY_ID.values()].sort());
    expect(STACKS_MESSAGE_NAME_BY_ID.size).toBe(28);
    expect(STACKS_MESSAGE_NAME_BY_ID.has(20)).toBe(false);
    expect(STACKS_MESSAGE_NAME_BY_ID.has(255)).toBe(false);
  });
});

describe('whole messages', () => {
  it('round-trip with payload_len computed on encode', () => {
    fc.assert(
      fc.property(arbMessage, (m) => {
        const bytes = encodeStacksMessage(m);
        const decoded = decodeStacksMessage(bytes);
        expect(decoded).toEqual(normalized(m));
        expect(bytes.length).toBe(stacksMessageLength(decoded.preamble));
        // writeStacksMessage composes into a larger stream the same way.
        const w = new ByteWriter();
        writeStacksMessage(w, m);
        writeStacksMessage(w, m);
        const r = new ByteReader(w.toBytes());
        expect(readStacksMessage(r)).toStrictEqual(decoded);
        expect(readStacksMessage(r)).toStrictEqual(decoded);
        r.expectEnd();
      }),
      { numRuns: 60 },
    );
  });

  it('frames a stream: decodePreamble, then stacksMessageLength bytes, then decodeStacksMessageBody', () => {
    fc.assert(
      fc.property(arbMessage, (m) => {
        const bytes = encodeStacksMessage(m);
        const preamble = decodePreamble(bytes.subarray(0, PREAMBLE_ENCODED_SIZE));
        const total = stacksMessageLength(preamble);
        expect(total).toBe(bytes.length);
        expect(decodeStacksMessageBody(preamble, bytes.subarray(PREAMBLE_ENCODED_SIZE, total))).toEqual(normalized(m));
      }),
      { numRuns: 30 },
    );
  });

  it('matches the reference test layout: preamble || relayers || type || body', () => {
    const m = sampleMessage();
    const bytes = encodeStacksMessage(m);
    expect(bytes.length).toBe(165 + 4 + 1 + 4);
    expect([...bytes.subarray(161, 165)]).toStrictEqual([0, 0, 0, 9]);
    expect([...bytes.subarray(165)]).toStrictEqual([0, 0, 0, 0, 15, 1, 2, 3, 4]);
  });

  it('rejects a body shorter or longer than payload_len, and bytes after the message', () => {
    const bytes = encodeStacksMessage(sampleMessage());
    const longer = bytes.slice();
    longer[164] = 10; // payload_len 10, body 9 bytes: needs one more byte
    expect(codeOf(() => decodeStacksMessage(longer))).toBe(CodecErrorCode.UnexpectedEof);
    const withExtra = new Uint8Array([...longer, 0xff]);
    expect(codeOf(() => decodeStacksMessage(withExtra))).toBe(CodecErrorCode.TrailingBytes);
    const shorter = bytes.slice();
    shorter[164] = 8;
    expect(codeOf(() => decodeStacksMessage(shorter))).toBe(CodecErrorCode.UnexpectedEof);
    expect(codeOf(() => decodeStacksMessage(shorter.subarray(0, bytes.length - 1)))).toBe(CodecErrorCode.UnexpectedEof);
    expect(codeOf(() => decodeStacksMessage(new Uint8Array([...bytes, 0])))).toBe(CodecErrorCode.TrailingBytes);
    const preamble = decodePreamble(bytes.subarray(0, 165));
    expect(codeOf(() => decodeStacksMessageBody(preamble, bytes.subarray(165, bytes.length - 1)))).toBe(CodecErrorCode.UnexpectedEof);
    expect(codeOf(() => decodeStacksMessageBody(preamble, new Uint8Array([...bytes.subarray(165), 0])))).toBe(CodecErrorCode.TrailingBytes);
  });
});

describe('truncation and hostile input', () => {
  it('every strict prefix of a whole message of every type fails with UNEXPECTED_EOF only', () => {
    for (const [name, arb] of Object.entries(PAYLOAD_ARBITRARIES)) {
      const [payload] = fc.sample(arb as fc.Arbitrary<Parameters<typeof encodeStacksMessageType>[0]>, { numRuns: 1, seed: 7 });
      const bytes = encodeStacksMessage({ ...sampleMessage(payload), relayers: fc.sample(arbRelayData, { numRuns: 2, seed: 3 }) });
      for (let n = 0; n < bytes.length; n++) {
        const code = codeOf(() => decodeStacksMessage(bytes.subarray(0, n)));
        if (code !== CodecErrorCode.UnexpectedEof) throw new Error(`${name}: prefix ${n} gave ${code}`);
      }
    }
  });

  it('every strict prefix of every payload fails with a CodecError only', () => {
    for (const arb of Object.values(PAYLOAD_ARBITRARIES)) {
      for (const payload of fc.sample(arb as fc.Arbitrary<Parameters<typeof encodeStacksMessageType>[0]>, { numRuns: 3, seed: 11 })) {
        const bytes = encodeStacksMessageType(payload);
        for (let n = 0; n < bytes.length; n++) codeOf(() => decodeStacksMessageType(bytes.subarray(0, n)));
      }
    }
  });

  it('random bytes after a valid preamble only ever give CodecErrors', () => {
    const preamble = encodeStacksMessage(sampleMessage()).subarray(0, 161);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (body) => {
        const len = new Uint8Array(4);
        new DataView(len.buffer).setUint32(0, body.length);
        try {
          decodeStacksMessage(new Uint8Array([...preamble, ...len, ...body]));
        } catch (err) {
          if (!isCodecError(err)) throw err;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('random payload bytes with a valid id byte only ever give CodecErrors', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STACKS_MESSAGE_NAME_BY_ID.keys()), fc.uint8Array({ maxLength: 300 }), (id, rest) => {
        try {
          decodeStacksMessageType(new Uint8Array([id, ...rest]));
        } catch (err) {
          if (!isCodecError(err)) throw err;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('single-byte mutations of valid messages decode or give CodecErrors', () => {
    fc.assert(
      fc.property(arbMessage, fc.nat(), fc.integer({ min: 0, max: 255 }), (m, at, byte) => {
        const bytes = encodeStacksMessage(m);
        bytes[at % bytes.length] = byte;
        try {
          decodeStacksMessage(bytes);
        } catch (err) {
          if (!isCodecError(err)) throw err;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('huge counts are refused from the count alone, without reading or allocating', () => {
    const id = (name: keyof typeof StacksMessageId) => StacksMessageId[name];
    const max = [0xff, 0xff, 0xff, 0xff];
    const cases: [string, number[]][] = [
      ['Neighbors', [id('Neighbors'), ...max]],
      ['BlocksAvailable', [id('BlocksAvailable'), ...max]],
      ['MicroblocksAvailable', [id('MicroblocksAvailable'), ...max]],
      ['Blocks', [id('Blocks'), ...max]],
      ['NakamotoBlocks', [id('NakamotoBlocks'), ...max]],
      ['Microblocks', [id('Microblocks'), ...new Array(32).fill(0), ...max]],
      ['StackerDBChunkInv', [id('StackerDBChunkInv'), ...max]],
      ['StackerDBChunk', [id('StackerDBChunk'), ...new Array(73).fill(0), ...max]],
      ['BlocksInv', [id('BlocksInv'), 0xff, 0xff, ...max]],
      ['PoxInv', [id('PoxInv'), 0x00, 0x08, ...max]],
      ['NakamotoInv', [id('NakamotoInv'), 0x00, 0x08, ...max]],
    ];
    for (const [name, bytes] of cases) {
      const code = codeOf(() => decodeStacksMessageType(Uint8Array.from(bytes)));
      expect([CodecErrorCode.TooLarge, CodecErrorCode.InvalidValue, CodecErrorCode.UnexpectedEof], name).toContain(code);
    }
    // The relayer vector and the whole message.
    const m = encodeStacksMessage(sampleMessage());
    const relayers = m.slice();
    relayers.set(max, 165);
    expect(codeOf(() => decodeStacksMessage(relayers))).toBe(CodecErrorCode.TooLarge);
    const payloadLen = m.slice();
    payloadLen.set([0x00, 0xff, 0xff, 0x00], 161);
    expect(codeOf(() => decodeStacksMessage(payloadLen))).toBe(CodecErrorCode.UnexpectedEof);
  });

  it('arbitrary payloads decode to the same bytes they came from (canonical encoding)', () => {
    fc.assert(
      fc.property(arbPayload, (p) => {
        const bytes = encodeStacksMessageType(p);
        expect(encodeStacksMessageType(decodeStacksMessageType(bytes))).toStrictEqual(bytes);
      }),
      { numRuns: 100 },
    );
  });
});
