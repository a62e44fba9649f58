import { describe, expect, it, beforeEach } from 'vitest';
import { PageTextModel } from '@/utils/dom/text/model';
import { OWN_UI_ATTR, composedCompare } from '@/utils/dom/text/nodes';

function page(html: string): Document {
  document.documentElement.innerHTML = `<head></head><body>${html}</body>`;
  return document;
}

function texts(m: PageTextModel) {
  return m.blocks.map((b) => b.text);
}

describe('blocks', () => {
  beforeEach(() => page(''));

  it('keeps inline elements inside one block', () => {
    page('<p>行政<b>复议</b>是<a href="#">一种</a><span>制度</span>。</p><p>第二段</p>');
    const m = new PageTextModel(document).build();
    expect(texts(m)).toEqual(['行政复议是一种制度。', '第二段']);
    expect(m.blocks[0]!.segments).toHaveLength(6);
    expect(m.blocks[0]!.tag).toBe('P');
  });

  it('splits at block elements, including text around a nested block', () => {
    page('<div>前文<p>中间</p>后文</div><ul><li>一</li><li>二</li></ul><h2>标题</h2>');
    const m = new PageTextModel(document).build();
    expect(texts(m)).toEqual(['前文', '中间', '后文', '一', '二', '标题']);
    expect(m.blocks.map((b) => b.tag)).toEqual(['DIV', 'P', 'DIV', 'LI', 'LI', 'H2']);
  });

  it('turns <br> into a line break that maps to no node', () => {
    page('<p>湖州市人民政府<br>2019年2月28日</p>');
    const m = new PageTextModel(document).build();
    expect(texts(m)).toEqual(['湖州市人民政府\n2019年2月28日']);
    const b = m.blocks[0]!;
    expect(b.segments[1]!.node).toBeNull();
    expect(m.locate(b, 7)!.node.data).toBe('2019年2月28日');
  });

  it('skips what is not readable text or not ours to touch', () => {
    page(`
      <p>读</p>
      <script>var a = "脚本";</script><style>p{}</style><noscript>无脚本</noscript>
      <template><p>模板</p></template>
      <textarea>文本框</textarea><input value="输入"><select><option>选项</option></select>
      <div contenteditable="true">可编辑</div><div contenteditable="plaintext-only">纯文本</div>
      <div contenteditable="false">不可编辑但可读</div>
      <pre>预格式</pre><p>代码<code>代码块</code>后</p>
      <svg><text>矢量</text></svg><math><mi>数学</mi></math>
      <p translate="no">不翻译</p><p class="notranslate">也不翻译</p>
      <div ${OWN_UI_ATTR}>我们的界面</div>
      <p>完</p>`);
    const m = new PageTextModel(document).build();
    expect(texts(m)).toEqual(['读', '不可编辑但可读', '代码后', '完']);
  });

  it("skips the class notranslate among others, but not a class that only contains the word", () => {
    page('<p class="lead notranslate">甲</p><p class="x\tnotranslate\nwide">乙</p><p class="notranslated">丙</p><p class="no-notranslate-x">丁</p><p class="NOTRANSLATE">戊</p>');
    const m = new PageTextModel(document).build();
    // Class names match case-sensitively, as classList.contains does.
    expect(texts(m)).toEqual(['丙', '丁', '戊']);
  });

  it('follows open shadow roots', () => {
    page('<p>外</p><div id="host"></div><p>尾</p>');
    const host = document.getElementById('host')!;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>影子<b>树</b></p>';
    const m = new PageTextModel(document).build();
    expect(texts(m)).toEqual(['外', '影子树', '尾']);
  });

  it('stops at maxChars and says so', () => {
    page('<p>一二三四五</p><p>六七八九十</p><p>十一</p>');
    const m = new PageTextModel(document, { maxChars: 6 }).build();
    expect(m.truncated).toBe(true);
    expect(m.blocks.length).toBeLessThan(3);
  });

  it('survives a document without a body', () => {
    document.body?.remove();
    const m = new PageTextModel(document).build();
    expect(m.blocks).toEqual([]);
  });
});

