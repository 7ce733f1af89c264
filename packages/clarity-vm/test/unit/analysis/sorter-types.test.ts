import { describe, expect, it } from 'vitest';
import { ClarityType } from '@stacks-ts/codec';
import { admits, analysisTypeToString, definitionOrder, parseTypeRepr, sortDefinitions, supertype } from '../../../src/analysis/index.ts';
import { ClarityError } from '../../../src/errors.ts';
import { buildAst, parsePreExpressions } from '../../../src/parser/build.ts';
import { assignExpressionIds } from '../../../src/parser/passes.ts';

function typeRepr(src: string): string {
  const [e] = buildAst(src, { epoch: '3.3', clarityVersion: 4 }).expressions;
  return analysisTypeToString(parseTypeRepr(e!));
}

function typeCode(src: string): string {
  try {
    typeRepr(src);
    return 'ok';
  } catch (e) {
    if (e instanceof ClarityError) return e.code;
    throw e;
  }
}

describe('parseTypeRepr', () => {
  it('parses every type form', () => {
    expect(typeRepr('int')).toBe('int');
    expect(typeRepr('(list 10 int)')).toBe('(list 10 int)');
    expect(typeRepr('(buff 32)')).toBe('(buff 32)');
    expect(typeRepr('(string-ascii 5)')).toBe('(string-ascii 5)');
    expect(typeRepr('(string-utf8 5)')).toBe('(string-utf8 5)');
    expect(typeRepr('(optional (response uint bool))')).toBe('(optional (response uint bool))');
    expect(typeRepr('(tuple (b int) (a (list 2 principal)))')).toBe('(tuple (a (list 2 principal)) (b int))');
    expect(typeRepr('{a: int, b: (buff 1)}')).toBe('(tuple (a int) (b (buff 1)))');
  });

  it('fails as the reference does', () => {
    expect(typeCode('intt')).toBe('UnknownTypeName');
    expect(typeCode('(list int)')).toBe('InvalidTypeDescription');
    expect(typeCode('(buff -1)')).toBe('InvalidTypeDescription');
    expect(typeCode('(optional)')).toBe('InvalidTypeDescription');
    expect(typeCode('(tuple)')).toBe('EmptyTuplesNotAllowed');
    expect(typeCode('(tuple (a int) (a int))')).toBe('InvalidTypeDescription');
    expect(typeCode('(buff 1048577)')).toBe('ValueTooLarge');
    expect(typeCode('(buff 1048576)')).toBe('ok');
    expect(typeCode('(list 1000000000 int)')).toBe('ValueTooLarge');
    expect(typeCode(`${'(optional '.repeat(32)}int${')'.repeat(32)}`)).toBe('TypeSignatureTooDeep');
  });

  it('computes supertypes and admission', () => {
    const l1 = parseTypeRepr(buildAst('(list 1 int)', { epoch: '3.3', clarityVersion: 4 }).expressions[0]!);
    const l3 = parseTypeRepr(buildAst('(list 3 int)', { epoch: '3.3', clarityVersion: 4 }).expressions[0]!);
    expect(analysisTypeToString(supertype(l1, l3)!)).toBe('(list 3 int)');
    expect(admits(l3, l1)).toBe(true);
    expect(admits(l1, l3)).toBe(false);
    expect(supertype(ClarityType.int, ClarityType.uint)).toBeUndefined();
  });
});

describe('definition sorter', () => {
  function order(src: string): number[] {
    const pre = parsePreExpressions(src, { epoch: '3.3' });
    assignExpressionIds(pre);
    return definitionOrder(pre, 4);
  }

  it('puts definitions before their users', () => {
    expect(order('(define-private (a) (b)) (define-private (b) 1)')).toEqual([1, 0]);
    expect(order('(define-constant x y) (define-constant y 1) (+ x 1)')).toEqual([1, 0, 2]);
    // let-bound names and tuple keys are not dependencies.
    expect(order('(define-private (f) (let ((g 1)) 1)) (define-private (g) 1)')).toEqual([0, 1]);
    expect(order('(define-private (f) {g: 1}) (define-private (g) 1)')).toEqual([0, 1]);
  });

  it('rejects cycles with CircularReference', () => {
    expect(() => order('(define-private (a) (b)) (define-private (b) (a))')).toThrow(/circular/);
    try {
      order('(define-private (a) (b)) (define-private (b) (a))');
    } catch (e) {
      expect(e).toBeInstanceOf(ClarityError);
      expect((e as ClarityError).code).toBe('CircularReference');
      expect((e as ClarityError).kind).toBe('parse');
    }
  });

  it('plugs into buildAst', () => {
    const ast = buildAst('(define-private (a) (b)) (define-private (b) 1)', {
      epoch: '3.3',
      clarityVersion: 4,
      sortDefinitions,
    });
    expect(ast.topLevelExpressionSorting).toEqual([1, 0]);
    const first = ast.expressions[0]!;
    expect(first.type === 'list' && first.items[1]!.type === 'list').toBe(true);
  });
});
