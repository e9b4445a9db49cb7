// Co-browse requests that came while another session was live, above everything the agent works with: each
// is read aloud once when it arrives, the tab's (or window's) title counts them, and joining one asks first,
// since it ends the live session for its customer.
import { useEffect, useRef, useState } from 'react';
import { defineMessages, FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import { groupDigits, type InteractionView } from '../../../common/contract';
import { ltrRun } from '../i18n/isolate';
import { liveSession } from '../logic/join-target';
import { useSidebar, useSidebarState } from './context';
import { ReplaceAndJoin } from './Replace';

const m: Record<'heading' | 'title' | 'asks' | 'label', MessageDescriptor> = defineMessages({
  heading: { id: 'requests.heading', defaultMessage: 'Co-browse requests' },
  title: {
    id: 'requests.title',
    defaultMessage: '{count, plural, one {Co-browse request} other {# co-browse requests}} – {title}',
    description: "The tab's or window's title while requests wait; title: the app's own title",
  },
  asks: { id: 'request.asks', defaultMessage: '{customer} asks to co-browse (session {id}).' },
  label: { id: 'request.label', defaultMessage: 'Co-browse request from {customer}' },
});

type Waiting = InteractionView & { cobrowseRequest: NonNullable<InteractionView['cobrowseRequest']> };

export function Requests() {
  const intl = useIntl();
  const interactions = useSidebarState((s) => s.app!.interactions);
  const waiting = interactions.filter((i): i is Waiting => i.cobrowseRequest !== null);
  useRequestTitle(waiting.length);
  const news = useNewest(waiting);
  return (
    <>
      <p className="visually-hidden" role="status" data-testid="request-news">
        {news && intl.formatMessage(m.asks, { customer: news.customerName, id: idOf(intl, news) })}
      </p>
      {waiting.length > 0 && (
        <section className="panel requests" aria-labelledby="requests-heading">
          <h2 id="requests-heading">{intl.formatMessage(m.heading)}</h2>
          {waiting.map((i) => (
            <Request key={i.id} interaction={i} />
          ))}
        </section>
      )}
    </>
  );
}

const idOf = (intl: ReturnType<typeof useIntl>, i: Waiting) =>
  ltrRun(intl, groupDigits(i.cobrowseRequest.token));

/** The latest request that arrived since the sidebar opened (those already waiting then are not news). */
function useNewest(waiting: Waiting[]): Waiting | null {
  const keys = waiting.map((i) => `${i.id}@${i.cobrowseRequest.at}`).join(' ');
  const seen = useRef<Set<string> | null>(null);
  const [newest, setNewest] = useState<Waiting | null>(null);
  useEffect(() => {
    const now = new Set(keys.split(' ').filter(Boolean));
    const fresh = seen.current
      ? waiting.filter((i) => !seen.current!.has(`${i.id}@${i.cobrowseRequest.at}`))
      : [];
    seen.current = now;
    if (fresh.length > 0) setNewest(fresh[fresh.length - 1]!);
    // Keyed on the requests, not on every state push.
  }, [keys]);
  return newest;
}

/** The page's title while requests wait: what the agent sees on another tab or in the taskbar. */
function useRequestTitle(count: number) {
  const intl = useIntl();
  const base = useRef(document.title);
  useEffect(() => {
    document.title = count > 0 ? intl.formatMessage(m.title, { count, title: base.current }) : base.current;
  }, [count, intl]);
  useEffect(() => () => void (document.title = base.current), []);
}

/** One request: join it (ending the live session, after asking) or decline. */
function Request({ interaction }: { interaction: Waiting }) {
  const sidebar = useSidebar();
  const intl = useIntl();
  const busy = useSidebarState((s) => s.pending.answerRequest === true);
  const live = useSidebarState((s) => liveSession(s.app!) !== null);
  const { token } = interaction.cobrowseRequest;
  const id = idOf(intl, interaction);
  const answer = async (accept: boolean) => {
    const outcome = await sidebar.call('answerRequest', { interactionId: interaction.id, accept });
    if (outcome) sidebar.joinSettled(token, outcome);
  };
  return (
    <div
      className="request"
      role="group"
      data-testid="request"
      data-interaction-id={interaction.id}
      aria-label={intl.formatMessage(m.label, { customer: interaction.customerName })}
    >
      <p>
        {intl.formatMessage(m.asks, { customer: interaction.customerName, id })}
        {live && (
          <>
            {' '}
            <FormattedMessage id="request.inAnother" defaultMessage="You are in another session." />
          </>
        )}
      </p>
      <div className="row wrap">
        <ReplaceAndJoin
          next={{ token, customer: interaction.customerName }}
          busy={busy}
          onJoin={() => void answer(true)}
        >
          {live ? (
            <FormattedMessage
              id="request.endAndJoin"
              defaultMessage="End current and join {id}"
              values={{ id }}
            />
          ) : (
            <FormattedMessage id="request.join" defaultMessage="Join {id}" values={{ id }} />
          )}
        </ReplaceAndJoin>
        <button type="button" disabled={busy} onClick={() => void answer(false)}>
          <FormattedMessage id="request.decline" defaultMessage="Decline" />
        </button>
      </div>
    </div>
  );
}
