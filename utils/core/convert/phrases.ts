// Our own phrase layer for converting Taiwan-phrased text to mainland Simplified: opencc's twp→cn
// misses some machine-conversion artefacts (計畫, 數位化, 人民民眾…) and over-converts genuine
// Taiwan words (檔案館). Its entries join opencc's first twp→cn stage (same trie, ours win on the
// same key, longest match across both): a separate stage would not do, because that stage would
// turn our 文件 into 文档 and 程序 into 进程, reading them as Taiwan IT words.
import table from '@/assets/phrases/mainland-taiwan.json';
import type { Dict } from '@/utils/core/convert/trie';

interface Pair {
  cn: string;
  tw: string;
  keep?: string[];
  restore?: boolean;
}

export const PHRASE_PAIRS: readonly Pair[] = (table as { pairs: Pair[] }).pairs;

/** Entries for the twp→cn first stage: Taiwan wording → mainland wording, keep-phrases unchanged. */
export function mainlandEntries(): Dict {
  const out: [string, string][] = [];
  for (const p of PHRASE_PAIRS) {
    if (p.restore === false) continue;
    out.push([p.tw, p.cn]);
    for (const k of p.keep ?? []) out.push([k, k]);
  }
  return out;
}
