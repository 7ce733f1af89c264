import { describe, expect, it } from 'vitest';
import { negateSignatureS, publicKeyFromPrivate } from '../../../src/crypto/secp256k1.ts';
import { CodecError } from '../../../src/errors.ts';
import {
  createMultisigSpendingCondition,
  createSinglesigSpendingCondition,
  createTransaction,
  tokenTransferMemo,
} from '../../../src/transaction/build.ts';
import { appendPublicKey, setSponsor, signTransaction } from '../../../src/transaction/sign.ts';
import { initialSighash, makeSighashPostsign, makeSighashPresign } from '../../../src/transaction/sighash.ts';
import { decodeTransaction, encodeTransaction } from '../../../src/transaction/transaction.ts';
import {
  AuthType,
  MultisigHashMode,
  SinglesigHashMode,
  type MultisigSpendingCondition,
  type StacksTransaction,
  type TransactionSpendingCondition,
} from '../../../src/transaction/types.ts';
import { verifyTransactionAuth } from '../../../src/transaction/verify.ts';

/** Private key `i` (repeated byte), compressed (33 bytes, `…01`) or uncompressed (32 bytes). */
function key(i: number, compressed = true): Uint8Array {
  const k = new Uint8Array(compressed ? 33 : 32).fill(i);
  if (compressed) k[32] = 0x01;
  return k;
}

const pub = (k: Uint8Array): Uint8Array => publicKeyFromPrivate(k);

function transfer(origin: TransactionSpendingCondition, sponsor?: TransactionSpendingCondition | boolean): StacksTransaction {
  return createTransaction({
    payload: {
      type: 'tokenTransfer',
      recipient: { type: 'standard', version: 26, hash160: new Uint8Array(20).fill(9) },
      amount: 1000n,
      memo: tokenTransferMemo('hi'),
    },
    origin,
    sponsor,
    network: 'testnet',
  });
}

function ok(tx: StacksTransaction, opts?: { enforceLowS?: boolean }): void {
  const v = verifyTransactionAuth(tx, opts);
  expect(v, v.ok ? '' : v.reason).toEqual({ ok: true });
  // And it survives the wire.
  expect(verifyTransactionAuth(decodeTransaction(encodeTransaction(tx)), opts).ok).toBe(true);
}

function bad(tx: StacksTransaction, opts?: { enforceLowS?: boolean }): string {
  const v = verifyTransactionAuth(tx, opts);
  expect(v.ok).toBe(false);
  return v.ok ? '' : v.reason;
}

function withOrigin(tx: StacksTransaction, origin: TransactionSpendingCondition): StacksTransaction {
  return { ...tx, auth: { ...tx.auth, origin } };
}

function tamperings(tx: StacksTransaction): StacksTransaction[] {
  const o = tx.auth.origin;
  const out = [withOrigin(tx, { ...o, txFee: o.txFee + 1n }), withOrigin(tx, { ...o, nonce: o.nonce + 1n })];
  if (o.type === 'singlesig') {
    const sig = o.signature.slice();
    sig[40] ^= 1;
    out.push(withOrigin(tx, { ...o, signature: sig }));
  } else {
    const i = o.fields.findIndex((f) => f.type === 'signature');
    const f = o.fields[i]!;
    if (f.type === 'signature') {
      const sig = f.signature.slice();
      sig[40] ^= 1;
      const fields = o.fields.slice();
      fields[i] = { ...f, signature: sig };
      out.push(withOrigin(tx, { ...o, fields }));
    }
  }
  out.push({ ...tx, payload: { ...tx.payload, amount: 1001n } as StacksTransaction['payload'] });
  return out;
}

