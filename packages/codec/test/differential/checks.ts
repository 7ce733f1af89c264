/**
 * The differential checks, shared by the golden and the live mode. Each `check*` returns the list
 * of disagreements for one case (empty when our codec and stacks.js agree), each message naming
 * what was compared, what was expected and what we got.
 */
import {
  deserializeCV,
  deserializePostConditionWire,
  deserializeTransaction,
  serializeCV,
  serializePostConditionWire,
  createAddress,
} from '@stacks/transactions';
import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import { addressHashFromPublicKeys, addressVersionForHashMode, stacksAddressFromPublicKeys } from '../../src/address/address.ts';
import { c32addressDecode, c32addressEncode } from '../../src/address/c32.ts';
import { decodeClarityValue, encodeClarityValue } from '../../src/clarity/codec.ts';
import { sha512_256 } from '../../src/crypto/hashes.ts';
import { recoverPublicKey } from '../../src/crypto/secp256k1.ts';
import { createMultisigSpendingCondition, createSinglesigSpendingCondition, createTransaction } from '../../src/transaction/build.ts';
import { decodePostCondition, encodePostCondition } from '../../src/transaction/post-condition.ts';
import { initialSighash, makeSighashPostsign, makeSighashPresign } from '../../src/transaction/sighash.ts';
import { appendPublicKey, setSponsor, signTransaction } from '../../src/transaction/sign.ts';
import { decodeTransaction, encodeTransaction, txid } from '../../src/transaction/transaction.ts';
import {
  AuthType,
  isOrderIndependentHashMode,
  type StacksTransaction,
  type TransactionSpendingCondition,
} from '../../src/transaction/types.ts';
import { verifyTransactionAuth } from '../../src/transaction/verify.ts';
import type { AddressCase, ClarityCase, ConditionJson, DiffCase, PostConditionCase, SignerJson, TxCase } from './json.ts';
import { firstDifference } from './json.ts';
import {
  jsonToOurCv,
  jsonToOurPayload,
  jsonToOurPostCondition,
  jsonToOurTx,
  ourCvToJson,
  ourPostConditionToJson,
  ourTxToJson,
} from './ours-json.ts';
import { stacksCvToJson, stacksPostConditionToJson, stacksTxToJson } from './stacks-json.ts';

