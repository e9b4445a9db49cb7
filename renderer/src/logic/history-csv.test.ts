import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../common/contract';
import { historyCsv } from './history-csv';

const entry: HistoryEntry = {
  id: 'x',
  sessionId: '******789',
  customerName: 'Smith, "Ann"',
  interactionId: 'chat-1',
  media: 'chat',
  startedAt: Date.UTC(2026, 11, 1, 10, 41),
  activeSeconds: 360,
  endedAt: Date.UTC(2026, 11, 1, 10, 47),
  ending: '=HYPERLINK("x")',
  attachedData: 'written',
};

describe('historyCsv', () => {
  it('writes a header and one quoted, formula-safe row per session', () => {
    expect(
      historyCsv([entry, { ...entry, customerName: null, media: null, interactionId: null }]).split('\r\n'),
    ).toEqual([
      'customer,media,interaction,session,started,ended,active_seconds,how_it_ended,attached_data',
      '"Smith, ""Ann""",chat,chat-1,******789,2026-12-01T10:41:00.000Z,2026-12-01T10:47:00.000Z,360,"\'=HYPERLINK(""x"")",written',
      ',,,******789,2026-12-01T10:41:00.000Z,2026-12-01T10:47:00.000Z,360,"\'=HYPERLINK(""x"")",written',
      '',
    ]);
  });
});
