import { describe, expect, it } from 'vitest';
import { clarityValueToRepr, decodeClarityValue } from '@stacks-ts/codec';
import { hexToBytes } from '@stacks-ts/common';
import { runBatch, runBatchSync } from '../../../src/batch.ts';
import type { BatchCase, BatchResult } from '../../../src/batch.ts';

function repr(r: BatchResult): string {
  if (!r.ok) return `${r.error_kind}`;
  return clarityValueToRepr(decodeClarityValue(hexToBytes(r.result_hex.slice(2))));
}

const DEPLOYER = 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM';
const WALLET_1 = 'ST1SJ3DTE5DN7X54YDH5D64R3BCB6A2AG2ZQ8YPD5';

function c(id: string, fields: Partial<BatchCase>): BatchCase {
  return { id, epoch: '3.3', clarity_version: 3, ...fields };
}

describe('runBatch chain rules (the oracle JSON-lines semantics)', () => {
  it('answers every case once, in order, with its id', () => {
    const out = runBatchSync([c('a', { expr: '1' }), c('b', { expr: '(+ 1' }), c('c', { expr: '(/ 1 0)' })]);
    expect(out.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(out.map(repr)).toEqual(['1', 'static', 'runtime']);
  });

  it('shares one chain per epoch between plain cases and starts fresh ones from genesis', () => {
    const out = runBatchSync([
      c('t1', { expr: `(stx-transfer? u5 tx-sender '${WALLET_1})` }),
      c('b1', { expr: `(stx-get-balance '${WALLET_1})` }),
      c('b2', { expr: `(stx-get-balance '${WALLET_1})`, epoch: '3.0' }),
      c('b3', { expr: `(stx-get-balance '${WALLET_1})`, fresh: true }),
    ]);
    expect(out.map(repr)).toEqual(['(ok true)', 'u100000000000005', 'u100000000000000', 'u100000000000000']);
  });

  it('names snippets expr-N from 0 after each chain reset', () => {
    const out = runBatchSync([c('a', { expr: '(as-contract tx-sender)', fresh: true })]);
    expect(repr(out[0]!)).toBe(`'${DEPLOYER}.expr-0`);
  });

  it('uses sender only for a single form without define', () => {
    const out = runBatchSync([
      c('single', { expr: 'tx-sender', sender: 'wallet_1' }),
      c('several', { expr: '1 tx-sender', sender: 'wallet_1' }),
      c('address', { expr: 'tx-sender', sender: WALLET_1 }),
    ]);
    expect(out.map(repr)).toEqual([`'${WALLET_1}`, `'${DEPLOYER}`, `'${WALLET_1}`]);
  });

  it('deploys contracts in order with their own Clarity version and reports deploy failures by kind', () => {
    const out = runBatchSync([
      c('ok', {
        contract: [
          { name: 'a', source: '(define-read-only (f) u1)', clarity_version: 1 },
          { name: 'b', source: '(define-read-only (g) (contract-call? .a f))' },
        ],
        expr: '(contract-call? .b g)',
      }),
      c('bad-runtime', { contract: '(define-constant x (/ 1 0))', expr: '1' }),
      c('bad-static', { contract: '(define-constant x', expr: '1' }),
      c('no-expr', { contract: '(define-data-var v uint u3) (var-get v)' }),
    ]);
    expect(out.map(repr)).toEqual(['u1', 'runtime', 'static', 'u3']);
  });

  it('reports events only when there are some', () => {
    const out = runBatchSync([c('p', { expr: '(print u1)' }), c('n', { expr: 'u1' })]);
    expect(out[0]!.ok && out[0]!.events?.map((e) => e.event)).toEqual(['print_event']);
    expect(out[1]!.ok && 'events' in out[1]!).toBe(false);
  });

  it('runBatch runs the static analysis when src/analysis is present', async () => {
    const out = await runBatch([c('a', { expr: '(+ 1 u1)' })]);
    expect(out[0]!.ok === false && out[0]!.error_kind).toBe('static');
    expect(runBatchSync([c('a', { expr: '(+ 1 u1)' })]).map(repr)).toEqual(['runtime']);
  });
});
