// The first screen of a switch converted before the whole converter is built (ConverterCache.forTexts):
// a converter of only the entries that can match in its text converts that text exactly as the
// whole one does, in every config the page pipeline uses, on real report text.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConverterCache, QUICK_MAX_CHARS, specFor, type BlockConverter } from '@/utils/core/convert/converters';
import { keysIn } from '@/utils/core/convert/trie';
import type { Converting, RestoreProfile, SourceScript } from '@/utils/core/convert/modes';
import { loadDictsForTests } from './dicts';

const docs = readFileSync(resolve(process.cwd(), 'tests/fixtures/corpus-reports.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A first screen's worth of text from each document, from its start, middle and end. */
function screens(): string[] {
  return docs.flatMap((d) => [0, 0.5, 0.9].map((at) => d.slice(Math.floor(d.length * at), Math.floor(d.length * at) + 1500)));
}

/** The text cut into three parts at uneven places (a block across inline elements). */
const split = (t: string) => [t.slice(0, 7), t.slice(7, Math.floor(t.length / 2)), t.slice(Math.floor(t.length / 2))];

describe('ConverterCache.forTexts: a converter of the entries that can match in the texts', () => {
  it('converts them, whole and in parts, exactly as the whole converter, in every mode from either script', async () => {
    const full = new ConverterCache(loadDictsForTests);
    const s2twp = await full.get(specFor('zh-TW', 'simplified', 'general'));
    const simplified = screens();
    const traditional = simplified.map((t) => s2twp.convert(t));
    const modes: Converting[] = ['zh-Hans', 'zh-Hant', 'zh-TW', 'zh-HK'];
    const cases: [SourceScript, RestoreProfile][] = [['simplified', 'general'], ['traditional', 'government'], ['traditional', 'general']];
    let checked = 0;
    for (const mode of modes)
      for (const [source, profile] of cases) {
        const spec = specFor(mode, source, profile);
        const texts = source === 'simplified' ? simplified : traditional;
        const whole = await full.get(spec);
        // A first screen at a time, as the page sends it.
        for (let i = 0; i < texts.length; i += 4) {
          const batch = texts.slice(i, i + 4);
          const quick = await new ConverterCache(loadDictsForTests).forTexts(spec, batch);
          for (const t of batch) {
            expect(quick.convert(t)).toBe(whole.convert(t));
            expect(quick.convertParts(split(t))).toEqual(whole.convertParts(split(t)));
            checked++;
          }
        }
      }
    expect(checked).toBe(4 * 3 * screens().length);
  });

  it('holds only those entries: other text is left as it is, until the whole converter is built after', async () => {
    const spec = specFor('zh-TW', 'simplified', 'general');
    const cache = new ConverterCache(loadDictsForTests);
    const quick = await cache.forTexts(spec, ['人民群众']);
    expect(quick.convert('人民群众')).toBe('人民群眾');
    // 软件 is not in the text: a converter of every entry would give 軟體.
    expect(quick.convert('软件')).toBe('软件');
    // The whole converter is built in a task after; from then on it is the one given.
    await tick();
    const whole = await cache.get(spec);
    expect(whole.convert('软件')).toBe('軟體');
    expect(await cache.forTexts(spec, ['人民群众'])).toBe(whole);
  });

  it('is not made for texts over QUICK_MAX_CHARS, nor for text normalisation may change', async () => {
    const spec = specFor('zh-TW', 'simplified', 'general');
    const cache = new ConverterCache(loadDictsForTests);
    const long = await cache.forTexts(spec, ['人'.repeat(QUICK_MAX_CHARS + 1)]);
    expect(long).toBe(await cache.get(spec));
    const other = new ConverterCache(loadDictsForTests);
    // U+F900 is a CJK compatibility ideograph: normalisation makes it 豈 before any other dictionary meets it.
    const compat: BlockConverter = await other.forTexts(spec, ['\uf900人民']);
    expect(compat).toBe(await other.get(spec));
  });
});

describe('keysIn', () => {
  it('keeps a key whose first character, and first two if longer, occur in the texts (together)', () => {
    const keep = keysIn(['人民群众', '𠀀软'])!;
    const k = (key: string) => keep(`x|${key} y`, 2, 2 + key.length);
    expect([k('人'), k('人民'), k('人民币'), k('民群众'), k('群'), k('𠀀'), k('𠀀软件')]).toEqual([true, true, true, true, true, true, true]);
    // 民人: both characters occur, never together; 众人: 众 ends the text; 软件 and 件: 件 never occurs.
    expect([k('民人'), k('众人'), k('件'), k('软件x'.slice(0, 2) + '件')]).toEqual([false, false, false, false]);
    // Nothing joins the texts: 众 ends one, 𠀀 begins the other.
    expect(k('众𠀀')).toBe(false);
  });

  it('gives up on CJK compatibility ideographs: every key of the normalisation dictionary is one', async () => {
    expect(keysIn(['人民\uf9ff'])).toBeNull();
    expect(keysIn(['\u{2f800}'])).toBeNull();
    const d = (await loadDictsForTests()).CJK_Compatibility_Ideographs!;
    const keys = typeof d === 'string' ? d.split('|').map((e) => e.split(' ')[0]!) : d.map(([k]) => k);
    expect(keys.length).toBeGreaterThan(1000);
    for (const key of keys) expect(keysIn([key]), key).toBeNull();
  });
});
