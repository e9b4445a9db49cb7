// The Workspace API (Genesys Engage, `/workspace/v3`) and Authentication API (`/auth/v3`) as far as this
// connector uses them: request bodies, replies and CometD notification payloads, as zod schemas. Shapes follow
// the public `genesys-workspace-client-js` (9.0.x) and its generated models; notifications are loose objects
// because the server adds fields freely.
import { z } from 'zod';

export const WORKSPACE_PREFIX = '/workspace/v3';
export const AUTH_PREFIX = '/auth/v3';
export const SESSION_COOKIE = 'WORKSPACE_SESSIONID';

export const notificationChannels = {
  initialization: `${WORKSPACE_PREFIX}/initialization`,
  voice: `${WORKSPACE_PREFIX}/voice`,
  chat: `${WORKSPACE_PREFIX}/media/chat`,
} as const;

/** Every REST reply: `{status:{code, message?}}`, code 0 = done (1 = accepted, completing asynchronously). */
export const ApiStatusReply = z.looseObject({
  status: z.looseObject({ code: z.number(), message: z.string().optional() }),
});

/** `POST /auth/v3/oauth/token` (authorization_code with PKCE, or refresh_token). */
export const TokenReply = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
});
export type TokenReply = z.infer<typeof TokenReply>;

export const KvPair = z.object({ key: z.string(), type: z.string(), value: z.unknown() });
export type KvPair = z.infer<typeof KvPair>;

/** Body of both update-user-data requests: the pairs replace existing ones with the same keys. */
export const UpdateUserData = z.object({
  operationId: z.string().optional(),
  data: z.object({ userData: z.array(KvPair) }),
});
export type UpdateUserData = z.infer<typeof UpdateUserData>;

/** `/workspace/v3/initialization`: the session's state after initialize-workspace. */
export const InitializationNotice = z.looseObject({
  state: z.enum(['NotStarted', 'Executing', 'Complete', 'Failed']),
  data: z.looseObject({ user: z.looseObject({ userName: z.string().optional() }).optional() }).optional(),
});

const Participant = z.looseObject({ type: z.string().optional(), nickname: z.string().optional() });

export const ChatInteraction = z.looseObject({
  id: z.string().min(1).max(200),
  state: z.string(),
  mediatype: z.string().default('chat'),
  queue: z.string().optional(),
  userData: z.array(KvPair).optional(),
  chat: z.looseObject({ participants: z.array(Participant).optional() }).optional(),
});

export const InteractionStateChanged = z.looseObject({
  messageType: z.literal('InteractionStateChanged'),
  notificationType: z.string().optional(),
  interaction: ChatInteraction,
});

export const TranscriptMessage = z.looseObject({
  type: z.string(),
  index: z.number().int(),
  from: Participant.optional(),
  text: z.string().optional(),
});
export type TranscriptMessage = z.infer<typeof TranscriptMessage>;

export const MessageLogUpdated = z.looseObject({
  messageType: z.literal('MessageLogUpdated'),
  // The generated client reads `interactionId`; its own example payload shows `id`.
  interactionId: z.string().optional(),
  id: z.string().optional(),
  messages: z.array(TranscriptMessage).default([]),
});

export const Call = z.looseObject({
  id: z.string().min(1).max(200),
  state: z.string(),
  previousConnId: z.string().optional(),
  participants: z.array(z.looseObject({ number: z.string().optional() })).optional(),
  userData: z.array(KvPair).optional(),
});

export const CallStateChanged = z.looseObject({
  messageType: z.literal('CallStateChanged'),
  notificationType: z.string().optional(),
  call: Call,
});

/** `GET /workspace/v3/media/{mediatype}/interactions/{id}/messages`: the transcript, for a resync. */
export const MessagesReply = z.looseObject({
  status: z.looseObject({ code: z.number() }),
  data: z.looseObject({ messages: z.array(TranscriptMessage).default([]) }),
});
