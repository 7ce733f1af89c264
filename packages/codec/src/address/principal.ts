/**
 * Principals as strings (`PrincipalData::parse` and `Display` in `clarity-types/src/types/mod.rs`):
 * `SP…` for a standard principal, `SP….contract-name` for a contract principal.
 */
import { CodecError, CodecErrorCode } from '../errors.ts';
import type { PrincipalData } from '../clarity/types.ts';
import { isValidContractName } from '../clarity/names.ts';
import { c32addressDecode, c32addressEncode } from './c32.ts';

/** `SP…` or `SP….contract-name`. */
export function principalToString(p: PrincipalData): string {
  const address = c32addressEncode(p.version, p.hash160);
  return p.type === 'contract' ? `${address}.${p.contractName}` : address;
}

/**
 * Parses `SP…` or `SP….contract-name` (one leading `'` is allowed, as in Clarity literals). The
 * address follows `c32addressDecode` (reference rules: the first character is not checked); the
 * contract name, everything after the first `.`, must pass `isValidContractName`. Throws
 * `CODEC_INVALID_ADDRESS` for a bad address and `CODEC_INVALID_NAME` for a bad contract name.
 */
export function parsePrincipal(s: string): PrincipalData {
  if (typeof s !== 'string') throw new CodecError(CodecErrorCode.InvalidAddress, 'principal must be a string');
  const literal = s.startsWith("'") ? s.slice(1) : s;
  const dot = literal.indexOf('.');
  if (dot < 0) {
    const { version, hash160 } = c32addressDecode(literal);
    return { type: 'standard', version, hash160 };
  }
  const { version, hash160 } = c32addressDecode(literal.slice(0, dot));
  const contractName = literal.slice(dot + 1);
  if (!isValidContractName(contractName)) {
    throw new CodecError(CodecErrorCode.InvalidName, 'invalid contract name in principal', { contractName });
  }
  return { type: 'contract', version, hash160, contractName };
}
