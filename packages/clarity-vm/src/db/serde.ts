/**
 * The reference's serde JSON of the Clarity types it keeps in contract metadata (the
 * `vm-metadata::9::contract` entry holds a serde `ContractContext`, the `analysis` entry a serde
 * `ContractAnalysis`), written and read here so that our state and the reference's are
 * interchangeable. The shapes follow serde's derive rules over the reference's types
 * (`clarity-types/src/types/mod.rs`, `signatures.rs`, `representations.rs`,
 * `clarity/src/vm/contexts.rs`, `callables.rs`, `analysis/types.rs`): structs are objects with
 * their fields in declaration order, enums are externally tagged (`"IntType"`, `{"Int": 5}`),
 * tuple structs are arrays, newtypes are their content, `Option` is the value or `null`, and
 * 128-bit integers are plain JSON integers. Ordered maps (`BTreeMap`, `BTreeSet`) are written in
 * key order; hash maps and sets, whose order the reference leaves to its hasher, are written in
 * key order too. Expressions carry no `span` (the node is built without `developer-mode`).
 */
import { ClarityType, parsePrincipal } from '@stacks-ts/codec';
import type { ClarityValue, ContractPrincipal, PrincipalData, TypeSignature } from '@stacks-ts/codec';
import type { AnalysisType, CallablePrincipalType, TraitRefType } from '../analysis/types.ts';
import type { SymbolicExpression, TraitIdentifier } from '../parser/ast.ts';
import { ClarityStateError } from './keys.ts';
import { callableTrait } from '../natives/callable.ts';
import { setValueType, typeOfValue } from '../natives/value-types.ts';

const utf8 = new TextEncoder();

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function str(s: string): string {
  return JSON.stringify(s);
}

function bytesJson(b: Uint8Array): string {
  let out = '[';
  for (let i = 0; i < b.length; i++) out += i === 0 ? `${b[i]}` : `,${b[i]}`;
  return `${out}]`;
}

/** `StandardPrincipalData(version, bytes)`: `[version,[20 bytes]]`. */
function standardJson(p: { readonly version: number; readonly hash160: Uint8Array }): string {
  return `[${p.version},${bytesJson(p.hash160)}]`;
}

/** `QualifiedContractIdentifier`: `{"issuer":[v,[..]],"name":"c"}`. */
export function qualifiedContractIdentifierJson(p: ContractPrincipal): string {
  return `{"issuer":${standardJson(p)},"name":${str(p.contractName)}}`;
}

/** `TraitIdentifier`: `{"name":"t","contract_identifier":{..}}`. */
export function traitIdentifierJson(t: TraitIdentifier): string {
  return `{"name":${str(t.name)},"contract_identifier":${qualifiedContractIdentifierJson(t.contract)}}`;
}

/** `PrincipalData`: `{"Standard":[v,[..]]}` or `{"Contract":{..}}`. */
export function principalDataJson(p: PrincipalData): string {
  return p.type === 'standard' ? `{"Standard":${standardJson(p)}}` : `{"Contract":${qualifiedContractIdentifierJson(p)}}`;
}

/** The trait identifier of a `'ST….contract.trait'` key. */
function traitOfKey(key: string): TraitIdentifier {
  const dot = key.lastIndexOf('.');
  return { contract: parsePrincipal(key.slice(0, dot)) as ContractPrincipal, name: key.slice(dot + 1) };
}

/** How a trait-typed position is written: `CallableType(Trait(..))` from 2.1, `TraitReferenceType(..)` before. */
export type TraitTypeStyle = 'callable' | 'trait-reference';

function traitTypeJson(t: TraitIdentifier, style: TraitTypeStyle): string {
  return style === 'callable' ? `{"CallableType":{"Trait":${traitIdentifierJson(t)}}}` : `{"TraitReferenceType":${traitIdentifierJson(t)}}`;
}

/**
 * A type as serde `TypeSignature`, including the analysis-only kinds: a trait reference, a
 * callable principal literal (`CallableType(Principal(..))`) and their unions (`ListUnionType`).
 * The `any` kind (a type this checker leaves undetermined) has no reference form and throws.
 */
