// OpenCC's dictionaries as the extension ships them: one text file per dictionary
// (`opencc/<Name>.txt`, opencc-js's own "key value|key value" form), fetched by the background
// only when a conversion needs it. Read from opencc-js's ESM modules, which are a single string
// literal each.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// The package's exports map hides package.json; its CommonJS entry (dist/umd/full.js) is two levels down.
const DICT_DIR = join(dirname(require.resolve('opencc-js')), '../esm-lib/dict');

export function readDict(name) {
  const src = readFileSync(join(DICT_DIR, `${name}.js`), 'utf8').trim();
  const m = /^export default (".*");?$/s.exec(src);
  if (!m) throw new Error(`opencc-js dictionary ${name} is not a single string literal`);
  return JSON.parse(m[1]);
}

/** [{ relativeDest, contents }] for WXT's build:publicAssets hook. */
export function dictAssets(names) {
  return names.map((name) => ({ relativeDest: `opencc/${name}.txt`, contents: readDict(name) }));
}
