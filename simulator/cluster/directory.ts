// Cluster-shared session metadata: which node owns a session token or a user token. A real Co-browse cluster
// shares this (so any node can answer get-session and refuse a foreign session with `not-owner`); all
// session state itself stays on the owning node.
export class ClusterDirectory {
  private readonly sessions = new Map<string, string>();
  private readonly users = new Map<string, string>();

  addSession(token: string, node: string): void {
    this.sessions.set(token, node);
  }
  addUser(userToken: string, node: string): void {
    this.users.set(userToken, node);
  }
  sessionOwner(token: string): string | undefined {
    return this.sessions.get(token);
  }
  userOwner(userToken: string): string | undefined {
    return this.users.get(userToken);
  }
  remove(token: string, userTokens: Iterable<string>): void {
    this.sessions.delete(token);
    for (const u of userTokens) this.users.delete(u);
  }
  /** A node died: its sessions are gone. */
  forgetNode(node: string): void {
    for (const map of [this.sessions, this.users])
      for (const [key, owner] of map) if (owner === node) map.delete(key);
  }
}
