// The batches of a switch: the first screen alone (small, so it comes back fast), then the rest in
// chunks. The background converts one batch while the page writes the one before; each is read from
// the page only when it is sent, so no task reads a whole large page at once. Blocks converted ahead
// (prepare()) make batches of their own, ready at once. The first screen is written before anything
// else is read or sent, and gets a frame of its own: reading and sending 64 k characters takes the
// page 10-20 ms, which it would otherwise wait for. DOM code (it reads the blocks' nodes).
import { MAY_CONVERT } from '@/utils/core/convert/converters';
import type { TextBlock } from '@/utils/dom/text/model';

/** Text sent per message after the first screen: the page writes one batch while the next converts. */
export const BATCH_CHARS = 64_000;
/** The batch sent right after the first screen is written, before its frame: kept small. */
export const FIRST_BATCH_CHARS = 16_000;

/** A block as sent: its nodes, what they held, and the original text of each. */
export interface Sent {
  block: TextBlock;
  nodes: (Text | null)[];
  seen: string[];
  parts: string[];
}

/** A batch on its way: its blocks, whether it was converted ahead, and its new text to come. */
export interface Batch {
  sent: Sent[];
  ready: boolean;
  result: Promise<readonly (readonly string[])[]>;
}

export class SwitchBatches {
  private next = 0;
  /** sent, in order, not yet written */
  readonly inFlight: Batch[] = [];

  constructor(
    private readonly blocks: readonly TextBlock[],
    /** where the blocks past the first screen begin (0: no first screen) */
    private readonly nFirst: number,
    private readonly snapshot: (block: TextBlock) => Sent,
    /** the block's new text if it was converted ahead (and still holds what was converted) */
    private readonly ahead: (sent: Sent) => readonly string[] | null,
    private readonly request: (sent: readonly Sent[]) => Promise<string[][]>,
  ) {}

  /** Every block has gone into a batch. */
  get allTaken(): boolean {
    return this.next >= this.blocks.length;
  }

  /** Reads the next batch (about `maxChars` to send) from the page and sends it, unless none is left. */
  send(maxChars = BATCH_CHARS): void {
    const batch = this.make(maxChars);
    if (!batch) return;
    const result = batch.ready ? Promise.resolve(batch.ready) : this.request(batch.sent);
    // A failure surfaces where the batch is awaited; one not awaited must not go unhandled.
    result.catch(() => undefined);
    this.inFlight.push({ sent: batch.sent, ready: !!batch.ready, result });
  }

  /** A batch converted ahead carries its new text; one to send carries none. */
  private make(maxChars: number): { sent: Sent[]; ready: (readonly string[])[] | null } | null {
    const batch: Sent[] = [];
    const outs: (readonly string[])[] = [];
    let chars = 0;
    let ready: boolean | null = null;
    while (this.next < this.blocks.length) {
      const i = this.next;
      if (i === this.nFirst && i > 0 && batch.length) break;
      const s = this.snapshot(this.blocks[i]!);
      const text = s.parts.join('');
      const skip = !MAY_CONVERT.test(text) && s.seen.every((d, k) => d === s.parts[k]);
      const out = skip ? null : this.ahead(s);
      // A batch is all converted ahead or all to send.
      if (!skip && ready !== null && (out !== null) !== ready) break;
      this.next++;
      if (skip) continue;
      ready = out !== null;
      batch.push(s);
      if (out) outs.push(out);
      chars += text.length;
      // Ready text costs nothing to send.
      if (chars > (ready ? BATCH_CHARS : maxChars) && i >= this.nFirst) break;
    }
    return batch.length ? { sent: batch, ready: ready ? outs : null } : null;
  }
}
