// Against the REAL regtest node (bcoin 1.0.2 with the Core-compat shim from
// ../shared/tools/btc-regtest): our RPC client, transaction builder, parser and indexer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBlock } from '../../src/bitcoin/block.ts';
import { buildOpReturnScript, parseBitcoinBlock } from '../../src/bitcoin/burn-tx.ts';
import { encodeTransaction } from '../../src/bitcoin/tx.ts';
import { buildSignedTransaction, createKeyWallet } from '../../src/bitcoin/wallet.ts';
import { isBurnchainError } from '../../src/errors.ts';
import { openBurnchainIndexer } from '../../src/indexer.ts';
import { createBitcoindClient, type BitcoindClient } from '../../src/rpc/bitcoind-client.ts';
import type { BitcoinBlock } from '../../src/types.ts';
import { startBtcRegtest, type BtcRegtest } from '../support/btc-regtest.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));

let node: BtcRegtest;
let client: BitcoindClient;
const wallet = createKeyWallet(unhex('2a'.repeat(32)), 'regtest');

beforeAll(async () => {
  node = await startBtcRegtest();
  client = createBitcoindClient({ url: node.rpcUrl, walletUrl: node.walletUrl, username: node.user, password: node.pass, timeoutMs: 30_000 });
}, 120_000);

afterAll(async () => {
  await node?.stop();
});

describe('bitcoind JSON-RPC client against the regtest node', () => {
  it('reads chain info, mines to our address and serves raw blocks we can parse', async () => {
    const info = await client.getBlockchainInfo();
    expect(info.chain).toBe('regtest');
    expect(await client.getBlockHashHex(0)).toBe('0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206');
    const hashes = await client.generateToAddress(101, wallet.addressString);
    expect(hashes).toHaveLength(101);
    expect(await client.getBlockCount()).toBe(101);
    const raw = await client.getRawBlock(unhex(hashes[0]!));
    const block = decodeBlock(raw);
    expect(hex(block.hash)).toBe(hashes[0]);
    expect(block.txs[0]!.outputs[0]!.scriptPubKey).toEqual(wallet.script);
    const header = await client.getRawHeader(unhex(hashes[0]!));
    expect(header).toEqual(raw.subarray(0, 80));
    expect((await client.getTip()).height).toBe(101);
  });

  it('maps RPC errors and missing blocks to typed errors', async () => {
    expect(await client.getBlockHash(1_000_000)).toBeNull();
    await expect(client.getRawBlock(new Uint8Array(32).fill(7))).rejects.toMatchObject({ code: 'BURNCHAIN_NOT_FOUND' });
    await expect(client.call('nosuchmethod')).rejects.toMatchObject({ code: 'BURNCHAIN_RPC', meta: { rpcCode: -32601 } });
    await expect(client.sendRawTransaction('00')).rejects.toMatchObject({ code: 'BURNCHAIN_RPC', meta: { rpcCode: -22 } });
    const badAuth = createBitcoindClient({ url: node.rpcUrl, username: 'x', password: 'wrong', timeoutMs: 5000 });
    await expect(badAuth.getBlockCount()).rejects.toMatchObject({ code: 'BURNCHAIN_TRANSPORT', meta: { status: 401 } });
    const refused = createBitcoindClient({ url: 'http://127.0.0.1:1', username: 'x', password: 'y', timeoutMs: 5000 });
    const err = await refused.getBlockCount().catch((e: unknown) => e);
    expect(isBurnchainError(err, 'BURNCHAIN_TRANSPORT')).toBe(true);
  });

  it('lists the address UTXOs through a watch-only wallet', async () => {
    // bcoin has no createwallet RPC: create a watch-only wallet over its REST API, then RPC.
    const auth = `Basic ${Buffer.from(`${node.user}:${node.pass}`).toString('base64')}`;
    const res = await fetch(`${node.walletUrl}/wallet/watch`, { method: 'PUT', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ watchOnly: true }) });
    expect(res.ok).toBe(true);
    await client.call('selectwallet', ['watch'], { wallet: true });
    await client.importAddress(wallet.addressString, '', true);
    const utxos = await client.listUnspent([wallet.addressString], { minConf: 1 });
    expect(utxos.length).toBeGreaterThanOrEqual(100);
    expect(utxos[0]!.amountSats).toBe(5_000_000_000n);
    expect(utxos[0]!.scriptPubKey).toBe(hex(wallet.script));
  });
});

