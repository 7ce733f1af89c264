/**
 * The conformance-vector harness shared by `pnpm vectors` and the vitest `vectors` project.
 *
 * Each package that owns a vector file exports a `VectorFileRunner` from
 * `packages/<pkg>/test/vectors/<file>.vectors.ts` (export name `runner`). A runner checks one entry
 * at a time: it returns nothing when the entry passes, returns `skip(reason)` when the entry is
 * out of scope (every skip names why), and throws when our result disagrees with the vector.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the vector JSON files. */
export const VECTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A vector entry as stored in the JSON (each file has its own shape). */
// biome-ignore lint: vector shapes vary per file; runners narrow them.
export type VectorEntry = Record<string, any>;

/** What a runner returns for an entry it does not run. */
export interface Skip {
  readonly skipped: true;
  readonly reason: string;
}

/** Marks an entry as skipped, with the reason shown in every report. */
export function skip(reason: string): Skip {
  return { skipped: true, reason };
}

/** Runs the entries of one vector file. */
export interface VectorFileRunner {
  /** The vector file's name, for example `tx.json`. */
  readonly file: string;
  /** The package (layer) that owns it. */
  readonly layer: string;
  /** Checks one entry: returns nothing on success, `skip(reason)` to skip, throws on mismatch. */
  run(entry: VectorEntry, index: number): void | Skip;
}

export type VectorOutcome =
  | { readonly status: 'passed' }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'skipped'; readonly reason: string };

export interface VectorResult {
  readonly name: string;
  readonly outcome: VectorOutcome;
}

/** The JSON of one vector file. */
export function loadVectorFile(file: string): { description?: string; vectors: VectorEntry[] } {
  return JSON.parse(readFileSync(join(VECTORS_DIR, file), 'utf8'));
}

/** Every vector file in the folder, sorted by name. */
export function listVectorFiles(): string[] {
  return readdirSync(VECTORS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** A readable, unique-enough name for an entry. */
export function entryName(entry: VectorEntry, index: number): string {
  const base = entry.name ?? entry.kind ?? entry.source ?? 'vector';
  return `#${index} ${String(base)}`;
}

/** Runs one entry and turns throws into a failed outcome. */
export function runEntry(runner: VectorFileRunner, entry: VectorEntry, index: number): VectorOutcome {
  try {
    const r = runner.run(entry, index);
    if (r && r.skipped) return { status: 'skipped', reason: r.reason };
    return { status: 'passed' };
  } catch (err) {
    const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { status: 'failed', error: msg };
  }
}

/** Runs every entry of a file. */
export function runVectorFile(runner: VectorFileRunner): VectorResult[] {
  const { vectors } = loadVectorFile(runner.file);
  return vectors.map((entry, i) => ({ name: entryName(entry, i), outcome: runEntry(runner, entry, i) }));
}
