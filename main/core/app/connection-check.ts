// The connection check of what the settings configure (or the embedded demo's service), on the app's own
// network layer.
import { runConnectionCheck, type CheckReport } from '../net/check/connection-check';
import type { CoreContext } from './context';

export function checkConnection(ctx: CoreContext): Promise<CheckReport> {
  const s = ctx.loaded.settings;
  const demo = ctx.link.demo();
  return runConnectionCheck({
    network: ctx.link.network,
    serviceUrl: demo ? demo.serviceUrl : s.serviceUrl,
    origin: s.origin,
    ...(s.source === 'workspace' && s.workspaceUrl
      ? { workspaceUrl: s.workspaceUrl, workspaceApiKey: s.workspaceApiKey }
      : {}),
  });
}