describe('offset maps', () => {
  it('maps block offsets to text nodes and back, both ways', () => {
    page('<p>行政<b>复议</b>制度</p>');
    const m = new PageTextModel(document).build();
    const b = m.blocks[0]!;
    for (let off = 0; off <= b.text.length; off++) {
      const pos = m.locate(b, off)!;
      expect(pos).not.toBeNull();
      const back = m.offsetOf(pos.node, pos.offset)!;
      expect(back.block).toBe(b);
      expect(back.offset).toBe(off);
    }
    expect(m.locate(b, 2)!.node.data).toBe('复议');
    expect(m.locate(b, 2, true)!.node.data).toBe('行政');
    expect(m.locate(b, 2, true)!.offset).toBe(2);
    expect(m.locate(b, 99)).toBeNull();
    expect(m.offsetOf(document.createTextNode('x'), 0)).toBeNull();
  });
});

describe('mutations', () => {
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('reports only the blocks that changed', async () => {
    page('<p id="a">甲</p><p id="b">乙</p><p id="c">丙</p>');
    const m = new PageTextModel(document, { debounceMs: 10 }).build();
    m.observe();
    const [a, b, c] = m.blocks;
    document.querySelector('#b')!.firstChild!.textContent = '乙改';
    await settle();
    const change = m.flush()!;
    // The removed block is the old one (its text is read from the same, edited node now).
    expect(change.removed).toEqual([b]);
    expect(change.added.map((x) => x.text)).toEqual(['乙改']);
    expect(m.blocks[0]).toBe(a);
    expect(m.blocks[2]).toBe(c);
    expect(m.blocks[1]).not.toBe(b);
    expect(texts(m)).toEqual(['甲', '乙改', '丙']);
    m.disconnect();
  });

  it('inserts added blocks in document order and drops removed ones', async () => {
    page('<div id="root"><p id="a">甲</p><p id="c">丙</p></div>');
    const m = new PageTextModel(document).build();
    m.observe();
    const p = document.createElement('p');
    p.textContent = '乙';
    document.querySelector('#c')!.before(p);
    await settle();
    m.flush();
    expect(texts(m)).toEqual(['甲', '乙', '丙']);
    document.querySelector('#a')!.remove();
    await settle();
    const change = m.flush()!;
    expect(change.removed.map((x) => x.text)).toContain('甲');
    expect(texts(m)).toEqual(['乙', '丙']);
    m.disconnect();
  });

  it('debounces and notifies listeners', async () => {
    page('<p id="a">甲</p>');
    const m = new PageTextModel(document, { debounceMs: 20 }).build();
    const seen: string[][] = [];
    m.onChange((c) => seen.push(c.added.map((b) => b.text)));
    m.observe();
    const t = document.querySelector('#a')!.firstChild as Text;
    t.data = '一';
    t.data = '二';
    t.data = '三';
    await new Promise((r) => setTimeout(r, 60));
    expect(seen).toEqual([['三']]);
    m.disconnect();
  });

  it('ignores its own writes and typing in skipped elements', async () => {
    page('<p id="a">甲</p><div contenteditable="true" id="ed">编辑</div><textarea id="ta">字</textarea>');
    const m = new PageTextModel(document, { debounceMs: 5 }).build();
    const seen: unknown[] = [];
    m.onChange((c) => seen.push(c));
    m.observe();
    const block = m.blocks[0]!;
    m.write(() => {
      (block.segments[0]!.node as Text).data = '乙丁';
    });
    (document.querySelector('#ed')!.firstChild as Text).data = '改了';
    document.querySelector('#ta')!.textContent = '新';
    // Past the debounce, with nothing refreshed: a write the model did not drop would be reported
    // as a change of the block's text.
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toEqual([]);
    expect(m.flush()).toBeNull();
    // The text is read from the nodes; the offsets follow when the writer refreshes the block.
    expect(block.text).toBe('乙丁');
    expect(block.length).toBe(1);
    m.refresh([block]);
    expect(block.length).toBe(2);
    expect(m.locate(block, 2)).toEqual({ node: block.segments[0]!.node, offset: 2 });
    m.disconnect();
  });

  it('drops its own writes made around a nested write, and keeps the page\'s made before and after', async () => {
    page('<p id="a">甲</p><p id="b">乙</p><p id="c">丙</p>');
    const m = new PageTextModel(document, { debounceMs: 5 }).build();
    m.observe();
    const [a, b, c] = m.blocks;
    (a!.segments[0]!.node as Text).data = '甲改'; // the page, before our write
    m.write(() => {
      m.write(() => ((b!.segments[0]!.node as Text).data = '乙乙'));
      (b!.segments[0]!.node as Text).data = '乙丙'; // ours, after the inner write ended
    });
    (c!.segments[0]!.node as Text).data = '丙改'; // the page, after
    await settle();
    const change = m.flush()!;
    expect(change.removed).toEqual([a, c]);
    expect(change.added.map((x) => x.text)).toEqual(['甲改', '丙改']);
    m.disconnect();
  });

  it('reports an edit that keeps a block\'s nodes and length, and not a node put back unchanged', async () => {
    page('<p id="a">甲<b>乙</b>丙</p><p id="b">丁</p>');
    const m = new PageTextModel(document, { debounceMs: 5 }).build();
    m.observe();
    const [a, b] = m.blocks;
    (a!.segments[1]!.node as Text).data = '戊';
    await settle();
    const change = m.flush()!;
    expect(change.removed).toEqual([a]);
    expect(change.added.map((x) => x.text)).toEqual(['甲戊丙']);
    // The same node taken out and put back: same nodes, nothing edited, not a change.
    const p = document.querySelector('#b')!;
    const node = p.firstChild!;
    p.removeChild(node);
    p.appendChild(node);
    await settle();
    expect(m.flush()).toEqual({ removed: [], added: [] });
    expect(m.blocks[1]!.id).toBe(b!.id);
    m.disconnect();
  });

  it('watches inside open shadow roots', async () => {
    page('<div id="host"></div>');
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>影子</p>';
    const m = new PageTextModel(document).build();
    m.observe();
    (root.querySelector('p')!.firstChild as Text).data = '新影子';
    await settle();
    const change = m.flush()!;
    expect(change.added.map((b) => b.text)).toEqual(['新影子']);
    m.disconnect();
  });
});

