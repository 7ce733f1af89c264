import { hexToBytes } from '@stacks-ts/common';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha512_256 } from '../../../src/crypto/hashes.ts';
import { decompressPublicKey, isHighS, negateSignatureS, publicKeyFromPrivate } from '../../../src/crypto/secp256k1.ts';
import { CodecErrorCode } from '../../../src/errors.ts';
import { MAX_RELAYERS_LEN, PREAMBLE_ENCODED_SIZE } from '../../../src/p2p/constants.ts';
import { type StacksMessage, decodeStacksMessage, encodeStacksMessage, encodeStacksMessageBody } from '../../../src/p2p/message.ts';
import type { NeighborAddress } from '../../../src/p2p/neighbor.ts';
import { decodePreamble, encodePreamble } from '../../../src/p2p/preamble.ts';
import {
  relayStacksMessage,
  signStacksMessage,
  stacksMessageSigningDigest,
  verifyStacksMessage,
  verifyStacksMessageBytes,
} from '../../../src/p2p/sign.ts';
import { arbMessage, codeOf, sampleMessage } from './arbitraries.ts';

const KEY = hexToBytes('4bbe4e7dc879afedf4bf258a7385cf78ccf3a68a77f9cfc624f433d009f812f901');
const KEY_UNCOMPRESSED = KEY.subarray(0, 32);
const OTHER_KEY = hexToBytes('0101010101010101010101010101010101010101010101010101010101010101');
const PUB = publicKeyFromPrivate(KEY);

const address = (fill: number): NeighborAddress => ({ addrbytes: new Uint8Array(16).fill(fill), port: 20444, publicKeyHash: new Uint8Array(20).fill(fill) });

