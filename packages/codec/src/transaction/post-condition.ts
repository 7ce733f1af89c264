/**
 * Post-conditions on the wire (`TransactionPostCondition`, `PostConditionPrincipal`, `AssetInfo`).
 *
 * Every asset kind of the reference's `main` branch decodes, in any epoch: STX, fungible and
 * non-fungible (with the SIP-040 MaybeSent code 0x12), and the Epoch 4.0 Staking (3) and Pox (4)
 * kinds. As in the reference, the epoch gates (MaybeSent and Originator mode from 3.4, Staking and
 * Pox from 4.0) belong to block validation (`StacksBlock::validate_transaction_static_epoch`), not
 * to the codec: a 3.x node rejects such a transaction when it validates it, whichever of the two
 * places refuses it first.
 */
import type { StacksAddress } from '../address/address.ts';
import { type ByteReader, type ByteWriter, decodeAll, encodeWith } from '../bytes.ts';
import { readClarityValue, readStandardPrincipal, writeClarityValue, writeStandardPrincipal } from '../clarity/codec.ts';
import { readClarityName, readContractName, writeClarityName, writeContractName } from '../clarity/names.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import {
  AssetInfoId,
  FungibleConditionCode,
  NonfungibleConditionCode,
  PostConditionPrincipalId,
  PoxConditionCode,
  type AssetInfo,
  type PostConditionPrincipal,
  type TransactionPostCondition,
} from './types.ts';

/** Reads a `StacksAddress` (version below 32, hash160) as a plain `{ version, hash160 }`. */
export function readStacksAddress(r: ByteReader): StacksAddress {
  const { version, hash160 } = readStandardPrincipal(r);
  return { version, hash160 };
}

/** Writes a `StacksAddress`. */
export function writeStacksAddress(w: ByteWriter, a: StacksAddress): void {
  writeStandardPrincipal(w, a);
}

/** Reads a post-condition principal: origin (0x01), standard (0x02) or contract (0x03). */
export function readPostConditionPrincipal(r: ByteReader): PostConditionPrincipal {
  const at = r.offset;
  const id = r.readU8('post-condition principal id');
  switch (id) {
    case PostConditionPrincipalId.Origin:
      return { type: 'origin' };
    case PostConditionPrincipalId.Standard: {
      const a = readStacksAddress(r);
      return { type: 'standard', version: a.version, hash160: a.hash160 };
    }
    case PostConditionPrincipalId.Contract: {
      const a = readStacksAddress(r);
      const contractName = readContractName(r);
      return { type: 'contract', version: a.version, hash160: a.hash160, contractName };
    }
    default:
      throw new CodecError(CodecErrorCode.BadPrefix, `unknown post-condition principal id ${id}`, { offset: at });
  }
}

/** Writes a post-condition principal. */
export function writePostConditionPrincipal(w: ByteWriter, p: PostConditionPrincipal): void {
  switch (p.type) {
    case 'origin':
      w.writeU8(PostConditionPrincipalId.Origin);
      return;
    case 'standard':
      w.writeU8(PostConditionPrincipalId.Standard);
      writeStacksAddress(w, p);
      return;
    case 'contract':
      w.writeU8(PostConditionPrincipalId.Contract);
      writeStacksAddress(w, p);
      writeContractName(w, p.contractName);
      return;
    default:
      throw new CodecError(CodecErrorCode.InvalidArgument, `unknown post-condition principal ${(p as { type: unknown }).type}`);
  }
}

/** Reads an asset class: contract address, contract name, asset name. */
export function readAssetInfo(r: ByteReader): AssetInfo {
  const contractAddress = readStacksAddress(r);
  const contractName = readContractName(r);
  const assetName = readClarityName(r);
  return { contractAddress, contractName, assetName };
}

/** Writes an asset class. */
export function writeAssetInfo(w: ByteWriter, a: AssetInfo): void {
  writeStacksAddress(w, a.contractAddress);
  writeContractName(w, a.contractName);
  writeClarityName(w, a.assetName);
}

const FUNGIBLE_CODES = new Set<number>(Object.values(FungibleConditionCode));
const NONFUNGIBLE_CODES = new Set<number>(Object.values(NonfungibleConditionCode));
const POX_CODES = new Set<number>(Object.values(PoxConditionCode));

