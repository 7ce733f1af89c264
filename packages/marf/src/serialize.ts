/**
 * The storage format of one block's trie (a "trie blob"). Not consensus: only this package reads
 * it. Nodes are addressed by their byte offset in the blob; a back-pointer names the trie that
 * holds its child by that trie's storage local id (`TrieRecord.localId`) and gives the child's
 * offset inside that trie's blob.
 *
 * Layout (integers big-endian), version 3:
 * ```
 * blob   = header || record*
 * header = magic 'M' (0x4d) || version (3) || root offset u32 || root record length u16
 *          || root node hash[32] || n u8 || ancestor local id u32 * n
 * record = length u16 || crc32 u32 || (full node | delta node)
 * full   = hash[32] || type u8 || path_len u8 || path || body
 *   leaf        : value[40]
 *   Node4/16/48 : n u8 (slots stored, a prefix of the node's slots) || slot * n
 *   Node256     : n u16 (non-empty slots) || slot * n            (a slot's position is its chr)
 *   slot        = id u8 || chr u8 || ptr u32 || back_block u32   (a back-pointer: id has the 0x80 bit)
 *               | id u8 || chr u8 || ptr u32 || child_hash[32]  (a child in the same trie)
 *               | 0 u8 || chr u8 || 0 u32                        (an empty slot below Node4/16/48's count)
 * delta  = hash[32] || 0x40 | type u8 || base_local_id u32 || base_ptr u32 || n u16 || (index u8 || slot) * n
 * ```
 * Every record starts with its own length (header included, at most `MAX_NODE_RECORD_LENGTH`)
 * and the CRC-32 of the rest, so one node can be read and checked at its offset without the rest
 * of the blob (`decodeNodeRecord`), as the reference seeks to a node in its trie file. A slot of a
 * child in the same trie carries that child's hash, so the hashes of all children of a node (what a
 * proof needs for every node on its path) come from the node's own record
 * (`decodeNodeRecordChildHashes`; a back-pointed child's hash is its trie's block id, an empty
 * slot's is `EMPTY_TRIE_HASH`) instead of one read per child. The header gives what proofs need of
 * a trie besides its nodes, so it is read once instead of computed by lookups: the root node's hash
 * before the skip-list is mixed in, and the local ids of the tries at heights h - 2^k
 * (k = 0, 1, ...; their root hashes are the skip-list); and the root record's length, so the root
 * is read in one read of its own size. Versions 1 (no record header) and 2 (no child hashes, a
 * 6-byte header) are refused with `MARF_CORRUPTION`.
 *
 * A delta record stores a node that was copied forward from a committed node (the base) as the
 * slots that differ from the base's copy (`copyNodeForward(base)`: the same path and type, every
 * inline child of the base turned into a back-pointer into the base's trie), like the reference's
 * patch nodes. This writer stores a node in full again after `WRITE_DELTA_DEPTH` deltas; readers
 * accept chains of up to `MAX_DELTA_DEPTH` (what earlier versions wrote). Children are written
 * before their parents, so a decoder never looks forward. Node48's chr index is rebuilt on decode. The stored hash of the root is the trie's final root
 * hash (with the ancestor skip-list), as in the reference.
 */
import zlib from 'node:zlib';
import { MarfError, MarfErrorCode } from './errors.ts';
import {
  BACKPTR_BIT,
  MARF_VALUE_LENGTH,
  TRIE_HASH_LENGTH,
  TrieNodeId,
  copyNodeForward,
  createInteriorNode,
  forwardNodeInPlace,
  createLeaf,
  type InteriorNodeId,
  type TrieNode,
} from './node.ts';

/** First byte of every trie blob. */
export const TRIE_BLOB_MAGIC = 0x4d;
/** Version of the trie blob layout (3: records carry their length, CRC-32 and same-trie children's hashes). */
export const TRIE_BLOB_VERSION = 3;
/** Size of the fixed part of the blob header (magic, version, root offset and length, root node hash, ancestor count). */
export const TRIE_BLOB_HEADER_LENGTH = 41;
/** Longest blob header: the fixed part and 32 ancestor local ids. */
export const MAX_TRIE_BLOB_HEADER_LENGTH = TRIE_BLOB_HEADER_LENGTH + 32 * 4;
/** Size of a record's header (length u16, CRC-32 u32). */
export const NODE_RECORD_HEADER_LENGTH = 6;
/** Bytes of a stored slot of a child in the same trie (id, chr, ptr, child hash). */
const INLINE_SLOT_LENGTH = 6 + TRIE_HASH_LENGTH;
/** Longest record: a delta Node256 that rewrites all 256 slots (index byte and slot each). */
export const MAX_NODE_RECORD_LENGTH = NODE_RECORD_HEADER_LENGTH + TRIE_HASH_LENGTH + 1 + 10 + 256 * (1 + INLINE_SLOT_LENGTH);
/** Shortest record: a header, a hash, a type and one more byte. */
const MIN_NODE_RECORD_LENGTH = NODE_RECORD_HEADER_LENGTH + TRIE_HASH_LENGTH + 2;
/** Longest chain of delta records behind a stored node (a reader refuses longer ones). */
export const MAX_DELTA_DEPTH = 4;
/**
 * Longest chain of delta records this writer makes: a node is stored in full again after two
 * deltas. Reading a delta reads its bases too, so shorter chains make reads of old versions
 * (proofs, lookups with a cold cache) cheaper for a bigger file: against a limit of 4, at 1M keys
 * over 1,000 blocks, about 20% more bytes for 10-15% faster proofs and 25% faster cold lookups.
 * Files written with chains of up to `MAX_DELTA_DEPTH` read the same.
 */
