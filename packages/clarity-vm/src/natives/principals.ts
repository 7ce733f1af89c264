/**
 * Principal functions of Clarity 2 (clarity/src/vm/functions/principals.rs): `is-standard`,
 * `principal-destruct?` and `principal-construct?`. Their results depend on the network: an
 * address version "matches" when it is a singlesig or multisig version of the network the chain
 * runs on.
 */
import { type ClarityValue, type PrincipalData, type TupleCV, isValidContractName } from '@stacks-ts/codec';
import { AddressVersion } from '@stacks-ts/common';
import { boolValue } from './arithmetic.ts';
import { expectArgCount, expectArgsAtLeast, expectArgsAtMost, typeValueError } from './check.ts';
import type { NativeContext } from './context.ts';
import { NONE, errValue, okValue, someValue } from './value-types.ts';

/** `PrincipalConstructErrorCode`: the `error_code` of a failed `principal-construct?`. */
export const PrincipalConstructErrorCode = {
  VersionByte: 0,
  BufferLength: 1,
  ContractName: 2,
} as const;
export type PrincipalConstructErrorCode = (typeof PrincipalConstructErrorCode)[keyof typeof PrincipalConstructErrorCode];

/** True when an address version belongs to the network the chain runs on. */
export function versionMatchesNetwork(version: number, mainnet: boolean): boolean {
  return mainnet
    ? version === AddressVersion.MainnetSingleSig || version === AddressVersion.MainnetMultiSig
    : version === AddressVersion.TestnetSingleSig || version === AddressVersion.TestnetMultiSig;
}

/** `(is-standard p)`: true when the principal's address version belongs to this network. */
export function isStandard(args: readonly ClarityValue[], ctx: NativeContext): ClarityValue {
  expectArgCount(args, 1);
  const p = args[0]!;
  if (p.type !== 'principal') throw typeValueError('principal', p);
  return boolValue(versionMatchesNetwork(p.value.version, ctx.mainnet));
}

function destructTuple(p: PrincipalData): TupleCV {
  return {
    type: 'tuple',
    value: {
      version: { type: 'buffer', value: Uint8Array.of(p.version) },
      'hash-bytes': { type: 'buffer', value: p.hash160.slice() },
      name: p.type === 'contract' ? { type: 'optional', value: { type: 'string-ascii', value: p.contractName } } : NONE,
    },
  };
}

/**
 * `(principal-destruct? p)`: `{version, hash-bytes, name}`, in `ok` when the version belongs to
 * this network and in `err` otherwise.
 */
export function principalDestruct(args: readonly ClarityValue[], ctx: NativeContext): ClarityValue {
  expectArgCount(args, 1);
  const p = args[0]!;
  if (p.type !== 'principal') throw typeValueError('principal', p);
  const tuple = destructTuple(p.value);
  return { type: 'response', ok: versionMatchesNetwork(p.value.version, ctx.mainnet), value: tuple };
}

function constructError(code: PrincipalConstructErrorCode, value: ClarityValue | null): ClarityValue {
  return errValue({
    type: 'tuple',
    value: {
      error_code: { type: 'uint', value: BigInt(code) },
      value: value === null ? NONE : someValue(value),
    },
  });
}

/**
 * `(principal-construct? version hash-bytes [name])`: `(ok principal)` when the version belongs to
 * this network; `(err {error_code: u0, value: (some principal)})` when it is a valid version of
 * another network; `(err {error_code: u1, value: none})` for an empty version buffer, a version of
 * 32 or more, or fewer than 20 hash bytes; `(err {error_code: u2, value: none})` for an invalid
 * contract name.
 */
export function principalConstruct(args: readonly ClarityValue[], ctx: NativeContext): ClarityValue {
  expectArgsAtLeast(args, 2);
  expectArgsAtMost(args, 3);
  const [version, hashBytes, name] = args as [ClarityValue, ClarityValue, ClarityValue | undefined];
  if (version.type !== 'buffer' || version.value.length > 1) throw typeValueError('(buff 1)', version);
  if (version.value.length === 0) return constructError(PrincipalConstructErrorCode.BufferLength, null);
  const versionByte = version.value[0]!;
  if (versionByte >= 32) return constructError(PrincipalConstructErrorCode.BufferLength, null);
  if (hashBytes.type !== 'buffer' || hashBytes.value.length > 20) throw typeValueError('(buff 20)', hashBytes);
  if (hashBytes.value.length < 20) return constructError(PrincipalConstructErrorCode.BufferLength, null);
  const hash160 = hashBytes.value.slice();
  let principal: PrincipalData;
  if (name !== undefined) {
    if (name.type !== 'string-ascii' || name.value.length > 40) throw typeValueError('(string-ascii 40)', name);
    if (name.value.length < 1 || !isValidContractName(name.value)) {
      return constructError(PrincipalConstructErrorCode.ContractName, null);
    }
    principal = { type: 'contract', version: versionByte, hash160, contractName: name.value };
  } else {
    principal = { type: 'standard', version: versionByte, hash160 };
  }
  const value: ClarityValue = { type: 'principal', value: principal };
  if (versionMatchesNetwork(versionByte, ctx.mainnet)) return okValue(value);
  return constructError(PrincipalConstructErrorCode.VersionByte, value);
}
