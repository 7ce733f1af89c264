/**
 * The registry of native functions: every name the reference reserves (`NativeFunctions` in
 * clarity/src/vm/functions/mod.rs, with the version range of `lookup_by_name_at_version`), and the
 * pure functions of this module by name.
 */
import type { ClarityValue } from '@stacks-ts/codec';
import { StacksEpochId } from '@stacks-ts/common';
import * as arithmetic from './arithmetic.ts';
import { expectArgsAtLeast } from './check.ts';
import type { ClarityVersion, NativeContext } from './context.ts';
import * as conversions from './conversions.ts';
import * as crypto from './crypto.ts';
import * as options from './options.ts';
import * as principals from './principals.ts';
import * as sequences from './sequences.ts';
import * as tuples from './tuples.ts';
import type {
  BindingsNativeFunction,
  NameOperandNativeFunction,
  NativeArity,
  NativeFunction,
  NativeImplementation,
  NativeNameInfo,
  TypeOperandNativeFunction,
  ValueNativeFunction,
} from './types.ts';

type NameRow = readonly [name: string, since: ClarityVersion, until: ClarityVersion | null, impl: NativeImplementation];

const N = 'natives';
const E = 'evaluator';

// The reference's `NativeFunctions` enum, in its order.
const NAME_ROWS: readonly NameRow[] = [
  ['+', 1, null, N],
  ['-', 1, null, N],
  ['*', 1, null, N],
  ['/', 1, null, N],
  ['>=', 1, null, N],
  ['<=', 1, null, N],
  ['<', 1, null, N],
  ['>', 1, null, N],
  ['to-int', 1, null, N],
  ['to-uint', 1, null, N],
  ['mod', 1, null, N],
  ['pow', 1, null, N],
  ['sqrti', 1, null, N],
  ['log2', 1, null, N],
  ['xor', 1, null, N],
  ['and', 1, null, E],
  ['or', 1, null, E],
  ['not', 1, null, N],
  ['is-eq', 1, null, N],
  ['if', 1, null, E],
  ['let', 1, null, E],
  ['map', 1, null, E],
  ['fold', 1, null, E],
  ['append', 1, null, N],
  ['concat', 1, null, N],
  ['as-max-len?', 1, null, N],
  ['len', 1, null, N],
  ['element-at', 1, null, N],
  ['element-at?', 2, null, N],
  ['index-of', 1, null, N],
  ['index-of?', 2, null, N],
  ['buff-to-int-le', 2, null, N],
  ['buff-to-uint-le', 2, null, N],
  ['buff-to-int-be', 2, null, N],
  ['buff-to-uint-be', 2, null, N],
  ['is-standard', 2, null, N],
  ['principal-destruct?', 2, null, N],
  ['principal-construct?', 2, null, N],
  ['string-to-int?', 2, null, N],
  ['string-to-uint?', 2, null, N],
  ['int-to-ascii', 2, null, N],
  ['int-to-utf8', 2, null, N],
  ['list', 1, null, N],
  ['var-get', 1, null, E],
  ['var-set', 1, null, E],
  ['map-get?', 1, null, E],
  ['map-set', 1, null, E],
  ['map-insert', 1, null, E],
  ['map-delete', 1, null, E],
  ['tuple', 1, null, N],
  ['get', 1, null, N],
  ['merge', 1, null, N],
  ['begin', 1, null, N],
  ['hash160', 1, null, N],
  ['sha256', 1, null, N],
  ['sha512', 1, null, N],
  ['sha512/256', 1, null, N],
  ['keccak256', 1, null, N],
  ['secp256k1-recover?', 1, null, N],
  ['secp256k1-verify', 1, null, N],
  ['print', 1, null, E],
  ['contract-call?', 1, null, E],
  ['as-contract', 1, 3, E],
  ['contract-of', 1, null, E],
  ['principal-of?', 1, null, N],
  ['at-block', 1, 4, E],
  ['get-block-info?', 1, 2, E],
  ['get-burn-block-info?', 2, null, E],
  ['err', 1, null, N],
  ['ok', 1, null, N],
  ['some', 1, null, N],
  ['default-to', 1, null, N],
  ['asserts!', 1, null, E],
  ['unwrap!', 1, null, E],
  ['unwrap-err!', 1, null, E],
  ['unwrap-panic', 1, null, N],
  ['unwrap-err-panic', 1, null, N],
  ['match', 1, null, E],
  ['try!', 1, null, E],
  ['is-ok', 1, null, N],
  ['is-none', 1, null, N],
  ['is-err', 1, null, N],
  ['is-some', 1, null, N],
  ['filter', 1, null, E],
  ['ft-get-balance', 1, null, E],
  ['nft-get-owner?', 1, null, E],
  ['ft-transfer?', 1, null, E],
  ['nft-transfer?', 1, null, E],
  ['nft-mint?', 1, null, E],
  ['ft-mint?', 1, null, E],
  ['ft-get-supply', 1, null, E],
  ['ft-burn?', 1, null, E],
  ['nft-burn?', 1, null, E],
  ['stx-get-balance', 1, null, E],
  ['stx-transfer?', 1, null, E],
  ['stx-transfer-memo?', 2, null, E],
  ['stx-burn?', 1, null, E],
  ['stx-account', 2, null, E],
  ['bit-and', 2, null, N],
  ['bit-or', 2, null, N],
  ['bit-not', 2, null, N],
  ['bit-shift-left', 2, null, N],
  ['bit-shift-right', 2, null, N],
  ['bit-xor', 2, null, N],
  ['slice?', 2, null, N],
  ['to-consensus-buff?', 2, null, N],
  ['from-consensus-buff?', 2, null, N],
  ['replace-at?', 2, null, N],
  ['get-stacks-block-info?', 3, null, E],
  ['get-tenure-info?', 3, null, E],
  ['contract-hash?', 4, null, E],
  ['to-ascii?', 4, null, N],
  ['restrict-assets?', 4, null, E],
  ['as-contract?', 4, null, E],
  ['with-stx', 4, null, E],
  ['with-ft', 4, null, E],
  ['with-nft', 4, null, E],
  ['with-stacking', 4, 5, E],
  ['with-staking', 6, null, E],
  ['with-pox', 6, null, E],
  ['with-all-assets-unsafe', 4, null, E],
  ['secp256r1-verify', 4, null, N],
  ['verify-merkle-proof', 6, null, E],
  ['get-bitcoin-tx-output?', 6, null, E],
  ['ed25519-verify', 6, null, E],
  ['secp256k1-decompress?', 6, null, E],
];

