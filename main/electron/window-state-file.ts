// Reads and writes a window's remembered places per display (in userData: window-state.json for the
// sidebar, agent-window-state.json for the agent page's window). A damaged file only costs the remembered
// place: the window opens at its default.
import { screen, type BrowserWindow } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../common/logger';
import { writeFileAtomic } from '../core/settings/atomic-write';
import {
  remember,
  restoreBounds,
  WindowStateFile,
  type Display,
  type Rect,
} from '../core/desktop/window-state';
import { agentWindowBounds } from '../core/desktop/agent-window';

const displays = (): Display[] =>
  screen.getAllDisplays().map((d) => ({ id: String(d.id), workArea: d.workArea }));
const primary = (): Display => {
  const d = screen.getPrimaryDisplay();
  return { id: String(d.id), workArea: d.workArea };
};

export function windowStateStore(userData: string, log: Logger, fileName = 'window-state.json') {
  const file = join(userData, fileName);
  let saved: WindowStateFile | null = null;
  try {
    saved = WindowStateFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      log.warn('window state ignored', { file, error: String(err) });
  }
  return {
    initialBounds: (): Rect => restoreBounds(saved, displays(), primary()),
    /** The agent page's window beside `sidebar` (core/desktop/agent-window.ts). */
    besideBounds: (sidebar: Rect): Rect => agentWindowBounds(saved, sidebar, displays(), primary()),
    /** Saves on close and after moves/resizes settle. */
    track(win: BrowserWindow): void {
      let timer: NodeJS.Timeout | undefined;
      const save = () => {
        if (win.isDestroyed() || win.isMinimized() || win.isFullScreen() || win.isMaximized()) return;
        saved = remember(saved, win.getBounds(), displays());
        writeFileAtomic(file, JSON.stringify(saved)).catch((err: unknown) =>
          log.warn('window state not saved', { error: String(err) }),
        );
      };
      const later = () => {
        clearTimeout(timer);
        timer = setTimeout(save, 500);
      };
      win.on('resize', later);
      win.on('move', later);
      win.on('close', () => {
        clearTimeout(timer);
        save();
      });
    },
  };
}