const hex = (b: Uint8Array): string => bytesToHex(b);

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}${'code' in err ? ` ${String((err as { code: unknown }).code)}` : ''}: ${err.message}`;
  return String(err);
}

/** Runs `f`, turning an exception into a failure message. */
function attempt<T>(failures: string[], what: string, f: () => T): T | undefined {
  try {
    return f();
  } catch (err) {
    failures.push(`${what} threw ${describe(err)}`);
    return undefined;
  }
}

function compare(failures: string[], what: string, got: unknown, expected: unknown): void {
  const d = firstDifference(got, expected);
  if (d) failures.push(`${what}: got vs expected differ at ${d}`);
}

function compareHex(failures: string[], what: string, got: string, expected: string): void {
  if (got === expected) return;
  let i = 0;
  while (i < got.length && got[i] === expected[i]) i++;
  failures.push(
    `${what}: bytes differ at byte ${i >> 1} (got ${got.length / 2} bytes, expected ${expected.length / 2}): ` +
      `got …${got.slice(Math.max(0, i - 8), i + 24)}… expected …${expected.slice(Math.max(0, i - 8), i + 24)}…`,
  );
}

// ---------------------------------------------------------------------------------------------
// Transactions

/** Recovers the public keys that signed one condition, and the sighash it ends on (the reference's verify loop). */
function recoverSigners(c: TransactionSpendingCondition, start: Uint8Array, flag: AuthType): { keys: string[]; end: Uint8Array } {
  if (c.type === 'singlesig') {
    const presign = makeSighashPresign(start, flag, c.txFee, c.nonce);
    const key = recoverPublicKey(presign, c.signature, c.keyEncoding === 0);
    return { keys: [hex(key)], end: makeSighashPostsign(presign, c.keyEncoding, c.signature) };
  }
  const oi = isOrderIndependentHashMode(c.hashMode);
  const keys: string[] = [];
  let cur = start;
  for (const f of c.fields) {
    if (f.type !== 'signature') continue;
    const presign = makeSighashPresign(oi ? start : cur, flag, c.txFee, c.nonce);
    keys.push(hex(recoverPublicKey(presign, f.signature, f.keyEncoding === 0)));
    if (!oi) cur = makeSighashPostsign(presign, f.keyEncoding, f.signature);
  }
  return { keys, end: oi ? start : cur };
}

function checkSigner(failures: string[], role: string, s: SignerJson, mainnet: boolean, recovered: string[]): void {
  const expectedSigning = s.signing.map((i) => s.publicKeys[i]!);
  compare(failures, `${role}: public keys recovered from the signatures`, recovered, expectedSigning);
  const keys = s.publicKeys.map(hexToBytes);
  const hash = attempt(failures, `${role}: addressHashFromPublicKeys`, () => hex(addressHashFromPublicKeys(s.hashMode as never, s.signaturesRequired, keys)));
  if (hash !== undefined && hash !== s.hash160) failures.push(`${role}: signer hash160 of the keys: got ${hash}, expected ${s.hash160}`);
  const version = attempt(failures, `${role}: addressVersionForHashMode`, () => addressVersionForHashMode(s.hashMode as never, mainnet));
  if (version !== undefined) {
    const fromKeys = attempt(failures, `${role}: stacksAddressFromPublicKeys`, () => stacksAddressFromPublicKeys(version, s.hashMode as never, s.signaturesRequired, keys));
    if (fromKeys === null) failures.push(`${role}: stacksAddressFromPublicKeys returned null for keys stacks.js accepts`);
    else if (fromKeys !== undefined) {
      const addr = c32addressEncode(fromKeys.version, fromKeys.hash160);
      if (addr !== s.address) failures.push(`${role}: signer address: got ${addr}, expected ${s.address}`);
    }
  }
}

function buildCondition(s: SignerJson, c: ConditionJson) {
  const nonce = BigInt(c.nonce);
  const fee = BigInt(c.fee);
  if (c.kind === 'singlesig') {
    return createSinglesigSpendingCondition({ publicKey: hexToBytes(s.publicKeys[0]!), nonce, fee, hashMode: c.hashMode as never });
  }
  return createMultisigSpendingCondition({
    publicKeys: s.publicKeys.map(hexToBytes),
    signaturesRequired: c.signaturesRequired,
    nonce,
    fee,
    hashMode: c.hashMode as never,
  });
}

function signAll(tx: StacksTransaction, s: SignerJson, as: 'origin' | 'sponsor'): StacksTransaction {
  let k = 0;
  s.publicKeys.forEach((pub, i) => {
    tx = s.signing.includes(i) ? signTransaction(tx, hexToBytes(s.privateKeys[k++]!), { as }) : appendPublicKey(tx, hexToBytes(pub), { as });
  });
  return tx;
}

/** True when a condition carries more signatures than it requires (stacks.js allows it for order-independent multisig; the reference's signer refuses). */
function overSigned(s: SignerJson): boolean {
  return s.signing.length > s.signaturesRequired;
}

/** Outcome counters the tests report. */
export type TxCheckStats = { resigned: number; resignSkippedOversigned: number; localeTupleOrder: number };

/** All checks of one transaction case. */
export function checkTxCase(c: TxCase, stats?: TxCheckStats): string[] {
  const failures: string[] = [];
  const ours = attempt(failures, 'decodeTransaction(stacks.js bytes)', () => decodeTransaction(hexToBytes(c.hex)));
  if (!ours) return failures;
  const locale = c.canonicalHex !== undefined;
  if (locale && stats) stats.localeTupleOrder++;
  const expectedBytes = c.canonicalHex ?? c.hex;
  const mainnet = (ours.version & 0x80) === 0;

  // (a) golden: value, byte-exact re-encoding, txid, auth, signers.
  compare(failures, 'decoded transaction', attempt(failures, 'ourTxToJson', () => ourTxToJson(ours)), c.tx);
  const reencoded = attempt(failures, 'encodeTransaction(decoded)', () => hex(encodeTransaction(ours)));
  if (reencoded !== undefined) compareHex(failures, locale ? 're-encoding (reference byte order)' : 're-encoding', reencoded, expectedBytes);
  const id = attempt(failures, 'txid', () => txid(ours));
  const expectedTxid = locale ? hex(sha512_256(hexToBytes(c.canonicalHex!))) : c.txid;
  if (id !== undefined && id !== expectedTxid) failures.push(`txid: got ${id}, expected ${expectedTxid}${locale ? ' (SHA-512/256 of the byte-ordered bytes)' : ''}`);
  const verdict = attempt(failures, 'verifyTransactionAuth', () => verifyTransactionAuth(ours));
  if (verdict && !locale && !verdict.ok) failures.push(`verifyTransactionAuth: not ok (${verdict.reason}), stacks.js signed it`);
  if (verdict && locale && verdict.ok) {
    failures.push('verifyTransactionAuth: ok, but stacks.js signed its locale-ordered bytes, not the byte-ordered ones the reference hashes');
  }
  if (!locale) {
    const origin = attempt(failures, 'recover origin signers', () => recoverSigners(ours.auth.origin, initialSighash(ours), AuthType.Standard));
    if (origin) {
      checkSigner(failures, 'origin', c.signers.origin, mainnet, origin.keys);
      if (ours.auth.type === 'sponsored' && c.signers.sponsor) {
        const auth = ours.auth;
        const sponsor = attempt(failures, 'recover sponsor signers', () => recoverSigners(auth.sponsor, origin.end, AuthType.Sponsored));
        if (sponsor) checkSigner(failures, 'sponsor', c.signers.sponsor, mainnet, sponsor.keys);
      }
    }
  }

  // (b) reverse: stacks.js reads our bytes back to the same transaction.
  if (reencoded !== undefined) {
    const theirs = attempt(failures, 'stacks.js deserializeTransaction(our bytes)', () => deserializeTransaction(reencoded));
    if (theirs) compare(failures, 'stacks.js reading our bytes', stacksTxToJson(theirs), c.tx);
  }
  // Our encoder on a structure built from the description (not from our decoder).
  const built = attempt(failures, 'encodeTransaction(built from JSON)', () => hex(encodeTransaction(jsonToOurTx(c.tx))));
  if (built !== undefined) compareHex(failures, 'encoding of the transaction built from its description', built, expectedBytes);

  // Our signer, from the same keys (RFC 6979 signatures are deterministic): same bytes as stacks.js.
  const oversigned = overSigned(c.signers.origin) || (c.signers.sponsor !== null && overSigned(c.signers.sponsor));
  if (oversigned) {
    if (stats) stats.resignSkippedOversigned++;
  } else {
    const resigned = attempt(failures, 'signing with our signer', () => {
      let tx = createTransaction({
        payload: jsonToOurPayload(c.tx.payload),
        origin: buildCondition(c.signers.origin, c.tx.auth.origin),
        sponsor: c.tx.auth.type === 'sponsored' ? true : undefined,
        network: mainnet ? 'mainnet' : 'testnet',
        chainId: c.tx.chainId,
        anchorMode: c.tx.anchorMode as never,
        postConditionMode: c.tx.postConditionMode as never,
        postConditions: c.tx.postConditions.map(jsonToOurPostCondition),
      });
      tx = signAll(tx, c.signers.origin, 'origin');
      if (c.signers.sponsor && c.tx.auth.sponsor) {
        tx = setSponsor(tx, buildCondition(c.signers.sponsor, c.tx.auth.sponsor));
        tx = signAll(tx, c.signers.sponsor, 'sponsor');
      }
      return tx;
    });
    if (resigned) {
      if (stats) stats.resigned++;
      if (locale) {
        // Our signer hashes the byte-ordered bytes, as the reference does: the result verifies.
        const v = verifyTransactionAuth(resigned);
        if (!v.ok) failures.push(`our signer's transaction does not verify: ${v.reason}`);
      } else {
        compareHex(failures, 'transaction signed by our signer', hex(encodeTransaction(resigned)), c.hex);
      }
    }
  }
  return failures;
}

