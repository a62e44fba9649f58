// Converters, built once per (configs, restore profile) and reused. Pure: the dictionaries come from
// a loader (the background fetches them from the extension's files; tests import them).
import { configsFor, dictsOf, OPENCC_CONFIGS, type ConfigName, type Converting, type DictName, type Dicts, type OpenccConfig, type RestoreProfile, type SourceScript } from '@/utils/core/convert/modes';
import { mainlandEntries } from '@/utils/core/convert/phrases';
import { keysIn, StageTrie, type Dict, type KeyFilter } from '@/utils/core/convert/trie';
import { convertParts, convertString, type BuiltConfig } from '@/utils/core/convert/chain';

/** Every OpenCC dictionary key holds a character from U+2E80 up: text without one never changes. */
export const MAY_CONVERT = /[\u2e80-\uffff]/;

export interface BlockConverter {
  convert(text: string): string;
  /** New text of each part, converting the parts as one text (see convertParts). */
  convertParts(parts: readonly string[]): string[];
}

export const IDENTITY: BlockConverter = {
  convert: (t) => t,
  convertParts: (p) => [...p],
};

/** What to convert with: OpenCC configs in order, and for tw2sp our mainland-wording layer. */
export interface ConverterSpec {
  configs: readonly ConfigName[];
  /** Our phrase layer toward mainland Simplified (tw2sp only); none for OpenCC's own conversion. */
  profile?: RestoreProfile;
}

export function specFor(mode: Converting, source: SourceScript, profile: RestoreProfile): ConverterSpec {
  const configs = configsFor(mode, source);
  return configs.includes('tw2sp') ? { configs, profile } : { configs };
}

export function specKey(spec: ConverterSpec): string {
  return spec.configs.join('>') + (spec.profile ? `+${spec.profile}` : '');
}

export function wrap(built: readonly BuiltConfig[]): BlockConverter {
  if (built.length === 0) return IDENTITY;
  return {
    convert: (t) => convertString(built, t),
    convertParts: (p) => (p.length === 1 ? [convertString(built, p[0]!)] : convertParts(built, p)),
  };
}

/**
 * Builds an OpenCC config from its dictionaries. `layer` (our phrases) joins, ahead of OpenCC's own,
 * the first group of the chain, so it wins over OpenCC's entries on the same key. A separate stage
 * would not do: OpenCC's reverse tables would then read our 文件 as Taiwan IT wording (文档). It
 * stays out of the segmentation: there our short words (網路) would cut OpenCC's longer phrases
 * (乙太網路) in two.
 */
export function buildConfig(config: OpenccConfig, dicts: Dicts, layer?: Dict, keep?: KeyFilter): BuiltConfig {
  const get = (n: DictName): Dict => {
    const d = dicts[n];
    if (d === undefined) throw new Error(`dictionary ${n} is not loaded`);
    return d;
  };
  const extra = layer ? [layer] : [];
  const seg = config.segmentation;
  // The segmentation dictionaries usually begin one of the chain's groups: that trie serves both.
  const shared = seg ? config.chain.findIndex((g, i) => !(i === 0 && layer) && seg.every((n, k) => g[k] === n)) : -1;
  // `keep` (keysIn) holds for the text as it enters the config: the segmentation and the first
  // group meet it (normalisation changes none of its characters); later groups meet their output.
  const chain = config.chain.map((g, i) => new StageTrie().loadGroup([...(i === 0 ? extra : []), ...g.map(get)], i === shared ? seg!.length : 0, i === 0 ? keep : undefined));
  const segmentation = !seg ? null : shared >= 0 ? chain[shared]! : new StageTrie().loadGroup(seg.map(get), seg.length, keep);
  return {
    normalization: config.normalization.map((g) => new StageTrie().loadGroup(g.map(get))),
    segmentation,
    chain,
  };
}

/** Texts up to this many characters may get a converter of their own (ConverterCache.forTexts). */
export const QUICK_MAX_CHARS = 12_000;

export class ConverterCache {
  private readonly converters = new Map<string, Promise<BlockConverter>>();
  /** specs whose full converter is built */
  private readonly built = new Set<string>();

  constructor(
    /** loads (at least) the named dictionaries */
    private readonly dicts: (names: readonly DictName[]) => Promise<Dicts>,
  ) {}

  clear(): void {
    this.converters.clear();
    this.built.clear();
  }

  /**
   * A converter for `texts`, at once: the full one if it is built; if not (the page's first switch
   * could not be prepared, or the background was stopped since), one of only the dictionary
   * entries that can match in these texts (keysIn), which converts them as the full one would.
   * Building s2twp whole takes the background 30–100 ms, and the first screen of a switch built on
   * click waited for it (119 ms from the click on a 604 k page, against 100 allowed); this one
   * takes a few. The full one is built in a task after, for the batches that follow.
   */
  async forTexts(spec: ConverterSpec, texts: readonly string[]): Promise<BlockConverter> {
    const key = specKey(spec);
    const keep = this.built.has(key) || texts.reduce((n, t) => n + t.length, 0) > QUICK_MAX_CHARS ? null : keysIn(texts);
    if (!keep) return this.get(spec);
    const d = await this.dicts(dictsOf(spec.configs));
    if (this.built.has(key)) return this.get(spec);
    // Only the first config meets these texts; the ones after it meet its output.
    const quick = wrap(spec.configs.map((name, i) => buildConfig(OPENCC_CONFIGS[name], d, name === 'tw2sp' && spec.profile ? mainlandEntries(spec.profile) : undefined, i === 0 ? keep : undefined)));
    setTimeout(() => void this.get(spec).catch(() => undefined), 0);
    return quick;
  }

  get(spec: ConverterSpec): Promise<BlockConverter> {
    const key = specKey(spec);
    let c = this.converters.get(key);
    if (!c) {
      c = this.dicts(dictsOf(spec.configs)).then((d) => {
        const built = wrap(spec.configs.map((name) => buildConfig(OPENCC_CONFIGS[name], d, name === 'tw2sp' && spec.profile ? mainlandEntries(spec.profile) : undefined)));
        if (this.converters.get(key) === c) this.built.add(key);
        return built;
      });
      this.converters.set(key, c);
      c.catch(() => this.converters.delete(key));
    }
    return c;
  }
}

/** One block to convert: its text, part by part, and the script it is read in. */
export interface ConvertItem {
  source: SourceScript;
  parts: string[];
}

/** Converts blocks for a mode, each result the parts of its item; in the extension, a message to the background. */
export type BatchConvert = (mode: Converting, items: ConvertItem[]) => Promise<string[][]>;

/** Converts blocks for a mode; each result has the parts of its item (see convertParts). */
export async function convertItems(cache: ConverterCache, mode: Converting, profile: RestoreProfile, items: readonly ConvertItem[]): Promise<string[][]> {
  const bySource = new Map<SourceScript, BlockConverter>();
  for (const source of new Set(items.map((i) => i.source))) {
    bySource.set(source, await cache.forTexts(specFor(mode, source, profile), items.filter((i) => i.source === source).map((i) => i.parts.join(''))));
  }
  return items.map((i) => bySource.get(i.source)!.convertParts(i.parts));
}
