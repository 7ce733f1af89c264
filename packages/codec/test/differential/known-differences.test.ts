/**
 * Where `@stacks/transactions` 7.6 and the reference (stacks-core) disagree. stacks.js is only a
 * positive oracle: bytes it writes or reads are not thereby valid. Each test pins down what
 * stacks.js does (so a library upgrade that changes it is noticed) and checks that our codec follows
 * the reference's rule, named with the reference file and function it comes from.
 *
 * Paths are in stacks-network/stacks-core at 1efa4a9bf6bd (the mirror in /tmp/preamble.md).
 */
import {
  AddressHashMode,
  AnchorMode as StacksAnchorMode,
  Cl,
  PubKeyEncoding,
  StacksTransactionWire,
  TransactionSigner,
  addressFromVersionHash,
  createCoinbasePayload,
  createContractCallPayload,
  createLPString,
  createMemoString,
  createMultiSigSpendingCondition,
  createNakamotoCoinbasePayload,
  createPoisonPayload,
  createSingleSigSpendingCondition,
  createSmartContractPayload,
  createStacksPublicKey,
  createStandardAuth,
  createTokenTransferPayload,
  addressFromPublicKeys,
  deserializeCV,
  deserializeTransaction,
  privateKeyToPublic,
  serializeCV,
  type ClarityValue as StacksCV,
  type PayloadInput,
} from '@stacks/transactions';
import { bytesToHex, concatBytes, hexToBytes } from '@stacks-ts/common';
import { describe, expect, it } from 'vitest';
import { addressHashFromPublicKeys } from '../../src/address/address.ts';
import { decodeClarityValue, encodeClarityValue } from '../../src/clarity/codec.ts';
import { hash160, sha512_256 } from '../../src/crypto/hashes.ts';
import { isCodecError } from '../../src/errors.ts';
import { decodeTransaction, encodeTransaction, txid } from '../../src/transaction/transaction.ts';
import { verifyTransactionAuth } from '../../src/transaction/verify.ts';
import { MAX_VALUE_NESTING } from './generate.ts';
import { ourCvToJson } from './ours-json.ts';
import { serializeCanonicalCV, stacksCvToJson } from './stacks-json.ts';

const KEY = 'edf9aee84d9b7abc145504dde6726c64f369d37ee34ded868fabd876c26570bc01';
const KEY2 = 'cb3df38053d132895220b9ce471f6b676db5b9bf0b4adefb55f2118ece2478df01';
const ADDR = 'SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7';
/** A VRF proof the reference decodes: Gamma = the edwards25519 base point, c = s = 0. */
const VRF_PROOF = `58${'66'.repeat(31)}${'00'.repeat(48)}`;

/** A transaction serialized by stacks.js, signed by `KEY` (single-sig P2PKH, mainnet). */
function stacksTxHex(payload: PayloadInput, anchorMode?: StacksAnchorMode): string {
  const tx = new StacksTransactionWire({
    network: 'mainnet',
    auth: createStandardAuth(createSingleSigSpendingCondition(AddressHashMode.P2PKH, privateKeyToPublic(KEY), 7n, 180n)),
    payload,
  });
  if (anchorMode !== undefined) tx.anchorMode = anchorMode;
  new TransactionSigner(tx).signOrigin(KEY);
  return tx.serialize();
}

/** The CodecError code `f` throws; fails the test when it throws anything else or nothing. */
function rejection(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(isCodecError(err), `expected a CodecError, got ${String(err)}`).toBe(true);
    return (err as { code: string }).code;
  }
  throw new Error('expected our decoder to reject the bytes, but it accepted them');
}

function stacksAccepts(f: () => unknown): void {
  expect(f).not.toThrow();
}

function stacksRejects(f: () => unknown): void {
  expect(f).toThrow();
}

const u32 = (n: number) => new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);