// ---------------------------------------------------------------------------------------------
// Clarity values, post-conditions, addresses

/** All checks of one Clarity value case. */
export function checkClarityCase(c: ClarityCase): string[] {
  const failures: string[] = [];
  const ours = attempt(failures, 'decodeClarityValue(stacks.js bytes)', () => decodeClarityValue(hexToBytes(c.hex)));
  if (!ours) return failures;
  const expectedBytes = c.canonicalHex ?? c.hex;
  compare(failures, 'decoded value', ourCvToJson(ours), c.value);
  const reencoded = attempt(failures, 'encodeClarityValue(decoded)', () => hex(encodeClarityValue(ours)));
  if (reencoded !== undefined) {
    compareHex(failures, c.canonicalHex ? 're-encoding (reference byte order)' : 're-encoding', reencoded, expectedBytes);
    const theirs = attempt(failures, 'stacks.js deserializeCV(our bytes)', () => deserializeCV(reencoded));
    if (theirs) {
      compare(failures, 'stacks.js reading our bytes', stacksCvToJson(theirs), c.value);
      // stacks.js re-sorts by locale when it serializes: its bytes again.
      if (serializeCV(theirs) !== c.hex) failures.push('stacks.js re-serialization of our bytes is not its original serialization');
    }
  }
  const built = attempt(failures, 'encodeClarityValue(built from JSON)', () => hex(encodeClarityValue(jsonToOurCv(c.value))));
  if (built !== undefined) compareHex(failures, 'encoding of the value built from its description', built, expectedBytes);
  return failures;
}

