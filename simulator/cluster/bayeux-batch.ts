// A Bayeux batch as a node accepts it, over long-polling (an HTTP body) or WebSocket (a frame):
// concrete channel names only (no wildcards), bounded count, bounded size.
import type { ServerMessage } from 'cometd-nodejs-server';
import { z } from 'zod';
import type { Logger } from '../../common/logger';

/** Limits: a whole HTTP body (or WebSocket frame) of Bayeux messages. */
export const MAX_BODY_BYTES = 64 * 1024;

const ChannelName = z
  .string()
  .max(200)
  .regex(/^\/[A-Za-z0-9_.~-]+(\/[A-Za-z0-9_.~-]+)*$/, 'a concrete channel name');
const BayeuxMessage = z.looseObject({ channel: ChannelName });
const BayeuxBatch = z
  .union([z.array(BayeuxMessage).min(1).max(50), BayeuxMessage])
  .transform((m) => (Array.isArray(m) ? m : [m]));

export interface BayeuxBatchEntry {
  node: string;
  transport: 'long-polling' | 'websocket';
  channels: string[];
}

export type ParseBatch = (
  text: string,
  transport: BayeuxBatchEntry['transport'],
) => ServerMessage[] | undefined;

/** Parses a batch's text, telling `onBatch` of each one accepted; undefined (logged) for a malformed one. */
export function batchParser(
  node: string,
  logger: Logger,
  onBatch: ((batch: BayeuxBatchEntry) => void) | undefined,
): ParseBatch {
  return (text, transport) => {
    try {
      const batch = BayeuxBatch.parse(JSON.parse(text)) as ServerMessage[];
      onBatch?.({ node, transport, channels: batch.map((m) => m.channel) });
      return batch;
    } catch (err) {
      logger.warn('malformed Bayeux request', {
        err: err instanceof z.ZodError ? z.prettifyError(err) : err,
      });
      return undefined;
    }
  };
}
