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

export function yieldToPage(doc: Document = document): Promise<void> {
  if (doc.visibilityState === 'hidden' || typeof requestAnimationFrame !== 'function') return viaMessage();
  // A frame, then a task after it; if the page is hidden meanwhile, no frame comes: the message
  // path wins the race.
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      doc.removeEventListener('visibilitychange', onHidden);
      resolve();
    };
    const onHidden = () => {
      if (doc.visibilityState === 'hidden') void viaMessage().then(finish);
    };
    doc.addEventListener('visibilitychange', onHidden);
    requestAnimationFrame(() => void viaMessage().then(finish));
    // A page out of sight may still say 'visible' (another window in front, a headless tab) and get
    // no frames: then a timer ends the wait.
    setTimeout(finish, 100);
  });
}
