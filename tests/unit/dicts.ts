// opencc-js's dictionaries for unit tests (the extension loads them from its injected bundles).
import type { Dicts, DictName } from '@/utils/core/convert/modes';
import { S2T_DICTS, T2S_DICTS, VARIANT_DICTS } from '@/utils/core/convert/modes';

export async function loadDictsForTests(): Promise<Dicts> {
  const out: Dicts = {};
  for (const name of [...S2T_DICTS, ...T2S_DICTS, ...VARIANT_DICTS] as DictName[]) {
    const mod = (await import(/* @vite-ignore */ `opencc-js/dict/${name}`)) as { default: string };
    out[name] = mod.default;
  }
  return out;
}
