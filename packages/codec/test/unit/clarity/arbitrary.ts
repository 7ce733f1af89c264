/**
 * fast-check arbitraries for Clarity values, for any test that needs them.
 *
 * Values are generated from a random type first, so every list is homogeneous and every value is
 * one the reference can construct and decode (untyped decoding allows at most 15 nested
 * containers; the default depth stays well below that, and sizes stay far below MAX_VALUE_SIZE).
 */
import fc from 'fast-check';
import type { ClarityValue, PrincipalData } from '../../../src/clarity/types.ts';

/** A type description the value arbitrary follows (a small mirror of Clarity types). */
export type ArbitraryClarityType =
  | { readonly kind: 'int' | 'uint' | 'bool' | 'principal' }
  | { readonly kind: 'buffer' | 'string-ascii' | 'string-utf8'; readonly maxLength: number }
  | { readonly kind: 'optional'; readonly inner: ArbitraryClarityType }
  | { readonly kind: 'response'; readonly ok: ArbitraryClarityType; readonly err: ArbitraryClarityType }
  | { readonly kind: 'list'; readonly item: ArbitraryClarityType; readonly maxLength: number }
  | { readonly kind: 'tuple'; readonly fields: Readonly<Record<string, ArbitraryClarityType>> };

/** Options of the Clarity arbitraries. */
export interface ClarityArbitraryOptions {
  /** Most nested containers (optional, response, list, tuple). Default 4; at most 15 decodes untyped. */
  readonly maxDepth?: number;
  /** Most items in a list / fields in a tuple. Default 4. */
  readonly maxItems?: number;
  /** Longest buffer / string. Default 34. */
  readonly maxLength?: number;
}

const I128_MIN = -(1n << 127n);
const I128_MAX = (1n << 127n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

/** Every byte string-ascii allows: printable ASCII plus `\t \n \f \r`. */
export const STRING_ASCII_CHARS: readonly string[] = [
  '\t',
  '\n',
  '\f',
  '\r',
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
];

/** Valid Clarity names, including the operator names and names that shadow `Object.prototype`. */
export const clarityNameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9\-_!?+<>=/*]{0,15}$/) },
  { weight: 1, arbitrary: fc.constantFrom('+', '-', '*', '/', '=', '<', '>', '<=', '>=', 'constructor', 'toString', 'hasOwnProperty') },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{127}$/) },
);

/** Valid contract names for a principal value (1 to 128 characters, or `__transient`). */
export const contractNameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9\-_]{0,39}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9\-_]{40,127}$/) },
  { weight: 1, arbitrary: fc.constant('__transient') },
);

/** A principal (version 0..31, 20-byte hash, maybe a contract name). */
export const principalArb: fc.Arbitrary<PrincipalData> = fc.oneof(
  fc.record({
    type: fc.constant('standard' as const),
    version: fc.integer({ min: 0, max: 31 }),
    hash160: fc.uint8Array({ minLength: 20, maxLength: 20 }),
  }),
  fc.record({
    type: fc.constant('contract' as const),
    version: fc.integer({ min: 0, max: 31 }),
    hash160: fc.uint8Array({ minLength: 20, maxLength: 20 }),
    contractName: contractNameArb,
  }),
);

const unicodeChar = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x7ff }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x800, max: 0xffff }).filter((c) => c < 0xd800 || c > 0xdfff) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }) },
).map((c) => String.fromCodePoint(c));

