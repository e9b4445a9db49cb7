// The agent page's window beside the sidebar: on the side with room, full height, on the sidebar's display;
// where the agent put it on that display, while reachable.
import { describe, expect, it } from 'vitest';
import { agentWindowBounds, besideSidebar } from './agent-window';

const laptop = { id: '1', workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const monitor = { id: '2', workArea: { x: 1920, y: 0, width: 2560, height: 1400 } };

describe('agent window placement', () => {
  it('takes the work area beside a sidebar docked right, or left', () => {
    expect(besideSidebar({ x: 1520, y: 0, width: 400, height: 820 }, laptop)).toEqual({
      x: 0,
      y: 0,
      width: 1520,
      height: 1040,
    });
    expect(besideSidebar({ x: 1920, y: 100, width: 400, height: 820 }, monitor)).toEqual({
      x: 2320,
      y: 0,
      width: 2160,
      height: 1400,
    });
  });

  it('uses the whole work area when too little is left beside the sidebar', () => {
    const small = { id: '3', workArea: { x: 0, y: 0, width: 1000, height: 700 } };
    expect(besideSidebar({ x: 300, y: 0, width: 400, height: 700 }, small)).toEqual(small.workArea);
  });

  it("opens where the agent put it on the sidebar's display, unless that is off every screen now", () => {
    const sidebar = { x: 4080, y: 0, width: 400, height: 820 };
    const saved = { displays: { '2': { x: 1950, y: 50, width: 1800, height: 1200 } }, lastDisplay: '2' };
    expect(agentWindowBounds(saved, sidebar, [laptop, monitor], laptop)).toEqual(saved.displays['2']);
    // The sidebar is on the laptop now: the laptop has no remembered place.
    expect(
      agentWindowBounds(saved, { x: 1520, y: 0, width: 400, height: 820 }, [laptop, monitor], laptop),
    ).toEqual({
      x: 0,
      y: 0,
      width: 1520,
      height: 1040,
    });
    const gone = { displays: { '1': { x: 5000, y: 0, width: 800, height: 600 } }, lastDisplay: '1' };
    expect(
      agentWindowBounds(gone, { x: 1520, y: 0, width: 400, height: 820 }, [laptop], laptop),
    ).toMatchObject({
      x: 0,
      width: 1520,
    });
  });
});
