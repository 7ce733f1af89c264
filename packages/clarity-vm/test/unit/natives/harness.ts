/**
 * A test-only evaluator for native calls, so that the reference's unit tests (which run programs
 * through `vm_execute`, without static analysis) can be re-expressed with their own source text:
 * `run('(pow 2 16)')`. It parses with this package's parser and applies `NATIVE_FUNCTIONS`
 * eagerly; the control forms it needs (`unwrap!`, `unwrap-err!`, `try!`, `asserts!`, `and`, `or`)
 * go through the helpers the evaluator will use. It is not the evaluator.
 */
import { ClarityType, type ClarityValue, type TypeSignature, encodeClarityValue } from '@stacks-ts/codec';
import { StacksEpochId, bytesToHex } from '@stacks-ts/common';
import { expect } from 'vitest';
import { ClarityError } from '../../../src/errors.ts';
import type { ClarityVersion, NativeContext } from '../../../src/natives/context.ts';
import * as options from '../../../src/natives/options.ts';
import { lookupNativeFunction, lookupNativeName } from '../../../src/natives/registry.ts';
import { parseProgram } from '../../../src/parser/build.ts';
import type { SymbolicExpression } from '../../../src/parser/ast.ts';

/** Options of `run`. */
export interface RunOptions {
  readonly version?: ClarityVersion;
  readonly epoch?: StacksEpochId;
  readonly mainnet?: boolean;
}

const DEFAULT_EPOCH: Record<number, StacksEpochId> = {
  1: StacksEpochId.Epoch2_05,
  2: StacksEpochId.Epoch21,
  3: StacksEpochId.Epoch30,
  4: StacksEpochId.Epoch33,
};

/** A context: Clarity 2 in Epoch 2.1 on testnet unless told otherwise. */
export function ctxOf(opts: RunOptions = {}): NativeContext {
  const clarityVersion = opts.version ?? 2;
  return {
    clarityVersion,
    epoch: opts.epoch ?? DEFAULT_EPOCH[clarityVersion] ?? StacksEpochId.Epoch33,
    mainnet: opts.mainnet ?? false,
    chainId: opts.mainnet ? 1 : 0x80000000,
  };
}

function parseType(e: SymbolicExpression): TypeSignature {
  if (e.type === 'atom') {
    switch (e.name) {
      case 'int':
        return ClarityType.int;
      case 'uint':
        return ClarityType.uint;
      case 'bool':
        return ClarityType.bool;
      case 'principal':
        return ClarityType.principal;
    }
  }
  if (e.type === 'list' && e.items[0]?.type === 'atom') {
    const head = e.items[0].name;
    const n = (i: number): number => {
      const x = e.items[i];
      if (x?.type !== 'literal-value' || x.value.type !== 'int') throw new Error('bad type length');
      return Number(x.value.value);
    };
    switch (head) {
      case 'buff':
        return ClarityType.buffer(n(1));
      case 'string-ascii':
        return ClarityType.stringAscii(n(1));
      case 'string-utf8':
        return ClarityType.stringUtf8(n(1));
      case 'optional':
        return ClarityType.optional(parseType(e.items[1]!));
      case 'response':
        return ClarityType.response(parseType(e.items[1]!), parseType(e.items[2]!));
      case 'list':
        return ClarityType.list(parseType(e.items[2]!), n(1));
      case 'tuple': {
        const fields = new Map<string, TypeSignature>();
        for (const f of e.items.slice(1)) {
          if (f.type !== 'list' || f.items[0]?.type !== 'atom') throw new Error('bad tuple type');
          fields.set(f.items[0].name, parseType(f.items[1]!));
        }
        return ClarityType.tuple(fields);
      }
    }
  }
  throw new ClarityError('runtime', 'RuntimeCheck', 'Unreachable', 'InvalidTypeDescription');
}

function evaluate(e: SymbolicExpression, ctx: NativeContext): ClarityValue {
  switch (e.type) {
    case 'literal-value':
    case 'atom-value':
      return e.value;
    case 'atom':
      if (e.name === 'true') return { type: 'bool', value: true };
      if (e.name === 'false') return { type: 'bool', value: false };
      if (e.name === 'none') return { type: 'optional', value: null };
      throw new Error(`unbound variable ${e.name}`);
    case 'list':
      return apply(e.items, ctx);
    default:
      throw new Error(`unsupported expression ${e.type}`);
  }
}

