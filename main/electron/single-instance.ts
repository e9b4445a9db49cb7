// One app per desktop: a second launch (a deep link clicked while we run, or a double click) hands its
// argv to the running instance and quits. Parallel e2e workers each need their own app:
// COBROWSE_NO_SINGLE_INSTANCE=1 skips the lock.
import { app } from 'electron';

/** False when another instance holds the lock (it now has our argv): the caller quits at once. */
export function claimSingleInstance(onSecondInstance: (argv: string[]) => void): boolean {
  if (process.env.COBROWSE_NO_SINGLE_INSTANCE === '1') return true;
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv) => onSecondInstance(argv));
  return true;
}
