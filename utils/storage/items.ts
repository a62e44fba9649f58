// Every stored item, with its version and migrations, in one place.
import { sanitizeStored, type UserTerm } from '../user-terms/model';
import { isScriptMode, type ScriptMode } from '../convert/modes';
import { storage } from '#imports';

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
}

export const DEFAULT_SETTINGS: Settings = { autoScope: 'chinese', showBadge: true, marking: 'all', hover: true, hoverDelayMs: 300, click: true, defaultScript: 'original', overlayMarks: false };
export const HOVER_DELAY_RANGE = { min: 0, max: 2000 } as const;

export const siteModesItem = storage.defineItem<SiteModes>('local:siteModes', {
  fallback: {},
  version: 1,
});

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export function isSiteMode(x: unknown): x is SiteMode {
  return typeof x === 'string' && (SITE_MODES as readonly string[]).includes(x);
}

/** Reads stored settings, filling gaps from defaults (older or hand-edited values). */
export async function getSettings(): Promise<Settings> {
  const raw = (await settingsItem.getValue()) as Partial<Settings> | null;
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
  };
}

export async function getSiteMode(host: string): Promise<SiteMode> {
  const modes = await siteModesItem.getValue();
  const m = modes?.[host];
  return isSiteMode(m) ? m : 'auto';
}

export async function setSiteMode(host: string, mode: SiteMode): Promise<void> {
  if (!host) throw new Error('no host');
  const modes = { ...((await siteModesItem.getValue()) ?? {}) };
  if (mode === 'auto') delete modes[host];
  else modes[host] = mode;
  await siteModesItem.setValue(modes);
}

/** The reader's own glossary terms. Written only by the options page; read by every page. */
export const userTermsItem = storage.defineItem<UserTerm[]>('local:userTerms', {
  fallback: [],
  version: 1,
});

export async function getUserTerms(): Promise<UserTerm[]> {
  return sanitizeStored(await userTermsItem.getValue());
}

/** Per-host script choice, remembered when the reader picks one on a page. */
export const siteScriptsItem = storage.defineItem<Record<string, ScriptMode>>('local:siteScripts', {
  fallback: {},
  version: 1,
});

export async function getScriptFor(host: string, settings: Settings): Promise<ScriptMode> {
  const m = (await siteScriptsItem.getValue())?.[host];
  return isScriptMode(m) ? m : settings.defaultScript;
}

export async function setSiteScript(host: string, mode: ScriptMode): Promise<void> {
  const all = { ...((await siteScriptsItem.getValue()) ?? {}) };
  all[host] = mode;
  await siteScriptsItem.setValue(all);
}
