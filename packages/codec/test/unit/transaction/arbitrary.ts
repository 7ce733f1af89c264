/**
 * fast-check arbitraries for transactions. Everything generated is decodable by the reference's
 * rules (valid names, printable code bodies, valid public keys and VRF proofs, multisig signature
 * counts, on-chain-only coinbases), so `decode(encode(tx))` deep-equals `tx`.
 */
import fc from 'fast-check';
import { hexToBytes } from '@stacks-ts/common';
import type { ClarityValue, PrincipalData } from '../../../src/clarity/types.ts';
import { publicKeyFromPrivate } from '../../../src/crypto/secp256k1.ts';
import { decodeVrfProof } from '../../../src/vrf/proof.ts';
import type { StacksMicroblockHeader } from '../../../src/transaction/microblock-header.ts';
import {
  AnchorMode,
  FungibleConditionCode,
  MAX_PAYLOAD_CLARITY_VERSION,
  MultisigHashMode,
  NonfungibleConditionCode,
  PostConditionMode,
  PoxConditionCode,
  PublicKeyEncoding,
  SinglesigHashMode,
  TenureChangeCause,
  TransactionVersion,
  type AssetInfo,
  type MultisigSpendingCondition,
  type PostConditionPrincipal,
  type SinglesigSpendingCondition,
  type StacksTransaction,
  type TransactionAuth,
  type TransactionAuthField,
  type TransactionPayload,
  type TransactionPostCondition,
  type TransactionSpendingCondition,
} from '../../../src/transaction/types.ts';
import { arbitraryClarityValue as clarityValueArbitrary, clarityNameArb, principalArb } from '../clarity/arbitrary.ts';

/** Clarity values for NFT asset ids and contract-call arguments. */
const arbitraryClarityValue: fc.Arbitrary<ClarityValue> = clarityValueArbitrary({ maxDepth: 3, maxItems: 3 });

const bytes = (n: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ minLength: n, maxLength: n });
const u64 = fc.bigInt({ min: 0n, max: 0xffff_ffff_ffff_ffffn });

/** A 65-byte signature that parses (recovery id 0..3, r and s below the curve order). */
export const arbitrarySignature: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.integer({ min: 0, max: 3 }), bytes(64))
  .map(([v, rs]) => {
    const sig = new Uint8Array(65);
    sig[0] = v;
    sig.set(rs, 1);
    sig[1] = sig[1]! & 0x7f;
    sig[33] = sig[33]! & 0x7f;
    return sig;
  });

/** Compressed public keys of the private keys 1..8. */
export const PUBLIC_KEYS: readonly Uint8Array[] = Array.from({ length: 8 }, (_, i) => {
  const sk = new Uint8Array(33);
  sk[31] = i + 1;
  sk[32] = 0x01;
  return publicKeyFromPrivate(sk);
});

// Valid VRF proofs (draft-irtf-cfrg-vrf-04 A.3).
const VRF_PROOFS = [
  '9275df67a68c8745c0ff97b48201ee6db447f7c93b23ae24cdc2400f52fdb08a1a6ac7ec71bf9c9c76e96ee4675ebff60625af28718501047bfd87b810c2d2139b73c23bd69de66360953a642c2a330a',
  '84a63e74eca8fdd64e9972dcda1c6f33d03ce3cd4d333fd6cc789db12b5a7b9d03f1cb6b2bf7cd81a2a20bacf6e1c04e59f2fa16d9119c73a45a97194b504fb9a5c8cf37f6da85e03368d6882e511008',
].map((x) => decodeVrfProof(hexToBytes(x)));

/** Stand-alone contract names (1 to 40 characters). */
export const arbitraryContractName: fc.Arbitrary<string> = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9\-_]{0,39}$/);
/** Clarity names (function and asset names), operators and 128-character names included. */
export const arbitraryClarityName: fc.Arbitrary<string> = clarityNameArb;
const arbitraryVersion = fc.integer({ min: 0, max: 31 });
const arbitraryAddress = fc.record({ version: arbitraryVersion, hash160: bytes(20) });

/** Principal values (contract names up to 128 characters, as Clarity values allow). */
export const arbitraryPrincipal: fc.Arbitrary<PrincipalData> = principalArb;

const encoding = fc.constantFrom(PublicKeyEncoding.Compressed, PublicKeyEncoding.Uncompressed);

