/**
 * STX, fungible and non-fungible token operations (clarity/src/vm/functions/assets.rs), with their
 * storage keys and the events they record.
 */
import { bytesToHex } from '@stacks-ts/common';
import { principalToString } from '@stacks-ts/codec';
import type { ClarityValue, PrincipalData, TypeSignature } from '@stacks-ts/codec';
import { runtimeCheckError, runtimeError } from '../errors.ts';
import type { SymbolicExpression } from '../parser/ast.ts';
import { typeValueError } from '../natives/check.ts';
import { NONE, someValue } from '../natives/value-types.ts';
import { tupleCons } from '../natives/tuples.ts';
import type { Env } from './context.ts';
import {
  U128_MAX,
  arity,
  atomName,
  errCode,
  expectAdmits,
  expectPrincipal,
  expectUint,
  hex,
  noWrite,
  okTrue,
  principalValue,
  principalsEqual,
  uint,
} from './helpers.ts';
import type { SpecialForm } from './helpers.ts';
import { evaluate } from './interpreter.ts';
import { ftBalanceKey as ftBalanceStoreKey, ftSupplyKey as ftSupplyStoreKey, nftOwnerKey, stxBalanceKey } from '../db/keys.ts';
import { stxAccount, stxAvailable, stxCredit, stxDebit } from '../db/stx.ts';
import { stxViewOf } from '../chain/context.ts';
import { nftCostInput } from '../costs/charges.ts';

/** Storage key of an STX balance (`vm-account::<principal>::19`). */
export function stxKey(p: PrincipalData): string {
  return stxBalanceKey(p);
}

/** The definition of a fungible token of the current contract. */
export function ftToken(env: Env, name: string) {
  const t = env.contract.fungibleTokens.get(name);
  if (t === undefined) throw runtimeCheckError('Unreachable', `NoSuchFT ${name}`);
  return t;
}

/** The asset type of a non-fungible token of the current contract. */
export function nftType(env: Env, name: string): TypeSignature {
  const t = env.contract.nonFungibleTokens.get(name);
  if (t === undefined) throw runtimeCheckError('Unreachable', `NoSuchNFT ${name}`);
  return t;
}

/** `contract::token`: the asset identifier events record. */
export function assetId(env: Env, token: string): string {
  return `${env.contract.idString}::${token}`;
}

/** Storage key of a fungible token balance. */
export function ftBalanceKey(env: Env, token: string, who: PrincipalData): string {
  return ftBalanceStoreKey(env.contract.idString, token, who);
}

/** Storage key of a fungible token supply. */
export function ftSupplyKey(env: Env, token: string): string {
  return ftSupplyStoreKey(env.contract.idString, token);
}

/** Storage key of a non-fungible token owner. */
export function nftKey(env: Env, token: string, id: ClarityValue): string {
  return nftOwnerKey(env.contract.idString, token, id);
}

function tokenName(e: SymbolicExpression | undefined): string {
  return atomName(e);
}

function stxTransfer(env: Env, amount: bigint, from: PrincipalData, to: PrincipalData, memo: Uint8Array | null): ClarityValue {
  noWrite(env, 'stx-transfer?');
  if (amount <= 0n) return errCode(3);
  if (principalsEqual(from, to)) return errCode(2);
  if (!principalsEqual(from, env.principals.sender)) return errCode(4);
  const db = env.chain.db;
  const view = stxViewOf(env.chain);
  if (stxAvailable(db, from, view) < amount) return errCode(1);
  stxDebit(db, from, amount, view);
  if (!stxCredit(db, to, amount, view)) throw runtimeError('ArithmeticOverflow');
  env.costs?.addMemory(376); // costs: the written balances / owner, kept for the transaction
  env.events.push({
    event: 'stx_transfer_event',
    data: {
      amount: amount.toString(),
      memo: memo === null ? '' : bytesToHex(memo),
      recipient: principalToString(to),
      sender: principalToString(from),
    },
  });
  return okTrue();
}

