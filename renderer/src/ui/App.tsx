// The sidebar: narrow column of panels, and the agent page's slot taking the rest of the window when a
// co-browse session shows one.
import { useCallback, useEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { AGENT_AREA, AgentSlot } from './AgentSlot';
import { Alerts } from './Alerts';
import { useSidebar, useSidebarState } from './context';
import { dismissNewestAlert, useFocusRescue } from './focus';
import { Footer } from './Footer';
import { Interactions } from './Interactions';
import { JoinPanel } from './JoinPanel';
import { lazyPanel } from './LazyPanel';
import { RequestChime } from './RequestChime';
import { Requests } from './Requests';
import { SessionPanel } from './SessionPanel';
import { StatusBar } from './StatusBar';
import { WebNotifier } from './WebNotifications';

// Not needed for the first paint: their own chunks (the settings form brings the settings schema, and zod).
const History = lazyPanel(async () => (await import('./History')).History);
const SettingsPanel = lazyPanel(async () => (await import('./SettingsPanel')).SettingsPanel);

export function App() {
  const sidebar = useSidebar();
  useEffect(() => sidebar.connect(), [sidebar]);
  const loaded = useSidebarState((s) => s.app !== null);
  const agentView = useSidebarState((s) => s.app?.agentView ?? null);
  const intl = useIntl();
  const aside = useRef<HTMLElement>(null);
  useFocusRescue(
    aside,
    useCallback(() => document.getElementById('session-id'), []),
  );

  return (
    <div className="shell">
      <aside
        ref={aside}
        className="sidebar"
        aria-label={intl.formatMessage({ id: 'app.sidebar', defaultMessage: 'Co-browse sidebar' })}
        onKeyDown={dismissNewestAlert}
      >
        {agentView && <SkipToAgentArea />}
        <h1 className="title">
          <FormattedMessage
            id="app.title"
            defaultMessage="Co-browse"
            description="The product's name for agents"
          />
        </h1>
        {loaded ? (
          <>
            {/* What needs the agent now first: the session, a request, a problem; then the lights. */}
            <SessionPanel />
            <Requests />
            <Alerts />
            <StatusBar />
            <RequestChime />
            {sidebar.host === 'web' && <WebNotifier />}
            <JoinPanel />
            <Interactions />
            <History />
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
      {agentView ? <AgentSlot key={agentView.sessionId} view={agentView} /> : loaded && <AgentEmpty />}
    </div>
  );
}

/** During a session the agent page is one keystroke away from the sidebar's top. */
function SkipToAgentArea() {
  return (
    <a
      className="skip-link"
      href={`#${AGENT_AREA}`}
      onClick={(e) => {
        e.preventDefault(); // no hash in the address: the page's link stays as it was opened
        document.getElementById(AGENT_AREA)?.focus();
      }}
    >
      <FormattedMessage id="app.skipToAgentArea" defaultMessage="Skip to the agent page" />
    </a>
  );
}

/** First start and between sessions: what will appear in the agent area, and how to start (the page's main). */
function AgentEmpty() {
  const demo = useSidebarState((s) => s.app!.mode === 'demo');
  return (
    <main className="agent-empty" aria-labelledby="agent-empty-heading" data-testid="agent-empty">
      <h2 id="agent-empty-heading">
        <FormattedMessage id="agentEmpty.heading" defaultMessage="The customer's page will show here" />
      </h2>
      <p>
        <FormattedMessage
          id="agentEmpty.how"
          defaultMessage="When a customer shares their screen in a chat, the sidebar joins by itself. On a call, type the session ID they read to you under Join a session."
        />
      </p>
      {demo && (
        <p>
          <FormattedMessage
            id="agentEmpty.demo"
            defaultMessage="Demo: open the demo customer page (link on the left) and press “Share my screen with the agent” in its chat."
          />
        </p>
      )}
    </main>
  );
}
