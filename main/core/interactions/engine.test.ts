// The lifecycle engine end to end: the real Controller against the real Co-browse simulator, interactions
// from the real interaction-server simulator through the real local API. Attached data are asserted where
// they land (the simulator's desktop side).
import { afterEach, describe, expect, it } from 'vitest';
import { channels, Role } from '../../../common/protocol';
import { useSimulator } from '../../../simulator/test-support/session-setup';
import { startLifecycle, type Lifecycle } from './test-harness';
import { holdsFor } from '../test-support/until';

const fixture = useSimulator({ nodes: 2 });
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type App = Lifecycle;

async function startApp(options: Parameters<typeof startLifecycle>[2] = {}): Promise<App> {
  const app = await startLifecycle(fixture.sim.url, undefined, options);
  cleanups.push(() => app.close());
  return app;
}

const sessionOn = (app: App, interactionId: string | null) =>
  app.state().sessions.filter((s) => s.interactionId === interactionId);
const interaction = (app: App, id: string) => app.state().interactions.find((i) => i.id === id)!;
/** The timeline's codes, in order (the words are the renderer's). */
const codes = (app: App, id: string) => interaction(app, id).timeline.map((t) => t.code);

/** A customer session, a chat asking for it, and the engine joined on it. */
async function chatCobrowse(app: App, name = 'Ann', chatId?: string) {
  const customer = await fixture.customerSession();
  const id = chatId ?? (await app.desk.openChat(name));
  await app.desk.say(id, 'customer', `{start:${customer.sessionToken}}`);
  await expect.poll(() => sessionOn(app, id).at(-1)?.phase).toBe('joined');
  return { id, customer };
}

/** The agent page joins (role 2): the session activates. */
async function agentJoins(app: App, token: string, node: string, id: string) {
  const agent = await fixture.member(token, node, Role.agent);
  await expect.poll(() => sessionOn(app, id).at(-1)?.phase).toBe('active');
  return agent;
}

describe('chat trigger', () => {
  it('a customer {start:NNNNNNNNN} joins on that chat, shows "co-browse requested", and writes the attached data', async () => {
    const app = await startApp();
    const { id, customer } = await chatCobrowse(app);
    expect(codes(app, id)).toContain('cobrowse-requested');
    expect(JSON.stringify(interaction(app, id).timeline)).not.toContain(customer.sessionToken);

    await app.engine.outboxDrained();
    expect(app.desk.get(id).attachedData).toEqual({
      CoBrowseAssociated: 'Yes',
      CoBrowseSessionsQuantity: 1,
      CoBrowseSessionId: customer.joined.sessionHistoryId,
      IsCoBrowseDenied: 'No',
    });
    const view = app.state().agentView;
    expect(view?.url).toMatch(
      new RegExp(`/cobrowse/slave\\.html#nosidinput=1&sid=${customer.sessionToken}$`),
    );
    expect(view?.cookie).toBe(`gcbSessionServer=${customer.sessionServerName}`);

    await agentJoins(app, customer.sessionToken, customer.sessionServerName, id);
    await app.engine.outboxDrained();
    const activatedAt = sessionOn(app, id)[0]!.activatedAt!;
    expect(app.desk.get(id).attachedData.CoBrowseStartTime).toBe(String(activatedAt));
    expect(app.desk.get(id).writes).toHaveLength(2);
    expect(app.desk.deliveries).toBe(2);
  });

  it('near-misses never join: 8 or 10 digits, surrounding text, agent or system senders', async () => {
    const app = await startApp();
    const { sessionToken: t } = await fixture.customerSession();
    const id = await app.desk.openChat();
    const misses: Array<['customer' | 'agent' | 'system', string]> = [
      ['customer', `{start:${t.slice(1)}}`],
      ['customer', `{start:${t}0}`],
      ['customer', `please {start:${t}}`],
      ['customer', `{start:${t}} thanks`],
      ['customer', ` {start:${t}}`],
      ['customer', `{start: ${t}}`],
      ['customer', t],
      ['agent', `{start:${t}}`],
      ['system', `{start:${t}}`],
    ];
    for (const [from, text] of misses) await app.desk.say(id, from, text);
    await expect.poll(() => interaction(app, id).timeline.length).toBe(1 + misses.length);
    expect(app.state().sessions).toEqual([]);
    expect(codes(app, id)).not.toContain('cobrowse-requested');
  });
});

