// @vitest-environment node
// The page's own notes section: each format found, ordinary numbered lists left alone.
import { describe, expect, it } from 'vitest';
import { parsePageNotes } from '@/utils/core/glossary/page-notes';

const report = ['各位代表：', '过去一年，我们深入推进“两个健康”工作。', '一、2025年工作回顾', '1.加强法治政府建设。', '2.推进营商环境优化。'];

describe('parsePageNotes: the three formats', () => {
  it('reads 1.“某某”：是指…… under 名词解释', () => {
    const blocks = [...report, '名词解释', '1.“两个健康”：是指非公有制经济健康发展和非公有制经济人士健康成长。', '2.“一码通城”：是指以一个码整合市民卡、健康码等城市服务的应用。'];
    expect(parsePageNotes(blocks)).toEqual([
      { term: '两个健康', definition: '是指非公有制经济健康发展和非公有制经济人士健康成长。', blockIndex: 6 },
      { term: '一码通城', definition: '是指以一个码整合市民卡、健康码等城市服务的应用。', blockIndex: 7 },
    ]);
  });
  it('reads ［1］某某： …… footnotes, with or without a heading', () => {
    const notes = ['［1］亩均论英雄： 以单位土地的税收、产值等指标评价企业并配置资源的改革。', '［2］标准地： 事先明确规划、能耗、环境等标准后再出让的工业用地。'];
    expect(parsePageNotes([...report, '注释', ...notes]).map((n) => [n.term, n.blockIndex])).toEqual([
      ['亩均论英雄', 6],
      ['标准地', 7],
    ]);
    expect(parsePageNotes([...report, ...notes]).map((n) => n.term)).toEqual(['亩均论英雄', '标准地']);
    expect(parsePageNotes([...report, ...notes])[1]!.definition).toBe('事先明确规划、能耗、环境等标准后再出让的工业用地。');
  });
  it('reads 2.“某某计划”： 是……的简称 under 名词注释, several items in one block', () => {
    const blocks = [...report, '名词注释：', '1.“链长制”： 是指由市领导担任重点产业链链长的工作机制。2.“春雁计划”： 是引进培育青年人才计划的简称。'];
    expect(parsePageNotes(blocks)).toEqual([
      { term: '链长制', definition: '是指由市领导担任重点产业链链长的工作机制。', blockIndex: 6 },
      { term: '春雁计划', definition: '是引进培育青年人才计划的简称。', blockIndex: 6 },
    ]);
  });
  it('reads a heading that carries the first items, Traditional headings and （1） numbering', () => {
    expect(parsePageNotes(['注：（1）“三清单”：指权力清单、责任清单和负面清单。（2）“双试点”：指营商环境和数字政府两项试点。']).map((n) => n.term)).toEqual(['三清单', '双试点']);
    expect(parsePageNotes(['名詞解釋', '1.「一網通辦」：指政務服務一網通辦。']).map((n) => n.term)).toEqual(['一網通辦']);
  });
  it('reads unnumbered items under a heading, after one line of introduction', () => {
    const blocks = ['【名词解释】', '本报告中部分名词解释如下：', '“两个健康”：是指非公有制经济健康发展和非公有制经济人士健康成长。', '“标准地”：是指带标准出让的工业用地。', '附件：2026年重点工作安排'];
    expect(parsePageNotes(blocks).map((n) => [n.term, n.blockIndex])).toEqual([
      ['两个健康', 2],
      ['标准地', 3],
    ]);
  });
});

