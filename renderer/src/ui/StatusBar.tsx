// Where things stand at a glance: the web edition's link to its app, the co-browse server connection, the
// interaction source, the demo mode and an update on offer.
import { useEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { AppState } from '../../../common/contract';
import { connectionMessages, say, sourceMessages, updateMessages } from '../i18n/codes';
import { liveSession } from '../logic/join-target';
import { connectionLight, hostLinkLight, sourceLight, type Light } from '../logic/lights';
import { useSidebar, useSidebarState } from './context';
import { WorkspaceAccount } from './WorkspaceAccount';

/** What main says about a light, worded here; isolated so a host or port keeps its order right to left. */
const Detail = ({ text }: { text: string | null }) =>
  text && (
    <span className="muted">
      {' — '}
      <bdi>{text}</bdi>
    </span>
  );

/** The colour repeats what the words say (never the only carrier), so it is hidden from screen readers. */
const Dot = ({ light }: { light: Light }) => (
  <span className={`dot ${light.tone}`} data-tone={light.tone} aria-hidden="true" />
);

export function StatusBar() {
  const intl = useIntl();
  const app = useSidebarState((s) => s.app!);
  const hostLink = useSidebarState((s) => s.hostLink);
  const { connection, source } = app;
  return (
    <section
      className="status-bar"
      aria-label={intl.formatMessage({ id: 'status.label', defaultMessage: 'Connections' })}
    >
      {hostLink !== 'up' && (
        <p role="alert" data-testid="host-link" data-state={hostLink}>
          <Dot light={hostLinkLight(hostLink)} />
          {intl.formatMessage(hostLinkLight(hostLink).words)}
        </p>
      )}
      {/* Not a live region: a join's connecting → connected is told by the join progress, once. */}
      <p data-testid="connection" data-state={connection.state}>
        <Dot light={connectionLight(connection)} />
        {intl.formatMessage(connectionLight(connection).words)}
        <Detail text={connection.detail && say(intl, connectionMessages, connection.detail)} />
      </p>
      <ConnectionNews connection={connection} />
      <p data-testid="source" data-state={source.state}>
        <Dot light={sourceLight(source, app.mode)} />
        {intl.formatMessage(sourceLight(source, app.mode).words)}
        <Detail text={source.detail && say(intl, sourceMessages, source.detail)} />
      </p>
      {source.kind === 'workspace' && <WorkspaceAccount state={source.state} />}
      {app.mode === 'demo' && (
        <div className="banner demo" role="note">
          {/* In a short window during a session only the link stays (styles.css). */}
          <span className="demo-more">
            <FormattedMessage
              id="status.demo"
              defaultMessage="Demo mode: an embedded co-browse server runs on this computer."
            />{' '}
            <DemoNextStep />{' '}
          </span>
          {app.service.demoCustomerUrl && (
            <a href={app.service.demoCustomerUrl} target="_blank" rel="noopener noreferrer">
              <FormattedMessage id="status.demoCustomerPage" defaultMessage="Open the demo customer page" />
            </a>
          )}
        </div>
      )}
      <UpdateOffer update={app.update} />
    </section>
  );
}

/** Said aloud only when the connection goes wrong outside a join, and when it recovers from that. */
function ConnectionNews({ connection }: { connection: AppState['connection'] }) {
  const intl = useIntl();
  const troubled = useRef(false);
  const trouble = connection.state === 'reconnecting' || connection.state === 'lost';
  const recovered = !trouble && troubled.current && connection.state === 'connected';
  useEffect(() => {
    troubled.current = trouble;
  });
  return (
    <p className="visually-hidden" role="status" data-testid="connection-news">
      {trouble || recovered ? intl.formatMessage(connectionLight(connection).words) : ''}
    </p>
  );
}

/** The demo's next step, from where the agent is: start from the customer page, or follow the session. */
function DemoNextStep() {
  const live = useSidebarState((s) => liveSession(s.app!));
  return (
    <span data-testid="demo-next">
      {live === null ? (
        <FormattedMessage
          id="status.demoNext.start"
          defaultMessage="Next: open the demo customer page and press “Share my screen with the agent” in its chat."
        />
      ) : live.phase === 'active' ? (
        <FormattedMessage
          id="status.demoNext.active"
          defaultMessage="Next: follow the customer on their page; Exit or Stop under Join a session when done."
        />
      ) : (
        <FormattedMessage
          id="status.demoNext.wait"
          defaultMessage="Next: the session starts once the customer page says an agent is viewing it."
        />
      )}
    </span>
  );
}

function UpdateOffer({ update }: { update: AppState['update'] }) {
  const sidebar = useSidebar();
  const intl = useIntl();
  const restarting = useSidebarState((s) => s.pending.restartToUpdate === true);
  const detail = update.detail && say(intl, updateMessages, update.detail);
  if (update.state === 'downloading')
    return (
      <p className="muted">
        {update.percent === null ? (
          <FormattedMessage
            id="update.downloading"
            defaultMessage="Downloading update {version}…"
            values={{ version: update.version ?? '' }}
          />
        ) : (
          <FormattedMessage
            id="update.downloadingPercent"
            defaultMessage="Downloading update {version}… {percent, number, ::percent}"
            description="percent: how much of the update has arrived"
            values={{ version: update.version ?? '', percent: Math.round(update.percent) / 100 }}
          />
        )}
      </p>
    );
  // Off by the administrator's choice: said so (an unpackaged run or the web edition has no detail).
  if (update.state === 'error' || update.state === 'disabled')
    return detail ? (
      <p className="muted" data-testid="update-note">
        {detail}
      </p>
    ) : null;
  if (update.state !== 'ready') return null;
  return (
    <div className="banner">
      <FormattedMessage
        id="update.ready"
        defaultMessage="Version {version} is ready."
        values={{ version: update.version }}
      />{' '}
      {update.canRestart ? (
        <button type="button" disabled={restarting} onClick={() => void sidebar.call('restartToUpdate', {})}>
          <FormattedMessage id="update.restart" defaultMessage="Restart to update" />
        </button>
      ) : detail ? (
        <span className="muted">{detail}</span>
      ) : (
        <span className="muted">
          <FormattedMessage
            id="update.afterSession"
            defaultMessage="It installs after the co-browse session."
          />
        </span>
      )}
    </div>
  );
}
