// Agent side of the live mirror: replays the customer's rrweb events in rrweb's sandboxed iframe
// (sandbox="allow-same-origin": no script of the customer's page runs here), sized to the customer's
// viewport, scaled to fit or at actual size with scrollbars. It starts from the server's snapshot buffer
// (a late or reconnecting agent gets the whole page first), then applies the live batches in order; a gap
// in the sequence means something was lost, so it syncs again.
import { Replayer } from 'rrweb';
import { ACTIONABLE_SELECTOR, MASK_SELECTOR, META_EVENT, MIRROR, SUBMIT_SELECTOR } from './wire.js';

/** Fields the agent types into (forwarded as input); checkboxes and radios are forwarded as clicks. */
const TEXT_FIELD = 'textarea, select, input:not([type="checkbox"]):not([type="radio"])';
const isToggle = (el) => el.matches?.('input[type="checkbox"], input[type="radio"]');
/** Fields whose value is the customer's alone: locked in the mirror, refused on the customer's page too. */
const MASKED_FIELD = `input[type="password"], :is(input, textarea, select):is(${MASK_SELECTOR}, ${MASK_SELECTOR} *)`;
/** rrweb: an incremental snapshot (type 3) whose source 5 is an input's new value. */
const isInputEvent = (e) => e.type === 3 && e.data?.source === 5;

/**
 * Events: `shown` (the first snapshot is on screen), `mode` (detail: {mode}), `refused` (detail: {message}).
 */
export class MirrorViewer extends EventTarget {
  #session;
  #stage;
  #frame;
  #log;
  #replayer;
  #seq = 0;
  /** Live batches that arrive while a sync is under way; applied after it. */
  #held;
  #size = { width: 0, height: 0 };
  #fit = true;
  #pointerBusy = false;
  #pointerNext;
  /**
   * The latest echo held back while the agent types in that field. The customer's page records each value
   * the agent's typing applied and streams it back a round trip later: replaying it while the agent types on
   * would overwrite the field under their fingers and lose keystrokes. It is applied when the agent leaves.
   */
  #heldEcho;
  mode = 'view';

