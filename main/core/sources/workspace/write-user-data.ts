// Attached data written to the agent's interaction with update-user-data (the chat's media endpoint or the
// call's voice endpoint), and what the outbox should make of the answer: done, retry, or never (WriteRefused).
import type { AttachedData } from '../../../../common/source-events';
import { ApiStatusReply, type UpdateUserData } from '../../../../common/workspace-wire';
import { WriteRefused } from '../port';
import { isRefusal } from './api';
import type { WorkspaceLink } from './link';

class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The request body: KVList types as Genesys's clients send them, `int` for the quantity and the duration. */
function updateBody(data: AttachedData, writeId: string): UpdateUserData {
  return {
    // update-user-data replaces pairs with the same keys, so a redelivery is harmless; the operationId lets
    // the server's logs tie a retry to its first attempt.
    operationId: writeId,
    data: {
      userData: Object.entries(data).map(([key, value]) =>
        typeof value === 'number' ? { key, type: 'int', value } : { key, type: 'str', value },
      ),
    },
  };
}

export async function writeUserData(
  link: WorkspaceLink,
  interactionId: string,
  data: AttachedData,
  writeId: string,
): Promise<void> {
  const { status, host } = link;
  if (status.state !== 'up') throw new Error(`the Workspace API is not connected (${status.state})`);
  const held = link.translator.known.get(interactionId);
  if (!held) throw new Error(`interaction ${interactionId} is not (yet) known to the Workspace connection`);
  const id = encodeURIComponent(interactionId);
  const path =
    held.media === 'voice'
      ? `/voice/calls/${encodeURIComponent(link.translator.connIdOf(interactionId))}/update-user-data`
      : `/media/${encodeURIComponent(held.mediatype)}/interactions/${id}/update-user-data`;
  const refused = link.refusal();
  const reply = await link.http.call('POST', path, { body: updateBody(data, writeId) });
  if (isRefusal(reply.status)) {
    refused();
    throw new HttpStatusError(
      reply.status,
      `${host} refused update-user-data: the sign-in is no longer valid`,
    );
  }
  const parsed = ApiStatusReply.safeParse(reply.json);
  if (reply.status === 200 && parsed.success && parsed.data.status.code <= 1) return;
  const why = `${host} answered update-user-data for ${interactionId} with HTTP ${reply.status}${parsed.success && parsed.data.status.message ? `: ${parsed.data.status.message}` : ''}`;
  // A 4xx other than an expired sign-in or a throttle will not change on retry (the interaction is gone).
  const final = reply.status >= 400 && reply.status < 500 && reply.status !== 408 && reply.status !== 429;
  throw final ? new WriteRefused(why) : new HttpStatusError(reply.status, why);
}
