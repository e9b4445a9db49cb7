// The single source of truth between the sidebar (renderer) and main: every request, reply and event, as
// runtime schemas with the types derived from them. Channel names derive from the keys, so adding a call is
// one edit here. Main validates every inbound message against these; the renderer trusts nothing else.
// Imports only zod and the settings schema: this file is bundled into the sandboxed preload and the renderer.
import { z } from 'zod';
import { SettingsForm, SidebarSettings } from './settings-schema';

export { LOCALES, Language, type Locale } from './settings-schema';
export { groupDigits, isLivePhase, normaliseSessionId } from './contract-helpers';

// ---- state: main owns it, the renderer mirrors it ----
/** A co-browse session's phase; the transitions are main/core/interactions/lifecycle.ts's table. */
export const JoinPhase = z.enum(['connecting', 'joined', 'active', 'ending', 'ended', 'failed']);
export type JoinPhase = z.infer<typeof JoinPhase>;

// ---- codes, not sentences: main says what happened as a code with typed parameters, the renderer says it in
// the agent's language (renderer/src/i18n/codes.ts must name words for every code here, or it does not
// type-check). Main keeps an English rendering for its own logs only. Parameters are data (IDs as typed,
// hosts, names, counts); a `problem`/`reason` parameter is a technical diagnostic (a system error, a
// validator's text), shown as written: our choice, as the agent's next step never depends on it.
const bare = <const C extends string>(code: C) => z.object({ code: z.literal(code) });
const coded = <const C extends string, S extends z.ZodRawShape>(code: C, params: S) =>
  z.object({ code: z.literal(code), params: z.object(params) });

/** Why a session ended (`deactivated`'s `reason`). The public docs give no field for it: our choice, and optional. */
export const EndReason = z.enum([
  'customer-exit',
  // The customer's page went away without exiting (tab or browser closed): our name for that deactivation.
  'customer-left',
  'agent-exit',
  'controller-stop',
  'inactivity-timeout',
  'node-lost',
]);
export type EndReason = z.infer<typeof EndReason>;

/** How a session ended: the server's reason, or the agent's or the interaction's that we ended it for. */
export const SessionEnd = z.enum([
  ...EndReason.options,
  'unknown',
  'agent-stop',
  'agent-left',
  'replaced',
  'transferred',
  'timed-out',
  'closed',
  'call-ended-or-transferred',
  'chat-ended-or-transferred',
]);
export type SessionEnd = z.infer<typeof SessionEnd>;

/** Why a `cobrowse-agent://` link was refused (main/core/deep-link/parse.ts). */
export const DeepLinkRefusal = z.enum([
  'too-long',
  'wrong-scheme',
  'not-a-url',
  'credentials-or-port',
  'unknown-action',
  'unexpected-path',
  'fragment',
  'empty-parameter',
  'unexpected-parameter',
  'no-sid',
  'several-sids',
  'sid-not-9-digits',
]);
export type DeepLinkRefusal = z.infer<typeof DeepLinkRefusal>;

/**
 * What the network layer (main/core/net/) could not get past, for joins, the connection light and the
 * connection check alike: `proxy` as diagnostics show it (credentials masked), `issuer` the name on the
 * certificate that issued the server's.
 */
const NetworkProblems = [
  coded('proxy-auth-required', { proxy: z.string() }),
  coded('proxy-refused', { proxy: z.string(), status: z.number().int() }),
  coded('proxy-unreachable', { proxy: z.string(), cause: z.string() }),
  coded('certificate-untrusted', { host: z.string(), issuer: z.string() }),
  coded('certificate-expired', { host: z.string(), issuer: z.string() }),
  coded('certificate-wrong-name', { host: z.string(), issuer: z.string() }),
  coded('plain-http-refused', { host: z.string() }),
] as const;
export const NetworkProblem = z.discriminatedUnion('code', [...NetworkProblems]);
export type NetworkProblem = z.infer<typeof NetworkProblem>;

