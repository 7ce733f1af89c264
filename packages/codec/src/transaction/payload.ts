/**
 * Transaction payloads on the wire (`TransactionPayload`): a payload id byte, then the body.
 * Decoding applies the reference's rules: contract and Clarity names checked, code bodies printable
 * ASCII, poison-microblock headers that differ and identify a fork, a principal as the alternate
 * coinbase recipient, an `optional` before the Nakamoto coinbase VRF proof, a known tenure-change
 * cause and Clarity version.
 */
import { equalBytes } from '@stacks-ts/common';
import { type ByteReader, type ByteWriter, decodeAll, encodeWith } from '../bytes.ts';
import { readClarityValue, readPrincipalValue, writeClarityValue, writePrincipalValue } from '../clarity/codec.ts';
import { readClarityName, readContractName, writeClarityName, writeContractName } from '../clarity/names.ts';
import { ClarityTypePrefix, type ClarityValue } from '../clarity/types.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { readVrfProof, writeVrfProof } from '../vrf/proof.ts';
import { readMicroblockHeader, writeMicroblockHeader, type StacksMicroblockHeader } from './microblock-header.ts';
import { readStacksAddress, writeStacksAddress } from './post-condition.ts';
import {
  COINBASE_PAYLOAD_LENGTH,
  MAX_PAYLOAD_CLARITY_VERSION,
  MEMO_LENGTH,
  PayloadType,
  TenureChangeCause,
  type TenureChangePayload,
  type TransactionPayload,
} from './types.ts';

/**
 * Most contract-call arguments the reference reads: its `Vec<Value>` decoder refuses a count whose
 * `size_of::<Value>()` (64 bytes) times the count exceeds `MAX_MESSAGE_LEN` (16,778,054 bytes).
 */
export const MAX_CONTRACT_CALL_ARGS = Math.floor(16_778_054 / 64);

const textDecoder = new TextDecoder('utf-8', { fatal: true });

function isPrintableAsciiByte(c: number): boolean {
  return (c >= 0x20 && c <= 0x7e) || c === 0x09 || c === 0x0a;
}

/** True when `s` is a valid `StacksString`: printable ASCII (0x20-0x7e), tab and newline only. */
export function isValidStacksString(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (!isPrintableAsciiByte(s.charCodeAt(i))) return false;
  }
  return true;
}

/** Reads a `StacksString` (u32 length + printable ASCII), the code body of a contract deploy. */
export function readStacksString(r: ByteReader, what = 'code body'): string {
  const len = r.readVecLength(0xffff_ffff, 1, what);
  const at = r.offset;
  const bytes = r.readBytes(len, what);
  for (let i = 0; i < bytes.length; i++) {
    if (!isPrintableAsciiByte(bytes[i]!)) {
      throw new CodecError(CodecErrorCode.InvalidString, `${what} has a non-printable or non-ASCII byte`, { offset: at + i });
    }
  }
  return textDecoder.decode(bytes);
}

/** Writes a `StacksString`; throws unless it is printable ASCII. */
export function writeStacksString(w: ByteWriter, s: string, what = 'code body'): void {
  if (!isValidStacksString(s)) throw new CodecError(CodecErrorCode.InvalidArgument, `${what} must be printable ASCII`);
  w.writeU32(s.length);
  for (let i = 0; i < s.length; i++) w.writeU8(s.charCodeAt(i));
}

const TENURE_CAUSES = new Set<number>(Object.values(TenureChangeCause));

/** Reads a tenure-change payload body. */
export function readTenureChangePayload(r: ByteReader): TenureChangePayload {
  const tenureConsensusHash = r.readBytesCopy(20, 'tenure consensus hash');
  const prevTenureConsensusHash = r.readBytesCopy(20, 'previous tenure consensus hash');
  const burnViewConsensusHash = r.readBytesCopy(20, 'burn view consensus hash');
  const previousTenureEnd = r.readBytesCopy(32, 'previous tenure end');
  const previousTenureBlocks = r.readU32('previous tenure blocks');
  const at = r.offset;
  const cause = r.readU8('tenure change cause');
  if (!TENURE_CAUSES.has(cause)) throw new CodecError(CodecErrorCode.InvalidValue, `unknown tenure change cause ${cause}`, { offset: at });
  const pubkeyHash = r.readBytesCopy(20, 'tenure pubkey hash');
  return {
    tenureConsensusHash,
    prevTenureConsensusHash,
    burnViewConsensusHash,
    previousTenureEnd,
    previousTenureBlocks,
    cause: cause as TenureChangeCause,
    pubkeyHash,
  };
}

