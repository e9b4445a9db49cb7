// The settings, each defined once (in `fields` below): one shape for the user's file, the admin-wide managed
// file, command-line flags, the sidebar's settings form and the controller's options, all derived from it.
// Defaults mean demo mode: no service URL → the embedded simulator. To add a setting, add one line there.
import { z } from 'zod';
import { LOCALES } from './locale';

export const StickinessMode = z.enum(['cookie', 'url']);
export type StickinessMode = z.infer<typeof StickinessMode>;
export const TransportKind = z.enum(['long-polling', 'websocket']);
export type TransportKind = z.infer<typeof TransportKind>;
export const SourceKind = z.enum(['local-api', 'workspace']);
export type SourceKind = z.infer<typeof SourceKind>;
export const UpdateChannel = z.enum(['latest', 'beta']);

export { LOCALES, type Locale } from './locale';
/** 'system' follows the OS locale on the desktop and the browser's language in the web edition. */
export const Language = z.enum(['system', ...LOCALES]);
export type Language = z.infer<typeof Language>;

/** How big the agent page shows, in percent (our choice of steps). A file may say 75 or "75". */
export const AgentPageZoom = z.enum(['50', '75', '100', '125']);
export type AgentPageZoom = z.infer<typeof AgentPageZoom>;
const agentPageZoom = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), AgentPageZoom);

const httpUrl = z.url({ protocol: /^https?$/ });
const httpUrlOrEmpty = z.union([httpUrl, z.literal('')]);
// Text as the settings form sends it: only bounded, so the store's own check names the field if it is
// wrong (`"serviceUrl": Invalid URL`).
const formText = (max: number) => z.string().max(max);

/**
 * What a change touches: `connection` rebuilds the controller, `source` restarts the interaction source (both
 * refused while a co-browse session is live); `app` applies at once.
 */
export type Applies = 'connection' | 'source' | 'app';

interface Field {
  /** The stored value, with its default; checked field by field wherever settings come from. */
  schema: z.ZodType;
  applies: Applies;
  /** How the sidebar's form sends it; null: not in the sidebar (files and flags only). */
  form: z.ZodType | null;
}

const field = <S extends z.ZodType, A extends Applies, F extends z.ZodType | null>(
  schema: S,
  applies: A,
  form: F,
): Field & { schema: S; applies: A; form: F } => ({ schema, applies, form });

