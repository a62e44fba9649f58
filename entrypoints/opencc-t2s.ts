// opencc-js dictionaries (t2s), injected into the content script's world only when a conversion needs them.
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';
import TWPhrasesRev from 'opencc-js/dict/TWPhrasesRev';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import HKVariantsRevPhrases from 'opencc-js/dict/HKVariantsRevPhrases';
import { DICTS_GLOBAL, type Dicts } from '@/utils/core/convert/modes';

export default defineUnlistedScript(() => {
  const g = globalThis as Record<string, unknown>;
  const dicts = (g[DICTS_GLOBAL] ??= {}) as Dicts;
  Object.assign(dicts, { TSCharacters, TSPhrases, TWVariantsRev, TWVariantsRevPhrases, TWPhrasesRev, HKVariantsRev, HKVariantsRevPhrases });
});
