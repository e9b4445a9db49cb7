// The one well-known place per OS where IT deploys the admin-wide settings file (same schema as the user's
// file plus a `locked` list). Machine-wide folders that a normal user can read but not write.
import { posix, win32 } from 'node:path';

export function managedSettingsPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32')
    return win32.join(env.ProgramData ?? 'C:\\ProgramData', 'CobrowseAgentShell', 'settings.json');
  if (platform === 'darwin') return '/Library/Application Support/CobrowseAgentShell/settings.json';
  return posix.join('/etc', 'cobrowse-agent-shell', 'settings.json');
}
