// A PAC script evaluated in plain Node (the web edition, the CLI, the `proxy` setting's PAC URL): pac-resolver
// runs FindProxyForURL inside QuickJS (WebAssembly), never in our own JavaScript realm.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import { createPacResolver } from 'pac-resolver';
import { QuickJS } from 'quickjs-wasi';

/** FindProxyForURL for one script: a PAC answer such as `PROXY proxy:3128; DIRECT`. */
export type PacResolver = (url: string) => Promise<string>;

const MAX_SCRIPT = 1024 * 1024;

let runtime: Promise<QuickJS> | undefined;
const quickJs = (): Promise<QuickJS> =>
  (runtime ??= readFile(createRequire(import.meta.url).resolve('quickjs-wasi/quickjs.wasm')).then((wasm) =>
    QuickJS.create({ wasm }),
  ));

/** The script at `url`, fetched directly (as Chromium fetches PAC scripts), over https with our trust. */
function fetchScript(url: URL, ca: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? https.get : http.get;
    const req = get(url, { ca, timeout: timeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`the PAC script ${url.href} answered HTTP ${res.statusCode}`));
        return;
      }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
        if (text.length > MAX_SCRIPT) req.destroy(new Error('the PAC script is larger than 1 MiB'));
      });
      res.on('end', () => resolve(text));
    });
    req.on('timeout', () => req.destroy(new Error(`the PAC script ${url.href} did not answer`)));
    req.on('error', reject);
  });
}

export async function loadPac(url: URL, ca: string[], timeoutMs = 5000): Promise<PacResolver> {
  const script =
    url.protocol === 'file:' ? await readFile(url, 'utf8') : await fetchScript(url, ca, timeoutMs);
  const find = createPacResolver(await quickJs(), script, { filename: url.href });
  return (target) => find(target);
}
