// The mirror's channels and limits, for the browser pages and (through wire.d.ts) the simulator's relay,
// whose schemas are in simulator/cluster/mirror-protocol.ts.

export const MIRROR = {
  events: '/service/mirror/events',
  sync: '/service/mirror/sync',
  snapshot: '/service/mirror/snapshot',
  pointer: '/service/mirror/pointer',
  control: '/service/mirror/control',
  input: '/service/mirror/input',
};

/** Characters per chunk of a batch (the node caps a mirror message's data at 30 000 JSON characters). */
export const CHUNK_CHARS = 12_000;

/** Elements whose text and input values never leave the customer's browser. */
export const MASK_SELECTOR = '[data-cobrowse-mask]';
/** Regions the agent may not act on in write mode (the co-browse controls themselves, the chat). */
export const NO_AGENT_SELECTOR = '[data-cobrowse-no-agent]';
/** Buttons that submit a form: the customer's alone, whatever the mode. */
export const SUBMIT_SELECTOR =
  'button[type="submit"], input[type="submit"], input[type="image"], form button:not([type])';
/** What an agent click acts on: the nearest actionable element around the clicked spot. */
export const ACTIONABLE_SELECTOR = 'a[href], button, input, select, textarea, label, summary';

/** rrweb's Meta event type: every full snapshot starts with one. */
export const META_EVENT = 4;

/** Splits a batch's JSON text in chunks of at most CHUNK_CHARS. */
export function chunksOf(text) {
  const chunks = [];
  for (let at = 0; at < text.length; at += CHUNK_CHARS) chunks.push(text.slice(at, at + CHUNK_CHARS));
  return chunks;
}
