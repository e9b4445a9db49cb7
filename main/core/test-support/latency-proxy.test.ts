// The bench's link must really cost what it claims: a round trip on a warm connection, two on a new one.
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLatencyProxy, type LatencyProxy } from './latency-proxy';

const echo = createServer((s) => s.pipe(s));
let proxy: LatencyProxy;
beforeAll(async () => {
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  proxy = await startLatencyProxy({ host: '127.0.0.1', port: (echo.address() as AddressInfo).port }, 20);
});
afterAll(async () => {
  await proxy.close();
  await new Promise((r) => echo.close(r));
});

const roundTrip = (socket: Socket, text: string) =>
  new Promise<number>((resolve) => {
    const started = performance.now();
    socket.once('data', (d: Buffer) => {
      expect(d.toString()).toBe(text);
      resolve(performance.now() - started);
    });
    socket.write(text);
  });

it('adds the configured delay each way, and a round trip for a new connection', async () => {
  const port = Number(new URL(proxy.url).port);
  const socket = connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  try {
    const first = await roundTrip(socket, 'hello'); // TCP setup + one exchange
    const warm = await roundTrip(socket, 'again');
    expect(first).toBeGreaterThanOrEqual(78);
    expect(warm).toBeGreaterThanOrEqual(39);
    expect(warm).toBeLessThan(first);
  } finally {
    socket.destroy();
  }
});