export function typeSignatureSerde(t: AnalysisType, style: TraitTypeStyle = 'callable'): string {
  switch (t.kind) {
    case 'no-type':
      return '"NoType"';
    case 'int':
      return '"IntType"';
    case 'uint':
      return '"UIntType"';
    case 'bool':
      return '"BoolType"';
    case 'principal': {
      const callable = (t as Partial<CallablePrincipalType>).callable;
      if (callable === undefined || callable.length === 0) return '"PrincipalType"';
      const members = callable.map((c) => `{"Principal":${qualifiedContractIdentifierJson(c)}}`);
      return members.length === 1 ? `{"CallableType":${members[0]}}` : `{"ListUnionType":[${members.sort().join(',')}]}`;
    }
    case 'buffer':
      return `{"SequenceType":{"BufferType":${t.length}}}`;
    case 'string-ascii':
      return `{"SequenceType":{"StringType":{"ASCII":${t.length}}}}`;
    case 'string-utf8':
      return `{"SequenceType":{"StringType":{"UTF8":${t.length}}}}`;
    case 'list':
      return `{"SequenceType":{"ListType":{"max_len":${t.maxLength},"entry_type":${typeSignatureSerde(t.itemType, style)}}}}`;
    case 'optional':
      return `{"OptionalType":${typeSignatureSerde(t.inner, style)}}`;
    case 'response':
      return `{"ResponseType":[${typeSignatureSerde(t.ok, style)},${typeSignatureSerde(t.err, style)}]}`;
    case 'tuple': {
      const names = [...t.fields.keys()].sort(compareNames);
      return `{"TupleType":{"type_map":{${names.map((n) => `${str(n)}:${typeSignatureSerde(t.fields.get(n)!, style)}`).join(',')}}}}`;
    }
    case 'trait': {
      const r = t as TraitRefType;
      if (r.alsoTraits === undefined && r.joined === undefined) return traitTypeJson(r.trait, style);
      const members = [
        ...[r.trait, ...(r.alsoTraits ?? [])].map((x) => `{"Trait":${traitIdentifierJson(x)}}`),
        ...(r.joined ?? []).map((c) => `{"Principal":${qualifiedContractIdentifierJson(c)}}`),
      ];
      return `{"ListUnionType":[${members.sort().join(',')}]}`;
    }
    case 'any':
      throw new ClarityStateError('STATE_BAD_ENCODING', 'a type left undetermined by the analysis has no serde form');
  }
}

/** `Value` as serde JSON: lists and tuples carry their type signature, as the reference's do. */
export function valueSerde(v: ClarityValue): string {
  switch (v.type) {
    case 'int':
      return `{"Int":${v.value}}`;
    case 'uint':
      return `{"UInt":${v.value}}`;
    case 'bool':
      return `{"Bool":${v.value}}`;
    case 'buffer':
      return `{"Sequence":{"Buffer":{"data":${bytesJson(v.value)}}}}`;
    case 'string-ascii': {
      const codes: number[] = [];
      for (let i = 0; i < v.value.length; i++) codes.push(v.value.charCodeAt(i));
      return `{"Sequence":{"String":{"ASCII":{"data":[${codes.join(',')}]}}}}`;
    }
    case 'string-utf8': {
      const chars: string[] = [];
      for (const ch of v.value) chars.push(bytesJson(utf8.encode(ch)));
      return `{"Sequence":{"String":{"UTF8":{"data":[${chars.join(',')}]}}}}`;
    }
    case 'principal': {
      const trait = callableTrait(v);
      if (trait !== undefined && v.value.type === 'contract') {
        return `{"CallableContract":{"contract_identifier":${qualifiedContractIdentifierJson(v.value)},"trait_identifier":${traitIdentifierJson(traitOfKey(trait))}}}`;
      }
      return `{"Principal":${principalDataJson(v.value)}}`;
    }
    case 'optional':
      return `{"Optional":{"data":${v.value === null ? 'null' : valueSerde(v.value)}}}`;
    case 'response':
      return `{"Response":{"committed":${v.ok},"data":${valueSerde(v.value)}}}`;
    case 'list': {
      const t = typeOfValue(v);
      if (t.kind !== 'list') throw new ClarityStateError('STATE_BAD_ENCODING', 'a list value has a non-list type');
      const data = v.value.map(valueSerde).join(',');
      return `{"Sequence":{"List":{"data":[${data}],"type_signature":{"max_len":${t.maxLength},"entry_type":${typeSignatureSerde(t.itemType)}}}}}`;
    }
    case 'tuple': {
      const t = typeOfValue(v);
      const names = Object.keys(v.value).sort(compareNames);
      const data = names.map((n) => `${str(n)}:${valueSerde(v.value[n]!)}`).join(',');
      const typeMap = typeSignatureSerde(t);
      // `{"TupleType":{"type_map":..}}` without its tag is the `TupleTypeSignature`.
      return `{"Tuple":{"type_signature":${typeMap.slice('{"TupleType":'.length, -1)},"data_map":{${data}}}}`;
    }
  }
}

