// The figures every bench part reports: medians, rounded to a tenth.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const round = (x) => Math.round(x * 10) / 10;

/**
 * Waits until `read()` (a count that grows, such as the characters converted ahead) has stayed the
 * same for `quietMs`, or `maxMs` at most; resolves with its last value.
 */
export async function settled(read, { quietMs = 1000, maxMs = 60_000 } = {}) {
  const end = Date.now() + maxMs;
  let last = await read();
  let since = Date.now();
  while (Date.now() - since < quietMs && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    const now = await read();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
  return last;
}
