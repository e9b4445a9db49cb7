// Deep links can arrive before anything can act on them (macOS `open-url` fires before `ready`; a cold
// start carries the link in argv). The inbox keeps them, in order, until the host says the window is
// ready and gives the handler, then delivers each one, and from then on delivers at once.
import { parseDeepLink, type DeepLink } from './parse';

export interface DeepLinkInbox {
  /** Accepts a raw link from any entry point; parses it now so a refusal is reported with the rest. */
  push(raw: string): void;
  /** The window can act: deliver what was queued to `deliver`, then everything as it comes. */
  ready(deliver: (link: DeepLink) => void): void;
}

/** More than this many links before the window exists is not a person clicking: keep the latest. */
const MAX_QUEUED = 10;

export function createDeepLinkInbox(): DeepLinkInbox {
  let deliver: ((link: DeepLink) => void) | null = null;
  const queue: DeepLink[] = [];
  return {
    push(raw) {
      const link = parseDeepLink(raw);
      if (deliver) return deliver(link);
      queue.push(link);
      if (queue.length > MAX_QUEUED) queue.shift();
    },
    ready(handler) {
      if (deliver) throw new Error('deep-link inbox: ready() was already called');
      deliver = handler;
      for (const link of queue.splice(0)) handler(link);
    },
  };
}
