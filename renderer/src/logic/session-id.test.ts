import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../../common/contract';
import { createIntl } from 'react-intl';
import { phrase } from '../i18n/codes';
import { readSessionField } from './session-id';

const intl = createIntl({ locale: 'en', messages: {}, onError: () => undefined });
const hintOf = (raw: string) => phrase(intl, readSessionField(raw).hint);

describe('readSessionField', () => {
  it.each([
    ['123456789', '123456789'],
    [' 123 456 789 ', '123456789'],
    ['123-456-789', '123456789'],
    ['{start:987654321}', '987654321'],
    ['cobrowse-agent://join?sid=555000111', '555000111'],
    ['Session ID: 414-898-940', '414898940'],
    ['ID 414 898 940', '414898940'],
  ])('normalises %j to the 9 digits it sends', (raw, digits) => {
    const r = readSessionField(raw);
    expect(r).toMatchObject({ token: digits, sessionId: digits });
    expect(hintOf(raw)).toBe(`Will join session ${groupDigits(digits)}.`);
  });

  it('sends the raw text when nothing normalises, so main answers with its specific refusal', () => {
    expect(readSessionField('12345')).toMatchObject({ token: '12345', sessionId: null });
    expect(hintOf('12345')).toBe('A session ID has 9 digits; this has 5.');
    expect(hintOf('Session ID: 414-898-94')).toBe('A session ID has 9 digits; this has 8.');
    expect(readSessionField('{start:12}').token).toBe('{start:12}');
    expect(hintOf('{start:12}')).toBe('This is not a session ID; Join will say why.');
    expect(readSessionField('cobrowse-agent://leave?sid=123456789').sessionId).toBeNull();
  });

  it('cuts an over-long paste to the contract bound instead of failing validation', () => {
    expect(readSessionField('x'.repeat(500)).token).toHaveLength(200);
  });

  it('explains what the empty field takes', () => {
    expect(hintOf('  ')).toBe('9 digits from the customer, a {start:…} message or a join link.');
  });
});

describe('groupDigits', () => {
  it('groups by three for reading back to a customer', () => {
    expect(groupDigits('123456789')).toBe('123 456 789');
  });
});
