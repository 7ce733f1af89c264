/**
 * Block, burn block, Stacks block and tenure info functions over the oracle's block model: blocks
 * below the tip exist with synthetic hashes and times, later ones are `none`.
 */
import { sha512_256 } from '@stacks-ts/codec';
import type { ClarityValue, PrincipalData } from '@stacks-ts/codec';
import { checkError, internalError } from '../errors.ts';
import type { SymbolicExpression } from '../parser/ast.ts';
import type { ClarityVersion } from '../natives/context.ts';
import { typeValueError } from '../natives/check.ts';
import { NONE, consList, someValue } from '../natives/value-types.ts';
import { tupleCons } from '../natives/tuples.ts';
import type { Env, Locals } from './context.ts';
import { arity, blockTime, principalValue, uint } from './helpers.ts';
import type { SpecialForm } from './helpers.ts';
import { evaluate } from './interpreter.ts';

function syntheticHash(kind: string, height: bigint): ClarityValue {
  return { type: 'buffer', value: sha512_256(new TextEncoder().encode(`${kind}:${height}`)) };
}

const BLOCK_INFO_PROPERTIES: Readonly<Record<string, { readonly since: ClarityVersion }>> = {
  'burnchain-header-hash': { since: 1 },
  'id-header-hash': { since: 1 },
  'header-hash': { since: 1 },
  'miner-address': { since: 1 },
  time: { since: 1 },
  'vrf-seed': { since: 1 },
  'block-reward': { since: 2 },
  'miner-spend-total': { since: 2 },
  'miner-spend-winner': { since: 2 },
};

function blockProperty(prop: string, height: bigint): ClarityValue {
  switch (prop) {
    case 'miner-address':
      // The block model has no miners: a fixed synthetic address.
      return principalValue(SYNTHETIC_MINER);
    case 'time':
      return uint(blockTime(Number(height)));
    case 'block-reward':
    case 'miner-spend-total':
    case 'miner-spend-winner':
      return uint(0);
    default:
      return syntheticHash(prop, height);
  }
}

/** The miner address of every block of the block model (it has no miners). */
const SYNTHETIC_MINER: PrincipalData = { type: 'standard', version: 26, hash160: new Uint8Array(20) };

/** The height operand of a block info function: a uint, else `TypeValueError`. */
function blockHeightArg(e: SymbolicExpression, env: Env, locals: Locals): bigint {
  const v = evaluate(e, env, locals);
  if (v.type !== 'uint') throw typeValueError('uint', v);
  return v.value;
}

function propertyName(e: SymbolicExpression | undefined, known: readonly string[], code: 'NoSuchBlockInfoProperty' | 'NoSuchStacksBlockInfoProperty' | 'NoSuchTenureInfoProperty'): string {
  if (e === undefined || e.type !== 'atom') throw checkError('GetBlockInfoExpectPropertyName', 'expected a property name');
  if (!known.includes(e.name)) throw checkError(code, `no such property ${e.name}`);
  return e.name;
}

/** The block info special forms. */
export const BLOCK_INFO_FORMS: Readonly<Record<string, SpecialForm>> = {
  'get-block-info?'(args, env, locals) {
    arity(args, 2);
    const version = env.contract.clarityVersion;
    const known = Object.keys(BLOCK_INFO_PROPERTIES).filter((k) => BLOCK_INFO_PROPERTIES[k]!.since <= version);
    const prop = propertyName(args[0], known, 'NoSuchBlockInfoProperty');
    const h = blockHeightArg(args[1]!, env, locals);
    if (h >= BigInt(env.chain.height)) return NONE;
    return someValue(blockProperty(prop, h));
  },
  'get-burn-block-info?'(args, env, locals) {
    arity(args, 2);
    const prop = propertyName(args[0], ['header-hash', 'pox-addrs'], 'NoSuchBlockInfoProperty');
    const h = blockHeightArg(args[1]!, env, locals);
    if (h >= BigInt(env.chain.height)) return NONE;
    if (prop === 'header-hash') return someValue(syntheticHash('burn-header-hash', h));
    return someValue(tupleCons([
      ['addrs', consList([], env.chain.epoch)],
      ['payout', uint(0)],
    ]));
  },
  'get-stacks-block-info?'(args, env, locals) {
    arity(args, 2);
    const prop = propertyName(args[0], ['id-header-hash', 'header-hash', 'time'], 'NoSuchStacksBlockInfoProperty');
    const h = blockHeightArg(args[1]!, env, locals);
    if (h >= BigInt(env.chain.height)) return NONE;
    return someValue(blockProperty(prop, h));
  },
  'get-tenure-info?'(args, env, locals) {
    arity(args, 2);
    propertyName(
      args[0],
      ['burnchain-header-hash', 'miner-address', 'time', 'vrf-seed', 'block-reward', 'miner-spend-total', 'miner-spend-winner'],
      'NoSuchTenureInfoProperty',
    );
    const h = blockHeightArg(args[1]!, env, locals);
    if (h >= BigInt(env.chain.height)) return NONE;
    // The oracle's block model has no tenure data for its blocks and fails here.
    throw internalError('Expect', 'tenure info is not available in the block model');
  },
};
