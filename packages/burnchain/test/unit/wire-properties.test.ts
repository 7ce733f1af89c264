import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBlock, encodeBlock, merkleRoot } from '../../src/bitcoin/block.ts';
import { computeTxid, decodeTransaction, encodeTransaction, type RawTransaction } from '../../src/bitcoin/tx.ts';
import { isBurnchainError } from '../../src/errors.ts';

const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });
const input = fc.record({
  prevTxid: bytes(32, 32),
  vout: fc.nat({ max: 0xffffffff }),
  scriptSig: bytes(0, 120),
  sequence: fc.nat({ max: 0xffffffff }),
  witness: fc.array(bytes(0, 80), { maxLength: 3 }),
});
const output = fc.record({ value: fc.bigInt({ min: 0n, max: 2_100_000_000_000_000n }), scriptPubKey: bytes(0, 260) });
const txArb = fc.record({
  version: fc.integer({ min: -0x80000000, max: 0x7fffffff }),
  inputs: fc.array(input, { minLength: 1, maxLength: 4 }),
  outputs: fc.array(output, { minLength: 0, maxLength: 4 }),
  lockTime: fc.nat({ max: 0xffffffff }),
});

describe('wire properties', () => {
  it('decode(encode(tx)) is tx, and the txid ignores witnesses', () => {
    fc.assert(
      fc.property(txArb, (tx) => {
        const raw = encodeTransaction(tx);
        const back = decodeTransaction(raw);
        const hasWitness = tx.inputs.some((i) => i.witness.length > 0);
        expect(back.hasWitness).toBe(hasWitness);
        expect(back.version).toBe(tx.version);
        expect(back.lockTime).toBe(tx.lockTime);
        expect(back.outputs).toEqual(tx.outputs);
        expect(back.inputs.map((i) => ({ ...i, witness: [...i.witness] }))).toEqual(
          tx.inputs.map((i) => ({ ...i, witness: hasWitness ? i.witness : [] })),
        );
        expect(back.txid).toEqual(computeTxid(tx));
        expect(back.txid).toEqual(computeTxid({ ...tx, inputs: tx.inputs.map((i) => ({ ...i, witness: [] })) }));
        expect(encodeTransaction(back)).toEqual(raw);
      }),
      { numRuns: 300 },
    );
  });

  it('blocks round-trip and any truncation raises BurnchainError only', () => {
    fc.assert(
      fc.property(fc.array(txArb, { minLength: 1, maxLength: 4 }), fc.nat(), (txs, cut) => {
        const decoded = txs.map((t) => decodeTransaction(encodeTransaction(t)));
        const header = { version: 0x20000000, prevBlockHash: new Uint8Array(32), merkleRoot: merkleRoot(decoded.map((t) => t.txid)), time: 1, bits: 0x207fffff, nonce: 0 };
        const raw = encodeBlock({ header, txs: decoded as RawTransaction[] });
        expect(decodeBlock(raw).txs.map((t) => t.txid)).toEqual(decoded.map((t) => t.txid));
        const n = cut % raw.length;
        try {
          decodeBlock(raw.subarray(0, n));
          throw new Error('a truncated block decoded');
        } catch (e) {
          expect(isBurnchainError(e)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
