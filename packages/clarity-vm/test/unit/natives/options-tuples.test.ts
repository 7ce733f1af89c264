import { describe, it, expect } from 'vitest';
import { type ClarityValue, typeSignatureToString } from '@stacks-ts/codec';
import { StacksEpochId } from '@stacks-ts/common';
import { ClarityEarlyReturn } from '../../../src/errors.ts';
import {
  assertCondition,
  matchInput,
  tryUnwrap,
  unwrapErrOrReturn,
  unwrapOrReturn,
} from '../../../src/natives/options.ts';
import { tupleCons } from '../../../src/natives/tuples.ts';
import { typeOfValue } from '../../../src/natives/value-types.ts';
import { expectRuntimeError, expectValue, hexOf, run, runError } from './harness.ts';

const int = (n: number): ClarityValue => ({ type: 'int', value: BigInt(n) });

// clarity/src/vm/tests/simple_apply_eval.rs `test_options_errors`.
describe('reference test_options_errors', () => {
  it('reports the reference errors', () => {
    for (const f of ['is-none', 'is-ok', 'is-err', 'is-some', 'ok', 'some', 'err']) {
      expect(runError(`(${f} 2 1)`).args).toEqual([1, 2]);
    }
    expect(runError('(default-to 4 5 7)').args).toEqual([2, 3]);
    expect(runError('(is-none true)').args[0]).toBe('Expected option value: true');
    expect(runError('(is-some true)').args[0]).toBe('Expected option value: true');
    expect(runError('(is-ok true)').args[0]).toBe('Expected response value: true');
    expect(runError('(is-err true)').args[0]).toBe('Expected response value: true');
    expect(runError('(default-to 4 true)').args[0]).toBe('Expected option value: true');
    expect(runError('(get field-0 (some 1))').args[0]).toBe('Expected tuple: int');
    expect(runError('(get field-0 1)').args[0]).toBe('Expected tuple: int');
  });
});

// `test_some`, `test_option_destructs` (the parts that are not `match`).
describe('reference optional and response values', () => {
  const cases: [string, string][] = [
    ['(is-none (some 1))', 'false'],
    ['(is-some (some 1))', 'true'],
    ['(is-some none)', 'false'],
    ['(is-none none)', 'true'],
    ['(is-ok (ok 1))', 'true'],
    ['(is-err (ok 1))', 'false'],
    ['(is-err (err 1))', 'true'],
    ['(unwrap! (some 1) 2)', '1'],
    ['(unwrap-err! (err 1) 2)', '1'],
    ['(unwrap! (ok 3) 2)', '3'],
    ['(unwrap-panic (ok 3))', '3'],
    ['(unwrap-panic (some 3))', '3'],
    ['(unwrap-err-panic (err 3))', '3'],
    ['(try! (ok 3))', '3'],
    ['(try! (some true))', 'true'],
    ['(default-to 4 (some 5))', '5'],
    ['(default-to 4 none)', '4'],
  ];
  for (const [src, expected] of cases) it(src, () => expectValue(src, expected));
  it('unwrap-panic and unwrap-err-panic fail with UnwrapFailure', () => {
    expectRuntimeError('(unwrap-err-panic (ok 3))', 'UnwrapFailure', {}, 'Runtime');
    expectRuntimeError('(unwrap-panic none)', 'UnwrapFailure', {}, 'Runtime');
    expectRuntimeError('(unwrap-panic (err 3))', 'UnwrapFailure', {}, 'Runtime');
  });
  it('unwrap-err! on an optional is Unreachable', () => {
    expect(runError('(unwrap-err! (some 2) 2)').args[0]).toBe('Expected response value: (some 2)');
    expect(runError('(unwrap-panic 1)').args[0]).toBe('Expected optional or response value: 1');
    expect(runError('(unwrap-err-panic (some 1))').code).toBe('Unreachable');
  });
  it('short returns carry the reference values', () => {
    const e1 = runError('(unwrap! (err 3) 2)');
    expect(e1).toBeInstanceOf(ClarityEarlyReturn);
    expect(e1.code).toBe('UnwrapFailed');
    expect((e1 as ClarityEarlyReturn).value).toEqual(int(2));
    expect(hexOf((runError('(try! (err u1))') as ClarityEarlyReturn).value)).toBe(hexOf(run('(err u1)')));
    expect(hexOf((runError('(try! none)') as ClarityEarlyReturn).value)).toBe('09');
    expect(runError('(try! 1)').args[0]).toBe('Expected optional or response value: 1');
  });
  it('helpers for the evaluator', () => {
    expect(unwrapOrReturn(run('(some 1)'), int(9))).toEqual(int(1));
    expect(() => unwrapOrReturn(run('none'), int(9))).toThrow(ClarityEarlyReturn);
    expect(unwrapErrOrReturn(run('(err 1)'), int(9))).toEqual(int(1));
    expect(() => unwrapErrOrReturn(run('(ok 1)'), int(9))).toThrow(ClarityEarlyReturn);
    expect(tryUnwrap(run('(ok 4)'))).toEqual(int(4));
    expect(assertCondition(run('true'))).toBe(true);
    expect(assertCondition(run('false'))).toBe(false);
    expect(() => assertCondition(int(1))).toThrow(/expected bool/);
    expect(matchInput(run('(some 1)'))).toEqual({ arm: 'some', value: int(1) });
    expect(matchInput(run('none'))).toEqual({ arm: 'none', value: null });
    expect(matchInput(run('(ok 1)'))).toEqual({ arm: 'ok', value: int(1) });
    expect(matchInput(run('(err 1)'))).toEqual({ arm: 'err', value: int(1) });
    // `(match 1 ...)`: Unreachable("Bad match input: int").
    expect(() => matchInput(int(1))).toThrow(/Bad match input/);
  });
});

