/**
 * Type tables of the natives for the type checker: reserved variables, the writing natives (for
 * the read-only check), the `Simple` natives that `map`/`filter`/`fold` accept, natives with a
 * fixed signature, block info properties, and serialization sizes
 * (clarity/src/vm/analysis/type_checker/v2_1/natives, clarity/src/vm/variables.rs).
 */
import { ClarityType, NONE_TYPE } from '@stacks-ts/codec';
import type { CheckErrorCode } from '../errors.ts';
import { ANY, AType } from './types.ts';
import type { AnalysisType } from './types.ts';

/** Most methods a trait may declare (`MAX_TRAIT_METHODS`, from epoch 3.3). */
export const MAX_TRAIT_METHODS = 256;
/** Most parameters a function may declare (`MAX_FUNCTION_PARAMETERS`, from epoch 3.3). */
export const MAX_FUNCTION_PARAMETERS = 256;
/** Deepest nesting of typing contexts (`MAX_CONTEXT_DEPTH`). */
export const MAX_CONTEXT_DEPTH = 256;

/** The Clarity versions the analysis handles. */
export type Version = 1 | 2 | 3 | 4;

/** Reserved variables (`NativeVariables`), with their first/last version and type. */
export const RESERVED_VARIABLES: ReadonlyMap<string, { since: Version; until: Version | null; type: AnalysisType }> = new Map([
  ['contract-caller', { since: 1, until: null, type: ClarityType.principal }],
  ['tx-sender', { since: 1, until: null, type: ClarityType.principal }],
  ['block-height', { since: 1, until: 2, type: ClarityType.uint }],
  ['burn-block-height', { since: 1, until: null, type: ClarityType.uint }],
  ['none', { since: 1, until: null, type: NONE_TYPE }],
  ['true', { since: 1, until: null, type: ClarityType.bool }],
  ['false', { since: 1, until: null, type: ClarityType.bool }],
  ['stx-liquid-supply', { since: 1, until: null, type: ClarityType.uint }],
  ['is-in-regtest', { since: 1, until: null, type: ClarityType.bool }],
  ['tx-sponsor?', { since: 2, until: null, type: ClarityType.optional(ClarityType.principal) }],
  ['is-in-mainnet', { since: 2, until: null, type: ClarityType.bool }],
  ['chain-id', { since: 2, until: null, type: ClarityType.uint }],
  ['stacks-block-height', { since: 3, until: null, type: ClarityType.uint }],
  ['tenure-height', { since: 3, until: null, type: ClarityType.uint }],
  ['stacks-block-time', { since: 4, until: null, type: ClarityType.uint }],
  ['current-contract', { since: 4, until: null, type: ClarityType.principal }],
]);

/** The type of reserved variable `name` at `version`, if it is one (`NativeVariables`). */
export function reservedVariable(name: string, version: Version): AnalysisType | undefined {
  const v = RESERVED_VARIABLES.get(name);
  if (v === undefined || v.since > version || (v.until !== null && version > v.until)) return undefined;
  return v.type;
}

/** Natives that write state (the read-only checker's list). */
export const WRITING_NATIVES: ReadonlySet<string> = new Set([
  'stx-transfer?',
  'stx-transfer-memo?',
  'stx-burn?',
  'map-set',
  'map-delete',
  'map-insert',
  'var-set',
  'nft-mint?',
  'ft-mint?',
  'nft-transfer?',
  'ft-transfer?',
  'nft-burn?',
  'ft-burn?',
]);


/** The item type of a sequence type (`buff 1`, one-character strings, a list's item type). */
export function elementType(t: AnalysisType): AnalysisType {
  switch (t.kind) {
    case 'list':
      return t.itemType;
    case 'buffer':
      return AType.buffer(1);
    case 'string-ascii':
      return AType.stringAscii(1);
    case 'string-utf8':
      return AType.stringUtf8(1);
    default:
      return ANY;
  }
}

/**
 * The largest consensus serialization of a value of type `t` (`max_serialized_size`), or undefined
 * when `t` holds an unmodelled part.
 */
