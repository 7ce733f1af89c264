/**
 * `clarity-ts --state <dir>`: a Clarity chain kept in a directory (a MARF, its side store with the
 * metadata table, and the current tip), one block per command. The first use writes a genesis
 * block funding the oracle's test accounts.
 */
import fs from 'node:fs';
import nodePath from 'node:path';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@stacks-ts/common';
import { parsePrincipal, sha512_256 } from '@stacks-ts/codec';
import { GENESIS_ACCOUNTS, GENESIS_BALANCE } from '../batch.ts';
import type { BatchOptions } from '../batch.ts';
import { ClarityStateError } from '../db/keys.ts';
import { ClarityChain } from './runtime.ts';

/** Name of the file holding the tip of a state directory. */
export const TIP_FILE_NAME = 'clarity-tip.json';

/** A state directory opened by `openStateDir`. */
export interface StateDir {
  readonly chain: ClarityChain;
  /** The last committed block (hex) and its height. */
  tip(): { readonly blockId: string; readonly height: number };
  /** Opens the next block on the tip, runs `body`, commits the block and moves the tip. */
  inNextBlock<T>(body: (chain: ClarityChain) => T): T;
  close(): void;
}

/** Options of `openStateDir`. */
export interface StateDirOptions {
  readonly epoch: string;
  readonly analysis?: BatchOptions;
}

function nextBlockId(parent: string, height: number): Uint8Array {
  return sha512_256(utf8ToBytes(`clarity-ts:${height}:${parent}`));
}

/** Opens (creating if needed) a state directory. */
export async function openStateDir(dir: string, opts: StateDirOptions): Promise<StateDir> {
  const { openMarfedKV } = await import('@stacks-ts/marf');
  fs.mkdirSync(dir, { recursive: true });
  const kv = openMarfedKV({ path: dir });
  // Contract metadata rows live in the MarfedKV's side store and commit with each block.
  const chain = new ClarityChain(kv, { epoch: opts.epoch, ...(opts.analysis === undefined ? {} : { analysis: opts.analysis }) });
  const tipFile = nodePath.join(dir, TIP_FILE_NAME);
  let tip: { blockId: string; height: number } | undefined;
  if (fs.existsSync(tipFile)) {
    tip = JSON.parse(fs.readFileSync(tipFile, 'utf8')) as { blockId: string; height: number };
    if (!kv.marf.hasBlock(tip.blockId)) throw new ClarityStateError('STATE_UNKNOWN_BLOCK', `the tip ${tip.blockId} is not in the MARF`);
  }
  const saveTip = (t: { blockId: string; height: number }) => {
    const tmp = `${tipFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(t));
    fs.renameSync(tmp, tipFile);
    tip = t;
  };
  const inNextBlock = <T>(body: (c: ClarityChain) => T): T => {
    const parent = tip?.blockId ?? null;
    const height = tip === undefined ? 0 : tip.height + 1;
    const id = nextBlockId(parent ?? 'genesis', height);
    chain.beginBlock(parent === null ? null : hexToBytes(parent), id);
    let out: T;
    try {
      out = body(chain);
    } catch (e) {
      chain.abortBlock();
      throw e;
    }
    chain.commitBlock();
    saveTip({ blockId: bytesToHex(id), height });
    return out;
  };
  if (tip === undefined) {
    inNextBlock((c) => {
      for (const addr of Object.values(GENESIS_ACCOUNTS)) c.mintStx(parsePrincipal(addr), GENESIS_BALANCE);
    });
  }
  return {
    chain,
    tip: () => tip!,
    inNextBlock,
    close() {
      kv.close();
    },
  };
}