describe('other entries', () => {
  it('a typed token joins on the selected interaction; null co-browses with nothing attached', async () => {
    const app = await startApp();
    const id = await app.desk.openChat();
    await expect.poll(() => app.state().selectedInteractionId).toBe(id);
    const a = await fixture.customerSession();
    const joined = await app.engine.join(a.sessionToken, { via: 'typed' });
    expect(joined.outcome).toBe('joined');
    expect(app.state().sessions.find((s) => s.id === joined.sessionId)).toMatchObject({
      interactionId: id,
      phase: 'joined',
      token: a.sessionToken,
    });
    await app.engine.exit(joined.sessionId!);

    const b = await fixture.customerSession();
    const loose = await app.engine.join(b.sessionToken, { interactionId: null, via: 'deep-link' });
    expect(app.state().sessions.find((s) => s.id === loose.sessionId)).toMatchObject({
      interactionId: null,
      phase: 'joined',
    });
    await app.engine.outboxDrained();
    expect(app.desk.deliveries).toBe(2); // the join and the exit on the chat; nothing for the loose one
  });

  it('the local API join-requested joins on the selected interaction', async () => {
    const app = await startApp();
    const id = await app.desk.openChat();
    const c = await fixture.customerSession();
    await app.desk.send({ type: 'join-requested', token: c.sessionToken });
    await expect.poll(() => sessionOn(app, id).at(-1)?.phase).toBe('joined');
  });

  it('an invalid token is refused at once with a specific error, the typed text named, and no I/O', async () => {
    const app = await startApp();
    const outcome = await app.engine.joinText('12345678', { interactionId: null, via: 'typed' });
    expect(outcome).toMatchObject({
      outcome: 'failed',
      sessionId: null,
      error: { code: 'invalid-token', params: { id: '12345678' } },
    });
    expect(app.state().sessions).toEqual([]);
  });

  it('a failed join after a round trip: the outcome carries the failure, named by the ID, no step words', async () => {
    const app = await startApp();
    const outcome = await app.engine.joinText('900000001', { interactionId: null, via: 'typed' });
    if (outcome.outcome !== 'failed') throw new Error('joined');
    // Only the code and the ID as typed cross: the step and host stay in the log.
    expect(outcome.error).toEqual({ code: 'session-not-found', params: { id: '900000001' } });
    expect(app.state().sessions.find((s) => s.id === outcome.sessionId)?.phase).toBe('failed');
  });

  it('a day of sessions: only the latest 20 settled ones are kept, live ones always', async () => {
    const app = await startApp({ maxSessions: () => 2 }); // failed joins beside a live one
    const { id } = await chatCobrowse(app);
    const first = await app.engine.joinText('900000100', { interactionId: null, via: 'typed' });
    for (let i = 0; i < 30; i++)
      await app.engine.joinText(String(900000200 + i), { interactionId: null, via: 'typed' });
    const sessions = app.state().sessions;
    expect(sessions.filter((s) => s.phase === 'failed')).toHaveLength(20);
    expect(sessions.some((s) => s.id === first.sessionId)).toBe(false); // the oldest went first
    expect(sessionOn(app, id).at(-1)?.phase).toBe('joined'); // the live one stays
  });
});

