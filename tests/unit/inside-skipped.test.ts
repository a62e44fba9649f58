import { describe, expect, it, vi } from 'vitest';
import { isInsideSkipped } from '@/utils/dom/text/nodes';

function page(html: string): Document {
  document.documentElement.innerHTML = `<head></head><body>${html}</body>`;
  return document;
}

describe('isInsideSkipped with a memo', () => {
  it('answers as it does without one, whatever the order of the questions', () => {
    const doc = page(`<main>
      <p id="a">甲<b id="a1">乙</b></p>
      <div contenteditable="true"><p id="b">丙<span id="b1">丁</span></p></div>
      <div contenteditable="false"><p id="c">戊</p></div>
      <pre><span id="d">己</span></pre>
      <section class="notranslate"><p id="e">庚</p></section>
      <p id="f" translate="no">辛</p>
      <p id="g">壬</p>
    </main>`);
    const ids = ['a', 'a1', 'b', 'b1', 'c', 'd', 'e', 'f', 'g'];
    const els = ids.map((id) => doc.getElementById(id)!);
    const expected = els.map((el) => isInsideSkipped(el));
    expect(expected).toEqual([false, false, true, true, false, true, true, true, false]);
    for (const order of [els, [...els].reverse(), [els[3]!, els[1]!, els[8]!, els[2]!, els[0]!, els[6]!, els[4]!, els[5]!, els[7]!]]) {
      const memo = new Map<Node, boolean>();
      for (const el of order) expect(isInsideSkipped(el, memo)).toBe(expected[els.indexOf(el)]);
      // Asked again, from the memo alone.
      for (const el of order) expect(isInsideSkipped(el, memo)).toBe(expected[els.indexOf(el)]);
    }
    // A text node asks about its parent element.
    expect(isInsideSkipped(doc.getElementById('b1')!.firstChild!, new Map())).toBe(true);
    expect(isInsideSkipped(doc.getElementById('a1')!.firstChild!, new Map())).toBe(false);
  });

  it('looks at an ancestor shared by many blocks once, not once a block', () => {
    const doc = page(`<main>${'<p>段落</p>'.repeat(200)}</main>`);
    const main = doc.querySelector('main')!;
    const looks = vi.spyOn(main, 'getAttribute');
    const memo = new Map<Node, boolean>();
    for (const p of doc.querySelectorAll('p')) expect(isInsideSkipped(p, memo)).toBe(false);
    const withMemo = looks.mock.calls.length;
    looks.mockClear();
    for (const p of doc.querySelectorAll('p')) expect(isInsideSkipped(p)).toBe(false);
    const without = looks.mock.calls.length;
    expect(withMemo).toBeGreaterThan(0);
    expect(without).toBe(200 * withMemo);
  });
});
