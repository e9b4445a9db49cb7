// The CLI as a user runs it: its exact ready line, a working server, a clean exit on SIGTERM; bad flags exit 2.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { paths } from '../common/protocol';
import { parseFlags } from './cli-flags';

const tsx = 'node_modules/.bin/tsx';

describe('simulator CLI', () => {
  it('prints its listening line and the demo URL, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      tsx,
      ['simulator/cli.ts', '--port', '0', '--nodes', '3', '--inactivity-timeout', '60'],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
        env: { ...process.env, COBROWSE_LOG_LEVEL: 'error' },
      },
    );
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const first = String((await lines.next()).value);
      const match = /^cobrowse simulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(first);
      expect(match, first).not.toBeNull();
      const url = match?.[1] ?? '';
      expect(Number(match?.[2])).toBeGreaterThan(0);
      expect(String((await lines.next()).value)).toBe(`demo customer page: ${url}/cobrowse/demo/`);
      expect((await fetch(`${url}${paths.health}`)).status).toBe(200);
      const demo = await fetch(`${url}/cobrowse/demo/`);
      expect(demo.headers.get('content-type')).toContain('text/html');

      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      await expect(fetch(`${url}${paths.health}`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('a bad flag gives one clear error line and exit code 2', async () => {
    const child = spawn(tsx, ['simulator/cli.ts', '--nodes', 'many'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^cobrowse simulator: --nodes: /)]);
  });

  it('parses the flags into simulator options', () => {
    expect(
      parseFlags([
        '--port',
        '8080',
        '--nodes',
        '4',
        '--inactivity-timeout',
        '2.5',
        '--allowed-origins',
        'https://a.example, http://b:1',
      ]),
    ).toEqual({
      port: 8080,
      nodes: 4,
      inactivityTimeoutMs: 2500,
      allowedOrigins: ['https://a.example', 'http://b:1'],
    });
    expect(() => parseFlags(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseFlags(['--allowed-origins', 'not an origin'])).toThrow(/--allowed-origins/);
    expect(() => parseFlags(['stray'])).toThrow();
  });
});
