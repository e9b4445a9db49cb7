// Near-token strings in logs: anything that reads as 9 digits (any separators, any digit script) is masked,
// not only what the join field would normalise; other numbers and the clock stay readable.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../common/logger';
import { maskTokensIn } from '../../common/mask';
import { seeded } from './test-support/probes';

// Zeros of the digit scripts used here: ASCII, full-width, Arabic-Indic, Devanagari, Persian, Bengali.
const ZEROS = [0x30, 0xff10, 0x660, 0x966, 0x6f0, 0x9e6];

/** What a reader recovers from the text: its digits in order, in ASCII, whatever their script. */
const digitsOf = (text: string) =>
  [...text]
    .map((c) => {
      const zero = ZEROS.find((z) => c.codePointAt(0)! - z >= 0 && c.codePointAt(0)! - z <= 9);
      return zero === undefined ? '' : String(c.codePointAt(0)! - zero);
    })
    .join('');

describe('hostile: masking near-token strings', () => {
  const attempts = [
    '987.654.321',
    '987 654 321',
    '987-654-321',
    '987_654_321',
    '987/654/321',
    '987,654,321',
    '987 - 654 - 321',
    '987\u00a0654\u2009321',
    '987\u2013654\u2014321',
    '987:654:321',
    '９８７６５４３２１',
    '٩٨٧٦٥٤٣٢١',
    '९८७६५४३२१',
    '98７.654.3２1',
    '9 8 7 6 5 4 3 2 1',
    'call 0123 987654321',
    'sid=987654321&x',
  ];
  it.each(attempts)('masks %s, keeping only its last 3 digits', (attempt) => {
    const masked = maskTokensIn(`token ${attempt} end`);
    expect(digitsOf(masked)).not.toContain('987654');
    expect(digitsOf(masked)).not.toContain('654');
    expect(masked).toMatch(/\*/);
  });

  it('through the logger, in fields too', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l) });
    log.info('join requested', { token: '987.654.321', again: '９８７６５４３２１' });
    expect(digitsOf(lines.join('').replace(/^\S+/, ''))).not.toContain('654');
  });

  it('leaves other numbers and the time stamp alone', () => {
    for (const text of [
      'id 1234567890 stays',
      '2026-12-01T08:50:14.123Z',
      'http://127.0.0.1:17321/v1/state',
      'http://192.168.1.10:8700/cobrowse cannot be reached',
      'owner 192.168.100.200, peer 10.0.0.1',
      'port 45123, 12 items, 3.5 s',
    ])
      expect(maskTokensIn(text)).toBe(text);
  });

  it('fuzz (seed 13): 5,000 tokens in random separators and scripts never survive', () => {
    const r = seeded(13);
    const separators = ['', ' ', '.', '-', '_', '/', ',', ':', '\u00a0', '\u2009', '\u2013', ' - ', '. '];
    for (let i = 0; i < 5000; i++) {
      const token = String(100_000_000 + r.int(900_000_000));
      const text = [...token]
        .map(
          (d, k) =>
            String.fromCodePoint(r.pick(ZEROS) + Number(d)) +
            (k < 8 && r.int(3) === 0 ? r.pick(separators) : ''),
        )
        .join('');
      const masked = maskTokensIn(
        `${r.pick(['', 'x ', '{start:', 'sid='])}${text}${r.pick(['', ' y', '}', '&'])}`,
      );
      expect({ text, leaked: digitsOf(masked).includes(token.slice(0, 6)) }).toEqual({ text, leaked: false });
    }
  });
});