const fields = {
  /** Co-browse service base, e.g. `https://cobrowse.example.com` (without `/cobrowse`). Empty → demo mode. */
  serviceUrl: field(httpUrlOrEmpty.default(''), 'connection', formText(2000)),
  /** The Origin sent with REST get-session (CORS allow-list on the server); empty → the service's own. */
  origin: field(httpUrlOrEmpty.default(''), 'connection', formText(2000)),
  stickiness: field(StickinessMode.default('cookie'), 'connection', StickinessMode),
  transport: field(TransportKind.default('long-polling'), 'connection', TransportKind),
  agentName: field(z.string().trim().max(100).default('Agent'), 'connection', formText(100)),
  debug: field(z.boolean().default(false), 'app', z.boolean()),
  alwaysOnTop: field(z.boolean().default(false), 'app', z.boolean()),
  /** Extra CA bundle (PEM) for enterprise deployments with a private CA; added to the system's CAs. */
  extraCaFile: field(z.string().default(''), 'connection', null),
  /** Where chats and calls come from: the local integration API or the Genesys Workspace API. */
  source: field(SourceKind.default('local-api'), 'source', SourceKind),
  localApiPort: field(z.number().int().min(0).max(65535).default(17321), 'source', null),
  workspaceUrl: field(httpUrlOrEmpty.default(''), 'source', formText(2000)),
  workspaceClientId: field(z.string().default(''), 'source', formText(200)),
  /** The API gateway key (`x-api-key`) of the Workspace deployment: a secret, never logged, redacted in diagnostics. */
  workspaceApiKey: field(z.string().trim().max(500).default(''), 'source', null),
  /** The sign-in redirect `http://127.0.0.1:<port>/callback` registered for the client; 0 → any free port. */
  workspaceRedirectPort: field(z.number().int().min(0).max(65535).default(0), 'source', null),
  /** The agent's DN for activate-channels; empty → the place (below or the agent's default place). */
  workspaceDn: field(z.string().trim().max(200).default(''), 'source', null),
  /** The agent's place for activate-channels; empty → the agent's `defaultPlace` from initialization. */
  workspacePlace: field(z.string().trim().max(200).default(''), 'source', null),
  /** Live co-browse sessions per agent: Genesys's default since 8.5.003 is one; raise only where it was. */
  maxConcurrentSessions: field(z.number().int().min(1).max(10).default(1), 'app', null),
  /** A system notification when a chat asks to co-browse while the sidebar is hidden (desktop). */
  notifyOnRequest: field(z.boolean().default(true), 'app', z.boolean()),
  /** A short chime in the sidebar when a co-browse request waits for the agent. */
  requestSound: field(z.boolean().default(false), 'app', z.boolean()),
  /**
   * The agent page's zoom, applied by the host only (desktop: the view's zoom factor; web: the frame scaled):
   * Genesys's page shows the customer's window at its own size, with scrollbars when it is bigger.
   */
  agentPageZoom: field(agentPageZoom.default('100'), 'app', AgentPageZoom),
  /** The sidebar's language; 'system' follows the OS (or the browser in the web edition). */
  language: field(Language.default('system'), 'app', Language),
  // Updates under the administrator's control (policy, managed file or flags; not in the sidebar). Read at
  // start: the updater is set up once.
  /** Automatic updates (desktop); false: the app never checks, IT deploys each version itself. */
  autoUpdate: field(z.boolean().default(true), 'app', null),
  /** The update feed (an electron-builder `generic` server, e.g. an internal one); empty: the one built in. */
  updateUrl: field(httpUrlOrEmpty.default(''), 'app', null),
  /** The feed's channel: `latest` (stable) or `beta` (electron-updater reads `<channel>.yml`). */
  updateChannel: field(UpdateChannel.default('latest'), 'app', null),
};
type Fields = typeof fields;
type Key = keyof Fields;
type SidebarKey = { [K in Key]: Fields[K]['form'] extends null ? never : K }[Key];
type ConnectionKey = { [K in Key]: Fields[K]['applies'] extends 'connection' ? K : never }[Key];

/** The schemas `pick` returns for the fields it keeps; `Shape` states what it builds. */
function shapeOf<Shape extends z.ZodRawShape>(pick: (f: Field) => z.ZodType | null): Shape {
  const entries = Object.entries(fields).flatMap(([key, f]) => {
    const schema = pick(f);
    return schema ? [[key, schema] as const] : [];
  });
  // The one cast: TypeScript cannot follow a key-by-key mapping through Object.entries.
  return Object.fromEntries(entries) as unknown as Shape;
}

export const Settings = z.object(shapeOf<{ [K in Key]: Fields[K]['schema'] }>((f) => f.schema));
export type Settings = z.infer<typeof Settings>;
export type SettingsKey = keyof Settings;
export const settingsKeys: readonly SettingsKey[] = Settings.keyof().options;

export const settingApplies = (key: SettingsKey): Applies => fields[key].applies;

/** The settings the sidebar shows, as stored (`SettingsView` in the contract adds the locks). */
export const SidebarSettings = z.object(
  shapeOf<{ [K in SidebarKey]: Fields[K]['schema'] }>((f) => f.form && f.schema),
);
/** What the sidebar's form sends for each sidebar setting (`SettingsPatch` in the contract: any of them). */
export const SettingsForm = z.object(
  shapeOf<{ [K in SidebarKey]: NonNullable<Fields[K]['form']> }>((f) => f.form),
);

/** What the controller is built from (`ControllerOptions` extends it). */
export const ConnectionSettings = z.object(
  shapeOf<{ [K in ConnectionKey]: Fields[K]['schema'] }>((f) =>
    f.applies === 'connection' ? f.schema : null,
  ),
);
export type ConnectionSettings = z.infer<typeof ConnectionSettings>;

export const defaultSettings: Settings = Settings.parse({});

export const isDemoMode = (s: Settings): boolean => s.serviceUrl === '';
