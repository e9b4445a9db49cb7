// The InteractionSource port: where primary interactions (chats, calls) come from and where attached data
// go; the events and attached data are the schemas of common/source-events.
import type { SourceDetail } from '../../../common/contract';
import type { AttachedData, SourceEvent } from '../../../common/source-events';
import type { SourceKind } from '../../../common/settings-schema';

export type SourceStatus = {
  state: 'starting' | 'up' | 'listening' | 'down' | 'signed-out';
  detail?: SourceDetail;
};

export interface InteractionSource {
  readonly kind: SourceKind;
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
