// Joining: the Session ID field (Enter joins) with what the join will attach to, and the join's outcome right
// by the field (the typed ID kept after any failure). Where the session stands is SessionPanel's.
import { useId, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { phrase } from '../i18n/codes';
import { attachHint } from '../logic/join-target';
import { readSessionField } from '../logic/session-id';
import { ErrorBox } from './Alerts';
import { ReplaceAndJoin } from './Replace';
import { useSidebar, useSidebarState } from './context';

export function JoinPanel() {
  const sidebar = useSidebar();
  const intl = useIntl();
  const field = useSidebarState((s) => s.field);
  const joining = useSidebarState((s) => s.pending.join === true);
  const app = useSidebarState((s) => s.app!);
  const problem = useSidebarState((s) => s.joinProblem);
  const hintId = useId();
  const reading = readSessionField(field);

  /** `text` as typed: what is sent is its reading; what is kept after a failure is the text itself. */
  async function join(text: string, replace = false) {
    if (text.trim() === '' || joining) return;
    const token = readSessionField(text).token;
    const outcome = await sidebar.call('join', { token, ...(replace ? { replace } : {}) });
    sidebar.joinSettled(text, outcome);
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void join(field);
  };

  return (
    <section className="panel" aria-labelledby="join-heading">
      <h2 id="join-heading">
        <FormattedMessage id="join.heading" defaultMessage="Join a session" />
      </h2>
      <form className="join" onSubmit={submit}>
        <label htmlFor="session-id">
          <FormattedMessage id="join.label" defaultMessage="Session ID" />
        </label>
        <div className="row">
          <input
            id="session-id"
            name="session-id"
            type="text"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            aria-describedby={hintId}
            value={field}
            onChange={(e) => sidebar.setField(e.target.value)}
          />
          <button type="submit" className="primary" disabled={field.trim() === '' || joining}>
            <FormattedMessage
              id="join.submit"
              defaultMessage="Join"
              description="Button: joins the session typed"
            />
          </button>
        </div>
        <p id={hintId} className="hint" data-testid="join-hint">
          {[reading.hint, ...attachHint(app)].map((p) => phrase(intl, p)).join(' ')}
        </p>
      </form>
      {problem && (
        <ErrorBox error={problem.error} onDismiss={() => sidebar.dismissJoinProblem()}>
          {problem.busyWith && (
            <ReplaceAndJoin
              next={{ token: readSessionField(problem.token).token, customer: null }}
              busy={joining}
              onJoin={() => void join(problem.token, true)}
            >
              <FormattedMessage id="join.endAndJoin" defaultMessage="End it and join" />
            </ReplaceAndJoin>
          )}
        </ErrorBox>
      )}
    </section>
  );
}
