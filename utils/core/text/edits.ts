// Character edits (Levenshtein distance over code points) between an original text and what a
// round trip made of it, for the bench and the tests of mainland-wording restore.

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  // Common prefix and suffix cost nothing and are most of a line.
  let s = 0;
  while (s < x.length && s < y.length && x[s] === y[s]) s++;
  let e = 0;
  while (e < x.length - s && e < y.length - s && x[x.length - 1 - e] === y[y.length - 1 - e]) e++;
  const xs = x.slice(s, x.length - e);
  const ys = y.slice(s, y.length - e);
  if (xs.length === 0) return ys.length;
  if (ys.length === 0) return xs.length;
  let prev = Array.from({ length: ys.length + 1 }, (_, j) => j);
  let cur = new Array<number>(ys.length + 1);
  for (let i = 1; i <= xs.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= ys.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (xs[i - 1] === ys[j - 1] ? 0 : 1));
    [prev, cur] = [cur, prev];
  }
  return prev[ys.length]!;
}

/**
 * Edits between two texts that keep their line structure (conversion never adds or drops a line
 * break), line by line: the same total as over the whole text when lines correspond, at a fraction
 * of the cost. Texts whose line counts differ are compared whole.
 */
export function lineEdits(original: string, shown: string): number {
  const a = original.split('\n');
  const b = shown.split('\n');
  if (a.length !== b.length) return editDistance(original, shown);
  let n = 0;
  for (let i = 0; i < a.length; i++) n += editDistance(a[i]!, b[i]!);
  return n;
}

/** Edits per 10 000 characters of the original. */
export function editsPer10k(original: string, shown: string): number {
  return (lineEdits(original, shown) / Math.max(1, [...original].length)) * 10_000;
}
