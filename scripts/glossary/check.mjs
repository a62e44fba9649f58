#!/usr/bin/env node
// npm run glossary:check [-- --file assets/glossary/x.json]  (with --file, related ids in other files are not required)
import { listSourceFiles, loadFiles, checkGlossary } from './lib.mjs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const fileIdx = args.indexOf('--file');
const files = fileIdx >= 0 ? [resolve(args[fileIdx + 1])] : listSourceFiles();
const { errors, warnings, entries } = checkGlossary(loadFiles(files), { crossFile: fileIdx < 0 });
for (const w of warnings) console.warn(`warning: ${w}`);
for (const e of errors) console.error(`error: ${e}`);
console.log(`${entries.length} entries in ${files.length} file(s); ${errors.length} error(s), ${warnings.length} warning(s)`);
process.exit(errors.length ? 1 : 0);