export const WRITE_DELTA_DEPTH = 2;
/** Smallest full node body (bytes) worth storing as a delta. */
const MIN_DELTA_SAVING = 128;
/** Flag of a delta record's type byte. */
const DELTA_FLAG = 0x40;

/** Reads a node of another committed trie (the base of a delta record, of type `id`). */
export type BaseNodeReader = (localId: number, ptr: number, id?: number) => TrieNode;

/** A committed trie's whole blob with its decoded-node cache (nodes are decoded on first use). */
export interface TrieBlobView {
  /** Storage local id of the trie. */
  readonly localId: number;
  /** The blob (never written to). */
  readonly blob: Uint8Array;
  /** Offset of the root node. */
  readonly rootPtr: number;
  /** Decoded nodes by offset. */
  readonly nodes: Map<number, TrieNode>;
  /** Where the bases of delta records are read from. */
  readonly readBase: BaseNodeReader;
}

const noBases: BaseNodeReader = (localId, ptr) => {
  throw new MarfError(MarfErrorCode.Corruption, `delta record with no base reader (base ${localId}:${ptr})`);
};

type Crc32 = (data: Uint8Array) => number;

// CRC-32 (IEEE), native where this Node has it (`zlib.crc32`, Node 20.15 / 22.2), in JS otherwise.
const crc32: Crc32 = (() => {
  const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  if (typeof native === 'function') return (data) => native(data, 0) >>> 0;
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = (c & 1) !== 0 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return (data) => {
    let c = 0xffffffff;
    for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
})();

/** What a trie blob's header says (see the layout above). */
export interface TrieBlobHeader {
  /** Offset of the root node's record. */
  readonly rootPtr: number;
  /** Length of the root node's record. */
  readonly rootLength: number;
  /** The root node's hash before the ancestor skip-list is mixed in. */
  readonly rootNodeHash: Uint8Array;
  /** Local ids of the tries at heights h - 1, h - 2, h - 4, ... below this trie's height h. */
  readonly ancestorLocalIds: readonly number[];
}

/** What `layOutTrie` writes into the header besides the root's place (zeros and none by default). */
export interface TrieBlobHeaderInput {
  readonly rootNodeHash: Uint8Array;
  readonly ancestorLocalIds: readonly number[];
}

/**
 * The whole header from the first bytes of trie `localId`'s blob (up to
 * `MAX_TRIE_BLOB_HEADER_LENGTH` of them; `blobLength`, when known, bounds the root). A copy.
 * Throws `MARF_CORRUPTION` for a foreign, old or cut header.
 */
export function decodeTrieBlobHeader(bytes: Uint8Array, localId: number, blobLength = Number.MAX_SAFE_INTEGER): TrieBlobHeader {
  const rootPtr = readTrieBlobHeader(bytes, localId, blobLength);
  const rootLength = (bytes[6]! << 8) | bytes[7]!;
  const n = bytes[TRIE_BLOB_HEADER_LENGTH - 1]!;
  const end = TRIE_BLOB_HEADER_LENGTH + n * 4;
  if (n > 32 || bytes.length < end || rootPtr < end || rootLength < MIN_NODE_RECORD_LENGTH || rootPtr + rootLength > blobLength) {
    throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: bad blob header`, { localId });
  }
  const ancestorLocalIds: number[] = [];
  for (let k = 0; k < n; k++) ancestorLocalIds.push(readU32(bytes, TRIE_BLOB_HEADER_LENGTH + k * 4));
  return { rootPtr, rootLength, rootNodeHash: bytes.slice(8, 8 + TRIE_HASH_LENGTH), ancestorLocalIds };
}

/**
 * The root offset from the first `TRIE_BLOB_HEADER_LENGTH` bytes of trie `localId`'s blob
 * (`blobLength`, when known, bounds it). Throws `MARF_CORRUPTION` for a foreign or old header.
 */
export function readTrieBlobHeader(header: Uint8Array, localId: number, blobLength = Number.MAX_SAFE_INTEGER): number {
  if (header.length < 2 || header[0] !== TRIE_BLOB_MAGIC) {
    throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: not a trie blob (bad header)`, { localId });
  }
  if (header[1] !== TRIE_BLOB_VERSION) {
    throw new MarfError(
      MarfErrorCode.Corruption,
      `trie ${localId}: trie blob format version ${header[1]} is not supported ` +
        `(this build reads version ${TRIE_BLOB_VERSION}); rebuild the MARF`,
      { localId, version: header[1], expected: TRIE_BLOB_VERSION },
    );
  }
  if (header.length < TRIE_BLOB_HEADER_LENGTH) {
    throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: not a trie blob (header cut short)`, { localId });
  }
  const rootPtr = readU32(header, 2);
  if (rootPtr < TRIE_BLOB_HEADER_LENGTH || rootPtr + MIN_NODE_RECORD_LENGTH > blobLength) {
    throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: root offset out of range`, { localId, rootPtr });
  }
  return rootPtr;
}

/**
 * Opens a whole trie blob: checks its header; nodes are decoded lazily by `readBlobNode`, the
 * bases of delta records through `readBase`.
 */
export function openTrieBlob(localId: number, blob: Uint8Array, readBase: BaseNodeReader = noBases): TrieBlobView {
  const rootPtr = readTrieBlobHeader(blob, localId, blob.length);
  return { localId, blob, rootPtr, nodes: new Map(), readBase };
}

/** The node at `ptr` of a trie blob (decoded once, then cached). Callers must not mutate it. */
export function readBlobNode(view: TrieBlobView, ptr: number): TrieNode {
  let node = view.nodes.get(ptr);
  if (node === undefined) {
    node = decodeNodeAt(view.blob, ptr, view.localId, view.readBase);
    view.nodes.set(ptr, node);
  }
  return node;
}

