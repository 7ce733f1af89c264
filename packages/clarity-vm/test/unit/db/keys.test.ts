import { describe, expect, it } from 'vitest';
import { bytesToHex, utf8ToBytes } from '@stacks-ts/common';
import { parsePrincipal, sha512_256 } from '@stacks-ts/codec';
import {
  ContractMetadata,
  EPOCH_VERSION_NUMBER,
  GlobalKeys,
  StoreType,
  accountKey,
  availableStx,
  canonicalStxBalance,
  contractHashKey,
  dataVarKey,
  decodeContractCommitment,
  decodeJsonInteger,
  decodeStxBalance,
  decodeU32Hex,
  effectiveUnlockHeight,
  encodeContractCommitment,
  encodeStxBalance,
  encodeU32Hex,
  ftBalanceKey,
  ftSupplyKey,
  mapEntryKey,
  metadataKey,
  metadataTableKey,
  nftOwnerKey,
  nonceKey,
  parseMetadataTableKey,
  principalJson,
  stxBalanceKey,
  typeSignatureJson,
  dataMapMetadataJson,
  fungibleTokenMetadataJson,
} from '../../../src/db/keys.ts';
import { ClarityType } from '@stacks-ts/codec';
import type { TypeSignature } from '@stacks-ts/codec';

const ADDR = 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM';
const CONTRACT = `${ADDR}.counter`;
const who = parsePrincipal(ADDR);
const contractWho = parsePrincipal(CONTRACT);

describe('MARF keys (clarity_db.rs make_key_for_trip / quad / account, clarity_store.rs)', () => {
  it('StoreType tags are the reference values, written in decimal', () => {
    expect(StoreType.DataMap).toBe(0);
    expect(StoreType.Variable).toBe(1);
    expect(StoreType.CirculatingSupply).toBe(3);
    expect(StoreType.Contract).toBe(9);
    expect(StoreType.Nonce).toBe(0x12);
    expect(StoreType.STXBalance).toBe(0x13);
    expect(accountKey(who, StoreType.PoxSTXLockup)).toBe(`vm-account::${ADDR}::20`);
    expect(accountKey(who, StoreType.PoxUnlockHeight)).toBe(`vm-account::${ADDR}::21`);
  });
  it('data vars, maps, tokens', () => {
    expect(dataVarKey(CONTRACT, 'counter')).toBe(`vm::${CONTRACT}::1::counter`);
    // map key: serialize_to_hex of the key value, (tuple (a u1)) -> 0c 00000001 01 61 01 <u128 1>
    expect(mapEntryKey(CONTRACT, 'm', { type: 'tuple', value: { a: { type: 'uint', value: 1n } } })).toBe(
      `vm::${CONTRACT}::0::m::0c000000010161${'01' + '0'.repeat(31) + '1'}`,
    );
    expect(ftSupplyKey(CONTRACT, 'tok')).toBe(`vm::${CONTRACT}::3::tok`);
    expect(nftOwnerKey(CONTRACT, 'badge', { type: 'int', value: -1n })).toBe(`vm::${CONTRACT}::4::badge::00${'f'.repeat(32)}`);
  });
  it('FT balances key the principal by its serde JSON', () => {
    const hash = Array.from(who.hash160).join(',');
    expect(principalJson(who)).toBe(`{"Standard":[26,[${hash}]]}`);
    expect(principalJson(contractWho)).toBe(`{"Contract":{"issuer":[26,[${hash}]],"name":"counter"}}`);
    expect(ftBalanceKey(CONTRACT, 'tok', who)).toBe(`vm::${CONTRACT}::2::tok::{"Standard":[26,[${hash}]]}`);
  });
  it('accounts, metadata, contract hashes and chain-wide keys', () => {
    expect(stxBalanceKey(who)).toBe(`vm-account::${ADDR}::19`);
    expect(nonceKey(contractWho)).toBe(`vm-account::${CONTRACT}::18`);
    expect(metadataKey(StoreType.VariableMeta, 'counter')).toBe('vm-metadata::6::counter');
    expect(ContractMetadata.contractSize).toBe('vm-metadata::9::contract-size');
    expect(ContractMetadata.contractSrc).toBe('vm-metadata::9::contract-src');
    expect(ContractMetadata.contract).toBe('vm-metadata::9::contract');
    expect(ContractMetadata.analysis).toBe('analysis');
    // sqlite.rs metadata_key_make_and_parse
    expect(metadataTableKey('ST000.contract', 'vm-metadata::9::sub')).toBe('clr-meta::ST000.contract::vm-metadata::9::sub');
    expect(parseMetadataTableKey('clr-meta::ST000.contract::vm-metadata::9::sub')).toEqual({ contract: 'ST000.contract', key: 'vm-metadata::9::sub' });
    expect(parseMetadataTableKey('vm::x')).toBeUndefined();
    expect(parseMetadataTableKey('clr-meta::no-separator')).toBeUndefined();
    expect(contractHashKey(CONTRACT)).toBe(`clarity-contract::${CONTRACT}`);
    expect(GlobalKeys).toEqual({
      liquidSupply: '_stx-data::ustx_liquid_supply',
      epochVersion: 'vm-epoch::epoch-version',
      tenureHeight: '_stx-data::tenure_height',
      blockTime: '_stx-data::clarity_storage::block_time',
      stxBtcOpsProcessed: 'vm_pox::stx_btc_ops::processed_blocks',
    });
  });
});