describe('one live co-browse session per agent', () => {
  it('a second typed join while one is live is refused at once, naming the live one; "End it and join" replaces it', async () => {
    const app = await startApp();
    const { id, customer } = await chatCobrowse(app, 'Ann');
    const live = sessionOn(app, id)[0]!;
    const other = await fixture.customerSession();
    const refused = await app.engine.join(other.sessionToken, { interactionId: null, via: 'typed' });
    expect(refused).toMatchObject({ outcome: 'failed', sessionId: null, busyWith: live.id });
    if (refused.outcome !== 'failed') throw new Error('joined');
    expect(refused.error).toEqual({
      code: 'session-live',
      params: { token: customer.sessionToken, customer: 'Ann', media: 'chat', since: live.joinedAt },
    });
    expect(app.state().sessions).toHaveLength(1);
    expect(app.state().agentView?.sessionId).toBe(live.id);

    const replaced = await app.engine.join(other.sessionToken, {
      interactionId: null,
      via: 'typed',
      replace: true,
    });
    expect(replaced.outcome).toBe('joined');
    expect(sessionOn(app, id)[0]).toMatchObject({ phase: 'ended', endReason: 'replaced' });
    expect(await customer.customer.next(channels.deactivated)).toMatchObject({ reason: 'controller-stop' });
    expect(app.state().agentView?.sessionId).toBe(replaced.sessionId);
  });

  it('a {start:…} from another chat while one is live waits on that chat; accepting ends the live one and joins', async () => {
    const app = await startApp();
    const first = await chatCobrowse(app, 'Ann');
    const bob = await app.desk.openChat('Bob');
    const second = await fixture.customerSession();
    await app.desk.say(bob, 'customer', `{start:${second.sessionToken}}`);
    await expect.poll(() => interaction(app, bob).cobrowseRequest?.token).toBe(second.sessionToken);
    expect(sessionOn(app, bob)).toEqual([]);
    expect(app.state().agentView?.url).toContain(`sid=${first.customer.sessionToken}`);

    const outcome = await app.engine.answerRequest(bob, true);
    expect(outcome?.outcome).toBe('joined');
    expect(interaction(app, bob).cobrowseRequest).toBeNull();
    expect(sessionOn(app, first.id)[0]?.phase).toBe('ended');
    expect(app.state().agentView?.url).toContain(`sid=${second.sessionToken}`);
  });

  it('a declined request writes IsCoBrowseDenied=Yes; a waiting request expires when its chat ends', async () => {
    const app = await startApp();
    await chatCobrowse(app, 'Ann');
    const [bob, cy] = [await app.desk.openChat('Bob'), await app.desk.openChat('Cy')];
    for (const chat of [bob, cy]) {
      const c = await fixture.customerSession();
      await app.desk.say(chat, 'customer', `{start:${c.sessionToken}}`);
      await expect.poll(() => interaction(app, chat).cobrowseRequest).not.toBeNull();
    }
    expect(await app.engine.answerRequest(bob, false)).toBeNull();
    await app.engine.outboxDrained();
    expect(app.desk.get(bob).attachedData).toEqual({ IsCoBrowseDenied: 'Yes' });

    await app.desk.close(cy);
    await expect.poll(() => interaction(app, cy).state).toBe('closed');
    expect(interaction(app, cy).cobrowseRequest).toBeNull();
    expect(codes(app, cy)).toContain('request-expired');
  });
});

describe('the join target is always live', () => {
  it('closing the selected interaction moves the selection to none; an ended one cannot be selected', async () => {
    const app = await startApp();
    const id = await app.desk.openChat();
    await expect.poll(() => app.state().selectedInteractionId).toBe(id);
    await app.desk.close(id);
    await expect.poll(() => interaction(app, id).state).toBe('closed');
    expect(app.state().selectedInteractionId).toBeNull();
    expect(app.engine.selectInteraction(id)?.code).toBe('interaction-ended');
    expect(app.state().selectedInteractionId).toBeNull();
  });
});

describe('attached data per ADOverview', () => {
  it('two sessions on one chat: quantity an int, start time of the first in epoch ms, durations summed, No on each end', async () => {
    const app = await startApp();
    const one = await chatCobrowse(app, 'Ann');
    await agentJoins(app, one.customer.sessionToken, one.customer.sessionServerName, one.id);
    const firstStart = sessionOn(app, one.id)[0]!.activatedAt!;
    await app.engine.exit(sessionOn(app, one.id)[0]!.id);
    await app.engine.outboxDrained();
    const afterFirst = app.desk.get(one.id).attachedData;
    expect(afterFirst).toMatchObject({
      CoBrowseAssociated: 'No',
      CoBrowseSessionsQuantity: 1,
      CoBrowseStartTime: String(firstStart),
    });
    expect(typeof afterFirst.CoBrowseDuration).toBe('number');

    // A second session that is joined but never goes active: counted, its id written on the join reply (the
    // integration guide's rule), the first session's start time kept, no duration added.
    const two = await chatCobrowse(app, 'Ann', one.id);
    await app.engine.outboxDrained();
    expect(app.desk.get(one.id).attachedData).toMatchObject({
      CoBrowseAssociated: 'Yes',
      CoBrowseSessionsQuantity: 2,
      CoBrowseSessionId: two.customer.joined.sessionHistoryId,
      CoBrowseStartTime: String(firstStart),
    });
    await app.engine.stop(sessionOn(app, one.id)[1]!.id);
    await app.engine.outboxDrained();
    expect(app.desk.get(one.id).attachedData).toMatchObject({
      CoBrowseAssociated: 'No',
      CoBrowseDuration: afterFirst.CoBrowseDuration,
    });
    const keys = app.desk.get(one.id).writes.map((w) => Object.keys(w.data).sort().join(','));
    expect(keys).toEqual([
      'CoBrowseAssociated,CoBrowseSessionId,CoBrowseSessionsQuantity,IsCoBrowseDenied',
      'CoBrowseStartTime',
      'CoBrowseAssociated,CoBrowseDuration',
      'CoBrowseAssociated,CoBrowseSessionId,CoBrowseSessionsQuantity',
      'CoBrowseAssociated,CoBrowseDuration',
    ]);
  });
});

