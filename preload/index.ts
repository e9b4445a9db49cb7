// The sandboxed preload: exposes the contract as `window.cobrowse` and nothing else — no ipcRenderer, no
// Node. Bundled to one CommonJS file (sandboxed preloads cannot load modules). Main validates every call;
// requests with an unknown name never leave this file.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  eventChannel,
  eventNames,
  requestChannel,
  requestNames,
  type CobrowseApi,
  type EventName,
  type RequestName,
} from '../common/contract';

const api: CobrowseApi = {
  host: 'desktop',
  invoke(name, input) {
    if (!requestNames.includes(name as RequestName))
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown-request', params: { name: String(name).slice(0, 60) } },
      });
    return ipcRenderer.invoke(requestChannel(name), input);
  },
  on(name, listener) {
    if (!eventNames.includes(name as EventName)) throw new RangeError(`unknown event ${String(name)}`);
    const channel = eventChannel(name);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channel, wrapped);
    return () => void ipcRenderer.removeListener(channel, wrapped);
  },
};

contextBridge.exposeInMainWorld('cobrowse', api);
