import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../../common/contract';
import { readSessionField } from './session-id';

describe('readSessionField', () => {
  it.each([
    ['123456789', '123456789'],
    [' 123 456 789 ', '123456789'],
    ['123-456-789', '123456789'],
    ['{start:987654321}', '987654321'],
    ['cobrowse-agent://join?sid=555000111', '555000111'],
  ])('normalises %j to the 9 digits it sends', (raw, digits) => {
    const r = readSessionField(raw);
    expect(r).toMatchObject({ token: digits, sessionId: digits });
    expect(r.hint).toBe(`Will join session ${groupDigits(digits)}.`);
  });

  it('sends the raw text when nothing normalises, so main answers with its specific refusal', () => {
    expect(readSessionField('12345')).toEqual({
      token: '12345',
      sessionId: null,
      hint: 'A session ID has 9 digits; this has 5.',
    });
    expect(readSessionField('{start:12}')).toMatchObject({
      token: '{start:12}',
      hint: 'This is not a session ID; Join will say why.',
    });
    expect(readSessionField('cobrowse-agent://leave?sid=123456789').sessionId).toBeNull();
  });

  it('cuts an over-long paste to the contract bound instead of failing validation', () => {
    expect(readSessionField('x'.repeat(500)).token).toHaveLength(200);
  });

  it('explains what the empty field takes', () => {
    expect(readSessionField('  ').hint).toContain('9 digits');
  });
});

describe('groupDigits', () => {
  it('groups by three for reading back to a customer', () => {
    expect(groupDigits('123456789')).toBe('123 456 789');
  });
});
