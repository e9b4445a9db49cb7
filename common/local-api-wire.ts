// The local API's wire shapes beyond the SourceEvents of the port: WebSocket messages and error bodies.
import { z } from 'zod';
import { AttachedData, SourceEvent } from './source-events';

export const API_PREFIX = '/v1';
export const BODY_LIMIT_BYTES = 64 * 1024;
export const MAX_EVENTS_PER_REQUEST = 100;

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
