// Folds text to one script, character by character, so a highlight made on a Traditional page
// anchors on the same page shown in Simplified and back. Length is preserved, so offsets in the
// folded text are offsets in the page text.

/** Builds a folding function from opencc's TSCharacters dictionary ("繁 简|…", one-to-one entries only). */
export function folderFrom(tsCharacters: string | [string, string][]): (s: string) => string {
  const map = new Map<number, number>();
  const entries = typeof tsCharacters === 'string' ? tsCharacters.split('|').map((l) => l.split(' ') as [string, string]) : tsCharacters;
  for (const [from, to] of entries) {
    if (from && to && from.length === 1 && to.length >= 1) {
      const t = to.split(' ')[0]!;
      if (t.length === 1) map.set(from.charCodeAt(0), t.charCodeAt(0));
    }
  }
  return (s: string) => {
    let out = '';
    let changed = false;
    const codes: number[] = new Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const f = map.get(c);
      if (f !== undefined) {
        codes[i] = f;
        changed = true;
      } else codes[i] = c;
    }
    if (!changed) return s;
    // Chunked to stay within the argument limit of fromCharCode.
    for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.slice(i, i + 8192));
    return out;
  };
}
