// Coverage of a corpus's quoted shorthand (“放管服”) and frequent policy terms by the glossary's forms.
// Pure: no DOM, no extension APIs; glossary:check and the unit tests feed it text and a matcher.

/** A span the glossary's matcher found; only the positions matter here. */
export interface Span {
  start: number;
  end: number;
}

export interface SpanMatcher {
  match(text: string): Span[];
}

export interface QuotedTerm {
  term: string;
  /** indexes of the documents quoting it */
  docs: number[];
  /** occurrences over all documents */
  count: number;
}

export type CoveredHow = 'form' | 'inside' | 'context';

export interface CoverageReport {
  total: number;
  covered: { term: string; how: CoveredHow }[];
  excluded: { term: string; reason: string }[];
  uncovered: QuotedTerm[];
  /** (covered + excluded) / total; 1 when there is nothing to cover */
  share: number;
  /** covered / total, exclusions not counted */
  glossaryShare: number;
}

const HAN = /\p{Script=Han}/u;
/** A quote holding sentence punctuation is a quotation, not a term. */
const SENTENCE = /[，。；：！？,;:!?\s]/;
const QUOTED = /“([^“”]{2,24})”/g;

export interface QuoteOptions {
  /** least number of documents that must quote a term (2: “one-off phrases” drop out) */
  minDocs?: number;
  /** longest term in characters; longer quotes are slogans or sentences */
  maxLength?: number;
}

/** One entry per distinct quoted term, with where it was quoted. */
export function quotedTerms(texts: readonly string[], { minDocs = 2, maxLength = 16 }: QuoteOptions = {}): QuotedTerm[] {
  const found = new Map<string, QuotedTerm>();
  texts.forEach((text, doc) => {
    for (const m of text.matchAll(QUOTED)) {
      const term = m[1]!;
      if (term.length > maxLength || SENTENCE.test(term) || !HAN.test(term)) continue;
      let q = found.get(term);
      if (!q) found.set(term, (q = { term, docs: [], count: 0 }));
      q.count++;
      if (q.docs[q.docs.length - 1] !== doc) q.docs.push(doc);
    }
  });
  return [...found.values()].filter((q) => q.docs.length >= minDocs).sort((a, b) => b.docs.length - a.docs.length || b.count - a.count || (a.term < b.term ? -1 : 1));
}

/** Characters of `length` that the spans cover (spans may overlap). */
function coveredChars(spans: readonly Span[], length: number): number {
  const hit = new Uint8Array(length);
  for (const s of spans) for (let i = Math.max(0, s.start); i < Math.min(length, s.end); i++) hit[i] = 1;
  return hit.reduce((n, b) => n + b, 0);
}

/**
 * How a term counts as covered, or null. The rule, in order:
 * - form: the term is itself a glossary form;
 * - inside: the forms the matcher finds inside the term cover at least half its characters
 *   (“互联网+政务服务” by 互联网+, “两不愁三保障” by 两不愁 and 三保障);
 * - context: in some document, a match of the running text spans the whole quoted term, i.e. a longer
 *   form contains it as the page writes it (a form 放管服改革 written “放管服”改革 does not count, since
 *   quotes interrupt it; a form 碳达峰碳中和 around an unquoted 碳达峰 does).
 */
export function coveredHow(term: string, matcher: SpanMatcher, isForm: (s: string) => boolean, contexts: readonly Span[][] = []): CoveredHow | null {
  if (isForm(term)) return 'form';
  if (coveredChars(matcher.match(term), term.length) * 2 >= term.length) return 'inside';
  for (const spans of contexts) if (spans.some((s) => s.end - s.start > term.length)) return 'context';
  return null;
}

/** Matches of the running text that enclose each quoted occurrence of `term` (quotes excluded). */
function enclosingMatches(texts: readonly string[], matches: readonly Span[][], q: QuotedTerm): Span[][] {
  const out: Span[][] = [];
  const needle = `“${q.term}”`;
  for (const d of q.docs) {
    const text = texts[d]!;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      const start = at + 1;
      const end = start + q.term.length;
      const around = matches[d]!.filter((m) => m.start <= start && m.end >= end);
      if (around.length) out.push(around);
    }
  }
  return out;
}

/**
 * Quoted shorthand in ≥ minDocs documents: covered by the glossary, excluded with a reason, or uncovered.
 * `exclusions` maps a term to its one-line reason.
 */
