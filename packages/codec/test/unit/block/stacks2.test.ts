import { bytesToHex, concatBytes, hexToBytes } from '@stacks-ts/common';
import { sha512_256 as nobleSha512_256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stacksBlockId } from '../../../src/block/block-id.ts';
import { txMerkleRootOf } from '../../../src/block/block-txs.ts';
import { decodeStacksBlock, encodeStacksBlock, type StacksBlock } from '../../../src/block/stacks-block.ts';
import {
  decodeStacksBlockHeader,
  encodeStacksBlockHeader,
  stacksBlockHeaderHash,
  stacksBlockHeaderIndexHash,
  type StacksBlockHeader,
} from '../../../src/block/stacks-block-header.ts';
import { decodeStacksMicroblock, encodeStacksMicroblock, type StacksMicroblock } from '../../../src/block/stacks-microblock.ts';
import { isCodecError } from '../../../src/errors.ts';
import type { StacksMicroblockHeader } from '../../../src/transaction/microblock-header.ts';
import { AnchorMode, type StacksTransaction } from '../../../src/transaction/types.ts';
import { decodeVrfProof } from '../../../src/vrf/proof.ts';
import { vrfProve } from '../../../src/vrf/ecvrf.ts';
import { CodecErrorCode, codeOf, coinbasePayload, makeTx, truncationCodes, validVrfProof, vectorOfKind } from './fixtures.ts';

const PROOF_AT = 1 + 8 + 8;

function sampleHeader(over: Partial<StacksBlockHeader> = {}): StacksBlockHeader {
  return {
    version: 0,
    totalWork: { burn: 1n, work: 2n },
    proof: validVrfProof(),
    parentBlock: new Uint8Array(32).fill(0x11),
    parentMicroblock: new Uint8Array(32).fill(0x22),
    parentMicroblockSequence: 3,
    txMerkleRoot: new Uint8Array(32).fill(0x33),
    stateIndexRoot: new Uint8Array(32).fill(0x44),
    microblockPubkeyHash: new Uint8Array(20).fill(0x55),
    ...over,
  };
}

const coinbase = (n = 0) => makeTx(n, coinbasePayload(n), AnchorMode.OnChainOnly);

function blockWith(txs: StacksTransaction[], root = txMerkleRootOf(txs)): StacksBlock {
  return { header: sampleHeader({ txMerkleRoot: root }), txs };
}

function microblockHeader(over: Partial<StacksMicroblockHeader> = {}): StacksMicroblockHeader {
  return {
    version: 0,
    sequence: 1,
    prevBlock: new Uint8Array(32).fill(0x66),
    txMerkleRoot: new Uint8Array(32),
    signature: new Uint8Array(65),
    ...over,
  };
}

function microblockWith(txs: StacksTransaction[], root = txMerkleRootOf(txs)): StacksMicroblock {
  return { header: microblockHeader({ txMerkleRoot: root }), txs };
}

