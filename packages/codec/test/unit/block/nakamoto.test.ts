import { bytesToHex, concatBytes, hexToBytes } from '@stacks-ts/common';
import { sha512_256 as nobleSha512_256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitVecFromBools, bitVecZeros, encodeBitVec } from '../../../src/block/bitvec.ts';
import { firstMinedBlockId, stacksBlockId } from '../../../src/block/block-id.ts';
import { txMerkleRootOf } from '../../../src/block/block-txs.ts';
import { readBounded } from '../../../src/bytes.ts';
import { BLOCK_READ_LIMIT, MAX_SIGNER_SIGNATURES } from '../../../src/block/constants.ts';
import { decodeNakamotoBlock, encodeNakamotoBlock, type NakamotoBlock } from '../../../src/block/nakamoto-block.ts';
import {
  decodeNakamotoBlockHeader,
  encodeNakamotoBlockHeader,
  isShadowBlockHeader,
  isShadowBlockVersion,
  minerSignatureHash,
  nakamotoBlockHash,
  nakamotoBlockId,
  signerSignatureHash,
} from '../../../src/block/nakamoto-header.ts';
import {
  recoverMinerPublicKey,
  recoverSignerPublicKeys,
  signNakamotoBlockHeaderAsMiner,
  signNakamotoBlockHeaderAsSigner,
} from '../../../src/block/nakamoto-signing.ts';
import { ByteReader } from '../../../src/bytes.ts';
import { isCodecError } from '../../../src/errors.ts';
import { negateSignatureS, publicKeyFromPrivate, verifySignature } from '../../../src/crypto/secp256k1.ts';
import { encodeTransaction, txidBytes } from '../../../src/transaction/transaction.ts';
import {
  arbNakamotoHeader,
  CodecErrorCode,
  codeOf,
  mainnetBlockBytes,
  makeTx,
  sampleHeader,
  truncationCodes,
} from './fixtures.ts';

// Offset of the signer-signature count in an encoded header.
const SIGNER_COUNT_AT = 1 + 8 + 8 + 20 + 32 + 32 + 32 + 8 + 65;

function blockOf(n: number): NakamotoBlock {
  const txs = Array.from({ length: n }, (_, i) => makeTx(i + 1));
  return { header: sampleHeader({ txMerkleRoot: txMerkleRootOf(txs) }), txs };
}

