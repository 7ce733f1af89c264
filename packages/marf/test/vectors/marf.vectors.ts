/**
 * Runner for test-vectors/marf.json: the empty trie hash, node and leaf consensus bytes, the five
 * end-to-end root hashes of stacks-core's `marf_regression.rs` (each generator rebuilt here as the
 * entry describes it), and the height-key rule of `MARF::set_block_heights`.
 */
import assert from 'node:assert/strict';
import { sha512_256 } from '@stacks-ts/codec';
import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import { type VectorEntry, type VectorFileRunner } from '../../../../test-vectors/runner/harness.ts';
import { MARF_SENTINEL_BLOCK_ID, blockHeightEntries, openMarf } from '../../src/marf.ts';
import {
  EMPTY_TRIE_HASH,
  TrieNodeId,
  createInteriorNode,
  createLeaf,
  insertChild,
  nodeConsensusBytes,
  type InteriorNodeId,
  type TrieNode,
} from '../../src/node.ts';
import { encodeNodeStacksCore, encodeTriePtrStacksCore } from '../../src/serialize.ts';
import { marfValueFromBlockId, marfValueFromU32 } from '../../src/values.ts';

const NODE_TYPES: Record<string, InteriorNodeId> = {
  Node4: TrieNodeId.Node4,
  Node16: TrieNodeId.Node16,
  Node48: TrieNodeId.Node48,
  Node256: TrieNodeId.Node256,
};

const noBackptrs = (localId: number): Uint8Array => {
  throw new Error(`vector node has no back-pointers (asked for ${localId})`);
};

function nodeFromChildren(e: VectorEntry): TrieNode {
  const type = NODE_TYPES[e.inputs.node_type as string];
  if (type === undefined) throw new Error(`unknown node type ${e.inputs.node_type}`);
  const node = createInteriorNode(type, hexToBytes(e.inputs.path_hex));
  for (const c of e.inputs.children_inserted_in_order as { id: number; chr: number; ptr: number; backptr: boolean }[]) {
    assert.equal(c.backptr, false, 'vectors without back-pointers only');
    assert.ok(insertChild(node, c.id, c.chr, c.ptr, 0), 'child fits');
  }
  return node;
}

function runNodeConsensusBytes(e: VectorEntry): void {
  const bytes = nodeConsensusBytes(nodeFromChildren(e), noBackptrs);
  assert.equal(bytes.length, e.expected.len);
  assert.equal(bytesToHex(bytes), e.expected.consensus_bytes_hex);
}

// trie_node256_to_consensus_bytes: the test builds the node and the expected bytes in loops.
function runNode256(e: VectorEntry): void {
  const path = hexToBytes(e.inputs.path_hex);
  const node = createInteriorNode(TrieNodeId.Node256, path);
  for (let i = 0; i <= 254; i++) assert.ok(insertChild(node, TrieNodeId.Node256, i, (i + 2) % 256, 0));
  const expected: number[] = [TrieNodeId.Node256];
  for (let i = 0; i <= 254; i++) expected.push(TrieNodeId.Node256, i, ...new Array<number>(32).fill(0));
  expected.push(0, 0, ...new Array<number>(32).fill(0));
  expected.push(path.length, ...path);
  const bytes = nodeConsensusBytes(node, noBackptrs);
  assert.equal(bytes.length, e.expected.len);
  assert.equal(bytesToHex(bytes), bytesToHex(Uint8Array.from(expected)));
}

function runLeaf(e: VectorEntry): void {
  const leaf = createLeaf(hexToBytes(e.inputs.path_hex), hexToBytes(e.inputs.marf_value_hex));
  const bytes = nodeConsensusBytes(leaf, noBackptrs);
  assert.equal(bytes.length, e.expected.len);
  assert.equal(bytesToHex(bytes), e.expected.bytes_hex);
}

/** Block i of the regression tests: u64 BE i in bytes 0..8, then 24 zero bytes. */
function regressionBlockId(i: number): Uint8Array {
  const id = new Uint8Array(32);
  new DataView(id.buffer).setBigUint64(0, BigInt(i));
  return id;
}

/** `make_test_insert_data(n_per_block, n_blocks)` of `index/test/mod.rs`. */
function makeTestInsertData(perBlock: number, blocks: number): [string, Uint8Array][][] {
  let state: Uint8Array = new Uint8Array(32);
  const out: [string, Uint8Array][][] = [];
  for (let b = 0; b < blocks; b++) {
    const block: [string, Uint8Array][] = [];
    for (let k = 0; k < perBlock; k++) {
      const path = sha512_256(state);
      state = path;
      const value32 = sha512_256(state);
      state = value32;
      const value = new Uint8Array(40);
      value.set(value32, 0);
      block.push([bytesToHex(path), value]);
    }
    out.push(block);
  }
  return out;
}

