// Registers the shared reader scenarios (scenarios.mjs) as node:test tests for one browser: one test
// server and one browser for the file, each scenario a test.
import { before, after, test } from 'node:test';
import { startServer } from '../server.mjs';
import { scenarios } from '../scenarios.mjs';

/** @param {() => Promise<object>} launch launchChromium or launchFirefox */
export function useDriver(launch) {
  const s = { srv: null, d: null };
  before(async () => {
    s.srv = await startServer();
    s.d = await launch();
    s.d.origin = s.srv.origin;
  });
  after(async () => {
    await s.d?.close();
    await s.srv?.close();
  });
  return s;
}

/** Every shared scenario as a test, in order (later ones may rely on what earlier ones stored). */
export function readerSuite(launch, { only } = {}) {
  const s = useDriver(launch);
  for (const [name, run] of Object.entries(scenarios)) {
    if (only && !only.includes(name)) continue;
    test(name, () => run(s.d));
  }
  return s;
}
