// The real core for a host test: against `serviceUrl` (a started simulator), its files in `dir`, the local
// API on a free port, quiet.
import { join } from 'node:path';
import { quietLogger } from '../../../common/logger';
import { createAppCore, type AppCore, type HostHooks } from '../../core/app-core';
import { startEmbeddedDemo } from '../../demo/embedded';

export const coreOnSimulator = (serviceUrl: string, dir: string, hooks: HostHooks = {}): Promise<AppCore> =>
  createAppCore({
    startDemo: startEmbeddedDemo,
    dataDir: dir,
    settings: {
      userSettingsPath: join(dir, 's.json'),
      managedSettingsPath: join(dir, 'm.json'),
      argv: ['--service-url', serviceUrl],
    },
    log: quietLogger(),
    localApiPort: 0,
    hooks,
  });
