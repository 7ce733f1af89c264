/**
 * Stable, library-neutral JSON forms of the structures the differential tests compare, and the
 * case records of the golden file. Both sides (stacks.js in `stacks-json.ts`, our codec in
 * `ours-json.ts`) convert into these forms, so a comparison is a plain deep-equal.
 *
 * Conventions: hex is lowercase without `0x`; u64/u128/i128 are decimal strings; tuple fields are
 * `[name, value]` pairs sorted by byte order of the name (the reference's `BTreeMap` order), so the
 * form does not depend on which side built the tuple or in which order it listed the fields.
 */

/** A Clarity value. */
export type CvJson =
  | { readonly type: 'int'; readonly value: string }
  | { readonly type: 'uint'; readonly value: string }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'buffer'; readonly hex: string }
  | { readonly type: 'string-ascii'; readonly value: string }
  | { readonly type: 'string-utf8'; readonly value: string }
  | PrincipalJson
  | { readonly type: 'optional'; readonly value: CvJson | null }
  | { readonly type: 'response'; readonly ok: boolean; readonly value: CvJson }
  | { readonly type: 'list'; readonly value: readonly CvJson[] }
  | { readonly type: 'tuple'; readonly value: readonly (readonly [string, CvJson])[] };

/** A principal value; `address` is the c32 form of `version` + `hash160`. */
export type PrincipalJson = {
  readonly type: 'principal';
  readonly version: number;
  readonly hash160: string;
  readonly address: string;
  readonly contractName: string | null;
};

/** A post-condition principal. */
export type PcPrincipalJson =
  | { readonly type: 'origin' }
  | { readonly type: 'standard'; readonly version: number; readonly hash160: string }
  | { readonly type: 'contract'; readonly version: number; readonly hash160: string; readonly contractName: string };

/** An asset id (`AssetInfo`). */
export type AssetJson = {
  readonly version: number;
  readonly hash160: string;
  readonly contractName: string;
  readonly assetName: string;
};

/** A post-condition. `code` is the wire byte of the comparator. */
export type PcJson =
  | { readonly type: 'stx'; readonly principal: PcPrincipalJson; readonly code: number; readonly amount: string }
  | {
      readonly type: 'ft';
      readonly principal: PcPrincipalJson;
      readonly asset: AssetJson;
      readonly code: number;
      readonly amount: string;
    }
  | {
      readonly type: 'nft';
      readonly principal: PcPrincipalJson;
      readonly asset: AssetJson;
      readonly assetValue: CvJson;
      readonly code: number;
    }
  | { readonly type: 'staking'; readonly principal: PcPrincipalJson; readonly code: number; readonly amount: string }
  | { readonly type: 'pox'; readonly principal: PcPrincipalJson; readonly code: number };

/** A multisig auth field. Public keys are always the 33-byte compressed form, as on the wire. */
export type AuthFieldJson =
  | { readonly kind: 'publicKey'; readonly compressed: boolean; readonly publicKey: string }
  | { readonly kind: 'signature'; readonly compressed: boolean; readonly signature: string };

/** A spending condition. */
export type ConditionJson =
  | {
      readonly kind: 'singlesig';
      readonly hashMode: number;
      readonly signer: string;
      readonly nonce: string;
      readonly fee: string;
      readonly keyEncoding: number;
      readonly signature: string;
    }
  | {
      readonly kind: 'multisig';
      readonly hashMode: number;
      readonly signer: string;
      readonly nonce: string;
      readonly fee: string;
      readonly fields: readonly AuthFieldJson[];
      readonly signaturesRequired: number;
    };

/** A transaction payload. The three coinbase wire forms are one variant, as in the reference. */
export type PayloadJson =
  | { readonly type: 'token-transfer'; readonly recipient: PrincipalJson; readonly amount: string; readonly memo: string }
  | { readonly type: 'smart-contract'; readonly clarityVersion: number | null; readonly name: string; readonly code: string }
  | {
      readonly type: 'contract-call';
      readonly address: { readonly version: number; readonly hash160: string };
      readonly contractName: string;
      readonly functionName: string;
      readonly args: readonly CvJson[];
    }
  | {
      readonly type: 'coinbase';
      readonly payload: string;
      readonly recipient: PrincipalJson | null;
      readonly vrfProof: string | null;
    }
  | {
      readonly type: 'tenure-change';
      readonly tenureConsensusHash: string;
      readonly prevTenureConsensusHash: string;
      readonly burnViewConsensusHash: string;
      readonly previousTenureEnd: string;
      readonly previousTenureBlocks: number;
      readonly cause: number;
      readonly pubkeyHash: string;
    };