/** The session ID as the agent typed it (or the chat sent it): shown back to them, never in logs. */
const Typed = { id: z.string() };
export const AppError = z.discriminatedUnion('code', [
  coded('invalid-token', Typed),
  coded('session-not-found', Typed),
  coded('session-ended', Typed),
  coded('join-refused', Typed),
  /** The Origin the server refused, when the reply named it. */
  coded('origin-not-allowed', { origin: z.string().nullable() }),
  bare('unreachable'),
  bare('timeout'),
  bare('not-owner'),
  bare('node-lost'),
  bare('protocol'),
  bare('closed'),
  bare('unknown-interaction'),
  bare('interaction-ended'),
  /** One co-browse session per agent: the live one, named (its start is epoch ms, shown in the agent's clock). */
  coded('session-live', {
    token: z.string(),
    customer: z.string().nullable(),
    media: z.enum(['chat', 'voice']).nullable(),
    since: z.number().nullable(),
  }),
  bare('settings-during-session'),
  bare('sign-out-during-session'),
  coded('set-on-command-line', { flag: z.string() }),
  coded('settings-invalid', { problem: z.string() }),
  coded('settings-problem', { problem: z.string() }),
  bare('workspace-not-set-up'),
  bare('not-workspace'),
  coded('sign-in-failed', { problem: z.string() }),
  bare('no-request'),
  /** Restart to update refused: nothing downloaded, a session under way, or no updater at all. */
  bare('update-not-downloaded'),
  bare('update-after-session'),
  bare('update-none-waiting'),
  bare('unknown-session'),
  coded('unknown-request', { name: z.string() }),
  coded('invalid-request', { name: z.string() }),
  coded('source-unavailable', { problem: z.string() }),
  /** No loopback port at all for the local API (`problem`: the system's code, e.g. EACCES). */
  coded('local-api-unavailable', { problem: z.string() }),
  coded('too-many-requests', { perSecond: z.number() }),
  /** `name`: the link's action or parameter that is not ours, where that is the refusal. */
  coded('deep-link-refused', { reason: DeepLinkRefusal, name: z.string().nullable() }),
  bare('forbidden'),
  bare('host-unreachable'),
  /** Web edition: this page holds no key of the running app (a used link, a new run, the bare address). */
  bare('link-needed'),
  /** Save diagnostics…: this host writes no files; the file the agent chose could not be written (why, in turn). */
  bare('save-unsupported'),
  coded('save-denied', { folder: z.string() }),
  coded('save-read-only', { folder: z.string() }),
  coded('save-disk-full', { folder: z.string() }),
  coded('save-is-folder', { path: z.string() }),
  coded('save-not-folder', { folder: z.string() }),
  /** `problem`: the system's error code (EIO, …), shown as written. */
  coded('save-failed', { path: z.string(), problem: z.string() }),
  /** Our own fault: the detail is in the log (Copy diagnostics), never on the agent's screen. */
  bare('internal'),
  /** A renderer died or hung and was reloaded (or, dying again and again, left); `reason` is Electron's. */
  coded('view-recovered', {
    view: z.enum(['sidebar', 'agent-page']),
    reason: z.string(),
    outcome: z.enum(['reloaded', 'left']),
  }),
  ...NetworkProblems,
]);
export type AppError = z.infer<typeof AppError>;
export type AppErrorCode = AppError['code'];
const errorCodes = new Set<string>(AppError.options.map((o) => o.shape.code.value));
export const AppErrorCode = z.custom<AppErrorCode>((c) => typeof c === 'string' && errorCodes.has(c));