/** All checks of one post-condition case. */
export function checkPostConditionCase(c: PostConditionCase): string[] {
  const failures: string[] = [];
  const ours = attempt(failures, 'decodePostCondition(stacks.js bytes)', () => decodePostCondition(hexToBytes(c.hex)));
  if (!ours) return failures;
  const expectedBytes = c.canonicalHex ?? c.hex;
  compare(failures, 'decoded post-condition', ourPostConditionToJson(ours), c.value);
  const reencoded = attempt(failures, 'encodePostCondition(decoded)', () => hex(encodePostCondition(ours)));
  if (reencoded !== undefined) {
    compareHex(failures, 're-encoding', reencoded, expectedBytes);
    const theirs = attempt(failures, 'stacks.js deserializePostConditionWire(our bytes)', () => deserializePostConditionWire(reencoded));
    if (theirs) {
      compare(failures, 'stacks.js reading our bytes', stacksPostConditionToJson(theirs), c.value);
      if (serializePostConditionWire(theirs) !== c.hex) failures.push('stacks.js re-serialization of our bytes is not its original serialization');
    }
  }
  const built = attempt(failures, 'encodePostCondition(built from JSON)', () => hex(encodePostCondition(jsonToOurPostCondition(c.value))));
  if (built !== undefined) compareHex(failures, 'encoding of the post-condition built from its description', built, expectedBytes);
  return failures;
}

