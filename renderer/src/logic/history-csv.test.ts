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

/** An entry from before codes crossed: its English ending as written, no code. */
const asWritten = (e: HistoryEntry) => ({ words: String(e.ending), code: null });

describe('historyCsv', () => {
  it('writes a header and one quoted, formula-safe row per session', () => {
    expect(
      historyCsv(
        [entry, { ...entry, customerName: null, media: null, interactionId: null }],
        asWritten,
      ).split('\r\n'),
    ).toEqual([
      'customer,media,interaction,session,started,ended,active_seconds,how_it_ended,ending_code,attached_data',
      '"Smith, ""Ann""",chat,chat-1,******789,2026-12-01T10:41:00.000Z,2026-12-01T10:47:00.000Z,360,"\'=HYPERLINK(""x"")",,written',
      ',,,******789,2026-12-01T10:41:00.000Z,2026-12-01T10:47:00.000Z,360,"\'=HYPERLINK(""x"")",,written',
      '',
    ]);
  });

  it("puts the ending in the agent's words beside its code", () => {
    const coded = { ...entry, ending: { end: 'agent-left' as const } };
    const csv = historyCsv([coded], () => ({
      words: 'Der Agent hat Co-Browse verlassen.',
      code: 'agent-left',
    }));
    expect(csv.split('\r\n')[1]).toContain(',Der Agent hat Co-Browse verlassen.,agent-left,written');
  });
});
