#!/usr/bin/env node
// Checks what the builds promise: minimal permissions, a gecko id for Firefox, locales present.
import { readFileSync, existsSync } from 'node:fs';

const ALLOWED_PERMISSIONS = new Set(['storage', 'unlimitedStorage', 'contextMenus', 'sidePanel', 'scripting']);
let errors = 0;
const fail = (m) => {
  console.error(`error: ${m}`);
  errors++;
};
for (const dir of ['.output/chrome-mv3', '.output/firefox-mv2']) {
  const path = `${dir}/manifest.json`;
  if (!existsSync(path)) {
    fail(`${path} missing`);
    continue;
  }
  const m = JSON.parse(readFileSync(path, 'utf8'));
  for (const p of m.permissions ?? []) if (!ALLOWED_PERMISSIONS.has(p) && !/^https?:/.test(p)) fail(`${dir}: unexpected permission ${p}`);
  // MV2 lists hosts among permissions; MV3 in host_permissions. Either way: no host beyond the content script's.
  const matches = new Set((m.content_scripts ?? []).flatMap((c) => c.matches));
  const hosts = [...(m.host_permissions ?? []), ...(m.permissions ?? []).filter((p) => /^(https?|\*):|<all_urls>/.test(p))];
  for (const h of hosts) if (!matches.has(h)) fail(`${dir}: host permission ${h} goes beyond the content script's matches`);
  if (dir.includes('firefox') && !m.browser_specific_settings?.gecko?.id) fail(`${dir}: no gecko id`);
  for (const loc of ['en', 'zh_CN', 'zh_TW']) if (!existsSync(`${dir}/_locales/${loc}/messages.json`)) fail(`${dir}: locale ${loc} missing`);
  if (m.content_security_policy && JSON.stringify(m.content_security_policy).includes('unsafe-eval')) fail(`${dir}: unsafe-eval in CSP`);
  console.log(`${dir}: manifest v${m.manifest_version}, permissions [${(m.permissions ?? []).join(', ')}]`);
}
process.exit(errors ? 1 : 0);
