import assert from 'node:assert/strict';
import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import { loadVectorFile, skip, type VectorEntry, type VectorFileRunner } from '../../../../test-vectors/runner/harness.ts';
import { bitVecFromBools, bitVecSet, bitVecToBinaryString, bitVecToBools, bitVecZeros, decodeBitVec, encodeBitVec } from '../../src/block/bitvec.ts';
import { decodeNakamotoBlock, encodeNakamotoBlock } from '../../src/block/nakamoto-block.ts';
import {
  type NakamotoBlockHeader,
  decodeNakamotoBlockHeader,
  encodeNakamotoBlockHeader,
  nakamotoBlockId,
} from '../../src/block/nakamoto-header.ts';
import { recoverMinerPublicKey } from '../../src/block/nakamoto-signing.ts';
import { decodeStacksBlock, encodeStacksBlock } from '../../src/block/stacks-block.ts';
import { decodeStacksBlockHeader, encodeStacksBlockHeader } from '../../src/block/stacks-block-header.ts';
import { CodecErrorCode, isCodecError } from '../../src/errors.ts';
import { txMerkleRootOf } from '../../src/block/block-txs.ts';

const EPOCH4_HEADER = 'epoch 4.0 only: the problematic_txs header field (4.x nodes, header version >= 1); we implement the 3.4 wire form';

function pox(value: { len: number; bits: unknown }) {
  if (value.bits === 'all zero') return bitVecZeros(value.len);
  if (Array.isArray(value.bits)) {
    assert.equal(value.bits.length, value.len, 'vector bits length');
    return bitVecFromBools(value.bits as boolean[]);
  }
  throw new Error(`unknown pox_treatment shape ${JSON.stringify(value)}`);
}

function headerFromVector(h: VectorEntry): NakamotoBlockHeader {
  return {
    version: h.version,
    chainLength: BigInt(h.chain_length),
    burnSpent: BigInt(h.burn_spent),
    consensusHash: hexToBytes(h.consensus_hash),
    parentBlockId: hexToBytes(h.parent_block_id),
    txMerkleRoot: hexToBytes(h.tx_merkle_root),
    stateIndexRoot: hexToBytes(h.state_index_root),
    timestamp: BigInt(h.timestamp),
    minerSignature: hexToBytes(h.miner_signature),
    signerSignature: (h.signer_signature as string[]).map((s) => hexToBytes(s)),
    poxTreatment: pox(h.pox_treatment),
  };
}

function expectCodecError(fn: () => unknown, code: string, what: string): void {
  try {
    fn();
  } catch (err) {
    if (isCodecError(err) && err.code === code) return;
    throw new Error(`${what}: expected CodecError ${code}, got ${String(err)}`);
  }
  throw new Error(`${what}: expected CodecError ${code}, but decoding succeeded`);
}

function runHeaderCodec(entry: VectorEntry): void {
  const expected = headerFromVector(entry.header);
  assert.equal(bytesToHex(encodeNakamotoBlockHeader(expected)), entry.expected_hex, 'encoded header');
  const decoded = decodeNakamotoBlockHeader(hexToBytes(entry.expected_hex));
  assert.deepEqual(decoded, expected, 'decoded header');
}

function runMainnetBlock(entry: VectorEntry): void {
  const bytes = hexToBytes(entry.block_hex);
  const block = decodeNakamotoBlock(bytes);
  const h = block.header;
  const e = entry.expected_header;
  assert.equal(h.version, e.version, 'version');
  assert.equal(h.chainLength, BigInt(e.chain_length), 'chain_length');
  assert.equal(h.burnSpent, BigInt(e.burn_spent), 'burn_spent');
  assert.equal(bytesToHex(h.consensusHash), e.consensus_hash, 'consensus_hash');
  assert.equal(bytesToHex(h.parentBlockId), e.parent_block_id, 'parent_block_id');
  assert.equal(bytesToHex(h.txMerkleRoot), e.tx_merkle_root, 'tx_merkle_root');
  assert.equal(bytesToHex(h.stateIndexRoot), e.state_index_root, 'state_index_root');
  assert.equal(h.poxTreatment.len, e.pox_treatment_len, 'pox_treatment length');
  // The source test asserts the length of the JSON '0x'-prefixed hex string of the data (976
  // characters), not a byte count: the same fixture's Rust test in that repository
  // (src/stacks_block/deserialize.rs#test_nakamoto_block_deserialize) asserts 487 data bytes,
  // which is ceil(3891 / 8).
  assert.equal(h.poxTreatment.data.length, Math.ceil(h.poxTreatment.len / 8), 'pox_treatment data bytes');
  assert.equal(2 + 2 * h.poxTreatment.data.length, e.pox_treatment_data_bytes, "pox_treatment data as '0x' hex length");
  assert.equal(block.txs.length, entry.expected_tx_count, 'tx count');
  assert.equal(bytesToHex(encodeNakamotoBlock(block)), entry.block_hex, 're-encoded block');
  // Self-consistency the decode already enforces, and what the fixture's test checks of the ids.
  assert.deepEqual(txMerkleRootOf(block.txs), h.txMerkleRoot, 'merkle root of txids');
  assert.equal(nakamotoBlockId(h).length, 32, 'block id length');
  assert.notEqual(recoverMinerPublicKey(h), null, 'miner public key recovers');
}

