/**
 * stacks.js (`@stacks/transactions` 7.6) objects to the neutral JSON forms of `json.ts`, and the
 * byte-order ("canonical") serializations of stacks.js values: stacks.js sorts tuple fields with
 * `localeCompare`, the reference (a `BTreeMap<ClarityName, _>`) by bytes.
 */
import {
  AuthType,
  ClarityType,
  PayloadType,
  PostConditionPrincipalId,
  PostConditionType,
  StacksWireType,
  addressToString,
  compressPublicKey,
  addressFromVersionHash,
  createAddress,
  createLPString,
  serializeAddressBytes,
  serializeAssetBytes,
  serializeAuthorizationBytes,
  serializeCVBytes,
  serializeLPStringBytes,
  serializeMemoStringBytes,
  serializePayloadBytes,
  serializePostConditionWireBytes,
  serializePrincipalBytes,
  type ClarityValue as StacksCV,
  type PayloadWire,
  type PostConditionPrincipalWire,
  type PostConditionWire,
  type SpendingCondition,
  type StacksTransactionWire,
} from '@stacks/transactions';
import { bytesToHex, concatBytes } from '@stacks-ts/common';
import type { ConditionJson, CvJson, PayloadJson, PcJson, PcPrincipalJson, PrincipalJson, TxJson } from './json.ts';
import { sortTupleFields } from './json.ts';

/** `version` + `hash160` of a c32 address, decoded by stacks.js. */
function decodeAddress(address: string): { version: number; hash160: string } {
  const a = createAddress(address);
  return { version: a.version, hash160: a.hash160.toLowerCase() };
}

/** A stacks.js principal CV (`address` / `contract`) as neutral JSON. */
export function stacksPrincipalToJson(cv: StacksCV): PrincipalJson {
  if (cv.type === ClarityType.PrincipalStandard) {
    const { version, hash160 } = decodeAddress(cv.value);
    return { type: 'principal', version, hash160, address: addressToString(addressFromVersionHash(version, hash160)), contractName: null };
  }
  if (cv.type === ClarityType.PrincipalContract) {
    const dot = cv.value.indexOf('.');
    const { version, hash160 } = decodeAddress(cv.value.slice(0, dot));
    return {
      type: 'principal',
      version,
      hash160,
      address: addressToString(addressFromVersionHash(version, hash160)),
      contractName: cv.value.slice(dot + 1),
    };
  }
  throw new Error(`not a principal: ${cv.type}`);
}

/** A stacks.js Clarity value as neutral JSON. */
export function stacksCvToJson(cv: StacksCV): CvJson {
  switch (cv.type) {
    case ClarityType.Int:
      return { type: 'int', value: BigInt(cv.value).toString() };
    case ClarityType.UInt:
      return { type: 'uint', value: BigInt(cv.value).toString() };
    case ClarityType.BoolTrue:
      return { type: 'bool', value: true };
    case ClarityType.BoolFalse:
      return { type: 'bool', value: false };
    case ClarityType.Buffer:
      return { type: 'buffer', hex: cv.value.toLowerCase() };
    case ClarityType.StringASCII:
      return { type: 'string-ascii', value: cv.value };
    case ClarityType.StringUTF8:
      return { type: 'string-utf8', value: cv.value };
    case ClarityType.PrincipalStandard:
    case ClarityType.PrincipalContract:
      return stacksPrincipalToJson(cv);
    case ClarityType.OptionalNone:
      return { type: 'optional', value: null };
    case ClarityType.OptionalSome:
      return { type: 'optional', value: stacksCvToJson(cv.value) };
    case ClarityType.ResponseOk:
      return { type: 'response', ok: true, value: stacksCvToJson(cv.value) };
    case ClarityType.ResponseErr:
      return { type: 'response', ok: false, value: stacksCvToJson(cv.value) };
    case ClarityType.List:
      return { type: 'list', value: cv.value.map(stacksCvToJson) };
    case ClarityType.Tuple:
      return {
        type: 'tuple',
        value: sortTupleFields(Object.entries(cv.value).map(([k, v]) => [k, stacksCvToJson(v)] as const)),
      };
  }
}

/** True when some tuple inside `cv` has fields whose locale order differs from byte order. */
export function hasLocaleTupleOrder(cv: StacksCV): boolean {
  switch (cv.type) {
    case ClarityType.OptionalSome:
    case ClarityType.ResponseOk:
    case ClarityType.ResponseErr:
      return hasLocaleTupleOrder(cv.value);
    case ClarityType.List:
      return cv.value.some(hasLocaleTupleOrder);
    case ClarityType.Tuple: {
      const keys = Object.keys(cv.value);
      const locale = [...keys].sort((a, b) => a.localeCompare(b));
      const bytes = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (locale.some((k, i) => k !== bytes[i])) return true;
      return Object.values(cv.value).some(hasLocaleTupleOrder);
    }
    default:
      return false;
  }
}

