// A system notification when a chat asks for co-browse while the sidebar is hidden; clicking it shows the
// sidebar. The rule lives in core/desktop/notify.ts.
import { Notification } from 'electron';
import type { AppState } from '../../common/contract';
import { cobrowseRequestNotices } from '../core/desktop/notify';

type View = Pick<AppState, 'sessions' | 'interactions'>;

/** Returns a function to call on every state push with the previous and the new state. */
export function createCobrowseNotifier(opts: { isWindowVisible: () => boolean; onClick: () => void }) {
  return (prev: View, next: View): void => {
    if (!Notification.isSupported()) return;
    for (const n of cobrowseRequestNotices(prev, next, opts.isWindowVisible())) {
      const note = new Notification({ title: n.title, body: n.body });
      note.on('click', opts.onClick);
      note.show();
    }
  };
}
