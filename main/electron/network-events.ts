// The desktop's part of the network layer: Chromium's proxy resolution (system settings, PAC, WPAD) for the
// core's own connections, so they go where the agent page goes; and the OS's reports of a resume from sleep
// or a network change, after which the core checks every connection at once.
import { powerMonitor, session } from 'electron';
import type { AppCore } from '../core/app-core';
import { watchInterfaces } from '../core/net/interface-watch';

/** The system proxy for `url` as Chromium resolves it: a PAC answer (`PROXY host:port; DIRECT`). */
export const resolveSystemProxy = (url: string): Promise<string> => session.defaultSession.resolveProxy(url);

/** Reports resume and network changes to the core until the returned function is called. */
export function reportNetworkChanges(core: Pick<AppCore, 'networkChanged'>): () => void {
  const onResume = () => core.networkChanged('resume');
  powerMonitor.on('resume', onResume);
  const stopWatching = watchInterfaces(() => core.networkChanged('network-change'));
  return () => {
    powerMonitor.off('resume', onResume);
    stopWatching();
  };
}
