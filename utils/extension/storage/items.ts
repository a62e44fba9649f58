// Every stored item, with its version and migrations, in one place.
import { sanitizeStored, type UserTerm } from '@/utils/core/user-terms/model';
import { isScriptMode, type ScriptMode } from '@/utils/core/convert/modes';
import { isSiteMode, normalizeSettings, DEFAULT_SETTINGS, type Settings, type SiteMode, type SiteModes } from '@/utils/core/settings';
import { storage } from '#imports';

export const siteModesItem = storage.defineItem<SiteModes>('local:siteModes', {
  fallback: {},
  version: 1,
});

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** Reads stored settings, filling gaps from defaults. */
export async function getSettings(): Promise<Settings> {
  return normalizeSettings((await settingsItem.getValue()) as Partial<Settings> | null);
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

/** The script the reader chose for this host, if they chose one. */
export async function getSiteScript(host: string): Promise<ScriptMode | null> {
  const m = (await siteScriptsItem.getValue())?.[host];
  return isScriptMode(m) ? m : null;
}

export async function getScriptFor(host: string, settings: Settings): Promise<ScriptMode> {
  return (await getSiteScript(host)) ?? settings.defaultScript;
}

export async function setSiteScript(host: string, mode: ScriptMode): Promise<void> {
  const all = { ...((await siteScriptsItem.getValue()) ?? {}) };
  all[host] = mode;
  await siteScriptsItem.setValue(all);
}
