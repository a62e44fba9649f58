// Keeps a page from switching the reader off. WXT stops an older copy of a content script when a
// newer one announces itself with a DOM event on `document` (name `<extension id>:<entrypoint>:
// wxt:content-script-started`, detail {contentScriptName, messageId}). The page can dispatch that
// event too: the name holds only our public id. So we stop the event before WXT's listener sees it
// and act on it only when the announcer is real, which the page cannot fake:
//  - a newer copy of ours registered itself in this isolated world's registry, after us, or
//  - our own extension context is gone (the extension was reloaded or updated).

// A property of the isolated world's global object: the page's world has its own global and never sees it.
const REGISTRY_KEY = '__bilingualReaderInstances';

interface Registry {
  next: number;
  seq: Map<string, number>;
}

function registry(): Registry {
  const g = globalThis as unknown as Record<string, Registry | undefined>;
  let r = g[REGISTRY_KEY];
  if (!r) {
    r = { next: 1, seq: new Map() };
    Object.defineProperty(globalThis, REGISTRY_KEY, { value: r, enumerable: false, configurable: false, writable: false });
  }
  return r;
}

export interface GuardOptions {
  /** WXT's name for the announcement event */
  eventName: string;
  /** this copy's id, as WXT announces it (its messageId) */
  ownId: string;
  /** false once our extension context is gone */
  runtimeAlive: () => boolean;
  /** stops this copy (WXT's context invalidation) */
  invalidate: () => void;
  win?: Window;
}

/** Registers this copy and guards it; returns how to stop guarding. */
export function guardInstance(o: GuardOptions): () => void {
  const reg = registry();
  const mine = reg.next++;
  reg.seq.set(o.ownId, mine);
  const win = o.win ?? window;
  const onAnnounce = (e: Event) => {
    const id = announcedId(e);
    // Our own announcement (or a replay of it) stops nothing: WXT ignores its own id.
    if (id === o.ownId) return;
    // Window capture runs before WXT's listener on document: it never sees an unverified announcement.
    e.stopImmediatePropagation();
    // A real newer copy registers itself as its main() starts, right after announcing: look after that.
    setTimeout(() => {
      const theirs = id === null ? undefined : reg.seq.get(id);
      if (!o.runtimeAlive() || (theirs !== undefined && theirs > mine)) o.invalidate();
    }, 0);
  };
  win.addEventListener(o.eventName, onAnnounce, true);
  return () => win.removeEventListener(o.eventName, onAnnounce, true);
}

function announcedId(e: Event): string | null {
  try {
    const id = (e as CustomEvent<{ messageId?: unknown } | null>).detail?.messageId;
    return typeof id === 'string' ? id : null;
  } catch {
    // A detail from the page's world may not be readable here.
    return null;
  }
}
