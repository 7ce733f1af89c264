import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@stacks-ts/common';
import { Cl, hashStructuredData as theirHashStructuredData, signStructuredData as theirSignStructuredData } from '@stacks/transactions';
import { sha256 } from '../../../src/crypto/hashes.ts';
import { SECP256K1_ORDER, publicKeyFromPrivate, signRecoverable, vrsToRsv } from '../../../src/crypto/secp256k1.ts';
import {
  LEGACY_STACKS_MESSAGE_PREFIX,
  SIP018_MESSAGE_PREFIX,
  STACKS_MESSAGE_PREFIX,
  encodeBitcoinVarint,
  encodeMessage,
  hashMessage,
  hashStructuredData,
  signMessage,
  signStructuredData,
  sip018Domain,
  sip018MessageHash,
  verifyMessageSignature,
  verifyStructuredDataSignature,
} from '../../../src/crypto/message.ts';
import { CodecErrorCode, isCodecError } from '../../../src/errors.ts';

const secretKey = fc
  .bigInt({ min: 1n, max: SECP256K1_ORDER - 1n })
  .map((v) => concatBytes(hexToBytes(v.toString(16).padStart(64, '0')), Uint8Array.of(1)));

describe('Bitcoin varint', () => {
  it('encodes each size class little-endian', () => {
    expect(bytesToHex(encodeBitcoinVarint(0))).toBe('00');
    expect(bytesToHex(encodeBitcoinVarint(0xfc))).toBe('fc');
    expect(bytesToHex(encodeBitcoinVarint(0xfd))).toBe('fdfd00');
    expect(bytesToHex(encodeBitcoinVarint(284))).toBe('fd1c01');
    expect(bytesToHex(encodeBitcoinVarint(0xffff))).toBe('fdffff');
    expect(bytesToHex(encodeBitcoinVarint(0x10000))).toBe('fe00000100');
    expect(bytesToHex(encodeBitcoinVarint(0xffffffff))).toBe('feffffffff');
    expect(bytesToHex(encodeBitcoinVarint(0x100000000n))).toBe('ff0000000001000000');
    expect(() => encodeBitcoinVarint(-1)).toThrow();
    try {
      encodeBitcoinVarint(2n ** 64n);
    } catch (err) {
      expect(isCodecError(err, CodecErrorCode.InvalidArgument)).toBe(true);
    }
  });
});

describe('Stacks signed messages', () => {
  it('prefixes with 0x17 "Stacks Signed Message:\\n" and the length', () => {
    expect(encodeMessage('hi')).toEqual(concatBytes(utf8ToBytes(STACKS_MESSAGE_PREFIX), Uint8Array.of(2), utf8ToBytes('hi')));
    expect(utf8ToBytes(STACKS_MESSAGE_PREFIX)[0]).toBe(0x17);
    expect(utf8ToBytes(LEGACY_STACKS_MESSAGE_PREFIX)[0]).toBe(0x18);
    expect(hashMessage(Uint8Array.of(1, 2))).toEqual(sha256(encodeMessage(Uint8Array.of(1, 2))));
  });

  it('sign / verify round trip, legacy prefix accepted, other messages and keys rejected', () => {
    fc.assert(
      fc.property(secretKey, fc.string({ maxLength: 300 }), (sk, msg) => {
        const pk = publicKeyFromPrivate(sk);
        const sig = signMessage(msg, sk);
        expect(sig.length).toBe(65);
        expect(verifyMessageSignature(msg, sig, pk)).toBe(true);
        expect(verifyMessageSignature(`${msg}!`, sig, pk)).toBe(false);
        const legacy = vrsToRsv(signRecoverable(hashMessage(msg, LEGACY_STACKS_MESSAGE_PREFIX), sk));
        expect(verifyMessageSignature(msg, legacy, pk)).toBe(true);
        expect(verifyMessageSignature(msg, sig.subarray(1), pk)).toBe(false);
      }),
      { numRuns: 20 },
    );
  });
});

describe('SIP-018 structured data', () => {
  it('domain tuple and hashes match @stacks/transactions', () => {
    const domain = sip018Domain('Test App', '1.0.0', 1);
    const theirDomain = Cl.tuple({ name: Cl.stringAscii('Test App'), version: Cl.stringAscii('1.0.0'), 'chain-id': Cl.uint(1) });
    expect(bytesToHex(hashStructuredData(domain))).toBe(theirHashStructuredData(theirDomain));
    expect(bytesToHex(SIP018_MESSAGE_PREFIX)).toBe('534950303138');
  });

  it('sign / verify round trip and agreement with @stacks/transactions signStructuredData', () => {
    fc.assert(
      fc.property(secretKey, fc.string({ maxLength: 50 }).filter((s) => /^[\x20-\x7e]*$/.test(s)), fc.bigInt({ min: 0n, max: 2n ** 32n }), (sk, text, chainId) => {
        const domain = sip018Domain('App', '1', chainId);
        const message = { type: 'string-ascii' as const, value: text };
        const pk = publicKeyFromPrivate(sk);
        const sig = signStructuredData(domain, message, sk);
        expect(verifyStructuredDataSignature(domain, message, sig, pk)).toBe(true);
        expect(verifyStructuredDataSignature(sip018Domain('App', '2', chainId), message, sig, pk)).toBe(false);
        const theirs = theirSignStructuredData({
          message: Cl.stringAscii(text),
          domain: Cl.tuple({ name: Cl.stringAscii('App'), version: Cl.stringAscii('1'), 'chain-id': Cl.uint(chainId) }),
          privateKey: bytesToHex(sk),
        });
        expect(bytesToHex(sig)).toBe(theirs);
        expect(sip018MessageHash(domain, message)).toEqual(
          sha256(concatBytes(SIP018_MESSAGE_PREFIX, hashStructuredData(domain), hashStructuredData(message))),
        );
      }),
      { numRuns: 15 },
    );
  });
});
