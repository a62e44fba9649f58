#!/usr/bin/env node
// npm run conformance — OpenCC's own test cases, per config: how many opencc-js 1.4.2 passes, how
// many our pipeline passes (each input split into three parts, as text split across inline elements,
// converted as one text and written back part by part), and on how many the two agree (all, or the
// script fails). The same through the DOM, for every mode, is tests/unit/convert-page.test.ts.
// Toward Simplified, our mainland-wording layer (government profile) is reported apart.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { ConverterCache, specFor } from '../utils/core/convert/converters.ts';
import { DICT_NAMES, OPENCC_CONFIGS } from '../utils/core/convert/modes.ts';
import { readDict } from './opencc/dicts.mjs';

const cases = JSON.parse(readFileSync('tests/fixtures/opencc-testcases.json', 'utf8')).cases;
const dicts = Object.fromEntries(DICT_NAMES.map((n) => [n, readDict(n)]));
const cache = new ConverterCache(async () => dicts);
const PAIRS = {
  s2t: ['cn', 't', 'zh-Hant from Simplified'], s2twp: ['cn', 'twp', 'zh-TW from Simplified'], s2hk: ['cn', 'hk', 'zh-HK from Simplified'],
  tw2sp: ['twp', 'cn', 'zh-Hans from Traditional'], tw2t: ['tw', 't', 'zh-Hant from Traditional'], t2tw: ['t', 'tw', 'zh-TW from Traditional'],
  t2hk: ['t', 'hk', 'zh-HK from Traditional (after tw2t)'], s2tw: ['cn', 'tw', '—'], tw2s: ['tw', 'cn', '—'], t2s: ['t', 'cn', '—'], hk2s: ['hk', 'cn', '—'], hk2t: ['hk', 't', '—'],
};
const split3 = (s) => {
  const c = [...s];
  return [c.slice(0, 2).join(''), c.slice(2, 3).join(''), c.slice(3).join('')];
};
const rows = [];
let mismatches = 0;
for (const [config, [from, to, mode]] of Object.entries(PAIRS)) {
  if (!(config in OPENCC_CONFIGS)) throw new Error(`no config ${config}`);
  const ref = OpenCC.Converter({ from, to });
  const ours = await cache.get({ configs: [config] });
  const relevant = cases.filter((c) => c.expected[config] !== undefined);
  const openccPass = relevant.filter((c) => ref(c.input) === c.expected[config]).length;
  const pagePass = relevant.filter((c) => ours.convertParts(split3(c.input)).join('') === c.expected[config]).length;
  const same = cases.filter((c) => ours.convertParts(split3(c.input)).join('') === ref(c.input)).length;
  mismatches += cases.length - same;
  let layer = '—';
  if (config === 'tw2sp') {
    const gov = await cache.get(specFor('zh-Hans', 'traditional', 'government'));
    layer = String(relevant.filter((c) => gov.convertParts(split3(c.input)).join('') === c.expected[config]).length);
  }
  rows.push({ config, mode, cases: relevant.length, openccPass, pagePass, same: `${same}/${cases.length}`, layer });
}
mkdirSync('bench', { recursive: true });
writeFileSync('bench/conformance.json', JSON.stringify({ date: new Date().toISOString(), opencc: '1.4.2', rows }, null, 2) + '\n');
const table = [
  '| OpenCC config | our mode | cases | opencc-js 1.4.2 passes | our page pipeline passes | pipeline = opencc-js (all inputs) | with our mainland layer |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.config} | ${r.mode} | ${r.cases} | ${r.openccPass} | ${r.pagePass} | ${r.same} | ${r.layer} |`),
].join('\n');
const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', readme.replace(/<!-- conformance:start -->[\s\S]*<!-- conformance:end -->/, `<!-- conformance:start -->\n${table}\n<!-- conformance:end -->`));
console.log(table);
if (mismatches) {
  console.error(`${mismatches} inputs where our pipeline differs from opencc-js`);
  process.exit(1);
}
