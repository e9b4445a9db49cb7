// The attached data of the spec's table, built at the moments it names.
import type { AttachedData } from '../../../common/source-events';

/** On the join reply: associated, how many co-browse sessions this interaction has had, and this one's id. */
export function onJoinReply(quantity: number, sessionHistoryId: string): AttachedData {
  return {
    CoBrowseAssociated: 'Yes',
    CoBrowseSessionsQuantity: String(quantity),
    CoBrowseSessionId: sessionHistoryId,
  };
}

/** On activation: when the session started, ISO 8601 in UTC. */
export function onActivation(activationTime: number): AttachedData {
  return { CoBrowseStartTime: new Date(activationTime).toISOString() };
}
