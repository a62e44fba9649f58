// @vitest-environment node
// npm test and the demo install node modules only when they differ from the lockfile.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without type declarations
import { staleReason } from '../../scripts/deps.mjs';

const lock = {
  packages: {
    '': { name: 'bilingual-reader', version: '0.1.0' },
    'node_modules/vue': { version: '3.5.26' },
    'node_modules/@esbuild/darwin-arm64': { version: '0.27.7', optional: true },
    'node_modules/wxt/node_modules/ws': { version: '8.18.0' },
  },
};
const installed = {
  packages: {
    'node_modules/vue': { version: '3.5.26' },
    'node_modules/wxt/node_modules/ws': { version: '8.18.0' },
  },
};

describe('staleReason', () => {
  it('accepts node_modules that match the lockfile, optional packages of other platforms absent', () => {
    expect(staleReason(lock, installed)).toBeNull();
  });
  it('asks for an install when node_modules is missing', () => {
    expect(staleReason(lock, null)).toBe('node_modules is missing');
  });
  it('notices a package missing, at another version, or no longer wanted', () => {
    expect(staleReason(lock, { packages: { 'node_modules/vue': { version: '3.5.26' } } })).toBe('node_modules/wxt/node_modules/ws is not installed');
    expect(staleReason(lock, { packages: { ...installed.packages, 'node_modules/vue': { version: '3.5.25' } } })).toBe('node_modules/vue is 3.5.25, the lockfile wants 3.5.26');
    expect(staleReason(lock, { packages: { ...installed.packages, 'node_modules/left-pad': { version: '1.3.0' } } })).toBe('node_modules/left-pad is installed but no longer in the lockfile');
  });
  it('installs an optional package when it was installed at another version', () => {
    const withBinary = { packages: { ...installed.packages, 'node_modules/@esbuild/darwin-arm64': { version: '0.27.6' } } };
    expect(staleReason(lock, withBinary)).toMatch(/darwin-arm64 is 0.27.6/);
  });
});