describe('Nakamoto header codec', () => {
  it('round-trips arbitrary headers (fast-check)', () => {
    fc.assert(
      fc.property(arbNakamotoHeader, (h) => {
        const bytes = encodeNakamotoBlockHeader(h);
        expect(bytes.length).toBe(SIGNER_COUNT_AT + 4 + 65 * h.signerSignature.length + 6 + h.poxTreatment.data.length);
        expect(decodeNakamotoBlockHeader(bytes)).toEqual(h);
      }),
      { numRuns: 200 },
    );
  });

  it('lays fields out in the reference order', () => {
    const h = sampleHeader();
    const hex = bytesToHex(encodeNakamotoBlockHeader(h));
    const expected =
      '00' +
      '0000000000000002' +
      '0000000000000003' +
      '04'.repeat(20) +
      '05'.repeat(32) +
      '06'.repeat(32) +
      '07'.repeat(32) +
      '0000000000000008' +
      '00'.repeat(65) +
      '00000001' +
      '01'.repeat(65) +
      '0003' +
      '00000001' +
      '05';
    expect(hex).toBe(expected);
  });

  it('rejects pox_treatment of 0 bits (INVALID_VALUE) and above 4000 bits (TOO_LARGE)', () => {
    const prefix = encodeNakamotoBlockHeader(sampleHeader()).subarray(0, SIGNER_COUNT_AT + 4 + 65);
    expect(decodeNakamotoBlockHeader(concatBytes(prefix, encodeBitVec(bitVecZeros(4000)))).poxTreatment.len).toBe(4000);
    expect(codeOf(() => decodeNakamotoBlockHeader(concatBytes(prefix, encodeBitVec(bitVecZeros(4001)))))).toBe(
      CodecErrorCode.TooLarge,
    );
    expect(codeOf(() => decodeNakamotoBlockHeader(concatBytes(prefix, hexToBytes('000000000000'))))).toBe(CodecErrorCode.InvalidValue);
  });

  it('rejects a pox_treatment byte count that does not match its bit count (INVALID_VALUE)', () => {
    const prefix = encodeNakamotoBlockHeader(sampleHeader()).subarray(0, SIGNER_COUNT_AT + 4 + 65);
    expect(codeOf(() => decodeNakamotoBlockHeader(concatBytes(prefix, hexToBytes('0003000000020500'))))).toBe(
      CodecErrorCode.InvalidValue,
    );
  });

  it('rejects an oversized signer-signature count before reading (TOO_LARGE / UNEXPECTED_EOF)', () => {
    const bytes = encodeNakamotoBlockHeader(sampleHeader());
    const patched = (count: number) => {
      const b = bytes.slice();
      new DataView(b.buffer).setUint32(SIGNER_COUNT_AT, count);
      return b;
    };
    expect(codeOf(() => decodeNakamotoBlockHeader(patched(MAX_SIGNER_SIGNATURES + 1)))).toBe(CodecErrorCode.TooLarge);
    expect(codeOf(() => decodeNakamotoBlockHeader(patched(0xffffffff)))).toBe(CodecErrorCode.TooLarge);
    expect(codeOf(() => decodeNakamotoBlockHeader(patched(MAX_SIGNER_SIGNATURES)))).toBe(CodecErrorCode.UnexpectedEof);
    expect(codeOf(() => decodeNakamotoBlockHeader(patched(2)))).toBe(CodecErrorCode.UnexpectedEof);
  });

  it('rejects trailing bytes and fails on every truncation with UNEXPECTED_EOF', () => {
    const bytes = encodeNakamotoBlockHeader(sampleHeader());
    expect(codeOf(() => decodeNakamotoBlockHeader(concatBytes(bytes, new Uint8Array(1))))).toBe(CodecErrorCode.TrailingBytes);
    expect(truncationCodes(bytes, decodeNakamotoBlockHeader)).toEqual(new Set([CodecErrorCode.UnexpectedEof]));
  });

  it('refuses to encode malformed fields (INVALID_ARGUMENT)', () => {
    expect(codeOf(() => encodeNakamotoBlockHeader(sampleHeader({ version: 256 })))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => encodeNakamotoBlockHeader(sampleHeader({ chainLength: -1n })))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => encodeNakamotoBlockHeader(sampleHeader({ consensusHash: new Uint8Array(19) })))).toBe(
      CodecErrorCode.InvalidArgument,
    );
    expect(codeOf(() => encodeNakamotoBlockHeader(sampleHeader({ signerSignature: [new Uint8Array(64)] })))).toBe(
      CodecErrorCode.InvalidArgument,
    );
    expect(
      codeOf(() => encodeNakamotoBlockHeader(sampleHeader({ poxTreatment: bitVecFromBools(new Array(4001).fill(false)) }))),
    ).toBe(CodecErrorCode.InvalidArgument);
  });
});