describe('parsePageNotes: every way a heading or footnote can start', () => {
  // Blocks are passed over by their first character before any pattern runs: each heading form
  // and footnote bracket must still be read.
  const item = '1.“标准地”：是指带标准出让的工业用地。';
  const item2 = '2.“链长制”：是指产业链链长工作机制。';
  it.each(['名词解释', '【名词解释】', '[名词注释]', '［名词释义］', '(注释)', '（註釋）', '附：名词解释', '附件：名词说明', '本报告名词解释', '有关名词解释', '相关名词注释', '部分名词解释', '注释', '註釋', '附注'])('%s', (heading) => {
    expect(parsePageNotes([...report, heading, item, item2]).map((n) => n.term)).toEqual(['标准地', '链长制']);
    expect(parsePageNotes([...report, ` ${heading}`, item, item2]).map((n) => n.term)).toEqual(['标准地', '链长制']);
  });
  it.each(['［1］', '[1]', '【1】'])('footnotes opening %s', (open) => {
    const close = { '［1］': '［2］', '[1]': '[2]', '【1】': '【2】' }[open]!;
    expect(parsePageNotes([...report, `${open}标准地： 事先明确标准后再出让的工业用地。`, `${close}亩均论英雄： 以亩均效益评价企业。`]).map((n) => n.term)).toEqual(['标准地', '亩均论英雄']);
  });
});

describe('parsePageNotes: not notes', () => {
  it('ignores ordinary numbered lists', () => {
    expect(parsePageNotes(report)).toEqual([]);
    expect(parsePageNotes(['1.主要目标：地区生产总值增长5%左右。', '2.重点任务：扩大有效投资。'])).toEqual([]);
    expect(parsePageNotes(['（1）指导思想：以习近平新时代中国特色社会主义思想为指导。', '（2）主要目标：稳中求进。'])).toEqual([]);
  });
  it('ignores table notes and lists without a term and a colon under a heading', () => {
    expect(parsePageNotes(['注：1.本表数据为初步统计数。2.部分数据因四舍五入存在误差。'])).toEqual([]);
    expect(parsePageNotes(['注释', '1.加强组织领导。', '2.强化督促检查。'])).toEqual([]);
  });
  it('ignores a single footnote, footnotes not starting at 1, and numbering that skips', () => {
    expect(parsePageNotes(['［1］标准地： 事先明确标准后再出让的工业用地。'])).toEqual([]);
    expect(parsePageNotes(['［2］标准地： 事先明确标准后再出让的工业用地。', '［3］亩均论英雄： 以亩均效益评价企业。'])).toEqual([]);
    expect(parsePageNotes(['名词解释', '1.“标准地”：是指带标准出让的工业用地。', '3.“链长制”：是指产业链链长工作机制。'])).toEqual([]);
  });
  it('does not take a sentence that mentions notes for a heading, nor a clause for a term', () => {
    expect(parsePageNotes(['注重发挥市场作用：1.“标准地”：是指带标准出让的工业用地。'])).toEqual([]);
    expect(parsePageNotes(['名词解释', '1.我们坚持稳中求进，统筹发展和安全：取得了新成效。'])).toEqual([]);
  });
  it('returns [] for an empty page', () => {
    expect(parsePageNotes([])).toEqual([]);
  });
});

describe('parsePageNotes on the fixture page', () => {
  it('finds the six notes of report-with-notes.html and nothing in the report itself', async () => {
    const { readFileSync } = await import('node:fs');
    const html = readFileSync('tests/fixtures/report-with-notes.html', 'utf8');
    const blocks = [...html.matchAll(/<(h[1-3]|p)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => m[2]!.replace(/<[^>]+>/g, ''));
    const notes = parsePageNotes(blocks);
    expect(notes.map((n) => n.term)).toEqual(['两个健康', '三服务', '浙里办', '一码通城', '鲲鹏计划', '雄鹰计划']);
    expect(notes[0]!.blockIndex).toBe(blocks.indexOf('名词解释') + 1);
    expect(notes[5]!.definition).toBe('是浙江省培育具有全球竞争力的世界一流企业的“雄鹰行动”计划的简称。');
    expect(parsePageNotes(blocks.slice(0, blocks.indexOf('名词解释')))).toEqual([]);
  });
});

describe('parsePageNotes on real reports without notes', () => {
  it('finds nothing in the 20 national reports of the corpus, numbered lists and all', async () => {
    const { readFileSync } = await import('node:fs');
    const docs = readFileSync('tests/fixtures/national-reports.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string });
    for (const d of docs) expect(parsePageNotes(d.text.split(/\n+/))).toEqual([]);
  });
});
