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
 * `deactivated` (detail: {activationTime?, deactivationTime, reason?}), `failure` (detail: {message}).
 * States: disconnected → connecting → idle | active → ended.
 */
export class CobrowseSession extends EventTarget {
  #cometd = new CometD();
  #base;
  #log;
  #state = 'disconnected';
  #userToken;
  token;
  users = [];

  constructor({ base = defaultBase, log = () => {} } = {}) {
    super();
    this.#base = base;
    this.#log = log;
    // The Co-browse simulator speaks long-polling only.
    this.#cometd.unregisterTransport('websocket');
    this.#cometd.configure({ url: new URL('cometd', base).href, logLevel: 'warn' });
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

  /** Leaves the session; for the customer or the agent this ends it for everyone. */
  async exit() {
    if (!this.#userToken) return;
    await this.#request(CHANNELS.exit, { userToken: this.#userToken });
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
