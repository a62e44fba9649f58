#!/usr/bin/env node
// npm test [-- step-name-prefix…]: everything a change must pass, in the order that fails fastest.
// Installs the node modules first when they are missing or differ from package-lock.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { ensureDeps } from './deps.mjs';

ensureDeps();

const RESULTS = '.test-results';
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

const steps = [
  ['type check', 'npx', ['vue-tsc', '--noEmit']],
  ['lint', 'npx', ['eslint', '.']],
  ['glossary check', 'npx', ['tsx', 'scripts/glossary/check.mjs']],
  ['unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${RESULTS}/unit.json`]],
  ['build (chrome)', 'npx', ['wxt', 'build']],
  ['build (firefox)', 'npx', ['wxt', 'build', '-b', 'firefox']],
  ['manifest check', 'node', ['scripts/check-manifests.mjs']],
  ['web-ext lint (firefox)', 'node', ['scripts/lint-firefox.mjs']],
  ['e2e tests (chromium)', 'node', e2e('tests/e2e/', 'e2e-chromium.tap')],
  ['e2e tests (firefox)', 'node', e2e('tests/e2e-firefox/', 'e2e-firefox.tap')],
];

function e2e(dir, tap) {
  return ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${RESULTS}/${tap}`, dir];
}

const only = process.argv.slice(2);
let failedStep = null;
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n▶ ${name}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  console.log(`${r.status === 0 ? '✔' : '✖'} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (r.status !== 0) {
    failedStep = name;
    break;
  }
}

// One closing line over the unit tests and both browsers' e2e tests.
let passed = 0;
let failed = 0;
if (existsSync(`${RESULTS}/unit.json`)) {
  const u = JSON.parse(readFileSync(`${RESULTS}/unit.json`, 'utf8'));
  passed += u.numPassedTests ?? 0;
  failed += u.numFailedTests ?? 0;
}
for (const file of ['e2e-chromium.tap', 'e2e-firefox.tap']) {
  if (!existsSync(`${RESULTS}/${file}`)) continue;
  const tap = readFileSync(`${RESULTS}/${file}`, 'utf8');
  passed += Number(tap.match(/^# pass (\d+)/m)?.[1] ?? 0);
  failed += Number(tap.match(/^# fail (\d+)/m)?.[1] ?? 0);
}
if (failedStep) failed = Math.max(failed, 1);
console.log(failedStep ? `\nFailed at: ${failedStep}` : '\nAll checks passed.');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStep ? 1 : 0);
