// The page-text model: the one walker over the page. Detection, glossary matching, conversion and
// highlights all read blocks and offsets from here, and every write we make to the page goes through
// `write()` so the mutation observer never mistakes our own changes for the page's. The walk and the
// blocks it makes are in blocks.ts, what kind of node a node is in nodes.ts, its quick looks before
// it is built (the probe's) in sample.ts.
import { Block, locateInBlock, sameNodes, Walk, type TextBlock, type WalkHost } from '@/utils/dom/text/blocks';
import { composedCompare, composedContains, composedParent, isBlockElement, isInsideSkipped, onlyOwnUi } from '@/utils/dom/text/nodes';

export type { Segment, TextBlock } from '@/utils/dom/text/blocks';

export interface BlockChange {
  removed: TextBlock[];
  added: TextBlock[];
}

export interface ModelOptions {
  /** Milliseconds of quiet before mutations are reported. */
  debounceMs?: number;
  /** Longest we let a stream of mutations postpone a report. */
  maxWaitMs?: number;
  /** Stop collecting after this many characters (protects against pathological pages). */
  maxChars?: number;
}

const OBSERVE_OPTS: MutationObserverInit = { childList: true, characterData: true, subtree: true };

export class PageTextModel implements WalkHost {
  readonly root: Node;
  blocks: TextBlock[] = [];
  /** True when collection stopped at `maxChars`. */
  truncated = false;
  private nextId = 1;
  private chars = 0;
  private readonly opts: Required<ModelOptions>;
  private observer: MutationObserver | null = null;
  /** inside write(): the observer is off until the outermost write ends */
  private writing = false;
  private shadowRoots = new Set<ShadowRoot>();
  private listeners = new Set<(change: BlockChange) => void>();
  private dirty = new Set<Node>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstDirtyAt = 0;
  private nodeIndex: WeakMap<Text, TextBlock> | null = null;
  private idIndex: Map<number, TextBlock> | null = null;
  /** True while buildAsync runs; mutation reports wait for it. */
  private building = false;

  constructor(root: Node, opts: ModelOptions = {}) {
    this.root = root;
    this.opts = { debounceMs: 150, maxWaitMs: 1000, maxChars: 20_000_000, ...opts };
  }

  /** Walks the whole root. Cheap to call again, but prefer the incremental updates from `observe()`. */
  build(): this {
    this.truncated = false;
    this.blocks = this.collect(this.root);
    this.nodeIndex = null;
    this.idIndex = null;
    return this;
  }

  /** Maps an offset within a block to the text node and offset in it (see locateInBlock). */
  locate(block: TextBlock, offset: number, preferEnd = false): { node: Text; offset: number } | null {
    return locateInBlock(block, offset, preferEnd);
  }

  /** Open shadow roots the model reads (for caret lookups that must enter them). */
  shadowRootList(): ShadowRoot[] {
    return [...this.shadowRoots];
  }

  /** The block with this id, if it is still in the model. */
  blockById(id: number): TextBlock | undefined {
    if (!this.idIndex) this.idIndex = new Map(this.blocks.map((b) => [b.id, b]));
    return this.idIndex.get(id);
  }

  /** Maps a position in a text node back to its block and block offset. */
  offsetOf(node: Text, offset: number): { block: TextBlock; offset: number } | null {
    if (!this.nodeIndex) {
      this.nodeIndex = new WeakMap();
      for (const b of this.blocks) for (const s of b.segments) if (s.node) this.nodeIndex.set(s.node, b);
    }
    const block = this.nodeIndex.get(node);
    if (!block) return null;
    const seg = block.segments.find((s) => s.node === node);
    if (!seg) return null;
    return { block, offset: seg.start + Math.min(Math.max(offset, 0), node.data.length) };
  }

