import { describe, expect, it } from 'vitest';
import { digitCount, normaliseSessionId } from './session-id';

describe('normaliseSessionId', () => {
  it.each([
    ['123456789', '123456789'],
    [' 123 456 789 ', '123456789'],
    ['123-456-789', '123456789'],
    ['Session ID: 414-898-940', '414898940'],
    ['ID 414 898 940', '414898940'],
    ['my session is 414.898.940.', '414898940'],
    ['414\u00a0898\u2009940', '414898940'],
    ['رقم الجلسة ٤١٤ ٨٩٨ ٩٤٠', '414898940'],
    ['１２３４５６７８９', '123456789'],
    ['{start:987654321}', '987654321'],
    ['cobrowse-agent://join?sid=555000111', '555000111'],
  ])('reads %j as %s', (raw, id) => {
    expect(normaliseSessionId(raw)).toBe(id);
  });

  it.each([
    ['eight digits', 'Session ID: 414-898-94'],
    ['ten digits', 'ID 414 898 9401'],
    ['two numbers adding up to nine digits', 'ID 414898 at 940'],
    ['another link', 'cobrowse-agent://leave?sid=123456789'],
    ['a web address', 'https://example.com/123456789'],
    ['a chat trigger with text around it', 'x {start:123456789}'],
    ['a broken chat trigger', '{start:12}'],
  ])('refuses %s', (_, raw) => {
    expect(normaliseSessionId(raw)).toBeNull();
  });

  it('counts digits of any script', () => {
    expect(digitCount('ID ٤١٤-898')).toBe(6);
  });
});
