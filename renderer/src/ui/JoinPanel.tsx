// Joining: the Session ID field (Enter joins) with what the join will attach to, the join's outcome right by
// the field (the typed ID kept after any failure), the step-by-step progress in a live region, and Exit /
// Stop for the session under way, each naming it (Stop asks first: it ends co-browse for the customer).
import { useId, type FormEvent } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { groupDigits, type CobrowseSessionView } from '../../../common/contract';
import { phrase } from '../i18n/codes';
import { ltrRun } from '../i18n/isolate';
import { attachHint } from '../logic/join-target';
import { canEnd, currentSession, phaseWords, STEPS, stepMarks } from '../logic/progress';
import { readSessionField } from '../logic/session-id';
import { ErrorBox } from './Alerts';
import { Confirm, useConfirming } from './Confirm';
import { ReplaceAndJoin } from './Replace';
import { SessionClock } from './SessionClock';
import { useSidebar, useSidebarState } from './context';

const m = defineMessages({
  progress: { id: 'join.progress', defaultMessage: 'Join progress' },
  steps: { id: 'join.steps', defaultMessage: 'Join steps' },
  confirmLabel: { id: 'join.confirmLabel', defaultMessage: 'Confirm Stop' },
});

export function JoinPanel() {
  const sidebar = useSidebar();
  const intl = useIntl();
  const field = useSidebarState((s) => s.field);
  const joining = useSidebarState((s) => s.pending.join === true);
  const app = useSidebarState((s) => s.app!);
  const problem = useSidebarState((s) => s.joinProblem);
  const session = currentSession(app);
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

  const marks = session ? stepMarks(session.phase) : null;
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

      <p
        role="status"
        aria-label={intl.formatMessage(m.progress)}
        className="progress"
        data-phase={session?.phase ?? 'none'}
      >
        {phrase(intl, phaseWords(session))}
      </p>
      <SessionClock session={session} testId="session-clock" />
      {marks && (
        <ol className="steps" aria-label={intl.formatMessage(m.steps)}>
          {STEPS.map((step, i) => (
            <li
              key={step.phase}
              data-mark={marks[i]}
              aria-current={marks[i] === 'current' ? 'step' : undefined}
            >
              {intl.formatMessage(step.label)}
            </li>
          ))}
        </ol>
      )}
      {session && canEnd(session.phase) && <EndButtons key={session.id} session={session} />}
    </section>
  );
}

/** Exit leaves; Stop ends co-browse for the customer too, after a confirmation that names the session. */
function EndButtons({ session }: { session: CobrowseSessionView }) {
  const sidebar = useSidebar();
  const intl = useIntl();
  const busy = useSidebarState((s) => s.pending.exit === true || s.pending.stop === true);
  const confirming = useConfirming();
  const id = ltrRun(intl, groupDigits(session.token));
  const sessionId = session.id;
  return (
    <div className="end-buttons">
      <div className="row">
        <button
          type="button"
          disabled={busy}
          aria-label={intl.formatMessage(
            { id: 'join.exitLabel', defaultMessage: 'Exit session {id}: leave co-browse' },
            { id },
          )}
          onClick={() => void sidebar.call('exit', { sessionId })}
        >
          <FormattedMessage id="join.exit" defaultMessage="Exit" />
        </button>
        <button
          ref={confirming.opener}
          type="button"
          className="danger"
          disabled={busy || confirming.open}
          aria-label={intl.formatMessage(
            { id: 'join.stopLabel', defaultMessage: 'Stop session {id}: end co-browse for the customer' },
            { id },
          )}
          onClick={confirming.ask}
        >
          <FormattedMessage id="join.stop" defaultMessage="Stop…" />
        </button>
      </div>
      {confirming.open && (
        <Confirm
          label={intl.formatMessage(m.confirmLabel)}
          question={
            <FormattedMessage
              id="join.confirm"
              defaultMessage="End co-browse session {id} for the customer too? Their page stops being shared."
              values={{ id }}
            />
          }
          yes={
            <FormattedMessage id="join.confirmYes" defaultMessage="Yes, end session {id}" values={{ id }} />
          }
          busy={busy}
          onYes={() => void sidebar.call('stop', { sessionId })}
          onCancel={confirming.cancel}
        />
      )}
    </div>
  );
}
