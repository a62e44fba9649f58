// The glossary as shipped (forms, ids, entry chunks) and the background's reading of it: a request
// reads only the files it needs, answers as the whole glossary would, and refuses a file that is
// not what the build wrote.
import { describe, expect, it } from 'vitest';
import { chunkPath, formsPath, glossaryFiles, isEntryChunk, isGlossaryManifest, manifestPath, wantedIndices, type GlossaryManifest } from '@/utils/core/glossary/shipped';
import { createGlossaryService } from '@/utils/extension/glossary-service';
import { FormIndex, packFormIndex } from '@/utils/core/glossary/form-index';
import { GLOSSARY_FORMAT, type CompiledEntry, type CompiledGlossary } from '@/utils/core/glossary/types';

function entry(i: number): CompiledEntry {
  return {
    id: `term-${i}`,
    s: `术语${i}`,
    t: `術語${i}`,
    p: 'shùyǔ',
    en: `term ${i}`,
    off: false,
    def: { en: `Definition ${i}.`, zh: `定义${i}。`, zht: `定義${i}。` },
    cat: 'administrative-law',
    ...(i % 7 === 0 ? { rel: [`term-${i + 100}`, 'no-such-term', `term-${i + 1}`] } : {}),
  };
}

const N = 150;
const glossary: CompiledGlossary = {
  format: GLOSSARY_FORMAT,
  count: N,
  entries: Array.from({ length: N }, (_, i) => entry(i)),
  forms: Array.from({ length: N }, (_, i): [string, number] => [`术语${i}`, i]),
  blockers: ['术语学'],
};
const files = new Map(glossaryFiles(glossary, 64).map((f) => [f.path, f.contents]));

/** A loader over the built files, recording what was read; `swap` replaces a file's text. */
function loader(swap: (path: string, text: string) => string = (_p, t) => t) {
  const paths: string[] = [];
  const load = async (path: string) => {
    paths.push(path);
    const t = files.get(path);
    if (t === undefined) throw new Error(`no ${path}`);
    return swap(path, t);
  };
  return { paths, load };
}

describe('the shipped glossary', () => {
  it('is the forms, the ids and the entries in chunks', () => {
    expect([...files.keys()]).toEqual([formsPath(), manifestPath(), chunkPath(0), chunkPath(1), chunkPath(2)]);
    expect(JSON.parse(files.get(formsPath())!)).toEqual(packFormIndex(glossary));
    const m = JSON.parse(files.get(manifestPath())!) as GlossaryManifest;
    expect(isGlossaryManifest(m)).toBe(true);
    expect(m.ids).toEqual(glossary.entries.map((e) => e.id));
    const chunks = [0, 1, 2].map((n) => JSON.parse(files.get(chunkPath(n))!) as CompiledEntry[]);
    expect(chunks.map((c) => c.length)).toEqual([64, 64, 22]);
    expect(chunks.flat()).toEqual(glossary.entries);
    chunks.forEach((c, n) => expect(isEntryChunk(c, m, n)).toBe(true));
  });

  it('checks a chunk against its place: length, ids, whole entries', () => {
    const m = JSON.parse(files.get(manifestPath())!) as GlossaryManifest;
    const c1 = JSON.parse(files.get(chunkPath(1))!) as CompiledEntry[];
    expect(isEntryChunk(c1, m, 0)).toBe(false);
    expect(isEntryChunk(c1.slice(1), m, 1)).toBe(false);
    expect(isEntryChunk([...c1.slice(0, 63), { ...c1[63]!, en: 3 }], m, 1)).toBe(false);
    expect(isEntryChunk(c1, m, 3)).toBe(false);
    expect(isGlossaryManifest({ ...m, ids: m.ids.slice(1) })).toBe(false);
    expect(isGlossaryManifest({ ...m, format: 99 })).toBe(false);
  });

  it('resolves indices, then ids in the order asked, once each; unknown ones are left out', () => {
    const m = JSON.parse(files.get(manifestPath())!) as GlossaryManifest;
    expect(wantedIndices(m, [3, 3, -1, 150, 1.5], ['term-9', 'nope', 'term-3', 'term-0'])).toEqual([3, 9, 0]);
  });
});

describe('glossary service', () => {
  it('answers the forms from the forms file alone', async () => {
    const { paths, load } = loader();
    const svc = createGlossaryService(load);
    const forms = await svc.forms();
    expect(FormIndex.from(forms)?.count).toBe(N);
    expect(paths).toEqual([formsPath()]);
  });

  it('reads only the chunks an entry query needs, once, and answers as the whole glossary would', async () => {
    const { paths, load } = loader();
    const svc = createGlossaryService(load);
    const [a, b] = await Promise.all([svc.entries([5]), svc.entries([6], ['term-63'])]);
    expect(a).toEqual([{ ...glossary.entries[5], index: 5 }]);
    expect(b.map((e) => e.index)).toEqual([6, 63]);
    expect(paths).toEqual([manifestPath(), chunkPath(0)]);
    const related = await svc.entries([], glossary.entries[7]!.rel);
    // In the entry's order; an id the glossary lacks is left out.
    expect(related.map((e) => e.id)).toEqual(['term-107', 'term-8']);
    expect(paths).toEqual([manifestPath(), chunkPath(0), chunkPath(1)]);
    expect(await svc.entries([149, 1000])).toEqual([{ ...glossary.entries[149], index: 149 }]);
    expect(paths.filter((p) => p === chunkPath(0))).toHaveLength(1);
  });

  it('refuses a file that is not what the build wrote, and reads it again on the next request', async () => {
    let corrupt = true;
    const { paths, load } = loader((path, text) => (corrupt && path === chunkPath(1) ? text.replace('"term-64"', '"term-x"') : text));
    const svc = createGlossaryService(load);
    await expect(svc.entries([70])).rejects.toThrow(/entries-1\.json is not what this version of the extension wrote/);
    // The other chunks and the ids are kept; the bad one is not.
    expect(await svc.entries([1])).toHaveLength(1);
    corrupt = false;
    expect((await svc.entries([70]))[0]!.id).toBe('term-70');
    expect(paths.filter((p) => p === chunkPath(1))).toHaveLength(2);
    expect(paths.filter((p) => p === manifestPath())).toHaveLength(1);
  });

  it('says so when a file cannot be read, and tries again', async () => {
    let fail = true;
    const svc = createGlossaryService(async (path) => {
      if (fail) throw new Error(`glossary: ${path} answered 404`);
      return files.get(path)!;
    });
    await expect(svc.forms()).rejects.toThrow(/forms\.json answered 404/);
    fail = false;
    expect((await svc.forms()).count).toBe(N);
  });
});
