/**
 * Block, burn block, Stacks block and tenure info functions, the chain height keywords and
 * `at-block`, over the evaluation's `ChainContext` (clarity/src/vm/functions/database.rs,
 * clarity/src/vm/variables.rs).
 */
import type { ClarityValue } from '@stacks-ts/codec';
import { checkError, runtimeCheckError, runtimeError } from '../errors.ts';
import type { SymbolicExpression } from '../parser/ast.ts';
import type { ClarityVersion } from '../natives/context.ts';
import { epochAtLeast } from '../natives/context.ts';
import { typeValueError } from '../natives/check.ts';
import { NONE, consList, someValue } from '../natives/value-types.ts';
import { tupleCons } from '../natives/tuples.ts';
import { MINER_REWARD_MATURITY, chainContextOf } from '../chain/context.ts';
import type { ChainContext, StacksBlockInfo } from '../chain/context.ts';
import type { Env, Locals } from './context.ts';
import { arity, principalValue, uint } from './helpers.ts';
import type { SpecialForm } from './helpers.ts';
import { evaluate } from './interpreter.ts';

/** The testnet chain id (`CHAIN_ID_TESTNET`). */
const CHAIN_ID_TESTNET = 0x80000000;
const U32_MAX = 0xffffffffn;

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

const TENURE_INFO_PROPERTIES = ['burnchain-header-hash', 'miner-address', 'time', 'vrf-seed', 'block-reward', 'miner-spend-total', 'miner-spend-winner'];

function buffer(bytes: Uint8Array): ClarityValue {
  return { type: 'buffer', value: bytes };
}

/** The height operand of a block info function: a uint, else `TypeValueError`; null above u32 (`none`). */
function blockHeightArg(e: SymbolicExpression, env: Env, locals: Locals): number | null {
  const v = evaluate(e, env, locals);
  if (v.type !== 'uint') throw typeValueError('uint', v);
  return v.value > U32_MAX ? null : Number(v.value);
}

function propertyName(e: SymbolicExpression | undefined, known: readonly string[], code: 'NoSuchBlockInfoProperty' | 'NoSuchStacksBlockInfoProperty' | 'NoSuchTenureInfoProperty'): string {
  if (e === undefined || e.type !== 'atom') throw checkError('GetBlockInfoExpectPropertyName', 'expected a property name');
  if (!known.includes(e.name)) throw checkError(code, `no such property ${e.name}`);
  return e.name;
}

/**
 * A property shared by `get-block-info?` and `get-tenure-info?` (the reference answers both from
 * the same headers data): the value wrapped in `some`, or `none` for an immature block reward.
 */
function headerProperty(prop: string, height: number, ctx: ChainContext, read: (h: number) => StacksBlockInfo): ClarityValue {
  switch (prop) {
    case 'miner-spend-winner':
      return someValue(uint(height === 0 ? 0n : read(height).minerSpendWinner));
    case 'miner-spend-total':
      return someValue(uint(height === 0 ? 0n : read(height).minerSpendTotal));
    case 'block-reward': {
      // `get_block_reward`: none for block 0 and until the reward matures.
      if (height === 0 || height + 1 + MINER_REWARD_MATURITY >= ctx.stacksBlockHeight()) return NONE;
      const reward = read(height).blockReward;
      return reward === null ? NONE : someValue(uint(reward));
    }
  }
  const b = read(height);
  switch (prop) {
    case 'time':
      return someValue(uint(b.burnBlockTime));
    case 'vrf-seed':
      return someValue(buffer(b.vrfSeed));
    case 'header-hash':
      return someValue(buffer(b.headerHash));
    case 'burnchain-header-hash':
      return someValue(buffer(b.burnchainHeaderHash));
    case 'id-header-hash':
      return someValue(buffer(b.indexBlockHash));
    case 'miner-address':
      return someValue(principalValue(b.minerAddress));
  }
  throw checkError('NoSuchBlockInfoProperty', `no such property ${prop}`);
}

