/**
 * STX, fungible and non-fungible token operations (clarity/src/vm/functions/assets.rs), with their
 * storage keys and the events they record.
 */
import { bytesToHex } from '@stacks-ts/common';
import { encodeClarityValue, principalToString } from '@stacks-ts/codec';
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

/** Storage key of an STX balance. */
export function stxKey(p: PrincipalData): string {
  return `stx::${principalToString(p)}`;
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
  return `ft::${assetId(env, token)}::${principalToString(who)}`;
}

/** Storage key of a fungible token supply. */
export function ftSupplyKey(env: Env, token: string): string {
  return `ft-supply::${assetId(env, token)}`;
}

/** Storage key of a non-fungible token owner. */
export function nftKey(env: Env, token: string, id: ClarityValue): string {
  return `nft::${assetId(env, token)}::${bytesToHex(encodeClarityValue(id))}`;
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
  const fromBal = db.getUint(stxKey(from));
  if (fromBal < amount) return errCode(1);
  const toBal = db.getUint(stxKey(to));
  if (toBal + amount > U128_MAX) throw runtimeError('ArithmeticOverflow');
  db.setUint(stxKey(from), fromBal - amount);
  db.setUint(stxKey(to), db.getUint(stxKey(to)) + amount);
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
    const who = expectPrincipal(evaluate(args[0]!, env, locals));
    return uint(env.chain.db.getUint(stxKey(who)));
  },
  'stx-account'(args, env, locals) {
    arity(args, 1);
    const who = expectPrincipal(evaluate(args[0]!, env, locals));
    const bal = env.chain.db.getUint(stxKey(who));
    return tupleCons([
      ['locked', uint(0)],
      ['unlock-height', uint(0)],
      ['unlocked', uint(bal)],
    ]);
  },
  'stx-transfer?'(args, env, locals) {
    arity(args, 3);
    const [a, f, t] = args.map((x) => evaluate(x, env, locals)) as [ClarityValue, ClarityValue, ClarityValue];
    return stxTransfer(env, expectUint(a), expectPrincipal(f), expectPrincipal(t), null);
  },
  'stx-transfer-memo?'(args, env, locals) {
    arity(args, 4);
    const [a, f, t, m] = args.map((x) => evaluate(x, env, locals)) as [ClarityValue, ClarityValue, ClarityValue, ClarityValue];
    if (m.type !== 'buffer') throw typeValueError('buff', m);
    return stxTransfer(env, expectUint(a), expectPrincipal(f), expectPrincipal(t), m.value);
  },
  'stx-burn?'(args, env, locals) {
    arity(args, 2);
    const amount = expectUint(evaluate(args[0]!, env, locals));
    const from = expectPrincipal(evaluate(args[1]!, env, locals));
    noWrite(env, 'stx-burn?');
    if (amount <= 0n) return errCode(3);
    if (!principalsEqual(from, env.principals.sender)) return errCode(4);
    const bal = env.chain.db.getUint(stxKey(from));
    if (bal < amount) return errCode(1);
    env.chain.db.setUint(stxKey(from), bal - amount);
    env.chain.db.setUint('stx-burned', env.chain.db.getUint('stx-burned') + amount);
    env.events.push({ event: 'stx_burn_event', data: { amount: amount.toString(), sender: principalToString(from) } });
    return okTrue();
  },
  'ft-get-balance'(args, env, locals) {
    arity(args, 2);
    const token = tokenName(args[0]);
    ftToken(env, token);
    const who = expectPrincipal(evaluate(args[1]!, env, locals));
    return uint(env.chain.db.getUint(ftBalanceKey(env, token, who)));
  },
  'ft-get-supply'(args, env) {
    arity(args, 1);
    const token = tokenName(args[0]);
    ftToken(env, token);
    return uint(env.chain.db.getUint(ftSupplyKey(env, token)));
  },
  'ft-mint?'(args, env, locals) {
    arity(args, 3);
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
    env.events.push({
      event: 'ft_mint_event',
      data: { amount: amount.toString(), asset_identifier: assetId(env, token), recipient: principalToString(to) },
    });
    return okTrue();
  },
  'ft-transfer?'(args, env, locals) {
    arity(args, 4);
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
    const owner = env.chain.db.getValue(nftKey(env, token, id));
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
    const key = nftKey(env, token, id);
    if (env.chain.db.getValue(key) !== undefined) return errCode(1);
    env.chain.db.setValue(key, principalValue(to));
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
    if (principalsEqual(from, to)) return errCode(2);
    const key = nftKey(env, token, id);
    const owner = env.chain.db.getValue(key);
    if (owner === undefined) return errCode(3);
    if (!principalsEqual(expectPrincipal(owner), from)) return errCode(1);
    env.chain.db.setValue(key, principalValue(to));
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
    const token = tokenName(args[0]);
    const t = nftType(env, token);
    const id = evaluate(args[1]!, env, locals);
    const from = expectPrincipal(evaluate(args[2]!, env, locals));
    noWrite(env, 'nft-burn?');
    expectAdmits(t, id);
    const key = nftKey(env, token, id);
    const owner = env.chain.db.getValue(key);
    if (owner === undefined) return errCode(3);
    if (!principalsEqual(expectPrincipal(owner), from)) return errCode(1);
    env.chain.db.setValue(key, undefined);
    env.events.push({
      event: 'nft_burn_event',
      data: { asset_identifier: assetId(env, token), raw_value: hex(id), sender: principalToString(from) },
    });
    return okTrue();
  },
};
