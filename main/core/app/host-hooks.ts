// What only a host can do (agent-view placement, updates, the clipboard, the system browser): the core
// forwards those requests to the host's hooks.
import type { Bounds, JoinPhase, SaveDiagnosticsOutcome, UpdateView } from '../../../common/contract';
import type { Settings } from '../../../common/settings-schema';
import type { SessionOwner } from '../controller/types';
import type { RestartDecision } from '../update/gate';

/** Every hook is optional: the web edition has no updater, for instance. */
export interface HostHooks {
  updateView?(phases: readonly JoinPhase[]): UpdateView;
  restartToUpdate?(phases: readonly JoinPhase[]): RestartDecision;
  /** Desktop copies to the clipboard itself and returns null; web returns the text for the page. */
  copyDiagnostics?(): Promise<string | null>;
  saveDiagnostics?(): Promise<SaveDiagnosticsOutcome>;
  setAgentViewBounds?(bounds: Bounds | null): void;
  popOutAgentView?(out: boolean): boolean;
  /** Whether the agent view is popped out now (the agent may close its window at any time). */
  agentViewPoppedOut?(): boolean;
  /** Settings the host applies itself (always-on-top). */
  settingsChanged?(settings: Settings): void;
  /** Opens a URL in the system browser (Workspace sign-in); without it the page is given the URL to open. */
  openExternal?(url: string): Promise<void> | void;
  /** A session being joined has its owning node (the join itself still under way): warm up, show nothing. */
  ownerKnown?(owner: SessionOwner): void;
}
