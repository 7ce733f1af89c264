/**
 * Stacks transactions as plain data (the reference's `StacksTransaction` and its parts in
 * stacks-codec/src/transaction.rs), and the `as const` tables of every wire enum.
 *
 * Integers that are u64 on the wire are `bigint`; hashes, signatures and memos are `Uint8Array`s of
 * their fixed length. Variant tags are strings; the wire bytes live in the tables below.
 */
import type { StacksAddress } from '../address/address.ts';
import type { ClarityValue, ContractPrincipal, PrincipalData, StandardPrincipal } from '../clarity/types.ts';
import type { VrfProof } from '../vrf/proof.ts';
import type { StacksMicroblockHeader } from './microblock-header.ts';

/** Transaction version byte (`TransactionVersion`). On decode only bit 7 matters. */
export const TransactionVersion = { Mainnet: 0x00, Testnet: 0x80 } as const;
export type TransactionVersion = (typeof TransactionVersion)[keyof typeof TransactionVersion];

/** Where a transaction may be mined (`TransactionAnchorMode`). */
export const AnchorMode = { OnChainOnly: 1, OffChainOnly: 2, Any: 3 } as const;
export type AnchorMode = (typeof AnchorMode)[keyof typeof AnchorMode];

/**
 * What happens to asset movements no post-condition mentions (`TransactionPostConditionMode`).
 * Originator (SIP-040) is accepted by block validation only from Epoch 3.4.
 */
export const PostConditionMode = { Allow: 0x01, Deny: 0x02, Originator: 0x03 } as const;
export type PostConditionMode = (typeof PostConditionMode)[keyof typeof PostConditionMode];

/** The auth flag byte (`TransactionAuthFlags`); also the flag mixed into each presign hash. */
export const AuthType = { Standard: 0x04, Sponsored: 0x05 } as const;
export type AuthType = (typeof AuthType)[keyof typeof AuthType];

/** Payload id bytes (`TransactionPayloadID`). */
export const PayloadType = {
  TokenTransfer: 0,
  SmartContract: 1,
  ContractCall: 2,
  PoisonMicroblock: 3,
  Coinbase: 4,
  CoinbaseToAltRecipient: 5,
  VersionedSmartContract: 6,
  TenureChange: 7,
  NakamotoCoinbase: 8,
} as const;
export type PayloadType = (typeof PayloadType)[keyof typeof PayloadType];

/** Post-condition asset kind bytes (`AssetInfoID`). Staking and Pox are Epoch 4.0 features. */
export const AssetInfoId = { STX: 0, FungibleAsset: 1, NonfungibleAsset: 2, Staking: 3, Pox: 4 } as const;
export type AssetInfoId = (typeof AssetInfoId)[keyof typeof AssetInfoId];

/** Post-condition principal kind bytes (`PostConditionPrincipalID`). */
export const PostConditionPrincipalId = { Origin: 0x01, Standard: 0x02, Contract: 0x03 } as const;
export type PostConditionPrincipalId = (typeof PostConditionPrincipalId)[keyof typeof PostConditionPrincipalId];

/** Comparators of STX, fungible-token and staking post-conditions (`FungibleConditionCode`). */
export const FungibleConditionCode = { SentEq: 0x01, SentGt: 0x02, SentGe: 0x03, SentLt: 0x04, SentLe: 0x05 } as const;
export type FungibleConditionCode = (typeof FungibleConditionCode)[keyof typeof FungibleConditionCode];

/** NFT post-condition codes (`NonfungibleConditionCode`). MaybeSent (SIP-040) is valid from Epoch 3.4. */
export const NonfungibleConditionCode = { Sent: 0x10, NotSent: 0x11, MaybeSent: 0x12 } as const;
export type NonfungibleConditionCode = (typeof NonfungibleConditionCode)[keyof typeof NonfungibleConditionCode];

/** Pox post-condition codes (`PoxConditionCode`), an Epoch 4.0 feature. */
export const PoxConditionCode = { NotPerformed: 0x30, MaybePerformed: 0x31, Performed: 0x32 } as const;
export type PoxConditionCode = (typeof PoxConditionCode)[keyof typeof PoxConditionCode];

/** Why a tenure changes (`TenureChangeCause`). Causes 2 to 6 (SIP-034) are valid from Epoch 3.3. */
export const TenureChangeCause = {
  BlockFound: 0,
  Extended: 1,
  ExtendedRuntime: 2,
  ExtendedReadCount: 3,
  ExtendedReadLength: 4,
  ExtendedWriteCount: 5,
  ExtendedWriteLength: 6,
} as const;
export type TenureChangeCause = (typeof TenureChangeCause)[keyof typeof TenureChangeCause];

