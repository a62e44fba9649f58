#!/usr/bin/env node
// npm run glossary:check [-- --file assets/glossary/x.json] [-- --quiet]
// Validates the sources, then reports coverage: entries per category, unofficial English, and the
// seed report's terms as the extension's own matcher finds them in the seed fixture.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { listSourceFiles, loadFiles, checkGlossary } from './lib.mjs';
import { compileGlossary } from './compile.mjs';
import { TermMatcher } from '../../utils/core/glossary/matcher.ts';

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
}
for (const w of warnings) console.warn(`warning: ${w}`);
for (const e of errors) console.error(`error: ${e}`);
if (entries.length < 400) errors.push(`only ${entries.length} entries; at least 400 expected`);
console.log(`${entries.length} entries in ${files.length} file(s); ${errors.length} error(s), ${warnings.length} warning(s)`);
process.exit(errors.length ? 1 : 0);
