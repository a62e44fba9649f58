import { describe, expect, it } from 'vitest';
import { scriptFromMenu } from '@/utils/extension/menu-script';

/** A tab whose frames answer a set-script as given (a frame missing from `answers` cannot be reached). */
function tab(answers: Record<number, unknown>, reported: number[]) {
  const sent: [string, number][] = [];
  return {
    sent,
    deps: {
      reportedFrames: async () => reported,
      send: async (_tabId: number, msg: { type: string }, frameId: number) => {
        sent.push([msg.type, frameId]);
        if (msg.type === 'script-unavailable') return true;
        if (!(frameId in answers)) throw new Error('Could not establish connection. Receiving end does not exist.');
        return answers[frameId];
      },
    },
  };
}

describe('a script chosen in the context menu', () => {
  const action = { tabId: 3, frameId: 7, mode: 'zh-TW' as const };

  it('goes to the top frame, the frame right-clicked and the frames that reported, with tell', async () => {
    const seen: unknown[] = [];
    const t = tab({ 0: true, 2: false, 7: false }, [2]);
    const send = (tabId: number, msg: { type: string }, frameId: number) => {
      seen.push({ tabId, msg, frameId });
      return t.deps.send(tabId, msg, frameId);
    };
    expect(await scriptFromMenu(action, { ...t.deps, send })).toBe(true);
    expect(seen).toEqual([0, 2, 7].map((frameId) => ({ tabId: 3, msg: { type: 'set-script', mode: 'zh-TW', tell: true }, frameId })));
  });

  it('when no frame could take it, the frame right-clicked says why, once', async () => {
    const t = tab({ 0: false, 7: false }, [4]);
    expect(await scriptFromMenu(action, t.deps)).toBe(false);
    expect(t.sent.filter(([type]) => type === 'script-unavailable')).toEqual([['script-unavailable', 7]]);
  });

  it('says nothing when a frame converted, or took it and failed (that frame says why itself)', async () => {
    for (const answers of [{ 0: false, 7: true }, { 0: { error: 'dictionary TWPhrases failed' }, 7: false }]) {
      const t = tab(answers, []);
      expect(await scriptFromMenu(action, t.deps)).toBe(true);
      expect(t.sent.some(([type]) => type === 'script-unavailable')).toBe(false);
    }
  });

  it('still asks the top frame and the clicked one when the frames could not be read', async () => {
    const t = tab({ 0: true }, []);
    expect(await scriptFromMenu(action, { ...t.deps, reportedFrames: () => Promise.reject(new Error('session storage')) })).toBe(true);
    expect(t.sent).toEqual([['set-script', 0], ['set-script', 7]]);
  });
});
