/**
 * Spending conditions and transaction auth on the wire (`TransactionSpendingCondition`,
 * `TransactionAuth` in stacks-codec/src/transaction.rs), with every decode-time rule of the
 * reference: known hash modes and key encodings, P2WPKH/P2WSH only with compressed keys, public
 * keys that are curve points, and the multisig signature count (exactly `signaturesRequired` for
 * sequential multisig, at least that many for order-independent multisig).
 */
import { type ByteReader, type ByteWriter, decodeAll, encodeWith } from '../bytes.ts';
import { isValidPublicKey } from '../crypto/secp256k1.ts';
import { CodecError, CodecErrorCode } from '../errors.ts';
import {
  AuthFieldId,
  AuthType,
  MultisigHashMode,
  PublicKeyEncoding,
  SIGNATURE_LENGTH,
  SinglesigHashMode,
  type MultisigSpendingCondition,
  type SinglesigSpendingCondition,
  type TransactionAuth,
  type TransactionAuthField,
  type TransactionSpendingCondition,
  isOrderIndependentHashMode,
} from './types.ts';

/** Options of the transaction and spending-condition decoders. */
export interface TransactionDecodeOptions {
  /**
   * Accept multisig conditions that do not yet carry the required number of signatures (a
   * partially signed transaction passed between co-signers). The reference rejects them, so
   * leave this off for anything consensus-related. Default false.
   */
  readonly allowIncompleteMultisig?: boolean;
}

const SMALLEST_AUTH_FIELD = 1 + 33;

function isSinglesigHashMode(b: number): b is SinglesigHashMode {
  return b === SinglesigHashMode.P2PKH || b === SinglesigHashMode.P2WPKH;
}

function isMultisigHashMode(b: number): b is MultisigHashMode {
  return b === MultisigHashMode.P2SH || b === MultisigHashMode.P2WSH || isOrderIndependentHashMode(b);
}

/** True for the segwit-style hash modes that forbid uncompressed keys (P2WPKH, P2WSH and its order-independent form). */
export function requiresCompressedKeys(hashMode: number): boolean {
  return (
    hashMode === SinglesigHashMode.P2WPKH ||
    hashMode === MultisigHashMode.P2WSH ||
    hashMode === MultisigHashMode.OrderIndependentP2WSH
  );
}

function readKeyEncoding(r: ByteReader): PublicKeyEncoding {
  const at = r.offset;
  const b = r.readU8('key encoding');
  if (b !== PublicKeyEncoding.Compressed && b !== PublicKeyEncoding.Uncompressed) {
    throw new CodecError(CodecErrorCode.InvalidValue, `unknown key encoding ${b}`, { offset: at });
  }
  return b;
}

/** Reads one multisig auth field (public key or signature). */
export function readAuthField(r: ByteReader): TransactionAuthField {
  const at = r.offset;
  const id = r.readU8('auth field id');
  switch (id) {
    case AuthFieldId.PublicKeyCompressed:
    case AuthFieldId.PublicKeyUncompressed: {
      const keyAt = r.offset;
      const publicKey = r.readBytesCopy(33, 'auth field public key');
      if (!isValidPublicKey(publicKey)) {
        throw new CodecError(CodecErrorCode.InvalidPublicKey, 'auth field public key is not a valid compressed secp256k1 key', {
          offset: keyAt,
        });
      }
      const keyEncoding = id === AuthFieldId.PublicKeyCompressed ? PublicKeyEncoding.Compressed : PublicKeyEncoding.Uncompressed;
      return { type: 'publicKey', keyEncoding, publicKey };
    }
    case AuthFieldId.SignatureCompressed:
    case AuthFieldId.SignatureUncompressed: {
      const signature = r.readBytesCopy(SIGNATURE_LENGTH, 'auth field signature');
      const keyEncoding = id === AuthFieldId.SignatureCompressed ? PublicKeyEncoding.Compressed : PublicKeyEncoding.Uncompressed;
      return { type: 'signature', keyEncoding, signature };
    }
    default:
      throw new CodecError(CodecErrorCode.BadPrefix, `unknown auth field id ${id}`, { offset: at });
  }
}

function checkEncoding(e: number, what: string): void {
  if (e !== PublicKeyEncoding.Compressed && e !== PublicKeyEncoding.Uncompressed) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `${what}: unknown key encoding ${e}`);
  }
}

/** Writes one multisig auth field. A public key is written in its 33-byte compressed form. */
export function writeAuthField(w: ByteWriter, f: TransactionAuthField): void {
  checkEncoding(f.keyEncoding, 'auth field');
  const compressed = f.keyEncoding === PublicKeyEncoding.Compressed;
  if (f.type === 'publicKey') {
    w.writeU8(compressed ? AuthFieldId.PublicKeyCompressed : AuthFieldId.PublicKeyUncompressed);
    w.writeFixed(f.publicKey, 33, 'auth field public key (compressed form)');
  } else {
    w.writeU8(compressed ? AuthFieldId.SignatureCompressed : AuthFieldId.SignatureUncompressed);
    w.writeFixed(f.signature, SIGNATURE_LENGTH, 'auth field signature');
  }
}

function readSinglesig(r: ByteReader, hashMode: SinglesigHashMode, start: number): SinglesigSpendingCondition {
  const signer = r.readBytesCopy(20, 'signer hash');
  const nonce = r.readU64('nonce');
  const txFee = r.readU64('tx fee');
  const keyEncoding = readKeyEncoding(r);
  const signature = r.readBytesCopy(SIGNATURE_LENGTH, 'signature');
  if (hashMode === SinglesigHashMode.P2WPKH && keyEncoding !== PublicKeyEncoding.Compressed) {
    throw new CodecError(CodecErrorCode.InvalidAuth, 'P2WPKH spending condition with an uncompressed key', { offset: start });
  }
  return { type: 'singlesig', hashMode, signer, nonce, txFee, keyEncoding, signature };
}

