// The demo customer page: starts a co-browse session, shows its token in large type, follows its state;
// once an agent is there, mirrors the page to them and asks the customer before the agent may type and click.
import { CobrowseSession, Roles } from './cobrowse-session.js';
import { AgentPresence } from './mirror/agent-presence.js';
import { MirrorRecorder } from './mirror/recorder.js';
import { debugLog, readHashOptions } from './page-options.js';
import { $, endedText, groupDigits, showError, showState } from './ui.js';

const log = debugLog(readHashOptions().debug);
const start = $('start');
const end = $('end');
const tokenBox = $('token-box');
const token = $('token');
const state = $('state');
const error = $('error');
const consent = $('consent');
const consentText = $('consent-text');
const allow = $('consent-allow');
const decline = $('consent-decline');
const revoke = $('consent-revoke');

const CONSENT_TEXT = {
  requested: 'Your agent asks to type and click on this page for you.',
  write: 'Your agent can type and click on this page (not submit it). Stop it at any time.',
};

let session;
let recorder;
let presence;

function showConsent(mode) {
  consent.hidden = mode === 'view';
  consentText.textContent = CONSENT_TEXT[mode] ?? '';
  allow.hidden = decline.hidden = mode !== 'requested';
  revoke.hidden = mode !== 'write';
}

/** Nothing leaves the page before an agent is there: recording starts on activation. */
function startMirror() {
  recorder = new MirrorRecorder(session, { log });
  presence = new AgentPresence(session, recorder, { log });
  presence.addEventListener('mode', (e) => showConsent(e.detail.mode));
  recorder.start();
}

function stopMirror() {
  recorder?.stop();
  presence?.stop();
  showConsent('view');
}

for (const [button, action] of [
  [allow, 'accept'],
  [decline, 'decline'],
  [revoke, 'revoke'],
])
  button.addEventListener('click', () =>
    presence?.answer(action).catch((err) => showError(error, `Could not answer: ${err.message}`)),
  );

start.addEventListener('click', async () => {
  start.disabled = true;
  showError(error, '');
  session = new CobrowseSession({ log });
  session.addEventListener('state', (e) => {
    showState(state, e.detail.state);
    end.hidden = e.detail.state !== 'idle' && e.detail.state !== 'active';
  });
  session.addEventListener('activated', () => {
    showState(state, 'active', 'An agent is viewing this page');
    startMirror();
  });
  session.addEventListener('deactivated', (e) => {
    stopMirror();
    showState(state, 'ended', endedText(e.detail.reason));
    start.disabled = false;
    start.textContent = 'Start a new co-browse session';
  });
  session.addEventListener('failure', (e) => showError(error, e.detail.message));
  try {
    const sessionToken = await session.create();
    await session.join(sessionToken, Roles.customer);
    token.dataset.token = sessionToken;
    token.textContent = groupDigits(sessionToken);
    tokenBox.hidden = false;
  } catch (err) {
    showError(error, `Could not start co-browsing: ${err.message}`);
    start.disabled = false;
  }
});

end.addEventListener('click', async () => {
  end.hidden = true;
  try {
    await session?.exit();
  } catch (err) {
    showError(error, `Could not end the session: ${err.message}`);
  }
});