/** Runs a chain of blocks (block i on block i-1, block 0 on the sentinel) and returns the last root hash. */
function runChain(blocks: number, write: (tx: ReturnType<ReturnType<typeof openMarf>['begin']>, i: number) => void): string {
  const marf = openMarf();
  try {
    let parent = MARF_SENTINEL_BLOCK_ID;
    let root: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < blocks; i++) {
      const id = regressionBlockId(i);
      const tx = marf.begin(parent, id);
      write(tx, i);
      root = tx.commit();
      assert.equal(bytesToHex(marf.getRootHash(id)), bytesToHex(root));
      parent = id;
    }
    return bytesToHex(root);
  } finally {
    marf.close();
  }
}

function runEndToEnd(e: VectorEntry): void {
  let got: string;
  if (e.name === 'test_marf_patch_expansion') {
    got = runChain(e.inputs.num_blocks, (tx, i) => {
      const path = new Uint8Array(32);
      path[31] = i;
      tx.insertRaw(path, marfValueFromU32(i));
    });
  } else {
    const data = makeTestInsertData(e.inputs.inserts_per_block, e.inputs.num_blocks);
    got = runChain(e.inputs.num_blocks, (tx, i) => {
      for (const [key, value] of data[i]!) tx.insert(key, value);
    });
  }
  assert.equal(got, e.expected.final_root_hash_hex);
}

// The rule, checked two ways: `blockHeightEntries` lists the vector's keys and values in order,
// and a MARF's `begin` stores exactly those entries (read back at the committed block).
function runHeightKeys(e: VectorEntry): void {
  const spec = e.expected.ordered_inserts as { key: string; value: string; only_if?: string }[];
  const P = regressionBlockId(7);
  const B = regressionBlockId(8);
  for (const h of [0, 5]) {
    const parent = h === 0 ? MARF_SENTINEL_BLOCK_ID : P;
    const want = spec
      .filter((s) => s.only_if === undefined || h > 0)
      .map((s): [string, string] => {
        const key = s.key.replace('{h}', String(h)).replace('{h-1}', String(h - 1)).replace('{hex(B)}', bytesToHex(B)).replace('{hex(P)}', bytesToHex(P));
        const value = s.value.startsWith('B ')
          ? marfValueFromBlockId(B)
          : s.value.startsWith('P ')
            ? marfValueFromBlockId(P)
            : marfValueFromU32(s.value.startsWith('u32 LE (h-1)') ? h - 1 : h);
        return [key, bytesToHex(value)];
      });
    const got = blockHeightEntries(parent, B, h).map(([k, v]): [string, string] => [k, bytesToHex(v)]);
    assert.deepEqual(got, want);
  }
  // Stored by begin: a chain 0..8 whose last block is B at height 8 on P at height 7.
  const marf = openMarf();
  try {
    let parent = MARF_SENTINEL_BLOCK_ID;
    for (let i = 0; i <= 8; i++) {
      const id = regressionBlockId(i);
      marf.begin(parent, id).commit();
      parent = id;
    }
    for (const [k, v] of blockHeightEntries(P, B, 8)) assert.equal(bytesToHex(marf.get(B, k)!), bytesToHex(v), k);
    assert.equal(marf.getBlockHeight(B), 8);
  } finally {
    marf.close();
  }
}

export const runner: VectorFileRunner = {
  file: 'marf.json',
  layer: 'marf',
  run(e: VectorEntry) {
    switch (e.name) {
      case 'triehash_empty_constant':
        assert.equal(bytesToHex(sha512_256(hexToBytes(e.inputs.data_hex))), e.expected.sha512_256_hex);
        assert.equal(bytesToHex(EMPTY_TRIE_HASH), e.expected.sha512_256_hex);
        return;
      case 'trieptr_storage_encoding_uncompressed': {
        const { id, chr, ptr, back_block } = e.inputs;
        assert.equal(bytesToHex(encodeTriePtrStacksCore(id, chr, ptr, back_block)), e.expected.bytes_hex);
        return;
      }
      case 'node4_storage_encoding': {
        const node = createInteriorNode(TrieNodeId.Node4, hexToBytes(e.inputs.path_hex));
        for (const c of e.inputs.children_inserted_in_order) assert.ok(insertChild(node, c.id, c.chr, c.ptr, c.back_block));
        const bytes = encodeNodeStacksCore(node);
        assert.equal(bytes.length, e.expected.len);
        assert.equal(bytesToHex(bytes), e.expected.bytes_hex);
        return;
      }
      case 'trie_node4_to_consensus_bytes':
      case 'trie_node16_to_consensus_bytes':
      case 'trie_node48_to_consensus_bytes':
        return runNodeConsensusBytes(e);
      case 'trie_node256_to_consensus_bytes':
        return runNode256(e);
      case 'trie_leaf_to_bytes':
        return runLeaf(e);
      case 'test_marf_128_128':
      case 'test_marf_compress_1_256':
      case 'test_marf_compressed_2048_1':
      case 'test_marf_compress_8_256':
      case 'test_marf_patch_expansion':
        return runEndToEnd(e);
      case 'marf_block_height_keys':
        return runHeightKeys(e);
      default:
        throw new Error(`no handler for marf.json entry ${String(e.name)}`);
    }
  },
};