/** A random Clarity type description. */
export function arbitraryClarityType(options: ClarityArbitraryOptions = {}): fc.Arbitrary<ArbitraryClarityType> {
  const maxItems = options.maxItems ?? 4;
  const maxLength = options.maxLength ?? 34;
  const leaf: fc.Arbitrary<ArbitraryClarityType> = fc.oneof(
    fc.constantFrom<ArbitraryClarityType>({ kind: 'int' }, { kind: 'uint' }, { kind: 'bool' }, { kind: 'principal' }),
    fc
      .record({
        kind: fc.constantFrom('buffer' as const, 'string-ascii' as const, 'string-utf8' as const),
        maxLength: fc.integer({ min: 0, max: maxLength }),
      })
      .map((t): ArbitraryClarityType => t),
  );
  const typeAt = (depth: number): fc.Arbitrary<ArbitraryClarityType> => {
    if (depth <= 0) return leaf;
    const sub = fc.constant(null).chain(() => typeAt(depth - 1));
    return fc.oneof(
      { weight: 3, arbitrary: leaf },
      { weight: 1, arbitrary: sub.map((inner): ArbitraryClarityType => ({ kind: 'optional', inner })) },
      { weight: 1, arbitrary: fc.tuple(sub, sub).map(([ok, err]): ArbitraryClarityType => ({ kind: 'response', ok, err })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(sub, fc.integer({ min: 0, max: maxItems }))
          .map(([item, n]): ArbitraryClarityType => ({ kind: 'list', item, maxLength: n })),
      },
      {
        weight: 1,
        arbitrary: fc
          .dictionary(clarityNameArb, sub, { minKeys: 1, maxKeys: maxItems, noNullPrototype: true })
          .map((fields): ArbitraryClarityType => ({ kind: 'tuple', fields })),
      },
    );
  };
  return typeAt(options.maxDepth ?? 4);
}

/** A random value of the given type description. */
export function arbitraryValueOfType(t: ArbitraryClarityType): fc.Arbitrary<ClarityValue> {
  switch (t.kind) {
    case 'int':
      return fc.bigInt(I128_MIN, I128_MAX).map((value): ClarityValue => ({ type: 'int', value }));
    case 'uint':
      return fc.bigInt(0n, U128_MAX).map((value): ClarityValue => ({ type: 'uint', value }));
    case 'bool':
      return fc.boolean().map((value): ClarityValue => ({ type: 'bool', value }));
    case 'principal':
      return principalArb.map((value): ClarityValue => ({ type: 'principal', value }));
    case 'buffer':
      return fc.uint8Array({ maxLength: t.maxLength }).map((value): ClarityValue => ({ type: 'buffer', value }));
    case 'string-ascii':
      return fc
        .string({ unit: fc.constantFrom(...STRING_ASCII_CHARS), maxLength: t.maxLength })
        .map((value): ClarityValue => ({ type: 'string-ascii', value }));
    case 'string-utf8':
      return fc.string({ unit: unicodeChar, maxLength: t.maxLength }).map((value): ClarityValue => ({ type: 'string-utf8', value }));
    case 'optional':
      return fc.option(arbitraryValueOfType(t.inner), { nil: null }).map((value): ClarityValue => ({ type: 'optional', value }));
    case 'response':
      return fc.oneof(
        arbitraryValueOfType(t.ok).map((value): ClarityValue => ({ type: 'response', ok: true, value })),
        arbitraryValueOfType(t.err).map((value): ClarityValue => ({ type: 'response', ok: false, value })),
      );
    case 'list':
      return fc.array(arbitraryValueOfType(t.item), { maxLength: t.maxLength }).map((value): ClarityValue => ({ type: 'list', value }));
    case 'tuple': {
      const parts: Record<string, fc.Arbitrary<ClarityValue>> = {};
      for (const [name, ft] of Object.entries(t.fields)) parts[name] = arbitraryValueOfType(ft);
      return fc.record(parts, { noNullPrototype: true }).map((value): ClarityValue => ({ type: 'tuple', value }));
    }
  }
}

/** A random valid Clarity value (homogeneous lists, non-empty tuples, bounded depth and size). */
export function arbitraryClarityValue(options: ClarityArbitraryOptions = {}): fc.Arbitrary<ClarityValue> {
  return arbitraryClarityType(options).chain(arbitraryValueOfType);
}