/**
 * The length of the record that starts at `bytes[at]` (its header included), from its first two
 * bytes, or -1 when fewer than two bytes are there. Not checked: `decodeNodeRecord` checks it.
 */
export function nodeRecordLength(bytes: Uint8Array, at = 0): number {
  return at + 2 <= bytes.length ? (bytes[at]! << 8) | bytes[at + 1]! : -1;
}

// Nesting of delta decodes in progress (a corrupt store could make deltas refer to each other).
let deltaNesting = 0;

/**
 * Decodes the record at byte offset `ptr` of `blob`, the whole blob of trie `localId` (a delta's
 * base is read through `readBase`).
 */
export function decodeNodeAt(blob: Uint8Array, ptr: number, localId = 0, readBase: BaseNodeReader = noBases): TrieNode {
  if (!Number.isInteger(ptr) || ptr < TRIE_BLOB_HEADER_LENGTH || ptr >= blob.length) {
    throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: bad node at ${ptr}: offset out of range`, { localId, ptr });
  }
  return decodeNodeRecord(blob, ptr, ptr, localId, readBase);
}

/**
 * Decodes one record of trie `localId` that starts at `bytes[at]` and lies at offset `ptr` of its
 * blob; `bytes` may be just that record (a range read) or more. Checks the record's length and
 * CRC-32 first (`MARF_CORRUPTION` for a torn or corrupt record). The node owns its byte fields
 * (copies), so `bytes` may be reused afterwards.
 */
export function decodeNodeRecord(
  bytes: Uint8Array,
  at: number,
  ptr: number,
  localId = 0,
  readBase: BaseNodeReader = noBases,
): TrieNode {
  const fail = (why: string): never => {
    throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: bad node at ${ptr}: ${why}`, { localId, ptr });
  };
  const end = checkRecord(bytes, at, ptr, localId);
  let o = at + NODE_RECORD_HEADER_LENGTH;
  const hash = bytes.slice(o, o + TRIE_HASH_LENGTH);
  o += TRIE_HASH_LENGTH;
  const typeByte = bytes[o++]!;
  let node: TrieNode;
  if ((typeByte & DELTA_FLAG) !== 0) {
    node = decodeDelta(bytes, end, ptr, o, typeByte & ~DELTA_FLAG, hash, localId, readBase, fail);
  } else {
    node = decodeFull(bytes, end, ptr, o, typeByte, hash, fail);
  }
  return node;
}

// The node `decodeNodeRecordForCopy` returned last, until a delta decode takes it as its base.
let disposableBase: TrieNode | null = null;

/**
 * `decodeNodeRecord` for a `BaseNodeReader` that returns a node nobody else holds (it does not
 * cache it): the delta decode that asked for it turns it into its own copy in place instead of
 * copying it (`copyNodeForward`). Return its result straight from the reader.
 */
export function decodeNodeRecordForCopy(
  bytes: Uint8Array,
  at: number,
  ptr: number,
  localId: number,
  readBase: BaseNodeReader,
): TrieNode {
  const node = decodeNodeRecord(bytes, at, ptr, localId, readBase);
  disposableBase = node;
  return node;
}

/**
 * The stored hash of the record at `bytes[at]` (offset `ptr` of trie `localId`'s blob), after the
 * same length and CRC-32 checks as `decodeNodeRecord` but without decoding the node. A copy.
 */
export function decodeNodeRecordHash(bytes: Uint8Array, at: number, ptr: number, localId = 0): Uint8Array {
  checkRecord(bytes, at, ptr, localId);
  const o = at + NODE_RECORD_HEADER_LENGTH;
  return bytes.slice(o, o + TRIE_HASH_LENGTH);
}

/**
 * Copies the hashes of the same-trie children stored in the record at `bytes[at]` (offset `ptr`
 * of trie `localId`'s blob) into `out` at 32 bytes per slot (slot `i` at `i * 32`), after the same
 * checks as `decodeNodeRecord`; slots of back-pointers and empty slots are left as they are.
 * Returns how many hashes it copied (0 for a leaf). With `checksum` false, the CRC-32 is not
 * checked again (the record was checked when it was read). The record of a delta node holds every
 * same-trie child of that node (a base's children are back-pointers in its copy), so no base is read.
 */