function u32be(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

/**
 * `serializeCV` with every tuple's fields in byte order (what the reference writes). Leaves are
 * serialized by stacks.js itself; only the container framing is repeated here.
 */
export function serializeCanonicalCV(cv: StacksCV): Uint8Array {
  switch (cv.type) {
    case ClarityType.OptionalSome:
      return concatBytes(Uint8Array.of(0x0a), serializeCanonicalCV(cv.value));
    case ClarityType.ResponseOk:
      return concatBytes(Uint8Array.of(0x07), serializeCanonicalCV(cv.value));
    case ClarityType.ResponseErr:
      return concatBytes(Uint8Array.of(0x08), serializeCanonicalCV(cv.value));
    case ClarityType.List:
      return concatBytes(Uint8Array.of(0x0b), u32be(cv.value.length), ...cv.value.map(serializeCanonicalCV));
    case ClarityType.Tuple: {
      const keys = Object.keys(cv.value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return concatBytes(
        Uint8Array.of(0x0c),
        u32be(keys.length),
        ...keys.flatMap((k) => [serializeLPStringBytes(createLPString(k)), serializeCanonicalCV(cv.value[k]!)]),
      );
    }
    default:
      return serializeCVBytes(cv);
  }
}

/** `serializePostConditionWireBytes` with the NFT asset value in byte order. */
export function serializeCanonicalPostCondition(pc: PostConditionWire): Uint8Array {
  if (pc.conditionType !== PostConditionType.NonFungible) return serializePostConditionWireBytes(pc);
  return concatBytes(
    Uint8Array.of(pc.conditionType),
    serializePrincipalBytes(pc.principal),
    serializeAssetBytes(pc.asset),
    serializeCanonicalCV(pc.assetName),
    Uint8Array.of(pc.conditionCode),
  );
}

/** `serializePayloadBytes` with Clarity values in byte order. */
export function serializeCanonicalPayload(p: PayloadWire): Uint8Array {
  if (p.payloadType !== PayloadType.ContractCall) return serializePayloadBytes(p);
  return concatBytes(
    Uint8Array.of(p.payloadType),
    serializeAddressBytes(p.contractAddress),
    serializeLPStringBytes(p.contractName),
    serializeLPStringBytes(p.functionName),
    u32be(p.functionArgs.length),
    ...p.functionArgs.map(serializeCanonicalCV),
  );
}

/** `tx.serializeBytes()` with every Clarity value in byte order. */
export function serializeCanonicalTransaction(tx: StacksTransactionWire): Uint8Array {
  return concatBytes(
    Uint8Array.of(tx.transactionVersion),
    u32be(tx.chainId),
    serializeAuthorizationBytes(tx.auth),
    Uint8Array.of(tx.anchorMode, tx.postConditionMode),
    u32be(tx.postConditions.values.length),
    ...tx.postConditions.values.map(serializeCanonicalPostCondition),
    serializeCanonicalPayload(tx.payload),
  );
}

/** True when any Clarity value of the transaction has a locale-ordered tuple. */
export function txHasLocaleTupleOrder(tx: StacksTransactionWire): boolean {
  if (tx.postConditions.values.some((pc) => pc.conditionType === PostConditionType.NonFungible && hasLocaleTupleOrder(pc.assetName))) {
    return true;
  }
  return tx.payload.payloadType === PayloadType.ContractCall && tx.payload.functionArgs.some(hasLocaleTupleOrder);
}

function pcPrincipalToJson(p: PostConditionPrincipalWire): PcPrincipalJson {
  switch (p.prefix) {
    case PostConditionPrincipalId.Origin:
      return { type: 'origin' };
    case PostConditionPrincipalId.Standard:
      return { type: 'standard', version: p.address.version, hash160: p.address.hash160.toLowerCase() };
    case PostConditionPrincipalId.Contract:
      return {
        type: 'contract',
        version: p.address.version,
        hash160: p.address.hash160.toLowerCase(),
        contractName: p.contractName.content,
      };
  }
}

/** A stacks.js post-condition (wire form) as neutral JSON. */
export function stacksPostConditionToJson(pc: PostConditionWire): PcJson {
  const principal = pcPrincipalToJson(pc.principal);
  switch (pc.conditionType) {
    case PostConditionType.STX:
      return { type: 'stx', principal, code: pc.conditionCode, amount: pc.amount.toString() };
    case PostConditionType.Fungible:
      return {
        type: 'ft',
        principal,
        asset: {
          version: pc.asset.address.version,
          hash160: pc.asset.address.hash160.toLowerCase(),
          contractName: pc.asset.contractName.content,
          assetName: pc.asset.assetName.content,
        },
        code: pc.conditionCode,
        amount: pc.amount.toString(),
      };
    case PostConditionType.NonFungible:
      return {
        type: 'nft',
        principal,
        asset: {
          version: pc.asset.address.version,
          hash160: pc.asset.address.hash160.toLowerCase(),
          contractName: pc.asset.contractName.content,
          assetName: pc.asset.assetName.content,
        },
        assetValue: stacksCvToJson(pc.assetName),
        code: pc.conditionCode,
      };
    case PostConditionType.Staking:
      return { type: 'staking', principal, code: pc.conditionCode, amount: pc.amount.toString() };
    case PostConditionType.PoX:
      return { type: 'pox', principal, code: pc.conditionCode };
  }
}

function conditionToJson(c: SpendingCondition): ConditionJson {
  if ('signature' in c) {
    return {
      kind: 'singlesig',
      hashMode: c.hashMode,
      signer: c.signer.toLowerCase(),
      nonce: c.nonce.toString(),
      fee: c.fee.toString(),
      keyEncoding: c.keyEncoding,
      signature: c.signature.data.toLowerCase(),
    };
  }
  return {
    kind: 'multisig',
    hashMode: c.hashMode,
    signer: c.signer.toLowerCase(),
    nonce: c.nonce.toString(),
    fee: c.fee.toString(),
    fields: c.fields.map((f) =>
      f.contents.type === StacksWireType.PublicKey
        ? {
            kind: 'publicKey' as const,
            compressed: f.pubKeyEncoding === 0,
            // On the wire a key is always compressed (stacks.js compresses when serializing).
            publicKey: compressPublicKey(f.contents.data).toLowerCase(),
          }
        : { kind: 'signature' as const, compressed: f.pubKeyEncoding === 0, signature: f.contents.data.toLowerCase() },
    ),
    signaturesRequired: c.signaturesRequired,
  };
}

/** A stacks.js payload as neutral JSON. */
export function stacksPayloadToJson(p: PayloadWire): PayloadJson {
  switch (p.payloadType) {
    case PayloadType.TokenTransfer:
      return {
        type: 'token-transfer',
        recipient: stacksPrincipalToJson(p.recipient),
        amount: p.amount.toString(),
        memo: bytesToHex(serializeMemoStringBytes(p.memo)),
      };
    case PayloadType.SmartContract:
      return { type: 'smart-contract', clarityVersion: null, name: p.contractName.content, code: p.codeBody.content };
    case PayloadType.VersionedSmartContract:
      return { type: 'smart-contract', clarityVersion: p.clarityVersion, name: p.contractName.content, code: p.codeBody.content };
    case PayloadType.ContractCall:
      return {
        type: 'contract-call',
        address: { version: p.contractAddress.version, hash160: p.contractAddress.hash160.toLowerCase() },
        contractName: p.contractName.content,
        functionName: p.functionName.content,
        args: p.functionArgs.map(stacksCvToJson),
      };
    case PayloadType.Coinbase:
      return { type: 'coinbase', payload: bytesToHex(p.coinbaseBytes), recipient: null, vrfProof: null };
    case PayloadType.CoinbaseToAltRecipient:
      return { type: 'coinbase', payload: bytesToHex(p.coinbaseBytes), recipient: stacksPrincipalToJson(p.recipient), vrfProof: null };
    case PayloadType.NakamotoCoinbase:
      return {
        type: 'coinbase',
        payload: bytesToHex(p.coinbaseBytes),
        recipient: p.recipient ? stacksPrincipalToJson(p.recipient) : null,
        vrfProof: bytesToHex(p.vrfProof),
      };
    case PayloadType.TenureChange:
      return {
        type: 'tenure-change',
        tenureConsensusHash: p.tenureHash.toLowerCase(),
        prevTenureConsensusHash: p.previousTenureHash.toLowerCase(),
        burnViewConsensusHash: p.burnViewHash.toLowerCase(),
        previousTenureEnd: p.previousTenureEnd.toLowerCase(),
        previousTenureBlocks: p.previousTenureBlocks,
        cause: p.cause,
        pubkeyHash: p.publicKeyHash.toLowerCase(),
      };
    case PayloadType.PoisonMicroblock:
      throw new Error('stacks.js does not serialize poison-microblock payloads (no headers)');
  }
}

/** A stacks.js transaction as neutral JSON. */
export function stacksTxToJson(tx: StacksTransactionWire): TxJson {
  return {
    version: tx.transactionVersion,
    chainId: tx.chainId,
    auth: {
      type: tx.auth.authType === AuthType.Standard ? 'standard' : 'sponsored',
      origin: conditionToJson(tx.auth.spendingCondition),
      sponsor: tx.auth.authType === AuthType.Sponsored ? conditionToJson(tx.auth.sponsorSpendingCondition) : null,
    },
    anchorMode: tx.anchorMode,
    postConditionMode: tx.postConditionMode,
    postConditions: tx.postConditions.values.map(stacksPostConditionToJson),
    payload: stacksPayloadToJson(tx.payload),
  };
}
