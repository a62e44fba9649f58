// Our own phrase layer for converting Taiwan-phrased text to mainland Simplified: opencc's tw2sp
// misses some machine-conversion artefacts (計畫, 數位化, 人民民眾…) and over-converts genuine
// Taiwan words (檔案館). Its entries join opencc's tw2sp segmentation and first stage (see
// buildConfig). For government and legal text it also holds back the reversals of OpenCC's Taiwan
// phrase table that such prose never means (核心 is not 内核 in a work report): those words stay.
import table from '@/assets/phrases/mainland-taiwan.json';
import type { RestoreProfile } from '@/utils/core/convert/modes';

interface Pair {
  cn: string;
  tw: string;
  keep?: string[];
  restore?: boolean;
}

interface Table {
  pairs: Pair[];
  /** Taiwan-phrase-table words (Traditional) whose reversal government prose never wants. */
  governmentKeeps: string[];
  /** By hand, for government prose: more words to keep, and phrases to restore (Taiwan → mainland). */
  governmentChoices: { keep: string[]; pairs: [string, string][] };
}

const TABLE = table as unknown as Table;
export const PHRASE_PAIRS: readonly Pair[] = TABLE.pairs;
export const GOVERNMENT_KEEPS: readonly string[] = [...TABLE.governmentKeeps, ...TABLE.governmentChoices.keep];
const GOVERNMENT_PAIRS = TABLE.governmentChoices.pairs;

/** Entries for the tw2sp first stage: Taiwan wording → mainland wording, keep-phrases unchanged. */
export function mainlandEntries(profile: RestoreProfile): [string, string][] {
  const out: [string, string][] = [];
  for (const p of PHRASE_PAIRS) {
    if (p.restore === false) continue;
    out.push([p.tw, p.cn]);
    for (const k of p.keep ?? []) out.push([k, k]);
  }
  // Later entries win on the same key: the government choices override the pairs above (檔案).
  if (profile === 'government') {
    for (const k of GOVERNMENT_KEEPS) out.push([k, k]);
    for (const [tw, cn] of GOVERNMENT_PAIRS) out.push([tw, cn]);
  }
  return out;
}