export function decodeNodeRecordChildHashes(bytes: Uint8Array, at: number, ptr: number, localId: number, out: Uint8Array, checksum = true): number {
  const fail = (why: string): never => {
    throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: bad node at ${ptr}: ${why}`, { localId, ptr });
  };
  const end = checksum ? checkRecord(bytes, at, ptr, localId) : recordEnd(bytes, at, ptr, localId);
  let o = at + NODE_RECORD_HEADER_LENGTH + TRIE_HASH_LENGTH;
  const typeByte = bytes[o++]!;
  const type = typeByte & ~DELTA_FLAG;
  if (type === TrieNodeId.Leaf) return 0;
  if (type < TrieNodeId.Node4 || type > TrieNodeId.Node256) fail(`bad node type ${type}`);
  const delta = (typeByte & DELTA_FLAG) !== 0;
  let n: number;
  if (delta) {
    if (o + 10 > end) fail('truncated delta');
    n = (bytes[o + 8]! << 8) | bytes[o + 9]!;
    o += 10;
  } else {
    if (o + 1 > end) fail('truncated');
    const pathLen = bytes[o++]!;
    o += pathLen;
    if (type === TrieNodeId.Node256) {
      if (o + 2 > end) fail('truncated');
      n = (bytes[o]! << 8) | bytes[o + 1]!;
      o += 2;
    } else {
      if (o + 1 > end) fail('truncated');
      n = bytes[o++]!;
    }
  }
  let copied = 0;
  for (let k = 0; k < n; k++) {
    let slot = k;
    if (delta) {
      if (o + 1 > end) fail('truncated slot');
      slot = bytes[o++]!;
    }
    if (o + 6 > end) fail('truncated slot');
    const id = bytes[o]!;
    if (!delta && type === TrieNodeId.Node256) slot = bytes[o + 1]!;
    o += 6;
    if ((id & BACKPTR_BIT) !== 0) {
      o += 4;
    } else if (id !== 0) {
      if (o + TRIE_HASH_LENGTH > end || (slot + 1) * TRIE_HASH_LENGTH > out.length) fail('bad slot');
      out.set(bytes.subarray(o, o + TRIE_HASH_LENGTH), slot * TRIE_HASH_LENGTH);
      o += TRIE_HASH_LENGTH;
      copied++;
    }
  }
  if (o !== end) fail('record length does not match its node');
  return copied;
}

/**
 * What `readRecordShape` finds in a record (reused between calls: lookups without a node cache
 * walk records without decoding them into nodes).
 */
export interface RecordShape {
  /** Node type, without the delta flag. */
  type: number;
  /** Whether the record is a delta (its path and other slots are in its base). */
  delta: boolean;
  /** Full record: where the path starts, and its length; a leaf's value follows it. */
  pathAt: number;
  pathLen: number;
  /** Delta record: its base. */
  baseLocalId: number;
  basePtr: number;
  /** Where the stored slots start, how many there are, and where the record ends. */
  slotsAt: number;
  slots: number;
  end: number;
}

/** A `RecordShape` to fill. */
export function emptyRecordShape(): RecordShape {
  return { type: 0, delta: false, pathAt: 0, pathLen: 0, baseLocalId: 0, basePtr: 0, slotsAt: 0, slots: 0, end: 0 };
}

/**
 * Checks the record at `bytes[0]` (offset `ptr` of trie `localId`'s blob) as `decodeNodeRecord`
 * does (length, CRC-32) and fills `out` with where its parts are, without decoding its slots.
 */
export function readRecordShape(bytes: Uint8Array, ptr: number, localId: number, out: RecordShape): void {
  const fail = (why: string): never => {
    throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: bad node at ${ptr}: ${why}`, { localId, ptr });
  };
  const end = checkRecord(bytes, 0, ptr, localId);
  let o = NODE_RECORD_HEADER_LENGTH + TRIE_HASH_LENGTH;
  const typeByte = bytes[o++]!;
  const type = typeByte & ~DELTA_FLAG;
  out.type = type;
  out.end = end;
  out.delta = (typeByte & DELTA_FLAG) !== 0;
  if (type < TrieNodeId.Leaf || type > TrieNodeId.Node256) fail(`bad node type ${type}`);
  if (out.delta) {
    if (type === TrieNodeId.Leaf) fail('delta leaf');
    if (o + 10 > end) fail('truncated delta');
    out.baseLocalId = readU32(bytes, o);
    out.basePtr = readU32(bytes, o + 4);
    out.slots = (bytes[o + 8]! << 8) | bytes[o + 9]!;
    out.slotsAt = o + 10;
    out.pathAt = out.pathLen = 0;
    if (out.baseLocalId === localId) fail('delta based on its own trie');
    return;
  }
  const pathLen = bytes[o++]!;
  if (pathLen > 32 || o + pathLen > end) fail('bad path length');
  out.pathAt = o;
  out.pathLen = pathLen;
  o += pathLen;
  if (type === TrieNodeId.Leaf) {
    if (o + MARF_VALUE_LENGTH !== end) fail('bad leaf length');
    out.slots = 0;
    out.slotsAt = o;
    return;
  }
  if (type === TrieNodeId.Node256) {
    if (o + 2 > end) fail('truncated');
    out.slots = (bytes[o]! << 8) | bytes[o + 1]!;
    o += 2;
  } else {
    if (o + 1 > end) fail('truncated');
    out.slots = bytes[o++]!;
  }
  out.slotsAt = o;
}

/**
 * Finds the stored slot of a Node256 record (full or delta, shape from `readRecordShape`) for
 * path byte `chr`; returns its offset in `bytes` (id u8, chr u8, ptr u32, then a back-pointer's
 * trie local id u32), or -1 when the record stores no slot for it.
 */
export function findNode256RecordSlot(bytes: Uint8Array, shape: RecordShape, chr: number, ptr: number, localId: number): number {
  const fail = (why: string): never => {
    throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: bad node at ${ptr}: ${why}`, { localId, ptr });
  };
  const { end, delta } = shape;
  let o = shape.slotsAt;
  for (let k = 0; k < shape.slots; k++) {
    let slot: number;
    if (delta) {
      if (o + 1 > end) fail('truncated slot');
      slot = bytes[o++]!;
    } else {
      slot = -1;
    }
    if (o + 6 > end) fail('truncated slot');
    const id = bytes[o]!;
    const c = bytes[o + 1]!;
    if (slot >= 0 && c !== slot) fail('Node256 slot is not its chr');
    if (c === chr) return o;
    o += 6 + ((id & BACKPTR_BIT) !== 0 ? 4 : id !== 0 ? TRIE_HASH_LENGTH : 0);
  }
  if (o > end) fail('truncated slot');
  return -1;
}

/**
 * Checks the record at `bytes[0]` (offset `ptr` of trie `localId`'s blob) as `decodeNodeRecord`
 * does (length, CRC-32) without decoding it; returns its length.
 */
export function checkNodeRecord(bytes: Uint8Array, ptr: number, localId: number): number {
  return checkRecord(bytes, 0, ptr, localId);
}

// The end of the record at `bytes[at]`, its length checked but not its CRC-32 (for a record
// already checked when it was read).
function recordEnd(bytes: Uint8Array, at: number, ptr: number, localId: number): number {
  const length = nodeRecordLength(bytes, at);
  if (length < MIN_NODE_RECORD_LENGTH || length > MAX_NODE_RECORD_LENGTH || at + length > bytes.length) {
    throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: bad node at ${ptr}: bad record length ${length}`, { localId, ptr });
  }
  return at + length;
}

