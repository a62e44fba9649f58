import { describe as suite, expect, it } from 'vitest';
import { anchor, describe } from '@/utils/core/annotate/anchor';
import { folderFrom } from '@/utils/core/annotate/fold';
import { canonicalUrl, cleanUrl } from '@/utils/core/annotate/url';
import { PageTextModel } from '@/utils/dom/text/model';
import { pageText } from '@/utils/dom/annotate/page-text';

const text = '一、法治政府建设。加强行政复议工作。二、规范性文件管理。加强行政复议工作，纠正违法行为。三、结语。';

suite('anchoring strategies, in order', () => {
  it('position when the quote is still there', () => {
    const [q, p] = describe(text, 9, 17);
    expect(anchor(text, q, p)).toEqual({ start: 9, end: 17, strategy: 'position' });
  });
  it('quote with context tells repeated phrases apart', () => {
    const second = text.indexOf('加强行政复议工作', 20);
    const [q, p] = describe(text, second, second + 8);
    const shifted = '新增的一段话。' + text;
    const a = anchor(shifted, q, p)!;
    expect(a.strategy).toBe('quote');
    expect(a.start).toBe(second + 7);
    const first = describe(text, 9, 17);
    expect(anchor(shifted, first[0], first[1])!.start).toBe(16);
  });
  it('the prefix alone tells repeats apart when what follows them is the same', () => {
    const t = '甲方意见：同意。乙方意见：同意。';
    const second = t.lastIndexOf('同意');
    const [q] = describe(t, second, second + 2);
    // No position: nearness favours the first; only the prefix points to the second.
    expect(anchor(t, q)).toEqual({ start: second, end: second + 2, strategy: 'quote' });
  });
  it('quotes at the very start and end of the text', () => {
    const s = describe(text, 0, 4);
    expect(anchor('前言' + text, s[0], s[1])).toMatchObject({ start: 2, strategy: 'quote' });
    const e = describe(text, text.length - 5, text.length);
    expect(anchor(text + '附件', e[0], e[1])).toMatchObject({ start: text.length - 5, end: text.length });
  });
  it('fuzzy after edits inside the passage', () => {
    const [q, p] = describe(text, 20, 35);
    const edited = text.slice(0, 22) + '严格' + text.slice(24);
    const a = anchor(edited, q, p)!;
    expect(a.strategy).toBe('fuzzy');
    expect(Math.abs(a.start - 20)).toBeLessThanOrEqual(1);
  });
  it('no match → null (an orphan)', () => {
    const [q, p] = describe(text, 20, 35);
    expect(anchor('完全不同的另一篇文章，没有任何相同的内容。', q, p)).toBeNull();
  });
});

suite('anchoring on the page-text model', () => {
  it('ranges within one node, across nodes, across <br> and block boundaries', () => {
    document.body.innerHTML = '<h2>一、总则</h2><p>加强<b>行政</b>复议<br>工作</p><p>第二段</p>';
    const model = new PageTextModel(document).build();
    const pt = pageText(model, (s) => s);
    expect(pt.text).toBe('一、总则\n加强行政复议\n工作\n第二段');
    // Across nodes and a <br>:
    const start = pt.text.indexOf('行政');
    const r = pt.toRange(start, start + 7)!;
    expect(r.toString()).toBe('行政复议工作');
    // Across a block boundary:
    const r2 = pt.toRange(pt.text.indexOf('工作'), pt.text.indexOf('第二') + 2)!;
    expect(r2.toString().replace(/\s/g, '')).toBe('工作第二');
    // And back from a DOM range:
    expect(pt.fromRange(r)).toEqual({ start, end: start + 7 });
  });
});

suite('folding scripts', () => {
  const fold = folderFrom('複 复|議 议|規 规|範 范|檔 档|於 于 於');
  it('folds Traditional to Simplified, same length', () => {
    expect(fold('行政複議規範')).toBe('行政复议规范');
    expect(fold('abc')).toBe('abc');
    expect(fold('於')).toBe('于');
  });
});

suite('canonical URLs', () => {
  it('drops fragments and tracking parameters, prefers rel=canonical', () => {
    expect(cleanUrl('https://a.gov.cn/x?id=3&utm_source=wx&spm=1#p2')).toBe('https://a.gov.cn/x?id=3');
    expect(canonicalUrl('https://m.a.gov.cn/x?from=timeline', 'https://www.a.gov.cn/x')).toBe('https://www.a.gov.cn/x');
    expect(canonicalUrl('https://a.gov.cn/x#top', 'javascript:alert(1)')).toBe('https://a.gov.cn/x');
  });
});
