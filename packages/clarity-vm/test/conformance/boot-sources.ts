// The boot contracts' sources for tests. stacks-core's boot code is GPL-3.0 and this package is
// MIT, so the sources are never committed: they are read at test time from the installed oracle
// SDK (`@stacks/clarinet-sdk-wasm`, a root devDependency, itself GPL-3.0 and test-only) and cached
// under node_modules/.cache/stacks-boot-contracts/ (gitignored) so later runs skip the SDK.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BOOT_SCHEDULE, bootContractsFromSources } from '../../src/boot.ts';
import type { BootContracts, BootSources } from '../../src/boot.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(here, '../../../..');
/**
 * Where the sources are cached, in the layout `clarity-ts --boot-contracts <dir>` reads:
 * `<name>.clar` (testnet boot address) and `mainnet/<name>.clar` (mainnet boot address).
 */
export const BOOT_CACHE_DIR = path.join(REPO_ROOT, 'node_modules/.cache/stacks-boot-contracts');

const BOOT_ADDRESS = { testnet: 'ST000000000000000000002AMW42H', mainnet: 'SP000000000000000000002Q6VF78' } as const;
type Network = keyof typeof BOOT_ADDRESS;

/** The SDK version the cache was filled from (a different installed version refills it). */
function sdkVersion(): string {
  const require = createRequire(path.join(REPO_ROOT, 'package.json'));
  return (require('@stacks/clarinet-sdk-wasm/package.json') as { version: string }).version;
}

function readCache(version: string): Record<Network, BootSources> | null {
  const stamp = path.join(BOOT_CACHE_DIR, 'sdk-version');
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8').trim() !== version) return null;
  const out = { testnet: {} as Record<string, string>, mainnet: {} as Record<string, string> };
  for (const network of ['testnet', 'mainnet'] as const) {
    for (const { name } of BOOT_SCHEDULE) {
      const file = path.join(cacheDir(network), `${name}.clar`);
      if (fs.existsSync(file)) out[network][name] = fs.readFileSync(file, 'utf8');
    }
  }
  return Object.keys(out.testnet).length > 0 ? out : null;
}

interface WasmSdk {
  initEmptySession(remote: null): Promise<void>;
  getContractSource(id: string): string | undefined;
}

/** Reads every boot contract of `BOOT_SCHEDULE` from an empty simnet session of the SDK. */
async function readFromSdk(): Promise<Record<Network, BootSources>> {
  const require = createRequire(path.join(REPO_ROOT, 'package.json'));
  // The WASM logs through console.*: keep it off the test output while the session starts.
  const saved = { log: console.log, info: console.info, warn: console.warn, debug: console.debug };
  for (const k of ['log', 'info', 'warn', 'debug'] as const) console[k] = () => {};
  try {
    const wasm = require('@stacks/clarinet-sdk-wasm') as {
      SDK: new (fs: (action: string) => Promise<never>, options: unknown) => WasmSdk;
      SDKOptions: new (costs: boolean, coverage: boolean, performance: boolean) => unknown;
    };
    const sdk = new wasm.SDK(
      (action) => Promise.reject(new Error(`no file access (${action})`)),
      new wasm.SDKOptions(false, false, false),
    );
    await sdk.initEmptySession(null);
    const out = { testnet: {} as Record<string, string>, mainnet: {} as Record<string, string> };
    for (const network of ['testnet', 'mainnet'] as const) {
      for (const { name } of BOOT_SCHEDULE) {
        const source = sdk.getContractSource(`${BOOT_ADDRESS[network]}.${name}`);
        if (source !== undefined) out[network][name] = source;
      }
    }
    return out;
  } finally {
    Object.assign(console, saved);
  }
}

function cacheDir(network: Network): string {
  return network === 'testnet' ? BOOT_CACHE_DIR : path.join(BOOT_CACHE_DIR, 'mainnet');
}

function writeCache(version: string, sources: Record<Network, BootSources>): void {
  for (const network of ['testnet', 'mainnet'] as const) {
    fs.mkdirSync(cacheDir(network), { recursive: true });
    for (const [name, source] of Object.entries(sources[network])) fs.writeFileSync(path.join(cacheDir(network), `${name}.clar`), source);
  }
  fs.writeFileSync(path.join(BOOT_CACHE_DIR, 'sdk-version'), `${version}\n`);
}

let loaded: Promise<BootContracts> | undefined;

/**
 * The boot contracts as the oracle's simnet deploys them (testnet sources at the testnet boot
 * address, the mainnet sources at the mainnet one), from the cache or the SDK. Memoized.
 */
export function loadBootContracts(): Promise<BootContracts> {
  loaded ??= (async () => {
    const version = sdkVersion();
    let sources = readCache(version);
    if (sources === null) {
      sources = await readFromSdk();
      writeCache(version, sources);
    }
    return bootContractsFromSources(sources.testnet, { mainnet: sources.mainnet });
  })();
  return loaded;
}