export function maxSerializedSize(t: AnalysisType): number | undefined {
  switch (t.kind) {
    case 'int':
    case 'uint':
      return 17;
    case 'bool':
    case 'no-type':
      return 1;
    case 'principal':
    case 'trait':
      return 1 + 1 + 20 + 1 + 128;
    case 'buffer':
    case 'string-ascii':
      return 5 + t.length;
    case 'string-utf8':
      return 5 + 4 * t.length;
    case 'optional': {
      const inner = maxSerializedSize(t.inner);
      return inner === undefined ? undefined : 1 + inner;
    }
    case 'response': {
      const ok = maxSerializedSize(t.ok);
      const er = maxSerializedSize(t.err);
      return ok === undefined || er === undefined ? undefined : 1 + Math.max(ok, er);
    }
    case 'list': {
      const item = maxSerializedSize(t.itemType);
      return item === undefined ? undefined : 5 + item * t.maxLength;
    }
    case 'tuple': {
      let n = 5;
      for (const [name, f] of t.fields) {
        const fs = maxSerializedSize(f);
        if (fs === undefined) return undefined;
        n += 1 + name.length + fs;
      }
      return n;
    }
    default:
      return undefined;
  }
}

/** Natives the reference types as `Simple` (the only natives `map`, `filter` and `fold` accept). */
export const SIMPLE_NATIVES: ReadonlySet<string> = new Set([
  '+', '-', '*', '/', 'bit-or', 'bit-and', 'bit-xor', '>=', '<=', '<', '>', 'sqrti', 'log2', 'bit-not',
  'bit-shift-left', 'bit-shift-right', 'mod', 'pow', 'xor', 'and', 'or', 'to-uint', 'to-int', 'is-standard',
  'buff-to-int-le', 'buff-to-int-be', 'buff-to-uint-le', 'buff-to-uint-be', 'string-to-int?', 'string-to-uint?',
  'int-to-ascii', 'int-to-utf8', 'not', 'hash160', 'sha256', 'sha512/256', 'sha512', 'keccak256',
  'stx-get-balance', 'principal-destruct?', 'stx-account', 'stx-burn?', 'contract-hash?',
]);

/** `principal-destruct?`'s tuple. */
const PRINCIPAL_PARTS = AType.tuple(
  new Map<string, AnalysisType>([
    ['hash-bytes', AType.buffer(20)],
    ['name', AType.optional(AType.stringAscii(40))],
    ['version', AType.buffer(1)],
  ]),
);

/** `principal-construct?`'s result. */
export const PRINCIPAL_CONSTRUCT_RESULT = AType.response(
  ClarityType.principal,
  AType.tuple(
    new Map<string, AnalysisType>([
      ['error_code', ClarityType.uint],
      ['value', AType.optional(ClarityType.principal)],
    ]),
  ),
);

/** The `pox-addrs` property of `get-burn-block-info?`. */
const POX_ADDRS = AType.tuple(
  new Map<string, AnalysisType>([
    [
      'addrs',
      AType.list(
        AType.tuple(
          new Map<string, AnalysisType>([
            ['hashbytes', AType.buffer(32)],
            ['version', AType.buffer(1)],
          ]),
        ),
        2,
      ),
    ],
    ['payout', ClarityType.uint],
  ]),
);

const INT_OR_UINT: readonly AnalysisType[] = [ClarityType.int, ClarityType.uint];

/** Natives with a fixed signature: one list of admitted types per operand, and the result. */
export const FIXED_NATIVES: Readonly<Record<string, { args: readonly (readonly AnalysisType[])[]; returns: AnalysisType }>> = {
  'int-to-ascii': { args: [INT_OR_UINT], returns: AType.stringAscii(40) },
  'int-to-utf8': { args: [INT_OR_UINT], returns: AType.stringUtf8(40) },
  'string-to-int?': {
    args: [[AType.stringAscii(1048576), AType.stringUtf8(262144)]],
    returns: AType.optional(ClarityType.int),
  },
  'string-to-uint?': {
    args: [[AType.stringAscii(1048576), AType.stringUtf8(262144)]],
    returns: AType.optional(ClarityType.uint),
  },
  'buff-to-int-le': { args: [[AType.buffer(16)]], returns: ClarityType.int },
  'buff-to-int-be': { args: [[AType.buffer(16)]], returns: ClarityType.int },
  'buff-to-uint-le': { args: [[AType.buffer(16)]], returns: ClarityType.uint },
  'buff-to-uint-be': { args: [[AType.buffer(16)]], returns: ClarityType.uint },
  'secp256k1-recover?': {
    args: [[AType.buffer(32)], [AType.buffer(65)]],
    returns: AType.response(AType.buffer(33), ClarityType.uint),
  },
  'secp256k1-verify': { args: [[AType.buffer(32)], [AType.buffer(65)], [AType.buffer(33)]], returns: ClarityType.bool },
  'is-standard': { args: [[ClarityType.principal]], returns: ClarityType.bool },
  'principal-destruct?': {
    args: [[ClarityType.principal]],
    returns: AType.response(PRINCIPAL_PARTS, PRINCIPAL_PARTS),
  },
  'contract-hash?': { args: [[ClarityType.principal]], returns: AType.response(AType.buffer(32), ClarityType.uint) },
  'secp256r1-verify': { args: [[AType.buffer(32)], [AType.buffer(64)], [AType.buffer(33)]], returns: ClarityType.bool },
  'principal-of?': { args: [[AType.buffer(33)]], returns: AType.response(ClarityType.principal, ClarityType.uint) },
};

