// The bitcoind JSON-RPC subset served by the simulated chain on 127.0.0.1, so external tools (and
// our own `createBitcoindClient`) can talk to it as to a regtest bitcoind. Error codes are
// bitcoind's: -32601 unknown method, -32602 bad params, -8 height out of range, -5 not found,
// -22 decode failure, -25 missing inputs, -26 other mempool rejections, -27 already in chain.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { decodeBlockHeader } from '../bitcoin/block.ts';
import { hexToBytesChecked } from '../bitcoin/burn-tx.ts';
import { BurnchainError, BurnchainErrorCode, isBurnchainError } from '../errors.ts';
import { satsToBtc } from '../rpc/bitcoind-client.ts';
import { SimRejectReason, type SimBitcoinChain } from './sim-chain.ts';

/** Options of `serveSimChainRpc`. */
export interface SimRpcServerOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Basic-auth password to require (any user name); omitted: no auth. */
  readonly password?: string;
  /** Largest request body accepted, in bytes. Default 8 MiB. */
  readonly maxBodyBytes?: number;
}

/** A running JSON-RPC server. */
export interface SimRpcServer {
  /** `http://127.0.0.1:<port>` (wallet calls are answered on any path, `/wallet/<name>` included). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

class RpcFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function rejectCode(reason: string): number {
  if (reason === SimRejectReason.Decode) return -22;
  if (reason === SimRejectReason.MissingOrSpent) return -25;
  if (reason === SimRejectReason.AlreadyInChain) return -27;
  return -26;
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new RpcFailure(-32602, `${what} must be a string`);
  return v;
}

function int(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new RpcFailure(-32602, `${what} must be an integer`);
  return v;
}

function blockBytes(chain: SimBitcoinChain, hash: string): Uint8Array {
  try {
    return chain.getRawBlockSync(hexToBytesChecked(str(hash, 'blockhash')));
  } catch (e) {
    if (isBurnchainError(e)) throw new RpcFailure(-5, 'Block not found');
    throw e;
  }
}

function headerJson(chain: SimBitcoinChain, hash: string): Record<string, unknown> {
  const raw = blockBytes(chain, hash);
  const h = decodeBlockHeader(raw.subarray(0, 80));
  const height = chain.blockHeight(hash)!;
  const tip = chain.tip().height;
  const onBest = chain.blockStatus(hash) === 'best';
  const next = onBest ? chain.blockHashAt(height + 1) : null;
  return {
    hash,
    confirmations: onBest ? tip - height + 1 : -1,
    height,
    version: h.version,
    merkleroot: hex(h.merkleRoot),
    time: h.time,
    nonce: h.nonce,
    bits: h.bits.toString(16).padStart(8, '0'),
    previousblockhash: height === 0 ? undefined : hex(h.prevBlockHash),
    ...(next !== null ? { nextblockhash: hex(next) } : {}),
  };
}

function dispatch(chain: SimBitcoinChain, method: string, p: readonly unknown[]): unknown {
  switch (method) {
    case 'getblockchaininfo': {
      const tip = chain.tip();
      return { chain: chain.network === 'mainnet' ? 'main' : chain.network === 'testnet' ? 'test' : 'regtest', blocks: tip.height, headers: tip.height, bestblockhash: hex(tip.hash) };
    }
    case 'getblockcount':
      return chain.tip().height;
    case 'getbestblockhash':
      return hex(chain.tip().hash);
    case 'getblockhash': {
      const h = chain.blockHashAt(int(p[0], 'height'));
      if (h === null || int(p[0], 'height') < 0) throw new RpcFailure(-8, 'Block height out of range');
      return hex(h);
    }
    case 'getblock': {
      const verbosity = p[1] === undefined ? 1 : p[1] === false ? 0 : p[1] === true ? 1 : int(p[1], 'verbosity');
      const raw = blockBytes(chain, str(p[0], 'blockhash'));
      if (verbosity === 0) return hex(raw);
      return { ...headerJson(chain, str(p[0], 'blockhash')), size: raw.length };
    }
    case 'getblockheader': {
      const hash = str(p[0], 'blockhash');
      if (p[1] === false) return hex(blockBytes(chain, hash).subarray(0, 80));
      return headerJson(chain, hash);
    }
    case 'sendrawtransaction':
      try {
        return hex(chain.sendRawTransaction(str(p[0], 'hexstring')));
      } catch (e) {
        if (isBurnchainError(e, BurnchainErrorCode.TxRejected)) {
          const reason = String(e.meta['reason']);
          throw new RpcFailure(rejectCode(reason), reason);
        }
        if (isBurnchainError(e, BurnchainErrorCode.Malformed)) throw new RpcFailure(-22, SimRejectReason.Decode);
        throw e;
      }
    case 'getrawtransaction': {
      const raw = chain.getRawTransaction(str(p[0], 'txid'));
      if (raw === null) throw new RpcFailure(-5, 'No such mempool or blockchain transaction');
      return hex(raw);
    }
    case 'getrawmempool':
      return chain.mempoolTxids().map(hex);
    case 'generatetoaddress':
      return chain.mine(int(p[0], 'nblocks'), { to: str(p[1], 'address') }).map(hex);
    case 'invalidateblock':
      chain.invalidate(str(p[0], 'blockhash'));
      return null;
    case 'reconsiderblock':
      chain.reconsider(str(p[0], 'blockhash'));
      return null;
    case 'listunspent': {
      const minConf = p[0] === undefined ? 1 : int(p[0], 'minconf');
      const maxConf = p[1] === undefined ? 9_999_999 : int(p[1], 'maxconf');
      const addresses = Array.isArray(p[2]) ? p[2].map((a) => str(a, 'address')) : [];
      return addresses.flatMap((address) =>
        chain
          .listUnspent(address, { minConf })
          .filter((u) => u.confirmations <= maxConf)
          .map((u) => ({
            txid: hex(u.txid),
            vout: u.vout,
            address,
            scriptPubKey: hex(u.scriptPubKey),
            amount: Number(satsToBtc(u.value)),
            confirmations: u.confirmations,
            spendable: true,
            solvable: false,
            safe: u.confirmations > 0,
          })),
      );
    }
    default:
      throw new RpcFailure(-32601, 'Method not found');
  }
}

function respond(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Serves the chain's bitcoind JSON-RPC subset on 127.0.0.1. */
export async function serveSimChainRpc(chain: SimBitcoinChain, opts: SimRpcServerOptions = {}): Promise<SimRpcServer> {
  const maxBody = opts.maxBodyBytes ?? 8 * 1024 * 1024;
  const expectedAuth = opts.password;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (expectedAuth !== undefined) {
      const auth = req.headers.authorization ?? '';
      const decoded = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString() : '';
      if (decoded.slice(decoded.indexOf(':') + 1) !== expectedAuth || !decoded.includes(':')) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="jsonrpc"' });
        res.end();
        return;
      }
    }
    if (req.method !== 'POST') {
      res.writeHead(405);
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody) {
        res.writeHead(413);
        res.end();
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (res.writableEnded) return;
      let body: { id?: unknown; method?: unknown; params?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        respond(res, 400, { id: null, result: null, error: { code: -32700, message: 'Parse error' } });
        return;
      }
      const id = body.id ?? null;
      try {
        if (typeof body.method !== 'string') throw new RpcFailure(-32600, 'Invalid request');
        const params = Array.isArray(body.params) ? (body.params as unknown[]) : [];
        const result = dispatch(chain, body.method, params);
        respond(res, 200, { id, result: result ?? null, error: null });
      } catch (e) {
        if (e instanceof RpcFailure) respond(res, 200, { id, result: null, error: { code: e.code, message: e.message } });
        else if (isBurnchainError(e)) respond(res, 200, { id, result: null, error: { code: e.code === BurnchainErrorCode.NotFound ? -5 : -8, message: e.message } });
        else respond(res, 500, { id, result: null, error: { code: -1, message: e instanceof Error ? e.message : String(e) } });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new BurnchainError(BurnchainErrorCode.Transport, 'the RPC server has no address');
  return {
    url: `http://127.0.0.1:${addr.port}`,
    port: addr.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
