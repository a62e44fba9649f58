// A small compiled dictionary from real CC-CEDICT rows (tests/fixtures/cedict-sample.json), built by
// the same compiler as the extension's, so the tests exercise the shipped format end to end.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// @ts-expect-error: plain ESM build script without type declarations
import { compileData } from '../../scripts/dict/build.mjs';
import { dictFrom, type Dict } from '@/utils/core/dict';

export const sampleSource = (): { all: unknown[][]; classifierLookup: string[][] } =>
  JSON.parse(readFileSync(resolve(process.cwd(), 'tests/fixtures/cedict-sample.json'), 'utf8'));

/** The compiled files by path (cedict/index.json, cedict/<n>.txt). */
export const compileSample = (data: unknown = sampleSource()): Map<string, string> =>
  new Map((compileData(data, { date: '2026-01-04', version: 'test', minEntries: 1 }) as { files: { path: string; contents: string }[] }).files.map((f) => [f.path, f.contents]));

let cached: Dict | null = null;
export const sampleDict = (): Dict => {
  if (cached) return cached;
  const files = compileSample();
  return (cached = dictFrom(JSON.parse(files.get('cedict/index.json')!), (n) => files.get(`cedict/${n}.txt`)!));
};
