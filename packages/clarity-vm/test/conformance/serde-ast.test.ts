// The serde JSON of expressions and literal values against the reference's own serializer: the
// reference interpreter (@stacks/clarinet-sdk-wasm, a test-only devDependency) hands back a deployed
// contract's `ContractAST` through serde, so its `expressions` are exactly what the node writes in a
// stored contract's function bodies (the SDK is built in developer mode, so its expressions also
// carry a `span`, which the node's do not: it is dropped before comparing). The contract interface
// the stored analysis embeds is compared with the SDK's too.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePrincipal, principalToString } from '@stacks-ts/codec';
import type { ContractPrincipal } from '@stacks-ts/codec';
import { symbolicExpressionSerde } from '../../src/db/serde.ts';
import { analyzeContract, buildContractInterface, contractInterfaceToJson } from '../../src/analysis/index.ts';
import type { ContractAnalysis } from '../../src/analysis/index.ts';
import { buildAst } from '../../src/parser/build.ts';
import type { ClarityVersionNumber } from '../../src/parser/build.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const SENDER = 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM';

interface Sdk {
  initEmptySession(remote: null): Promise<void>;
  setEpoch(epoch: string): void;
  deployContract(args: unknown): { result: string };
  getContractAST(id: string): { expressions: unknown[] };
  getContractsInterfaces(): Map<string, unknown>;
}
interface Wasm {
  SDK: new (fs: (action: string) => Promise<never>, options: unknown) => Sdk;
  SDKOptions: new (costs: boolean, coverage: boolean, performance: boolean) => unknown;
  DeployContractArgs: new (name: string, source: string, options: unknown, sender: string) => unknown;
  ContractOptions: new (version: number) => unknown;
}

/** The SDK's serde value as JSON text: maps as objects, 128-bit integers as plain numbers, no spans. */
function serdeText(x: unknown): string {
  if (typeof x === 'bigint') return x.toString();
  if (x instanceof Map) return `{${[...x].map(([k, v]) => `${JSON.stringify(String(k))}:${serdeText(v)}`).join(',')}}`;
  if (Array.isArray(x) || x instanceof Uint8Array) return `[${[...x].map(serdeText).join(',')}]`;
  if (x !== null && typeof x === 'object') {
    const fields = Object.entries(x).filter(([k]) => k !== 'span' && k !== 'pre_comments' && k !== 'post_comments' && k !== 'end_line_comment');
    return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${serdeText(v)}`).join(',')}}`;
  }
  return JSON.stringify(x);
}

const TRAIT_SRC = '(define-trait t ((f (uint) (response bool uint))))';

/** Contracts that together use every expression kind and every literal kind. */
const CASES: readonly { readonly name: string; readonly epoch: string; readonly version: number; readonly source: string }[] = [
  {
    name: 'literals',
    epoch: '3.3',
    version: 4,
    source: `;; a comment
(define-constant big 170141183460469231731687303715884105727)
(define-constant small -170141183460469231731687303715884105728)
(define-constant top u340282366920938463463374607431768211455)
(define-constant s "tab\\t quote\\" back\\\\ nl\\n")
(define-constant w u"caf\\u{e9} \\u{1F600}")
(define-constant b 0x00ff10)
(define-constant e 0x)
(define-constant p '${SENDER})
(define-constant q '${SENDER}.other)
(define-constant r .local)
(define-read-only (f) {t: true, f: false, n: none, s: (some u1), o: (ok 1), e: (err u2), nested: {a: 1, b: {c: "x"}}, tu: (tuple (d 4)), l: (list 1 2)})`,
  },
  {
    name: 'traits',
    epoch: '3.3',
    version: 2,
    source: `(use-trait imported '${SENDER}.tr.t)
(define-trait local ((g ((list 3 <imported>)) (response bool uint))))
(impl-trait '${SENDER}.tr.t)
(define-public (f (x uint)) (ok true))
(define-public (call (c <imported>) (o (optional <local>))) (contract-call? c f u1))
(define-read-only (field) .tr)
(define-private (lets (a int)) (let ((b (+ a 1)) (c (* b 2))) (match (some c) v (+ v b) a)))`,
  },
  {
    name: 'v1',
    epoch: '2.05',
    version: 1,
    source: `(define-map m { k: uint } { v: (buff 20) })
(define-data-var d (list 5 int) (list 1 -2 3))
(define-public (set (k uint)) (ok (map-set m {k: k} {v: 0x0102})))
(define-read-only (get-it (k uint)) (get v (map-get? m (tuple (k k)))))
(define-read-only (txt) "plain")`,
  },
];

describe('stored expressions have the reference serde shape (against @stacks/clarinet-sdk-wasm)', () => {
  let sdk: Sdk;
  let wasm: Wasm;
  beforeAll(async () => {
    const require = createRequire(path.join(REPO_ROOT, 'package.json'));
    const saved = { log: console.log, info: console.info, warn: console.warn, debug: console.debug };
    for (const k of ['log', 'info', 'warn', 'debug'] as const) console[k] = () => {};
    try {
      wasm = require('@stacks/clarinet-sdk-wasm') as Wasm;
      sdk = new wasm.SDK((action) => Promise.reject(new Error(`no file access (${action})`)), new wasm.SDKOptions(false, false, false));
      await sdk.initEmptySession(null);
    } finally {
      Object.assign(console, saved);
    }
  });

  const analyses = new Map<string, ContractAnalysis>();

  function deploy(name: string, source: string, epoch: string, version: number): void {
    sdk.setEpoch(epoch);
    const r = sdk.deployContract(new wasm.DeployContractArgs(name, source, new wasm.ContractOptions(version), SENDER));
    expect(r.result, `deploy of ${name}`).toMatch(/^0x/);
  }

  for (const c of CASES) {
    it(`${c.name} (epoch ${c.epoch}, Clarity ${c.version})`, () => {
      if (c.name === 'traits') {
        deploy('tr', TRAIT_SRC, c.epoch, c.version);
        const tr = buildAst(TRAIT_SRC, { epoch: c.epoch, clarityVersion: c.version as ClarityVersionNumber, contractIdentifier: parsePrincipal(`${SENDER}.tr`) as ContractPrincipal });
        analyses.set(`${SENDER}.tr`, analyzeContract(tr, { epoch: c.epoch, clarityVersion: c.version as 1 | 2 | 3 | 4 }));
      }
      deploy(c.name, c.source, c.epoch, c.version);
      const theirs = sdk.getContractAST(`${SENDER}.${c.name}`).expressions.map(serdeText);
      const ast = buildAst(c.source, {
        epoch: c.epoch,
        clarityVersion: c.version as ClarityVersionNumber,
        contractIdentifier: parsePrincipal(`${SENDER}.${c.name}`) as ContractPrincipal,
      });
      const ours = ast.expressions.map(symbolicExpressionSerde);
      expect(ours.length).toBe(theirs.length);
      for (let i = 0; i < ours.length; i++) expect(ours[i], `expression ${i}`).toBe(theirs[i]);
      // The stored analysis embeds the contract interface: the reference's, field for field.
      analyses.set(`${SENDER}.${c.name}`, analyzeContract(ast, { epoch: c.epoch, clarityVersion: c.version as 1 | 2 | 3 | 4, contracts: (p) => analyses.get(principalToString(p)) }));
      const ci = buildContractInterface(analyses.get(`${SENDER}.${c.name}`)!);
      expect(ci).toBeDefined();
      expect(JSON.parse(contractInterfaceToJson(ci!))).toEqual(JSON.parse(serdeText(sdk.getContractsInterfaces().get(`${SENDER}.${c.name}`))));
    });
  }
});
