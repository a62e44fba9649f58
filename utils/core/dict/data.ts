// Reads the compiled dictionary (scripts/dict/build.mjs) without parsing it: the text stays one string,
// and only the start of each line is indexed, so loading costs one pass over the text (a few ms for
// 124 k entries) and a lookup is a binary search on keys. Pure: no DOM, no extension APIs.
import { folderFrom } from '../../annotate/fold';

export const DICT_FORMAT = 1;

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

export interface DictData {
  header: DictHeader;
  /** Folds Traditional, Taiwan and Hong Kong forms to the script keys are written in. */
  fold: (s: string) => string;
  /** The longest key, in UTF-16 units: no lookup needs to try a longer string. */
  maxKeyLength: number;
  readonly count: number;
  /** The entry lines whose key equals `key` (already folded), in the compiled order. */
  linesFor(key: string): number[];
  entry(line: number): RawEntry;
}

export class DictFormatError extends Error {}

function isHeader(x: unknown): x is DictHeader {
  if (typeof x !== 'object' || x === null) return false;
  const h = x as Record<string, unknown>;
  return (
    h.format === DICT_FORMAT &&
    typeof h.date === 'string' &&
    typeof h.source === 'string' &&
    typeof h.license === 'string' &&
    typeof h.url === 'string' &&
    typeof h.package === 'string' &&
    Number.isInteger(h.entries) &&
    Number.isInteger(h.lines) &&
    Number.isInteger(h.maxKeyLength) &&
    typeof h.fold === 'string' &&
    h.fold.length % 2 === 0
  );
}

/** Indexes the compiled text. Throws DictFormatError when it is not a complete dictionary of our format. */
export function decodeDict(text: string): DictData {
  const first = text.indexOf('\n');
  if (first < 0) throw new DictFormatError('dictionary: no header line');
  let header: unknown;
  try {
    header = JSON.parse(text.slice(0, first));
  } catch {
    throw new DictFormatError('dictionary: header is not JSON');
  }
  if (!isHeader(header)) throw new DictFormatError('dictionary: unknown format');
  const starts = new Uint32Array(header.lines + 1);
  let n = 0;
  let at = first + 1;
  while (at < text.length && n < header.lines) {
    starts[n++] = at;
    const end = text.indexOf('\n', at);
    if (end < 0) break;
    at = end + 1;
  }
  // A truncated download or a half-written file must not pass for a smaller dictionary.
  if (n !== header.lines || at !== text.length || !text.endsWith('\n')) throw new DictFormatError(`dictionary: expected ${header.lines} lines, found ${n}${at !== text.length ? ' and trailing data' : ''}`);
  starts[n] = text.length;
  const pairs: [string, string][] = [];
  for (let i = 0; i < header.fold.length; i += 2) pairs.push([header.fold[i]!, header.fold[i + 1]!]);
  const fold = folderFrom(pairs);
  const count = n;

  const keyAt = (i: number) => text.slice(starts[i]!, text.indexOf('\t', starts[i]!));

  return {
    header,
    fold,
    maxKeyLength: header.maxKeyLength,
    count,
    linesFor(key: string): number[] {
      let lo = 0;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (keyAt(mid) < key) lo = mid + 1;
        else hi = mid;
      }
      const out: number[] = [];
      for (let i = lo; i < count && keyAt(i) === key; i++) out.push(i);
      return out;
    },
    entry(line: number): RawEntry {
      const f = text.slice(starts[line]!, starts[line + 1]! - 1).split('\t');
      const key = f[0] ?? '';
      const simplified = f[1] || key;
      return {
        simplified,
        traditional: f[2] || simplified,
        pinyin: f[3] ?? '',
        definitions: f[4] ? f[4].split('/') : [],
        classifiers: f[5] ?? '',
      };
    },
  };
}
