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
 * epoch's newest), --sender (deployer, wallet_1, wallet_2 or an address). Logs go to stderr.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { clarityValueToRepr, decodeClarityValue, parsePrincipal } from '@stacks-ts/codec';
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

interface Flags {
  epoch: string;
  clarityVersion: ClarityVersion | undefined;
  sender: string | undefined;
  name: string | undefined;
  positional: string[];
}

function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = { epoch: '3.3', clarityVersion: undefined, sender: undefined, name: undefined, positional: [] };
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

async function batch(): Promise<number> {
  const opts = await loadAnalysis();
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
  const expr = flags.positional[0];
  if (expr === undefined) throw new Error("usage: clarity-ts eval '<expr>'");
  const opts = await loadAnalysis();
  const chain = genesisChain(flags.epoch);
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
  const opts = await loadAnalysis();
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
    else opts.analyze(ast, versionOf(flags) as 1 | 2 | 3 | 4, flags.epoch, () => undefined);
    process.stdout.write(`ok: ${file} (${ast.expressions.length} top-level expressions)\n`);
    return 0;
  } catch (e) {
    process.stdout.write(`static error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

function deployFile(file: string, flags: Flags, opts: BatchOptions) {
  const source = fs.readFileSync(file, 'utf8');
  const chain = genesisChain(flags.epoch);
  const me = deployer();
  const id: ContractPrincipal = { type: 'contract', version: me.version, hash160: me.hash160, contractName: contractName(file, flags) };
  const events: ClarityEvent[] = [];
  const r = deployContract(chain, id, source, versionOf(flags), me, events, opts);
  return { chain, contract: r.contract, last: r.last, events };
}

async function deployCommand(flags: Flags): Promise<number> {
  const file = flags.positional[0];
  if (file === undefined) throw new Error('usage: clarity-ts deploy <file>');
  const opts = await loadAnalysis();
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
  const [file, fn, ...argExprs] = flags.positional;
  if (file === undefined || fn === undefined) throw new Error('usage: clarity-ts call <file> <function> [args...]');
  const opts = await loadAnalysis();
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
  batch                          JSON-lines cases on stdin -> JSON-lines answers on stdout
  eval '<expr>'                  evaluate an expression on a genesis chain
  check <file>                   parse and type-check a contract
  deploy <file> [--name n]       deploy a contract on a genesis chain
  call <file> <fn> [args...]     deploy a contract and call a public or read-only function
options: --epoch 2.05|2.1|2.4|3.0|3.3   --clarity-version 1..4   --sender deployer|wallet_1|wallet_2|<address>
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const flags = parseFlags(rest);
  switch (command) {
    case 'batch':
      return batch();
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