describe('Nakamoto header hashes', () => {
  const h = sampleHeader();
  const bytes = encodeNakamotoBlockHeader(h);
  const prefix = bytes.subarray(0, SIGNER_COUNT_AT - 65);
  const miner = bytes.subarray(SIGNER_COUNT_AT - 65, SIGNER_COUNT_AT);
  const pox = bytes.subarray(SIGNER_COUNT_AT + 4 + 65);

  it('miner signature hash covers every field but the signatures', () => {
    expect(minerSignatureHash(h)).toEqual(nobleSha512_256(concatBytes(prefix, pox)));
    const other = sampleHeader({ minerSignature: new Uint8Array(65).fill(9), signerSignature: [] });
    expect(minerSignatureHash(other)).toEqual(minerSignatureHash(h));
  });

  it('signer signature hash = block hash inserts the miner signature after the timestamp', () => {
    expect(signerSignatureHash(h)).toEqual(nobleSha512_256(concatBytes(prefix, miner, pox)));
    expect(nakamotoBlockHash(h)).toEqual(signerSignatureHash(h));
    expect(nakamotoBlockHash(sampleHeader({ signerSignature: [] }))).toEqual(nakamotoBlockHash(h));
    expect(nakamotoBlockHash(sampleHeader({ minerSignature: new Uint8Array(65).fill(9) }))).not.toEqual(nakamotoBlockHash(h));
  });

  it('block id = SHA-512/256(block hash || consensus hash)', () => {
    expect(nakamotoBlockId(h)).toEqual(nobleSha512_256(concatBytes(nakamotoBlockHash(h), h.consensusHash)));
    expect(stacksBlockId(new Uint8Array(32).fill(1), new Uint8Array(20).fill(2))).toEqual(
      nobleSha512_256(concatBytes(new Uint8Array(32).fill(1), new Uint8Array(20).fill(2))),
    );
    expect(firstMinedBlockId()).toEqual(nobleSha512_256(new Uint8Array(52)));
    expect(codeOf(() => stacksBlockId(new Uint8Array(20), new Uint8Array(32)))).toBe(CodecErrorCode.InvalidArgument);
  });

  it('marks shadow blocks by version bit 7', () => {
    expect(isShadowBlockVersion(0x80)).toBe(true);
    expect(isShadowBlockVersion(0x81)).toBe(true);
    expect(isShadowBlockVersion(0x7f)).toBe(false);
    expect(isShadowBlockHeader(sampleHeader({ version: 0x80 }))).toBe(true);
    expect(isShadowBlockHeader(h)).toBe(false);
  });
});

describe('mainnet Nakamoto block fixture', () => {
  // Values asserted by hirosystems/stacks-encoding-native-js@6b55acf
  // src/stacks_block/deserialize.rs#test_nakamoto_block_deserialize on the same fixture.
  it('decodes, hashes and re-encodes as the reference', () => {
    const bytes = mainnetBlockBytes();
    const block = decodeNakamotoBlock(bytes);
    expect(block.header.timestamp).toBe(1738687125n);
    expect(bytesToHex(block.header.minerSignature)).toBe(
      '01b7ef0ca6fb1e109afb5d3a9f08bfee71b8fef82ad9a7e06a5fa9b732394513be7cc962950ce2fc940d4ae7c1cb731d33cd65ec032a3a097ac2669439fe31031d',
    );
    expect(block.header.signerSignature.length).toBe(24);
    expect(block.header.poxTreatment.data.length).toBe(487);
    expect(bytesToHex(nakamotoBlockHash(block.header))).toBe('536b854fa6ada87643e00c4a4880967b4f52404b95dca75780babb048f6a69fc');
    expect(bytesToHex(nakamotoBlockId(block.header))).toBe('05b7fbc03e541271a29baf21ad43e68e48070df018ebe5baa13892f3828be9bd');
    expect(encodeNakamotoBlock(block)).toEqual(bytes);
  });

  it('recovers the miner and every signer key from real signatures', () => {
    const { header } = decodeNakamotoBlock(mainnetBlockBytes());
    const miner = recoverMinerPublicKey(header);
    expect(miner?.length).toBe(33);
    expect(verifySignature(minerSignatureHash(header), header.minerSignature, miner!, { allowHighS: true })).toBe(true);
    const signers = recoverSignerPublicKeys(header);
    expect(signers).toHaveLength(24);
    for (const [i, key] of signers.entries()) {
      expect(key?.length).toBe(33);
      expect(verifySignature(signerSignatureHash(header), header.signerSignature[i]!, key!, { allowHighS: true })).toBe(true);
    }
    expect(new Set(signers.map((k) => bytesToHex(k!))).size).toBe(24);
  });

  it('fails on every truncation with UNEXPECTED_EOF', () => {
    expect(truncationCodes(mainnetBlockBytes(), decodeNakamotoBlock)).toEqual(new Set([CodecErrorCode.UnexpectedEof]));
  });
});

