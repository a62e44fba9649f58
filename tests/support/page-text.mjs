// Finds text on a page and where it is drawn, from the test's side (the page's main world).

/** Centre of the first (or nth) occurrence of `text`, scrolled into view. Text may span nodes. */
export async function textBox(page, text, nth = 0) {
  const found = await page.evaluate(
    async ([text, nth]) => {
      const nodes = [];
      let all = '';
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => (n.parentElement?.closest('script,style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      });
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        nodes.push([n, all.length]);
        all += n.data;
      }
      let at = -1;
      for (let i = 0; i <= nth; i++) {
        at = all.indexOf(text, at + 1);
        if (at < 0) return null;
      }
      const pos = (off) => {
        for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= off) return [nodes[i][0], off - nodes[i][1]];
      };
      const r = document.createRange();
      r.setStart(...pos(at));
      r.setEnd(...pos(at + text.length - 1));
      r.setEnd(r.endContainer, r.endOffset + 1);
      const scrolled = scrollY;
      r.startContainer.parentElement.scrollIntoView({ block: 'center', behavior: 'instant' });
      let rect = r.getClientRects()[0];
      // A paragraph taller than the viewport can leave the text itself outside it.
      if (rect.top < 0 || rect.bottom > innerHeight) {
        scrollBy({ top: rect.top - innerHeight / 2, behavior: 'instant' });
        rect = r.getClientRects()[0];
      }
      return { box: { x: rect.left + Math.min(rect.width / 2, 12), y: rect.top + rect.height / 2 }, scrolled: scrollY !== scrolled };
    },
    [text, nth],
  );
  if (found?.scrolled) await afterScroll(page);
  return found?.box ?? null;
}

/**
 * A scroll is announced in the next frame (it closes an open popover then): that frame passes
 * before the pointer acts, as a reader's pointer comes after the page has moved. A page behind
 * another tab gets no frames: it waits 200 ms at most.
 */
function afterScroll(page) {
  return page.evaluate(
    () =>
      new Promise((done) => {
        requestAnimationFrame(() => requestAnimationFrame(done));
        setTimeout(done, 200);
      }),
  );
}

export async function hover(page, text, nth = 0) {
  const box = await textBox(page, text, nth);
  if (!box) throw new Error(`"${text}" not on the page`);
  await page.mouse.move(Math.max(0, box.x - 40), Math.max(0, box.y - 40));
  await page.mouse.move(box.x, box.y, { steps: 4 });
  return box;
}

/** Text of a test id inside our popover's shadow root (Playwright pierces open shadow roots). */
export async function popoverText(page, testId) {
  const el = page.getByTestId('term-popover').getByTestId(testId);
  await el.waitFor({ timeout: 5000 });
  return (await el.textContent()).trim();
}

export async function waitForTerms(session, page, waitForStatus) {
  const end = Date.now() + 15_000;
  for (;;) {
    const s = await waitForStatus(session.ext, page);
    if (s.termCount !== null) return s;
    if (Date.now() > end) throw new Error('no term count');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Selects `text` in the page as a reader would (mouse down, drag, up). */
export async function selectText(page, text) {
  const box = await page.evaluate((t) => {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const i = n.data.indexOf(t);
      if (i < 0) continue;
      const scrolled = scrollY;
      n.parentElement.scrollIntoView({ block: 'center', behavior: 'instant' });
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + t.length);
      const rects = r.getClientRects();
      const a = rects[0];
      const b = rects[rects.length - 1];
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2, scrolled: scrollY !== scrolled };
    }
    return null;
  }, text);
  if (!box) throw new Error(`"${text}" not in one text node on the page`);
  if (box.scrolled) await afterScroll(page);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 5 });
  await page.mouse.up();
  const got = await page.evaluate(() => document.getSelection().toString());
  if (got !== text) throw new Error(`selected "${got}" instead of "${text}"`);
}

/** Texts of the ranges registered under a CSS highlight name. */
export function highlightTexts(page, name) {
  return page.evaluate((n) => [...(CSS.highlights.get(n) ?? [])].map((r) => r.toString()), name);
}

/** The page as the reader sees it, minus our own UI host and markers: what conversion must restore. */
export function pageSnapshot(page) {
  return page.evaluate(() => {
    const html = document.documentElement.cloneNode(true);
    html.querySelectorAll('[data-bilingual-reader-ui], bilingual-reader-popover').forEach((e) => e.remove());
    html.removeAttribute('data-bilingual-reader');
    html.removeAttribute('data-bilingual-reader-script');
    return { html: html.outerHTML, title: document.title };
  });
}
