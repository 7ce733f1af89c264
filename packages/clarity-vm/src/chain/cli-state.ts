/**
 * The persistent mode of `clarity-ts` (`--state <dir>`): `deploy`, `call` and `eval` against a
 * chain kept in a MARF directory, each committing one block.
 */
import fs from 'node:fs';
import { clarityValueToRepr, parsePrincipal, principalToString } from '@stacks-ts/codec';
import type { ClarityValue, PrincipalData, StandardPrincipal } from '@stacks-ts/codec';
import { GENESIS_ACCOUNTS, loadAnalysis } from '../batch.ts';
import type { ClarityVersion } from '../natives/context.ts';
import { openStateDir } from './persistent.ts';
import type { TxReceipt } from './runtime.ts';

/** The flags the persistent mode reads. */
export interface StateCommandFlags {
  readonly state: string;
  readonly epoch: string;
  readonly clarityVersion: ClarityVersion | undefined;
  readonly sender: string | undefined;
  readonly name: string | undefined;
  readonly positional: readonly string[];
}

function senderOf(flags: StateCommandFlags): StandardPrincipal {
  const named = (GENESIS_ACCOUNTS as Record<string, string>)[flags.sender ?? 'deployer'];
  const p = parsePrincipal(named ?? flags.sender!);
  if (p.type !== 'standard') throw new Error('--sender must be a standard principal');
  return p;
}

function print(r: TxReceipt, out: (s: string) => void): number {
  if (r.error !== undefined) {
    out(`${r.error.kind} error: ${r.error.message}\n`);
    return 1;
  }
  out(`${r.result === null ? 'none' : clarityValueToRepr(r.result)}\n`);
  for (const e of r.events) out(`event ${JSON.stringify(e)}\n`);
  if (!r.committed) out('aborted\n');
  return 0;
}

/** Runs `deploy`, `call` or `eval` in a state directory; returns the exit code. */
export async function runStateCommand(command: 'deploy' | 'call' | 'eval', flags: StateCommandFlags, out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const analysis = await loadAnalysis();
  const dir = await openStateDir(flags.state, { epoch: flags.epoch, analysis });
  try {
    const sender = senderOf(flags);
    const version = flags.clarityVersion === undefined ? {} : { clarityVersion: flags.clarityVersion };
    switch (command) {
      case 'deploy': {
        const file = flags.positional[0];
        if (file === undefined) throw new Error('usage: clarity-ts deploy <file> --state <dir> [--name n]');
        const source = fs.readFileSync(file, 'utf8');
        const name = flags.name ?? (file.split('/').pop() ?? 'contract').replace(/\.clar$/, '');
        const r = dir.inNextBlock((c) => c.deployContract(sender, name, source, version));
        if (r.error === undefined) out(`deployed ${principalToString({ type: 'contract', version: sender.version, hash160: sender.hash160, contractName: name })} at height ${dir.tip().height}\n`);
        return print(r, out);
      }
      case 'call': {
        const [target, fn, ...argExprs] = flags.positional;
        if (target === undefined || fn === undefined) throw new Error('usage: clarity-ts call <contract> <function> [args...] --state <dir>');
        const contract = target.includes('.') ? target : `${GENESIS_ACCOUNTS.deployer}.${target}`;
        // Arguments are expressions evaluated read-only in the contract at the tip.
        const args: ClarityValue[] = argExprs.map((a) => dir.chain.evalReadOnly(dir.tip().blockId, contract, a));
        const c = dir.chain.contract(contract, dir.tip().blockId);
        const f = c?.functions.get(fn);
        if (f?.visibility === 'read-only') {
          const v = dir.chain.readOnlyCall(dir.tip().blockId, contract, fn, args, sender as PrincipalData);
          out(`${clarityValueToRepr(v)}\n`);
          return 0;
        }
        return print(dir.inNextBlock((ch) => ch.callFunction(sender, contract, fn, args)), out);
      }
      case 'eval': {
        const expr = flags.positional[0];
        if (expr === undefined) throw new Error("usage: clarity-ts eval '<expr>' --state <dir>");
        // Evaluated as the top level of a contract deployed in its own block (it may write state).
        const name = flags.name ?? `expr-${dir.tip().height + 1}`;
        return print(dir.inNextBlock((c) => c.deployContract(sender, name, expr, version)), out);
      }
    }
  } finally {
    dir.close();
  }
}
