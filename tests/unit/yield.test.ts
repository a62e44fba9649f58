import { afterEach, describe, expect, it, vi } from 'vitest';
import { viaMessage, yieldToPage } from '@/utils/dom/convert/yield';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('yieldToPage', () => {
  it('waits for a frame and says how long the page took to render it', async () => {
    let frame: FrameRequestCallback | null = null;
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => ((frame = cb), 1));
    let now = 1000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const p = yieldToPage(document);
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
    await expect(yieldToPage(document)).resolves.toBeNull();
    expect(raf).not.toHaveBeenCalled();
  });

  it('gives up waiting for a frame that does not come, measuring nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    vi.stubGlobal('requestAnimationFrame', () => 1);
    const p = yieldToPage(document);
    vi.advanceTimersByTime(100);
    await expect(p).resolves.toBeNull();
    vi.useRealTimers();
  });
});
