import { describe, expect, it } from 'vitest';
import { Dict, decodeHeader, DictFormatError, DictShardMissing, EMPTY_REPLY, lookupShards, shardOf, formatDefinition, formatPinyin, isLookupText, lookup, longestWordLength, markSyllable, rawEntriesFor, subwordsOf } from '@/utils/core/dict';
import { compileSample, sampleDict } from './dict-sample';

const d = sampleDict();
const word = (text: string) => text.slice(0, longestWordLength(d, text));

describe('longest match', () => {
  it('finds the longest word at the start of Simplified text', () => {
    expect(word('提振消费')).toBe('提振');
    expect(word('着力激发')).toBe('着力');
    expect(word('巩固')).toBe('巩固');
    expect(word('为人民服务的')).toBe('为人民服务');
    expect(word('行政复议机关')).toBe('行政复议');
    expect(word('行政机关')).toBe('行政');
  });

  it('finds it in Traditional text, with Taiwan and Hong Kong forms', () => {
    expect(word('鞏固發展')).toBe('鞏固');
    expect(word('著力激發')).toBe('著力');
    expect(word('爲人民服務')).toBe('爲人民服務');
    expect(word('裡面')).toBe('裡面');
    expect(word('裏面')).toBe('裏面');
  });

  it('finds it in mixed text', () => {
    expect(word('行政復议')).toBe('行政復议');
    expect(word('為人民服务')).toBe('為人民服务');
  });

  it('falls back to one character, and finds nothing where no word starts', () => {
    expect(word('提高')).toBe('提');
    expect(word('。提振')).toBe('');
  });

  it('never cuts a surrogate pair', () => {
    expect(longestWordLength(d, '提\ud842\udfb7')).toBe(1);
  });
});

describe('entries for a word', () => {
  it('gives the entries written with these characters, in either script', () => {
    const simp = rawEntriesFor(d, '着').map((e) => e.pinyin);
    expect(simp).toEqual(['zhao1', 'zhao2', 'zhe5', 'zhuo2']);
    // 著 is also its own word (zhu4, to write) in both scripts; a Traditional page's 著 is both.
    expect(rawEntriesFor(d, '著').map((e) => e.pinyin)).toEqual(['zhao1', 'zhao2', 'zhe5', 'zhuo2', 'zhu4']);
    expect(rawEntriesFor(d, '著力')[0]!.definitions).toEqual(['to put effort into sth', 'to try really hard']);
    expect(rawEntriesFor(d, '爲').map((e) => e.definitions[0])).toEqual(['variant of 為|为[wei2]', 'variant of 為|为[wei4]']);
  });

  it('puts proper names (surnames) after the other entries', () => {
    expect(rawEntriesFor(d, '力').map((e) => e.pinyin)).toEqual(['li4', 'Li4']);
    expect(rawEntriesFor(d, '里').map((e) => e.pinyin).at(-1)).toBe('Li3');
  });

  it('lists the shorter words inside a word', () => {
    expect(subwordsOf(d, '行政复议')).toEqual(['行政', '复议']);
    expect(subwordsOf(d, '为人民服务')).toEqual(['为人', '人民', '服务']);
  });
});

