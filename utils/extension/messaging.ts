// The one way to ask another context something. The reply is checked against the protocol
// (REPLY_CHECKS) before anyone reads it, so callers get a typed answer or an error, never `unknown`.
import { browser } from 'wxt/browser';
import { REPLY_CHECKS, type MessageOf, type MessageType, type Reply } from '@/utils/core/messages';

export class BadReply extends Error {
  constructor(type: MessageType) {
    super(`no valid answer to ${type}`);
  }
}

function checked<T extends MessageType>(type: T, res: unknown): Reply<T> {
  if (!REPLY_CHECKS[type](res)) throw new BadReply(type);
  return res as Reply<T>;
}

/** To the background (or the extension's pages). */
export async function send<T extends MessageType>(msg: MessageOf<T>): Promise<Reply<T>> {
  return checked(msg.type as T, await browser.runtime.sendMessage(msg));
}

/** To the content script of a tab. */
export async function sendToTab<T extends MessageType>(tabId: number, msg: MessageOf<T>): Promise<Reply<T>> {
  return checked(msg.type as T, await browser.tabs.sendMessage(tabId, msg));
}
