// When the outbox tries again after a failed pass: exponential backoff with full jitter and a cap, cut
// short by a nudge (the source just came back).

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 250, capMs: 30_000 };

/** Full jitter: a uniform delay in [0, min(cap, base·2^attempt)], never below a few ms. */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(5, Math.round(ceiling * random()));
}

export interface RetryTimer {
  /** Failed passes since the last clean one (or nudge). */
  readonly attempt: number;
  /** A pass failed: fire after the next backoff step (unless a retry is already waiting). */
  failed(): void;
  /** A pass went through: the next failure waits the shortest step again. */
  succeeded(): void;
  /** Fire now and restart the backoff. */
  nudge(): void;
  close(): void;
}

export function createRetryTimer(backoff: BackoffOptions, random: () => number, fire: () => void): RetryTimer {
  let attempt = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  return {
    get attempt() {
      return attempt;
    },
    failed() {
      const delay = backoffDelay(attempt, backoff, random);
      attempt += 1;
      if (closed || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        fire();
      }, delay);
    },
    succeeded() {
      attempt = 0;
    },
    nudge() {
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      attempt = 0;
      fire();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