/** `TraitDefinition`: `{"Defined":{..}}` or `{"Imported":{..}}`. */
function traitDefinitionJson(kind: 'defined' | 'imported', t: TraitIdentifier): string {
  return `{"${kind === 'defined' ? 'Defined' : 'Imported'}":${traitIdentifierJson(t)}}`;
}

/** `SymbolicExpression` as serde JSON: `{"expr":{..},"id":n}` (no span outside developer mode). */
export function symbolicExpressionSerde(e: SymbolicExpression): string {
  let expr: string;
  switch (e.type) {
    case 'atom-value':
      expr = `{"AtomValue":${valueSerde(e.value)}}`;
      break;
    case 'literal-value':
      expr = `{"LiteralValue":${valueSerde(e.value)}}`;
      break;
    case 'atom':
      expr = `{"Atom":${str(e.name)}}`;
      break;
    case 'list':
      expr = `{"List":[${e.items.map(symbolicExpressionSerde).join(',')}]}`;
      break;
    case 'field':
      expr = `{"Field":${traitIdentifierJson(e.trait)}}`;
      break;
    case 'trait-reference':
      expr = `{"TraitReference":[${str(e.name)},${traitDefinitionJson(e.definition.kind, e.definition.trait)}]}`;
      break;
  }
  return `{"expr":${expr},"id":${e.id}}`;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A parsed JSON value whose integers are bigints (serde writes 128-bit integers as plain numbers). */
export type SerdeJson = null | boolean | bigint | number | string | SerdeJson[] | { [key: string]: SerdeJson };

function malformed(what: string): never {
  throw new ClarityStateError('STATE_BAD_ENCODING', `malformed serde JSON: ${what}`);
}

/** Parses JSON text keeping every integer exact (as a bigint). Throws `STATE_BAD_ENCODING`. */
export function parseSerdeJson(text: string): SerdeJson {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const value = (depth: number): SerdeJson => {
    if (depth > 512) malformed('nested too deeply');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: { [key: string]: SerdeJson } = {};
      ws();
      if (text[i] === '}') {
        i++;
        return out;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') malformed(`expected a key at ${i}`);
        const k = string();
        ws();
        if (text[i++] !== ':') malformed(`expected ':' at ${i - 1}`);
        out[k] = value(depth + 1);
        ws();
        const sep = text[i++];
        if (sep === '}') return out;
        if (sep !== ',') malformed(`expected ',' or '}' at ${i - 1}`);
      }
    }
    if (c === '[') {
      i++;
      const out: SerdeJson[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value(depth + 1));
        ws();
        const sep = text[i++];
        if (sep === ']') return out;
        if (sep !== ',') malformed(`expected ',' or ']' at ${i - 1}`);
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 64));
    if (m === null) malformed(`unexpected input at ${i}`);
    i += m[0].length;
    return m[2] === undefined && m[3] === undefined ? BigInt(m[0]) : Number(m[0]);
  };
  const string = (): string => {
    const start = i;
    i++;
    let simple = true;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        simple = false;
        i++;
      }
      i++;
    }
    if (i >= text.length) malformed('unterminated string');
    i++;
    const raw = text.slice(start, i);
    if (simple) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return malformed(`bad string at ${start}`);
    }
  };
  const out = value(0);
  ws();
  if (i !== text.length) malformed(`trailing input at ${i}`);
  return out;
}

