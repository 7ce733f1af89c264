/** JSON with byte arrays as `{"$b": hex}` and bigints as `{"$n": decimal}`, for op rows. */
import { bytesToHex, hexToBytes } from '@stacks-ts/common';

/** Serializes a value holding Uint8Arrays and bigints. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Uint8Array) return { $b: bytesToHex(v) };
    if (typeof v === 'bigint') return { $n: v.toString() };
    return v;
  });
}

/** Parses what `encodeJson` wrote. */
export function decodeJson<T>(text: string): T {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (typeof o.$b === 'string' && Object.keys(o).length === 1) return hexToBytes(o.$b);
      if (typeof o.$n === 'string' && Object.keys(o).length === 1) return BigInt(o.$n);
    }
    return v;
  }) as T;
}
