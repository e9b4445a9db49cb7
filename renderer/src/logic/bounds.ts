// The agent view's place in the sidebar window, as the desktop host wants it: whole CSS pixels, never
// negative (the contract refuses fractions and negatives).
import type { Bounds } from '../../../common/contract';

export function toBounds(rect: { x: number; y: number; width: number; height: number }): Bounds {
  const x = Math.max(0, Math.round(rect.x));
  const y = Math.max(0, Math.round(rect.y));
  // Round the far edges, not the sizes, so adjacent elements never overlap or leave a 1px gap.
  const width = Math.max(0, Math.round(rect.x + rect.width) - x);
  const height = Math.max(0, Math.round(rect.y + rect.height) - y);
  return { x, y, width, height };
}

export const sameBounds = (a: Bounds | null, b: Bounds | null) =>
  a === b ||
  (a !== null && b !== null && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);
