// slave.html, the agent's view of a co-browse session. Hash options (protocol.md "Agent page"):
// nosidinput=1 hides the session-ID field, sid=<token> joins at once as agent, debug=1 logs to the console.
import { CobrowseSession, Roles } from './cobrowse-session.js';
import { debugLog, readHashOptions } from './page-options.js';
import { $, endedText, groupDigits, showError, showState } from './ui.js';
import { MirrorViewer } from './mirror/viewer.js';

const options = readHashOptions();
const log = debugLog(options.debug);
const form = $('join-form');
const input = $('sid');
const state = $('state');
const error = $('error');
const exit = $('exit');
const area = $('customer-area');
const participants = $('participants');
const placeholder = area.querySelector('.placeholder');
const tools = $('mirror-tools');
const stage = $('mirror-stage');
const sizeChoice = $('mirror-size');
const control = $('mirror-control');
const modeText = $('mirror-mode');

const MODE_TEXT = {
  view: 'Pointer mode: the customer sees your pointer and your clicks.',
  requested: 'Waiting for the customer to allow typing and clicking…',
  write: 'The customer allowed you to type and click (submit buttons stay theirs).',
};

const AREA_TEXT = {
  disconnected: "The customer's page appears here once you join their session.",
  connecting: 'Joining the session…',
  idle: 'Waiting for the session to start…',
  active: "You are co-browsing: the customer's page is shown here.",
  ended: 'The session has ended.',
};

let session;
let viewer;
const SEAT_RETRY_MS = 1_000;
/** How long a join refused for a held agent seat keeps retrying (the server's client timeout is ~10 s). */
const seatDeadline = Date.now() + 20_000;

addEventListener('pagehide', () => session?.leave());

/** The live mirror of the customer's page, once the session is active (the server keeps the snapshot). */
function startMirror() {
  viewer = new MirrorViewer(session, stage, { log });
  viewer.fit = sizeChoice.value === 'fit';
  viewer.addEventListener('shown', () => {
    placeholder.hidden = true;
    stage.hidden = false;
  });
  viewer.addEventListener('mode', (e) => showMode(e.detail.mode));
  viewer.addEventListener('refused', (e) => showError(error, `Co-browse: ${e.detail.message}`));
  area.classList.add('mirroring');
  tools.hidden = false;
  showMode('view');
  void viewer.sync();
}

function stopMirror() {
  viewer?.stop();
  viewer = undefined;
  tools.hidden = true;
  stage.hidden = true;
  placeholder.hidden = false;
  area.classList.remove('mirroring');
}

function showMode(mode) {
  modeText.textContent = MODE_TEXT[mode] ?? '';
  stage.dataset.mode = mode;
  control.textContent = mode === 'view' ? 'Ask to type and click' : 'Stop typing and clicking';
}

sizeChoice.addEventListener('change', () => {
  if (viewer) viewer.fit = sizeChoice.value === 'fit';
});
control.addEventListener('click', () => {
  viewer?.requestControl(viewer.mode === 'view').catch((err) => showError(error, err.message));
});

log('agent page loaded', { nosidinput: options.nosidinput, sid: options.sid, debug: options.debug });
form.hidden = options.nosidinput;

function renderParticipants(users) {
  participants.replaceChildren(
    ...users.map((u) => {
      const li = document.createElement('li');
      li.textContent = `${['', 'Customer', 'Agent', 'Agent application'][u.role] ?? 'User'}${u.name ? ` (${u.name})` : ''}`;
      return li;
    }),
  );
}

async function join(token) {
  if (session && session.state !== 'ended' && session.state !== 'disconnected') return;
  showError(error, '');
  session = new CobrowseSession({ log });
  session.addEventListener('state', (e) => {
    showState(state, e.detail.state);
    area.dataset.state = e.detail.state;
    placeholder.textContent = AREA_TEXT[e.detail.state] ?? AREA_TEXT.disconnected;
    exit.disabled = e.detail.state !== 'active' && e.detail.state !== 'idle';
    form.querySelector('button').disabled = e.detail.state === 'connecting' || e.detail.state === 'active';
  });
  session.addEventListener('joined', () => renderParticipants(session.users));
  session.addEventListener('deactivated', (e) => {
    showState(state, 'ended', endedText(e.detail.reason));
    exit.disabled = true;
    stopMirror();
  });
  session.addEventListener('failure', (e) => showError(error, e.detail.message));
  try {
    await session.join(token, Roles.agent);
    $('session-id').textContent = groupDigits(token);
    renderParticipants(session.users);
    startMirror();
  } catch (err) {
    log('join failed', err.code, err.message);
    // A reloaded view: its previous connection may still hold the agent seat until the server notices it
    // is gone (its client timeout). Retry for a while instead of failing the agent at once.
    if (err.code === 'forbidden' && Date.now() < seatDeadline) {
      showError(
        error,
        'The previous agent view of this session is still connected; joining as soon as it lets go…',
      );
      setTimeout(() => void join(token), SEAT_RETRY_MS);
      return;
    }
    const hint =
      err.code === 'not-owner' ? ' (this server does not host the session: check the stickiness cookie)' : '';
    showError(error, `Could not join: ${err.message}${hint}`);
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const token = input.value.replace(/\s/g, '');
  if (!/^\d{9}$/.test(token)) {
    input.setAttribute('aria-invalid', 'true');
    showError(error, 'A session ID is exactly 9 digits.');
    input.focus();
    return;
  }
  input.removeAttribute('aria-invalid');
  void join(token);
});

exit.addEventListener('click', async () => {
  exit.disabled = true;
  try {
    await session?.exit();
  } catch (err) {
    showError(error, `Could not exit: ${err.message}`);
    exit.disabled = false;
  }
});

window.addEventListener('hashchange', () => {
  const next = readHashOptions();
  form.hidden = next.nosidinput;
  if (next.sid) void join(next.sid);
});

if (options.sid) void join(options.sid);
