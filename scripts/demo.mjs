#!/usr/bin/env node
// npm run demo [-- --headless] [-- --port N]
// Bootstraps itself, builds the extension, serves the bundled sample report and opens Chromium on it
// with the extension loaded. Headless (or with no display) it prints what the extension found and
// writes screenshots instead.
import { spawnSync } from 'node:child_process';
import { ensureDeps } from './deps.mjs';

const args = process.argv.slice(2);
const headless = args.includes('--headless') || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 8765;

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${cmdArgs.join(' ')} failed.`);
    process.exit(r.status ?? 1);
  }
}

ensureDeps();

const { findChromium, CHROMIUM_HINT, launchWithExtension, openPopup, waitForStatus } = await import('../tests/support/browser.mjs');
if (!findChromium()) {
  console.error(CHROMIUM_HINT);
  process.exit(1);
}

console.log('Building the extension…');
run('npx', ['wxt', 'build']);

const { startServer } = await import('../tests/support/server.mjs');
let srv;
try {
  srv = await startServer(port);
} catch {
  srv = await startServer(0);
}
const url = `${srv.origin}/seed-report.html`;
console.log(`Serving the sample report at ${url}`);

const ext = await launchWithExtension({ headless });
const page = await ext.context.newPage();
await page.goto(url);

async function statusWithTerms() {
  const end = Date.now() + 15_000;
  let s = await waitForStatus(ext, page);
  while (s.termCount === null && s.state !== 'off' && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    s = await waitForStatus(ext, page);
  }
  return s;
}

if (headless) {
  const s = await statusWithTerms();
  console.log('');
  console.log(`Page:      ${url}`);
  console.log(`Detected:  ${s.detection.isReport ? 'yes — government report' : 'no'} (score ${s.detection.score}, script ${s.detection.script})`);
  console.log('Why:');
  for (const r of s.detection.reasons) console.log(`  +${r.points}  ${r.id.padEnd(17)} ${r.evidence}`);
  console.log(`Terms:     ${s.termCount ?? 'n/a'} distinct glossary terms on the page`);
  console.log(`Timing:    content script ${s.timing.totalMs.toFixed(1)} ms, glossary ${s.timing.glossaryMs.toFixed(1)} ms`);
  await page.screenshot({ path: 'demo-screenshot.png' });
  const popup = await openPopup(ext, page);
  await popup.setViewportSize({ width: 360, height: 520 });
  await popup.waitForFunction(() => document.querySelector('[data-testid="page-status"]')?.getAttribute('data-state') !== 'loading');
  await popup.screenshot({ path: 'demo-popup.png' });
  console.log('Screenshots: demo-screenshot.png (page), demo-popup.png (popup)');
  await ext.close();
  await srv.close();
  process.exit(s.detection.isReport ? 0 : 2);
} else {
  console.log('Chromium is open with Bilingual Reader loaded. Click its toolbar icon on the report. Close the browser or press Ctrl+C to stop.');
  const done = () => Promise.all([ext.close(), srv.close()]).then(() => process.exit(0));
  ext.context.on('close', done);
  process.on('SIGINT', done);
}
