/**
 * The parser's limits and the epoch rules that pick them (`clarity-types/src/lib.rs`,
 * `clarity/src/vm/ast/stack_depth_checker.rs`, `clarity/src/vm/ast/parser/v2/mod.rs`).
 */
import { compareEpochs, StacksEpochId } from '@stacks-ts/common';
import { MAX_VALUE_SIZE } from '@stacks-ts/codec';
import { ClarityError } from '../errors.ts';

/** Longest Clarity name (identifiers, trait names, tuple keys), in characters (`MAX_STRING_LEN`). */
export const MAX_NAME_LENGTH = 128;
/** Longest contract name a principal literal may carry (`MAX_CONTRACT_NAME_LEN`). */
export const MAX_CONTRACT_NAME_LENGTH = 40;
/** How much deeper than the call stack the AST may nest (`AST_CALL_STACK_DEPTH_BUFFER`). */
export const AST_CALL_STACK_DEPTH_BUFFER = 5;
/** Call stack depth before epoch 3.4 (`MAX_CALL_STACK_DEPTH_LEGACY`). */
export const MAX_CALL_STACK_DEPTH_LEGACY = 64;
/** Call stack depth from epoch 3.4 (`MAX_CALL_STACK_DEPTH`). */
export const MAX_CALL_STACK_DEPTH = 128;
/** Longest string-ascii or buffer literal, in bytes (`MAX_VALUE_SIZE`, 1 MiB). */
export const MAX_LITERAL_BYTES = MAX_VALUE_SIZE;
/** Longest string-utf8 value, in characters (`MAX_UTF8_VALUE_SIZE`). */
export const MAX_UTF8_CHARS = MAX_VALUE_SIZE / 4;

const EPOCH_ALIASES: Readonly<Record<string, StacksEpochId>> = {
  '1.0': StacksEpochId.Epoch10,
  '2.0': StacksEpochId.Epoch20,
  '2.05': StacksEpochId.Epoch2_05,
  '2.1': StacksEpochId.Epoch21,
  '2.2': StacksEpochId.Epoch22,
  '2.3': StacksEpochId.Epoch23,
  '2.4': StacksEpochId.Epoch24,
  '2.5': StacksEpochId.Epoch25,
  '3.0': StacksEpochId.Epoch30,
  '3.1': StacksEpochId.Epoch31,
  '3.2': StacksEpochId.Epoch32,
  '3.3': StacksEpochId.Epoch33,
  '3.4': StacksEpochId.Epoch34,
  '4.0': StacksEpochId.Epoch40,
  '4.1': StacksEpochId.Epoch41,
};

/**
 * The `StacksEpochId` named by `epoch`: either an id (`'Epoch21'`) or the dotted form the oracle
 * uses (`'2.1'`, `'2.05'`). Throws a `ClarityError` (`Internal`/`Expect`) for anything else.
 */
export function resolveEpochId(epoch: string): StacksEpochId {
  const alias = EPOCH_ALIASES[epoch];
  if (alias !== undefined) return alias;
  if ((Object.values(StacksEpochId) as string[]).includes(epoch)) return epoch as StacksEpochId;
  throw new ClarityError('runtime', 'Internal', 'Expect', `unknown epoch '${epoch}'`, { args: [epoch] });
}

/** True when `epoch` parses with parser v2 (epoch 2.1 and later); earlier epochs use parser v1. */
export function usesParserV2(epoch: StacksEpochId): boolean {
  return compareEpochs(epoch, StacksEpochId.Epoch21) >= 0;
}

/** The call stack depth limit of an epoch (`max_call_stack_depth_for_epoch`): 64, or 128 from 3.4. */
export function maxCallStackDepthForEpoch(epoch: StacksEpochId): number {
  return compareEpochs(epoch, StacksEpochId.Epoch34) >= 0 ? MAX_CALL_STACK_DEPTH : MAX_CALL_STACK_DEPTH_LEGACY;
}

/** The parse-time depth limits of an epoch (`StackDepthLimits`). */
export interface StackDepthLimits {
  /** `max_call_stack_depth`: reported in `ExpressionStackDepthTooDeep { max_depth }`. */
  readonly maxCallStackDepth: number;
  /** `max_nesting_depth`: the call stack depth plus `AST_CALL_STACK_DEPTH_BUFFER`. */
  readonly maxNestingDepth: number;
}

/** `StackDepthLimits::for_epoch`. */
export function stackDepthLimitsForEpoch(epoch: StacksEpochId): StackDepthLimits {
  const maxCallStackDepth = maxCallStackDepthForEpoch(epoch);
  return { maxCallStackDepth, maxNestingDepth: maxCallStackDepth + AST_CALL_STACK_DEPTH_BUFFER };
}
