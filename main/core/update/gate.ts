// The update offer as the sidebar shows it, and the one rule about restarting: never while a co-browse
// session is under way (a restart would drop the customer's session mid-way). Plain data in, plain data out.
import { isLivePhase, type AppError, type JoinPhase, type UpdateView } from '../../../common/contract';
import type { UpdatePlan } from './feed-policy';

export type RestartDecision =
  { ok: true } | { ok: false; reason: Extract<AppError['code'], `update-${string}`> };

export function canRestartForUpdate(
  update: Pick<UpdateView, 'state'>,
  sessionPhases: readonly JoinPhase[],
): RestartDecision {
  if (update.state !== 'ready') return { ok: false, reason: 'update-not-downloaded' };
  if (sessionPhases.some(isLivePhase)) return { ok: false, reason: 'update-after-session' };
  return { ok: true };
}

/** What electron-updater reports, reduced to what we need (its own event names). */
export type UpdaterEvent =
  | { type: 'checking-for-update' }
  | { type: 'update-not-available' }
  | { type: 'update-available'; version: string }
  | { type: 'download-progress'; percent: number }
  | { type: 'update-downloaded'; version: string }
  | { type: 'error'; message: string };

export const initialUpdateView = (enabled: boolean): UpdateView => ({
  state: enabled ? 'idle' : 'disabled',
  version: null,
  percent: null,
  canRestart: false,
  detail: null,
});

/** The view before any updater event: off by the administrator's choice says so; an unpackaged run says nothing. */
export const updateViewOf = (plan: UpdatePlan): UpdateView => ({
  ...initialUpdateView(plan.enabled),
  detail: plan.enabled || plan.why === 'not-packaged' ? null : { code: 'managed-by-administrator' },
});

/** Folds one updater event into the view; `canRestart` is left to `withRestartGate`. */
export function reduceUpdate(view: UpdateView, e: UpdaterEvent): UpdateView {
  switch (e.type) {
    case 'checking-for-update':
      // A finished download stays on offer while a later check runs.
      return view.state === 'ready' ? view : { ...view, state: 'checking', detail: null };
    case 'update-not-available':
      return view.state === 'ready' ? view : { ...view, state: 'idle', version: null, percent: null };
    case 'update-available':
      return { ...view, state: 'downloading', version: e.version, percent: 0, detail: null };
    case 'download-progress':
      return view.state === 'downloading'
        ? { ...view, percent: Math.max(0, Math.min(100, Math.round(e.percent))) }
        : view;
    case 'update-downloaded':
      return { ...view, state: 'ready', version: e.version, percent: 100, detail: null };
    case 'error':
      return view.state === 'ready'
        ? view
        : {
            ...view,
            state: 'error',
            percent: null,
            detail: { code: 'fetch-failed', params: { problem: e.message } },
          };
  }
}

/** Sets `canRestart` and its reason from the current sessions; call on every state push. */
export function withRestartGate(view: UpdateView, sessionPhases: readonly JoinPhase[]): UpdateView {
  if (view.state !== 'ready') return view.canRestart ? { ...view, canRestart: false } : view;
  const d = canRestartForUpdate(view, sessionPhases);
  // Ready, so the only refusal left is a live session.
  return { ...view, canRestart: d.ok, detail: d.ok ? null : { code: 'wait-for-session' } };
}