function readMultisig(
  r: ByteReader,
  hashMode: MultisigHashMode,
  start: number,
  opts: TransactionDecodeOptions | undefined,
): MultisigSpendingCondition {
  const signer = r.readBytesCopy(20, 'signer hash');
  const nonce = r.readU64('nonce');
  const txFee = r.readU64('tx fee');
  const count = r.readVecLength(0xffff_ffff, SMALLEST_AUTH_FIELD, 'auth fields');
  const fields: TransactionAuthField[] = [];
  for (let i = 0; i < count; i++) fields.push(readAuthField(r));
  const signaturesRequired = r.readU16('signatures required');

  let signatures = 0;
  let uncompressed = false;
  for (const f of fields) {
    if (f.type === 'signature') signatures++;
    if (f.keyEncoding === PublicKeyEncoding.Uncompressed) uncompressed = true;
  }
  if (!opts?.allowIncompleteMultisig) {
    if (isOrderIndependentHashMode(hashMode)) {
      if (signatures < signaturesRequired) {
        throw new CodecError(
          CodecErrorCode.InvalidAuth,
          `order-independent multisig has ${signatures} signatures, needs at least ${signaturesRequired}`,
          { offset: start },
        );
      }
    } else if (signatures !== signaturesRequired) {
      throw new CodecError(CodecErrorCode.InvalidAuth, `multisig has ${signatures} signatures, needs exactly ${signaturesRequired}`, {
        offset: start,
      });
    }
  }
  if (uncompressed && requiresCompressedKeys(hashMode)) {
    throw new CodecError(CodecErrorCode.InvalidAuth, 'P2WSH spending condition with an uncompressed key', { offset: start });
  }
  return { type: 'multisig', hashMode, signer, nonce, txFee, fields, signaturesRequired };
}

/** Reads a spending condition; the hash-mode byte selects single-sig or multisig. */
export function readSpendingCondition(r: ByteReader, opts?: TransactionDecodeOptions): TransactionSpendingCondition {
  const start = r.offset;
  const hashMode = r.readU8('hash mode');
  if (isSinglesigHashMode(hashMode)) return readSinglesig(r, hashMode, start);
  if (isMultisigHashMode(hashMode)) return readMultisig(r, hashMode, start, opts);
  throw new CodecError(CodecErrorCode.BadPrefix, `unknown spending condition hash mode ${hashMode}`, { offset: start });
}

/** Writes a spending condition. Any values that fit the wire are written, signed or not. */
export function writeSpendingCondition(w: ByteWriter, c: TransactionSpendingCondition): void {
  if (c.type === 'singlesig') {
    if (!isSinglesigHashMode(c.hashMode)) {
      throw new CodecError(CodecErrorCode.InvalidArgument, `not a single-sig hash mode: ${c.hashMode}`);
    }
    checkEncoding(c.keyEncoding, 'spending condition');
    w.writeU8(c.hashMode);
    w.writeFixed(c.signer, 20, 'signer hash');
    w.writeU64(c.nonce).writeU64(c.txFee);
    w.writeU8(c.keyEncoding);
    w.writeFixed(c.signature, SIGNATURE_LENGTH, 'signature');
    return;
  }
  if (!isMultisigHashMode(c.hashMode)) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `not a multisig hash mode: ${c.hashMode}`);
  }
  if (!Number.isInteger(c.signaturesRequired) || c.signaturesRequired < 0 || c.signaturesRequired > 0xffff) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `signatures required must be a u16, got ${c.signaturesRequired}`);
  }
  w.writeU8(c.hashMode);
  w.writeFixed(c.signer, 20, 'signer hash');
  w.writeU64(c.nonce).writeU64(c.txFee);
  w.writeU32(c.fields.length);
  for (const f of c.fields) writeAuthField(w, f);
  w.writeU16(c.signaturesRequired);
}

/** Decodes exactly one spending condition. */
export function decodeSpendingCondition(bytes: Uint8Array, opts?: TransactionDecodeOptions): TransactionSpendingCondition {
  return decodeAll(bytes, (r) => readSpendingCondition(r, opts), 'spending condition');
}

/** Encodes a spending condition. */
export function encodeSpendingCondition(c: TransactionSpendingCondition): Uint8Array {
  return encodeWith((w) => writeSpendingCondition(w, c), 128);
}

/** Reads transaction auth: flag 0x04 (standard) or 0x05 (sponsored), then the condition(s). */
export function readTransactionAuth(r: ByteReader, opts?: TransactionDecodeOptions): TransactionAuth {
  const at = r.offset;
  const flag = r.readU8('auth flag');
  if (flag === AuthType.Standard) return { type: 'standard', origin: readSpendingCondition(r, opts) };
  if (flag === AuthType.Sponsored) {
    const origin = readSpendingCondition(r, opts);
    const sponsor = readSpendingCondition(r, opts);
    return { type: 'sponsored', origin, sponsor };
  }
  throw new CodecError(CodecErrorCode.BadPrefix, `unknown auth flag ${flag}`, { offset: at });
}

/** Writes transaction auth. */
export function writeTransactionAuth(w: ByteWriter, auth: TransactionAuth): void {
  if (auth.type === 'standard') {
    w.writeU8(AuthType.Standard);
    writeSpendingCondition(w, auth.origin);
  } else {
    w.writeU8(AuthType.Sponsored);
    writeSpendingCondition(w, auth.origin);
    writeSpendingCondition(w, auth.sponsor);
  }
}
