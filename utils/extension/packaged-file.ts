// A text file the build put in the extension's package (the dictionary's shards, the glossary's
// pieces), read by the background. The build generates them (wxt.config.ts), so WXT's typed public
// paths don't list them.
import { browser } from 'wxt/browser';

/** The file at `path` (relative to the extension's root); `what` names it in the error when it cannot be read. */
export async function readPackagedFile(what: string, path: string): Promise<string> {
  const url = (browser.runtime.getURL as (path: string) => string)(`/${path}`);
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${what}: ${path} answered ${r.status}`);
  return r.text();
}
