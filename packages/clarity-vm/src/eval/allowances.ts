/**
 * Clarity 4 asset restrictions (`restrict-assets?`, `as-contract?` and the `with-*` allowances,
 * clarity/src/vm/functions/post_conditions.rs). The outflows of the restricted body are read from
 * the events it recorded, which roll back exactly as the reference's asset map does.
 */
import { isValidClarityName, principalToString } from '@stacks-ts/codec';
import type { ClarityValue, PrincipalData } from '@stacks-ts/codec';
import { internalError, isEarlyReturn, runtimeCheckError, runtimeError } from '../errors.ts';
import type { SymbolicExpression } from '../parser/ast.ts';
import { lookupNativeName } from '../natives/registry.ts';
import { incorrectArgumentCount } from '../natives/check.ts';
import { errValue, okValue, valueSize } from '../natives/value-types.ts';
import type { ClarityEvent, Env, Locals } from './context.ts';
import { hex, uint } from './helpers.ts';
import type { SpecialForm } from './helpers.ts';
import { evaluate } from './interpreter.ts';

/** The reference's `MAX_ALLOWANCES`: also the violation index of a movement no allowance covers. */
const MAX_ALLOWANCES = 128;

/** An evaluated allowance of `restrict-assets?` / `as-contract?`. */
export type Allowance =
  | { readonly kind: 'stx'; readonly amount: bigint }
  | { readonly kind: 'ft'; readonly asset: string; readonly amount: bigint }
  | { readonly kind: 'nft'; readonly asset: string; readonly ids: readonly ClarityValue[] }
  | { readonly kind: 'stacking'; readonly amount: bigint }
  | { readonly kind: 'all' };

function evalAllowance(e: SymbolicExpression, env: Env, locals: Locals): Allowance {
  if (e.type !== 'list' || e.items.length === 0) throw runtimeCheckError('Unreachable', 'Non functional application');
  const name = e.items[0]!.type === 'atom' ? (e.items[0] as { name: string }).name : null;
  if (name === null) throw runtimeCheckError('Unreachable', 'Bad function name');
  const rest = e.items.slice(1);
  const info = lookupNativeName(name, env.contract.clarityVersion);
  const assetOf = (): string => {
    const c = evaluate(rest[0]!, env, locals);
    if (c.type !== 'principal') throw internalError('Expect', 'Expected principal');
    if (c.value.type !== 'contract') throw runtimeCheckError('ExpectedContractPrincipalValue', 'expected a contract principal');
    const n = evaluate(rest[1]!, env, locals);
    if (n.type !== 'string-ascii') throw internalError('Expect', 'Expected ASCII String.');
    if (n.value !== '*' && !isValidClarityName(n.value)) throw runtimeError('BadTokenName', `bad token name ${n.value}`);
    return `${principalToString(c.value)}::${n.value}`;
  };
  switch (info?.name) {
    case 'with-stx':
    case 'with-stacking': {
      if (rest.length !== 1) throw incorrectArgumentCount(1, rest.length);
      const a = evaluate(rest[0]!, env, locals);
      if (a.type !== 'uint') throw internalError('Expect', 'Expected u128');
      return { kind: name === 'with-stx' ? 'stx' : 'stacking', amount: a.value };
    }
    case 'with-ft': {
      if (rest.length !== 3) throw incorrectArgumentCount(3, rest.length);
      const asset = assetOf();
      const a = evaluate(rest[2]!, env, locals);
      if (a.type !== 'uint') throw internalError('Expect', 'Expected u128');
      return { kind: 'ft', asset, amount: a.value };
    }
    case 'with-nft': {
      if (rest.length !== 3) throw incorrectArgumentCount(3, rest.length);
      const asset = assetOf();
      const ids = evaluate(rest[2]!, env, locals);
      if (ids.type !== 'list') throw internalError('Expect', 'Expected list');
      return { kind: 'nft', asset, ids: ids.value };
    }
    case 'with-all-assets-unsafe':
      if (rest.length !== 0) throw incorrectArgumentCount(1, rest.length);
      return { kind: 'all' };
    default:
      throw runtimeCheckError('Unreachable', `Expected allowance expr: ${name}`);
  }
}