/** The asset special forms. */
export const ASSET_FORMS: Readonly<Record<string, SpecialForm>> = {
  'stx-get-balance'(args, env, locals) {
    arity(args, 1);
    env.costs?.charge('cost_stx_balance', 0);
    const who = expectPrincipal(evaluate(args[0]!, env, locals));
    return uint(stxAvailable(env.chain.db, who, stxViewOf(env.chain)));
  },
  'stx-account'(args, env, locals) {
    arity(args, 1);
    env.costs?.charge('cost_stx_account', 0);
    const who = expectPrincipal(evaluate(args[0]!, env, locals));
    const acct = stxAccount(env.chain.db, who, stxViewOf(env.chain));
    return tupleCons([
      ['locked', uint(acct.locked)],
      ['unlock-height', uint(acct.unlockHeight)],
      ['unlocked', uint(acct.unlocked)],
    ]);
  },
  'stx-transfer?'(args, env, locals) {
    arity(args, 3);
    env.costs?.charge('cost_stx_transfer', 0);
    const [a, f, t] = args.map((x) => evaluate(x, env, locals)) as [ClarityValue, ClarityValue, ClarityValue];
    return stxTransfer(env, expectUint(a), expectPrincipal(f), expectPrincipal(t), null);
  },
  'stx-transfer-memo?'(args, env, locals) {
    arity(args, 4);
    env.costs?.charge('cost_stx_transfer_memo', 0);
    const [a, f, t, m] = args.map((x) => evaluate(x, env, locals)) as [ClarityValue, ClarityValue, ClarityValue, ClarityValue];
    if (m.type !== 'buffer') throw typeValueError('buff', m);
    return stxTransfer(env, expectUint(a), expectPrincipal(f), expectPrincipal(t), m.value);
  },
  'stx-burn?'(args, env, locals) {
    arity(args, 2);
    env.costs?.charge('cost_stx_transfer', 0);
    const amount = expectUint(evaluate(args[0]!, env, locals));
    const from = expectPrincipal(evaluate(args[1]!, env, locals));
    noWrite(env, 'stx-burn?');
    if (amount <= 0n) return errCode(3);
    if (!principalsEqual(from, env.principals.sender)) return errCode(4);
    const view = stxViewOf(env.chain);
    if (stxAvailable(env.chain.db, from, view) < amount) return errCode(1);
    stxDebit(env.chain.db, from, amount, view);
    // `decrement_ustx_liquid_supply`
    const supply = env.chain.db.getLiquidSupply();
    if (supply < amount) throw runtimeError('ArithmeticUnderflow');
    env.chain.db.setLiquidSupply(supply - amount);
    env.costs?.addMemory(188); // costs: the written balances / owner, kept for the transaction
    env.events.push({ event: 'stx_burn_event', data: { amount: amount.toString(), sender: principalToString(from) } });
    return okTrue();
  },
  'ft-get-balance'(args, env, locals) {
    arity(args, 2);
    env.costs?.charge('cost_ft_balance', 0);
    const token = tokenName(args[0]);
    ftToken(env, token);
    const who = expectPrincipal(evaluate(args[1]!, env, locals));
    return uint(env.chain.db.getUint(ftBalanceKey(env, token, who)));
  },
  'ft-get-supply'(args, env) {
    arity(args, 1);
    env.costs?.charge('cost_ft_get_supply', 0);
    const token = tokenName(args[0]);
    ftToken(env, token);
    return uint(env.chain.db.getUint(ftSupplyKey(env, token)));
  },
  'ft-mint?'(args, env, locals) {
    arity(args, 3);
    env.costs?.charge('cost_ft_mint', 0);
    const token = tokenName(args[0]);
    const def = ftToken(env, token);
    const amount = expectUint(evaluate(args[1]!, env, locals));
    const to = expectPrincipal(evaluate(args[2]!, env, locals));
    noWrite(env, 'ft-mint?');
    if (amount <= 0n) return errCode(1);
    const db = env.chain.db;
    const supply = db.getUint(ftSupplyKey(env, token)) + amount;
    if (supply > U128_MAX) throw runtimeError('ArithmeticOverflow');
    if (def.totalSupply !== null && supply > def.totalSupply) throw runtimeError('SupplyOverflow', 'supply overflow', { args: [supply, def.totalSupply] });
    const bal = db.getUint(ftBalanceKey(env, token, to)) + amount;
    if (bal > U128_MAX) throw runtimeError('ArithmeticOverflow');
    db.setUint(ftSupplyKey(env, token), supply);
    db.setUint(ftBalanceKey(env, token, to), bal);
    env.costs?.addMemory(164); // costs: the written balances / owner, kept for the transaction
    env.events.push({
      event: 'ft_mint_event',
      data: { amount: amount.toString(), asset_identifier: assetId(env, token), recipient: principalToString(to) },
    });
    return okTrue();
  },
  'ft-transfer?'(args, env, locals) {
    arity(args, 4);
    env.costs?.charge('cost_ft_transfer', 0);
    const token = tokenName(args[0]);
    ftToken(env, token);
    const amount = expectUint(evaluate(args[1]!, env, locals));
    const from = expectPrincipal(evaluate(args[2]!, env, locals));
    const to = expectPrincipal(evaluate(args[3]!, env, locals));
    noWrite(env, 'ft-transfer?');
    if (amount <= 0n) return errCode(3);
    if (principalsEqual(from, to)) return errCode(2);
    const db = env.chain.db;
    const fromBal = db.getUint(ftBalanceKey(env, token, from));
    if (fromBal < amount) return errCode(1);
    const toBal = db.getUint(ftBalanceKey(env, token, to)) + amount;
    if (toBal > U128_MAX) throw runtimeError('ArithmeticOverflow');
    db.setUint(ftBalanceKey(env, token, from), fromBal - amount);
    db.setUint(ftBalanceKey(env, token, to), db.getUint(ftBalanceKey(env, token, to)) + amount);
    env.costs?.addMemory(328); // costs: the written balances / owner, kept for the transaction
    env.events.push({
      event: 'ft_transfer_event',
      data: {
        amount: amount.toString(),
        asset_identifier: assetId(env, token),
        recipient: principalToString(to),
        sender: principalToString(from),
      },
    });
    return okTrue();
  },
  'ft-burn?'(args, env, locals) {
    arity(args, 3);
    env.costs?.charge('cost_ft_burn', 0);
    const token = tokenName(args[0]);
    ftToken(env, token);
    const amount = expectUint(evaluate(args[1]!, env, locals));
    const from = expectPrincipal(evaluate(args[2]!, env, locals));
    noWrite(env, 'ft-burn?');
    if (amount <= 0n) return errCode(1);
    const db = env.chain.db;
    const bal = db.getUint(ftBalanceKey(env, token, from));
    if (bal < amount) return errCode(1);
    const supply = db.getUint(ftSupplyKey(env, token));
    if (supply < amount) throw runtimeError('SupplyUnderflow');
    db.setUint(ftSupplyKey(env, token), supply - amount);
    db.setUint(ftBalanceKey(env, token, from), bal - amount);
    env.costs?.addMemory(164); // costs: the written balances / owner, kept for the transaction
    env.events.push({
      event: 'ft_burn_event',
      data: { amount: amount.toString(), asset_identifier: assetId(env, token), sender: principalToString(from) },
    });
    return okTrue();
  },
  'nft-get-owner?'(args, env, locals) {
    arity(args, 2);
    const token = tokenName(args[0]);
    const t = nftType(env, token);
    const id = evaluate(args[1]!, env, locals);
    expectAdmits(t, id);
    if (env.costs !== undefined) env.costs.charge('cost_nft_owner', nftCostInput(env.chain.epoch, t, id));
    const owner = env.chain.db.getSomeValue(nftKey(env, token, id));
    return owner === undefined ? NONE : someValue(owner);
  },
  'nft-mint?'(args, env, locals) {
    arity(args, 3);
    const token = tokenName(args[0]);
    const t = nftType(env, token);
    const id = evaluate(args[1]!, env, locals);
    const to = expectPrincipal(evaluate(args[2]!, env, locals));
    noWrite(env, 'nft-mint?');
    expectAdmits(t, id);
    if (env.costs !== undefined) env.costs.charge('cost_nft_mint', nftCostInput(env.chain.epoch, t, id));
    const key = nftKey(env, token, id);
    if (env.chain.db.getSomeValue(key) !== undefined) return errCode(1);
    env.chain.db.setSomeValue(key, principalValue(to));
    env.costs?.addMemory(148 + nftCostInput(env.chain.epoch, t, id)); // costs: the written balances / owner, kept for the transaction
    env.events.push({
      event: 'nft_mint_event',
      data: { asset_identifier: assetId(env, token), raw_value: hex(id), recipient: principalToString(to) },
    });
    return okTrue();
  },
  'nft-transfer?'(args, env, locals) {
    arity(args, 4);
    const token = tokenName(args[0]);
    const t = nftType(env, token);
    const id = evaluate(args[1]!, env, locals);
    const from = expectPrincipal(evaluate(args[2]!, env, locals));
    const to = expectPrincipal(evaluate(args[3]!, env, locals));
    noWrite(env, 'nft-transfer?');
    expectAdmits(t, id);
    if (env.costs !== undefined) env.costs.charge('cost_nft_transfer', nftCostInput(env.chain.epoch, t, id));
    if (principalsEqual(from, to)) return errCode(2);
    const key = nftKey(env, token, id);
    const owner = env.chain.db.getSomeValue(key);
    if (owner === undefined) return errCode(3);
    if (!principalsEqual(expectPrincipal(owner), from)) return errCode(1);
    env.chain.db.setSomeValue(key, principalValue(to));
    env.costs?.addMemory(148 + nftCostInput(env.chain.epoch, t, id)); // costs: the written balances / owner, kept for the transaction
    env.events.push({
      event: 'nft_transfer_event',
      data: {
        asset_identifier: assetId(env, token),
        raw_value: hex(id),
        recipient: principalToString(to),
        sender: principalToString(from),
      },
    });
    return okTrue();
  },
  'nft-burn?'(args, env, locals) {
    arity(args, 3);
    env.costs?.charge('cost_nft_burn', 0);
    const token = tokenName(args[0]);
    const t = nftType(env, token);
    const id = evaluate(args[1]!, env, locals);
    const from = expectPrincipal(evaluate(args[2]!, env, locals));
    noWrite(env, 'nft-burn?');
    expectAdmits(t, id);
    if (env.costs !== undefined) env.costs.charge('cost_nft_burn', nftCostInput(env.chain.epoch, t, id));
    const key = nftKey(env, token, id);
    const owner = env.chain.db.getSomeValue(key);
    if (owner === undefined) return errCode(3);
    if (!principalsEqual(expectPrincipal(owner), from)) return errCode(1);
    env.chain.db.setSomeValue(key, undefined);
    env.costs?.addMemory(148 + nftCostInput(env.chain.epoch, t, id)); // costs: the written balances / owner, kept for the transaction
    env.events.push({
      event: 'nft_burn_event',
      data: { asset_identifier: assetId(env, token), raw_value: hex(id), sender: principalToString(from) },
    });
    return okTrue();
  },
};
