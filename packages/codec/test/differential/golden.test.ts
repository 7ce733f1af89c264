/**
 * Golden mode: the recorded cases (`golden/cases.json`, made by `generate.ts` with
 * `@stacks/transactions` 7.6.0) against our codec. Re-record with
 *   npx tsx --conditions=@stacks-ts/source packages/codec/test/differential/generate.ts \
 *     --count 3000 --seed 1 --out packages/codec/test/differential/golden/cases.json
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAddressCase, checkCaseAgainstLibrary, checkClarityCase, checkPostConditionCase, checkTxCase, runChecks, type TxCheckStats } from './checks.ts';
import type { AddressCase, ClarityCase, GoldenFile, PostConditionCase, TxCase } from './json.ts';

const golden = JSON.parse(readFileSync(new URL('./golden/cases.json', import.meta.url), 'utf8')) as GoldenFile;
const byKind = <K extends string>(k: K) => golden.cases.filter((c) => c.kind === k);

describe(`golden differential cases (${golden.library}, seed ${golden.seed})`, () => {
  it('the golden file is the size it says and covers every kind', () => {
    expect(golden.cases.length).toBe(golden.count);
    for (const k of ['tx', 'clarity', 'postcondition', 'address']) expect(byKind(k).length).toBeGreaterThan(100);
  });

  it('stacks.js still reads every golden case to its recorded description', () => {
    const { failed, report } = runChecks(golden.cases, checkCaseAgainstLibrary);
    expect(report).toBe('');
    expect(failed).toBe(0);
  });

  it('transactions: decode, byte-exact re-encode, txid, auth, signers, reverse read, our signer', () => {
    const stats: TxCheckStats = { resigned: 0, resignSkippedOversigned: 0, localeTupleOrder: 0 };
    const cases = byKind('tx') as TxCase[];
    const { report } = runChecks(cases, (c) => checkTxCase(c, stats));
    console.log(`golden tx: ${cases.length} cases; re-signed by our signer ${stats.resigned}; ` +
      `re-sign skipped (order-independent multisig signed beyond signaturesRequired, which our signer and the reference's refuse) ${stats.resignSkippedOversigned}; ` +
      `locale tuple order ${stats.localeTupleOrder}`);
    expect(report).toBe('');
  });

  it('Clarity values: decode, byte-exact re-encode (byte-ordered tuples), reverse read', () => {
    const { report } = runChecks(byKind('clarity') as ClarityCase[], checkClarityCase);
    expect(report).toBe('');
  });

  it('post-conditions: decode, byte-exact re-encode, reverse read', () => {
    const { report } = runChecks(byKind('postcondition') as PostConditionCase[], checkPostConditionCase);
    expect(report).toBe('');
  });

  it('addresses: c32 decode/encode, hash160 from public keys for every hash mode', () => {
    const { report } = runChecks(byKind('address') as AddressCase[], checkAddressCase);
    expect(report).toBe('');
  });
});