describe('Clarity values stacks.js writes or reads that the reference rejects', () => {
  it('tuple fields: stacks.js orders them by localeCompare, the reference by bytes (BTreeMap<ClarityName, _>)', () => {
    // clarity-types/src/types/mod.rs TupleData::from_data builds a BTreeMap; serialize_write walks it in byte order.
    const cv = Cl.tuple({ a: Cl.int(1n), B: Cl.int(2n), 'a-b': Cl.int(3n), a_b: Cl.int(4n) });
    const theirs = serializeCV(cv);
    const reference = bytesToHex(serializeCanonicalCV(cv));
    expect(theirs).not.toBe(reference);
    // 'B' (0x42) sorts before 'a' (0x61) by bytes, after it by locale.
    expect(reference.startsWith('0c00000004' + '0142')).toBe(true);
    const ours = decodeClarityValue(hexToBytes(theirs));
    expect(ourCvToJson(ours)).toEqual(stacksCvToJson(cv));
    expect(bytesToHex(encodeClarityValue(ours))).toBe(reference);
    // stacks.js reads the reference's order back to the same value.
    expect(stacksCvToJson(deserializeCV(reference))).toEqual(stacksCvToJson(cv));
  });

  it('a transaction whose arguments hold such a tuple: the reference hashes and signs its own byte order', () => {
    // stacks-codec/src/transaction.rs StacksTransaction::txid / verify_begin serialize the decoded
    // transaction again, so txid and sighash cover the byte-ordered tuple, not the bytes stacks.js signed.
    const payload = createContractCallPayload(ADDR, 'c', 'f', [Cl.tuple({ b: Cl.uint(1n), B: Cl.uint(2n) })]);
    const hex = stacksTxHex(payload);
    const theirs = deserializeTransaction(hex);
    const tx = decodeTransaction(hexToBytes(hex));
    const reencoded = encodeTransaction(tx);
    expect(bytesToHex(reencoded)).not.toBe(hex);
    expect(txid(tx)).toBe(bytesToHex(sha512_256(reencoded)));
    expect(txid(tx)).not.toBe(theirs.txid());
    expect(verifyTransactionAuth(tx).ok).toBe(false);
  });

  it('empty tuple: stacks.js writes and reads 0c00000000, the reference refuses it (EmptyTuplesNotAllowed)', () => {
    // clarity-types/src/types/signatures.rs TupleTypeSignature::try_from; serialization.rs maps it to "Illegal tuple type".
    const hex = serializeCV(Cl.tuple({}));
    expect(hex).toBe('0c00000000');
    stacksAccepts(() => deserializeCV(hex));
    rejection(() => decodeClarityValue(hexToBytes(hex)));
  });

  it('list of unrelated types: stacks.js writes [int, uint], the reference finds no common type', () => {
    // clarity-types/src/types/signatures.rs least_supertype_v2_1 -> TypeMismatch; serialization.rs "Illegal list type".
    const lists: StacksCV[][] = [
      [Cl.int(1n), Cl.uint(1n)],
      [Cl.some(Cl.int(1n)), Cl.some(Cl.bool(true))],
      [Cl.tuple({ a: Cl.int(1n) }), Cl.tuple({ b: Cl.int(1n) })],
    ];
    for (const items of lists) {
      const hex = serializeCV(Cl.list(items));
      stacksAccepts(() => deserializeCV(hex));
      rejection(() => decodeClarityValue(hexToBytes(hex)));
    }
  });

  it(`nesting: the reference decodes at most ${MAX_VALUE_NESTING} levels without a type, stacks.js any`, () => {
    // clarity-types/src/types/serialization.rs UNSANITIZED_DEPTH_CHECK = 16 (TypeSignatureTooDeep).
    for (const wrap of [Cl.some, Cl.ok, (v: StacksCV) => Cl.list([v]), (v: StacksCV) => Cl.tuple({ x: v })]) {
      let v: StacksCV = Cl.int(1n);
      for (let i = 1; i < MAX_VALUE_NESTING; i++) v = wrap(v);
      const ok = serializeCV(v);
      expect(bytesToHex(encodeClarityValue(decodeClarityValue(hexToBytes(ok))))).toBe(ok);
      const tooDeep = serializeCV(wrap(v));
      stacksAccepts(() => deserializeCV(tooDeep));
      rejection(() => decodeClarityValue(hexToBytes(tooDeep)));
    }
  });

  it('list type larger than MAX_VALUE_SIZE in a small value: the reference sizes the type, not the bytes', () => {
    // clarity-types/src/types/signatures.rs ListTypeData::new_list (ValueTooLarge): the entry type
    // keeps the longest length seen at every level, so 100 empty lists next to a value multiply its size.
    const pad = (x: StacksCV) => Cl.list([x, ...Array.from({ length: 99 }, () => Cl.list([]))]);
    const x2 = pad(pad(Cl.list([Cl.uint(1n)]))); // type size 221_116 bytes
    const x3 = pad(x2); // type size 22_111_621 bytes > 1 MiB, 1.5 kB of bytes
    const okHex = serializeCV(x2);
    expect(bytesToHex(encodeClarityValue(decodeClarityValue(hexToBytes(okHex))))).toBe(okHex);
    const bigHex = serializeCV(x3);
    expect(bigHex.length / 2).toBeLessThan(2000);
    stacksAccepts(() => deserializeCV(bigHex));
    rejection(() => decodeClarityValue(hexToBytes(bigHex)));
  });

  it('string-ascii: stacks.js writes any char code, the reference only alphanumerics, punctuation and ASCII whitespace', () => {
    // clarity-types/src/types/mod.rs Value::string_ascii_from_bytes (InvalidAsciiCharacter).
    for (const s of ['\u0000', 'a\u007f', 'tab\u000bvertical', 'caf\u00e9']) {
      const hex = serializeCV(Cl.stringAscii(s));
      stacksAccepts(() => deserializeCV(hex));
      rejection(() => decodeClarityValue(hexToBytes(hex)));
    }
    // Form feed and carriage return are ASCII whitespace to Rust: accepted.
    const ff = serializeCV(Cl.stringAscii('a\u000c\r\n\tb'));
    expect(bytesToHex(encodeClarityValue(decodeClarityValue(hexToBytes(ff))))).toBe(ff);
  });

  it('string-utf8: stacks.js reads invalid UTF-8 as U+FFFD, the reference refuses it', () => {
    // clarity-types/src/types/mod.rs Value::string_utf8_from_bytes (InvalidUtf8Encoding).
    for (const body of ['ff', 'c3', 'eda080' /* a UTF-16 surrogate */, 'f4908080' /* above U+10FFFF */]) {
      const hex = `0e${bytesToHex(u32(body.length / 2))}${body}`;
      stacksAccepts(() => deserializeCV(hex));
      rejection(() => decodeClarityValue(hexToBytes(hex)));
    }
  });

  it('string-utf8 starting with U+FEFF: stacks.js drops the byte order mark when reading, the reference keeps it', () => {
    const hex = serializeCV(Cl.stringUtf8('\ufeffx'));
    expect(hex).toBe('0e00000004efbbbf78');
    expect(stacksCvToJson(deserializeCV(hex))).toEqual({ type: 'string-utf8', value: 'x' });
    const ours = decodeClarityValue(hexToBytes(hex));
    expect(ourCvToJson(ours)).toEqual({ type: 'string-utf8', value: '\ufeffx' });
    expect(bytesToHex(encodeClarityValue(ours))).toBe(hex);
  });

  it('duplicate tuple field: stacks.js keeps the later value, the reference rejects it when decoding without a type', () => {
    // clarity-types/src/types/mod.rs TupleData::from_data (DuplicateTupleField) on the untyped path;
    // only the typed LEGACY path (TupleData::from_data_typed) lets the later value win.
    const hex = `0c00000002016100${'00'.repeat(15)}01016100${'00'.repeat(15)}02`;
    expect(stacksCvToJson(deserializeCV(hex))).toEqual({ type: 'tuple', value: [['a', { type: 'int', value: '2' }]] });
    rejection(() => decodeClarityValue(hexToBytes(hex)));
  });

  it('contract name in a principal: stacks.js does not check it, the reference applies CONTRACT_NAME_REGEX', () => {
    // clarity-types/src/representations.rs ContractName (guarded string); serialization.rs "Illegal Clarity string".
    for (const name of ['1abc', 'has space', '-x', 'a!']) {
      const hex = serializeCV(Cl.contractPrincipal(ADDR, name));
      stacksAccepts(() => deserializeCV(hex));
      rejection(() => decodeClarityValue(hexToBytes(hex)));
    }
    // (A name with a dot is not even written: stacks.js serializes `addr.a.b` as the contract `a`.)
    expect(serializeCV(Cl.contractPrincipal(ADDR, 'a.b'))).toBe(serializeCV(Cl.contractPrincipal(ADDR, 'a')));
  });
});

