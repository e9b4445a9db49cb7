// Test set-up shared by the simulator suites: a started simulator, clients that are always disconnected,
// and the customer side of a session (create over REST, connect with the cookie, join as role 1).
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import {
  channels,
  CreateSessionResponse,
  JoinReply,
  paths,
  Role,
  type SessionToken,
} from '../../common/protocol';
import { quietLogger } from '../../common/logger';
import { startSimulator, type Simulator, type SimulatorOptions } from '../index';
import { createTestClient, type TestClient } from './cometd-client';
import { rest, stickyCookie } from './rest';

export interface SimulatorFixture {
  readonly sim: Simulator;
  /** A test client on `<base>/cobrowse/cometd` (base defaults to the balancer), disconnected after each test. */
  client(cookie?: string, base?: string): TestClient;
  customerSession(): Promise<{
    sessionToken: SessionToken;
    sessionServerName: string;
    customer: TestClient;
    joined: JoinReply;
  }>;
  /** A client with the stickiness cookie of `node`, handshaken and joined in `role`. */
  member(
    sessionToken: string,
    node: string,
    role: 1 | 2 | 3,
  ): Promise<{ client: TestClient; joined: JoinReply }>;
}

export function useSimulator(options: SimulatorOptions = {}): SimulatorFixture {
  let sim: Simulator | undefined;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, logger: quietLogger(), ...options });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.disconnect()));
  });
  afterAll(async () => {
    await sim?.stop();
  });

  const fixture: SimulatorFixture = {
    get sim() {
      if (!sim) throw new Error('simulator not started');
      return sim;
    },
    client(cookie, base) {
      const c = createTestClient({
        url: `${base ?? fixture.sim.url}${paths.cometd}`,
        ...(cookie ? { cookie } : {}),
      });
      clients.push(c);
      return c;
    },
    async member(sessionToken, node, role) {
      const client = fixture.client(stickyCookie(node));
      await client.handshake();
      const joined = JoinReply.parse(await client.request(channels.join, { sessionToken, role }));
      return { client, joined };
    },
    async customerSession() {
      const created = await rest(fixture.sim.url, '/sessions', { method: 'POST' });
      expect(created.status).toBe(200);
      const { sessionToken, sessionServerName } = CreateSessionResponse.parse(created.body);
      expect(created.setCookie).toContain(`gcbSessionServer=${sessionServerName}`);
      const { client: customer, joined } = await fixture.member(
        sessionToken,
        sessionServerName,
        Role.customer,
      );
      return { sessionToken, sessionServerName, customer, joined };
    },
  };
  return fixture;
}
