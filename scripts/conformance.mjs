#!/usr/bin/env node
// npm run conformance — OpenCC's own test cases: how many opencc-js passes per config, and how many
// our converters pass (the same stages, plus our mainland-wording layer toward Simplified).
// That the page pipeline equals the string conversion for every case is enforced by
// tests/unit/convert-page.test.ts; this script reports the figures for the README.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { ConverterCache } from '../utils/core/convert/converters.ts';
import { S2T_DICTS, T2S_DICTS, VARIANT_DICTS } from '../utils/core/convert/modes.ts';

const cases = JSON.parse(readFileSync('tests/fixtures/opencc-testcases.json', 'utf8')).cases;
const dicts = {};
for (const name of [...S2T_DICTS, ...T2S_DICTS, ...VARIANT_DICTS]) dicts[name] = (await import(`opencc-js/dict/${name}`)).default;
const cache = new ConverterCache(async () => dicts, 0);

// config → [opencc-js from, to, our mode, our source script]
const CONFIGS = {
  s2t: ['cn', 't', 'zh-Hant', 'simplified'],
  s2twp: ['cn', 'twp', 'zh-TW', 'simplified'],
  s2hk: ['cn', 'hk', 'zh-HK', 'simplified'],
  tw2sp: ['twp', 'cn', 'zh-Hans', 'traditional'],
  tw2s: ['tw', 'cn', null, null],
  t2s: ['t', 'cn', null, null],
  s2tw: ['cn', 'tw', null, null],
};
const rows = [];
for (const [config, [from, to, mode, source]] of Object.entries(CONFIGS)) {
  const ref = OpenCC.Converter({ from, to });
  const ours = mode ? await cache.get(mode, source) : null;
  const relevant = cases.filter((c) => c.expected[config] !== undefined);
  const openccPass = relevant.filter((c) => ref(c.input) === c.expected[config]).length;
  const oursPass = ours ? relevant.filter((c) => ours.convert(c.input) === c.expected[config]).length : null;
  rows.push({ config, mode, cases: relevant.length, openccPass, oursPass });
}
mkdirSync('bench', { recursive: true });
writeFileSync('bench/conformance.json', JSON.stringify({ date: new Date().toISOString(), rows }, null, 2) + '\n');
const table = [
  '| OpenCC config | our mode | cases | opencc-js passes | our converter passes |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.config} | ${r.mode ?? '—'} | ${r.cases} | ${r.openccPass} | ${r.oursPass ?? '—'} |`),
].join('\n');
const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', readme.replace(/<!-- conformance:start -->[\s\S]*<!-- conformance:end -->/, `<!-- conformance:start -->\n${table}\n<!-- conformance:end -->`));
console.log(table);
