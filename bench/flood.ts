// A hostile page floods the web edition's /api: 20 000 `ready` requests (each worth a 50 KB state reply)
// from a client that reads nothing, sent from its own process so only the app's memory is measured. Prints
// the idle and peak memory (JS heap + Buffers) and `api_flood_peak_vs_idle_ratio` (target ≤ 3; the per-connection
// limits keep it there). Usage: npm run bench:flood [-- --frames 20000]
import { execFile } from 'node:child_process';
import { parseArgs } from 'node:util';
import { quietLogger } from '../common/logger';
import { busyShift, redeemRunLink, startTestWebEdition } from '../main/web/web-edition.test-support';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:flood does)');
const { values } = parseArgs({ options: { frames: { type: 'string', default: '20000' } } });
const frames = Number(values.frames);
if (!Number.isInteger(frames) || frames < 1) throw new Error('--frames must be a positive integer');

const { web, stop } = await startTestWebEdition(undefined, quietLogger());
await busyShift(web);
const { cookie } = await redeemRunLink(web);

const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
gc();
const idle = used();
let peak = idle;
const sampler = setInterval(() => (peak = Math.max(peak, used())), 5);
const flooder = `
  const WebSocket = require('ws');
  const [url, cookie, frames] = process.argv.slice(1);
  const ws = new WebSocket(url.replace('http', 'ws') + '/api', { headers: { origin: url, cookie } });
  ws.on('open', () => {
    ws._socket.pause();
    for (let id = 1; id <= Number(frames); id++) ws.send(JSON.stringify({ id, name: 'ready', input: {} }));
  });
  // Until the app hangs up (the limits) or has had time to answer everything (no limits).
  ws.on('close', () => process.exit(0));
  ws.on('error', () => process.exit(0));
  setTimeout(() => process.exit(0), 15000);`;
await new Promise<void>((resolve) =>
  execFile(process.execPath, ['-e', flooder, web.url, cookie, String(frames)], () => resolve()),
);
clearInterval(sampler);
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
console.log(`idle ${mb(idle)} MB, peak during the flood ${mb(peak)} MB (${frames} ready frames)`);
console.log(`api_flood_peak_vs_idle_ratio=${(peak / idle).toFixed(2)}`);
await stop();
