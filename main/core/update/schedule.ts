// Checks for updates at start and then once a day. A failed check never stops later ones; a check still
// running is never started a second time.
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface Timers {
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

export function scheduleUpdateChecks(
  check: () => Promise<unknown>,
  onError: (err: unknown) => void,
  opts: { intervalMs?: number; timers?: Timers } = {},
): () => void {
  const timers: Timers = opts.timers ?? {
    setInterval: (fn, ms) => {
      const t = setInterval(fn, ms);
      t.unref?.(); // never the reason the app stays alive
      return t;
    },
    clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
  };
  let running = false;
  const run = () => {
    if (running) return; // one check at a time
    running = true;
    Promise.resolve()
      .then(check)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  run();
  const handle = timers.setInterval(run, opts.intervalMs ?? DAY_MS);
  return () => timers.clearInterval(handle);
}
