// The InteractionSource port: where primary interactions (chats, calls) come from and where attached data
// go. Events are schemas, so the local integration API validates with exactly these.
import { z } from 'zod';

export const Media = z.enum(['chat', 'voice']);
export const InteractionId = z.string().min(1).max(200);

export const SourceEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('interaction-added'),
    interactionId: InteractionId,
    media: Media,
    customerName: z.string().max(200).default('Customer'),
  }),
  z.object({
    type: z.literal('chat-message'),
    interactionId: InteractionId,
    from: z.enum(['customer', 'agent', 'system']),
    text: z.string().max(10_000),
    messageId: z.string().max(200).optional(),
  }),
  z.object({
    type: z.literal('interaction-transferred'),
    interactionId: InteractionId,
    to: z.string().max(200).optional(),
  }),
  z.object({ type: z.literal('handling-timeout'), interactionId: InteractionId }),
  z.object({ type: z.literal('interaction-closed'), interactionId: InteractionId }),
  /** A desktop app asks to co-browse: token from a call, a CRM, … (interaction optional). */
  z.object({ type: z.literal('join-requested'), token: z.string(), interactionId: InteractionId.optional() }),
]);
export type SourceEvent = z.infer<typeof SourceEvent>;

/** The attached-data keys of the spec's table; values are strings, as contact-center user data are. */
export const AttachedData = z
  .object({
    CoBrowseAssociated: z.literal('Yes'),
    CoBrowseSessionsQuantity: z.string().regex(/^\d+$/),
    CoBrowseSessionId: z.string(),
    CoBrowseStartTime: z.string(),
  })
  .partial();
export type AttachedData = z.infer<typeof AttachedData>;

export type SourceStatus = { state: 'starting' | 'up' | 'down' | 'signed-out'; detail?: string };

export interface InteractionSource {
  readonly kind: 'local-api' | 'workspace';
  start(onEvent: (event: SourceEvent) => void, onStatus: (status: SourceStatus) => void): Promise<void>;
  stop(): Promise<void>;
  /**
   * Write attached data to the interaction. Must be idempotent for the same `writeId` (the outbox may
   * deliver twice after a crash); rejects while the interaction source is unreachable, so the outbox retries,
   * or with `WriteRefused` when retrying can never help.
   */
  applyAttachedData(interactionId: string, data: AttachedData, writeId: string): Promise<void>;
}

/**
 * Thrown by `applyAttachedData` when the source will never accept this write (the interaction is gone, the
 * data are refused): the outbox records it as abandoned instead of retrying it forever.
 */
export class WriteRefused extends Error {
  override readonly name = 'WriteRefused';
}
