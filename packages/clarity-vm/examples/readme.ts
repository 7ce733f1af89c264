import {
  ClarityError,
  GENESIS_ACCOUNTS,
  analysisTypeToString,
  analyzeContract,
  buildAst,
  buildContractInterface,
  callContractFunction,
  deployContract,
  genesisChain,
  loadAnalysis,
  runBatchSync,
} from '@stacks-ts/clarity-vm';
import type { ClarityEvent, ContractAnalysis, Env } from '@stacks-ts/clarity-vm';
import { Cl, clarityValueToRepr, decodeClarityValue, parsePrincipal } from '@stacks-ts/codec';
import type { ContractPrincipal, StandardPrincipal } from '@stacks-ts/codec';
import { hexToBytes } from '@stacks-ts/common';

// Parse and type-check an expression: the checker infers its type.
const ast = buildAst('(map + (list 1 2 3) (list 10 20))', { epoch: '3.3', clarityVersion: 4 });
const analysis = analyzeContract(ast, { clarityVersion: 4, epoch: '3.3' });
console.log(analysisTypeToString(analysis.typeMap.get(ast.expressions[0]!.id)!)); // => (list 2 int)

// Evaluate expressions the way `clarity-ts batch` does: values as SIP-005 hex, errors with a kind.
const opts = await loadAnalysis();
const [sum, overflow, badType] = runBatchSync(
  [
    { id: 'sum', expr: '(fold + (list u1 u2 u3) u0)', epoch: '3.3', clarity_version: 4 },
    { id: 'overflow', expr: '(+ u1 u340282366920938463463374607431768211455)', epoch: '3.3', clarity_version: 4 },
    { id: 'bad-type', expr: '(+ 1 u1)', epoch: '3.3', clarity_version: 4 },
  ],
  opts,
);
if (sum?.ok) console.log(clarityValueToRepr(decodeClarityValue(hexToBytes(sum.result_hex.slice(2))))); // => u6
if (overflow && !overflow.ok) console.log(overflow.error_kind, overflow.error); // => runtime Runtime(ArithmeticOverflow): ArithmeticOverflow
if (badType && !badType.ok) console.log(badType.error_kind); // => static

// Deploy a contract on a fresh in-memory chain, then call it.
const source = `
(define-fungible-token points u1000)
(define-public (earn (amount uint))
  (begin (try! (ft-mint? points amount tx-sender)) (ok (ft-get-balance points tx-sender))))`;
const chain = genesisChain('3.3');
const deployer = parsePrincipal(GENESIS_ACCOUNTS.deployer) as StandardPrincipal;
const id: ContractPrincipal = { ...deployer, type: 'contract', contractName: 'points' };
const events: ClarityEvent[] = [];
const { contract } = deployContract(chain, id, source, 4, deployer, events, opts);
console.log(contract.idString); // => ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.points
const abi = buildContractInterface(chain.analyses.get(contract.idString) as ContractAnalysis);
console.log(abi?.functions.map((f) => `${f.name} ${f.access}`).join(', ')); // => earn public

const wallet = parsePrincipal(GENESIS_ACCOUNTS.wallet_1);
const env: Env = { chain, contract, principals: { sender: wallet, caller: wallet, sponsor: null }, events, readOnly: false, directCall: true };
console.log(clarityValueToRepr(callContractFunction(env, id, 'earn', [Cl.uint(600)], wallet))); // => (ok u600)
try {
  callContractFunction(env, id, 'earn', [Cl.uint(600)], wallet); // more than the u1000 supply
} catch (e) {
  if (e instanceof ClarityError) console.log(e.kind, e.code); // => runtime SupplyOverflow
}
console.log(events.map((e) => e.event).join(',')); // => ft_mint_event
