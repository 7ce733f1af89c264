import { StacksEpochId, STACKS_EPOCH_MAX, bytesToHex } from '@stacks-ts/common';
import { vrfPublicKeyFromSecret } from '@stacks-ts/codec';
import type { BitcoinBlock, BitcoinTransaction } from '@stacks-ts/burnchain';
import {
  BurnMagic,
  buildLeaderBlockCommitPayload,
  buildLeaderKeyRegisterPayload,
  burnParentModulusFor,
  openSortitionDB,
} from '@stacks-ts/sortition';

// A sortition DB in memory, starting at burn block 100, everything in epoch 3.0.
const db = openSortitionDB({
  params: {
    firstBlockHeight: 100,
    firstBlockHash: new Uint8Array(32).fill(0xaa),
    firstBlockTimestamp: 0,
    rewardCycleLength: 2100,
    prepareLength: 100,
    sunsetStart: Number.MAX_SAFE_INTEGER,
    sunsetEnd: Number.MAX_SAFE_INTEGER,
    mainnet: false,
    firstPoxWaterfallBlock: Number.POSITIVE_INFINITY,
    initialMiningBonusWindow: 10_000,
  },
  epochs: [{ epochId: StacksEpochId.Epoch30, startHeight: 0n, endHeight: STACKS_EPOCH_MAX, networkEpoch: 0x0b }],
});

// Bitcoin transactions as the burnchain indexer hands them over: the OP_RETURN payload split into
// opcode and data, and the outputs after it (here: two burn outputs and a change output).
const burnOutput = (sats: bigint) => ({
  address: { kind: 'legacy', type: 'p2pkh', network: 'regtest', hash160: new Uint8Array(20) } as const,
  scriptPubKey: new Uint8Array(0),
  units: sats,
});
const tx = (n: number, payload: Uint8Array, outputs: BitcoinTransaction['outputs'], spends: { txid: Uint8Array; vout: number }): BitcoinTransaction => ({
  txid: new Uint8Array(32).fill(n),
  vtxindex: n,
  opcode: payload[2]!,
  data: payload.slice(3),
  dataAmt: 0n,
  inputs: [{ scriptSig: new Uint8Array(0), witness: [], ...spends }],
  outputs,
});
const block = (height: number, txs: BitcoinTransaction[]): BitcoinBlock => ({
  blockHeight: height,
  blockHash: new Uint8Array(32).fill(height),
  parentBlockHash: height === 101 ? new Uint8Array(32).fill(0xaa) : new Uint8Array(32).fill(height - 1),
  timestamp: height * 600,
  txs,
});

// Block 101: a miner registers its VRF key.
const key = buildLeaderKeyRegisterPayload(
  { consensusHash: new Uint8Array(20), publicKey: vrfPublicKeyFromSecret(new Uint8Array(32).fill(7)), memo: new Uint8Array(0) },
  BurnMagic.regtest,
);
db.processBlock(block(101, [tx(1, key, [burnOutput(5000n)], { txid: new Uint8Array(32), vout: 0 })]));

// Blocks 102..104: it commits 20,000 sats a block, each commit spending the previous one's change (vout 3).
let prev = { txid: new Uint8Array(32), vout: 0 };
for (const height of [102, 103, 104]) {
  const commit = buildLeaderBlockCommitPayload(
    {
      blockHeaderHash: new Uint8Array(32).fill(height),
      newSeed: new Uint8Array(32).fill(height + 1),
      parentBlockPtr: 0,
      parentVtxindex: 0,
      keyBlockPtr: 101,
      keyVtxindex: 1,
      memo: 0x0b, // the epoch 3.0 marker
      burnParentModulus: burnParentModulusFor(height),
    },
    BurnMagic.regtest,
  );
  const r = db.processBlock(block(height, [tx(height, commit, [burnOutput(10_000n), burnOutput(10_000n), burnOutput(90_000n)], prev)]));
  prev = { txid: new Uint8Array(32).fill(height), vout: 3 };
  const outcome = r.outcome!;
  console.log(height, r.snapshot.sortition ? `winner ${bytesToHex(r.snapshot.winningBlockTxid).slice(0, 8)}` : `no winner: ${outcome.rejected?.reason}`);
}
// => 102 no winner: Miner did not mine often enough to win
// => 103 no winner: Miner did not mine often enough to win
// => 104 winner 68686868

const tip = db.getCanonicalTip();
console.log(tip.blockHeight, tip.numSortitions, tip.totalBurn); // => 104 1 20000n
db.close();