describe('Clarity values the reference accepts that stacks.js refuses', () => {
  it('128-byte contract names in principals and 128-byte tuple keys (stacks.js stops at 127)', () => {
    // clarity-types/src/representations.rs MAX_STRING_LEN = 128 for ContractName (values) and ClarityName.
    const principal = hexToBytes(serializeCV(Cl.standardPrincipal(ADDR)));
    const name = `a${'b'.repeat(127)}`;
    const contract = concatBytes(Uint8Array.of(0x06), principal.slice(1), Uint8Array.of(128), new TextEncoder().encode(name));
    const tuple = concatBytes(hexToBytes('0c00000001'), Uint8Array.of(128), new TextEncoder().encode(name), hexToBytes('03'));
    for (const bytes of [contract, tuple]) {
      stacksRejects(() => deserializeCV(bytes));
      expect(bytesToHex(encodeClarityValue(decodeClarityValue(bytes)))).toBe(bytesToHex(bytes));
    }
  });
});

describe('transactions stacks.js writes or reads that the reference rejects', () => {
  it('coinbase with an anchor mode other than on-chain-only (stacks.js defaults every transaction to Any)', () => {
    // stacks-codec/src/transaction.rs StacksTransaction::consensus_deserialize_with_len.
    const payloads = [
      createCoinbasePayload(new Uint8Array(32).fill(1)),
      createCoinbasePayload(new Uint8Array(32).fill(2), Cl.standardPrincipal(ADDR)),
      createNakamotoCoinbasePayload(new Uint8Array(32).fill(3), Cl.none(), hexToBytes(VRF_PROOF)),
    ];
    for (const p of payloads) {
      for (const mode of [undefined, StacksAnchorMode.OffChainOnly]) {
        const hex = stacksTxHex(p, mode);
        stacksAccepts(() => deserializeTransaction(hex));
        rejection(() => decodeTransaction(hexToBytes(hex)));
      }
    }
  });

  it('poison-microblock payload: stacks.js writes the id byte without the two microblock headers', () => {
    // stacks-codec/src/transaction.rs TransactionPayload::consensus_deserialize reads two StacksMicroblockHeader.
    const hex = stacksTxHex(createPoisonPayload(), StacksAnchorMode.OnChainOnly);
    expect(hex.endsWith('03')).toBe(true);
    stacksAccepts(() => deserializeTransaction(hex));
    rejection(() => decodeTransaction(hexToBytes(hex)));
  });

  it('code body: stacks.js writes any UTF-8, the reference only printable ASCII, tab and newline', () => {
    // stacks-codec/src/strings.rs StacksString::consensus_deserialize / is_valid_string.
    for (const code of ['(print "héllo")', '(print u1)\r\n', 'a\u007f', '😀']) {
      for (const version of [undefined, 2]) {
        const hex = stacksTxHex(createSmartContractPayload('c', code, version));
        stacksAccepts(() => deserializeTransaction(hex));
        rejection(() => decodeTransaction(hexToBytes(hex)));
      }
    }
  });

  it('transaction-level contract names: stacks.js allows up to 128 bytes, the reference 40', () => {
    // clarity-types/src/representations.rs ContractName::consensus_deserialize (CONTRACT_MAX_NAME_LENGTH = 40).
    const name40 = `a${'b'.repeat(39)}`;
    const ok = stacksTxHex(createContractCallPayload(ADDR, name40, 'f', []));
    expect(verifyTransactionAuth(decodeTransaction(hexToBytes(ok))).ok).toBe(true);
    for (const payload of [createContractCallPayload(ADDR, `${name40}c`, 'f', []), createSmartContractPayload(`${name40}c`, '(ok u1)')]) {
      const hex = stacksTxHex(payload);
      stacksAccepts(() => deserializeTransaction(hex));
      rejection(() => decodeTransaction(hexToBytes(hex)));
    }
  });

  it('address version 32 or more: stacks.js writes and reads it, the reference refuses it', () => {
    // stacks-common/src/types/chainstate.rs StacksAddress::consensus_deserialize.
    const payload = { ...createContractCallPayload(ADDR, 'c', 'f', []), contractAddress: addressFromVersionHash(32 as never, '11'.repeat(20)) };
    const hex = stacksTxHex(payload);
    stacksAccepts(() => deserializeTransaction(hex));
    rejection(() => decodeTransaction(hexToBytes(hex)));
  });

  it('token-transfer recipient that is not a principal: stacks.js reads any Clarity value there', () => {
    // stacks-codec/src/transaction.rs TransactionPayload::consensus_deserialize reads a PrincipalData.
    const hex = stacksTxHex(createTokenTransferPayload(Cl.uint(5n) as never, 1n, createMemoString('')));
    stacksAccepts(() => deserializeTransaction(hex));
    rejection(() => decodeTransaction(hexToBytes(hex)));
  });

  it('multisig public-key field that is not a curve point: stacks.js does not check compressed keys', () => {
    // stacks-codec/src/transaction.rs TransactionAuthField::consensus_deserialize (StacksPublicKey::from_slice).
    const pub1 = privateKeyToPublic(KEY) as string;
    const pub2 = privateKeyToPublic(KEY2) as string;
    const tx = new StacksTransactionWire({
      network: 'mainnet',
      auth: createStandardAuth(createMultiSigSpendingCondition(AddressHashMode.P2SH, 1, [pub1, pub2], 0n, 0n)),
      payload: createTokenTransferPayload(ADDR, 1n, createMemoString('')),
    });
    const signer = new TransactionSigner(tx);
    signer.signOrigin(KEY);
    signer.appendOrigin(pub2);
    const good = tx.serialize();
    expect(verifyTransactionAuth(decodeTransaction(hexToBytes(good))).ok).toBe(true);
    // Field id 0x00 (compressed public key) followed by 02 ff…ff: x >= p, not a point.
    const bad = good.replace(`00${pub2}`, `0002${'ff'.repeat(32)}`);
    expect(bad).not.toBe(good);
    stacksAccepts(() => deserializeTransaction(bad));
    rejection(() => decodeTransaction(hexToBytes(bad)));
  });

  it('partially signed sequential multisig: stacks.js reads it, the reference rejects it when decoding', () => {
    // stacks-codec/src/transaction.rs MultisigSpendingCondition::consensus_deserialize (exactly signatures_required).
    const pub1 = privateKeyToPublic(KEY) as string;
    const pub2 = privateKeyToPublic(KEY2) as string;
    const tx = new StacksTransactionWire({
      network: 'mainnet',
      auth: createStandardAuth(createMultiSigSpendingCondition(AddressHashMode.P2SH, 2, [pub1, pub2], 0n, 0n)),
      payload: createTokenTransferPayload(ADDR, 1n, createMemoString('')),
    });
    new TransactionSigner(tx).signOrigin(KEY);
    tx.appendPubkey(pub2);
    const hex = tx.serialize();
    stacksAccepts(() => deserializeTransaction(hex));
    rejection(() => decodeTransaction(hexToBytes(hex)));
    // Our opt-in for co-signers passing a transaction around reads it.
    expect(encodeTransaction(decodeTransaction(hexToBytes(hex), { allowIncompleteMultisig: true }))).toEqual(hexToBytes(hex));
  });

  it('memo starting with U+FEFF: stacks.js drops it when reading, the reference keeps the 34 raw bytes', () => {
    const hex = stacksTxHex(createTokenTransferPayload(ADDR, 1n, createMemoString('\ufeffhi')));
    const theirs = deserializeTransaction(hex);
    expect(theirs.serialize()).not.toBe(hex);
    const ours = decodeTransaction(hexToBytes(hex));
    expect(bytesToHex(encodeTransaction(ours))).toBe(hex);
    expect(verifyTransactionAuth(ours).ok).toBe(true);
  });
});

