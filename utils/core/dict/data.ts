// Reads the compiled dictionary (scripts/dict/build.mjs): an index (metadata, character folding) and
// shards by the first character of the key, each loaded only when a lookup needs it. A shard stays
// one string; only the start of each line is indexed, and a lookup is a binary search on keys.
// Pure: no DOM, no extension APIs; whoever holds a Dict fetches the shards it asks for.
import { folderFrom } from '../annotate/fold';

export const DICT_FORMAT = 2;
/** How many shards the build writes; the index says so too, this lets a reader guess before it has the index. */
export const DICT_SHARDS = 256;

export interface DictHeader {
  format: number;
  source: string;
  license: string;
  url: string;
  /** Snapshot date of the source, YYYY-MM-DD. */
  date: string;
  package: string;
  entries: number;
  lines: number;
  /** The longest key, in UTF-16 units: no lookup needs to try a longer string. */
  maxKeyLength: number;
  shards: number;
  /** Lines in each shard, to tell a complete shard from a truncated one. */
  shardLines: number[];
  /** Folding pairs as consecutive UTF-16 units: from, to, from, to… */
  fold: string;
}

/** One CC-CEDICT entry as compiled: CC-CEDICT's own text, formatted only when shown. */
export interface RawEntry {
  simplified: string;
  traditional: string;
  /** Numbered pinyin as in CC-CEDICT ("zhuo2 li4", "lu:4", "Li3"). */
  pinyin: string;
  definitions: string[];
  /** Measure words in CC-CEDICT's syntax ("個|个[ge4],件[jian4]"), or ''. */
  classifiers: string;
}

export class DictFormatError extends Error {}

/** A lookup touched a shard nobody loaded: a bug in the caller, never an empty answer. */
export class DictShardMissing extends Error {
  constructor(readonly shard: number) {
    super(`dictionary: shard ${shard} is not loaded`);
  }
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

export function decodeHeader(x: unknown): DictHeader {
  const h = isObj(x) ? x : {};
  const ok =
    h.format === DICT_FORMAT &&
    ['date', 'source', 'license', 'url', 'package', 'fold'].every((k) => typeof h[k] === 'string') &&
    ['entries', 'lines', 'maxKeyLength', 'shards'].every((k) => Number.isInteger(h[k]) && (h[k] as number) > 0) &&
    Array.isArray(h.shardLines) &&
    h.shardLines.length === h.shards &&
    h.shardLines.every((n) => Number.isInteger(n) && n >= 0) &&
    (h.fold as string).length % 2 === 0;
  if (!ok) throw new DictFormatError('dictionary: unknown index format');
  return h as unknown as DictHeader;
}

/** The shard a key lives in (the build files keys by the same rule). */
export const shardOf = (key: string, shards: number): number => key.charCodeAt(0) % shards;

interface Shard {
  text: string;
  starts: Uint32Array;
}

function decodeShard(text: string, lines: number, n: number): Shard {
  const starts = new Uint32Array(lines + 1);
  let count = 0;
  let at = 0;
  while (at < text.length && count < lines) {
    starts[count++] = at;
    const end = text.indexOf('\n', at);
    if (end < 0) break;
    at = end + 1;
  }
  // A truncated or half-written file must not pass for a smaller dictionary.
  if (count !== lines || at !== text.length) throw new DictFormatError(`dictionary: shard ${n} has ${count} of ${lines} lines${at !== text.length ? ' or trailing data' : ''}`);
  starts[count] = text.length;
  return { text, starts };
}

function entryOf(s: Shard, i: number): RawEntry {
  const f = s.text.slice(s.starts[i]!, s.starts[i + 1]! - 1).split('\t');
  const simplified = f[1] || f[0] || '';
  return {
    simplified,
    traditional: f[2] || simplified,
    pinyin: f[3] ?? '',
    definitions: f[4] ? f[4].split('/') : [],
    classifiers: f[5] ?? '',
  };
}

function entriesIn(s: Shard, key: string): RawEntry[] {
  const count = s.starts.length - 1;
  const keyAt = (i: number) => s.text.slice(s.starts[i]!, s.text.indexOf('\t', s.starts[i]!));
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyAt(mid) < key) lo = mid + 1;
    else hi = mid;
  }
  const out: RawEntry[] = [];
  for (let i = lo; i < count && keyAt(i) === key; i++) out.push(entryOf(s, i));
  return out;
}

export class Dict {
  readonly header: DictHeader;
  /** Folds Traditional, Taiwan and Hong Kong forms to the script keys are written in. */
  readonly fold: (s: string) => string;
  private readonly shards = new Map<number, Shard>();

  constructor(header: DictHeader) {
    this.header = header;
    const pairs: [string, string][] = [];
    for (let i = 0; i < header.fold.length; i += 2) pairs.push([header.fold[i]!, header.fold[i + 1]!]);
    this.fold = folderFrom(pairs);
  }

  get maxKeyLength(): number {
    return this.header.maxKeyLength;
  }

  /** Checks and keeps a shard's text. Throws DictFormatError when it is incomplete. */
  addShard(n: number, text: string): void {
    if (!Number.isInteger(n) || n < 0 || n >= this.header.shards) throw new DictFormatError(`dictionary: no shard ${n}`);
    this.shards.set(n, decodeShard(text, this.header.shardLines[n]!, n));
  }

  hasShard(n: number): boolean {
    return this.shards.has(n);
  }

  /** The shards not loaded yet that words starting at any character of `text` live in. */
  missingShards(text: string): number[] {
    const folded = this.fold(text);
    const out = new Set<number>();
    for (let i = 0; i < folded.length; i++) {
      const n = shardOf(folded.slice(i, i + 1), this.header.shards);
      if (!this.shards.has(n)) out.add(n);
    }
    return [...out];
  }

  /** The entries filed under `key` (already folded), in the compiled order. */
  entriesOf(key: string): RawEntry[] {
    if (!key) return [];
    const n = shardOf(key, this.header.shards);
    const s = this.shards.get(n);
    if (!s) throw new DictShardMissing(n);
    return entriesIn(s, key);
  }

  has(key: string): boolean {
    return this.entriesOf(key).length > 0;
  }
}

/** A whole dictionary in memory (tests, tools): the index and every shard. */
export function dictFrom(index: unknown, shard: (n: number) => string): Dict {
  const d = new Dict(decodeHeader(index));
  for (let n = 0; n < d.header.shards; n++) d.addShard(n, shard(n));
  return d;
}
