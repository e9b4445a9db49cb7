import { describe, expect, it } from 'vitest';
import { maskPhoneNumber, maskToken, maskTokensIn } from './mask';

describe('token masking', () => {
  it('keeps at most the last 3 characters', () => {
    expect(maskToken('123456789')).toBe('******789');
    expect(maskToken('a-very-long-user-token')).toBe('******ken');
    expect(maskToken('ab')).toBe('**');
    expect(maskToken(undefined)).toBe('∅');
  });
  it('masks tokens inside text without touching other numbers', () => {
    expect(maskTokensIn('join {start:123456789} at slave.html#sid=987654321 port 45123')).toBe(
      'join {start:******789} at slave.html#sid=******321 port 45123',
    );
    expect(maskTokensIn('id 1234567890 stays')).toBe('id 1234567890 stays');
  });
});

describe('maskPhoneNumber', () => {
  it('hides every digit but the last 4 and keeps the shape', () => {
    expect(maskPhoneNumber('+15550123')).toBe('+****0123');
    expect(maskPhoneNumber('+33 2 98 02 50 03')).toBe('+** * ** ** 50 03');
    expect(maskPhoneNumber('5001')).toBe('5001');
  });
});
