import { AddressVersion, hexToBytes } from '@stacks-ts/common';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAll } from '../../../src/bytes.ts';
import type { ContractPrincipal } from '../../../src/clarity/types.ts';
import { hash160, sha512_256 } from '../../../src/crypto/hashes.ts';
import { decompressPublicKey, negateSignatureS, publicKeyFromPrivate } from '../../../src/crypto/secp256k1.ts';
import { CodecErrorCode, isCodecError } from '../../../src/errors.ts';
import {
  type StackerDBChunkData,
  decodeStackerDBChunkData,
  encodeStackerDBChunkData,
  readStackerDBChunkData,
  recoverStackerDBChunkPublicKey,
  signSlotMetadata,
  signStackerDBChunk,
  slotMetadataAuthDigest,
  slotMetadataFromChunk,
  verifySlotMetadata,
  verifyStackerDBChunk,
} from '../../../src/stackerdb/chunk.ts';
import { STACKERDB_MAX_CHUNK_SIZE } from '../../../src/stackerdb/constants.ts';
import { decodeContractId, encodeContractId, readContractId } from '../../../src/stackerdb/contract-id.ts';
import {
  MinerSlotID,
  minerSlotId,
  minersStackerDBLayout,
  noopStackerDBConfig,
  signersStackerDBName,
  signersStackerDBSlotOwners,
  stackerDBNumSlots,
  stackerDBSlotRanges,
} from '../../../src/stackerdb/layout.ts';
import { stackerDBChunkPath, stackerDBMetadataPath, stackerDBPostChunkPath } from '../../../src/stackerdb/paths.ts';
import { arbChunk, arbContractId, codeOf } from '../p2p/arbitraries.ts';

const KEY = hexToBytes('4bbe4e7dc879afedf4bf258a7385cf78ccf3a68a77f9cfc624f433d009f812f901');
const PUB = publicKeyFromPrivate(KEY);
const OWNER = hash160(PUB);

const chunk = (over: Partial<StackerDBChunkData> = {}): StackerDBChunkData => ({
  slotId: 2,
  slotVersion: 3,
  sig: new Uint8Array(65).fill(0x44),
  data: hexToBytes('5566778899aabbccddeeff'),
  ...over,
});