const BUFF32 = AType.buffer(32);

/** Properties of the block info functions (`BlockInfoProperty` and friends) with their first version. */
export const BLOCK_INFO_PROPERTIES: Readonly<
  Record<
    string,
    {
      expectName: CheckErrorCode;
      noSuch: CheckErrorCode;
      properties: Readonly<Record<string, { since: Version; type: AnalysisType }>>;
    }
  >
> = {
  'get-block-info?': {
    expectName: 'GetBlockInfoExpectPropertyName',
    noSuch: 'NoSuchBlockInfoProperty',
    properties: {
      time: { since: 1, type: ClarityType.uint },
      'header-hash': { since: 1, type: BUFF32 },
      'burnchain-header-hash': { since: 1, type: BUFF32 },
      'id-header-hash': { since: 1, type: BUFF32 },
      'miner-address': { since: 1, type: ClarityType.principal },
      'vrf-seed': { since: 1, type: BUFF32 },
      'block-reward': { since: 2, type: ClarityType.uint },
      'miner-spend-total': { since: 2, type: ClarityType.uint },
      'miner-spend-winner': { since: 2, type: ClarityType.uint },
    },
  },
  'get-burn-block-info?': {
    expectName: 'GetBurnBlockInfoExpectPropertyName',
    noSuch: 'NoSuchBlockInfoProperty',
    properties: {
      'header-hash': { since: 1, type: BUFF32 },
      'pox-addrs': { since: 1, type: POX_ADDRS },
    },
  },
  'get-stacks-block-info?': {
    expectName: 'GetStacksBlockInfoExpectPropertyName',
    noSuch: 'NoSuchStacksBlockInfoProperty',
    properties: {
      'id-header-hash': { since: 1, type: BUFF32 },
      'header-hash': { since: 1, type: BUFF32 },
      time: { since: 1, type: ClarityType.uint },
    },
  },
  'get-tenure-info?': {
    expectName: 'GetTenureInfoExpectPropertyName',
    noSuch: 'NoSuchTenureInfoProperty',
    properties: {
      'burnchain-header-hash': { since: 1, type: BUFF32 },
      'miner-address': { since: 1, type: ClarityType.principal },
      time: { since: 1, type: ClarityType.uint },
      'vrf-seed': { since: 1, type: BUFF32 },
      'block-reward': { since: 1, type: ClarityType.uint },
      'miner-spend-total': { since: 1, type: ClarityType.uint },
      'miner-spend-winner': { since: 1, type: ClarityType.uint },
    },
  },
};

/** Longest buffer `to-ascii?` accepts (`MAX_TO_ASCII_BUFFER_LEN`). */
export const MAX_TO_ASCII_BUFFER_LEN = 524_284;

/** The `(string-ascii n)` of `to-ascii?`'s ok value for an input type, or undefined when not accepted. */
export function toAsciiResult(t: AnalysisType): AnalysisType | undefined {
  switch (t.kind) {
    case 'int':
    case 'uint':
      return AType.stringAscii(40);
    case 'bool':
      return AType.stringAscii(5);
    case 'principal':
    case 'trait':
      return AType.stringAscii(170);
    case 'buffer':
      return t.length <= MAX_TO_ASCII_BUFFER_LEN ? AType.stringAscii(t.length * 2 + 2) : undefined;
    case 'string-utf8':
      return AType.stringAscii(t.length);
    default:
      return undefined;
  }
}
