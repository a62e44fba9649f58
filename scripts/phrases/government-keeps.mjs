#!/usr/bin/env node
// Derives `governmentKeeps` in assets/phrases/mainland-taiwan.json: the entries of OpenCC's Taiwan
// phrase table (TWPhrasesRev, Taiwan word → mainland word) whose reversal mainland government prose
// does not want. An entry is kept back when, in mainland government text, the Taiwan word (in
// Simplified) is used at least as often as the mainland word it would become: 核心 (thousands of
// times) over 内核 (never). The counts come from the training half of the corpus (State Council
// reports of odd years and Party congress reports 16–18); the bench measures on all documents and
// reports the held-out ones apart.
// Usage: node scripts/phrases/government-keeps.mjs [corpus.jsonl]
import { readFileSync, writeFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { readDict } from '../opencc/dicts.mjs';

const corpus = process.argv[2] ?? '../shared/corpus/national-reports.jsonl';
export const isTraining = (d) => (d.kind === 'government-work-report' ? d.year % 2 === 1 : d.congress <= 18);
const docs = readFileSync(corpus, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const text = docs.filter(isTraining).map((d) => d.text).join('\n');
const s2twp = OpenCC.Converter({ from: 'cn', to: 'twp' });
const converted = s2twp(text);
const count = (w, t = text) => {
  let n = 0;
  for (let i = t.indexOf(w); i >= 0; i = t.indexOf(w, i + w.length)) n++;
  return n;
};
const t2s = OpenCC.Converter({ from: 't', to: 'cn' });
const verbose = process.argv.includes('--verbose');
const keeps = [];
for (const line of readDict('TWPhrasesRev').split('|')) {
  const [tw, cn] = line.split(' ');
  const twInSimplified = t2s(tw);
  const target = t2s(cn);
  if (twInSimplified === target) continue;
  // a: the Taiwan word as mainland prose itself uses it; made: how often s2twp produced it from
  // something else. Reversing it fixes `made` occurrences and breaks `a`.
  const a = count(twInSimplified);
  const made = Math.max(0, count(tw, converted) - a);
  if (verbose && (a || made)) console.log(tw, cn, 'genuine', a, 'made', made);
  if (a > 0 && a >= made) keeps.push(tw);
}
const path = 'assets/phrases/mainland-taiwan.json';
const table = JSON.parse(readFileSync(path, 'utf8'));
table.governmentKeeps = keeps;
writeFileSync(path, JSON.stringify(table, null, 2) + '\n');
console.log(`${keeps.length} entries kept back: ${keeps.join(' ')}`);
