// The shapes of the Genesys docs' examples, for a simulator that answers as those examples do (the
// `docsExamples` option): clients must accept what the docs show, not only what our own schemas produce.
import type { JoinReply } from '../../common/protocol';

/**
 * The join reply as the Genesys docs' example has it: the caller's `userId` a number while `users[].userId`
 * are strings, no name for the controller, and a history id that is not a UUID (stable per session).
 */
export function docsJoinReply(reply: JoinReply): unknown {
  const numeric = (id: string) => id.replace(/\D/g, '');
  return {
    ...reply,
    userId: Number(numeric(reply.userId)),
    users: reply.users.map((u) => ({
      userId: numeric(u.userId),
      role: u.role,
      ...(u.role === 3 || u.name === undefined ? {} : { name: u.name }),
    })),
    sessionHistoryId: `h${reply.sessionHistoryId.replace(/-/g, '').slice(0, 10)}`,
  };
}
