// Where the Co-browse agent page goes. Web edition: an iframe (the page comes from the agent-page proxy, its
// own origin). Desktop: the page is a separate WebContentsView that main places over this empty element, so
// the element reports its bounds whenever they may have changed, and null when it goes away.
import { useEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { AppState, Bounds } from '../../../common/contract';
import { sameBounds, toBounds } from '../logic/bounds';
import { zoomFactorOf } from '../../../common/contract-helpers';
import { useSidebar, useSidebarState } from './context';

type AgentView = NonNullable<AppState['agentView']>;

/** The agent area's element id, for the sidebar's skip link (the slot, or the empty area between sessions). */
export const AGENT_AREA = 'agent-area';

export function AgentSlot({ view }: { view: AgentView }) {
  const sidebar = useSidebar();
  // Main knows where the view is (closing the pop-out window brings it back); the button only asks.
  const poppedOut = view.poppedOut;
  const intl = useIntl();
  const zoom = zoomFactorOf(useSidebarState((s) => s.app!.settings.agentPageZoom));

  return (
    <main
      id={AGENT_AREA}
      tabIndex={-1}
      className="agent-slot"
      aria-label={intl.formatMessage({ id: 'agentSlot.label', defaultMessage: 'Agent page' })}
    >
      {sidebar.host === 'desktop' && (
        <div className="slot-bar">
          <button type="button" onClick={() => void sidebar.call('popOutAgentView', { out: !poppedOut })}>
            {poppedOut ? (
              <FormattedMessage
                id="agentSlot.bringBack"
                defaultMessage="Bring back"
                description="Button: puts the popped-out agent page back beside the sidebar"
              />
            ) : (
              <FormattedMessage
                id="agentSlot.popOut"
                defaultMessage="Pop out"
                description="Button: moves the agent page into its own window"
              />
            )}
          </button>
        </div>
      )}
      {sidebar.host === 'web' ? (
        // Its own document: the sidebar's direction (rtl in Arabic) never mirrors the customer's page.
        <div className="agent-frame">
          <iframe
            title={intl.formatMessage({ id: 'agentSlot.frameTitle', defaultMessage: 'Co-browse agent page' })}
            src={view.url}
            sandbox="allow-scripts allow-same-origin allow-forms"
            referrerPolicy="no-referrer"
            style={frameZoom(zoom)}
          />
        </div>
      ) : poppedOut ? (
        <p className="muted placeholder-note">
          <FormattedMessage id="agentSlot.poppedOut" defaultMessage="The agent page is in its own window." />
        </p>
      ) : (
        <DesktopPlaceholder />
      )}
    </main>
  );
}

/**
 * The "Agent page zoom" setting in the web edition: the frame laid out 1/zoom as large and scaled back into
 * the slot, so the page sees a wider window (as the desktop's zoom factor does); nothing added to its URL.
 */
const frameZoom = (zoom: number) =>
  zoom === 1 ? undefined : { width: `${100 / zoom}%`, height: `${100 / zoom}%`, transform: `scale(${zoom})` };

function DesktopPlaceholder() {
  const sidebar = useSidebar();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current!;
    let last: Bounds | null = null;
    const report = () => {
      const bounds = toBounds(el.getBoundingClientRect());
      if (sameBounds(bounds, last)) return;
      last = bounds;
      void sidebar.call('setAgentViewBounds', { bounds });
    };
    // The slot's own size, and anything that can move it: the window and the sidebar column above/beside it.
    const observer = new ResizeObserver(report);
    observer.observe(el);
    observer.observe(document.body);
    window.addEventListener('resize', report);
    report();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', report);
      void sidebar.call('setAgentViewBounds', { bounds: null });
    };
  }, [sidebar]);

  return <div ref={ref} className="agent-placeholder" data-testid="agent-view-slot" />;
}
