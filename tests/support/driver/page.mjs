// One page (tab) as the shared e2e scenarios see it, whatever drives the browser. The browser-specific
// drivers (chromium.mjs over Playwright, firefox.mjs over Puppeteer/WebDriver BiDi) supply a small
// `raw` adapter; everything a scenario does on a page goes through this class.

/**
 * Runs in the page: finds the element with data-testid `id` in the document or any open shadow root
 * (our page UI lives in shadow roots), the `nth` one in document order, and applies `op`.
 */
function deepOp([id, nth, op, arg]) {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.getAttribute('data-testid') === id) found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  if (op === 'count') return found.length;
  const el = found[nth < 0 ? found.length + nth : nth];
  if (!el) return op === 'exists' ? false : { missing: true };
  switch (op) {
    case 'exists':
      return true;
    case 'text':
      return el.textContent.trim();
    case 'attr':
      return el.getAttribute(arg);
    case 'value':
      return el.value;
    case 'box': {
      el.scrollIntoView({ block: 'center', behavior: 'instant' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, width: r.width, height: r.height, left: r.left, top: r.top };
    }
    case 'fill':
      // As typing leaves it: the value, then the events a framework listens to.
      el.focus();
      el.value = arg;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    default:
      throw new Error(`unknown op ${op}`);
  }
}

export class DriverPage {
  /**
   * @param {object} raw adapter: evaluate(fn, arg), waitFor(fn, arg, timeout), mouse, press(combo),
   *   type(text), goto(url), reload(), url(), front(), close(), setInputFile(selector, path)
   * @param {{front: DriverPage|null}} focus the driver's record of the page in front
   */
  constructor(raw, focus) {
    this.raw = raw;
    this.focus = focus;
  }

  async front() {
    if (this.focus.front === this) return;
    await this.raw.front();
    this.focus.front = this;
  }

  url() {
    return this.raw.url();
  }
  goto(url) {
    return this.raw.goto(url);
  }
  reload() {
    return this.raw.reload();
  }
  close() {
    if (this.focus.front === this) this.focus.front = null;
    return this.raw.close();
  }

  /** `fn` runs in the page with one serializable argument. */
  evaluate(fn, arg) {
    return this.raw.evaluate(fn, arg);
  }

  /** Resolves once `fn(arg)` is truthy in the page. */
  async waitFor(fn, arg, timeout = 10_000) {
    try {
      await this.raw.waitFor(fn, arg, timeout);
    } catch (e) {
      throw new Error(`waited ${timeout} ms on ${this.url()} for ${String(fn).slice(0, 200)}: ${e.message.split('\n')[0]}`);
    }
  }

  // Input goes to the page in front, as a reader's would.
  async move(x, y, steps = 1) {
    await this.front();
    await this.raw.mouse.move(x, y, { steps });
  }
  async down() {
    await this.raw.mouse.down();
  }
  async up() {
    await this.raw.mouse.up();
  }
  async clickAt(x, y) {
    await this.front();
    await this.raw.mouse.move(x, y);
    await this.raw.mouse.click(x, y);
  }
  /** A key or a chord such as "Alt+Shift+N". */
  async press(combo) {
    await this.front();
    await this.raw.press(combo);
  }

  /** Mouse in the shape Playwright and Puppeteer share, so the helpers in page-text.mjs take either. */
  get mouse() {
    return {
      move: async (x, y, opts = {}) => {
        await this.front();
        await this.raw.mouse.move(x, y, opts);
      },
      down: () => this.raw.mouse.down(),
      up: () => this.raw.mouse.up(),
      click: (x, y) => this.clickAt(x, y),
    };
  }

  /** Clicks the first element matching a CSS selector in the document. */
  async clickCss(selector) {
    await this.waitFor((s) => !!document.querySelector(s), selector);
    await this.front();
    const box = await this.evaluate((s) => {
      const el = document.querySelector(s);
      el.scrollIntoView({ block: 'center', behavior: 'instant' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, selector);
    await this.clickAt(box.x, box.y);
  }

  // By data-testid, piercing open shadow roots.
  testId(id, op, { nth = 0, arg } = {}) {
    return this.evaluate(deepOp, [id, nth, op, arg]);
  }
  async text(id, opts) {
    const t = await this.testId(id, 'text', opts);
    if (t?.missing) throw new Error(`no [data-testid="${id}"] on ${this.url()}`);
    return t;
  }
  attr(id, name, opts) {
    return this.testId(id, 'attr', { ...opts, arg: name });
  }
  count(id) {
    return this.testId(id, 'count');
  }
  async waitForTestId(id, timeout = 10_000) {
    await this.waitFor(hasTestId, id, timeout);
  }
  async click(id, opts) {
    await this.waitForTestId(id);
    // In front first: a page brought forward may lay out again.
    await this.front();
    // Where it rests, as Playwright's own click waits for: a popover that just grew is placed
    // again in a later frame, and a click at where its button was lands on something else.
    let box = await this.testId(id, 'box', opts);
    for (let i = 0; i < 20 && !box.missing; i++) {
      await this.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const again = await this.testId(id, 'box', opts);
      if (again.x === box.x && again.y === box.y) break;
      box = again;
    }
    if (box.missing) throw new Error(`no [data-testid="${id}"] to click on ${this.url()}`);
    await this.clickAt(box.x, box.y);
  }
  async fill(id, value, opts) {
    await this.waitForTestId(id);
    await this.testId(id, 'fill', { ...opts, arg: value });
  }
  /** Chooses a file for the <input type=file> with this test id, as the file dialog would. */
  async setInputFile(id, path) {
    await this.waitForTestId(id);
    await this.raw.setInputFile(`[data-testid="${id}"]`, path);
  }
}

/** In the page: is there an element with this test id, in the document or an open shadow root? */
function hasTestId(id) {
  const walk = (root) => {
    if (root.querySelector(`[data-testid="${id}"]`)) return true;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot && walk(el.shadowRoot)) return true;
    return false;
  };
  return walk(document);
}
