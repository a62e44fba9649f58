// Dictionary e2e: lookups from an extension page to the background answer CC-CEDICT's own
// definitions, odd text answers empty, and the dictionary comes back after the worker is stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { stopServiceWorker } from '../support/browser.mjs';
import { useSession } from '../support/session.mjs';

const session = useSession();

/** CC-CEDICT's rows for a Simplified headword, straight from the package's data file. */
function cedictRows(words) {
  // The package's `exports` hide data/: resolve its entry point (loading nothing) and go up.
  const dir = dirname(dirname(fileURLToPath(import.meta.resolve('cc-cedict'))));
  const raw = readFileSync(join(dir, 'data', 'all.js'), 'utf8');
  const rows = JSON.parse(raw.slice('export default '.length)).all;
  return Object.fromEntries(words.map((w) => [w, rows.filter((r) => r[1] === w)]));
}

async function extensionPage() {
  const page = await session.ext.context.newPage();
  await page.goto(`chrome-extension://${session.ext.extensionId}/popup.html`);
  return page;
}

const ask = (page, text) => page.evaluate((t) => chrome.runtime.sendMessage({ type: 'dict-lookup', text: t }), text);

test('提振 / 着力 / 巩固 answer with CC-CEDICT\'s definitions', async () => {
  const expected = cedictRows(['提振', '着力', '巩固']);
  const page = await extensionPage();
  for (const [text, word] of [['提振消费', '提振'], ['着力激发', '着力'], ['巩固拓展', '巩固'], ['著力激發', '著力'], ['鞏固', '鞏固']]) {
    const reply = await ask(page, text);
    assert.equal(reply.word, word);
    const simp = reply.entries[0].simplified;
    const rows = expected[simp];
    assert.ok(rows?.length, `CC-CEDICT has ${simp}`);
    assert.deepEqual(
      reply.entries.map((e) => [e.traditional, e.simplified, e.pinyinNumbered, e.definitions]),
      rows.map((r) => [r[0], r[1], r[2], Array.isArray(r[3]) ? r[3] : [r[3]]]),
    );
  }
  const zhuoli = await ask(page, '着力');
  assert.equal(zhuoli.entries[0].pinyin, 'zhuólì');
  await page.close();
});

test('odd text answers empty, never an error', async () => {
  const page = await extensionPage();
  for (const text of ['\ud842', 'abc', '提'.repeat(40), ' 提振', '\u0301提']) {
    const reply = await ask(page, text);
    assert.deepEqual(reply, { word: '', script: 'simplified', entries: [], subwords: [], chars: [] }, JSON.stringify(text));
  }
  await page.close();
});

test('after the service worker is stopped, the next lookup loads the dictionary again', async () => {
  const page = await extensionPage();
  assert.equal((await ask(page, '巩固')).word, '巩固');
  assert.ok(await stopServiceWorker(session.ext, page), 'worker stopped');
  const reply = await ask(page, '行政复议');
  assert.equal(reply.word, '行政');
  assert.deepEqual(reply.entries[0].definitions, ['administration', '(attributive) administrative; executive']);
  await page.close();
});

test('the settings page credits CC-CEDICT with its snapshot date', async () => {
  const page = await session.ext.context.newPage();
  await page.goto(`chrome-extension://${session.ext.extensionId}/options.html`);
  const about = page.getByTestId('about-dictionary');
  await page.waitForFunction(() => document.querySelector('[data-testid="about-dictionary"]')?.getAttribute('data-date'));
  const text = await about.textContent();
  assert.match(text, /CC-CEDICT, snapshot of 2026-01-04/);
  assert.match(text, /CC BY-SA 4\.0/);
  await page.close();
});
