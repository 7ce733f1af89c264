// The names other layers and tools rely on, imported from the package root exactly as a user
// would, with the shapes the foundation issue promises: synchronous, plain Uint8Arrays in and out,
// CodecError (a StacksError with a string code) as the only thing decoders throw.
import { readFileSync } from 'node:fs';
import { StacksError, bytesToHex, hexToBytes } from '@stacks-ts/common';
import { describe, expect, it } from 'vitest';
import * as codec from '@stacks-ts/codec';

const REQUIRED = [
  'decodeTransaction',
  'encodeTransaction',
  'txid',
  'verifyTransactionAuth',
  'signTransaction',
  'decodeClarityValue',
  'encodeClarityValue',
  'c32addressEncode',
  'c32addressDecode',
  'decodeNakamotoBlock',
  'encodeNakamotoBlock',
  'nakamotoBlockHash',
  'stacksBlockId',
  'decodeStacksMessage',
  'encodeStacksMessage',
  'vrfProve',
  'vrfVerify',
  'vrfProofToHash',
] as const;

const vectors = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../../../test-vectors/${file}`, import.meta.url), 'utf8')).vectors as Record<string, any>[];

describe('@stacks-ts/codec public API', () => {
  it('exports every promised function', () => {
    for (const name of REQUIRED) expect(typeof (codec as Record<string, unknown>)[name], name).toBe('function');
    expect(new codec.CodecError(codec.CodecErrorCode.UnexpectedEof, 'x')).toBeInstanceOf(StacksError);
  });

  it('transactions: decode, encode, txid as hex, verify returns a value, sign is synchronous', () => {
    const v = vectors('tx.json').find((e) => e.kind === 'tx_decode' && e.expected_txid)!;
    const bytes = hexToBytes(v.tx_hex);
    const tx = codec.decodeTransaction(bytes);
    const out = codec.encodeTransaction(tx);
    expect(out).toBeInstanceOf(Uint8Array);
    expect(bytesToHex(out)).toBe(v.tx_hex);
    expect(codec.txid(tx)).toBe(v.expected_txid);
    expect(codec.verifyTransactionAuth(tx)).toEqual({ ok: true });
    expect(tx.auth.type === 'standard' && tx.auth.origin.type === 'singlesig').toBe(true);
    const badFee = bytes.slice();
    badFee[42]! ^= 1; // the last byte of the origin's fee: still decodes, no longer what was signed
    const tampered = codec.decodeTransaction(badFee);
    const res = codec.verifyTransactionAuth(tampered);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(typeof res.reason).toBe('string');
    const key = codec.privateKeyFromSeed(new Uint8Array(32).fill(9));
    const signed = codec.signTransaction(
      codec.createTransaction({
        payload: { type: 'coinbase', payload: new Uint8Array(32) },
        origin: codec.createSinglesigSpendingCondition({ publicKey: codec.publicKeyFromPrivate(key) }),
      }),
      key,
    );
    expect(signed).not.toBeInstanceOf(Promise);
    expect(codec.verifyTransactionAuth(signed)).toEqual({ ok: true });
  });

  it('decoders throw CodecError with a string code and nothing else', () => {
    for (const decode of [codec.decodeTransaction, codec.decodeClarityValue, codec.decodeNakamotoBlock, codec.decodeStacksMessage]) {
      for (const input of [new Uint8Array(0), Uint8Array.of(0xff), new Uint8Array(300).fill(0xee)]) {
        let err: unknown;
        try {
          decode(input);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(codec.CodecError);
        expect(typeof (err as codec.CodecError).code).toBe('string');
      }
    }
  });

  it('c32 addresses: version as a number, hash160 as bytes', () => {
    const hash160 = hexToBytes('a46ff88886c2ef9762d970b4d2c63678835bd39d');
    const addr = codec.c32addressEncode(22, hash160);
    expect(addr).toBe('SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7');
    const back = codec.c32addressDecode(addr);
    expect(back.version).toBe(22);
    expect(back.hash160).toBeInstanceOf(Uint8Array);
    expect(bytesToHex(back.hash160)).toBe(bytesToHex(hash160));
  });

  it('Nakamoto blocks: decode, encode, block hash and block id are byte arrays', () => {
    const v = vectors('nakamoto-header.json').find((e) => e.kind === 'nakamoto_block_decode')!;
    const hex = (v.block_hex ?? v.hex) as string;
    const block = codec.decodeNakamotoBlock(hexToBytes(hex));
    expect(bytesToHex(codec.encodeNakamotoBlock(block))).toBe(hex);
    const hash = codec.nakamotoBlockHash(block.header);
    const id = codec.stacksBlockId(hash, block.header.consensusHash);
    expect(hash).toHaveLength(32);
    expect(id).toHaveLength(32);
  });

  it('p2p messages and the VRF round-trip through the root exports', () => {
    const key = codec.privateKeyFromSeed(new Uint8Array(32).fill(4));
    const msg = codec.signStacksMessage(
      {
        preamble: {
          peerVersion: 0x1800000e,
          networkId: 0x17000000,
          seq: 1,
          burnBlockHeight: 10n,
          burnBlockHash: new Uint8Array(32).fill(1),
          burnStableBlockHeight: 3n,
          burnStableBlockHash: new Uint8Array(32).fill(2),
          additionalData: 0,
          signature: codec.EMPTY_MESSAGE_SIGNATURE,
          payloadLen: 0,
        },
        relayers: [],
        payload: { type: 'Ping', data: { nonce: 7 } },
      },
      key,
    );
    const wire = codec.encodeStacksMessage(msg);
    const back = codec.decodeStacksMessage(wire);
    expect(back.payload).toEqual({ type: 'Ping', data: { nonce: 7 } });
    expect(codec.verifyStacksMessage(back, codec.publicKeyFromPrivate(key))).toBe(true);
    const secret = new Uint8Array(32).fill(1);
    const proof = codec.vrfProve(secret, Uint8Array.of(1, 2, 3));
    expect(proof).toHaveLength(80);
    expect(codec.vrfVerify(codec.vrfPublicKeyFromSecret(secret), proof, Uint8Array.of(1, 2, 3))).toBe(true);
    expect(codec.vrfVerify(codec.vrfPublicKeyFromSecret(secret), proof, Uint8Array.of(1, 2, 4))).toBe(false);
    expect(codec.vrfProofToHash(proof)).toHaveLength(64);
  });

  it('the package export map points `import` at the built file', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.type).toBe('module');
    expect(pkg.exports['.'].import).toBe('./dist/index.js');
    expect(pkg.exports['.'].types).toBe('./dist/index.d.ts');
  });
});
