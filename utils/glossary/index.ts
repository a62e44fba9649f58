// Checks a compiled glossary that crossed a context boundary, and builds its matcher.
import { GLOSSARY_FORMAT, type CompiledEntry, type CompiledGlossary, type GlossaryForms, type PackedForms } from './types';

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

/** The forms, packed for the trip to a page (see PackedForms). */
export function packForms(f: GlossaryForms): PackedForms {
  const byEntry: string[][] = Array.from({ length: f.count }, () => []);
  for (const [form, entry] of f.forms) {
    if (form.includes(SEP)) throw new Error(`form "${form}" contains the separator ${SEP}`);
    byEntry[entry]!.push(form);
  }
  const packed = byEntry.map((forms) => {
    let prev = '';
    return forms
      .sort()
      .map((form) => {
        let k = 0;
        while (k < 9 && k < form.length && form[k] === prev[k]) k++;
        prev = form;
        return k + form.slice(k);
      })
      .join(SEP);
  });
  return { format: f.format, count: f.count, packed, blockers: f.blockers };
}

/** The forms a page received, checked and unpacked; null when the message is not packed forms. */
export function unpackForms(x: unknown): GlossaryForms | null {
  if (typeof x !== 'object' || x === null) return null;
  const p = x as Partial<PackedForms>;
  if (p.format !== GLOSSARY_FORMAT || !Number.isInteger(p.count) || !Array.isArray(p.packed) || p.packed.length !== p.count) return null;
  if (!Array.isArray(p.blockers) || !p.blockers.every((b) => typeof b === 'string')) return null;
  const forms: [string, number][] = [];
  for (let entry = 0; entry < p.packed.length; entry++) {
    const s = p.packed[entry];
    if (typeof s !== 'string') return null;
    if (!s) continue;
    let prev = '';
    for (const item of s.split(SEP)) {
      const k = item.charCodeAt(0) - 48;
      if (!(k >= 0 && k <= 9) || k > prev.length) return null;
      prev = prev.slice(0, k) + item.slice(1);
      forms.push([prev, entry]);
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
