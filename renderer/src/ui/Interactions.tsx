// The agent's interactions, each with its co-browse state: count, attached data (and writes still on their
// way to the contact center), a co-browse request waiting for the agent, and the last few timeline entries.
// Selecting an active one makes typed joins attach to it; an ended one cannot be the target.
import { groupDigits, type InteractionView } from '../../../common/contract';
import { liveSession } from '../logic/join-target';
import { useSidebar, useSidebarState } from './context';

const TIMELINE_ENTRIES = 5;
const stateWords: Record<InteractionView['state'], string> = {
  active: 'active',
  transferred: 'transferred',
  'timed-out': 'handling timeout expired',
  closed: 'closed',
};
const time = (at: number) =>
  new Date(at).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });

export function Interactions() {
  const sidebar = useSidebar();
  const interactions = useSidebarState((s) => s.app!.interactions);
  const selectedId = useSidebarState((s) => s.app!.selectedInteractionId);
  const selected = interactions.find((i) => i.id === selectedId);

  return (
    <section className="panel" aria-labelledby="interactions-heading">
      <h2 id="interactions-heading">Interactions</h2>
      {interactions.length === 0 ? (
        <p className="muted">No interactions yet. Chats and calls from the contact center show here.</p>
      ) : (
        <p className="muted" data-testid="selection">
          {selected
            ? `Selected: ${selected.customerName} (${selected.media}). Typed joins attach to it.`
            : 'No interaction selected: typed joins are not attached to any interaction.'}
        </p>
      )}
      {interactions.length > 0 && (
        <ul className="interactions">
          {interactions.map((i) => (
            <li key={i.id} data-testid="interaction" data-interaction-id={i.id} data-state={i.state}>
              <button
                type="button"
                className="select"
                aria-pressed={i.id === selectedId}
                // Ended: still listed with its story, never the target of a join.
                disabled={i.state !== 'active'}
                onClick={() =>
                  void sidebar.call('selectInteraction', { interactionId: i.id === selectedId ? null : i.id })
                }
              >
                <span className="media">{i.media === 'chat' ? 'Chat' : 'Call'}</span> {i.customerName}{' '}
                <span className={`badge ${i.state}`}>{stateWords[i.state]}</span>
              </button>
              {i.cobrowseRequest && <Request interaction={i} />}
              <p className="muted">
                Co-browse sessions: {i.cobrowseQuantity}
                {i.pendingWrites > 0 && ` · ${i.pendingWrites} attached-data write(s) pending`}
              </p>
              {Object.keys(i.attachedData).length > 0 && (
                <dl className="attached" aria-label="Attached data">
                  {Object.entries(i.attachedData).map(([k, v]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd>{String(v)}</dd>
                    </div>
                  ))}
                </dl>
              )}
              {i.timeline.length > 0 && (
                <ol className="timeline" aria-label="Timeline">
                  {i.timeline.slice(-TIMELINE_ENTRIES).map((t, n) => (
                    <li key={`${t.at}-${n}`}>
                      <time dateTime={new Date(t.at).toISOString()}>{time(t.at)}</time> {t.text}
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A `{start:…}` that came while another session was live: the agent joins it (ending that one) or declines. */
function Request({ interaction }: { interaction: InteractionView }) {
  const sidebar = useSidebar();
  const busy = useSidebarState((s) => s.pending.answerRequest === true);
  // The live session may have ended since the request came: then there is nothing to end first.
  const live = useSidebarState((s) => liveSession(s.app!) !== null);
  const id = groupDigits(interaction.cobrowseRequest!.token);
  const answer = async (accept: boolean) => {
    const outcome = await sidebar.call('answerRequest', { interactionId: interaction.id, accept });
    if (outcome) sidebar.joinSettled(interaction.cobrowseRequest!.token, outcome);
  };
  return (
    <div className="request" role="group" aria-label={`Co-browse request from ${interaction.customerName}`}>
      <p>
        {interaction.customerName} asks to co-browse (session {id}).
        {live && ' You are in another session.'}
      </p>
      <div className="row">
        <button type="button" className="primary" disabled={busy} onClick={() => void answer(true)}>
          {live ? `End current and join ${id}` : `Join ${id}`}
        </button>
        <button type="button" disabled={busy} onClick={() => void answer(false)}>
          Decline
        </button>
      </div>
    </div>
  );
}
