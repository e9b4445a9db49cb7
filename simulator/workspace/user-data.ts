// Attached data on a simulated interaction (chat or call): update-user-data's pairs replace those with the same
// keys, and a retried operation (same operationId) is acknowledged without being applied twice.
import { randomBytes } from 'node:crypto';
import type { KvPair, UpdateUserData } from '../../common/workspace-wire';

export interface HasUserData {
  userData: Record<string, string>;
  /** Applied writes, one per operationId. */
  writes: { operationId: string; data: Record<string, string>; pairs: KvPair[] }[];
}

/** Applies one update-user-data body; answers the operationId the reply echoes. */
export function applyUserData(target: HasUserData, body: UpdateUserData): string {
  const operationId = body.operationId ?? randomBytes(8).toString('hex');
  if (!target.writes.some((w) => w.operationId === operationId)) {
    const data = Object.fromEntries(body.data.userData.map((p) => [p.key, String(p.value)]));
    Object.assign(target.userData, data);
    target.writes.push({ operationId, data, pairs: body.data.userData });
  }
  return operationId;
}

/** The pairs as Workspace notices carry them (KVList, every value a string here). */
export const userDataPairs = (userData: Record<string, string>): KvPair[] =>
  Object.entries(userData).map(([key, value]) => ({ key, type: 'str', value }));

/** Where the models hand their notices: the sessions deliver them to every activated session. */
export type Publish = (channel: string, data: unknown) => void;

/** A notice for one session (what a session that just activated learns). */
export interface Notice {
  channel: string;
  data: unknown;
}
