// Converters, built once per (mode, source script) and reused; dictionaries come from the bundles
// injected on demand (see entrypoints/opencc-*.ts).
import { localePair, stagesFor, type Converting, type DictName, type Dicts, type SourceScript } from '@/utils/core/convert/modes';
import { mainlandEntries } from '@/utils/core/convert/phrases';
import { convertParts, convertString, StageTrie, type Dict } from '@/utils/core/convert/trie';

export interface BlockConverter {
  convert(text: string): string;
  /** New text of each part, converting the parts as one text (see convertParts). */
  convertParts(parts: readonly string[]): string[];
}

const IDENTITY: BlockConverter = {
  convert: (t) => t,
  convertParts: (p) => [...p],
};

export class ConverterCache {
  private readonly stages = new Map<string, Promise<StageTrie>>();
  private readonly converters = new Map<string, Promise<BlockConverter>>();

  constructor(
    /** loads (at least) the named dictionaries */
    private readonly dicts: (names: readonly DictName[]) => Promise<Dicts>,
    private readonly sliceMs = 8,
  ) {}

  private stage(names: readonly string[], extra?: Dict): Promise<StageTrie> {
    const key = names.join('+') + (extra ? '+ours' : '');
    let s = this.stages.get(key);
    if (!s) {
      s = this.dicts(names as DictName[]).then((d) => {
        const list = names.map((n) => {
          const dict = d[n as keyof Dicts];
          if (dict === undefined) throw new Error(`dictionary ${n} is not loaded`);
          return dict;
        });
        if (extra) list.push(extra);
        return new StageTrie().load(list, this.sliceMs);
      });
      this.stages.set(key, s);
      s.catch(() => this.stages.delete(key));
    }
    return s;
  }

  /** opencc-js's own stages for a locale pair (no phrase layer): what conformance compares against. */
  stagesForPair(from: string, to: string): Promise<StageTrie[]> {
    return Promise.all(stagesFor({ from, to }).map((names) => this.stage(names)));
  }

  get(mode: Converting, source: SourceScript): Promise<BlockConverter> {
    const pair = localePair(mode, source);
    if (!pair) return Promise.resolve(IDENTITY);
    const key = `${pair.from}>${pair.to}`;
    let c = this.converters.get(key);
    if (!c) {
      c = (async () => {
        const names = stagesFor(pair);
        // Toward mainland Simplified, our phrase layer joins the first stage (see phrases.ts).
        const stages = await Promise.all(names.map((n, i) => this.stage(n, pair.to === 'cn' && pair.from === 'twp' && i === 0 ? mainlandEntries() : undefined)));
        return {
          convert: (t: string) => convertString(stages, t),
          convertParts: (p: readonly string[]) => (p.length === 1 ? [convertString(stages, p[0]!)] : convertParts(stages, p)),
        };
      })();
      this.converters.set(key, c);
      c.catch(() => this.converters.delete(key));
    }
    return c;
  }
}
