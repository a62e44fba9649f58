// The glossary as the build ships it: not one file but the pieces each request needs, so that a
// service worker that Chrome stopped (after 30 s idle, so on most page loads of a reading session)
// answers a page's first request from a small file. Reading and checking the whole compiled
// glossary (1.6 MB) and packing its forms took a cold worker 150–250 ms before a page could match.
//
// - `glossary/forms.json`: the forms every page asks for, already packed (form-index.ts);
// - `glossary/index.json`: entry count, chunk size and the entries' ids in index order;
// - `glossary/entries-<n>.json`: entries n·chunk … (n+1)·chunk−1, so a hover reads one small file.
//
// Pure: the build writes these files (wxt.config.ts), the background reads them (glossary-service.ts).
import { packFormIndex } from '@/utils/core/glossary/form-index';
import { isIndexedEntry } from '@/utils/core/glossary';
import { GLOSSARY_FORMAT, type CompiledEntry, type CompiledGlossary } from '@/utils/core/glossary/types';

export const GLOSSARY_DIR = 'glossary';
/** Entries per chunk file: about 60 KB each, one fetch and parse of a few milliseconds. */
export const ENTRY_CHUNK = 64;

export interface GlossaryManifest {
  format: typeof GLOSSARY_FORMAT;
  count: number;
  /** entries per chunk file */
  chunk: number;
  /** every entry's id, in index order (lookups by id: related entries) */
  ids: string[];
}

export const formsPath = (): string => `${GLOSSARY_DIR}/forms.json`;
export const manifestPath = (): string => `${GLOSSARY_DIR}/index.json`;
export const chunkPath = (n: number): string => `${GLOSSARY_DIR}/entries-${n}.json`;

/** The files the build writes for a compiled glossary, paths relative to the extension's root. */
export function glossaryFiles(g: CompiledGlossary, chunk = ENTRY_CHUNK): { path: string; contents: string }[] {
  const manifest: GlossaryManifest = { format: GLOSSARY_FORMAT, count: g.count, chunk, ids: g.entries.map((e) => e.id) };
  const files = [
    { path: formsPath(), contents: JSON.stringify(packFormIndex(g)) },
    { path: manifestPath(), contents: JSON.stringify(manifest) },
  ];
  for (let n = 0; n * chunk < g.entries.length; n++) files.push({ path: chunkPath(n), contents: JSON.stringify(g.entries.slice(n * chunk, (n + 1) * chunk)) });
  return files;
}

export function isGlossaryManifest(x: unknown): x is GlossaryManifest {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Partial<GlossaryManifest>;
  return (
    m.format === GLOSSARY_FORMAT &&
    Number.isInteger(m.chunk) &&
    m.chunk! > 0 &&
    Number.isInteger(m.count) &&
    Array.isArray(m.ids) &&
    m.ids.length === m.count &&
    m.ids.every((id) => typeof id === 'string')
  );
}

/** A chunk file's entries, checked: chunk `n` of a glossary described by `m`, each entry whole. */
export function isEntryChunk(x: unknown, m: GlossaryManifest, n: number): x is CompiledEntry[] {
  const first = n * m.chunk;
  const expected = Math.min(m.chunk, m.count - first);
  return Array.isArray(x) && expected > 0 && x.length === expected && x.every((e, k) => isIndexedEntry({ ...(e as object), index: first + k }) && (e as CompiledEntry).id === m.ids[first + k]);
}

const idIndex = new WeakMap<GlossaryManifest, Map<string, number>>();

/** The wanted entries' indices, once each, in the order asked: indices, then ids (unknown ones left out). */
export function wantedIndices(m: GlossaryManifest, indices: readonly number[], ids: readonly string[]): number[] {
  const wanted = new Set(indices.filter((i) => Number.isInteger(i) && i >= 0 && i < m.count));
  if (ids.length) {
    let byId = idIndex.get(m);
    if (!byId) {
      byId = new Map(m.ids.map((id, i) => [id, i]));
      idIndex.set(m, byId);
    }
    for (const id of ids) {
      const i = byId.get(id);
      if (i !== undefined) wanted.add(i);
    }
  }
  return [...wanted];
}