/** How a public key is hashed and how a recovered key is encoded (`TransactionPublicKeyEncoding`). */
export const PublicKeyEncoding = { Compressed: 0x00, Uncompressed: 0x01 } as const;
export type PublicKeyEncoding = (typeof PublicKeyEncoding)[keyof typeof PublicKeyEncoding];

/** Multisig auth field id bytes (`TransactionAuthFieldID`). */
export const AuthFieldId = {
  PublicKeyCompressed: 0x00,
  PublicKeyUncompressed: 0x01,
  SignatureCompressed: 0x02,
  SignatureUncompressed: 0x03,
} as const;
export type AuthFieldId = (typeof AuthFieldId)[keyof typeof AuthFieldId];

/** Hash modes of a single-signature spending condition (`SinglesigHashMode`). */
export const SinglesigHashMode = { P2PKH: 0x00, P2WPKH: 0x02 } as const;
export type SinglesigHashMode = (typeof SinglesigHashMode)[keyof typeof SinglesigHashMode];

/**
 * Hash modes of a multi-signature spending condition: sequential (`MultisigHashMode`) and
 * order-independent (`OrderIndependentMultisigHashMode`, SIP-027, valid from Epoch 3.0).
 */
export const MultisigHashMode = { P2SH: 0x01, P2WSH: 0x03, OrderIndependentP2SH: 0x05, OrderIndependentP2WSH: 0x07 } as const;
export type MultisigHashMode = (typeof MultisigHashMode)[keyof typeof MultisigHashMode];

/** Largest Clarity version byte a versioned smart-contract payload may carry (Clarity 6 is an Epoch 4.0 feature). */
export const MAX_PAYLOAD_CLARITY_VERSION = 6;

/** Largest serialized transaction (`MAX_TRANSACTION_LEN`, 2 MiB). */
export const MAX_TRANSACTION_LEN = 2 * 1024 * 1024;

/** Byte length of a recoverable signature in VRS order (`MessageSignature`). */
export const SIGNATURE_LENGTH = 65;

/** Byte length of a token-transfer memo (`TokenTransferMemo`). */
export const MEMO_LENGTH = 34;

/** Byte length of a coinbase payload buffer (`CoinbasePayload`). */
export const COINBASE_PAYLOAD_LENGTH = 32;

/** A single-signature spending condition (`SinglesigSpendingCondition`): 103 bytes on the wire. */
export interface SinglesigSpendingCondition {
  readonly type: 'singlesig';
  readonly hashMode: SinglesigHashMode;
  /** hash160 of the signer's public key, by `hashMode`. */
  readonly signer: Uint8Array;
  readonly nonce: bigint;
  readonly txFee: bigint;
  readonly keyEncoding: PublicKeyEncoding;
  /** 65-byte recoverable signature (VRS); all zeros when unsigned. */
  readonly signature: Uint8Array;
}

/** A public key or a signature of a multisig spending condition (`TransactionAuthField`). */
export type TransactionAuthField =
  | {
      readonly type: 'publicKey';
      /** Which form of the key is hashed into the signer hash. */
      readonly keyEncoding: PublicKeyEncoding;
      /** The key in its 33-byte compressed form, as on the wire, whatever `keyEncoding` says. */
      readonly publicKey: Uint8Array;
    }
  | {
      readonly type: 'signature';
      /** Encoding of the public key this signature recovers to. */
      readonly keyEncoding: PublicKeyEncoding;
      /** 65-byte recoverable signature (VRS). */
      readonly signature: Uint8Array;
    };

/**
 * A multi-signature spending condition: sequential (`MultisigSpendingCondition`, hash modes
 * 0x01/0x03) or order-independent (`OrderIndependentMultisigSpendingCondition`, 0x05/0x07).
 */
export interface MultisigSpendingCondition {
  readonly type: 'multisig';
  readonly hashMode: MultisigHashMode;
  readonly signer: Uint8Array;
  readonly nonce: bigint;
  readonly txFee: bigint;
  readonly fields: readonly TransactionAuthField[];
  /** u16 on the wire. */
  readonly signaturesRequired: number;
}

/** A spending condition (`TransactionSpendingCondition`). */
export type TransactionSpendingCondition = SinglesigSpendingCondition | MultisigSpendingCondition;

/** Transaction authorization (`TransactionAuth`): the origin, and the sponsor who pays the fee. */
export type TransactionAuth =
  | { readonly type: 'standard'; readonly origin: TransactionSpendingCondition }
  | { readonly type: 'sponsored'; readonly origin: TransactionSpendingCondition; readonly sponsor: TransactionSpendingCondition };

/** The principal a post-condition constrains (`PostConditionPrincipal`). */
export type PostConditionPrincipal = { readonly type: 'origin' } | StandardPrincipal | ContractPrincipal;

