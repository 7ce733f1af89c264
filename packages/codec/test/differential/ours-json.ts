/**
 * Our codec's structures to and from the neutral JSON forms of `json.ts`. `*ToJson` describes what
 * our decoder produced; `jsonTo*` builds our structures directly from a description (without our
 * decoder), so that our encoder can be checked on structures we build ourselves.
 */
import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import { c32addressEncode } from '../../src/address/c32.ts';
import type { ClarityValue, PrincipalData } from '../../src/clarity/types.ts';
import type {
  AssetInfo,
  PostConditionPrincipal,
  StacksTransaction,
  TransactionAuthField,
  TransactionPayload,
  TransactionPostCondition,
  TransactionSpendingCondition,
} from '../../src/transaction/types.ts';
import { decodeVrfProof } from '../../src/vrf/proof.ts';
import type {
  AssetJson,
  AuthFieldJson,
  ConditionJson,
  CvJson,
  PayloadJson,
  PcJson,
  PcPrincipalJson,
  PrincipalJson,
  TxJson,
} from './json.ts';
import { sortTupleFields } from './json.ts';

const hex = (b: Uint8Array): string => bytesToHex(b);

// ---------------------------------------------------------------------------------------------
// ours -> JSON

/** Our principal as neutral JSON. */
export function ourPrincipalToJson(p: PrincipalData): PrincipalJson {
  return {
    type: 'principal',
    version: p.version,
    hash160: hex(p.hash160),
    address: c32addressEncode(p.version, p.hash160),
    contractName: p.type === 'contract' ? p.contractName : null,
  };
}

/** Our Clarity value as neutral JSON. */
export function ourCvToJson(v: ClarityValue): CvJson {
  switch (v.type) {
    case 'int':
    case 'uint':
      return { type: v.type, value: v.value.toString() };
    case 'bool':
      return { type: 'bool', value: v.value };
    case 'buffer':
      return { type: 'buffer', hex: hex(v.value) };
    case 'string-ascii':
    case 'string-utf8':
      return { type: v.type, value: v.value };
    case 'principal':
      return ourPrincipalToJson(v.value);
    case 'optional':
      return { type: 'optional', value: v.value === null ? null : ourCvToJson(v.value) };
    case 'response':
      return { type: 'response', ok: v.ok, value: ourCvToJson(v.value) };
    case 'list':
      return { type: 'list', value: v.value.map(ourCvToJson) };
    case 'tuple':
      return { type: 'tuple', value: sortTupleFields(Object.entries(v.value).map(([k, x]) => [k, ourCvToJson(x)] as const)) };
  }
}

function ourPcPrincipalToJson(p: PostConditionPrincipal): PcPrincipalJson {
  if (p.type === 'origin') return { type: 'origin' };
  if (p.type === 'standard') return { type: 'standard', version: p.version, hash160: hex(p.hash160) };
  return { type: 'contract', version: p.version, hash160: hex(p.hash160), contractName: p.contractName };
}

function ourAssetToJson(a: AssetInfo): AssetJson {
  return { version: a.contractAddress.version, hash160: hex(a.contractAddress.hash160), contractName: a.contractName, assetName: a.assetName };
}

/** Our post-condition as neutral JSON. */
export function ourPostConditionToJson(pc: TransactionPostCondition): PcJson {
  const principal = ourPcPrincipalToJson(pc.principal);
  switch (pc.type) {
    case 'stx':
    case 'staking':
      return { type: pc.type, principal, code: pc.conditionCode, amount: pc.amount.toString() };
    case 'ft':
      return { type: 'ft', principal, asset: ourAssetToJson(pc.asset), code: pc.conditionCode, amount: pc.amount.toString() };
    case 'nft':
      return { type: 'nft', principal, asset: ourAssetToJson(pc.asset), assetValue: ourCvToJson(pc.assetValue), code: pc.conditionCode };
    case 'pox':
      return { type: 'pox', principal, code: pc.conditionCode };
  }
}

function ourFieldToJson(f: TransactionAuthField): AuthFieldJson {
  return f.type === 'publicKey'
    ? { kind: 'publicKey', compressed: f.keyEncoding === 0, publicKey: hex(f.publicKey) }
    : { kind: 'signature', compressed: f.keyEncoding === 0, signature: hex(f.signature) };
}

function ourConditionToJson(c: TransactionSpendingCondition): ConditionJson {
  if (c.type === 'singlesig') {
    return {
      kind: 'singlesig',
      hashMode: c.hashMode,
      signer: hex(c.signer),
      nonce: c.nonce.toString(),
      fee: c.txFee.toString(),
      keyEncoding: c.keyEncoding,
      signature: hex(c.signature),
    };
  }
  return {
    kind: 'multisig',
    hashMode: c.hashMode,
    signer: hex(c.signer),
    nonce: c.nonce.toString(),
    fee: c.txFee.toString(),
    fields: c.fields.map(ourFieldToJson),
    signaturesRequired: c.signaturesRequired,
  };
}