/** The block info special forms. */
export const BLOCK_INFO_FORMS: Readonly<Record<string, SpecialForm>> = {
  'get-block-info?'(args, env, locals) {
    arity(args, 2);
    const version = env.contract.clarityVersion;
    const known = Object.keys(BLOCK_INFO_PROPERTIES).filter((k) => BLOCK_INFO_PROPERTIES[k]!.since <= version);
    const prop = propertyName(args[0], known, 'NoSuchBlockInfoProperty');
    let h = blockHeightArg(args[1]!, env, locals);
    if (h === null) return NONE;
    const ctx = chainContextOf(env.chain);
    // Clarity 1 and 2 read a tenure height from 3.0 on (except on testnet).
    if (version < 3 && epochAtLeast(env.chain.epoch, 'Epoch30') && env.chain.chainId !== CHAIN_ID_TESTNET) {
      const stacksHeight = ctx.heightForTenureHeight(h);
      if (stacksHeight === undefined) return NONE;
      h = stacksHeight;
    }
    if (h >= ctx.stacksBlockHeight()) return NONE;
    return headerProperty(prop, h, ctx, (x) => ctx.block(x));
  },
  'get-burn-block-info?'(args, env, locals) {
    arity(args, 2);
    const prop = propertyName(args[0], ['header-hash', 'pox-addrs'], 'NoSuchBlockInfoProperty');
    const h = blockHeightArg(args[1]!, env, locals);
    if (h === null) return NONE;
    const ctx = chainContextOf(env.chain);
    if (prop === 'header-hash') {
      const hash = ctx.burnBlockHeaderHash(h);
      return hash === undefined ? NONE : someValue(buffer(hash));
    }
    const payout = ctx.poxPayout(h);
    if (payout === undefined) return NONE;
    return someValue(tupleCons([
      ['addrs', consList([...payout.addrs], env.chain.epoch)],
      ['payout', uint(payout.payout)],
    ]));
  },
  'get-stacks-block-info?'(args, env, locals) {
    arity(args, 2);
    const prop = propertyName(args[0], ['id-header-hash', 'header-hash', 'time'], 'NoSuchStacksBlockInfoProperty');
    const h = blockHeightArg(args[1]!, env, locals);
    if (h === null) return NONE;
    const ctx = chainContextOf(env.chain);
    if (h >= ctx.stacksBlockHeight()) return NONE;
    const b = ctx.block(h);
    if (prop === 'time') return someValue(uint(b.stacksBlockTime));
    return someValue(buffer(prop === 'header-hash' ? b.headerHash : b.indexBlockHash));
  },
  'get-tenure-info?'(args, env, locals) {
    arity(args, 2);
    const prop = propertyName(args[0], TENURE_INFO_PROPERTIES, 'NoSuchTenureInfoProperty');
    const h = blockHeightArg(args[1]!, env, locals);
    if (h === null) return NONE;
    const ctx = chainContextOf(env.chain);
    if (h >= ctx.stacksBlockHeight()) return NONE;
    return headerProperty(prop, h, ctx, (x) => ctx.tenureBlock(x));
  },
};

/** `at-block` after its argument count check: evaluates the body reading state at that block, read-only. */
export function atBlock(args: readonly SymbolicExpression[], env: Env, locals: Locals): ClarityValue {
  // `supports_at_block`: removed in Epoch 3.4.
  if (epochAtLeast(env.chain.epoch, 'Epoch34')) throw runtimeCheckError('AtBlockUnavailable', 'at-block is not available from Epoch 3.4');
  const hash = evaluate(args[0]!, env, locals);
  if (hash.type !== 'buffer') throw typeValueError('(buff 32)', hash);
  if (hash.value.length !== 32) throw runtimeError('BadBlockHash', 'at-block needs a 32-byte block id');
  const ctx = chainContextOf(env.chain);
  const db = env.chain.db;
  // `evaluate_at_block`: a read-only nested transaction, reads served at that block, then dropped.
  db.begin();
  try {
    return ctx.atBlock(hash.value, () => evaluate(args[1]!, { ...env, readOnly: true }, locals));
  } finally {
    db.rollback();
  }
}

/**
 * The value of a chain keyword (`block-height`, `stacks-block-height`, `tenure-height`,
 * `burn-block-height`, `stacks-block-time`, `stx-liquid-supply`), or undefined for other names.
 */
export function chainVariable(name: string, env: Env): ClarityValue | undefined {
  const chain = env.chain;
  switch (name) {
    case 'block-height': {
      const ctx = chainContextOf(chain);
      return uint(epochAtLeast(chain.epoch, 'Epoch30') ? ctx.tenureHeight() : ctx.stacksBlockHeight());
    }
    case 'stacks-block-height':
      return uint(chainContextOf(chain).stacksBlockHeight());
    case 'tenure-height':
      return uint(chainContextOf(chain).tenureHeight());
    case 'burn-block-height':
      return uint(chainContextOf(chain).burnBlockHeight());
    case 'stacks-block-time':
      return uint(chainContextOf(chain).blockTime());
    case 'stx-liquid-supply':
      return uint(chain.db.getLiquidSupply());
  }
  return undefined;
}
