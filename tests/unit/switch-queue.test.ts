// Script switches one at a time, the newest taking over (utils/core/convert/switch-queue.ts).
import { describe, expect, it } from 'vitest';
import { SwitchQueue } from '@/utils/core/convert/switch-queue';

/** A task that records when it starts and ends, and ends when released. */
function gated(name: string, log: string[], fail = false) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const task = async () => {
    log.push(`${name} starts`);
    await gate;
    log.push(`${name} ends`);
    if (fail) throw new Error(`${name} failed`);
  };
  return { task, release };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('SwitchQueue', () => {
  it('runs switches one at a time, in the order asked', async () => {
    const log: string[] = [];
    const q = new SwitchQueue(() => undefined);
    const a = gated('a', log);
    const done = q.run(a.task);
    await settle();
    expect(log).toEqual(['a starts']);
    a.release();
    await done;
    const b = gated('b', log);
    b.release();
    await q.run(b.task);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends']);
  });

  it('a newer switch tells the running one to stop, and drops those still waiting', async () => {
    const log: string[] = [];
    let interrupts = 0;
    const q = new SwitchQueue(() => interrupts++);
    const [a, b, c] = [gated('a', log), gated('b', log), gated('c', log)];
    const ran = [q.run(a.task)];
    await settle();
    ran.push(q.run(b.task), q.run(c.task));
    expect(interrupts).toBe(3);
    a.release();
    c.release();
    await Promise.all(ran);
    // b was asked for while a ran, then c came before b's turn: b never runs.
    expect(log).toEqual(['a starts', 'a ends', 'c starts', 'c ends']);
  });

  it('tells a switch whether a newer one was asked for while it ran', async () => {
    const q = new SwitchQueue(() => undefined);
    const seen: boolean[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = q.run(async (superseded) => {
      seen.push(superseded());
      await gate;
      seen.push(superseded());
    });
    await settle();
    const second = q.run(async (superseded) => {
      seen.push(superseded());
    });
    release();
    await Promise.all([first, second]);
    expect(seen).toEqual([false, true, false]);
  });

  it('a failed switch rejects and does not block the next; one taken over meanwhile does not reject', async () => {
    const log: string[] = [];
    const q = new SwitchQueue(() => undefined);
    const a = gated('a', log, true);
    const first = q.run(a.task);
    a.release();
    await expect(first).rejects.toThrow('a failed');
    const b = gated('b', log, true);
    const second = q.run(b.task);
    await settle();
    const c = gated('c', log);
    const third = q.run(c.task);
    b.release();
    c.release();
    await expect(second).resolves.toBeUndefined();
    await third;
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
  });
});