export function quotedCoverage(
  texts: readonly string[],
  matcher: SpanMatcher,
  forms: ReadonlySet<string>,
  exclusions: ReadonlyMap<string, string>,
  options: QuoteOptions = {},
): CoverageReport {
  const terms = quotedTerms(texts, options);
  const matches = texts.map((t) => matcher.match(t));
  const covered: CoverageReport['covered'] = [];
  const excluded: CoverageReport['excluded'] = [];
  const uncovered: QuotedTerm[] = [];
  for (const q of terms) {
    const how = coveredHow(q.term, matcher, (s) => forms.has(s), enclosingMatches(texts, matches, q));
    if (how) covered.push({ term: q.term, how });
    else if (exclusions.has(q.term)) excluded.push({ term: q.term, reason: exclusions.get(q.term)! });
    else uncovered.push(q);
  }
  const total = terms.length;
  return {
    total,
    covered,
    excluded,
    uncovered,
    share: total ? (covered.length + excluded.length) / total : 1,
    glossaryShare: total ? covered.length / total : 1,
  };
}

/** Endings of policy terms: what a report names as a strategy, system, project or campaign. */
export const POLICY_SUFFIXES = [
  '战略', '改革', '制度', '体制', '机制', '体系', '工程', '行动', '计划', '规划', '政策', '试点', '示范区', '经济带',
  '经济圈', '新区', '攻坚战', '保卫战', '建设', '产业', '经济', '模式', '保障', '清单', '倡议',
] as const;

export interface FrequentTerm {
  term: string;
  docs: number;
  count: number;
}

/** Characters that begin or end no term: particles and conjunctions. */
const FUNCTION_CHAR = /[的和与及、是在对把将了也都并而或等]/;

/**
 * Frequent policy terms, found without the glossary:
 * 1. candidates are runs of 4–8 Han characters ending in a policy suffix (战略, 改革, 工程, …), not
 *    followed by another Han character that continues the word, and not starting with a particle;
 * 2. a candidate must occur in ≥ minDocs documents;
 * 3. its left edge must be a word boundary: preceded by punctuation in at least half of its occurrences,
 *    or by at least `minLeft` different characters none of which precedes half of them (国现代化建设,
 *    mostly preceded by 中, is not a term);
 * 4. a candidate that never occurs outside one longer candidate is dropped (结构性改革 inside
 *    供给侧结构性改革 counts only if it also stands alone).
 */
export function frequentPolicyTerms(texts: readonly string[], { minDocs = 3, minLength = 4, maxLength = 8, minLeft = 3 } = {}): FrequentTerm[] {
  interface Stat { docs: Set<number>; count: number; left: Map<string, number>; breaks: number }
  const stats = new Map<string, Stat>();
  texts.forEach((text, d) => {
    for (const suffix of POLICY_SUFFIXES) {
      for (let at = text.indexOf(suffix); at >= 0; at = text.indexOf(suffix, at + 1)) {
        const end = at + suffix.length;
        const next = text[end];
        if (next !== undefined && HAN.test(next) && !FUNCTION_CHAR.test(next) && !/[中上下为]/.test(next)) continue;
        for (let len = Math.max(minLength, suffix.length + 1); len <= maxLength; len++) {
          const start = end - len;
          if (start < 0) break;
          const run = text.slice(start, end);
          if (!/^\p{Script=Han}+$/u.test(run)) break;
          if (FUNCTION_CHAR.test(run[0]!)) continue;
          let st = stats.get(run);
          if (!st) stats.set(run, (st = { docs: new Set(), count: 0, left: new Map(), breaks: 0 }));
          st.docs.add(d);
          st.count++;
          const before = start > 0 ? text[start - 1]! : '';
          if (!before || !HAN.test(before) || FUNCTION_CHAR.test(before)) st.breaks++;
          else st.left.set(before, (st.left.get(before) ?? 0) + 1);
        }
      }
    }
  });
  const boundary = (st: Stat) =>
    st.breaks * 2 >= st.count || (st.left.size + (st.breaks ? 1 : 0) >= minLeft && Math.max(...st.left.values()) * 2 < st.count);
  const kept = [...stats].filter(([, st]) => st.docs.size >= minDocs && boundary(st));
  const counts = new Map(kept.map(([t, st]) => [t, st.count]));
  return kept
    .filter(([t, st]) => !kept.some(([o]) => o !== t && o.endsWith(t) && counts.get(o) === st.count))
    .map(([term, st]) => ({ term, docs: st.docs.size, count: st.count }))
    .sort((a, b) => b.docs - a.docs || b.count - a.count || (a.term < b.term ? -1 : 1));
}

/** Share of terms the glossary covers, by the same rule as quoted shorthand (form or inside). */
export function termsCoverage(terms: readonly string[], matcher: SpanMatcher, forms: ReadonlySet<string>): { covered: string[]; uncovered: string[]; share: number } {
  const covered: string[] = [];
  const uncovered: string[] = [];
  for (const t of terms) (coveredHow(t, matcher, (s) => forms.has(s)) ? covered : uncovered).push(t);
  return { covered, uncovered, share: terms.length ? covered.length / terms.length : 1 };
}
