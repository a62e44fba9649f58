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