/** `AS_CONTRACT_MEMORY`: what `as-contract` and `as-contract?` hold while their body runs. */
const AS_CONTRACT_MEMORY = 1;

/**
 * `Allowance::size_in_bytes`, the memory `as-contract?` holds for an allowance: the Rust struct
 * sizes on a 64-bit node (`StxAllowance`/`StackingAllowance` 16, `FtAllowance`/`NftAllowance` 96,
 * `StandardPrincipalData` 21) plus the asset's contract and token name lengths, plus each NFT
 * id's `size()`; `with-all-assets-unsafe` holds nothing.
 */
export function allowanceMemory(a: Allowance): number {
  switch (a.kind) {
    case 'stx':
    case 'stacking':
      return 16;
    case 'all':
      return 0;
    case 'ft':
    case 'nft': {
      const sep = a.asset.lastIndexOf('::');
      const contract = a.asset.slice(0, sep);
      const names = contract.length - contract.indexOf('.') - 1 + (a.asset.length - sep - 2);
      let n = 96 + 21 + names;
      if (a.kind === 'nft') for (const id of a.ids) n += valueSize(id);
      return n;
    }
  }
}

/** What `owner` sent away in `events` (the asset map of the restricted body). */
function outflows(owner: string, events: readonly ClarityEvent[]) {
  let stx: bigint | null = null;
  let burned: bigint | null = null;
  const ft = new Map<string, bigint>();
  const nft = new Map<string, string[]>();
  for (const e of events) {
    const d = e.data as Record<string, string>;
    if (d['sender'] !== owner) continue;
    switch (e.event) {
      case 'stx_transfer_event':
        stx = (stx ?? 0n) + BigInt(d['amount']!);
        break;
      case 'stx_burn_event':
        burned = (burned ?? 0n) + BigInt(d['amount']!);
        break;
      case 'ft_transfer_event':
      case 'ft_burn_event':
        ft.set(d['asset_identifier']!, (ft.get(d['asset_identifier']!) ?? 0n) + BigInt(d['amount']!));
        break;
      case 'nft_transfer_event':
      case 'nft_burn_event': {
        const list = nft.get(d['asset_identifier']!) ?? [];
        list.push(d['raw_value']!);
        nft.set(d['asset_identifier']!, list);
        break;
      }
    }
  }
  return { stx, burned, ft, nft };
}

function wildcardOf(asset: string): string {
  return `${asset.slice(0, asset.lastIndexOf('::'))}::*`;
}

/** `check_allowances`: the earliest violated allowance index, or null. */
function checkAllowances(owner: PrincipalData, allowances: readonly Allowance[], events: readonly ClarityEvent[]): number | null {
  let earliest: number | null = null;
  const record = (i: number): void => {
    if (earliest === null || i < earliest) earliest = i;
  };
  const stxAllowances: [number, bigint][] = [];
  const ftAllowances = new Map<string, [number, bigint][]>();
  const nftAllowances = new Map<string, [number, string[]]>();
  for (let i = 0; i < allowances.length; i++) {
    const a = allowances[i]!;
    switch (a.kind) {
      case 'all':
        return null;
      case 'stx':
        stxAllowances.push([i, a.amount]);
        break;
      case 'ft': {
        const l = ftAllowances.get(a.asset) ?? [];
        l.push([i, a.amount]);
        ftAllowances.set(a.asset, l);
        break;
      }
      case 'nft': {
        const entry = nftAllowances.get(a.asset) ?? [i, []];
        entry[1].push(...a.ids.map(hex));
        nftAllowances.set(a.asset, entry);
        break;
      }
      case 'stacking':
        break;
    }
  }
  const moved = outflows(principalToString(owner), events);
  for (const amount of [moved.stx, moved.burned]) {
    if (amount === null) continue;
    if (stxAllowances.length === 0) record(MAX_ALLOWANCES);
    else
      for (const [i, allowed] of stxAllowances)
        if (amount > allowed) {
          record(i);
          break;
        }
  }
  for (const [asset, amount] of moved.ft) {
    const merged = [...(ftAllowances.get(asset) ?? []), ...(ftAllowances.get(wildcardOf(asset)) ?? [])];
    if (merged.length === 0) {
      record(MAX_ALLOWANCES);
      continue;
    }
    for (const [i, allowed] of merged) if (amount > allowed) record(i);
  }
  for (const [asset, ids] of moved.nft) {
    const merged = [nftAllowances.get(asset), nftAllowances.get(wildcardOf(asset))].filter((x) => x !== undefined);
    if (merged.length === 0) {
      record(MAX_ALLOWANCES);
      continue;
    }
    for (const [i, allowed] of merged) if (ids.some((id) => !allowed.includes(id))) record(i);
  }
  const total = (moved.stx ?? 0n) + (moved.burned ?? 0n);
  if (total > 0n) {
    for (const [, allowed] of stxAllowances) {
      if (total > allowed && earliest === null) {
        throw internalError('Expect', 'Total STX movement and burn exceeds allowance');
      }
    }
  }
  return earliest;
}

