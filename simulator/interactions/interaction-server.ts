// The interaction-server simulator: plays the softphone/desktop side of the local integration API. It
// reports chats (and their messages, transfers, timeouts, closes) to the app, and receives the attached data
// the app writes, applying each `writeId` once (a redelivery is acked again but not re-applied), so tests can
// count exactly what arrived. It names itself (`X-Cobrowse-App`, default `chat-desk`; `null`: unnamed, as
// clients written before names) on its WebSocket and its POSTs, so beside a softphone it receives only its own
// interactions' writes.
import WebSocket from 'ws';
import { createLogger, type Logger } from '../../common/logger';
import type { SourceEvent } from '../../common/source-events';
import { APP_HEADER, AttachedDataPush } from '../../common/local-api-wire';

export interface ChatMessage {
  from: 'customer' | 'agent' | 'system';
  text: string;
  at: number;
}

export interface SimInteraction {
  id: string;
  media: 'chat' | 'voice';
  customerName: string;
  state: 'active' | 'transferred' | 'timed-out' | 'closed';
  messages: ChatMessage[];
  /** Attached data as applied (each writeId once). */
  attachedData: Record<string, string>;
  writes: { writeId: string; data: Record<string, string> }[];
}

export class InteractionServerSim {
  readonly interactions = new Map<string, SimInteraction>();
  /** Every push received, duplicates included. */
  deliveries = 0;
  private readonly applied = new Set<string>();
  private ws: WebSocket | undefined;
  private api: { url: string; token: string } | undefined;
  private counter = 0;
  private readonly log: Logger;
  private readonly app: string | null;

  constructor(opts: { log?: Logger; app?: string | null } = {}) {
    this.log = (opts.log ?? createLogger({ scope: 'sim' })).child('interaction-server');
    this.app = opts.app === undefined ? 'chat-desk' : opts.app;
  }

  private headers(token: string): Record<string, string> {
    return { Authorization: `Bearer ${token}`, ...(this.app === null ? {} : { [APP_HEADER]: this.app }) };
  }

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Connects to the app's local API (`http://127.0.0.1:<port>`) with its bearer token. */
  async connect(api: { url: string; token: string }): Promise<void> {
    this.api = api;
    const ws = new WebSocket(`${api.url.replace(/^http/, 'ws')}/v1/ws`, { headers: this.headers(api.token) });
    // Listen before `open` resolves: the app pushes pending writes the moment the connection is up.
    ws.on('message', (raw) => this.onPush(ws, String(raw)));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.on('error', (err) => this.log.warn('websocket error', { error: err }));
    this.ws = ws;
  }

  /** Connects again to the API it was last connected to. */
  reconnect(): Promise<void> {
    if (!this.api) throw new Error('never connected');
    return this.connect(this.api);
  }

  /** Drops the WebSocket: the app sees its interaction source go down. */
  async disconnect(): Promise<void> {
    const ws = this.ws;
    this.ws = undefined;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close();
    });
  }

  async openChat(customerName = 'Customer', media: 'chat' | 'voice' = 'chat'): Promise<string> {
    this.counter += 1;
    const id = `${media}-${Date.now().toString(36)}-${this.counter}`;
    this.interactions.set(id, {
      id,
      media,
      customerName,
      state: 'active',
      messages: [],
      attachedData: {},
      writes: [],
    });
    await this.send({ type: 'interaction-added', interactionId: id, media, customerName });
    return id;
  }

  async say(id: string, from: ChatMessage['from'], text: string): Promise<void> {
    this.get(id).messages.push({ from, text, at: Date.now() });
    await this.send({ type: 'chat-message', interactionId: id, from, text });
  }

  async transfer(id: string, to?: string): Promise<void> {
    this.get(id).state = 'transferred';
    await this.send({ type: 'interaction-transferred', interactionId: id, ...(to ? { to } : {}) });
  }

  async handlingTimeout(id: string): Promise<void> {
    this.get(id).state = 'timed-out';
    await this.send({ type: 'handling-timeout', interactionId: id });
  }

  async close(id: string): Promise<void> {
    this.get(id).state = 'closed';
    await this.send({ type: 'interaction-closed', interactionId: id });
  }

  get(id: string): SimInteraction {
    const found = this.interactions.get(id);
    if (!found) throw new RangeError(`no interaction ${id}`);
    return found;
  }

  /** Posts events to `POST /v1/events`; throws with the API's error body on a refusal. */
  async send(events: SourceEvent | SourceEvent[]): Promise<void> {
    if (!this.api) throw new Error('not connected to the local API');
    const res = await fetch(`${this.api.url}/v1/events`, {
      method: 'POST',
      headers: { ...this.headers(this.api.token), 'Content-Type': 'application/json' },
      body: JSON.stringify(events),
    });
    if (res.status !== 202)
      throw new Error(`local API refused the events: ${res.status} ${await res.text()}`);
  }

  private onPush(ws: WebSocket, raw: string): void {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      this.log.warn('unparseable message from the app');
      return;
    }
    const push = AttachedDataPush.safeParse(json);
    if (!push.success) {
      this.log.warn('unexpected message from the app', { message: raw.slice(0, 200) });
      return;
    }
    const { interactionId, data, writeId } = push.data;
    this.deliveries += 1;
    if (!this.applied.has(writeId)) {
      this.applied.add(writeId);
      const target = this.interactions.get(interactionId);
      if (target) {
        Object.assign(target.attachedData, data);
        target.writes.push({ writeId, data: data as Record<string, string> });
      } else this.log.warn('attached data for an unknown interaction', { interactionId });
    }
    ws.send(JSON.stringify({ type: 'ack', writeId }));
  }
}
