import { createManualClock, bytesToHex } from '@stacks-ts/common';
import { buildOpReturnScript, buildSignedTransaction, createKeyWallet, openBurnchainIndexer, openSimChain } from '@stacks-ts/burnchain';

// An embedded regtest chain in memory; block times come from the injected clock.
const chain = openSimChain({ clock: createManualClock(Date.UTC(2026, 0, 1)) });
const miner = createKeyWallet(new Uint8Array(32).fill(1), 'regtest');
chain.mine(101, { to: miner.addressString }); // 100 blocks until the first coinbase matures

// The indexer reads the chain through the same interface as a bitcoind node.
const indexer = openBurnchainIndexer({
  source: chain,
  network: 'regtest',
  magic: 'X2',
  firstBlockHeight: 100,
  onBlock: (block) => console.log(block.blockHeight, bytesToHex(block.blockHash).slice(0, 16), block.txs.length),
});
await indexer.sync();
// => 100 17b34e73478d52ae 0
// => 101 127f01e7288bef7c 0

// A burn operation: output 0 is OP_RETURN "X2" ‖ opcode ‖ payload.
const [coinbase] = chain.listUnspent(miner.addressString).filter((u) => u.height === 1);
const tx = buildSignedTransaction(
  miner,
  [{ txid: coinbase!.txid, vout: coinbase!.vout, value: coinbase!.value, prevTx: chain.getRawTransaction(coinbase!.txid)! }],
  [{ script: buildOpReturnScript('X2', '^', new Uint8Array(52)), value: 0n }],
);
chain.sendRawTransaction(tx.raw);
chain.mine(3);
await indexer.sync();
// => 102 6a450a14fa15eaef 1
// => 103 190b197f2fba1d45 0
// => 104 66e74fc30a589584 0

// A reorg: blocks 103-104 replaced by three new ones on 102; the new fork is handed over.
chain.reorg(2);
const { forkPoint, dropped, added } = await indexer.sync();
// => 103 25318536d19b5456 0
// => 104 2ee4a40535bb0dbc 0
// => 105 2688857147fdcfbc 0
console.log(forkPoint, dropped.length, added.length); // => 102 2 3
indexer.close();
chain.close();
