// opencc-js 1.4.2's own string conversion for our OpenCC configs, composed in the order a mode runs them.
import * as OpenCC from 'opencc-js';
import type { ConfigName } from '@/utils/core/convert/modes';

// OpenCC config names → opencc-js locale pairs (opencc-js picks the config from the pair).
export const OPENCC_PAIRS: Record<ConfigName, [string, string]> = {
  s2t: ['cn', 't'], s2tw: ['cn', 'tw'], s2twp: ['cn', 'twp'], s2hk: ['cn', 'hk'],
  t2s: ['t', 'cn'], tw2s: ['tw', 'cn'], tw2sp: ['twp', 'cn'], hk2s: ['hk', 'cn'],
  tw2t: ['tw', 't'], hk2t: ['hk', 't'], t2tw: ['t', 'tw'], t2hk: ['t', 'hk'],
};

const built = new Map<ConfigName, (s: string) => string>();
export function openccRef(configs: readonly ConfigName[]): (s: string) => string {
  const fns = configs.map((c) => {
    let f = built.get(c);
    if (!f) {
      const [from, to] = OPENCC_PAIRS[c];
      f = OpenCC.Converter({ from, to } as never) as (s: string) => string;
      built.set(c, f);
    }
    return f;
  });
  return (s) => fns.reduce((acc, f) => f(acc), s);
}
