// The Workspace sign-in's one-shot loopback listener is reachable by any local process (another user's on a
// shared host) and any web page while the agent signs in. Forged callbacks (no state, someone else's state,
// a foreign Host) are refused and change nothing; only the answer carrying our state signs in, and then the
// listener is gone. A path `new URL` cannot take gets a 404, not a crash. A port another user holds first
// stops the sign-in before the browser is sent there with the agent's code.
import { expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorizeInBrowser, SignInError } from '../../main/core/sources/workspace/sign-in';
import { raw } from './test-support/probes';

/** Starts a sign-in; `browser` plays the agent's browser (and the attacker beside it) with the authorize URL. */
function signIn(browser: (authorize: URL, listener: string) => Promise<void>, abort = new AbortController()) {
  return authorizeInBrowser({
    authBase: 'http://127.0.0.1:9/auth/v3',
    clientId: 'hostile',
    signal: abort.signal,
    timeoutMs: 10_000,
    openBrowser: async (url) => {
      const authorize = new URL(url);
      await browser(authorize, new URL(authorize.searchParams.get('redirect_uri')!).origin);
    },
  });
}

it('hostile: a `//|` path to the sign-in listener is a 404 and sign-in goes on', async () => {
  const abort = new AbortController();
  const statuses: number[] = [];
  const signedIn = signIn(async (_authorize, listener) => {
    for (const path of ['//|x', '//', '/\\\\|']) statuses.push((await raw(listener, path)).status);
    abort.abort();
  }, abort);
  await expect(signedIn).rejects.toThrow(/cancelled/);
  expect(statuses).toEqual([404, 404, 404]);
});

it("hostile: forged callbacks (no state, another state, a foreign Host) are refused; the agent's own then signs in", async () => {
  const forged: number[] = [];
  let state = '';
  const signedIn = signIn(async (authorize, listener) => {
    state = authorize.searchParams.get('state')!;
    forged.push((await raw(listener, '/callback?code=attacker')).status);
    forged.push((await raw(listener, `/callback?code=attacker&state=${'x'.repeat(state.length)}`)).status);
    forged.push((await raw(listener, '/callback?error=access_denied')).status);
    const host = { Host: `evil.example:${new URL(listener).port}` };
    forged.push((await raw(listener, `/callback?code=attacker&state=${state}`, { headers: host })).status);
    const agent = await raw(listener, `/callback?code=agents-own&state=${state}`);
    expect(agent.status).toBe(200);
  });
  expect(await signedIn).toMatchObject({ code: 'agents-own', state });
  expect(state).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(forged).toEqual([400, 400, 400, 421]);
});

it('hostile: after its one answer the listener is closed: a late callback, even with the state, reaches nothing', async () => {
  let listener = '';
  let state = '';
  await signIn(async (authorize, origin) => {
    listener = origin;
    state = authorize.searchParams.get('state')!;
    await raw(listener, `/callback?code=first&state=${state}`);
  });
  expect((await raw(listener, `/callback?code=second&state=${state}`)).status).toBe(0);
});

it('hostile: a squatter on the registered redirect port: the sign-in stops before any browser opens', async () => {
  const squatter = createServer((_req, res) => res.end('squatted'));
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  const port = (squatter.address() as AddressInfo).port;
  const opened: string[] = [];
  try {
    const signedIn = authorizeInBrowser({
      authBase: 'http://127.0.0.1:9/auth/v3',
      clientId: 'hostile',
      port,
      openBrowser: (url) => void opened.push(url),
    });
    await expect(signedIn).rejects.toThrow(SignInError);
    await expect(signedIn).rejects.toThrow(
      /redirect port \d+ cannot be used \(EADDRINUSE\); no browser was opened/,
    );
    expect(opened).toEqual([]);
  } finally {
    await new Promise<void>((resolve) => squatter.close(() => resolve()));
  }
});
