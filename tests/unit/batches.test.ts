// A switch's batches: the first screen alone, then chunks of about BATCH_CHARS to send; blocks
// converted ahead in batches of their own, ready at once; blocks with nothing to convert skipped.
import { describe, expect, it } from 'vitest';
import { BATCH_CHARS, SwitchBatches, type Sent } from '@/utils/dom/convert/batches';
import type { TextBlock } from '@/utils/dom/text/model';

/** Blocks holding these texts: a batch reads a block only through `snapshot`. */
const blocks = (texts: string[]) => texts.map((text, id) => ({ id, text }) as unknown as TextBlock & { text: string });
const snapshot = (b: TextBlock): Sent => {
  const t = (b as TextBlock & { text: string }).text;
  return { block: b, nodes: [null], seen: [t], parts: [t] };
};

describe('SwitchBatches', () => {
  it('sends the first screen alone, then the rest in chunks of about BATCH_CHARS; skips what cannot change', async () => {
    const big = '国'.repeat(BATCH_CHARS / 2 + 1);
    const bs = blocks(['国务院', '报告', 'latin only', big, big, big, '人民']);
    const sent: number[][] = [];
    const b = new SwitchBatches(bs, 2, snapshot, () => null, async (s) => (sent.push(s.map((x) => x.block.id)), s.map((x) => x.parts)));
    b.send();
    expect(sent).toEqual([[0, 1]]);
    expect(b.allTaken).toBe(false);
    b.send();
    b.send();
    expect(sent).toEqual([[0, 1], [3, 4], [5, 6]]);
    expect(b.allTaken).toBe(true);
    b.send();
    expect(b.inFlight.map((x) => x.ready)).toEqual([false, false, false]);
    expect(await b.inFlight[1]!.result).toEqual([[big], [big]]);
  });

  it('keeps blocks converted ahead in batches of their own, ready at once, and sends the others', async () => {
    const bs = blocks(['国', '家', '人', '民']);
    const ahead = (s: Sent) => (s.block.id % 2 === 0 ? [`${s.parts[0]}!`] : null);
    const sent: number[][] = [];
    const b = new SwitchBatches(bs, 0, snapshot, ahead, async (s) => (sent.push(s.map((x) => x.block.id)), s.map((x) => x.parts)));
    for (let i = 0; i < 4; i++) b.send();
    expect(b.inFlight.map((x) => [x.sent.map((s) => s.block.id), x.ready])).toEqual([[[0], true], [[1], false], [[2], true], [[3], false]]);
    expect(sent).toEqual([[1], [3]]);
    expect(await b.inFlight[0]!.result).toEqual([['国!']]);
  });
});
