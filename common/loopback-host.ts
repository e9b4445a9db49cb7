// The Host allow-list of every server we run on loopback (web edition, agent proxy, local API, sign-in
// listener): a request must name the server itself. A web page the agent visits can point a DNS name of its
// own at 127.0.0.1 (DNS rebinding) and then read our answers as same-origin; its requests carry that name.

/** `host` (the request's Host header) is `127.0.0.1:<port>` or, where `names` allows it, `localhost:<port>`. */
export function isOwnHost(
  host: string | undefined,
  port: number,
  names: readonly string[] = ['127.0.0.1', 'localhost'],
): boolean {
  return host !== undefined && names.some((name) => host === `${name}:${port}`);
}