/** Writes a tenure-change payload body. */
export function writeTenureChangePayload(w: ByteWriter, tc: TenureChangePayload): void {
  if (!TENURE_CAUSES.has(tc.cause)) throw new CodecError(CodecErrorCode.InvalidArgument, `unknown tenure change cause ${tc.cause}`);
  const blocks = tc.previousTenureBlocks;
  if (!Number.isInteger(blocks) || blocks < 0 || blocks > 0xffff_ffff) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `previous tenure blocks must be a u32, got ${blocks}`);
  }
  w.writeFixed(tc.tenureConsensusHash, 20, 'tenure consensus hash');
  w.writeFixed(tc.prevTenureConsensusHash, 20, 'previous tenure consensus hash');
  w.writeFixed(tc.burnViewConsensusHash, 20, 'burn view consensus hash');
  w.writeFixed(tc.previousTenureEnd, 32, 'previous tenure end');
  w.writeU32(blocks);
  w.writeU8(tc.cause);
  w.writeFixed(tc.pubkeyHash, 20, 'tenure pubkey hash');
}

function readClarityVersion(r: ByteReader): number {
  const at = r.offset;
  const v = r.readU8('clarity version');
  if (v < 1 || v > MAX_PAYLOAD_CLARITY_VERSION) throw new CodecError(CodecErrorCode.InvalidValue, `unknown Clarity version ${v}`, { offset: at });
  return v;
}

function sameHeader(a: StacksMicroblockHeader, b: StacksMicroblockHeader): boolean {
  return (
    a.version === b.version &&
    a.sequence === b.sequence &&
    equalBytes(a.prevBlock, b.prevBlock) &&
    equalBytes(a.txMerkleRoot, b.txMerkleRoot) &&
    equalBytes(a.signature, b.signature)
  );
}

function readFunctionArgs(r: ByteReader): ClarityValue[] {
  const n = r.readVecLength(MAX_CONTRACT_CALL_ARGS, 1, 'contract call arguments');
  const args: ClarityValue[] = [];
  for (let i = 0; i < n; i++) args.push(readClarityValue(r));
  return args;
}

/** Reads a payload (id byte and body). */
export function readTransactionPayload(r: ByteReader): TransactionPayload {
  const at = r.offset;
  const id = r.readU8('payload id');
  switch (id) {
    case PayloadType.TokenTransfer: {
      const recipient = readPrincipalValue(r);
      const amount = r.readU64('amount');
      const memo = r.readBytesCopy(MEMO_LENGTH, 'memo');
      return { type: 'tokenTransfer', recipient, amount, memo };
    }
    case PayloadType.SmartContract: {
      const contractName = readContractName(r);
      const codeBody = readStacksString(r);
      return { type: 'smartContract', contractName, codeBody };
    }
    case PayloadType.VersionedSmartContract: {
      const clarityVersion = readClarityVersion(r);
      const contractName = readContractName(r);
      const codeBody = readStacksString(r);
      return { type: 'versionedSmartContract', clarityVersion, contractName, codeBody };
    }
    case PayloadType.ContractCall: {
      const contractAddress = readStacksAddress(r);
      const contractName = readContractName(r);
      const functionName = readClarityName(r);
      const functionArgs = readFunctionArgs(r);
      return { type: 'contractCall', contractAddress, contractName, functionName, functionArgs };
    }
    case PayloadType.PoisonMicroblock: {
      const header1 = readMicroblockHeader(r);
      const header2 = readMicroblockHeader(r);
      if (sameHeader(header1, header2)) {
        throw new CodecError(CodecErrorCode.InvalidValue, 'poison microblock headers match', { offset: at });
      }
      if (header1.sequence !== header2.sequence && !equalBytes(header1.prevBlock, header2.prevBlock)) {
        throw new CodecError(CodecErrorCode.InvalidValue, 'poison microblock headers do not identify a fork', { offset: at });
      }
      return { type: 'poisonMicroblock', header1, header2 };
    }
    case PayloadType.Coinbase:
      return { type: 'coinbase', payload: r.readBytesCopy(COINBASE_PAYLOAD_LENGTH, 'coinbase payload') };
    case PayloadType.CoinbaseToAltRecipient: {
      const payload = r.readBytesCopy(COINBASE_PAYLOAD_LENGTH, 'coinbase payload');
      const vAt = r.offset;
      const v = readClarityValue(r);
      if (v.type !== 'principal') {
        throw new CodecError(CodecErrorCode.InvalidValue, 'coinbase recipient is not a principal value', { offset: vAt });
      }
      return { type: 'coinbaseToAltRecipient', payload, recipient: v.value };
    }
    case PayloadType.NakamotoCoinbase: {
      const payload = r.readBytesCopy(COINBASE_PAYLOAD_LENGTH, 'coinbase payload');
      const vAt = r.offset;
      const v = readClarityValue(r);
      if (v.type !== 'optional') {
        throw new CodecError(CodecErrorCode.InvalidValue, 'Nakamoto coinbase recipient is not an optional value', { offset: vAt });
      }
      // As the reference reads it: `(some x)` with x not a principal means no recipient.
      const recipient = v.value !== null && v.value.type === 'principal' ? v.value.value : null;
      const vrfProof = readVrfProof(r);
      return { type: 'nakamotoCoinbase', payload, recipient, vrfProof };
    }
    case PayloadType.TenureChange:
      return { type: 'tenureChange', tenureChange: readTenureChangePayload(r) };
    default:
      throw new CodecError(CodecErrorCode.BadPrefix, `unknown payload id ${id}`, { offset: at });
  }
}

