/**
 * Type signatures written in source (`int`, `(list 5 uint)`, `{a: int}`, `(response bool uint)`,
 * `<trait>`), as the evaluator needs them for definitions and `from-consensus-buff?`.
 */
import { ClarityType, CodecError } from '@stacks-ts/codec';
import type { TypeSignature } from '@stacks-ts/codec';
import { checkError } from '../errors.ts';
import type { SymbolicExpression } from '../parser/ast.ts';

function invalid(e: SymbolicExpression): never {
  throw checkError('InvalidTypeDescription', `invalid type description (expression ${e.id})`);
}

function lengthOf(e: SymbolicExpression | undefined): number {
  if (e === undefined || e.type !== 'literal-value' && e.type !== 'atom-value') throw checkError('InvalidTypeDescription', 'expected a length');
  const v = e.value;
  if (v.type !== 'int' || v.value < 0n || v.value > 0xffffffffn) throw checkError('InvalidTypeDescription', 'bad length');
  return Number(v.value);
}

function build<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof CodecError) throw checkError('ValueTooLarge', err.message, { cause: err });
    throw err;
  }
}

/** Parses a type expression; a bad one is the static error `InvalidTypeDescription`. */
export function parseTypeExpression(e: SymbolicExpression): TypeSignature {
  if (e.type === 'trait-reference') return ClarityType.principal;
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
      default:
        throw checkError('UnknownTypeName', `unknown type name ${e.name}`);
    }
  }
  if (e.type !== 'list' || e.items.length === 0) invalid(e);
  const head = e.items[0]!;
  if (head.type !== 'atom') invalid(e);
  const rest = e.items.slice(1);
  switch (head.name) {
    case 'buff':
      if (rest.length !== 1) invalid(e);
      return build(() => ClarityType.buffer(lengthOf(rest[0])));
    case 'string-ascii':
      if (rest.length !== 1) invalid(e);
      return build(() => ClarityType.stringAscii(lengthOf(rest[0])));
    case 'string-utf8':
      if (rest.length !== 1) invalid(e);
      return build(() => ClarityType.stringUtf8(lengthOf(rest[0])));
    case 'list': {
      if (rest.length !== 2) invalid(e);
      const n = lengthOf(rest[0]);
      const item = parseTypeExpression(rest[1]!);
      return build(() => ClarityType.list(item, n));
    }
    case 'optional':
      if (rest.length !== 1) invalid(e);
      return build(() => ClarityType.optional(parseTypeExpression(rest[0]!)));
    case 'response':
      if (rest.length !== 2) invalid(e);
      return build(() => ClarityType.response(parseTypeExpression(rest[0]!), parseTypeExpression(rest[1]!)));
    case 'tuple': {
      if (rest.length === 0) throw checkError('EmptyTuplesNotAllowed', 'empty tuple type');
      const fields = new Map<string, TypeSignature>();
      for (const pair of rest) {
        if (pair.type !== 'list' || pair.items.length !== 2 || pair.items[0]!.type !== 'atom') invalid(e);
        const name = (pair.items[0] as { name: string }).name;
        if (fields.has(name)) throw checkError('NameAlreadyUsed', `duplicate tuple field ${name}`);
        fields.set(name, parseTypeExpression(pair.items[1]!));
      }
      return build(() => ClarityType.tuple(fields));
    }
    default:
      invalid(e);
  }
}
