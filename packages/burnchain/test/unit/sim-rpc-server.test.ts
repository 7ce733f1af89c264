import { createManualClock } from '@stacks-ts/common';
import { afterEach, describe, expect, it } from 'vitest';
import { buildOpReturnScript } from '../../src/bitcoin/burn-tx.ts';
import { buildSignedTransaction, createKeyWallet } from '../../src/bitcoin/wallet.ts';
import { openBurnchainIndexer } from '../../src/indexer.ts';
import { createBitcoindClient } from '../../src/rpc/bitcoind-client.ts';
import { serveSimChainRpc, type SimRpcServer } from '../../src/sim/rpc-server.ts';
import { COINBASE_MATURITY, openSimChain, type SimBitcoinChain } from '../../src/sim/sim-chain.ts';
import type { BitcoinBlock } from '../../src/types.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ chain: SimBitcoinChain; server: SimRpcServer }> {
  const chain = openSimChain({ clock: createManualClock(1_700_000_000_000) });
  cleanups.push(() => chain.close());
  const server = await serveSimChainRpc(chain, { password: 'devnet' });
  cleanups.push(() => server.close());
  return { chain, server };
}

describe('simulated chain JSON-RPC server', () => {
  it('answers our bitcoind client like a regtest node', async () => {
    const { chain, server } = await setup();
    const client = createBitcoindClient({ url: server.url, username: 'any', password: 'devnet', walletName: 'miner', timeoutMs: 5000 });
    const w = createKeyWallet(Uint8Array.from(Buffer.from('44'.repeat(32), 'hex')), 'regtest');
    expect((await client.getBlockchainInfo()).chain).toBe('regtest');
    const hashes = await client.generateToAddress(COINBASE_MATURITY + 1, w.addressString);
    expect(hashes[0]).toBe(hex(chain.blockHashAt(1)!));
    expect(await client.getBlockCount()).toBe(101);
    expect(await client.getBlockHeaderVerbose(hashes[1]!)).toMatchObject({ height: 2, confirmations: 100, previousblockhash: hashes[0] });
    const utxos = await client.listUnspent([w.addressString], { minConf: 100 });
    expect(utxos).toHaveLength(2);
    expect(utxos[0]!.amountSats).toBe(5_000_000_000n);
    const u = utxos[0]!;
    const tx = buildSignedTransaction(
      w,
      [{ txid: u.txid, vout: u.vout, value: u.amountSats, prevTx: Uint8Array.from(Buffer.from(await client.getRawTransactionHex(u.txid), 'hex')) }],
      [{ script: buildOpReturnScript('X2', 'x', new Uint8Array(17)), value: 0n }, { address: w.addressString, value: 7000n }],
    );
    expect(await client.sendRawTransaction(tx.raw)).toBe(hex(tx.txid));
    await expect(client.sendRawTransaction('00')).rejects.toMatchObject({ code: 'BURNCHAIN_RPC', meta: { rpcCode: -22 } });
    const doubleSpend = buildSignedTransaction(
      w,
      [{ txid: u.txid, vout: u.vout, value: u.amountSats, prevTx: Uint8Array.from(Buffer.from(await client.getRawTransactionHex(u.txid), 'hex')) }],
      [{ address: w.addressString, value: 8000n }],
    );
    await expect(client.sendRawTransaction(doubleSpend.raw)).rejects.toMatchObject({ meta: { rpcCode: -26, rpcMessage: 'txn-mempool-conflict' } });
    await expect(client.getBlockHashHex(1000)).rejects.toMatchObject({ meta: { rpcCode: -8 } });
    await expect(client.call('nope')).rejects.toMatchObject({ meta: { rpcCode: -32601 } });
    const bad = createBitcoindClient({ url: server.url, username: 'any', password: 'wrong', timeoutMs: 5000 });
    await expect(bad.getBlockCount()).rejects.toMatchObject({ code: 'BURNCHAIN_TRANSPORT', meta: { status: 401 } });
    await client.generateToAddress(1, w.addressString);

    // The indexer over RPC sees what it sees over the chain directly, reorgs included.
    const overRpc: BitcoinBlock[] = [];
    const direct: BitcoinBlock[] = [];
    const ixRpc = openBurnchainIndexer({ source: client, network: 'regtest', magic: 'X2', firstBlockHeight: 98, onBlock: (b) => void overRpc.push(b) });
    const ixDirect = openBurnchainIndexer({ source: chain, network: 'regtest', magic: 'X2', firstBlockHeight: 98, onBlock: (b) => void direct.push(b) });
    cleanups.push(() => ixRpc.close(), () => ixDirect.close());
    await ixRpc.sync();
    await ixDirect.sync();
    await client.invalidateBlock(hex(chain.blockHashAt(101)!));
    await client.generateToAddress(3, w.addressString);
    const r1 = await ixRpc.sync();
    const r2 = await ixDirect.sync();
    expect(r1.forkPoint).toBe(100);
    expect(r2).toEqual(r1);
    expect(overRpc).toEqual(direct);
    expect(overRpc.find((b) => b.txs.length > 0)!.txs[0]!.txid).toEqual(tx.txid);
    // The op tx went back to the mempool and was confirmed again on the new fork.
    expect(overRpc.filter((b) => b.txs.length > 0).map((b) => b.blockHeight)).toEqual([102, 101]);
  });
});