// Checks the header and CRC-32 of the record at `bytes[at]`; returns its end.
function checkRecord(bytes: Uint8Array, at: number, ptr: number, localId: number): number {
  const fail = (why: string): never => {
    throw new MarfError(MarfErrorCode.Corruption, `trie ${localId}: bad node at ${ptr}: ${why}`, { localId, ptr });
  };
  if (ptr < TRIE_BLOB_HEADER_LENGTH) fail('offset out of range');
  const length = nodeRecordLength(bytes, at);
  if (length < 0) fail('truncated record');
  if (length < MIN_NODE_RECORD_LENGTH || length > MAX_NODE_RECORD_LENGTH) fail(`bad record length ${length}`);
  const end = at + length;
  if (end > bytes.length) fail('truncated record');
  if (crc32(bytes.subarray(at + NODE_RECORD_HEADER_LENGTH, end)) !== readU32(bytes, at + 2)) fail('checksum mismatch');
  return end;
}

function decodeFull(
  bytes: Uint8Array,
  end: number,
  ptr: number,
  start: number,
  type: number,
  hash: Uint8Array,
  fail: (why: string) => never,
): TrieNode {
  let o = start;
  const pathLen = bytes[o++]!;
  if (pathLen > 32 || o + pathLen > end) fail('bad path length');
  const path = bytes.slice(o, o + pathLen);
  o += pathLen;
  if (type === TrieNodeId.Leaf) {
    if (o + MARF_VALUE_LENGTH !== end) fail('bad leaf length');
    const leaf = createLeaf(path, bytes.slice(o, o + MARF_VALUE_LENGTH));
    leaf.hash = hash;
    return leaf;
  }
  if (type < TrieNodeId.Node4 || type > TrieNodeId.Node256) fail(`bad node type ${type}`);
  const node = createInteriorNode(type as InteriorNodeId, path);
  node.hash = hash;
  const cap = node.ids.length;
  let n: number;
  if (type === TrieNodeId.Node256) {
    if (o + 2 > end) fail('truncated');
    n = (bytes[o]! << 8) | bytes[o + 1]!;
    o += 2;
  } else {
    if (o + 1 > end) fail('truncated');
    n = bytes[o++]!;
  }
  if (n > cap) fail('too many slots');
  for (let k = 0; k < n; k++) {
    const slot = type === TrieNodeId.Node256 ? bytes[o + 1]! : k;
    if (type === TrieNodeId.Node256 && node.ids[slot] !== 0) fail('duplicate Node256 slot');
    o = readSlot(bytes, o, end, node, slot, ptr, fail);
  }
  if (o !== end) fail('record length does not match its node');
  node.childHashes = storedChildHashes(bytes, node);
  return node;
}

// Where `readSlot` found each same-trie child's hash in the record being decoded, by slot (a
// delta's bases are decoded before its own slots are read, so one table serves every nesting).
const childHashAt = new Int32Array(256);

// The hashes of `node`'s same-trie children, copied out of its record in slot order (every such
// slot was just read by `readSlot`: a delta's copied slots are back-pointers), or null if none.
function storedChildHashes(bytes: Uint8Array, node: TrieNode): Uint8Array | null {
  const ids = node.ids;
  let count = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] !== 0 && (ids[i]! & BACKPTR_BIT) === 0) count++;
  if (count === 0) return null;
  const out = new Uint8Array(count * TRIE_HASH_LENGTH);
  for (let i = 0, k = 0; i < ids.length; i++) {
    if (ids[i] === 0 || (ids[i]! & BACKPTR_BIT) !== 0) continue;
    const at = childHashAt[i]!;
    out.set(bytes.subarray(at, at + TRIE_HASH_LENGTH), k * TRIE_HASH_LENGTH);
    k++;
  }
  return out;
}

function decodeDelta(
  bytes: Uint8Array,
  end: number,
  ptr: number,
  start: number,
  type: number,
  hash: Uint8Array,
  localId: number,
  readBase: BaseNodeReader,
  fail: (why: string) => never,
): TrieNode {
  let o = start;
  if (o + 10 > end) fail('truncated delta');
  const baseLocal = readU32(bytes, o);
  const basePtr = readU32(bytes, o + 4);
  const n = (bytes[o + 8]! << 8) | bytes[o + 9]!;
  o += 10;
  if (baseLocal === localId) fail('delta based on its own trie');
  if (deltaNesting > MAX_DELTA_DEPTH) fail('delta chain too long');
  let base: TrieNode;
  deltaNesting++;
  disposableBase = null;
  try {
    base = readBase(baseLocal, basePtr, type);
  } finally {
    deltaNesting--;
  }
  const owned = base === disposableBase;
  disposableBase = null;
  if (base.id !== type) fail(`delta of type ${type} on a base of type ${base.id}`);
  if (base.deltaDepth >= MAX_DELTA_DEPTH) fail('delta chain too long');
  const depth = base.deltaDepth + 1;
  const node = owned ? forwardNodeInPlace(base, baseLocal) : copyNodeForward(base, baseLocal);
  node.deltaDepth = depth;
  node.hash = hash;
  const cap = node.ids.length;
  if (n > cap) fail('too many slots');
  for (let k = 0; k < n; k++) {
    if (o + 1 > end) fail('truncated slot');
    const slot = bytes[o++]!;
    if (slot >= cap) fail('slot out of range');
    o = readSlot(bytes, o, end, node, slot, ptr, fail);
  }
  if (o !== end) fail('record length does not match its node');
  node.childHashes = storedChildHashes(bytes, node);
  return node;
}

