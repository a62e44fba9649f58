import { describe, expect, it } from 'vitest';
import { detectReport, chineseShare, reportVerdict, withDistinctTerms, type DetectBlock, type Reason } from '@/utils/core/detect/report';
import { guessScript } from '@/utils/core/text/cjk';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const seedHtml = readFileSync(resolve(process.cwd(), 'tests/fixtures/seed-report.html'), 'utf8');

/** Blocks of a fixture page as the text model sees them, without a browser. */
function blocksOf(html: string): { title: string; blocks: DetectBlock[] } {
  const title = html.match(/<title>([^<]*)<\/title>/)?.[1] ?? '';
  const blocks = [...html.matchAll(/<(h[1-6]|p|li)[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => ({
    tag: m[1]!.toUpperCase(),
    text: m[2]!.replace(/<br\s*\/?>/g, '\n').replace(/<[^>]+>/g, ''),
  }));
  return { title, blocks };
}

const reasonIds = (d: ReturnType<typeof detectReport>) => d.reasons.map((r) => r.id);

describe('detectReport', () => {
  it('reads each block\'s text once (the page-text model reads it from the page at each use)', () => {
    const { title, blocks } = blocksOf(seedHtml);
    const reads = new Map<number, number>();
    const counted = blocks.map((b, i) => ({
      tag: b.tag,
      get text() {
        reads.set(i, (reads.get(i) ?? 0) + 1);
        return b.text;
      },
    }));
    expect(detectReport({ url: 'https://www.example.com/item/123', title, blocks: counted }).isReport).toBe(true);
    // A block both in the sample and among the last forty is read twice at most.
    expect(Math.max(...reads.values())).toBeLessThanOrEqual(2);
  });

  it('detects the seed report (Traditional) and explains why', () => {
    const d = detectReport({ url: 'https://www.example.com/item/123', ...blocksOf(seedHtml) });
    expect(d.isReport).toBe(true);
    expect(d.script).toBe('traditional');
    expect(reasonIds(d)).toEqual(expect.arrayContaining(['chinese', 'title-doc-type', 'issuer', 'sections', 'subsections', 'signature-date', 'addressee']));
    expect(d.reasons.find((r) => r.id === 'issuer')!.evidence).toBe('湖州市人民政府');
    expect(d.reasons.find((r) => r.id === 'signature-date')!.evidence).toBe('2019年2月28日');
  });

  it('detects a Simplified report with a government domain', () => {
    const d = detectReport({
      url: 'https://www.huzhou.gov.cn/art/2019/3/1/art_1.html',
      title: '湖州市人民政府关于2018年度法治政府建设情况的报告',
      blocks: [
        { tag: 'P', text: '浙江省人民政府：' },
        { tag: 'H2', text: '一、2018年法治政府建设工作情况' },
        { tag: 'P', text: '（一）高标准谋划和推动法治政府建设。统筹推进全市法治政府建设。' },
        { tag: 'H2', text: '二、存在的问题' },
        { tag: 'P', text: '（二）全面打好法治建设重点领域攻坚战。' },
        { tag: 'P', text: '湖州市人民政府' },
        { tag: 'P', text: '2019年2月28日' },
      ],
    });
    expect(d.isReport).toBe(true);
    expect(d.script).toBe('simplified');
    expect(reasonIds(d)).toContain('gov-domain');
    expect(d.reasons.find((r) => r.id === 'title-doc-type')!.evidence).toBe('法治政府建设情况的报告');
  });

  it('does not call a Chinese news story a report, even with 报告 in a sentence', () => {
    const d = detectReport({
      url: 'https://news.example.cn/sports/1.html',
      title: '江边马拉松鸣枪开跑 两万名跑者穿城而过',
      blocks: [
        { tag: 'H1', text: '江边马拉松鸣枪开跑 两万名跑者穿城而过' },
        { tag: 'P', text: '清晨七点，随着一声发令枪响，两万名跑者从江边广场出发。记者在现场看到了赛事报告。' },
        { tag: 'P', text: '男子组冠军最终由一名来自邻省的选手获得，成绩为两小时十一分。' },
      ],
    });
    expect(d.isChinese).toBe(true);
    expect(d.isReport).toBe(false);
  });

  it('one strong signal alone is not enough', () => {
    const d = detectReport({ url: 'https://www.gov.cn/x', title: '图片集', blocks: [{ tag: 'P', text: '这是一组风景照片，拍摄于春天的江南水乡，景色十分优美动人。' }] });
    expect(d.reasons.map((r) => r.id)).toContain('gov-domain');
    expect(d.isReport).toBe(false);
  });

  it('points from one kind of evidence never make a report, however many', () => {
    const docType: Reason[] = [
      { id: 'chinese', points: 1, evidence: '90%' },
      { id: 'title-doc-type', points: 3, evidence: '报告' },
      { id: 'heading-doc-type', points: 3, evidence: '工作报告' },
    ];
    expect(reportVerdict(docType)).toEqual({ score: 7, isReport: false });
    expect(reportVerdict([...docType, { id: 'gov-domain', points: 3, evidence: 'www.gov.cn' }])).toEqual({ score: 10, isReport: true });
    expect(reportVerdict([{ id: 'chinese', points: 1, evidence: '90%' }, { id: 'sections', points: 2, evidence: '3' }, { id: 'issuer', points: 2, evidence: '国务院' }])).toEqual({ score: 5, isReport: false });
  });

  it('exits early on non-Chinese pages with no reasons', () => {
    const d = detectReport({ url: 'https://example.com', title: 'Annual Report 2018', blocks: [{ tag: 'P', text: 'To the City Council: report on cycling.' }] });
    expect(d).toMatchObject({ isChinese: false, isReport: false, score: 0, reasons: [] });
  });

  it('Japanese text is not Chinese', () => {
    expect(chineseShare('これは日本語の文章です。漢字も少しあります。')).toBeLessThan(0.3);
  });

  it('counts glossary density once known', () => {
    const base = { url: 'https://x.cn', title: '关于加强行政复议工作的意见', blocks: [{ tag: 'P', text: '各区县人民政府：为加强行政复议工作，现提出如下意见。' }] };
    expect(reasonIds(detectReport(base))).not.toContain('glossary-density');
    expect(reasonIds(detectReport({ ...base, distinctTerms: 20 }))).toContain('glossary-density');
  });

  it('a new term count gives what detecting the same text with it gives, without reading it again', () => {
    const base = { url: 'https://x.cn', title: '关于加强行政复议工作的意见', blocks: [{ tag: 'P', text: '各区县人民政府：为加强行政复议工作，现提出如下意见。' }] };
    const first = detectReport(base);
    for (const terms of [undefined, 0, 4, 5, 14, 15, 40]) {
      expect(withDistinctTerms(first, terms)).toEqual(detectReport({ ...base, distinctTerms: terms }));
      // From a detection that already had a count (the reader's own terms changed).
      expect(withDistinctTerms(detectReport({ ...base, distinctTerms: 20 }), terms)).toEqual(detectReport({ ...base, distinctTerms: terms }));
    }
    const english = detectReport({ url: 'https://x.com', title: 'News', blocks: [{ tag: 'P', text: 'Plain English text only.' }] });
    expect(withDistinctTerms(english, 30)).toEqual(detectReport({ url: 'https://x.com', title: 'News', blocks: [{ tag: 'P', text: 'Plain English text only.' }], distinctTerms: 30 }));
  });
});

describe('guessScript', () => {
  it('tells Simplified from Traditional', () => {
    expect(guessScript('这是关于法治政府建设的报告').script).toBe('simplified');
    expect(guessScript('這是關於法治政府建設的報告').script).toBe('traditional');
    expect(guessScript('中文').script).toBe('unknown');
  });
});
