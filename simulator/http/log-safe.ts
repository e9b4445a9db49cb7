import { maskToken, maskTokensIn } from '../../common/mask';

/** A request path fit for a log line: session tokens (9 digits) and user tokens (`/users/<token>/`) masked. */
export const loggablePath = (path: string): string =>
  maskTokensIn(path).replace(/\/users\/([^/?]+)/, (_m, token: string) => `/users/${maskToken(token)}`);
