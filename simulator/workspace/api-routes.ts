// The Workspace API's REST routes (`/workspace/v3/…`) as the simulator serves them behind the gateway's key
// check: initialize-workspace (a code or token from the sign-in half), then, on the session's cookie,
// activate-channels, current-session, logout, chat transcripts, update-user-data for chats and calls, and call
// control (voice-routes.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestUrl } from '../../common/request-path';
import {
  ActivateChannels,
  SESSION_COOKIE,
  UpdateUserData,
  WORKSPACE_PREFIX,
} from '../../common/workspace-wire';
import { readBody, sendJson } from '../http/io';
import { accepted, noSession, notFound, OK, type ApiCall, type ApiDeps, type Route } from './api-context';
import { applyUserData, type HasUserData } from './user-data';
import { VOICE_ROUTES } from './voice-routes';

function initializeWorkspace(d: ApiDeps, req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  const q = requestUrl(req.url)?.searchParams ?? new URLSearchParams();
  const good = q.has('code')
    ? d.auth.redeem(q.get('code') ?? undefined, q.get('redirect_uri') ?? undefined)
    : d.auth.tokenValid(req.headers.authorization);
  if (!good) return sendJson(res, 401, { status: { code: 401, message: 'invalid code or token' } });
  // Accepted: initialization completes asynchronously, announced on /workspace/v3/initialization.
  sendJson(
    res,
    200,
    { status: { code: 1 } },
    { 'Set-Cookie': `${SESSION_COOKIE}=${d.sessions.open()}; Path=/; HttpOnly` },
  );
}

async function activateChannels(d: ApiDeps, { req, res, session }: ApiCall): Promise<void> {
  const body = ActivateChannels.safeParse(JSON.parse((await readBody(req, 8 * 1024)) || '{}'));
  const { agentLogin, employeeId } = d.agent;
  if (!body.success || ![agentLogin, employeeId].includes(body.data.data.agentId))
    return sendJson(res, 400, {
      status: { code: 400, message: 'activate-channels: unknown agentId or no dn/placeName' },
    });
  d.counts.activations += 1;
  d.onActivated(body.data.data);
  session.activated = true;
  // A session that just activated learns the agent's open interactions.
  d.sessions.deliverTo(session, [...d.calls.recoveryNotices(), ...d.chats.recoveryNotices()]);
  sendJson(res, 200, { ...OK, data: { channels: ['voice', 'chat'] } });
}

async function updateUserData<T extends HasUserData>(
  d: ApiDeps,
  { req, res }: ApiCall,
  target: T | undefined,
  applied: (target: T) => void = () => undefined,
): Promise<void> {
  d.counts.updateRequests += 1;
  const body = UpdateUserData.parse(JSON.parse(await readBody(req, 32 * 1024)));
  if (d.faults.takeUpdateFailure())
    return sendJson(res, 503, { status: { code: 503, message: 'Interaction Server unavailable' } });
  if (!target) return notFound(res);
  const operationId = applyUserData(target, body);
  applied(target);
  accepted(res, operationId);
}

const ROUTES: Route[] = [
  { method: 'POST', path: /^\/activate-channels$/, run: activateChannels },
  {
    method: 'GET',
    path: /^\/current-session$/,
    run: (d, { res }) =>
      sendJson(res, 200, {
        ...OK,
        data: { user: { ...d.agent, activeSession: { calls: d.calls.live().map((c) => d.calls.wire(c)) } } },
      }),
  },
  {
    method: 'POST',
    path: /^\/logout$/,
    run: (d, { req, res, session }) => {
      req.resume();
      d.counts.logouts += 1;
      session.valid = false;
      sendJson(res, 200, OK);
    },
  },
  {
    method: 'GET',
    path: /^\/media\/chat\/interactions\/([^/]+)\/messages$/,
    run: (d, { res, params: [id] }) => {
      const chat = d.chats.chats.get(id!);
      if (!chat) return notFound(res);
      sendJson(res, 200, { ...OK, data: { messages: d.chats.transcript(chat) } });
    },
  },
  {
    method: 'POST',
    path: /^\/media\/chat\/interactions\/([^/]+)\/update-user-data$/,
    run: (d, c) => updateUserData(d, c, d.chats.chats.get(c.params[0]!)),
  },
  ...VOICE_ROUTES,
  {
    method: 'POST',
    path: /^\/voice\/calls\/([^/]+)\/update-user-data$/,
    run: (d, c) =>
      updateUserData(d, c, d.calls.calls.get(c.params[0]!), (call) =>
        d.calls.changed(call, 'AttachedDataChanged'),
      ),
  },
];

/** Serves a `/workspace/v3/…` API request (the key already checked). */
export async function serveWorkspaceApi(d: ApiDeps, req: IncomingMessage, res: ServerResponse, path: string) {
  const sub = path.slice(WORKSPACE_PREFIX.length);
  if (sub === '/initialize-workspace' && req.method === 'POST') return initializeWorkspace(d, req, res);
  const session = d.sessions.of(req);
  if (!session) return noSession(req, res);
  for (const route of ROUTES) {
    const m = route.path.exec(sub);
    if (!m || route.method !== req.method) continue;
    return route.run(d, { req, res, session, params: m.slice(1).map((p) => decodeURIComponent(p)) });
  }
  req.resume();
  sendJson(res, 404, { status: { code: 404, message: `no route ${path}` } });
}
