// Another OS user's process holding a loopback port first: records every connection and request it gets
// (headers and body) as JSON lines, answers 200 `{}` as a plausible server would.
// `tsx squatter.ts <port>`; prints `{"listening":port}` once up.
import { createServer } from 'node:http';

const print = (line: object) => process.stdout.write(JSON.stringify(line) + '\n');
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    print({ heard: { method: req.method, url: req.url, headers: req.headers, body } });
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
});
server.on('connection', () => print({ connection: true }));
server.listen(Number(process.argv[2]), '127.0.0.1', () => print({ listening: process.argv[2] }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
