// One session's cookies. cometd-nodejs-client keeps server cookies in a process-wide jar per host name, so two
// sessions on two nodes behind one balancer would share `BAYEUX_BROWSER` and `gcbSessionServer`; each session
// gets its own jar instead, and every request of that session (REST, long-polls, WebSocket upgrade) uses it.
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  set(name: string, value: string): void {
    this.#cookies.set(name, value);
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  /** Keeps `name=value` of each `Set-Cookie` header; attributes (path, domain, expiry) do not matter here. */
  store(setCookie: string[] | undefined): void {
    for (const header of setCookie ?? []) {
      const pair = header.split(';', 1)[0]?.trim() ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) this.#cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }

  /** The `Cookie` request header, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}