function apply(items: readonly SymbolicExpression[], ctx: NativeContext): ClarityValue {
  const head = items[0];
  if (head?.type !== 'atom') throw new Error('not a function application');
  const name = head.name;
  const rest = items.slice(1);
  const ev = (x: SymbolicExpression): ClarityValue => evaluate(x, ctx);
  switch (name) {
    case 'and':
      for (const x of rest) if (!options.assertCondition(ev(x))) return { type: 'bool', value: false };
      return { type: 'bool', value: true };
    case 'or':
      for (const x of rest) if (options.assertCondition(ev(x))) return { type: 'bool', value: true };
      return { type: 'bool', value: false };
    case 'unwrap!':
      return options.unwrapOrReturn(ev(rest[0]!), ev(rest[1]!));
    case 'unwrap-err!':
      return options.unwrapErrOrReturn(ev(rest[0]!), ev(rest[1]!));
    case 'try!':
      return options.tryUnwrap(ev(rest[0]!));
    case 'asserts!': {
      const c = ev(rest[0]!);
      if (options.assertCondition(c)) return c;
      throw new Error('assertion failed');
    }
  }
  if (lookupNativeName(name, ctx.clarityVersion) === undefined) {
    throw new ClarityError('check', 'StaticCheck', 'UnknownFunction', `use of unresolved function '${name}'`);
  }
  const f = lookupNativeFunction(name, ctx.clarityVersion);
  if (f === undefined) throw new Error(`${name} is the evaluator's`);
  switch (f.operands) {
    case 'values':
      return f.apply(rest.map(ev), ctx);
    case 'type-then-values':
      return f.apply(parseType(rest[0]!), rest.slice(1).map(ev), ctx);
    case 'name-then-values': {
      const field = rest[0];
      if (field?.type !== 'atom') throw new Error('expected a name');
      return f.apply(field.name, rest.slice(1).map(ev), ctx);
    }
    case 'bindings':
      return f.apply(
        rest.map((b) => {
          if (b.type !== 'list' || b.items[0]?.type !== 'atom') throw new Error('bad binding');
          return [b.items[0].name, ev(b.items[1]!)] as const;
        }),
        ctx,
      );
  }
}

/** Evaluates the last expression of `source` with the native functions. */
export function run(source: string, opts: RunOptions = {}): ClarityValue {
  const ctx = ctxOf(opts);
  const exprs = parseProgram(source, { epoch: ctx.epoch, clarityVersion: Math.min(ctx.clarityVersion, 4) as 1 | 2 | 3 | 4 });
  let last: ClarityValue | undefined;
  for (const e of exprs) last = evaluate(e, ctx);
  if (last === undefined) throw new Error('empty program');
  return last;
}

/** Evaluates and returns the thrown `ClarityError` (fails the test if nothing is thrown). */
export function runError(source: string, opts: RunOptions = {}): ClarityError {
  try {
    run(source, opts);
  } catch (e) {
    if (e instanceof ClarityError) return e;
    throw e;
  }
  expect.fail(`expected ${source} to fail`);
}

/** Asserts that `source` fails with a runtime error of `code` (and optionally `group`). */
export function expectRuntimeError(source: string, code: string, opts: RunOptions = {}, group?: string): ClarityError {
  const e = runError(source, opts);
  expect(e.kind, `${source}: ${e.message}`).toBe('runtime');
  expect(e.code, `${source}: ${e.message}`).toBe(code);
  if (group !== undefined) expect(e.group).toBe(group);
  return e;
}

/** SIP-005 hex of a value. */
export function hexOf(v: ClarityValue): string {
  return bytesToHex(encodeClarityValue(v));
}

/** Asserts that `source` evaluates to the value of `expected` (compared by consensus bytes). */
export function expectValue(source: string, expected: string, opts: RunOptions = {}): void {
  expect(hexOf(run(source, opts)), source).toBe(hexOf(run(expected, opts)));
}
