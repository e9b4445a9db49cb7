// Which co-browse requests are new between two states, for a notification (the desktop's Electron one, the
// web edition's browser one): a chat's `{start:…}` that started a new co-browse attempt, or a request now
// waiting on an interaction because another session is live. Only new ones count, so a state push never
// announces the same request twice. Each host words them itself (main in English, the page in its locale).
import type { AppState } from './contract';

export interface NewCobrowseRequest {
  /** The new attempt's session id, or `request:<interaction id>` for a waiting request. */
  key: string;
  /** `attempt`: a chat's request is being joined now; `waiting`: it waits for the agent's answer. */
  kind: 'attempt' | 'waiting';
  interactionId: string;
  customerName: string;
}

type View = Pick<AppState, 'sessions' | 'interactions'>;

export function newCobrowseRequests(prev: View, next: View): NewCobrowseRequest[] {
  const seen = new Set(prev.sessions.map((s) => s.id));
  const waited = new Map(prev.interactions.map((i) => [i.id, i.cobrowseRequest?.at]));
  const waiting = next.interactions
    .filter((i) => i.cobrowseRequest && waited.get(i.id) !== i.cobrowseRequest.at)
    .map((i) => ({
      key: `request:${i.id}`,
      kind: 'waiting' as const,
      interactionId: i.id,
      customerName: i.customerName,
    }));
  const attempts = next.sessions
    .filter((s) => !seen.has(s.id) && s.phase !== 'ended' && s.phase !== 'failed')
    .flatMap((s) => {
      const chat = next.interactions.find((i) => i.id === s.interactionId && i.media === 'chat');
      return chat
        ? [{ key: s.id, kind: 'attempt' as const, interactionId: chat.id, customerName: chat.customerName }]
        : [];
    });
  return [...attempts, ...waiting];
}
