// What an interaction source reports (chats, calls, their end) and the attached data it writes, as schemas:
// the local integration API validates with exactly these, and the simulators speak them.
import { z } from 'zod';

export const Media = z.enum(['chat', 'voice']);
export const InteractionId = z.string().min(1).max(200);

export const SourceEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('interaction-added'),
    interactionId: InteractionId,
    media: Media,
    customerName: z.string().max(200).default('Customer'),
    /** A call's other party, as its number (the name, when the source has one, is customerName). */
    caller: z.string().max(200).optional(),
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
  z.object({
    type: z.literal('interaction-closed'),
    interactionId: InteractionId,
    /** The source cannot tell a hang-up from a transfer (Genesys's Workspace API shows both as Released/Completed). */
    endedOrTransferred: z.boolean().optional(),
  }),
  /** A desktop app asks to co-browse: token from a call, a CRM, … (interaction optional). */
  z.object({ type: z.literal('join-requested'), token: z.string(), interactionId: InteractionId.optional() }),
]);
export type SourceEvent = z.infer<typeof SourceEvent>;

/**
 * The attached-data keys of Genesys's ADOverview (protocol.md), typed as Genesys reporting reads them: the
 * quantity an integer, the duration a number, the rest strings. A journal written before they were typed
 * carries the quantity as a digit string: read leniently, written typed.
 */
const YesNo = z.enum(['Yes', 'No']);
export const AttachedData = z
  .object({
    CoBrowseAssociated: YesNo,
    CoBrowseSessionsQuantity: z.union([
      z.number().int().nonnegative(),
      z.string().regex(/^\d+$/).transform(Number),
    ]),
    CoBrowseSessionId: z.string(),
    CoBrowseStartTime: z.string(),
    CoBrowseDuration: z.number().nonnegative(),
    IsCoBrowseDenied: YesNo,
  })
  .partial();
export type AttachedData = z.infer<typeof AttachedData>;