/** Writes a payload (id byte and body). */
export function writeTransactionPayload(w: ByteWriter, p: TransactionPayload): void {
  switch (p.type) {
    case 'tokenTransfer':
      w.writeU8(PayloadType.TokenTransfer);
      writePrincipalValue(w, p.recipient);
      w.writeU64(p.amount);
      w.writeFixed(p.memo, MEMO_LENGTH, 'memo');
      return;
    case 'smartContract':
      w.writeU8(PayloadType.SmartContract);
      writeContractName(w, p.contractName);
      writeStacksString(w, p.codeBody);
      return;
    case 'versionedSmartContract':
      if (!Number.isInteger(p.clarityVersion) || p.clarityVersion < 1 || p.clarityVersion > MAX_PAYLOAD_CLARITY_VERSION) {
        throw new CodecError(CodecErrorCode.InvalidArgument, `unknown Clarity version ${p.clarityVersion}`);
      }
      w.writeU8(PayloadType.VersionedSmartContract);
      w.writeU8(p.clarityVersion);
      writeContractName(w, p.contractName);
      writeStacksString(w, p.codeBody);
      return;
    case 'contractCall':
      w.writeU8(PayloadType.ContractCall);
      writeStacksAddress(w, p.contractAddress);
      writeContractName(w, p.contractName);
      writeClarityName(w, p.functionName);
      w.writeU32(p.functionArgs.length);
      for (const a of p.functionArgs) writeClarityValue(w, a);
      return;
    case 'poisonMicroblock':
      w.writeU8(PayloadType.PoisonMicroblock);
      writeMicroblockHeader(w, p.header1);
      writeMicroblockHeader(w, p.header2);
      return;
    case 'coinbase':
      w.writeU8(PayloadType.Coinbase);
      w.writeFixed(p.payload, COINBASE_PAYLOAD_LENGTH, 'coinbase payload');
      return;
    case 'coinbaseToAltRecipient':
      w.writeU8(PayloadType.CoinbaseToAltRecipient);
      w.writeFixed(p.payload, COINBASE_PAYLOAD_LENGTH, 'coinbase payload');
      writePrincipalValue(w, p.recipient);
      return;
    case 'nakamotoCoinbase':
      w.writeU8(PayloadType.NakamotoCoinbase);
      w.writeFixed(p.payload, COINBASE_PAYLOAD_LENGTH, 'coinbase payload');
      if (p.recipient === null) {
        w.writeU8(ClarityTypePrefix.OptionalNone);
      } else {
        w.writeU8(ClarityTypePrefix.OptionalSome);
        writePrincipalValue(w, p.recipient);
      }
      writeVrfProof(w, p.vrfProof);
      return;
    case 'tenureChange':
      w.writeU8(PayloadType.TenureChange);
      writeTenureChangePayload(w, p.tenureChange);
      return;
    default:
      throw new CodecError(CodecErrorCode.InvalidArgument, `unknown payload ${(p as { type: unknown }).type}`);
  }
}

/** Decodes exactly one payload. */
export function decodeTransactionPayload(bytes: Uint8Array): TransactionPayload {
  return decodeAll(bytes, readTransactionPayload, 'transaction payload');
}

/** Encodes a payload. */
export function encodeTransactionPayload(p: TransactionPayload): Uint8Array {
  return encodeWith((w) => writeTransactionPayload(w, p));
}
