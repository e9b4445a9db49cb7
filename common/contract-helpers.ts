// The contract's plain functions, free of zod so that the sidebar's first paint needs none (the contract
// re-exports them; the renderer's build treats the schema modules as free of side effects).
import type { JoinPhase } from './contract';
import type { AgentPageZoom } from './settings-schema';

/** A co-browse session is under way, or about to be: no restart for an update, no change of connection. */
export const isLivePhase = (phase: JoinPhase): boolean => phase !== 'ended' && phase !== 'failed';

/**
 * The 9-digit session ID in what an agent typed or pasted: digits with spaces or dashes, a chat's
 * `{start:NNNNNNNNN}` message, or a `cobrowse-agent://join?sid=…` link. Null when none is there; main then
 * refuses the raw text with a specific error. Shared so the field's hint and main agree.
 */
export function normaliseSessionId(raw: string): string | null {
  const text = raw.trim();
  const wrapped = /^\{start:(\d{9})\}$/.exec(text) ?? /^cobrowse-agent:\/\/join\/?\?sid=(\d{9})$/i.exec(text);
  if (wrapped) return wrapped[1]!;
  const digits = text.replace(/[\s-]/g, '');
  return /^\d{9}$/.test(digits) ? digits : null;
}

/** A session ID as agents read it back to a customer: `123 456 789`; anything else quoted as typed. */
export const groupDigits = (id: string): string =>
  /^\d{9}$/.test(id) ? id.replace(/(\d{3})(?=\d)/g, '$1 ') : `“${id}”`;

/** The "Agent page zoom" setting as the factor both hosts apply (the desktop's zoom, the web frame's scale). */
export const zoomFactorOf = (zoom: AgentPageZoom): number => Number(zoom) / 100;
