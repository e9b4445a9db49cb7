// Where things stand at a glance: the web edition's link to its app, the co-browse server connection, the
// interaction source, the demo mode and an update on offer.
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import type { AppState } from '../../../common/contract';
import { useSidebar, useSidebarState } from './context';
import { WorkspaceAccount } from './WorkspaceAccount';

const hostLinkLines = defineMessages({
  down: {
    id: 'status.hostLink.down',
    defaultMessage: 'App disconnected: reconnecting… What follows is the last state it sent.',
    description: 'The web edition lost its connection to the app that runs it',
  },
  restarted: {
    id: 'status.hostLink.restarted',
    defaultMessage:
      'App disconnected: the app was restarted. Open the link it printed (it carries the new run’s key); this page then reconnects by itself.',
  },
});
const connectionLines = defineMessages({
  idle: { id: 'status.connection.idle', defaultMessage: 'Co-browse server: not connected (no session)' },
  connecting: { id: 'status.connection.connecting', defaultMessage: 'Co-browse server: connecting…' },
  connected: { id: 'status.connection.connected', defaultMessage: 'Co-browse server: connected' },
  reconnecting: { id: 'status.connection.reconnecting', defaultMessage: 'Co-browse server: reconnecting…' },
  lost: { id: 'status.connection.lost', defaultMessage: 'Co-browse server: connection lost' },
});
const sourceStates = defineMessages({
  starting: { id: 'status.source.starting', defaultMessage: 'starting…' },
  up: { id: 'status.source.up', defaultMessage: 'up', description: 'The interaction source is working' },
  down: {
    id: 'status.source.down',
    defaultMessage: 'down',
    description: 'The interaction source is not working',
  },
  'signed-out': { id: 'status.source.signedOut', defaultMessage: 'signed out' },
});
const sourceNames = defineMessages({
  'local-api': {
    id: 'status.source.localApi',
    defaultMessage: 'Local integration API',
    description: "Where chats and calls come from: the softphone or desktop app on the agent's computer",
  },
  workspace: { id: 'status.source.workspace', defaultMessage: 'Genesys Workspace' },
});
const tone = (state: string) =>
  state === 'connected' || state === 'up'
    ? 'ok'
    : state === 'lost' || state === 'down' || state === 'signed-out'
      ? 'bad'
      : state === 'idle'
        ? 'off'
        : 'wait';

/** Main's own words (English until the contract carries codes), marked so a screen reader reads them as
 * English and isolated so a right-to-left page does not reorder their punctuation. */
const MainDetail = ({ text }: { text: string | null }) =>
  text && (
    <span className="muted">
      {' — '}
      <span lang="en" dir="ltr">
        {text}
      </span>
    </span>
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
          <span className="dot bad" aria-hidden="true" />
          {intl.formatMessage(hostLinkLines[hostLink])}
        </p>
      )}
      <p aria-live="polite" data-testid="connection" data-state={connection.state}>
        <span className={`dot ${tone(connection.state)}`} aria-hidden="true" />
        {intl.formatMessage(connectionLines[connection.state])}
        <MainDetail text={connection.detail} />
      </p>
      <p data-testid="source" data-state={source.state}>
        <span className={`dot ${tone(source.state)}`} aria-hidden="true" />
        <FormattedMessage
          id="status.source.line"
          defaultMessage="{source}: {state}"
          description="The interaction source's name and how it is, e.g. 'Genesys Workspace: up'"
          values={{
            source: intl.formatMessage(sourceNames[source.kind]),
            state: intl.formatMessage(sourceStates[source.state]),
          }}
        />
        <MainDetail text={source.detail} />
      </p>
      {source.kind === 'workspace' && <WorkspaceAccount state={source.state} />}
      {app.mode === 'demo' && (
        <div className="banner demo" role="note">
          <FormattedMessage
            id="status.demo"
            defaultMessage="Demo mode: an embedded co-browse server runs on this computer."
          />{' '}
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

function UpdateOffer({ update }: { update: AppState['update'] }) {
  const sidebar = useSidebar();
  const restarting = useSidebarState((s) => s.pending.restartToUpdate === true);
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
  if (update.state === 'error')
    return (
      <p className="muted">
        <FormattedMessage
          id="update.problem"
          defaultMessage="Update problem: {detail}"
          values={{
            detail: (
              <span lang="en" dir="ltr">
                {update.detail}
              </span>
            ),
          }}
        />
      </p>
    );
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
      ) : update.detail ? (
        <span className="muted" lang="en" dir="ltr">
          {update.detail}
        </span>
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
