// The controller against a simulator that answers as Genesys's own documentation examples do (numeric
// `userId`, no controller name, a history id that is not a UUID, REST errors with no body, `sessionServerUrl`
// behind a path prefix), over real HTTP and CometD: the client must be as lenient as the documented server.
import { describe, expect, it } from 'vitest';
import { agentPageUrl, paths, Role, SessionToken } from '../../../common/protocol';
import { useSimulator } from '../../../simulator/test-support/session-setup';
import { appError } from '../interactions/messages';
import { eventLog, rejection, suiteControllers } from './test-helpers';
import { toAppError } from './types';

const fx = useSimulator({ nodes: 2, docsExamples: true });
const controller = suiteControllers(() => fx.sim.url);

describe('a server that answers as the Genesys docs do', () => {
  it('joins although userId is a number, the controller has no name and the history id is no UUID', async () => {
    const { sessionToken } = await fx.customerSession();
    const session = await controller().join(sessionToken, eventLog());
    expect(session.result.userId).toMatch(/^\d+$/);
    expect(session.result.sessionHistoryId).toMatch(/^h[0-9a-f]{10}$/);
    expect(session.result.users.find((u) => u.role === Role.controller)?.name).toBeUndefined();
    await session.close();
  });

  it('URL mode keeps the path prefix of sessionServerUrl for CometD, REST and the agent page', async () => {
    const { sessionToken, sessionServerName } = await fx.customerSession();
    fx.sim.balancer.clearLog();
    const session = await controller({ stickiness: 'url' }).join(sessionToken, eventLog());
    const prefix = `/${sessionServerName}/cobrowse`;
    expect(session.result.owner.baseUrl).toBe(`${fx.sim.url}/${sessionServerName}`);
    expect(agentPageUrl(session.result.owner.baseUrl, sessionToken)).toBe(
      `${fx.sim.url}${prefix}/slave.html#nosidinput=1&sid=${sessionToken}`,
    );
    await session.stop();
    const paths_ = fx.sim.balancer.log.map((e) => e.path);
    expect(paths_.filter((p) => p.startsWith(`${prefix}/cometd`)).length).toBeGreaterThanOrEqual(2);
    expect(paths_.some((p) => p.startsWith(`${prefix}/rest/live/users/`))).toBe(true);
    // After get-session, nothing of the controller's leaves the prefix (the customer's test client appends
    // the message type to its unprefixed CometD URL, which tells its requests apart).
    const afterLookup = paths_.slice(
      paths_.findIndex((p) => p.startsWith(`${paths.restBase}/sessions/`)) + 1,
    );
    expect(afterLookup.filter((p) => !p.startsWith(`${paths.cometd}/`))).toEqual(
      afterLookup.filter((p) => p.startsWith(prefix)),
    );
  });

  it('a bare 404 is "no live session with this ID", named, not "is the service URL right?"', async () => {
    const err = await rejection(() => controller().join(SessionToken.parse('900000001'), eventLog()));
    expect(err).toMatchObject({ code: 'session-not-found', details: { step: 'get-session' } });
    expect(err.message).not.toContain('service URL');
    expect(toAppError(err, '900000001')).toEqual({ code: 'session-not-found', params: { id: '900000001' } });
  });

  it("a bare 403 is this app's Origin not being allowed, naming the Origin sent", async () => {
    const { sessionToken } = await fx.customerSession();
    const err = await rejection(() =>
      controller({ origin: 'https://desk.example' }).join(sessionToken, eventLog()),
    );
    expect(err).toMatchObject({ code: 'origin-not-allowed', details: { origin: 'https://desk.example' } });
    expect(toAppError(err, sessionToken)).toEqual(
      appError('origin-not-allowed', { origin: 'https://desk.example' }),
    );
  });
});
