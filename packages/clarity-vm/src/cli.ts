#!/usr/bin/env node
/**
 * `clarity-ts`: the Clarity command-line tool.
 *
 *   clarity-ts batch                         JSON-lines cases on stdin, one JSON answer per line on stdout
 *   clarity-ts eval '<expr>'                 evaluate an expression (or several forms) on a genesis chain
 *   clarity-ts check <file>                  parse and type-check a contract
 *   clarity-ts deploy <file> [--name n]      deploy a contract on a genesis chain, print its last value
 *   clarity-ts call <file> <fn> [args...]    deploy a contract, then call one of its public or read-only functions
 *
 * Options: --epoch (2.05, 2.1, 2.4, 3.0, 3.3; default 3.3), --clarity-version (1 to 4; default: the
 * epoch's newest), --sender (deployer, wallet_1, wallet_2 or an address), --boot-contracts <dir>
 * (deploy `<dir>/<name>.clar` at genesis from the boot address, and `<dir>/mainnet/<name>.clar`
 * from the mainnet one). Logs go to stderr.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { clarityValueToRepr, decodeClarityValue, parsePrincipal, principalToString } from '@stacks-ts/codec';
import type { ClarityValue, ContractPrincipal, StandardPrincipal } from '@stacks-ts/codec';
import { hexToBytes } from '@stacks-ts/common';
import { GENESIS_ACCOUNTS, deployContract, genesisChain, loadAnalysis, runBatchSync, runCase } from './batch.ts';
import type { BatchCase, BatchOptions, BatchResult } from './batch.ts';
import type { ClarityEvent } from './eval/context.ts';
import { callContractFunction, evaluate, resetCallStack } from './eval/interpreter.ts';
import type { Env } from './eval/interpreter.ts';
import { defaultClarityVersion } from './natives/context.ts';
import type { ClarityVersion } from './natives/context.ts';
import { buildAst } from './parser/build.ts';
import { resolveEpochId } from './parser/limits.ts';
import { runStateCommand } from './chain/cli-state.ts';
import { BOOT_SCHEDULE, bootContractsFromSources } from './boot.ts';
import type { BootContracts } from './boot.ts';

interface Flags {
  epoch: string;
  clarityVersion: ClarityVersion | undefined;
  sender: string | undefined;
  name: string | undefined;
  /** state: a MARF directory for the persistent mode (src/chain/cli-state.ts). */
  state: string | undefined;
  /** Boot contracts read from `--boot-contracts <dir>`. */
  bootContracts: BootContracts | undefined;
  positional: string[];
}

/** Reads `<dir>/<name>.clar` (and `<dir>/mainnet/<name>.clar`) for the names of `BOOT_SCHEDULE`. */
function readBootContracts(dir: string): BootContracts {
  if (!fs.existsSync(dir)) throw new Error(`--boot-contracts: no directory ${dir}`);
  const read = (sub: string): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const { name } of BOOT_SCHEDULE) {
      const file = `${dir}${sub}/${name}.clar`;
      if (fs.existsSync(file)) out[name] = fs.readFileSync(file, 'utf8');
    }
    return out;
  };
  const testnet = read('');
  if (Object.keys(testnet).length === 0) throw new Error(`--boot-contracts: no <name>.clar of a boot contract in ${dir}`);
  return bootContractsFromSources(testnet, { mainnet: read('/mainnet') });
}

function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = { epoch: '3.3', clarityVersion: undefined, sender: undefined, name: undefined, state: undefined, bootContracts: undefined, positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--epoch') flags.epoch = value();
    else if (a === '--clarity-version') flags.clarityVersion = Number(value()) as ClarityVersion;
    else if (a === '--sender') flags.sender = value();
    else if (a === '--name') flags.name = value();
    else if (a === '--state') flags.state = value();
    else if (a === '--boot-contracts') flags.bootContracts = readBootContracts(value());
    else flags.positional.push(a);
  }
  return flags;
}

function versionOf(flags: Flags): ClarityVersion {
  return flags.clarityVersion ?? (Math.min(4, defaultClarityVersion(resolveEpochId(flags.epoch))) as ClarityVersion);
}