/** Every native name the reference reserves, with its version range and who implements it here. */
export const NATIVE_NAMES: readonly NativeNameInfo[] = NAME_ROWS.map(([name, since, until, implementation]) =>
  Object.freeze({ name, since, until, implementation }),
);

const NAME_INDEX = new Map(NATIVE_NAMES.map((n) => [n.name, n]));

/** True when `version` is in the `[since, until]` range of a native. */
export function isActiveAtVersion(info: { readonly since: ClarityVersion; readonly until: ClarityVersion | null }, version: ClarityVersion): boolean {
  return info.since <= version && (info.until === null || version <= info.until);
}

/**
 * `NativeFunctions::lookup_by_name_at_version`: the reserved native called `name` in `version`, or
 * undefined when there is none (so the name is free for user definitions).
 */
export function lookupNativeName(name: string, version: ClarityVersion): NativeNameInfo | undefined {
  const info = NAME_INDEX.get(name);
  return info !== undefined && isActiveAtVersion(info, version) ? info : undefined;
}

/** The first epoch in which a Clarity version may be used. */
export function firstEpochOfVersion(version: ClarityVersion): StacksEpochId {
  switch (version) {
    case 1:
      return StacksEpochId.Epoch20;
    case 2:
      return StacksEpochId.Epoch21;
    case 3:
      return StacksEpochId.Epoch30;
    case 4:
      return StacksEpochId.Epoch33;
    case 5:
      return StacksEpochId.Epoch34;
    case 6:
      return StacksEpochId.Epoch40;
  }
}

