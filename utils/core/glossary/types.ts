// The compiled glossary index: what the build writes and the extension loads. Compact keys keep it small.

export const GLOSSARY_FORMAT = 1;

export type Category =
  | 'administrative-law'
  | 'litigation-dispute'
  | 'legislation-normative'
  | 'law-enforcement'
  | 'government-reform'
  | 'economy-land'
  | 'party-ideology'
  | 'plans-campaigns'
  | 'institutions'
  | 'industry-technology'
  | 'fiscal-financial'
  | 'regional-development'
  | 'urban-housing'
  | 'rural-agriculture'
  | 'social-policy'
  | 'ecology-carbon'
  | 'ethnic-religious'
  | 'hong-kong-macao-taiwan'
  | 'foreign-affairs'
  | 'party-building';

export interface CompiledEntry {
  id: string;
  /** simplified */
  s: string;
  /** traditional (Taiwan standard) */
  t: string;
  /** pinyin, tone marks, word-spaced */
  p: string;
  /** accepted English rendering */
  en: string;
  /** alternatives seen in use */
  alt?: string[];
  /** true when `en` is the official rendering */
  off: boolean;
  /** where the official rendering is published */
  src?: string;
  /** address of the official English text, when one is published online */
  srcu?: string;
  /** zh is Simplified as authored; zht is derived by the build (opencc cn→tw) */
  def: { en: string; zh: string; zht: string };
  /** expansion of a numbered slogan */
  ex?: { zh: string; zht: string; en: string }[];
  cat: Category;
  rel?: string[];
  basis?: string;
  /** basis in Traditional, derived by the build */
  basist?: string;
  since?: number;
}

export interface CompiledGlossary {
  format: typeof GLOSSARY_FORMAT;
  /** entry count, for display without walking the list */
  count: number;
  entries: CompiledEntry[];
  /** every written form → index in `entries` (several forms per entry) */
  forms: [form: string, entry: number][];
  /** runs that contain a form by accident; matched and skipped */
  blockers: string[];
}

/** The part of the index a page loads to find terms. */
export type GlossaryForms = Pick<CompiledGlossary, 'format' | 'count' | 'forms' | 'blockers'>;

/**
 * GlossaryForms as sent to a page: `packed[i]` holds entry i's forms, sorted, joined by `|`. Each is
 * coded against the forms before it, whichever is shorter: a digit, the number of leading characters
 * it shares with the previous form, then the rest (行政复议|行政复议法 → "0行政复议|4法"); or `~`, the
 * index of an earlier form of the same length, then the form with each shared character as a backtick
 * (行政复议|行政複議 → "0行政复议|~0``複議"). Less than two thirds the size of the pairs.
 */
export interface PackedForms {
  format: typeof GLOSSARY_FORMAT;
  count: number;
  packed: string[];
  blockers: string[];
}
