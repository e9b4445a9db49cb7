// Main's one-line rendering of a coded value (logs, diagnostics, tray): the code and its data, never a full
// session ID.
import { describe as group, expect, it } from 'vitest';
import { appError, describe } from './messages';

group('describe', () => {
  it('gives the code, then its parameters, session IDs masked and unknowns left out', () => {
    expect(describe({ code: 'unreachable' })).toBe('unreachable');
    expect(describe(appError('session-not-found', { id: '123456789' }))).toBe(
      'session-not-found (id="******789")',
    );
    const busy = appError('session-live', { token: '987654321', customer: 'Ann', media: null, since: null });
    expect(describe(busy)).toBe('session-live (token="******321", customer="Ann")');
    expect(describe({ code: 'apps-connected', params: { count: 2 } })).toBe('apps-connected (count=2)');
  });
});
