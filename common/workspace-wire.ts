// The Workspace API (Genesys Engage, `/workspace/v3`) and the sign-in of Workspace Web Edition (`/auth/v3`) as
// far as this connector uses them: request bodies, replies and CometD notification payloads, as zod schemas.
// Shapes follow Genesys's own clients (`genesys-workspace-client-js` 9.0.x, `workspace-client-java` 9.0.7x) and
// Genesys's Workspace simulator (agent-api-simulator); see docs/protocol.md, "Genesys Workspace API v3".
// Notifications are loose objects because the server adds fields freely.
import { z } from 'zod';

export const WORKSPACE_PREFIX = '/workspace/v3';
export const AUTH_PREFIX = '/auth/v3';
/** The API gateway's key header: both Genesys clients send it on every REST call and on CometD. */
export const API_KEY_HEADER = 'x-api-key';
/** The session cookie the Java client reads from initialize-workspace (Genesys's simulator sets `WWE_CODE`). */
export const SESSION_COOKIE = 'WORKSPACE_SESSIONID';

export const notificationChannels = {
  initialization: `${WORKSPACE_PREFIX}/initialization`,
  voice: `${WORKSPACE_PREFIX}/voice`,
  media: `${WORKSPACE_PREFIX}/media`,
  chat: `${WORKSPACE_PREFIX}/media/chat`,
} as const;

/** Every REST reply: `{status:{code, message?}}`, code 0 = done, 1 = accepted (completing asynchronously). */
export const ApiStatusReply = z.looseObject({
  status: z.looseObject({ code: z.number(), message: z.string().optional() }),
});

export const KvPair = z.object({ key: z.string(), type: z.string(), value: z.unknown() });
export type KvPair = z.infer<typeof KvPair>;

/** Body of both update-user-data requests: the pairs replace existing ones with the same keys. */
export const UpdateUserData = z.object({
  operationId: z.string().optional(),
  data: z.object({ userData: z.array(KvPair) }),
});
export type UpdateUserData = z.infer<typeof UpdateUserData>;

/** The agent, as initialization and current-session report it (fields the clients read for activate-channels). */
export const WorkspaceUser = z.looseObject({
  userName: z.string().optional(),
  employeeId: z.string().optional(),
  agentLogin: z.string().optional(),
  defaultPlace: z.string().optional(),
});
export type WorkspaceUser = z.infer<typeof WorkspaceUser>;

/** `/workspace/v3/initialization`: the session's state after initialize-workspace (Genesys's clients wait for Complete). */
export const InitializationNotice = z.looseObject({
  state: z.enum(['NotStarted', 'Executing', 'Complete', 'Failed']),
  data: z.looseObject({ user: WorkspaceUser.optional() }).optional(),
});

/** `POST /workspace/v3/activate-channels` (ActivatechannelsData of the JS client): agentId plus a DN or a place. */
export const ActivateChannels = z.object({
  data: z
    .object({
      agentId: z.string().min(1),
      dn: z.string().min(1).optional(),
      placeName: z.string().min(1).optional(),
    })
    .refine((d) => d.dn !== undefined || d.placeName !== undefined, 'a dn or a placeName is required'),
});
export type ActivateChannels = z.infer<typeof ActivateChannels>;

const Participant = z.looseObject({ type: z.string().optional(), nickname: z.string().optional() });

/** Chat states Genesys sends (Java client, Genesys's simulator for open media): Invited → Processing → Completed. */
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
  // The Java client reads `interactionId`; the JS client's example payload shows `id`.
  interactionId: z.string().optional(),
  id: z.string().optional(),
  messages: z.array(TranscriptMessage).default([]),
});

export const Call = z.looseObject({
  id: z.string().min(1).max(200),
  // Both clients' CallState: Ringing, Dialing, Established, Held, Released, Completed. Lenient: an unknown
  // future state is kept as text and ignored by the translator.
  state: z.string(),
  callType: z.string().optional(),
  /** Set on a consult call: the call it consults about (two-step transfer or conference). */
  parentConnId: z.string().optional(),
  /** Set when the server renumbered the call (e.g. after a transfer completed on this leg). */
  previousConnId: z.string().optional(),
  phoneNumber: z.string().optional(),
  ani: z.string().optional(),
  participants: z
    .array(z.looseObject({ number: z.string().optional(), role: z.string().optional() }))
    .optional(),
  userData: z.array(KvPair).optional(),
});
export type Call = z.infer<typeof Call>;

/** notificationType of both clients' NotificationType: StateChange, ParticipantsUpdated, AttachedDataChanged, CallRecovered. */
export const CallStateChanged = z.looseObject({
  messageType: z.literal('CallStateChanged'),
  notificationType: z.string().optional(),
  call: Call,
});

/** `GET /workspace/v3/current-session`: the agent and the calls of the active session (for a resync). */
export const CurrentSessionReply = z.looseObject({
  status: z.looseObject({ code: z.number() }),
  data: z
    .looseObject({
      user: WorkspaceUser.extend({
        activeSession: z.looseObject({ calls: z.array(Call).optional() }).optional(),
      }).optional(),
    })
    .optional(),
});

/** `GET /workspace/v3/media/{mediatype}/interactions/{id}/messages` (Java ChatApi.chatMessages): the transcript, for a resync. */
export const MessagesReply = z.looseObject({
  status: z.looseObject({ code: z.number() }),
  data: z.looseObject({ messages: z.array(TranscriptMessage).default([]) }),
});