function printResult(r: BatchResult): number {
  if (r.ok) {
    const v = decodeClarityValue(hexToBytes(r.result_hex.slice(2)));
    process.stdout.write(`${clarityValueToRepr(v)}\n`);
    for (const e of r.events ?? []) process.stdout.write(`event ${JSON.stringify(e)}\n`);
    return 0;
  }
  process.stdout.write(`${r.error_kind} error: ${r.error}\n`);
  return 1;
}

/** The batch options of a command: the analysis, and the boot contracts when given. */
async function commandOptions(flags: Flags): Promise<BatchOptions> {
  const opts = await loadAnalysis();
  return flags.bootContracts === undefined ? opts : { ...opts, bootContracts: flags.bootContracts };
}

/** A genesis chain for a command (with its boot contracts). */
function commandChain(flags: Flags, opts: BatchOptions) {
  return genesisChain(flags.epoch, {
    ...(opts.bootContracts === undefined ? {} : { bootContracts: opts.bootContracts }),
    ...(opts.analyze === undefined ? {} : { analyze: opts.analyze }),
    ...(opts.sortDefinitions === undefined ? {} : { sortDefinitions: opts.sortDefinitions }),
  });
}

async function batch(flags: Flags): Promise<number> {
  // costs: `cost` / `deploy_costs` per case as the oracle prints them, unless --no-cost
  const opts: BatchOptions = { ...(await commandOptions(flags)), costs: !process.argv.includes('--no-cost') };
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  const lines: string[] = [];
  for await (const line of rl) if (line.trim() !== '') lines.push(line);
  // Cases are run in input order; chains are shared per epoch across the whole input.
  const cases: BatchCase[] = [];
  const bad = new Map<number, BatchResult>();
  lines.forEach((line, i) => {
    try {
      cases.push(JSON.parse(line) as BatchCase);
    } catch (e) {
      bad.set(i, { id: '', ok: false, error_kind: 'runtime', error: `bad input line: ${e instanceof Error ? e.message : String(e)}` });
      cases.push({ id: '' });
    }
  });
  const results = runBatchSync(cases, opts);
  results.forEach((r, i) => process.stdout.write(`${JSON.stringify(bad.get(i) ?? r)}\n`));
  return 0;
}

async function evalCommand(flags: Flags): Promise<number> {
  if (flags.state !== undefined) return runStateCommand('eval', { ...flags, state: flags.state });
  const expr = flags.positional[0];
  if (expr === undefined) throw new Error("usage: clarity-ts eval '<expr>'");
  const opts = await commandOptions(flags);
  const chain = commandChain(flags, opts);
  const c: BatchCase = { id: 'eval', expr, epoch: flags.epoch, clarity_version: versionOf(flags), ...(flags.sender === undefined ? {} : { sender: flags.sender }) };
  return printResult(runCase(c, chain, opts));
}

function deployer(): StandardPrincipal {
  return parsePrincipal(GENESIS_ACCOUNTS.deployer) as StandardPrincipal;
}

function contractName(file: string, flags: Flags): string {
  return flags.name ?? (file.split('/').pop() ?? 'contract').replace(/\.clar$/, '');
}