describe('indexing burn operations from the regtest node', () => {
  it('sends an OP_RETURN tx built by our code, indexes it, and follows a reorg', async () => {
    // Spend the (mature) coinbase of block 1 to an op-carrying transaction.
    const b1 = decodeBlock(await client.getRawBlock((await client.getBlockHash(1))!));
    const coinbase = b1.txs[0]!;
    const payload = new Uint8Array(77).fill(0x11);
    const op = buildOpReturnScript('X2', '[', payload);
    const tx = buildSignedTransaction(
      wallet,
      [{ txid: coinbase.txid, vout: 0, value: coinbase.outputs[0]!.value, prevTx: encodeTransaction(coinbase, false) }],
      [{ script: op, value: 0n }, { address: wallet.addressString, value: 55_000n }],
      { fee: 20_000n },
    );
    expect(await client.sendRawTransaction(tx.raw)).toBe(hex(tx.txid));
    // A second send is refused with bitcoind's code and message carried on the error.
    const again = await client.sendRawTransaction(tx.raw).catch((e: unknown) => e);
    expect(isBurnchainError(again, 'BURNCHAIN_RPC')).toBe(true);
    expect(String((again as { meta: { rpcMessage: string } }).meta.rpcMessage)).toMatch(/already/);
    const [minedIn] = await client.generateToAddress(1, wallet.addressString);
    expect(await client.getBlockCount()).toBe(102);

    const handed: BitcoinBlock[] = [];
    const reorgs: number[] = [];
    const ix = openBurnchainIndexer({
      source: client,
      network: 'regtest',
      magic: 'X2',
      firstBlockHeight: 95,
      onBlock: (b) => void handed.push(b),
      onReorg: (e) => void reorgs.push(e.forkPoint),
    });
    try {
      const r1 = await ix.sync();
      expect(r1.added.map((h) => h.blockHeight)).toEqual([95, 96, 97, 98, 99, 100, 101, 102]);
      const withOp = handed.filter((b) => b.txs.length > 0);
      expect(withOp).toHaveLength(1);
      expect(withOp[0]!.blockHeight).toBe(102);
      expect(hex(withOp[0]!.blockHash)).toBe(minedIn);
      const opTx = withOp[0]!.txs[0]!;
      expect(opTx.txid).toEqual(tx.txid);
      expect(opTx.vtxindex).toBe(1);
      expect(String.fromCharCode(opTx.opcode)).toBe('[');
      expect(opTx.data).toEqual(payload);
      expect(opTx.inputs[0]!.txid).toEqual(coinbase.txid);
      expect(opTx.outputs[0]!.units).toBe(55_000n);
      expect(opTx.outputs[0]!.address).toEqual(wallet.address);
      // The same block parsed straight from getblock hex agrees.
      expect(parseBitcoinBlock(await client.getBlockHex(minedIn!), 102, 'regtest', 'X2').txs[0]!.txid).toEqual(tx.txid);

      // Reorg: invalidate block 101, mine a longer fork from 100.
      const h101 = await client.getBlockHashHex(101);
      await client.invalidateBlock(h101);
      const forkHashes = await client.generateToAddress(3, wallet.addressString);
      expect(await client.getBlockCount()).toBe(103);
      const r2 = await ix.sync();
      expect(r2.forkPoint).toBe(100);
      expect(reorgs).toEqual([100]);
      expect(r2.dropped.map((h) => h.blockHeight)).toEqual([101, 102]);
      expect(r2.added.map((h) => hex(h.blockHash))).toEqual(forkHashes);
      expect(ix.tip()!.blockHeight).toBe(103);
    } finally {
      ix.close();
    }
  });
});