function obj(j: SerdeJson | undefined, what: string): { [key: string]: SerdeJson } {
  if (j === null || j === undefined || typeof j !== 'object' || Array.isArray(j)) malformed(`${what} is not an object`);
  return j;
}

function arr(j: SerdeJson | undefined, what: string): SerdeJson[] {
  if (!Array.isArray(j)) malformed(`${what} is not an array`);
  return j;
}

function int(j: SerdeJson | undefined, what: string): bigint {
  if (typeof j !== 'bigint') malformed(`${what} is not an integer`);
  return j;
}

function small(j: SerdeJson | undefined, what: string, max: number): number {
  const n = int(j, what);
  if (n < 0n || n > BigInt(max)) malformed(`${what} is out of range`);
  return Number(n);
}

function bytesOf(j: SerdeJson | undefined, what: string): Uint8Array {
  const a = arr(j, what);
  const out = new Uint8Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = small(a[k], what, 255);
  return out;
}

/** The one `{"Tag": content}` pair of an externally tagged enum value. */
function variant(j: SerdeJson | undefined, what: string): [string, SerdeJson] {
  if (typeof j === 'string') return [j, null];
  const o = obj(j, what);
  const keys = Object.keys(o);
  if (keys.length !== 1) malformed(`${what} is not an enum value`);
  return [keys[0]!, o[keys[0]!]!];
}

function standardFrom(j: SerdeJson | undefined, what: string): { version: number; hash160: Uint8Array } {
  const a = arr(j, what);
  if (a.length !== 2) malformed(`${what} is not [version, bytes]`);
  const hash160 = bytesOf(a[1], what);
  if (hash160.length !== 20) malformed(`${what} does not hold 20 bytes`);
  return { version: small(a[0], what, 31), hash160 };
}

/** Reads a `QualifiedContractIdentifier`. */
export function contractIdentifierFromSerde(j: SerdeJson | undefined): ContractPrincipal {
  const o = obj(j, 'contract identifier');
  const name = o.name;
  if (typeof name !== 'string') malformed('contract name is not a string');
  return { type: 'contract', ...standardFrom(o.issuer, 'issuer'), contractName: name };
}

function principalFrom(j: SerdeJson): PrincipalData {
  const [tag, content] = variant(j, 'principal');
  if (tag === 'Standard') return { type: 'standard', ...standardFrom(content, 'principal') };
  if (tag === 'Contract') return contractIdentifierFromSerde(content);
  return malformed(`unknown principal variant ${tag}`);
}

/**
 * Reads a serde `TypeSignature` as a value type: trait references and callable types read as
 * `principal` (what a value of them is).
 */
export function typeSignatureFromSerde(j: SerdeJson | undefined): TypeSignature {
  const [tag, c] = variant(j, 'type signature');
  switch (tag) {
    case 'NoType':
      return ClarityType.noType;
    case 'IntType':
      return ClarityType.int;
    case 'UIntType':
      return ClarityType.uint;
    case 'BoolType':
      return ClarityType.bool;
    case 'PrincipalType':
    case 'CallableType':
    case 'ListUnionType':
    case 'TraitReferenceType':
      return ClarityType.principal;
    case 'OptionalType':
      return ClarityType.optional(typeSignatureFromSerde(c));
    case 'ResponseType': {
      const a = arr(c, 'response type');
      if (a.length !== 2) malformed('response type is not a pair');
      return ClarityType.response(typeSignatureFromSerde(a[0]), typeSignatureFromSerde(a[1]));
    }
    case 'TupleType':
      return tupleTypeFrom(c);
    case 'SequenceType': {
      const [seq, s] = variant(c, 'sequence type');
      if (seq === 'BufferType') return ClarityType.buffer(small(s, 'buffer length', 0xffff_ffff));
      if (seq === 'ListType') return listTypeFrom(s);
      if (seq === 'StringType') {
        const [kind, n] = variant(s, 'string type');
        if (kind === 'ASCII') return ClarityType.stringAscii(small(n, 'string length', 0xffff_ffff));
        if (kind === 'UTF8') return ClarityType.stringUtf8(small(n, 'string length', 0xffff_ffff));
      }
      return malformed(`unknown sequence type ${seq}`);
    }
    default:
      return malformed(`unknown type variant ${tag}`);
  }
}

