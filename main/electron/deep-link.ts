// Where deep links enter the app. Call synchronously at startup, before `ready`: macOS sends `open-url`
// for a cold start before the app is ready, and a listener added later misses it. Windows and Linux put
// the link in argv (cold start) or hand it to the running instance (see single-instance.ts).
import { app } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createDeepLinkInbox, deepLinkInArgv, DEEP_LINK_SCHEME, type DeepLinkInbox } from '../core/deep-link';

export function receiveDeepLinks(argv: readonly string[] = process.argv): DeepLinkInbox {
  const inbox = createDeepLinkInbox();
  app.on('open-url', (event, url) => {
    event.preventDefault();
    inbox.push(url);
  });
  const cold = deepLinkInArgv(argv);
  if (cold) inbox.push(cold);
  // The installers register the scheme; this repairs a registration another app took over, and registers
  // it per user where no installer did (an MSI install). An NSIS install owns it (and removes it at
  // uninstall, which a registration written here would outlive). Development builds leave it alone.
  if (app.isPackaged && !nsisInstalled() && !app.isDefaultProtocolClient(DEEP_LINK_SCHEME))
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  return inbox;
}

/** electron-builder's NSIS installer puts its uninstaller beside the executable (per user or per machine). */
const nsisInstalled = () =>
  process.platform === 'win32' &&
  existsSync(join(dirname(app.getPath('exe')), `Uninstall ${app.getName()}.exe`));

/** For `second-instance`: the link in the other launch's argv, if any. */
export function pushDeepLinkFromArgv(inbox: DeepLinkInbox, argv: readonly string[]): void {
  const link = deepLinkInArgv(argv);
  if (link) inbox.push(link);
}