/** One line of an interaction's story; a chat line's text is the customer's or agent's own words (data). */
export const TimelineNote = z.discriminatedUnion('code', [
  bare('chat-started'),
  bare('call-started'),
  coded('chat-line', { from: z.enum(['customer', 'agent', 'system']), text: z.string() }),
  bare('cobrowse-requested'),
  /** `session`: the token masked (only its last digits): the timeline outlives the session. */
  coded('request-waiting', { session: z.string() }),
  coded('request-declined', { session: z.string() }),
  bare('request-expired'),
  coded('cobrowse-joined', { session: z.string() }),
  bare('cobrowse-active'),
  coded('cobrowse-ended', { reason: SessionEnd }),
  coded('cobrowse-failed', { session: z.string(), error: AppError }),
  coded('interaction-transferred', { to: z.string().nullable() }),
  bare('interaction-timed-out'),
  bare('interaction-closed'),
  coded('attached-data-not-written', { keys: z.string(), problem: z.string() }),
]);
export type TimelineNote = z.infer<typeof TimelineNote>;
export const TimelineEntry = z.intersection(z.object({ at: z.number() }), TimelineNote);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** What the connection light's detail says: between sessions the service, in a session its node. */
export const ConnectionDetail = z.discriminatedUnion('code', [
  bare('service-reachable'),
  /** Between sessions: `host` refused or reset the connection; `cause` is the system's code for it. */
  coded('service-unreachable', { host: z.string(), cause: z.string() }),
  coded('service-silent', { host: z.string() }),
  coded('service-http-status', { host: z.string(), status: z.number().int() }),
  coded('ca-file-unusable', { file: z.string(), problem: z.string() }),
  /** `node`: the owner as `node1 (127.0.0.1:8700)`. */
  coded('node-connection-failed', { node: z.string() }),
  coded('node-forgot', { node: z.string() }),
  coded('node-silent', { node: z.string() }),
  ...NetworkProblems,
]);
export type ConnectionDetail = z.infer<typeof ConnectionDetail>;

/** What the interaction source's light says. */
export const SourceDetail = z.discriminatedUnion('code', [
  coded('apps-connected', { count: z.number().int().nonnegative() }),
  coded('listening', { address: z.string() }),
  coded('local-api-unavailable', { problem: z.string() }),
  bare('workspace-not-set-up'),
  coded('connecting', { host: z.string() }),
  coded('signed-in', { host: z.string(), user: z.string().nullable() }),
  coded('notifications-up', { host: z.string() }),
  coded('notifications-lost', { host: z.string(), problem: z.string() }),
  bare('sign-in-needed'),
  bare('sign-in-expired'),
  /** The refusal may be a missing API key rather than an expired sign-in (no key is configured). */
  coded('sign-in-refused', { host: z.string() }),
  coded('sign-in-failed', { host: z.string(), problem: z.string() }),
  coded('workspace-unusable', { host: z.string(), problem: z.string() }),
]);
export type SourceDetail = z.infer<typeof SourceDetail>;

/** Why an update's restart waits, or what went wrong. */
export const UpdateDetail = z.discriminatedUnion('code', [
  bare('wait-for-session'),
  /** Updates turned off by the administrator (the `autoUpdate` policy, or the deployment's environment). */
  bare('managed-by-administrator'),
  coded('fetch-failed', { problem: z.string() }),
]);
export type UpdateDetail = z.infer<typeof UpdateDetail>;

export const CobrowseSessionView = z.object({
  /** Local id of this co-browse attempt (not the token). */
  id: z.string(),
  /** The session ID as the agent typed or the chat sent it: shown back to them (masked only in logs). */
  token: z.string(),
  interactionId: z.string().nullable(),
  sessionHistoryId: z.string().nullable(),
  phase: JoinPhase,
  joinedAt: z.number().nullable(),
  activatedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  endReason: SessionEnd.nullable(),
  error: AppError.nullable(),
});
export type CobrowseSessionView = z.infer<typeof CobrowseSessionView>;

