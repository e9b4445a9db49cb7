// A system notification when a chat asks for co-browse while the sidebar is hidden; clicking it shows the
// sidebar. The rule lives in core/desktop/notify.ts.
import { Notification } from 'electron';
import type { AppState } from '../../common/contract';
import { cobrowseRequestNotices } from '../core/desktop/notify';
import type { IntlShape } from '../core/i18n/intl';

type View = Pick<AppState, 'sessions' | 'interactions'>;

/** Returns a function to call on every state push with the previous and the new state. */
export function createCobrowseNotifier(opts: { isWindowVisible: () => boolean; onClick: () => void }) {
  // Held until done with: the OS keeps no reference to the JS object, and a collected one's click is lost.
  const live = new Set<Notification>();
  return (prev: View, next: View, intl: IntlShape): void => {
    if (!Notification.isSupported()) return;
    for (const n of cobrowseRequestNotices(prev, next, opts.isWindowVisible(), intl)) {
      const note = new Notification({ title: n.title, body: n.body });
      const done = () => live.delete(note);
      note.on('click', () => (done(), opts.onClick()));
      note.on('close', done);
      note.on('failed', done);
      live.add(note);
      note.show();
    }
  };
}
