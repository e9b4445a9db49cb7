// An agent keeps the app open all shift: co-browse sessions must not leave memory behind. Runs the real
// app core against the simulator (in a child process): warm-up sessions, a heap reading after GC, many more sessions (join as
// typed, customer and controller both connected, stop), a second reading. Prints the growth per session and
// `heap_after_vs_before_ratio` (target ≤ 1.10). Usage: npm run bench:memory [-- --sessions 200]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppCore } from '../main/core/app-core';
import { quietLogger } from '../common/logger';
import { CreateSessionResponse, paths } from '../common/protocol';
import { until } from '../main/core/test-support/until';
import { startEmbeddedDemo } from '../main/demo/embedded';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:memory does)');

const { values } = parseArgs({ options: { sessions: { type: 'string', default: '200' } } });
const sessions = Number(values.sessions);
if (!Number.isInteger(sessions) || sessions < 1) throw new Error('--sessions must be a positive integer');

// The simulator runs in its own process: its memory (it remembers ended sessions) is not the app's.
const child = spawn(process.execPath, ['--import', 'tsx', 'simulator/cli.ts', '--port', '0'], {
  stdio: ['ignore', 'pipe', 'ignore'],
});
const sim = {
  url: await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code})`)));
    child.stdout.on('data', (chunk: Buffer) => {
      const m = /listening on (\S+)/.exec(String(chunk));
      if (m) resolve(m[1]!);
    });
  }),
  stop: () => void child.kill('SIGTERM'),
};
const dir = await mkdtemp(join(tmpdir(), 'bench-memory-'));
const core = await createAppCore({
  startDemo: startEmbeddedDemo,
  dataDir: dir,
  settings: {
    userSettingsPath: join(dir, 's.json'),
    managedSettingsPath: join(dir, 'm.json'),
    argv: ['--service-url', sim.url],
  },
  log: quietLogger(),
  localApiPort: 0,
});

async function oneSession(): Promise<void> {
  const created = await fetch(`${sim.url}${paths.restBase}/sessions`, { method: 'POST' });
  const { sessionToken } = CreateSessionResponse.parse(await created.json());
  const reply = await core.dispatch('join', { token: sessionToken, interactionId: null });
  if (!reply.ok) throw new Error(`join refused: ${reply.error.code}`);
  const { sessionId } = reply.value as { sessionId: string };
  await until(() => core.getState().sessions.find((s) => s.id === sessionId && s.phase === 'joined'));
  await core.dispatch('stop', { sessionId });
  await until(() => core.getState().sessions.find((s) => s.id === sessionId && s.phase === 'ended'));
}

const heap = async () => {
  await new Promise((r) => setTimeout(r, 200)); // let sockets and timers of the last session settle
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

try {
  for (let i = 0; i < 20; i++) await oneSession();
  const before = await heap();
  const started = Date.now();
  for (let i = 0; i < sessions; i++) await oneSession();
  const seconds = (Date.now() - started) / 1000;
  const after = await heap();
  console.log(`sessions: ${sessions} in ${seconds.toFixed(1)} s (${(sessions / seconds).toFixed(1)}/s)`);
  console.log(
    `heap after warm-up: ${(before / 1e6).toFixed(1)} MB; after ${sessions} more: ${(after / 1e6).toFixed(1)} MB`,
  );
  console.log(`heap_growth_per_session_bytes=${Math.round((after - before) / sessions)}`);
  console.log(`heap_after_vs_before_ratio=${(after / before).toFixed(2)} (target ≤ 1.10)`);
} finally {
  await core.close();
  sim.stop();
  await rm(dir, { recursive: true, force: true });
}