  constructor(session, stage, { log = () => {} } = {}) {
    super();
    this.#session = session;
    this.#stage = stage;
    this.#log = log;
    this.#frame = document.createElement('div');
    this.#frame.className = 'mirror-frame';
    stage.append(this.#frame);
    session.listen(MIRROR.events, (batch) => this.#live(batch));
    session.listen(MIRROR.control, ({ mode }) => this.#setMode(mode));
    session.addEventListener('reconnected', () => void this.sync());
    session.addEventListener('refused', (e) => {
      if (e.detail.channel.startsWith('/service/mirror/'))
        this.dispatchEvent(new CustomEvent('refused', { detail: { message: e.detail.message } }));
    });
    new ResizeObserver(() => this.#layout()).observe(stage);
    // Pointer mode: the iframe ignores the mouse, the frame around it reports it.
    this.#frame.addEventListener('mousemove', (e) => this.#pointerFromStage(e, false));
    this.#frame.addEventListener('click', (e) => this.#pointerFromStage(e, true));
  }

  /** Scale to fit the stage (true) or actual size with scrollbars (false). */
  set fit(on) {
    this.#fit = on;
    this.#layout();
  }

  /** Fetches the snapshot buffer and rebuilds the mirror from it. */
  async sync() {
    if (this.#held) return;
    this.#held = [];
    try {
      const { seq, events } = await this.#session.ask(MIRROR.sync, {});
      this.#log('mirror sync', { seq, events: events.length });
      this.#seq = seq;
      if (events.length) this.#rebuild(events);
    } catch (err) {
      this.dispatchEvent(new CustomEvent('refused', { detail: { message: err.message } }));
    } finally {
      const held = this.#held;
      this.#held = undefined;
      for (const batch of held) this.#live(batch);
    }
  }

  /** Agent: ask for (or give back) write mode. */
  requestControl(on) {
    return this.#session.send(MIRROR.control, { action: on ? 'request' : 'release' });
  }

  stop() {
    this.#replayer?.destroy();
    this.#replayer = undefined;
    this.#heldEcho = undefined;
  }

  #live(batch) {
    if (this.#held) return void this.#held.push(batch);
    if (batch.seq <= this.#seq) return;
    const restarts = batch.events.some((e) => e.type === META_EVENT);
    if (this.#seq && batch.seq !== this.#seq + 1 && !restarts) {
      this.#log('mirror gap', this.#seq, '→', batch.seq);
      return void this.sync();
    }
    this.#seq = batch.seq;
    if (restarts) {
      const at = batch.events.findLastIndex((e) => e.type === META_EVENT);
      return this.#rebuild(batch.events.slice(at));
    }
    if (!this.#replayer) return; // increments before any snapshot: nothing to apply them to
    // Played as they arrive (next frame), not at the customer's pace: this is a live view.
    const now = Date.now();
    for (const event of batch.events)
      if (!this.#holdsEcho(event)) this.#replayer.addEvent({ ...event, timestamp: now });
  }

  /** A new value for the text field the agent is typing in: the agent's own value stays on screen. */
  #holdsEcho(event) {
    if (!isInputEvent(event)) return false;
    const focused = this.#replayer.iframe.contentDocument?.activeElement;
    if (!focused?.matches?.(TEXT_FIELD) || this.#replayer.getMirror().getId(focused) !== event.data.id)
      return false;
    this.#heldEcho = { node: focused, text: event.data.text };
    return true;
  }

  /** A new replayer from a Meta event on: these events are cast at once (they are in the past). */
  #rebuild(events) {
    this.#replayer?.destroy();
    const replayer = new Replayer([], {
      root: this.#frame,
      liveMode: true,
      mouseTail: false,
      useVirtualDom: false,
      showWarning: false,
      triggerFocus: false,
    });
    this.#replayer = replayer;
    replayer.on('resize', ({ width, height }) => {
      this.#size = { width, height };
      this.#layout();
    });
    replayer.on('fullsnapshot-rebuilded', () => this.#guardDocument());
    const now = Date.now();
    replayer.startLive(now);
    for (const event of events) replayer.addEvent({ ...event, timestamp: now - 1 });
    replayer.iframe.title = "Customer's page";
    this.#applyMode();
    this.dispatchEvent(new CustomEvent('shown'));
  }

  #layout() {
    const { width, height } = this.#size;
    if (!width || !height) return;
    const scale = this.#fit
      ? Math.min(1, this.#stage.clientWidth / width, this.#stage.clientHeight / height)
      : 1;
    this.#stage.dataset.fit = String(this.#fit);
    Object.assign(this.#frame.style, {
      width: `${width}px`,
      height: `${height}px`,
      transform: `scale(${scale})`,
    });
    this.#frame.dataset.scale = scale.toFixed(3);
  }

  #setMode(mode) {
    this.mode = mode;
    this.#applyMode();
    this.dispatchEvent(new CustomEvent('mode', { detail: { mode } }));
  }

  #applyMode() {
    if (!this.#replayer) return;
    if (this.mode === 'write') this.#replayer.enableInteract();
    else this.#replayer.disableInteract();
  }

  /** On every rebuilt document: submit buttons disabled for the agent, and the write-mode listeners. */
  #guardDocument() {
    const doc = this.#replayer?.iframe.contentDocument;
    if (!doc) return;
    const guard = () => {
      for (const b of doc.querySelectorAll(SUBMIT_SELECTOR)) if (!b.disabled) b.disabled = true;
      for (const f of doc.querySelectorAll(MASKED_FIELD)) {
        if (f.readOnly) continue;
        f.readOnly = true;
        f.placeholder = 'hidden from you';
        f.title = 'Hidden from you: only the customer can see and fill this field';
      }
    };
    guard();
    new MutationObserver(guard).observe(doc, { subtree: true, childList: true, attributes: true });
    // Inside the iframe the coordinates are already the customer's (the iframe is their viewport).
    doc.addEventListener('mousemove', (e) => this.#pointer(e.clientX, e.clientY, false));
    doc.addEventListener('input', (e) => !isToggle(e.target) && this.#forward('input', e.target), true);
    doc.addEventListener('focusout', (e) => {
      const held = this.#heldEcho;
      this.#heldEcho = undefined;
      // Once the agent is done the page's value shows again (echoes still on their way keep it current).
      if (held?.node === e.target && e.target.value !== held.text) e.target.value = held.text;
    });
    doc.addEventListener(
      'click',
      (e) => {
        // The mirror never navigates or toggles by itself: the customer's page does, and it is mirrored back.
        e.preventDefault();
        this.#pointer(e.clientX, e.clientY, true);
        const target = e.target.closest?.(ACTIONABLE_SELECTOR) ?? e.target;
        if (!target.matches?.(SUBMIT_SELECTOR) && !target.matches?.(TEXT_FIELD))
          this.#forward('click', target);
      },
      true,
    );
  }

  #forward(kind, target) {
    if (this.mode !== 'write') return;
    const id = this.#replayer?.getMirror().getId(target);
    if (!id || id < 0) return;
    if (target.matches?.(MASKED_FIELD)) return;
    const action = kind === 'input' ? { kind, id, value: String(target.value ?? '') } : { kind, id };
    this.#session.send(MIRROR.input, action).catch((err) => this.#log('input not sent', err.message));
  }

  #pointerFromStage(e, click) {
    const rect = this.#replayer?.iframe.getBoundingClientRect();
    if (!rect || !this.#size.width) return;
    const scale = rect.width / this.#size.width;
    this.#pointer((e.clientX - rect.left) / scale, (e.clientY - rect.top) / scale, click);
  }

  /** One pointer message in flight at most; moves in between collapse to the latest (clicks are kept). */
  #pointer(x, y, click) {
    const next = { x: Math.round(x), y: Math.round(y), ...(click ? { click } : {}) };
    if (this.#pointerBusy) {
      if (!this.#pointerNext?.click) this.#pointerNext = next;
      return;
    }
    this.#pointerBusy = true;
    this.#session
      .send(MIRROR.pointer, next)
      .catch((err) => this.#log('pointer not sent', err.message))
      .finally(() => {
        this.#pointerBusy = false;
        const queued = this.#pointerNext;
        this.#pointerNext = undefined;
        if (queued) this.#pointer(queued.x, queued.y, queued.click);
      });
  }
}
