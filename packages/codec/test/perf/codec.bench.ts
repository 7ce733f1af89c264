// Decode and encode of a mixed set of transactions and Clarity values: ours against
// @stacks/transactions, in the same run. The sets come from the conformance vectors (real mainnet
// and testnet transactions of every payload kind) so neither side gets a synthetic best case.
import { readFileSync } from 'node:fs';
import { deserializeCV, deserializeTransaction, serializeCVBytes } from '@stacks/transactions';
import { hexToBytes } from '@stacks-ts/common';
import { bench, describe } from 'vitest';
import { decodeClarityValue, encodeClarityValue } from '../../src/clarity/codec.ts';
import { decodeTransaction, encodeTransaction } from '../../src/transaction/transaction.ts';

const vectors = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../../../test-vectors/${file}`, import.meta.url), 'utf8')).vectors as Record<string, unknown>[];

/** Every transaction in tx.json that both libraries decode. */
const txs: Uint8Array[] = [];
for (const v of vectors('tx.json')) {
  for (const key of ['tx_hex', 'expected_tx_hex']) {
    const hex = v[key];
    if (typeof hex !== 'string' || hex.length > 20_000) continue;
    const bytes = hexToBytes(hex);
    try {
      decodeTransaction(bytes);
      deserializeTransaction(bytes);
      txs.push(bytes);
    } catch {
      // a rejection vector
    }
  }
}

/** Clarity values: the vector set plus contract-call arguments of the transactions. */
const values: Uint8Array[] = [];
const collect = (x: unknown): void => {
  if (typeof x === 'string' && /^(0x)?[0-9a-f]+$/.test(x) && x.length % 2 === 0 && x.length >= 4) {
    const bytes = hexToBytes(x);
    try {
      decodeClarityValue(bytes);
      deserializeCV(bytes);
      values.push(bytes);
    } catch {
      // not a value
    }
  } else if (Array.isArray(x)) x.forEach(collect);
  else if (x && typeof x === 'object') Object.values(x).forEach(collect);
};
collect(vectors('clarity-values.json'));
for (const t of txs) {
  const tx = decodeTransaction(t);
  if (tx.payload.type === 'contractCall') for (const a of tx.payload.functionArgs) values.push(encodeClarityValue(a));
}

const ourTxs = txs.map((b) => decodeTransaction(b));
const theirTxs = txs.map((b) => deserializeTransaction(b));
const ourValues = values.map((b) => decodeClarityValue(b));
const theirValues = values.map((b) => deserializeCV(b));

describe(`decode ${txs.length} transactions`, () => {
  bench('@stacks-ts/codec', () => {
    for (const b of txs) decodeTransaction(b);
  });
  bench('@stacks/transactions', () => {
    for (const b of txs) deserializeTransaction(b);
  });
});

// Decoding a Nakamoto coinbase validates its VRF proof (the reference rejects a Gamma that is not
// a curve point or has small order): an edwards25519 point decompression of about 85 µs in pure
// JS, which @stacks/transactions skips. Shown apart so the two costs can be told apart.
const isNakamotoCoinbase = (b: Uint8Array) => decodeTransaction(b).payload.type === 'nakamotoCoinbase';
const plainTxs = txs.filter((b) => !isNakamotoCoinbase(b));
const vrfTxs = txs.filter(isNakamotoCoinbase);

describe(`decode ${plainTxs.length} transactions (all but the Nakamoto coinbases)`, () => {
  bench('@stacks-ts/codec', () => {
    for (const b of plainTxs) decodeTransaction(b);
  });
  bench('@stacks/transactions', () => {
    for (const b of plainTxs) deserializeTransaction(b);
  });
});

describe(`decode ${vrfTxs.length} Nakamoto coinbases (VRF proof validated by us only)`, () => {
  bench('@stacks-ts/codec', () => {
    for (const b of vrfTxs) decodeTransaction(b);
  });
  bench('@stacks/transactions', () => {
    for (const b of vrfTxs) deserializeTransaction(b);
  });
});

describe(`encode ${txs.length} transactions`, () => {
  bench('@stacks-ts/codec', () => {
    for (const t of ourTxs) encodeTransaction(t);
  });
  bench('@stacks/transactions', () => {
    for (const t of theirTxs) t.serializeBytes();
  });
});

describe(`decode ${values.length} Clarity values`, () => {
  bench('@stacks-ts/codec', () => {
    for (const b of values) decodeClarityValue(b);
  });
  bench('@stacks/transactions', () => {
    for (const b of values) deserializeCV(b);
  });
});

describe(`encode ${values.length} Clarity values`, () => {
  bench('@stacks-ts/codec', () => {
    for (const v of ourValues) encodeClarityValue(v);
  });
  bench('@stacks/transactions', () => {
    for (const v of theirValues) serializeCVBytes(v);
  });
});
