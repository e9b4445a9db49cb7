// Every problem the agent should read, each saying what happened and what to do: main's last error, the
// current session's error and the refusals of the agent's own requests (settings show theirs in place).
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { AppError, RequestName } from '../../../common/contract';
import { errorAction, errorMessage } from '../i18n/codes';
import { currentSession } from '../logic/progress';
import { useSidebar, useSidebarState } from './context';
import { DISMISS } from './focus';

export function Alerts() {
  const sidebar = useSidebar();
  const lastError = useSidebarState((s) => s.app?.lastError ?? null);
  const dismissing = useSidebarState((s) => s.pending.dismissError === true);
  const session = useSidebarState((s) => (s.app ? currentSession(s.app) : null));
  const dismissed = useSidebarState((s) => s.dismissedSessions);
  const errors = useSidebarState((s) => s.errors);
  const refusals = (Object.entries(errors) as [RequestName, AppError][]).filter(
    ([name]) => name !== 'updateSettings',
  );

  return (
    <div className="alerts">
      {lastError && (
        <ErrorBox
          error={lastError}
          busy={dismissing}
          onDismiss={() => void sidebar.call('dismissError', {})}
        />
      )}
      {session?.error && !dismissed.includes(session.id) && (
        <ErrorBox error={session.error} onDismiss={() => sidebar.dismissSessionError(session.id)} />
      )}
      {refusals.map(([name, error]) => (
        <ErrorBox key={name} error={error} onDismiss={() => sidebar.clearError(name)} />
      ))}
    </div>
  );
}

/** One problem: what happened, what to do, the way out offered (`children`), and Dismiss. */
export function ErrorBox({
  error,
  onDismiss,
  busy = false,
  children,
}: {
  error: AppError;
  onDismiss?: () => void;
  busy?: boolean;
  children?: ReactNode;
}) {
  const intl = useIntl();
  const action = errorAction(intl, error);
  return (
    <div className="error" role="alert" data-code={error.code}>
      <p className="error-message">{errorMessage(intl, error)}</p>
      {action && <p className="error-action">{action}</p>}
      {children}
      {onDismiss && (
        <button type="button" className="link" disabled={busy} onClick={onDismiss} {...DISMISS}>
          <FormattedMessage id="alerts.dismiss" defaultMessage="Dismiss" />
        </button>
      )}
    </div>
  );
}