function listTypeFrom(j: SerdeJson): TypeSignature {
  const o = obj(j, 'list type');
  return ClarityType.list(typeSignatureFromSerde(o.entry_type), small(o.max_len, 'list length', 0xffff_ffff));
}

function tupleTypeFrom(j: SerdeJson | undefined): TypeSignature {
  const map = obj(obj(j, 'tuple type').type_map, 'tuple type map');
  const fields = new Map<string, TypeSignature>();
  for (const name of Object.keys(map).sort(compareNames)) fields.set(name, typeSignatureFromSerde(map[name]));
  return ClarityType.tuple(fields);
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads a serde `Value`; lists and tuples keep their stored type signature (`typeOfValue`). */
export function valueFromSerde(j: SerdeJson | undefined): ClarityValue {
  const [tag, c] = variant(j, 'value');
  switch (tag) {
    case 'Int':
      return { type: 'int', value: int(c, 'int') };
    case 'UInt':
      return { type: 'uint', value: int(c, 'uint') };
    case 'Bool':
      if (typeof c !== 'boolean') malformed('bool is not a boolean');
      return { type: 'bool', value: c };
    case 'Principal':
      return { type: 'principal', value: principalFrom(c) };
    case 'CallableContract':
      // A callable's serialized form is its contract principal.
      return { type: 'principal', value: contractIdentifierFromSerde(obj(c, 'callable').contract_identifier) };
    case 'Optional': {
      const d = obj(c, 'optional').data;
      return { type: 'optional', value: d === null || d === undefined ? null : valueFromSerde(d) };
    }
    case 'Response': {
      const o = obj(c, 'response');
      if (typeof o.committed !== 'boolean') malformed('response committed is not a boolean');
      return { type: 'response', ok: o.committed, value: valueFromSerde(o.data) };
    }
    case 'Tuple': {
      const o = obj(c, 'tuple');
      const data = obj(o.data_map, 'tuple data');
      const value: Record<string, ClarityValue> = {};
      for (const name of Object.keys(data)) value[name] = valueFromSerde(data[name]);
      return setValueType({ type: 'tuple', value }, tupleTypeFrom(o.type_signature));
    }
    case 'Sequence': {
      const [seq, s] = variant(c, 'sequence');
      switch (seq) {
        case 'Buffer':
          return { type: 'buffer', value: bytesOf(obj(s, 'buffer').data, 'buffer') };
        case 'List': {
          const o = obj(s, 'list');
          const items = arr(o.data, 'list data').map(valueFromSerde);
          return setValueType({ type: 'list', value: items }, listTypeFrom(o.type_signature!));
        }
        case 'String': {
          const [kind, d] = variant(s, 'string');
          if (kind === 'ASCII') return { type: 'string-ascii', value: String.fromCharCode(...bytesOf(obj(d, 'ascii').data, 'ascii')) };
          if (kind === 'UTF8') {
            const chars = arr(obj(d, 'utf8').data, 'utf8');
            let out = '';
            for (const ch of chars) {
              try {
                out += utf8Decoder.decode(bytesOf(ch, 'utf8 char'));
              } catch {
                malformed('utf8 char is not UTF-8');
              }
            }
            return { type: 'string-utf8', value: out };
          }
          return malformed(`unknown string variant ${kind}`);
        }
        default:
          return malformed(`unknown sequence variant ${seq}`);
      }
    }
    default:
      return malformed(`unknown value variant ${tag}`);
  }
}

/** `ClarityVersion` as serde writes it (`"Clarity2"`). */
export function clarityVersionSerde(v: number): string {
  return `"Clarity${v}"`;
}

/** Reads a serde `ClarityVersion`. */
export function clarityVersionFromSerde(j: SerdeJson | undefined): 1 | 2 | 3 | 4 | 5 {
  const m = typeof j === 'string' ? /^Clarity([1-5])$/.exec(j) : null;
  if (m === null) malformed('unknown Clarity version');
  return Number(m[1]) as 1 | 2 | 3 | 4 | 5;
}
