// Small DOM helpers the two pages share.

export const $ = (id) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
};

const STATE_TEXT = {
  disconnected: 'Not connected',
  connecting: 'Connecting…',
  idle: 'Waiting for the agent',
  active: 'Co-browsing',
  ended: 'Session ended',
};

/** Shows a session state in a live region (its data-state drives the styling). */
export function showState(el, state, text = STATE_TEXT[state] ?? state) {
  el.dataset.state = state;
  el.textContent = text;
}

/** Shows (or clears, with '') an error in an alert region. */
export function showError(el, message) {
  el.textContent = message;
  el.hidden = !message;
}

const REASONS = {
  'customer-exit': 'the customer ended it',
  'agent-exit': 'the agent left',
  'controller-stop': 'the agent application stopped it',
  'inactivity-timeout': 'nobody was active for too long',
  'node-lost': 'the server was lost',
};
export const endedText = (reason) =>
  REASONS[reason] ? `Session ended: ${REASONS[reason]}` : 'Session ended';

/** `123456789` → `123 456 789`, easier to read aloud. */
export const groupDigits = (token) => token.replace(/(\d{3})(?=\d)/g, '$1 ');
