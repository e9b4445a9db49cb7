// A TLS-terminating load balancer in front of a plain-http server (the simulator's balancer): the private
// chain outside, requests and WebSocket upgrades relayed inside. `blockWebSocket` answers upgrades 400, as a
// balancer or inspecting proxy that does not carry WebSocket does.
import { request } from 'node:http';
import { createServer, type Server } from 'node:https';
import net, { type AddressInfo } from 'node:net';
import type { ServerCert } from './pki';

export interface TlsFront {
  port: number;
  blockWebSocket: boolean;
  close(): Promise<void>;
}

export async function startTlsFront(cert: ServerCert, host: string, target: URL): Promise<TlsFront> {
  const sockets = new Set<net.Socket>();
  const server: Server = createServer({ key: cert.key, cert: cert.chain }, (req, res) => {
    const inner = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    inner.on('error', () => res.writeHead(502).end());
    req.pipe(inner);
  });
  const front: TlsFront = {
    port: 0,
    blockWebSocket: false,
    async close() {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
  server.on('upgrade', (req, socket: net.Socket, head: Buffer) => {
    sockets.add(socket);
    if (front.blockWebSocket) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const inner = net.connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      inner.write(lines.join('\r\n') + '\r\n\r\n');
      inner.write(head);
      inner.pipe(socket).pipe(inner);
    });
    sockets.add(inner);
    const drop = () => (socket.destroy(), inner.destroy());
    inner.on('error', drop);
    socket.on('error', drop);
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  front.port = (server.address() as AddressInfo).port;
  return front;
}
