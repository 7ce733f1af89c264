// Runs parse + static analysis over the corpus and reports, per family, how many golden `static`
// answers the analysis reproduces and how many `ok`/`runtime` cases it wrongly rejects.
//   npx tsx --conditions=@stacks-ts/source packages/clarity-vm/test/conformance/static-check-agreement.ts [-v] [family ...]
import type { ContractPrincipal } from '@stacks-ts/codec';
import { parsePrincipal, principalToString } from '@stacks-ts/codec';
import { analyzeContract, sortDefinitions } from '../../src/analysis/index.ts';
import { BOOT_ADDRESS_MAINNET, BOOT_ADDRESS_TESTNET } from '../../src/boot.ts';
import type { BootContracts } from '../../src/boot.ts';
import type { ContractAnalysis } from '../../src/analysis/index.ts';
import { isClarityError } from '../../src/errors.ts';
import { buildAst } from '../../src/parser/build.ts';
import { FAMILIES } from './cases.ts';
import type { CorpusCase, Family } from './cases.ts';
import { loadCases, loadGolden } from './load.ts';
import { pathToFileURL } from 'node:url';

const DEPLOYER = 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM';

function contractId(name: string): ContractPrincipal {
  const p = parsePrincipal(DEPLOYER);
  if (p.type !== 'standard') throw new Error('deployer');
  return { type: 'contract', version: p.version, hash160: p.hash160, contractName: name };
}

/** What parse + analysis says about a case. */
export type Verdict = { kind: 'static'; stage: 'parse' | 'check'; code: string; message: string } | { kind: 'pass' } | { kind: 'crash'; message: string };

/** The analyses of the boot contracts, each at its own epoch and version, by contract id (both boot addresses). */
export function analyzeBootContracts(boot: BootContracts): Map<string, ContractAnalysis> {
  const out = new Map<string, ContractAnalysis>();
  const lookup = (p: ContractPrincipal): ContractAnalysis | undefined => out.get(principalToString(p));
  for (const b of boot.contracts) {
    for (const [address, source] of [[BOOT_ADDRESS_TESTNET, b.source], [BOOT_ADDRESS_MAINNET, b.mainnetSource]] as const) {
      if (source === undefined) continue;
      const issuer = parsePrincipal(address);
      if (issuer.type !== 'standard') throw new Error('boot address');
      const id: ContractPrincipal = { type: 'contract', version: issuer.version, hash160: issuer.hash160, contractName: b.name };
      const version = b.clarityVersion as 1 | 2 | 3 | 4;
      const ast = buildAst(source, { epoch: b.epoch, clarityVersion: version, contractIdentifier: id, sortDefinitions });
      out.set(principalToString(id), analyzeContract(ast, { clarityVersion: version, epoch: b.epoch, contracts: lookup }));
    }
  }
  return out;
}

