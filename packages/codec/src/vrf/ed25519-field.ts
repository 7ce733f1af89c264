/**
 * edwards25519 point decompression with the field arithmetic in WebAssembly (ed25519-field.wat,
 * embedded in ed25519-field.wasm.ts): about 13 times faster than the bigint arithmetic of
 * `ed25519.Point.fromBytes`, with the same result for every input. Internal to the vrf folder:
 * `curve.ts` uses it when the runtime has WebAssembly and falls back to noble otherwise.
 */
import { ED25519_FIELD_WASM_BASE64 } from './ed25519-field.wasm.ts';

/** The affine point a decompression yields: x and t = x*y reduced mod p, y as encoded. */
export interface DecompressedY {
  /** x, in [0, p). */
  readonly x: bigint;
  /** y exactly as encoded (the low 255 bits of the input, not reduced: ZIP-215 allows y >= p). */
  readonly y: bigint;
  /** x*y mod p, the extended coordinate T of the point with Z = 1. */
  readonly t: bigint;
}

/** The 32-byte decompression: `null` when the input is not a point. */
export type DecompressEdwardsY = (bytes: Uint8Array) => DecompressedY | null;

/** The subset of the WebAssembly JS API used here (the TS lib of this package has no DOM). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { readonly exports: Record<string, unknown> };
}

// Offsets of the module's memory map (see the .wat header).
const INPUT = 0;
const OUT_X = 64;
const OUT_T = 96;
const TOP_BIT_CLEAR = (1n << 63n) - 1n;

function base64ToBytes(text: string): Uint8Array {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

function instantiate(): DecompressEdwardsY | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined || typeof atob !== 'function') return undefined;
  let decompress: () => number;
  let memory: ArrayBuffer;
  try {
    // Synchronous on purpose: the codec is synchronous. Refused by a Content-Security-Policy
    // without 'wasm-unsafe-eval' (or, past its size limit, on a browser's main thread): then we
    // keep the pure-JS path.
    const instance = new wasm.Instance(new wasm.Module(base64ToBytes(ED25519_FIELD_WASM_BASE64)));
    decompress = instance.exports.decompress as () => number;
    memory = (instance.exports.memory as { buffer: ArrayBuffer }).buffer;
  } catch {
    return undefined;
  }
  // The memory never grows, so these views stay valid.
  const bytes = new Uint8Array(memory);
  const words = new BigUint64Array(memory);
  const read = (offset: number): bigint => {
    const i = offset >> 3;
    return words[i] | (words[i + 1] << 64n) | (words[i + 2] << 128n) | (words[i + 3] << 192n);
  };
  return (input: Uint8Array): DecompressedY | null => {
    bytes.set(input, INPUT);
    if (decompress() === 0) return null;
    const w = INPUT >> 3;
    const y = words[w] | (words[w + 1] << 64n) | (words[w + 2] << 128n) | ((words[w + 3] & TOP_BIT_CLEAR) << 192n);
    return { x: read(OUT_X), y, t: read(OUT_T) };
  };
}

let loaded: DecompressEdwardsY | null | undefined;

/**
 * The WebAssembly decompression, instantiated on first use, or `undefined` when this runtime
 * cannot run it. It takes exactly 32 bytes and never throws.
 */
export function wasmDecompressEdwardsY(): DecompressEdwardsY | undefined {
  if (loaded === undefined) loaded = instantiate() ?? null;
  return loaded ?? undefined;
}
