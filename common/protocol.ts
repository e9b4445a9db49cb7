// The Co-browse Server protocol as docs/protocol.md describes it: the one source of truth for the
// controller client and the simulator. Every message crossing the wire is parsed with these schemas.
import { z } from 'zod';
import { EndReason } from './contract';
import { TOKEN_PATTERN } from './session-id';

export { TOKEN_PATTERN };
/** Chat trigger from the integration guide: the whole message, nothing around it. */
export const CHAT_START_PATTERN = /^\{start:(\d{9})\}$/;

export const STICKY_COOKIE = 'gcbSessionServer';

export const paths = {
  restBase: '/cobrowse/rest/live',
  health: '/cobrowse/health',
  cometd: '/cobrowse/cometd',
  agentPage: '/cobrowse/slave.html',
} as const;

export const Role = { customer: 1, agent: 2, controller: 3 } as const;
export const RoleSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type RoleNumber = z.infer<typeof RoleSchema>;

/** A session token: exactly 9 digits. Unbranded in what the simulator receives (it checks its own input). */
const WireToken = z.string().regex(TOKEN_PATTERN, 'a session token is exactly 9 digits');
/**
 * A co-browse session token in main: checked once where a token enters (a typed join or deep link, a chat,
 * a desktop app's request) and carried branded, so nothing past that boundary checks it again.
 */
export const SessionToken = WireToken.brand<'SessionToken'>();
export type SessionToken = z.infer<typeof SessionToken>;
/** The text as a session token, or null when it is not one. */
export const sessionTokenOf = (text: string): SessionToken | null =>
  SessionToken.safeParse(text).data ?? null;
export const UtcMillis = z.number().int().nonnegative();

// ---- REST ----
export const CreateSessionResponse = z.object({
  sessionToken: SessionToken,
  sessionServerName: z.string().min(1),
});
export const GetSessionResponse = z.object({
  sessionToken: SessionToken,
  sessionServerName: z.string().min(1),
  /** Absent or null unless the node has its `serverUrl` option; may carry a path prefix, which is kept. */
  sessionServerUrl: z
    .url()
    .nullish()
    .transform((v) => v ?? undefined)
    .optional(),
});
export type GetSessionResponse = z.infer<typeof GetSessionResponse>;
export const StopResponse = z.object({ activationTime: UtcMillis.optional(), deactivationTime: UtcMillis });

export const RestErrorCode = z.enum([
  'session-not-found',
  'invalid-token',
  'origin-not-allowed',
  'not-owner',
  'forbidden',
  'invalid-request',
]);
export type RestErrorCode = z.infer<typeof RestErrorCode>;
export const RestErrorBody = z.object({ error: RestErrorCode, message: z.string().optional() });

// ---- CometD ----
export const channels = {
  create: '/service/session/create',
  join: '/service/session/join',
  exit: '/service/session/exit',
  stop: '/service/session/stop',
  joined: '/service/session/joined',
  activated: '/service/session/activated',
  deactivated: '/service/session/deactivated',
} as const;

export const CometErrorCode = z.enum([
  'session-not-found',
  'session-ended',
  'not-owner',
  'forbidden',
  'invalid-request',
]);
export type CometErrorCode = z.infer<typeof CometErrorCode>;
export const CometErrorReply = z.object({ error: CometErrorCode, message: z.string() });
export type CometErrorReply = z.infer<typeof CometErrorReply>;

// Lenient where Genesys's own examples are (protocol.md): the docs' join reply has `"userId": 2` beside
// `"userId": "1"`, and no name for the controller. Ids are read as strings whatever they came as.
const UserId = z.union([z.string().min(1), z.number().finite()]).transform(String);
const OptionalName = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined)
  .optional();

export const User = z.object({ userId: UserId, role: RoleSchema, name: OptionalName });
export type User = z.infer<typeof User>;

export const CreateRequest = z.object({}).strict();
export const CreateReply = z.object({ sessionToken: SessionToken });
export const JoinRequest = z.object({
  sessionToken: WireToken,
  role: RoleSchema,
  name: z.string().max(200).optional(),
});
export type JoinRequest = z.infer<typeof JoinRequest>;
export const JoinReply = z.object({
  userToken: z.string().min(1),
  userId: UserId,
  users: z.array(User),
  /** A UUID in the docs' prose, `"abc789"` in their example: any non-empty string. */
  sessionHistoryId: z.string().min(1),
});
export type JoinReply = z.infer<typeof JoinReply>;
export const UserTokenRequest = z.object({ userToken: z.string().min(1) });
export const EmptyReply = z.object({}).strict();

export const JoinedNotification = User;
export const ActivatedNotification = z.object({ activationTime: UtcMillis });
// Why a session ended (`reason`): defined in the contract, as it crosses to the sidebar too.
export { EndReason };
export const DeactivatedNotification = z.object({
  activationTime: UtcMillis.optional(),
  deactivationTime: UtcMillis,
  reason: EndReason.optional(),
});
export type DeactivatedNotification = z.infer<typeof DeactivatedNotification>;

/** A reply on a request channel is either the success shape or an error reply. */
export function parseReply<T extends z.ZodType>(
  schema: T,
  data: unknown,
): { ok: true; value: z.infer<T> } | { ok: false; error: CometErrorReply } {
  const err = CometErrorReply.safeParse(data);
  if (err.success) return { ok: false, error: err.data };
  const ok = schema.safeParse(data);
  if (ok.success) return { ok: true, value: ok.data };
  return {
    ok: false,
    error: { error: 'invalid-request', message: `malformed reply: ${z.prettifyError(ok.error)}` },
  };
}

/** `<base>/cobrowse/slave.html`: what the browser requests for the agent page (the fragment never leaves it). */
export const agentPageAddress = (base: string): URL => new URL(base.replace(/\/+$/, '') + paths.agentPage);

/**
 * `<base>/cobrowse/slave.html#nosidinput=1&sid=<token>[&debug=1]`; base is `<scheme>://<host>:<port>` plus any
 * path prefix a proxy puts in front of the node (`https://lb.example/node1`), which is kept.
 */
export function agentPageUrl(base: string, token: SessionToken, opts: { debug?: boolean } = {}): string {
  const url = agentPageAddress(base);
  url.hash = `nosidinput=1&sid=${token}${opts.debug ? '&debug=1' : ''}`;
  return url.toString();
}