describe('miner and signer signatures', () => {
  const minerKey = hexToBytes('0101010101010101010101010101010101010101010101010101010101010101' + '01');
  const signerKey = hexToBytes('0202020202020202020202020202020202020202020202020202020202020202');

  it('signs as the miner over the miner signature hash and recovers the compressed key', () => {
    const signed = signNakamotoBlockHeaderAsMiner(sampleHeader(), minerKey);
    expect(signed.minerSignature.length).toBe(65);
    expect(recoverMinerPublicKey(signed)).toEqual(publicKeyFromPrivate(minerKey));
    // Signing changes the block hash but not the miner signature hash.
    expect(minerSignatureHash(signed)).toEqual(minerSignatureHash(sampleHeader()));
    expect(nakamotoBlockHash(signed)).not.toEqual(nakamotoBlockHash(sampleHeader()));
  });

  it('recovers from a high-S miner signature (no low-S check, as the reference)', () => {
    const signed = signNakamotoBlockHeaderAsMiner(sampleHeader(), minerKey);
    const highS = { ...signed, minerSignature: negateSignatureS(signed.minerSignature) };
    expect(recoverMinerPublicKey(highS)).toEqual(publicKeyFromPrivate(minerKey));
  });

  it('returns null for a signature that recovers no key', () => {
    expect(recoverMinerPublicKey(sampleHeader())).toBeNull();
    expect(recoverMinerPublicKey(sampleHeader({ minerSignature: new Uint8Array(65).fill(0xff) }))).toBeNull();
  });

  it('signer signatures are over the signer signature hash, in order', () => {
    const signed = signNakamotoBlockHeaderAsMiner(sampleHeader({ signerSignature: [] }), minerKey);
    const sigA = signNakamotoBlockHeaderAsSigner(signed, signerKey);
    const sigB = signNakamotoBlockHeaderAsSigner(signed, minerKey);
    const withSigs = { ...signed, signerSignature: [sigA, sigB, new Uint8Array(65)] };
    // Adding signer signatures leaves the signed digest unchanged.
    expect(signerSignatureHash(withSigs)).toEqual(signerSignatureHash(signed));
    const keys = recoverSignerPublicKeys(withSigs);
    expect(keys[0]).toEqual(publicKeyFromPrivate(concatBytes(signerKey, Uint8Array.of(1))));
    expect(keys[1]).toEqual(publicKeyFromPrivate(minerKey));
    expect(keys[2]).toBeNull();
  });

  it('refuses an invalid private key with INVALID_PRIVATE_KEY', () => {
    expect(codeOf(() => signNakamotoBlockHeaderAsMiner(sampleHeader(), new Uint8Array(32)))).toBe(CodecErrorCode.InvalidPrivateKey);
  });
});

