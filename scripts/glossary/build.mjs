#!/usr/bin/env node
// npm run glossary:build — writes the compiled index to .output/glossary.json for inspection.
// The extension build compiles it itself (wxt.config.ts hook), so nothing generated is committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { compileGlossary } from './compile.mjs';

const { index, errors } = compileGlossary();
if (errors.length) {
  for (const e of errors) console.error(`error: ${e}`);
  process.exit(1);
}
mkdirSync('.output', { recursive: true });
const json = JSON.stringify(index);
writeFileSync('.output/glossary.json', json);
console.log(`${index.count} entries, ${index.forms.length} forms, ${(json.length / 1024).toFixed(0)} KiB`);