describe('value encodings', () => {
  it('u32 as 8 hex digits, epochs as their StacksEpochId numbers', () => {
    expect(encodeU32Hex(EPOCH_VERSION_NUMBER.Epoch33)).toBe('00003003');
    expect(encodeU32Hex(EPOCH_VERSION_NUMBER.Epoch2_05)).toBe('00002005');
    expect(decodeU32Hex('0000000a')).toBe(10);
    expect(() => decodeU32Hex('0a')).toThrow(/cannot decode a u32/);
    expect(() => encodeU32Hex(-1)).toThrow(RangeError);
  });
  it('u128 / u64 counters as JSON numbers', () => {
    expect(decodeJsonInteger('340282366920938463463374607431768211455')).toBe((1n << 128n) - 1n);
    expect(() => decodeJsonInteger('01')).toThrow(/JSON integer/);
    expect(() => decodeJsonInteger('"1"')).toThrow(/JSON integer/);
  });
  it('contract commitment: sha512/256(source) then the u32 height (72 hex chars)', () => {
    const s = encodeContractCommitment('(define-data-var a int 1)', 10);
    expect(s).toBe(`${bytesToHex(sha512_256(utf8ToBytes('(define-data-var a int 1)')))}0000000a`);
    expect(s).toHaveLength(72);
    expect(decodeContractCommitment(s).blockHeight).toBe(10);
    expect(() => decodeContractCommitment(s.slice(2))).toThrow(/contract commitment/);
  });
});

describe('STXBalance (structures.rs)', () => {
  const hex128 = (n: bigint) => n.toString(16).padStart(32, '0');
  const hex64 = (n: bigint) => n.toString(16).padStart(16, '0');
  it('unlocked and PoX-1 balances are 40 bytes; PoX-2..5 add a version byte 0..3', () => {
    expect(encodeStxBalance({ kind: 'unlocked', amount: 100n })).toBe(hex128(100n) + hex128(0n) + hex64(0n));
    expect(encodeStxBalance({ kind: 'locked', pox: 1, unlocked: 5n, locked: 7n, unlockHeight: 9n })).toBe(hex128(5n) + hex128(7n) + hex64(9n));
    for (const [pox, byte] of [[2, '00'], [3, '01'], [4, '02'], [5, '03']] as const) {
      const s = encodeStxBalance({ kind: 'locked', pox, unlocked: 5n, locked: 7n, unlockHeight: 9n });
      expect(s).toBe(byte + hex128(5n) + hex128(7n) + hex64(9n));
      expect(decodeStxBalance(s)).toEqual({ kind: 'locked', pox, unlocked: 5n, locked: 7n, unlockHeight: 9n });
    }
  });
  it('decodes a zero locked amount as unlocked, rejects bad lengths and versions', () => {
    expect(decodeStxBalance(hex128(3n) + hex128(0n) + hex64(99n))).toEqual({ kind: 'unlocked', amount: 3n });
    expect(decodeStxBalance('02' + hex128(3n) + hex128(0n) + hex64(99n))).toEqual({ kind: 'unlocked', amount: 3n });
    expect(() => decodeStxBalance('00')).toThrow(/bad length/);
    expect(() => decodeStxBalance('04' + hex128(3n) + hex128(1n) + hex64(99n))).toThrow(/version byte/);
    expect(() => decodeStxBalance('zz')).toThrow(/STX balance/);
    expect(() => encodeStxBalance({ kind: 'unlocked', amount: -1n })).toThrow(RangeError);
  });
  it('a lock expires at its unlock height or its PoX version\'s early unlock', () => {
    const b = { kind: 'locked', pox: 2, unlocked: 10n, locked: 90n, unlockHeight: 200n } as const;
    expect(availableStx(b, 199)).toBe(10n);
    expect(availableStx(b, 200)).toBe(100n);
    expect(canonicalStxBalance(b, 150, { v1: 0xffffffff, v2: 150, v3: 0xffffffff, v4: 0xffffffff })).toEqual({ kind: 'unlocked', amount: 100n });
    expect(canonicalStxBalance(b, 150, { v1: 100, v2: 0xffffffff, v3: 0xffffffff, v4: 0xffffffff })).toBe(b);
  });
});

