// Sessions (one per partition): cookies, permission handlers, clearing. As in Electron, a partition's session
// is never freed while the app runs (electron#28566): `fake.partitions()` lists every one ever used.
import { requireReady, runtime } from './runtime';

interface Cookie {
  url: string;
  name: string;
  value: string;
  path?: string;
  secure?: boolean;
}
type PermissionHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;

export class Session {
  readonly cookieJar: Cookie[] = [];
  permissionRequestHandler: PermissionHandler | null = null;
  permissionCheckHandler: (() => boolean) | null = null;
  readonly cookies = {
    /** Replaces a cookie of the same name, origin and path, as a cookie store does. */
    set: async (cookie: Cookie) => {
      const same = (c: Cookie) =>
        c.name === cookie.name &&
        new URL(c.url).origin === new URL(cookie.url).origin &&
        (c.path ?? '/') === (cookie.path ?? '/');
      this.cookieJar.splice(0, this.cookieJar.length, ...this.cookieJar.filter((c) => !same(c)), cookie);
    },
    get: async (filter: { url?: string; name?: string } = {}) =>
      this.cookieJar.filter(
        (c) =>
          (!filter.name || c.name === filter.name) &&
          (!filter.url || new URL(filter.url).origin === new URL(c.url).origin),
      ),
  };
  constructor(readonly partition: string) {}
  setPermissionRequestHandler(handler: PermissionHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (() => boolean) | null): void {
    this.permissionCheckHandler = handler;
  }
  /** Cookies, storage and the rest of what pages kept in this partition: gone. */
  async clearStorageData(): Promise<void> {
    this.cookieJar.length = 0;
    this.clears++;
  }
  async clearCache(): Promise<void> {}
  /** Every preconnect asked for, in order. */
  readonly preconnects: string[] = [];
  preconnect(options: { url: string; numSockets?: number }): void {
    this.preconnects.push(options.url);
  }
  /** Every URL fetched through the session (Chromium's network stack, this partition's cookies). */
  readonly fetched: string[] = [];
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    requireReady('session.fetch');
    this.fetched.push(url);
    const cookies = init.credentials === 'omit' ? [] : await this.cookies.get({ url });
    const headers = new Headers(init.headers);
    if (cookies.length) headers.set('cookie', cookies.map((c) => `${c.name}=${c.value}`).join('; '));
    return fetch(url, { ...init, headers });
  }
  /** How often its storage was cleared. */
  clears = 0;
}

export const sessionFor = (partition: string) => {
  requireReady('session');
  if (!runtime.sessions.has(partition)) runtime.sessions.set(partition, new Session(partition));
  return runtime.sessions.get(partition)!;
};
export const session = {
  get defaultSession(): Session {
    return sessionFor('');
  },
  fromPartition: (partition: string): Session => sessionFor(partition),
};