export const arbitrarySinglesig: fc.Arbitrary<SinglesigSpendingCondition> = fc
  .record({
    hashMode: fc.constantFrom(SinglesigHashMode.P2PKH, SinglesigHashMode.P2WPKH),
    signer: bytes(20),
    nonce: u64,
    txFee: u64,
    keyEncoding: encoding,
    signature: bytes(65),
  })
  .map((c) => ({
    type: 'singlesig' as const,
    ...c,
    keyEncoding: c.hashMode === SinglesigHashMode.P2WPKH ? PublicKeyEncoding.Compressed : c.keyEncoding,
  }));

const arbitraryField: fc.Arbitrary<TransactionAuthField> = fc.oneof(
  fc.record({ type: fc.constant('publicKey' as const), keyEncoding: encoding, publicKey: fc.constantFrom(...PUBLIC_KEYS) }),
  fc.record({ type: fc.constant('signature' as const), keyEncoding: encoding, signature: bytes(65) }),
);

export const arbitraryMultisig: fc.Arbitrary<MultisigSpendingCondition> = fc
  .record({
    hashMode: fc.constantFrom(
      MultisigHashMode.P2SH,
      MultisigHashMode.P2WSH,
      MultisigHashMode.OrderIndependentP2SH,
      MultisigHashMode.OrderIndependentP2WSH,
    ),
    signer: bytes(20),
    nonce: u64,
    txFee: u64,
    fields: fc.array(arbitraryField, { maxLength: 5 }),
    slack: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ slack, ...c }) => {
    const segwit = c.hashMode === MultisigHashMode.P2WSH || c.hashMode === MultisigHashMode.OrderIndependentP2WSH;
    const fields = segwit ? c.fields.map((f) => ({ ...f, keyEncoding: PublicKeyEncoding.Compressed })) : c.fields;
    const sigs = fields.filter((f) => f.type === 'signature').length;
    const orderIndependent = c.hashMode === MultisigHashMode.OrderIndependentP2SH || c.hashMode === MultisigHashMode.OrderIndependentP2WSH;
    return {
      type: 'multisig' as const,
      hashMode: c.hashMode,
      signer: c.signer,
      nonce: c.nonce,
      txFee: c.txFee,
      fields,
      signaturesRequired: orderIndependent ? Math.max(0, sigs - slack) : sigs,
    };
  });

export const arbitrarySpendingCondition: fc.Arbitrary<TransactionSpendingCondition> = fc.oneof(arbitrarySinglesig, arbitraryMultisig);

export const arbitraryAuth: fc.Arbitrary<TransactionAuth> = fc.oneof(
  fc.record({ type: fc.constant('standard' as const), origin: arbitrarySpendingCondition }),
  fc.record({ type: fc.constant('sponsored' as const), origin: arbitrarySpendingCondition, sponsor: arbitrarySpendingCondition }),
);

const arbitraryPcPrincipal: fc.Arbitrary<PostConditionPrincipal> = fc.oneof(
  fc.constant({ type: 'origin' as const }),
  fc.record({ type: fc.constant('standard' as const), version: arbitraryVersion, hash160: bytes(20) }),
  fc.record({ type: fc.constant('contract' as const), version: arbitraryVersion, hash160: bytes(20), contractName: arbitraryContractName }),
);

const arbitraryAsset: fc.Arbitrary<AssetInfo> = fc.record({
  contractAddress: arbitraryAddress,
  contractName: arbitraryContractName,
  assetName: arbitraryClarityName,
});

const fungibleCode = fc.constantFrom(...Object.values(FungibleConditionCode));

export const arbitraryPostCondition: fc.Arbitrary<TransactionPostCondition> = fc.oneof(
  fc.record({ type: fc.constant('stx' as const), principal: arbitraryPcPrincipal, conditionCode: fungibleCode, amount: u64 }),
  fc.record({
    type: fc.constant('ft' as const),
    principal: arbitraryPcPrincipal,
    asset: arbitraryAsset,
    conditionCode: fungibleCode,
    amount: u64,
  }),
  fc.record({
    type: fc.constant('nft' as const),
    principal: arbitraryPcPrincipal,
    asset: arbitraryAsset,
    assetValue: arbitraryClarityValue,
    conditionCode: fc.constantFrom(...Object.values(NonfungibleConditionCode)),
  }),
  fc.record({ type: fc.constant('staking' as const), principal: arbitraryPcPrincipal, conditionCode: fungibleCode, amount: u64 }),
  fc.record({ type: fc.constant('pox' as const), principal: arbitraryPcPrincipal, conditionCode: fc.constantFrom(...Object.values(PoxConditionCode)) }),
);