describe('signStacksMessage / verifyStacksMessage', () => {
  it('signs over SHA-512/256(preamble with zero signature || relayers || payload)', () => {
    const signed = signStacksMessage(sampleMessage(), KEY);
    const body = encodeStacksMessageBody(signed.relayers, signed.payload);
    expect(signed.preamble.payloadLen).toBe(body.length);
    const zero = encodePreamble({ ...signed.preamble, signature: new Uint8Array(65) });
    expect(stacksMessageSigningDigest(signed.preamble, body)).toStrictEqual(sha512_256(new Uint8Array([...zero, ...body])));
    expect(signed.preamble.signature[0]).toBeLessThanOrEqual(3);
    expect(isHighS(signed.preamble.signature)).toBe(false);
    expect(verifyStacksMessage(signed, PUB)).toBe(true);
    expect(verifyStacksMessage(signed, decompressPublicKey(PUB))).toBe(true);
  });

  it('returns a new message and is deterministic (RFC 6979)', () => {
    const m = sampleMessage();
    const a = signStacksMessage(m, KEY);
    expect(m.preamble.signature).toStrictEqual(new Uint8Array(65).fill(0x44));
    expect(m.preamble.payloadLen).toBe(0);
    expect(signStacksMessage(m, KEY)).toStrictEqual(a);
    expect(signStacksMessage(m, KEY_UNCOMPRESSED).preamble.signature).toStrictEqual(a.preamble.signature);
  });

  it('the signature survives the wire and verifies from raw bytes', () => {
    const signed = signStacksMessage({ ...sampleMessage(), relayers: [{ peer: address(3), seq: 5 }] }, KEY);
    const bytes = encodeStacksMessage(signed);
    const decoded = decodeStacksMessage(bytes);
    expect(decoded).toStrictEqual(signed);
    expect(verifyStacksMessage(decoded, PUB)).toBe(true);
    const preamble = decodePreamble(bytes.subarray(0, PREAMBLE_ENCODED_SIZE));
    expect(verifyStacksMessageBytes(preamble, bytes.subarray(PREAMBLE_ENCODED_SIZE), PUB)).toBe(true);
    const tampered = bytes.slice(PREAMBLE_ENCODED_SIZE);
    tampered[tampered.length - 1]! ^= 1;
    expect(verifyStacksMessageBytes(preamble, tampered, PUB)).toBe(false);
    expect(verifyStacksMessageBytes(preamble, tampered.subarray(1), PUB)).toBe(false);
  });

  it('any change to a signed field makes verification fail', () => {
    const s = signStacksMessage(sampleMessage(), KEY);
    const p = s.preamble;
    const variants: StacksMessage[] = [
      { ...s, preamble: { ...p, peerVersion: p.peerVersion ^ 1 } },
      { ...s, preamble: { ...p, networkId: p.networkId ^ 1 } },
      { ...s, preamble: { ...p, seq: p.seq + 1 } },
      { ...s, preamble: { ...p, burnBlockHeight: p.burnBlockHeight + 1n } },
      { ...s, preamble: { ...p, burnBlockHash: new Uint8Array(32) } },
      { ...s, preamble: { ...p, burnStableBlockHeight: p.burnStableBlockHeight - 1n } },
      { ...s, preamble: { ...p, burnStableBlockHash: new Uint8Array(32) } },
      { ...s, preamble: { ...p, additionalData: 0 } },
      { ...s, preamble: { ...p, payloadLen: p.payloadLen + 1 } },
      { ...s, relayers: [{ peer: address(1), seq: 1 }] },
      { ...s, payload: { type: 'Ping', data: { nonce: 0x01020305 } } },
      { ...s, payload: { type: 'Pong', data: { nonce: 0x01020304 } } },
    ];
    for (const v of variants) expect(verifyStacksMessage(v, PUB)).toBe(false);
    expect(verifyStacksMessage(s, publicKeyFromPrivate(OTHER_KEY))).toBe(false);
  });

  it('malformed signatures and keys give false, high S is refused', () => {
    const s = signStacksMessage(sampleMessage(), KEY);
    const withSig = (signature: Uint8Array): StacksMessage => ({ ...s, preamble: { ...s.preamble, signature } });
    expect(verifyStacksMessage(withSig(negateSignatureS(s.preamble.signature)), PUB)).toBe(false);
    expect(verifyStacksMessage(withSig(new Uint8Array(65)), PUB)).toBe(false);
    expect(verifyStacksMessage(withSig(Uint8Array.from([4, ...s.preamble.signature.subarray(1)])), PUB)).toBe(false);
    expect(verifyStacksMessage(withSig(new Uint8Array(65).fill(0xff)), PUB)).toBe(false);
    expect(verifyStacksMessage(s, new Uint8Array(33).fill(2))).toBe(false);
    expect(verifyStacksMessage(s, new Uint8Array(12))).toBe(false);
  });

  it('refuses a bad private key with a CodecError', () => {
    expect(codeOf(() => signStacksMessage(sampleMessage(), new Uint8Array(32)))).toBe(CodecErrorCode.InvalidPrivateKey);
    expect(codeOf(() => signStacksMessage(sampleMessage(), new Uint8Array(31).fill(1)))).toBe(CodecErrorCode.InvalidPrivateKey);
  });

  it('sign then verify holds for arbitrary messages', () => {
    fc.assert(
      fc.property(arbMessage, (m) => {
        const signed = signStacksMessage(m, KEY);
        expect(verifyStacksMessage(signed, PUB)).toBe(true);
        expect(verifyStacksMessage(decodeStacksMessage(encodeStacksMessage(signed)), PUB)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});

describe('relayStacksMessage', () => {
  it('appends RelayData{our address, previous seq}, sets our seq and re-signs', () => {
    const original = signStacksMessage({ ...sampleMessage(), preamble: { ...sampleMessage().preamble, seq: 444 } }, KEY);
    const relayed = relayStacksMessage(original, OTHER_KEY, 9, address(7));
    expect(relayed.relayers).toStrictEqual([{ peer: address(7), seq: 444 }]);
    expect(relayed.preamble.seq).toBe(9);
    expect(relayed.payload).toStrictEqual(original.payload);
    expect(relayed.preamble.payloadLen).toBe(original.preamble.payloadLen + 42);
    expect(verifyStacksMessage(relayed, publicKeyFromPrivate(OTHER_KEY))).toBe(true);
    expect(verifyStacksMessage(relayed, PUB)).toBe(false);
    const twice = relayStacksMessage(relayed, KEY, 10, address(8));
    expect(twice.relayers.map((r) => r.seq)).toStrictEqual([444, 9]);
    expect(verifyStacksMessage(twice, PUB)).toBe(true);
  });

  it('refuses a 17th relayer and a second relay by the same key hash', () => {
    let m = signStacksMessage(sampleMessage(), KEY);
    for (let i = 0; i < MAX_RELAYERS_LEN; i++) m = relayStacksMessage(m, KEY, i, address(i + 1));
    expect(m.relayers).toHaveLength(16);
    expect(verifyStacksMessage(decodeStacksMessage(encodeStacksMessage(m)), PUB)).toBe(true);
    expect(codeOf(() => relayStacksMessage(m, KEY, 99, address(100)))).toBe(CodecErrorCode.TooLarge);
    const once = relayStacksMessage(signStacksMessage(sampleMessage(), KEY), KEY, 1, address(5));
    expect(codeOf(() => relayStacksMessage(once, KEY, 2, { ...address(6), publicKeyHash: address(5).publicKeyHash }))).toBe(
      CodecErrorCode.Duplicate,
    );
  });
});
