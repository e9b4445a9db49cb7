// How the updater runs, from the administrator's settings (policy, managed file or flags): off when
// `autoUpdate` is false (IT deploys each version) or in unpackaged runs; the feed URL and channel given at
// run time win over the ones built into the app (electron-builder.yml's `publish`).
import type { Settings } from '../../../common/settings-schema';

export type UpdatePlan =
  | { enabled: false; why: 'not-packaged' | 'turned-off' | 'environment' }
  | {
      enabled: true;
      /** A feed to use instead of the built-in one; null: the built-in feed. */
      feed: { provider: 'generic'; url: string; channel: string } | null;
      channel: string;
    };

export function planUpdates(
  settings: Pick<Settings, 'autoUpdate' | 'updateUrl' | 'updateChannel'>,
  packaged: boolean,
  env: NodeJS.ProcessEnv = process.env,
): UpdatePlan {
  if (!packaged) return { enabled: false, why: 'not-packaged' };
  if (!settings.autoUpdate) return { enabled: false, why: 'turned-off' };
  // Kept for existing deployment scripts; the `autoUpdate` policy is the documented switch.
  if (env.COBROWSE_UPDATES === 'off') return { enabled: false, why: 'environment' };
  const channel = settings.updateChannel;
  return {
    enabled: true,
    feed: settings.updateUrl ? { provider: 'generic', url: settings.updateUrl, channel } : null,
    channel,
  };
}
