// AppState as the sidebar receives it: the engine's parts, the service link's view of the connection, the
// settings as loaded and what the host adds (agent view popped out, update offer).
import type { AppState } from '../../../common/contract';
import { SidebarSettings } from '../../../common/settings-schema';
import { initialUpdateView } from '../update/gate';
import { engineOf, type CoreContext } from './context';

export function appStateOf(ctx: CoreContext): AppState {
  const e = engineOf(ctx).getState();
  const s = ctx.loaded.settings;
  const demo = ctx.link.demo();
  return {
    mode: demo ? 'demo' : 'live',
    service: { url: demo ? demo.serviceUrl : s.serviceUrl, demoCustomerUrl: demo?.customerUrl ?? null },
    connection: ctx.link.connection(e.connection),
    source: e.source,
    interactions: e.interactions,
    selectedInteractionId: e.selectedInteractionId,
    sessions: ctx.link.withoutStaleAlerts(e.sessions),
    agentView: e.agentView && { ...e.agentView, poppedOut: ctx.hooks.agentViewPoppedOut?.() ?? false },
    settings: { ...SidebarSettings.parse(s), locked: ctx.loaded.locked },
    systemLocale: ctx.systemLocale,
    lastError: ctx.lastError,
    update: ctx.hooks.updateView?.(e.sessions.map((x) => x.phase)) ?? initialUpdateView(false),
  };
}
