/** Structural equality of Clarity values (the reference's `PartialEq for Value`). */
import type { ClarityValue, PrincipalData } from './types.ts';

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function principalEquals(a: PrincipalData, b: PrincipalData): boolean {
  if (a.type !== b.type || a.version !== b.version || !bytesEqual(a.hash160, b.hash160)) return false;
  return a.type === 'standard' || a.contractName === (b as typeof a).contractName;
}

/** True when `a` and `b` are the same Clarity value (tuple field order does not matter). */
export function clarityValueEquals(a: ClarityValue, b: ClarityValue): boolean {
  if (a === b) return true;
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'int':
    case 'uint':
    case 'bool':
    case 'string-ascii':
    case 'string-utf8':
      return a.value === (b as typeof a).value;
    case 'buffer':
      return bytesEqual(a.value, (b as typeof a).value);
    case 'principal':
      return principalEquals(a.value, (b as typeof a).value);
    case 'optional': {
      const o = (b as typeof a).value;
      if (a.value === null || o === null) return a.value === o;
      return clarityValueEquals(a.value, o);
    }
    case 'response': {
      const o = b as typeof a;
      return a.ok === o.ok && clarityValueEquals(a.value, o.value);
    }
    case 'list': {
      const o = (b as typeof a).value;
      if (a.value.length !== o.length) return false;
      for (let i = 0; i < o.length; i++) if (!clarityValueEquals(a.value[i]!, o[i]!)) return false;
      return true;
    }
    case 'tuple': {
      const o = (b as typeof a).value;
      const names = Object.keys(a.value);
      if (names.length !== Object.keys(o).length) return false;
      for (const n of names) {
        if (!Object.hasOwn(o, n) || !clarityValueEquals(a.value[n]!, o[n]!)) return false;
      }
      return true;
    }
  }
}
