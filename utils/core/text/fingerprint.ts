// A 32-bit fingerprint of a text (FNV-1a over its UTF-16 code units): what we wrote into a text node
// is kept as this, not as a second copy of the text, and a node whose text no longer has it was
// changed by the page. Pure.

/** FNV-1a of the code units; equal texts always agree, different ones almost never do. */
export function fingerprint(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