/** Our payload as neutral JSON. */
export function ourPayloadToJson(p: TransactionPayload): PayloadJson {
  switch (p.type) {
    case 'tokenTransfer':
      return { type: 'token-transfer', recipient: ourPrincipalToJson(p.recipient), amount: p.amount.toString(), memo: hex(p.memo) };
    case 'smartContract':
      return { type: 'smart-contract', clarityVersion: null, name: p.contractName, code: p.codeBody };
    case 'versionedSmartContract':
      return { type: 'smart-contract', clarityVersion: p.clarityVersion, name: p.contractName, code: p.codeBody };
    case 'contractCall':
      return {
        type: 'contract-call',
        address: { version: p.contractAddress.version, hash160: hex(p.contractAddress.hash160) },
        contractName: p.contractName,
        functionName: p.functionName,
        args: p.functionArgs.map(ourCvToJson),
      };
    case 'coinbase':
      return { type: 'coinbase', payload: hex(p.payload), recipient: null, vrfProof: null };
    case 'coinbaseToAltRecipient':
      return { type: 'coinbase', payload: hex(p.payload), recipient: ourPrincipalToJson(p.recipient), vrfProof: null };
    case 'nakamotoCoinbase':
      return {
        type: 'coinbase',
        payload: hex(p.payload),
        recipient: p.recipient === null ? null : ourPrincipalToJson(p.recipient),
        vrfProof: hex(p.vrfProof.gamma) + hex(p.vrfProof.c) + hex(p.vrfProof.s),
      };
    case 'tenureChange': {
      const tc = p.tenureChange;
      return {
        type: 'tenure-change',
        tenureConsensusHash: hex(tc.tenureConsensusHash),
        prevTenureConsensusHash: hex(tc.prevTenureConsensusHash),
        burnViewConsensusHash: hex(tc.burnViewConsensusHash),
        previousTenureEnd: hex(tc.previousTenureEnd),
        previousTenureBlocks: tc.previousTenureBlocks,
        cause: tc.cause,
        pubkeyHash: hex(tc.pubkeyHash),
      };
    }
    case 'poisonMicroblock':
      throw new Error('poison-microblock payloads have no neutral JSON form (stacks.js cannot build them)');
  }
}

/** Our transaction as neutral JSON. */
export function ourTxToJson(tx: StacksTransaction): TxJson {
  return {
    version: tx.version,
    chainId: tx.chainId,
    auth: {
      type: tx.auth.type,
      origin: ourConditionToJson(tx.auth.origin),
      sponsor: tx.auth.type === 'sponsored' ? ourConditionToJson(tx.auth.sponsor) : null,
    },
    anchorMode: tx.anchorMode,
    postConditionMode: tx.postConditionMode,
    postConditions: tx.postConditions.map(ourPostConditionToJson),
    payload: ourPayloadToJson(tx.payload),
  };
}

// ---------------------------------------------------------------------------------------------
// JSON -> ours

/** Builds our principal from neutral JSON. */
export function jsonToOurPrincipal(p: PrincipalJson): PrincipalData {
  const hash160 = hexToBytes(p.hash160);
  return p.contractName === null
    ? { type: 'standard', version: p.version, hash160 }
    : { type: 'contract', version: p.version, hash160, contractName: p.contractName };
}

/** Builds our Clarity value from neutral JSON (tuple fields inserted in reverse, to show order is irrelevant). */
export function jsonToOurCv(v: CvJson): ClarityValue {
  switch (v.type) {
    case 'int':
    case 'uint':
      return { type: v.type, value: BigInt(v.value) };
    case 'bool':
      return { type: 'bool', value: v.value };
    case 'buffer':
      return { type: 'buffer', value: hexToBytes(v.hex) };
    case 'string-ascii':
    case 'string-utf8':
      return { type: v.type, value: v.value };
    case 'principal':
      return { type: 'principal', value: jsonToOurPrincipal(v) };
    case 'optional':
      return { type: 'optional', value: v.value === null ? null : jsonToOurCv(v.value) };
    case 'response':
      return { type: 'response', ok: v.ok, value: jsonToOurCv(v.value) };
    case 'list':
      return { type: 'list', value: v.value.map(jsonToOurCv) };
    case 'tuple':
      return { type: 'tuple', value: Object.fromEntries([...v.value].reverse().map(([k, x]) => [k, jsonToOurCv(x)])) };
  }
}

function jsonToOurPcPrincipal(p: PcPrincipalJson): PostConditionPrincipal {
  if (p.type === 'origin') return { type: 'origin' };
  if (p.type === 'standard') return { type: 'standard', version: p.version, hash160: hexToBytes(p.hash160) };
  return { type: 'contract', version: p.version, hash160: hexToBytes(p.hash160), contractName: p.contractName };
}