export const InteractionView = z.object({
  id: z.string(),
  media: z.enum(['chat', 'voice']),
  customerName: z.string(),
  /** A call's other party as its number, shown in full while the agent has the call. */
  caller: z.string().optional(),
  state: z.enum(['active', 'transferred', 'timed-out', 'closed']),
  cobrowseQuantity: z.number().int().nonnegative(),
  /** Attached data as written (confirmed by the source) and still pending in the outbox, typed. */
  attachedData: z.record(z.string(), z.union([z.string(), z.number()])),
  /** A `{start:…}` that came while another session was live: waits for the agent, gone when the chat ends. */
  cobrowseRequest: z.object({ token: z.string(), at: z.number() }).nullable(),
  pendingWrites: z.number().int().nonnegative(),
  timeline: z.array(TimelineEntry),
});
export type InteractionView = z.infer<typeof InteractionView>;

/** One co-browse session of the agent's day, as kept on disk (main/core/history/). */
export const HistoryEntry = z.object({
  /** The session's local id (CobrowseSessionView.id). */
  id: z.string(),
  /** The session ID, masked (only its last digits): the history outlives the session. */
  sessionId: z.string(),
  customerName: z.string().nullable(),
  /** The call's number, masked (its last 4 digits) like the session ID: the history outlives the call. */
  caller: z.string().optional(),
  interactionId: z.string().nullable(),
  media: z.enum(['chat', 'voice']).nullable(),
  /** Activation, or the join when the customer never came. */
  startedAt: z.number(),
  /** Active co-browse time, whole seconds. */
  activeSeconds: z.number().int().nonnegative(),
  endedAt: z.number(),
  /**
   * How it ended: the error's code, else the end reason. Entries written before codes crossed hold main's
   * English sentence: still accepted (the day's journal must survive the upgrade) and shown as written.
   */
  ending: z.union([z.object({ error: AppErrorCode }), z.object({ end: SessionEnd }), z.string()]),
  /** The interaction's attached data: all delivered, some still pending, or no interaction to write to. */
  attachedData: z.enum(['written', 'pending', 'none']),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const AgentView = z.object({
  /** Which co-browse session the agent page shows. */
  sessionId: z.string(),
  /** `<owner>/cobrowse/slave.html#nosidinput=1&sid=<token>[&debug=1]`: carries the full token by design. */
  url: z.string(),
  /** Cookie-mode stickiness the agent page must carry, e.g. `gcbSessionServer=node1`. */
  cookie: z.string().nullable(),
  /** In its own window (desktop "Pop out") rather than beside the sidebar. */
  poppedOut: z.boolean(),
});

/** The sidebar's settings (defined in the settings schema) and the keys an administrator locked. */
export const SettingsView = SidebarSettings.extend({ locked: z.array(z.string()) });

export const UpdateView = z.object({
  /** disabled: no update feed (development, or not configured); ready: downloaded, waiting for a restart. */
  state: z.enum(['disabled', 'idle', 'checking', 'downloading', 'ready', 'error']),
  /** The version on offer (available or downloaded). */
  version: z.string().nullable(),
  /** Download progress 0–100 while downloading. */
  percent: z.number().min(0).max(100).nullable(),
  /** Whether `restartToUpdate` would be honoured now: never while a co-browse session is under way. */
  canRestart: z.boolean(),
  /** Why the restart waits, or what went wrong. */
  detail: UpdateDetail.nullable(),
});
export type UpdateView = z.infer<typeof UpdateView>;

export const AppState = z.object({
  mode: z.enum(['demo', 'live']),
  /** The Co-browse service the app talks to, and for the demo the customer page to open. */
  service: z.object({ url: z.string(), demoCustomerUrl: z.string().nullable() }),
  connection: z.object({
    state: z.enum(['idle', 'connecting', 'connected', 'reconnecting', 'lost']),
    detail: ConnectionDetail.nullable(),
  }),
  source: z.object({
    kind: z.enum(['local-api', 'workspace']),
    /** `listening`: the local API is up, no softphone or desktop app connected yet (not a fault). */
    state: z.enum(['starting', 'up', 'listening', 'down', 'signed-out']),
    detail: SourceDetail.nullable(),
  }),
  interactions: z.array(InteractionView),
  selectedInteractionId: z.string().nullable(),
  sessions: z.array(CobrowseSessionView),
  agentView: AgentView.nullable(),
  settings: SettingsView,
  /** The OS's UI locale (Electron's `app.getLocale()`); null in the web edition, whose page asks the browser. */
  systemLocale: z.string().nullable(),
  lastError: AppError.nullable(),
  update: UpdateView,
});
export type AppState = z.infer<typeof AppState>;

// ---- requests: the renderer asks, main answers with a Reply (errors are values: IPC loses thrown shapes) ----
const Token = z.string().max(200); // raw input: main cleans and checks it (pasted spaces, `{start:…}`, links)
const Id = z.string().min(1).max(200);

export const SettingsPatch = SettingsForm.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const Bounds = z.object({
  x: z.number().int().min(0).max(100_000),
  y: z.number().int().min(0).max(100_000),
  width: z.number().int().min(0).max(100_000),
  height: z.number().int().min(0).max(100_000),
});
export type Bounds = z.infer<typeof Bounds>;

const Empty = z.object({}).strict();

/** The settled outcome of a join: joined, or why not (with the live session that is in the way, if any). */
export const JoinOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('joined'), sessionId: z.string() }),
  z.object({
    outcome: z.literal('failed'),
    /** The failed attempt's record, when it got as far as the server; null when refused at once. */
    sessionId: z.string().nullable(),
    error: AppError,
    /** The live session that refused this join (one co-browse session per agent). */
    busyWith: z.string().nullable(),
  }),
]);
export type JoinOutcome = z.infer<typeof JoinOutcome>;

