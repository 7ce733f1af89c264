/** Randomness as protocol code sees it: injectable so runs are reproducible from a seed. */
export interface Rng {
  /** A uniform integer in [0, 2^32). */
  nextU32(): number;
  /** A uniform float in [0, 1). */
  next(): number;
  /** A uniform integer in [0, n) for 0 < n <= 2^32. */
  int(n: number): number;
  /** `len` random bytes. */
  bytes(len: number): Uint8Array;
}

/**
 * A seeded generator (sfc32, seeded through splitmix32). Not cryptographic: for simulations,
 * peer selection and tests. Key material comes from a CSPRNG, never from this.
 */
export function createSeededRng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) nextU32();
  return makeRng(nextU32);
}

/** Randomness from the platform CSPRNG (`crypto.getRandomValues`). */
export function createCryptoRng(): Rng {
  const buf = new Uint32Array(1);
  return makeRng(() => {
    globalThis.crypto.getRandomValues(buf);
    return buf[0]!;
  });
}

function makeRng(nextU32: () => number): Rng {
  return {
    nextU32,
    next: () => nextU32() / 0x1_0000_0000,
    int(n) {
      // Rejection sampling avoids modulo bias.
      const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
      for (;;) {
        const x = nextU32();
        if (x < limit) return x % n;
      }
    },
    bytes(len) {
      const out = new Uint8Array(len);
      for (let i = 0; i < len; i += 4) {
        let x = nextU32();
        for (let j = i; j < Math.min(i + 4, len); j++) {
          out[j] = x & 0xff;
          x >>>= 8;
        }
      }
      return out;
    },
  };
}
