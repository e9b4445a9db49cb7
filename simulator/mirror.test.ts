// The live mirror relay over real HTTP and CometD through the balancer: chunked batches reassembled and
// relayed to the agent, the snapshot buffer for a late agent, role checks, and write mode only on consent.
import { describe, expect, it } from 'vitest';
import { Role } from '../common/protocol';
import {
  ControlNotice,
  EventsNotice,
  MIRROR_CHUNK_CHARS,
  MIRROR_DATA_BYTES,
  mirrorChannels,
  PointerNotice,
  SyncReply,
} from './cluster/mirror-protocol';
import type { TestClient } from './test-support/cometd-client';
import { useSimulator } from './test-support/session-setup';

const fx = useSimulator({ nodes: 2 });

const meta = (t: number) => ({ type: 4, timestamp: t, data: { href: 'http://x/', width: 800, height: 600 } });
// A full snapshot bigger than one chunk, so the batch has to be reassembled.
const full = (t: number) => ({ type: 2, timestamp: t, data: { node: { text: 'x'.repeat(30_000) } } });
const increment = (t: number, text: string) => ({
  type: 3,
  timestamp: t,
  data: { source: 0, texts: [text] },
});

/** Sends one batch the way the customer page does: chunks in order, each after the previous one's ack. */
async function sendBatch(client: TestClient, userToken: string, seq: number, events: unknown[]) {
  const text = JSON.stringify(events);
  for (let at = 0; at < text.length; at += MIRROR_CHUNK_CHARS) {
    const chunk = text.slice(at, at + MIRROR_CHUNK_CHARS);
    const last = at + MIRROR_CHUNK_CHARS >= text.length;
    await new Promise<void>((resolve, reject) =>
      client.cometd.publish(mirrorChannels.events, { userToken, seq, last, chunk }, (ack) =>
        ack.successful ? resolve() : reject(new Error(`publish failed: ${JSON.stringify(ack)}`)),
      ),
    );
  }
}

async function session() {
  const { sessionToken, sessionServerName, customer, joined } = await fx.customerSession();
  // Chunks are bigger than the cometd client's default 8 KB message cap; the customer page raises it too.
  customer.cometd.configure({
    url: customer.cometd.getURL() ?? '',
    maxSendBayeuxMessageSize: MIRROR_DATA_BYTES,
  });
  const joinAgent = () => fx.member(sessionToken, sessionServerName, Role.agent);
  return { customer, customerToken: joined.userToken, joinAgent };
}

