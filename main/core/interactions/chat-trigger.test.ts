import { describe, expect, it } from 'vitest';
import { cobrowseTokenIn } from './chat-trigger';

describe('chat trigger', () => {
  it('takes the token from a customer message that is exactly {start:NNNNNNNNN}', () => {
    expect(cobrowseTokenIn('customer', '{start:012345678}')).toBe('012345678');
  });

  it.each([
    ['8 digits', '{start:01234567}'],
    ['10 digits', '{start:0123456789}'],
    ['text before', 'hi {start:012345678}'],
    ['text after', '{start:012345678} thanks'],
    ['a trailing newline', '{start:012345678}\n'],
    ['a space inside', '{start: 012345678}'],
    ['upper case', '{START:012345678}'],
    ['no braces', 'start:012345678'],
    ['bare token', '012345678'],
    ['non-ASCII digits', '{start:٠١٢٣٤٥٦٧٨}'],
  ])('ignores a near-miss: %s', (_name, text) => {
    expect(cobrowseTokenIn('customer', text)).toBeNull();
  });

  it('ignores agent and system messages, even when they match exactly', () => {
    expect(cobrowseTokenIn('agent', '{start:012345678}')).toBeNull();
    expect(cobrowseTokenIn('system', '{start:012345678}')).toBeNull();
  });
});
