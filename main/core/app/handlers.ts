// The contract's requests, answered: each handler does one thing with the engine, the settings, the
// Workspace source or the host's hooks; a refusal the agent should read is a RequestRefused with its code.
import { formatReport } from '../net/check/connection-check';
import { checkConnection } from './connection-check';
import type { AppError } from '../../../common/contract';
import type { Handlers } from '../ipc/dispatch';
import { RequestRefused } from '../ipc/dispatch';
import type { History } from '../history/history';
import { appStateOf } from './app-state';
import { engineOf, hasLiveSession, phasesOf, showError, type CoreContext } from './context';
import { joinAsked } from './join';
import { changeSettings } from './settings-change';
import { workspaceOf, type SignInFlow } from './sign-in';

export function requestHandlers(ctx: CoreContext, history: History, signIn: SignInFlow): Handlers {
  const hooks = ctx.hooks;
  return {
    ready: () => appStateOf(ctx),
    join: ({ token, interactionId, replace }) =>
      joinAsked(ctx, token, { via: 'typed', interactionId, replace }),
    answerRequest: ({ interactionId, accept }) => {
      refuseIf(engineOf(ctx).requestRefusal(interactionId));
      return engineOf(ctx).answerRequest(interactionId, accept);
    },
    exit: async ({ sessionId }) => (refuseIf(await engineOf(ctx).exit(sessionId)), null),
    stop: async ({ sessionId }) => (refuseIf(await engineOf(ctx).stop(sessionId)), null),
    selectInteraction: ({ interactionId }) => {
      refuseIf(engineOf(ctx).selectInteraction(interactionId));
      return null;
    },
    updateSettings: async (patch) => {
      await changeSettings(ctx, patch);
      return appStateOf(ctx).settings;
    },
    setAgentViewBounds: ({ bounds }) => (hooks.setAgentViewBounds?.(bounds), null),
    popOutAgentView: ({ out }) => ({ out: hooks.popOutAgentView?.(out) ?? false }),
    dismissError: () => (showError(ctx, null), null),
    workspaceSignIn: () => signIn.signIn(workspaceOf(ctx.runtime.selected)),
    workspaceUseToken: async ({ token }) => {
      await workspaceOf(ctx.runtime.selected).useToken(token);
      return null;
    },
    workspaceSignOut: async () => {
      const ws = workspaceOf(ctx.runtime.selected);
      // Signed out, the app would no longer hear of a transfer or a close: the session would outlive them.
      if (hasLiveSession(ctx)) throw new RequestRefused({ code: 'sign-out-during-session' });
      await ws.signOut();
      return null;
    },
    restartToUpdate: () => {
      const decision = hooks.restartToUpdate?.(phasesOf(ctx)) ?? { ok: false, reason: 'update-none-waiting' };
      if (!decision.ok) throw new RequestRefused({ code: decision.reason });
      return null;
    },
    copyDiagnostics: async () => ({ text: (await hooks.copyDiagnostics?.()) ?? null }),
    saveDiagnostics: () => {
      if (!hooks.saveDiagnostics) throw new RequestRefused({ code: 'save-unsupported' });
      return hooks.saveDiagnostics();
    },
    history: () => ({ entries: history.today() }),
    checkConnection: async () => {
      const report = await checkConnection(ctx);
      return { ok: report.ok, report: formatReport(report), steps: report.steps };
    },
  };
}

/** Turns the engine's refusal (an AppError, or null for none) into the request's. */
function refuseIf(refusal: AppError | null): void {
  if (refusal) throw new RequestRefused(refusal);
}
