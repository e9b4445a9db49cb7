// Where the co-browse session stands, at the sidebar's top so it stays in reach in a short window: the
// step-by-step progress in a live region, the clock, and Exit / Stop for the session under way, each naming
// it (Stop asks first: it ends co-browse for the customer).
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { groupDigits, type CobrowseSessionView } from '../../../common/contract';
import { phrase } from '../i18n/codes';
import { ltrRun } from '../i18n/isolate';
import { canEnd, currentSession, phaseWords, STEPS, stepMarks } from '../logic/progress';
import { Confirm, useConfirming } from './Confirm';
import { SessionClock } from './SessionClock';
import { useSidebar, useSidebarState } from './context';

const m = defineMessages({
  label: { id: 'session.label', defaultMessage: 'Co-browse session' },
  progress: { id: 'join.progress', defaultMessage: 'Join progress' },
  steps: { id: 'join.steps', defaultMessage: 'Join steps' },
  confirmLabel: { id: 'join.confirmLabel', defaultMessage: 'Confirm Stop' },
});

export function SessionPanel() {
  const intl = useIntl();
  const session = useSidebarState((s) => currentSession(s.app!));
  const marks = session ? stepMarks(session.phase) : null;
  return (
    <section
      className="panel session"
      aria-label={intl.formatMessage(m.label)}
      data-phase={session?.phase ?? 'none'}
    >
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
