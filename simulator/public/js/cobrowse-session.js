// One page's co-browse session over CometD (protocol.md): REST create, handshake, join, exit, and the
// server's notifications as DOM events. No UI here; the pages listen to the events.
import { CometD } from 'cometd';

const CHANNELS = {
  join: '/service/session/join',
  exit: '/service/session/exit',
  joined: '/service/session/joined',
  activated: '/service/session/activated',
  deactivated: '/service/session/deactivated',
};

/** `/cobrowse/`, wherever this module is served from (a proxy may add a prefix). */
const defaultBase = new URL('../', import.meta.url);

export class SessionError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * Events: `state` (detail: {state}), `joined` (detail: user), `activated` (detail: {activationTime}),
 * `deactivated` (detail: {activationTime?, deactivationTime, reason?}), `failure` (detail: {message}),
 * `reconnected` (the connection came back; after a re-handshake the page has re-joined with a new user
 * token), `refused` (detail: {channel, code, message}: the server refused something sent with send()).
 * States: disconnected → connecting → idle | active → ended.
 */
export class CobrowseSession extends EventTarget {
  #cometd = new CometD();
  #base;
  #log;
  #state = 'disconnected';
  #userToken;
  #role;
  #connected = false;
  #handshakes = 0;
  token;
  users = [];

