// Conversion modes, and the OpenCC configurations each runs, exactly as opencc-js 1.4.2 defines them.
import type { Dict } from '@/utils/core/convert/trie';

export type ScriptMode = 'original' | 'zh-Hans' | 'zh-Hant' | 'zh-TW' | 'zh-HK';
export const SCRIPT_MODES: readonly ScriptMode[] = ['original', 'zh-Hans', 'zh-Hant', 'zh-TW', 'zh-HK'];
export type Converting = Exclude<ScriptMode, 'original'>;

export function isScriptMode(x: unknown): x is ScriptMode {
  return typeof x === 'string' && (SCRIPT_MODES as readonly string[]).includes(x);
}

/** Dictionary names, as OpenCC and opencc-js call them. */
export const DICT_NAMES = [
  'CJK_Compatibility_Ideographs',
  'STCharacters', 'STPhrases', 'STPhrases_GeneratedFromRegionalPhrases',
  'TSCharacters', 'TSPhrases',
  'TWVariants', 'TWVariantsPhrases', 'TWPhrases', 'TWVariantsRev', 'TWVariantsRevPhrases', 'TWPhrasesRev',
  'HKVariants', 'HKVariantsPhrases', 'HKVariantsRev', 'HKVariantsRevPhrases',
] as const;
export type DictName = (typeof DICT_NAMES)[number];
export type Dicts = Partial<Record<DictName, Dict>>;

export function isDictName(x: unknown): x is DictName {
  return typeof x === 'string' && (DICT_NAMES as readonly string[]).includes(x);
}

/**
 * An OpenCC configuration: the text is normalised (CJK compatibility ideographs), cut into
 * segments by longest match over the segmentation dictionaries (when the config has them), then
 * each stage of the chain converts each segment on its own. Within a group, an earlier
 * dictionary wins over a later one on the same key.
 */
export interface OpenccConfig {
  normalization: DictName[][];
  segmentation?: DictName[];
  chain: DictName[][];
}

const NORMALIZE: DictName[][] = [['CJK_Compatibility_Ideographs']];
const ST: DictName[] = ['STPhrases', 'STPhrases_GeneratedFromRegionalPhrases'];
const ST_CHAIN: DictName[] = [...ST, 'STCharacters'];
const TS_CHAIN: DictName[] = ['TSPhrases', 'TSCharacters'];

/** Copied from opencc-js 1.4.2 (dist/esm-lib/preset/full.js); a unit test holds the two equal. */
export const OPENCC_CONFIGS = {
  s2t: { normalization: NORMALIZE, chain: [ST_CHAIN] },
  s2tw: { normalization: NORMALIZE, segmentation: ST, chain: [ST_CHAIN, ['TWVariantsPhrases', 'TWVariants']] },
  s2twp: { normalization: NORMALIZE, segmentation: ST, chain: [ST_CHAIN, ['TWPhrases', 'TWVariantsPhrases', 'TWVariants']] },
  s2hk: { normalization: NORMALIZE, segmentation: ST, chain: [ST_CHAIN, ['HKVariantsPhrases', 'HKVariants']] },
  t2s: { normalization: NORMALIZE, chain: [TS_CHAIN] },
  tw2s: { normalization: NORMALIZE, segmentation: ['TSPhrases'], chain: [['TWVariantsRevPhrases', 'TWVariantsRev'], TS_CHAIN] },
  tw2sp: { normalization: NORMALIZE, segmentation: ['TSPhrases'], chain: [['TWPhrasesRev', 'TWVariantsRevPhrases', 'TWVariantsRev'], TS_CHAIN] },
  hk2s: { normalization: NORMALIZE, segmentation: ['TSPhrases'], chain: [['HKVariantsRevPhrases', 'HKVariantsRev'], TS_CHAIN] },
  tw2t: { normalization: NORMALIZE, chain: [['TWVariantsRevPhrases', 'TWVariantsRev']] },
  hk2t: { normalization: NORMALIZE, chain: [['HKVariantsRevPhrases', 'HKVariantsRev']] },
  t2tw: { normalization: NORMALIZE, chain: [['TWVariantsPhrases', 'TWVariants']] },
  t2hk: { normalization: NORMALIZE, chain: [['HKVariantsPhrases', 'HKVariants']] },
} satisfies Record<string, OpenccConfig>;
export type ConfigName = keyof typeof OPENCC_CONFIGS;

export type SourceScript = 'simplified' | 'traditional';

/**
 * What a Taiwan-phrased page needs back toward mainland wording: 'government' (reports, laws)
 * keeps words that mainland official prose uses in their general sense (核心, 建立, 新增…), which
 * OpenCC's tw2sp would read as Taiwan IT vocabulary; 'general' is tw2sp as OpenCC has it.
 */
export type RestoreProfile = 'government' | 'general';

/** The restore a page's text needs: reports are government text. */
export const profileFor = (isReport: boolean): RestoreProfile => (isReport ? 'government' : 'general');

/** What the switch key shows a page in: the other script than its own (Traditional pages: 简体). */
export const otherScript = (pageScript: SourceScript | 'unknown'): Converting => (pageScript === 'traditional' ? 'zh-Hans' : 'zh-TW');

/**
 * The OpenCC configs a block runs through, in order, or [] when it is already in the mode.
 * Traditional pages are read as Taiwan-standard (most Traditional government text online is);
 * Hong Kong forms go through OpenCC's standard Traditional (tw2t then t2hk), as OpenCC itself would.
 */
export function configsFor(mode: Converting, source: SourceScript): ConfigName[] {
  if (source === 'simplified') {
    return { 'zh-Hans': [], 'zh-Hant': ['s2t'], 'zh-TW': ['s2twp'], 'zh-HK': ['s2hk'] }[mode] as ConfigName[];
  }
  return { 'zh-Hans': ['tw2sp'], 'zh-Hant': ['tw2t'], 'zh-TW': ['t2tw'], 'zh-HK': ['tw2t', 't2hk'] }[mode] as ConfigName[];
}

/** Every dictionary the configs read. */
export function dictsOf(configs: readonly ConfigName[]): DictName[] {
  const out = new Set<DictName>();
  for (const name of configs) {
    const c: OpenccConfig = OPENCC_CONFIGS[name];
    for (const g of [...c.normalization, ...c.chain, c.segmentation ?? []]) for (const d of g) out.add(d);
  }
  return [...out];
}

/** _locales key of a mode's name. */
export function scriptLabelKey(mode: ScriptMode): string {
  return { original: 'scriptOriginal', 'zh-Hans': 'scriptModeHans', 'zh-Hant': 'scriptModeHant', 'zh-TW': 'scriptModeTW', 'zh-HK': 'scriptModeHK' }[mode];
}
