// The AST passes after parsing (clarity/src/vm/ast/mod.rs `build_ast`): stack depth checkers,
// expression ids, traits resolver, sugar expander. Cases follow the reference's tests in
// ast/mod.rs (test_cost_tracking_deep_contracts_2_05 / _2_1, test_expression_identification_tuples,
// test_build_ast_error_vary_stack_too_deep), stack_depth_checker.rs, sugar_expander/mod.rs
// (test_transform_tuple_literal, test_transform_sugared_contract_identifier), tests/defines.rs
// (test_define_trait_arg_count, test_use_trait_arg_count, test_impl_trait_arg_count),
// trait_checker/tests.rs (test_define_map_storing_trait_references) and
// type_checker/v2_1/tests (test_define_trait, test_use_trait, test_impl_trait,
// test_trait_reference_unknown).
import { describe, it, expect } from 'vitest';
import { clarityValueToRepr, parsePrincipal, principalToString } from '@stacks-ts/codec';
import type { ContractPrincipal, StandardPrincipal } from '@stacks-ts/codec';
import { buildAst, parseProgram, symbolicExpressionToString } from '../../../src/parser/build.ts';
import {
  maxCallStackDepthForEpoch,
  resolveEpochId,
  stackDepthLimitsForEpoch,
  usesParserV2,
} from '../../../src/parser/limits.ts';
import { TRANSIENT_CONTRACT } from '../../../src/parser/ast.ts';
import type { SymbolicExpression } from '../../../src/parser/ast.ts';
import { ClarityError } from '../../../src/errors.ts';
import { errorOf, expectParseError, sp } from './helpers.ts';

const ISSUER = parsePrincipal('S1G2081040G2081040G2081040G208105NK8PE5') as StandardPrincipal;
const CONTRACT_A: ContractPrincipal = { ...ISSUER, type: 'contract', contractName: 'contract-a' };

const EPOCHS = ['2.05', '2.1', '2.4', '3.0', '3.3'] as const;

function prog(src: string, epoch: string = '3.3', version: 1 | 2 | 3 | 4 = 2): SymbolicExpression[] {
  return parseProgram(src, { epoch, clarityVersion: version, contractIdentifier: CONTRACT_A });
}
const str = (src: string, epoch?: string): string[] => prog(src, epoch).map(symbolicExpressionToString);

describe('epochs and limits', () => {
  it('accepts both epoch spellings', () => {
    expect(resolveEpochId('2.05')).toBe('Epoch2_05');
    expect(resolveEpochId('3.3')).toBe('Epoch33');
    expect(resolveEpochId('Epoch21')).toBe('Epoch21');
    const err = errorOf(() => resolveEpochId('9.9'));
    expect(err.code).toBe('Expect');
  });

  it('v1 parses before 2.1, v2 from 2.1', () => {
    expect(usesParserV2('Epoch20')).toBe(false);
    expect(usesParserV2('Epoch2_05')).toBe(false);
    expect(usesParserV2('Epoch21')).toBe(true);
    expect(usesParserV2('Epoch33')).toBe(true);
  });

  it('call stack depth is 64 before 3.4 and 128 from 3.4, plus a buffer of 5 (stack_depth_checker tests)', () => {
    for (const e of ['Epoch10', 'Epoch20', 'Epoch2_05', 'Epoch21', 'Epoch25', 'Epoch30', 'Epoch33'] as const) {
      expect(stackDepthLimitsForEpoch(e)).toEqual({ maxCallStackDepth: 64, maxNestingDepth: 69 });
    }
    expect(stackDepthLimitsForEpoch('Epoch34')).toEqual({ maxCallStackDepth: 128, maxNestingDepth: 133 });
    expect(maxCallStackDepthForEpoch('Epoch40')).toBe(128);
  });
});

