/**
 * The sizes cost functions take as `n` (spec-costs.md section 4.2): the consensus-serialized byte
 * length of a value, and the number of `TypeParseStep`s a type expression costs.
 */
import type { ClarityValue, PrincipalData } from '@stacks-ts/codec';
import type { SymbolicExpression } from '../parser/ast.ts';

/** Bytes of the UTF-8 encoding of a JS string. */
export function utf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function principalLength(p: PrincipalData): number {
  // prefix + version + hash160, plus a length-prefixed name for contracts
  return p.type === 'standard' ? 22 : 23 + p.contractName.length;
}

/** The byte length of `v`'s consensus serialization (without encoding it). */
export function serializedLength(v: ClarityValue): number {
  switch (v.type) {
    case 'int':
    case 'uint':
      return 17;
    case 'bool':
      return 1;
    case 'buffer':
      return 5 + v.value.length;
    case 'string-ascii':
      return 5 + v.value.length;
    case 'string-utf8':
      return 5 + utf8ByteLength(v.value);
    case 'principal':
      return principalLength(v.value);
    case 'optional':
      return v.value === null ? 1 : 1 + serializedLength(v.value);
    case 'response':
      return 1 + serializedLength(v.value);
    case 'list': {
      let n = 5;
      for (const item of v.value) n += serializedLength(item);
      return n;
    }
    case 'tuple': {
      let n = 5;
      for (const [name, item] of Object.entries(v.value)) n += 1 + name.length + serializedLength(item);
      return n;
    }
  }
}

/**
 * How many `TypeParseStep`s parsing a type expression charges (`parse_type_repr`): one per call,
 * i.e. per atom or list form, recursing into list entries, optional and response members and
 * tuple field types (`buff`/`string` lengths are not steps).
 */
export function typeParseSteps(e: SymbolicExpression): number {
  if (e.type !== 'list') return 1;
  const head = e.items[0];
  if (head === undefined || head.type !== 'atom') return 1;
  const rest = e.items.slice(1);
  switch (head.name) {
    case 'list':
      return rest.length === 2 ? 1 + typeParseSteps(rest[1]!) : 1;
    case 'optional':
      return rest.length === 1 ? 1 + typeParseSteps(rest[0]!) : 1;
    case 'response':
      return rest.length === 2 ? 1 + typeParseSteps(rest[0]!) + typeParseSteps(rest[1]!) : 1;
    case 'tuple': {
      let n = 1;
      for (const pair of rest) if (pair.type === 'list' && pair.items.length === 2) n += typeParseSteps(pair.items[1]!);
      return n;
    }
    default:
      return 1;
  }
}
