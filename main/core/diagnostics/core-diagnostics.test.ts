// The bundle as the web edition gets it (no log files): built by the core with its in-memory log tail, the
// co-browse sessions and the connection history, over real sockets (embedded demo); tokens masked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { CreateSessionResponse } from '../../../common/protocol';
import { createLogger } from '../../../common/logger';
import { rest } from '../../../simulator/test-support/rest';
import { startEmbeddedDemo } from '../../demo/embedded';
import { createAppCore } from '../app-core';
import { until } from '../test-support/until';

let dir = '';
afterAll(() => rm(dir, { recursive: true, force: true }));

it('carries the log tail, sessions and connection history, secrets masked', async () => {
  dir = await mkdtemp(join(tmpdir(), 'core-diag-'));
  const core = await createAppCore({
    startDemo: startEmbeddedDemo,
    dataDir: dir,
    settings: {
      userSettingsPath: join(dir, 'settings.json'),
      managedSettingsPath: join(dir, 'managed.json'),
    },
    // The stderr sink stays silent; the tail takes every info line regardless.
    log: createLogger({ sink: () => undefined }),
    localApiPort: 0,
  });
  try {
    const sim = core.getState().service.url;
    const { sessionToken } = CreateSessionResponse.parse(
      (await rest(sim, '/sessions', { method: 'POST' })).body,
    );
    const joined = await core.dispatch('join', { token: sessionToken, interactionId: null });
    expect(joined.ok).toBe(true);
    await until(() => core.getState().connection.state === 'connected');

    const text = await core.diagnostics({
      app: { name: 'Shell', version: '9.9.9' },
      runtime: { node: 'v20' },
    });
    expect(text).toContain('Shell 9.9.9');
    expect(text).toContain('## Co-browse sessions');
    expect(text).toMatch(new RegExp(`- \\*{6}${sessionToken.slice(-3)} (joined|active) interaction=-`));
    expect(text).toContain('## Connection history');
    expect(text).toMatch(/co-browse server: connected/);
    expect(text).toMatch(/interaction source: local-api (up|listening)/);
    expect(text).toContain('## Recent logs (in memory, oldest first)');
    expect(text).toMatch(/INFO \[core\] join requested/);
    expect(text).not.toContain(sessionToken);
    expect(text.length).toBeGreaterThan(2000);
  } finally {
    await core.close();
  }
});