describe('stack depth checkers', () => {
  const nest = (n: number) => `${'(list '.repeat(n)}u1${')'.repeat(n)}`;
  const nestTuples = (n: number) => `${'{ a: '.repeat(n)}u1${' }'.repeat(n)}`;

  it('lists may nest 68 deep before epoch 3.4, in both parsers', () => {
    for (const epoch of EPOCHS) {
      expect(prog(nest(68), epoch)).toHaveLength(1);
      // 69 and 70 pass the parsers' own limit but not the StackDepthChecker.
      for (const n of [69, 70]) {
        expectParseError(() => prog(nest(n), epoch), 'ExpressionStackDepthTooDeep', { args: [64] });
      }
    }
  });

  it('beyond the parser limit, v1 and v2 report different kinds (test_cost_tracking_deep_contracts_*)', () => {
    const stackLimit = stackDepthLimitsForEpoch('Epoch2_05').maxNestingDepth + 1;
    expectParseError(() => prog(nest(stackLimit + 1), '2.05'), 'VaryExpressionStackDepthTooDeep', { args: [64] });
    expectParseError(() => prog(nest(stackLimit + 1), '2.1'), 'ExpressionStackDepthTooDeep', { args: [64] });
    const deepTuple = `${'{ a : '.repeat(stackLimit + 1)}u1 ${'} '.repeat(stackLimit + 1)}`;
    expectParseError(() => prog(deepTuple, '2.05'), 'VaryExpressionStackDepthTooDeep');
    expectParseError(() => prog(deepTuple, '2.1'), 'ExpressionStackDepthTooDeep');
  });

  it('tuples: v2 counts a brace twice while parsing, the Vary checker once', () => {
    expect(prog(nestTuples(35), '3.3')).toHaveLength(1);
    expectParseError(() => prog(nestTuples(36), '3.3'), 'ExpressionStackDepthTooDeep');
    // v1 counts a brace once: 68 nested tuples pass, 69 fail the Vary checker.
    expect(prog(nestTuples(68), '2.05')).toHaveLength(1);
    expectParseError(() => prog(nestTuples(69), '2.05'), 'VaryExpressionStackDepthTooDeep');
  });

  it('lists inside a tuple: the Vary checker (test_build_ast_error_vary_stack_too_deep)', () => {
    for (const epoch of ['3.3', '3.4']) {
      const count = stackDepthLimitsForEpoch(resolveEpochId(epoch)).maxNestingDepth - 1;
      const contract = `{ a: ${'(list '.repeat(count)}u1 ${')'.repeat(count)} }`;
      expectParseError(() => prog(contract, epoch), 'VaryExpressionStackDepthTooDeep');
    }
  });
});

describe('expression ids', () => {
  it('depth first from 1, a list before its elements', () => {
    const [a, b] = prog('(a (b c)) d');
    expect(a!.id).toBe(1);
    expect(a!.type === 'list' && a.items.map((i) => i.id)).toEqual([2, 3]);
    const inner = a!.type === 'list' ? a.items[1]! : undefined;
    expect(inner?.type === 'list' && inner.items.map((i) => i.id)).toEqual([4, 5]);
    expect(b!.id).toBe(6);
  });

  it('ids are unique with tuples (test_expression_identification_tuples)', () => {
    for (const epoch of ['2.05', '2.1']) {
      const exprs = prog('{ a: (+ 1 2 3),\n b: 1,\n c: 3 }', epoch);
      const seen = new Set<number>();
      const visit = (e: SymbolicExpression): void => {
        expect(seen.has(e.id)).toBe(false);
        seen.add(e.id);
        if (e.type === 'list') e.items.forEach(visit);
      };
      exprs.forEach(visit);
      expect(seen.size).toBe(15); // (tuple (a (+ 1 2 3)) (b 1) (c 3))
    }
  });
});

