// The live mirror's CometD channels (our choice; the public Co-browse docs do not describe the DOM stream).
// The customer page records its DOM with rrweb and streams the events; the agent page replays them. Every
// client → server message carries the sender's userToken, which decides its role and session.
// The channel names and the chunk size come from the browser pages' own module (one source for both sides):
//   events    customer → server: one chunk of a batch of rrweb events; server → agent: the whole batch
//   sync      agent → server: everything since the last full snapshot; answered on the same channel
//   snapshot  server → customer: take a fresh full snapshot (the buffer was dropped or never started)
//   pointer   agent → server → customer: the agent's pointer, and its clicks as markers
//   control   write-mode consent: agent requests/releases, customer accepts/declines/revokes; both get the mode
//   input     agent → server → customer, write mode only: typing and clicks in the mirrored page
import { z } from 'zod';
import { CHUNK_CHARS, MIRROR } from '../public/js/mirror/wire.js';

export const mirrorChannels = MIRROR;
export const MIRROR_PREFIX = '/service/mirror/';

/** A batch is split in chunks of this many characters (under the clients' and the node's message caps). */
export const MIRROR_CHUNK_CHARS = CHUNK_CHARS;
/** Per-message `data` cap on the mirror channels (JSON characters; a chunk may double when escaped). */
export const MIRROR_DATA_BYTES = 30_000;
/** A whole batch after reassembly. */
export const MAX_BATCH_CHARS = 4 * 1024 * 1024;
/** Buffered since the last full snapshot; beyond it the buffer is dropped and the customer re-snapshots. */
export const MAX_BUFFER_CHARS = 8 * 1024 * 1024;

const UserToken = z.string().min(1).max(200);
const Seq = z.number().int().positive();
/** rrweb node ids (the recorder's mirror) are positive integers. */
const NodeId = z.number().int().positive();

export const EventsChunk = z.object({
  userToken: UserToken,
  seq: Seq,
  last: z.boolean(),
  chunk: z.string().max(MIRROR_CHUNK_CHARS),
});
/** The envelope of an rrweb event (eventWithTime); its `data` is rrweb's business, replayed as-is. */
export const RrwebEvent = z.looseObject({
  type: z.number().int().min(0).max(6),
  timestamp: z.number(),
  data: z.unknown(),
});
export type RrwebEvent = z.infer<typeof RrwebEvent>;
export const EventsBatch = z.array(RrwebEvent).min(1).max(20_000);
export const EventsNotice = z.object({ seq: Seq, events: EventsBatch });

export const SyncRequest = z.object({ userToken: UserToken });
/** `seq` 0: nothing buffered yet (the customer was asked for a snapshot; it comes as a normal batch). */
export const SyncReply = z.object({ seq: z.number().int().nonnegative(), events: z.array(RrwebEvent) });

export const PointerRequest = z.object({
  userToken: UserToken,
  x: z.number().finite().min(-1e5).max(1e5),
  y: z.number().finite().min(-1e5).max(1e5),
  click: z.boolean().optional(),
});
export const PointerNotice = PointerRequest.omit({ userToken: true });

export const ControlAction = z.enum(['request', 'release', 'accept', 'decline', 'revoke']);
export const ControlRequest = z.object({ userToken: UserToken, action: ControlAction });
export const ControlMode = z.enum(['view', 'requested', 'write']);
export type ControlMode = z.infer<typeof ControlMode>;
export const ControlNotice = z.object({ mode: ControlMode });

export const InputRequest = z.discriminatedUnion('kind', [
  z.object({ userToken: UserToken, kind: z.literal('input'), id: NodeId, value: z.string().max(2000) }),
  z.object({ userToken: UserToken, kind: z.literal('click'), id: NodeId }),
]);
export type InputRequest = z.infer<typeof InputRequest>;
