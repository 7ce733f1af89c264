import { type ByteReader, type ByteWriter, decodeAll, encodeWith } from '../bytes.ts';
import { readContractName, writeContractName } from '../clarity/names.ts';
import type { ContractPrincipal } from '../clarity/types.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { HASH160_ENCODED_SIZE } from '../p2p/constants.ts';
import { writeFixedBytes } from '../p2p/wire.ts';

/** Largest address version a `StacksAddress` may have (versions are 5-bit c32 values). */
const MAX_ADDRESS_VERSION = 31;

/**
 * Reads a contract id in its StackerDB p2p form: address version u8 (below 32), hash160[20],
 * then the stand-alone `ContractName` codec (u8 length 1..40, ASCII, contract-name rules).
 */
export function readContractId(r: ByteReader): ContractPrincipal {
  const at = r.offset;
  const version = r.readU8('contract address version');
  if (version > MAX_ADDRESS_VERSION) {
    throw new CodecError(CodecErrorCode.InvalidValue, `contract address version ${version} is not below 32`, { offset: at, version });
  }
  const hash160 = r.readBytesCopy(HASH160_ENCODED_SIZE, 'contract address hash160');
  const contractName = readContractName(r);
  return { type: 'contract', version, hash160, contractName };
}

/** Writes a contract id in its StackerDB p2p form. */
export function writeContractId(w: ByteWriter, c: ContractPrincipal): void {
  if (!Number.isInteger(c.version) || c.version < 0 || c.version > MAX_ADDRESS_VERSION) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `contract address version must be in 0..31, got ${String(c.version)}`);
  }
  w.writeU8(c.version);
  writeFixedBytes(w, c.hash160, HASH160_ENCODED_SIZE, 'contract address hash160');
  writeContractName(w, c.contractName);
}

/** Decodes exactly one p2p contract id. */
export function decodeContractId(bytes: Uint8Array): ContractPrincipal {
  return decodeAll(bytes, readContractId, 'contract id');
}

/** Encodes a p2p contract id. */
export function encodeContractId(c: ContractPrincipal): Uint8Array {
  return encodeWith((w) => writeContractId(w, c), 64);
}
