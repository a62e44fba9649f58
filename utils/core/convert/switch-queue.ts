// The page's script switches, one at a time and in the order asked. A newer one takes over: the
// one running is told to stop (it stops between two blocks and still does its own bookkeeping), and
// ones still waiting are dropped, so a second press on a long page does not wait for a whole
// conversion the reader no longer wants. Pure: no DOM.

export class SwitchQueue {
  private tail: Promise<void> = Promise.resolve();
  private asked = 0;

  /** `interrupt` tells the switch running, if any, to stop: a newer one was asked for. */
  constructor(private readonly interrupt: () => void) {}

  /**
   * Runs `task` once those asked for before it are done, unless a newer one is asked for first
   * (then it resolves without running); `task` is told whether a newer one was asked for since.
   * Rejects with the task's error, unless a newer one took over meanwhile: that one decides what
   * the page shows.
   */
  run(task: (superseded: () => boolean) => Promise<void>): Promise<void> {
    const ticket = ++this.asked;
    const superseded = () => ticket !== this.asked;
    this.interrupt();
    const run = this.tail.then(async () => {
      if (superseded()) return;
      try {
        await task(superseded);
      } catch (e) {
        if (!superseded()) throw e;
      }
    });
    // A failed switch must not block the next one.
    this.tail = run.catch(() => undefined);
    return run;
  }
}
