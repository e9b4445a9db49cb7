import { describe, expect, it } from 'vitest';
import { sameBounds, toBounds } from './bounds';

describe('toBounds', () => {
  it('rounds the edges to whole pixels so neighbours neither overlap nor gap', () => {
    expect(toBounds({ x: 380.4, y: 0.6, width: 719.7, height: 799.2 })).toEqual({
      x: 380,
      y: 1,
      width: 720,
      height: 799,
    });
  });
  it('never reports negatives (an element scrolled above the viewport)', () => {
    expect(toBounds({ x: -5, y: -20, width: 3, height: 10 })).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });
});

describe('sameBounds', () => {
  it('compares by value, null included', () => {
    expect(sameBounds({ x: 1, y: 2, width: 3, height: 4 }, { x: 1, y: 2, width: 3, height: 4 })).toBe(true);
    expect(sameBounds({ x: 1, y: 2, width: 3, height: 4 }, { x: 1, y: 2, width: 3, height: 5 })).toBe(false);
    expect(sameBounds(null, { x: 0, y: 0, width: 0, height: 0 })).toBe(false);
    expect(sameBounds(null, null)).toBe(true);
  });
});
