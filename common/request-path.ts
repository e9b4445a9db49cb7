// Reading an incoming request's target, for our own servers and the simulators alike. `new URL(req.url, base)`
// reads `//host/…` as another host and throws on `//|…`: a throw in a request listener would crash the whole
// process, for any local process or web page that sent such a path.

/** The request target as a URL on a placeholder origin, or undefined when it is not an origin-form path. */
export function requestUrl(target: string | undefined): URL | undefined {
  if (!target?.startsWith('/')) return undefined;
  try {
    return new URL(`http://request.invalid${target}`);
  } catch {
    return undefined;
  }
}
