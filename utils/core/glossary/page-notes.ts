// The page's own notes: a report's 名词解释 / 注释 section that defines its shorthand.
// Pure: takes the page's blocks as plain strings, in reading order; no DOM, no extension APIs.

export interface PageNote {
  /** the term as the notes write it, without quotes */
  term: string;
  /** the page's own definition, as written */
  definition: string;
  /** index of the block holding the item */
  blockIndex: number;
}

const NOTES_WORD = String.raw`(?:名[词詞](?:解[释釋]|[注註][释釋]|[释釋][义義]|[说說]明)|[注註][释釋]|附[注註]|[注註])`;
/** A notes heading, alone or followed by the first item: 名词解释 / 【名词注释】 / 附：名词解释 / 注： */
const HEADING = new RegExp(
  String.raw`^[【\[［(（]?\s*(?:附(?:件)?\s*[：:]?\s*)?(?:本报告)?(?:有关|相关|部分)?${NOTES_WORD}(?:如下)?\s*[】\]］)）]?\s*[：:]?\s*`,
);
const NUMBER = String.raw`(?:(\d{1,3})\s*[.．、]|[（(](\d{1,3})[）)]|[［\[【](\d{1,3})[］\]】])`;
const TERM = String.raw`(?:“([^”]{1,30})”|「([^」]{1,30})」|‘([^’]{1,30})’|([^\s：:“”「」，。；,;]{1,30}?))`;
/** 1.“某某”：是指…… / ［1］某某：…… / （2）某某：…… — a number, a term, a full-width colon, a definition. */
const NUMBERED_ITEM = new RegExp(String.raw`^\s*${NUMBER}\s*${TERM}\s*：\s*(\S.*)$`, 's');
/** Under a heading, items may be unnumbered if the term is quoted: “某某”：是指…… */
const PLAIN_ITEM = new RegExp(String.raw`^\s*${TERM}\s*：\s*(\S.*)$`, 's');
/** The next item inside the same block: a number right after sentence-ending punctuation or a line break. */
const SPLIT = /(?<=[。；;！!？?\n])\s*(?=(?:\d{1,3}\s*[.．、]|[（(]\d{1,3}[）)]|[［\[【]\d{1,3}[］\]】])\s*(?:“|「|‘|[^\s：:“”「」，。；,;]{1,30}?\s*：))/u;

const FIRST_FOOTNOTE = /^[［\[【]1[］\]】]/;
/**
 * Every character a trimmed block can start with and still be a notes heading (HEADING) or a first
 * footnote (FIRST_FOOTNOTE): any other block is passed over without running either (a long page has
 * thousands of blocks, and this runs on every page load, before the glossary is matched).
 */
const MAY_START_NOTES = '【[［(（附本有相部名注註';

interface Item {
  n: number | null;
  term: string;
  definition: string;
  bracketed: boolean;
}

function parseItem(text: string, numbered: boolean): Item | null {
  const m = (numbered ? NUMBERED_ITEM : PLAIN_ITEM).exec(text);
  if (!m) return null;
  const g = numbered ? m.slice(1) : [undefined, undefined, undefined, ...m.slice(1)];
  const n = g[0] ?? g[1] ?? g[2];
  const quoted = g[3] ?? g[4] ?? g[5];
  const term = (quoted ?? g[6] ?? '').trim();
  const definition = (g[7] ?? '').trim();
  // A term is a name, not a clause; a definition says something.
  if (!term || !/\p{Script=Han}/u.test(term) || /[，。；、]/.test(term) || definition.length < 4) return null;
  // Unnumbered, only a quoted term is safe to take: 附件：…, 联系人：… are not notes.
  if (!numbered && quoted === undefined) return null;
  return { n: n === undefined ? null : Number(n), term, definition, bracketed: g[2] !== undefined };
}

