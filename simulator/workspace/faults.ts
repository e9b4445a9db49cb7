// Fault injection for the Workspace simulator: expired sessions, a dropped notification channel, and 5xx on
// update-user-data. The REST routes and the gateway ask it before they serve.
import type { WorkspaceAuthSim } from './auth-sim';
import type { WorkspaceSessions } from './sessions';

export class WorkspaceFaults {
  private dropUntil = 0;
  private failUpdates = 0;

  constructor(
    private readonly sessions: WorkspaceSessions,
    private readonly auth: WorkspaceAuthSim,
  ) {}

  /** Every Workspace session and token is over: the agent must sign in again. */
  expireSessions(): void {
    this.sessions.expireAll();
    this.auth.revokeAll();
  }

  /** Cuts every notification connection and refuses new ones for `ms`. */
  dropNotifications(ms: number): void {
    this.dropUntil = Date.now() + ms;
    this.sessions.cutConnections();
  }

  get notificationsDropped(): boolean {
    return Date.now() < this.dropUntil;
  }

  /** The next `n` update-user-data requests answer 503. */
  failUpdateUserData(n: number): void {
    this.failUpdates = n;
  }

  /** True (and counted) when this update-user-data must fail. */
  takeUpdateFailure(): boolean {
    if (this.failUpdates <= 0) return false;
    this.failUpdates -= 1;
    return true;
  }
}
