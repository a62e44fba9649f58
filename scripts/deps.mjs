// Are the installed node modules the ones package-lock.json asks for? npm writes what it installed to
// node_modules/.package-lock.json; compare the two, and run `npm ci` when they differ. Used by
// npm test and npm run demo before anything else, so it imports nothing from node_modules.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/**
 * Why node_modules does not match the lockfile, or null when it does.
 * @param {{packages?: Record<string, {version?: string, optional?: boolean, link?: boolean}>}} lock package-lock.json
 * @param {{packages?: Record<string, {version?: string}>} | null} installed node_modules/.package-lock.json, null if absent
 * @returns {string | null}
 */
export function staleReason(lock, installed) {
  if (!installed) return 'node_modules is missing';
  const want = lock.packages ?? {};
  const have = installed.packages ?? {};
  for (const [path, entry] of Object.entries(want)) {
    if (path === '' || !path.includes('node_modules/')) continue;
    const got = have[path];
    // Optional packages for other platforms (esbuild's, fsevents) are never installed here.
    if (!got) {
      if (entry.optional) continue;
      return `${path} is not installed`;
    }
    if (!entry.link && got.version !== entry.version) return `${path} is ${got.version}, the lockfile wants ${entry.version}`;
  }
  for (const path of Object.keys(have)) if (!(path in want)) return `${path} is installed but no longer in the lockfile`;
  return null;
}

/** Runs `npm ci` when node_modules does not match package-lock.json; exits if that fails. */
export function ensureDeps() {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
  const hidden = 'node_modules/.package-lock.json';
  const reason = staleReason(lock, existsSync(hidden) ? JSON.parse(readFileSync(hidden, 'utf8')) : null);
  if (!reason) return;
  console.log(`Installing node modules (${reason})…`);
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('\nnpm ci failed.');
    process.exit(r.status ?? 1);
  }
}
