// The demo page's chat box: a chat with the agent through the interaction-server simulator
// (`/sim/interactions/…`, same origin). "Share my screen with the agent" starts a co-browse session with the
// page's own Start button, then sends `{start:<token>}` in the chat, which makes the agent's app join. The
// chat ends as a day's chats do: "End chat", or the customer leaving the page (closed, reloaded, navigated).
const API = '/sim/interactions/chats';
const section = document.getElementById('chat');

section.classList.add('card');
section.innerHTML = `
  <h2 id="chat-title">Chat with an agent</h2>
  <ol id="chat-log" class="chat-log" aria-live="polite"></ol>
  <form id="chat-form">
    <label for="chat-text">Message</label>
    <input id="chat-text" autocomplete="off" maxlength="2000" />
    <button type="submit">Send</button>
  </form>
  <button id="chat-share" type="button" class="primary">Share my screen with the agent</button>
  <button id="chat-end" type="button" hidden>End chat</button>
  <p id="chat-status" class="muted" aria-live="polite"></p>
  <p id="chat-error" class="error" aria-live="assertive" hidden></p>`;
section.setAttribute('aria-labelledby', 'chat-title');

const log = document.getElementById('chat-log');
const form = document.getElementById('chat-form');
const input = document.getElementById('chat-text');
const share = document.getElementById('chat-share');
const end = document.getElementById('chat-end');
const status = document.getElementById('chat-status');
const error = document.getElementById('chat-error');
let chatId;

function line(text) {
  const li = document.createElement('li');
  li.textContent = text;
  log.append(li);
}

function fail(message) {
  error.textContent = message;
  error.hidden = !message;
}

async function call(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const reply = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(reply.message ?? `the chat server answered ${res.status}`);
  return reply;
}

async function openChat() {
  if (!chatId) {
    chatId = (await call(API, { customerName: 'Demo customer' })).interactionId;
    section.dataset.interactionId = chatId;
    status.textContent = 'Connected to an agent';
    end.hidden = false;
  }
  return chatId;
}

async function send(text) {
  const id = await openChat();
  await call(`${API}/${encodeURIComponent(id)}/messages`, { text });
}

/** The page's own co-browse start; resolves with the token once it shows. */
function startCobrowse() {
  const token = document.getElementById('token');
  return new Promise((resolve, reject) => {
    const done = () => {
      if (!token.dataset.token) return false;
      observer.disconnect();
      resolve(token.dataset.token);
      return true;
    };
    const observer = new MutationObserver(done);
    observer.observe(token, { attributes: true, attributeFilter: ['data-token'] });
    const start = document.getElementById('start');
    delete token.dataset.token;
    start.click();
    setTimeout(() => {
      observer.disconnect();
      reject(new Error('the co-browse session did not start'));
    }, 15_000);
  });
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  fail('');
  try {
    await send(text);
    line(`You: ${text}`);
    input.value = '';
  } catch (err) {
    fail(`Message not sent: ${err.message}`);
  }
});

share.addEventListener('click', async () => {
  share.disabled = true;
  fail('');
  try {
    await openChat();
    const token = await startCobrowse();
    await send(`{start:${token}}`);
    line('You asked the agent to see your screen.');
  } catch (err) {
    fail(`Could not share the screen: ${err.message}`);
  } finally {
    share.disabled = false;
  }
});

end.addEventListener('click', async () => {
  if (!chatId) return;
  fail('');
  try {
    await call(`${API}/${encodeURIComponent(chatId)}/close`);
    line('You ended the chat.');
    status.textContent = 'Chat ended';
    chatId = undefined;
    delete section.dataset.interactionId;
    end.hidden = true;
  } catch (err) {
    fail(`Could not end the chat: ${err.message}`);
  }
});

// Leaving the page ends its chat: a beacon, the one request a page going away may still send.
window.addEventListener('pagehide', () => {
  if (chatId) navigator.sendBeacon(`${API}/${encodeURIComponent(chatId)}/close`);
});
