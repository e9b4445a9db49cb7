// What the tray shows for the app's state: a coloured dot and a tooltip an agent can read at a glance.
// The dot is drawn here as raw pixels, so no icon file ships for it.
import type { AppState } from '../../../common/contract';
import { describe } from '../interactions/messages';

export type Rgb = readonly [number, number, number];

export interface TrayModel {
  tooltip: string;
  color: Rgb;
}

const GREEN: Rgb = [0x2e, 0xa0, 0x43];
const AMBER: Rgb = [0xd9, 0x8e, 0x04];
const RED: Rgb = [0xcf, 0x22, 0x2e];
const GREY: Rgb = [0x8c, 0x95, 0x9f];

const CONNECTION: Record<AppState['connection']['state'], { words: string; color: Rgb }> = {
  idle: { words: 'not connected', color: GREY },
  connecting: { words: 'connecting…', color: AMBER },
  connected: { words: 'connected', color: GREEN },
  reconnecting: { words: 'reconnecting…', color: AMBER },
  lost: { words: 'connection lost', color: RED },
};

export function trayModel(
  state: Pick<AppState, 'connection' | 'sessions' | 'mode'>,
  productName: string,
): TrayModel {
  const c = CONNECTION[state.connection.state];
  const active = state.sessions.filter((s) => s.phase === 'active').length;
  const parts = [
    `${productName}${state.mode === 'demo' ? ' (demo)' : ''}: ${c.words}`,
    ...(state.connection.detail ? [describe(state.connection.detail)] : []),
    ...(active ? [`${active} co-browse session${active > 1 ? 's' : ''} active`] : []),
  ];
  return { tooltip: parts.join('\n'), color: c.color };
}

/** A filled, anti-aliased dot as BGRA pixels (what Electron's nativeImage.createFromBitmap takes). */
export function dotBitmap(size: number, [r, g, b]: Rgb): Buffer {
  const px = Buffer.alloc(size * size * 4);
  const c = (size - 1) / 2;
  const radius = size * 0.4;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const coverage = Math.max(0, Math.min(1, radius + 0.5 - Math.hypot(x - c, y - c)));
      const i = (y * size + x) * 4;
      px[i] = b;
      px[i + 1] = g;
      px[i + 2] = r;
      px[i + 3] = Math.round(coverage * 255);
    }
  return px;
}
