import { describe, expect, it } from 'vitest';
import { dotBitmap, trayModel } from './tray-model';
import { cobrowseRequestNotices } from './notify';
import type { CobrowseSessionView, InteractionView } from '../../../common/contract';

const session = (
  id: string,
  interactionId: string | null,
  phase: CobrowseSessionView['phase'] = 'connecting',
): CobrowseSessionView => ({
  id,
  token: '123456789',
  interactionId,
  sessionHistoryId: null,
  phase,
  joinedAt: null,
  activatedAt: null,
  endedAt: null,
  endReason: null,
  error: null,
});
const interaction = (id: string, media: 'chat' | 'voice', customerName: string): InteractionView => ({
  id,
  media,
  customerName,
  state: 'active',
  cobrowseQuantity: 0,
  attachedData: {},
  cobrowseRequest: null,
  pendingWrites: 0,
  timeline: [],
});

describe('tray model', () => {
  it('says the connection state in words and colour, with active sessions', () => {
    const m = trayModel(
      {
        mode: 'live',
        connection: { state: 'connected', detail: { code: 'node-silent', params: { node: 'node1' } } },
        sessions: [session('a', null, 'active'), session('b', null, 'ended')],
      },
      'Cobrowse Agent Shell',
    );
    expect(m.tooltip).toBe(
      'Cobrowse Agent Shell: connected\nnode-silent (node="node1")\n1 co-browse session active',
    );
    expect(m.color).toEqual([0x2e, 0xa0, 0x43]);
    const lost = trayModel({ mode: 'demo', connection: { state: 'lost', detail: null }, sessions: [] }, 'X');
    expect(lost).toEqual({ tooltip: 'X (demo): connection lost', color: [0xcf, 0x22, 0x2e] });
  });

  it('draws a dot: opaque centre in BGRA order, transparent corners', () => {
    const px = dotBitmap(16, [10, 20, 30]);
    expect(px.length).toBe(16 * 16 * 4);
    const at = (x: number, y: number) => [...px.subarray((y * 16 + x) * 4, (y * 16 + x) * 4 + 4)];
    expect(at(8, 8)).toEqual([30, 20, 10, 255]);
    expect(at(0, 0)[3]).toBe(0);
  });
});

describe('co-browse request notifications', () => {
  const chats = [interaction('chat-1', 'chat', 'Ada'), interaction('call-1', 'voice', 'Bob')];
  const before = { sessions: [session('s0', 'chat-1', 'ended')], interactions: chats };

  it('notifies a new chat co-browse request while the window is hidden', () => {
    const after = { sessions: [...before.sessions, session('s1', 'chat-1')], interactions: chats };
    expect(cobrowseRequestNotices(before, after, false)).toEqual([
      {
        sessionId: 's1',
        title: 'Co-browse requested',
        body: 'Ada asked to co-browse in chat. Open the sidebar to follow.',
      },
    ]);
  });

  it('stays quiet when the window is visible, for voice, for sessions already seen, and for failed ones', () => {
    const after = {
      sessions: [
        ...before.sessions,
        session('s1', 'chat-1'),
        session('s2', 'call-1'),
        session('s3', 'chat-1', 'failed'),
      ],
      interactions: chats,
    };
    expect(cobrowseRequestNotices(before, after, true)).toEqual([]);
    expect(cobrowseRequestNotices(before, after, false).map((n) => n.sessionId)).toEqual(['s1']);
    expect(cobrowseRequestNotices(after, after, false)).toEqual([]);
  });

  it('notifies a request that now waits on a chat (another session is live), once', () => {
    const waiting = chats.map((i) =>
      i.id === 'chat-1' ? { ...i, cobrowseRequest: { token: '123456789', at: 5 } } : i,
    );
    const after = { sessions: before.sessions, interactions: waiting };
    expect(cobrowseRequestNotices(before, after, false)).toEqual([
      {
        sessionId: 'request:chat-1',
        title: 'Co-browse request waiting',
        body: 'Ada asked to co-browse while you are in another session. Open the sidebar to answer.',
      },
    ]);
    expect(cobrowseRequestNotices(after, after, false)).toEqual([]);
    expect(cobrowseRequestNotices(before, after, true)).toEqual([]);
  });
});
