// Signature recoveries and hashes per second for each backend, in the same run.
// Signature recovery bounds how fast a node validates transactions.
import * as tiny from 'tiny-secp256k1';
import { bench, describe } from 'vitest';
import { createNodeHashBackend, nobleHashBackend } from '../../src/crypto/hashes.ts';
import { nobleSecp256k1Backend } from '../../src/crypto/secp256k1-backend.ts';
import { createNativeSecp256k1Backend } from '../../src/crypto/secp256k1-native.ts';
import { createSeededRng } from '@stacks-ts/common';

const rng = createSeededRng(7);
const N = 64;
const native = createNativeSecp256k1Backend();
const cases = Array.from({ length: N }, () => {
  const secret = rng.bytes(32);
  secret[0] = 0x11; // keep it below the group order
  const digest = rng.bytes(32);
  const sig = nobleSecp256k1Backend.sign(digest, secret)!;
  return { digest, signature: sig.signature, recovery: sig.recovery };
});
let i = 0;
const next = () => cases[i++ % N]!;

describe('secp256k1 public key recovery (compressed)', () => {
  bench('noble (@noble/curves, pure JS)', () => {
    const c = next();
    nobleSecp256k1Backend.recover(c.digest, c.signature, c.recovery, true);
  });
  bench('tiny-secp256k1 (WASM)', () => {
    const c = next();
    tiny.recover(c.digest, c.signature, c.recovery as 0 | 1 | 2 | 3, true);
  });
  if (native) {
    bench('native (libsecp256k1 binding)', () => {
      const c = next();
      native.recover(c.digest, c.signature, c.recovery, true);
    });
  }
});

const small = rng.bytes(64);
const tx = rng.bytes(581); // the size of a typical contract-call transaction
const nodeHashes = createNodeHashBackend();

for (const [label, data] of [
  ['64 bytes', small],
  ['581 bytes', tx],
] as const) {
  describe(`sha512/256 of ${label}`, () => {
    bench('noble', () => void nobleHashBackend.sha512_256(data));
    if (nodeHashes) bench('node:crypto', () => void nodeHashes.sha512_256(data));
  });
  describe(`sha256 of ${label}`, () => {
    bench('noble', () => void nobleHashBackend.sha256(data));
    if (nodeHashes) bench('node:crypto', () => void nodeHashes.sha256(data));
  });
}

describe('ripemd160 of 32 bytes', () => {
  const d = rng.bytes(32);
  bench('noble', () => void nobleHashBackend.ripemd160(d));
  if (nodeHashes) bench('node:crypto', () => void nodeHashes.ripemd160(d));
});

describe('hash160 of a 33-byte public key', () => {
  const pk = rng.bytes(33);
  bench('noble', () => void nobleHashBackend.ripemd160(nobleHashBackend.sha256(pk)));
  if (nodeHashes) bench('node:crypto', () => void nodeHashes.ripemd160(nodeHashes.sha256(pk)));
});
