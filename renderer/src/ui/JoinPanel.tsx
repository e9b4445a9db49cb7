// Joining: the Session ID field (Enter joins), the step-by-step progress in a live region, and Exit / Stop
// for the session under way.
import { useId, type FormEvent } from 'react';
import { canEnd, currentSession, phaseWords, STEPS, stepMarks } from '../logic/progress';
import { readSessionField } from '../logic/session-id';
import { useSidebar, useSidebarState } from './context';

export function JoinPanel() {
  const sidebar = useSidebar();
  const field = useSidebarState((s) => s.field);
  const joining = useSidebarState((s) => s.pending.join === true);
  const session = useSidebarState((s) => currentSession(s.app!));
  const selected = useSidebarState((s) =>
    s.app!.interactions.find((i) => i.id === s.app!.selectedInteractionId),
  );
  const hintId = useId();
  const reading = readSessionField(field);

  async function join(e: FormEvent) {
    e.preventDefault();
    if (field.trim() === '' || joining) return;
    const joined = await sidebar.call('join', { token: reading.token });
    const outcome = joined && sidebar.store.getState().app?.sessions.find((s) => s.id === joined.sessionId);
    // Keep the text after a failed join so the agent can correct it.
    if (outcome && outcome.phase !== 'failed') sidebar.setField('');
  }

  const marks = session ? stepMarks(session.phase) : null;
  return (
    <section className="panel" aria-labelledby="join-heading">
      <h2 id="join-heading">Join a session</h2>
      <form className="join" onSubmit={(e) => void join(e)}>
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
        <p id={hintId} className="hint">
          {reading.hint}
          {selected && ` Attaches to ${selected.customerName} (${selected.media}).`}
        </p>
      </form>

      <p role="status" aria-label="Join progress" className="progress" data-phase={session?.phase ?? 'idle'}>
        {phaseWords(session)}
      </p>
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
      {session && canEnd(session.phase) && <EndButtons sessionId={session.id} />}
    </section>
  );
}

function EndButtons({ sessionId }: { sessionId: string }) {
  const sidebar = useSidebar();
  const busy = useSidebarState((s) => s.pending.exit === true || s.pending.stop === true);
  return (
    <div className="row end-buttons">
      <button
        type="button"
        disabled={busy}
        title="Leave the session; it goes on for the customer only if the server allows"
        onClick={() => void sidebar.call('exit', { sessionId })}
      >
        Exit
      </button>
      <button
        type="button"
        className="danger"
        disabled={busy}
        title="End co-browse for everyone"
        onClick={() => void sidebar.call('stop', { sessionId })}
      >
        Stop
      </button>
    </div>
  );
}
