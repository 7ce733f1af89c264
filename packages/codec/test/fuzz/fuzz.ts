/**
 * The codec fuzzer: random and mutated bytes into every decoder. A decoder may return a value or
 * throw a `CodecError`; anything else (another exception type, a hang, an allocation driven by a
 * hostile length prefix) is a failure. Seeds are every hex string in the conformance vectors that
 * some decoder accepts, so mutations start from real, deep structures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSeededRng, type Rng } from '@stacks-ts/common';
import { CodecError } from '../../src/errors.ts';
import { FUZZ_TARGETS, type FuzzTarget } from './targets.ts';

export type { FuzzTarget };

export interface TargetReport {
  readonly name: string;
  inputs: number;
  decoded: number;
  /** Count of CodecErrors by code. */
  readonly codecErrors: Record<string, number>;
  /** Inputs that made the decoder misbehave (at most a few kept). */
  readonly failures: { inputHex: string; error: string }[];
  failureCount: number;
  /** Slowest single decode in milliseconds (a hang shows up here). */
  slowestMs: number;
}

export interface FuzzOptions {
  /** Total inputs, spread evenly over the targets. */
  readonly count: number;
  readonly seed: number;
  /** A decode slower than this is a failure (hang detection, not a speed target). */
  readonly hangMs?: number;
  readonly targets?: readonly FuzzTarget[];
  readonly onProgress?: (done: number, total: number) => void;
}

const VECTORS_DIR = new URL('../../../../test-vectors/', import.meta.url);

/** Every even-length hex string (optional 0x) found anywhere in the vector files. */
export function hexStringsFromVectors(): Uint8Array[] {
  const out = new Map<string, Uint8Array>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      const h = v.startsWith('0x') ? v.slice(2) : v;
      if (h.length >= 2 && h.length % 2 === 0 && h.length <= 600_000 && /^[0-9a-fA-F]+$/.test(h)) {
        out.set(h.toLowerCase(), Uint8Array.from(Buffer.from(h, 'hex')));
      }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  for (const f of readdirSync(VECTORS_DIR).filter((n) => n.endsWith('.json'))) {
    visit(JSON.parse(readFileSync(join(VECTORS_DIR.pathname, f), 'utf8')));
  }
  return [...out.values()];
}

/** For each target, the vector byte strings it decodes successfully. */
export function seedCorpus(targets: readonly FuzzTarget[]): Map<string, Uint8Array[]> {
  const all = hexStringsFromVectors();
  const corpus = new Map<string, Uint8Array[]>();
  for (const t of targets) {
    const seeds: Uint8Array[] = [...(t.extraSeeds?.() ?? [])];
    for (const b of all) {
      try {
        t.decode(b);
        seeds.push(b);
      } catch {
        // not this target's format
      }
    }
    corpus.set(t.name, seeds);
  }
  return corpus;
}

const BOUNDARY_BYTES = [0x00, 0x01, 0x02, 0x05, 0x0a, 0x7f, 0x80, 0x81, 0xfe, 0xff];
const HUGE_U32 = [0xffffffff, 0x7fffffff, 0x80000000, 0x01000000, 0x00100001, 0x0000ffff];

