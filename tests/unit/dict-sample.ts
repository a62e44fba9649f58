// A small compiled dictionary from real CC-CEDICT rows (tests/fixtures/cedict-sample.json), built by
// the same compiler as the extension's, so the tests exercise the shipped format end to end.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// @ts-expect-error: plain ESM build script without type declarations
import { compileData } from '../../scripts/dict/build.mjs';
import { decodeDict, type DictData } from '@/utils/core/dict';

export const sampleSource = (): { all: unknown[][]; classifierLookup: string[][] } =>
  JSON.parse(readFileSync(resolve(process.cwd(), 'tests/fixtures/cedict-sample.json'), 'utf8'));

export const compileSample = (data: unknown = sampleSource()): string => (compileData(data, { date: '2026-01-04', version: 'test', minEntries: 1 }) as { text: string }).text;

let cached: DictData | null = null;
export const sampleDict = (): DictData => (cached ??= decodeDict(compileSample()));
