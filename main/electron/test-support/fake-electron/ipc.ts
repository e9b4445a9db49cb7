// ipcMain: one handler per channel, as Electron enforces.
import { EventEmitter } from 'node:events';
import { violate } from './runtime';
import type { WebContents } from './web-contents';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
class IpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) violate(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new IpcMain();

/** `ipcRenderer.invoke` from `sender`'s main frame, or from `frame` (e.g. an iframe's). */
export function invokeHandler(
  sender: WebContents,
  channel: string,
  input: unknown,
  frame: { url: string } = sender.mainFrame,
): Promise<unknown> {
  const handler = ipcMain.handlers.get(channel);
  if (!handler)
    return Promise.reject(new Error(`Error invoking remote method '${channel}': No handler registered`));
  return Promise.resolve(handler({ sender, senderFrame: frame }, structuredClone(input)));
}
