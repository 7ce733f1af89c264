/**
 * The deploy charges of a SmartContract transaction outside evaluation (spec-costs.md 4.5): the
 * parse, the dependency-cycle check and the contract storage. Analysis charges (4.6) are not
 * computed yet, so these are the deploy total only together with the type checker's share.
 */
import { utf8ByteLength } from './sizes.ts';
import type { CostTracker } from './tracker.ts';

/** `cost_ast_parse` with n = the source's byte length (charged first). */
export function chargeAstParse(t: CostTracker, source: string): void {
  t.charge('cost_ast_parse', utf8ByteLength(source));
}

/** `cost_ast_cycle_detection` with n = the number of dependency edges between top-level definitions. */
export function chargeCycleDetection(t: CostTracker, edges: number): void {
  t.charge('cost_ast_cycle_detection', edges);
}

/** `cost_contract_storage` with n = the source's byte length (after analysis, before initialization). */
export function chargeContractStorage(t: CostTracker, source: string): void {
  t.charge('cost_contract_storage', utf8ByteLength(source));
}
