// A bitcoind JSON-RPC client over Node's global fetch (spec-bitcoin.md §3; reference:
// stacks-node/src/burnchains/rpc/bitcoin_rpc_client, rpc_transport). Chain data is read as raw hex
// (`getblock <hash> 0`, `getblockheader <hash> false`) and decoded by our own parser, so it works the
// same against Bitcoin Core and against the bcoin regtest node used in tests.
import { BurnchainError, BurnchainErrorCode, isBurnchainError } from '../errors.ts';
import { hexToBytesChecked } from '../bitcoin/burn-tx.ts';
import type { BurnchainBlockSource, ChainTip } from '../source.ts';

/** Options of `createBitcoindClient`. */
export interface BitcoindClientOptions {
  /** Node RPC endpoint, for example `http://127.0.0.1:18443`. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /**
   * Endpoint of wallet calls. Default: `<url>/wallet/<walletName>` (Bitcoin Core). bcoin serves
   * its wallet RPC from a second port: pass that URL here.
   */
  readonly walletUrl?: string;
  /** Wallet name for the default wallet URL. Default `''`. */
  readonly walletName?: string;
  /** Per-request timeout in milliseconds. Default 300 000 (the reference's `burnchain.timeout`). */
  readonly timeoutMs?: number;
  /** Aborts every in-flight and future request. */
  readonly signal?: AbortSignal;
}

/** One unspent output as `listunspent` reports it. */
export interface RpcUnspent {
  readonly txid: string;
  readonly vout: number;
  readonly address?: string;
  readonly scriptPubKey: string;
  /** Amount in satoshis (converted from bitcoind's BTC decimal without floating point). */
  readonly amountSats: bigint;
  readonly confirmations: number;
}

/** `listunspent` filters. */
export interface ListUnspentOptions {
  readonly minConf?: number;
  readonly maxConf?: number;
  readonly includeUnsafe?: boolean;
  /** Minimum amount in satoshis. */
  readonly minimumAmountSats?: bigint;
  readonly maximumCount?: number;
}

/** A bitcoind JSON-RPC client; it is also a `BurnchainBlockSource`. */
export interface BitcoindClient extends BurnchainBlockSource {
  /** Calls any method on the node (or, with `wallet`, the wallet) endpoint and returns `result`. */
  call<T = unknown>(method: string, params?: readonly unknown[], opts?: { wallet?: boolean }): Promise<T>;
  getBlockchainInfo(): Promise<{ chain: string; blocks: number; bestblockhash: string } & Record<string, unknown>>;
  getBlockCount(): Promise<number>;
  getBestBlockHash(): Promise<string>;
  /** Block hash (hex, display order) at a height. */
  getBlockHashHex(height: number): Promise<string>;
  /** `getblock <hash> 0`: the raw block hex. */
  getBlockHex(hash: string): Promise<string>;
  /** `getblockheader <hash> false`: the 80-byte header hex. */
  getBlockHeaderHex(hash: string): Promise<string>;
  /** `getblockheader <hash> true`. */
  getBlockHeaderVerbose(hash: string): Promise<Record<string, unknown> & { height: number; hash: string }>;
  /** Broadcasts a raw transaction; returns its txid. `maxFeeRate`/`maxBurnAmount` are sent only when given. */
  sendRawTransaction(tx: Uint8Array | string, opts?: { maxFeeRate?: number; maxBurnAmount?: number }): Promise<string>;
  getRawTransactionHex(txid: string): Promise<string>;
  /** Mines `n` blocks paying to `address` (regtest); returns their hashes. */
  generateToAddress(n: number, address: string): Promise<string[]>;
  invalidateBlock(hash: string): Promise<void>;
  /** Wallet `listunspent` for some addresses. */
  listUnspent(addresses: readonly string[], opts?: ListUnspentOptions): Promise<RpcUnspent[]>;
  createWallet(name: string, opts?: { disablePrivateKeys?: boolean }): Promise<unknown>;
  listWallets(): Promise<string[]>;
  loadWallet(name: string): Promise<unknown>;
  getDescriptorInfo(descriptor: string): Promise<{ descriptor: string; checksum: string }>;
  /** Imports watch-only `addr(...)` descriptors; a per-item `success: false` throws. */
  importDescriptors(descriptors: readonly { desc: string; timestamp?: number | 'now'; internal?: boolean }[]): Promise<void>;
  /** Legacy-wallet (and bcoin) watch-only import. */
  importAddress(address: string, label?: string, rescan?: boolean): Promise<void>;
}