describe('StackerDBChunkData codec', () => {
  it('round-trips arbitrary chunks', () => {
    fc.assert(
      fc.property(arbChunk, (c) => {
        const bytes = encodeStackerDBChunkData(c);
        expect(bytes.length).toBe(4 + 4 + 65 + 4 + c.data.length);
        expect(decodeStackerDBChunkData(bytes)).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });

  it('every strict prefix fails with a CodecError, trailing bytes are rejected', () => {
    const bytes = encodeStackerDBChunkData(chunk());
    for (let n = 0; n < bytes.length; n++) expect(codeOf(() => decodeStackerDBChunkData(bytes.subarray(0, n)))).toBe(CodecErrorCode.UnexpectedEof);
    expect(codeOf(() => decodeStackerDBChunkData(new Uint8Array([...bytes, 0])))).toBe(CodecErrorCode.TrailingBytes);
  });

  it('caps data at STACKERDB_MAX_CHUNK_SIZE, checked from the length prefix', () => {
    const head = encodeStackerDBChunkData(chunk({ data: new Uint8Array() }));
    const huge = head.slice();
    new DataView(huge.buffer).setUint32(73, STACKERDB_MAX_CHUNK_SIZE + 1);
    expect(codeOf(() => decodeStackerDBChunkData(huge))).toBe(CodecErrorCode.TooLarge);
    new DataView(huge.buffer).setUint32(73, 0xffff_ffff);
    expect(codeOf(() => decodeStackerDBChunkData(huge))).toBe(CodecErrorCode.TooLarge);
    new DataView(huge.buffer).setUint32(73, STACKERDB_MAX_CHUNK_SIZE);
    expect(codeOf(() => decodeStackerDBChunkData(huge))).toBe(CodecErrorCode.UnexpectedEof);
    const max = chunk({ data: new Uint8Array(STACKERDB_MAX_CHUNK_SIZE) });
    expect(decodeStackerDBChunkData(encodeStackerDBChunkData(max)).data.length).toBe(STACKERDB_MAX_CHUNK_SIZE);
    expect(codeOf(() => encodeStackerDBChunkData(chunk({ data: new Uint8Array(STACKERDB_MAX_CHUNK_SIZE + 1) })))).toBe(CodecErrorCode.TooLarge);
  });

  it('random bytes only ever give CodecErrors', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        try {
          decodeAll(b, readStackerDBChunkData, 'chunk');
        } catch (err) {
          if (!isCodecError(err)) throw err;
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('slot signatures', () => {
  it('signs SHA-512/256(slot_id || slot_version || SHA-512/256(data)) and verifies against the owner hash', () => {
    const signed = signStackerDBChunk(chunk(), KEY);
    const md = slotMetadataFromChunk(signed);
    expect(md.dataHash).toStrictEqual(sha512_256(signed.data));
    const pre = new Uint8Array(40);
    pre.set([0, 0, 0, 2, 0, 0, 0, 3], 0);
    pre.set(md.dataHash, 8);
    expect(slotMetadataAuthDigest(md)).toStrictEqual(sha512_256(pre));
    expect(recoverStackerDBChunkPublicKey(signed)).toStrictEqual(PUB);
    expect(verifyStackerDBChunk(signed, OWNER)).toBe(true);
    expect(verifyStackerDBChunk(signed, PUB)).toBe(true);
    expect(verifyStackerDBChunk(signed, decompressPublicKey(PUB))).toBe(true);
    expect(signSlotMetadata(md, KEY).signature).toStrictEqual(signed.sig);
  });

  it('tampering makes verification false; high S still verifies', () => {
    const signed = signStackerDBChunk(chunk(), KEY);
    expect(verifyStackerDBChunk({ ...signed, slotId: 3 }, OWNER)).toBe(false);
    expect(verifyStackerDBChunk({ ...signed, slotVersion: 4 }, OWNER)).toBe(false);
    expect(verifyStackerDBChunk({ ...signed, data: new Uint8Array([1]) }, OWNER)).toBe(false);
    expect(verifySlotMetadata({ ...slotMetadataFromChunk(signed), dataHash: new Uint8Array(32) }, OWNER)).toBe(false);
    expect(verifyStackerDBChunk(signed, new Uint8Array(20))).toBe(false);
    expect(verifyStackerDBChunk({ ...signed, sig: negateSignatureS(signed.sig) }, OWNER)).toBe(true);
  });

  it('unrecoverable signatures give false', () => {
    const signed = signStackerDBChunk(chunk(), KEY);
    for (const sig of [new Uint8Array(65), new Uint8Array(65).fill(0xff), Uint8Array.from([4, ...signed.sig.subarray(1)]), new Uint8Array(64)]) {
      expect(verifyStackerDBChunk({ ...signed, sig }, OWNER)).toBe(false);
    }
    expect(codeOf(() => recoverStackerDBChunkPublicKey({ ...signed, sig: new Uint8Array(65) }))).toBe(CodecErrorCode.InvalidSignature);
  });

  it('sign then verify holds for arbitrary chunks', () => {
    fc.assert(
      fc.property(arbChunk, (c) => {
        expect(verifyStackerDBChunk(signStackerDBChunk(c, KEY), OWNER)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe('contract ids', () => {
  const cid: ContractPrincipal = { type: 'contract', version: 22, hash160: new Uint8Array(20).fill(9), contractName: 'hello-world' };
  it('round-trip: version || hash160 || u8 name length || name', () => {
    fc.assert(
      fc.property(arbContractId, (c) => {
        expect(decodeContractId(encodeContractId(c))).toEqual(c);
      }),
      { numRuns: 200 },
    );
    expect(encodeContractId(cid)).toStrictEqual(new Uint8Array([22, ...new Array(20).fill(9), 11, ...new TextEncoder().encode('hello-world')]));
  });
  it('rejects version >= 32 and bad names', () => {
    const bytes = encodeContractId(cid);
    expect(codeOf(() => decodeContractId(Uint8Array.from([32, ...bytes.subarray(1)])))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => encodeContractId({ ...cid, version: 32 }))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => decodeContractId(Uint8Array.from([...bytes.subarray(0, 21), 0])))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => decodeContractId(Uint8Array.from([...bytes.subarray(0, 21), 41, ...new Array(41).fill(0x61)])))).toBe(
      CodecErrorCode.InvalidName,
    );
    expect(codeOf(() => decodeContractId(Uint8Array.from([...bytes.subarray(0, 21), 2, 0x31, 0x61])))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => encodeContractId({ ...cid, contractName: 'a'.repeat(41) }))).toBe(CodecErrorCode.InvalidName);
    for (let n = 0; n < bytes.length; n++) codeOf(() => decodeAll(bytes.subarray(0, n), readContractId, 'cid'));
  });
  it('renders RPC paths with the c32 issuer', () => {
    const c: ContractPrincipal = { ...cid, hash160: hash160(PUB) };
    expect(stackerDBMetadataPath(c)).toBe('/v2/stackerdb/SP1Y0NECNCJ6YDVM7GQ594FF065NN3NT72FASBXB8/hello-world');
    expect(stackerDBChunkPath(c, 1, 2)).toBe('/v2/stackerdb/SP1Y0NECNCJ6YDVM7GQ594FF065NN3NT72FASBXB8/hello-world/1/2');
    expect(stackerDBChunkPath(c, 1)).toBe('/v2/stackerdb/SP1Y0NECNCJ6YDVM7GQ594FF065NN3NT72FASBXB8/hello-world/1');
    expect(stackerDBPostChunkPath(c)).toBe('/v2/stackerdb/SP1Y0NECNCJ6YDVM7GQ594FF065NN3NT72FASBXB8/hello-world/chunks');
  });
});

describe('layouts', () => {
  it('slot ranges are contiguous in list order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 20 }), (counts) => {
        const ranges = stackerDBSlotRanges(counts.map((numSlots) => ({ numSlots })));
        let at = 0;
        ranges.forEach((r, i) => {
          expect(r).toStrictEqual({ start: at, end: at + counts[i]! });
          at = r.end;
        });
        expect(stackerDBNumSlots(counts.map((numSlots) => ({ numSlots })))).toBe(at);
      }),
    );
    expect(codeOf(() => stackerDBSlotRanges([{ numSlots: -1 }]))).toBe(CodecErrorCode.InvalidArgument);
  });
  it('.miners keeps a miner in its position across a sortition', () => {
    const a = new Uint8Array(20).fill(0xa);
    const b = new Uint8Array(20).fill(0xb);
    const c = new Uint8Array(20).fill(0xc);
    // Sortition n (even) won by a after b; sortition n+1 (odd) won by c after a: a stays writer 0.
    const first = minersStackerDBLayout(4n, a, b);
    const second = minersStackerDBLayout(5n, c, a);
    expect(first.config.signers[0]!.address.hash160).toStrictEqual(a);
    expect(second.config.signers[0]!.address.hash160).toStrictEqual(a);
    expect(second.config.signers[1]!.address.hash160).toStrictEqual(c);
    expect(second.latestWinner).toBe(1);
    expect(minerSlotId(second.latestWinner, MinerSlotID.BlockProposal)).toBe(2);
    expect(codeOf(() => minersStackerDBLayout(0n, new Uint8Array(19), null))).toBe(CodecErrorCode.InvalidArgument);
  });
  it('signer DB names and slot owners', () => {
    expect(signersStackerDBName(100n, 1)).toBe('signers-0-1');
    expect(signersStackerDBName(101n, 2)).toBe('signers-1-2');
    const owners = signersStackerDBSlotOwners([PUB], AddressVersion.TestnetSingleSig);
    expect(owners).toStrictEqual([{ address: { version: 26, hash160: OWNER }, numSlots: 1 }]);
    expect(noopStackerDBConfig().maxNeighbors).toBe(8);
  });
});
