// Builders shared by the block unit tests (not a test file itself).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hexToBytes } from '@stacks-ts/common';
import fc from 'fast-check';
import { bitVecFromBools } from '../../../src/block/bitvec.ts';
import type { NakamotoBlockHeader } from '../../../src/block/nakamoto-header.ts';
import { decodeVrfProof } from '../../../src/vrf/proof.ts';
import type { VrfProof } from '../../../src/vrf/proof.ts';
import { AnchorMode, type StacksTransaction, type TransactionPayload } from '../../../src/transaction/types.ts';
import { CodecErrorCode, isCodecError } from '../../../src/errors.ts';

const VECTORS = join(import.meta.dirname, '../../../../../test-vectors/nakamoto-header.json');

/** The entries of nakamoto-header.json, by kind. */
export function vectorOfKind(kind: string): Record<string, any> {
  const file = JSON.parse(readFileSync(VECTORS, 'utf8')) as { vectors: Record<string, any>[] };
  const v = file.vectors.find((e) => e.kind === kind);
  if (!v) throw new Error(`no ${kind} vector`);
  return v;
}

/** The mainnet Nakamoto block fixture's bytes. */
export function mainnetBlockBytes(): Uint8Array {
  return hexToBytes(vectorOfKind('nakamoto_block_decode').block_hex);
}

/** A valid VRF proof (the IETF vector-1 proof carried by the CLI 2.x header vector). */
export function validVrfProof(): VrfProof {
  const hex = vectorOfKind('stacks2_header_decode').header_hex as string;
  return decodeVrfProof(hexToBytes(hex.slice(34, 34 + 160)));
}

/** The CodecError code `fn` throws; fails if it returns or throws anything else. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isCodecError(err)) return err.code;
    throw err;
  }
  throw new Error('expected a CodecError, got success');
}

/** Asserts that every strict prefix of `bytes` fails to decode with a CodecError only. */
export function truncationCodes(bytes: Uint8Array, decode: (b: Uint8Array) => unknown): Set<string> {
  const codes = new Set<string>();
  for (let n = 0; n < bytes.length; n++) codes.add(codeOf(() => decode(bytes.subarray(0, n))));
  return codes;
}

/** A smart-contract payload whose body makes each `n` distinct. */
export function contractPayload(n: number): TransactionPayload {
  return { type: 'smartContract', contractName: `c${n}`, codeBody: `(define-constant n u${n})` };
}

/** A coinbase payload. */
export function coinbasePayload(fill = 7): TransactionPayload {
  return { type: 'coinbase', payload: new Uint8Array(32).fill(fill) };
}

/** An (unsigned) testnet transaction with `payload`; `n` varies the nonce so txids differ. */
export function makeTx(n: number, payload: TransactionPayload = contractPayload(n), anchorMode: AnchorMode = AnchorMode.Any): StacksTransaction {
  return {
    version: 0x80,
    chainId: 0x80000000,
    auth: {
      type: 'standard',
      origin: {
        type: 'singlesig',
        hashMode: 0x00,
        signer: new Uint8Array(20).fill(n & 0xff),
        nonce: BigInt(n),
        txFee: 180n,
        keyEncoding: 0x00,
        signature: new Uint8Array(65),
      },
    },
    anchorMode,
    postConditionMode: 0x02,
    postConditions: [],
    payload,
  };
}

const bytesN = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const u64 = fc.bigInt({ min: 0n, max: 0xffff_ffff_ffff_ffffn });

/** Arbitrary well-formed Nakamoto headers (pox_treatment up to 4000 bits, padding bits clear). */
export const arbNakamotoHeader: fc.Arbitrary<NakamotoBlockHeader> = fc.record({
  version: fc.integer({ min: 0, max: 255 }),
  chainLength: u64,
  burnSpent: u64,
  consensusHash: bytesN(20),
  parentBlockId: bytesN(32),
  txMerkleRoot: bytesN(32),
  stateIndexRoot: bytesN(32),
  timestamp: u64,
  minerSignature: bytesN(65),
  signerSignature: fc.array(bytesN(65), { maxLength: 5 }),
  poxTreatment: fc.array(fc.boolean(), { minLength: 1, maxLength: 4000 }).map((bits) => bitVecFromBools(bits)),
});

/** A fixed header for hand-written tests. */
export function sampleHeader(over: Partial<NakamotoBlockHeader> = {}): NakamotoBlockHeader {
  return {
    version: 0,
    chainLength: 2n,
    burnSpent: 3n,
    consensusHash: new Uint8Array(20).fill(4),
    parentBlockId: new Uint8Array(32).fill(5),
    txMerkleRoot: new Uint8Array(32).fill(6),
    stateIndexRoot: new Uint8Array(32).fill(7),
    timestamp: 8n,
    minerSignature: new Uint8Array(65),
    signerSignature: [new Uint8Array(65).fill(1)],
    poxTreatment: bitVecFromBools([true, false, true]),
    ...over,
  };
}

export { CodecErrorCode };