// Reads one stored slot into `node.*[slot]`; returns the end offset.
function readSlot(
  bytes: Uint8Array,
  o: number,
  end: number,
  node: TrieNode,
  slot: number,
  ptr: number,
  fail: (why: string) => never,
): number {
  if (o + 6 > end) fail('truncated slot');
  const id = bytes[o]!;
  const chr = bytes[o + 1]!;
  const p = readU32(bytes, o + 2);
  o += 6;
  let back = 0;
  if ((id & BACKPTR_BIT) !== 0) {
    if (o + 4 > end) fail('truncated slot');
    back = readU32(bytes, o);
    o += 4;
  } else if (id !== 0) {
    if (p >= ptr || p < TRIE_BLOB_HEADER_LENGTH) fail('same-trie child does not precede its parent');
    // The child's hash (copied into `childHashes` once the node is decoded).
    if (o + TRIE_HASH_LENGTH > end) fail('truncated slot');
    childHashAt[slot] = o;
    o += TRIE_HASH_LENGTH;
  }
  if (node.id === TrieNodeId.Node256 && chr !== slot) fail('Node256 slot is not its chr');
  node.ids[slot] = id;
  node.chrs[slot] = chr;
  node.ptrs[slot] = p;
  node.backBlocks[slot] = back;
  if (node.indexes !== null && id !== 0) node.indexes[chr] = slot;
  return o;
}

/**
 * The slots in which `node` differs from the copy of its base (`node.cow`), or `null` when the
 * node must be stored in full (no base, another type or path, or the delta chain would pass
 * `maxDepth`, at most `MAX_DELTA_DEPTH`).
 */
export function deltaSlots(node: TrieNode, maxDepth = WRITE_DELTA_DEPTH): number[] | null {
  const cow = node.cow;
  if (cow === null || node.deltaDepth > Math.min(maxDepth, MAX_DELTA_DEPTH) || node.id === TrieNodeId.Leaf) return null;
  const base = cow.base;
  if (base.id !== node.id || !sameBytes(base.path, node.path)) return null;
  const out: number[] = [];
  const { ids, chrs, ptrs, backBlocks } = node;
  for (let i = 0; i < ids.length; i++) {
    let id = base.ids[i]!;
    let back = base.backBlocks[i]!;
    if (id !== 0 && (id & BACKPTR_BIT) === 0) {
      id |= BACKPTR_BIT;
      if (back === 0) back = cow.localId;
    }
    if (ids[i] !== id || chrs[i] !== base.chrs[i]) out.push(i);
    else if (id !== 0 && (ptrs[i] !== base.ptrs[i] || backBlocks[i] !== back)) out.push(i);
  }
  // A delta costs a read of its base when decoded: only worth it when it saves real space. The
  // children hashes are left out of the comparison (a full record holds them all, a delta only the
  // changed ones): counting them makes far more nodes deltas, and lookups read more bases.
  const full = fullBodyLength(node) - inlineChildren(node) * TRIE_HASH_LENGTH;
  return full >= MIN_DELTA_SAVING && out.length * 11 + 10 + MIN_DELTA_SAVING / 2 < full ? out : null;
}

/** Size of one record in the blob, its header included (`delta`: the result of `deltaSlots`). */
export function encodedNodeLength(node: TrieNode, delta: number[] | null = null): number {
  if (delta !== null) {
    let size = NODE_RECORD_HEADER_LENGTH + TRIE_HASH_LENGTH + 1 + 10;
    for (const i of delta) size += 1 + slotLength(node.ids[i]!);
    return size;
  }
  return NODE_RECORD_HEADER_LENGTH + TRIE_HASH_LENGTH + 2 + node.path.length + fullBodyLength(node);
}

function inlineChildren(node: TrieNode): number {
  let n = 0;
  for (const id of node.ids) if (id !== 0 && (id & BACKPTR_BIT) === 0) n++;
  return n;
}

function slotLength(id: number): number {
  return (id & BACKPTR_BIT) !== 0 ? 10 : id === 0 ? 6 : INLINE_SLOT_LENGTH;
}

function fullBodyLength(node: TrieNode): number {
  if (node.id === TrieNodeId.Leaf) return MARF_VALUE_LENGTH;
  const ids = node.ids;
  let size = 0;
  if (node.id === TrieNodeId.Node256) {
    size += 2;
    for (let i = 0; i < 256; i++) if (ids[i] !== 0) size += slotLength(ids[i]!);
    return size;
  }
  size += 1;
  const n = storedSlotCount(node);
  for (let i = 0; i < n; i++) size += slotLength(ids[i]!);
  return size;
}

/** Where a same-trie child of a node being written lies (`child(slot)` in `encodeNodeAt`). */
export interface EncodedChild {
  /** The child's blob offset. */
  readonly ptr: number;
  /** The child's hash. */
  readonly hash: Uint8Array;
}

/**
 * Writes one record (header, CRC-32 and node) at `offset` of `out` and returns the end offset.
 * `child(slot)` gives the blob offset and hash of a same-trie child (back-pointers are written as
 * they are); `delta` is the result of `deltaSlots` (`null`: a full node).
 */
