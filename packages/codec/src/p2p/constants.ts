/**
 * Constants of the Stacks p2p wire format (SIP-003; stacks-common `codec/mod.rs`,
 * stackslib `net/mod.rs`, `core/mod.rs`).
 */

/** Byte length of a `PeerAddress` (IPv6, or IPv4-mapped IPv6). */
export const PEER_ADDRESS_ENCODED_SIZE = 16;

/** Byte length of a `Hash160`. */
export const HASH160_ENCODED_SIZE = 20;

/** Byte length of a `MessageSignature` (recovery id, r, s). */
export const MESSAGE_SIGNATURE_ENCODED_SIZE = 65;

/** Byte length of a `BurnchainHeaderHash`. */
export const BURNCHAIN_HEADER_HASH_ENCODED_SIZE = 32;

/** Byte length of a `ConsensusHash`. */
export const CONSENSUS_HASH_ENCODED_SIZE = 20;

/** Byte length of a `StacksBlockId` (index block hash). */
export const STACKS_BLOCK_ID_ENCODED_SIZE = 32;

/** Byte length of a `StacksPublicKeyBuffer` (a compressed secp256k1 key, not validated on decode). */
export const STACKS_PUBLIC_KEY_ENCODED_SIZE = 33;

/** Byte length of an encoded `Preamble` (`PREAMBLE_ENCODED_SIZE`). */
export const PREAMBLE_ENCODED_SIZE = 4 + 4 + 4 + 8 + 32 + 8 + 32 + 4 + 65 + 4;

/** Maximum number of relayers a message may carry (`MAX_RELAYERS_LEN`). */
export const MAX_RELAYERS_LEN = 16;

/** Byte length of an encoded `NeighborAddress`: address, port, public key hash. */
export const NEIGHBOR_ADDRESS_ENCODED_SIZE = PEER_ADDRESS_ENCODED_SIZE + 2 + HASH160_ENCODED_SIZE;

/** Byte length of an encoded `RelayData`: a `NeighborAddress` and a u32 sequence number. */
export const RELAY_DATA_ENCODED_SIZE = NEIGHBOR_ADDRESS_ENCODED_SIZE + 4;

/** Largest message payload (`MAX_PAYLOAD_LEN`, 16 MiB + 1). */
export const MAX_PAYLOAD_LEN = 1 + 16 * 1024 * 1024;

/** Upper bound (exclusive for `payload_len`) of any p2p message (`MAX_MESSAGE_LEN`). */
export const MAX_MESSAGE_LEN = MAX_PAYLOAD_LEN + PREAMBLE_ENCODED_SIZE + MAX_RELAYERS_LEN * RELAY_DATA_ENCODED_SIZE;

/** Smallest `payload_len`: an empty relayer vector (4 bytes) and a message type byte. */
export const MIN_PAYLOAD_LEN = 5;

/** Largest `payload_len` a whole message may declare (`MAX_MESSAGE_LEN - PREAMBLE_ENCODED_SIZE`). */
export const MAX_MESSAGE_PAYLOAD_LEN = MAX_MESSAGE_LEN - PREAMBLE_ENCODED_SIZE;

/** Maximum number of neighbors in a `Neighbors` message (`MAX_NEIGHBORS_DATA_LEN`). */
export const MAX_NEIGHBORS_DATA_LEN = 128;

/** Maximum number of entries in a `BlocksAvailable` / `MicroblocksAvailable` message. */
export const BLOCKS_AVAILABLE_MAX_LEN = 32;

/** Maximum number of reward cycles a `GetPoxInv` may ask about (production value; the reference's test build uses 8). */
export const GETPOXINV_MAX_BITLEN = 4096;

/** Maximum number of 2.x blocks in one `Blocks` message (`BLOCKS_PUSHED_MAX`). */
export const BLOCKS_PUSHED_MAX = 32;

/** Maximum number of Nakamoto blocks in one `NakamotoBlocks` message (`NAKAMOTO_BLOCKS_PUSHED_MAX`). */
export const NAKAMOTO_BLOCKS_PUSHED_MAX = 32;

/** Maximum number of bits of a `NakamotoInv` tenure bit vector (`BitVec<2100>`). */
export const NAKAMOTO_INV_MAX_BITLEN = 2100;

/** Maximum encoded size of the 2.x block inside one `Blocks` entry (`MAX_BLOCK_LEN`, 2 MiB). */
export const MAX_BLOCK_LEN = 2 * 1024 * 1024;