/** A whole transaction. */
export type TxJson = {
  readonly version: number;
  readonly chainId: number;
  readonly auth: { readonly type: 'standard' | 'sponsored'; readonly origin: ConditionJson; readonly sponsor: ConditionJson | null };
  readonly anchorMode: number;
  readonly postConditionMode: number;
  readonly postConditions: readonly PcJson[];
  readonly payload: PayloadJson;
};

/** Who is expected to have signed one spending condition. */
export type SignerJson = {
  readonly hashMode: number;
  /** The condition's signer hash160, computed by stacks.js from the public keys. */
  readonly hash160: string;
  /** The c32 address of the signer for the transaction's network. */
  readonly address: string;
  readonly signaturesRequired: number;
  /** Every public key of the condition, in field order, in the encoding that was hashed. */
  readonly publicKeys: readonly string[];
  /** Indexes into `publicKeys` of the keys that signed (the keys the signatures recover). */
  readonly signing: readonly number[];
  /**
   * The signing keys' private keys (throwaway keys from the seeded generator; 33 bytes ending in 01
   * for compressed keys), in the order of `signing`: lets our signer reproduce the transaction.
   */
  readonly privateKeys: readonly string[];
};

/** One generated transaction. */
export type TxCase = {
  readonly kind: 'tx';
  readonly id: string;
  readonly tags: readonly string[];
  /** Bytes as serialized by stacks.js. */
  readonly hex: string;
  /** stacks.js `txid()`. */
  readonly txid: string;
  /** stacks.js's transaction, in the neutral form (tuples in byte order). */
  readonly tx: TxJson;
  readonly signers: { readonly origin: SignerJson; readonly sponsor: SignerJson | null };
  /**
   * Present when stacks.js wrote some tuple's fields in locale order that differs from byte order:
   * the bytes the reference writes for the same transaction (fields in byte order). The reference
   * computes txids and sighashes over its own re-serialization, so for such a transaction the
   * reference's txid is SHA-512/256 of these bytes and stacks.js's signatures do not verify.
   */
  readonly canonicalHex?: string;
};

/** One generated Clarity value. */
export type ClarityCase = {
  readonly kind: 'clarity';
  readonly id: string;
  readonly tags: readonly string[];
  /** Bytes as serialized by stacks.js (`serializeCV`). */
  readonly hex: string;
  readonly value: CvJson;
  /** Present when stacks.js's locale tuple order differs from byte order: the reference's bytes. */
  readonly canonicalHex?: string;
};

/** One generated post-condition. */
export type PostConditionCase = {
  readonly kind: 'postcondition';
  readonly id: string;
  readonly tags: readonly string[];
  readonly hex: string;
  readonly value: PcJson;
  readonly canonicalHex?: string;
};

/** One generated address (c32), optionally derived from public keys under a hash mode. */
export type AddressCase = {
  readonly kind: 'address';
  readonly id: string;
  readonly tags: readonly string[];
  readonly address: string;
  readonly version: number;
  readonly hash160: string;
  /** When derived from keys: stacks.js `addressFromPublicKeys` inputs. */
  readonly derivation: { readonly hashMode: number; readonly signaturesRequired: number; readonly publicKeys: readonly string[] } | null;
};

/** Any golden case. */
export type DiffCase = TxCase | ClarityCase | PostConditionCase | AddressCase;

/** The golden file. */
export type GoldenFile = {
  readonly generator: string;
  readonly library: string;
  readonly seed: number;
  readonly count: number;
  readonly countsByKind: Readonly<Record<string, number>>;
  readonly cases: readonly DiffCase[];
};

/** Sorts tuple pairs by byte order of their (ASCII) names. */
export function sortTupleFields<T>(pairs: (readonly [string, T])[]): (readonly [string, T])[] {
  return pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Deep-equality of two JSON-able values, with a path to the first difference (or null). */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${path}: ${JSON.stringify(a)} !== ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return `${path}: length ${a.length} !== ${bb.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], bb[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of [...keys].sort()) {
    const d = firstDifference(ao[k], bo[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}
