// The Genesys Workspace sign-in, when that is the interaction source. The desktop opens the system browser
// itself; the web edition gets the sign-in URL back and opens it from the page (with a link as a fallback
// when the browser blocks the new tab). A pasted access token is for testing setups.
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { AppState } from '../../../common/contract';
import { useSidebar, useSidebarState } from './context';

export function WorkspaceAccount({ state }: { state: AppState['source']['state'] }) {
  const sidebar = useSidebar();
  const intl = useIntl();
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
        <FormattedMessage id="workspace.signOut" defaultMessage="Sign out of Genesys" />
      </button>
    );
  return (
    <div className="banner">
      <button type="button" className="primary" disabled={busy} onClick={() => void signIn()}>
        <FormattedMessage id="workspace.signIn" defaultMessage="Sign in to Genesys" />
      </button>
      {blockedUrl && (
        <p>
          <FormattedMessage
            id="workspace.signInBlocked"
            defaultMessage="The browser blocked the sign-in tab: <link>open the Genesys sign-in page</link>"
            values={{
              link: (text) => (
                <a href={blockedUrl} target="_blank" rel="noopener noreferrer">
                  {text}
                </a>
              ),
            }}
          />
        </p>
      )}
      <details>
        <summary>
          <FormattedMessage
            id="workspace.tokenSummary"
            defaultMessage="Use an access token (testing)"
            description="Opens a field to paste a Genesys access token, for test setups"
          />
        </summary>
        <form className="row" onSubmit={(e) => void useToken(e)}>
          <input
            type="password"
            aria-label={intl.formatMessage({ id: 'workspace.token', defaultMessage: 'Access token' })}
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
          <button type="submit" disabled={token.trim() === ''}>
            <FormattedMessage id="workspace.useToken" defaultMessage="Use token" />
          </button>
        </form>
      </details>
    </div>
  );
}
