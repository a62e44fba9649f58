// Converters, built once per (configs, restore profile) and reused. Pure: the dictionaries come from
// a loader (the background fetches them from the extension's files; tests import them).
import { configsFor, dictsOf, OPENCC_CONFIGS, type ConfigName, type Converting, type DictName, type Dicts, type OpenccConfig, type RestoreProfile, type SourceScript } from '@/utils/core/convert/modes';
import { mainlandEntries } from '@/utils/core/convert/phrases';
import { StageTrie, type Dict } from '@/utils/core/convert/trie';
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
export function buildConfig(config: OpenccConfig, dicts: Dicts, layer?: Dict): BuiltConfig {
  const get = (n: DictName): Dict => {
    const d = dicts[n];
    if (d === undefined) throw new Error(`dictionary ${n} is not loaded`);
    return d;
  };
  const extra = layer ? [layer] : [];
  const seg = config.segmentation;
  // The segmentation dictionaries usually begin one of the chain's groups: that trie serves both.
  const shared = seg ? config.chain.findIndex((g, i) => !(i === 0 && layer) && seg.every((n, k) => g[k] === n)) : -1;
  const chain = config.chain.map((g, i) => new StageTrie().loadGroup([...(i === 0 ? extra : []), ...g.map(get)], i === shared ? seg!.length : 0));
  const segmentation = !seg ? null : shared >= 0 ? chain[shared]! : new StageTrie().loadGroup(seg.map(get));
  return {
    normalization: config.normalization.map((g) => new StageTrie().loadGroup(g.map(get))),
    segmentation,
    chain,
  };
}

export class ConverterCache {
  private readonly converters = new Map<string, Promise<BlockConverter>>();

  constructor(
    /** loads (at least) the named dictionaries */
    private readonly dicts: (names: readonly DictName[]) => Promise<Dicts>,
  ) {}

  clear(): void {
    this.converters.clear();
  }

  get(spec: ConverterSpec): Promise<BlockConverter> {
    const key = specKey(spec);
    let c = this.converters.get(key);
    if (!c) {
      c = this.dicts(dictsOf(spec.configs)).then((d) =>
        wrap(spec.configs.map((name) => buildConfig(OPENCC_CONFIGS[name], d, name === 'tw2sp' && spec.profile ? mainlandEntries(spec.profile) : undefined))),
      );
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
  for (const source of new Set(items.map((i) => i.source))) bySource.set(source, await cache.get(specFor(mode, source, profile)));
  return items.map((i) => bySource.get(i.source)!.convertParts(i.parts));
}
