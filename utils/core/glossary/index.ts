// Checks a compiled glossary and the parts of it that cross a context boundary (forms, entries),
// packs the forms for the trip to a page, and picks entries out of it by index or id.
import { GLOSSARY_FORMAT, type CompiledEntry, type CompiledGlossary, type GlossaryForms, type PackedForms } from '@/utils/core/glossary/types';

export function isCompiledGlossary(x: unknown): x is CompiledGlossary {
  if (typeof x !== 'object' || x === null) return false;
  const g = x as Partial<CompiledGlossary>;
  return (
    g.format === GLOSSARY_FORMAT &&
    Array.isArray(g.entries) &&
    Array.isArray(g.forms) &&
    Array.isArray(g.blockers) &&
    g.blockers.every((b) => typeof b === 'string') &&
    g.count === g.entries.length &&
    g.entries.every((e, index) => isIndexedEntry({ ...e, index })) &&
    g.forms.every((f) => Array.isArray(f) && typeof f[0] === 'string' && Number.isInteger(f[1]) && f[1] >= 0 && f[1] < g.entries!.length)
  );
}

/** What a page needs to find terms: forms and blockers, without the entries (a tenth of the size). */
export function formsOf(g: CompiledGlossary): GlossaryForms {
  return { format: g.format, count: g.count, forms: g.forms, blockers: g.blockers };
}

const SEP = '|';
/** In a positional item, a character the form shares with the form it refers to. */
const SAME = '`';

/** One form, coded against the forms of its entry before it: the shorter of the two codings. */
function codeForm(form: string, before: readonly string[]): string {
  const prev = before[before.length - 1] ?? '';
  let k = 0;
  while (k < 9 && k < form.length && form[k] === prev[k]) k++;
  let best = k + form.slice(k);
  // A Traditional form differs from its Simplified one in a few characters at the same places.
  for (let j = 0; j < Math.min(before.length, 10); j++) {
    const base = before[j]!;
    if (base.length !== form.length) continue;
    let code = `~${j}`;
    for (let i = 0; i < form.length; i++) code += form[i] === base[i] ? SAME : form[i];
    if (utf8Length(code) < utf8Length(best)) best = code;
  }
  return best;
}

const utf8Length = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 2 : 3;
  }
  return n;
};

/** The forms, packed for the trip to a page (see PackedForms). */
export function packForms(f: GlossaryForms): PackedForms {
  const byEntry: string[][] = Array.from({ length: f.count }, () => []);
  for (const [form, entry] of f.forms) {
    if (form.includes(SEP) || form.includes(SAME)) throw new Error(`form "${form}" contains a separator (${SEP} or ${SAME})`);
    byEntry[entry]!.push(form);
  }
  const packed = byEntry.map((forms) => {
    const sorted = forms.sort();
    return sorted.map((form, i) => codeForm(form, sorted.slice(0, i))).join(SEP);
  });
  return { format: f.format, count: f.count, packed, blockers: f.blockers };
}

/** The shape of packed forms (a reply check); unpackForms checks every item as it decodes. */
export function isPackedForms(x: unknown): x is PackedForms {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Partial<PackedForms>;
  return p.format === GLOSSARY_FORMAT && Number.isInteger(p.count) && Array.isArray(p.packed) && p.packed.length === p.count && Array.isArray(p.blockers);
}

/** The forms a page received, checked and unpacked; null when the message is not packed forms. */
export function unpackForms(x: unknown): GlossaryForms | null {
  if (!isPackedForms(x)) return null;
  const p = x;
  if (!p.blockers.every((b) => typeof b === 'string')) return null;
  const forms: [string, number][] = [];
  for (let entry = 0; entry < p.packed.length; entry++) {
    const s = p.packed[entry];
    if (typeof s !== 'string') return null;
    if (!s) continue;
    const decoded: string[] = [];
    for (const item of s.split(SEP)) {
      let form: string;
      if (item[0] === '~') {
        const base = decoded[item.charCodeAt(1) - 48];
        const code = item.slice(2);
        if (base === undefined || base.length !== code.length) return null;
        // Runs of shared characters are copied as slices, not one by one.
        form = '';
        let from = 0;
        for (let i = 0; i <= code.length; i++) {
          if (i < code.length && code[i] === SAME) continue;
          if (i > from) form += base.slice(from, i);
          if (i < code.length) form += code[i];
          from = i + 1;
        }
      } else {
        const prev = decoded[decoded.length - 1] ?? '';
        const k = item.charCodeAt(0) - 48;
        if (!(k >= 0 && k <= 9) || k > prev.length) return null;
        form = prev.slice(0, k) + item.slice(1);
      }
      decoded.push(form);
      forms.push([form, entry]);
    }
  }
  return { format: GLOSSARY_FORMAT, count: p.count!, forms, blockers: p.blockers };
}

export type IndexedEntry = CompiledEntry & { index: number };

const idIndex = new WeakMap<CompiledGlossary, Map<string, number>>();

/** Entries by index and/or id, each with its index; unknown ones are left out. */
export function entriesOf(g: CompiledGlossary, indices: number[] = [], ids: string[] = []): IndexedEntry[] {
  let byId = idIndex.get(g);
  if (!byId) {
    byId = new Map(g.entries.map((e, i) => [e.id, i]));
    idIndex.set(g, byId);
  }
  const wanted = new Set(indices.filter((i) => i < g.entries.length));
  for (const id of ids) {
    const i = byId.get(id);
    if (i !== undefined) wanted.add(i);
  }
  return [...wanted].map((i) => ({ ...g.entries[i]!, index: i }));
}

export function isIndexedEntry(x: unknown): x is IndexedEntry {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Partial<IndexedEntry>;
  return (
    Number.isInteger(e.index) &&
    typeof e.id === 'string' &&
    typeof e.s === 'string' &&
    typeof e.t === 'string' &&
    typeof e.p === 'string' &&
    typeof e.en === 'string' &&
    typeof e.off === 'boolean' &&
    typeof e.def?.en === 'string' &&
    typeof e.def?.zh === 'string' &&
    typeof e.def?.zht === 'string' &&
    typeof e.cat === 'string'
  );
}