/** `evaluate_body_with_allowance_check`. */
function restrictedBody(
  owner: PrincipalData,
  allowances: readonly Allowance[],
  body: readonly SymbolicExpression[],
  env: Env,
  locals: Locals,
): ClarityValue {
  const mark = env.events.length;
  env.chain.db.begin();
  let last: ClarityValue | null = null;
  let pending: unknown = null;
  try {
    for (const e of body) last = evaluate(e, env, locals);
  } catch (e) {
    if (!isEarlyReturn(e)) {
      env.chain.db.rollback();
      env.events.length = mark;
      throw e;
    }
    pending = e;
  }
  let violation: number | null;
  try {
    violation = checkAllowances(owner, allowances, env.events.slice(mark));
  } catch (e) {
    env.chain.db.rollback();
    env.events.length = mark;
    throw e;
  }
  if (violation !== null) {
    env.chain.db.rollback();
    env.events.length = mark;
    return errValue(uint(violation));
  }
  env.chain.db.commit();
  if (pending !== null) throw pending;
  if (last === null) throw internalError('Expect', 'Failed to get body result');
  return okValue(last);
}

function allowanceList(e: SymbolicExpression | undefined, what: string): readonly SymbolicExpression[] {
  if (e === undefined || e.type !== 'list') throw runtimeCheckError('Unreachable', `Expected list of allowances: for ${what}`);
  return e.items;
}

/** The asset restriction special forms. */
export const ALLOWANCE_FORMS: Readonly<Record<string, SpecialForm>> = {
  'restrict-assets?'(args, env, locals) {
    if (args.length < 3) throw runtimeCheckError('Unreachable', `Requires at least args: 3 got ${args.length}`);
    const list = allowanceList(args[1], 'restrict-assets? as argument 2');
    const owner = evaluate(args[0]!, env, locals);
    env.costs?.charge('cost_restrict_assets', list.length);
    if (owner.type !== 'principal') throw internalError('Expect', 'Expected principal');
    if (list.length > MAX_ALLOWANCES) throw runtimeCheckError('Unreachable', 'Too many allowances');
    const allowances = list.map((a) => evalAllowance(a, env, locals));
    return restrictedBody(owner.value, allowances, args.slice(2), env, locals);
  },
  'as-contract?'(args, env, locals) {
    if (args.length < 2) throw runtimeCheckError('Unreachable', `Requires at least args: 2 got ${args.length}`);
    const list = allowanceList(args[0], 'as-contract? as argument 1');
    env.costs?.charge('cost_as_contract_safe', list.length);
    // Each allowance's memory, then AS_CONTRACT_MEMORY, held until the body is done.
    let held = 0;
    try {
      const allowances = list.map((a) => {
        const allowance = evalAllowance(a, env, locals);
        if (env.costs !== undefined) {
          const bytes = allowanceMemory(allowance);
          env.costs.addMemory(bytes);
          held += bytes;
        }
        return allowance;
      });
      if (env.costs !== undefined) {
        env.costs.addMemory(AS_CONTRACT_MEMORY);
        held += AS_CONTRACT_MEMORY;
      }
      const me: PrincipalData = env.contract.id;
      const inner: Env = { ...env, principals: { sender: me, caller: me, sponsor: null }, directCall: false };
      return restrictedBody(me, allowances, args.slice(1), inner, locals);
    } finally {
      if (held > 0) env.costs?.dropMemory(held);
    }
  },
};
