// Starts and stops the real Bitcoin regtest node of ../shared/tools/btc-regtest (bcoin 1.0.2 with
// a Bitcoin Core compatibility shim) for e2e tests. The tool folder is copied once into
// `<repo>/node_modules/.cache/btc-regtest` and installed there with `npm install --ignore-scripts`
// (only the npm registry is needed), so later runs skip the install. Each start gets free ports, its
// own data dir and pid file, and binds to 127.0.0.1 only.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A running regtest node. */
export interface BtcRegtest {
  /** Node JSON-RPC endpoint (http://127.0.0.1:port). */
  readonly rpcUrl: string;
  /** Wallet JSON-RPC endpoint (bcoin serves the wallet on its own port). */
  readonly walletUrl: string;
  /** P2P port (same network magic and genesis as Bitcoin Core regtest). */
  readonly p2pPort: number;
  /** Basic-auth user (bcoin accepts any) and password. */
  readonly user: string;
  readonly pass: string;
  /** Stops the node (SIGTERM, then SIGKILL after 5 s) and removes its data dir. */
  stop(): Promise<void>;
}

// The workplace's tool: BTC_REGTEST_TOOL_DIR, else ../shared next to the checkout, else /work/shared.
const TOOL_DIR =
  process.env['BTC_REGTEST_TOOL_DIR'] ??
  [resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/tools/btc-regtest'), '/work/shared/tools/btc-regtest'].find((d) =>
    existsSync(join(d, 'regtest-node.js')),
  ) ??
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/tools/btc-regtest');
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'btc-regtest');

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) makeWritable(p);
    else chmodSync(p, 0o644 | (name.endsWith('.sh') ? 0o111 : 0));
  }
}

/** The installed tool folder (copied and installed on first use; safe against concurrent first uses). */
export function ensureBtcRegtestInstalled(): string {
  if (existsSync(join(CACHE_DIR, 'node_modules', 'bcoin', 'package.json'))) return CACHE_DIR;
  if (!existsSync(join(TOOL_DIR, 'regtest-node.js'))) throw new Error(`btc-regtest tool not found at ${TOOL_DIR} (set BTC_REGTEST_TOOL_DIR)`);
  mkdirSync(dirname(CACHE_DIR), { recursive: true });
  const staging = `${CACHE_DIR}.tmp-${process.pid}-${Date.now()}`;
  cpSync(TOOL_DIR, staging, { recursive: true });
  makeWritable(staging);
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging, stdio: 'pipe', timeout: 180_000 });
  try {
    renameSync(staging, CACHE_DIR);
  } catch {
    // Another worker installed it first.
    rmSync(staging, { recursive: true, force: true });
  }
  return CACHE_DIR;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((res) => {
    const t = setTimeout(() => res(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      res(true);
    });
  });
}

/** Starts a fresh in-memory regtest node on free loopback ports; resolves once it prints READY. */
export async function startBtcRegtest(opts: { readyTimeoutMs?: number } = {}): Promise<BtcRegtest> {
  const dir = ensureBtcRegtestInstalled();
  const [rpcPort, walletPort, p2pPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'btc-regtest-'));
  const pass = 'devnet';
  const child = spawn(process.execPath, ['regtest-node.js'], {
    cwd: dir,
    env: {
      ...process.env,
      BTC_RPC_PORT: String(rpcPort),
      BTC_WALLET_PORT: String(walletPort),
      BTC_P2P_PORT: String(p2pPort),
      BTC_RPC_PASS: pass,
      BTC_DATADIR: dataDir,
      BTC_PIDFILE: join(dataDir, 'btc.pid'),
      BTC_LOG_LEVEL: 'warning',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`btc-regtest not ready after ${opts.readyTimeoutMs ?? 30_000} ms:\n${output}`)), opts.readyTimeoutMs ?? 30_000);
    const onData = (d: Buffer): void => {
      output += d.toString();
      if (output.includes('READY ')) {
        clearTimeout(timer);
        res();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`btc-regtest exited with ${code}:\n${output}`));
    });
  }).catch(async (err: unknown) => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  child.stdout!.resume();
  child.stderr!.resume();
  let stopped = false;
  return {
    rpcUrl: `http://127.0.0.1:${rpcPort}`,
    walletUrl: `http://127.0.0.1:${walletPort}`,
    p2pPort,
    user: 'stacks',
    pass,
    async stop() {
      if (stopped) return;
      stopped = true;
      child.kill('SIGTERM');
      if (!(await waitExit(child, 5000))) {
        child.kill('SIGKILL');
        await waitExit(child, 2000);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