/** Satoshis from a BTC amount as JSON gives it (number or decimal string), without float arithmetic. */
export function btcToSats(amount: number | string): bigint {
  const s = typeof amount === 'number' ? amount.toFixed(8) : amount;
  const m = /^(-?)(\d+)(?:\.(\d{1,8})\d*)?$/.exec(s.trim());
  if (m === null) throw new BurnchainError(BurnchainErrorCode.Transport, `not a BTC amount: ${s}`);
  const sats = BigInt(m[2]!) * 100_000_000n + BigInt((m[3] ?? '').padEnd(8, '0'));
  return m[1] === '-' ? -sats : sats;
}

/** The decimal BTC string of an amount in satoshis. */
export function satsToBtc(sats: bigint): string {
  const neg = sats < 0n;
  const v = neg ? -sats : sats;
  return `${neg ? '-' : ''}${v / 100_000_000n}.${(v % 100_000_000n).toString().padStart(8, '0')}`;
}

/** Creates a client. No request is made until a method is called. */
export function createBitcoindClient(opts: BitcoindClientOptions): BitcoindClient {
  const nodeUrl = opts.url.replace(/\/+$/, '');
  const walletUrl = opts.walletUrl ?? `${nodeUrl}/wallet/${encodeURIComponent(opts.walletName ?? '')}`;
  const auth = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
  const timeoutMs = opts.timeoutMs ?? 300_000;
  let nextId = 0;

  async function call<T>(method: string, params: readonly unknown[] = [], callOpts: { wallet?: boolean } = {}): Promise<T> {
    const id = `stacks-ts-${nextId++}`;
    const url = callOpts.wallet === true ? walletUrl : nodeUrl;
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (opts.signal !== undefined) signals.push(opts.signal);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth, connection: 'close' },
        body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
        signal: AbortSignal.any(signals),
      });
    } catch (cause) {
      const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
      throw new BurnchainError(BurnchainErrorCode.Transport, timedOut ? `${method}: timed out after ${timeoutMs} ms` : `${method}: request failed`, { method, url, timeout: timedOut }, { cause });
    }
    const text = await res.text();
    let body: { id?: unknown; result?: unknown; error?: { code?: number; message?: string } | null } | undefined;
    try {
      body = text.length > 0 ? (JSON.parse(text) as typeof body) : undefined;
    } catch {
      body = undefined;
    }
    if (body?.error !== undefined && body.error !== null) {
      throw new BurnchainError(BurnchainErrorCode.Rpc, `${method}: ${body.error.message ?? 'error'}`, {
        method,
        rpcCode: body.error.code,
        rpcMessage: body.error.message,
      });
    }
    if (!res.ok || body === undefined) {
      throw new BurnchainError(BurnchainErrorCode.Transport, `${method}: HTTP ${res.status}`, { method, url, status: res.status });
    }
    if (body.id !== id) throw new BurnchainError(BurnchainErrorCode.Transport, `${method}: reply id does not match the request`, { method, expected: id, got: body.id });
    return body.result as T;
  }

  const isNotFound = (e: unknown): boolean =>
    isBurnchainError(e, BurnchainErrorCode.Rpc) && (e.meta['rpcCode'] === -5 || e.meta['rpcCode'] === -8 || /not found|out of range/i.test(String(e.meta['rpcMessage'])));

  const toHex = (hash: Uint8Array): string => Buffer.from(hash).toString('hex');

  const client: BitcoindClient = {
    call,
    getBlockchainInfo: () => call('getblockchaininfo'),
    getBlockCount: () => call<number>('getblockcount'),
    getBestBlockHash: () => call<string>('getbestblockhash'),
    getBlockHashHex: (height) => call<string>('getblockhash', [height]),
    getBlockHex: (hash) => call<string>('getblock', [hash, 0]),
    getBlockHeaderHex: (hash) => call<string>('getblockheader', [hash, false]),
    getBlockHeaderVerbose: (hash) => call('getblockheader', [hash, true]),
    sendRawTransaction(tx, o = {}) {
      const hex = typeof tx === 'string' ? tx : Buffer.from(tx).toString('hex');
      const params: unknown[] = [hex];
      if (o.maxFeeRate !== undefined || o.maxBurnAmount !== undefined) params.push(o.maxFeeRate ?? 0);
      if (o.maxBurnAmount !== undefined) params.push(o.maxBurnAmount);
      return call<string>('sendrawtransaction', params);
    },
    getRawTransactionHex: (txid) => call<string>('getrawtransaction', [txid, false]),
    generateToAddress: (n, address) => call<string[]>('generatetoaddress', [n, address]),
    async invalidateBlock(hash) {
      await call('invalidateblock', [hash]);
    },
    async listUnspent(addresses, o = {}) {
      const query: Record<string, unknown> = {};
      if (o.minimumAmountSats !== undefined) query['minimumAmount'] = satsToBtc(o.minimumAmountSats);
      if (o.maximumCount !== undefined) query['maximumCount'] = o.maximumCount;
      const params: unknown[] = [o.minConf ?? 1, o.maxConf ?? 9_999_999, addresses];
      if (o.includeUnsafe !== undefined || Object.keys(query).length > 0) params.push(o.includeUnsafe ?? false);
      if (Object.keys(query).length > 0) params.push(query);
      const rows = await call<{ txid: string; vout: number; address?: string; scriptPubKey: string; amount: number | string; confirmations: number }[]>(
        'listunspent',
        params,
        { wallet: true },
      );
      return rows.map((r) => ({
        txid: r.txid,
        vout: r.vout,
        ...(r.address !== undefined ? { address: r.address } : {}),
        scriptPubKey: r.scriptPubKey,
        amountSats: btcToSats(r.amount),
        confirmations: r.confirmations,
      }));
    },
    createWallet: (name, o = {}) => call('createwallet', [name, o.disablePrivateKeys ?? false]),
    listWallets: () => call<string[]>('listwallets'),
    loadWallet: (name) => call('loadwallet', [name]),
    getDescriptorInfo: (descriptor) => call('getdescriptorinfo', [descriptor]),
    async importDescriptors(descriptors) {
      const res = await call<{ success: boolean; error?: { message?: string } }[]>(
        'importdescriptors',
        [descriptors.map((d) => ({ desc: d.desc, timestamp: d.timestamp ?? 0, internal: d.internal ?? true }))],
        { wallet: true },
      );
      const failed = res.findIndex((r) => !r.success);
      if (failed >= 0) {
        throw new BurnchainError(BurnchainErrorCode.Rpc, `importdescriptors: ${res[failed]!.error?.message ?? 'failed'}`, { method: 'importdescriptors', index: failed });
      }
    },
    async importAddress(address, label = '', rescan = true) {
      await call('importaddress', [address, label, rescan], { wallet: true });
    },

    async getTip(): Promise<ChainTip> {
      const hash = await call<string>('getbestblockhash');
      const header = await call<{ height: number }>('getblockheader', [hash, true]);
      return { height: header.height, hash: hexToBytesChecked(hash) };
    },
    async getBlockHash(height) {
      try {
        return hexToBytesChecked(await call<string>('getblockhash', [height]));
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    },
    async getRawBlock(hash) {
      try {
        return hexToBytesChecked(await call<string>('getblock', [toHex(hash), 0]));
      } catch (e) {
        if (isNotFound(e)) throw new BurnchainError(BurnchainErrorCode.NotFound, `block ${toHex(hash)} not found`, { hash: toHex(hash) }, { cause: e });
        throw e;
      }
    },
    async getRawHeader(hash) {
      try {
        return hexToBytesChecked(await call<string>('getblockheader', [toHex(hash), false]));
      } catch (e) {
        if (isNotFound(e)) throw new BurnchainError(BurnchainErrorCode.NotFound, `header ${toHex(hash)} not found`, { hash: toHex(hash) }, { cause: e });
        throw e;
      }
    },
  };
  return client;
}