describe('transactions the reference accepts that stacks.js refuses or reads differently', () => {
  it('version byte: the reference looks at bit 7 only and writes back 0x00 / 0x80', () => {
    // stacks-codec/src/transaction.rs consensus_deserialize_with_len: (version_u8 & 0x80) == 0 is Mainnet.
    const hex = stacksTxHex(createTokenTransferPayload(ADDR, 1n, createMemoString('')));
    for (const [byte, expected] of [['01', '00'], ['7f', '00'], ['81', '80'], ['ff', '80']] as const) {
      const odd = byte + hex.slice(2);
      stacksRejects(() => deserializeTransaction(odd));
      const tx = decodeTransaction(hexToBytes(odd));
      const reencoded = encodeTransaction(tx);
      expect(bytesToHex(reencoded)).toBe(expected + hex.slice(2));
      expect(txid(tx)).toBe(bytesToHex(sha512_256(reencoded)));
    }
  });

  it('Nakamoto coinbase recipient some(non-principal): the reference reads it as no recipient', () => {
    // stacks-codec/src/transaction.rs TransactionPayload::consensus_deserialize (NakamotoCoinbase arm).
    const proof = VRF_PROOF;
    const none = stacksTxHex(createNakamotoCoinbasePayload(new Uint8Array(32).fill(9), Cl.none(), hexToBytes(proof)), StacksAnchorMode.OnChainOnly);
    const someUint = none.replace(`09${proof}`, `0a01${'00'.repeat(15)}05${proof}`);
    expect(someUint).not.toBe(none);
    // stacks.js takes the uint as the recipient.
    const theirs = deserializeTransaction(someUint);
    expect('recipient' in theirs.payload && theirs.payload.recipient).toEqual(Cl.uint(5n));
    const ours = decodeTransaction(hexToBytes(someUint));
    expect(ours.payload.type === 'nakamotoCoinbase' && ours.payload.recipient).toBe(null);
    expect(bytesToHex(encodeTransaction(ours))).toBe(none);
  });
});

