import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytesToHex, concatBytes, hexToBytes } from '@stacks-ts/common';
import { ByteReader, ByteWriter } from '../../../src/bytes.ts';
import { encodeClarityValue } from '../../../src/clarity/codec.ts';
import { CodecError, CodecErrorCode, isCodecError } from '../../../src/errors.ts';
import { decodeSpendingCondition, encodeSpendingCondition } from '../../../src/transaction/auth.ts';
import { createSinglesigSpendingCondition, createTransaction } from '../../../src/transaction/build.ts';
import {
  decodeMicroblockHeader,
  encodeMicroblockHeader,
  microblockHeaderHash,
  type StacksMicroblockHeader,
} from '../../../src/transaction/microblock-header.ts';
import { MAX_CONTRACT_CALL_ARGS, decodeTransactionPayload, encodeTransactionPayload } from '../../../src/transaction/payload.ts';
import { decodePostCondition, encodePostCondition } from '../../../src/transaction/post-condition.ts';
import {
  MAX_POST_CONDITIONS,
  decodeTransaction,
  encodeTransaction,
  readTransaction,
  txid,
  txidBytes,
} from '../../../src/transaction/transaction.ts';
import {
  AnchorMode,
  MAX_TRANSACTION_LEN,
  MultisigHashMode,
  PostConditionMode,
  PublicKeyEncoding,
  SinglesigHashMode,
  TransactionVersion,
  type StacksTransaction,
  type TransactionPayload,
} from '../../../src/transaction/types.ts';
import { PUBLIC_KEYS, arbitraryPayload, arbitraryPostCondition, arbitraryTransaction } from './arbitrary.ts';

const VRF_PROOF_HEX =
  '9275df67a68c8745c0ff97b48201ee6db447f7c93b23ae24cdc2400f52fdb08a1a6ac7ec71bf9c9c76e96ee4675ebff60625af28718501047bfd87b810c2d2139b73c23bd69de66360953a642c2a330a';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof CodecError) return err.code;
    throw err;
  }
  throw new Error('expected a CodecError, but it decoded');
}

const origin = createSinglesigSpendingCondition({ publicKey: PUBLIC_KEYS[0]!, nonce: 7n, fee: 180n });

function txWith(payload: TransactionPayload, extra: Partial<StacksTransaction> = {}): StacksTransaction {
  return { ...createTransaction({ payload, origin }), ...extra };
}

const RECIPIENT = { type: 'standard', version: 22, hash160: new Uint8Array(20).fill(7) } as const;

const tokenTransfer: TransactionPayload = {
  type: 'tokenTransfer',
  recipient: RECIPIENT,
  amount: 12345n,
  memo: new Uint8Array(34).fill(0xfe),
};

// Offsets in a standard single-sig transaction.
const HASH_MODE_AT = 6;
const KEY_ENCODING_AT = 43;
const ANCHOR_AT = 109;
const PC_MODE_AT = 110;
const PAYLOAD_AT = 115;

function patched(tx: StacksTransaction, at: number, ...bytes: number[]): Uint8Array {
  const b = encodeTransaction(tx);
  b.set(bytes, at);
  return b;
}

