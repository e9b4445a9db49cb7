// cometd-nodejs-client ships no typings for its XMLHttpRequest; this is the part the test client uses.
declare module 'cometd-nodejs-client/src/XMLHttpRequest.js' {
  export interface CookieHooks {
    storeCookie(uri: URL, header: string, callback: (failure: Error | null) => void): void;
    retrieveCookies(
      context: unknown,
      uri: URL,
      callback: (failure: Error | null, cookies: string[]) => void,
    ): void;
  }
  export class XMLHttpRequest {
    constructor(options?: { cookies?: CookieHooks });
  }
}
