// A TCP proxy that delays every chunk by `oneWayMs` in each direction (order kept): a WAN in front of a
// loopback server, so benches measure round trips rather than loopback speed.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface LatencyProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

function delayedPipe(from: Socket, to: Socket, oneWayMs: number): void {
  from.on('data', (chunk: Buffer) => {
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, oneWayMs);
  });
  from.on('end', () => setTimeout(() => to.end(), oneWayMs));
  from.on('error', () => to.destroy());
  from.on('close', () => setTimeout(() => to.destroy(), oneWayMs));
}

export async function startLatencyProxy(
  target: { host: string; port: number },
  oneWayMs: number,
): Promise<LatencyProxy> {
  const sockets = new Set<Socket>();
  // noDelay: the link's delay is the only one wanted, not Nagle's on top of it.
  const server: Server = createServer({ noDelay: true }, (client) => {
    // A new connection pays its TCP handshake across the link (SYN, SYN-ACK: one round trip) before data.
    client.pause();
    setTimeout(() => {
      const upstream = connect({ port: target.port, host: target.host, noDelay: true }, () => {
        delayedPipe(client, upstream, oneWayMs);
        delayedPipe(upstream, client, oneWayMs);
        client.resume();
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
    }, 2 * oneWayMs);
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
