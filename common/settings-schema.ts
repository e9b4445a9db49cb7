// The settings schema: one shape for the user's file, the admin-wide managed file, command-line flags and
// the sidebar's settings form. Defaults mean demo mode: no service URL → the embedded simulator.
import { z } from 'zod';

export const StickinessMode = z.enum(['cookie', 'url']);
export const TransportKind = z.enum(['long-polling', 'websocket']);
export const SourceKind = z.enum(['local-api', 'workspace']);

export const Settings = z.object({
  /** Co-browse service base, e.g. `https://cobrowse.example.com` (without `/cobrowse`). Empty → demo mode. */
  serviceUrl: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).default(''),
  /** The Origin sent with REST get-session (CORS allow-list on the server). */
  origin: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).default(''),
  stickiness: StickinessMode.default('cookie'),
  transport: TransportKind.default('long-polling'),
  agentName: z.string().trim().max(100).default('Agent'),
  debug: z.boolean().default(false),
  alwaysOnTop: z.boolean().default(false),
  /** Extra CA bundle (PEM) for enterprise deployments with a private CA; added to the system's CAs. */
  extraCaFile: z.string().default(''),
  source: SourceKind.default('local-api'),
  localApiPort: z.number().int().min(0).max(65535).default(17321),
  workspaceUrl: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).default(''),
  workspaceClientId: z.string().default(''),
  /** Live co-browse sessions per agent: Genesys's default since 8.5.003 is one; raise only where it was. */
  maxConcurrentSessions: z.number().int().min(1).max(10).default(1),
});
export type Settings = z.infer<typeof Settings>;
export type SettingsKey = keyof Settings;

export const defaultSettings: Settings = Settings.parse({});

export const isDemoMode = (s: Settings): boolean => s.serviceUrl === '';