/** Maximum byte length of a `UrlString` (Clarity `MAX_STRING_LEN`). */
export const MAX_URL_STRING_LEN = 128;

/** Maximum number of StackerDB contracts a `StackerDBHandshakeAccept` can list (u8 count). */
export const STACKERDB_HANDSHAKE_MAX_CONTRACTS = 255;

/**
 * Maximum number of microblocks in one `Microblocks` message. The reference reads the vector
 * with no explicit cap but refuses `size_of::<StacksMicroblock>() * count > MAX_MESSAGE_LEN`
 * before allocating; `StacksMicroblock` is 160 bytes in the reference's memory layout.
 */
export const MICROBLOCKS_PUSHED_MAX = Math.floor(MAX_MESSAGE_LEN / 160);

/** The reference's default p2p port (`NETWORK_P2P_PORT`). */
export const NETWORK_P2P_PORT = 6265;

/**
 * Message type ids (`StacksMessageID`). Id 20 is unused; `Reserved` (255) is never valid on the
 * wire.
 */
export const StacksMessageId = {
  Handshake: 0,
  HandshakeAccept: 1,
  HandshakeReject: 2,
  GetNeighbors: 3,
  Neighbors: 4,
  GetBlocksInv: 5,
  BlocksInv: 6,
  GetPoxInv: 7,
  PoxInv: 8,
  BlocksAvailable: 9,
  MicroblocksAvailable: 10,
  Blocks: 11,
  Microblocks: 12,
  Transaction: 13,
  Nack: 14,
  Ping: 15,
  Pong: 16,
  NatPunchRequest: 17,
  NatPunchReply: 18,
  StackerDBHandshakeAccept: 19,
  StackerDBGetChunkInv: 21,
  StackerDBChunkInv: 22,
  StackerDBGetChunk: 23,
  StackerDBChunk: 24,
  StackerDBPushChunk: 25,
  GetNakamotoInv: 26,
  NakamotoInv: 27,
  NakamotoBlocks: 28,
  Reserved: 255,
} as const;
export type StacksMessageId = (typeof StacksMessageId)[keyof typeof StacksMessageId];

/** Names of the message types that can appear on the wire (every id but `Reserved`). */
export type StacksMessageName = Exclude<keyof typeof StacksMessageId, 'Reserved'>;

/** The message name of each valid wire id (20 and 255 are absent). */
export const STACKS_MESSAGE_NAME_BY_ID: ReadonlyMap<number, StacksMessageName> = new Map(
  (Object.entries(StacksMessageId) as [keyof typeof StacksMessageId, number][])
    .filter((e): e is [StacksMessageName, number] => e[0] !== 'Reserved')
    .map(([name, id]) => [id, name]),
);

/**
 * `Nack` error codes (`NackErrorCodes`). The decoder accepts any u32: unknown codes are carried
 * as they are, as in the reference.
 */
export const NackErrorCode = {
  /** A handshake is required before this request. */
  HandshakeRequired: 1,
  /** The request names a burnchain block this peer does not know. */
  NoSuchBurnchainBlock: 2,
  /** The requester exceeded this peer's bandwidth limits. */
  Throttled: 3,
  /** The request depends on a PoX fork this peer does not consider canonical. */
  InvalidPoxFork: 4,
  /** The message does not fit the current step of the protocol. */
  InvalidMessage: 5,
  /** The StackerDB is not known or configured on this peer. */
  NoSuchDB: 6,
  /** The StackerDB request names an older chunk version than this peer has. */
  StaleVersion: 7,
  /** The remote peer's burnchain view is too old. */
  StaleView: 8,
  /** The StackerDB request names a newer chunk version than this peer has. */
  FutureVersion: 9,
  /** This peer's StackerDB view is stale relative to the requested version. */
  FutureView: 10,
} as const;
export type NackErrorCode = (typeof NackErrorCode)[keyof typeof NackErrorCode];

/** Bits of `HandshakeData.services` (`ServiceFlags`). */
export const ServiceFlags = {
  /** The peer relays blocks, microblocks and transactions. */
  Relay: 0x01,
  /** The peer serves the RPC (HTTP) interface. */
  Rpc: 0x02,
  /** The peer replicates StackerDBs. */
  StackerDB: 0x04,
} as const;
export type ServiceFlags = (typeof ServiceFlags)[keyof typeof ServiceFlags];
