// The Workspace sign-in, choreographed for both hosts: the desktop opens the system browser itself and the
// sign-in settles later; the web edition's page is handed the URL and opens it. A sign-in that fails later
// shows in the sidebar.
import type { AppError } from '../../../common/contract';
import { RequestRefused } from '../ipc/dispatch';
import type { SelectedSource } from '../sources/select';
import type { WorkspaceSource } from '../sources/workspace';
import type { HostHooks } from './host-hooks';

export interface SignInFlow {
  /** What the Workspace source calls to open its sign-in page. */
  openBrowser(url: string): Promise<void> | void;
  /** Starts the sign-in; resolves with the URL for the page to open (web), or null (desktop, or failed). */
  signIn(ws: WorkspaceSource): Promise<{ openUrl: string | null }>;
}

export function signInFlow(hooks: HostHooks, showError: (error: AppError) => void): SignInFlow {
  // Web edition: the sign-in URL goes back to the page that asked, which opens it itself.
  let handOver: ((url: string) => void) | null = null;
  return {
    openBrowser: (url) => (hooks.openExternal ? hooks.openExternal(url) : handOver?.(url)),
    async signIn(ws) {
      const handedOver = new Promise<string | null>((resolve) => (handOver = resolve));
      const done = ws.signIn().then(
        () => null,
        (err: unknown) => {
          showError({
            code: 'sign-in-failed',
            params: { problem: err instanceof Error ? err.message : String(err) },
          });
          return null;
        },
      );
      // Desktop: the system browser opened and `done` settles later; web: the page gets the URL to open.
      const openUrl = await Promise.race([handedOver, hooks.openExternal ? Promise.resolve(null) : done]);
      handOver = null;
      return { openUrl };
    },
  };
}

/** The Workspace source, or why the request needs one. */
export function workspaceOf(selected: SelectedSource): WorkspaceSource {
  if (selected.kind === 'workspace') return selected.source;
  throw new RequestRefused({
    code: selected.kind === 'unconfigured' ? 'workspace-not-set-up' : 'not-workspace',
  });
}