/** One mutated input derived from `seeds` (or pure random bytes). */
export function mutate(rng: Rng, seeds: readonly Uint8Array[]): Uint8Array {
  const pick = (): Uint8Array => (seeds.length ? seeds[rng.int(seeds.length)]! : rng.bytes(rng.int(64)));
  const kind = seeds.length ? rng.int(9) : 0;
  switch (kind) {
    case 0:
      return rng.bytes(rng.int(rng.int(4) === 0 ? 4096 : 200));
    case 1: {
      // flip a few bits
      const b = pick().slice();
      if (b.length === 0) return b;
      for (let i = 0, n = 1 + rng.int(4); i < n; i++) b[rng.int(b.length)]! ^= 1 << rng.int(8);
      return b;
    }
    case 2: {
      // truncate
      const b = pick();
      return b.slice(0, rng.int(b.length + 1));
    }
    case 3: {
      // overwrite a byte with a boundary value (type prefixes, enum tags, counts)
      const b = pick().slice();
      if (b.length) b[rng.int(b.length)] = BOUNDARY_BYTES[rng.int(BOUNDARY_BYTES.length)]!;
      return b;
    }
    case 4: {
      // plant a huge u32 (a hostile length prefix) at a random offset
      const b = pick().slice();
      if (b.length >= 4) {
        const off = rng.int(b.length - 3);
        new DataView(b.buffer).setUint32(off, HUGE_U32[rng.int(HUGE_U32.length)]!);
      }
      return b;
    }
    case 5: {
      // insert random bytes
      const b = pick();
      const at = rng.int(b.length + 1);
      const ins = rng.bytes(1 + rng.int(16));
      const out = new Uint8Array(b.length + ins.length);
      out.set(b.subarray(0, at));
      out.set(ins, at);
      out.set(b.subarray(at), at + ins.length);
      return out;
    }
    case 6: {
      // delete a chunk
      const b = pick();
      if (b.length === 0) return b;
      const at = rng.int(b.length);
      const len = 1 + rng.int(Math.min(32, b.length - at));
      const out = new Uint8Array(b.length - len);
      out.set(b.subarray(0, at));
      out.set(b.subarray(at + len), at);
      return out;
    }
    case 7: {
      // splice two seeds
      const a = pick();
      const c = pick();
      const i = rng.int(a.length + 1);
      const j = rng.int(c.length + 1);
      const out = new Uint8Array(i + c.length - j);
      out.set(a.subarray(0, i));
      out.set(c.subarray(j), i);
      return out;
    }
    default: {
      // append trailing garbage
      const b = pick();
      const extra = rng.bytes(1 + rng.int(8));
      const out = new Uint8Array(b.length + extra.length);
      out.set(b);
      out.set(extra, b.length);
      return out;
    }
  }
}

/** Runs the fuzzer; returns one report per target. */
export function runFuzz(opts: FuzzOptions): TargetReport[] {
  const targets = opts.targets ?? FUZZ_TARGETS;
  const hangMs = opts.hangMs ?? 2000;
  const rng = createSeededRng(opts.seed);
  const corpus = seedCorpus(targets);
  const reports = targets.map<TargetReport>((t) => ({
    name: t.name,
    inputs: 0,
    decoded: 0,
    codecErrors: {},
    failures: [],
    failureCount: 0,
    slowestMs: 0,
  }));
  const perTarget = Math.ceil(opts.count / targets.length);
  let done = 0;
  const total = perTarget * targets.length;
  for (let i = 0; i < perTarget; i++) {
    targets.forEach((t, ti) => {
      const report = reports[ti]!;
      const input = mutate(rng, corpus.get(t.name)!);
      const start = performance.now();
      try {
        t.decode(input);
        report.decoded++;
      } catch (err) {
        if (err instanceof CodecError) {
          report.codecErrors[err.code] = (report.codecErrors[err.code] ?? 0) + 1;
        } else {
          report.failureCount++;
          if (report.failures.length < 5) {
            report.failures.push({
              inputHex: Buffer.from(input).toString('hex'),
              error: err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err),
            });
          }
        }
      }
      const ms = performance.now() - start;
      if (ms > report.slowestMs) report.slowestMs = ms;
      if (ms > hangMs) {
        report.failureCount++;
        if (report.failures.length < 5) {
          report.failures.push({ inputHex: Buffer.from(input).toString('hex'), error: `decode took ${ms.toFixed(0)} ms` });
        }
      }
      report.inputs++;
      done++;
    });
    if (opts.onProgress && i % 1000 === 0) opts.onProgress(done, total);
  }
  return reports;
}