/** A fungible or non-fungible asset class (`AssetInfo`). */
export interface AssetInfo {
  readonly contractAddress: StacksAddress;
  readonly contractName: string;
  readonly assetName: string;
}

/** A post-condition (`TransactionPostCondition`). */
export type TransactionPostCondition =
  | {
      readonly type: 'stx';
      readonly principal: PostConditionPrincipal;
      readonly conditionCode: FungibleConditionCode;
      readonly amount: bigint;
    }
  | {
      readonly type: 'ft';
      readonly principal: PostConditionPrincipal;
      readonly asset: AssetInfo;
      readonly conditionCode: FungibleConditionCode;
      readonly amount: bigint;
    }
  | {
      readonly type: 'nft';
      readonly principal: PostConditionPrincipal;
      readonly asset: AssetInfo;
      readonly assetValue: ClarityValue;
      readonly conditionCode: NonfungibleConditionCode;
    }
  | {
      /** Epoch 4.0 only (asset id 3). */
      readonly type: 'staking';
      readonly principal: PostConditionPrincipal;
      readonly conditionCode: FungibleConditionCode;
      readonly amount: bigint;
    }
  | {
      /** Epoch 4.0 only (asset id 4). */
      readonly type: 'pox';
      readonly principal: PostConditionPrincipal;
      readonly conditionCode: PoxConditionCode;
    };

/** The body of a tenure-change payload (`TenureChangePayload`). */
export interface TenureChangePayload {
  readonly tenureConsensusHash: Uint8Array;
  readonly prevTenureConsensusHash: Uint8Array;
  readonly burnViewConsensusHash: Uint8Array;
  /** `StacksBlockId` of the last block of the previous tenure. */
  readonly previousTenureEnd: Uint8Array;
  readonly previousTenureBlocks: number;
  readonly cause: TenureChangeCause;
  readonly pubkeyHash: Uint8Array;
}

/**
 * A transaction payload (`TransactionPayload`), one variant per payload id. The reference folds
 * the two smart-contract ids into one variant and the three coinbase ids into another; here each
 * wire id has its own tag.
 */
export type TransactionPayload =
  | {
      readonly type: 'tokenTransfer';
      readonly recipient: PrincipalData;
      readonly amount: bigint;
      /** 34 raw bytes (not necessarily UTF-8). */
      readonly memo: Uint8Array;
    }
  | { readonly type: 'smartContract'; readonly contractName: string; readonly codeBody: string }
  | {
      readonly type: 'versionedSmartContract';
      /** 1 to `MAX_PAYLOAD_CLARITY_VERSION`. */
      readonly clarityVersion: number;
      readonly contractName: string;
      readonly codeBody: string;
    }
  | {
      readonly type: 'contractCall';
      readonly contractAddress: StacksAddress;
      readonly contractName: string;
      readonly functionName: string;
      readonly functionArgs: readonly ClarityValue[];
    }
  | { readonly type: 'poisonMicroblock'; readonly header1: StacksMicroblockHeader; readonly header2: StacksMicroblockHeader }
  | { readonly type: 'coinbase'; readonly payload: Uint8Array }
  | { readonly type: 'coinbaseToAltRecipient'; readonly payload: Uint8Array; readonly recipient: PrincipalData }
  | { readonly type: 'tenureChange'; readonly tenureChange: TenureChangePayload }
  | {
      readonly type: 'nakamotoCoinbase';
      readonly payload: Uint8Array;
      /** `null` when the wire holds `none` (or, as the reference reads it, `some` of a non-principal). */
      readonly recipient: PrincipalData | null;
      readonly vrfProof: VrfProof;
    };

/** A Stacks transaction (`StacksTransaction`). */
export interface StacksTransaction {
  readonly version: TransactionVersion;
  readonly chainId: number;
  readonly auth: TransactionAuth;
  readonly anchorMode: AnchorMode;
  readonly postConditionMode: PostConditionMode;
  readonly postConditions: readonly TransactionPostCondition[];
  readonly payload: TransactionPayload;
}

/** True for the three coinbase payloads (one `Coinbase` variant in the reference). */
export function isCoinbasePayload(
  p: TransactionPayload,
): p is Extract<TransactionPayload, { type: 'coinbase' | 'coinbaseToAltRecipient' | 'nakamotoCoinbase' }> {
  return p.type === 'coinbase' || p.type === 'coinbaseToAltRecipient' || p.type === 'nakamotoCoinbase';
}

/** True for the order-independent (SIP-027) multisig hash modes 0x05 and 0x07. */
export function isOrderIndependentHashMode(hashMode: number): boolean {
  return hashMode === MultisigHashMode.OrderIndependentP2SH || hashMode === MultisigHashMode.OrderIndependentP2WSH;
}
