// "Copy diagnostics": builds the bundle (core/diagnostics, no secrets) and puts it on the clipboard.
import { app, clipboard } from 'electron';
import { release } from 'node:os';
import { buildDiagnostics } from '../core/diagnostics/bundle';
import type { LoadedSettings } from '../core/settings/store';

export async function copyDiagnostics(
  settings: LoadedSettings,
  logFiles: readonly string[],
): Promise<number> {
  const text = await buildDiagnostics({
    app: { name: app.getName(), version: app.getVersion() },
    runtime: {
      os: `${process.platform} ${release()} ${process.arch}`,
      electron: process.versions.electron ?? '?',
      chrome: process.versions.chrome ?? '?',
      packaged: String(app.isPackaged),
      locale: app.getLocale(),
    },
    settings: settings.settings,
    locked: settings.locked,
    problems: settings.problems,
    logFiles,
  });
  await clipboard.writeText(text); // Electron 45: resolves once the text is on the clipboard
  return text.length;
}
