// Every step of the controller has a deadline and can be cancelled: no promise waits forever.
import { ControllerError, type JoinStep } from '../controller/types';

/**
 * Runs `work` with a signal that fires when the deadline passes or `outer` aborts; the returned promise
 * settles no later than that (with `timeout` or `closed`), whatever `work` does.
 */
export function withDeadline<T>(
  step: JoinStep,
  ms: number,
  where: { host: string; outer?: AbortSignal },
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const inner = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const stop = (err: ControllerError) => {
      cleanup();
      inner.abort(err);
      reject(err);
    };
    const onOuter = () =>
      stop(
        new ControllerError('closed', `cancelled during ${step} (${where.host})`, { step, host: where.host }),
      );
    const timer = setTimeout(
      () =>
        stop(
          new ControllerError(
            'timeout',
            `${where.host} did not answer the ${step} step within ${ms} ms; check the network or the server's load`,
            { step, host: where.host },
          ),
        ),
      ms,
    );
    const cleanup = () => {
      clearTimeout(timer);
      where.outer?.removeEventListener('abort', onOuter);
    };
    if (where.outer?.aborted) return onOuter();
    where.outer?.addEventListener('abort', onOuter, { once: true });
    work(inner.signal).then(
      (v) => {
        cleanup();
        resolve(v);
      },
      (e: unknown) => {
        cleanup();
        reject(e);
      },
    );
  });
}

/**
 * A health check that fails fast is asked once more within the same deadline: a reset network leaves dead
 * keep-alive sockets in the pool, and the first request on one fails at once although the server is fine
 * (the second gets a new connection). A check that ran out of time is not repeated.
 */
export async function checkTwice(
  ms: number,
  check: (signal: AbortSignal) => Promise<boolean>,
): Promise<boolean> {
  const signal = AbortSignal.timeout(ms);
  return (await check(signal)) || (!signal.aborted && (await check(signal)));
}