describe('mirror relay', () => {
  it('a late agent syncs from the last full snapshot, then gets the live batches in order', async () => {
    const { customer, customerToken, joinAgent } = await session();
    await sendBatch(customer, customerToken, 1, [meta(1), full(2)]);
    await sendBatch(customer, customerToken, 2, [increment(3, 'typed')]);
    // A second snapshot replaces the first in the buffer.
    await sendBatch(customer, customerToken, 3, [increment(4, 'old'), meta(5), full(6)]);
    await sendBatch(customer, customerToken, 4, [increment(7, 'after')]);

    const { client: agent, joined } = await joinAgent();
    const synced = SyncReply.parse(await agent.request(mirrorChannels.sync, { userToken: joined.userToken }));
    expect(synced.seq).toBe(4);
    expect(synced.events.map((e) => e.timestamp)).toEqual([5, 6, 7]);
    expect(JSON.stringify(synced.events[1])).toContain('x'.repeat(30_000));

    await sendBatch(customer, customerToken, 5, [increment(8, 'live')]);
    expect(EventsNotice.parse(await agent.next(mirrorChannels.events))).toEqual({
      seq: 5,
      events: [increment(8, 'live')],
    });
  });

  it('an agent arriving before any snapshot gets seq 0 and the customer is asked for one', async () => {
    const { customer, joinAgent } = await session();
    const { client: agent, joined } = await joinAgent();
    const synced = SyncReply.parse(await agent.request(mirrorChannels.sync, { userToken: joined.userToken }));
    expect(synced).toEqual({ seq: 0, events: [] });
    expect(await customer.next(mirrorChannels.snapshot)).toEqual({});
  });

  it('refuses the wrong role, reordered batches, non-rrweb payloads and unknown tokens', async () => {
    const { customer, customerToken, joinAgent } = await session();
    const { client: agent, joined } = await joinAgent();
    const agentToken = joined.userToken;

    const fromAgent = { userToken: agentToken, seq: 1, last: true, chunk: JSON.stringify([meta(1)]) };
    expect(await agent.request(mirrorChannels.events, fromAgent)).toMatchObject({ error: 'forbidden' });
    expect(await customer.request(mirrorChannels.sync, { userToken: customerToken })).toMatchObject({
      error: 'forbidden',
    });
    const notEvents = { userToken: customerToken, seq: 1, last: true, chunk: '[{"type":"x"}]' };
    expect(await customer.request(mirrorChannels.events, notEvents)).toMatchObject({
      error: 'invalid-request',
      message: expect.stringContaining('not a list of rrweb events'),
    });
    await sendBatch(customer, customerToken, 2, [meta(1)]);
    const again = { userToken: customerToken, seq: 2, last: true, chunk: JSON.stringify([meta(2)]) };
    expect(await customer.request(mirrorChannels.events, again)).toMatchObject({
      error: 'invalid-request',
      message: expect.stringContaining('not after 2'),
    });
    expect(await agent.request(mirrorChannels.sync, { userToken: 'nobody' })).toMatchObject({
      error: 'forbidden',
    });
    expect(await customer.request(mirrorChannels.snapshot, {})).toMatchObject({ error: 'invalid-request' });
  });

  it('pointer goes to the customer; typing only after the customer accepts, and not after revoke', async () => {
    const { customer, customerToken, joinAgent } = await session();
    const { client: agent, joined } = await joinAgent();
    const agentToken = joined.userToken;

    agent.cometd.publish(mirrorChannels.pointer, { userToken: agentToken, x: 10, y: 20, click: true });
    expect(PointerNotice.parse(await customer.next(mirrorChannels.pointer))).toEqual({
      x: 10,
      y: 20,
      click: true,
    });

    const typing = { userToken: agentToken, kind: 'input', id: 7, value: 'hello' };
    expect(await agent.request(mirrorChannels.input, typing)).toMatchObject({ error: 'forbidden' });
    // The customer cannot grant what was not requested, nor request on the agent's behalf.
    expect(
      await customer.request(mirrorChannels.control, { userToken: customerToken, action: 'accept' }),
    ).toMatchObject({ error: 'invalid-request' });
    expect(
      await customer.request(mirrorChannels.control, { userToken: customerToken, action: 'request' }),
    ).toMatchObject({ error: 'forbidden' });

    const mode = async (c: TestClient) => ControlNotice.parse(await c.next(mirrorChannels.control)).mode;
    agent.cometd.publish(mirrorChannels.control, { userToken: agentToken, action: 'request' });
    expect(await mode(agent)).toBe('requested');
    expect(await mode(customer)).toBe('requested');
    expect(await agent.request(mirrorChannels.input, typing)).toMatchObject({ error: 'forbidden' });

    customer.cometd.publish(mirrorChannels.control, { userToken: customerToken, action: 'accept' });
    expect(await mode(customer)).toBe('write');
    expect(await mode(agent)).toBe('write');
    agent.cometd.publish(mirrorChannels.input, typing);
    expect(await customer.next(mirrorChannels.input)).toEqual({ kind: 'input', id: 7, value: 'hello' });

    customer.cometd.publish(mirrorChannels.control, { userToken: customerToken, action: 'revoke' });
    expect(await mode(agent)).toBe('view');
    const click = { userToken: agentToken, kind: 'click', id: 7 };
    expect(await agent.request(mirrorChannels.input, click)).toMatchObject({ error: 'forbidden' });
  });
});
