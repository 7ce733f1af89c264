import { describe, it, expect } from 'vitest';
import { StacksEpochId } from '@stacks-ts/common';
import { defaultClarityVersion } from '../../../src/natives/context.ts';
import {
  NATIVE_FUNCTIONS,
  NATIVE_NAMES,
  firstEpochOfVersion,
  lookupNativeFunction,
  lookupNativeName,
} from '../../../src/natives/registry.ts';
import { run, runError } from './harness.ts';

// The `NativeFunctions` enum of clarity/src/vm/functions/mod.rs at the pinned reference commit:
// [name, min version, max version (inclusive) or null].
const REFERENCE_NAMES: readonly (readonly [string, number, number | null])[] = [
  ["+", 1, null],
  ["-", 1, null],
  ["*", 1, null],
  ["/", 1, null],
  [">=", 1, null],
  ["<=", 1, null],
  ["<", 1, null],
  [">", 1, null],
  ["to-int", 1, null],
  ["to-uint", 1, null],
  ["mod", 1, null],
  ["pow", 1, null],
  ["sqrti", 1, null],
  ["log2", 1, null],
  ["xor", 1, null],
  ["and", 1, null],
  ["or", 1, null],
  ["not", 1, null],
  ["is-eq", 1, null],
  ["if", 1, null],
  ["let", 1, null],
  ["map", 1, null],
  ["fold", 1, null],
  ["append", 1, null],
  ["concat", 1, null],
  ["as-max-len?", 1, null],
  ["len", 1, null],
  ["element-at", 1, null],
  ["element-at?", 2, null],
  ["index-of", 1, null],
  ["index-of?", 2, null],
  ["buff-to-int-le", 2, null],
  ["buff-to-uint-le", 2, null],
  ["buff-to-int-be", 2, null],
  ["buff-to-uint-be", 2, null],
  ["is-standard", 2, null],
  ["principal-destruct?", 2, null],
  ["principal-construct?", 2, null],
  ["string-to-int?", 2, null],
  ["string-to-uint?", 2, null],
  ["int-to-ascii", 2, null],
  ["int-to-utf8", 2, null],
  ["list", 1, null],
  ["var-get", 1, null],
  ["var-set", 1, null],
  ["map-get?", 1, null],
  ["map-set", 1, null],
  ["map-insert", 1, null],
  ["map-delete", 1, null],
  ["tuple", 1, null],
  ["get", 1, null],
  ["merge", 1, null],
  ["begin", 1, null],
  ["hash160", 1, null],
  ["sha256", 1, null],
  ["sha512", 1, null],
  ["sha512/256", 1, null],
  ["keccak256", 1, null],
  ["secp256k1-recover?", 1, null],
  ["secp256k1-verify", 1, null],
  ["print", 1, null],
  ["contract-call?", 1, null],
  ["as-contract", 1, 3],
  ["contract-of", 1, null],
  ["principal-of?", 1, null],
  ["at-block", 1, 4],
  ["get-block-info?", 1, 2],
  ["get-burn-block-info?", 2, null],
  ["err", 1, null],
  ["ok", 1, null],
  ["some", 1, null],
  ["default-to", 1, null],
  ["asserts!", 1, null],
  ["unwrap!", 1, null],
  ["unwrap-err!", 1, null],
  ["unwrap-panic", 1, null],
  ["unwrap-err-panic", 1, null],
  ["match", 1, null],
  ["try!", 1, null],
  ["is-ok", 1, null],
  ["is-none", 1, null],
  ["is-err", 1, null],
  ["is-some", 1, null],
  ["filter", 1, null],
  ["ft-get-balance", 1, null],
  ["nft-get-owner?", 1, null],
  ["ft-transfer?", 1, null],
  ["nft-transfer?", 1, null],
  ["nft-mint?", 1, null],
  ["ft-mint?", 1, null],
  ["ft-get-supply", 1, null],
  ["ft-burn?", 1, null],
  ["nft-burn?", 1, null],
  ["stx-get-balance", 1, null],
  ["stx-transfer?", 1, null],
  ["stx-transfer-memo?", 2, null],
  ["stx-burn?", 1, null],
  ["stx-account", 2, null],
  ["bit-and", 2, null],
  ["bit-or", 2, null],
  ["bit-not", 2, null],
  ["bit-shift-left", 2, null],
  ["bit-shift-right", 2, null],
  ["bit-xor", 2, null],
  ["slice?", 2, null],
  ["to-consensus-buff?", 2, null],
  ["from-consensus-buff?", 2, null],
  ["replace-at?", 2, null],
  ["get-stacks-block-info?", 3, null],
  ["get-tenure-info?", 3, null],
  ["contract-hash?", 4, null],
  ["to-ascii?", 4, null],
  ["restrict-assets?", 4, null],
  ["as-contract?", 4, null],
  ["with-stx", 4, null],
  ["with-ft", 4, null],
  ["with-nft", 4, null],
  ["with-stacking", 4, 5],
  ["with-staking", 6, null],
  ["with-pox", 6, null],
  ["with-all-assets-unsafe", 4, null],
  ["secp256r1-verify", 4, null],
  ["verify-merkle-proof", 6, null],
  ["get-bitcoin-tx-output?", 6, null],
  ["ed25519-verify", 6, null],
  ["secp256k1-decompress?", 6, null]
];

