// Every stored item, with its version and migrations, in one place.
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
}

export const DEFAULT_SETTINGS: Settings = { autoScope: 'chinese', showBadge: true };

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
  return {
    autoScope: raw?.autoScope === 'reports' ? 'reports' : 'chinese',
    showBadge: typeof raw?.showBadge === 'boolean' ? raw.showBadge : DEFAULT_SETTINGS.showBadge,
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
