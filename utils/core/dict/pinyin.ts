// CC-CEDICT's numbered pinyin ("lu:4 shi1", "na3 r5", "Bei3 jing1") to pinyin with tone marks, with
// syllables joined into words as GB/T 16159 (Basic rules of the Chinese phonetic alphabet orthography)
// asks, as far as the dictionary lets us tell where words are:
// - proper names: a capitalised syllable starts a word (Máo Zédōng, Zhōnghuá Rénmín Gònghéguó);
// - up to three syllables: one word (gǒnggù, zìxíngchē);
// - four syllables marked "(idiom)": two halves joined by a hyphen (yīmǎ-dāngxiān, rule 6.4.5);
// - longer headwords: split into the dictionary words they are made of when we can tell (xíngzhèng
//   fùyì, wèi rénmín fúwù), otherwise CC-CEDICT's syllable spacing is kept, since it gives no word boundaries;
// - erhua "r5" joins the syllable before it (nǎr); "'" separates a syllable starting with a, o or e
//   inside a word (Xī'ān); tone 5 (neutral) has no mark; "u:" and "v" are ü.
// Pure: no DOM, no extension APIs.

const MARKS = ['', '\u0304', '\u0301', '\u030c', '\u0300'];
const SYLLABLE = /^([A-Za-z]*(?:[Uu]:|[Vv]|[Ee]\^)?[A-Za-z]*)([1-5])$/;

/** Where the tone mark goes: a or e; else the o of "ou"; else the last vowel; else a syllabic m or n. */
function markIndex(body: string): number {
  const lower = body.toLowerCase();
  const ae = lower.search(/[ae]/);
  if (ae >= 0) return ae;
  const ou = lower.indexOf('ou');
  if (ou >= 0) return ou;
  for (let i = lower.length - 1; i >= 0; i--) if ('iouüê'.includes(lower[i]!)) return i;
  const mn = lower.search(/[mn]/);
  return mn;
}

/** One numbered syllable ("lu:3", "Zhuo2", "r5") with its tone mark; anything else is returned as is. */
export function markSyllable(syllable: string): string {
  const m = SYLLABLE.exec(syllable);
  if (!m) return syllable;
  const body = m[1]!.replace(/u:|v/g, 'ü').replace(/U:|V/g, 'Ü').replace(/e\^/g, 'ê').replace(/E\^/g, 'Ê');
  const tone = Number(m[2]);
  if (tone === 5) return body;
  const at = markIndex(body);
  if (at < 0) return body;
  return (body.slice(0, at + 1) + MARKS[tone] + body.slice(at + 1)).normalize('NFC');
}

interface Token {
  text: string;
  /** A pinyin syllable (it had a tone number), as opposed to a letter, digit or punctuation. */
  syllable: boolean;
  capital: boolean;
  raw: string;
}

export interface PinyinOptions {
  /** The headword, one character per syllable, to find the words a long headword is made of. */
  headword?: string;
  /** Whether a string of Han characters is a dictionary word. */
  isWord?: (han: string) => boolean;
  /** The entry is an idiom (成语): four syllables are written as two hyphenated halves. */
  idiom?: boolean;
}

function tokens(pinyin: string): Token[] {
  const out: Token[] = [];
  for (const raw of pinyin.trim().split(/\s+/)) {
    if (!raw) continue;
    const syllable = SYLLABLE.test(raw);
    // Erhua is a suffix, not a syllable of its own.
    if (syllable && /^r5$/i.test(raw) && out.length && out[out.length - 1]!.syllable) {
      const prev = out[out.length - 1]!;
      prev.text += 'r';
      prev.raw += ' ' + raw;
      continue;
    }
    out.push({ text: syllable ? markSyllable(raw) : raw, syllable, capital: /^[A-Z]/.test(raw), raw });
  }
  return out;
}

/** Joins syllables into one word, with "'" before a syllable starting with a, o or e. */
function joinWord(ts: Token[]): string {
  let out = '';
  ts.forEach((t, i) => {
    if (i > 0 && t.syllable && /^[aoeāáǎàōóǒòēéěèAOE]/.test(t.text)) out += "'";
    out += t.text;
  });
  return out;
}

/** Splits a run of syllables into words: lengths that sum to the run. */
function wordLengths(run: Token[], opts: PinyinOptions, whole: boolean): number[] {
  const n = run.length;
  if (run.slice(1).some((t) => t.capital)) {
    const lens: number[] = [];
    run.forEach((t, i) => {
      if (i === 0 || t.capital) lens.push(1);
      else lens[lens.length - 1]!++;
    });
    return lens;
  }
  if (n <= 3) return [n];
  if (whole && n === 4 && opts.idiom) return [2, 2];
  const head = whole && opts.headword ? [...opts.headword] : null;
  if (head && head.length === n && opts.isWord) {
    // Backward maximum matching: for Chinese it splits better than forward (为|人民|服务, not 为人|民|服务).
    const lens: number[] = [];
    let end = n;
    while (end > 0) {
      let len = 1;
      for (let l = Math.min(4, end - (end === n ? 1 : 0)); l >= 2; l--)
        if (opts.isWord(head.slice(end - l, end).join(''))) {
          len = l;
          break;
        }
      lens.unshift(len);
      end -= len;
    }
    // Nothing but single characters: the dictionary cannot tell the words apart.
    if (lens.some((l) => l > 1)) return lens;
  }
  return run.map(() => 1);
}

/** Numbered pinyin → pinyin with tone marks, syllables joined into words (see the rules above). */
export function formatPinyin(pinyin: string, opts: PinyinOptions = {}): string {
  const ts = tokens(pinyin);
  // Runs of syllables between punctuation, letters and digits ("san1 D da3 yin4", "… , …").
  const runs: (Token[] | Token)[] = [];
  for (const t of ts) {
    if (t.syllable) {
      const last = runs[runs.length - 1];
      if (Array.isArray(last)) last.push(t);
      else runs.push([t]);
    } else runs.push(t);
  }
  const whole = runs.length === 1;
  const parts: string[] = [];
  for (const r of runs) {
    if (!Array.isArray(r)) {
      if (r.text === ',' || r.text === '，') parts[parts.length - 1] = (parts[parts.length - 1] ?? '') + ',';
      else if (r.text === '·' || r.text === '・') parts[parts.length - 1] = (parts[parts.length - 1] ?? '') + '·';
      else parts.push(r.text);
      continue;
    }
    const lens = wordLengths(r, opts, whole);
    let i = 0;
    for (const len of lens) {
      const word = joinWord(r.slice(i, i + len));
      const prev = parts[parts.length - 1];
      // A word after "·" is part of the same name: Kǎ'ěr·Mǎkèsī.
      if (prev !== undefined && prev.endsWith('·')) parts[parts.length - 1] = prev + word;
      else parts.push(word);
      i += len;
    }
    if (whole && opts.idiom && r.length === 4 && lens.length === 2 && !r.slice(1).some((t) => t.capital)) return parts.join('-');
  }
  return parts.join(' ');
}