export function encodeNodeAt(
  node: TrieNode,
  out: Uint8Array,
  offset: number,
  child: (slot: number) => EncodedChild,
  delta: number[] | null = null,
): number {
  const end = encodeNodeBody(node, out, offset + NODE_RECORD_HEADER_LENGTH, child, delta);
  const length = end - offset;
  if (length > MAX_NODE_RECORD_LENGTH) throw new MarfError(MarfErrorCode.Corruption, `node record of ${length} bytes is too long`);
  out[offset] = length >>> 8;
  out[offset + 1] = length & 0xff;
  writeU32(out, offset + 2, crc32(out.subarray(offset + NODE_RECORD_HEADER_LENGTH, end)));
  return end;
}

function encodeNodeBody(
  node: TrieNode,
  out: Uint8Array,
  offset: number,
  child: (slot: number) => EncodedChild,
  delta: number[] | null,
): number {
  let o = offset;
  const hash = node.hash;
  if (hash === null) throw new MarfError(MarfErrorCode.Corruption, 'cannot store a node before it is hashed');
  out.set(hash, o);
  o += TRIE_HASH_LENGTH;
  if (delta !== null) {
    const cow = node.cow!;
    out[o++] = node.id | DELTA_FLAG;
    writeU32(out, o, cow.localId);
    writeU32(out, o + 4, cow.ptr);
    out[o + 8] = delta.length >>> 8;
    out[o + 9] = delta.length & 0xff;
    o += 10;
    for (const i of delta) {
      out[o++] = i;
      o = writeSlot(node, i, out, o, child);
    }
    return o;
  }
  out[o++] = node.id;
  out[o++] = node.path.length;
  out.set(node.path, o);
  o += node.path.length;
  if (node.id === TrieNodeId.Leaf) {
    out.set(node.value!, o);
    return o + MARF_VALUE_LENGTH;
  }
  const ids = node.ids;
  if (node.id === TrieNodeId.Node256) {
    let n = 0;
    for (let i = 0; i < 256; i++) if (ids[i] !== 0) n++;
    out[o++] = n >>> 8;
    out[o++] = n & 0xff;
    for (let i = 0; i < 256; i++) if (ids[i] !== 0) o = writeSlot(node, i, out, o, child);
    return o;
  }
  const n = storedSlotCount(node);
  out[o++] = n;
  for (let i = 0; i < n; i++) o = writeSlot(node, i, out, o, child);
  return o;
}

function writeSlot(node: TrieNode, i: number, out: Uint8Array, o: number, child: (slot: number) => EncodedChild): number {
  const id = node.ids[i]!;
  out[o] = id;
  out[o + 1] = node.chrs[i]!;
  if ((id & BACKPTR_BIT) !== 0) {
    writeU32(out, o + 2, node.ptrs[i]!);
    writeU32(out, o + 6, node.backBlocks[i]!);
    return o + 10;
  }
  if (id === 0) {
    writeU32(out, o + 2, 0);
    return o + 6;
  }
  const c = child(i);
  if (c.hash.length !== TRIE_HASH_LENGTH) {
    throw new MarfError(MarfErrorCode.Corruption, 'cannot store a node before its children are hashed');
  }
  writeU32(out, o + 2, c.ptr);
  out.set(c.hash, o + 6);
  return o + INLINE_SLOT_LENGTH;
}

/**
 * Serializes the trie whose nodes are `nodes` (children referenced by index, root at `rootIndex`,
 * every reachable node hashed) into a blob. Unreachable nodes are left out; nodes copied from a
 * committed trie are written as deltas when that is smaller.
 */
export function encodeTrieBlob(nodes: readonly TrieNode[], rootIndex: number, header?: TrieBlobHeaderInput): Uint8Array {
  return layOutTrie(nodes, rootIndex, header).blob;
}

/** A trie laid out in its blob: which nodes were written, at which offsets, which as deltas. */
export interface EncodedTrie {
  readonly blob: Uint8Array;
  /** Indices of the written nodes, children first. */
  readonly order: readonly number[];
  /** Blob offset of each written node, by node index. */
  readonly offsets: Uint32Array;
  /** For each entry of `order`, whether it was written as a delta. */
  readonly isDelta: readonly boolean[];
}

const NO_HEADER_INPUT: TrieBlobHeaderInput = { rootNodeHash: new Uint8Array(TRIE_HASH_LENGTH), ancestorLocalIds: [] };

/**
 * `encodeTrieBlob`, also telling where each node went (for `adoptEncodedNodes`). Copied nodes are
 * written as deltas in chains of at most `maxDeltaDepth` (default `WRITE_DELTA_DEPTH`).
 */
