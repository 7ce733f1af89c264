import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runStateCommand } from '../../../src/chain/cli-state.ts';
import type { StateCommandFlags } from '../../../src/chain/cli-state.ts';

const dir = mkdtempSync(join(tmpdir(), 'clarity-cli-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(command: 'deploy' | 'call' | 'eval', positional: string[], extra: Partial<StateCommandFlags> = {}) {
  let text = '';
  const flags: StateCommandFlags = { state: join(dir, 'state'), epoch: '3.3', clarityVersion: undefined, sender: undefined, name: undefined, positional, ...extra };
  const code = await runStateCommand(command, flags, (s) => {
    text += s;
  });
  return { code, text };
}

describe('clarity-ts --state: one block per command, state kept in the MARF directory', () => {
  it('deploys, calls, reads and evaluates across commands', async () => {
    const file = join(dir, 'counter.clar');
    writeFileSync(file, '(define-data-var n uint u0)\n(define-public (bump (by uint)) (begin (var-set n (+ (var-get n) by)) (ok (var-get n))))\n(define-read-only (get-n) (var-get n))\n');
    expect(await run('deploy', [file])).toEqual({ code: 0, text: 'deployed ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.counter at height 1\nnone\n' });
    expect((await run('call', ['counter', 'bump', 'u5'])).text).toBe('(ok u5)\n');
    expect((await run('call', ['counter', 'bump', '(+ u1 u1)'], { sender: 'wallet_1' })).text).toBe('(ok u7)\n');
    expect((await run('call', ['counter', 'get-n'])).text).toBe('u7\n');
    expect((await run('eval', ['(contract-call? .counter bump u10)'])).text).toBe('(ok u17)\n');
    // at-block: the value as of height 2 (after the first bump)
    expect((await run('eval', ['(at-block (unwrap-panic (get-stacks-block-info? id-header-hash u2)) (contract-call? .counter get-n))'])).text).toBe('u5\n');
    const again = await run('deploy', [file]);
    expect(again.code).toBe(1);
    expect(again.text).toMatch(/ContractAlreadyExists/);
    const missing = await run('call', ['counter', 'nope']);
    expect(missing).toEqual({ code: 1, text: expect.stringMatching(/^runtime error: .*UndefinedFunction/) });
  });
});