describe('transaction codec: round trips', () => {
  it('decode(encode(tx)) equals tx, and re-encodes byte-exactly', () => {
    fc.assert(
      fc.property(arbitraryTransaction, (tx) => {
        const bytes = encodeTransaction(tx);
        const back = decodeTransaction(bytes);
        expect(back).toEqual(tx);
        expect(encodeTransaction(back)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('covers every payload type and both auth types', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(arbitraryTransaction, (tx) => {
        seen.add(tx.payload.type);
        seen.add(tx.auth.type);
        seen.add(tx.auth.origin.type);
      }),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual(
      [
        'coinbase',
        'coinbaseToAltRecipient',
        'contractCall',
        'multisig',
        'nakamotoCoinbase',
        'poisonMicroblock',
        'singlesig',
        'smartContract',
        'sponsored',
        'standard',
        'tenureChange',
        'tokenTransfer',
        'versionedSmartContract',
      ].sort(),
    );
  });

  it('round-trips payloads and post-conditions on their own', () => {
    fc.assert(
      fc.property(arbitraryPayload, arbitraryPostCondition, (p, pc) => {
        expect(decodeTransactionPayload(encodeTransactionPayload(p))).toEqual(p);
        expect(decodePostCondition(encodePostCondition(pc))).toEqual(pc);
      }),
      { numRuns: 200 },
    );
  });

  it('reads a transaction from a stream and stops at its end', () => {
    const tx = txWith(tokenTransfer);
    const bytes = concatBytes(encodeTransaction(tx), Uint8Array.of(0xaa, 0xbb));
    const r = new ByteReader(bytes);
    expect(readTransaction(r)).toEqual(tx);
    expect(r.remaining).toBe(2);
    expect(codeOf(() => decodeTransaction(bytes))).toBe(CodecErrorCode.TrailingBytes);
  });

  it('txid is SHA-512/256 of the encoding, as hex', () => {
    const tx = txWith(tokenTransfer);
    expect(txidBytes(tx)).toHaveLength(32);
    expect(txid(tx)).toBe(bytesToHex(txidBytes(tx)));
  });

  it('reads any version byte with bit 7 clear as mainnet and writes 0x00', () => {
    const b = patched(txWith(tokenTransfer), 0, 0x01);
    const tx = decodeTransaction(b);
    expect(tx.version).toBe(TransactionVersion.Mainnet);
    expect(encodeTransaction(tx)[0]).toBe(0x00);
    expect(decodeTransaction(patched(txWith(tokenTransfer), 0, 0xff)).version).toBe(TransactionVersion.Testnet);
  });

  it('reads a Nakamoto coinbase with (some non-principal) as no recipient, like the reference', () => {
    const prefix = encodeTransaction(txWith({ type: 'coinbase', payload: new Uint8Array(32) })).subarray(0, PAYLOAD_AT);
    const someUint = encodeClarityValue({ type: 'optional', value: { type: 'uint', value: 5n } });
    const bytes = concatBytes(prefix, Uint8Array.of(0x08), new Uint8Array(32), someUint, hexToBytes(VRF_PROOF_HEX));
    const tx = decodeTransaction(bytes);
    expect(tx.payload.type === 'nakamotoCoinbase' && tx.payload.recipient).toBe(null);
    // Re-encoding writes `none`, so the txid is the reference's (it hashes its own re-encoding).
    expect(bytesToHex(encodeTransaction(tx))).not.toBe(bytesToHex(bytes));
  });

  it('accepts Originator mode, MaybeSent, Staking and Pox post-conditions, Clarity 6 and tenure causes 0-6 (epoch gates are block validation)', () => {
    for (const cause of [0, 1, 2, 3, 4, 5, 6] as const) {
      const tx = txWith(
        {
          type: 'tenureChange',
          tenureChange: {
            tenureConsensusHash: new Uint8Array(20),
            prevTenureConsensusHash: new Uint8Array(20),
            burnViewConsensusHash: new Uint8Array(20),
            previousTenureEnd: new Uint8Array(32),
            previousTenureBlocks: 1,
            cause,
            pubkeyHash: new Uint8Array(20),
          },
        },
        { postConditionMode: PostConditionMode.Originator },
      );
      expect(decodeTransaction(encodeTransaction(tx))).toEqual(tx);
    }
    const tx = txWith(
      { type: 'versionedSmartContract', clarityVersion: 6, contractName: 'c', codeBody: '(ok 1)' },
      {
        postConditions: [
          { type: 'staking', principal: { type: 'origin' }, conditionCode: 5, amount: 31337n },
          { type: 'pox', principal: { type: 'origin' }, conditionCode: 0x30 },
        ],
      },
    );
    expect(decodeTransaction(encodeTransaction(tx))).toEqual(tx);
  });
});

describe('transaction codec: decode rejections', () => {
  const tt = txWith(tokenTransfer);
  const coinbase = txWith({ type: 'coinbase', payload: new Uint8Array(32) });

  it('rejects unknown auth flags, hash modes and key encodings', () => {
    expect(codeOf(() => decodeTransaction(patched(tt, 5, 0x06)))).toBe(CodecErrorCode.BadPrefix);
    expect(codeOf(() => decodeTransaction(patched(tt, HASH_MODE_AT, 0x04)))).toBe(CodecErrorCode.BadPrefix);
    expect(codeOf(() => decodeTransaction(patched(tt, HASH_MODE_AT, 0x06)))).toBe(CodecErrorCode.BadPrefix);
    expect(codeOf(() => decodeTransaction(patched(tt, KEY_ENCODING_AT, 0x02)))).toBe(CodecErrorCode.InvalidValue);
  });

  it('rejects uncompressed keys under P2WPKH and P2WSH', () => {
    const p2wpkh = patched(tt, HASH_MODE_AT, SinglesigHashMode.P2WPKH);
    expect(decodeTransaction(p2wpkh).auth.origin.hashMode).toBe(SinglesigHashMode.P2WPKH);
    p2wpkh[KEY_ENCODING_AT] = PublicKeyEncoding.Uncompressed;
    expect(codeOf(() => decodeTransaction(p2wpkh))).toBe(CodecErrorCode.InvalidAuth);
    for (const hashMode of [MultisigHashMode.P2WSH, MultisigHashMode.OrderIndependentP2WSH]) {
      const c = encodeSpendingCondition({
        type: 'multisig',
        hashMode,
        signer: new Uint8Array(20),
        nonce: 0n,
        txFee: 0n,
        fields: [
          { type: 'signature', keyEncoding: PublicKeyEncoding.Compressed, signature: new Uint8Array(65) },
          { type: 'publicKey', keyEncoding: PublicKeyEncoding.Uncompressed, publicKey: PUBLIC_KEYS[1]! },
        ],
        signaturesRequired: 1,
      });
      expect(codeOf(() => decodeSpendingCondition(c))).toBe(CodecErrorCode.InvalidAuth);
      c[c.length - 2 - 34] = 0x00; // the public-key field id: make it compressed
      expect(decodeSpendingCondition(c).type).toBe('multisig');
    }
  });

  it('rejects multisig conditions with the wrong number of signatures', () => {
    const cond = (hashMode: MultisigHashMode, sigs: number, required: number): Uint8Array =>
      encodeSpendingCondition({
        type: 'multisig',
        hashMode,
        signer: new Uint8Array(20),
        nonce: 1n,
        txFee: 2n,
        fields: Array.from({ length: sigs }, () => ({
          type: 'signature' as const,
          keyEncoding: PublicKeyEncoding.Compressed,
          signature: new Uint8Array(65).fill(1),
        })),
        signaturesRequired: required,
      });
    expect(codeOf(() => decodeSpendingCondition(cond(MultisigHashMode.P2SH, 2, 3)))).toBe(CodecErrorCode.InvalidAuth);
    expect(codeOf(() => decodeSpendingCondition(cond(MultisigHashMode.P2SH, 3, 2)))).toBe(CodecErrorCode.InvalidAuth);
    expect(codeOf(() => decodeSpendingCondition(cond(MultisigHashMode.OrderIndependentP2SH, 1, 2)))).toBe(CodecErrorCode.InvalidAuth);
    expect(decodeSpendingCondition(cond(MultisigHashMode.OrderIndependentP2SH, 3, 2)).type).toBe('multisig');
    expect(decodeSpendingCondition(cond(MultisigHashMode.P2SH, 1, 2), { allowIncompleteMultisig: true }).type).toBe('multisig');
  });

  it('rejects unknown auth field ids and public keys that are not curve points', () => {
    const c = encodeSpendingCondition({
      type: 'multisig',
      hashMode: MultisigHashMode.P2SH,
      signer: new Uint8Array(20),
      nonce: 0n,
      txFee: 0n,
      fields: [{ type: 'publicKey', keyEncoding: PublicKeyEncoding.Compressed, publicKey: PUBLIC_KEYS[2]! }],
      signaturesRequired: 0,
    });
    const fieldAt = 1 + 20 + 8 + 8 + 4;
    expect(decodeSpendingCondition(c).type).toBe('multisig');
    const badId = c.slice();
    badId[fieldAt] = 0x04;
    expect(codeOf(() => decodeSpendingCondition(badId))).toBe(CodecErrorCode.BadPrefix);
    const badKey = c.slice();
    badKey[fieldAt + 1] = 0x04; // a 33-byte key must start 02/03
    expect(codeOf(() => decodeSpendingCondition(badKey))).toBe(CodecErrorCode.InvalidPublicKey);
    const offCurve = c.slice();
    offCurve.set(new Uint8Array(32).fill(0xff), fieldAt + 2); // x >= p
    expect(codeOf(() => decodeSpendingCondition(offCurve))).toBe(CodecErrorCode.InvalidPublicKey);
  });

  it('rejects unknown anchor modes, and coinbases and poison proofs that are not on-chain only', () => {
    expect(codeOf(() => decodeTransaction(patched(tt, ANCHOR_AT, 0)))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => decodeTransaction(patched(tt, ANCHOR_AT, 4)))).toBe(CodecErrorCode.InvalidValue);
    expect(decodeTransaction(patched(tt, ANCHOR_AT, AnchorMode.OffChainOnly)).anchorMode).toBe(AnchorMode.OffChainOnly);
    const alt = txWith({ type: 'coinbaseToAltRecipient', payload: new Uint8Array(32), recipient: RECIPIENT });
    const nakamoto = { ...coinbase, payload: decodeTransactionPayload(concatBytes(Uint8Array.of(8), new Uint8Array(32), Uint8Array.of(9), hexToBytes(VRF_PROOF_HEX))) };
    const header = (seq: number): StacksMicroblockHeader => ({
      version: 0,
      sequence: seq,
      prevBlock: new Uint8Array(32),
      txMerkleRoot: new Uint8Array(32).fill(seq),
      signature: new Uint8Array(65),
    });
    const poison = txWith({ type: 'poisonMicroblock', header1: header(1), header2: header(2) });
    for (const tx of [coinbase, alt, nakamoto, poison]) {
      expect(tx.anchorMode).toBe(AnchorMode.OnChainOnly);
      expect(decodeTransaction(encodeTransaction(tx))).toEqual(tx);
      for (const mode of [AnchorMode.OffChainOnly, AnchorMode.Any]) {
        expect(codeOf(() => decodeTransaction(patched(tx, ANCHOR_AT, mode)))).toBe(CodecErrorCode.InvalidValue);
      }
    }
  });

  it('rejects unknown post-condition modes, asset kinds, principals and condition codes', () => {
    expect(codeOf(() => decodeTransaction(patched(tt, PC_MODE_AT, 0)))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => decodeTransaction(patched(tt, PC_MODE_AT, 4)))).toBe(CodecErrorCode.InvalidValue);
    const stx = encodePostCondition({ type: 'stx', principal: { type: 'origin' }, conditionCode: 1, amount: 5n });
    expect(bytesToHex(stx)).toBe('0001010000000000000005');
    const bad = (at: number, v: number): Uint8Array => {
      const b = stx.slice();
      b[at] = v;
      return b;
    };
    expect(codeOf(() => decodePostCondition(bad(0, 5)))).toBe(CodecErrorCode.BadPrefix);
    expect(codeOf(() => decodePostCondition(bad(1, 0)))).toBe(CodecErrorCode.BadPrefix);
    expect(codeOf(() => decodePostCondition(bad(1, 4)))).toBe(CodecErrorCode.BadPrefix);
    expect(codeOf(() => decodePostCondition(bad(2, 0)))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => decodePostCondition(bad(2, 6)))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => decodePostCondition(Uint8Array.of(4, 1, 0x33)))).toBe(CodecErrorCode.InvalidValue);
    expect(decodePostCondition(Uint8Array.of(4, 1, 0x32)).type).toBe('pox');
    const nft = encodePostCondition({
      type: 'nft',
      principal: { type: 'origin' },
      asset: { contractAddress: { version: 1, hash160: new Uint8Array(20) }, contractName: 'c', assetName: 'a' },
      assetValue: { type: 'bool', value: true },
      conditionCode: 0x12,
    });
    nft[nft.length - 1] = 0x13;
    expect(codeOf(() => decodePostCondition(nft))).toBe(CodecErrorCode.InvalidValue);
    // Address version 32 in a standard principal.
    expect(codeOf(() => decodePostCondition(concatBytes(Uint8Array.of(0, 2, 32), new Uint8Array(20), Uint8Array.of(1), new Uint8Array(8))))).toBe(
      CodecErrorCode.InvalidAddress,
    );
  });

  it('rejects bad contract names, function names and asset names', () => {
    const call = encodeTransactionPayload({
      type: 'contractCall',
      contractAddress: { version: 22, hash160: new Uint8Array(20) },
      contractName: 'abc',
      functionName: 'fn',
      functionArgs: [],
    });
    const nameAt = 1 + 21;
    const withName = (name: number[]): Uint8Array =>
      concatBytes(call.subarray(0, nameAt), Uint8Array.of(name.length, ...name), call.subarray(nameAt + 4));
    expect(decodeTransactionPayload(withName([0x61, 0x62, 0x63])).type).toBe('contractCall');
    expect(codeOf(() => decodeTransactionPayload(withName([0x31, 0x62, 0x63])))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => decodeTransactionPayload(withName([0x61, 0x00, 0x63])))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => decodeTransactionPayload(withName([])))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => decodeTransactionPayload(withName(Array(41).fill(0x61))))).toBe(CodecErrorCode.InvalidName);
    const badFn = call.slice();
    badFn[nameAt + 4 + 1] = 0x2e; // '.'
    expect(codeOf(() => decodeTransactionPayload(badFn))).toBe(CodecErrorCode.InvalidName);
    const badVersion = call.slice();
    badVersion[1] = 32;
    expect(codeOf(() => decodeTransactionPayload(badVersion))).toBe(CodecErrorCode.InvalidAddress);
  });

  it('rejects unknown payload ids, Clarity versions and tenure causes, and non-printable code', () => {
    expect(codeOf(() => decodeTransaction(patched(tt, PAYLOAD_AT, 9)))).toBe(CodecErrorCode.BadPrefix);
    const deploy = encodeTransactionPayload({ type: 'versionedSmartContract', clarityVersion: 3, contractName: 'c', codeBody: 'ab\tc\n' });
    for (const v of [0, 7]) {
      const b = deploy.slice();
      b[1] = v;
      expect(codeOf(() => decodeTransactionPayload(b))).toBe(CodecErrorCode.InvalidValue);
    }
    for (const c of [0x0d, 0x7f, 0x00, 0xc3]) {
      const b = deploy.slice();
      b[b.length - 2] = c;
      expect(codeOf(() => decodeTransactionPayload(b))).toBe(CodecErrorCode.InvalidString);
    }
    const tc = encodeTransactionPayload({
      type: 'tenureChange',
      tenureChange: {
        tenureConsensusHash: new Uint8Array(20),
        prevTenureConsensusHash: new Uint8Array(20),
        burnViewConsensusHash: new Uint8Array(20),
        previousTenureEnd: new Uint8Array(32),
        previousTenureBlocks: 0,
        cause: 6,
        pubkeyHash: new Uint8Array(20),
      },
    });
    tc[1 + 92 + 4] = 7;
    expect(codeOf(() => decodeTransactionPayload(tc))).toBe(CodecErrorCode.InvalidValue);
  });

  it('rejects poison proofs that match, do not identify a fork, or carry an unparsable signature', () => {
    const header = (over: Partial<StacksMicroblockHeader> = {}): StacksMicroblockHeader => ({
      version: 0x12,
      sequence: 0x34,
      prevBlock: new Uint8Array(32),
      txMerkleRoot: new Uint8Array(32).fill(1),
      signature: new Uint8Array(65).fill(2),
      ...over,
    });
    const poison = (a: StacksMicroblockHeader, b: StacksMicroblockHeader): Uint8Array =>
      concatBytes(Uint8Array.of(3), encodeMicroblockHeader(a), encodeMicroblockHeader(b));
    expect(decodeTransactionPayload(poison(header(), header({ txMerkleRoot: new Uint8Array(32).fill(2) }))).type).toBe('poisonMicroblock');
    expect(codeOf(() => decodeTransactionPayload(poison(header(), header())))).toBe(CodecErrorCode.InvalidValue);
    expect(
      codeOf(() => decodeTransactionPayload(poison(header({ sequence: 0x35 }), header({ prevBlock: new Uint8Array(32).fill(1) })))),
    ).toBe(CodecErrorCode.InvalidValue);
    const badRecid = new Uint8Array(65).fill(2);
    badRecid[0] = 4;
    expect(codeOf(() => decodeMicroblockHeader(encodeMicroblockHeader(header({ signature: badRecid }))))).toBe(CodecErrorCode.InvalidSignature);
    const highR = new Uint8Array(65).fill(0xff);
    highR[0] = 0;
    expect(codeOf(() => decodeMicroblockHeader(encodeMicroblockHeader(header({ signature: highR }))))).toBe(CodecErrorCode.InvalidSignature);
    expect(microblockHeaderHash(header())).toHaveLength(32);
  });

  it('rejects a non-principal alternate recipient, a non-optional Nakamoto recipient, a bad VRF proof and a bad recipient prefix', () => {
    const uint = encodeClarityValue({ type: 'uint', value: 1n });
    expect(codeOf(() => decodeTransactionPayload(concatBytes(Uint8Array.of(5), new Uint8Array(32), uint)))).toBe(CodecErrorCode.InvalidValue);
    expect(
      codeOf(() => decodeTransactionPayload(concatBytes(Uint8Array.of(8), new Uint8Array(32), uint, hexToBytes(VRF_PROOF_HEX)))),
    ).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => decodeTransactionPayload(concatBytes(Uint8Array.of(8), new Uint8Array(32), Uint8Array.of(9), new Uint8Array(80))))).toBe(
      CodecErrorCode.InvalidVrf,
    );
    const t = encodeTransactionPayload(tokenTransfer);
    t[1] = 0x07;
    expect(codeOf(() => decodeTransactionPayload(t))).toBe(CodecErrorCode.BadPrefix);
  });

  it('enforces MAX_TRANSACTION_LEN', () => {
    const big = (n: number): StacksTransaction =>
      txWith({ type: 'smartContract', contractName: 'big', codeBody: 'a'.repeat(n) });
    const fixed = encodeTransaction(big(0)).length;
    const atLimit = encodeTransaction(big(MAX_TRANSACTION_LEN - fixed));
    expect(atLimit.length).toBe(MAX_TRANSACTION_LEN);
    expect(decodeTransaction(atLimit).payload.type).toBe('smartContract');
    expect(codeOf(() => decodeTransaction(encodeTransaction(big(MAX_TRANSACTION_LEN - fixed + 1))))).toBe(CodecErrorCode.TooLarge);
  });

  it('refuses post-condition and argument counts beyond the reference allocation guards', () => {
    const pcs = (n: number): Uint8Array => {
      const b = encodeTransaction(txWith({ type: 'coinbase', payload: new Uint8Array(32) }));
      const w = new ByteWriter();
      w.writeBytes(b.subarray(0, PC_MODE_AT + 1)).writeU32(n);
      for (let i = 0; i < n; i++) w.writeBytes(Uint8Array.of(4, 1, 0x30));
      w.writeBytes(b.subarray(PAYLOAD_AT));
      return w.toBytes();
    };
    expect(decodeTransaction(pcs(MAX_POST_CONDITIONS)).postConditions).toHaveLength(MAX_POST_CONDITIONS);
    expect(codeOf(() => decodeTransaction(pcs(MAX_POST_CONDITIONS + 1)))).toBe(CodecErrorCode.TooLarge);
    const args = (n: number): Uint8Array => {
      const w = new ByteWriter();
      w.writeU8(2).writeU8(22).writeBytes(new Uint8Array(20)).writeU8(1).writeU8(0x61).writeU8(1).writeU8(0x66).writeU32(n);
      w.writeBytes(new Uint8Array(n).fill(0x03));
      return w.toBytes();
    };
    expect(MAX_CONTRACT_CALL_ARGS).toBe(262_157);
    expect(decodeTransactionPayload(args(MAX_CONTRACT_CALL_ARGS)).type).toBe('contractCall');
    expect(codeOf(() => decodeTransactionPayload(args(MAX_CONTRACT_CALL_ARGS + 1)))).toBe(CodecErrorCode.TooLarge);
  });
});

describe('transaction codec: hostile input', () => {
  it('fails with a CodecError at every truncation', () => {
    fc.assert(
      fc.property(arbitraryTransaction, (tx) => {
        const bytes = encodeTransaction(tx);
        for (let n = 0; n < bytes.length; n++) {
          const code = codeOf(() => decodeTransaction(bytes.subarray(0, n)));
          expect(code).toBe(CodecErrorCode.UnexpectedEof);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('throws only CodecErrors for mutated and random bytes', () => {
    fc.assert(
      fc.property(arbitraryTransaction, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (tx, edits) => {
        const bytes = encodeTransaction(tx);
        for (const [i, v] of edits) bytes[i % bytes.length] = v;
        try {
          decodeTransaction(bytes);
        } catch (err) {
          expect(isCodecError(err)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeTransaction(bytes);
        } catch (err) {
          expect(isCodecError(err)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
