// opencc-js's dictionaries for unit tests (the extension's background fetches the same ones from its files).
import { DICT_NAMES, type Dicts } from '@/utils/core/convert/modes';

let all: Promise<Dicts> | null = null;
export function loadDictsForTests(): Promise<Dicts> {
  all ??= (async () => {
    const out: Dicts = {};
    for (const name of DICT_NAMES) out[name] = ((await import(/* @vite-ignore */ `opencc-js/dict/${name}`)) as { default: string }).default;
    return out;
  })();
  return all;
}
