// A TCP proxy that delays every chunk by `oneWayMs` in each direction (order kept): a WAN in front of a
// loopback server, so benches measure round trips rather than loopback speed. `blackhole(true)` makes it a
// silent partition: bytes are dropped both ways and nothing is closed or reset, as when packets are lost.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface LatencyProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Drop every byte from now on (true) or carry them again (false); connections stay open either way. */
  blackhole(on: boolean): void;
  /** Resets every connection through it (the server behind stays up): a network blip. */
  reset(): void;
  close(): Promise<void>;
}

export async function startLatencyProxy(
  target: { host: string; port: number },
  oneWayMs: number,
): Promise<LatencyProxy> {
  const sockets = new Set<Socket>();
  let dropping = false;
  const later = (fn: () => void) => (oneWayMs > 0 ? void setTimeout(fn, oneWayMs) : fn());
  const delayedPipe = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (dropping) return;
      later(() => {
        if (!to.destroyed && !dropping) to.write(chunk);
      });
    });
    // A partitioned link carries no FIN or RST either.
    from.on('end', () => !dropping && later(() => to.end()));
    from.on('error', () => !dropping && to.destroy());
    from.on('close', () => !dropping && later(() => to.destroy()));
  };
  // noDelay: the link's delay is the only one wanted, not Nagle's on top of it.
  const server: Server = createServer({ noDelay: true }, (client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    // A new connection pays its TCP handshake across the link (SYN, SYN-ACK: one round trip) before data;
    // across a partition it never completes.
    client.pause();
    setTimeout(() => {
      if (dropping || client.destroyed) return;
      const upstream = connect({ port: target.port, host: target.host, noDelay: true }, () => {
        delayedPipe(client, upstream);
        delayedPipe(upstream, client);
        client.resume();
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
    }, 2 * oneWayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    blackhole: (on) => void (dropping = on),
    reset: () => [...sockets].forEach((s) => s.resetAndDestroy()),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
