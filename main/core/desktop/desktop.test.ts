import { describe, expect, it } from 'vitest';
import { dotBitmap, trayMenu, trayModel } from './tray-model';
import { cobrowseRequestNotices } from './notify';
import { appMenuModel, type AppMenuItem } from './app-menu';
import { agentViewWindowTitle } from './window-titles';
import { intlForState, mainIntl } from '../i18n/intl';
import type { CobrowseSessionView } from '../../../common/contract';
import { interactionView, sessionView } from '../../../common/test-support/views';

const en = mainIntl('en');
const de = mainIntl('de');
const ar = mainIntl('ar');

const session = (
  id: string,
  interactionId: string | null,
  phase: CobrowseSessionView['phase'] = 'connecting',
) => sessionView({ id, interactionId, phase });
const interaction = (id: string, media: 'chat' | 'voice', customerName: string) =>
  interactionView({ id, media, customerName });

describe('tray model', () => {
  it('says the connection state in words and colour, with active sessions', () => {
    const m = trayModel(
      {
        mode: 'live',
        connection: { state: 'connected', detail: { code: 'node-silent', params: { node: 'node1' } } },
        sessions: [session('a', null, 'active'), session('b', null, 'ended')],
      },
      'Cobrowse Agent Shell',
      en,
    );
    expect(m.tooltip).toBe(
      'Cobrowse Agent Shell: connected\nnode1 does not answer\n1 co-browse session active',
    );
    expect(m.color).toEqual([0x2e, 0xa0, 0x43]);
    const lost = trayModel(
      { mode: 'demo', connection: { state: 'lost', detail: null }, sessions: [] },
      'X',
      en,
    );
    expect(lost).toEqual({ tooltip: 'X (demo): connection lost', color: [0xcf, 0x22, 0x2e] });
  });

  it('speaks German and Arabic, plurals by the language (Arabic has six forms)', () => {
    const live = (n: number) => ({
      mode: 'demo' as const,
      connection: { state: 'reconnecting' as const, detail: null },
      sessions: Array.from({ length: n }, (_, i) => session(`s${i}`, null, 'active')),
    });
    expect(trayModel(live(2), 'Cobrowse Agent Shell', de).tooltip).toBe(
      'Cobrowse Agent Shell (Demo): Verbindung wird wiederhergestellt…\n2 Co-Browse-Sitzungen aktiv',
    );
    expect(trayModel(live(1), 'Cobrowse Agent Shell', ar).tooltip).toBe(
      'Cobrowse Agent Shell (تجريبي): جارٍ إعادة الاتصال…\nجلسة تصفح مشترك واحدة نشطة',
    );
    expect(trayModel(live(2), 'X', ar).tooltip).toMatch(/جلستا تصفح مشترك نشطتان$/);
    expect(trayModel(live(3), 'X', ar).tooltip).toMatch(/(3|٣) جلسات تصفح مشترك نشطة$/);
    expect(trayMenu('Cobrowse Agent Shell', de)).toEqual([
      { action: 'open', label: 'Cobrowse Agent Shell öffnen' },
      { action: 'copyDiagnostics', label: 'Diagnosedaten kopieren' },
      { separator: true },
      { action: 'quit', label: 'Beenden' },
    ]);
    expect(trayMenu('X', ar).flatMap((i) => ('label' in i ? [i.label] : []))).toEqual([
      'فتح X',
      'نسخ بيانات التشخيص',
      'إنهاء',
    ]);
  });

  it('follows the Language setting, else the OS locale, else English (a locale we have no catalog for)', () => {
    const state = (language: 'system' | 'de', systemLocale: string | null) =>
      ({ settings: { language }, systemLocale }) as Parameters<typeof intlForState>[0];
    expect(intlForState(state('de', 'ar-SA')).locale).toBe('de');
    expect(intlForState(state('system', 'ar-SA')).locale).toBe('ar');
    const unknown = intlForState(state('system', 'ja-JP'));
    expect(unknown.locale).toBe('en');
    expect(trayMenu('X', unknown).map((i) => ('label' in i ? i.label : '-'))).toEqual([
      'Open X',
      'Copy diagnostics',
      '-',
      'Quit',
    ]);
    expect(agentViewWindowTitle(unknown)).toBe('Co-browse — customer view');
    expect(agentViewWindowTitle(de)).toBe('Co-Browsing — Ansicht des Kunden');
  });

  it('draws a dot: opaque centre in BGRA order, transparent corners', () => {
    const px = dotBitmap(16, [10, 20, 30]);
    expect(px.length).toBe(16 * 16 * 4);
    const at = (x: number, y: number) => [...px.subarray((y * 16 + x) * 4, (y * 16 + x) * 4 + 4)];
    expect(at(8, 8)).toEqual([30, 20, 10, 255]);
    expect(at(0, 0)[3]).toBe(0);
  });
});

