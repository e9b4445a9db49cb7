// Customer side of the live mirror: records the page with rrweb and streams the events to the agent over
// the co-browse session. Masking happens here, before anything is sent: password inputs and anything inside
// [data-cobrowse-mask] are replaced, so their text never leaves the browser. Batches go one at a time (the
// next one after the server has the previous), which batches events under load and keeps messages small.
import { record } from 'rrweb';
import { chunksOf, MASK_SELECTOR, MIRROR } from './wire.js';

const HIDDEN = '••••••';
// rrweb calls maskInputFn only for the types listed here: list every type, decide per element below.
const INPUT_TYPES = [
  'color',
  'date',
  'datetime-local',
  'email',
  'month',
  'number',
  'password',
  'range',
  'search',
  'select',
  'tel',
  'text',
  'textarea',
  'time',
  'url',
  'week',
];

/** A masked input shows a fixed mask (not one star per character: the length is not leaked either). */
export const maskInput = (text, el) =>
  el?.type === 'password' || el?.closest?.(MASK_SELECTOR) ? (text ? HIDDEN : '') : text;

export class MirrorRecorder {
  #session;
  #log;
  #stop;
  #queue = [];
  #sending = false;
  #seq = 0;

  constructor(session, { log = () => {} } = {}) {
    this.#session = session;
    this.#log = log;
    session.listen(MIRROR.snapshot, () => this.#snapshot('the server asked for one'));
    // Batches sent while the connection was down may be lost: start the agent over from a whole page.
    session.addEventListener('reconnected', () => this.#snapshot('connection back'));
    session.addEventListener('refused', (e) => {
      if (e.detail.channel === MIRROR.events) this.#snapshot(`a batch was refused: ${e.detail.code}`);
    });
  }

  get recording() {
    return this.#stop !== undefined;
  }

  start() {
    if (this.#stop) return;
    this.#stop = record({
      emit: (event) => this.#push(event),
      maskInputOptions: Object.fromEntries(INPUT_TYPES.map((t) => [t, true])),
      maskInputFn: maskInput,
      maskTextSelector: MASK_SELECTOR,
      recordCanvas: false,
      collectFonts: false,
      // Every keystroke (not input: 'last', which waits for change events): the agent follows as it types.
      sampling: { mousemove: 50, scroll: 100 },
    });
    this.#log('mirror recording');
  }

  stop() {
    this.#stop?.();
    this.#stop = undefined;
    this.#queue = [];
  }

  /** The page element behind an rrweb node id (the agent names nodes by these ids). */
  nodeOf(id) {
    return record.mirror.getNode(id);
  }

  #snapshot(why) {
    if (!this.#stop) return;
    this.#log('mirror full snapshot:', why);
    this.#queue = [];
    record.takeFullSnapshot(true);
  }

  #push(event) {
    this.#queue.push(event);
    if (!this.#sending) void this.#drain();
  }

  async #drain() {
    this.#sending = true;
    try {
      while (this.#queue.length) {
        const batch = this.#queue;
        this.#queue = [];
        const seq = ++this.#seq;
        const chunks = chunksOf(JSON.stringify(batch));
        for (const [i, chunk] of chunks.entries())
          await this.#session.send(MIRROR.events, { seq, last: i === chunks.length - 1, chunk });
      }
    } catch (err) {
      // Lost on the way; the reconnection (or the server) asks for a fresh snapshot.
      this.#log('mirror batch not sent', err.code ?? err.message);
    } finally {
      this.#sending = false;
    }
  }
}
