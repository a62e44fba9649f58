// The content script's side of conversion: blocks go to the background and come back converted.
import { browser } from 'wxt/browser';
import type { BatchConvert } from '@/utils/core/convert/converters';
import type { RestoreProfile } from '@/utils/core/convert/modes';

/** Converts through the background; a failure (dictionaries not loaded, no answer) rejects. */
export function backgroundConverter(profile: () => RestoreProfile): BatchConvert {
  return async (mode, items) => {
    const res: unknown = await browser.runtime.sendMessage({ type: 'convert', mode, profile: profile(), items });
    if (typeof res === 'object' && res !== null && (res as { ok?: unknown }).ok === true) {
      const parts = (res as { parts?: unknown }).parts;
      if (Array.isArray(parts) && parts.length === items.length) return parts as string[][];
    }
    const error = typeof res === 'object' && res !== null && 'error' in res ? String((res as { error: unknown }).error) : 'no answer from the background';
    throw new Error(error);
  };
}

/** OpenCC's TSCharacters table (Traditional → Simplified characters), for folding highlights. */
export async function foldTable(): Promise<string> {
  const res: unknown = await browser.runtime.sendMessage({ type: 'get-fold-table' });
  if (typeof res !== 'string' || !res) throw new Error('could not load the folding table');
  return res;
}
