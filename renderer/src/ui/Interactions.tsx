// The agent's interactions, each with its co-browse state: count, attached data (and writes still on their
// way to the contact center) and the last few timeline entries. Selecting one makes typed joins attach to it.
import type { InteractionView } from '../../../common/contract';
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

  return (
    <section className="panel" aria-labelledby="interactions-heading">
      <h2 id="interactions-heading">Interactions</h2>
      {interactions.length === 0 ? (
        <p className="muted">No interactions yet. Chats and calls from the contact center show here.</p>
      ) : (
        <ul className="interactions">
          {interactions.map((i) => (
            <li key={i.id} data-testid="interaction" data-interaction-id={i.id} data-state={i.state}>
              <button
                type="button"
                className="select"
                aria-pressed={i.id === selectedId}
                onClick={() =>
                  void sidebar.call('selectInteraction', { interactionId: i.id === selectedId ? null : i.id })
                }
              >
                <span className="media">{i.media === 'chat' ? 'Chat' : 'Call'}</span> {i.customerName}{' '}
                <span className={`badge ${i.state}`}>{stateWords[i.state]}</span>
              </button>
              <p className="muted">
                Co-browse sessions: {i.cobrowseQuantity}
                {i.pendingWrites > 0 && ` · ${i.pendingWrites} attached-data write(s) pending`}
              </p>
              {Object.keys(i.attachedData).length > 0 && (
                <dl className="attached" aria-label="Attached data">
                  {Object.entries(i.attachedData).map(([k, v]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd>{v}</dd>
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
