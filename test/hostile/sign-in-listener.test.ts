// The Workspace sign-in's one-shot loopback listener is reachable by any local process (and web page) while
// the agent signs in: a path `new URL` cannot take must get a 404, not crash the app.
import { expect, it } from 'vitest';
import { authorizeInBrowser } from '../../main/core/sources/workspace/sign-in';
import { raw } from './test-support/probes';

it('hostile: a `//|` path to the sign-in listener is a 404 and sign-in goes on', async () => {
  const abort = new AbortController();
  const statuses: number[] = [];
  const signedIn = authorizeInBrowser({
    authBase: 'http://127.0.0.1:9/auth/v3',
    clientId: 'hostile',
    signal: abort.signal,
    openBrowser: async (url) => {
      const listener = new URL(new URL(url).searchParams.get('redirect_uri')!).origin;
      for (const path of ['//|x', '//', '/\\\\|']) statuses.push((await raw(listener, path)).status);
      abort.abort();
    },
  });
  await expect(signedIn).rejects.toThrow(/cancelled/);
  expect(statuses).toEqual([404, 404, 404]);
});
