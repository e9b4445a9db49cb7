// The co-browse session model as one table: phase × event → next phase + effects. The engine runs exactly
// this (no phase is assigned anywhere else) and the tests read it. An event a phase has no row for is
// ignored (logged): e.g. an activation that arrives while the agent is already ending the session.
import type { JoinPhase } from '../../../common/contract';

export type LifecycleEvent =
  /** The controller's join reply arrived: the server accepted us as Controller. */
  | 'join-replied'
  /** The controller's join failed (get-session, handshake or the join itself). */
  | 'join-failed'
  /** The activation notification: the agent page joined, the customer is being co-browsed. */
  | 'activated'
  /** The agent (Exit / Stop), a close scenario or "End it and join" asks to end the session. */
  | 'end-requested'
  /** The server ended the session (deactivation notification, or the node hosting it went away). */
  | 'deactivated'
  /** Our exit or stop call finished (or failed: the session then ends locally). */
  | 'end-completed';

export type Effect =
  /** `CoBrowseAssociated=Yes`, the quantity +1, `CoBrowseSessionId` (+ `IsCoBrowseDenied=No` the first time). */
  | 'write-joined'
  /** `CoBrowseStartTime`, only for the interaction's first session that goes active. */
  | 'write-started'
  /** `CoBrowseAssociated=No` and the interaction's `CoBrowseDuration` with this session added. */
  | 'write-ended'
  /** Abort the join under way (no session exists on the server for us yet). */
  | 'cancel-join'
  /** Exit or stop through the controller; `end-completed` follows. */
  | 'call-end'
  /** Drop the CometD connection (after a deactivation nobody exits: protocol.md). */
  | 'close-connection';

export interface Transition {
  to: JoinPhase;
  effects: readonly Effect[];
}

export const TRANSITIONS: Readonly<Record<JoinPhase, Readonly<Partial<Record<LifecycleEvent, Transition>>>>> =
  {
    connecting: {
      'join-replied': { to: 'joined', effects: ['write-joined'] },
      'join-failed': { to: 'failed', effects: [] },
      'end-requested': { to: 'ending', effects: ['cancel-join'] },
    },
    joined: {
      activated: { to: 'active', effects: ['write-started'] },
      'end-requested': { to: 'ending', effects: ['call-end'] },
      deactivated: { to: 'ended', effects: ['write-ended', 'close-connection'] },
    },
    active: {
      'end-requested': { to: 'ending', effects: ['call-end'] },
      deactivated: { to: 'ended', effects: ['write-ended', 'close-connection'] },
    },
    ending: {
      // The reply won the race against the cancel: the session exists for the customer, so it is recorded
      // (the reporting contract counts it) and ended through the controller.
      'join-replied': { to: 'ending', effects: ['write-joined', 'call-end'] },
      // The cancel won: nothing was joined, nothing is written.
      'join-failed': { to: 'ended', effects: [] },
      deactivated: { to: 'ended', effects: ['write-ended', 'close-connection'] },
      'end-completed': { to: 'ended', effects: ['write-ended', 'close-connection'] },
    },
    ended: {},
    failed: {},
  };

/** The transition for `event` in `phase`, or null when the phase ignores it. */
export function transition(phase: JoinPhase, event: LifecycleEvent): Transition | null {
  return TRANSITIONS[phase][event] ?? null;
}

/** Phases with no way out. */
export const isSettled = (phase: JoinPhase): boolean => Object.keys(TRANSITIONS[phase]).length === 0;
