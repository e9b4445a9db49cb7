// Joining: the Session ID field (Enter joins) with what the join will attach to, the join's outcome right by
// the field (the typed ID kept after any failure), the step-by-step progress in a live region, and Exit /
// Stop for the session under way, each naming it (Stop asks first: it ends co-browse for the customer).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { groupDigits, type CobrowseSessionView } from '../../../common/contract';
import { attachHint } from '../logic/join-target';
import { canEnd, currentSession, phaseWords, STEPS, stepMarks } from '../logic/progress';
import { readSessionField } from '../logic/session-id';
import { ErrorBox } from './Alerts';
import { SessionClock } from './SessionClock';
import { useSidebar, useSidebarState } from './context';

export function JoinPanel() {
  const sidebar = useSidebar();
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
      <h2 id="join-heading">Join a session</h2>
      <form className="join" onSubmit={submit}>
        <label htmlFor="session-id">Session ID</label>
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
            Join
          </button>
        </div>
        <p id={hintId} className="hint" data-testid="join-hint">
          {reading.hint} {attachHint(app)}
        </p>
      </form>
      {problem && (
        <ErrorBox error={problem.error} onDismiss={() => sidebar.dismissJoinProblem()}>
          {problem.busyWith && (
            <button
              type="button"
              className="danger"
              disabled={joining}
              onClick={() => void join(problem.token, true)}
            >
              End it and join
            </button>
          )}
        </ErrorBox>
      )}

      <p role="status" aria-label="Join progress" className="progress" data-phase={session?.phase ?? 'none'}>
        {phaseWords(session)}
      </p>
      <SessionClock session={session} testId="session-clock" />
      {marks && (
        <ol className="steps" aria-label="Join steps">
          {STEPS.map((step, i) => (
            <li
              key={step.phase}
              data-mark={marks[i]}
              aria-current={marks[i] === 'current' ? 'step' : undefined}
            >
              {step.label}
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
  const busy = useSidebarState((s) => s.pending.exit === true || s.pending.stop === true);
  const [confirming, setConfirming] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirm.current?.focus();
  }, [confirming]);
  const id = groupDigits(session.token);
  const sessionId = session.id;
  return (
    <div className="end-buttons">
      <div className="row">
        <button
          type="button"
          disabled={busy}
          aria-label={`Exit session ${id}: leave co-browse`}
          onClick={() => void sidebar.call('exit', { sessionId })}
        >
          Exit
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy || confirming}
          aria-label={`Stop session ${id}: end co-browse for the customer`}
          onClick={() => setConfirming(true)}
        >
          Stop…
        </button>
      </div>
      {confirming && (
        <div className="confirm" role="group" aria-label="Confirm Stop">
          <p>End co-browse session {id} for the customer too? Their page stops being shared.</p>
          <div className="row">
            <button
              ref={confirm}
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => void sidebar.call('stop', { sessionId })}
            >
              Yes, end session {id}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
