/**
 * Seeded generator of differential cases, built with `@stacks/transactions` 7.6 only: signed
 * transactions (every payload and auth type the library can serialize), Clarity values,
 * post-conditions and c32 addresses. Each case records stacks.js's bytes, its txid, the expected
 * signers and a neutral JSON description (`json.ts`).
 *
 * Every case is one the reference (stacks-core) accepts, except where stacks.js's locale tuple order
 * makes the bytes non-canonical; those carry `canonicalHex` (the reference's bytes) and are tagged
 * `locale-tuple-order`. Bytes stacks.js writes that the reference rejects are not generated here:
 * `known-differences.test.ts` covers them.
 *
 * CLI (re-records the golden file):
 *   npx tsx --conditions=@stacks-ts/source packages/codec/test/differential/generate.ts \
 *     --count 3000 --seed 1 --out packages/codec/test/differential/golden/cases.json
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ed25519 } from '@noble/curves/ed25519.js';
import {
  AddressHashMode,
  AuthType,
  Cl,
  ClarityVersion,
  FungibleConditionCode,
  NonFungibleConditionCode,
  PayloadType,
  Pc,
  PostConditionMode,
  PostConditionPrincipalId,
  PostConditionType,
  PoxConditionCode,
  PubKeyEncoding,
  StacksTransactionWire,
  StacksWireType,
  TenureChangeCause,
  TransactionSigner,
  addressFromPublicKeys,
  addressFromVersionHash,
  addressHashModeToVersion,
  addressToString,
  createAsset,
  createCoinbasePayload,
  createContractCallPayload,
  createLPList,
  createLPString,
  createMemoString,
  createMultiSigSpendingCondition,
  createNakamotoCoinbasePayload,
  createSingleSigSpendingCondition,
  createSmartContractPayload,
  createSponsoredAuth,
  createStacksPublicKey,
  createStandardAuth,
  createTenureChangePayload,
  createTokenTransferPayload,
  createTransactionAuthField,
  makeContractCall,
  makeContractDeploy,
  makeSTXTokenTransfer,
  postConditionToWire,
  privateKeyToPublic,
  publicKeyIsCompressed,
  serializeCV,
  serializePostConditionWire,
  sponsorTransaction,
  type ClarityValue as StacksCV,
  type MultiSigHashMode,
  type PayloadWire,
  type PostCondition,
  type PostConditionPrincipalWire,
  type PostConditionWire,
  type SingleSigHashMode,
  type SpendingCondition,
} from '@stacks/transactions';
import { STACKS_MAINNET, STACKS_TESTNET, type StacksNetwork } from '@stacks/network';
import { bytesToHex, createSeededRng, type Rng } from '@stacks-ts/common';
import type { AddressCase, ClarityCase, DiffCase, GoldenFile, PostConditionCase, SignerJson, TxCase } from './json.ts';
import {
  hasLocaleTupleOrder,
  serializeCanonicalCV,
  serializeCanonicalPostCondition,
  serializeCanonicalTransaction,
  stacksCvToJson,
  stacksPostConditionToJson,
  stacksTxToJson,
  txHasLocaleTupleOrder,
} from './stacks-json.ts';

/** Nesting the reference's unsanitized decoder accepts (`UNSANITIZED_DEPTH_CHECK` = 16 frames). */
export const MAX_VALUE_NESTING = 16;

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const ED25519_L = 2n ** 252n + 27742317777372353535851937790883648493n;
const U64_MAX = 2n ** 64n - 1n;
const U128_MAX = 2n ** 128n - 1n;
const I128_MIN = -(2n ** 127n);
const I128_MAX = 2n ** 127n - 1n;

// ---------------------------------------------------------------------------------------------
// Random helpers

/** Thin helpers over the seeded `Rng`. */
export class Gen {
  readonly rng: Rng;
  constructor(seed: number) {
    this.rng = createSeededRng(seed);
  }
  int(lo: number, hi: number): number {
    return lo + this.rng.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.rng.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.rng.int(xs.length)]!;
  }
  bytes(n: number): Uint8Array {
    return this.rng.bytes(n);
  }
  hex(n: number): string {
    return bytesToHex(this.rng.bytes(n));
  }
  bigBits(bits: number): bigint {
    const b = this.rng.bytes(Math.ceil(bits / 8));
    let x = 0n;
    for (const v of b) x = (x << 8n) | BigInt(v);
    return x & ((1n << BigInt(bits)) - 1n);
  }
  u64(): bigint {
    if (this.chance(0.25)) return this.pick([0n, 1n, U64_MAX, U64_MAX - 1n, 2n ** 32n, 2n ** 63n]);
    return this.bigBits(this.int(1, 64));
  }
  u32(): number {
    return this.chance(0.2) ? this.pick([0, 1, 0xffffffff]) : this.rng.nextU32();
  }
}

// ---------------------------------------------------------------------------------------------
// Keys, addresses, names

type Key = { priv: string; pub: string; compressed: boolean };

function genKey(g: Gen, compressed: boolean): Key {
  for (;;) {
    const k = g.bigBits(256);
    if (k === 0n || k >= SECP256K1_N) continue;
    const hex = k.toString(16).padStart(64, '0');
    const priv = compressed ? `${hex}01` : hex;
    return { priv, pub: privateKeyToPublic(priv) as string, compressed };
  }
}

const REAL_VERSIONS = [22, 20, 26, 21] as const;

function genVersion(g: Gen): number {
  return g.chance(0.8) ? g.pick(REAL_VERSIONS) : g.int(0, 31);
}

function genAddress(g: Gen, version = genVersion(g)): string {
  const hash = g.chance(0.05) ? g.pick(['00'.repeat(20), 'ff'.repeat(20)]) : g.hex(20);
  return addressToString(addressFromVersionHash(version, hash));
}

