// "Copy diagnostics" and "Save diagnostics…": the bundle (core/diagnostics, no secrets) with this host's
// versions and its local crash dumps (listed), put on the clipboard or written where the agent chose in the
// save dialog (core/diagnostics/save-file).
import { app, clipboard, dialog, type BrowserWindow } from 'electron';
import { release } from 'node:os';
import { join } from 'node:path';
import type { SaveDiagnosticsOutcome } from '../../common/contract';
import type { DiagnosticsAbout } from '../core/app-core';
import { diagnosticsFileName, saveDiagnosticsFile } from '../core/diagnostics/save-file';
import { describeCrashDumps, listCrashDumps } from './crash-dumps';

type Core = { diagnostics(about: DiagnosticsAbout): Promise<string> };

const bundle = async (core: Core, logFiles: readonly string[]) =>
  core.diagnostics({
    app: { name: app.getName(), version: app.getVersion() },
    runtime: {
      os: `${process.platform} ${release()} ${process.arch}`,
      electron: process.versions.electron ?? '?',
      chrome: process.versions.chrome ?? '?',
      packaged: String(app.isPackaged),
      locale: app.getLocale(),
      'crash dumps': describeCrashDumps(await listCrashDumps()),
    },
    logFiles,
  });

export async function copyDiagnostics(core: Core, logFiles: readonly string[]): Promise<number> {
  const text = await bundle(core, logFiles);
  await clipboard.writeText(text); // Electron 45: resolves once the text is on the clipboard
  return text.length;
}

/** The save dialog (modal to the sidebar), offering the Downloads folder; a cancel is an outcome, not an error. */
export async function saveDiagnostics(
  core: Core,
  logFiles: readonly string[],
  window: BrowserWindow,
): Promise<SaveDiagnosticsOutcome> {
  const picked = await dialog.showSaveDialog(window, {
    title: 'Save diagnostics',
    defaultPath: join(app.getPath('downloads'), diagnosticsFileName()),
    filters: [{ name: 'Text', extensions: ['txt'] }],
  });
  // Electron 45: `filePath` is '' when cancelled.
  if (picked.canceled || !picked.filePath) return { outcome: 'cancelled' };
  await saveDiagnosticsFile(picked.filePath, await bundle(core, logFiles));
  return { outcome: 'saved', path: picked.filePath };
}
