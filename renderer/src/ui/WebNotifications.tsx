// Web edition: the "Notify me of co-browse requests" setting with the browser's own Notification API (the
// desktop raises Electron's from main). A new request (common/cobrowse-requests.ts) while this page is hidden
// or not focused raises one notification; clicking it brings the page forward with focus on that request.
// The browser's permission is asked only from the agent's own gesture (turning the setting on, or "Allow
// notifications"), never by itself; a browser that blocked them is named, with what to do.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { defineMessage, defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { newCobrowseRequests, type NewCobrowseRequest } from '../../../common/cobrowse-requests';
import type { AppState } from '../../../common/contract';
import { useSidebarState } from './context';

type Permission = NotificationPermission | 'unsupported';
const permission = (): Permission =>
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;

// The permission changes by our ask or in the browser's own site settings (then seen when the page is back).
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('focus', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('focus', listener);
  };
}
const usePermission = () => useSyncExternalStore(subscribe, permission);

/** Call from the agent's gesture only: browsers ignore (or hold against the site) an unprompted ask. */
export function askNotificationPermission(): void {
  if (permission() === 'default') void Notification.requestPermission().then(changed, changed);
  else changed(); // answered since, in the browser's own settings: show that
}

const titles = defineMessages({
  attempt: { id: 'notification.attempt.title', defaultMessage: 'Co-browse requested' },
  waiting: { id: 'notification.waiting.title', defaultMessage: 'Co-browse request waiting' },
});
const bodies = {
  attempt: defineMessage<{ customer: string }>({
    id: 'notification.attempt.body',
    defaultMessage: '{customer} asked to co-browse in chat. Click to follow.',
  }),
  waiting: defineMessage<{ customer: string }>({
    id: 'notification.waiting.body',
    defaultMessage: '{customer} asked to co-browse while you are in another session. Click to answer.',
  }),
};

/** The waiting request's first answer, else the interaction's card: where the agent acts next. */
function focusRequest(interactionId: string): void {
  const on = `[data-interaction-id="${CSS.escape(interactionId)}"]`;
  (
    document.querySelector<HTMLElement>(`.request${on} button`) ??
    document.querySelector<HTMLElement>(`${on} button.select`)
  )?.focus();
}

// Held until clicked or closed, so a collected object cannot lose the click.
const shown = new Set<Notification>();

export function WebNotifier() {
  const intl = useIntl();
  const enabled = useSidebarState((s) => s.app!.settings.notifyOnRequest);
  const app = useSidebarState((s) => s.app!);
  const prev = useRef<Pick<AppState, 'sessions' | 'interactions'> | null>(null);
  useEffect(() => {
    // The requests already there when the page opened were for the agent to see, not to be told of.
    const fresh: NewCobrowseRequest[] = prev.current ? newCobrowseRequests(prev.current, app) : [];
    prev.current = app;
    const unseen = document.hidden || !document.hasFocus();
    if (!enabled || !unseen || permission() !== 'granted') return;
    for (const r of fresh) {
      const note = new Notification(intl.formatMessage(titles[r.kind]), {
        body: intl.formatMessage(bodies[r.kind], { customer: r.customerName }),
        tag: r.key,
        lang: intl.locale,
      });
      shown.add(note);
      note.onclose = () => shown.delete(note);
      note.onclick = () => {
        window.focus();
        focusRequest(r.interactionId);
        note.close();
      };
    }
  }, [app, enabled, intl]);
  return null;
}

/** Under the setting in Settings: the browser's permission, in words, with the one action that helps. */
export function NotificationPermission({ wanted }: { wanted: boolean }) {
  const state = usePermission();
  if (!wanted || state === 'granted') return null;
  if (state === 'default')
    return (
      <button type="button" onClick={askNotificationPermission}>
        <FormattedMessage
          id="settings.allowNotifications"
          defaultMessage="Allow notifications"
          description="Web edition: asks the browser to let this page show notifications"
        />
      </button>
    );
  return (
    <p className="muted" role="status" data-testid="notifications-blocked">
      {state === 'denied' ? (
        <FormattedMessage
          id="settings.notificationsDenied"
          defaultMessage="Your browser blocks notifications from this page. To get them, allow notifications for this site in the browser's site settings (the icon left of the address), then reload the page."
        />
      ) : (
        <FormattedMessage
          id="settings.notificationsUnsupported"
          defaultMessage="This browser cannot show notifications; keep this page in view to see requests."
        />
      )}
    </p>
  );
}
