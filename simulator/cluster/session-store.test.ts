// The session rules alone, two nodes sharing one directory, no network.
import { afterEach, describe, expect, it } from 'vitest';
import { quietLogger } from '../../common/logger';
import { channels, Role } from '../../common/protocol';
import { ClusterDirectory } from './directory';
import { SessionStore, type Notice } from './session-store';

const stores: SessionStore[] = [];
function cluster() {
  const directory = new ClusterDirectory();
  const sent: Notice[] = [];
  const store = (node: string) => {
    const s = new SessionStore({
      node,
      directory,
      inactivityTimeoutMs: 60_000,
      logger: quietLogger(),
      send: (n) => sent.push(...n),
    });
    stores.push(s);
    return s;
  };
  return { directory, a: store('node1'), b: store('node2'), sent };
}
afterEach(() => stores.splice(0).forEach((s) => s.dispose()));

const ok = <T>(o: { ok: true; value: T } | { ok: false; error: string; message: string }): T => {
  if (!o.ok) throw new Error(`${o.error}: ${o.message}`);
  return o.value;
};

describe('SessionStore', () => {
  it('tells a foreign session (not-owner) from an unknown one (session-not-found)', () => {
    const { a, b } = cluster();
    const { sessionToken } = a.create();
    expect(b.join({ sessionToken, role: Role.agent }, 'c1')).toMatchObject({ ok: false, error: 'not-owner' });
    expect(b.join({ sessionToken: '000000000', role: Role.agent }, 'c1')).toMatchObject({
      ok: false,
      error: 'session-not-found',
    });
    const { userToken } = ok(a.join({ sessionToken, role: Role.controller }, 'c2'));
    expect(b.stop(userToken)).toMatchObject({ ok: false, error: 'not-owner' });
  });

  it('notifies the others on join and everyone on activation, in that order', () => {
    const { a } = cluster();
    const { sessionToken } = a.create();
    ok(a.join({ sessionToken, role: Role.customer }, 'cust'));
    const agent = a.join({ sessionToken, role: Role.agent, name: 'Ann' }, 'agent');
    expect(agent.ok && agent.notices.map((n) => [n.channel, n.to])).toEqual([
      [channels.joined, ['cust']],
      [channels.activated, ['cust', 'agent']],
    ]);
  });

  it('a client that went away frees its role; the session goes on', () => {
    const { a } = cluster();
    const { sessionToken } = a.create();
    ok(a.join({ sessionToken, role: Role.agent }, 'first'));
    a.removeClient('first');
    const second = ok(a.join({ sessionToken, role: Role.agent }, 'second'));
    expect(second.users.map((u) => u.role)).toEqual([2]);
  });

  it("the customer's page gone ends the session for the others, as the customer leaving", () => {
    const { a, sent } = cluster();
    const { sessionToken } = a.create();
    ok(a.join({ sessionToken, role: Role.customer }, 'cust'));
    ok(a.join({ sessionToken, role: Role.agent }, 'agent'));
    ok(a.join({ sessionToken, role: Role.controller }, 'ctl'));
    a.removeClient('cust');
    expect(sent).toEqual([
      {
        to: ['agent', 'ctl'],
        channel: channels.deactivated,
        data: expect.objectContaining({ reason: 'customer-left', activationTime: expect.any(Number) }),
      },
    ]);
    expect(a.isLive(sessionToken)).toBe(false);
  });

  it('an ended session leaves the directory and refuses its user tokens with session-ended', () => {
    const { a, directory } = cluster();
    const { sessionToken } = a.create();
    const ctl = ok(a.join({ sessionToken, role: Role.controller }, 'c'));
    const times = ok(a.stop(ctl.userToken));
    expect(times.activationTime).toBeUndefined();
    expect(directory.sessionOwner(sessionToken)).toBeUndefined();
    expect(a.stop(ctl.userToken)).toMatchObject({ ok: false, error: 'session-ended' });
    expect(a.exit(ctl.userToken)).toMatchObject({ ok: false, error: 'session-ended' });
  });
});