function checkCode(codes: Set<number>, code: number, what: string, at: number): void {
  if (!codes.has(code)) throw new CodecError(CodecErrorCode.InvalidValue, `unknown ${what} condition code ${code}`, { offset: at });
}

/** Reads one post-condition. */
export function readPostCondition(r: ByteReader): TransactionPostCondition {
  const at = r.offset;
  const kind = r.readU8('asset info id');
  switch (kind) {
    case AssetInfoId.STX:
    case AssetInfoId.Staking: {
      const principal = readPostConditionPrincipal(r);
      const codeAt = r.offset;
      const conditionCode = r.readU8('condition code') as FungibleConditionCode;
      const amount = r.readU64('amount');
      checkCode(FUNGIBLE_CODES, conditionCode, 'fungible', codeAt);
      return { type: kind === AssetInfoId.STX ? 'stx' : 'staking', principal, conditionCode, amount };
    }
    case AssetInfoId.FungibleAsset: {
      const principal = readPostConditionPrincipal(r);
      const asset = readAssetInfo(r);
      const codeAt = r.offset;
      const conditionCode = r.readU8('condition code') as FungibleConditionCode;
      const amount = r.readU64('amount');
      checkCode(FUNGIBLE_CODES, conditionCode, 'fungible', codeAt);
      return { type: 'ft', principal, asset, conditionCode, amount };
    }
    case AssetInfoId.NonfungibleAsset: {
      const principal = readPostConditionPrincipal(r);
      const asset = readAssetInfo(r);
      const assetValue = readClarityValue(r);
      const codeAt = r.offset;
      const conditionCode = r.readU8('condition code') as NonfungibleConditionCode;
      checkCode(NONFUNGIBLE_CODES, conditionCode, 'non-fungible', codeAt);
      return { type: 'nft', principal, asset, assetValue, conditionCode };
    }
    case AssetInfoId.Pox: {
      const principal = readPostConditionPrincipal(r);
      const codeAt = r.offset;
      const conditionCode = r.readU8('condition code') as PoxConditionCode;
      checkCode(POX_CODES, conditionCode, 'pox', codeAt);
      return { type: 'pox', principal, conditionCode };
    }
    default:
      throw new CodecError(CodecErrorCode.BadPrefix, `unknown asset info id ${kind}`, { offset: at });
  }
}

function writeCode(w: ByteWriter, codes: Set<number>, code: number, what: string): void {
  if (!codes.has(code)) throw new CodecError(CodecErrorCode.InvalidArgument, `unknown ${what} condition code ${code}`);
  w.writeU8(code);
}

/** Writes one post-condition. */
export function writePostCondition(w: ByteWriter, pc: TransactionPostCondition): void {
  switch (pc.type) {
    case 'stx':
    case 'staking':
      w.writeU8(pc.type === 'stx' ? AssetInfoId.STX : AssetInfoId.Staking);
      writePostConditionPrincipal(w, pc.principal);
      writeCode(w, FUNGIBLE_CODES, pc.conditionCode, 'fungible');
      w.writeU64(pc.amount);
      return;
    case 'ft':
      w.writeU8(AssetInfoId.FungibleAsset);
      writePostConditionPrincipal(w, pc.principal);
      writeAssetInfo(w, pc.asset);
      writeCode(w, FUNGIBLE_CODES, pc.conditionCode, 'fungible');
      w.writeU64(pc.amount);
      return;
    case 'nft':
      w.writeU8(AssetInfoId.NonfungibleAsset);
      writePostConditionPrincipal(w, pc.principal);
      writeAssetInfo(w, pc.asset);
      writeClarityValue(w, pc.assetValue);
      writeCode(w, NONFUNGIBLE_CODES, pc.conditionCode, 'non-fungible');
      return;
    case 'pox':
      w.writeU8(AssetInfoId.Pox);
      writePostConditionPrincipal(w, pc.principal);
      writeCode(w, POX_CODES, pc.conditionCode, 'pox');
      return;
    default:
      throw new CodecError(CodecErrorCode.InvalidArgument, `unknown post-condition ${(pc as { type: unknown }).type}`);
  }
}

/** Decodes exactly one post-condition. */
export function decodePostCondition(bytes: Uint8Array): TransactionPostCondition {
  return decodeAll(bytes, readPostCondition, 'post-condition');
}

/** Encodes one post-condition. */
export function encodePostCondition(pc: TransactionPostCondition): Uint8Array {
  return encodeWith((w) => writePostCondition(w, pc));
}
