// One server and one browser per e2e test file.
import { before, after } from 'node:test';
import { startServer } from './server.mjs';
import { launchWithExtension } from './browser.mjs';

export function useSession() {
  const s = { srv: null, ext: null };
  before(async () => {
    s.srv = await startServer();
    s.ext = await launchWithExtension();
  });
  after(async () => {
    await s.ext?.close();
    await s.srv?.close();
  });
  s.open = async (path) => {
    const page = await s.ext.context.newPage();
    await page.goto(`${s.srv.origin}/${path}`);
    return page;
  };
  return s;
}
