// Where things stand at a glance: the web edition's link to its app, the co-browse server connection, the
// interaction source, the demo mode and an update on offer.
import type { AppState } from '../../../common/contract';
import { useSidebar, useSidebarState } from './context';
import { WorkspaceAccount } from './WorkspaceAccount';

const connectionWords: Record<AppState['connection']['state'], string> = {
  idle: 'not connected (no session)',
  connecting: 'connecting…',
  connected: 'connected',
  reconnecting: 'reconnecting…',
  lost: 'connection lost',
};
const sourceWords: Record<AppState['source']['state'], string> = {
  starting: 'starting…',
  up: 'up',
  down: 'down',
  'signed-out': 'signed out',
};
const sourceNames: Record<AppState['source']['kind'], string> = {
  'local-api': 'Local integration API',
  workspace: 'Genesys Workspace',
};
const tone = (state: string) =>
  state === 'connected' || state === 'up'
    ? 'ok'
    : state === 'lost' || state === 'down' || state === 'signed-out'
      ? 'bad'
      : state === 'idle'
        ? 'off'
        : 'wait';

export function StatusBar() {
  const app = useSidebarState((s) => s.app!);
  const hostLink = useSidebarState((s) => s.hostLink);
  const { connection, source } = app;
  return (
    <section className="status-bar" aria-label="Connections">
      {hostLink !== 'up' && (
        <p role="alert" data-testid="host-link" data-state={hostLink}>
          <span className="dot bad" aria-hidden="true" />
          {hostLink === 'down'
            ? 'App disconnected: reconnecting… What follows is the last state it sent.'
            : 'App disconnected: the app was restarted. Open the link it printed (it carries the new run’s key); this page then reconnects by itself.'}
        </p>
      )}
      <p aria-live="polite" data-testid="connection" data-state={connection.state}>
        <span className={`dot ${tone(connection.state)}`} aria-hidden="true" />
        Co-browse server: {connectionWords[connection.state]}
        {connection.detail && <span className="muted"> — {connection.detail}</span>}
      </p>
      <p data-testid="source" data-state={source.state}>
        <span className={`dot ${tone(source.state)}`} aria-hidden="true" />
        {sourceNames[source.kind]}: {sourceWords[source.state]}
        {source.detail && <span className="muted"> — {source.detail}</span>}
      </p>
      {source.kind === 'workspace' && <WorkspaceAccount state={source.state} />}
      {app.mode === 'demo' && (
        <div className="banner demo" role="note">
          Demo mode: an embedded co-browse server runs on this computer.{' '}
          {app.service.demoCustomerUrl && (
            <a href={app.service.demoCustomerUrl} target="_blank" rel="noopener noreferrer">
              Open the demo customer page
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
        Downloading update {update.version ?? ''}…{' '}
        {update.percent !== null && `${Math.round(update.percent)}%`}
      </p>
    );
  if (update.state === 'error') return <p className="muted">Update problem: {update.detail}</p>;
  if (update.state !== 'ready') return null;
  return (
    <div className="banner">
      Version {update.version} is ready.{' '}
      {update.canRestart ? (
        <button type="button" disabled={restarting} onClick={() => void sidebar.call('restartToUpdate', {})}>
          Restart to update
        </button>
      ) : (
        <span className="muted">{update.detail ?? 'It installs after the co-browse session.'}</span>
      )}
    </div>
  );
}
