// The text nodes a conversion wrote into: each one's original text, kept so that "Original"
// restores the page exactly, and a fingerprint of what we wrote (not the text itself: on a long
// page that would be a second copy of everything converted), to tell when the page rewrote a node
// itself. DOM code.
import type { TextBlock } from '@/utils/dom/text/model';
import { smallFingerprint } from '@/utils/core/text/fingerprint';

interface Written {
  original: string;
  written: number;
}

export class WrittenNodes {
  private readonly nodes = new Map<Text, Written>();

  /** The node's own text: what it held before we wrote into it, or what it holds now. */
  original(node: Text): string {
    return this.nodes.get(node)?.original ?? node.data;
  }

  /** True while the node shows text we wrote (not its own). */
  has(node: Text): boolean {
    return this.nodes.has(node);
  }

  /** We wrote `next` into a node whose own text is `original` (its own again: nothing to keep). */
  wrote(node: Text, original: string, next: string): void {
    if (next === original) this.nodes.delete(node);
    else this.nodes.set(node, { original, written: smallFingerprint(next) });
  }

  /**
   * The block's nodes, what they hold now, and their original text ("\n" for a <br>, which has no
   * node), once what the page itself wrote since is taken in (sync).
   */
  read(block: TextBlock): { nodes: (Text | null)[]; seen: string[]; parts: string[] } {
    this.sync(block);
    const nodes: (Text | null)[] = [];
    const seen: string[] = [];
    const parts: string[] = [];
    for (const seg of block.segments) {
      const node = seg.node;
      nodes.push(node);
      seen.push(node ? node.data : '\n');
      parts.push(node ? this.original(node) : '\n');
    }
    return { nodes, seen, parts };
  }

  /** Takes in what the page itself wrote into the block's nodes since our last write: that becomes their original. */
  sync(block: TextBlock): void {
    for (const seg of block.segments) {
      const node = seg.node;
      if (!node) continue;
      const w = this.nodes.get(node);
      if (w && smallFingerprint(node.data) !== w.written) this.nodes.delete(node);
    }
  }

  /** Drops what was kept for the blocks' nodes the page removed. */
  forgetRemoved(blocks: readonly TextBlock[]): void {
    for (const b of blocks) for (const seg of b.segments) if (seg.node && !seg.node.isConnected) this.nodes.delete(seg.node);
  }

  clear(): void {
    this.nodes.clear();
  }
}
