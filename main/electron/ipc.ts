// ipcMain for the sidebar: one handler per contract request (channel names derive from the contract), each
// accepting only the sidebar's own main frame on the app origin (a WebContentsView or an iframe is refused:
// BrowserWindow.fromWebContents would not even find a view), then the core's validated dispatch.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { eventChannel, requestChannel, requestNames, type Reply } from '../../common/contract';
import type { AppCore } from '../core/app-core';
import { isTrustedSender } from '../core/desktop/web-guards';
import { createStatePump } from '../core/ipc/state-pump';
import type { Logger } from '../../common/logger';

const forbidden: Reply<never> = {
  ok: false,
  error: { code: 'forbidden' },
};

export function serveSidebarIpc(
  core: AppCore,
  sidebar: BrowserWindow,
  appOrigin: string,
  log: Logger,
  onReady: () => void = () => {},
): () => void {
  const wc = sidebar.webContents;
  const pump = createStatePump(core.getState, (state) => {
    if (!wc.isDestroyed()) wc.send(eventChannel('state'), state);
  });
  const unsubscribe = core.subscribe(() => pump.changed());
  const trusted = (event: IpcMainInvokeEvent) =>
    isTrustedSender(
      {
        webContentsId: event.sender.id,
        frameUrl: event.senderFrame?.url ?? '',
        isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
      },
      wc.id,
      appOrigin,
    );
  for (const name of requestNames)
    ipcMain.handle(requestChannel(name), async (event, input: unknown) => {
      if (!trusted(event)) {
        log.warn('IPC refused: untrusted sender', {
          name,
          frame: event.senderFrame?.url.slice(0, 100) ?? '',
        });
        return forbidden;
      }
      const reply = await core.dispatch(name, input);
      if (name === 'ready' && reply.ok) {
        pump.ready();
        onReady();
      }
      return reply;
    });
  return () => {
    unsubscribe();
    pump.close();
    for (const name of requestNames) ipcMain.removeHandler(requestChannel(name));
  };
}
