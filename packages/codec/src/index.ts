// Public API of @stacks-ts/codec. Re-exports by name only (no `export *`).
export { CodecError, CodecErrorCode, isCodecError } from './errors.ts';
export { ByteReader, ByteWriter, decodeAll, encodeWith } from './bytes.ts';
export type { HashBackend } from './crypto/hashes.ts';
export {
  nobleHashBackend,
  createNodeHashBackend,
  setHashBackend,
  getHashBackend,
  sha256,
  doubleSha256,
  sha512_256,
  ripemd160,
  hash160,
} from './crypto/hashes.ts';
export type {
  ClarityValue,
  IntCV,
  UIntCV,
  BoolCV,
  BufferCV,
  StringAsciiCV,
  StringUtf8CV,
  PrincipalCV,
  OptionalCV,
  ResponseCV,
  ListCV,
  TupleCV,
  PrincipalData,
  StandardPrincipal,
  ContractPrincipal,
} from './clarity/types.ts';
export { ClarityTypePrefix, MAX_VALUE_SIZE, MAX_TYPE_DEPTH } from './clarity/types.ts';

// <crypto-address>
// </crypto-address>

// <clarity>
// </clarity>

// <transaction>
// </transaction>

// <vrf>
// </vrf>

// <block>
// </block>

// <p2p-stackerdb>
// </p2p-stackerdb>
