// The sidebar window's size and position, remembered per display (agents dock it on a laptop screen at home
// and on a monitor at the desk), and reset when the remembered place is no longer on any screen.
import { z } from 'zod';

export const Rect = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Rect = z.infer<typeof Rect>;

export const WindowStateFile = z.object({
  /** Keyed by a display's id. */
  displays: z.record(z.string(), Rect),
  lastDisplay: z.string().nullable(),
});
export type WindowStateFile = z.infer<typeof WindowStateFile>;

export interface Display {
  id: string;
  workArea: Rect;
}

/** Narrow and tall: a sidebar next to the softphone. */
export const SIDEBAR_SIZE = { width: 400, height: 820, minWidth: 320, minHeight: 480 };
/** At least this much of the title bar must be on a screen for the window to be reachable. */
const MIN_VISIBLE = 64;

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** Reachable: a strip of the top edge (where the title bar is) lies on one of the displays. */
export function isReachable(bounds: Rect, displays: readonly Display[]): boolean {
  const titleBar: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: 32 };
  return displays.some((d) => overlap(titleBar, d.workArea) >= MIN_VISIBLE * 16);
}

/** Right edge of the display's work area, full height (up to the default), like a docked sidebar. */
export function defaultBounds(display: Display): Rect {
  const { workArea: w } = display;
  const width = Math.min(SIDEBAR_SIZE.width, w.width);
  const height = Math.min(SIDEBAR_SIZE.height, w.height);
  return { x: w.x + w.width - width, y: w.y, width, height };
}

/**
 * Where to open: the last display's remembered bounds if that display is still attached and the window
 * would be reachable there; otherwise the primary display's default place.
 */
export function restoreBounds(
  saved: WindowStateFile | null,
  displays: readonly Display[],
  primary: Display,
): Rect {
  const last = saved?.lastDisplay ? saved.displays[saved.lastDisplay] : undefined;
  const attached = saved?.lastDisplay ? displays.some((d) => d.id === saved.lastDisplay) : false;
  if (last && attached && isReachable(last, displays)) return last;
  return defaultBounds(primary);
}

/** The display the window is mostly on. */
export function displayOf(bounds: Rect, displays: readonly Display[]): Display | undefined {
  let best: Display | undefined;
  let area = 0;
  for (const d of displays) {
    const a = overlap(bounds, d.workArea);
    if (a > area) [best, area] = [d, a];
  }
  return best;
}

export function remember(
  saved: WindowStateFile | null,
  bounds: Rect,
  displays: readonly Display[],
): WindowStateFile {
  const on = displayOf(bounds, displays);
  const state: WindowStateFile = saved ?? { displays: {}, lastDisplay: null };
  if (!on) return state;
  return { displays: { ...state.displays, [on.id]: bounds }, lastDisplay: on.id };
}
