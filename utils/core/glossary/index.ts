// Checks a compiled glossary and the entries that cross a context boundary (the glossary ships in
// pieces: shipped.ts; the forms a page receives are packed in form-index.ts).
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
