// Yielding between slices of page work. A page in front gets a frame between slices (so no frame
// has too much new text to lay out); a hidden page gets no frames and throttled timers (a timer
// fires at most once a second there), so it yields through a message instead and keeps full speed.

/** A task of its own, right away: timers are clamped (4 ms once nested) and throttled when hidden. */
export function viaMessage(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/**
 * Resolves when the page is idle (no input or frame work pending), or after `timeoutMs` at the
 * latest; where there is no requestIdleCallback, after a short wait (200 ms at most).
 */
export function whenIdle(timeoutMs = 250): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, Math.min(timeoutMs, 200));
  });
}

/**
 * A way to yield to the page, for one run of work (a conversion): in front, through the page's next
 * frame, resolving with how long that frame took to render (from its animation callbacks to the
 * first task after it: style, layout and paint); null when no frame was measured. A page out of
 * sight may still say 'visible' (another tab or window in front, a headless tab) and get no frames:
 * once a frame was waited for in vain, the next yields go by message, without waiting, until a
 * frame comes again.
 */
export function frameYielder(doc: Document = document): () => Promise<number | null> {
  let stalled = false;
  let watching = false;
  const watchForFrames = () => {
    if (watching) return;
    watching = true;
    requestAnimationFrame(() => {
      watching = false;
      stalled = false;
    });
  };
  return () => {
    if (doc.visibilityState === 'hidden' || typeof requestAnimationFrame !== 'function') return viaMessage().then(() => null);
    if (stalled) {
      watchForFrames();
      return viaMessage().then(() => null);
    }
    // A frame, then a task after it; if the page is hidden meanwhile, no frame comes: the message
    // path wins the race.
    return new Promise((resolve) => {
      let done = false;
      const finish = (renderMs: number | null) => {
        if (done) return;
        done = true;
        doc.removeEventListener('visibilitychange', onHidden);
        resolve(renderMs);
      };
      const onHidden = () => {
        if (doc.visibilityState === 'hidden') void viaMessage().then(() => finish(null));
      };
      doc.addEventListener('visibilitychange', onHidden);
      requestAnimationFrame(() => {
        const t = performance.now();
        void viaMessage().then(() => finish(performance.now() - t));
      });
      setTimeout(() => {
        if (done) return;
        stalled = true;
        finish(null);
      }, 100);
    });
  };
}
