#!/usr/bin/env node
// npm run glossary:check [-- --file assets/glossary/x.json] [-- --quiet]
// Validates the sources, then reports coverage: entries per category, unofficial English, and the
// seed report's terms as the extension's own matcher finds them in the seed fixture.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { listSourceFiles, loadFiles, checkGlossary } from './lib.mjs';
import { compileGlossary } from './compile.mjs';
import { TermMatcher } from '../../utils/core/glossary/matcher.ts';
import { frequentPolicyTerms, quotedCoverage, termsCoverage } from '../../utils/core/glossary/coverage.ts';
import { packFormIndex } from '../../utils/core/glossary/form-index.ts';
import { loadExclusions } from './lib.mjs';

const args = process.argv.slice(2);
const fileIdx = args.indexOf('--file');
if (fileIdx >= 0) {
  const { errors, warnings, entries } = checkGlossary(loadFiles([resolve(args[fileIdx + 1])]), { crossFile: false });
  for (const w of warnings) console.warn(`warning: ${w}`);
  for (const e of errors) console.error(`error: ${e}`);
  console.log(`${entries.length} entries in 1 file(s); ${errors.length} error(s), ${warnings.length} warning(s)`);
  process.exit(errors.length ? 1 : 0);
}

const files = listSourceFiles();
const { errors, warnings, entries } = checkGlossary(loadFiles(files));
const { index, errors: compileErrors } = compileGlossary(files);
for (const e of compileErrors) if (!errors.includes(e)) errors.push(e);

// Every seed term must be a form of some entry.
const seed = JSON.parse(readFileSync('tests/fixtures/seed-terms.json', 'utf8')).terms;
const formMap = new Map(index.forms);
const missing = seed.filter((t) => !formMap.has(t));
for (const t of missing) errors.push(`seed term ${t} is not in the glossary`);

const html = readFileSync('tests/fixtures/seed-report.html', 'utf8');
const pageText = html.replace(/<(script|style)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, '');
const matcher = new TermMatcher(index.forms, index.blockers);
const found = new Set(matcher.match(pageText).map((m) => m.entry));
const seedFound = seed.filter((t) => formMap.has(t) && found.has(formMap.get(t)));
const seedAbsent = seed.filter((t) => formMap.has(t) && !found.has(formMap.get(t)));

// Coverage over the national corpus (State Council work reports 2010–2025, Party congress reports 16–20):
// quoted shorthand in ≥ 2 documents must be covered by a form or excluded with a reason.
const QUOTED_BAR = 0.95;
const corpus = readFileSync('tests/fixtures/national-reports.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const texts = corpus.map((d) => d.text);
const exclusions = loadExclusions();
errors.push(...exclusions.errors);
const formSet = new Set(formMap.keys());
const quoted = quotedCoverage(texts, matcher, formSet, exclusions.reasons);
const stale = [...exclusions.reasons.keys()].filter((t) => quoted.covered.some((c) => c.term === t));
for (const t of stale) warnings.push(`coverage-exclusions.json: "${t}" is covered by the glossary now; drop the exclusion`);
if (quoted.share < QUOTED_BAR)
  errors.push(`quoted shorthand coverage ${(quoted.share * 100).toFixed(1)}% is below ${QUOTED_BAR * 100}%: cover or exclude the uncovered terms listed above`);
const FORMS_BUDGET = 150 * 1024;
const formsBytes = Buffer.byteLength(JSON.stringify(packFormIndex(index)));
if (formsBytes > FORMS_BUDGET) errors.push(`forms sent to a page: ${(formsBytes / 1024).toFixed(1)} KiB, over the ${FORMS_BUDGET / 1024} KiB budget`);
const frequent = frequentPolicyTerms(texts);
const frequentCov = termsCoverage(frequent.map((t) => t.term), matcher, formSet);

const perCategory = {};
for (const e of entries) perCategory[e.category] = (perCategory[e.category] ?? 0) + 1;
const unofficial = entries.filter((e) => !e.official).length;
const bytes = Buffer.byteLength(JSON.stringify(index));

if (!args.includes('--quiet')) {
  console.log('Glossary report');
  console.log('  entries per category:');
  for (const [c, n] of Object.entries(perCategory).sort()) console.log(`    ${c.padEnd(24)} ${n}`);
  console.log(`  entries: ${entries.length}; official English: ${entries.length - unofficial}; ours/unofficial: ${unofficial}`);
  console.log(`  compiled index: ${index.forms.length} forms, ${index.blockers.length} blockers, ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(`  distinct glossary entries the matcher finds in the seed fixture: ${found.size}`);
  console.log(`  seed terms found in the seed fixture: ${seedFound.length}/${seed.length}`);
  if (seedAbsent.length) console.log(`  seed terms in the glossary but not written that way on the seed page: ${seedAbsent.join('、')}`);
  console.log(`  forms sent to a page: ${(formsBytes / 1024).toFixed(1)} KiB, filed by their first two characters (budget ${FORMS_BUDGET / 1024} KiB)`);
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  console.log(`  corpus: ${corpus.length} documents, ${texts.reduce((n, t) => n + t.length, 0)} characters (tests/fixtures/national-reports.jsonl)`);
  console.log(
    `  quoted shorthand in ≥2 documents: ${quoted.total}; glossary covers ${quoted.covered.length} (${pct(quoted.glossaryShare)}), ` +
      `excluded ${quoted.excluded.length}; covered or excluded ${pct(quoted.share)} (bar ${pct(QUOTED_BAR)})`,
  );
  const how = {};
  for (const c of quoted.covered) how[c.how] = (how[c.how] ?? 0) + 1;
  console.log(`    covered as: ${Object.entries(how).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`    uncovered (${quoted.uncovered.length}): ${quoted.uncovered.map((q) => `${q.term}(${q.docs.length})`).join(' ') || 'none'}`);
  console.log(
    `  frequent policy terms (suffix-ended runs in ≥3 documents, utils/core/glossary/coverage.ts): ${frequent.length}; ` +
      `glossary covers ${frequentCov.covered.length} (${pct(frequentCov.share)})`,
  );
  if (args.includes('--verbose')) console.log(`    not covered: ${frequentCov.uncovered.join(' ')}`);
}
for (const w of warnings) console.warn(`warning: ${w}`);
for (const e of errors) console.error(`error: ${e}`);
if (entries.length < 400) errors.push(`only ${entries.length} entries; at least 400 expected`);
console.log(`${entries.length} entries in ${files.length} file(s); ${errors.length} error(s), ${warnings.length} warning(s)`);
process.exit(errors.length ? 1 : 0);
