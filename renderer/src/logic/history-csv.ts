// Today's history as CSV (RFC 4180: CRLF, fields quoted when they hold a comma, quote or line break), for a
// spreadsheet. Our choice: ISO 8601 local-independent times, duration in whole seconds; how it ended in the
// agent's words and, beside them, its code (the same in every language, for reports).
import type { HistoryEntry } from '../../../common/contract';

const HEADER = [
  'customer',
  'media',
  'interaction',
  'session',
  'started',
  'ended',
  'active_seconds',
  'how_it_ended',
  'ending_code',
  'attached_data',
];

const field = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  // A leading = + - @ would run as a formula in a spreadsheet: quoted with a leading apostrophe.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function historyCsv(
  entries: readonly HistoryEntry[],
  ending: (entry: HistoryEntry) => { words: string; code: string | null },
): string {
  const rows = entries.map((e) => [
    e.customerName,
    e.media,
    e.interactionId,
    e.sessionId,
    new Date(e.startedAt).toISOString(),
    new Date(e.endedAt).toISOString(),
    e.activeSeconds,
    ending(e).words,
    ending(e).code,
    e.attachedData,
  ]);
  return [HEADER, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