describe('Nakamoto block codec', () => {
  it('round-trips blocks with 0 to 5 transactions', () => {
    for (let n = 0; n <= 5; n++) {
      const b = blockOf(n);
      const bytes = encodeNakamotoBlock(b);
      expect(decodeNakamotoBlock(bytes)).toEqual(b);
      expect(encodeNakamotoBlock(decodeNakamotoBlock(bytes))).toEqual(bytes);
    }
  });

  it('round-trips arbitrary headers with consistent transactions (fast-check)', () => {
    fc.assert(
      fc.property(arbNakamotoHeader, fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 4 }), (h, ns) => {
        const txs = ns.map((n) => makeTx(n));
        const b = { header: { ...h, txMerkleRoot: txMerkleRootOf(txs) }, txs };
        expect(decodeNakamotoBlock(encodeNakamotoBlock(b))).toEqual(b);
      }),
      { numRuns: 50 },
    );
  });

  it('computes the tx merkle root with SHA-512/256 over txids', () => {
    expect(txMerkleRootOf([])).toEqual(new Uint8Array(32));
    const tx = makeTx(1);
    const leaf = nobleSha512_256(concatBytes(Uint8Array.of(0), txidBytes(tx)));
    expect(txMerkleRootOf([tx])).toEqual(nobleSha512_256(concatBytes(Uint8Array.of(1), leaf, leaf)));
    expect(txidBytes(tx)).toEqual(nobleSha512_256(encodeTransaction(tx)));
  });

  it('rejects duplicate transactions (DUPLICATE) before checking the merkle root', () => {
    const tx = makeTx(1);
    const dup = { header: sampleHeader({ txMerkleRoot: txMerkleRootOf([tx, tx]) }), txs: [tx, tx] };
    expect(codeOf(() => decodeNakamotoBlock(encodeNakamotoBlock(dup)))).toBe(CodecErrorCode.Duplicate);
    const dupBadRoot = { header: sampleHeader(), txs: [tx, makeTx(2), tx] };
    expect(codeOf(() => decodeNakamotoBlock(encodeNakamotoBlock(dupBadRoot)))).toBe(CodecErrorCode.Duplicate);
  });

  it('rejects a tx merkle root that does not match the transactions (INVALID_VALUE)', () => {
    const b = blockOf(3);
    const bad = { ...b, header: { ...b.header, txMerkleRoot: new Uint8Array(32).fill(1) } };
    expect(codeOf(() => decodeNakamotoBlock(encodeNakamotoBlock(bad)))).toBe(CodecErrorCode.InvalidValue);
    // No transactions need the all-zero root.
    expect(codeOf(() => decodeNakamotoBlock(encodeNakamotoBlock({ header: sampleHeader(), txs: [] })))).toBe(
      CodecErrorCode.InvalidValue,
    );
  });

  it('rejects a transaction count larger than the bytes left (UNEXPECTED_EOF) and trailing bytes', () => {
    const bytes = encodeNakamotoBlock(blockOf(1));
    const headerLen = encodeNakamotoBlockHeader(blockOf(1).header).length;
    const b = bytes.slice();
    new DataView(b.buffer).setUint32(headerLen, 0xffffffff);
    expect(codeOf(() => decodeNakamotoBlock(b))).toBe(CodecErrorCode.UnexpectedEof);
    expect(codeOf(() => decodeNakamotoBlock(concatBytes(bytes, Uint8Array.of(0))))).toBe(CodecErrorCode.TrailingBytes);
  });

  it('fails on every truncation with UNEXPECTED_EOF', () => {
    const bytes = encodeNakamotoBlock(blockOf(2));
    expect(truncationCodes(bytes, decodeNakamotoBlock)).toEqual(new Set([CodecErrorCode.UnexpectedEof]));
  });

  it('decodes arbitrary and mutated bytes to a value or a CodecError only (fast-check)', () => {
    const good = encodeNakamotoBlock(blockOf(2));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), (edits) => {
        const b = good.slice();
        for (const [i, v] of edits) b[i] = v;
        try {
          decodeNakamotoBlock(b);
        } catch (err) {
          expect(isCodecError(err)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('bounds a block read to BLOCK_READ_LIMIT bytes (TOO_LARGE past it)', () => {
    const bytes = new Uint8Array(10);
    const r = new ByteReader(bytes);
    expect(readBounded(r, 4, 'thing', (br) => br.readU32())).toBe(0);
    expect(r.offset).toBe(4);
    expect(codeOf(() => readBounded(new ByteReader(bytes), 4, 'thing', (br) => br.readBytes(5)))).toBe(CodecErrorCode.TooLarge);
    expect(codeOf(() => readBounded(new ByteReader(bytes), 20, 'thing', (br) => br.readBytes(11)))).toBe(CodecErrorCode.UnexpectedEof);
    expect(BLOCK_READ_LIMIT).toBe(16_778_054);
  });

  it('refuses a real block larger than BLOCK_READ_LIMIT (TOO_LARGE)', () => {
    // Nine transactions of about 1.9 MB each: 17.1 MB in all.
    const big = (n: number) => makeTx(n, { type: 'smartContract', contractName: `big${n}`, codeBody: ' '.repeat(1_900_000) });
    const txs = Array.from({ length: 9 }, (_, i) => big(i));
    const bytes = encodeNakamotoBlock({ header: sampleHeader(), txs });
    expect(bytes.length).toBeGreaterThan(BLOCK_READ_LIMIT);
    expect(codeOf(() => decodeNakamotoBlock(bytes))).toBe(CodecErrorCode.TooLarge);
  });
});