/** "Save diagnostics…": where the file went, a save dialog the agent cancelled (not an error), or, in the
 * web edition, the bundle for the page to download. */
export const SaveDiagnosticsOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), path: z.string() }),
  z.object({ outcome: z.literal('cancelled') }),
  z.object({ outcome: z.literal('download'), fileName: z.string(), text: z.string() }),
]);
export type SaveDiagnosticsOutcome = z.infer<typeof SaveDiagnosticsOutcome>;

/** One step of the connection check: its name and what it found in English (as the report), whom to ask. */
export const ConnectionCheckStep = z.object({
  step: z.string(),
  outcome: z.enum(['pass', 'fail', 'info']),
  detail: z.string(),
  ask: z.enum(['proxy team', 'PKI team', 'Genesys team', 'network team', 'administrator']).optional(),
});
export type ConnectionCheckStep = z.infer<typeof ConnectionCheckStep>;

export const requests = {
  /** The renderer mounted: main answers with the state and starts pushing events (held until then). */
  ready: { input: Empty, output: AppState },
  join: {
    input: z
      .object({
        token: Token,
        interactionId: Id.nullable().optional(),
        /** "End it and join": stop the live session first instead of being refused. */
        replace: z.boolean().optional(),
      })
      .strict(),
    output: JoinOutcome,
  },
  /** Accept (join, ending the live session first) or decline the co-browse request waiting on a chat. */
  answerRequest: {
    input: z.object({ interactionId: Id, accept: z.boolean() }).strict(),
    output: JoinOutcome.nullable(),
  },
  exit: { input: z.object({ sessionId: Id }).strict(), output: z.null() },
  stop: { input: z.object({ sessionId: Id }).strict(), output: z.null() },
  selectInteraction: { input: z.object({ interactionId: Id.nullable() }).strict(), output: z.null() },
  updateSettings: { input: SettingsPatch, output: SettingsView },
  /** Where the agent page goes, in CSS pixels of the sidebar window; null hides it (desktop host only). */
  setAgentViewBounds: { input: z.object({ bounds: Bounds.nullable() }).strict(), output: z.null() },
  /** Moves the agent page to its own large window, and back. */
  popOutAgentView: { input: z.object({ out: z.boolean() }).strict(), output: z.object({ out: z.boolean() }) },
  dismissError: { input: Empty, output: z.null() },
  /** Workspace source: sign in in the browser. `openUrl` is for the web edition's page to open itself. */
  workspaceSignIn: { input: Empty, output: z.object({ openUrl: z.string().nullable() }) },
  /** Workspace source: use an access token pasted by the agent (testing). */
  workspaceUseToken: { input: z.object({ token: z.string().min(1).max(8192) }).strict(), output: z.null() },
  workspaceSignOut: { input: Empty, output: z.null() },
  restartToUpdate: { input: Empty, output: z.null() },
  /** Desktop: copies to the clipboard itself (`text` null); web: returns the bundle for the page to copy. */
  copyDiagnostics: { input: Empty, output: z.object({ text: z.string().nullable() }) },
  /** Desktop: the save dialog, then the file written; web: the bundle for the page's download. */
  saveDiagnostics: { input: Empty, output: SaveDiagnosticsOutcome },
  /**
   * The connection check (Settings): each step's line and whom to ask, as text to show, save and send. Our
   * choice: in English, as the proxy, PKI and Genesys teams who read it expect their own terms.
   */
  checkConnection: {
    input: Empty,
    output: z.object({ ok: z.boolean(), report: z.string(), steps: z.array(ConnectionCheckStep) }),
  },
  /** Today's co-browse sessions, oldest first (kept on disk across restarts). */
  history: { input: Empty, output: z.object({ entries: z.array(HistoryEntry) }) },
} as const;
export type RequestName = keyof typeof requests;
export type RequestInput<K extends RequestName> = z.input<(typeof requests)[K]['input']>;
export type RequestOutput<K extends RequestName> = z.infer<(typeof requests)[K]['output']>;
export const requestNames = Object.keys(requests) as RequestName[];

