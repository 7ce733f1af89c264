// Writes the conformance corpus, corpus/<family>.jsonl, from the family generators in families/.
//   npx tsx --conditions=@stacks-ts/source packages/clarity-vm/test/conformance/build-corpus.ts
// The output is deterministic; after changing a family, re-record its golden answers (record.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_COMBOS, EPOCHS, FAMILIES } from './cases.ts';
import type { CorpusCase, Family } from './cases.ts';
import { arithmeticCases } from './families/arithmetic.ts';
import { comparisonCases } from './families/comparison.ts';
import { bitwiseCases } from './families/bitwise.ts';
import { sequencesCases } from './families/sequences.ts';
import { stringsBuffersCases } from './families/strings-buffers.ts';
import { conversionsCases } from './families/conversions.ts';
import { hashingCases } from './families/hashing.ts';
import { secp256k1Cases } from './families/secp256k1.ts';
import { principalsCases } from './families/principals.ts';
import { consensusBuffCases } from './families/consensus-buff.ts';
import { optionalsResponsesCases } from './families/optionals-responses.ts';
import { controlFlowCases } from './families/control-flow.ts';
import { definesCases } from './families/defines.ts';
import { tokensCases } from './families/tokens.ts';
import { stxCases } from './families/stx.ts';
import { contractCallCases } from './families/contract-call.ts';
import { traitsCases } from './families/traits.ts';
import { blockInfoCases } from './families/block-info.ts';
import { typeCheckerCases } from './families/type-checker.ts';
import { parseErrorsCases } from './families/parse-errors.ts';
import { versionGatesCases } from './families/version-gates.ts';
import { printEventsCases } from './families/print-events.ts';
import { clarity4Cases } from './families/clarity4.ts';
import { CORPUS_DIR } from './load.ts';


const GENERATORS: Record<Family, () => CorpusCase[]> = {
  arithmetic: arithmeticCases,
  comparison: comparisonCases,
  bitwise: bitwiseCases,
  sequences: sequencesCases,
  'strings-buffers': stringsBuffersCases,
  conversions: conversionsCases,
  hashing: hashingCases,
  secp256k1: secp256k1Cases,
  principals: principalsCases,
  'consensus-buff': consensusBuffCases,
  'optionals-responses': optionalsResponsesCases,
  'control-flow': controlFlowCases,
  defines: definesCases,
  tokens: tokensCases,
  stx: stxCases,
  'contract-call': contractCallCases,
  traits: traitsCases,
  'block-info': blockInfoCases,
  'type-checker': typeCheckerCases,
  'parse-errors': parseErrorsCases,
  'version-gates': versionGatesCases,
  'print-events': printEventsCases,
  clarity4: clarity4Cases,
};

/** Rejects cases the oracle would refuse or that would make the corpus ambiguous. */
function validate(cases: readonly CorpusCase[], seen: Set<string>): void {
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`duplicate id ${c.id}`);
    seen.add(c.id);
    if (!ALL_COMBOS.some((k) => k.epoch === c.epoch && k.clarity_version === c.clarity_version))
      throw new Error(`${c.id}: Clarity ${c.clarity_version} is not allowed in epoch ${c.epoch}`);
    if (c.expr === undefined && c.contract === undefined) throw new Error(`${c.id}: needs expr or contract`);
    if (Array.isArray(c.contract)) {
      const names = c.contract.map((k) => k.name);
      if (new Set(names).size !== names.length || names.some((n) => /^expr-\d+$/.test(n)))
        throw new Error(`${c.id}: contract names must be unique and not expr-N`);
      for (const k of c.contract)
        if (k.clarity_version !== undefined && !ALL_COMBOS.some((x) => x.epoch === c.epoch && x.clarity_version === k.clarity_version))
          throw new Error(`${c.id}: contract ${k.name} uses Clarity ${k.clarity_version} in epoch ${c.epoch}`);
    }
  }
}

/** Orders a family's cases by epoch (stable), so each epoch's shared chain is one contiguous run. */
function byEpoch(cases: readonly CorpusCase[]): CorpusCase[] {
  return [...cases].sort((a, b) => EPOCHS.indexOf(a.epoch) - EPOCHS.indexOf(b.epoch));
}

/** One case as a JSON line, fields in a fixed order. */
export function caseToJson(c: CorpusCase): string {
  const o: Record<string, unknown> = { id: c.id, epoch: c.epoch, clarity_version: c.clarity_version };
  if (c.sender !== undefined) o['sender'] = c.sender;
  if (c.fresh) o['fresh'] = true;
  if (c.contract !== undefined) o['contract'] = c.contract;
  if (c.expr !== undefined) o['expr'] = c.expr;
  o['expect'] = c.expect;
  if (c.expect_repr !== undefined) o['expect_repr'] = c.expect_repr;
  if (c.divergence !== undefined) o['divergence'] = c.divergence;
  return JSON.stringify(o);
}

/** Builds every family (or the named ones) and writes their files; returns the counts. */
export function buildCorpus(only: readonly string[] = []): Map<Family, number> {
  const counts = new Map<Family, number>();
  const seen = new Set<string>();
  fs.mkdirSync(CORPUS_DIR, { recursive: true });
  for (const family of FAMILIES) {
    const cases = byEpoch(GENERATORS[family]());
    validate(cases, seen);
    counts.set(family, cases.length);
    if (only.length > 0 && !only.includes(family)) continue;
    fs.writeFileSync(path.join(CORPUS_DIR, `${family}.jsonl`), cases.map(caseToJson).join('\n') + '\n');
  }
  return counts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const counts = buildCorpus(process.argv.slice(2));
  let total = 0;
  for (const [family, n] of counts) {
    total += n;
    process.stdout.write(`${family.padEnd(22)} ${n}\n`);
  }
  process.stdout.write(`${'total'.padEnd(22)} ${total}\n`);
}
