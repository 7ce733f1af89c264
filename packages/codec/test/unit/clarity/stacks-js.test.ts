// Cross-check against @stacks/transactions: the same value serializes to the same bytes, and we
// decode what stacks.js serializes. Two known stacks.js divergences from the reference are
// excluded: names of exactly 128 characters (it requires fewer) and tuple name order (it sorts
// with localeCompare instead of by bytes).
import { Cl as S, type ClarityValue as StacksCV, serializeCVBytes } from '@stacks/transactions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { principalToString } from '../../../src/address/principal.ts';
import { decodeClarityValue, encodeClarityValue } from '../../../src/clarity/codec.ts';
import type { ClarityValue } from '../../../src/clarity/types.ts';
import { arbitraryClarityValue } from './arbitrary.ts';

function toStacks(v: ClarityValue): StacksCV {
  switch (v.type) {
    case 'int':
      return S.int(v.value);
    case 'uint':
      return S.uint(v.value);
    case 'bool':
      return S.bool(v.value);
    case 'buffer':
      return S.buffer(v.value);
    case 'string-ascii':
      return S.stringAscii(v.value);
    case 'string-utf8':
      return S.stringUtf8(v.value);
    case 'principal': {
      const address = principalToString({ type: 'standard', version: v.value.version, hash160: v.value.hash160 });
      return v.value.type === 'contract' ? S.contractPrincipal(address, v.value.contractName) : S.standardPrincipal(address);
    }
    case 'optional':
      return v.value === null ? S.none() : S.some(toStacks(v.value));
    case 'response':
      return v.ok ? S.ok(toStacks(v.value)) : S.error(toStacks(v.value));
    case 'list':
      return S.list(v.value.map(toStacks));
    case 'tuple': {
      const fields: Record<string, StacksCV> = {};
      for (const [k, x] of Object.entries(v.value)) fields[k] = toStacks(x);
      return S.tuple(fields);
    }
  }
}

/** stacks.js accepts Clarity names of fewer than 128 characters; the reference allows 128. */
function hasLongName(v: ClarityValue): boolean {
  switch (v.type) {
    case 'optional':
      return v.value !== null && hasLongName(v.value);
    case 'response':
      return hasLongName(v.value);
    case 'list':
      return v.value.some(hasLongName);
    case 'tuple':
      return Object.entries(v.value).some(([k, x]) => k.length >= 128 || hasLongName(x));
    default:
      return false;
  }
}

/**
 * stacks.js sorts tuple names with `localeCompare`; the reference (a `BTreeMap`) and we sort by
 * bytes, so `A` comes before `a`. Where the two orders differ, only decoding is compared.
 */
function localeOrderIsByteOrder(v: ClarityValue): boolean {
  switch (v.type) {
    case 'optional':
      return v.value === null || localeOrderIsByteOrder(v.value);
    case 'response':
      return localeOrderIsByteOrder(v.value);
    case 'list':
      return v.value.every(localeOrderIsByteOrder);
    case 'tuple': {
      const keys = Object.keys(v.value);
      const bytes = [...keys].sort();
      const locale = [...keys].sort((a, b) => a.localeCompare(b));
      return bytes.every((k, i) => k === locale[i]) && Object.values(v.value).every(localeOrderIsByteOrder);
    }
    default:
      return true;
  }
}

describe('@stacks/transactions agreement', () => {
  it('property: same bytes as serializeCV, and we decode them back', () => {
    fc.assert(
      fc.property(arbitraryClarityValue({ maxDepth: 3 }), (v) => {
        fc.pre(!hasLongName(v));
        const theirs = serializeCVBytes(toStacks(v));
        if (localeOrderIsByteOrder(v)) expect(encodeClarityValue(v)).toEqual(theirs);
        expect(decodeClarityValue(theirs)).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });
});
