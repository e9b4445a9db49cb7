// The Workspace source on a corporate network: its REST calls and CometD notifications through Debian's squid
// with Basic authentication (the API's name resolves only there), over TLS with a private chain whose root
// only the (temporary) OS store holds. Nothing configured but the Workspace URL and HTTPS_PROXY.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger } from '../../../../common/logger';
import { useSimulator } from '../../../../simulator/test-support/session-setup';
import { WorkspaceSim, workspaceRoutes } from '../../../../simulator/workspace';
import { startEngine } from '../../interactions/test-support/lifecycle';
import { useCorpNetwork } from '../../net/test-support/corp-network';
import { squidSkipReason } from '../../net/test-support/squid';
import { FakeFileSecretStore } from './test-support/fake-secret-store';
import { createWorkspaceSource } from './source';

const NAME = 'gapi.corp.test';

describe.skipIf(!!squidSkipReason)(
  `Workspace through squid${squidSkipReason ? ` (skipped: ${squidSkipReason})` : ''}`,
  () => {
    const ws = new WorkspaceSim({ log: quietLogger(), longPollMs: 1000 });
    const fixture = useSimulator({ nodes: 2, routes: [workspaceRoutes(ws)] });
    const corp = useCorpNetwork(NAME, () => fixture.sim.url);
    let dir = '';
    beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'workspace-proxy-'))));
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('signs in with a token, and a call arriving by notification becomes an interaction', async () => {
      const network = corp.network();
      const source = createWorkspaceSource({
        workspaceUrl: corp.serviceUrl,
        clientId: ws.clientId,
        apiKey: ws.apiKey,
        secrets: new FakeFileSecretStore(join(dir, 'secrets.json')),
        openBrowser: () => {},
        log: quietLogger(),
        retryMs: 200,
        requestTimeoutMs: 5000,
        network,
      });
      const { controller, engine } = await startEngine(fixture.sim.url, source, dir, quietLogger());
      try {
        await engine.start();
        await source.useToken(`Bearer ${ws.issueToken()}`);
        expect(engine.getState().source.state).toBe('up');
        const callId = ws.openCall('+15550123');
        await expect
          .poll(() => engine.getState().interactions.find((i) => i.id === callId)?.customerName)
          .toBe('+15550123');
        expect(network.describe().routes[corp.serviceUrl]).toMatch(/\(environment\)$/);
      } finally {
        await engine.close();
        await controller.close();
        network.close();
      }
    });
  },
);
