// Where the agent page's own window opens when a session starts on the desktop: Genesys asks for "the
// maximum possible size" for the agent page (its co-browse area follows the customer's window), so it takes
// the work area beside the sidebar, on the sidebar's display, on the side with more room. Where the agent
// put it last on that display wins, while it is still reachable there (remembered per display, as the
// sidebar is).
import { displayOf, isReachable, type Display, type Rect, type WindowStateFile } from './window-state';

/** Below this the page is no bigger than in the sidebar: our choice, then the whole work area is used. */
const MIN_BESIDE_WIDTH = 640;

/** The work area left beside the sidebar, full height. */
export function besideSidebar(sidebar: Rect, display: Display): Rect {
  const w = display.workArea;
  const left = Math.max(0, sidebar.x - w.x);
  const right = Math.max(0, w.x + w.width - (sidebar.x + sidebar.width));
  if (Math.max(left, right) < MIN_BESIDE_WIDTH) return { ...w };
  return right >= left
    ? { x: sidebar.x + sidebar.width, y: w.y, width: right, height: w.height }
    : { x: w.x, y: w.y, width: left, height: w.height };
}

export function agentWindowBounds(
  saved: WindowStateFile | null,
  sidebar: Rect,
  displays: readonly Display[],
  primary: Display,
): Rect {
  const display = displayOf(sidebar, displays) ?? primary;
  const remembered = saved?.displays[display.id];
  if (remembered && isReachable(remembered, displays)) return remembered;
  return besideSidebar(sidebar, display);
}