const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${ALPHA}0123456789`;

/** A contract name matching the reference's regex, of at most `max` bytes. */
function genContractName(g: Gen, max: number): string {
  const len = g.chance(0.1) ? g.pick([1, max]) : g.int(1, Math.min(max, 24));
  let s = g.pick([...ALPHA]);
  for (let i = 1; i < len; i++) s += g.chance(0.12) ? g.pick(['-', '_']) : g.pick([...ALNUM]);
  return s;
}

const CLARITY_NAME_SPECIAL = ['-', '+', '=', '/', '*', '<', '>', '<=', '>='] as const;
const CLARITY_NAME_PUNCT = ['-', '_', '!', '?', '+', '<', '>', '=', '/', '*'] as const;

/** stacks.js's `isClarityName` (tuple keys) refuses 128-byte names (the reference allows 128). */
const STACKS_JS_MAX_TUPLE_KEY = 127;

/** A Clarity name (`CLARITY_NAME_REGEX`), at most `max` bytes. */
function genClarityName(g: Gen, mixed = true, max = 128): string {
  if (mixed && g.chance(0.04)) return g.pick(CLARITY_NAME_SPECIAL);
  const len = g.chance(0.03) ? g.pick([1, max]) : g.int(1, 14);
  let s = mixed ? g.pick([...ALPHA]) : g.pick([...'abcdefghijklmnopqrstuvwxyz']);
  for (let i = 1; i < len; i++) {
    if (mixed && g.chance(0.15)) s += g.pick(CLARITY_NAME_PUNCT);
    else s += mixed ? g.pick([...ALNUM]) : g.pick([...'abcdefghijklmnopqrstuvwxyz0123456789']);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Clarity values: generated from a random type, so lists are homogeneous (the reference rejects
// lists whose element types have no common supertype) and type sizes stay far below MAX_VALUE_SIZE.

type CType =
  | { k: 'int' | 'uint' | 'bool' | 'principal' }
  | { k: 'buffer' | 'ascii' | 'utf8'; max: number }
  | { k: 'optional'; t: CType }
  | { k: 'response'; ok: CType; err: CType }
  | { k: 'list'; t: CType; max: number }
  | { k: 'tuple'; fields: [string, CType][] };

/** Upper bound of the reference's `TypeSignature::size` for a declared type. */
function typeSizeBound(t: CType): number {
  switch (t.k) {
    case 'int':
    case 'uint':
      return 16;
    case 'bool':
      return 1;
    case 'principal':
      return 148;
    case 'buffer':
    case 'ascii':
      return 4 + t.max;
    case 'utf8':
      return 4 + 4 * t.max;
    case 'optional':
      return 1 + typeSizeBound(t.t);
    case 'response':
      return 1 + Math.max(typeSizeBound(t.ok), typeSizeBound(t.err));
    case 'list':
      return 64 + t.max * typeSizeBound(t.t);
    case 'tuple':
      return t.fields.reduce((s, [n, ft]) => s + 64 + n.length + typeSizeBound(ft), 0);
  }
}

type TupleNameMode = 'plain' | 'mixed';

function genType(g: Gen, nesting: number, budget: { nodes: number }, names: TupleNameMode): CType {
  budget.nodes--;
  const leafOnly = nesting <= 1 || budget.nodes <= 0;
  if (leafOnly || g.chance(0.55)) {
    const k = g.pick(['int', 'uint', 'bool', 'principal', 'buffer', 'ascii', 'utf8'] as const);
    if (k === 'buffer' || k === 'ascii' || k === 'utf8') return { k, max: g.chance(0.1) ? g.int(100, 400) : g.int(0, 40) };
    return { k };
  }
  const k = g.pick(['optional', 'response', 'list', 'list', 'tuple', 'tuple'] as const);
  switch (k) {
    case 'optional':
      return { k, t: genType(g, nesting - 1, budget, names) };
    case 'response':
      return { k, ok: genType(g, nesting - 1, budget, names), err: genType(g, nesting - 1, budget, names) };
    case 'list':
      return { k, t: genType(g, nesting - 1, budget, names), max: g.int(0, 5) };
    case 'tuple': {
      const n = g.int(1, 5);
      const seen = new Set<string>();
      const fields: [string, CType][] = [];
      while (fields.length < n) {
        const name = names === 'plain' ? genClarityName(g, false, STACKS_JS_MAX_TUPLE_KEY) : genTupleKey(g);
        if (seen.has(name)) continue;
        seen.add(name);
        fields.push([name, genType(g, nesting - 1, budget, names)]);
      }
      return { k, fields };
    }
  }
}

/** Tuple keys where locale order and byte order often disagree (case, punctuation). */
const LOCALE_KEYS = ['a', 'A', 'b', 'B', 'z', 'Z', 'ab', 'aB', 'Ab', 'a-b', 'a_b', 'a!', 'a?', 'a1', 'a-1', 'x*', 'x/', 'x+', 'x=', 'x<', 'x>', '+', '-', '*', '/', '=', '<', '>', '<=', '>='];

function genTupleKey(g: Gen): string {
  return g.chance(0.5) ? g.pick(LOCALE_KEYS) : genClarityName(g, true, STACKS_JS_MAX_TUPLE_KEY);
}

const ASCII_PRINTABLE = (() => {
  let s = '';
  for (let c = 0x21; c <= 0x7e; c++) s += String.fromCharCode(c);
  return s;
})();
/** Bytes the reference allows in string-ascii: alphanumeric, punctuation, ASCII whitespace. */
const ASCII_ALLOWED = [...ASCII_PRINTABLE, ' ', '\t', '\n', '\r', '\x0c'];
const UTF8_SAMPLES = [
  'é', 'ß', 'Ω', 'ж', 'ש', 'ع', '中', '文', '€', '‰', '\u00a0', '\u200b', '\ufeff', '\u0301', '\u0000', '\u007f',
  '😀', '𝄞', '🜁', '🇺', '𠜎', '\u{10ffff}', '\u{1f600}', '\ud7ff', '\ue000', '\ufffd',
];

function genAscii(g: Gen, maxLen: number): string {
  const len = g.int(0, maxLen);
  let s = '';
  for (let i = 0; i < len; i++) s += g.chance(0.8) ? g.pick([...ALNUM, ' ']) : g.pick(ASCII_ALLOWED);
  return s;
}

/**
 * stacks.js decodes UTF-8 with a `TextDecoder` that drops a leading U+FEFF (byte order mark), so a
 * string that starts with one does not survive its decoder (see `known-differences.test.ts`); the
 * positive cases keep U+FEFF away from the start of a string.
 */
function notLeadingBom(s: string): string {
  return s.startsWith('\ufeff') ? `a${s.slice(1)}` : s;
}

function genUtf8(g: Gen, maxChars: number): string {
  const len = g.int(0, maxChars);
  let s = '';
  for (let i = 0; i < len; i++) s += g.chance(0.5) ? g.pick([...ALNUM, ' ']) : g.pick(UTF8_SAMPLES);
  return notLeadingBom(s);
}

function genInt(g: Gen): bigint {
  if (g.chance(0.2)) return g.pick([I128_MIN, I128_MAX, I128_MIN + 1n, I128_MAX - 1n, 0n, -1n, 1n]);
  const v = g.bigBits(g.int(1, 127));
  return g.chance(0.5) ? -v : v;
}

function genUint(g: Gen): bigint {
  if (g.chance(0.2)) return g.pick([0n, 1n, U128_MAX, U128_MAX - 1n, 2n ** 64n, U64_MAX]);
  return g.bigBits(g.int(1, 128));
}

/** stacks.js refuses contract names of 128 bytes in principal values (the reference allows 128). */
const STACKS_JS_MAX_CV_CONTRACT_NAME = 127;

function genPrincipalCV(g: Gen, maxContractName = STACKS_JS_MAX_CV_CONTRACT_NAME): StacksCV {
  const addr = genAddress(g);
  return g.chance(0.5) ? Cl.standardPrincipal(addr) : Cl.contractPrincipal(addr, genContractName(g, maxContractName));
}

function genValueOfType(g: Gen, t: CType, budget: { nodes: number }): StacksCV {
  budget.nodes--;
  switch (t.k) {
    case 'int':
      return Cl.int(genInt(g));
    case 'uint':
      return Cl.uint(genUint(g));
    case 'bool':
      return Cl.bool(g.chance(0.5));
    case 'principal':
      return genPrincipalCV(g);
    case 'buffer':
      return Cl.buffer(g.bytes(g.int(0, t.max)));
    case 'ascii':
      return Cl.stringAscii(genAscii(g, t.max));
    case 'utf8':
      return Cl.stringUtf8(genUtf8(g, t.max));
    case 'optional':
      return g.chance(0.3) || budget.nodes <= 0 ? Cl.none() : Cl.some(genValueOfType(g, t.t, budget));
    case 'response':
      return g.chance(0.5) ? Cl.ok(genValueOfType(g, t.ok, budget)) : Cl.error(genValueOfType(g, t.err, budget));
    case 'list': {
      const n = budget.nodes <= 0 ? 0 : g.int(0, t.max);
      const items: StacksCV[] = [];
      for (let i = 0; i < n; i++) items.push(genValueOfType(g, t.t, budget));
      return Cl.list(items);
    }
    case 'tuple': {
      const data: Record<string, StacksCV> = {};
      // Insertion order is shuffled: stacks.js must not depend on it.
      const fields = [...t.fields];
      for (let i = fields.length - 1; i > 0; i--) {
        const j = g.int(0, i);
        [fields[i], fields[j]] = [fields[j]!, fields[i]!];
      }
      for (const [name, ft] of fields) data[name] = genValueOfType(g, ft, budget);
      return Cl.tuple(data);
    }
  }
}

/** Nesting of a value as the reference's decoder counts it (a leaf is 1). */
export function valueNesting(cv: StacksCV): number {
  switch (cv.type) {
    case 'some':
    case 'ok':
    case 'err':
      return 1 + valueNesting(cv.value);
    case 'list':
      return cv.value.length === 0 ? 1 : 1 + Math.max(...cv.value.map(valueNesting));
    case 'tuple': {
      const vs = Object.values(cv.value);
      return vs.length === 0 ? 1 : 1 + Math.max(...vs.map(valueNesting));
    }
    default:
      return 1;
  }
}

/** A random Clarity value the reference accepts. */
function genClarityValue(g: Gen, opts: { nesting?: number; nodes?: number; names?: TupleNameMode } = {}): StacksCV {
  for (;;) {
    const t = genType(g, opts.nesting ?? g.int(1, 8), { nodes: opts.nodes ?? 24 }, opts.names ?? 'mixed');
    if (typeSizeBound(t) > 200_000) continue;
    return genValueOfType(g, t, { nodes: (opts.nodes ?? 24) * 3 });
  }
}

/** A chain of `depth` nested values (wrappers around a leaf), each wrapper picked at random. */
function genDeepValue(g: Gen, depth: number, names: TupleNameMode = 'mixed'): StacksCV {
  let v: StacksCV = g.pick([Cl.uint(genUint(g)), Cl.none(), Cl.list([]), Cl.bool(true), Cl.stringUtf8('𝄞')]);
  for (let i = 1; i < depth; i++) {
    const w = g.pick(['some', 'ok', 'err', 'list', 'tuple'] as const);
    if (w === 'some') v = Cl.some(v);
    else if (w === 'ok') v = Cl.ok(v);
    else if (w === 'err') v = Cl.error(v);
    else if (w === 'list') v = Cl.list(g.chance(0.5) ? [v] : [v, v]);
    else v = Cl.tuple({ [names === 'plain' ? genClarityName(g, false, STACKS_JS_MAX_TUPLE_KEY) : genTupleKey(g)]: v });
  }
  return v;
}

/** Fixed edge values (same for every seed). */
function edgeClarityValues(): { tag: string; cv: StacksCV }[] {
  const addr = 'SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7';
  const out: { tag: string; cv: StacksCV }[] = [
    { tag: 'int-min', cv: Cl.int(I128_MIN) },
    { tag: 'int-max', cv: Cl.int(I128_MAX) },
    { tag: 'int-zero', cv: Cl.int(0n) },
    { tag: 'int-minus-one', cv: Cl.int(-1n) },
    { tag: 'uint-max', cv: Cl.uint(U128_MAX) },
    { tag: 'uint-zero', cv: Cl.uint(0n) },
    { tag: 'uint-2^64', cv: Cl.uint(2n ** 64n) },
    { tag: 'true', cv: Cl.bool(true) },
    { tag: 'false', cv: Cl.bool(false) },
    { tag: 'empty-buffer', cv: Cl.buffer(new Uint8Array(0)) },
    { tag: 'empty-ascii', cv: Cl.stringAscii('') },
    { tag: 'empty-utf8', cv: Cl.stringUtf8('') },
    { tag: 'empty-list', cv: Cl.list([]) },
    { tag: 'list-of-empty-lists', cv: Cl.list([Cl.list([]), Cl.list([Cl.int(1n)]), Cl.list([])]) },
    { tag: 'none', cv: Cl.none() },
    { tag: 'some-none', cv: Cl.some(Cl.none()) },
    { tag: 'ok-none', cv: Cl.ok(Cl.none()) },
    { tag: 'err-uint', cv: Cl.error(Cl.uint(0n)) },
    { tag: 'response-supertype-list', cv: Cl.list([Cl.ok(Cl.int(1n)), Cl.error(Cl.uint(2n)), Cl.ok(Cl.int(-3n))]) },
    { tag: 'optional-supertype-list', cv: Cl.list([Cl.none(), Cl.some(Cl.buffer(new Uint8Array([1, 2, 3]))), Cl.some(Cl.buffer(new Uint8Array(0)))]) },
    { tag: 'principal-mixed-list', cv: Cl.list([Cl.standardPrincipal(addr), Cl.contractPrincipal(addr, 'a')]) },
    { tag: 'ascii-all-allowed', cv: Cl.stringAscii(ASCII_ALLOWED.join('')) },
    { tag: 'utf8-multibyte', cv: Cl.stringUtf8('héllo wörld – €100 ‰ 中文') },
    { tag: 'utf8-astral', cv: Cl.stringUtf8('😀𝄞🜁𠜎\u{10ffff}🇺🇸') },
    { tag: 'utf8-nul-and-bom', cv: Cl.stringUtf8('\u0000a\ufeffb\u0000') },
    { tag: 'utf8-combining', cv: Cl.stringUtf8('e\u0301\u0301') },
    { tag: 'buffer-4k', cv: Cl.buffer(new Uint8Array(4096).map((_, i) => i & 0xff)) },
    { tag: 'list-200-uints', cv: Cl.list(Array.from({ length: 200 }, (_, i) => Cl.uint(BigInt(i) * 1_000_003n))) },
    { tag: 'principal-version-0', cv: Cl.standardPrincipal(addressToString(addressFromVersionHash(0 as number, '00'.repeat(20)))) },
    { tag: 'principal-version-31', cv: Cl.standardPrincipal(addressToString(addressFromVersionHash(31 as number, 'ff'.repeat(20)))) },
    { tag: 'contract-name-127', cv: Cl.contractPrincipal(addr, `a${'b-_9'.repeat(31)}xy`) },
    { tag: 'contract-name-1', cv: Cl.contractPrincipal(addr, 'z') },
    { tag: 'tuple-special-names', cv: Cl.tuple(Object.fromEntries(CLARITY_NAME_SPECIAL.map((n, i) => [n, Cl.int(BigInt(i))]))) },
    { tag: 'tuple-name-127', cv: Cl.tuple({ [`k${'x'.repeat(126)}`]: Cl.bool(false), a: Cl.bool(true) }) },
    { tag: 'tuple-case', cv: Cl.tuple({ b: Cl.int(1n), B: Cl.int(2n), a: Cl.int(3n), A: Cl.int(4n) }) },
    { tag: 'tuple-punct', cv: Cl.tuple({ 'a-b': Cl.int(1n), a_b: Cl.int(2n), ab: Cl.int(3n), 'a!': Cl.int(4n), a: Cl.int(5n) }) },
    { tag: 'tuple-nested', cv: Cl.tuple({ outer: Cl.tuple({ Z: Cl.none(), z: Cl.some(Cl.tuple({ y: Cl.int(1n), Y: Cl.int(2n) })) }) }) },
  ];
  // The deepest nesting the reference decodes without a type (16), one chain per wrapper kind.
  let some: StacksCV = Cl.int(7n);
  let ok: StacksCV = Cl.bool(true);
  let err: StacksCV = Cl.none();
  let list: StacksCV = Cl.list([]);
  let tuple: StacksCV = Cl.uint(1n);
  for (let i = 1; i < MAX_VALUE_NESTING; i++) {
    some = Cl.some(some);
    ok = Cl.ok(ok);
    err = Cl.error(err);
    list = Cl.list([list]);
    tuple = Cl.tuple({ [`f${i}`]: tuple });
  }
  out.push(
    { tag: 'depth-16-some', cv: some },
    { tag: 'depth-16-ok', cv: ok },
    { tag: 'depth-16-err', cv: err },
    { tag: 'depth-16-list', cv: list },
    { tag: 'depth-16-tuple', cv: tuple },
  );
  return out;
}

function clarityTags(cv: StacksCV): string[] {
  const tags = new Set<string>();
  const walk = (v: StacksCV): void => {
    tags.add(`cv:${v.type}`);
    if (v.type === 'some' || v.type === 'ok' || v.type === 'err') walk(v.value);
    else if (v.type === 'list') v.value.forEach(walk);
    else if (v.type === 'tuple') Object.values(v.value).forEach(walk);
  };
  walk(cv);
  tags.add(`nesting:${valueNesting(cv)}`);
  if (hasLocaleTupleOrder(cv)) tags.add('locale-tuple-order');
  return [...tags].sort();
}

function clarityCase(id: string, cv: StacksCV, extraTags: string[] = []): ClarityCase {
  const hex = serializeCV(cv);
  const canonical = bytesToHex(serializeCanonicalCV(cv));
  if (valueNesting(cv) > MAX_VALUE_NESTING) throw new Error(`${id}: generated a value deeper than the reference accepts`);
  return {
    kind: 'clarity',
    id,
    tags: [...extraTags, ...clarityTags(cv)],
    hex,
    value: stacksCvToJson(cv),
    ...(canonical !== hex ? { canonicalHex: canonical } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Post-conditions

function genPcPrincipal(g: Gen): PostConditionPrincipalWire {
  const r = g.int(0, 2);
  if (r === 0) return { type: StacksWireType.Principal, prefix: PostConditionPrincipalId.Origin };
  const address = addressFromVersionHash(genVersion(g), g.hex(20));
  if (r === 1) return { type: StacksWireType.Principal, prefix: PostConditionPrincipalId.Standard, address };
  return {
    type: StacksWireType.Principal,
    prefix: PostConditionPrincipalId.Contract,
    address,
    contractName: createLPString(genContractName(g, 40)),
  };
}

function genAsset(g: Gen) {
  return createAsset(genAddress(g), genContractName(g, 40), genClarityName(g));
}

const FUNGIBLE_CODES = [
  FungibleConditionCode.Equal,
  FungibleConditionCode.Greater,
  FungibleConditionCode.GreaterEqual,
  FungibleConditionCode.Less,
  FungibleConditionCode.LessEqual,
];
const NFT_CODES = [NonFungibleConditionCode.Sends, NonFungibleConditionCode.DoesNotSend, NonFungibleConditionCode.MaybeSent];
const POX_CODES = [PoxConditionCode.WillNotPerform, PoxConditionCode.MayPerform, PoxConditionCode.WillPerform];

/** A post-condition built through the `Pc` builder (the library's public API). */
function genPcViaBuilder(g: Gen, names: TupleNameMode): PostCondition {
  const who = g.chance(0.3) ? Pc.origin() : Pc.principal(g.chance(0.5) ? genAddress(g) : `${genAddress(g)}.${genContractName(g, 40)}`);
  const amount = g.u64();
  const contractId = `${genAddress(g)}.${genContractName(g, 40)}` as const;
  switch (g.int(0, 4)) {
    case 0: {
      const f = g.pick(['willSendEq', 'willSendGt', 'willSendGte', 'willSendLt', 'willSendLte'] as const);
      return who[f](amount).ustx();
    }
    case 1: {
      const f = g.pick(['willSendEq', 'willSendGt', 'willSendGte', 'willSendLt', 'willSendLte'] as const);
      return who[f](amount).ft(contractId, genClarityName(g));
    }
    case 2: {
      const f = g.pick(['willSendAsset', 'willNotSendAsset', 'willMaybeSendAsset'] as const);
      return who[f]().nft(`${contractId}::${genClarityName(g)}`, genClarityValue(g, { nesting: 4, nodes: 6, names }));
    }
    case 3: {
      const f = g.pick(['willSendEq', 'willSendGt', 'willSendGte', 'willSendLt', 'willSendLte'] as const);
      return who[f](amount).ustxToLock();
    }
    default:
      return who[g.pick(['willPerformPox', 'willNotPerformPox', 'mayPerformPox'] as const)]();
  }
}

function genPostCondition(g: Gen, names: TupleNameMode = 'plain'): PostConditionWire {
  if (g.chance(0.35)) return postConditionToWire(genPcViaBuilder(g, names));
  const principal = genPcPrincipal(g);
  switch (g.pick([PostConditionType.STX, PostConditionType.Fungible, PostConditionType.NonFungible, PostConditionType.Staking, PostConditionType.PoX])) {
    case PostConditionType.STX:
      return { type: StacksWireType.PostCondition, conditionType: PostConditionType.STX, principal, conditionCode: g.pick(FUNGIBLE_CODES), amount: g.u64() };
    case PostConditionType.Fungible:
      return {
        type: StacksWireType.PostCondition,
        conditionType: PostConditionType.Fungible,
        principal,
        conditionCode: g.pick(FUNGIBLE_CODES),
        amount: g.u64(),
        asset: genAsset(g),
      };
    case PostConditionType.NonFungible:
      return {
        type: StacksWireType.PostCondition,
        conditionType: PostConditionType.NonFungible,
        principal,
        conditionCode: g.pick(NFT_CODES),
        asset: genAsset(g),
        assetName: genClarityValue(g, { nesting: 5, nodes: 8, names }),
      };
    case PostConditionType.Staking:
      return { type: StacksWireType.PostCondition, conditionType: PostConditionType.Staking, principal, conditionCode: g.pick(FUNGIBLE_CODES), amount: g.u64() };
    default:
      return { type: StacksWireType.PostCondition, conditionType: PostConditionType.PoX, principal, conditionCode: g.pick(POX_CODES) };
  }
}

function pcTag(pc: PostConditionWire): string {
  return `pc:${['stx', 'ft', 'nft', 'staking', 'pox'][pc.conditionType]}:${pc.conditionCode}:principal-${pc.principal.prefix}`;
}

function postConditionCase(id: string, pc: PostConditionWire): PostConditionCase {
  const hex = serializePostConditionWire(pc);
  const canonical = bytesToHex(serializeCanonicalPostCondition(pc));
  return {
    kind: 'postcondition',
    id,
    tags: [pcTag(pc), ...(canonical !== hex ? ['locale-tuple-order'] : [])],
    hex,
    value: stacksPostConditionToJson(pc),
    ...(canonical !== hex ? { canonicalHex: canonical } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Addresses

const ALL_HASH_MODES = [
  AddressHashMode.P2PKH,
  AddressHashMode.P2SH,
  AddressHashMode.P2WPKH,
  AddressHashMode.P2WSH,
  AddressHashMode.P2SHNonSequential,
  AddressHashMode.P2WSHNonSequential,
] as const;

function addressCase(g: Gen, id: string, i: number): AddressCase {
  if (i % 3 === 0) {
    // Every version 0..31 in turn.
    const version = Math.floor(i / 3) % 32;
    const hash160 = g.chance(0.1) ? g.pick(['00'.repeat(20), 'ff'.repeat(20), `${'00'.repeat(19)}01`, `00${'ff'.repeat(19)}`]) : g.hex(20);
    return { kind: 'address', id, tags: [`c32:version-${version}`], address: addressToString(addressFromVersionHash(version, hash160)), version, hash160, derivation: null };
  }
  const hashMode = g.pick(ALL_HASH_MODES);
  const single = hashMode === AddressHashMode.P2PKH || hashMode === AddressHashMode.P2WPKH;
  const segwit = hashMode === AddressHashMode.P2WPKH || hashMode === AddressHashMode.P2WSH || hashMode === AddressHashMode.P2WSHNonSequential;
  const n = single ? 1 : g.int(1, 15);
  const m = single ? 1 : g.int(1, n);
  const keys = Array.from({ length: n }, () => genKey(g, segwit || g.chance(0.7)).pub);
  const network = g.chance(0.5) ? STACKS_MAINNET : STACKS_TESTNET;
  const version = addressHashModeToVersion(hashMode, network);
  const a = addressFromPublicKeys(version, hashMode, m, keys.map(createStacksPublicKey));
  return {
    kind: 'address',
    id,
    tags: [`address:hashmode-${hashMode}`, `address:${network === STACKS_MAINNET ? 'mainnet' : 'testnet'}`],
    address: addressToString(a),
    version: a.version,
    hash160: a.hash160.toLowerCase(),
    derivation: { hashMode, signaturesRequired: m, publicKeys: keys },
  };
}

// ---------------------------------------------------------------------------------------------
// Transactions

const AUTH_KINDS = ['p2pkh-c', 'p2pkh-u', 'p2wpkh', 'p2sh', 'p2wsh', 'p2sh-oi', 'p2wsh-oi'] as const;
type AuthKind = (typeof AUTH_KINDS)[number];

const PAYLOAD_KINDS = [
  'token-transfer',
  'token-transfer-contract',
  'smart-contract',
  'versioned-smart-contract',
  'contract-call',
  'coinbase',
  'coinbase-alt',
  'nakamoto-coinbase',
  'tenure-change',
] as const;
type PayloadKind = (typeof PAYLOAD_KINDS)[number];

/** A spending condition with the keys that will sign it, in field order. */
type Plan = {
  kind: AuthKind;
  condition: SpendingCondition;
  /** Every key of the condition in field order; `sign` says whether it signs. */
  keys: { key: Key; sign: boolean }[];
};

function genPlan(g: Gen, kind: AuthKind): Plan {
  const nonce = g.u64();
  const fee = g.u64();
  if (kind === 'p2pkh-c' || kind === 'p2pkh-u' || kind === 'p2wpkh') {
    const key = genKey(g, kind !== 'p2pkh-u');
    const hashMode = (kind === 'p2wpkh' ? AddressHashMode.P2WPKH : AddressHashMode.P2PKH) as SingleSigHashMode;
    return { kind, condition: createSingleSigSpendingCondition(hashMode, key.pub, nonce, fee), keys: [{ key, sign: true }] };
  }
  const segwit = kind === 'p2wsh' || kind === 'p2wsh-oi';
  const oi = kind.endsWith('-oi');
  const n = g.chance(0.03) ? g.int(6, 15) : g.int(1, 4);
  const m = g.int(1, n);
  const keys = Array.from({ length: n }, () => genKey(g, segwit || g.chance(0.7)));
  // Sequential: exactly m sign. Order-independent: m to n sign.
  const signing = oi ? g.int(m, n) : m;
  const order = keys.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = g.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const signers = new Set(order.slice(0, signing));
  const hashMode = (
    kind === 'p2sh' ? AddressHashMode.P2SH : kind === 'p2wsh' ? AddressHashMode.P2WSH : kind === 'p2sh-oi' ? AddressHashMode.P2SHNonSequential : AddressHashMode.P2WSHNonSequential
  ) as MultiSigHashMode;
  return {
    kind,
    condition: createMultiSigSpendingCondition(hashMode, m, keys.map((k) => k.pub), nonce, fee),
    keys: keys.map((key, i) => ({ key, sign: signers.has(i) })),
  };
}

function signerJson(plan: Plan, network: StacksNetwork, condition: SpendingCondition): SignerJson {
  const version = addressHashModeToVersion(condition.hashMode, network);
  return {
    hashMode: condition.hashMode,
    hash160: condition.signer.toLowerCase(),
    address: addressToString(addressFromVersionHash(version, condition.signer)),
    signaturesRequired: 'signaturesRequired' in condition ? condition.signaturesRequired : 1,
    publicKeys: plan.keys.map((k) => k.key.pub.toLowerCase()),
    signing: plan.keys.flatMap((k, i) => (k.sign ? [i] : [])),
    privateKeys: plan.keys.flatMap((k) => (k.sign ? [k.key.priv] : [])),
  };
}

function genVrfProof(g: Gen): Uint8Array {
  const gammaScalar = (g.bigBits(256) % (ED25519_L - 1n)) + 1n;
  const gamma = ed25519.Point.BASE.multiply(gammaScalar).toBytes();
  const c = g.bytes(16);
  const sInt = g.bigBits(256) % ED25519_L;
  const s = new Uint8Array(32);
  for (let i = 0, x = sInt; i < 32; i++, x >>= 8n) s[i] = Number(x & 0xffn);
  const out = new Uint8Array(80);
  out.set(gamma, 0);
  out.set(c, 32);
  out.set(s, 48);
  return out;
}

const CODE_SNIPPETS = [
  '(define-public (hello) (ok u1))',
  '(define-data-var counter uint u0)\n(define-public (incr) (begin (var-set counter (+ (var-get counter) u1)) (ok (var-get counter))))',
  ';; comment\t with tabs\n(define-read-only (get-x) "x")',
  '(define-map m { a: int } { b: (buff 32) })',
  '',
];

function genCodeBody(g: Gen): string {
  if (g.chance(0.5)) return g.pick(CODE_SNIPPETS);
  // Printable ASCII plus tab and newline (`StacksString`).
  const len = g.int(0, 160);
  let s = '';
  for (let i = 0; i < len; i++) s += g.chance(0.05) ? g.pick(['\t', '\n']) : String.fromCharCode(g.int(0x20, 0x7e));
  return s;
}

function genMemo(g: Gen): string {
  switch (g.int(0, 3)) {
    case 0:
      return '';
    case 1:
      return genAscii(g, 34).replace(/[\t\n\r\x0c]/g, ' ');
    case 2: {
      // Multi-byte UTF-8 up to the 34-byte limit; no trailing NUL (stacks.js strips those on decode).
      let s = '';
      for (;;) {
        const c = g.pick([...UTF8_SAMPLES.filter((x) => x !== '\u0000'), 'a', 'Z', '9']);
        if (s === '' && c === '\ufeff') continue;
        if (new TextEncoder().encode(s + c).length > 34) break;
        s += c;
        if (g.chance(0.1)) break;
      }
      return s;
    }
    default:
      return 'x'.repeat(34);
  }
}

function genPayload(g: Gen, kind: PayloadKind, localeTuples: boolean): PayloadWire {
  switch (kind) {
    case 'token-transfer':
      return createTokenTransferPayload(Cl.standardPrincipal(genAddress(g)), g.u64(), createMemoString(genMemo(g)));
    case 'token-transfer-contract':
      return createTokenTransferPayload(Cl.contractPrincipal(genAddress(g), genContractName(g, STACKS_JS_MAX_CV_CONTRACT_NAME)), g.u64(), createMemoString(genMemo(g)));
    case 'smart-contract':
      return createSmartContractPayload(genContractName(g, 40), genCodeBody(g));
    case 'versioned-smart-contract':
      return createSmartContractPayload(
        genContractName(g, 40),
        genCodeBody(g),
        g.pick([ClarityVersion.Clarity1, ClarityVersion.Clarity2, ClarityVersion.Clarity3, ClarityVersion.Clarity4, ClarityVersion.Clarity5, ClarityVersion.Clarity6]),
      );
    case 'contract-call': {
      const n = g.chance(0.1) ? 0 : g.int(1, 5);
      const args: StacksCV[] = [];
      for (let i = 0; i < n; i++) {
        args.push(
          g.chance(0.05)
            ? genDeepValue(g, g.int(MAX_VALUE_NESTING - 2, MAX_VALUE_NESTING), localeTuples ? 'mixed' : 'plain')
            : genClarityValue(g, { nesting: g.int(1, 6), nodes: 12, names: localeTuples ? 'mixed' : 'plain' }),
        );
      }
      if (localeTuples && !args.some(hasLocaleTupleOrder)) args.push(Cl.tuple({ b: Cl.int(1n), B: Cl.int(2n), a: Cl.int(3n) }));
      return createContractCallPayload(
        addressFromVersionHash(genVersion(g), g.hex(20)),
        createLPString(genContractName(g, 40)),
        createLPString(genClarityName(g)),
        args,
      );
    }
    case 'coinbase':
      return createCoinbasePayload(g.bytes(32));
    case 'coinbase-alt':
      return createCoinbasePayload(g.bytes(32), genPrincipalCV(g) as never);
    case 'nakamoto-coinbase':
      return createNakamotoCoinbasePayload(g.bytes(32), (g.chance(0.5) ? Cl.some(genPrincipalCV(g)) : Cl.none()) as never, genVrfProof(g));
    case 'tenure-change':
      return createTenureChangePayload(
        g.hex(20),
        g.hex(20),
        g.hex(20),
        g.hex(32),
        g.u32(),
        g.pick([
          TenureChangeCause.BlockFound,
          TenureChangeCause.Extended,
          TenureChangeCause.ExtendedRuntime,
          TenureChangeCause.ExtendedReadCount,
          TenureChangeCause.ExtendedReadLength,
          TenureChangeCause.ExtendedWriteCount,
          TenureChangeCause.ExtendedWriteLength,
        ]),
        g.hex(20),
      );
  }
}

/** Signs the origin with the library's `TransactionSigner` (public keys appended in field order). */
function signOrigin(tx: StacksTransactionWire, plan: Plan): void {
  const signer = new TransactionSigner(tx);
  for (const { key, sign } of plan.keys) {
    if (sign) signer.signOrigin(key.priv);
    else signer.appendOrigin(key.pub);
  }
}

/**
 * Signs the sponsor. The library's `TransactionSigner.createSponsorSigner` refuses an origin that is
 * a fully signed multisig ("more signatures than are expected"), and `signSponsor` chains the
 * sighash after every signature (right for sequential multisig only), so the library's lower-level
 * steps (`setSponsor`, `verifyOrigin`, `signAndAppend`) are driven directly.
 */
function signSponsor(tx: StacksTransactionWire, plan: Plan): StacksTransactionWire {
  tx.setSponsor(plan.condition);
  if (tx.auth.authType !== AuthType.Sponsored) throw new Error('not sponsored');
  const cond = tx.auth.sponsorSpendingCondition;
  const initial = tx.verifyOrigin();
  let cur = initial;
  const oi = plan.kind.endsWith('-oi');
  for (const { key, sign } of plan.keys) {
    if (sign) {
      const next = tx.signAndAppend(cond, oi ? initial : cur, AuthType.Sponsored, key.priv);
      if (!oi) cur = next;
    } else if ('fields' in cond) {
      cond.fields.push(
        createTransactionAuthField(key.compressed ? PubKeyEncoding.Compressed : PubKeyEncoding.Uncompressed, createStacksPublicKey(key.pub)),
      );
    }
  }
  return tx;
}

function authTag(prefix: string, plan: Plan): string {
  const n = plan.keys.length;
  const signing = plan.keys.filter((k) => k.sign).length;
  const mixed = plan.keys.some((k) => !k.key.compressed) ? '-uncompressed-keys' : '';
  return `${prefix}:${plan.kind}${n > 1 ? `-${signing}of${n}` : ''}${plan.kind.startsWith('p2sh') ? mixed : ''}`;
}

function isCoinbase(kind: PayloadKind): boolean {
  return kind === 'coinbase' || kind === 'coinbase-alt' || kind === 'nakamoto-coinbase';
}

/** Builds one signed transaction through the wire-level API (full control of every field). */
function genWireTx(g: Gen, payloadKind: PayloadKind, originKind: AuthKind, sponsorKind: AuthKind | null, localeTuples: boolean) {
  const network = g.chance(0.5) ? STACKS_MAINNET : STACKS_TESTNET;
  const chainId = g.chance(0.1) ? g.u32() : network.chainId;
  const origin = genPlan(g, originKind);
  const sponsor = sponsorKind ? genPlan(g, sponsorKind) : null;
  const pcCount = g.chance(0.35) ? 0 : g.chance(0.92) ? g.int(1, 2) : g.int(3, 8);
  const postConditions = Array.from({ length: pcCount }, () => genPostCondition(g, 'plain'));
  const payload = genPayload(g, payloadKind, localeTuples);
  const tx = new StacksTransactionWire({
    transactionVersion: network.transactionVersion,
    chainId,
    auth: sponsor ? createSponsoredAuth(origin.condition) : createStandardAuth(origin.condition),
    payload,
    postConditions: createLPList(postConditions),
    postConditionMode: g.pick([PostConditionMode.Allow, PostConditionMode.Deny, PostConditionMode.Originator]),
  });
  tx.anchorMode = isCoinbase(payloadKind) ? 1 : g.pick([1, 2, 3]);
  signOrigin(tx, origin);
  const signed = sponsor ? signSponsor(tx, sponsor) : tx;
  return { tx: signed, network, origin, sponsor, tags: chainId !== network.chainId ? ['chain-id:custom'] : [] };
}

/** Builds one signed transaction through the high-level builders (`make*`, `sponsorTransaction`). */
async function genBuilderTx(g: Gen, payloadKind: 'token-transfer' | 'versioned-smart-contract' | 'contract-call', originKind: 'p2pkh-c' | 'p2pkh-u' | 'p2sh' | 'p2sh-oi', sponsored: boolean) {
  const network = g.chance(0.5) ? STACKS_MAINNET : STACKS_TESTNET;
  const origin = genPlan(g, originKind);
  const nonce = origin.condition.nonce;
  const fee = sponsored ? 0n : origin.condition.fee;
  const auth =
    'signature' in origin.condition
      ? { senderKey: origin.keys[0]!.key.priv }
      : {
          numSignatures: (origin.condition as { signaturesRequired: number }).signaturesRequired,
          publicKeys: origin.keys.map((k) => k.key.pub),
          signerKeys: origin.keys.filter((k) => k.sign).map((k) => k.key.priv),
          useNonSequentialMultiSig: originKind === 'p2sh-oi',
        };
  const common = { network, nonce, fee, sponsored, ...auth };
  let tx: StacksTransactionWire;
  if (payloadKind === 'token-transfer') {
    tx = await makeSTXTokenTransfer({ ...common, recipient: genAddress(g), amount: g.u64(), memo: genMemo(g) } as never);
  } else if (payloadKind === 'versioned-smart-contract') {
    tx = await makeContractDeploy({
      ...common,
      contractName: genContractName(g, 40),
      codeBody: genCodeBody(g),
      clarityVersion: g.pick([ClarityVersion.Clarity1, ClarityVersion.Clarity2, ClarityVersion.Clarity3, ClarityVersion.Clarity4]),
      postConditionMode: g.pick(['allow', 'deny'] as const),
      postConditions: Array.from({ length: g.int(0, 3) }, () => genPcViaBuilder(g, 'plain')),
    } as never);
  } else {
    tx = await makeContractCall({
      ...common,
      contractAddress: genAddress(g),
      contractName: genContractName(g, 40),
      functionName: genClarityName(g),
      functionArgs: Array.from({ length: g.int(0, 4) }, () => genClarityValue(g, { nesting: g.int(1, 5), nodes: 10, names: 'plain' })),
      postConditionMode: g.pick(['allow', 'deny'] as const),
      postConditions: Array.from({ length: g.int(0, 3) }, () => genPcViaBuilder(g, 'plain')),
    } as never);
  }
  let sponsor: Plan | null = null;
  if (sponsored) {
    sponsor = genPlan(g, g.pick(['p2pkh-c', 'p2pkh-u', 'p2wpkh'] as const));
    const c = sponsor.condition;
    tx = await sponsorTransaction({
      transaction: tx,
      sponsorPrivateKey: sponsor.keys[0]!.key.priv,
      fee: c.fee,
      sponsorNonce: c.nonce,
      sponsorAddressHashmode: c.hashMode,
      network,
    });
  }
  return { tx, network, origin, sponsor, tags: ['builder'] };
}

async function txCase(g: Gen, id: string, i: number): Promise<TxCase> {
  const payloadKind = PAYLOAD_KINDS[i % PAYLOAD_KINDS.length]!;
  const originKind = AUTH_KINDS[Math.floor(i / PAYLOAD_KINDS.length) % AUTH_KINDS.length]!;
  const sponsored = Math.floor(i / (PAYLOAD_KINDS.length * AUTH_KINDS.length)) % 3 === 1 || g.chance(0.15);
  const sponsorKind = sponsored ? g.pick(AUTH_KINDS) : null;
  const localeTuples = payloadKind === 'contract-call' && g.chance(0.08);
  const builderOk =
    !localeTuples &&
    (payloadKind === 'token-transfer' || payloadKind === 'versioned-smart-contract' || payloadKind === 'contract-call') &&
    (originKind === 'p2pkh-c' || originKind === 'p2pkh-u' || originKind === 'p2sh' || originKind === 'p2sh-oi');
  // `sponsorTransaction` goes through `createSponsorSigner`, which rejects a signed multisig origin.
  const built =
    builderOk && g.chance(0.5) && (!sponsored || originKind === 'p2pkh-c' || originKind === 'p2pkh-u')
      ? await genBuilderTx(g, payloadKind, originKind, sponsored)
      : genWireTx(g, payloadKind, originKind, sponsorKind, localeTuples);
  const { tx, network, origin, sponsor } = built;
  // Self-check with the library: the origin signature(s) verify.
  if (!localeTuples) tx.verifyOrigin();
  const hex = tx.serialize();
  const locale = txHasLocaleTupleOrder(tx);
  const canonicalHex = bytesToHex(serializeCanonicalTransaction(tx));
  if (!locale && canonicalHex !== hex) throw new Error(`${id}: canonical re-serialization differs without a locale tuple`);
  const tags = [
    `payload:${payloadKind}`,
    authTag('origin', origin),
    ...(sponsor ? [authTag('sponsor', sponsor), 'sponsored'] : []),
    `network:${network === STACKS_MAINNET ? 'mainnet' : 'testnet'}`,
    `anchor:${tx.anchorMode}`,
    `pc-mode:${tx.postConditionMode}`,
    ...tx.postConditions.values.map(pcTag),
    ...(tx.payload.payloadType === PayloadType.VersionedSmartContract ? [`clarity-version:${tx.payload.clarityVersion}`] : []),
    ...(tx.payload.payloadType === PayloadType.TenureChange ? [`tenure-cause:${tx.payload.cause}`] : []),
    ...built.tags,
    ...(locale ? ['locale-tuple-order'] : []),
  ];
  const auth = tx.auth;
  return {
    kind: 'tx',
    id,
    tags: [...new Set(tags)].sort(),
    hex,
    txid: tx.txid(),
    tx: stacksTxToJson(tx),
    signers: {
      origin: signerJson(origin, network, auth.spendingCondition),
      sponsor: sponsor && auth.authType === AuthType.Sponsored ? signerJson(sponsor, network, auth.sponsorSpendingCondition) : null,
    },
    ...(locale ? { canonicalHex } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Driver

/** The kind of the i-th random case: 40% transactions, 35% values, 10% post-conditions, 15% addresses. */
const KIND_CYCLE = [
  ...(['tx', 'clarity', 'tx', 'clarity', 'tx', 'clarity', 'tx', 'address', 'postcondition', 'clarity'] as const),
  ...(['tx', 'clarity', 'tx', 'address', 'tx', 'clarity', 'tx', 'address', 'postcondition', 'clarity'] as const),
];

/** Generates `count` cases from `seed` (fixed edge values first, then random cases). */
export async function generateCases(seed: number, count: number): Promise<DiffCase[]> {
  const g = new Gen(seed);
  const cases: DiffCase[] = [];
  const edges = edgeClarityValues();
  for (const [i, { tag, cv }] of edges.entries()) {
    if (cases.length >= count) break;
    cases.push(clarityCase(`clarity-edge-${i}`, cv, [`edge:${tag}`]));
  }
  const counters = { tx: 0, clarity: 0, postcondition: 0, address: 0 };
  for (let i = 0; cases.length < count; i++) {
    const kind = KIND_CYCLE[i % KIND_CYCLE.length]!;
    const n = counters[kind]++;
    const id = `${kind}-${seed}-${n}`;
    if (kind === 'tx') {
      cases.push(await txCase(g, id, n));
    } else if (kind === 'clarity') {
      const cv =
        n % 10 === 9
          ? genDeepValue(g, g.int(MAX_VALUE_NESTING - 3, MAX_VALUE_NESTING))
          : genClarityValue(g, { nesting: g.int(1, MAX_VALUE_NESTING), nodes: g.int(1, 30) });
      cases.push(clarityCase(id, cv));
    } else if (kind === 'postcondition') {
      cases.push(postConditionCase(id, genPostCondition(g, 'mixed')));
    } else {
      cases.push(addressCase(g, id, n));
    }
  }
  return cases;
}

/** Case counts by kind (and tx payload kind). */
export function countByKind(cases: readonly DiffCase[]): Record<string, number> {
  const out: Record<string, number> = {};
  const bump = (k: string) => (out[k] = (out[k] ?? 0) + 1);
  for (const c of cases) {
    bump(c.kind);
    if (c.kind === 'tx') {
      for (const t of c.tags) if (t.startsWith('payload:') || t === 'sponsored' || t === 'builder') bump(`tx/${t}`);
    }
    if (c.tags.includes('locale-tuple-order')) bump(`${c.kind}/locale-tuple-order`);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Serializes a golden file with one case per line (diff-friendly, compact). */
export function formatGolden(file: GoldenFile): string {
  const { cases, ...meta } = file;
  const head = JSON.stringify(meta, null, 1).slice(0, -2);
  return `${head},\n "cases": [\n${cases.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n ]\n}\n`;
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string, dflt: string): string => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
  };
  const seed = Number(arg('seed', '1'));
  const count = Number(arg('count', '3000'));
  const out = arg('out', 'packages/codec/test/differential/golden/cases.json');
  const t0 = performance.now();
  const cases = await generateCases(seed, count);
  const file: GoldenFile = {
    generator: 'packages/codec/test/differential/generate.ts',
    library: '@stacks/transactions@7.6.0',
    seed,
    count: cases.length,
    countsByKind: countByKind(cases),
    cases,
  };
  writeFileSync(out, formatGolden(file));
  console.log(`wrote ${cases.length} cases to ${out} in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
  console.log(file.countsByKind);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
