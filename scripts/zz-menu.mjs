const { launchWithExtension } = await import('../tests/support/browser.mjs');
const ext = await launchWithExtension({});
await new Promise((r) => setTimeout(r, 1000));
const out = await ext.serviceWorker.evaluate(async () => {
  const r = {};
  for (const id of ['add-term', 'script', 'script:zh-TW', 'script:original', 'nope']) r[id] = await chrome.contextMenus.update(id, {}).then(() => 'ok', (e) => String(e.message));
  return r;
});
console.log(out);
await ext.context.close(); process.exit(0);
