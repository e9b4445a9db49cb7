import { describe, expect, it } from 'vitest';
import { flagFor, settingsFromArgv } from './flags';

describe('settings command-line flags', () => {
  it('derives each flag from its setting name', () => {
    expect(flagFor('serviceUrl')).toBe('--service-url');
    expect(flagFor('localApiPort')).toBe('--local-api-port');
  });

  it('reads both forms, coerces numbers and booleans, and ignores flags that are not settings', () => {
    const r = settingsFromArgv([
      '/opt/app/cobrowse',
      '--no-sandbox',
      '--stickiness',
      'url',
      '--local-api-port=0',
      '--always-on-top=false',
      '--debug',
      'cobrowse-agent://join?sid=123456789',
    ]);
    expect(r).toEqual({
      values: { stickiness: 'url', localApiPort: 0, alwaysOnTop: false, debug: true },
      problems: [],
    });
  });

  it('refuses values of the wrong kind with the flag named', () => {
    expect(settingsFromArgv(['--local-api-port=abc', '--debug=maybe']).problems).toEqual([
      'command line: --local-api-port: Invalid input: expected number, received NaN',
      'command line: --debug: Invalid input: expected boolean, received string',
    ]);
  });
});