describe('composedCompare', () => {
  it('orders nodes across shadow boundaries', () => {
    page('<p id="a">a</p><div id="host"><span id="light">l</span></div><p id="z">z</p>');
    const host = document.getElementById('host')!;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<i id="s">s</i><slot></slot>';
    const s = root.getElementById('s')!;
    expect(composedCompare(document.getElementById('a')!, s)).toBe(-1);
    expect(composedCompare(s, document.getElementById('z')!)).toBe(-1);
    expect(composedCompare(s, document.getElementById('light')!)).toBe(-1);
    expect(composedCompare(host, s)).toBe(-1);
  });
});

describe('sampleText', () => {
  it('reads the title and text in order, skipping scripts and styles, up to a limit', async () => {
    const { sampleText } = await import('@/utils/dom/text/sample');
    page('<script>var x="脚本";</script><style>p{}</style><p>正文<b>加粗</b></p><p>第二段很长很长</p>');
    document.title = '标题';
    const s = sampleText(document, 100);
    expect(s.replace(/\n/g, '')).toBe('标题正文加粗第二段很长很长');
    expect(sampleText(document, 5)).toHaveLength(5);
  });
});

describe('someText', () => {
  it('finds a match in the page\'s text, never in its scripts or styles', async () => {
    const { someText } = await import('@/utils/dom/text/sample');
    const HAN = /[\u3400-\u9fff]/;
    page('<script>var x="脚本";</script><style>p::after{content:"样式"}</style><p>English only</p>');
    expect(someText(document, HAN)).toBe(false);
    page('<script>var x="脚本";</script><p>English, then <b>中文</b></p>');
    expect(someText(document, HAN)).toBe(true);
  });
});

describe('buildAsync', () => {
  it('gives the same blocks as build(), in slices', async () => {
    page(Array.from({ length: 600 }, (_, i) => `<p>第${i}段<b>行政</b>复议</p>`).join('') + '<div>尾<p>中</p>后</div>');
    const sync = new PageTextModel(document).build();
    let yields = 0;
    const sliced = await new PageTextModel(document).buildAsync(0, async () => {
      yields++;
    });
    expect(yields).toBeGreaterThan(0);
    expect(sliced.blocks.map((b) => b.text)).toEqual(sync.blocks.map((b) => b.text));
    expect(sliced.blocks.map((b) => b.tag)).toEqual(sync.blocks.map((b) => b.tag));
  });

  it('picks up a change made while it was building', async () => {
    page(Array.from({ length: 600 }, (_, i) => `<p id="p${i}">第${i}段</p>`).join(''));
    const m = new PageTextModel(document);
    m.observe();
    let once = false;
    await m.buildAsync(0, async () => {
      if (once) return;
      once = true;
      document.getElementById('p0')!.textContent = '改过的第一段';
      await Promise.resolve();
    });
    expect(m.blocks[0]!.text).toBe('改过的第一段');
    expect(m.blocks).toHaveLength(600);
    m.disconnect();
  });
});
