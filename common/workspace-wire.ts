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

/** Both clients' CallState. */
export const CALL_STATES = ['Ringing', 'Dialing', 'Established', 'Held', 'Released', 'Completed'] as const;
export type CallState = (typeof CALL_STATES)[number];

/** Both clients' NotificationType of CallStateChanged (Genesys's simulator adds CallRecordingStateChange). */
export const CALL_NOTIFICATION_TYPES = [
  'StateChange',
  'ParticipantsUpdated',
  'AttachedDataChanged',
  'CallRecovered',
  'CallRecordingStateChange',
] as const;

const CallParticipant = z.looseObject({ number: z.string().optional(), role: z.string().optional() });

/**
 * A call as we accept it: the fields of the JS client's `Call` model (type, id, previousConnId, parentConnId,
 * phoneNumber, connId, callUuid, callType, state, capabilities, participants, dnis, ani, recordingState,
 * userData, extensions), all but id and state optional, unknown ones kept.
 */
export const Call = z.looseObject({
  type: z.string().optional(),
  id: z.string().min(1).max(200),
  /** Set when the server renumbered the call (the target of a two-step transfer or conference). */
  previousConnId: z.string().optional(),
  /** Set on a consult call: the call it consults about (two-step transfer or conference). */
  parentConnId: z.string().optional(),
  /** The agent's own phone number (the client's model), never the other party. */
  phoneNumber: z.string().optional(),
  connId: z.string().optional(),
  callUuid: z.string().optional(),
  /** Internal, Inbound, Outbound, Consult. */
  callType: z.string().optional(),
  // Lenient: an unknown future state is kept as text and ignored by the translator.
  state: z.string(),
  capabilities: z.array(z.string()).optional(),
  /** The other parties on the call (CallParticipants: number, role). */
  participants: z.array(CallParticipant).optional(),
  dnis: z.string().optional(),
  ani: z.string().optional(),
  recordingState: z.string().optional(),
  userData: z.array(KvPair).optional(),
  // A list of pairs in the model; Genesys's simulator sends `{}` when it has none.
  extensions: z.union([z.array(KvPair), z.looseObject({})]).optional(),
});
export type Call = z.infer<typeof Call>;

/** A call as our simulator sends it: every field of the JS client's `Call` model, typed, nothing else. */
export const SentCall = z.strictObject({
  /** The model has it without a documented value; 'Call' is our choice (Genesys's simulator omits it). */
  type: z.literal('Call'),
  id: z.string().min(1),
  /** Only on a call the server renumbered (the model: "present if the ID has changed"). */
  previousConnId: z.string().min(1).optional(),
  /** Only on a consult call (the model: "present on consult calls"). */
  parentConnId: z.string().min(1).optional(),
  phoneNumber: z.string(),
  connId: z.string().min(1),
  callUuid: z.string().min(1),
  callType: z.enum(['Inbound', 'Outbound', 'Internal', 'Consult']),
  state: z.enum(CALL_STATES),
  capabilities: z.array(z.string()),
  participants: z.array(z.strictObject({ number: z.string(), role: z.string() })),
  dnis: z.string(),
  ani: z.string(),
  recordingState: z.enum(['Stopped', 'Recording', 'Paused']),
  userData: z.array(KvPair),
  extensions: z.array(KvPair),
});
export type SentCall = z.infer<typeof SentCall>;

export const CallStateChanged = z.looseObject({
  messageType: z.literal('CallStateChanged'),
  notificationType: z.string().optional(),
  call: Call,
});

/** CallStateChanged as our simulator sends it. */
export const SentCallStateChanged = z.strictObject({
  messageType: z.literal('CallStateChanged'),
  notificationType: z.enum(CALL_NOTIFICATION_TYPES),
  call: SentCall,
});
export type SentCallStateChanged = z.infer<typeof SentCallStateChanged>;

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
