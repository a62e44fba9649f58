// Checks a compiled glossary and the entries that cross a context boundary, and picks entries out
// of it by index or id (the forms a page receives are packed in form-index.ts).
import { GLOSSARY_FORMAT, type CompiledEntry, type CompiledGlossary } from '@/utils/core/glossary/types';

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