describe('lookup reply', () => {
  it('gives the word, formatted entries, subwords and characters', () => {
    const r = lookup(d, '行政复议机关');
    expect(r.word).toBe('行政复议');
    expect(r.script).toBe('simplified');
    expect(r.entries.map((e) => [e.simplified, e.traditional, e.pinyin, e.definitions])).toEqual([['行政复议', '行政復議', 'xíngzhèng fùyì', ['administrative reconsideration']]]);
    expect(r.subwords.map((s) => s.word)).toEqual(['行政', '复议']);
    expect(r.chars.map((c) => c.word)).toEqual(['行', '政', '复', '议']);
  });

  it('follows the word\'s script in references', () => {
    expect(lookup(d, '爲').entries[0]!.definitions).toEqual(['variant of 為 (wéi)']);
    expect(lookup(d, '为').entries.at(-1)!.definitions).toEqual(['variant of 为 (wèi)']);
  });

  it('adds measure words as a definition', () => {
    expect(lookup(d, '上午').entries[0]!.definitions).toEqual(['morning', 'measure word: 个 (gè)']);
    expect(lookup(d, '人').entries[0]!.definitions.at(-1)).toBe('measure words: 个 (gè), 位 (wèi)');
  });

  it('rejects odd input with an empty reply, never an exception', () => {
    for (const bad of ['', 'abc', '\ud842', '提\udfb7', '提'.repeat(17), ' 提振', '\u0301提', 42, null, { text: '提振' }])
      expect(lookup(d, bad)).toEqual(EMPTY_REPLY);
    expect(isLookupText('提振')).toBe(true);
    expect(isLookupText('\ud842\udfb7')).toBe(true);
  });
});

describe('pinyin', () => {
  it('places tone marks on the right vowel', () => {
    const cases: [string, string][] = [
      ['zhuo2', 'zhuó'], ['gui4', 'guì'], ['liu2', 'liú'], ['hao3', 'hǎo'], ['xie4', 'xiè'], ['gou3', 'gǒu'],
      ['er2', 'ér'], ['Li3', 'Lǐ'], ['shuang1', 'shuāng'], ['m2', 'ḿ'], ['ng4', 'ǹg'], ['e^2', 'ế'],
    ];
    for (const [n, m] of cases) expect(markSyllable(n)).toBe(m);
  });

  it('writes ü from u: and v', () => {
    expect(markSyllable('lu:4')).toBe('lǜ');
    expect(markSyllable('nu:e4')).toBe('nüè');
    expect(markSyllable('lve4')).toBe('lüè');
    expect(markSyllable('Lu:3')).toBe('Lǚ');
    expect(markSyllable('lu:5')).toBe('lü');
  });

  it('leaves the neutral tone unmarked and joins erhua', () => {
    expect(markSyllable('ma5')).toBe('ma');
    expect(formatPinyin('na3 r5')).toBe('nǎr');
    expect(formatPinyin('yi1 dian3 r5')).toBe('yīdiǎnr');
    expect(formatPinyin('ge1 ge5')).toBe('gēge');
  });

  it('joins syllables into words (GB/T 16159)', () => {
    expect(formatPinyin('gong3 gu4')).toBe('gǒnggù');
    expect(formatPinyin('Xi1 an1')).toBe("Xī'ān");
    expect(formatPinyin('nu:3 er2')).toBe("nǚ'ér");
    expect(formatPinyin('Mao2 Ze2 dong1')).toBe('Máo Zédōng');
    expect(formatPinyin('Zhong1 hua2 Ren2 min2 Gong4 he2 guo2')).toBe('Zhōnghuá Rénmín Gònghéguó');
    expect(formatPinyin('yi1 ma3 dang1 xian1', { idiom: true })).toBe('yīmǎ-dāngxiān');
    const isWord = (h: string) => rawEntriesFor(d, h).length > 0;
    expect(formatPinyin('xing2 zheng4 fu4 yi4', { headword: '行政复议', isWord })).toBe('xíngzhèng fùyì');
    expect(formatPinyin('wei4 ren2 min2 fu2 wu4', { headword: '为人民服务', isWord })).toBe('wèi rénmín fúwù');
    expect(formatPinyin('yi1 bu4 zuo4 , er4 bu4 xiu1')).toBe('yībùzuò, èrbùxiū');
    expect(formatPinyin('san1 D da3 yin4')).toBe('sān D dǎyìn');
  });
});

