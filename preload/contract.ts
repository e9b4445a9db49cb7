// The single source of truth between the sidebar (renderer) and main: every request, reply and event, as
// runtime schemas with the types derived from them. Channel names derive from the keys, so adding a call is
// one edit here. Main validates every inbound message against these; the renderer trusts nothing else.
// Imports only zod: this file is bundled into the sandboxed preload and into the renderer.
import { z } from 'zod';

// ---- state: main owns it, the renderer mirrors it ----
export const JoinPhase = z.enum([
  'idle',
  'looking-up',
  'connecting',
  'joined',
  'waiting-customer',
  'active',
  'ending',
  'ended',
  'failed',
]);
export type JoinPhase = z.infer<typeof JoinPhase>;

export const AppError = z.object({
  code: z.string(),
  /** What happened, in words an agent understands. */
  message: z.string(),
  /** What to do about it. */
  action: z.string().optional(),
});
export type AppError = z.infer<typeof AppError>;

export const CobrowseSessionView = z.object({
  /** Local id of this co-browse attempt (not the token). */
  id: z.string(),
  tokenMasked: z.string(),
  interactionId: z.string().nullable(),
  sessionHistoryId: z.string().nullable(),
  phase: JoinPhase,
  joinedAt: z.number().nullable(),
  activatedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  endReason: z.string().nullable(),
  error: AppError.nullable(),
});
export type CobrowseSessionView = z.infer<typeof CobrowseSessionView>;

export const InteractionView = z.object({
  id: z.string(),
  media: z.enum(['chat', 'voice']),
  customerName: z.string(),
  state: z.enum(['active', 'transferred', 'timed-out', 'closed']),
  cobrowseQuantity: z.number().int().nonnegative(),
  /** Attached data as written (confirmed by the source) and still pending in the outbox. */
  attachedData: z.record(z.string(), z.string()),
  pendingWrites: z.number().int().nonnegative(),
  timeline: z.array(z.object({ at: z.number(), text: z.string() })),
});
export type InteractionView = z.infer<typeof InteractionView>;

export const AgentView = z.object({
  /** Which co-browse session the agent page shows. */
  sessionId: z.string(),
  /** `<owner>/cobrowse/slave.html#nosidinput=1&sid=<token>[&debug=1]`: carries the full token by design. */
  url: z.string(),
  /** Cookie-mode stickiness the agent page must carry, e.g. `gcbSessionServer=node1`. */
  cookie: z.string().nullable(),
});

export const SettingsView = z.object({
  serviceUrl: z.string(),
  origin: z.string(),
  stickiness: z.enum(['cookie', 'url']),
  transport: z.enum(['long-polling', 'websocket']),
  agentName: z.string(),
  debug: z.boolean(),
  alwaysOnTop: z.boolean(),
  /** Keys an administrator locked in the managed settings file. */
  locked: z.array(z.string()),
});

export const UpdateView = z.object({
  /** disabled: no update feed (development, or not configured); ready: downloaded, waiting for a restart. */
  state: z.enum(['disabled', 'idle', 'checking', 'downloading', 'ready', 'error']),
  /** The version on offer (available or downloaded). */
  version: z.string().nullable(),
  /** Download progress 0–100 while downloading. */
  percent: z.number().min(0).max(100).nullable(),
  /** Whether `restartToUpdate` would be honoured now: never while a co-browse session is under way. */
  canRestart: z.boolean(),
  /** Why the restart waits, or what went wrong, in words an agent understands. */
  detail: z.string().nullable(),
});
export type UpdateView = z.infer<typeof UpdateView>;

export const AppState = z.object({
  mode: z.enum(['demo', 'live']),
  /** The Co-browse service the app talks to, and for the demo the customer page to open. */
  service: z.object({ url: z.string(), demoCustomerUrl: z.string().nullable() }),
  connection: z.object({
    state: z.enum(['idle', 'connecting', 'connected', 'reconnecting', 'lost']),
    detail: z.string().nullable(),
  }),
  source: z.object({
    kind: z.enum(['local-api', 'workspace']),
    state: z.enum(['starting', 'up', 'down', 'signed-out']),
    detail: z.string().nullable(),
  }),
  interactions: z.array(InteractionView),
  selectedInteractionId: z.string().nullable(),
  sessions: z.array(CobrowseSessionView),
  agentView: AgentView.nullable(),
  settings: SettingsView,
  lastError: AppError.nullable(),
  update: UpdateView,
});
export type AppState = z.infer<typeof AppState>;