describe('wrapper size and depth limits', () => {
  it('(some v) is ValueTooLarge when v fills a value', () => {
    const buff = `0x${'00'.repeat(1048572)}`;
    expectValue(`(len ${buff})`, 'u1048572');
    // (buff 1048572) has size 1048576: adding the wrapper's one byte is too large.
    expectRuntimeError(`(some ${buff})`, 'ValueTooLarge');
    expectRuntimeError(`(ok ${buff})`, 'ValueTooLarge');
    expectRuntimeError(`(err ${buff})`, 'ValueTooLarge');
    expectValue(`(len (unwrap-panic (some 0x${'00'.repeat(1048571)})))`, 'u1048571');
  });
  it('(some v) is TypeSignatureTooDeep past 32 levels', () => {
    let src = '1';
    for (let i = 0; i < 31; i++) src = `(some ${src})`;
    expect(run(src).type).toBe('optional');
    expectRuntimeError(`(some ${src})`, 'TypeSignatureTooDeep');
    expectRuntimeError(`(ok ${src})`, 'TypeSignatureTooDeep');
  });
});

describe('tuples', () => {
  it('construct with either syntax', () => {
    expectValue('(tuple (a 1) (b u2))', '{a: 1, b: u2}');
    expect(typeSignatureToString(typeOfValue(run('{b: 0x01, a: (list 1)}')))).toBe('(tuple (a (list 1 int)) (b (buff 1)))');
  });
  it('a repeated name is NameAlreadyUsed', () => {
    expectRuntimeError('(tuple (a 1) (a 2))', 'NameAlreadyUsed');
    expect(() => tupleCons([])).toThrow(/Requires at least args: 1 got 0/);
  });
  it('get reads a field, through an optional too', () => {
    expectValue('(get a {a: 1, b: 2})', '1');
    expectValue('(get a (some {a: 1}))', '(some 1)');
    expectValue('(get a none)', 'none');
    expectRuntimeError('(get c {a: 1})', 'Unreachable');
    expect(runError('(get a)').args).toEqual([2, 1]);
  });
  // `merge_update_type_signature_2239`.
  it('reference merge cases', () => {
    expectValue('(merge {p: 2} {p: u2})', '{p: u2}');
    expectValue('(merge {p: 2} {q: 3})', '{p: 2, q: 3}');
    expectValue('(merge {q: 2, p: 3} {p: 4})', '{p: 4, q: 2}');
    expect(typeSignatureToString(typeOfValue(run('(merge {p: 2} {p: u2})')))).toBe('(tuple (p uint))');
    expectRuntimeError('(merge {a: 1} 1)', 'Unreachable');
    expectRuntimeError('(merge 1 {a: 1})', 'Unreachable');
  });
  // `tuple_merge_runtime_size_gate_epoch40`.
  it('an oversized merge is ValueTooLarge only from Epoch 4.0', () => {
    const big = `0x${'00'.repeat(524288)}`;
    const src = `(merge (tuple (a ${big})) (tuple (b ${big})))`;
    expect(run(src, { version: 3, epoch: StacksEpochId.Epoch33 }).type).toBe('tuple');
    expectRuntimeError(src, 'ValueTooLarge', { version: 3, epoch: StacksEpochId.Epoch40 });
  });
  it('merge keeps declared field types', () => {
    const declared = '(unwrap-panic (from-consensus-buff? (tuple (a (buff 8))) 0x0c000000010161020000000101))';
    expect(typeSignatureToString(typeOfValue(run(`(merge ${declared} {b: 1})`)))).toBe('(tuple (a (buff 8)) (b int))');
  });
});