function jsonToOurAsset(a: AssetJson): AssetInfo {
  return { contractAddress: { version: a.version, hash160: hexToBytes(a.hash160) }, contractName: a.contractName, assetName: a.assetName };
}

/** Builds our post-condition from neutral JSON. */
export function jsonToOurPostCondition(pc: PcJson): TransactionPostCondition {
  const principal = jsonToOurPcPrincipal(pc.principal);
  switch (pc.type) {
    case 'stx':
    case 'staking':
      return { type: pc.type, principal, conditionCode: pc.code as never, amount: BigInt(pc.amount) };
    case 'ft':
      return { type: 'ft', principal, asset: jsonToOurAsset(pc.asset), conditionCode: pc.code as never, amount: BigInt(pc.amount) };
    case 'nft':
      return { type: 'nft', principal, asset: jsonToOurAsset(pc.asset), assetValue: jsonToOurCv(pc.assetValue), conditionCode: pc.code as never };
    case 'pox':
      return { type: 'pox', principal, conditionCode: pc.code as never };
  }
}

function jsonToOurCondition(c: ConditionJson): TransactionSpendingCondition {
  if (c.kind === 'singlesig') {
    return {
      type: 'singlesig',
      hashMode: c.hashMode as never,
      signer: hexToBytes(c.signer),
      nonce: BigInt(c.nonce),
      txFee: BigInt(c.fee),
      keyEncoding: c.keyEncoding as never,
      signature: hexToBytes(c.signature),
    };
  }
  return {
    type: 'multisig',
    hashMode: c.hashMode as never,
    signer: hexToBytes(c.signer),
    nonce: BigInt(c.nonce),
    txFee: BigInt(c.fee),
    fields: c.fields.map((f) =>
      f.kind === 'publicKey'
        ? { type: 'publicKey', keyEncoding: f.compressed ? 0 : 1, publicKey: hexToBytes(f.publicKey) }
        : { type: 'signature', keyEncoding: f.compressed ? 0 : 1, signature: hexToBytes(f.signature) },
    ),
    signaturesRequired: c.signaturesRequired,
  };
}

/** Builds our payload from neutral JSON (the coinbase wire form follows from which fields are set). */
export function jsonToOurPayload(p: PayloadJson): TransactionPayload {
  switch (p.type) {
    case 'token-transfer':
      return { type: 'tokenTransfer', recipient: jsonToOurPrincipal(p.recipient), amount: BigInt(p.amount), memo: hexToBytes(p.memo) };
    case 'smart-contract':
      return p.clarityVersion === null
        ? { type: 'smartContract', contractName: p.name, codeBody: p.code }
        : { type: 'versionedSmartContract', clarityVersion: p.clarityVersion, contractName: p.name, codeBody: p.code };
    case 'contract-call':
      return {
        type: 'contractCall',
        contractAddress: { version: p.address.version, hash160: hexToBytes(p.address.hash160) },
        contractName: p.contractName,
        functionName: p.functionName,
        functionArgs: p.args.map(jsonToOurCv),
      };
    case 'coinbase':
      if (p.vrfProof !== null) {
        return {
          type: 'nakamotoCoinbase',
          payload: hexToBytes(p.payload),
          recipient: p.recipient === null ? null : jsonToOurPrincipal(p.recipient),
          vrfProof: decodeVrfProof(hexToBytes(p.vrfProof)),
        };
      }
      return p.recipient === null
        ? { type: 'coinbase', payload: hexToBytes(p.payload) }
        : { type: 'coinbaseToAltRecipient', payload: hexToBytes(p.payload), recipient: jsonToOurPrincipal(p.recipient) };
    case 'tenure-change':
      return {
        type: 'tenureChange',
        tenureChange: {
          tenureConsensusHash: hexToBytes(p.tenureConsensusHash),
          prevTenureConsensusHash: hexToBytes(p.prevTenureConsensusHash),
          burnViewConsensusHash: hexToBytes(p.burnViewConsensusHash),
          previousTenureEnd: hexToBytes(p.previousTenureEnd),
          previousTenureBlocks: p.previousTenureBlocks,
          cause: p.cause as never,
          pubkeyHash: hexToBytes(p.pubkeyHash),
        },
      };
  }
}

/** Builds our transaction from neutral JSON. */
export function jsonToOurTx(t: TxJson): StacksTransaction {
  const origin = jsonToOurCondition(t.auth.origin);
  return {
    version: t.version as never,
    chainId: t.chainId,
    auth: t.auth.type === 'standard' ? { type: 'standard', origin } : { type: 'sponsored', origin, sponsor: jsonToOurCondition(t.auth.sponsor!) },
    anchorMode: t.anchorMode as never,
    postConditionMode: t.postConditionMode as never,
    postConditions: t.postConditions.map(jsonToOurPostCondition),
    payload: jsonToOurPayload(t.payload),
  };
}