/** Items of one block: a block may hold several (1.…。2.…。) or a single one. */
function itemsOf(text: string, numbered: boolean): Item[] | null {
  const parts = text.split(SPLIT).filter((p) => p.trim());
  const items: Item[] = [];
  for (const p of parts) {
    const it = parseItem(p, numbered) ?? (numbered ? null : parseItem(p, true));
    if (!it) return null;
    items.push(it);
  }
  return items.length ? items : null;
}

/** Item numbers must run 1, 2, 3 … (or be absent throughout): a list that restarts or skips is not notes. */
function consecutive(items: readonly Item[]): boolean {
  if (items.every((i) => i.n === null)) return true;
  return items.every((i, k) => i.n === k + 1);
}

const toNotes = (found: { item: Item; block: number }[]): PageNote[] =>
  found.map(({ item, block }) => ({ term: item.term, definition: item.definition, blockIndex: block }));

/** A section under a notes heading at `h`; the heading block may carry the first items. */
function sectionAfter(blocks: readonly string[], h: number, rest: string): { item: Item; block: number }[] {
  const found: { item: Item; block: number }[] = [];
  if (rest.trim()) {
    const first = itemsOf(rest, true) ?? itemsOf(rest, false);
    if (!first) return [];
    for (const item of first) found.push({ item, block: h });
  }
  let lead = found.length ? 0 : 1; // one line of introduction (以下为本报告名词解释：) may precede the items
  for (let b = h + 1; b < blocks.length; b++) {
    const text = blocks[b]!;
    if (!text.trim()) continue;
    const items = itemsOf(text, true) ?? itemsOf(text, false);
    if (!items) {
      if (!found.length && lead-- > 0) continue;
      break;
    }
    for (const item of items) found.push({ item, block: b });
  }
  return consecutive(found.map((f) => f.item)) ? found : [];
}

/**
 * The page's notes, or [] when it has none. A section is a notes heading (名词解释, 名词注释, 注释, 注 …,
 * Simplified or Traditional) followed by items that each give a term and a full-width colon; items may
 * be numbered 1. / （1） / ［1］ or, under a heading, unnumbered with the term in quotes. Without a heading, only footnote-style
 * items ［1］某某：… count, at least two in a row numbered from 1. Ordinary numbered lists have no
 * term-and-colon items or no heading, and numbering that does not run 1, 2, 3 breaks a section.
 */
export function parsePageNotes(blocks: readonly string[]): PageNote[] {
  const notes: PageNote[] = [];
  const seen = new Set<string>();
  const add = (found: { item: Item; block: number }[]) => {
    for (const n of toNotes(found)) {
      if (seen.has(n.term)) continue;
      seen.add(n.term);
      notes.push(n);
    }
  };
  for (let b = 0; b < blocks.length; b++) {
    const text = blocks[b]!.trim();
    if (!MAY_START_NOTES.includes(text.charAt(0)) || !text) continue;
    const h = HEADING.exec(text);
    // A heading is short on its own; a longer block only counts when items follow the heading word.
    if (h && (text.length - h[0].length === 0 ? text.length <= 16 : /[：:]\s*$/.test(h[0]))) {
      const found = sectionAfter(blocks, b, text.slice(h[0].length));
      if (found.length) {
        add(found);
        b = found[found.length - 1]!.block;
        continue;
      }
    }
    // Footnotes without a heading: ［1］某某：… ［2］某某：…
    if (!FIRST_FOOTNOTE.test(text)) continue;
    const items = itemsOf(text, true);
    if (items && items[0]!.bracketed && items[0]!.n === 1) {
      const run: { item: Item; block: number }[] = items.map((item) => ({ item, block: b }));
      let e = b + 1;
      for (; e < blocks.length; e++) {
        const more = blocks[e]!.trim() ? itemsOf(blocks[e]!, true) : [];
        if (!more || (more.length && !more[0]!.bracketed)) break;
        for (const item of more) run.push({ item, block: e });
      }
      if (run.length >= 2 && consecutive(run.map((r) => r.item))) {
        add(run);
        b = e - 1;
      }
    }
  }
  return notes;
}
