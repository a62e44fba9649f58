// The content script's side of conversion: blocks go to the background and come back converted.
import type { BatchConvert } from '@/utils/core/convert/converters';
import type { Converting, RestoreProfile, SourceScript } from '@/utils/core/convert/modes';
import { send } from '@/utils/extension/messaging';

/** Converts through the background; a failure (a dictionary not loaded, no answer) rejects. */
export function backgroundConverter(profile: () => RestoreProfile): BatchConvert {
  return async (mode, items) => {
    const res = await send({ type: 'convert', mode, profile: profile(), items });
    if (!res.ok) throw new Error(res.error);
    if (res.parts.length !== items.length) throw new Error('the background answered for other blocks');
    return res.parts;
  };
}

/** Has the background build the converter for a switch to `mode` of text in `source` script. */
export function prepareConverter(mode: Converting, source: SourceScript, profile: RestoreProfile): Promise<boolean> {
  return send({ type: 'prepare-convert', mode, source, profile }).catch(() => false);
}

/** OpenCC's TSCharacters table (Traditional → Simplified characters), for folding highlights. */
export function foldTable(): Promise<string> {
  return send({ type: 'get-fold-table' });
}
