import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { btcToSats, createBitcoindClient, satsToBtc } from '../../src/rpc/bitcoind-client.ts';

type Handler = (body: { id: string; method: string; params: unknown[] }, req: IncomingMessage, res: ServerResponse) => void;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A loopback JSON-RPC server answering with `handler`; returns its URL and the requests it saw. */
async function fakeNode(handler: Handler): Promise<{ url: string; seen: { path: string; auth: string; body: { method: string; params: unknown[]; jsonrpc: string } }[] }> {
  const seen: { path: string; auth: string; body: { method: string; params: unknown[]; jsonrpc: string } }[] = [];
  const srv = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(data) as { id: string; method: string; params: unknown[]; jsonrpc: string };
      seen.push({ path: req.url ?? '', auth: req.headers.authorization ?? '', body });
      handler(body, req, res);
    });
  });
  servers.push(srv);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const addr = srv.address() as { port: number };
  return { url: `http://127.0.0.1:${addr.port}`, seen };
}

const reply = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('bitcoind client', () => {
  it('sends the spec request shape with basic auth and routes wallet calls', async () => {
    const node = await fakeNode((b, _req, res) => {
      if (b.method === 'listunspent') return reply(res, 200, { id: b.id, error: null, result: [{ txid: 'aa', vout: 1, scriptPubKey: '51', amount: 0.1234, confirmations: 3 }] });
      reply(res, 200, { id: b.id, error: null, result: 7 });
    });
    const c = createBitcoindClient({ url: node.url + '/', username: 'u', password: 'p', walletName: 'miner' });
    expect(await c.getBlockCount()).toBe(7);
    const utxos = await c.listUnspent(['mabc'], { minimumAmountSats: 10_000n, maximumCount: 1024 });
    expect(utxos).toEqual([{ txid: 'aa', vout: 1, scriptPubKey: '51', amountSats: 12_340_000n, confirmations: 3 }]);
    expect(node.seen[0]!.auth).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(node.seen[0]!.path).toBe('/');
    expect(node.seen[0]!.body.jsonrpc).toBe('2.0');
    expect(node.seen[1]!.path).toBe('/wallet/miner');
    expect(node.seen[1]!.body.params).toEqual([1, 9_999_999, ['mabc'], false, { minimumAmount: '0.00010000', maximumCount: 1024 }]);
    await c.sendRawTransaction(Uint8Array.of(1, 2), { maxFeeRate: 0, maxBurnAmount: 1_000_000 });
    expect(node.seen[2]!.body).toMatchObject({ method: 'sendrawtransaction', params: ['0102', 0, 1_000_000] });
  });

  it('turns error replies (HTTP 200 or 500) into BURNCHAIN_RPC with the code and message', async () => {
    const node = await fakeNode((b, _req, res) =>
      reply(res, b.method === 'a' ? 500 : 200, { id: b.id, result: null, error: { code: -8, message: 'Block height out of range' } }),
    );
    const c = createBitcoindClient({ url: node.url, username: 'u', password: 'p' });
    await expect(c.call('a')).rejects.toMatchObject({ code: 'BURNCHAIN_RPC', meta: { rpcCode: -8, rpcMessage: 'Block height out of range' } });
    await expect(c.call('b')).rejects.toMatchObject({ code: 'BURNCHAIN_RPC', meta: { rpcCode: -8 } });
    expect(await c.getBlockHash(5)).toBeNull();
  });

  it('fails with BURNCHAIN_TRANSPORT on HTTP errors, bad JSON, a wrong id and timeouts', async () => {
    let mode = 'http';
    const node = await fakeNode((b, _req, res) => {
      if (mode === 'http') return reply(res, 401, {});
      if (mode === 'json') {
        res.writeHead(200);
        return res.end('not json');
      }
      if (mode === 'id') return reply(res, 200, { id: 'other', result: 1, error: null });
      if (mode === 'slow') return void setTimeout(() => reply(res, 200, { id: b.id, result: 1, error: null }), 2000);
    });
    const c = createBitcoindClient({ url: node.url, username: 'u', password: 'p', timeoutMs: 200 });
    await expect(c.getBlockCount()).rejects.toMatchObject({ code: 'BURNCHAIN_TRANSPORT', meta: { status: 401 } });
    mode = 'json';
    await expect(c.getBlockCount()).rejects.toMatchObject({ code: 'BURNCHAIN_TRANSPORT', meta: { status: 200 } });
    mode = 'id';
    await expect(c.getBlockCount()).rejects.toMatchObject({ code: 'BURNCHAIN_TRANSPORT', meta: { got: 'other' } });
    mode = 'slow';
    await expect(c.getBlockCount()).rejects.toMatchObject({ code: 'BURNCHAIN_TRANSPORT', meta: { timeout: true } });
  });

  it('converts BTC amounts without floating point', () => {
    expect(btcToSats(50)).toBe(5_000_000_000n);
    expect(btcToSats('0.00000001')).toBe(1n);
    expect(btcToSats(0.1 + 0.2)).toBe(30_000_000n);
    expect(btcToSats('-1.5')).toBe(-150_000_000n);
    expect(satsToBtc(123_456_789n)).toBe('1.23456789');
    expect(satsToBtc(-1n)).toBe('-0.00000001');
    expect(() => btcToSats('abc')).toThrow();
  });
});
