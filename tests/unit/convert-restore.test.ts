// @vitest-environment node
// Mainland restore on a real document: a State Council report (2024, tests/fixtures/corpus-reports.jsonl)
// machine-converted to Taiwan phrasing by opencc (cn→twp), then shown in Simplified by our converter.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConverterCache, specFor } from '@/utils/core/convert/converters';
import { editDistance, editsPer10k, lineEdits } from '@/utils/core/text/edits';
import { loadDictsForTests } from './dicts';
import { openccRef } from './opencc-ref';

const cache = new ConverterCache(loadDictsForTests);
const docs = readFileSync(resolve(process.cwd(), 'tests/fixtures/corpus-reports.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; year?: number; text: string });

describe('edit counting', () => {
  it('is Levenshtein over code points, line by line', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('规范性文件', '规范性档案')).toBe(2);
    expect(editDistance('𠀀a', 'a')).toBe(1);
    expect(lineEdits('甲乙\n丙丁', '甲乙\n丙戊')).toBe(1);
    expect(editsPer10k('一'.repeat(10_000), '二' + '一'.repeat(9_999))).toBe(1);
  });
});

describe('Taiwan-phrased government text back to mainland wording', () => {
  const doc = docs.find((d) => d.year === 2024)!;
  it('stays within 10 edits per 10 k characters of the original (opencc-js twp→cn: over 30)', async () => {
    const taiwan = openccRef(['s2twp'])(doc.text);
    const ours = (await cache.get(specFor('zh-Hans', 'traditional', 'government'))).convert(taiwan);
    const rate = editsPer10k(doc.text, ours);
    expect(rate).toBeLessThanOrEqual(10);
    expect(editsPer10k(doc.text, openccRef(['tw2sp'])(taiwan))).toBeGreaterThan(30);
  });
});
