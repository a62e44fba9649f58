// Highlights are stored as W3C Web Annotations (https://www.w3.org/TR/annotation-model/).

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface Annotation {
  '@context': 'http://www.w3.org/ns/anno.jsonld';
  id: string;
  type: 'Annotation';
  created: string;
  modified: string;
  /** the note, plain text; empty string when there is none */
  body: { type: 'TextualBody'; value: string; format: 'text/plain'; purpose: 'commenting' }[];
  target: {
    source: string;
    /** the page's title when the highlight was made */
    title: string;
    selector: [TextQuoteSelector, TextPositionSelector];
  };
  /** ours: the colour */
  color: HighlightColor;
  /** the folded quote, written by earlier builds and never read (anchoring folds the quote itself); accepted if present */
  normalizedExact?: string;
}

export function noteOf(a: Annotation): string {
  return a.body[0]?.value ?? '';
}

export function quoteOf(a: Annotation): TextQuoteSelector {
  return a.target.selector[0];
}

export function isColor(x: unknown): x is HighlightColor {
  return typeof x === 'string' && (HIGHLIGHT_COLORS as readonly string[]).includes(x);
}

const isStr = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;

/** Validates an annotation from storage, a message or an import file. */
export function isAnnotation(x: unknown): x is Annotation {
  if (typeof x !== 'object' || x === null) return false;
  const a = x as Partial<Annotation>;
  const sel = a.target?.selector;
  return (
    a.type === 'Annotation' &&
    isStr(a.id, 200) &&
    isStr(a.created, 40) &&
    isStr(a.modified, 40) &&
    Array.isArray(a.body) &&
    a.body.length <= 1 &&
    a.body.every((b) => b && b.type === 'TextualBody' && isStr(b.value, 20_000)) &&
    !!a.target &&
    isStr(a.target.source, 4000) &&
    isStr(a.target.title, 1000) &&
    Array.isArray(sel) &&
    sel.length === 2 &&
    sel[0]?.type === 'TextQuoteSelector' &&
    isStr(sel[0].exact, 5000) &&
    sel[0].exact.length > 0 &&
    isStr(sel[0].prefix, 200) &&
    isStr(sel[0].suffix, 200) &&
    sel[1]?.type === 'TextPositionSelector' &&
    Number.isInteger(sel[1].start) &&
    Number.isInteger(sel[1].end) &&
    sel[1].start >= 0 &&
    sel[1].end >= sel[1].start &&
    isColor(a.color) &&
    (a.normalizedExact === undefined || isStr(a.normalizedExact, 5000))
  );
}
