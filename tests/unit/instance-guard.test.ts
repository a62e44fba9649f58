import { afterEach, describe, expect, it } from 'vitest';
import { guardInstance } from '@/utils/dom/instance-guard';

const EVENT = 'abcdefgh:reader:wxt:content-script-started';
const tick = () => new Promise((r) => setTimeout(r, 5));

/** A stand-in for one WXT content-script context: its listener on document, as WXT adds it. */
function instance(id: string, opts: { alive?: () => boolean } = {}) {
  const state = { id, invalidated: false, wxtSaw: 0 };
  const onDoc = (e: Event) => {
    const d = (e as CustomEvent).detail;
    if (d?.contentScriptName === 'reader' && d?.messageId !== id) {
      state.wxtSaw++;
      state.invalidated = true;
    }
  };
  document.addEventListener(EVENT, onDoc);
  const stop = guardInstance({ eventName: EVENT, ownId: id, runtimeAlive: opts.alive ?? (() => true), invalidate: () => (state.invalidated = true) });
  cleanups.push(() => {
    document.removeEventListener(EVENT, onDoc);
    stop();
  });
  return state;
}
const announce = (messageId: unknown) => document.dispatchEvent(new CustomEvent(EVENT, { detail: { contentScriptName: 'reader', messageId } }));

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

describe('a page cannot stop the reader with a forged announcement', () => {
  it('a forged announcement reaches neither WXT nor stops us', async () => {
    const live = instance('live-1');
    announce('forged');
    announce(undefined);
    document.dispatchEvent(new CustomEvent(EVENT));
    await tick();
    expect(live).toMatchObject({ invalidated: false, wxtSaw: 0 });
  });

  it('a replay of our own id or of an older copy\'s id stops nothing', async () => {
    const older = instance('old-1');
    const live = instance('live-2');
    older.invalidated = false;
    announce('live-2');
    announce('old-1');
    await tick();
    expect(live.invalidated).toBe(false);
  });

  it('a real newer copy (registered in our world after us) stops the older one', async () => {
    const old = instance('old-2');
    announce('new-2');
    // The newer copy's main() runs right after its announcement.
    instance('new-2');
    await tick();
    expect(old.invalidated).toBe(true);
  });

  it('when our extension context is gone, any announcement stops us', async () => {
    let alive = true;
    const orphan = instance('orphan', { alive: () => alive });
    alive = false;
    announce('whatever');
    await tick();
    expect(orphan.invalidated).toBe(true);
  });
});
