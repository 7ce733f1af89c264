// Shared workload of the state benchmarks: a contract whose public function reads and writes a data
// var and a map entry, called N times per block on a ClarityChain over a MarfedKV.
import { parsePrincipal } from '@stacks-ts/codec';
import type { ClarityValue, StandardPrincipal } from '@stacks-ts/codec';
import { openMarfedKV } from '@stacks-ts/marf';
import { GENESIS_ACCOUNTS } from '../../src/batch.ts';
import type { BatchOptions } from '../../src/batch.ts';
import { ClarityChain } from '../../src/chain/runtime.ts';

export const STATE_CONTRACT = `
(define-data-var total uint u0)
(define-map counts uint uint)
(define-public (touch (k uint))
  (let ((n (+ u1 (default-to u0 (map-get? counts k)))))
    (map-set counts k n)
    (var-set total (+ (var-get total) n))
    (ok n)))
(define-read-only (get-total) (var-get total))`;

export const DEPLOYER = parsePrincipal(GENESIS_ACCOUNTS.deployer) as StandardPrincipal;
export const CONTRACT_ID = `${GENESIS_ACCOUNTS.deployer}.state`;

/** A chain with the contract deployed in block 0; `path` puts the MARF on disk. */
export function stateChain(analysis: BatchOptions, path?: string): { chain: ClarityChain; tip: Uint8Array; close(): void } {
  const kv = openMarfedKV(path === undefined ? {} : { path });
  const chain = new ClarityChain(kv, { epoch: '3.3', analysis });
  const tip = blockId(0);
  chain.beginBlock(null, tip);
  const r = chain.deployContract(DEPLOYER, 'state', STATE_CONTRACT);
  if (!r.committed) throw new Error(`deploy failed: ${r.error?.message}`);
  chain.commitBlock();
  return { chain, tip, close: () => kv.close() };
}

/** Block id number `n`. */
export function blockId(n: number): Uint8Array {
  const id = new Uint8Array(32);
  new DataView(id.buffer).setUint32(28, n + 1);
  return id;
}

/** Runs one block of `calls` `touch` calls on `parent`; returns the new tip. */
export function touchBlock(chain: ClarityChain, parent: Uint8Array, n: number, calls: number, keys: number): Uint8Array {
  const id = blockId(n);
  chain.beginBlock(parent, id);
  for (let i = 0; i < calls; i++) {
    const k: ClarityValue = { type: 'uint', value: BigInt((n * calls + i) % keys) };
    const r = chain.callFunction(DEPLOYER, CONTRACT_ID, 'touch', [k]);
    if (!r.committed) throw new Error(`call failed: ${r.error?.message}`);
  }
  chain.commitBlock();
  return id;
}
