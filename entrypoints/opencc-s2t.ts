// opencc-js dictionaries (s2t), injected into the content script's world only when a conversion needs them.
import STCharacters from 'opencc-js/dict/STCharacters';
import STPhrases from 'opencc-js/dict/STPhrases';
import { DICTS_GLOBAL, type Dicts } from '@/utils/core/convert/modes';

export default defineUnlistedScript(() => {
  const g = globalThis as Record<string, unknown>;
  const dicts = (g[DICTS_GLOBAL] ??= {}) as Dicts;
  Object.assign(dicts, { STCharacters, STPhrases });
});
