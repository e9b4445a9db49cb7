// Main's codes in words: the contract's parameters as arguments (IDs grouped, a nullable one's `has…`, times in
// the agent's clock, an end reason or error worded in turn), in the catalogs as the sidebar loads them.
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../common/contract';
import { loadCatalog } from './catalogs';
import { endingWords, errorAction, errorMessage, say, timelineWords, updateMessages } from './codes';

const intlFor = async (locale: 'en' | 'de' | 'ar') =>
  createIntl({
    locale,
    timeZone: 'UTC',
    messages: await loadCatalog(locale),
    onError: (e) => {
      throw e;
    },
  });

const busy = (customer: string | null, media: 'chat' | 'voice' | null, since: number | null) =>
  ({ code: 'session-live', params: { token: '123456789', customer, media, since } }) as const;

describe('errors', () => {
  it('names the live session, its customer, medium and start, each only when known', async () => {
    const en = await intlFor('en');
    const at = Date.UTC(2026, 11, 1, 9, 5);
    expect(errorMessage(en, busy('Ann', 'voice', at))).toBe(
      'You are already in co-browse session 123 456 789 with Ann (call) since 09:05 AM: one co-browse session at a time.',
    );
    expect(errorMessage(en, busy(null, null, null))).toBe(
      'You are already in co-browse session 123 456 789: one co-browse session at a time.',
    );
    const de = await intlFor('de');
    expect(errorMessage(de, busy('Ann', 'chat', at))).toBe(
      'Sie sind bereits in der Co-Browse-Sitzung 123 456 789 mit Ann (Chat) seit 09:05: Es ist nur eine Co-Browse-Sitzung gleichzeitig möglich.',
    );
    expect(errorAction(de, busy(null, null, null))).toBe(
      'Beenden Sie sie und treten Sie bei, oder schließen Sie sie zuerst ab.',
    );
  });

  it('shows the ID as typed back, grouped when it is digits, and has no action where none helps', async () => {
    const ar = await intlFor('ar');
    expect(errorMessage(ar, { code: 'invalid-token', params: { id: '12345678' } })).toContain('“12345678”');
    expect(errorMessage(ar, { code: 'origin-not-allowed', params: { origin: null } })).not.toMatch(/\(\s*\)/);
    expect(errorAction(ar, { code: 'closed' })).toBeNull();
  });

  it('a refused join link says why, naming the parameter that is not ours', async () => {
    const de = await intlFor('de');
    const link = {
      code: 'deep-link-refused',
      params: { reason: 'unexpected-parameter', name: 'debug' },
    } as const;
    expect(errorMessage(de, link)).toBe(
      'Der Beitrittslink wurde abgelehnt: Der Link hat einen unerwarteten Parameter „debug“: Nur „sid“ ist erlaubt.',
    );
  });
});

describe('numbers in right-to-left languages', () => {
  const LRI = '\u2066';
  const FSI = '\u2068';
  const PDI = '\u2069';

  it('isolates IDs, hosts and masked IDs as left-to-right runs in Arabic, times in their own direction', async () => {
    const ar = await intlFor('ar');
    const at = Date.UTC(2026, 11, 1, 14, 5);
    expect(errorMessage(ar, busy('Ann', 'chat', at))).toContain(`${LRI}123 456 789${PDI}`);
    expect(errorMessage(ar, busy('Ann', 'chat', at))).toMatch(
      new RegExp(`${FSI}[^${PDI}]*05[^${PDI}]*${PDI}`),
    );
    const failed = { session: '******789', error: { code: 'unreachable' } } as const;
    expect(timelineWords(ar, { code: 'cobrowse-failed', params: failed })).toContain(`${LRI}******789${PDI}`);
    const saveDenied = { code: 'save-denied', params: { folder: 'C:\\Users\\ann' } } as const;
    expect(errorMessage(ar, saveDenied)).toContain(`${LRI}C:\\Users\\ann${PDI}`);
  });

  it('leaves left-to-right languages without isolates', async () => {
    const en = await intlFor('en');
    expect(errorMessage(en, busy(null, null, null))).not.toMatch(/[\u2066-\u2069]/);
  });
});

describe('a renderer brought back', () => {
  it('says which view stopped, why in words, and whether it was reloaded', async () => {
    const en = await intlFor('en');
    const crashed = {
      code: 'view-recovered',
      params: { view: 'agent-page', reason: 'oom', outcome: 'reloaded' },
    } as const;
    expect(errorMessage(en, crashed)).toBe(
      'The agent page stopped working (out of memory): it was reloaded.',
    );
    const de = await intlFor('de');
    expect(
      errorMessage(de, {
        code: 'view-recovered',
        params: { view: 'sidebar', reason: 'crashed', outcome: 'left' },
      }),
    ).toBe(
      'Die Seitenleiste funktionierte nicht mehr (sie ist abgestürzt), immer wieder: Sie wurde nicht neu geladen.',
    );
  });
});

describe('timeline and history', () => {
  it('words the end reason and the error inside a timeline line', async () => {
    const de = await intlFor('de');
    expect(timelineWords(de, { code: 'cobrowse-ended', params: { reason: 'agent-stop' } })).toBe(
      'Co-Browsing beendet: Der Agent hat das Co-Browsing beendet.',
    );
    const failed = { session: '******789', error: { code: 'unreachable' } } as const;
    expect(timelineWords(de, { code: 'cobrowse-failed', params: failed })).toBe(
      'Co-Browsing fehlgeschlagen (Sitzung ******789): Der Co-Browse-Server ist nicht erreichbar.',
    );
  });

  it('names the session masked in the error too, as the line around it does', async () => {
    const en = await intlFor('en');
    const failed = {
      session: '******789',
      error: { code: 'session-not-found', params: { id: '123456789' } },
    } as const;
    const line = timelineWords(en, { code: 'cobrowse-failed', params: failed });
    expect(line).toBe(
      'Co-browse failed (session ******789): No live co-browse session has the ID ******789: it has ended, or the ID was mistyped.',
    );
  });

  it('an entry from before codes crossed keeps its English, without a code', async () => {
    const de = await intlFor('de');
    const entry = { sessionId: '******789', ending: 'The agent left co-browse.' } as HistoryEntry;
    expect(endingWords(de, entry)).toEqual({ words: 'The agent left co-browse.', code: null });
    expect(endingWords(de, { ...entry, ending: { error: 'session-not-found' } })).toEqual({
      words:
        'Es gibt keine laufende Co-Browse-Sitzung mit der ID ******789: Sie ist beendet oder die ID wurde falsch eingegeben.',
      code: 'session-not-found',
    });
  });
});

describe('updates', () => {
  it("turned off by the administrator: said so, in the agent's language", async () => {
    const off = { code: 'managed-by-administrator' } as const;
    expect(say(await intlFor('en'), updateMessages, off)).toBe('Updates are managed by your administrator.');
    expect(say(await intlFor('de'), updateMessages, off)).toBe(
      'Updates werden von Ihrem Administrator verwaltet.',
    );
    expect(say(await intlFor('ar'), updateMessages, off)).toBe('يدير المسؤول لديك التحديثات.');
  });
});