export function layOutTrie(
  nodes: readonly TrieNode[],
  rootIndex: number,
  header: TrieBlobHeaderInput = NO_HEADER_INPUT,
  maxDeltaDepth = WRITE_DELTA_DEPTH,
): EncodedTrie {
  const ancestors = header.ancestorLocalIds;
  if (ancestors.length > 32 || header.rootNodeHash.length !== TRIE_HASH_LENGTH) {
    throw new MarfError(MarfErrorCode.InvalidArgument, 'bad trie blob header input');
  }
  const headerLength = TRIE_BLOB_HEADER_LENGTH + ancestors.length * 4;
  // Post-order: children before parents, so each child's offset is known when its parent is written.
  const order: number[] = [];
  const stack: number[] = [rootIndex];
  const expanded: boolean[] = [];
  while (stack.length > 0) {
    const idx = stack[stack.length - 1]!;
    if (expanded[idx] === true) {
      stack.pop();
      order.push(idx);
      continue;
    }
    expanded[idx] = true;
    const node = nodes[idx]!;
    const ids = node.ids;
    for (let i = ids.length - 1; i >= 0; i--) {
      const id = ids[i]!;
      if (id !== 0 && (id & BACKPTR_BIT) === 0) stack.push(node.ptrs[i]!);
    }
  }
  const offsets = new Uint32Array(nodes.length);
  const deltas: (number[] | null)[] = new Array(order.length);
  let total = headerLength;
  for (let k = 0; k < order.length; k++) {
    const node = nodes[order[k]!]!;
    const delta = deltaSlots(node, maxDeltaDepth);
    deltas[k] = delta;
    offsets[order[k]!] = total;
    total += encodedNodeLength(node, delta);
  }
  const blob = new Uint8Array(total);
  blob[0] = TRIE_BLOB_MAGIC;
  blob[1] = TRIE_BLOB_VERSION;
  writeU32(blob, 2, offsets[rootIndex]!);
  // Children come first: the root is the last record.
  const rootLength = total - offsets[rootIndex]!;
  blob[6] = rootLength >>> 8;
  blob[7] = rootLength & 0xff;
  blob.set(header.rootNodeHash, 8);
  blob[TRIE_BLOB_HEADER_LENGTH - 1] = ancestors.length;
  for (let k = 0; k < ancestors.length; k++) writeU32(blob, TRIE_BLOB_HEADER_LENGTH + k * 4, ancestors[k]!);
  let o = headerLength;
  for (let k = 0; k < order.length; k++) {
    const node = nodes[order[k]!]!;
    const child = (slot: number): EncodedChild => {
      const idx = node.ptrs[slot]!;
      const hash = nodes[idx]!.hash;
      if (hash === null) throw new MarfError(MarfErrorCode.Corruption, 'cannot store a node before its children are hashed');
      return { ptr: offsets[idx]!, hash };
    };
    o = encodeNodeAt(node, blob, o, child, deltas[k]!);
  }
  return { blob, order, offsets, isDelta: deltas.map((d) => d !== null) };
}

/**
 * Turns the nodes of a trie just written by `layOutTrie` into the nodes a decoder of its blob
 * would produce (same-trie pointers become blob offsets, delta bookkeeping is reset) and hands
 * each to `keep` with its blob offset, so a cache can hold them and the next block does not
 * decode what it just wrote. The nodes must not be used as a pending trie afterwards.
 */
export function adoptEncodedNodes(
  nodes: readonly TrieNode[],
  encoded: EncodedTrie,
  keep: (ptr: number, node: TrieNode) => void,
): void {
  const { order, offsets, isDelta } = encoded;
  for (let k = 0; k < order.length; k++) {
    const node = nodes[order[k]!]!;
    const { ids, ptrs } = node;
    let inline = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id !== 0 && (id & BACKPTR_BIT) === 0) inline++;
    }
    const childHashes = inline > 0 ? new Uint8Array(inline * TRIE_HASH_LENGTH) : null;
    for (let i = 0, h = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id === 0 || (id & BACKPTR_BIT) !== 0) continue;
      childHashes!.set(nodes[ptrs[i]!]!.hash!, h);
      h += TRIE_HASH_LENGTH;
      ptrs[i] = offsets[ptrs[i]!]!;
    }
    node.childHashes = childHashes;
    if (!isDelta[k]) node.deltaDepth = 0;
    node.cow = null;
    keep(offsets[order[k]!]!, node);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// Node4/16/48 keep children in a prefix of their slots (slots fill in order and never empty);
// store up to the last non-empty slot so an unexpected gap would still round-trip.
function storedSlotCount(node: TrieNode): number {
  const ids = node.ids;
  let n = ids.length;
  while (n > 0 && ids[n - 1] === 0) n--;
  return n;
}

function readU32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

function writeU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

/**
 * stacks-core's uncompressed on-disk encoding of a child pointer (`TriePtr::write_bytes`):
 * `id || chr || ptr u32 || back_block u32`. Not consensus and not this package's storage format;
 * kept for storage-compatibility tools and the reference's vectors.
 */
export function encodeTriePtrStacksCore(id: number, chr: number, ptr: number, backBlock: number): Uint8Array {
  const out = new Uint8Array(10);
  out[0] = id;
  out[1] = chr;
  writeU32(out, 2, ptr);
  writeU32(out, 6, backBlock);
  return out;
}

/**
 * stacks-core's uncompressed on-disk encoding of a node (`TrieNode::write_bytes`): a leaf is
 * `id || path_len || path || value`; an interior node is `id || every slot as
 * encodeTriePtrStacksCore || (Node48: its 256-byte index) || path_len || path`.
 */
export function encodeNodeStacksCore(node: TrieNode): Uint8Array {
  const isLeaf = node.id === TrieNodeId.Leaf;
  const n = node.ids.length;
  const size = 1 + (isLeaf ? MARF_VALUE_LENGTH : n * 10) + (node.indexes !== null ? 256 : 0) + 1 + node.path.length;
  const out = new Uint8Array(size);
  let o = 0;
  out[o++] = node.id;
  if (isLeaf) {
    out[o++] = node.path.length;
    out.set(node.path, o);
    out.set(node.value!, o + node.path.length);
    return out;
  }
  for (let i = 0; i < n; i++) {
    out.set(encodeTriePtrStacksCore(node.ids[i]!, node.chrs[i]!, node.ptrs[i]!, node.backBlocks[i]!), o);
    o += 10;
  }
  if (node.indexes !== null) {
    for (let c = 0; c < 256; c++) out[o++] = node.indexes[c]! & 0xff;
  }
  out[o++] = node.path.length;
  out.set(node.path, o);
  return out;
}
