// Customer side of the agent's presence on the page: the agent's pointer and click markers, and write mode.
// The overlay lives in a closed shadow root, which rrweb cannot see: it is not mirrored back to the agent.
// Write mode is checked here again (not only on the server): the page acts for the agent only while the
// customer's consent stands, never on submit buttons, masked fields or the co-browse controls.
import { MASK_SELECTOR, MIRROR, NO_AGENT_SELECTOR, SUBMIT_SELECTOR, ACTIONABLE_SELECTOR } from './wire.js';

const OVERLAY_CSS = `
  .pointer, .marker { position: fixed; pointer-events: none; transform: translate(-50%, -50%); }
  .pointer { width: 14px; height: 14px; border-radius: 50%; background: #d9480f; border: 2px solid #fff;
    box-shadow: 0 0 0 1px #d9480f; transition: left 60ms linear, top 60ms linear; }
  .pointer[hidden] { display: none; }
  .marker { width: 36px; height: 36px; border-radius: 50%; border: 3px solid #d9480f;
    animation: ping 1.2s ease-out forwards; }
  @keyframes ping { from { opacity: 1; transform: translate(-50%, -50%) scale(.4); }
    to { opacity: 0; transform: translate(-50%, -50%) scale(1.4); } }`;

function overlay() {
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;inset:0;pointer-events:none;z-index:2147483647';
  const root = host.attachShadow({ mode: 'closed' });
  root.innerHTML = `<style>${OVERLAY_CSS}</style><div class="pointer" hidden></div>`;
  document.documentElement.append(host);
  return { host, root, pointer: root.querySelector('.pointer') };
}

/**
 * Events: `mode` (detail: {mode}: 'view' | 'requested' | 'write'), `acted` (detail: {kind, ok, why?}).
 */
export class AgentPresence extends EventTarget {
  #session;
  #recorder;
  #log;
  #overlay;
  mode = 'view';

  constructor(session, recorder, { log = () => {} } = {}) {
    super();
    this.#session = session;
    this.#recorder = recorder;
    this.#log = log;
    session.listen(MIRROR.pointer, (p) => this.#point(p));
    session.listen(MIRROR.control, ({ mode }) => {
      this.mode = mode;
      this.dispatchEvent(new CustomEvent('mode', { detail: { mode } }));
    });
    session.listen(MIRROR.input, (action) => this.#act(action));
  }

  /** The customer's answer: 'accept' | 'decline' | 'revoke'. */
  answer(action) {
    return this.#session.send(MIRROR.control, { action });
  }

  stop() {
    this.#overlay?.host.remove();
    this.#overlay = undefined;
    this.mode = 'view';
  }

  #point({ x, y, click }) {
    this.#overlay ??= overlay();
    const { root, pointer } = this.#overlay;
    pointer.hidden = false;
    pointer.style.left = `${x}px`;
    pointer.style.top = `${y}px`;
    if (!click) return;
    const marker = document.createElement('div');
    marker.className = 'marker';
    marker.style.left = `${x}px`;
    marker.style.top = `${y}px`;
    marker.addEventListener('animationend', () => marker.remove());
    root.append(marker);
  }

  #act({ kind, id, value }) {
    const why = this.#refusal(kind, id);
    this.dispatchEvent(new CustomEvent('acted', { detail: { kind, ok: !why, why } }));
    if (why) return this.#log('agent action refused:', why);
    const target = this.#recorder.nodeOf(id).closest(ACTIONABLE_SELECTOR) ?? this.#recorder.nodeOf(id);
    if (kind === 'click') return target.click();
    target.value = value;
    target.dispatchEvent(new Event('input', { bubbles: true }));
    target.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #refusal(kind, id) {
    if (this.mode !== 'write') return 'write mode is off';
    const node = this.#recorder.nodeOf(id);
    if (!(node instanceof Element) || !node.isConnected) return 'no such element on the page';
    const target = node.closest(ACTIONABLE_SELECTOR) ?? node;
    if (target.closest(NO_AGENT_SELECTOR)) return 'the co-browse controls are the customer’s';
    if (target.matches(SUBMIT_SELECTOR)) return 'submit buttons are the customer’s';
    if (target.type === 'password' || target.closest(MASK_SELECTOR))
      return 'masked fields are the customer’s';
    if (kind === 'input' && !target.matches('input, textarea, select')) return 'not a field';
    return undefined;
  }
}
