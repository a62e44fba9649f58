// The glossary in the background: the packed forms pages match with, and entries by index or id for
// popovers and the side panel, each read from the small file that holds it (shipped.ts). The service
// worker can be stopped at any time; what it read is read again on the next request, and requests
// that arrive while a file loads wait for it instead of getting nothing. A file that fails to load
// or is not what it should be is forgotten, so the next request tries again.
import { readPackagedFile } from '@/utils/extension/packaged-file';
import { isPackedFormIndex, type PackedFormIndex } from '@/utils/core/glossary/form-index';
import type { IndexedEntry } from '@/utils/core/glossary';
import type { CompiledEntry } from '@/utils/core/glossary/types';
import { chunkPath, formsPath, isEntryChunk, isGlossaryManifest, manifestPath, wantedIndices, type GlossaryManifest } from '@/utils/core/glossary/shipped';

export interface GlossaryService {
  forms(): Promise<PackedFormIndex>;
  /** Entries by index and/or id, each with its index; unknown ones are left out. */
  entries(indices?: readonly number[], ids?: readonly string[]): Promise<IndexedEntry[]>;
}

/** `fetchText(path)` reads a file of the shipped glossary, path relative to the extension root. */
export function createGlossaryService(fetchText: (path: string) => Promise<string>): GlossaryService {
  const cache = new Map<string, Promise<unknown>>();
  /** A file, parsed and checked once; a failure is not kept. */
  const read = <T>(path: string, check: (x: unknown) => x is T): Promise<T> => {
    let p = cache.get(path) as Promise<T> | undefined;
    if (!p) {
      p = fetchText(path).then((text) => {
        const x: unknown = JSON.parse(text);
        if (!check(x)) throw new Error(`glossary: ${path} is not what this version of the extension wrote`);
        return x;
      });
      cache.set(path, p);
      p.catch(() => cache.delete(path));
    }
    return p;
  };
  const manifest = () => read(manifestPath(), isGlossaryManifest);
  const chunk = (m: GlossaryManifest, n: number) => read(chunkPath(n), (x): x is CompiledEntry[] => isEntryChunk(x, m, n));
  return {
    forms: () => read(formsPath(), isPackedFormIndex),
    async entries(indices = [], ids = []) {
      const m = await manifest();
      const wanted = wantedIndices(m, indices, ids);
      const chunks = new Map<number, CompiledEntry[]>();
      await Promise.all(
        [...new Set(wanted.map((i) => Math.floor(i / m.chunk)))].map(async (n) => {
          chunks.set(n, await chunk(m, n));
        }),
      );
      return wanted.map((i) => ({ ...chunks.get(Math.floor(i / m.chunk))![i % m.chunk]!, index: i }));
    },
  };
}

export const glossaryService = createGlossaryService((path) => readPackagedFile('glossary', path));