describe('definitions', () => {
  const simp = { script: 'simplified' as const };
  const trad = { script: 'traditional' as const };
  it('makes measure words readable', () => {
    expect(formatDefinition('CL:個|个[ge4]', simp)).toBe('measure word: 个 (gè)');
    expect(formatDefinition('CL:個|个[ge4]', trad)).toBe('measure word: 個 (gè)');
    expect(formatDefinition('CL:尊[zun1], 張|张[zhang1]', simp)).toBe('measure words: 尊 (zūn), 张 (zhāng)');
    expect(formatDefinition('light; ray (CL:道[dao4])', simp)).toBe('light; ray (measure word: 道 (dào))');
  });

  it('makes variant and other references readable', () => {
    expect(formatDefinition('variant of 著|着[zhuo2]', simp)).toBe('variant of 着 (zhuó)');
    expect(formatDefinition('variant of 著|着[zhuo2]', trad)).toBe('variant of 著 (zhuó)');
    expect(formatDefinition('old variant of 五[wu3]', simp)).toBe('old variant of 五 (wǔ)');
    expect(formatDefinition('see also 丁克[ding1 ke4]', simp)).toBe('see also 丁克 (dīngkè)');
    expect(formatDefinition('used in 自個兒|自个儿[zi4 ge3 r5]', simp)).toBe('used in 自个儿 (zìgěr)');
    expect(formatDefinition('abbr. for 七言律詩|七言律诗[qi1 yan2 lu : 4 shi1]', simp)).toBe('abbr. for 七言律诗 (qī yán lǜ shī)');
    expect(formatDefinition('a move in chess (Taiwan pr. [zhuo2])', simp)).toBe('a move in chess (Taiwan pr. zhuó)');
  });

  it('leaves plain definitions and surnames as CC-CEDICT writes them', () => {
    expect(formatDefinition('surname Lü', simp)).toBe('surname Lü');
    expect(formatDefinition('to boost', simp)).toBe('to boost');
  });
});

describe('compiled format', () => {
  const files = compileSample();
  const index = JSON.parse(files.get('cedict/index.json')!);

  it('refuses a truncated shard or a foreign index', () => {
    const d = new Dict(decodeHeader(index));
    const n = shardOf('提', index.shards);
    const text = files.get(`cedict/${n}.txt`)!;
    expect(() => d.addShard(n, text.slice(0, text.length - 10))).toThrow(DictFormatError);
    expect(() => d.addShard(n, text + 'x')).toThrow(DictFormatError);
    expect(() => d.addShard(index.shards, '')).toThrow(DictFormatError);
    expect(() => decodeHeader({ ...index, format: 1 })).toThrow(DictFormatError);
    expect(() => decodeHeader({ ...index, shardLines: [] })).toThrow(DictFormatError);
    expect(() => decodeHeader(null)).toThrow(DictFormatError);
    expect(() => d.addShard(n, text)).not.toThrow();
  });

  it('asks for the shard of the first character, then those of the word', () => {
    const d = new Dict(decodeHeader(index));
    const shard = (c: string) => shardOf(c, index.shards);
    const add = (ns: number[]) => ns.forEach((n) => d.addShard(n, files.get(`cedict/${n}.txt`)!));
    expect(lookupShards(d, '行政复议机关')).toEqual([shard('行')]);
    expect(() => lookup(d, '行政复议机关')).toThrow(DictShardMissing);
    add(lookupShards(d, '行政复议机关'));
    const second = lookupShards(d, '行政复议机关');
    expect(second.sort()).toEqual([...new Set(['政', '复', '议'].map(shard))].filter((n) => n !== shard('行')).sort());
    add(second);
    expect(lookupShards(d, '行政复议机关')).toEqual([]);
    expect(lookup(d, '行政复议机关').subwords.map((s) => s.word)).toEqual(['行政', '复议']);
    // Traditional text asks for the shard its folded form lives in.
    expect(lookupShards(new Dict(decodeHeader(index)), '著力')).toEqual([shard('着')]);
  });

  it('folds to a fixed point, so a query and a headword fold alike', () => {
    const { fold } = d.header;
    for (let i = 0; i < fold.length; i += 2) expect(d.fold(fold[i + 1]!)).toBe(fold[i + 1]);
    expect(d.fold('裏裡爲為著')).toBe('里里为为着');
  });
});