describe('multisig address hashes', () => {
  // stacks-common/src/address/mod.rs to_bits_p2sh: Builder::push_int(m), push_slice(key)…,
  // push_int(n), OP_CHECKMULTISIG; deps_common/bitcoin/blockdata/script.rs push_int writes OP_0 for 0,
  // OP_1..OP_16 for 1..16 and a data push above. stacks.js writes 80 + m and stops at 15 keys.
  const keys = Array.from({ length: 17 }, (_, i) => privateKeyToPublic(`${(i + 1).toString(16).padStart(64, '0')}01`) as string);
  const script = (m: Uint8Array, ks: string[], n: Uint8Array) =>
    concatBytes(m, ...ks.map((k) => concatBytes(Uint8Array.of(33), hexToBytes(k))), n, Uint8Array.of(0xae));

  it('zero required signatures: the reference pushes OP_0, stacks.js 0x50', () => {
    const ks = keys.slice(0, 2);
    const ours = bytesToHex(addressHashFromPublicKeys(0x01, 0, ks.map(hexToBytes)));
    expect(ours).toBe(bytesToHex(hash160(script(Uint8Array.of(0x00), ks, Uint8Array.of(0x52)))));
    const theirs = addressFromPublicKeys(0 as never, AddressHashMode.P2SH, 0, ks.map(createStacksPublicKey)).hash160;
    expect(theirs).toBe(bytesToHex(hash160(script(Uint8Array.of(0x50), ks, Uint8Array.of(0x52)))));
    expect(theirs).not.toBe(ours);
  });

  it('16 and 17 keys: the reference writes OP_16 and a one-byte push, stacks.js refuses more than 15', () => {
    expect(() => addressFromPublicKeys(0 as never, AddressHashMode.P2SH, 1, keys.slice(0, 16).map(createStacksPublicKey))).toThrow();
    expect(bytesToHex(addressHashFromPublicKeys(0x01, 1, keys.slice(0, 16).map(hexToBytes)))).toBe(
      bytesToHex(hash160(script(Uint8Array.of(0x51), keys.slice(0, 16), Uint8Array.of(0x60)))),
    );
    expect(bytesToHex(addressHashFromPublicKeys(0x01, 17, keys.map(hexToBytes)))).toBe(
      bytesToHex(hash160(script(Uint8Array.of(0x01, 0x11), keys, Uint8Array.of(0x01, 0x11)))),
    );
  });
});
