import { concatBytes, equalBytes } from '@stacks-ts/common';
import { sha512_256 } from '../crypto/hashes.ts';
import { parsePrivateKey, signRecoverable, verifySignature } from '../crypto/secp256k1.ts';
import { CodecError, CodecErrorCode, isCodecError } from '../errors.ts';
import { MAX_RELAYERS_LEN } from './constants.ts';
import { type StacksMessage, encodeStacksMessageBody } from './message.ts';
import type { NeighborAddress, RelayData } from './neighbor.ts';
import { EMPTY_MESSAGE_SIGNATURE, type Preamble, encodePreamble } from './preamble.ts';

/**
 * The digest a p2p message signature covers (`Preamble::sign`): SHA-512/256 of the preamble
 * serialized with a zero signature, followed by `body` (the relayers and payload bytes).
 * `preamble.payloadLen` is used as given; it must already equal `body.length`.
 */
export function stacksMessageSigningDigest(preamble: Preamble, body: Uint8Array): Uint8Array {
  return sha512_256(concatBytes(encodePreamble({ ...preamble, signature: EMPTY_MESSAGE_SIGNATURE }), body));
}

/**
 * Signs a message with a Stacks private key (32 bytes, or 33 ending in 0x01) and returns a new
 * message: `payload_len` is set to the body length and the signature to a recoverable
 * signature over `stacksMessageSigningDigest`. The sequence number is kept as given; the
 * reference's originating `sign(seq, key)` also requires no relayers, which the caller checks.
 */
export function signStacksMessage(msg: StacksMessage, privateKey: Uint8Array): StacksMessage {
  const { secretKey } = parsePrivateKey(privateKey);
  const body = encodeStacksMessageBody(msg.relayers, msg.payload);
  const unsigned: Preamble = { ...msg.preamble, payloadLen: body.length };
  const signature = signRecoverable(stacksMessageSigningDigest(unsigned, body), secretKey);
  return { preamble: { ...unsigned, signature }, relayers: msg.relayers, payload: msg.payload };
}

/**
 * Verifies a message signature against the sender's session public key (33 or 65 bytes) the
 * reference's way: recover the key (low S required) and compare. The digest is computed over the
 * message as re-encoded, with `payload_len` as carried in the preamble. Any malformed signature
 * or public key gives `false`.
 */
export function verifyStacksMessage(msg: StacksMessage, publicKey: Uint8Array): boolean {
  let body: Uint8Array;
  try {
    body = encodeStacksMessageBody(msg.relayers, msg.payload);
  } catch (err) {
    if (isCodecError(err)) return false;
    throw err;
  }
  if (body.length !== msg.preamble.payloadLen) return false;
  return verifyStacksMessageBytes(msg.preamble, body, publicKey);
}

/**
 * Verifies a signature over the raw bytes that followed a preamble (what the reference does on a
 * socket, before decoding the payload): `body` is the `payload_len` bytes of relayers and payload.
 */
export function verifyStacksMessageBytes(preamble: Preamble, body: Uint8Array, publicKey: Uint8Array): boolean {
  if (body.length !== preamble.payloadLen) return false;
  try {
    return verifySignature(stacksMessageSigningDigest(preamble, body), preamble.signature, publicKey);
  } catch (err) {
    if (isCodecError(err)) return false;
    throw err;
  }
}

/**
 * Relays a message (`StacksMessage::sign_relay`): appends `RelayData{ourAddress, previous seq}`,
 * sets our own sequence number and re-signs. Throws `CODEC_TOO_LARGE` when the message already
 * has 16 relayers and `CODEC_DUPLICATE` when `ourAddress.publicKeyHash` already relayed it.
 */
export function relayStacksMessage(msg: StacksMessage, privateKey: Uint8Array, ourSeq: number, ourAddress: NeighborAddress): StacksMessage {
  if (msg.relayers.length >= MAX_RELAYERS_LEN) {
    throw new CodecError(CodecErrorCode.TooLarge, `message already has ${msg.relayers.length} relayers`);
  }
  if (msg.relayers.some((r) => equalBytes(r.peer.publicKeyHash, ourAddress.publicKeyHash))) {
    throw new CodecError(CodecErrorCode.Duplicate, 'message was already relayed by this peer');
  }
  const relay: RelayData = { peer: ourAddress, seq: msg.preamble.seq };
  return signStacksMessage(
    { preamble: { ...msg.preamble, seq: ourSeq }, relayers: [...msg.relayers, relay], payload: msg.payload },
    privateKey,
  );
}
