// An agent keeps the desktop app open all shift: the agent page's partition must not pile up (Electron never
// frees a partition while the app runs, electron#28566). Runs the desktop host's AgentViewHost on the stub
// Electron runtime (main/electron/test-support/fake-electron/, which keeps every partition as Electron does):
// warm-up sessions, a heap reading after GC, many more sessions (the agent page in its own window, then
// closed), a second reading. Prints the partitions alive, `partitions_per_session` (goal: 1 in all, so → 0)
// and `heap_after_vs_before_ratio` (goal ≤ 1.10). Usage: npm run bench:partitions [-- --sessions 200]
import { register } from 'node:module';
import { parseArgs } from 'node:util';
import { quietLogger } from '../common/logger';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:partitions does)');
const { values } = parseArgs({ options: { sessions: { type: 'string', default: '200' } } });
const sessions = Number(values.sessions);

const stubUrl = new URL('../main/electron/test-support/fake-electron/index.ts', import.meta.url).href;
register(
  'data:text/javascript,' +
    encodeURIComponent(
      `export const resolve = (s, c, next) => s === 'electron' ? { url: ${JSON.stringify(stubUrl)}, shortCircuit: true } : next(s, c);`,
    ),
);
const { BrowserWindow, fake } = (await import(
  stubUrl
)) as typeof import('../main/electron/test-support/fake-electron');
const { AgentViewHost } = await import('../main/electron/agent-view');

fake.ready();
const sidebar = new BrowserWindow({ x: 1520, y: 0, width: 400, height: 820 });
const host = new AgentViewHost(
  sidebar as never,
  quietLogger(),
  () => {},
  () => 'Customer view',
  () => {},
  { bounds: () => ({ x: 0, y: 0, width: 1520, height: 1040 }), track: () => {} },
);

let n = 0;
async function oneSession(): Promise<void> {
  n++;
  const sessionId = `s${n}`;
  host.show({
    sessionId,
    url: `https://cobrowse.example/cobrowse/slave.html#sid=${n}`,
    cookie: 'gcbSessionServer=node1',
    poppedOut: false,
  });
  await fake.until(() => fake.views.at(-1)?.webContents.loads.length, 5000);
  host.show(null);
  await fake.until(() => BrowserWindow.getAllWindows().length === 1, 5000);
}
const heap = async () => {
  fake.views.length = 0; // the stub's own record of views, not the app's
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return process.memoryUsage().heapUsed;
};

for (let i = 0; i < 20; i++) await oneSession();
const before = await heap();
const partitionsBefore = fake.partitions().length;
for (let i = 0; i < sessions; i++) await oneSession();
const after = await heap();
const partitions = fake.partitions().filter((p) => p.startsWith('agent'));

console.log(`sessions: ${n}`);
console.log(
  `agent partitions alive: ${partitions.length} (${partitions.slice(0, 3).join(', ')}${partitions.length > 3 ? ', …' : ''})`,
);
console.log(
  `partitions_per_session: ${((fake.partitions().length - partitionsBefore) / sessions).toFixed(3)}`,
);
console.log(`heap before: ${(before / 1e6).toFixed(1)} MB, after: ${(after / 1e6).toFixed(1)} MB`);
console.log(`heap_growth_per_session: ${((after - before) / sessions / 1024).toFixed(1)} KB`);
console.log(`heap_after_vs_before_ratio: ${(after / before).toFixed(3)}`);