/** All checks of one address case. */
export function checkAddressCase(c: AddressCase): string[] {
  const failures: string[] = [];
  const decoded = attempt(failures, 'c32addressDecode', () => c32addressDecode(c.address, { strictPrefix: true }));
  if (decoded) compare(failures, 'decoded address', { version: decoded.version, hash160: hex(decoded.hash160) }, { version: c.version, hash160: c.hash160 });
  const encoded = attempt(failures, 'c32addressEncode', () => c32addressEncode(c.version, hexToBytes(c.hash160)));
  if (encoded !== undefined) {
    if (encoded !== c.address) failures.push(`c32addressEncode: got ${encoded}, expected ${c.address}`);
    const theirs = attempt(failures, 'stacks.js createAddress(our string)', () => createAddress(encoded));
    if (theirs) compare(failures, 'stacks.js reading our address', { version: theirs.version, hash160: theirs.hash160.toLowerCase() }, { version: c.version, hash160: c.hash160 });
  }
  if (c.derivation) {
    const { hashMode, signaturesRequired, publicKeys } = c.derivation;
    const keys = publicKeys.map(hexToBytes);
    const h = attempt(failures, 'addressHashFromPublicKeys', () => hex(addressHashFromPublicKeys(hashMode as never, signaturesRequired, keys)));
    if (h !== undefined && h !== c.hash160) failures.push(`addressHashFromPublicKeys(mode ${hashMode}, ${signaturesRequired} of ${keys.length}): got ${h}, expected ${c.hash160}`);
    const a = attempt(failures, 'stacksAddressFromPublicKeys', () => stacksAddressFromPublicKeys(c.version, hashMode as never, signaturesRequired, keys));
    if (a === null) failures.push('stacksAddressFromPublicKeys returned null for keys stacks.js accepts');
    else if (a !== undefined && c32addressEncode(a.version, a.hash160) !== c.address) failures.push(`stacksAddressFromPublicKeys: got ${c32addressEncode(a.version, a.hash160)}, expected ${c.address}`);
  }
  return failures;
}

/** Checks any case. */
export function checkCase(c: DiffCase, stats?: TxCheckStats): string[] {
  switch (c.kind) {
    case 'tx':
      return checkTxCase(c, stats);
    case 'clarity':
      return checkClarityCase(c);
    case 'postcondition':
      return checkPostConditionCase(c);
    case 'address':
      return checkAddressCase(c);
  }
}

/**
 * stacks.js-only consistency of a recorded case (the golden file still describes what the
 * installed library does): its deserializer reads the bytes to the recorded description and
 * re-serializes them unchanged.
 */
export function checkCaseAgainstLibrary(c: DiffCase): string[] {
  const failures: string[] = [];
  switch (c.kind) {
    case 'tx': {
      const t = attempt(failures, 'stacks.js deserializeTransaction', () => deserializeTransaction(c.hex));
      if (t) {
        compare(failures, 'stacks.js decoding of the golden bytes', stacksTxToJson(t), c.tx);
        if (t.serialize() !== c.hex) failures.push('stacks.js re-serialization differs from the golden bytes');
        if (t.txid() !== c.txid) failures.push(`stacks.js txid: got ${t.txid()}, expected ${c.txid}`);
      }
      break;
    }
    case 'clarity': {
      const v = attempt(failures, 'stacks.js deserializeCV', () => deserializeCV(c.hex));
      if (v) {
        compare(failures, 'stacks.js decoding of the golden bytes', stacksCvToJson(v), c.value);
        if (serializeCV(v) !== c.hex) failures.push('stacks.js re-serialization differs from the golden bytes');
      }
      break;
    }
    case 'postcondition': {
      const p = attempt(failures, 'stacks.js deserializePostConditionWire', () => deserializePostConditionWire(c.hex));
      if (p) compare(failures, 'stacks.js decoding of the golden bytes', stacksPostConditionToJson(p), c.value);
      break;
    }
    case 'address': {
      const a = attempt(failures, 'stacks.js createAddress', () => createAddress(c.address));
      if (a) compare(failures, 'stacks.js decoding of the golden address', { version: a.version, hash160: a.hash160.toLowerCase() }, { version: c.version, hash160: c.hash160 });
      break;
    }
  }
  return failures;
}

/** Runs `check` over `cases`; returns a readable report of the failing ones (at most `limit`) and their count. */
export function runChecks<T extends DiffCase>(cases: readonly T[], check: (c: T) => string[], limit = 15): { failed: number; report: string } {
  const lines: string[] = [];
  let failed = 0;
  for (const c of cases) {
    const f = check(c);
    if (f.length === 0) continue;
    failed++;
    if (failed <= limit) lines.push(`${c.id} [${c.tags.join(' ')}]\n    ${f.join('\n    ')}\n    hex: ${'hex' in c ? c.hex.slice(0, 400) : c.address}`);
  }
  return { failed, report: failed === 0 ? '' : `${failed} of ${cases.length} cases disagree:\n${lines.join('\n')}` };
}
