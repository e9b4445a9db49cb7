// A main-process error is logged and shown in the sidebar (`internal`: the detail stays in the log, which
// Copy diagnostics carries). Listening for `uncaughtException` is also what keeps Electron from showing its
// modal "A JavaScript error occurred in the main process" box, which would block the agent mid-session.
import type { AppError } from '../../common/contract';
import type { Logger } from '../../common/logger';

export function catchMainProcessErrors(log: Logger): { tellThrough(show: (error: AppError) => void): void } {
  let show: ((error: AppError) => void) | null = null;
  const report = (kind: string) => (err: unknown) => {
    const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    log.error(`main process: ${kind}`, { error });
    show?.({ code: 'internal' });
  };
  process.on('uncaughtException', report('uncaught exception'));
  process.on('unhandledRejection', report('unhandled rejection'));
  return { tellThrough: (fn) => void (show = fn) };
}