function runStacks2Header(entry: VectorEntry): void {
  const header = decodeStacksBlockHeader(hexToBytes(entry.header_hex));
  assert.equal(entry.expected_decodes, true);
  assert.equal(bytesToHex(encodeStacksBlockHeader(header)), entry.header_hex, 're-encoded header');
}

function runStacks2Block(entry: VectorEntry): void {
  const block = decodeStacksBlock(hexToBytes(entry.block_hex));
  assert.equal(entry.expected_decodes, true);
  assert.equal(bytesToHex(encodeStacksBlock(block)), entry.block_hex, 're-encoded block');
}

/**
 * The stacks-encoding-native-js layout test uses an all-zero VRF proof and no transactions. The
 * reference rejects both (`VRFProof::from_slice`: Gamma of small order; `StacksBlock`: zero
 * transactions), so we assert the rejection, then check every field of the layout by decoding
 * the header with a valid proof (the IETF vector-1 proof from the CLI header vector) in place of
 * the zero bytes.
 */
function runStacks2Layout(entry: VectorEntry, all: VectorEntry[]): void {
  const parts = entry.block_hex_parts as string[];
  const bytes = hexToBytes(parts.join(''));
  expectCodecError(() => decodeStacksBlock(bytes), CodecErrorCode.InvalidVrf, 'all-zero VRF proof');
  const cli = all.find((v) => v.kind === 'stacks2_header_decode');
  assert.ok(cli, 'the stacks2_header_decode vector supplies a valid proof');
  const validProof = (cli.header_hex as string).slice(2 + 32, 2 + 32 + 160);
  const fixed = [...parts];
  assert.equal(fixed[3]!.length, 160, 'proof part is 80 bytes');
  fixed[3] = validProof;
  const headerHex = fixed.slice(0, -1).join('');
  const h = decodeStacksBlockHeader(hexToBytes(headerHex));
  const e = entry.expected_header;
  assert.equal(h.version, e.version, 'version');
  assert.equal(h.totalWork.burn, BigInt(e['total_work.burn']), 'total_work.burn');
  assert.equal(h.totalWork.work, BigInt(e['total_work.work']), 'total_work.work');
  assert.equal(bytesToHex(h.parentBlock), e.parent_block, 'parent_block');
  assert.equal(bytesToHex(h.parentMicroblock), e.parent_microblock, 'parent_microblock');
  assert.equal(h.parentMicroblockSequence, e.parent_microblock_sequence, 'parent_microblock_sequence');
  assert.equal(bytesToHex(h.txMerkleRoot), e.tx_merkle_root, 'tx_merkle_root');
  assert.equal(bytesToHex(h.stateIndexRoot), e.state_index_root, 'state_index_root');
  assert.equal(bytesToHex(h.microblockPubkeyHash), e.microblock_pubkey_hash, 'microblock_pubkey_hash');
  assert.equal(bytesToHex(encodeStacksBlockHeader(h)), headerHex, 're-encoded header');
  // The trailing part is the u32 transaction count; the reference refuses a block without any.
  assert.equal(parseInt(parts[parts.length - 1]!, 16), entry.expected_tx_count, 'tx count field');
  expectCodecError(() => decodeStacksBlock(hexToBytes(fixed.join(''))), CodecErrorCode.InvalidValue, 'zero-transaction block');
}

let allEntries: VectorEntry[] | undefined;

export const runner: VectorFileRunner = {
  file: 'nakamoto-header.json',
  layer: 'codec',
  run(entry, index) {
    switch (entry.kind) {
      case 'nakamoto_header_codec':
        if ('problematic_txs' in entry.header) return skip(EPOCH4_HEADER);
        runHeaderCodec(entry);
        return;
      case 'nakamoto_problematic_tx_marker':
        return skip('epoch 4.0 only: ProblematicTxMarker belongs to the 4.x problematic_txs header field');
      case 'bitvec_codec': {
        const v = pox(entry.value);
        assert.equal(bytesToHex(encodeBitVec(v)), entry.expected_hex, 'encoded bitvec');
        const back = decodeBitVec(hexToBytes(entry.expected_hex));
        assert.deepEqual(bitVecToBools(back), entry.value.bits, 'decoded bits');
        return;
      }
      case 'bitvec_bit_order': {
        let v = bitVecZeros(entry.value.len);
        for (const i of entry.value.set_indices as number[]) v = bitVecSet(v, i, true);
        assert.equal(bitVecToBinaryString(v), entry.expected_binary_str, 'binary string');
        return;
      }
      case 'nakamoto_block_decode':
        runMainnetBlock(entry);
        return;
      case 'stacks2_header_decode':
        runStacks2Header(entry);
        return;
      case 'stacks2_block_decode':
        runStacks2Block(entry);
        return;
      case 'stacks2_header_layout':
        allEntries ??= loadAll();
        runStacks2Layout(entry, allEntries);
        return;
      default:
        throw new Error(`entry ${index}: unknown kind ${String(entry.kind)}`);
    }
  },
};

function loadAll(): VectorEntry[] {
  // The layout entry borrows a valid proof from a sibling entry of the same file.
  return loadVectorFile('nakamoto-header.json').vectors;
}