describe('two interactions at once', () => {
  it('with maxConcurrentSessions 2, co-browses on two chats at once, each with its own attached data', async () => {
    const app = await startApp({ maxSessions: () => 2 });
    const [one, two] = await Promise.all([chatCobrowse(app, 'Ann'), chatCobrowse(app, 'Bob')]);
    await app.engine.outboxDrained();
    for (const { id, customer } of [one, two])
      expect(app.desk.get(id).attachedData).toEqual({
        CoBrowseAssociated: 'Yes',
        CoBrowseSessionsQuantity: 1,
        CoBrowseSessionId: customer.joined.sessionHistoryId,
        IsCoBrowseDenied: 'No',
      });
    app.engine.selectInteraction(two.id);
    expect(app.state().agentView?.url).toContain(`sid=${two.customer.sessionToken}`);
    app.engine.selectInteraction(one.id);
    expect(app.state().agentView?.url).toContain(`sid=${one.customer.sessionToken}`);
  });
});

describe('close scenarios', () => {
  it('1. exit from the web UI: session ends, the interaction stays, the next session raises the quantity', async () => {
    const app = await startApp();
    const first = await chatCobrowse(app);
    await agentJoins(app, first.customer.sessionToken, first.customer.sessionServerName, first.id);
    await first.customer.customer.request(channels.exit, { userToken: first.customer.joined.userToken });
    await expect.poll(() => sessionOn(app, first.id)[0]?.phase).toBe('ended');
    expect(sessionOn(app, first.id)[0]?.endReason).toBe('customer-exit');
    expect(interaction(app, first.id).state).toBe('active');
    expect(interaction(app, first.id).timeline.at(-1)).toMatchObject({
      code: 'cobrowse-ended',
      params: { reason: 'customer-exit' },
    });

    const second = await chatCobrowse(app, 'Ann', first.id);
    const agent = await agentJoins(
      app,
      second.customer.sessionToken,
      second.customer.sessionServerName,
      first.id,
    );
    await agent.client.request(channels.exit, { userToken: agent.joined.userToken });
    await expect.poll(() => sessionOn(app, first.id)[1]?.endReason).toBe('agent-exit');
    await app.engine.outboxDrained();
    expect(app.desk.get(first.id).attachedData).toMatchObject({
      CoBrowseSessionsQuantity: 2,
      CoBrowseSessionId: second.customer.joined.sessionHistoryId,
    });
    expect(interaction(app, first.id).cobrowseQuantity).toBe(2);
  });

  it('2. transfer: the controller stops co-browse first, then the interaction is marked transferred', async () => {
    const app = await startApp();
    const { id, customer } = await chatCobrowse(app);
    await agentJoins(app, customer.sessionToken, customer.sessionServerName, id);
    await app.desk.transfer(id, 'Billing');
    await expect.poll(() => interaction(app, id).state).toBe('transferred');
    const firstTransferred = app.snapshots.find((s) =>
      s.interactions.some((i) => i.id === id && i.state === 'transferred'),
    )!;
    expect(firstTransferred.sessions.find((s) => s.interactionId === id)?.phase).toBe('ended');
    expect(sessionOn(app, id)[0]?.endReason).toBe('transferred');
    expect(await customer.customer.next(channels.deactivated)).toMatchObject({ reason: 'controller-stop' });
    expect(interaction(app, id).timeline).toContainEqual(
      expect.objectContaining({ code: 'interaction-transferred', params: { to: 'Billing' } }),
    );
  });

  it('3. handling timeout: the controller stops co-browse and says why', async () => {
    const app = await startApp();
    const { id, customer } = await chatCobrowse(app);
    await app.desk.handlingTimeout(id);
    await expect.poll(() => interaction(app, id).state).toBe('timed-out');
    expect(sessionOn(app, id)[0]).toMatchObject({ phase: 'ended', endReason: 'timed-out' });
    expect(await customer.customer.next(channels.deactivated)).toMatchObject({ reason: 'controller-stop' });
  });

  it('4. interaction closed: the controller stops co-browse and the agent view closes', async () => {
    const app = await startApp();
    const { id, customer } = await chatCobrowse(app);
    await agentJoins(app, customer.sessionToken, customer.sessionServerName, id);
    expect(app.state().agentView).not.toBeNull();
    await app.desk.close(id);
    await expect.poll(() => interaction(app, id).state).toBe('closed');
    expect(app.state().agentView).toBeNull();
    expect(sessionOn(app, id)[0]).toMatchObject({ phase: 'ended', endReason: 'closed' });
    expect(await customer.customer.next(channels.deactivated)).toMatchObject({ reason: 'controller-stop' });
    // A closed interaction takes no new co-browse.
    const again = await fixture.customerSession();
    const refused = await app.engine.join(again.sessionToken, { interactionId: id, via: 'typed' });
    expect(refused).toMatchObject({ outcome: 'failed', error: { code: 'interaction-ended' } });
  });

  it('the agent stops co-browse from the sidebar: ended for everyone', async () => {
    const app = await startApp();
    const { id, customer } = await chatCobrowse(app);
    await app.engine.stop(sessionOn(app, id)[0]!.id);
    expect(sessionOn(app, id)[0]).toMatchObject({ phase: 'ended', endReason: 'agent-stop' });
    expect(await customer.customer.next(channels.deactivated)).toMatchObject({ reason: 'controller-stop' });
  });

  it('the agent exits from the sidebar: the controller leaves, the customer session goes on', async () => {
    const app = await startApp();
    const { id, customer } = await chatCobrowse(app);
    await app.engine.exit(sessionOn(app, id)[0]!.id);
    expect(sessionOn(app, id)[0]).toMatchObject({ phase: 'ended', endReason: 'agent-left' });
    expect(app.state().agentView).toBeNull();
    // The customer's session is still live: an agent can still join it.
    const agent = await fixture.member(customer.sessionToken, customer.sessionServerName, Role.agent);
    expect(agent.joined.users.map((u) => u.role)).toEqual([Role.customer, Role.agent]);
  });

  it('a node lost mid-session ends co-browse with a clear reason', async () => {
    const app = await startApp();
    const { id, customer } = await chatCobrowse(app);
    await fixture.sim.stopNode(customer.sessionServerName);
    try {
      await expect.poll(() => sessionOn(app, id)[0]?.phase, { timeout: 12_000 }).toBe('ended');
      expect(sessionOn(app, id)[0]).toMatchObject({
        endReason: 'node-lost',
        error: { code: 'node-lost' },
      });
      expect(interaction(app, id).state).toBe('active');
    } finally {
      await fixture.sim.startNode(customer.sessionServerName);
    }
  });
});

describe('attached data across a source outage', () => {
  it('writes made while the desktop app is away arrive once when it is back', async () => {
    const app = await startApp();
    const id = await app.desk.openChat();
    await expect.poll(() => interaction(app, id)).toBeDefined();
    await app.desk.disconnect();
    await expect.poll(() => app.state().source.state).toBe('listening');
    const customer = await fixture.customerSession();
    await app.engine.join(customer.sessionToken, { interactionId: id, via: 'typed' });
    expect(interaction(app, id).pendingWrites).toBe(1);
    expect(interaction(app, id).attachedData.CoBrowseAssociated).toBe('Yes');
    // The outbox keeps trying while the desktop app is away: the write stays pending meanwhile.
    await holdsFor(300, () => interaction(app, id).pendingWrites === 1);
    await app.desk.reconnect();
    await app.engine.outboxDrained();
    expect(app.desk.deliveries).toBe(1);
    expect(app.desk.get(id).writes).toHaveLength(1);
    expect(interaction(app, id).pendingWrites).toBe(0);
  });
});