  constructor({ base = defaultBase, log = () => {} } = {}) {
    super();
    this.#base = base;
    this.#log = log;
    // The Co-browse simulator speaks long-polling only.
    this.#cometd.unregisterTransport('websocket');
    // Mirror chunks (mirror/wire.js) are bigger than the client's default 8 KB message cap.
    this.#cometd.configure({
      url: new URL('cometd', base).href,
      logLevel: 'warn',
      maxSendBayeuxMessageSize: 30_000,
    });
    this.#cometd.addListener('/meta/connect', (m) => {
      const was = this.#connected;
      this.#connected = m.successful === true;
      if (!was && this.#connected && this.#userToken && this.#isLive()) {
        this.#log('connection back');
        this.#emit('reconnected', {});
      }
    });
    // A re-handshake means the server forgot this client (and its membership): join again.
    this.#cometd.addListener('/meta/handshake', (m) => {
      if (m.successful && ++this.#handshakes > 1 && this.#userToken && this.#isLive()) void this.#rejoin();
    });
    this.#cometd.addListener('/meta/unsuccessful', (m) => {
      this.#log('CometD failure', m.channel, m.error ?? m.failure?.reason ?? '');
      if (this.#state === 'idle' || this.#state === 'active')
        this.#emit('failure', { message: 'Connection to the co-browse server lost; retrying…' });
    });
    this.#cometd.addListener(CHANNELS.joined, (m) => {
      this.users.push(m.data);
      this.#log('user joined', m.data);
      this.#emit('joined', m.data);
    });
    this.#cometd.addListener(CHANNELS.activated, (m) => {
      this.#log('session activated', m.data);
      this.#setState('active');
      this.#emit('activated', m.data);
    });
    this.#cometd.addListener(CHANNELS.deactivated, (m) => {
      this.#log('session deactivated', m.data);
      this.#setState('ended');
      this.#emit('deactivated', m.data);
      // protocol.md: on deactivation every client disconnects; no exit needed.
      this.#cometd.disconnect();
    });
  }

  get state() {
    return this.#state;
  }

  /** Customer: creates a session over REST (the node sets the stickiness cookie); resolves to its token. */
  async create() {
    const res = await fetch(new URL('rest/live/sessions', this.#base), {
      method: 'POST',
      credentials: 'same-origin',
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok)
      throw new SessionError(body.error ?? 'http-error', body.message ?? `create failed (${res.status})`);
    this.#log('session created', body.sessionToken, 'on', body.sessionServerName);
    return body.sessionToken;
  }

  /** Connects and joins `token` in `role` (1 customer, 2 agent); resolves to the join reply. */
  async join(token, role, name) {
    this.#setState('connecting');
    try {
      await this.#handshake();
      const reply = await this.#request(CHANNELS.join, {
        sessionToken: token,
        role,
        ...(name ? { name } : {}),
      });
      this.token = token;
      this.#role = role;
      this.#userToken = reply.userToken;
      this.users = reply.users;
      this.#log('joined as role', role, 'users', reply.users);
      // The agent's own join activates the session; the notification may already have set 'active'.
      if (this.#state === 'connecting') this.#setState(role === 2 ? 'active' : 'idle');
      return reply;
    } catch (err) {
      this.#cometd.disconnect();
      this.#setState('disconnected');
      throw err;
    }
  }

  /** Publishes `data` plus this user's token on a service channel; resolves once the server has it. */
  send(channel, data) {
    return new Promise((resolve, reject) => {
      if (!this.#userToken) return reject(new SessionError('not-joined', 'Not in a session.'));
      this.#cometd.publish(channel, { userToken: this.#userToken, ...data }, (ack) =>
        ack.successful ? resolve() : reject(new SessionError('publish-failed', 'The server did not get it.')),
      );
    });
  }

  /** Like send(), then waits for the server's reply on the same channel. */
  ask(channel, data) {
    return this.#request(channel, { userToken: this.#userToken, ...data });
  }

  /** Calls `fn(data)` for every server message on `channel`; refusals become `refused` events instead. */
  listen(channel, fn) {
    this.#cometd.addListener(channel, (m) => {
      if (m.data && typeof m.data.error === 'string') {
        this.#log('refused', channel, m.data.error, m.data.message);
        this.#emit('refused', { channel, code: m.data.error, message: m.data.message });
      } else if (m.data !== undefined) fn(m.data);
    });
  }

  /** Leaves the session; for the customer or the agent this ends it for everyone. */
  async exit() {
    if (!this.#userToken) return;
    await this.#request(CHANNELS.exit, { userToken: this.#userToken });
  }

  /**
   * The page is going away (reload, closed view): drop the connection without ending the session, so the
   * server frees this seat at once instead of after its client timeout.
   */
  leave() {
    if (this.#isLive()) this.#cometd.disconnect();
  }

  #isLive() {
    return this.#state === 'idle' || this.#state === 'active';
  }

  async #rejoin() {
    try {
      const reply = await this.#request(CHANNELS.join, { sessionToken: this.token, role: this.#role });
      this.#userToken = reply.userToken;
      this.users = reply.users;
      this.#log('re-joined after a re-handshake');
      this.#emit('reconnected', {});
    } catch (err) {
      this.#log('re-join failed', err.code);
      this.#emit('failure', { message: `Lost the session: ${err.message}` });
    }
  }

  #handshake() {
    return new Promise((resolve, reject) => {
      this.#cometd.handshake((reply) => {
        if (reply.successful) return resolve();
        this.#cometd.disconnect();
        reject(new SessionError('handshake-failed', 'Cannot reach the co-browse server.'));
      });
    });
  }

  /** Publishes and waits for the reply on the same channel (protocol.md: errors come as {error, message}). */
  #request(channel, data, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      let handle;
      const timer = setTimeout(() => {
        this.#cometd.removeListener(handle);
        reject(new SessionError('timeout', 'The co-browse server did not answer.'));
      }, timeoutMs);
      handle = this.#cometd.addListener(channel, (m) => {
        clearTimeout(timer);
        this.#cometd.removeListener(handle);
        if (m.data && typeof m.data.error === 'string')
          reject(new SessionError(m.data.error, m.data.message));
        else resolve(m.data);
      });
      this.#log('publish', channel);
      this.#cometd.publish(channel, data, (ack) => {
        if (ack.successful) return;
        clearTimeout(timer);
        this.#cometd.removeListener(handle);
        reject(new SessionError('publish-failed', 'The message did not reach the co-browse server.'));
      });
    });
  }

  #setState(state) {
    if (state === this.#state) return;
    this.#state = state;
    this.#emit('state', { state });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

export const Roles = { customer: 1, agent: 2, controller: 3 };
