// What the Workspace simulator's REST routes share: the parts they act on, the shape of a route, and the
// replies every route gives the same way.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ActivateChannels } from '../../common/workspace-wire';
import { readBody, sendJson } from '../http/io';
import type { WorkspaceAuthSim } from './auth-sim';
import type { CallModel } from './calls';
import type { ChatModel } from './chats';
import type { WorkspaceFaults } from './faults';
import type { Session, WorkspaceSessions } from './sessions';

/** The agent as initialization and current-session describe it (agents.yaml of Genesys's simulator). */
export interface SimAgent {
  userName: string;
  employeeId: string;
  agentLogin: string;
  defaultPlace: string;
}

/** Counters for tests. */
export interface SimCounts {
  updateRequests: number;
  handshakes: number;
  activations: number;
  logouts: number;
  missingKey: number;
}

export interface ApiDeps {
  agent: SimAgent;
  auth: WorkspaceAuthSim;
  sessions: WorkspaceSessions;
  faults: WorkspaceFaults;
  chats: ChatModel;
  calls: CallModel;
  counts: SimCounts;
  onActivated(data: ActivateChannels['data']): void;
}

export interface ApiCall {
  req: IncomingMessage;
  res: ServerResponse;
  session: Session;
  /** The route's captures, %-decoded. */
  params: string[];
}

export interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  run(d: ApiDeps, c: ApiCall): void | Promise<void>;
}

export const OK = { status: { code: 0 } };
export const notFound = (res: ServerResponse) =>
  sendJson(res, 404, { status: { code: 404, message: 'no such interaction' } });
export const noSession = (req: IncomingMessage, res: ServerResponse) => {
  req.resume();
  sendJson(res, 401, { status: { code: 401, message: 'no valid Workspace session' } });
};

/** As Genesys's simulator answers a request it accepted: code 1, completing asynchronously. */
export function accepted(res: ServerResponse, operationId: string): void {
  sendJson(res, 200, { status: { code: 1 }, operationId });
}

/** A JSON body (`{}` when empty). */
export async function jsonBody(req: IncomingMessage, limit = 32 * 1024): Promise<unknown> {
  const text = await readBody(req, limit);
  return text.trim() === '' ? {} : JSON.parse(text);
}
