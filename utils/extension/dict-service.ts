// The dictionary lives in the background only: pages send the text at the caret and get the formatted
// entries back, so no page holds CC-CEDICT. The service worker (or Firefox event page) can be stopped
// at any time; the index and the shards a lookup needs are fetched again on the next lookup, and
// lookups that arrive while they load wait for them instead of getting nothing.
import { readPackagedFile } from '@/utils/extension/packaged-file';
import { decodeHeader, Dict, DICT_SHARDS, EMPTY_REPLY, shardOf, isLookupText, lookup, lookupShards, type DictLookupReply } from '@/utils/core/dict';

/** Where the build puts the compiled dictionary (scripts/dict/build.mjs, DICT_DIR). */
export const DICT_DIR = 'cedict';

export interface DictService {
  /** Loads the index once (again after a failure). */
  load(): Promise<Dict>;
  /** The lookup reply for text from the caret; EMPTY_REPLY for text we don't look up, with `error` when the dictionary could not load. */
  lookup(text: string): Promise<DictLookupReply>;
}

/** `fetchText(path)` reads a file of the compiled dictionary, path relative to the extension root. */
export function createDictService(fetchText: (path: string) => Promise<string>): DictService {
  let dict: Promise<Dict> | null = null;
  const texts = new Map<number, Promise<string>>();
  // A failure is forgotten so the next lookup tries again (a half-installed update, a busy disk).
  const load = () =>
    (dict ??= fetchText(`${DICT_DIR}/index.json`)
      .then((t) => new Dict(decodeHeader(JSON.parse(t))))
      .catch((e: unknown) => {
        dict = null;
        throw e;
      }));
  const shardText = (n: number): Promise<string> => {
    let p = texts.get(n);
    if (!p) {
      p = fetchText(`${DICT_DIR}/${n}.txt`).catch((e: unknown) => {
        texts.delete(n);
        throw e;
      });
      texts.set(n, p);
    }
    return p;
  };
  const addShards = (d: Dict, ns: number[]) =>
    Promise.all(
      ns.map(async (n) => {
        const text = await shardText(n);
        if (d.hasShard(n)) return;
        d.addShard(n, text);
      }),
    );
  return {
    load,
    async lookup(text) {
      // Junk never wakes the dictionary.
      if (!isLookupText(text)) return EMPTY_REPLY;
      try {
        // Fetch the shards of the text's first characters along with the index: on a Simplified page
        // they are the ones the lookup needs, so one round trip serves most first lookups.
        const guess = [...new Set([...text.slice(0, 4)].map((c) => shardOf(c, DICT_SHARDS)))];
        for (const n of guess) shardText(n).catch(() => undefined);
        const d = await load();
        // Then whatever folding or a longer word adds (at most two more rounds).
        for (let round = 0; round < 3; round++) {
          const need = lookupShards(d, text);
          if (!need.length) break;
          await addShards(d, need);
        }
        return lookup(d, text);
      } catch (e) {
        // Whatever was fetched but not checked in yet is fetched again next time; loaded shards stay.
        texts.clear();
        return { ...EMPTY_REPLY, error: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}

export const dictService = createDictService((path) => readPackagedFile('dictionary', path));
