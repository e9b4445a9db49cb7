// The demo customer page: starts a co-browse session, shows its token in large type, follows its state.
import { CobrowseSession, Roles } from './cobrowse-session.js';
import { debugLog, readHashOptions } from './page-options.js';
import { $, endedText, groupDigits, showError, showState } from './ui.js';

const log = debugLog(readHashOptions().debug);
const start = $('start');
const end = $('end');
const tokenBox = $('token-box');
const token = $('token');
const state = $('state');
const error = $('error');

let session;

start.addEventListener('click', async () => {
  start.disabled = true;
  showError(error, '');
  session = new CobrowseSession({ log });
  session.addEventListener('state', (e) => {
    showState(state, e.detail.state);
    end.hidden = e.detail.state !== 'idle' && e.detail.state !== 'active';
  });
  session.addEventListener('activated', () => showState(state, 'active', 'An agent is viewing this page'));
  session.addEventListener('deactivated', (e) => {
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