describe('single-sig signing', () => {
  for (const [name, k, hashMode] of [
    ['P2PKH compressed', key(1), SinglesigHashMode.P2PKH],
    ['P2PKH uncompressed', key(2, false), SinglesigHashMode.P2PKH],
    ['P2WPKH', key(3), SinglesigHashMode.P2WPKH],
  ] as const) {
    it(`signs and verifies ${name}; tampering fails without throwing`, () => {
      const tx = signTransaction(transfer(createSinglesigSpendingCondition({ publicKey: pub(k), nonce: 5n, fee: 300n, hashMode })), k);
      ok(tx);
      for (const t of tamperings(tx)) bad(t);
    });
  }

  it('refuses an uncompressed key under P2WPKH and a key that is not the signer', () => {
    expect(() => createSinglesigSpendingCondition({ publicKey: pub(key(3, false)), hashMode: SinglesigHashMode.P2WPKH })).toThrow(CodecError);
    const tx = transfer(createSinglesigSpendingCondition({ publicKey: pub(key(1)) }));
    expect(() => signTransaction(tx, key(2))).toThrow(CodecError);
    expect(() => signTransaction(tx, key(1, false))).toThrow(CodecError);
    expect(() => signTransaction(tx, key(1), { as: 'sponsor' })).toThrow(CodecError);
  });

  it('the signature is over presign(initial sighash) with flag 0x04', () => {
    const k = key(4);
    const tx = signTransaction(transfer(createSinglesigSpendingCondition({ publicKey: pub(k), nonce: 1n, fee: 2n })), k);
    const o = tx.auth.origin;
    expect(o.type).toBe('singlesig');
    if (o.type !== 'singlesig') return;
    // The initial sighash does not depend on the signature, fee or nonce.
    expect(initialSighash(tx)).toEqual(initialSighash(withOrigin(tx, { ...o, txFee: 99n, nonce: 98n, signature: new Uint8Array(65) })));
    const presign = makeSighashPresign(initialSighash(tx), AuthType.Standard, 2n, 1n);
    expect(presign).toHaveLength(32);
    expect(makeSighashPostsign(presign, o.keyEncoding, o.signature)).toHaveLength(32);
  });

  it('accepts high-S signatures unless low S is enforced', () => {
    const k = key(5);
    const tx = signTransaction(transfer(createSinglesigSpendingCondition({ publicKey: pub(k) })), k);
    const o = tx.auth.origin;
    if (o.type !== 'singlesig') throw new Error('singlesig');
    const high = withOrigin(tx, { ...o, signature: negateSignatureS(o.signature) });
    ok(high);
    expect(bad(high, { enforceLowS: true })).toMatch(/high-S/);
    ok(tx, { enforceLowS: true });
  });

  it('an unsigned transaction does not verify', () => {
    expect(bad(transfer(createSinglesigSpendingCondition({ publicKey: pub(key(6)) })))).toMatch(/^origin:/);
  });
});

describe('multisig signing', () => {
  const cases = [
    ['P2SH compressed', MultisigHashMode.P2SH, [key(11), key(12), key(13)]],
    ['P2SH uncompressed', MultisigHashMode.P2SH, [key(11, false), key(12, false), key(13, false)]],
    ['P2SH mixed', MultisigHashMode.P2SH, [key(11), key(12, false), key(13)]],
    ['P2WSH', MultisigHashMode.P2WSH, [key(11), key(12), key(13)]],
    ['order-independent P2SH', MultisigHashMode.OrderIndependentP2SH, [key(11), key(12, false), key(13)]],
    ['order-independent P2WSH', MultisigHashMode.OrderIndependentP2WSH, [key(11), key(12), key(13)]],
  ] as const;

  for (const [name, hashMode, keys] of cases) {
    it(`signs 2-of-3 ${name}: two signatures and one public key; tampering fails`, () => {
      const origin = createMultisigSpendingCondition({ publicKeys: keys.map(pub), signaturesRequired: 2, hashMode, nonce: 3n, fee: 9n });
      let tx = transfer(origin);
      tx = signTransaction(tx, keys[0]!);
      tx = appendPublicKey(tx, pub(keys[1]!));
      tx = signTransaction(tx, keys[2]!);
      ok(tx);
      for (const t of tamperings(tx)) bad(t);
      // Too many signatures.
      expect(() => signTransaction(tx, keys[1]!)).toThrow(CodecError);
      // Keys out of order hash to another signer.
      let swapped = transfer(origin);
      swapped = appendPublicKey(signTransaction(signTransaction(swapped, keys[2]!), keys[0]!), pub(keys[1]!));
      expect(bad(swapped)).toMatch(/signer hash/);
    });
  }

  it('sequential multisig chains signatures: signing out of turn breaks the chain', () => {
    const keys = [key(21), key(22)];
    const origin = createMultisigSpendingCondition({ publicKeys: keys.map(pub), signaturesRequired: 2 });
    const a = signTransaction(transfer(origin), keys[0]!);
    const b = signTransaction(transfer(origin), keys[1]!); // signed over the initial sighash, not after key 0
    const o = a.auth.origin as MultisigSpendingCondition;
    const assembled = withOrigin(a, { ...o, fields: [o.fields[0]!, (b.auth.origin as MultisigSpendingCondition).fields[0]!] });
    bad(assembled);
  });

  it('order-independent multisig: co-signers sign separately, and extra signatures are allowed', () => {
    const keys = [key(31), key(32), key(33)];
    const origin = createMultisigSpendingCondition({
      publicKeys: keys.map(pub),
      signaturesRequired: 2,
      hashMode: MultisigHashMode.OrderIndependentP2SH,
    });
    const unsigned = transfer(origin);
    const fieldOf = (k: Uint8Array) => (signTransaction(unsigned, k).auth.origin as MultisigSpendingCondition).fields[0]!;
    // Each signer signed the unsigned transaction on their own; the coordinator assembles in key order.
    const all = withOrigin(unsigned, { ...origin, fields: keys.map(fieldOf) });
    ok(all);
    const two = withOrigin(unsigned, {
      ...origin,
      fields: [fieldOf(keys[0]!), { type: 'publicKey', keyEncoding: 0, publicKey: pub(keys[1]!) }, fieldOf(keys[2]!)],
    });
    ok(two);
    const one = withOrigin(unsigned, {
      ...origin,
      fields: [fieldOf(keys[0]!), { type: 'publicKey', keyEncoding: 0, publicKey: pub(keys[1]!) }, { type: 'publicKey', keyEncoding: 0, publicKey: pub(keys[2]!) }],
    });
    expect(bad(one)).toMatch(/not enough signatures/);
  });

  it('refuses uncompressed keys under P2WSH', () => {
    const keys = [key(41), key(42)];
    expect(() =>
      createMultisigSpendingCondition({ publicKeys: [pub(keys[0]!), pub(key(42, false))], signaturesRequired: 1, hashMode: MultisigHashMode.P2WSH }),
    ).toThrow(CodecError);
    const tx = transfer(createMultisigSpendingCondition({ publicKeys: keys.map(pub), signaturesRequired: 1, hashMode: MultisigHashMode.P2WSH }));
    expect(() => signTransaction(tx, key(41, false))).toThrow(CodecError);
    expect(() => appendPublicKey(tx, pub(key(42, false)))).toThrow(CodecError);
  });

  it('a hand-built public-key field that is not a key fails verification without throwing', () => {
    const keys = [key(51), key(52)];
    const origin = createMultisigSpendingCondition({ publicKeys: keys.map(pub), signaturesRequired: 1 });
    const tx = signTransaction(transfer(origin), keys[0]!);
    const o = tx.auth.origin as MultisigSpendingCondition;
    const broken = withOrigin(tx, { ...o, fields: [...o.fields, { type: 'publicKey', keyEncoding: 1, publicKey: new Uint8Array(33).fill(2) }] });
    bad(broken);
  });
});