async function checkCommand(flags: Flags): Promise<number> {
  const file = flags.positional[0];
  if (file === undefined) throw new Error('usage: clarity-ts check <file>');
  const source = fs.readFileSync(file, 'utf8');
  const opts = await commandOptions(flags);
  // Other contracts are unknown to `check`, except the boot contracts when given.
  const chain = flags.bootContracts === undefined ? undefined : commandChain(flags, opts);
  const me = deployer();
  const id: ContractPrincipal = { type: 'contract', version: me.version, hash160: me.hash160, contractName: contractName(file, flags) };
  try {
    const ast = buildAst(source, {
      epoch: flags.epoch,
      clarityVersion: versionOf(flags) as 1 | 2 | 3 | 4,
      contractIdentifier: id,
      ...(opts.sortDefinitions === undefined ? {} : { sortDefinitions: opts.sortDefinitions }),
    });
    if (opts.analyze === undefined) process.stderr.write('clarity-ts: no type checker available; only parsed\n');
    else opts.analyze(ast, versionOf(flags) as 1 | 2 | 3 | 4, flags.epoch, (c) => chain?.analyses.get(principalToString(c)));
    process.stdout.write(`ok: ${file} (${ast.expressions.length} top-level expressions)\n`);
    return 0;
  } catch (e) {
    process.stdout.write(`static error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

function deployFile(file: string, flags: Flags, opts: BatchOptions) {
  const source = fs.readFileSync(file, 'utf8');
  const chain = commandChain(flags, opts);
  const me = deployer();
  const id: ContractPrincipal = { type: 'contract', version: me.version, hash160: me.hash160, contractName: contractName(file, flags) };
  const events: ClarityEvent[] = [];
  const r = deployContract(chain, id, source, versionOf(flags), me, events, opts);
  return { chain, contract: r.contract, last: r.last, events };
}

async function deployCommand(flags: Flags): Promise<number> {
  if (flags.state !== undefined) return runStateCommand('deploy', { ...flags, state: flags.state });
  const file = flags.positional[0];
  if (file === undefined) throw new Error('usage: clarity-ts deploy <file>');
  const opts = await commandOptions(flags);
  try {
    const d = deployFile(file, flags, opts);
    process.stdout.write(`deployed ${d.contract.idString}\n`);
    if (d.last !== null) process.stdout.write(`${clarityValueToRepr(d.last)}\n`);
    for (const e of d.events) process.stdout.write(`event ${JSON.stringify(e)}\n`);
    return 0;
  } catch (e) {
    const err = e as { kind?: string; message?: string };
    process.stdout.write(`${err.kind ?? 'runtime'} error: ${err.message ?? String(e)}\n`);
    return 1;
  }
}

async function callCommand(flags: Flags): Promise<number> {
  if (flags.state !== undefined) return runStateCommand('call', { ...flags, state: flags.state });
  const [file, fn, ...argExprs] = flags.positional;
  if (file === undefined || fn === undefined) throw new Error('usage: clarity-ts call <file> <function> [args...]');
  const opts = await commandOptions(flags);
  try {
    const d = deployFile(file, flags, opts);
    const sender = parsePrincipal((GENESIS_ACCOUNTS as Record<string, string>)[flags.sender ?? 'deployer'] ?? flags.sender!);
    const events: ClarityEvent[] = [];
    const env: Env = { chain: d.chain, contract: d.contract, principals: { sender, caller: sender, sponsor: null }, events, readOnly: false, directCall: true };
    const args: ClarityValue[] = argExprs.map((src) => {
      const exprs = buildAst(src, { epoch: flags.epoch, clarityVersion: versionOf(flags) as 1 | 2 | 3 | 4, contractIdentifier: d.contract.id }).expressions;
      if (exprs.length !== 1) throw new Error(`argument must be one expression: ${src}`);
      resetCallStack();
      return evaluate(exprs[0]!, env, new Map());
    });
    resetCallStack();
    const v = callContractFunction(env, d.contract.id, fn, args, sender);
    process.stdout.write(`${clarityValueToRepr(v)}\n`);
    for (const e of events) process.stdout.write(`event ${JSON.stringify(e)}\n`);
    return 0;
  } catch (e) {
    const err = e as { kind?: string; message?: string };
    process.stdout.write(`${err.kind ?? 'runtime'} error: ${err.message ?? String(e)}\n`);
    return 1;
  }
}

const USAGE = `usage: clarity-ts <command> [options]
  batch [--no-cost]              JSON-lines cases on stdin -> JSON-lines answers on stdout (with costs)
  eval '<expr>'                  evaluate an expression on a genesis chain
  check <file>                   parse and type-check a contract
  deploy <file> [--name n]       deploy a contract on a genesis chain
  call <file> <fn> [args...]     deploy a contract and call a public or read-only function
options: --epoch 2.05|2.1|2.4|3.0|3.3   --clarity-version 1..4   --sender deployer|wallet_1|wallet_2|<address>
  --boot-contracts <dir>         deploy the boot contracts <dir>/<name>.clar (pox-4, costs-3, ...) at genesis from the
                                 boot address, and <dir>/mainnet/<name>.clar from the mainnet boot address
  --state <dir>                  eval/deploy/call against a chain kept in a MARF directory, one block per command
                                 (call then takes a deployed contract: call <name|address.name> <fn> [args...])
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const flags = parseFlags(rest);
  switch (command) {
    case 'batch':
      return batch(flags);
    case 'eval':
      return evalCommand(flags);
    case 'check':
      return checkCommand(flags);
    case 'deploy':
      return deployCommand(flags);
    case 'call':
      return callCommand(flags);
    default:
      process.stderr.write(USAGE);
      return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`clarity-ts: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
