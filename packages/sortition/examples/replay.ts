// Replays a sequence of Bitcoin blocks through a SortitionDB and prints each sortition's winner.
//
//   npx tsx --conditions=@stacks-ts/source examples/replay.ts            # a demo on the embedded sim chain
//   npx tsx --conditions=@stacks-ts/source examples/replay.ts blocks.json
//
// blocks.json: { "network": "regtest", "magic": "id", "epoch": "Epoch30",
//                "rewardCycleLength": 2100, "prepareLength": 100,
//                "blocks": [{ "height": 100, "hex": "<raw block>" }, ...] }
// The first block is the sortition DB's genesis; each later block must extend the one before it
// (or an earlier one: forks are followed).
import { readFileSync } from 'node:fs';
import { bytesToHex, STACKS_EPOCH_MAX, PEER_VERSION_EPOCH, StacksEpochId } from '@stacks-ts/common';
import { openBurnchainIndexer, openSimChain, parseBitcoinBlock, type BitcoinBlock, type BitcoinNetworkType } from '@stacks-ts/burnchain';
import { openSortitionDB } from '@stacks-ts/sortition';
import { BtcMiner, type ChainAdapter } from '../test/support/btc-miner.ts';

interface BlocksFile {
  network: BitcoinNetworkType;
  magic: string;
  epoch?: StacksEpochId;
  rewardCycleLength?: number;
  prepareLength?: number;
  blocks: { height: number; hex: string }[];
}

async function demoBlocks(): Promise<BitcoinBlock[]> {
  const sim = openSimChain({ network: 'regtest' });
  const chain: ChainAdapter = {
    getTip: () => sim.getTip(),
    getBlockHash: (h) => sim.getBlockHash(h),
    getRawBlock: (h) => sim.getRawBlock(h),
    getRawHeader: (h) => sim.getRawHeader(h),
    send: async (raw) => void sim.sendRawTransaction(raw),
    mine: async (n, address) => sim.mine(n, { to: address }),
  };
  const miners = [new BtcMiner('alice'), new BtcMiner('bob'), new BtcMiner('carol')];
  const funding = [];
  for (const m of miners) funding.push((await chain.mine(1, m.wallet.addressString))[0]!);
  await chain.mine(100, miners[0]!.wallet.addressString);
  for (const [i, m] of miners.entries()) await m.fundFromCoinbase(chain, funding[i]!);
  const first = (await chain.getTip()).height;
  for (const m of miners) await m.registerKey(chain);
  await chain.mine(1, miners[0]!.wallet.addressString);
  const blocks: BitcoinBlock[] = [];
  const ix = openBurnchainIndexer({ source: sim, network: 'regtest', magic: 'id', firstBlockHeight: first, onBlock: (b) => void blocks.push(b) });
  await ix.sync();
  const keyBlock = blocks[blocks.length - 1]!;
  keyBlock.txs.forEach((t, i) => (miners[i]!.key = { height: keyBlock.blockHeight, vtxindex: t.vtxindex }));
  for (let i = 0; i < 12; i++) {
    const height = keyBlock.blockHeight + 1 + i;
    for (const [j, m] of miners.entries()) await m.commit(chain, height, BigInt(10_000 * (j + 1)));
    await chain.mine(1, miners[0]!.wallet.addressString);
  }
  await ix.sync();
  ix.close();
  sim.close();
  return blocks;
}

const file = process.argv[2];
let blocks: BitcoinBlock[];
let epoch: StacksEpochId = StacksEpochId.Epoch30;
let cycle = { rewardCycleLength: 2100, prepareLength: 100 };
if (file === undefined) {
  blocks = await demoBlocks();
} else {
  const spec = JSON.parse(readFileSync(file, 'utf8')) as BlocksFile;
  blocks = spec.blocks.map((b) => parseBitcoinBlock(b.hex, b.height, spec.network, spec.magic));
  epoch = spec.epoch ?? epoch;
  cycle = { rewardCycleLength: spec.rewardCycleLength ?? cycle.rewardCycleLength, prepareLength: spec.prepareLength ?? cycle.prepareLength };
}
const genesis = blocks[0]!;
const db = openSortitionDB({
  params: {
    firstBlockHeight: genesis.blockHeight,
    firstBlockHash: genesis.blockHash,
    firstBlockTimestamp: genesis.timestamp,
    ...cycle,
    sunsetStart: Number.MAX_SAFE_INTEGER,
    sunsetEnd: Number.MAX_SAFE_INTEGER,
    mainnet: false,
    firstPoxWaterfallBlock: Number.POSITIVE_INFINITY,
    initialMiningBonusWindow: 10_000,
  },
  epochs: [{ epochId: epoch, startHeight: 0n, endHeight: STACKS_EPOCH_MAX, networkEpoch: PEER_VERSION_EPOCH[epoch] }],
});
for (const b of blocks.slice(1)) {
  const r = db.processBlock(b);
  const sn = r.snapshot;
  const commits = r.burnDistribution.length;
  const what = sn.sortition
    ? `winner ${bytesToHex(sn.winningBlockTxid).slice(0, 16)} (key ${r.outcome?.winner?.commit.keyBlockPtr},${r.outcome?.winner?.commit.keyVtxindex}, burn ${r.outcome?.winner?.commit.burnFee})`
    : r.outcome?.rejected
      ? `no winner: ${r.outcome.rejected.reason}`
      : 'no sortition';
  console.log(`${b.blockHeight} ${bytesToHex(b.blockHash).slice(0, 16)} commits=${commits} ${what}`);
}
const tip = db.getCanonicalTip();
console.log(`tip ${tip.blockHeight}: ${tip.numSortitions} sortitions, total burn ${tip.totalBurn} sats, consensus hash ${bytesToHex(tip.consensusHash)}`);
db.close();