describe('app menu', () => {
  const labels = (items: AppMenuItem[]): string[] =>
    items.flatMap((i) => [...(i.label ? [i.label] : []), ...labels(i.submenu ?? [])]);
  const roles = (items: AppMenuItem[]): string[] =>
    items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);

  it("lists Electron's role items each with a label in the agent's language; View only in development", () => {
    const win = appMenuModel(de, { platform: 'win32', packaged: true, productName: 'X' });
    expect(labels(win)).toEqual([
      ...['Bearbeiten', 'Rückgängig', 'Wiederholen', 'Ausschneiden', 'Kopieren', 'Einfügen', 'Löschen'],
      ...['Alles auswählen', 'Fenster', 'Minimieren', 'Zoomen', 'Fenster schließen'],
    ]);
    expect(roles(win)).not.toContain('viewMenu');
    expect(roles(appMenuModel(de, { platform: 'win32', packaged: false, productName: 'X' }))).toContain(
      'viewMenu',
    );
    const mac = appMenuModel(ar, { platform: 'darwin', packaged: true, productName: 'X' });
    expect(labels(mac.slice(0, 1))).toEqual([
      ...['X', 'حول X', 'الخدمات', 'إخفاء X', 'إخفاء الآخرين', 'إظهار الكل', 'إنهاء X'],
    ]);
    // Every item but separators and Electron's own View menu has words of ours.
    const unlabelled = (items: AppMenuItem[]): AppMenuItem[] =>
      items.flatMap((i) => [
        ...(!i.label && i.type !== 'separator' && i.role !== 'viewMenu' ? [i] : []),
        ...unlabelled(i.submenu ?? []),
      ]);
    expect(unlabelled(mac)).toEqual([]);
  });
});

describe('co-browse request notifications', () => {
  const chats = [interaction('chat-1', 'chat', 'Ada'), interaction('call-1', 'voice', 'Bob')];
  const before = { sessions: [session('s0', 'chat-1', 'ended')], interactions: chats };

  it('notifies a new chat co-browse request while the window is hidden', () => {
    const after = { sessions: [...before.sessions, session('s1', 'chat-1')], interactions: chats };
    expect(cobrowseRequestNotices(before, after, false, en)).toEqual([
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
    expect(cobrowseRequestNotices(before, after, true, en)).toEqual([]);
    expect(cobrowseRequestNotices(before, after, false, en).map((n) => n.sessionId)).toEqual(['s1']);
    expect(cobrowseRequestNotices(after, after, false, en)).toEqual([]);
  });

  it('notifies a request that now waits on a chat (another session is live), once', () => {
    const waiting = chats.map((i) =>
      i.id === 'chat-1' ? { ...i, cobrowseRequest: { token: '123456789', at: 5 } } : i,
    );
    const after = { sessions: before.sessions, interactions: waiting };
    expect(cobrowseRequestNotices(before, after, false, en)).toEqual([
      {
        sessionId: 'request:chat-1',
        title: 'Co-browse request waiting',
        body: 'Ada asked to co-browse while you are in another session. Open the sidebar to answer.',
      },
    ]);
    expect(cobrowseRequestNotices(after, after, false, en)).toEqual([]);
    expect(cobrowseRequestNotices(before, after, true, en)).toEqual([]);
  });

  it("in the agent's language, the customer's name as given", () => {
    const after = { sessions: [...before.sessions, session('s1', 'chat-1')], interactions: chats };
    expect(cobrowseRequestNotices(before, after, false, de)).toEqual([
      {
        sessionId: 's1',
        title: 'Co-Browsing angefragt',
        body: 'Ada möchte im Chat Co-Browsing. Öffnen Sie die Seitenleiste, um dabei zu sein.',
      },
    ]);
    expect(cobrowseRequestNotices(before, after, false, ar)).toEqual([
      {
        sessionId: 's1',
        title: 'طلب تصفح مشترك',
        body: 'طلب Ada التصفح المشترك في المحادثة. افتح الشريط الجانبي للمتابعة.',
      },
    ]);
  });
});
