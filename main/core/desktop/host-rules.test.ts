// The Electron host's rules, checked without Electron: window placement per display, navigation limits of
// the agent view, the IPC sender check, and the agent view's stickiness cookie.
import { describe, expect, it } from 'vitest';
import { defaultBounds, isReachable, remember, restoreBounds, type Display } from './window-state';
import { agentViewCookie, isAllowedAgentNavigation, isTrustedSender } from './web-guards';

const laptop: Display = { id: '1', workArea: { x: 0, y: 0, width: 1440, height: 900 } };
const monitor: Display = { id: '2', workArea: { x: 1440, y: 0, width: 2560, height: 1440 } };

describe('window state', () => {
  it('opens docked at the right edge of the primary display the first time', () => {
    expect(restoreBounds(null, [laptop], laptop)).toEqual({ x: 1040, y: 0, width: 400, height: 820 });
  });

  it('remembers a place per display and restores the last one', () => {
    let saved = remember(null, { x: 100, y: 50, width: 380, height: 800 }, [laptop, monitor]);
    saved = remember(saved, { x: 3000, y: 100, width: 420, height: 1200 }, [laptop, monitor]);
    expect(saved.displays['1']).toEqual({ x: 100, y: 50, width: 380, height: 800 });
    expect(restoreBounds(saved, [laptop, monitor], laptop)).toEqual({
      x: 3000,
      y: 100,
      width: 420,
      height: 1200,
    });
  });

  it('resets to the default when the remembered display is gone or the place is off-screen', () => {
    const saved = remember(null, { x: 3000, y: 100, width: 420, height: 1200 }, [laptop, monitor]);
    expect(restoreBounds(saved, [laptop], laptop)).toEqual(defaultBounds(laptop));
    const lost = { displays: { '1': { x: -5000, y: 0, width: 400, height: 800 } }, lastDisplay: '1' };
    expect(isReachable(lost.displays['1'], [laptop])).toBe(false);
    expect(restoreBounds(lost, [laptop], laptop)).toEqual(defaultBounds(laptop));
  });

  it('keeps the default inside small work areas', () => {
    const small: Display = { id: '3', workArea: { x: 0, y: 25, width: 300, height: 600 } };
    expect(defaultBounds(small)).toEqual({ x: 0, y: 25, width: 300, height: 600 });
  });
});

describe('web guards', () => {
  const page = 'https://node1.example:8443/cobrowse/slave.html#nosidinput=1&sid=123456789';
  it('lets the agent view navigate only within its own origin', () => {
    expect(isAllowedAgentNavigation('https://node1.example:8443/cobrowse/other.html', page)).toBe(true);
    expect(isAllowedAgentNavigation('https://node1.example.evil.com/cobrowse/', page)).toBe(false);
    expect(isAllowedAgentNavigation('https://node1.example:8444/', page)).toBe(false);
    expect(isAllowedAgentNavigation('http://node1.example:8443/', page)).toBe(false);
    expect(isAllowedAgentNavigation('not a url', page)).toBe(false);
  });

  it('trusts only the sidebar main frame on the app origin', () => {
    const ok = { webContentsId: 7, frameUrl: 'app://sidebar/index.html', isMainFrame: true };
    expect(isTrustedSender(ok, 7, 'app://sidebar')).toBe(true);
    expect(isTrustedSender({ ...ok, isMainFrame: false }, 7, 'app://sidebar')).toBe(false);
    expect(isTrustedSender({ ...ok, webContentsId: 8 }, 7, 'app://sidebar')).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'https://evil.example/' }, 7, 'app://sidebar')).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: '' }, 7, 'app://sidebar')).toBe(false);
  });

  it('derives the stickiness cookie for the agent view partition', () => {
    expect(agentViewCookie('gcbSessionServer=node2', page)).toEqual({
      url: 'https://node1.example:8443',
      name: 'gcbSessionServer',
      value: 'node2',
      path: '/',
      secure: true,
    });
    expect(agentViewCookie(null, page)).toBeNull();
    expect(agentViewCookie('garbage', page)).toBeNull();
  });
});
