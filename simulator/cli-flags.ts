// The simulator CLI's flags, validated: `--port`, `--nodes`, `--inactivity-timeout` (seconds),
// `--allowed-origins` (comma-separated). Throws one clear message naming the bad flag.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { SimulatorOptions } from './index';

const Flags = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(0),
  nodes: z.coerce.number().int().min(1).max(16).default(2),
  'inactivity-timeout': z.coerce.number().positive().max(86_400).optional(),
  'allowed-origins': z
    .string()
    .transform((s) => s.split(',').map((o) => o.trim()))
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'an origin like http://host:port')).min(1))
    .optional(),
});

export function parseFlags(argv: string[]): SimulatorOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      nodes: { type: 'string' },
      'inactivity-timeout': { type: 'string' },
      'allowed-origins': { type: 'string' },
    },
  });
  const flags = Flags.safeParse(values);
  if (!flags.success) {
    const issue = flags.error.issues[0];
    throw new Error(`--${String(issue?.path[0] ?? '?')}: ${issue?.message ?? 'invalid'}`);
  }
  const f = flags.data;
  return {
    port: f.port,
    nodes: f.nodes,
    ...(f['inactivity-timeout'] ? { inactivityTimeoutMs: f['inactivity-timeout'] * 1000 } : {}),
    ...(f['allowed-origins'] ? { allowedOrigins: f['allowed-origins'] } : {}),
  };
}
