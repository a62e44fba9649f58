import { describe, expect, it } from 'vitest';
import { createDictService } from '@/utils/extension/dict-service';
import { EMPTY_REPLY } from '@/utils/core/dict';
import { parseMessage } from '@/utils/messages';
import { compileSample } from './dict-sample';

const text = compileSample();

/** A loader the test releases by hand, counting how often the service asked for the file. */
function gatedLoader(result: () => Promise<string> = async () => text) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const state = { calls: 0, release };
  const load = async () => {
    state.calls++;
    await gate;
    return result();
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
    expect(state.calls).toBe(1);
    await svc.lookup('着力');
    expect(state.calls).toBe(1);
  });

  it('rebuilds after a restart: a new worker loads the file again', async () => {
    const first = gatedLoader();
    first.state.release();
    expect((await createDictService(first.load).lookup('着力')).word).toBe('着力');
    const second = gatedLoader();
    second.state.release();
    expect((await createDictService(second.load).lookup('着力')).word).toBe('着力');
    expect([first.state.calls, second.state.calls]).toEqual([1, 1]);
  });

  it('says so when the file cannot load, and tries again on the next lookup', async () => {
    let calls = 0;
    const svc = createDictService(async () => (++calls === 1 ? text.slice(0, text.length - 500) : text));
    const failed = await svc.lookup('提振');
    expect(failed.entries).toEqual([]);
    expect(failed.error).toMatch(/dictionary: expected/);
    expect((await svc.lookup('提振')).word).toBe('提振');
    expect(calls).toBe(2);
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
