import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDiagnostics, redactSecrets } from './bundle';
import { defaultSettings } from '../../../common/settings-schema';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diag-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('redactSecrets', () => {
  it.each([
    ['GET https://bob:hunter2@host/x', 'GET https://[redacted]@host/x'],
    ['Authorization: Bearer eyJabc.def-ghi', 'Authorization: [redacted]'],
    ['headers {"Authorization":"Basic QWxhZGRpbjpvcGVu"}', 'headers {"Authorization":[redacted]}'],
    ['{"access_token":"abc123","user":"x"}', '{"access_token":[redacted],"user":"x"}'],
    ['url ?code=1&client_secret=s3cr3t&x=2', 'url ?code=1&client_secret=[redacted]&x=2'],
    ['password = opensesame', 'password = [redacted]'],
    ['sent Bearer abc.def', 'sent Bearer [redacted]'],
    ['Cookie: gcbSessionServer=node1', 'Cookie: [redacted]'],
    ['joined 123456789', 'joined ******789'],
    ['nothing secret here, port 45123', 'nothing secret here, port 45123'],
  ])('%s', (input, out) => {
    expect(redactSecrets(input)).toBe(out);
  });
});

describe('buildDiagnostics', () => {
  it('bundles version, settings, locks, problems and the newest log lines without secrets', async () => {
    const newest = join(dir, 'main.log');
    const older = join(dir, 'main.1.log');
    await writeFile(older, 'old line 1\nold line 2 token=abcdef\nrequest x-api-key: gw-key-123\n');
    await writeFile(newest, 'joined 123456789 via https://agent:pw@cb.example.com\nlast line\n');
    const text = await buildDiagnostics({
      app: { name: 'Cobrowse Agent Shell', version: '1.2.3' },
      runtime: { platform: 'win32 x64', electron: '45.4.1' },
      settings: {
        ...defaultSettings,
        serviceUrl: 'https://cb.example.com',
        workspaceClientId: 'client-xyz',
        workspaceApiKey: 'gw-key-456',
      },
      locked: ['serviceUrl'],
      problems: ['C:\\ProgramData\\x.json: field "debug": Invalid input'],
      logFiles: [newest, older, join(dir, 'missing.log')],
      now: new Date('2026-01-02T03:04:05Z'),
    });
    expect(text).toContain('Cobrowse Agent Shell 1.2.3 — diagnostics at 2026-01-02T03:04:05.000Z');
    expect(text).toContain('platform: win32 x64');
    expect(text).toContain('"serviceUrl": "https://cb.example.com"');
    expect(text).toContain('"workspaceClientId": "[redacted]"');
    expect(text).toMatch(/"workspaceApiKey": "?\[redacted\]/);
    expect(text).toContain('Locked by the administrator: serviceUrl');
    expect(text).toContain('- C:\\ProgramData\\x.json: field "debug": Invalid input');
    expect(text.indexOf('--- main.log')).toBeLessThan(text.indexOf('--- main.1.log'));
    expect(text).toContain('joined ******789 via https://[redacted]@cb.example.com');
    expect(text).toContain('old line 2 token=[redacted]');
    expect(text).toContain('--- missing.log: unreadable (ENOENT)');
    for (const secret of ['123456789', 'client-xyz', 'agent:pw', 'abcdef', 'gw-key-123', 'gw-key-456'])
      expect(text).not.toContain(secret);
  });

  it('keeps only the newest whole lines within the size budget', async () => {
    const log = join(dir, 'main.log');
    await writeFile(log, Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n') + '\n');
    const text = await buildDiagnostics({
      app: { name: 'A', version: '1' },
      runtime: {},
      settings: defaultSettings,
      locked: [],
      problems: [],
      logFiles: [log, join(dir, 'never-read.log')],
      maxLogBytes: 50,
    });
    const logPart = text.slice(text.indexOf('--- main.log'));
    expect(logPart.startsWith('--- main.log (last lines)\n')).toBe(true);
    expect(logPart).toContain('line 99');
    expect(logPart).not.toContain('line 90\n');
    expect(logPart).not.toMatch(/\nine \d/); // no half line
    expect(text).not.toContain('never-read.log');
  });
});