export type Reply<T> = { ok: true; value: T } | { ok: false; error: AppError };
// ---- events: main pushes ----
export const events = {
  state: AppState,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.infer<(typeof events)[K]>;
export const eventNames = Object.keys(events) as EventName[];

/** Electron IPC channel names derive from the keys: `cobrowse:req:<name>` and `cobrowse:evt:<name>`. */
export const CHANNEL_PREFIX = 'cobrowse:';
export const requestChannel = (name: RequestName) => `${CHANNEL_PREFIX}req:${name}`;
export const eventChannel = (name: EventName) => `${CHANNEL_PREFIX}evt:${name}`;

// ---- the web edition's WebSocket frames carry the same calls ----
export const WireFromPage = z
  .object({ id: z.number().int().nonnegative(), name: z.string(), input: z.unknown() })
  .strict();
export const WireFromHost = z.union([
  z.object({ id: z.number().int().nonnegative(), reply: z.unknown() }).strict(),
  z.object({ event: z.string(), payload: z.unknown() }).strict(),
]);

export type WireFromPage = z.infer<typeof WireFromPage>;
export type WireFromHost = z.infer<typeof WireFromHost>;

/**
 * The web edition's socket to its host: `down` while lost (the bridge reconnects by itself), `restarted` when
 * the host answers again but as a new run whose key this page does not hold.
 */
export type HostLink = 'up' | 'down' | 'restarted';

/** What the page sees as `window.cobrowse`: one method per request, one subscription per event. */
export type CobrowseApi = {
  readonly host: 'desktop' | 'web';
  invoke<K extends RequestName>(name: K, input: RequestInput<K>): Promise<Reply<RequestOutput<K>>>;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
  /** Web edition only (IPC to the desktop's own main process is never lost). */
  onHostLink?(listener: (link: HostLink) => void): () => void;
};