describe('effective unlock height (stx-account)', () => {
  it('is the sooner of the lock\'s height and its PoX version\'s early unlock; PoX-5 has none', () => {
    const early = { v1: 100, v2: 200, v3: 300, v4: 400 };
    expect(effectiveUnlockHeight({ kind: 'unlocked', amount: 5n }, early)).toBe(0n);
    expect(effectiveUnlockHeight({ kind: 'locked', pox: 1, unlocked: 0n, locked: 1n, unlockHeight: 150n }, early)).toBe(100n);
    expect(effectiveUnlockHeight({ kind: 'locked', pox: 3, unlocked: 0n, locked: 1n, unlockHeight: 150n }, early)).toBe(150n);
    expect(effectiveUnlockHeight({ kind: 'locked', pox: 4, unlocked: 0n, locked: 1n, unlockHeight: 500n }, early)).toBe(400n);
    expect(effectiveUnlockHeight({ kind: 'locked', pox: 5, unlocked: 0n, locked: 1n, unlockHeight: 900n }, early)).toBe(900n);
  });
});

describe('per-definition metadata: serde JSON of TypeSignature (clarity-types signatures.rs)', () => {
  it('externally tagged enums, newtype lengths as numbers, tuple fields in byte order', () => {
    expect(typeSignatureJson(ClarityType.uint)).toBe('"UIntType"');
    expect(typeSignatureJson(ClarityType.buffer(32))).toBe('{"SequenceType":{"BufferType":32}}');
    expect(typeSignatureJson(ClarityType.stringAscii(10))).toBe('{"SequenceType":{"StringType":{"ASCII":10}}}');
    expect(typeSignatureJson(ClarityType.stringUtf8(4))).toBe('{"SequenceType":{"StringType":{"UTF8":4}}}');
    expect(typeSignatureJson(ClarityType.list(ClarityType.int, 5))).toBe('{"SequenceType":{"ListType":{"max_len":5,"entry_type":"IntType"}}}');
    expect(typeSignatureJson(ClarityType.response(ClarityType.bool, ClarityType.principal))).toBe('{"ResponseType":["BoolType","PrincipalType"]}');
    expect(typeSignatureJson(ClarityType.optional(ClarityType.tuple(new Map<string, TypeSignature>([['b', ClarityType.int], ['A', ClarityType.uint], ['a', ClarityType.bool]]))))).toBe(
      '{"OptionalType":{"TupleType":{"type_map":{"A":"UIntType","a":"BoolType","b":"IntType"}}}}',
    );
    expect(dataMapMetadataJson(ClarityType.principal, ClarityType.uint)).toBe('{"key_type":"PrincipalType","value_type":"UIntType"}');
    expect(fungibleTokenMetadataJson(null)).toBe('{"total_supply":null}');
    expect(fungibleTokenMetadataJson(1_000_000n)).toBe('{"total_supply":1000000}');
  });
});