/** Parses and analyzes a case's contracts and expression as the batch runner deploys them (after `boot`). */
export function analyzeCase(c: CorpusCase, boot: ReadonlyMap<string, ContractAnalysis> = new Map()): Verdict {
  const deployed = new Map<string, ContractAnalysis>(boot);
  const lookup = (p: ContractPrincipal): ContractAnalysis | undefined => deployed.get(principalToString(p));
  const units: { name: string; source: string; version: 1 | 2 | 3 | 4 }[] = [];
  if (typeof c.contract === 'string') units.push({ name: 'contract', source: c.contract, version: c.clarity_version });
  else if (Array.isArray(c.contract)) {
    for (const u of c.contract) units.push({ name: u.name, source: u.source, version: u.clarity_version ?? c.clarity_version });
  }
  if (c.expr !== undefined) units.push({ name: 'expr-0', source: c.expr, version: c.clarity_version });
  try {
    for (const u of units) {
      const id = contractId(u.name);
      const ast = buildAst(u.source, { epoch: c.epoch, clarityVersion: u.version, contractIdentifier: id, sortDefinitions });
      const analysis = analyzeContract(ast, { clarityVersion: u.version, epoch: c.epoch, contracts: lookup });
      deployed.set(principalToString(id), analysis);
    }
  } catch (e) {
    if (isClarityError(e) && e.kind !== 'runtime') return { kind: 'static', stage: e.kind, code: e.code, message: e.message };
    return { kind: 'crash', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  return { kind: 'pass' };
}

/** Per-family agreement of the static stage with the golden answers. */
export interface StaticAgreement {
  readonly family: Family;
  readonly cases: number;
  /** Cases whose golden (or node-divergence) answer is a static error. */
  readonly staticGolden: number;
  /** Of those, how many parse + analysis reject. */
  readonly reproduced: number;
  /** Ids of golden-static cases we accept. */
  readonly missed: string[];
  /** Ids of golden ok/runtime cases we reject, with our error code and its stage. */
  readonly falseStatic: { id: string; stage: 'parse' | 'check'; code: string; message: string }[];
  /** Ids of cases where something other than a ClarityError was thrown. */
  readonly crashes: { id: string; message: string }[];
}

/** Runs `analyzeCase` over one family (after the `boot` analyses) and compares with its golden file. */
export function staticAgreement(family: Family, boot: ReadonlyMap<string, ContractAnalysis> = new Map()): StaticAgreement {
  const cases = loadCases(family);
  const golden = new Map(loadGolden(family).map((g) => [g.id, g]));
  const out: StaticAgreement = { family, cases: cases.length, staticGolden: 0, reproduced: 0, missed: [], falseStatic: [], crashes: [] };
  let reproduced = 0;
  let staticGolden = 0;
  for (const c of cases) {
    const g = golden.get(c.id) as { ok: boolean; error_kind?: string } | undefined;
    if (g === undefined) continue;
    const node = (c as { divergence?: { node?: { error_kind?: string } } }).divergence?.node;
    const goldenStatic = node !== undefined ? node.error_kind === 'static' : !g.ok && g.error_kind === 'static';
    const v = analyzeCase(c, boot);
    if (v.kind === 'crash') out.crashes.push({ id: c.id, message: v.message });
    if (goldenStatic) {
      staticGolden++;
      if (v.kind === 'static') reproduced++;
      else out.missed.push(c.id);
    } else if (v.kind === 'static') {
      out.falseStatic.push({ id: c.id, stage: v.stage, code: v.code, message: v.message });
    }
  }
  return { ...out, staticGolden, reproduced };
}

async function main(argv: string[]): Promise<void> {
  const { loadBootContracts } = await import('./boot-sources.ts');
  const boot = analyzeBootContracts(await loadBootContracts());
  const verbose = argv.includes('-v');
  const named = argv.filter((a) => a !== '-v') as Family[];
  const families = named.length > 0 ? named : [...FAMILIES];
  let total = { staticGolden: 0, reproduced: 0, falseStatic: 0, crashes: 0 };
  for (const family of families) {
    const r = staticAgreement(family, boot);
    if (verbose) {
      for (const id of r.missed) console.log(`MISS  ${id}`);
      for (const f of r.falseStatic) console.log(`FALSE ${f.id}: ${f.stage} ${f.code} ${f.message}`);
      for (const f of r.crashes) console.log(`CRASH ${f.id}: ${f.message}`);
    }
    total = {
      staticGolden: total.staticGolden + r.staticGolden,
      reproduced: total.reproduced + r.reproduced,
      falseStatic: total.falseStatic + r.falseStatic.length,
      crashes: total.crashes + r.crashes.length,
    };
    console.log(
      `${family.padEnd(22)} static ${r.reproduced}/${r.staticGolden}  false-static ${r.falseStatic.length}  crashes ${r.crashes.length}  (of ${r.cases})`,
    );
  }
  console.log(`${'TOTAL'.padEnd(22)} static ${total.reproduced}/${total.staticGolden}  false-static ${total.falseStatic}  crashes ${total.crashes}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
