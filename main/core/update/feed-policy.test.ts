// The updater under the administrator's control: turned off by policy, or pointed at another feed and
// channel at run time.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../common/settings-schema';
import { planUpdates } from './feed-policy';

describe('update plan from the settings', () => {
  it('runs packaged builds against the built-in feed by default', () => {
    expect(planUpdates(defaultSettings, true, {})).toEqual({ enabled: true, feed: null, channel: 'latest' });
  });

  it('is off when the policy says so, in development, and with COBROWSE_UPDATES=off', () => {
    expect(planUpdates({ ...defaultSettings, autoUpdate: false }, true, {})).toEqual({
      enabled: false,
      why: 'turned-off',
    });
    expect(planUpdates(defaultSettings, false, {})).toMatchObject({ enabled: false, why: 'not-packaged' });
    expect(planUpdates(defaultSettings, true, { COBROWSE_UPDATES: 'off' })).toMatchObject({ enabled: false });
  });

  it('takes the feed URL and the channel given at run time', () => {
    const plan = planUpdates(
      { autoUpdate: true, updateUrl: 'https://updates.internal.example/agent-shell', updateChannel: 'beta' },
      true,
      {},
    );
    expect(plan).toEqual({
      enabled: true,
      feed: { provider: 'generic', url: 'https://updates.internal.example/agent-shell', channel: 'beta' },
      channel: 'beta',
    });
  });
});