describe('sugar expansion', () => {
  it('curly tuples become (tuple (k v) ...) with synthesized zero spans (test_transform_tuple_literal)', () => {
    const [t] = prog('{id: 1337 }', '2.05');
    expect(symbolicExpressionToString(t!)).toBe('( tuple ( id 1337 ) )');
    expect(t!.span).toEqual(sp(1, 1, 11));
    expect(t!.type === 'list' && t.items[0]).toEqual({ type: 'atom', name: 'tuple', span: sp(0, 0, 0), id: 2 });
    expect(t!.type === 'list' && t.items[1]!.span).toEqual(sp(0, 0, 0));
    expect(str('{a: 1, b: (+ 1 2)}')).toEqual(['( tuple ( a 1 ) ( b ( + 1 2 ) ) )']);
    expect(str('{}')).toEqual(['( tuple )']);
    // An odd tuple (only v1 lets one through) leaves a one-element pair for the type checker.
    expect(str('{a}', '2.05')).toEqual(['( tuple ( a ) )']);
    // Comments inside a tuple do not shift the pairs.
    expect(str('{a: ;; one\n 1, ;; x\n b: 2}')).toEqual(['( tuple ( a 1 ) ( b 2 ) )']);
  });

  it('(tuple (a 1)) is an ordinary list', () => {
    expect(str('(tuple (a 1))')).toEqual(['( tuple ( a 1 ) )']);
  });

  it('.name resolves against the contract issuer (test_transform_sugared_contract_identifier)', () => {
    for (const epoch of EPOCHS) {
      const [e] = prog('.tokens', epoch);
      expect(e!.type).toBe('literal-value');
      expect(e!.type === 'literal-value' && clarityValueToRepr(e.value)).toBe(
        "'S1G2081040G2081040G2081040G208105NK8PE5.tokens",
      );
    }
  });

  it('.name defaults to the transient issuer, or the given issuer', () => {
    const [t] = parseProgram('.c', { epoch: '3.3', clarityVersion: 2 });
    expect(t!.type === 'literal-value' && t.value).toEqual({
      type: 'principal',
      value: { ...TRANSIENT_CONTRACT, contractName: 'c' },
    });
    const issuer = parsePrincipal('SP000000000000000000002Q6VF78') as StandardPrincipal;
    const [u] = parseProgram('.c', { epoch: '3.3', clarityVersion: 2, issuer });
    expect(u!.type === 'literal-value' && u.value.type === 'principal' && principalToString(u.value.value)).toBe(
      'SP000000000000000000002Q6VF78.c',
    );
  });

  it('fields: .c.t and full trait identifiers', () => {
    const [a, b] = prog(".c.t 'SP000000000000000000002Q6VF78.c.t");
    expect(a).toMatchObject({ type: 'field', trait: { name: 't', contract: { contractName: 'c', version: ISSUER.version } } });
    expect(b!.type === 'field' && principalToString(b.trait.contract)).toBe('SP000000000000000000002Q6VF78.c');
    expect(symbolicExpressionToString(a!)).toBe('<S1G2081040G2081040G2081040G208105NK8PE5.c.t>');
  });

  it('comments are dropped and literals become literal values', () => {
    const exprs = prog(';; c\n(a ;; x\n 1 u2 "s" u"\\u{1F600}" 0x01 true)');
    expect(exprs).toHaveLength(1);
    expect(symbolicExpressionToString(exprs[0]!)).toBe('( a 1 u2 "s" u"\\u{f09f9880}" 0x01 true )');
    expect(exprs[0]!.type === 'list' && exprs[0].items.map((i) => i.type)).toEqual([
      'atom',
      'literal-value',
      'literal-value',
      'literal-value',
      'literal-value',
      'literal-value',
      'atom',
    ]);
  });

  it('definition sorting hook reorders the expressions', () => {
    const ast = buildAst('(b) (a)', {
      epoch: '3.3',
      clarityVersion: 2,
      sortDefinitions: (a) => {
        a.topLevelExpressionSorting = [1, 0];
      },
    });
    expect(ast.expressions.map(symbolicExpressionToString)).toEqual(['( a )', '( b )']);
    expect(ast.preExpressions).toHaveLength(2);
  });
});

