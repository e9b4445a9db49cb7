// "Copy diagnostics": builds the bundle (core/diagnostics, no secrets) and puts it on the clipboard.
import { app, clipboard } from 'electron';
import { release } from 'node:os';
import type { DiagnosticsAbout } from '../core/app-core';

export async function copyDiagnostics(
  core: { diagnostics(about: DiagnosticsAbout): Promise<string> },
  logFiles: readonly string[],
): Promise<number> {
  const text = await core.diagnostics({
    app: { name: app.getName(), version: app.getVersion() },
    runtime: {
      os: `${process.platform} ${release()} ${process.arch}`,
      electron: process.versions.electron ?? '?',
      chrome: process.versions.chrome ?? '?',
      packaged: String(app.isPackaged),
      locale: app.getLocale(),
    },
    logFiles,
  });
  await clipboard.writeText(text); // Electron 45: resolves once the text is on the clipboard
  return text.length;
}