function info(name: string, arity: NativeArity, changes: readonly string[]) {
  const row = NAME_INDEX.get(name);
  if (row === undefined || row.implementation !== 'natives') throw new Error(`not a pure native: ${name}`);
  return { name, since: row.since, until: row.until, sinceEpoch: firstEpochOfVersion(row.since), arity, changes };
}

type ValueApply = (args: readonly ClarityValue[], ctx: NativeContext) => ClarityValue;

function values(name: string, min: number, max: number | null, apply: ValueApply, changes: readonly string[] = []): ValueNativeFunction {
  return Object.freeze({ ...info(name, { min, max }, changes), operands: 'values', apply });
}

const fromConsensusBuff: TypeOperandNativeFunction = Object.freeze({
  ...info('from-consensus-buff?', { min: 2, max: 2 }, [
    'Epoch 2.4: typed reads sanitize (extra tuple fields are dropped)',
    'Epoch 3.4: an address version of 32 or more gives none instead of a runtime error',
  ]),
  operands: 'type-then-values',
  apply: conversions.fromConsensusBuff,
});

const get: NameOperandNativeFunction = Object.freeze({
  ...info('get', { min: 2, max: 2 }, []),
  operands: 'name-then-values',
  apply: (name: string, args: readonly ClarityValue[]) => tuples.tupleGet(name, args),
});

const tuple: BindingsNativeFunction = Object.freeze({
  ...info('tuple', { min: 1, max: null }, []),
  operands: 'bindings',
  apply: (bindings: readonly (readonly [string, ClarityValue])[]) => tuples.tupleCons(bindings),
});

/** `(begin e1 ... en)` as a native: the last value (the evaluator evaluates all of them in order). */
function begin(args: readonly ClarityValue[]): ClarityValue {
  expectArgsAtLeast(args, 1);
  return args[args.length - 1]!;
}

const COMPARISON_CHANGE = 'Clarity 2: also compares two string-ascii, two string-utf8 or two buffers';

