// Sessions (one per partition): cookies and permission handlers.
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
    set: async (cookie: Cookie) => {
      this.cookieJar.push(cookie);
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
};
