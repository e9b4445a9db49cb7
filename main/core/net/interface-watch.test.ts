// A real network change: a veth pair added to (and removed from) this machine, as a VPN adds its interface.
import { execFileSync } from 'node:child_process';
import { describe, it } from 'vitest';
import { squidSkipReason } from './test-support/squid';
import { watchInterfaces } from './interface-watch';
import { until } from '../test-support/until';

describe.skipIf(!!squidSkipReason)(
  `a network change${squidSkipReason ? ` (skipped: ${squidSkipReason})` : ''}`,
  () => {
    // Other processes on this machine may change interfaces too: each step waits for at least one report.
    it('an interface with an address coming and going is reported each time', async () => {
      const name = `cw${process.pid % 100000}`;
      let changes = 0;
      const stop = watchInterfaces(() => changes++, 50);
      try {
        execFileSync('ip', ['link', 'add', name, 'type', 'veth', 'peer', 'name', `${name}p`]);
        execFileSync('ip', ['addr', 'add', '10.254.254.1/30', 'dev', name]);
        // Both ends up: an interface without carrier lists no address.
        execFileSync('ip', ['link', 'set', name, 'up']);
        execFileSync('ip', ['link', 'set', `${name}p`, 'up']);
        await until(() => changes >= 1, 3000);
        const afterAdd = changes;
        execFileSync('ip', ['link', 'del', name]);
        await until(() => changes > afterAdd, 3000);
      } finally {
        stop();
        try {
          execFileSync('ip', ['link', 'del', name], { stdio: 'ignore' });
        } catch {
          /* already gone */
        }
      }
    });
  },
);
