import { describe, expect, it } from 'vitest';
import { createDictService } from '@/utils/extension/dict-service';
import { EMPTY_REPLY } from '@/utils/core/dict';
import { parseMessage } from '@/utils/core/messages';
import { compileSample } from './dict-sample';

const files = compileSample();
const read = async (path: string) => {
  const t = files.get(path);
  if (t === undefined) throw new Error(`no ${path}`);
  return t;
};

/** A loader the test releases by hand, counting how often the service asked for each file. */
function gatedLoader(result: (path: string) => Promise<string> = read) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const state = { calls: 0, paths: [] as string[], release };
  const load = async (path: string) => {
    state.calls++;
    state.paths.push(path);
    await gate;
    return result(path);
  };
  return { state, load };
}

describe('dictionary service', () => {
  it('answers a lookup that arrives while the dictionary loads, loading it once', async () => {
    const { state, load } = gatedLoader();
    const svc = createDictService(load);
    const a = svc.lookup('提振消费');
    const b = svc.lookup('巩固');
    state.release();
    expect((await a).word).toBe('提振');
    expect((await a).entries[0]!.definitions).toEqual(['to boost', 'to stimulate']);
    expect((await b).word).toBe('巩固');
    // Each file once: the index, then only the shards these words live in.
    expect(state.paths.filter((p) => p.endsWith('index.json'))).toHaveLength(1);
    expect(new Set(state.paths).size).toBe(state.paths.length);
    expect(state.paths.length).toBeLessThan(8);
    const before = state.calls;
    await svc.lookup('提振');
    expect(state.calls).toBe(before);
  });

  it('rebuilds after a restart: a new worker loads the file again', async () => {
    const first = gatedLoader();
    first.state.release();
    expect((await createDictService(first.load).lookup('着力')).word).toBe('着力');
    const second = gatedLoader();
    second.state.release();
    expect((await createDictService(second.load).lookup('着力')).word).toBe('着力');
    expect(second.state.paths).toEqual(first.state.paths);
  });

  it('says so when the file cannot load, and tries again on the next lookup', async () => {
    let broken = true;
    const svc = createDictService(async (path) => {
      const t = await read(path);
      return broken && path.endsWith('.txt') ? t.slice(0, -20) : t;
    });
    const failed = await svc.lookup('提振');
    expect(failed.entries).toEqual([]);
    expect(failed.error).toMatch(/dictionary: shard \d+ has/);
    broken = false;
    expect(await svc.lookup('提振')).toMatchObject({ word: '提振' });
    const missing = await createDictService(async () => {
      throw new Error('dictionary: cedict/index.json answered 404');
    }).lookup('提振');
    expect(missing).toEqual({ ...EMPTY_REPLY, error: 'dictionary: cedict/index.json answered 404' });
  });

  it('answers odd text with an empty reply without loading anything', async () => {
    const { state, load } = gatedLoader();
    const svc = createDictService(load);
    for (const bad of ['\ud842', '提'.repeat(17), 'abc', '', '\u0301提']) expect(await svc.lookup(bad)).toEqual(EMPTY_REPLY);
    expect(state.calls).toBe(0);
  });
});

describe('dict-lookup message', () => {
  it('is accepted with any string and refused without one', () => {
    expect(parseMessage({ type: 'dict-lookup', text: '提振' })).toEqual({ type: 'dict-lookup', text: '提振' });
    expect(parseMessage({ type: 'dict-lookup', text: '\ud842' })).toEqual({ type: 'dict-lookup', text: '\ud842' });
    expect(parseMessage({ type: 'dict-lookup', text: 42 })).toBeNull();
    expect(parseMessage({ type: 'dict-lookup' })).toBeNull();
  });
});
