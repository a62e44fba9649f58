// Conversion modes, and which OpenCC dictionaries each needs for a block in a given source script.
import type { Dict } from '@/utils/core/convert/trie';

export type ScriptMode = 'original' | 'zh-Hans' | 'zh-Hant' | 'zh-TW' | 'zh-HK';
export const SCRIPT_MODES: readonly ScriptMode[] = ['original', 'zh-Hans', 'zh-Hant', 'zh-TW', 'zh-HK'];
export type Converting = Exclude<ScriptMode, 'original'>;

export function isScriptMode(x: unknown): x is ScriptMode {
  return typeof x === 'string' && (SCRIPT_MODES as readonly string[]).includes(x);
}

/** Dictionary names, as opencc-js calls them. */
export type DictName =
  | 'STCharacters' | 'STPhrases' | 'TWVariants' | 'TWPhrasesIT' | 'TWPhrasesName' | 'TWPhrasesOther' | 'HKVariants'
  | 'TSCharacters' | 'TSPhrases' | 'TWVariantsRev' | 'TWVariantsRevPhrases' | 'TWPhrasesRev' | 'HKVariantsRev' | 'HKVariantsRevPhrases';

/**
 * The dictionaries come in three bundles, injected only when a conversion needs them: Simplified to
 * Traditional (1 MB, STPhrases), Traditional to Simplified (~70 KB), and the regional variants
 * (~20 KB). Converting a Traditional page to Hong Kong forms never loads the first.
 */
export const S2T_DICTS: readonly DictName[] = ['STCharacters', 'STPhrases'];
export const T2S_DICTS: readonly DictName[] = ['TSCharacters', 'TSPhrases', 'TWVariantsRev', 'TWVariantsRevPhrases', 'TWPhrasesRev', 'HKVariantsRev', 'HKVariantsRevPhrases'];
export const VARIANT_DICTS: readonly DictName[] = ['TWVariants', 'TWPhrasesIT', 'TWPhrasesName', 'TWPhrasesOther', 'HKVariants'];
export type DictBundle = 'opencc-s2t' | 'opencc-t2s' | 'opencc-variants';
export const DICT_BUNDLES: Record<DictBundle, readonly DictName[]> = { 'opencc-s2t': S2T_DICTS, 'opencc-t2s': T2S_DICTS, 'opencc-variants': VARIANT_DICTS };

export function bundleOf(name: DictName): DictBundle {
  return (Object.keys(DICT_BUNDLES) as DictBundle[]).find((b) => DICT_BUNDLES[b].includes(name))!;
}

export const DICTS_GLOBAL = '__bilingualReaderDicts';

export type SourceScript = 'simplified' | 'traditional';

/** opencc-js locale pair a block is converted with, or null when the block is already in the mode. */
export function localePair(mode: Converting, source: SourceScript): { from: 'cn' | 'tw' | 'twp'; to: 'cn' | 't' | 'twp' | 'hk' } | null {
  if (source === 'simplified') {
    if (mode === 'zh-Hans') return null;
    return { from: 'cn', to: mode === 'zh-Hant' ? 't' : mode === 'zh-TW' ? 'twp' : 'hk' };
  }
  // Traditional pages are read as Taiwan-standard; to Simplified they also get mainland wording back.
  if (mode === 'zh-Hans') return { from: 'twp', to: 'cn' };
  return { from: 'tw', to: mode === 'zh-Hant' ? 't' : mode === 'zh-TW' ? 'twp' : 'hk' };
}

/** The dictionary stages of a locale pair, exactly as opencc-js builds them. */
export function stagesFor(pair: { from: string; to: string }): DictName[][] {
  const FROM: Record<string, DictName[]> = {
    cn: ['STCharacters', 'STPhrases'],
    tw: ['TWVariantsRev', 'TWVariantsRevPhrases'],
    twp: ['TWVariantsRev', 'TWVariantsRevPhrases', 'TWPhrasesRev'],
    hk: ['HKVariantsRev', 'HKVariantsRevPhrases'],
  };
  const TO: Record<string, DictName[]> = {
    cn: ['TSCharacters', 'TSPhrases'],
    tw: ['TWVariants'],
    twp: ['TWVariants', 'TWPhrasesIT', 'TWPhrasesName', 'TWPhrasesOther'],
    hk: ['HKVariants'],
  };
  const stages: DictName[][] = [];
  if (pair.from !== 't') stages.push(FROM[pair.from]!);
  if (pair.to !== 't') stages.push(TO[pair.to]!);
  return stages;
}


export type Dicts = Partial<Record<DictName, Dict>>;

/** _locales key of a mode's name. */
export function scriptLabelKey(mode: ScriptMode): string {
  return { original: 'scriptOriginal', 'zh-Hans': 'scriptModeHans', 'zh-Hant': 'scriptModeHant', 'zh-TW': 'scriptModeTW', 'zh-HK': 'scriptModeHK' }[mode];
}
