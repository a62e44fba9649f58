// opencc-js dictionaries (variants), injected into the content script's world only when a conversion needs them.
import TWVariants from 'opencc-js/dict/TWVariants';
import TWPhrasesIT from 'opencc-js/dict/TWPhrasesIT';
import TWPhrasesName from 'opencc-js/dict/TWPhrasesName';
import TWPhrasesOther from 'opencc-js/dict/TWPhrasesOther';
import HKVariants from 'opencc-js/dict/HKVariants';
import { DICTS_GLOBAL, type Dicts } from '@/utils/core/convert/modes';

export default defineUnlistedScript(() => {
  const g = globalThis as Record<string, unknown>;
  const dicts = (g[DICTS_GLOBAL] ??= {}) as Dicts;
  Object.assign(dicts, { TWVariants, TWPhrasesIT, TWPhrasesName, TWPhrasesOther, HKVariants });
});
