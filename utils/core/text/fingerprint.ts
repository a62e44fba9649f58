// A 32-bit fingerprint of a text (FNV-1a over its UTF-16 code units): what we wrote into a text node
// is kept as this, not as a second copy of the text, and a node whose text no longer has it was
// changed by the page. Pure.

/** FNV-1a of the code units; equal texts always agree, different ones almost never do. */
export function fingerprint(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The fingerprint cut to 30 bits: a small integer, which V8 keeps in place, where a 32-bit one is
 * a heap number of its own half the time or more (a long page converted keeps one per text node).
 */
export function smallFingerprint(s: string): number {
  return fingerprint(s) & 0x3fffffff;
}