const ALL: readonly NativeFunction[] = [
  values('+', 1, null, arithmetic.add),
  values('-', 1, null, arithmetic.subtract),
  values('*', 1, null, arithmetic.multiply),
  values('/', 1, null, arithmetic.divide),
  values('>=', 2, 2, arithmetic.greaterOrEqual, [COMPARISON_CHANGE]),
  values('<=', 2, 2, arithmetic.lessOrEqual, [COMPARISON_CHANGE]),
  values('<', 2, 2, arithmetic.lessThan, [COMPARISON_CHANGE]),
  values('>', 2, 2, arithmetic.greaterThan, [COMPARISON_CHANGE]),
  values('to-int', 1, 1, arithmetic.toInt),
  values('to-uint', 1, 1, arithmetic.toUint),
  values('mod', 2, 2, arithmetic.modulo),
  values('pow', 2, 2, arithmetic.pow),
  values('sqrti', 1, 1, arithmetic.sqrti),
  values('log2', 1, 1, arithmetic.log2),
  values('xor', 2, 2, arithmetic.xor),
  values('not', 1, 1, arithmetic.not),
  values('is-eq', 1, null, arithmetic.isEq),
  values('append', 2, 2, sequences.append),
  values('concat', 2, 2, sequences.concat, ['Clarity 6: variadic (not implemented)']),
  values('as-max-len?', 2, 2, sequences.asMaxLen),
  values('len', 1, 1, sequences.len),
  values('element-at', 2, 2, sequences.elementAt),
  values('element-at?', 2, 2, sequences.elementAt),
  values('index-of', 2, 2, sequences.indexOf),
  values('index-of?', 2, 2, sequences.indexOf),
  values('buff-to-int-le', 1, 1, conversions.buffToIntLe),
  values('buff-to-uint-le', 1, 1, conversions.buffToUintLe),
  values('buff-to-int-be', 1, 1, conversions.buffToIntBe),
  values('buff-to-uint-be', 1, 1, conversions.buffToUintBe),
  values('is-standard', 1, 1, principals.isStandard),
  values('principal-destruct?', 1, 1, principals.principalDestruct),
  values('principal-construct?', 2, 3, principals.principalConstruct),
  values('string-to-int?', 1, 1, conversions.stringToInt),
  values('string-to-uint?', 1, 1, conversions.stringToUint),
  values('int-to-ascii', 1, 1, conversions.intToAscii),
  values('int-to-utf8', 1, 1, conversions.intToUtf8),
  values('list', 0, null, sequences.list),
  tuple,
  get,
  values('merge', 2, 2, tuples.tupleMerge, ['Epoch 4.0: an oversized merged tuple is ValueTooLarge']),
  values('begin', 1, null, begin),
  values('hash160', 1, 1, crypto.hash160Native),
  values('sha256', 1, 1, crypto.sha256Native),
  values('sha512', 1, 1, crypto.sha512Native),
  values('sha512/256', 1, 1, crypto.sha512_256Native),
  values('keccak256', 1, 1, crypto.keccak256Native),
  values('secp256k1-recover?', 2, 2, crypto.secp256k1Recover),
  values('secp256k1-verify', 3, 3, crypto.secp256k1Verify),
  values('principal-of?', 1, 1, crypto.principalOf, ['Clarity 2: the address follows the network (Clarity 1 is always testnet)']),
  values('err', 1, 1, options.err),
  values('ok', 1, 1, options.ok),
  values('some', 1, 1, options.some),
  values('default-to', 2, 2, options.defaultTo),
  values('unwrap-panic', 1, 1, options.unwrapPanic),
  values('unwrap-err-panic', 1, 1, options.unwrapErrPanic),
  values('is-ok', 1, 1, options.isOk),
  values('is-none', 1, 1, options.isNone),
  values('is-err', 1, 1, options.isErr),
  values('is-some', 1, 1, options.isSome),
  values('bit-and', 1, null, arithmetic.bitAnd),
  values('bit-or', 1, null, arithmetic.bitOr),
  values('bit-not', 1, 1, arithmetic.bitNot),
  values('bit-shift-left', 2, 2, arithmetic.bitShiftLeft),
  values('bit-shift-right', 2, 2, arithmetic.bitShiftRight),
  values('bit-xor', 1, null, arithmetic.bitXor),
  values('slice?', 3, 3, sequences.slice),
  values('to-consensus-buff?', 1, 1, conversions.toConsensusBuff),
  fromConsensusBuff,
  values('replace-at?', 3, 3, sequences.replaceAt),
  values('to-ascii?', 1, 1, conversions.toAscii),
  values('secp256r1-verify', 3, 3, crypto.secp256r1Verify, ['Clarity 5: verifies the hash itself, without hashing it again (not implemented)']),
];

/** The pure native functions, by Clarity name. Check `lookupNativeName` for the version gate first. */
export const NATIVE_FUNCTIONS: Readonly<Record<string, NativeFunction>> = Object.freeze(
  Object.fromEntries(ALL.map((f) => [f.name, f])),
);

/** The pure native `name` if it exists in `version`, else undefined. */
export function lookupNativeFunction(name: string, version: ClarityVersion): NativeFunction | undefined {
  const f = Object.hasOwn(NATIVE_FUNCTIONS, name) ? NATIVE_FUNCTIONS[name] : undefined;
  return f !== undefined && isActiveAtVersion(f, version) ? f : undefined;
}
