// The local API's wire shapes beyond the SourceEvents of the port: WebSocket messages and error bodies.
import { z } from 'zod';
import { AttachedData, SourceEvent } from './source-events';

export const API_PREFIX = '/v1';
export const BODY_LIMIT_BYTES = 64 * 1024;
export const MAX_EVENTS_PER_REQUEST = 100;

/**
 * The name a desktop app gives itself in this header, on its WebSocket upgrade and on its `POST /v1/events`,
 * so that each interaction's attached data go to the app that reported it (our choice: Genesys is silent on
 * this API). Optional: a single unnamed app is served as before.
 */
export const APP_HEADER = 'x-cobrowse-app';
export const AppName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'at most 64 letters, digits, ".", "_" or "-", starting with a letter or a digit',
  );

/** `POST /v1/events`: one event or a batch. */
export const EventsBody = z.union([SourceEvent, z.array(SourceEvent).min(1).max(MAX_EVENTS_PER_REQUEST)]);

/** App → desktop: apply these attached data to the interaction (again, if `writeId` was seen: ack it). */
export const AttachedDataPush = z.object({
  type: z.literal('attached-data'),
  interactionId: z.string(),
  data: AttachedData,
  writeId: z.string(),
});
export type AttachedDataPush = z.infer<typeof AttachedDataPush>;

/** Desktop → app. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ack'), writeId: z.string().min(1) }),
]);

export const ErrorCode = z.enum([
  'unauthorized',
  'origin-forbidden',
  'host-forbidden',
  'not-found',
  'method-not-allowed',
  'upgrade-required',
  'unsupported-media-type',
  'body-too-large',
  'invalid-json',
  'invalid-event',
  'invalid-message',
  'invalid-app',
  'too-many-requests',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;
export const ErrorBody = z.object({
  error: ErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export function issuesOf(error: z.ZodError): NonNullable<ErrorBody['issues']> {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
}

/**
 * `<data dir>/local-api.json`, the local API's discovery file: written when the API listens, removed at exit,
 * readable by the agent's OS user only. It holds the token beside the address (our choice): both change at
 * every start, one atomic file keeps them a pair, and a client that reads the address from it sends the
 * token only to the port the app itself listens on, never to whoever holds the default port. `pid` lets a
 * client tell a file left by a crash (its process is gone; its token is dead) from the live one.
 */
export const DISCOVERY_FILE = 'local-api.json';
export const Discovery = z.object({
  url: z.string().regex(/^http:\/\/127\.0\.0\.1:\d{1,5}$/),
  token: z.string().min(32),
  pid: z.number().int().positive(),
});
export type Discovery = z.infer<typeof Discovery>;
