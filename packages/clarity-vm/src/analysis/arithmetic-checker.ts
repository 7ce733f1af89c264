/**
 * `ArithmeticOnlyChecker` (`clarity/src/vm/analysis/arithmetic_checker/mod.rs`): decides a
 * contract's `is_cost_contract_eligible`, which SIP-006 cost voting requires of a contract that
 * replaces a cost function. A contract is eligible when it defines only constants and private or
 * read-only functions, and its code uses only arithmetic, logic, control flow, optionals,
 * responses and tuples: no state, no chain or transaction variables, no sequences, no hashing,
 * no traits.
 */
import type { SymbolicExpression } from '../parser/ast.ts';
import type { ClarityVersion } from '../natives/context.ts';
import { lookupNativeName } from '../natives/registry.ts';
import { isReservedName } from '../eval/interpreter.ts';

// Why a contract is not eligible (the reference's `arithmetic_checker::Error`), as a short reason; internal to this module.
class ArithmeticOnlyViolation extends Error {}

/** Natives whose arguments are all checked in turn. */
const ARGUMENTS_CHECKED = new Set([
  '+', '-', '/', '*', '>=', '<=', '<', '>', 'mod', 'pow', 'sqrti', 'log2', 'xor', 'and', 'or', 'not', 'is-eq', 'if',
  'some', 'ok', 'err', 'default-to', 'unwrap!', 'unwrap-err!', 'is-ok', 'is-none', 'asserts!', 'unwrap-panic',
  'unwrap-err-panic', 'is-err', 'is-some', 'try!', 'to-uint', 'to-int', 'len', 'begin', 'merge', 'bit-or', 'bit-and',
  'bit-xor', 'bit-not', 'bit-shift-left', 'bit-shift-right',
]);

/** Native variables an eligible contract may read. */
const ALLOWED_VARIABLES = new Set(['none', 'true', 'false']);

const FORBIDDEN_DEFINES: Readonly<Record<string, string>> = {
  'define-data-var': 'PersistedVariable',
  'define-fungible-token': 'FungibleToken',
  'define-public': 'PublicFunction',
  'define-map': 'Map',
  'define-non-fungible-token': 'NonFungibleToken',
  'define-trait': 'Trait',
  'use-trait': 'UseTrait',
  'impl-trait': 'ImplTrait',
};

function violation(what: string): never {
  throw new ArithmeticOnlyViolation(what);
}

function listItems(e: SymbolicExpression | undefined): readonly SymbolicExpression[] {
  if (e?.type !== 'list') violation('UnexpectedContractStructure');
  return e.items;
}

function checkExpression(e: SymbolicExpression, version: ClarityVersion): void {
  switch (e.type) {
    case 'atom-value':
    case 'literal-value':
      return;
    case 'atom':
      if (lookupNativeName(e.name, version) === undefined && isReservedName(e.name, version) && !ALLOWED_VARIABLES.has(e.name)) {
        violation(`VariableForbidden(${e.name})`);
      }
      return;
    case 'field':
    case 'trait-reference':
      return violation('TraitReferencesForbidden');
    case 'list':
      checkApplication(e.items, version);
  }
}

function checkAll(es: readonly SymbolicExpression[], version: ClarityVersion): void {
  for (const e of es) checkExpression(e, version);
}

function checkBindings(pairs: readonly SymbolicExpression[], version: ClarityVersion): void {
  for (const pair of pairs) {
    const items = listItems(pair);
    if (items.length !== 2) violation('UnexpectedContractStructure');
    checkExpression(items[1]!, version);
  }
}

function checkApplication(items: readonly SymbolicExpression[], version: ClarityVersion): void {
  const head = items[0];
  if (head === undefined || head.type !== 'atom') violation('UnexpectedContractStructure');
  const args = items.slice(1);
  if (lookupNativeName(head.name, version) === undefined) {
    // A user function: its arguments must be eligible (its body is checked where it is defined).
    checkAll(args, version);
    return;
  }
  if (ARGUMENTS_CHECKED.has(head.name)) return checkAll(args, version);
  switch (head.name) {
    case 'get':
      if (args.length !== 2) violation('UnexpectedContractStructure');
      return checkAll(args.slice(1), version);
    case 'match':
      if (args.length !== 4 && args.length !== 5) violation('UnexpectedContractStructure');
      checkExpression(args[0]!, version);
      checkExpression(args[2]!, version);
      return checkExpression(args.length === 4 ? args[3]! : args[4]!, version);
    case 'let':
      if (args.length < 2) violation('UnexpectedContractStructure');
      checkBindings(listItems(args[0]), version);
      return checkAll(args.slice(1), version);
    case 'tuple':
      return checkBindings(args, version);
    default:
      violation(`FunctionNotPermitted(${head.name})`);
  }
}

function checkTopLevel(e: SymbolicExpression, version: ClarityVersion): void {
  const head = e.type === 'list' ? e.items[0] : undefined;
  const define = head?.type === 'atom' ? head.name : undefined;
  if (define === undefined || !(define.startsWith('define-') || define === 'use-trait' || define === 'impl-trait')) {
    return checkExpression(e, version);
  }
  const items = (e as { items: readonly SymbolicExpression[] }).items;
  const forbidden = FORBIDDEN_DEFINES[define];
  if (forbidden !== undefined) violation(`DefineTypeForbidden(${forbidden})`);
  switch (define) {
    case 'define-constant':
      if (items.length !== 3) violation('UnexpectedContractStructure');
      return checkExpression(items[2]!, version);
    case 'define-private':
    case 'define-read-only':
      if (items.length !== 3) violation('UnexpectedContractStructure');
      return checkExpression(items[2]!, version);
    default:
      // Not a define form after all (`define-` prefixed user function): an expression.
      return checkExpression(e, version);
  }
}

/**
 * The reason a contract is not cost-contract eligible, or undefined when it is
 * (`ArithmeticOnlyChecker::run`). `expressions` are the contract's top-level expressions.
 */
export function arithmeticOnlyViolation(expressions: readonly SymbolicExpression[], version: ClarityVersion): string | undefined {
  try {
    for (const e of expressions) checkTopLevel(e, version);
    return undefined;
  } catch (e) {
    if (e instanceof ArithmeticOnlyViolation) return e.message;
    throw e;
  }
}

/** `is_cost_contract_eligible` of a contract. */
export function isCostContractEligible(expressions: readonly SymbolicExpression[], version: ClarityVersion): boolean {
  return arithmeticOnlyViolation(expressions, version) === undefined;
}
