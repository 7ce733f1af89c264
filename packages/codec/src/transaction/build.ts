/**
 * Small builders for unsigned transactions: a spending condition from public keys, a transaction
 * around a payload with the usual defaults, and a token-transfer memo from text. Sign the result
 * with `signTransaction`.
 */
import { ChainId } from '@stacks-ts/common';
import { stacksAddressFromPublicKeys } from '../address/address.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { sponsorPlaceholderCondition } from './sighash.ts';
import {
  AnchorMode,
  MEMO_LENGTH,
  MultisigHashMode,
  PostConditionMode,
  PublicKeyEncoding,
  SIGNATURE_LENGTH,
  SinglesigHashMode,
  TransactionVersion,
  type MultisigSpendingCondition,
  type SinglesigSpendingCondition,
  type StacksTransaction,
  type TransactionAuth,
  type TransactionPayload,
  type TransactionPostCondition,
  type TransactionSpendingCondition,
} from './types.ts';

/** Options of `createSinglesigSpendingCondition`. */
export interface SinglesigConditionOptions {
  /** 33-byte compressed or 65-byte uncompressed public key (uncompressed only with P2PKH). */
  readonly publicKey: Uint8Array;
  /** Default 0. */
  readonly nonce?: bigint;
  /** Default 0. */
  readonly fee?: bigint;
  /** Default P2PKH. */
  readonly hashMode?: SinglesigHashMode;
}

/** An unsigned single-sig condition for one key (`new_singlesig_p2pkh` / `new_singlesig_p2wpkh`). */
export function createSinglesigSpendingCondition(opts: SinglesigConditionOptions): SinglesigSpendingCondition {
  const hashMode = opts.hashMode ?? SinglesigHashMode.P2PKH;
  const addr = stacksAddressFromPublicKeys(0, hashMode, 1, [opts.publicKey]);
  if (addr === null) throw new CodecError(CodecErrorCode.InvalidArgument, 'P2WPKH needs a compressed public key');
  return {
    type: 'singlesig',
    hashMode,
    signer: addr.hash160,
    nonce: opts.nonce ?? 0n,
    txFee: opts.fee ?? 0n,
    keyEncoding: opts.publicKey.length === 65 ? PublicKeyEncoding.Uncompressed : PublicKeyEncoding.Compressed,
    signature: new Uint8Array(SIGNATURE_LENGTH),
  };
}

/** Options of `createMultisigSpendingCondition`. */
export interface MultisigConditionOptions {
  /** Every member's key, in order; 33 or 65 bytes each (compressed only for P2WSH modes). */
  readonly publicKeys: readonly Uint8Array[];
  readonly signaturesRequired: number;
  /** Default 0. */
  readonly nonce?: bigint;
  /** Default 0. */
  readonly fee?: bigint;
  /** Default P2SH (sequential). */
  readonly hashMode?: MultisigHashMode;
}

/** An unsigned multisig condition with no fields yet (`new_multisig_p2sh` and friends). */
export function createMultisigSpendingCondition(opts: MultisigConditionOptions): MultisigSpendingCondition {
  const hashMode = opts.hashMode ?? MultisigHashMode.P2SH;
  const m = opts.signaturesRequired;
  if (!Number.isInteger(m) || m < 0 || m > 0xffff) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `signatures required must be a u16, got ${m}`);
  }
  const addr = stacksAddressFromPublicKeys(0, hashMode, m, opts.publicKeys);
  if (addr === null) {
    throw new CodecError(CodecErrorCode.InvalidArgument, 'fewer keys than required signatures, or an uncompressed key under P2WSH');
  }
  return { type: 'multisig', hashMode, signer: addr.hash160, nonce: opts.nonce ?? 0n, txFee: opts.fee ?? 0n, fields: [], signaturesRequired: m };
}

/** Options of `createTransaction`. */
export interface CreateTransactionOptions {
  readonly payload: TransactionPayload;
  /** The origin's spending condition (see `createSinglesigSpendingCondition`). */
  readonly origin: TransactionSpendingCondition;
  /**
   * Make the transaction sponsored: `true` puts the sponsor placeholder in (the origin signs
   * first, the sponsor sets its condition with `setSponsor` later), a condition sets the sponsor.
   * Default: not sponsored.
   */
  readonly sponsor?: boolean | TransactionSpendingCondition;
  /** Sets version and chain id: mainnet 0x00 / 1, testnet 0x80 / 0x80000000. Default mainnet. */
  readonly network?: 'mainnet' | 'testnet';
  /** Overrides the chain id the network implies. */
  readonly chainId?: number;
  /** Default OnChainOnly for coinbase and poison-microblock payloads (the only mode they decode with), Any otherwise. */
  readonly anchorMode?: AnchorMode;
  /** Default Deny. */
  readonly postConditionMode?: PostConditionMode;
  /** Default none. */
  readonly postConditions?: readonly TransactionPostCondition[];
}

/** An unsigned transaction around a payload. */
export function createTransaction(opts: CreateTransactionOptions): StacksTransaction {
  const testnet = opts.network === 'testnet';
  const onChainOnly =
    opts.payload.type === 'coinbase' ||
    opts.payload.type === 'coinbaseToAltRecipient' ||
    opts.payload.type === 'nakamotoCoinbase' ||
    opts.payload.type === 'poisonMicroblock';
  let auth: TransactionAuth;
  if (opts.sponsor === undefined || opts.sponsor === false) auth = { type: 'standard', origin: opts.origin };
  else auth = { type: 'sponsored', origin: opts.origin, sponsor: opts.sponsor === true ? sponsorPlaceholderCondition() : opts.sponsor };
  return {
    version: testnet ? TransactionVersion.Testnet : TransactionVersion.Mainnet,
    chainId: opts.chainId ?? (testnet ? ChainId.Testnet : ChainId.Mainnet),
    auth,
    anchorMode: opts.anchorMode ?? (onChainOnly ? AnchorMode.OnChainOnly : AnchorMode.Any),
    postConditionMode: opts.postConditionMode ?? PostConditionMode.Deny,
    postConditions: opts.postConditions ?? [],
    payload: opts.payload,
  };
}

/** A 34-byte token-transfer memo: the UTF-8 of `text` padded with zero bytes (more than 34 bytes throws). */
export function tokenTransferMemo(text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MEMO_LENGTH) throw new CodecError(CodecErrorCode.InvalidArgument, `memo is ${bytes.length} bytes, more than ${MEMO_LENGTH}`);
  const out = new Uint8Array(MEMO_LENGTH);
  out.set(bytes);
  return out;
}
