// What the settings page says after a highlight import: exactly what was written. Pure; the
// translator is passed in.

export interface ImportAnswer {
  ok?: boolean;
  added?: number;
  skipped?: number;
  pages?: number;
  written?: number;
  error?: string;
  indexError?: string;
}

type Translate = (key: string, subs: string[]) => string;

const n = (x: number | undefined) => String(x ?? 0);

/** `{text, isError}` for the background's answer to hl-import (or its absence). */
export function importReport(res: ImportAnswer | null | undefined, t: Translate): { text: string; isError: boolean } {
  // No page counts: refused before anything was written (a bad file, a storage that could not be read).
  if (!res || typeof res.pages !== 'number') return { text: t('userTermsImportRefused', [res?.error ?? t('highlightNoAnswer', [])]), isError: true };
  const parts: string[] = [];
  if (res.ok) parts.push(res.pages ? t('highlightsImportPages', [n(res.added), n(res.pages), n(res.skipped)]) : t('highlightsImported', [n(res.added), n(res.skipped)]));
  else parts.push(t('highlightsImportPartial', [n(res.written), n(res.pages), n(res.added), String(res.pages - (res.written ?? 0)), res.error ?? '']));
  if (res.indexError) parts.push(t('highlightsImportIndexFailed', [res.indexError]));
  return { text: parts.join(' '), isError: !res.ok || !!res.indexError };
}