describe('Stacks 2.x block header', () => {
  it('encodes 247 bytes in the reference layout', () => {
    const h = sampleHeader();
    const hex = bytesToHex(encodeStacksBlockHeader(h));
    const cli = vectorOfKind('stacks2_header_decode').header_hex as string;
    expect(hex).toBe(
      '00' +
        '0000000000000001' +
        '0000000000000002' +
        cli.slice(34, 194) +
        '11'.repeat(32) +
        '22'.repeat(32) +
        '0003' +
        '33'.repeat(32) +
        '44'.repeat(32) +
        '55'.repeat(20),
    );
    expect(hex.length).toBe(247 * 2);
  });

  it('round-trips arbitrary headers with real VRF proofs (fast-check)', () => {
    const u64 = fc.bigInt({ min: 0n, max: 0xffff_ffff_ffff_ffffn });
    const b = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
    fc.assert(
      fc.property(
        fc.record({
          version: fc.integer({ min: 0, max: 255 }),
          totalWork: fc.record({ burn: u64, work: u64 }),
          proof: fc.tuple(b(32), b(8)).map(([sk, msg]) => decodeVrfProof(vrfProve(sk, msg))),
          parentBlock: b(32),
          parentMicroblock: b(32),
          parentMicroblockSequence: fc.integer({ min: 0, max: 0xffff }),
          txMerkleRoot: b(32),
          stateIndexRoot: b(32),
          microblockPubkeyHash: b(20),
        }),
        (h) => {
          expect(decodeStacksBlockHeader(encodeStacksBlockHeader(h))).toEqual(h);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('rejects an invalid VRF proof (INVALID_VRF), e.g. all zeros', () => {
    const bytes = encodeStacksBlockHeader(sampleHeader());
    bytes.fill(0, PROOF_AT, PROOF_AT + 80);
    expect(codeOf(() => decodeStacksBlockHeader(bytes))).toBe(CodecErrorCode.InvalidVrf);
  });

  it('fails on truncation with UNEXPECTED_EOF and on extra bytes with TRAILING_BYTES', () => {
    const bytes = encodeStacksBlockHeader(sampleHeader());
    expect(truncationCodes(bytes, decodeStacksBlockHeader)).toEqual(new Set([CodecErrorCode.UnexpectedEof]));
    expect(codeOf(() => decodeStacksBlockHeader(concatBytes(bytes, Uint8Array.of(0))))).toBe(CodecErrorCode.TrailingBytes);
  });

  it('hashes the serialized header, except the zero-work boot block', () => {
    const h = sampleHeader();
    expect(stacksBlockHeaderHash(h)).toEqual(nobleSha512_256(encodeStacksBlockHeader(h)));
    expect(stacksBlockHeaderHash(sampleHeader({ totalWork: { burn: 5n, work: 0n } }))).toEqual(new Uint8Array(32));
    const ch = new Uint8Array(20).fill(9);
    expect(stacksBlockHeaderIndexHash(h, ch)).toEqual(stacksBlockId(stacksBlockHeaderHash(h), ch));
  });

  it('decodes the CLI header vector and re-encodes it byte-exact', () => {
    const hex = vectorOfKind('stacks2_header_decode').header_hex as string;
    const h = decodeStacksBlockHeader(hexToBytes(hex));
    expect(h.version).toBe(0x24);
    expect(bytesToHex(encodeStacksBlockHeader(h))).toBe(hex);
  });
});

describe('Stacks 2.x block', () => {
  it('round-trips a block whose coinbase comes first', () => {
    const b = blockWith([coinbase(), makeTx(1), makeTx(2)]);
    const bytes = encodeStacksBlock(b);
    expect(decodeStacksBlock(bytes)).toEqual(b);
  });

  it('decodes the CLI block vector and re-encodes it byte-exact', () => {
    const hex = vectorOfKind('stacks2_block_decode').block_hex as string;
    const b = decodeStacksBlock(hexToBytes(hex));
    expect(b.txs.map((t) => t.payload.type)).toEqual(['coinbase']);
    expect(bytesToHex(encodeStacksBlock(b))).toBe(hex);
  });

  it('rejects a block without transactions (INVALID_VALUE)', () => {
    expect(codeOf(() => decodeStacksBlock(encodeStacksBlock(blockWith([]))))).toBe(CodecErrorCode.InvalidValue);
  });

  it('rejects an off-chain-only transaction (INVALID_VALUE)', () => {
    const b = blockWith([coinbase(), makeTx(1, undefined, AnchorMode.OffChainOnly)]);
    expect(codeOf(() => decodeStacksBlock(encodeStacksBlock(b)))).toBe(CodecErrorCode.InvalidValue);
  });

  it('rejects duplicate transactions (DUPLICATE)', () => {
    const b = blockWith([coinbase(), makeTx(1), makeTx(1)]);
    expect(codeOf(() => decodeStacksBlock(encodeStacksBlock(b)))).toBe(CodecErrorCode.Duplicate);
  });

  it('rejects a merkle root mismatch (INVALID_VALUE)', () => {
    const b = blockWith([coinbase(), makeTx(1)], new Uint8Array(32).fill(1));
    expect(codeOf(() => decodeStacksBlock(encodeStacksBlock(b)))).toBe(CodecErrorCode.InvalidValue);
  });

  it('rejects a missing, misplaced or repeated coinbase (INVALID_VALUE)', () => {
    for (const txs of [[makeTx(1)], [makeTx(1), coinbase()], [coinbase(0), coinbase(1)]]) {
      expect(codeOf(() => decodeStacksBlock(encodeStacksBlock(blockWith(txs))))).toBe(CodecErrorCode.InvalidValue);
    }
  });

  it('fails on every truncation with UNEXPECTED_EOF', () => {
    const bytes = encodeStacksBlock(blockWith([coinbase(), makeTx(1)]));
    expect(truncationCodes(bytes, decodeStacksBlock)).toEqual(new Set([CodecErrorCode.UnexpectedEof]));
  });

  it('decodes mutated bytes to a value or a CodecError only (fast-check)', () => {
    const good = encodeStacksBlock(blockWith([coinbase(), makeTx(1)]));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), (edits) => {
        const b = good.slice();
        for (const [i, v] of edits) b[i] = v;
        try {
          decodeStacksBlock(b);
        } catch (err) {
          expect(isCodecError(err)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('Stacks 2.x microblock', () => {
  it('round-trips a microblock', () => {
    const m = microblockWith([makeTx(1), makeTx(2, undefined, AnchorMode.OffChainOnly)]);
    expect(decodeStacksMicroblock(encodeStacksMicroblock(m))).toEqual(m);
  });

  it('rejects a microblock without transactions (INVALID_VALUE)', () => {
    expect(codeOf(() => decodeStacksMicroblock(encodeStacksMicroblock(microblockWith([]))))).toBe(CodecErrorCode.InvalidValue);
  });

  it('rejects duplicate transactions (DUPLICATE)', () => {
    const m = microblockWith([makeTx(1), makeTx(1)]);
    expect(codeOf(() => decodeStacksMicroblock(encodeStacksMicroblock(m)))).toBe(CodecErrorCode.Duplicate);
  });

  it('rejects an on-chain-only transaction (INVALID_VALUE)', () => {
    const m = microblockWith([makeTx(1), makeTx(2, undefined, AnchorMode.OnChainOnly)]);
    expect(codeOf(() => decodeStacksMicroblock(encodeStacksMicroblock(m)))).toBe(CodecErrorCode.InvalidValue);
  });

  it('rejects a merkle root mismatch (INVALID_VALUE)', () => {
    const m = microblockWith([makeTx(1)], new Uint8Array(32).fill(2));
    expect(codeOf(() => decodeStacksMicroblock(encodeStacksMicroblock(m)))).toBe(CodecErrorCode.InvalidValue);
  });

  it('rejects a header signature that does not parse (INVALID_SIGNATURE)', () => {
    const m = microblockWith([makeTx(1)]);
    const bytes = encodeStacksMicroblock(m);
    bytes[1 + 2 + 32 + 32] = 4; // recovery id 4
    expect(codeOf(() => decodeStacksMicroblock(bytes))).toBe(CodecErrorCode.InvalidSignature);
  });

  it('fails on every truncation with UNEXPECTED_EOF', () => {
    const bytes = encodeStacksMicroblock(microblockWith([makeTx(1), makeTx(2)]));
    expect(truncationCodes(bytes, decodeStacksMicroblock)).toEqual(new Set([CodecErrorCode.UnexpectedEof]));
  });
});