  /** Subscribes to block changes caused by the page; returns an unsubscribe function. */
  onChange(listener: (change: BlockChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts watching the page. Mutations are debounced and reported per block. */
  observe(): void {
    if (this.observer || typeof MutationObserver === 'undefined') return;
    this.observer = new MutationObserver((records) => this.queue(records));
    this.observer.observe(this.root, OBSERVE_OPTS);
    for (const r of this.shadowRoots) this.observer.observe(r, OBSERVE_OPTS);
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.observer = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirty.clear();
  }

  /**
   * Runs `fn`, which changes the page on our behalf, without reporting its mutations. Pending page
   * mutations made before `fn` are kept; the ones `fn` causes are dropped. The caller refreshes the
   * blocks it touched with `refresh()`. The observer is off while `fn` runs, so the browser makes no
   * record of our writes at all (converting a long page writes tens of thousands of text nodes;
   * taking and dropping their records was a seventh of its script time).
   */
  write<T>(fn: () => T): T {
    const observer = this.observer;
    if (!observer || this.writing) return fn();
    this.queue(observer.takeRecords());
    observer.disconnect();
    this.writing = true;
    try {
      return fn();
    } finally {
      this.writing = false;
      observer.observe(this.root, OBSERVE_OPTS);
      for (const r of this.shadowRoots) observer.observe(r, OBSERVE_OPTS);
    }
  }

  /** Re-reads the text of blocks whose nodes we changed in place (no structural change). */
  refresh(blocks: Iterable<TextBlock>): void {
    for (const b of blocks) (b as Block).reread();
  }

  /** Processes pending mutations now instead of after the debounce (tests, and before a write). */
  flush(): BlockChange | null {
    if (this.observer) this.queue(this.observer.takeRecords(), false);
    if (this.building) return null; // buildAsync flushes when it ends
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.dirty.size === 0) return null;
    const change = this.rebuildDirty();
    if (change.added.length || change.removed.length) for (const l of this.listeners) l(change);
    return change;
  }

  // ---- internals ----

  /** Open shadow roots are invisible to an observer on the document: each gets observed on its own. */
  private trackShadowRoot(root: ShadowRoot): void {
    if (this.shadowRoots.has(root)) return;
    this.shadowRoots.add(root);
    this.observer?.observe(root, OBSERVE_OPTS);
  }

  private queue(records: MutationRecord[], schedule = true): void {
    for (const r of records) {
      const target = r.target;
      if (this.dirty.has(target)) continue;
      // Typing in a contenteditable, a textarea's text, our own UI: none of it is in a block.
      if (isInsideSkipped(target)) continue;
      if (r.type === 'childList' && onlyOwnUi(r)) continue;
      this.dirty.add(target);
    }
    if (this.dirty.size === 0 || !schedule) return;
    const now = Date.now();
    if (!this.timer) this.firstDirtyAt = now;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.opts.debounceMs, this.firstDirtyAt + this.opts.maxWaitMs - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  /** Nearest block-level composed ancestor of a node, or the root. */
  private containerOf(node: Node): Node {
    for (let n: Node | null = node; n; n = composedParent(n)) {
      if (n === this.root) return n;
      if (n.nodeType === 1 && isBlockElement(n as Element)) return n;
    }
    return this.root;
  }

  private rebuildDirty(): BlockChange {
    // Reduce dirty nodes to outermost containers, then re-collect each container's blocks.
    const containers: Node[] = [];
    // Text nodes among the targets: their data changed (a characterData record targets the node).
    const edited = new Set<Node>();
    for (const n of this.dirty) if (n.nodeType === 3) edited.add(n);
    for (const n of this.dirty) {
      const c = this.containerOf(n);
      if (!c.isConnected && c !== this.root) continue;
      containers.push(c);
    }
    this.dirty.clear();
    const outer = containers.filter((c) => !containers.some((o) => o !== c && composedContains(o, c)));
    const unique = [...new Set(outer)];
    const removed: TextBlock[] = [];
    const added: TextBlock[] = [];
    // Also drop blocks whose nodes left the document without their container being dirty-marked.
    for (const c of unique) {
      if (c === this.root) {
        removed.push(...this.blocks);
        this.blocks = this.collect(this.root);
        added.push(...this.blocks);
        break;
      }
      let first = -1;
      let last = -1;
      for (let i = 0; i < this.blocks.length; i++) {
        if (composedContains(c, this.blocks[i]!.element)) {
          if (first < 0) first = i;
          last = i;
        }
      }
      const fresh = this.collect(c);
      if (first < 0) {
        first = this.insertionIndex(c);
        last = first - 1;
      }
      const old = this.blocks.splice(first, last - first + 1, ...fresh);
      removed.push(...old);
      added.push(...fresh);
    }
    // Blocks detached by removal of a non-block ancestor.
    const gone = this.blocks.filter((b) => !b.element.isConnected);
    if (gone.length) {
      this.blocks = this.blocks.filter((b) => b.element.isConnected);
      removed.push(...gone);
    }
    this.nodeIndex = null;
    this.idIndex = null;
    // A block that came back with the same nodes, none of them edited, is not a change (its text is
    // read from those nodes: it is the same text).
    const unchanged = new Set<TextBlock>();
    for (const a of added) {
      if (a.segments.some((seg) => seg.node && edited.has(seg.node))) continue;
      const twin = removed.find((r) => r.element === a.element && r.length === a.length && sameNodes(r, a));
      if (twin) {
        unchanged.add(a);
        unchanged.add(twin);
        a.id = twin.id;
      }
    }
    return { removed: removed.filter((b) => !unchanged.has(b)), added: added.filter((b) => !unchanged.has(b)) };
  }

  private insertionIndex(node: Node): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (composedCompare(this.blocks[mid]!.element, node) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Collects the blocks under `start` (inclusive), in composed document order, in one go. */
  private collect(start: Node): TextBlock[] {
    const walk = this.walk(start);
    walk.run(() => false);
    return walk.out;
  }

  /**
   * Builds the model in slices of at most `sliceMs`, giving the main thread back between slices so
   * a very large page never freezes. Mutations during the build are caught by `observe()` later.
   */
  async buildAsync(sliceMs = 12, yieldTo: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0))): Promise<this> {
    this.truncated = false;
    this.building = true;
    try {
      const walk = this.walk(this.root);
      for (;;) {
        const deadline = performance.now() + sliceMs;
        if (walk.run(() => performance.now() > deadline)) break;
        await yieldTo();
      }
      this.blocks = walk.out;
      this.nodeIndex = null;
    this.idIndex = null;
    } finally {
      this.building = false;
    }
    // Changes made while we walked: the parts already walked may be stale, so re-read them now.
    this.flush();
    return this;
  }

  private walk(start: Node): Walk {
    this.chars = 0;
    return new Walk(start, this, (el) => this.blockAncestor(el));
  }

  /** Called by a walk: counts characters against `maxChars`; false means stop. */
  addChars(n: number): boolean {
    if (this.chars > this.opts.maxChars) {
      this.truncated = true;
      return false;
    }
    this.chars += n;
    return true;
  }

  newBlockId(): number {
    return this.nextId++;
  }

  /** Called by a walk for each open shadow root it enters. */
  enterShadowRoot(root: ShadowRoot): void {
    this.trackShadowRoot(root);
  }

  private blockAncestor(el: Element): Element {
    for (let n: Node | null = el; n; n = composedParent(n)) {
      if (n.nodeType === 1 && isBlockElement(n as Element)) return n as Element;
    }
    return el;
  }
}
