// Page options from the URL hash (`#nosidinput=1&sid=123456789&debug=1`), and the debug logger they turn on.

/** @returns {{ nosidinput: boolean, sid: string | undefined, debug: boolean }} */
export function readHashOptions(hash = window.location.hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const sid = params.get('sid') ?? undefined;
  return {
    nosidinput: params.get('nosidinput') === '1',
    sid: sid && /^\d{9}$/.test(sid) ? sid : undefined,
    debug: params.get('debug') === '1',
  };
}

/** A console logger when enabled (debug=1), silent otherwise. Tokens are shortened to their last 3 digits. */
export function debugLog(enabled) {
  if (!enabled) return () => {};
  const mask = (text) => text.replace(/(?<!\d)\d{6}(\d{3})(?!\d)/g, '******$1');
  const masked = (a) => {
    if (typeof a === 'string') return mask(a);
    if (a === null || typeof a !== 'object') return a;
    try {
      return JSON.parse(mask(JSON.stringify(a)));
    } catch {
      return '[unloggable]';
    }
  };
  return (...args) => console.log('[cobrowse]', ...args.map(masked));
}
