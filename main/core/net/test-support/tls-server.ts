// A real https (and wss) server for network tests: it serves a certificate chain from the test PKI and answers
// every request 404 (as a Co-browse server answers a path it does not have), and echoes WebSocket messages.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { ServerCert } from './pki';

export interface TlsServer {
  port: number;
  /** Requests seen, as `METHOD path`. */
  seen: string[];
  close(): Promise<void>;
}

export async function startTlsServer(cert: ServerCert, host: string): Promise<TlsServer> {
  const seen: string[] = [];
  const server: Server = createServer({ key: cert.key, cert: cert.chain }, (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not here');
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => ws.on('message', (m, binary) => ws.send(m, { binary })));
  await new Promise<void>((r) => server.listen(0, host, r));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
