// The Genesys Workspace sign-in, when that is the interaction source. The desktop opens the system browser
// itself; the web edition gets the sign-in URL back and opens it from the page (with a link as a fallback
// when the browser blocks the new tab). A pasted access token is for testing setups.
import { useState, type FormEvent } from 'react';
import type { AppState } from '../../../common/contract';
import { useSidebar, useSidebarState } from './context';

export function WorkspaceAccount({ state }: { state: AppState['source']['state'] }) {
  const sidebar = useSidebar();
  const busy = useSidebarState(
    (s) => s.pending.workspaceSignIn === true || s.pending.workspaceSignOut === true,
  );
  const [blockedUrl, setBlockedUrl] = useState<string | null>(null);
  const [token, setToken] = useState('');

  async function signIn() {
    setBlockedUrl(null);
    const result = await sidebar.call('workspaceSignIn', {});
    if (result?.openUrl && !window.open(result.openUrl, '_blank', 'noopener')) setBlockedUrl(result.openUrl);
  }
  async function useToken(e: FormEvent) {
    e.preventDefault();
    if ((await sidebar.call('workspaceUseToken', { token: token.trim() })) !== null) setToken('');
  }

  if (state !== 'signed-out')
    return (
      <button
        type="button"
        className="link"
        disabled={busy}
        onClick={() => void sidebar.call('workspaceSignOut', {})}
      >
        Sign out of Genesys
      </button>
    );
  return (
    <div className="banner">
      <button type="button" className="primary" disabled={busy} onClick={() => void signIn()}>
        Sign in to Genesys
      </button>
      {blockedUrl && (
        <p>
          The browser blocked the sign-in tab:{' '}
          <a href={blockedUrl} target="_blank" rel="noopener noreferrer">
            open the Genesys sign-in page
          </a>
        </p>
      )}
      <details>
        <summary>Use an access token (testing)</summary>
        <form className="row" onSubmit={(e) => void useToken(e)}>
          <input
            type="password"
            aria-label="Access token"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
          <button type="submit" disabled={token.trim() === ''}>
            Use token
          </button>
        </form>
      </details>
    </div>
  );
}
