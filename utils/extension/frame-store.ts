// Each frame's last status per tab, kept by the background for the badge, the popup and the side
// panel (the reader runs in every frame; a report may be in an iframe). An MV3 service worker is
// stopped after 30 s idle: the tables live in session storage (the browser's memory, gone when it
// quits, out of content scripts' reach), with this worker's copy in front of it. A frame reports
// only on change, so without them the popup after a restart would speak for the top frame.
import { storage } from '#imports';
import { bestOf, parseFrameTable, withFrame, type FrameRecord, type FrameTable } from '@/utils/core/reader/frames';

const keyOf = (tabId: number) => `session:frames:${tabId}` as const;

export class FrameStore {
  private readonly tabs = new Map<number, FrameTable | null>();
  /** One change at a time per tab: two frames reporting at once must not overwrite each other. */
  private readonly queues = new Map<number, Promise<unknown>>();

  /** Files a frame's status; answers the record the badge shows (that of the tab's best frame). */
  record(tabId: number, frameId: number, rec: FrameRecord): Promise<FrameRecord> {
    return this.serial(tabId, async () => {
      const table = withFrame(await this.table(tabId), frameId, rec);
      this.tabs.set(tabId, table);
      await storage.setItem(keyOf(tabId), table).catch(() => undefined);
      return table[bestOf(table)]!;
    });
  }

  /** The frame holding the tab's report (else its most Chinese frame); 0 when none has reported. */
  best(tabId: number): Promise<number> {
    return this.serial(tabId, async () => {
      const table = await this.table(tabId);
      return table ? bestOf(table) : 0;
    });
  }

  /** The ids of the tab's frames that have reported (the top frame's page may have left some behind). */
  frameIds(tabId: number): Promise<number[]> {
    return this.serial(tabId, async () => Object.keys((await this.table(tabId)) ?? {}).map(Number));
  }

  forget(tabId: number): Promise<void> {
    return this.serial(tabId, async () => {
      this.tabs.delete(tabId);
      await storage.removeItem(keyOf(tabId)).catch(() => undefined);
    });
  }

  private async table(tabId: number): Promise<FrameTable | null> {
    if (this.tabs.has(tabId)) return this.tabs.get(tabId)!;
    // A browser without session storage, or a failing one: this worker's memory only.
    const table = parseFrameTable(await storage.getItem(keyOf(tabId)).catch(() => null));
    this.tabs.set(tabId, table);
    return table;
  }

  private serial<T>(tabId: number, fn: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(tabId) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    this.queues.set(tabId, tail);
    void tail.then(() => {
      if (this.queues.get(tabId) === tail) this.queues.delete(tabId);
    });
    return run;
  }
}