const arbitraryCodeBody = fc
  .array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.constantFrom(0x09, 0x0a)), { maxLength: 200 })
  .map((cs) => String.fromCharCode(...cs));

const arbitraryMicroblockHeader: fc.Arbitrary<StacksMicroblockHeader> = fc.record({
  version: fc.integer({ min: 0, max: 255 }),
  sequence: fc.integer({ min: 0, max: 0xffff }),
  prevBlock: bytes(32),
  txMerkleRoot: bytes(32),
  signature: arbitrarySignature,
});

/** Two headers that differ and share a sequence number or a parent, as a poison proof must. */
const arbitraryPoison = fc
  .tuple(arbitraryMicroblockHeader, arbitraryMicroblockHeader, fc.boolean())
  .map(([a, b, sameSequence]) => {
    const h2 = sameSequence ? { ...b, sequence: a.sequence } : { ...b, prevBlock: a.prevBlock };
    const differs = h2.txMerkleRoot.some((x, i) => x !== a.txMerkleRoot[i]);
    return { header1: a, header2: differs ? h2 : { ...h2, txMerkleRoot: a.txMerkleRoot.map((x) => x ^ 1) } };
  });

export const arbitraryPayload: fc.Arbitrary<TransactionPayload> = fc.oneof(
  fc.record({ type: fc.constant('tokenTransfer' as const), recipient: arbitraryPrincipal, amount: u64, memo: bytes(34) }),
  fc.record({ type: fc.constant('smartContract' as const), contractName: arbitraryContractName, codeBody: arbitraryCodeBody }),
  fc.record({
    type: fc.constant('versionedSmartContract' as const),
    clarityVersion: fc.integer({ min: 1, max: MAX_PAYLOAD_CLARITY_VERSION }),
    contractName: arbitraryContractName,
    codeBody: arbitraryCodeBody,
  }),
  fc.record({
    type: fc.constant('contractCall' as const),
    contractAddress: arbitraryAddress,
    contractName: arbitraryContractName,
    functionName: arbitraryClarityName,
    functionArgs: fc.array(arbitraryClarityValue, { maxLength: 4 }),
  }),
  arbitraryPoison.map((p) => ({ type: 'poisonMicroblock' as const, ...p })),
  fc.record({ type: fc.constant('coinbase' as const), payload: bytes(32) }),
  fc.record({ type: fc.constant('coinbaseToAltRecipient' as const), payload: bytes(32), recipient: arbitraryPrincipal }),
  fc.record({
    type: fc.constant('tenureChange' as const),
    tenureChange: fc.record({
      tenureConsensusHash: bytes(20),
      prevTenureConsensusHash: bytes(20),
      burnViewConsensusHash: bytes(20),
      previousTenureEnd: bytes(32),
      previousTenureBlocks: fc.integer({ min: 0, max: 0xffff_ffff }),
      cause: fc.constantFrom(...Object.values(TenureChangeCause)),
      pubkeyHash: bytes(20),
    }),
  }),
  fc.record({
    type: fc.constant('nakamotoCoinbase' as const),
    payload: bytes(32),
    recipient: fc.option(arbitraryPrincipal, { nil: null }),
    vrfProof: fc.constantFrom(...VRF_PROOFS),
  }),
);

/** An arbitrary, decodable transaction of any payload and auth. */
export const arbitraryTransaction: fc.Arbitrary<StacksTransaction> = fc
  .record({
    version: fc.constantFrom(TransactionVersion.Mainnet, TransactionVersion.Testnet),
    chainId: fc.integer({ min: 0, max: 0xffff_ffff }),
    auth: arbitraryAuth,
    anchorMode: fc.constantFrom(AnchorMode.OnChainOnly, AnchorMode.OffChainOnly, AnchorMode.Any),
    postConditionMode: fc.constantFrom(...Object.values(PostConditionMode)),
    postConditions: fc.array(arbitraryPostCondition, { maxLength: 3 }),
    payload: arbitraryPayload,
  })
  .map((tx) => {
    const t = tx.payload.type;
    const onChainOnly = t === 'coinbase' || t === 'coinbaseToAltRecipient' || t === 'nakamotoCoinbase' || t === 'poisonMicroblock';
    return onChainOnly ? { ...tx, anchorMode: AnchorMode.OnChainOnly } : tx;
  });

