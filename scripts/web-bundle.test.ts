// The web edition as `npm start` / `npm run start:web` ship it: `npm run build:web`, then `node out/web/cli.js`
// in demo mode (no tsx). It must serve the sidebar, carry the contract over its WebSocket (ws and zod inside
// the bundle) and serve the embedded simulator's pages (out/public, the vendor packages from node_modules).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import WebSocket from 'ws';

const dataDir = mkdtempSync(join(tmpdir(), 'web-bundle-'));
let child: ChildProcess | undefined;
afterAll(async () => {
  if (child?.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child!.once('exit', resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

it(
  'npm run build:web, then node out/web/cli.js --demo: sidebar, API socket and demo pages',
  { timeout: 60_000 },
  async () => {
    // The sidebar too when missing (a fresh checkout: `npm test` builds it only for e2e, after this suite).
    for (const build of existsSync('out/renderer/index.html')
      ? ['build:web']
      : ['build:renderer', 'build:web']) {
      const built = spawnSync('npm', ['run', '--silent', build], { encoding: 'utf8' });
      expect(built.status, built.stderr).toBe(0);
    }
    // Any free port for the local integration API: parallel runs on one machine must not collide.
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ localApiPort: 0 }));
    child = spawn(process.execPath, ['out/web/cli.js', '--demo', '--port', '0', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, COBROWSE_UPDATES: 'off' },
    });
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child!.stdout! }).on('line', (l) => {
        lines.push(l);
        if (l.startsWith('demo mode:')) resolve();
      });
      child!.once('exit', (code) => reject(new Error(`out/web/cli.js exited with ${code}`)));
    });
    const openUrl = /^web edition on (\S+)/.exec(lines[0] ?? '')?.[1];
    const customerUrl = /customer page (\S+)/.exec(lines[1] ?? '')?.[1];
    expect(openUrl && customerUrl, lines.join('\n')).toBeTruthy();

    const sidebar = await fetch(new URL('/', openUrl));
    expect(sidebar.status).toBe(200);
    expect(await sidebar.text()).toContain('<div id="root">');

    // As the sidebar does: the link's one-time key (its fragment) traded for a tab key, named on the socket.
    const origin = new URL(openUrl!).origin;
    const session = await fetch(`${origin}/api/session`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ link: new URL(openUrl!).hash.slice('#key='.length) }),
    });
    const { tab } = (await session.json()) as { tab: string };
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/api`, ['cobrowse', `key.${tab}`], {
      headers: { origin },
    });
    const reply = await new Promise<{ id: number; reply: { ok: boolean; value?: { mode: string } } }>(
      (resolve, reject) => {
        ws.once('open', () => ws.send(JSON.stringify({ id: 1, name: 'ready', input: {} })));
        ws.on('message', (data) => {
          const frame = JSON.parse(String(data)) as { id?: number };
          if (frame.id === 1) resolve(frame as never);
        });
        ws.once('error', reject);
      },
    );
    ws.close();
    expect(reply.reply).toMatchObject({ ok: true, value: { mode: 'demo' } });

    const customer = await fetch(customerUrl!);
    expect(customer.status).toBe(200);
    const agentPage = await fetch(new URL('/cobrowse/slave.html', customerUrl));
    expect(await agentPage.text()).toContain('vendor/rrweb/dist/style.css');
    expect((await fetch(new URL('/cobrowse/vendor/cometd/cometd.js', customerUrl))).status).toBe(200);
  },
);
