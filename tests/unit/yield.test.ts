import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameYielder, viaMessage } from '@/utils/dom/convert/yield';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('frameYielder', () => {
  it('waits for a frame and says how long the page took to render it', async () => {
    let frame: FrameRequestCallback | null = null;
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => ((frame = cb), 1));
    let now = 1000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const p = frameYielder(document)();
    await viaMessage();
    expect(frame).not.toBeNull();
    frame!(now);
    // What the browser does in the frame after its animation callbacks: 37 ms of style and layout.
    now += 37;
    await expect(p).resolves.toBe(37);
  });

  it('measures nothing on a hidden page: no frame comes there, a message goes on at once', async () => {
    const raf = vi.fn();
    vi.stubGlobal('requestAnimationFrame', raf);
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    await expect(frameYielder(document)()).resolves.toBeNull();
    expect(raf).not.toHaveBeenCalled();
  });

  it('gives up waiting for a frame that does not come, measuring nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    vi.stubGlobal('requestAnimationFrame', () => 1);
    const p = frameYielder(document)();
    vi.advanceTimersByTime(100);
    await expect(p).resolves.toBeNull();
    vi.useRealTimers();
  });
});

describe('frameYielder on a page that gets no frames', () => {
  it('stops waiting for frames after one did not come, and waits again once one does', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    const yielder = frameYielder(document);
    const first = yielder();
    vi.advanceTimersByTime(100);
    await expect(first).resolves.toBeNull();
    // No timer needed now: a message, at once.
    await expect(yielder()).resolves.toBeNull();
    await expect(yielder()).resolves.toBeNull();
    // One watch for frames at a time, besides the first wait.
    expect(frames.length).toBe(2);
    // A frame comes: the next yield waits for a frame again (and is not over before one).
    for (const cb of frames.splice(0)) cb(0);
    let over = false;
    const next = yielder().then(() => (over = true));
    await viaMessage();
    expect(over).toBe(false);
    expect(frames.length).toBe(1);
    frames[0]!(0);
    await next;
    expect(over).toBe(true);
    vi.useRealTimers();
  });
});
