// The sidebar: narrow column of panels, and the agent page's slot taking the rest of the window when a
// co-browse session shows one.
import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { AgentSlot } from './AgentSlot';
import { Alerts } from './Alerts';
import { useSidebar, useSidebarState } from './context';
import { Footer } from './Footer';
import { Interactions } from './Interactions';
import { JoinPanel } from './JoinPanel';
import { SettingsPanel } from './SettingsPanel';
import { StatusBar } from './StatusBar';

export function App() {
  const sidebar = useSidebar();
  useEffect(() => sidebar.connect(), [sidebar]);
  const loaded = useSidebarState((s) => s.app !== null);
  const agentView = useSidebarState((s) => s.app?.agentView ?? null);
  const intl = useIntl();

  return (
    <div className="shell">
      <aside
        className="sidebar"
        aria-label={intl.formatMessage({ id: 'app.sidebar', defaultMessage: 'Co-browse sidebar' })}
      >
        <h1 className="title">
          <FormattedMessage
            id="app.title"
            defaultMessage="Co-browse"
            description="The product's name for agents"
          />
        </h1>
        {loaded ? (
          <>
            <StatusBar />
            <Alerts />
            <JoinPanel />
            <Interactions />
            <SettingsPanel />
            <Footer />
          </>
        ) : (
          <>
            <Alerts />
            <p className="muted" aria-live="polite">
              <FormattedMessage
                id="app.connecting"
                defaultMessage="Connecting to the app…"
                description="Shown until the sidebar has the app's state"
              />
            </p>
          </>
        )}
      </aside>
      {agentView && <AgentSlot key={agentView.sessionId} view={agentView} />}
    </div>
  );
}
