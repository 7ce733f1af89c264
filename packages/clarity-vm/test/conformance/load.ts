// Reads the committed corpus and golden files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusCase, Family } from './cases.ts';
import type { GoldenOutput } from './compare.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Directory of corpus/<family>.jsonl. */
export const CORPUS_DIR = path.join(here, 'corpus');
/** Directory of golden/<family>.jsonl. */
export const GOLDEN_DIR = path.join(here, 'golden');

function readJsonLines<T>(file: string): T[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** The cases of one family, in file order (the order a batch run must use). */
export function loadCases(family: Family): CorpusCase[] {
  return readJsonLines<CorpusCase>(path.join(CORPUS_DIR, `${family}.jsonl`));
}

/** The golden answers of one family, in file order. */
export function loadGolden(family: Family): GoldenOutput[] {
  return readJsonLines<GoldenOutput>(path.join(GOLDEN_DIR, `${family}.jsonl`));
}
