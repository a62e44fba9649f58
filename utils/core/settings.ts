// Reading settings and per-site choices: their types, defaults and validation (no storage here).
import { isScriptMode, type ScriptMode } from './convert/modes';

export type SiteMode = 'auto' | 'on' | 'off';
export const SITE_MODES: readonly SiteMode[] = ['auto', 'on', 'off'];

/** Per-host choice. Hosts without an entry are 'auto'. */
export type SiteModes = Record<string, SiteMode>;

export interface Settings {
  /** In automatic mode: turn the reader on for every Chinese page, or only for detected reports. */
  autoScope: 'chinese' | 'reports';
  /** Show the toolbar badge on detected reports. */
  showBadge: boolean;
  /** Underline every occurrence of a term, only the first per paragraph, or none (lookups still work). */
  marking: 'all' | 'first' | 'off';
  /** Open the popover when the pointer rests on a term. */
  hover: boolean;
  hoverDelayMs: number;
  /** Open the popover on click or tap. */
  click: boolean;
  /** Script to show Chinese pages in, unless a site has its own choice. */
  defaultScript: ScriptMode;
  /** Draw marks in our own overlay instead of with the CSS Custom Highlight API (compatibility). */
  overlayMarks: boolean;
  /** Look up any word (CC-CEDICT) when the pointer rests on it, only with Shift held, or never. */
  lookupAny: LookupAny;
}

export type LookupAny = 'hover' | 'modifier' | 'off';
export const LOOKUP_ANY: readonly LookupAny[] = ['hover', 'modifier', 'off'];

export const DEFAULT_SETTINGS: Settings = { autoScope: 'chinese', showBadge: true, marking: 'all', hover: true, hoverDelayMs: 300, click: true, defaultScript: 'original', overlayMarks: false, lookupAny: 'hover' };
export const HOVER_DELAY_RANGE = { min: 0, max: 2000 } as const;

export function isSiteMode(x: unknown): x is SiteMode {
  return typeof x === 'string' && (SITE_MODES as readonly string[]).includes(x);
}

/** Settings as stored (older or hand-edited values), gaps and bad values filled from defaults. */
export function normalizeSettings(raw: Partial<Settings> | null): Settings {
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
  const delay = Number(raw?.hoverDelayMs);
  return {
    autoScope: raw?.autoScope === 'reports' ? 'reports' : 'chinese',
    showBadge: bool(raw?.showBadge, DEFAULT_SETTINGS.showBadge),
    marking: raw?.marking === 'first' || raw?.marking === 'off' ? raw.marking : 'all',
    hover: bool(raw?.hover, DEFAULT_SETTINGS.hover),
    hoverDelayMs: Number.isFinite(delay) ? Math.min(HOVER_DELAY_RANGE.max, Math.max(HOVER_DELAY_RANGE.min, Math.round(delay))) : DEFAULT_SETTINGS.hoverDelayMs,
    click: bool(raw?.click, DEFAULT_SETTINGS.click),
    defaultScript: isScriptMode(raw?.defaultScript) ? raw.defaultScript : 'original',
    overlayMarks: bool(raw?.overlayMarks, false),
    lookupAny: (LOOKUP_ANY as readonly unknown[]).includes(raw?.lookupAny) ? raw!.lookupAny! : DEFAULT_SETTINGS.lookupAny,
  };
}