describe('traits resolver', () => {
  it('define-trait, use-trait and impl-trait are recorded', () => {
    const ast = buildAst(
      [
        '(define-trait t1 ((f (<t1>) (response bool uint))))',
        "(use-trait t2 'SP000000000000000000002Q6VF78.c.tr)",
        '(use-trait t3 .other.tr3)',
        '(impl-trait .other.tr3)',
        '(impl-trait .other.tr3)',
        '(define-public (g (x <t2>) (y <t3>)) (ok true))',
      ].join('\n'),
      { epoch: '3.3', clarityVersion: 2, contractIdentifier: CONTRACT_A },
    );
    expect([...ast.referencedTraits.keys()]).toEqual(['t1', 't2', 't3']);
    expect(ast.referencedTraits.get('t1')).toEqual({ kind: 'defined', trait: { contract: CONTRACT_A, name: 't1' } });
    expect(ast.referencedTraits.get('t3')).toEqual({
      kind: 'imported',
      trait: { contract: { ...CONTRACT_A, contractName: 'other' }, name: 'tr3' },
    });
    expect(ast.implementedTraits).toEqual([{ contract: { ...CONTRACT_A, contractName: 'other' }, name: 'tr3' }]);
    const g = ast.expressions[5]!;
    const sig = g.type === 'list' ? g.items[1] : undefined;
    const x = sig?.type === 'list' ? sig.items[1] : undefined;
    expect(x?.type === 'list' && x.items[1]).toMatchObject({
      type: 'trait-reference',
      name: 't2',
      definition: { kind: 'imported', trait: { name: 'tr' } },
    });
  });

  it('bad signatures (test_define_trait_arg_count, test_use_trait_arg_count, test_impl_trait_arg_count)', () => {
    for (const epoch of EPOCHS) {
      expectParseError(() => prog('(define-trait)', epoch), 'DefineTraitBadSignature');
      expectParseError(() => prog('(define-trait foo)', epoch), 'DefineTraitBadSignature');
      expect(prog('(define-trait foo ())', epoch)).toHaveLength(1);
      expectParseError(() => prog('(define-trait foo () ())', epoch), 'DefineTraitBadSignature');
      // An extra `)`: the pre-2.1 parser says ClosingParenthesisUnexpected, v2 UnexpectedToken (test_define_trait).
      expectParseError(
        () => prog('(define-trait trait-1 ((get-1 (uint) (response uint uint)))) u1)', epoch),
        epoch === '2.05' ? 'ClosingParenthesisUnexpected' : 'UnexpectedToken',
      );
      expectParseError(() => prog('(use-trait)', epoch), 'ImportTraitBadSignature');
      expectParseError(() => prog('(use-trait foo)', epoch), 'ImportTraitBadSignature');
      expect(prog('(use-trait foo .bar.baz)', epoch)).toHaveLength(1);
      expectParseError(() => prog('(use-trait foo .bar.baz .goo)', epoch), 'ImportTraitBadSignature');
      expectParseError(() => prog('(use-trait trait-1 ((get-1 (uint) (response uint uint))))', epoch), 'ImportTraitBadSignature');
      expectParseError(() => prog('(use-trait trait-1 ((get-1 uint)))', epoch), 'ImportTraitBadSignature');
      expectParseError(() => prog('(use-trait trait-1 .bar)', epoch), 'ImportTraitBadSignature');
      expectParseError(() => prog('(impl-trait)', epoch), 'ImplTraitBadSignature');
      expectParseError(() => prog('(impl-trait trait-1)', epoch), 'ImplTraitBadSignature');
      expect(prog('(impl-trait .foo.bar)', epoch)).toHaveLength(1);
      expectParseError(() => prog('(impl-trait .foo.bar .bar.baz)', epoch), 'ImplTraitBadSignature');
    }
  });

  it('comments inside a define are ignored (v2)', () => {
    expect(prog('(use-trait ;; c\n foo .bar.baz)')).toHaveLength(1);
  });

  it('name collisions between traits', () => {
    expectParseError(() => prog('(define-trait a ()) (use-trait a .b.c)'), 'NameAlreadyUsed', { args: ['a'] });
    expectParseError(() => prog('(use-trait a .b.c) (use-trait a .b.d)'), 'NameAlreadyUsed');
    expectParseError(() => prog('(define-trait a ()) (define-trait a ())'), 'NameAlreadyUsed');
  });

  it('trait references may not be stored (test_define_map_storing_trait_references)', () => {
    for (const epoch of EPOCHS) {
      expectParseError(
        () => prog('(define-trait trait-1 (\n (get-1 (uint) (response uint uint))))\n (define-map kv-store { key: uint } { value: <trait-1> })', epoch),
        'TraitReferenceNotAllowed',
      );
      expectParseError(() => prog('(define-trait t ()) (define-data-var v <t> .c)', epoch), 'TraitReferenceNotAllowed');
      expectParseError(() => prog('(define-trait t ()) (define-constant c (list <t>))', epoch), 'TraitReferenceNotAllowed');
    }
  });

  it('unknown trait references (test_trait_reference_unknown)', () => {
    for (const epoch of EPOCHS) {
      expectParseError(() => prog('(+ 1 <kvstore>)', epoch), 'TraitReferenceUnknown', { args: ['kvstore'] });
      expectParseError(() => prog('(define-public (f (x <nope>)) (ok true))', epoch), 'TraitReferenceUnknown', {
        args: ['nope'],
      });
    }
    // Declared after use is fine: the check runs once every definition has been seen.
    expect(prog('(define-public (f (x <t>)) (ok true)) (use-trait t .a.b)')).toHaveLength(2);
  });
});

describe('parse errors are ClarityErrors of kind parse', () => {
  it('with the oracle stage static', () => {
    const err = errorOf(() => prog('(a'));
    expect(err).toBeInstanceOf(ClarityError);
    expect(err.kind).toBe('parse');
    expect(err.isStatic).toBe(true);
    expect(err.code).toBe('ExpectedClosing');
  });
});