describe('the name table', () => {
  it('lists every reference native, in order, with its version range', () => {
    expect(NATIVE_NAMES.map((n) => [n.name, n.since, n.until])).toEqual(REFERENCE_NAMES);
  });
  it('registers a pure function for every name marked natives, and only those', () => {
    const pure = NATIVE_NAMES.filter((n) => n.implementation === 'natives').map((n) => n.name).sort();
    expect(Object.keys(NATIVE_FUNCTIONS).sort()).toEqual(pure);
    for (const f of Object.values(NATIVE_FUNCTIONS)) {
      const row = NATIVE_NAMES.find((n) => n.name === f.name)!;
      expect([f.since, f.until]).toEqual([row.since, row.until]);
      expect(f.sinceEpoch).toBe(firstEpochOfVersion(f.since));
      expect(f.arity.min).toBeLessThanOrEqual(f.arity.max ?? Infinity);
    }
  });
  it('keeps special forms and stateful functions for the evaluator', () => {
    for (const name of ['and', 'or', 'if', 'let', 'map', 'fold', 'filter', 'match', 'asserts!', 'unwrap!', 'try!', 'print', 'stx-transfer?', 'contract-call?']) {
      expect(lookupNativeName(name, 4)?.implementation).toBe('evaluator');
      expect(lookupNativeFunction(name, 4)).toBeUndefined();
    }
  });
});

describe('version gates (lookup_by_name_at_version)', () => {
  const gates: [string, number[]][] = [
    ['element-at', [1, 2, 3, 4]],
    ['element-at?', [2, 3, 4]],
    ['index-of?', [2, 3, 4]],
    ['buff-to-int-le', [2, 3, 4]],
    ['bit-and', [2, 3, 4]],
    ['slice?', [2, 3, 4]],
    ['replace-at?', [2, 3, 4]],
    ['to-consensus-buff?', [2, 3, 4]],
    ['principal-construct?', [2, 3, 4]],
    ['xor', [1, 2, 3, 4]],
    ['to-ascii?', [4]],
    ['secp256r1-verify', [4]],
    ['as-contract', [1, 2, 3]],
    ['get-block-info?', [1, 2]],
    ['at-block', [1, 2, 3, 4]],
    ['get-stacks-block-info?', [3, 4]],
    ['contract-hash?', [4]],
    ['with-stacking', [4]],
    ['verify-merkle-proof', []],
  ];
  for (const [name, versions] of gates) {
    it(name, () => {
      for (const v of [1, 2, 3, 4] as const) {
        expect(lookupNativeName(name, v) !== undefined, `${name} in Clarity ${v}`).toBe(versions.includes(v));
      }
    });
  }
  it('an unavailable name is an unknown function, not a native', () => {
    expect(runError('(element-at? (list 1) u0)', { version: 1 }).kind).toBe('check');
    expect(run('(element-at (list 1) u0)', { version: 1 }).type).toBe('optional');
    expect(lookupNativeFunction('to-ascii?', 3)).toBeUndefined();
    expect(lookupNativeFunction('to-ascii?', 4)?.name).toBe('to-ascii?');
    expect(lookupNativeFunction('no-such-function', 4)).toBeUndefined();
    expect(lookupNativeFunction('toString', 4)).toBeUndefined();
  });
  it('maps versions to epochs', () => {
    expect(firstEpochOfVersion(1)).toBe(StacksEpochId.Epoch20);
    expect(firstEpochOfVersion(2)).toBe(StacksEpochId.Epoch21);
    expect(firstEpochOfVersion(3)).toBe(StacksEpochId.Epoch30);
    expect(firstEpochOfVersion(4)).toBe(StacksEpochId.Epoch33);
    expect(defaultClarityVersion(StacksEpochId.Epoch2_05)).toBe(1);
    expect(defaultClarityVersion(StacksEpochId.Epoch25)).toBe(2);
    expect(defaultClarityVersion(StacksEpochId.Epoch32)).toBe(3);
    expect(defaultClarityVersion(StacksEpochId.Epoch33)).toBe(4);
  });
});

describe('registry entries', () => {
  it('describe their operands', () => {
    expect(NATIVE_FUNCTIONS['from-consensus-buff?']!.operands).toBe('type-then-values');
    expect(NATIVE_FUNCTIONS['get']!.operands).toBe('name-then-values');
    expect(NATIVE_FUNCTIONS['tuple']!.operands).toBe('bindings');
    expect(NATIVE_FUNCTIONS['+']!.operands).toBe('values');
    expect(NATIVE_FUNCTIONS['principal-construct?']!.arity).toEqual({ min: 2, max: 3 });
    expect(NATIVE_FUNCTIONS['list']!.arity).toEqual({ min: 0, max: null });
    expect(NATIVE_FUNCTIONS['<']!.changes.length).toBeGreaterThan(0);
  });
  it('begin returns its last value', () => {
    expect(run('(begin 1 2 u3)')).toEqual({ type: 'uint', value: 3n });
    expect(runError('(begin)').code).toBe('Unreachable');
  });
});
