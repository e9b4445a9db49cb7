// The agent's interactions in working order: the one co-browsing now on top with its badge and clock, the
// other live ones, then the ended ones folded under "Ended (n)" with Clear. Attached data read in words, the
// raw keys behind a disclosure; the last timeline entries (a request waiting for the agent shows above all:
// Requests.tsx).
// Selecting an active one makes typed joins attach to it; an ended one cannot be the target.
import { useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import type { InteractionView } from '../../../common/contract';
import { timelineWords } from '../i18n/codes';
import { ownRun } from '../i18n/isolate';
import { attachedSummary, liveSessionOn, orderInteractions } from '../logic/interaction-order';
import { CardStart } from './CardStart';
import { useSidebar, useSidebarState } from './context';
import { SessionClock } from './SessionClock';

const TIMELINE_ENTRIES = 5;
const stateWords = defineMessages({
  active: { id: 'interactions.state.active', defaultMessage: 'active' },
  transferred: { id: 'interactions.state.transferred', defaultMessage: 'transferred' },
  'timed-out': { id: 'interactions.state.timedOut', defaultMessage: 'handling timeout expired' },
  closed: { id: 'interactions.state.closed', defaultMessage: 'closed' },
});
const mediaWords = defineMessages({
  chat: { id: 'interactions.media.chat', defaultMessage: 'Chat' },
  voice: { id: 'interactions.media.voice', defaultMessage: 'Call' },
});

export function Interactions() {
  const sidebar = useSidebar();
  const intl = useIntl();
  const app = useSidebarState((s) => s.app!);
  const selectedId = app.selectedInteractionId;
  const { live, ended } = orderInteractions(app);

  return (
    <section className="panel" aria-labelledby="interactions-heading">
      <h2 id="interactions-heading">
        <FormattedMessage id="interactions.heading" defaultMessage="Interactions" />
      </h2>
      <SelectionNote />
      {live.length > 0 && (
        <ul
          className="interactions"
          aria-label={intl.formatMessage({ id: 'interactions.live', defaultMessage: 'Live' })}
        >
          {live.map((i) => (
            <Card
              key={i.id}
              interaction={i}
              selected={i.id === selectedId}
              onSelect={() =>
                void sidebar.call('selectInteraction', { interactionId: i.id === selectedId ? null : i.id })
              }
            />
          ))}
        </ul>
      )}
      <EndedFold ended={ended} />
    </section>
  );
}

/** Which interaction typed joins attach to, or that there is none yet. */
function SelectionNote() {
  const intl = useIntl();
  const interactions = useSidebarState((s) => s.app!.interactions);
  const selectedId = useSidebarState((s) => s.app!.selectedInteractionId);
  const selected = interactions.find((i) => i.id === selectedId);
  return interactions.length === 0 ? (
    <p className="muted">
      <FormattedMessage
        id="interactions.none"
        defaultMessage="No interactions yet. Chats and calls from the contact center show here."
      />
    </p>
  ) : (
    <p className="muted" data-testid="selection">
      {selected ? (
        <FormattedMessage
          id="interactions.selected"
          defaultMessage="Selected: {customer} ({media}). Typed joins attach to it."
          values={{
            customer: selected.customerName,
            media: intl.formatMessage(mediaWords[selected.media]),
          }}
        />
      ) : (
        <FormattedMessage
          id="interactions.noneSelected"
          defaultMessage="No interaction selected: typed joins are not attached to any interaction."
        />
      )}
    </p>
  );
}

/** The ended interactions folded under "Ended (n)", with Clear. */
function EndedFold({ ended }: { ended: InteractionView[] }) {
  // Cleared ended cards stay cleared for this page: main keeps them (their writes may still be on the way).
  const [cleared, setCleared] = useState<ReadonlySet<string>>(new Set());
  const shownEnded = ended.filter((i) => !cleared.has(i.id));
  if (shownEnded.length === 0) return null;
  return (
    <details className="ended" data-testid="ended">
      <summary>
        <FormattedMessage
          id="interactions.ended"
          defaultMessage="Ended ({count})"
          description="The fold holding transferred, timed-out and closed interactions"
          values={{ count: shownEnded.length }}
        />
      </summary>
      <button type="button" onClick={() => setCleared(new Set([...cleared, ...shownEnded.map((i) => i.id)]))}>
        <FormattedMessage
          id="interactions.clearEnded"
          defaultMessage="Clear ended"
          description="Button: removes the ended interactions from this list"
        />
      </button>
      <ul className="interactions">
        {shownEnded.map((i) => (
          <Card key={i.id} interaction={i} selected={false} onSelect={() => undefined} />
        ))}
      </ul>
    </details>
  );
}

function Card({
  interaction: i,
  selected,
  onSelect,
}: {
  interaction: InteractionView;
  selected: boolean;
  onSelect: () => void;
}) {
  const session = useSidebarState((s) => liveSessionOn(s.app!.sessions, i.id));
  return (
    <li
      data-testid="interaction"
      data-interaction-id={i.id}
      data-state={i.state}
      className={session ? 'now' : undefined}
    >
      <CardSelect interaction={i} selected={selected} onSelect={onSelect} now={session !== null} />
      <SessionClock session={session} testId="card-clock" />
      <AttachedSummary interaction={i} />
      <RawAttached interaction={i} />
      <Timeline interaction={i} />
    </li>
  );
}

/** The card's own button: media, customer, caller, state, start, and the co-browsing badge; selects it. */
function CardSelect({
  interaction: i,
  selected,
  onSelect,
  now,
}: {
  interaction: InteractionView;
  selected: boolean;
  onSelect: () => void;
  now: boolean;
}) {
  const intl = useIntl();
  return (
    <button
      type="button"
      className="select"
      aria-pressed={selected}
      // Ended: still listed with its story, never the target of a join.
      disabled={i.state !== 'active'}
      onClick={onSelect}
    >
      <span className="media">{intl.formatMessage(mediaWords[i.media])}</span> {i.customerName}{' '}
      {i.caller && i.caller !== i.customerName && (
        <>
          <span className="caller" dir="ltr">
            {i.caller}
          </span>{' '}
        </>
      )}
      <span className={`badge ${i.state}`}>{intl.formatMessage(stateWords[i.state])}</span>
      <CardStart interaction={i} />
      {now && (
        <>
          {' '}
          <span className="badge now" data-testid="cobrowsing-now">
            <FormattedMessage id="interactions.cobrowsingNow" defaultMessage="co-browsing now" />
          </span>
        </>
      )}
    </button>
  );
}

/** What the attached data say, in words, and the writes still on their way. */
function AttachedSummary({ interaction: i }: { interaction: InteractionView }) {
  const intl = useIntl();
  const summary = attachedSummary(i.attachedData);
  return (
    <p className="muted" data-testid="attached-summary">
      <FormattedMessage
        id="interactions.summary"
        defaultMessage="{sessions, plural, =0 {No co-browse sessions} one {# co-browse session} other {# co-browse sessions}}{started, select, none {} other { · first started {started}}}{minutes, select, none {} other { · {minutes}}}"
        description="What the attached data say: how many co-browse sessions, when the first began, the co-browse time so far"
        values={{
          sessions: Math.max(summary.sessions, i.cobrowseQuantity),
          started:
            summary.firstStartedAt === null
              ? 'none'
              : ownRun(intl, intl.formatTime(summary.firstStartedAt, { hour: '2-digit', minute: '2-digit' })),
          minutes:
            summary.activeSeconds === null
              ? 'none'
              : intl.formatMessage(
                  {
                    id: 'interactions.minutes',
                    defaultMessage: '{minutes, number} min',
                  },
                  { minutes: Math.round(summary.activeSeconds / 60) },
                ),
        }}
      />
      {i.pendingWrites > 0 && (
        <>
          {' · '}
          <FormattedMessage
            id="interactions.pending"
            defaultMessage="{count, plural, one {# attached-data write pending} other {# attached-data writes pending}}"
            values={{ count: i.pendingWrites }}
          />
        </>
      )}
    </p>
  );
}

/** The attached data as sent, behind a disclosure. */
function RawAttached({ interaction: i }: { interaction: InteractionView }) {
  const keys = Object.entries(i.attachedData);
  if (keys.length === 0) return null;
  return (
    <details className="raw">
      <summary>
        <FormattedMessage id="interactions.rawData" defaultMessage="Attached data as sent" />
      </summary>
      <dl className="attached" lang="en" dir="ltr">
        {keys.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{String(v)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** The last entries of the interaction's timeline. */
function Timeline({ interaction: i }: { interaction: InteractionView }) {
  const intl = useIntl();
  if (i.timeline.length === 0) return null;
  return (
    <ol
      className="timeline"
      aria-label={intl.formatMessage({ id: 'interactions.timeline', defaultMessage: 'Timeline' })}
    >
      {i.timeline.slice(-TIMELINE_ENTRIES).map((t, n) => (
        <li key={`${t.at}-${n}`}>
          <time dateTime={new Date(t.at).toISOString()} dir="auto">
            {intl.formatTime(t.at, {
              hour: '2-digit',
              minute: '2-digit',
              second: '2-digit',
              hourCycle: 'h23',
            })}
          </time>{' '}
          <span>{timelineWords(intl, t)}</span>
        </li>
      ))}
    </ol>
  );
}