describe('sponsored signing', () => {
  it('origin signs with the placeholder, the sponsor signs after the origin', () => {
    const ko = key(61);
    const ks = key(62, false);
    let tx = transfer(createSinglesigSpendingCondition({ publicKey: pub(ko), nonce: 2n, fee: 0n }), true);
    tx = signTransaction(tx, ko);
    expect(bad(tx)).toMatch(/^sponsor:/);
    const sponsored = setSponsor(tx, createSinglesigSpendingCondition({ publicKey: pub(ks), nonce: 7n, fee: 500n }));
    const signed = signTransaction(sponsored, ks, { as: 'sponsor' });
    ok(signed);
    // The origin's signature does not depend on the sponsor; the sponsor's does depend on the origin.
    expect(signed.auth.origin).toEqual(tx.auth.origin);
    const auth = signed.auth;
    if (auth.type !== 'sponsored') throw new Error('sponsored');
    expect(bad({ ...signed, auth: { ...auth, sponsor: { ...auth.sponsor, txFee: 501n } } })).toMatch(/^sponsor:/);
    expect(bad({ ...signed, auth: { ...signed.auth, origin: { ...signed.auth.origin, nonce: 3n } } })).toMatch(/^origin:/);
    expect(() => signTransaction(signed, ko)).toThrow(CodecError);
  });

  it('multisig origin and multisig sponsor', () => {
    const ok1 = [key(71), key(72), key(73)];
    const sk = [key(74), key(75)];
    let tx = transfer(createMultisigSpendingCondition({ publicKeys: ok1.map(pub), signaturesRequired: 2, fee: 0n }), true);
    tx = signTransaction(signTransaction(tx, ok1[0]!), ok1[1]!);
    tx = appendPublicKey(tx, pub(ok1[2]!));
    tx = setSponsor(tx, createMultisigSpendingCondition({ publicKeys: sk.map(pub), signaturesRequired: 2, hashMode: MultisigHashMode.P2WSH, fee: 1000n }));
    tx = signTransaction(signTransaction(tx, sk[0]!, { as: 'sponsor' }), sk[1]!, { as: 'sponsor' });
    ok(tx);
  });

  it('order-independent origin: the sponsor starts from the initial sighash', () => {
    const ko = [key(81), key(82)];
    const ks = key(83);
    let tx = transfer(
      createMultisigSpendingCondition({ publicKeys: ko.map(pub), signaturesRequired: 1, hashMode: MultisigHashMode.OrderIndependentP2SH }),
      createSinglesigSpendingCondition({ publicKey: pub(ks), fee: 10n }),
    );
    tx = appendPublicKey(signTransaction(tx, ko[0]!), pub(ko[1]!));
    tx = signTransaction(tx, ks, { as: 'sponsor' });
    ok(tx);
  });
});
